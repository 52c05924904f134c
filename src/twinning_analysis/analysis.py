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

#: Relations counted as pairs in figures, totals and the quality report (a declared intent names one side only).
PAIR_RELATIONS = ("partnership", "regional", "friendship", "cooperation")

#: How a count of each relation is written (plural).
RELATION_LABELS = {"partnership": "city, county and district partnerships", "regional": "regional partnerships",
                   "friendship": "friendships", "cooperation": "cooperations", "intent": "declared intents"}


def pair_counts(partnerships: pd.DataFrame, relations=PAIR_RELATIONS) -> pd.DataFrame:
    """Pairs per relation: how many, how many with a founding year, how many with a status after 24 February
    2022; a last row ``all`` adds them up. The figures, the quality report and the README show these counts.

    >>> pairs = pd.DataFrame({"relation": ["partnership", "friendship", "intent"],
    ...     "founded_year": pd.array([1991, None, None], dtype="Int64"), "status": ["paused", "", ""]})
    >>> pair_counts(pairs).iloc[-1].to_dict()
    {'relation': 'all', 'label': 'all of these', 'pairs': 2, 'dated': 1, 'with_status': 1, 'statuses': '1 paused'}
    """
    chosen = partnerships[partnerships["relation"].isin(relations)]

    def count(part: pd.DataFrame) -> dict:
        return {"pairs": len(part), "dated": int(part["founded_year"].notna().sum()),
                "with_status": int((part["status"] != "").sum()), "statuses": status_summary(part["status"])}

    rows = [{"relation": relation, "label": RELATION_LABELS.get(relation, relation),
             **count(chosen[chosen["relation"] == relation])} for relation in relations]
    rows.append({"relation": "all", "label": "all of these", **count(chosen)})
    return pd.DataFrame(rows)


#: Statuses after February 2022 from the most to the least broken off.
STATUS_ORDER = ("suspended", "paused", "ended", "kept", "active")


def status_summary(statuses: pd.Series) -> str:
    """``"2 paused, 1 kept"``: how many pairs have each reported status ("" = not reported, left out).

    >>> status_summary(pd.Series(["kept", "paused", "", "paused"]))
    '2 paused, 1 kept'
    """
    reported = statuses.fillna("").astype(str)
    reported = reported[reported != ""].value_counts()
    order = [s for s in STATUS_ORDER if s in reported] + sorted(s for s in reported.index if s not in STATUS_ORDER)
    return ", ".join(f"{reported[s]} {s}" for s in order)


def relations_counted(partnerships: pd.DataFrame, relations=PAIR_RELATIONS) -> str:
    """What "pairs" means in a figure or a total: the relations counted, and those left out.

    >>> pairs = pd.DataFrame({"relation": ["partnership", "partnership", "friendship", "intent"]})
    >>> relations_counted(pairs)
    'Pairs: 2 city, county and district partnerships and 1 friendship; 1 declared intent (one side only) not counted.'
    """
    counts = partnerships["relation"].value_counts()

    def count(relation: str) -> str:
        n = int(counts.get(relation, 0))
        label = RELATION_LABELS.get(relation, relation)
        return f"{n} {label if n != 1 else _singular(label)}" + (" (one side only)" if relation == "intent" else "")

    shown = [count(r) for r in relations if counts.get(r, 0)]
    left_out = [count(r) for r in counts.index if r not in relations]
    text = "Pairs: " + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else "".join(shown))
    if left_out:
        text += "; " + ", ".join(left_out) + " not counted"
    return text + "."


def _singular(label: str) -> str:
    """"city, county and district partnerships" → "city, county or district partnership"."""
    return label.replace(" and ", " or ")[:-1] if label.endswith("s") else label


def is_jubilee(age: int) -> bool:
    """Round jubilees: every 5 years up to 30, then every 10 (40, 50, 60, …)."""
    return age > 0 and (age % 5 == 0 if age <= 30 else age % 10 == 0)


def anniversaries(partnerships: pd.DataFrame, year: int, *, ages=None, relations=PAIR_RELATIONS) -> pd.DataFrame:
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


def pairs_by_region(partnerships: pd.DataFrame, places: pd.DataFrame, *, relations=PAIR_RELATIONS) -> pd.DataFrame:
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
