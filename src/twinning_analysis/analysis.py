"""Questions researchers ask of the tidy tables: jubilees of a year, the DE/RU venue alternation.

>>> import pandas as pd
>>> pairs = pd.DataFrame({"partnership_id": ["a", "b"], "relation": ["partnership"] * 2,
...     "founded_year": [1991, 1993], "founded_precision": ["day", "year"]})
>>> anniversaries(pairs, 2021)["partnership_id"].tolist()
['a']
"""
from __future__ import annotations

import pandas as pd

#: Precisions that fix the founding year (a pair known only to the decade has no jubilee).
YEAR_EXACT = ("day", "month", "season", "year")


def is_jubilee(age: int) -> bool:
    """Round jubilees: every 5 years up to 30, then every 10 (40, 50, 60, …)."""
    return age > 0 and (age % 5 == 0 if age <= 30 else age % 10 == 0)


def anniversaries(partnerships: pd.DataFrame, year: int, *, ages=None,
                  relations=("partnership", "regional", "friendship", "cooperation")) -> pd.DataFrame:
    """Pairs that celebrate a round jubilee in ``year``, oldest first, with their ``age``.

    ``ages`` restricts the jubilees (e.g. ``{10, 20, 30, 60}``); by default every round one counts.
    Pairs whose founding year is not known at least to the year are left out.

    >>> pairs = pd.DataFrame({"partnership_id": ["x"], "relation": ["partnership"],
    ...     "founded_year": [1961], "founded_precision": ["year"]})
    >>> anniversaries(pairs, 2021)["age"].tolist()
    [60]
    """
    dated = partnerships[partnerships["relation"].isin(relations)
                         & partnerships["founded_precision"].isin(YEAR_EXACT)
                         & partnerships["founded_year"].notna()].copy()
    dated["age"] = (year - dated["founded_year"]).astype(int)
    wanted = dated["age"].map(lambda a: a in ages if ages is not None else is_jubilee(a))
    return dated[wanted].sort_values(["age", "partnership_id"], ascending=[False, True]).reset_index(drop=True)


def venue_alternation(conferences: pd.DataFrame) -> pd.DataFrame:
    """Every break in the DE/RU alternation of conference venues, in edition order.

    A *repeat* is two consecutive editions hosted in the same country; a *gap* is a run of editions whose
    host no source documents (missing rows, or rows with status unknown), where the alternation cannot be
    checked. Returns one row per finding: ``kind, after, before, detail`` (editions as integers).

    >>> conf = pd.DataFrame({"edition": [1, 2, 3, 4, 5], "host_country": ["DE", "RU", "RU", "", "DE"]})
    >>> venue_alternation(conf)[["kind", "after", "before"]].values.tolist()
    [['repeat', 2, 3], ['gap', 3, 5]]
    """
    numbered = conferences.dropna(subset=["edition"])
    known = numbered[numbered["host_country"].isin(["DE", "RU"])].drop_duplicates("edition").sort_values("edition")
    findings = []
    for (_, a), (_, b) in zip(known.iterrows(), known.iloc[1:].iterrows()):
        after, before = int(a["edition"]), int(b["edition"])
        if before - after > 1:
            missing = range(after + 1, before)
            shown = f"{missing[0]}" if len(missing) == 1 else f"{missing[0]}–{missing[-1]}"
            findings.append({"kind": "gap", "after": after, "before": before,
                             "detail": f"host of edition(s) {shown} not documented"})
        elif a["host_country"] == b["host_country"]:
            findings.append({"kind": "repeat", "after": after, "before": before,
                             "detail": f"editions {after} and {before} both in {a['host_country']}"})
    return pd.DataFrame(findings, columns=["kind", "after", "before", "detail"])


def region_sides(pairs: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per side of each pair, in pair order: ``pair`` (the pair's row label), ``country`` (DE, RU),
    ``place_id`` and ``admin1`` (the region its place lies in; "" when the place or its region is unknown).

    >>> pairs = pd.DataFrame({"de_place_id": ["a"], "ru_place_id": ["b"]})
    >>> places = pd.DataFrame({"place_id": ["a", "b"], "admin1": ["DE-SN", None]})
    >>> region_sides(pairs, places)[["country", "admin1"]].values.tolist()
    [['DE', 'DE-SN'], ['RU', '']]
    """
    admin1 = places.drop_duplicates("place_id").set_index("place_id")["admin1"].fillna("")
    sides = pd.concat([pd.DataFrame({"pair": pairs.index, "order": range(len(pairs)), "country": country,
                                     "place_id": pairs[f"{side}_place_id"].to_numpy()})
                       for side, country in (("de", "DE"), ("ru", "RU"))])
    sides["admin1"] = sides["place_id"].map(admin1).fillna("")
    return sides.sort_values(["order", "country"], kind="stable").drop(columns="order").reset_index(drop=True)


def pairs_by_region(partnerships: pd.DataFrame, places: pd.DataFrame, *,
                    relations=("partnership", "regional", "friendship", "cooperation")) -> pd.DataFrame:
    """Number of pairs per German Land and per Russian federal subject, one column per relation.

    Each pair counts once on each side, in the region (``admin1``) its place lies in.

    >>> pairs = pd.DataFrame({"de_place_id": ["a"], "ru_place_id": ["b"], "relation": ["partnership"]})
    >>> places = pd.DataFrame({"place_id": ["a", "b"], "country": ["DE", "RU"], "admin1": ["DE-SN", "RU-SPE"],
    ...     "admin1_name": ["Saxony", "Saint Petersburg"]})
    >>> pairs_by_region(pairs, places)[["admin1", "partnership", "total"]].values.tolist()
    [['DE-SN', 1, 1], ['RU-SPE', 1, 1]]
    """
    chosen = partnerships[partnerships["relation"].isin(relations)]
    sides = region_sides(chosen, places)
    sides = sides[sides["admin1"] != ""].join(chosen["relation"], on="pair")
    names = places.drop_duplicates("admin1").set_index("admin1")["admin1_name"]
    sides["admin1_name"] = sides["admin1"].map(names)
    table = (sides.groupby(["country", "admin1", "admin1_name", "relation"]).size()
             .unstack("relation", fill_value=0).reindex(columns=list(relations), fill_value=0))
    table["total"] = table.sum(axis=1)
    return table.reset_index().sort_values(["country", "total", "admin1"], ascending=[True, False, True],
                                           ignore_index=True)


def coverage(partnerships: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Published totals (``published_totals.csv``) beside this dataset's count of the same relation.

    Scope ``all`` counts every pair but declared intents.

    >>> pairs = pd.DataFrame({"relation": ["partnership", "intent"]})
    >>> totals = pd.DataFrame({"scope": ["partnership", "all"], "as_of": ["2018", "2022"],
    ...     "figure_text": ["105", "rund 130"], "source_id": ["a", "b"]})
    >>> coverage(pairs, totals)["this_dataset"].tolist()
    [1, 1]
    """
    counts = partnerships["relation"].value_counts()
    ours = [int((partnerships["relation"] != "intent").sum()) if scope == "all" else int(counts.get(scope, 0))
            for scope in totals["scope"]]
    return totals[["scope", "figure_text", "as_of", "source_id"]].assign(this_dataset=ours).reset_index(drop=True)
