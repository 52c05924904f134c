"""The online link of the chain, with geopy's real Nominatim client against a local server on 127.0.0.1.

The server plays Nominatim: a JSON answer, an empty answer, HTTP 429 (then an answer), HTTP 503, a slow
answer (longer than the client's timeout) and a broken body. Delays are shrunk so the tests stay fast.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.geocode import (
    GeocodeChain, NominatimCache, OnlineError, OnlineGeocoder, OnlineSettings, PlaceQuery, geocode_places,
)

ANSWER = [{"place_id": 1, "osm_type": "relation", "osm_id": 2766380, "lat": "55.7520", "lon": "37.6175",
           "class": "boundary", "type": "administrative", "importance": 0.8, "name": "Zentraler Verwaltungsbezirk",
           "display_name": "Central Administrative Okrug, Moscow, Russia"}]


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers by the query text: 'slow …', 'broken …', 'garbled …' (no coordinates), 'busy …' (429 while
    ``busy_left``), 'down …' (503), 'nothing …' (no result); anything else gets ``ANSWER``."""

    calls: list[dict] = []
    busy_left = {"n": 0}

    def do_GET(self):  # noqa: N802 - the http.server API
        params = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        FakeNominatim.calls.append({"path": urlparse(self.path).path, "agent": self.headers.get("User-Agent"),
                                    **params})
        q = params.get("q", "")
        if q.startswith("slow"):
            time.sleep(0.4)
            return self._send(200, json.dumps(ANSWER))
        if q.startswith("broken"):
            return self._send(200, '[{"lat": "55.7", "lon": ')
        if q.startswith("garbled"):
            return self._send(200, json.dumps([{"display_name": "no coordinates"}]))
        if q.startswith("busy") and FakeNominatim.busy_left["n"] > 0:
            FakeNominatim.busy_left["n"] -= 1
            return self._send(429, "Too Many Requests", retry_after="0")
        if q.startswith("down"):
            return self._send(503, "Service Unavailable")
        if q.startswith("nothing"):
            return self._send(200, "[]")
        return self._send(200, json.dumps(ANSWER))

    def _send(self, status, body, retry_after=None):
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    FakeNominatim.calls.clear()


@pytest.fixture
def waits():
    return []


@pytest.fixture
def settings(server, waits):
    return OnlineSettings(user_agent="twinning-analysis-tests/1.0", domain=server, scheme="http", timeout=0.1,
                          min_delay_seconds=0.01, max_retries=2, backoff_seconds=0.01, sleep=waits.append)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """A project of its own (its own Nominatim cache), sharing the built gazetteer index."""
    real = project_paths(PROJECT_ROOT)
    root = tmp_path / "proj"
    shutil.copytree(real.raw, root / "data" / "raw")
    (root / ".cache").mkdir()
    (real.cache / "gazetteer").mkdir(parents=True, exist_ok=True)
    (root / ".cache" / "gazetteer").symlink_to(real.cache / "gazetteer", target_is_directory=True)
    return Paths(root)


def online(paths, settings) -> OnlineGeocoder:
    return OnlineGeocoder(NominatimCache.for_paths(paths), settings)


def test_answer_is_read_and_cached(paths, settings):
    geocoder = online(paths, settings)
    answer = geocoder.geocode("Zentraler Verwaltungsbezirk, Moskau", "RU")
    assert answer["found"] and answer["lat"] == pytest.approx(55.752) and answer["osm_id"] == 2766380
    call = FakeNominatim.calls[-1]
    assert call["path"] == "/search" and call["countrycodes"] == "ru" and call["agent"].startswith("twinning")
    assert NominatimCache.for_paths(paths).get("Zentraler Verwaltungsbezirk, Moskau", "RU")["found"]


def test_empty_answer_is_a_cached_not_found(paths, settings):
    answer = online(paths, settings).geocode("nothing here", "RU")
    assert answer["found"] is False
    assert NominatimCache.for_paths(paths).get("nothing here", "RU") == answer


def test_429_is_retried_with_backoff(paths, settings, waits):
    FakeNominatim.busy_left["n"] = 2
    answer = online(paths, settings).geocode("busy town", "RU")
    assert answer["found"] and len([c for c in FakeNominatim.calls if c["q"] == "busy town"]) == 3
    assert waits == [0.01, 0.02]  # doubled each time


@pytest.mark.parametrize("query, reason", [
    ("slow town", "timeout"), ("broken town", "malformed answer"), ("garbled town", "malformed answer"),
    ("down town", "timeout"),  # geopy maps HTTP 503 to a timeout error
])
def test_failures_give_up_after_retries_with_the_reason(paths, settings, waits, query, reason):
    with pytest.raises(OnlineError, match=reason) as info:
        online(paths, settings).geocode(query, "RU")
    assert "gave up after 3 attempts" in str(info.value)
    assert len(waits) == 2
    assert NominatimCache.for_paths(paths).get(query, "RU") is None  # failures are not cached


def test_requests_are_spaced_by_the_rate_limiter(paths, server):
    settings = OnlineSettings(user_agent="t", domain=server, scheme="http", timeout=1, min_delay_seconds=0.1)
    geocoder = online(paths, settings)
    start = time.perf_counter()
    for n in range(3):
        geocoder.geocode(f"town {n}", "RU")
    assert time.perf_counter() - start >= 0.2


def test_chain_goes_online_only_when_asked_and_never_twice(paths, settings):
    query = PlaceQuery("Atlantisowo", "RU")
    assert not GeocodeChain(paths, settings=settings).resolve(query).resolved
    assert FakeNominatim.calls == []
    first = GeocodeChain(paths, online=True, settings=settings).resolve(query)
    assert (first.method, first.admin1) == ("nominatim", "RU-MOW")
    assert len(FakeNominatim.calls) == 1
    again = GeocodeChain(paths, online=True, settings=settings).resolve(query)
    offline = GeocodeChain(paths).resolve(query)
    assert again.method == offline.method == "cache" and len(FakeNominatim.calls) == 1


def test_gazetteer_places_never_go_online(paths, settings):
    res = GeocodeChain(paths, online=True, settings=settings).resolve(PlaceQuery("Twer", "RU"))
    assert res.method == "gazetteer" and FakeNominatim.calls == []


def test_online_failure_is_unresolved_not_raised(paths, settings):
    places = pd.DataFrame({"place_id": ["a", "b"], "name": ["slow Atlantis", "Tula"], "country": ["RU", "RU"]})
    result = geocode_places(places, paths=paths, online=True, settings=settings)
    assert list(result.places["geocode_method"]) == ["unresolved", "gazetteer"]
    note = result.places.loc[0, "geocode_note"]
    assert "Nominatim" in note and "timeout" in note
    assert [(i.place_id, i.issue) for i in result.issues] == [("a", "unresolved")]


def test_an_unreachable_server_is_asked_once_and_said_once(paths, waits, caplog):
    """Network down: the first connection fails, every later name fails at once, one warning in all."""
    import socket

    with socket.socket() as probe:  # a port on 127.0.0.1 that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = OnlineSettings(user_agent="t", domain=f"127.0.0.1:{port}", scheme="http", timeout=1,
                              min_delay_seconds=0.01, max_retries=3, backoff_seconds=5, sleep=waits.append)
    chain = GeocodeChain(paths, online=True, settings=settings)
    start = time.perf_counter()
    with caplog.at_level("WARNING", logger="twinning_analysis.geocode"):
        results = [chain.resolve(PlaceQuery(f"Atlantisowo {n}", "RU")) for n in range(4)]
    assert time.perf_counter() - start < 3 and waits == []  # no backoff, no retries
    assert chain._online.requests == 1
    assert all(not r.resolved and "unreachable" in r.note for r in results)
    assert [r.message for r in caplog.records].count(f"Nominatim: {chain._online.unreachable}") == 1
    assert len(caplog.records) == 1
