"""The world list of twin towns: country labels, names in the list's styles, pairs, the cross-check, the step."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import copy_project, edit_csv
from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.errors import DataError
from twinning_analysis.pipeline import WORLD_TABLES, run_pipeline
from twinning_analysis.world.countries import CountryLabels
from twinning_analysis.world.crosscheck import crosscheck, stale_notes
from twinning_analysis.world.listing import parse_listed_name, read_world_list
from twinning_analysis.world.pairs import is_de_ru, world_pairs
from twinning_analysis.world.places import WorldGeocoder

REAL = project_paths(PROJECT_ROOT)


# ---------------------------------------------------------------------------------------------
# country labels


@pytest.mark.parametrize("label, code, how", [
    ("Germany", "DE", "pycountry"), ("Czech Republic", "CZ", "pycountry"),
    ("England, United Kingdom", "GB", "pycountry"), ("Georgia (country)", "GE", "pycountry"),
    ("Russia", "RU", "GeoNames country name"), ("Kosovo", "XK", "GeoNames country name"),
    ("Turkey", "TR", "GeoNames country name"), ("England", "GB", "pycountry subdivision GB-ENG"),
    ("Wales", "GB", "pycountry subdivision GB-WLS"), ("Republic of Ireland", "IE", "reviewed label"),
    ("Grece", "GR", "reviewed label"), ("Atlantis", "", ""),
])
def test_country_labels_are_read_by_libraries_first(label, code, how):
    found = CountryLabels.load(REAL).resolve(label)
    assert (found.code, found.how) == (code, how)


def test_a_region_before_the_country_is_kept_as_a_hint():
    found = CountryLabels.load(REAL).resolve("Mecklenburg-Vorpommern, Germany")
    assert (found.code, found.region) == ("DE", "Mecklenburg-Vorpommern")


def test_every_label_of_the_list_is_known(world_places_table):
    assert (world_places_table["country"] != "").all()


def test_a_bad_reviewed_label_names_file_line_and_column(project_copy):
    edit_csv(project_copy.raw / "world" / "country_labels.csv", "Grece,GR,", "Grece,Greece,")
    with pytest.raises(DataError, match=r"world/country_labels.csv:\d+: column country: not an ISO"):
        CountryLabels.load(project_copy)


# ---------------------------------------------------------------------------------------------
# names as the list writes them


@pytest.mark.parametrize("raw, name, kind, parent, bracket", [
    ("Rems-Murr (district)", "Rems-Murr", "district", "", ""),
    ("Berlin – Mitte", "Mitte", "city_district", "Berlin", ""),
    ("Budapest VII – Erzsébetváros", "Erzsébetváros", "city_district", "Budapest", ""),
    ("Vienna 9 – Alsergrund", "Alsergrund", "city_district", "Vienna", ""),
    ("Central AO (Moscow)", "Central AO", "city", "", "Moscow"),
    ("Halle (Saale)", "Halle", "city", "", "Saale"),
    ("Kaliningrad Oblast", "Kaliningrad", "region", "", ""),
    ("Limanowa (rural gmina)", "Limanowa", "municipality", "", ""),
    ("Arlington County", "Arlington", "district", "", ""),
    ("Aznakayevsky District", "Aznakayevsky", "district", "", ""),
    ("Kansas City", "Kansas City", "city", "", ""),
])
def test_listed_names_are_read_into_name_kind_and_parent(raw, name, kind, parent, bracket):
    listed = parse_listed_name(raw)
    assert (listed.name, listed.kind, listed.parent, listed.bracket) == (name, kind, parent, bracket)


@pytest.fixture(scope="module")
def geocoder() -> WorldGeocoder:
    return WorldGeocoder(REAL)


@pytest.mark.parametrize("raw, label, kind, method, expected", [
    ("Rems-Murr (district)", "Germany", "district", "override", "Rems-Murr District"),
    ("Berlin – Mitte", "Germany", "city_district", "gazetteer", "Mitte"),
    ("Berlin – Charlottenburg-Wilmersdorf", "Germany", "city_district", "parent", "Charlottenburg-Wilmersdorf"),
    ("Central AO (Moscow)", "Russia", "city_district", "parent", "Central AO"),
    ("Kaliningrad Oblast", "Russia", "region", "boundary", "Kaliningrad"),
    ("Limanowa (rural gmina)", "Poland", "municipality", "gazetteer", "Limanowa"),
    ("Budapest VII – Erzsébetváros", "Hungary", "city_district", "gazetteer", "Erzsébetváros"),
    ("Halle (Saale)", "Germany", "city", "gazetteer", "Halle (Saale)"),
    ("Nizhny Novgorod", "Russia", "city", "gazetteer", "Nizhniy Novgorod"),
    ("Pogranichny", "Russia", "city", "override", "Pogranichny"),
    ("Friedland", "Mecklenburg-Vorpommern, Germany", "city", "gazetteer", "Friedland"),
    ("Varna, Bulgaria", "", "city", "gazetteer", "Varna"),
    ("Falkland Islands", "", "country", "gazetteer", "Stanley"),
])
def test_the_gazetteer_reads_names_in_the_lists_styles(geocoder, raw, label, kind, method, expected):
    place = geocoder.place(raw, label)
    assert (place.kind, place.resolution.method, place.resolution.name_en) == (kind, method, expected)


def test_a_district_falls_back_to_its_city_and_says_so(geocoder):
    place = geocoder.place("Berlin – Charlottenburg-Wilmersdorf", "Germany")
    berlin = geocoder.place("Berlin", "Germany").resolution
    assert (place.resolution.lat, place.resolution.lon) == (berlin.lat, berlin.lon)
    assert "placed at its city Berlin" in place.resolution.note and place.resolution.confidence <= 0.5


def test_a_region_hint_in_the_label_picks_the_right_namesake(geocoder):
    friedland = geocoder.place("Friedland", "Mecklenburg-Vorpommern, Germany").resolution
    assert friedland.admin1 == "DE-MV"
    assert geocoder.place("Friedland", "Lower Saxony, Germany").resolution.admin1 == "DE-NI"


def test_an_unknown_place_is_unresolved_with_the_reason(geocoder):
    place = geocoder.place("Qwertzuiopstadt", "France")
    assert place.resolution.method == "unresolved" and "no place named" in place.resolution.note


# ---------------------------------------------------------------------------------------------
# the list and its pairs


def test_a_malformed_row_of_the_list_names_its_line(project_copy):
    path = project_copy.raw / "world" / "twin_cities_raw.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].rstrip("\n") + ",Extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"world/twin_cities_raw.csv:5: 5 fields where the header has 4"):
        read_world_list(project_copy)


def test_corrections_of_the_list_are_applied_and_go_stale_loudly(project_copy):
    listing = read_world_list(project_copy)
    ufa = listing[(listing["city1"] == "Ufa") & (listing["country2"] == "Germany")]
    assert ufa["city2"].tolist() == ["Halle (Saale)"]
    assert any(c["record_id"] == ufa["record_id"].iloc[0] for c in listing.attrs["corrections"])
    edit_csv(project_copy.raw / "world" / "twin_cities_raw.csv", "Ufa,Russia,Halle,Germany", "Ufa,Russia,Halle,Deutschland")
    edit_csv(project_copy.raw / "corrections.csv", "world_list,21103,city2,Halle,", "world_list,21103,country2,Germany,")
    with pytest.raises(DataError, match=r"corrections.csv:\d+: column raw_value: stale correction"):
        read_world_list(project_copy)


def _places(rows):
    return pd.DataFrame(rows, columns=["place_id", "name_raw", "country_raw", "country", "kind", "lat", "lon"])


def test_a_pair_listed_both_ways_in_two_spellings_is_one_row():
    listing = pd.DataFrame({"city1": ["Halle (Saale)", "Ufa", "Ufa"], "country1": ["Germany", "Russia", "Russia"],
                            "city2": ["Ufa", "Halle", "Minsk"], "country2": ["Russia", "Germany", "Belarus"],
                            "line": [3, 8, 9]})
    places = _places([["de-halle-saale", "Halle (Saale)", "Germany", "DE", "city", 51.48158, 11.97947],
                      ["de-halle", "Halle", "Germany", "DE", "city", 51.48158, 11.97947],
                      ["ru-ufa", "Ufa", "Russia", "RU", "city", 54.74306, 55.96779],
                      ["by-minsk", "Minsk", "Belarus", "BY", "city", 53.9, 27.56667]])
    pairs = world_pairs(listing, places)
    assert len(pairs) == 2 and is_de_ru(pairs).sum() == 1
    halle = pairs[is_de_ru(pairs)].iloc[0]
    assert (halle["listed"], halle["raw_lines"], halle["name_a"]) == ("both ways", "3;8", "Halle (Saale)")
    assert pairs.loc[~is_de_ru(pairs), "listed"].tolist() == ["once"]


def test_an_unplaced_name_is_only_itself():
    listing = pd.DataFrame({"city1": ["X", "Y"], "country1": ["France"] * 2, "city2": ["Z", "Z"],
                            "country2": ["France"] * 2, "line": [2, 3]})
    places = _places([["x", "X", "France", "FR", "city", None, None], ["y", "Y", "France", "FR", "city", None, None],
                      ["z", "Z", "France", "FR", "city", 48.0, 2.0]])
    pairs = world_pairs(listing, places)
    assert len(pairs) == 2 and pairs["distance_km"].isna().all()


# ---------------------------------------------------------------------------------------------
# the cross-check


def _ours():
    places = pd.DataFrame({"place_id": ["de-a", "de-k", "ru-b", "ru-c"], "kind": ["city", "landkreis", "city", "city"],
                           "lat": [50.0, 51.0, 55.0, 56.0], "lon": [7.0, 8.0, 37.0, 38.0]})
    pairs = pd.DataFrame({"partnership_id": ["a--b", "k--c", "a--c"], "de_place_id": ["de-a", "de-k", "de-a"],
                          "ru_place_id": ["ru-b", "ru-c", "ru-c"], "relation": ["partnership"] * 3,
                          "de_name": ["A", "Kreis K", "A"], "ru_name": ["B", "C", "C"]})
    return pairs, places


def _world():
    places = pd.DataFrame({"place_id": ["wa", "wk", "wb", "wc", "wd"], "name_raw": ["A", "K", "B", "C", "D"],
                           "country": ["DE", "DE", "RU", "RU", "RU"], "kind": ["city", "city", "city", "city", "city"],
                           "lat": [50.0, 51.0, 55.0, 56.0, 57.0], "lon": [7.0, 8.0, 37.0, 38.0, 39.0],
                           "geocode_method": ["gazetteer"] * 5, "geocode_note": [""] * 5})
    pairs = pd.DataFrame({"pair_id": ["wa__wb", "wk__wc", "wa__wd", "wd__wk"], "place_id_a": ["wa", "wk", "wa", "wd"],
                          "place_id_b": ["wb", "wc", "wd", "wk"], "country_a": ["DE", "DE", "DE", "RU"],
                          "country_b": ["RU", "RU", "RU", "DE"]})
    return pairs, places


def test_pairs_are_matched_by_place_and_level_never_by_name():
    ours, our_places = _ours()
    pairs, places = _world()
    notes = pd.DataFrame({"world_name_de": ["A"], "world_name_ru": ["D"], "finding": ["unconfirmed"],
                          "explanation": ["no source but the list"], "source_id": ["world-twin-cities"], "line": [2]})
    table = crosscheck(ours, our_places, pairs, places, notes)
    found = {(r["world_name_de"], r["world_name_ru"]): (r["match"], r["finding"]) for _, r in table.iterrows()
             if r["match"] != "ours only"}
    assert found == {("A", "B"): ("matched", ""), ("K", "C"): ("matched at another level", ""),
                     ("A", "D"): ("world list only", "unconfirmed"), ("K", "D"): ("world list only", "unexplained")}
    assert table.loc[table["match"] == "ours only", "partnership_ids"].tolist() == ["a--c"]


def test_a_note_for_a_pair_the_list_does_not_have_is_reported():
    pairs, places = _world()
    notes = pd.DataFrame({"world_name_de": ["A", "Q"], "world_name_ru": ["D", "B"], "line": [2, 3]})
    assert stale_notes(notes, pairs, places)["line"].tolist() == [3]


def test_every_german_russian_pair_of_the_list_is_accounted_for():
    """The committed cross-check: each of the list's German–Russian pairs is matched or explained."""
    table = pd.read_csv(REAL.processed / "world_crosscheck.csv", dtype=str, keep_default_na=False)
    listed = table[table["match"] != "ours only"]
    pairs = pd.read_csv(REAL.processed / "world_pairs.csv", dtype=str, keep_default_na=False)
    assert len(listed) == int(is_de_ru(pairs).sum()) == 87
    assert sum(len(lines.split(";")) for lines in pairs.loc[is_de_ru(pairs), "raw_lines"]) == 90
    unexplained = listed[(listed["match"] == "world list only") & (listed["finding"].isin(["", "unexplained"]))]
    assert unexplained.empty, unexplained[["world_name_de", "world_name_ru"]].values.tolist()


# ---------------------------------------------------------------------------------------------
# the step


@pytest.fixture(scope="module")
def world_project(tmp_path_factory):
    """A copy of the project whose world tables are rebuilt from the raw list, once for this module."""
    paths = copy_project(tmp_path_factory.mktemp("world") / "project")
    said: list[str] = []
    first = run_pipeline(paths, steps=("world",), echo=said.append)
    return paths, first, said


@pytest.fixture(scope="module")
def world_places_table(world_project):
    return pd.read_csv(world_project[0].processed / "world_places.csv", dtype=str, keep_default_na=False)


def test_the_world_step_reproduces_the_committed_tables(world_project):
    paths, first, _ = world_project
    assert first["world"] != "skipped"
    for name in WORLD_TABLES:
        assert (paths.processed / f"{name}.csv").read_bytes() == (REAL.processed / f"{name}.csv").read_bytes(), name


def test_the_world_step_is_skipped_when_nothing_changed(world_project):
    paths, _, _ = world_project
    said: list[str] = []
    assert run_pipeline(paths, steps=("world",), echo=said.append) == {"world": "skipped"}
    assert said == ["[1/1] world: up to date, skipped"]


def test_the_tables_step_needs_the_world_tables_and_says_how_to_build_them(tmp_path):
    from twinning_analysis.errors import TwinningError

    paths = copy_project(tmp_path / "project")
    (paths.processed / "world_pairs.csv").unlink()
    with pytest.raises(TwinningError, match=r"world_pairs.csv is missing: build it with `twinning world`"):
        run_pipeline(paths, steps=("tables",), echo=lambda _: None)
    shutil.rmtree(paths.root)
