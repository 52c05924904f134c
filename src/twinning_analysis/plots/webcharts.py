"""The interactive charts (browser): founding waves per year by era, and the conference timeline.

Same data preparation as the printed figures (:func:`~twinning_analysis.plots.timeseries.founding_counts`,
:func:`~twinning_analysis.plots.conferences.split_records`), drawn as SVG by ``web_assets/charts.js``;
hovering over a year lists its pairs, hovering over an edition shows venue, dates, motto, head count,
status and sources.

>>> pairs = pd.DataFrame({"partnership_id": ["a", "b"], "de_name": ["Essen", "Suhl"], "ru_name": ["Nischni Nowgorod",
...     "Kaluga"], "relation": ["partnership"] * 2, "founded": ["1991-09-09", "1969"], "founded_year": [1991, 1969],
...     "founded_precision": ["day", "year"], "era": ["unified", "GDR"]})
>>> page = founding_waves_page(pairs)
>>> page.data["pairs"]["1991"]
[['Essen – Nischni Nowgorod', 'unified', 'Essen – Nischni Nowgorod · partnership · 9 September 1991 (to the day)']]
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.eras import ERAS
from twinning_analysis.plots.conferences import when_drawn, participants_label, split_records
from twinning_analysis.plots.mapdata import founding_text, source_index, source_links
from twinning_analysis.plots.style import BREAKS, ERA_LOOK, HOST_LOOK, NothingToPlotError, require_columns, year_span
from twinning_analysis.plots.timeseries import founding_counts
from twinning_analysis.web import Page


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _breaks() -> list[list]:
    return [[year, label] for year, label in sorted(BREAKS.items())]


def founding_waves_data(data: pd.DataFrame) -> dict:
    """Pairs founded per year by era (decades spread over their years), and the pairs behind each year."""
    require_columns(data, ["founded_year", "founded_precision", "era"], "interactive founding waves")
    counts = founding_counts(data, hue="era")
    if counts.empty:
        raise NothingToPlotError("interactive founding waves: no pair has a founding year")
    first, last = int(counts["year"].min()), int(counts["year"].max())
    years = list(range(min(first, 1957), max(last, 2022) + 1))
    eras = [e for e in ERAS if e in set(counts["hue"])] + sorted(set(counts["hue"]) - set(ERAS))
    dated = data[data["founded_year"].notna()]
    era = dated["era"].fillna("").replace("", "undetermined")
    series = []
    for key in eras:
        part = counts[counts["hue"] == key].set_index("year")
        look = ERA_LOOK.get(key)
        series.append({"key": key, "label": look.label if look else key, "color": look.color if look else "#888888",
                       "edge": "#6b6b6b" if key == "undetermined" else None,
                       "exact": [round(float(part["exact"].get(y, 0.0)), 3) for y in years],
                       "spread": [round(float(part["spread"].get(y, 0.0)), 3) for y in years],
                       "total": int((era == key).sum())})
    per_year: dict[str, list] = {}
    order = dated.assign(_era=era).sort_values(["founded_year", "founded", "de_name", "ru_name"], kind="mergesort")
    for _, pair in order.iterrows():
        title = f"{_text(pair.get('de_name'))} – {_text(pair.get('ru_name'))}"
        when = founding_text(_text(pair.get("founded")), _text(pair.get("founded_precision")),
                             _text(pair.get("founded_basis")))
        line = f"{title} · {_text(pair.get('relation')) or 'relation not stated'} · {when}"
        start, end = year_span(pair["founded_year"], _text(pair.get("founded_precision")))
        for year in range(start, end + 1):
            per_year.setdefault(str(year), []).append([title, pair["_era"], line])
    undated = len(data) - len(dated)
    return {"years": years, "series": series, "pairs": per_year, "breaks": _breaks(),
            "legendTitle": "Origin of the German side", "ylabel": "Pairs founded per year", "xlabel": "Year founded",
            "notes": [f"Not shown: {undated} pair{'s' if undated != 1 else ''} without a founding year."]
            if undated else []}


def founding_waves_page(data: pd.DataFrame) -> Page:
    """Founding waves as a page: stacked bars per year by era, switches per era, the pairs of a year on hover."""
    payload = founding_waves_data(data)
    dated = sum(s["total"] for s in payload["series"])
    return Page("founding_waves", "Founding waves: pairs founded per year", "bars", payload,
                intro=f"{dated} dated pairs by the year they were founded and the origin of the German side "
                      "(FRG, GDR, unified Germany). Hover over a year for its pairs; switch eras on and off at the left.",
                height=560)


def _edition_tip(row: pd.Series, name: str, sources: dict) -> dict:
    start, end = _text(row.get("start")), _text(row.get("end"))
    dates = f"{start} – {end}" if start and end and start != end else start or _text(row.get("dates_text")) \
        or (str(int(row["year"])) if not pd.isna(row.get("year")) else "not known")
    rows = [["venue", (_text(row.get("venues")) or "not known").replace(";", " and")],
            ["host", HOST_LOOK[row["host_country"]].label.replace("in ", "") if row.get("host_country") in HOST_LOOK
             else _text(row.get("host_country")) or "not known"],
            ["dates", dates], ["status", _text(row.get("status")) or "not known"]]
    if _text(row.get("motto")):
        rows.append(["motto", _text(row["motto"])])
    people = participants_label(row)
    if people:
        rows.append(["participants", people + (f" (“{_text(row.get('participants_text'))}”)"
                                               if _text(row.get("participants_text")) else "")])
    if row.get("conflict") is True:
        rows.append(["sources disagree", _text(row.get("conflict_note")) or "yes"])
    return {"title": f"{name} German-Russian partnership conference", "rows": rows,
            "sources": [list(s) for s in source_links(_text(row.get("source_ids")), sources)]}


def conference_timeline_data(data: pd.DataFrame, sources: pd.DataFrame | None = None) -> dict:
    """One mark per conference (edition, year, host), the alternation between the countries, and notes on
    the editions that cannot be placed."""
    require_columns(data, ["year", "host_country"], "interactive conference timeline")
    numbered, loose, matched, _ = split_records(data)
    no_year = data[data["year"].isna()]
    if "edition" in no_year:
        no_year = no_year[no_year["edition"].isna()]  # numbered editions without a year get their own note
    undated = [_text(v) or "venue unknown" for v in no_year.get("venues", pd.Series("", index=no_year.index))]
    index = source_index(sources)
    rows = pd.concat([numbered, loose])
    if rows.empty:
        raise NothingToPlotError("interactive conference timeline: no conference has a year")
    rows = rows.assign(_x=[when_drawn(r, "year") for _, r in rows.iterrows()]).sort_values("_x", kind="mergesort")
    editions, links = [], []
    for _, row in rows.iterrows():
        number = row.get("edition")
        name = (_text(row.get("roman")) + ".") if not pd.isna(number) else "?"
        editions.append({"name": name, "x": round(float(row["_x"]), 4), "lane": _text(row["host_country"]) or "DE",
                         "status": _text(row.get("status")), "number": None if pd.isna(number) else int(number),
                         "tip": _edition_tip(row, name if name != "?" else "Unnumbered", index)})
    numbers = {e["number"]: i for i, e in enumerate(editions) if e["number"] is not None}
    links = [[numbers[n], numbers[n + 1]] for n in sorted(numbers) if n + 1 in numbers]
    missing = data[data["year"].isna() & data["edition"].notna()] if "edition" in data else data.iloc[:0]
    notes = []
    if len(missing):
        notes.append(f"Editions {', '.join(_text(r) for r in missing['roman'])} are undocumented in our sources "
                     "(no year, no venue) and are not drawn.")
    if matched:
        notes.append(f"{matched} record{'s' if matched > 1 else ''} without an edition number shown with the "
                     "edition of the same year, host and venue.")
    if undated:
        notes.append(f"Not shown: {len(undated)} record{'s' if len(undated) > 1 else ''} without a year "
                     f"({', '.join(undated)}).")
    years = [e["x"] for e in editions]
    lanes = [{"key": key, "label": f"in {'Germany' if key == 'DE' else 'Russia'}", "color": HOST_LOOK[key].color,
              "marker": "square" if HOST_LOOK[key].marker == "s" else "circle",
              "count": sum(e["lane"] == key for e in editions)} for key in ("DE", "RU")]
    return {"editions": editions, "links": links, "lanes": lanes, "breaks": _breaks(),
            "range": [int(min(years)) - 2, int(max(years)) + 2],
            "statusLegend": [["held", "held"], ["announced", "announced (hollow)"]], "notes": notes}


def conference_timeline_page(data: pd.DataFrame, sources: pd.DataFrame | None = None) -> Page:
    """The conference timeline as a page: editions by year, Germany above and Russia below, linked in order."""
    payload = conference_timeline_data(data, sources)
    return Page("conference_timeline", "German-Russian partnership conferences: timeline", "timeline", payload,
                intro=f"{len(payload['editions'])} conferences with a year, by host country; dashed lines join "
                      "consecutive editions, so the alternation shows. Hover over an edition for venue, dates, "
                      "motto, head count, status and sources.", height=520)
