"""Invariants of the dataset as committed: sources exist, pairs are unique, conflicts are flagged,
vocabularies are closed, every place is on the map in the right country and region."""
from __future__ import annotations

import pytest

import twinning_analysis as ta
from twinning_analysis import dates
from twinning_analysis.clean import read_claims
from twinning_analysis.schema import CONFERENCE_STATUSES, PARTNERSHIP_STATUSES, RELATIONS


@pytest.fixture(scope="module")
def data():
    raw = ta.load_raw()
    return raw, ta.load_partnerships(), ta.load_conferences(), ta.load_places()


def test_every_processed_row_cites_existing_sources(data):
    raw, pairs, conferences, _ = data
    known = set(raw["sources"]["source_id"])
    for table in (pairs, conferences[conferences["status"] != "unknown"]):
        cited = {s for ids in table["source_ids"] for s in ids.split(";")}
        assert cited and cited <= known


def test_every_claim_is_used_exactly_once(data):
    raw, pairs, _, _ = data
    used = [r for ids in pairs["record_ids"] for r in ids.split(";")]
    assert sorted(used) == sorted(raw["partnerships"]["record_id"])


def test_no_pair_appears_twice(data):
    _, pairs, conferences, _ = data
    assert pairs["partnership_id"].is_unique
    assert not pairs.duplicated(["de_place_id", "ru_place_id", "relation"]).any()
    assert conferences["edition"].dropna().is_unique


def test_every_disagreement_on_the_founding_year_is_flagged(data):
    raw, pairs, _, _ = data
    claims = read_claims(raw).partnerships
    claims = claims[(claims["founded_basis"] != "reaffirmed") & claims["founded"].map(lambda d: d.year is not None)]
    spans = {r: tuple(day.year for day in dates.bounds(d)) for r, d in zip(claims["record_id"], claims["founded"])}
    report = (ta.config.project_paths().processed / "quality_report.md").read_text(encoding="utf-8")
    for _, pair in pairs.iterrows():
        stated = [spans[r] for r in pair["record_ids"].split(";") if r in spans]
        # two claims whose years cannot both be true (a decade holds its years)
        if stated and max(first for first, _ in stated) > min(last for _, last in stated):
            assert pair["conflict"] and "founding date" in pair["conflict_note"], pair["partnership_id"]
            assert pair["partnership_id"] in report


def test_vocabularies_are_closed(data):
    _, pairs, conferences, places = data
    assert set(pairs["relation"]) <= set(RELATIONS)
    assert set(pairs["status"]) <= set(PARTNERSHIP_STATUSES)
    assert set(conferences["status"]) <= set(CONFERENCE_STATUSES)
    assert set(pairs["era"]) <= {"FRG", "GDR", "unified", "undetermined", ""}


def test_every_place_is_located_in_its_country(data):
    places = data[3]
    assert places["lat"].notna().all() and places["lon"].notna().all()
    for country, admin1 in zip(places["country"], places["admin1"]):
        assert admin1.startswith(f"{country}-")


def test_districts_land_in_their_federal_subject(data):
    places = data[3].set_index("place_id")
    assert places.at["ru-selenograd-rayon", "admin1"] == "RU-KGD"  # Pinneberg's partner, not Zelenograd (Moscow)
    assert places.at["ru-nowosibirsk-rayon", "admin1"] == "RU-NVS"


def test_targets_of_the_full_dataset(data):
    _, pairs, conferences, _ = data
    partnerships = pairs[pairs["relation"] == "partnership"]
    assert len(partnerships) >= 100 and (pairs["relation"] == "regional").sum() >= 14
    assert partnerships["founded_year"].notna().mean() >= 0.9
    assert conferences.set_index("edition").loc[1, "year"] == 1987
    assert conferences.set_index("edition").loc[17, "status"] == "announced"


def test_pairs_founded_under_soviet_names_keep_them(data):
    pairs = data[1]
    hamburg = pairs[(pairs["de_name"] == "Hamburg") & (pairs["relation"] == "partnership")].iloc[0]
    assert hamburg["founded_year"] == 1957 and hamburg["ru_name_at_founding"] == "Leningrad"
