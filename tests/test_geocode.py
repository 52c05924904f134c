"""The offline chain: every place in the data, hard variants, overrides, bad input, the table and the CLI."""
from __future__ import annotations

import argparse
import json
import math

import pandas as pd
import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from twinning_analysis import cli_geocode
from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.errors import DataError
from twinning_analysis.geocode import (
    GazetteerGeocoder, GeocodeChain, GeocodeIssue, NominatimCache, Overrides, PlaceQuery, geocode_places,
)
from twinning_analysis.names import split_kind

PATHS = project_paths(PROJECT_ROOT)


@pytest.fixture(scope="module")
def chain() -> GeocodeChain:
    return GeocodeChain(PATHS)


def resolve(chain, raw: str, country: str, **extra):
    name = split_kind(raw, country)
    query = PlaceQuery(name=name.base, country=country, kind=extra.pop("kind", name.kind),
                       parent=name.parent, name_raw=raw, **extra)
    return chain.resolve(query)


# Every name of the seed data and the conference venues, with the admin1 it must land in; GeoNames ids for
# the places with a trap (Kaliningrad vs Korolev, Munster vs Münster, Berlin districts, Rayons).
EXPECTED = [
    ("Düren (Kreis)", "DE", "DE-NW", 2934486), ("Kreis Düren", "DE", "DE-NW", 2934486),
    ("Zarrentin", "DE", "DE-MV", 2805193), ("Aachen", "DE", "DE-NW", 3247449),
    ("Berlin Lichtenberg", "DE", "DE-BE", 2878102), ("Essen", "DE", "DE-NW", 2928810),
    ("Pinneberg (Kreis)", "DE", "DE-SH", 2853658), ("Rems-Murr-Kreis", "DE", "DE-BW", None),
    ("Osnabrück", "DE", "DE-NI", None), ("Munster", "DE", "DE-NI", 2867542),
    ("Landshut (Landkreis)", "DE", "DE-BY", 2881485), ("Lüdenscheid", "DE", "DE-NW", None),
    ("Kornwestheim", "DE", "DE-BW", None), ("Fulda", "DE", "DE-HE", None),
    ("Berlin Neukölln", "DE", "DE-BE", 2864695), ("Witten", "DE", "DE-NW", None),
    ("Wolfsburg", "DE", "DE-NI", None), ("Dresden", "DE", "DE-SN", None), ("Herne", "DE", "DE-NW", None),
    ("Suhl", "DE", "DE-TH", None), ("Spremberg", "DE", "DE-BB", None), ("Weimar", "DE", "DE-TH", None),
    ("Hamburg", "DE", "DE-HH", None), ("Rothenburg ob der Tauber", "DE", "DE-BY", 2844056),
    ("Karlsruhe", "DE", "DE-BW", None), ("Baden-Baden", "DE", "DE-BW", None),
    ("Mytischtschi", "RU", "RU-MOS", 523812), ("Murino", "RU", "RU-LEN", 524311),
    ("Kostroma", "RU", "RU-KOS", None), ("Kaliningrad", "RU", "RU-KGD", 554234),
    ("Nischni Nowgorod", "RU", "RU-NIZ", 520555), ("Rayon Selenograd", "RU", "RU-KGD", None),
    ("Rayon Dmitrow", "RU", "RU-MOS", 565955), ("Twer", "RU", "RU-TVE", 480060),
    ("Mitschurinsk", "RU", "RU-TAM", 527191), ("Rayon Nowosibirsk", "RU", "RU-NVS", 1496747),
    ("Taganrod", "RU", "RU-ROS", None), ("Kimry", "RU", "RU-TVE", 548652),
    ("Sergijew Possad", "RU", "RU-MOS", 496638), ("Pavlovsk-Puschkin", "RU", "RU-SPE", None),
    ("Kursk", "RU", "RU-KRS", None), ("Togliatti", "RU", "RU-SAM", 482283),
    ("St. Petersburg", "RU", "RU-SPE", 498817), ("Belgorod", "RU", "RU-BEL", None),
    ("Kaluga", "RU", "RU-KLU", None), ("Schelesnogorsk", "RU", "RU-KRS", None),
    ("Borowsk", "RU", "RU-KLU", 572070), ("Borowsk (Gebiet Kaluga)", "RU", "RU-KLU", 572070),
    ("Tula", "RU", "RU-TUL", None), ("Jekaterinburg", "RU", "RU-SVE", 1486209),
    ("Wolgograd", "RU", "RU-VGG", 472757), ("Uljanowsk", "RU", "RU-ULY", 479123),
    ("Krasnodar", "RU", "RU-KDA", None),
]


@pytest.mark.parametrize("raw, country, admin1, geonames_id", EXPECTED)
def test_every_place_of_the_data_resolves_offline_in_its_region(chain, raw, country, admin1, geonames_id):
    res = resolve(chain, raw, country)
    assert res.resolved, res.note
    assert res.admin1 == admin1, res.note
    assert res.method in ("gazetteer", "override")
    assert not {i for i, _ in res.issues} & {"ambiguous", "fuzzy", "wrong_country", "admin1_mismatch"}
    if geonames_id:
        assert res.geonames_id == geonames_id


def test_every_raw_name_resolves(chain):
    """Whatever is in data/raw now, after corrections: partners and conference venues."""
    from twinning_analysis.clean import collect_places, read_claims
    from twinning_analysis.sources import load_raw

    places = collect_places(read_claims(load_raw(PATHS)))
    names = {(spelling, country) for spellings, country in zip(places["spellings"], places["country"])
             for spelling in spellings.split(" | ")}
    for name, country in sorted(names):
        res = resolve(chain, name, country)
        assert res.resolved and res.admin1.startswith(country), (name, res.note)
        flagged = {kind for kind, _ in res.issues} & {"partial_name", "fuzzy", "low_confidence"}
        assert res.confidence >= 0.85 or flagged, (name, res.note)


@pytest.mark.parametrize("raw, country, expected_name, admin1", [
    ("Leningrad", "RU", "Saint Petersburg", "RU-SPE"), ("Gorki", "RU", "Nizhniy Novgorod", "RU-NIZ"),
    ("Kalinin", "RU", "Tver", "RU-TVE"), ("Kuibyschew", "RU", "Samara", "RU-SAM"),
    ("Karl-Marx-Stadt", "DE", "Chemnitz", "DE-SN"), ("Stalingrad", "RU", "Volgograd", "RU-VGG"),
    ("Swerdlowsk", "RU", "Yekaterinburg", "RU-SVE"), ("Sagorsk", "RU", "Sergiyev Posad", "RU-MOS"),
    ("Königsberg", "RU", "Kaliningrad", "RU-KGD"), ("Sankt Petersburg", "RU", "Saint Petersburg", "RU-SPE"),
    ("Sergijew-Possad", "RU", "Sergiyev Posad", "RU-MOS"), ("nischni nowgorod", "RU", "Nizhniy Novgorod", "RU-NIZ"),
    ("Nizhny Novgorod", "RU", "Nizhniy Novgorod", "RU-NIZ"), ("Toljatti", "RU", "Tolyatti", "RU-SAM"),
    ("Rostow am Don", "RU", "Rostov-on-Don", "RU-ROS"), ("Welikij Nowgorod", "RU", "Velikiy Novgorod", "RU-NGR"),
    ("Rschew", "RU", "Rzhev", "RU-TVE"), ("Puschkin", "RU", "Pushkin", "RU-SPE"),
    ("Нижний Новгород", "RU", "Nizhniy Novgorod", "RU-NIZ"), ("Halle (Saale)", "DE", "Halle (Saale)", "DE-ST"),
    ("Höchstadt a.d. Aisch", "DE", "Höchstadt an der Aisch", "DE-BY"), ("Höchstadt", "DE", "Höchstadt an der Aisch", "DE-BY"),
    ("Troizk", "RU", "Troitsk", "RU-MOW"), ("Pogranitschny", "RU", "Pogranichny", "RU-KGD"),
    ("Rothenburg o.T.", "DE", "Rothenburg ob der Tauber", "DE-BY"),
    ("Zarrentin am Schaalsee", "DE", "Zarrentin am Schaalsee", "DE-MV"), ("Ost-Berlin", "DE", "Berlin", "DE-BE"),
    ("Berlin-Mitte", "DE", "Mitte", "DE-BE"),
])
def test_hard_variants(chain, raw, country, expected_name, admin1):
    res = resolve(chain, raw, country)
    assert (res.name_en, res.admin1) == (expected_name, admin1), res.note


@pytest.mark.parametrize("raw, country, admin1", [
    ("Freistaat Bayern", "DE", "DE-BY"), ("Hessen", "DE", "DE-HE"), ("Bayern", "DE", "DE-BY"),
    ("Moskau (Gebiet)", "RU", "RU-MOS"), ("Moskauer Gebiet", "RU", "RU-MOS"), ("Oblast Jaroslawl", "RU", "RU-YAR"),
    ("Republik Tatarstan", "RU", "RU-TA"), ("Kaliningrader Gebiet", "RU", "RU-KGD"),
])
def test_lands_and_federal_subjects_are_placed_in_their_polygon(chain, raw, country, admin1):
    res = resolve(chain, raw, country)
    assert (res.method, res.admin1) == ("boundary", admin1), res.note


def test_a_city_named_like_its_oblast_stays_a_city(chain):
    for name in ("Kaluga", "Kaliningrad", "Moskau", "Hamburg", "Berlin"):
        assert resolve(chain, name, "RU" if name in ("Kaluga", "Kaliningrad", "Moskau") else "DE").method == "gazetteer"


def test_override_beats_the_gazetteer_trap(chain):
    res = resolve(chain, "Rayon Selenograd", "RU")
    assert (res.method, res.admin1, res.confidence) == ("override", "RU-KGD", 1.0)
    assert ("override" in {i for i, _ in res.issues})
    # the same name as a plain city in a Moscow context still falls through to the gazetteer's Zelenograd
    moscow = chain.resolve(PlaceQuery("Selenograd", "RU", kind="city", region_hint="Moskau"))
    assert moscow.method == "gazetteer" and moscow.name_en == "Zelenograd"


def test_overrides_file_is_well_formed_and_cited():
    overrides = Overrides.load(PATHS)
    assert overrides.rows and all(r.source_id for r in overrides.rows)
    for row in overrides.rows:
        assert -90 <= row.lat <= 90 and -180 <= row.lon <= 180


def test_kinds_of_units_say_where_they_are_placed(chain):
    res = resolve(chain, "Pinneberg (Kreis)", "DE")
    assert "namesake town" in res.note


@pytest.mark.parametrize("name, country, reason", [
    ("", "RU", "empty name"), ("   ", "DE", "empty name"), ("!!! ...", "RU", "no letters"),
    ("Kaluga", "XX", "unknown country code"), ("Kaluga", "", "no country"), ("Kaluga", "R", "unknown country"),
    ("Kaluga", "AQ", "not in the offline gazetteer"), ("Qwertzuiopstadt", "RU", "no place named"),
])
def test_bad_input_is_unresolved_with_a_reason(chain, name, country, reason):
    res = chain.resolve(PlaceQuery(name=name, country=country))
    assert not res.resolved and reason in res.note
    assert res.issues and res.issues[0][0] == "unresolved"


def test_place_in_the_wrong_country(chain):
    res = chain.resolve(PlaceQuery(name="Twer", country="DE"))
    assert not res.resolved
    assert res.issues[0][0] == "wrong_country" and "RU" in res.issues[0][1]
    assert res.candidates[0]["name"] == "Tver"


def test_missing_values_are_not_a_crash(chain):
    res = chain.resolve(PlaceQuery(name=None, country=float("nan"), kind=None, parent=pd.NA))
    assert not res.resolved


def test_geocode_places_adds_the_columns(tmp_path):
    places = pd.DataFrame({
        "place_id": ["de-munster", "ru-selenograd-rayon", "ru-schelesnogorsk", "x-empty", "de-twer"],
        "name": ["Munster", "Selenograd", "Schelesnogorsk", "", "Twer"],
        "name_raw": ["Munster", "Rayon Selenograd", "Schelesnogorsk", "", "Twer"],
        "kind": ["city", "rayon", "city", "city", "city"],
        "country": ["DE", "RU", "RU", "RU", "DE"],
        "parent": ["", "", "", "", ""], "region_hint": ["", "", "", "", ""]})
    result = geocode_places(places, paths=PATHS)
    out = result.places
    assert list(out["place_id"]) == list(places["place_id"])
    for column in ("name_en", "name_local", "lat", "lon", "geonames_id", "population", "admin1", "admin1_name",
                   "geocode_method", "geocode_confidence", "geocode_note"):
        assert column in out
    assert out["geonames_id"].dtype == "Int64" and out["lat"].dtype == "float64"
    assert list(out["geocode_method"]) == ["gazetteer", "override", "override", "unresolved", "unresolved"]
    assert list(out["admin1"][:3]) == ["DE-NI", "RU-KGD", "RU-KRS"]
    assert out.loc[0, "admin1_name"] == "Lower Saxony"
    assert math.isnan(out.loc[3, "lat"])
    kinds = {(i.place_id, i.issue) for i in result.issues}
    assert ("ru-selenograd-rayon", "override") in kinds and ("x-empty", "unresolved") in kinds
    assert ("de-twer", "wrong_country") in kinds
    assert result.method_counts() == {"override": 2, "unresolved": 2, "gazetteer": 1}
    assert dict(result.issues[0])["place_id"] == result.issues[0].place_id


def test_geocode_places_survives_an_internal_error(monkeypatch):
    original = GeocodeChain._from_gazetteer

    def explode(self, query, region_code, *, fuzzy):
        if query.name == "Kursk":
            raise RuntimeError("boom")
        return original(self, query, region_code, fuzzy=fuzzy)

    monkeypatch.setattr(GeocodeChain, "_from_gazetteer", explode)
    places = pd.DataFrame({"place_id": ["a", "b"], "name": ["Kursk", "Tula"], "country": ["RU", "RU"]})
    result = geocode_places(places, paths=PATHS)
    assert list(result.places["geocode_method"]) == ["unresolved", "gazetteer"]
    assert "internal error" in result.places.loc[0, "geocode_note"]


def test_geocode_places_needs_name_and_country():
    with pytest.raises(DataError, match="lacks columns"):
        geocode_places(pd.DataFrame({"name": ["Tula"]}), paths=PATHS)


def test_broken_overrides_file_names_line_and_column(project_copy):
    path = project_copy.raw / "places.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Nowhere,RU,city,north,20.1,,,,geonames,\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"places.csv:\d+: column lat: not a number"):
        Overrides.load(project_copy)


def test_corrupted_nominatim_cache_is_set_aside(tmp_path):
    path = tmp_path / "nominatim.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="unreadable"):
        cache = NominatimCache(path)
    assert cache.entries == {} and (tmp_path / "nominatim.json.corrupt").exists()
    cache.put("Kaluga", "RU", {"found": False})
    assert NominatimCache(path).get("kaluga ", "ru") == {"found": False}


def test_cached_answer_is_used_offline(tmp_path):
    cache = NominatimCache(tmp_path / "nominatim.json")
    cache.put("Atlantisowo", "RU", {"found": True, "lat": 55.75, "lon": 37.62, "name": "Atlantisowo",
                                     "display_name": "Atlantisowo, Moscow", "osm_type": "node", "osm_id": 1})
    chain = GeocodeChain(PATHS)
    chain.cache = cache
    res = chain.resolve(PlaceQuery("Atlantisowo", "RU"))
    assert (res.method, res.admin1, res.confidence) == ("cache", "RU-MOW", 0.7)


def test_gazetteer_geocoder_is_geopy_shaped():
    geocoder = GazetteerGeocoder(paths=PATHS)
    location = geocoder.geocode("Sergijew Possad", country="RU")
    assert isinstance(location, Location)
    assert location.raw["geonames_id"] == 496638 and location.raw["admin1"] == "RU-MOS"
    assert geocoder.geocode("Qwertzuiopstadt", country="RU") is None
    assert geocoder.geocode("Qwertzuiopstadt", exactly_one=False, country="RU") == []
    several = geocoder.geocode("Schelesnogorsk", exactly_one=False, country="RU")
    assert len(several) >= 2 and all(isinstance(loc, Location) for loc in several)
    assert geocoder.geocode("Schelesnogorsk", country="RU", region="Region Krasnojarsk").raw["admin1"] == "RU-KYA"
    assert geocoder.geocode("Kaliningrad").raw["country"] == "RU"  # no country: best over all
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert limited("Twer", country="RU").raw["admin1"] == "RU-TVE"


# ---------------------------------------------------------------------------------------------
# the command line


def run_cli(*argv) -> int:
    parser = argparse.ArgumentParser(prog="twinning")
    cli_geocode.add_parser(parser.add_subparsers(dest="command"))
    return cli_geocode.run(parser.parse_args(["geocode", *argv]))


def test_cli_prints_one_json_object(capsys):
    assert run_cli("Nischni Nowgorod", "--country", "RU") == 0
    record = json.loads(capsys.readouterr().out)
    assert record["name"] == "Nizhniy Novgorod" and record["admin1"] == "RU-NIZ"
    assert record["method"] == "gazetteer" and record["geonames_id"] == 520555
    for key in ("lat", "lon", "kind", "confidence", "candidates"):
        assert key in record


def test_cli_unresolved_exits_1_with_a_reason(capsys):
    assert run_cli("Qwertzuiopstadt", "--country", "RU") == 1
    record = json.loads(capsys.readouterr().out)
    assert record["resolved"] is False and record["method"] == "unresolved" and record["reason"]


def test_cli_file_keeps_input_order(tmp_path, capsys):
    names = tmp_path / "names.csv"
    names.write_text("name,country\nRayon Selenograd,RU\nKreis Düren,DE\n,RU\nLeningrad,RU\n", encoding="utf-8")
    assert run_cli("--file", str(names)) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in lines] == ["Rayon Selenograd", "Kreis Düren", "", "Leningrad"]
    assert [r["resolved"] for r in lines] == [True, True, False, True]
    assert lines[0]["kind"] == "rayon" and lines[0]["method"] == "override"


def test_cli_usage_errors_exit_2(tmp_path, capsys):
    assert run_cli() == 2
    assert run_cli("--file", str(tmp_path / "missing.csv")) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("place,country\nTula,RU\n", encoding="utf-8")
    assert run_cli("--file", str(bad)) == 2
    assert "name" in capsys.readouterr().err


def test_issue_is_a_small_record():
    issue = GeocodeIssue("p", "Twer", "DE", "wrong_country", "is in RU")
    assert dict(issue) == issue.as_dict() == {"place_id": "p", "name": "Twer", "country": "DE",
                                               "issue": "wrong_country", "detail": "is in RU"}


def test_the_twinning_command_dispatches_to_geocode(capsys):
    from twinning_analysis.cli import main

    assert main(["geocode", "Kreis Düren", "--country", "DE"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["kind"], record["admin1"]) == ("landkreis", "DE-NW")


@pytest.mark.parametrize("name, country, expected", [
    ("Kyiv", "UA", "Kyiv"), ("Limanowa", "PL", "Limanowa"), ("Tours", "FR", "Tours"), ("Kraków", "PL", "Kraków"),
])
def test_places_of_every_country_resolve_offline(chain, name, country, expected):
    res = chain.resolve(PlaceQuery(name=name, country=country))
    assert res.method == "gazetteer" and res.name_en == expected and res.admin1 == ""
