"""What a map shows, computed once for the static and the interactive renderer.

:func:`partnership_arcs` turns the pair table into the arcs of the partnership map, with their colour
(founding period), the labels of both places and the text of their tooltip; :func:`partnership_frame`
chooses projection and extent; :func:`venue_table` and :func:`pairs_per_region` do the same for the
conference venues and the choropleth. Nothing here draws.

>>> places = pd.DataFrame({"place_id": ["de-a", "ru-b"], "lat": [51.05, 59.94], "lon": [13.74, 30.31],
...     "country": ["DE", "RU"], "name": ["Dresden", "St. Petersburg"]})
>>> pairs = pd.DataFrame({"partnership_id": ["p1"], "de_place_id": ["de-a"], "ru_place_id": ["ru-b"],
...     "founded": ["1961"], "founded_year": [1961], "founded_precision": ["year"]})
>>> arcs, skipped = partnership_arcs(pairs, places)
>>> arcs.loc[0, "title"], arcs.loc[0, "color"], len(arcs.loc[0, "arc"])
('Dresden – St. Petersburg', '#0d0887', 50)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pyproj import CRS

from twinning_analysis.analysis import region_sides
from twinning_analysis.geometry import geodesic_arc
from twinning_analysis.plots.basemap import conic_crs, extent, project_points, wrap_lon
from twinning_analysis.plots.conferences import split_records
from twinning_analysis.plots.style import (
    PERIOD_UNKNOWN, Period, founding_period, require_columns, year_span,
)

#: Places east of this longitude (beyond the Urals) go to the overview inset of the partnership map.
FAR_EAST_LON = 60.0

#: Kinds of place that are whole regions: drawn at their centre, never labelled as if they were cities.
REGION_KINDS = ("land", "federal_subject")


def place_table(places: pd.DataFrame) -> pd.DataFrame:
    """Places indexed by ``place_id``, with the ``label`` maps show (English name, else the name)."""
    require_columns(places, ["place_id", "lat", "lon", "country"], "places")
    table = places.drop_duplicates("place_id").set_index("place_id")
    name = table["name_en"] if "name_en" in table else pd.Series("", index=table.index)
    fallback = table["name"] if "name" in table else pd.Series(table.index, index=table.index)
    table["label"] = [n if isinstance(n, str) and n else f for n, f in zip(name.fillna(""), fallback.fillna(""))]
    return table


def _located(ids: pd.Series, table: pd.DataFrame) -> pd.Series:
    return ids.map(lambda p: bool(p) and p in table.index and not pd.isna(table.at[p, "lat"])
                   and not pd.isna(table.at[p, "lon"]))


def locate_pairs(data: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The pairs whose two places have coordinates, with ``de_lon, de_lat, ru_lon, ru_lat`` added, and the
    ids of the pairs left out (a side without a place or without coordinates)."""
    require_columns(data, ["de_place_id", "ru_place_id"], "partnership map")
    table = place_table(places)
    ok = _located(data["de_place_id"], table) & _located(data["ru_place_id"], table)
    ids = data.get("partnership_id", data.index.to_series()).astype(str)
    pairs = data[ok].copy()
    for side in ("de", "ru"):
        pairs[f"{side}_lon"] = pairs[f"{side}_place_id"].map(table["lon"]).astype(float)
        pairs[f"{side}_lat"] = pairs[f"{side}_place_id"].map(table["lat"]).astype(float)
    return pairs, ids[~ok].tolist()


def period_of(row: pd.Series) -> Period:
    """The founding period of a pair (:data:`~twinning_analysis.plots.style.PERIOD_UNKNOWN` if it spans two)."""
    first, last = year_span(row.get("founded_year"), row.get("founded_precision", ""))
    return founding_period(first, last)


def pick_labels(table: pd.DataFrame, degree: pd.Series, count: int) -> list[str]:
    """The ``count`` places with most partners (then largest population, then name): a stable choice."""
    population = table["population"] if "population" in table else pd.Series(np.nan, index=table.index)
    order = pd.DataFrame({"degree": degree, "population": pd.to_numeric(population.reindex(degree.index),
                                                                         errors="coerce").fillna(-1),
                          "label": table["label"].reindex(degree.index)})
    order = order.sort_values(["degree", "population", "label"], ascending=[False, False, True], kind="mergesort")
    return order.index[:count].tolist()


#: Vertices of an arc between its two ends (geodesic; enough to look smooth at print size).
ARC_POINTS = 48

#: What a status after 24 February 2022 means, for tooltips and layer switches ("" = no report found).
STATUS_TEXT = {"active": "active", "kept": "kept up", "paused": "paused", "suspended": "suspended",
               "ended": "ended", "": "no report found"}

#: What a founding date stands for (``founded_basis``), for tooltips.
BASIS_TEXT = {"": "", "signed": "date of signing", "in_force": "in force since", "decision": "date of the decision",
              "reaffirmed": "reaffirmed"}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def founding_text(founded: str, precision: str, basis: str = "") -> str:
    """A founding date in words, with its precision (and what the date stands for).

    >>> founding_text("1991-09-09", "day", "signed")
    '9 September 1991 (to the day; date of signing)'
    >>> founding_text("199X", "decade"), founding_text("", "")
    ('the 1990s (to the decade)', 'not known')
    """
    founded = str(founded or "")
    if not founded:
        return "not known"
    parts = founded.split("-")
    if precision == "decade":
        words = f"the {founded[:3]}0s"
    elif precision == "day" and len(parts) == 3:
        words = f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    elif precision == "month" and len(parts) >= 2:
        words = f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    else:
        words = parts[0]
    detail = [f"to the {precision}"] if precision else []
    detail += [BASIS_TEXT.get(basis, basis)] if basis else []
    return f"{words} ({'; '.join(detail)})" if detail else words


def source_index(sources: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """``source_id`` → ``(title, url)`` of the raw ``sources.csv`` table (empty without a table)."""
    if sources is None or sources.empty:
        return {}
    titles = sources["title"].fillna("").astype(str) if "title" in sources else sources["source_id"]
    urls = sources["url"].fillna("").astype(str) if "url" in sources else pd.Series("", index=sources.index)
    return {i: (t or i, u) for i, t, u in zip(sources["source_id"].astype(str), titles, urls)}


def source_links(source_ids: str, index: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """``(title, url)`` of each source of a pair (``url`` may be ""); ids not in ``index`` stay as ids.

    >>> index = source_index(pd.DataFrame({"source_id": ["s1"], "title": ["Report"], "url": ["https://example.org/r"]}))
    >>> source_links("s1;s2", index)
    [('Report', 'https://example.org/r'), ('s2', '')]
    """
    ids = [s.strip() for s in re.split(r"[;|]", str(source_ids or "")) if s.strip()]
    return [index.get(i, (i, "")) for i in ids]


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def pair_tooltip(pair: pd.Series, de_label: str, ru_label: str, sources: dict | None = None) -> dict:
    """What hovering over a pair shows: ``title`` (both places), ``rows`` of (key, value) and ``sources``
    as (title, url), looked up in ``sources`` (see :func:`source_index`)."""
    published = [f"{_text(pair.get('de_name'))} – {_text(pair.get('ru_name'))}"]
    rows = [("relation", _text(pair.get("relation")) or "not stated"),
            ("founded", founding_text(_text(pair.get("founded")), _text(pair.get("founded_precision")),
                                      _text(pair.get("founded_basis"))))]
    if _text(pair.get("founded_text")):
        rows.append(("as published", _text(pair["founded_text"])))
    status = STATUS_TEXT.get(_text(pair.get("status")), _text(pair.get("status")))
    when = _text(pair.get("status_date_text"))
    rows.append(("after Feb 2022", f"{status} ({when})" if when else status))
    if published[0] != f"{de_label} – {ru_label}" and published[0] != " – ":
        rows.append(("names in sources", published[0]))
    if pair.get("conflict") is True or _text(pair.get("conflict")) == "True":
        rows.append(("sources disagree", _text(pair.get("conflict_note")) or "yes"))
    return {"title": f"{de_label} – {ru_label}", "rows": rows,
            "sources": source_links(_text(pair.get("source_ids")), sources or {})}


def partnership_arcs(data: pd.DataFrame, places: pd.DataFrame, *, sources: pd.DataFrame | None = None,
                     points: int = ARC_POINTS) -> tuple[pd.DataFrame, list[str]]:
    """The arcs of the partnership map, one row per pair whose two places have coordinates, and the ids of
    the pairs left out.

    Each row keeps the pair's columns and adds ``de_label``/``ru_label`` (the places' map labels),
    ``title``, ``period`` (a :class:`~twinning_analysis.plots.style.Period`), its ``color``, ``dashed``
    (undated or spanning two periods), ``arc`` (geodesic lon/lat vertices, an array of shape
    ``(points + 2, 2)``) and ``tooltip`` (see :func:`pair_tooltip`; ``sources`` is the raw
    ``sources.csv`` table, for titles and links). The static and the interactive map both draw these.
    """
    pairs, skipped = locate_pairs(data, places)
    table = place_table(places)
    labels = table["label"]
    index = source_index(sources)
    arcs, periods, tips = [], [], []
    for _, pair in pairs.iterrows():
        arc = geodesic_arc((pair["de_lon"], pair["de_lat"]), (pair["ru_lon"], pair["ru_lat"]), points=points)
        arcs.append(np.asarray(arc.coords))
        periods.append(period_of(pair))
        tips.append(pair_tooltip(pair, labels[pair["de_place_id"]], labels[pair["ru_place_id"]], index))
    pairs["de_label"] = pairs["de_place_id"].map(labels)
    pairs["ru_label"] = pairs["ru_place_id"].map(labels)
    pairs["title"] = [t["title"] for t in tips]
    pairs["period"] = pd.Series(periods, index=pairs.index, dtype=object)
    pairs["color"] = [p.color for p in periods]
    pairs["dashed"] = [p is PERIOD_UNKNOWN for p in periods]
    pairs["arc"] = pd.Series(arcs, index=pairs.index, dtype=object)
    pairs["tooltip"] = pd.Series(tips, index=pairs.index, dtype=object)
    return pairs.reset_index(drop=True), skipped


@dataclass(frozen=True)
class MapFrame:
    """Projection and extent of a partnership map: ``degree`` (partners per place), the places beyond
    the main extent (``far``), and the ``box`` (xmin, ymin, xmax, ymax) in ``crs``."""

    crs: CRS
    box: tuple[float, float, float, float]
    degree: pd.Series
    far: pd.Index

    @property
    def aspect(self) -> float:
        return (self.box[2] - self.box[0]) / (self.box[3] - self.box[1])


def partnership_frame(pairs: pd.DataFrame, places: pd.DataFrame, *, far_east_lon: float = FAR_EAST_LON
                      ) -> MapFrame:
    """Projection and extent of the main partnership map: Europe up to ``far_east_lon``, centred on its places.

    ``pairs`` are located pairs (see :func:`locate_pairs`); figures use the extent's shape to size the page.
    """
    table = place_table(places)
    degree = pd.concat([pairs["de_place_id"], pairs["ru_place_id"]]).value_counts().sort_index()
    lon = table.loc[degree.index, "lon"].astype(float).map(wrap_lon)
    core = degree.index[(lon <= far_east_lon) & (lon >= -30)]
    far = degree.index.difference(core)
    if len(core) == 0:
        core, far = degree.index, degree.index[:0]
    crs = conic_crs(table.loc[core, "lon"], table.loc[core, "lat"])
    cx, cy = project_points(table.loc[core, "lon"], table.loc[core, "lat"], crs)
    return MapFrame(crs, extent(cx, cy, margin=0.06), degree, far)



def pairs_per_region(data: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Pairs per German Land and per Russian federal subject (``admin1, country, n``), and the sides left out
    because their place has no ``admin1``, as ``(partnership id, country)``.

    >>> places = pd.DataFrame({"place_id": ["a", "b"], "country": ["DE", "RU"], "admin1": ["DE-SN", "RU-SPE"],
    ...     "lat": [51.0, 59.9], "lon": [13.7, 30.3]})
    >>> pairs_per_region(pd.DataFrame({"de_place_id": ["a"], "ru_place_id": ["b"]}), places)[0].values.tolist()
    [['DE-SN', 'DE', 1], ['RU-SPE', 'RU', 1]]
    """
    require_columns(data, ["de_place_id", "ru_place_id"], "pairs per region")
    require_columns(places, ["place_id", "admin1"], "places")
    sides = region_sides(data, places)
    ids = data.get("partnership_id", data.index.to_series()).astype(str)
    unknown = sides[sides["admin1"] == ""]
    skipped = list(zip(ids.loc[unknown["pair"]], unknown["country"]))
    counts = sides[sides["admin1"] != ""].groupby(["admin1", "country"], as_index=False).size()
    return counts.rename(columns={"size": "n"}).sort_values(["country", "admin1"]).reset_index(drop=True), skipped


#: European Russia (west, south, east, north in degrees): the zoom of the choropleth, where subjects are small.
EUROPEAN_RUSSIA = (19.5, 41.0, 50.5, 61.5)


def venue_table(data: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One row per edition and venue with coordinates, in edition order, and the venues left out.

    As on the timeline, a record without an edition number that matches a numbered edition (same year, host
    and venue) is not drawn again (their number is in ``frame.attrs["matched"]``), and records without a
    year are left out.
    """
    require_columns(data, ["venue_place_ids", "host_country", "year"], "conference venues")
    table = place_table(places)
    numbered, loose, matched, undated = split_records(data)
    order = pd.concat([numbered, loose])
    order = order.assign(_edition=order["edition"] if "edition" in order else pd.NA, _year=order["year"])
    order = order.sort_values(["_edition", "_year"], na_position="last", kind="mergesort")
    rows, skipped = [], [f"{name} (no year)" for name in undated]
    for _, conf in order.iterrows():
        ids = [p for p in str(conf["venue_place_ids"] or "").split(";") if p]
        names = [v.strip() for v in str(conf.get("venues", "") or "").split(";")]
        name_of = dict(zip(ids, names)) if len(names) == len(ids) else {}
        edition = conf["_edition"]
        tag = str(int(edition)) if not pd.isna(edition) else "?"
        if not ids:
            skipped.append(f"edition {tag} (no venue)")
        for pid in ids:
            if pid in table.index and not pd.isna(table.at[pid, "lat"]) and not pd.isna(table.at[pid, "lon"]):
                rows.append({"place_id": pid, "edition": edition, "tag": tag,
                             "year": conf["_year"], "host_country": conf["host_country"],
                             "status": conf.get("status", ""), "lon": float(table.at[pid, "lon"]),
                             "lat": float(table.at[pid, "lat"]),
                             "label": name_of.get(pid) or table.at[pid, "label"] or pid})
            else:
                skipped.append(f"{name_of.get(pid, pid)} (edition {tag})")
    frame = pd.DataFrame(rows, columns=["place_id", "edition", "tag", "year", "host_country", "status", "lon",
                                        "lat", "label"])
    frame["main"] = ~frame.duplicated(["tag", "edition", "year"])  # the first venue of each edition
    frame.attrs["matched"] = matched
    return frame, skipped


def venue_frame(venues: pd.DataFrame) -> tuple[CRS, tuple[float, float, float, float]]:
    """Projection and extent of the venue map, with room for the labels on both sides; ``venues`` from
    :func:`venue_table`."""
    crs = conic_crs(venues["lon"], venues["lat"])
    x0, y0, x1, y1 = extent(*project_points(venues["lon"], venues["lat"], crs), margin=0.08,
                             minimum=1_000_000.0)
    return crs, (x0 - 0.4 * (x1 - x0), y0, x1 + 0.3 * (x1 - x0), y1)
