"""The world list's pairs, one row per unordered pair: the ``world_pairs`` table.

The list gives a pair once per page it appears on, so A–B and B–A may both be listed, and not always
spelt alike ("Halle (Saale)" on one page, "Halle" on the other): two listings are one pair when their
places are the same geocoded places (point, country and level of unit; an unplaced name only itself).
They become one row whose ``listed`` says "both ways", named as first listed. ``raw_lines`` keeps every
line of the raw file behind a row; ``distance_km`` is the geodesic distance (empty if a side is unplaced).

>>> import pandas as pd
>>> listing = pd.DataFrame({"city1": ["Aachen", "Kostroma"], "country1": ["Germany", "Russia"],
...                         "city2": ["Kostroma", "Aachen"], "country2": ["Russia", "Germany"], "line": [2, 9]})
>>> places = pd.DataFrame({"place_id": ["germany--aachen", "russia--kostroma"], "name_raw": ["Aachen", "Kostroma"],
...                        "country_raw": ["Germany", "Russia"], "country": ["DE", "RU"], "kind": ["city", "city"],
...                        "lat": [50.776, 57.768], "lon": [6.084, 40.927]})
>>> pairs = world_pairs(listing, places)
>>> pairs[["place_id_a", "place_id_b", "listed", "raw_lines"]].values.tolist()
[['germany--aachen', 'russia--kostroma', 'both ways', '2;9']]
>>> round(float(pairs["distance_km"].iloc[0]))
2369
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.clean import place_identities
from twinning_analysis.geometry import geodesic_km

#: Columns of the ``world_pairs`` table, in order.
PAIR_COLUMNS = ("pair_id", "place_id_a", "place_id_b", "name_a", "name_b", "country_a", "country_b", "listed",
                "raw_lines", "distance_km")


def world_pairs(listing: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Unordered pairs of ``listing`` (the raw list with ``line``) between the places of ``places``."""
    place_of = {(n, c): p for p, n, c in zip(places["place_id"], places["name_raw"], places["country_raw"])}
    identity = {p: i or p for p, i in zip(places["place_id"], place_identities(places))}
    first = [place_of[(n, c)] for n, c in zip(listing["city1"], listing["country1"])]
    second = [place_of[(n, c)] for n, c in zip(listing["city2"], listing["country2"])]
    rows: dict[tuple, dict] = {}
    for a, b, line in sorted(zip(first, second, listing["line"]), key=lambda t: t[2]):
        ends = sorted([(str(identity[a]), a), (str(identity[b]), b)])
        row = rows.setdefault((ends[0][0], ends[1][0]), {"ids": (ends[0][1], ends[1][1]), "lines": [],
                                                         "directions": set()})
        row["lines"].append(int(line))
        row["directions"].add((identity[a], identity[b]))
    by_id = places.set_index("place_id")
    ids_a = [r["ids"][0] for r in rows.values()]
    ids_b = [r["ids"][1] for r in rows.values()]
    table = pd.DataFrame({
        "pair_id": [f"{a}__{b}" for a, b in zip(ids_a, ids_b)],
        "place_id_a": ids_a, "place_id_b": ids_b,
        "name_a": by_id.loc[ids_a, "name_raw"].to_numpy(), "name_b": by_id.loc[ids_b, "name_raw"].to_numpy(),
        "country_a": by_id.loc[ids_a, "country"].to_numpy(), "country_b": by_id.loc[ids_b, "country"].to_numpy(),
        "listed": ["both ways" if len(r["directions"]) > 1 else "once" for r in rows.values()],
        "raw_lines": [";".join(map(str, sorted(r["lines"]))) for r in rows.values()],
    })
    table["distance_km"] = geodesic_km(by_id.loc[table["place_id_a"], ["lon", "lat"]].to_numpy(float),
                                       by_id.loc[table["place_id_b"], ["lon", "lat"]].to_numpy(float))
    return table.sort_values("pair_id", kind="stable").reset_index(drop=True)[list(PAIR_COLUMNS)]


def is_de_ru(pairs: pd.DataFrame) -> pd.Series:
    """True for pairs between a place in Germany and one in Russia."""
    return ((pairs["country_a"] == "DE") & (pairs["country_b"] == "RU")) | \
        ((pairs["country_a"] == "RU") & (pairs["country_b"] == "DE"))
