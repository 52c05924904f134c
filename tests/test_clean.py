"""Cleaning the seed records: corrections, merged claims, chosen dates, flagged conflicts."""
from __future__ import annotations

import pandas as pd
import pytest

from twinning_analysis.clean import collect_places, merge_conferences, merge_partnerships, place_id, read_claims, \
    unify_places
from twinning_analysis.sources import load_raw


@pytest.fixture(scope="module")
def cleaned(seed_project):
    claims = read_claims(load_raw(seed_project))
    places = collect_places(claims)
    places, id_map = unify_places(places)
    return claims, places, merge_partnerships(claims, places, id_map), merge_conferences(claims, id_map)


def _pair(table: pd.DataFrame, de: str, ru: str) -> pd.Series:
    rows = table[(table["de_name"] == de) & (table["ru_name"] == ru)]
    assert len(rows) == 1, f"{de} – {ru}: {len(rows)} rows"
    return rows.iloc[0]


def test_every_seed_claim_is_cleaned(cleaned):
    claims, _, partnerships, _ = cleaned
    seed = claims.partnerships[claims.partnerships["source_id"].str.startswith("seed-")]
    used = {r for ids in partnerships["record_ids"] for r in ids.split(";")}
    assert set(seed["record_id"]) <= used


@pytest.mark.parametrize("de, ru, founded, precision", [
    ("Düren (Kreis)", "Mytischtschi", "2011-04", "month"),
    ("Zarrentin", "Murino", "2011", "year"),
    ("Aachen", "Kostroma", "2001-09-26", "day"),
    ("Berlin Lichtenberg", "Kaliningrad", "2001-04-26", "day"),
    ("Essen", "Nischni Nowgorod", "1991-09-09", "day"),
    ("Pinneberg (Kreis)", "Rayon Selenograd", "1991-10-14", "day"),
    ("Rems-Murr-Kreis", "Rayon Dmitrow", "1991-07-06", "day"),
    ("Osnabrück", "Twer", "1991-05-11", "day"),
    ("Munster", "Mitschurinsk", "1991-10-20", "day"),
    ("Landshut (Landkreis)", "Rayon Nowosibirsk", "1991-01-16", "day"),
    ("Lüdenscheid", "Taganrod", "1991", "season"),
    ("Kornwestheim", "Kimry", "1991-10-19", "day"),
    ("Fulda", "Sergijew Possad", "1991-05-19", "day"),
    ("Berlin Neukölln", "Pavlovsk-Puschkin", "1991-06-03", "day"),
    ("Witten", "Kursk", "1991-03-09", "day"),
    ("Wolfsburg", "Togliatti", "1991", "season"),
    ("Dresden", "St. Petersburg", "1961", "year"),
    ("Herne", "Belgorod", "1990", "year"),
    ("Suhl", "Kaluga", "1969", "year"),
    ("Spremberg", "Schelesnogorsk", "2016", "year"),
])
def test_seed_founding_dates(cleaned, de, ru, founded, precision):
    pair = _pair(cleaned[2], de, ru)
    assert (pair["founded"], pair["founded_precision"]) == (founded, precision)
    assert pair["relation"] == "partnership"
    assert pair["source_ids"].startswith("seed-")


def test_witten_kursk_keeps_both_claims_and_flags_the_signing(cleaned):
    pair = _pair(cleaned[2], "Witten", "Kursk")
    assert pair["record_ids"] == "P0015;P0016"
    assert pair["conflict"] and "August 1990" in pair["conflict_note"] and "in force" in pair["conflict_note"]


def test_a_reaffirmation_is_noted_not_taken_as_founding(cleaned):
    pair = _pair(cleaned[2], "Dresden", "St. Petersburg")
    assert pair["founded"] == "1961" and not pair["conflict"]
    assert "reaffirmed im März 1989" in pair["note"]


def test_herne_year_comes_from_a_correction(cleaned):
    claims = cleaned[0]
    assert any(c["record_id"] == "P0020" and c["corrected_value"] == "1990" for c in claims.corrections)


def test_intents_are_their_own_relation_with_one_side(cleaned):
    intents = cleaned[2][cleaned[2]["relation"] == "intent"]
    assert sorted(intents["de_name"] + intents["ru_name"]) == ["Borowsk", "Tula", "Weimar"]
    assert intents["founded"].eq("").all()


def test_places_know_their_kind(cleaned):
    places = cleaned[1].set_index("place_id")
    assert places.at[place_id("Pinneberg (Kreis)", "DE"), "kind"] == "landkreis"
    assert places.at[place_id("Rayon Selenograd", "RU"), "kind"] == "rayon"
    assert places.at[place_id("Berlin Lichtenberg", "DE"), "kind"] == "city_district"
    assert place_id("Kreis Düren", "DE") == place_id("Düren (Kreis)", "DE")
    assert places.index.is_unique


def test_conferences_one_row_per_edition(cleaned):
    conferences = cleaned[3].set_index("edition")
    assert list(conferences.index) == list(range(8, 18))
    assert conferences.loc[13, "venues"] == "Karlsruhe; Baden-Baden"
    assert conferences.loc[16, ["start", "end", "host_country", "status"]].tolist() == \
        ["2021-06-28", "2021-06-30", "RU", "held"]
    assert conferences.loc[17, ["year", "status", "venues"]].tolist() == [2023, "announced", "Essen"]
    assert conferences.loc[15, "venue_place_ids"] == place_id("Düren (Kreis)", "DE")


def test_two_attendance_figures_are_a_flagged_conflict(cleaned):
    xvi = cleaned[3].set_index("edition").loc[16]
    assert (xvi["participants_min"], xvi["participants_qualifier"]) == (350, "more than")
    assert xvi["conflict"] and "'200' (announced" in xvi["conflict_note"]
