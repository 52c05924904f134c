"""Our German–Russian pairs against the world list's, matched by place: the ``world_crosscheck`` table.

Two pairs are the same when their German places and their Russian places are the same places: the same
geocoded point in the same country (a GeoNames town, an override, a region's centre), never the same
string. A match where one side is another level of unit (the world list names the Kreis, we name its
seat town, both placed at the town) is kept apart as "matched at another level". A pair of the world list
that we lack is explained by a reviewed row of ``data/raw/world/crosscheck.csv`` (what the research
found, with a source); a pair of ours that the world list lacks is a finding too.
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.clean import place_point
from twinning_analysis.names import unit_level
from twinning_analysis.world.pairs import is_de_ru

#: Columns of the ``world_crosscheck`` table, in order.
CROSSCHECK_COLUMNS = ("match", "world_pair_id", "world_name_de", "world_name_ru", "partnership_ids", "relations",
                      "de_name", "ru_name", "finding", "explanation", "source_id")
#: What a row of the cross-check says, in report order.
MATCHES = ("matched", "matched at another level", "world list only", "ours only")

def _sides(world_pairs: pd.DataFrame, world_places: pd.DataFrame) -> pd.DataFrame:
    """The world list's German–Russian pairs, German side first, with both places' rows."""
    pairs = world_pairs[is_de_ru(world_pairs)]
    places = world_places.set_index("place_id")
    flip = pairs["country_a"] == "RU"
    de_ids = pairs["place_id_b"].where(flip, pairs["place_id_a"])
    ru_ids = pairs["place_id_a"].where(flip, pairs["place_id_b"])
    return pd.DataFrame({"world_pair_id": pairs["pair_id"].to_numpy(),
                         "de": [places.loc[p] for p in de_ids], "ru": [places.loc[p] for p in ru_ids]})


def crosscheck(partnerships: pd.DataFrame, places: pd.DataFrame, world_pairs: pd.DataFrame,
               world_places: pd.DataFrame, notes: pd.DataFrame) -> pd.DataFrame:
    """One row per German–Russian pair of the world list, then one per pair of ours the list lacks.

    ``partnerships`` and ``places`` are our processed tables; ``notes`` is the raw
    ``world/crosscheck.csv`` (research findings on the pairs the world list alone has).
    """
    ours = partnerships[(partnerships["relation"] != "intent") & (partnerships["de_place_id"] != "")
                        & (partnerships["ru_place_id"] != "")]
    by_id = places.set_index("place_id")
    ours_at: dict[tuple, list[pd.Series]] = {}
    for _, pair in ours.iterrows():
        de, ru = by_id.loc[pair["de_place_id"]], by_id.loc[pair["ru_place_id"]]
        key = (place_point(de), place_point(ru))
        if None not in key:
            ours_at.setdefault(key, []).append(pair)
    note_of = {(n["world_name_de"], n["world_name_ru"]): n for _, n in notes.iterrows()}
    rows, seen = [], set()
    for _, world in _sides(world_pairs, world_places).iterrows():
        de, ru = world["de"], world["ru"]
        found = ours_at.get((place_point(de), place_point(ru)), [])
        same = [p for p in found if unit_level(by_id.at[p["de_place_id"], "kind"]) == unit_level(de["kind"])
                and unit_level(by_id.at[p["ru_place_id"], "kind"]) == unit_level(ru["kind"])]
        match = "matched" if same else "matched at another level" if found else "world list only"
        seen.update(p["partnership_id"] for p in found)
        note = note_of.get((de["name_raw"], ru["name_raw"]))
        rows.append({"match": match, "world_pair_id": world["world_pair_id"], "world_name_de": de["name_raw"],
                     "world_name_ru": ru["name_raw"], **_ours(same or found),
                     **_finding(note, match, de, ru)})
    for _, pair in ours.iterrows():
        if pair["partnership_id"] not in seen:
            rows.append({"match": "ours only", **_ours([pair]), "finding": "", "explanation": "", "source_id": ""})
    table = pd.DataFrame(rows, columns=list(CROSSCHECK_COLUMNS)).fillna("")
    order = table["match"].map(MATCHES.index)
    return table.assign(_order=order).sort_values(["_order", "world_name_de", "de_name", "ru_name"],
                                                  kind="stable").drop(columns="_order").reset_index(drop=True)


def _ours(pairs: list[pd.Series]) -> dict:
    return {"partnership_ids": ";".join(p["partnership_id"] for p in pairs),
            "relations": ";".join(p["relation"] for p in pairs),
            "de_name": " | ".join(dict.fromkeys(p["de_name"] for p in pairs)),
            "ru_name": " | ".join(dict.fromkeys(p["ru_name"] for p in pairs))}


def _finding(note: pd.Series | None, match: str, de: pd.Series, ru: pd.Series) -> dict:
    if note is not None:
        return {"finding": note["finding"], "explanation": note["explanation"], "source_id": note["source_id"]}
    if match != "world list only":
        return {"finding": "", "explanation": "", "source_id": ""}
    unplaced = [f"{p['name_raw']} ({p['geocode_note']})" for p in (de, ru) if p["geocode_method"] == "unresolved"]
    why = f"not located: {'; '.join(unplaced)}" if unplaced else "no reviewed finding yet"
    return {"finding": "unexplained", "explanation": why, "source_id": ""}


def stale_notes(notes: pd.DataFrame, world_pairs: pd.DataFrame, world_places: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``world/crosscheck.csv`` that name no German–Russian pair of the world list (a typo, or
    a pair the list no longer has)."""
    listed = {(w["de"]["name_raw"], w["ru"]["name_raw"]) for _, w in _sides(world_pairs, world_places).iterrows()}
    keys = list(zip(notes["world_name_de"], notes["world_name_ru"]))
    return notes[[key not in listed for key in keys]]
