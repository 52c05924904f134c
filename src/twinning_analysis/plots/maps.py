"""The static maps (matplotlib, for print): partnership arcs, counts per region, conference venues.

They draw what :mod:`~twinning_analysis.plots.mapdata` prepares, on the base map and projections of
:mod:`~twinning_analysis.plots.basemap`; the interactive renderer
(:mod:`~twinning_analysis.plots.webmap`) draws the same prepared arcs in the browser.

>>> crs = conic_crs([177.0, -175.0], [64.0, 65.0])
>>> round(central_meridian(crs))
-179
"""
from __future__ import annotations

import math

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from adjustText import adjust_text
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path as MPath
from pyproj import CRS, Transformer

from twinning_analysis.geometry import geodesic_arc
from twinning_analysis.plots.basemap import (  # noqa: F401  (the toolkit, re-exported for existing imports)
    BOUNDARY_FILES, WGS84, Boundaries, central_meridian, conic_crs, extent, fit_aspect, grow, load_boundaries,
    lon_span, lonlat_ring, project_points, to_map,
)
from twinning_analysis.plots.mapdata import (  # noqa: F401  (data preparation, re-exported likewise)
    EUROPEAN_RUSSIA, FAR_EAST_LON, REGION_KINDS, MapFrame, locate_pairs, pairs_per_region, partnership_arcs,
    partnership_frame, pick_labels, place_table, venue_frame, venue_table,
)
from twinning_analysis.plots.style import (
    BORDER, COUNT_COLORS, HOST_LOOK, INK, LAND, LAND_FOCUS, MUTED, NONE_LOOK, PERIOD_UNKNOWN, PERIODS, WATER,
    NothingToPlotError, add_note, bin_label, count_bins, marker_area, report_skipped,
)

#: How many far-eastern places the overview inset labels (most partners first).
INSET_LABELS = 8

#: Iterations of label placement: a fixed count keeps the layout identical on every run.
LABEL_ITERATIONS = 150


def _axes_aspect(ax: Axes) -> float:
    position = ax.get_position()
    return (position.width * ax.figure.get_figwidth()) / (position.height * ax.figure.get_figheight())


def _geometry_path(geometry) -> MPath | None:
    """One compound matplotlib path of all polygons (with holes) of a shapely geometry."""
    paths = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            codes = np.full(len(xy), MPath.LINETO, dtype=MPath.code_type)
            codes[0], codes[-1] = MPath.MOVETO, MPath.CLOSEPOLY
            paths.append(MPath(xy, codes))
    return MPath.make_compound_path(*paths) if paths else None


def add_polygons(ax: Axes, geometries, *, facecolor="none", edgecolor="none", linewidth: float = 0.4,
                 hatch: str | None = None, zorder: float = 1.0) -> PathCollection:
    """Polygons as one matplotlib collection (faster than GeoDataFrame.plot, and no redraws while adding)."""
    paths = [p for p in (_geometry_path(g) for g in geometries) if p is not None]
    collection = PathCollection(paths, facecolors=facecolor, edgecolors=edgecolor, linewidths=linewidth,
                                hatch=hatch, zorder=zorder, transform=ax.transData)
    ax.add_collection(collection, autolim=False)
    return collection


def draw_basemap(ax: Axes, boundaries: Boundaries, crs: CRS, box, *, focus=("DE", "RU"),
                 regions: bool = False) -> None:
    """Land, country borders and lakes of ``box`` in ``crs``; the countries in ``focus`` a shade darker."""
    countries = to_map(boundaries.countries, crs, box)
    focused = countries["ISO_A2"].isin(focus) if "ISO_A2" in countries else np.zeros(len(countries), bool)
    ax.set_facecolor(WATER)
    add_polygons(ax, countries.geometry[~focused], facecolor=LAND, edgecolor=BORDER, linewidth=0.4, zorder=0.5)
    add_polygons(ax, countries.geometry[focused], facecolor=LAND_FOCUS, edgecolor=BORDER, linewidth=0.6,
                 zorder=0.6)
    if regions:
        add_polygons(ax, to_map(boundaries.regions, crs, box).geometry, edgecolor="#f4f4f4", linewidth=0.3,
                     zorder=0.7)
    if not boundaries.lakes.empty:
        add_polygons(ax, to_map(boundaries.lakes, crs, box).geometry, facecolor=WATER, zorder=0.8)
    frame_map(ax, box)


def frame_map(ax: Axes, box) -> None:
    """Frame a map on ``box`` (west, south, east, north): equal aspect, no ticks, a thin grey edge."""
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#9a9a9a")
        spine.set_linewidth(0.6)



# ---------------------------------------------------------------------------------------------
# partnership map


def _label_places(ax: Axes, xs, ys, labels, *, avoid_x=(), avoid_y=(), fontsize: float = 6.5,
                  bold=None) -> list:
    """Labels beside their points, pushed apart with a fixed number of iterations (never a time limit)."""
    texts = []
    for i, (x, y, label) in enumerate(zip(xs, ys, labels)):
        texts.append(ax.text(x, y, f" {label}", fontsize=fontsize, color=INK, ha="left", va="center", zorder=6,
                             fontweight="bold" if bold is not None and bold[i] else "normal",
                             bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "alpha": 0.7,
                                   "edgecolor": "none"}))
    if len(texts) > 1:
        adjust_text(texts, x=np.asarray(list(avoid_x), float), y=np.asarray(list(avoid_y), float), ax=ax,
                    iter_lim=LABEL_ITERATIONS, time_lim=None, expand=(1.1, 1.3), ensure_inside_axes=True,
                    arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.4, "shrinkA": 1, "shrinkB": 2})
    return texts


def _draw_pairs(ax: Axes, arcs: pd.DataFrame, crs: CRS, *, linewidth: float = 0.8) -> dict:
    """The arcs of :func:`partnership_arcs` in their period's colour; returns the periods drawn (label → Period)."""
    transform = Transformer.from_crs(WGS84, crs, always_xy=True)
    by_period: dict = {}
    for arc, period in zip(arcs["arc"], arcs["period"]):
        x, y = transform.transform(arc[:, 0], arc[:, 1])
        by_period.setdefault(period, []).append(np.column_stack([x, y]))
    drawn = {}
    # the most frequent periods first, so that rare ones stay visible on top
    for period, segments in sorted(by_period.items(), key=lambda kv: (-len(kv[1]), kv[0].first)):
        style = {"linestyle": (0, (2, 1.5))} if period is PERIOD_UNKNOWN else {}
        ax.add_collection(LineCollection(segments, colors=period.color, linewidths=linewidth, alpha=0.9,
                                         zorder=2, capstyle="round", gid=f"arcs {period.label}", **style))
        drawn[period.label] = period
    return drawn


def _draw_places(ax: Axes, table: pd.DataFrame, degree: pd.Series, crs: CRS, *, scale: float = 1.0):
    xs, ys = project_points(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"], crs)
    for country in ("DE", "RU"):
        mask = (table.loc[degree.index, "country"] == country).to_numpy()
        if mask.any():
            look = HOST_LOOK[country]
            german = country == "DE"  # filled squares, outlined in white so that neighbours stay apart
            ax.scatter(xs[mask], ys[mask], s=marker_area(degree.to_numpy()[mask]) * scale * (0.8 if german else 1),
                       marker=look.marker, facecolor=INK if german else "white", edgecolor="white" if german else INK,
                       linewidth=0.4 if german else 0.6, zorder=4, gid=f"places {country}")
    return xs, ys


def plot_partnership_map(data: pd.DataFrame | None = None, *, places: pd.DataFrame, boundaries: Boundaries,
                         labels: int = 18, inset: bool = True, far_east_lon: float = FAR_EAST_LON,
                         legend: bool = True, ax: Axes | None = None) -> Axes:
    """Every pair as a geodesic arc between its German and Russian place, coloured by founding period.

    Places are sized by their number of partners (German squares filled, Russian circles open) and the
    places with most partners are labelled. The main map shows Europe up to the Urals; when partners lie
    further east, an overview inset shows every pair (the main map's extent is outlined in it).

    Parameters
    ----------
    data : DataFrame
        One row per pair (``de_place_id``, ``ru_place_id``, ``founded_year``, ``founded_precision``).
        Pairs with a place that has no coordinates are left out and reported.
    places : DataFrame
        ``place_id, lat, lon, country`` (and ``name_en``/``name``, ``population`` for labels).
    boundaries : Boundaries
        From :func:`load_boundaries`.
    labels : int
        How many places to label (most partners first); far-eastern places are always labelled in the inset.
    inset : bool
        Draw the overview inset when some places lie east of ``far_east_lon``.
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> places = pd.DataFrame({"place_id": ["de-a", "ru-b"], "lat": [51.05, 59.94], "lon": [13.74, 30.31],
    ...     "country": ["DE", "RU"], "name": ["Dresden", "St. Petersburg"]})
    >>> pairs = pd.DataFrame({"de_place_id": ["de-a"], "ru_place_id": ["ru-b"], "founded_year": [1961],
    ...     "founded_precision": ["year"]})
    >>> ax = plot_partnership_map(pairs, places=places, boundaries=load_boundaries())
    >>> [len(c.get_segments()) for c in ax.collections if str(c.get_gid()).startswith("arcs")]
    [1]
    """
    pairs, skipped = partnership_arcs(data, places)
    if pairs.empty:
        raise NothingToPlotError("partnership map: no pair has coordinates for both places "
                                 f"({len(skipped)} pairs lack them; has geocoding run?)")
    ax = ax if ax is not None else plt.gca()
    table = place_table(places)
    frame = partnership_frame(pairs, places, far_east_lon=far_east_lon)
    degree, crs, far = frame.degree, frame.crs, frame.far
    box = fit_aspect(frame.box, _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, grow(box, 0.5))
    frame_map(ax, box)
    periods = _draw_pairs(ax, pairs, crs, linewidth=0.9 if len(pairs) <= 40 else 0.6)
    xs, ys = _draw_places(ax, table, degree, crs)
    inside = (xs >= box[0]) & (xs <= box[2]) & (ys >= box[1]) & (ys <= box[3])
    kind = table["kind"].reindex(degree.index).fillna("") if "kind" in table else pd.Series("", index=degree.index)
    regional = kind.isin(REGION_KINDS).to_numpy()  # a Land or federal subject is drawn, but a city is labelled
    country = table["country"].reindex(degree.index).to_numpy()
    german = pick_labels(table, degree[inside & ~regional & (country == "DE")], (labels + 1) // 2)
    russian = pick_labels(table, degree[inside & ~regional & (country != "DE")], labels - len(german))
    chosen = german + russian  # both sides get their share of labels, however many partners one side has
    where = {pid: i for i, pid in enumerate(degree.index)}
    _label_places(ax, [xs[where[p]] for p in chosen], [ys[where[p]] for p in chosen],
                  [table.at[p, "label"] for p in chosen], avoid_x=xs[inside], avoid_y=ys[inside],
                  bold=[degree[p] > 1 for p in chosen])
    if inset and len(far) and not inside.all():
        _overview_inset(ax, pairs, table, degree, boundaries, box, crs, far, inside)
    if legend:
        _map_legend(ax, periods, degree)
    report_skipped(ax, "pairs with a place without coordinates", skipped, one="pair with a place without coordinates")
    return ax


def _overview_inset(ax: Axes, pairs, table, degree, boundaries, box, main_crs, far, inside) -> Axes:
    """An inset of all pairs in a projection centred on all places, in the emptiest corner of the main map."""
    crs = conic_crs(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"])
    xs, ys = project_points(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"], crs)
    bounds = extent(xs, ys, margin=0.1)
    aspect = (bounds[2] - bounds[0]) / (bounds[3] - bounds[1])
    width = 0.46
    height = min(width * _axes_aspect(ax) / aspect, 0.42)
    width = height * aspect / _axes_aspect(ax)
    # the corner with fewest visible places of the main map
    mx, my = project_points(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"], main_crs)
    fx, fy = (mx[inside] - box[0]) / (box[2] - box[0]), (my[inside] - box[1]) / (box[3] - box[1])
    corners = {"upper right": (1 - width, 1 - height), "lower right": (1 - width, 0),
               "upper left": (0, 1 - height), "lower left": (0, 0)}
    crowd = {name: int(((fx >= x0) & (fx <= x0 + width) & (fy >= y0) & (fy <= y0 + height)).sum())
             for name, (x0, y0) in corners.items()}
    corner = min(corners, key=lambda name: (crowd[name], list(corners).index(name)))
    x0, y0 = corners[corner]
    inset = ax.inset_axes([x0, y0, width, height], zorder=7)
    bounds = fit_aspect(bounds, width * ax.get_position().width * ax.figure.get_figwidth()
                         / (height * ax.get_position().height * ax.figure.get_figheight()))
    draw_basemap(inset, boundaries, crs, grow(bounds, 0.3))
    frame_map(inset, bounds)
    for spine in inset.spines.values():
        spine.set_color(INK)
    _draw_pairs(inset, pairs, crs, linewidth=0.5)
    _draw_places(inset, table, degree, crs, scale=0.35)
    # outline of the main map's extent
    edge = np.linspace(0, 1, 20)
    ring_x = np.concatenate([box[0] + edge * (box[2] - box[0]), np.full(20, box[2]),
                             box[2] - edge * (box[2] - box[0]), np.full(20, box[0])])
    ring_y = np.concatenate([np.full(20, box[1]), box[1] + edge * (box[3] - box[1]), np.full(20, box[3]),
                             box[3] - edge * (box[3] - box[1])])
    lon, lat = Transformer.from_crs(main_crs, WGS84, always_xy=True).transform(ring_x, ring_y)
    rx, ry = project_points(lon, lat, crs)
    inset.plot(rx, ry, color=INK, linewidth=0.6, linestyle=(0, (2, 1)), zorder=5)
    where = {pid: i for i, pid in enumerate(degree.index)}
    kind = table["kind"].reindex(degree.index).fillna("") if "kind" in table else pd.Series("", index=degree.index)
    outside = degree.index[~inside & ~kind.isin(REGION_KINDS).to_numpy()]  # what the main map cannot show
    chosen = pick_labels(table, degree[outside], INSET_LABELS)
    _label_places(inset, [xs[where[p]] for p in chosen], [ys[where[p]] for p in chosen],
                  [table.at[p, "label"] for p in chosen], avoid_x=[xs[where[p]] for p in outside],
                  avoid_y=[ys[where[p]] for p in outside], fontsize=5.5)
    inset.text(0.02, 0.97, "all pairs", transform=inset.transAxes, ha="left", va="top", fontsize=6,
               fontweight="bold", color=INK, zorder=8)
    return inset


def _map_legend(ax: Axes, periods: dict, degree: pd.Series) -> None:
    order = [p for p in (*PERIODS, PERIOD_UNKNOWN) if p.label in periods]
    lines = [Line2D([], [], color=p.color, linewidth=1.6,
                    linestyle=(0, (2, 1.5)) if p is PERIOD_UNKNOWN else "-", label=p.label) for p in order]
    first = ax.legend(handles=lines, title="Founded", loc="upper left", bbox_to_anchor=(0.0, -0.01),
                      ncols=min(3, len(lines)), handlelength=1.6, columnspacing=1.0, alignment="left")
    ax.add_artist(first)
    first.set_clip_on(False)  # add_artist clips to the axes, which would leave it out of the layout
    top = int(degree.max())
    sizes = sorted({1, top} | ({(top + 1) // 2} if top > 2 else set()))
    marks = [Line2D([], [], linestyle="", marker="s", markersize=5, markerfacecolor=INK, markeredgecolor=INK,
                    label="German place"),
             Line2D([], [], linestyle="", marker="o", markersize=5, markerfacecolor="white", markeredgecolor=INK,
                    label="Russian place")]
    marks += [Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(marker_area(n)), markerfacecolor="white",
                     markeredgecolor=INK, markeredgewidth=0.6, label=f"{n} partner{'s' if n > 1 else ''}")
              for n in sizes]
    ax.legend(handles=marks, loc="upper right", bbox_to_anchor=(1.0, -0.01), ncols=2, handlelength=1.0,
              columnspacing=1.0)


# ---------------------------------------------------------------------------------------------
# choropleth


def plot_choropleth(data: pd.DataFrame | None = None, *, places: pd.DataFrame, boundaries: Boundaries,
                    country: str = "DE", bins: list[tuple[int, int]] | None = None, zoom=None, outline=None,
                    labels: bool = True, legend: bool = True, ax: Axes | None = None) -> Axes:
    """Pairs per German Land (``country="DE"``) or per Russian federal subject (``"RU"``), in classes.

    Parameters
    ----------
    data : DataFrame
        One row per pair (``de_place_id``, ``ru_place_id``); each pair counts once on each side.
    places : DataFrame
        ``place_id`` and ``admin1`` (ISO 3166-2, e.g. "DE-SN", "RU-KGD"); pairs with a place lacking it are
        left out and reported.
    boundaries : Boundaries
        From :func:`load_boundaries` (Crimea and Sevastopol, marked ``disputed``, are not drawn).
    country : {"DE", "RU"}
        Which side to map.
    bins : list of (low, high), optional
        Count classes (default :func:`~twinning_analysis.plots.style.count_bins` of this map's maximum);
        pass the same bins to several maps to compare them.
    zoom : tuple, optional
        Show only this lon/lat box (west, south, east, north), e.g. :data:`EUROPEAN_RUSSIA`.
    outline : tuple, optional
        Outline this lon/lat box (a zoom shown elsewhere) and leave the counts inside it to that zoom.
    labels : bool
        Write the count in every region that has pairs (pushed apart where they would collide).
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> places = pd.DataFrame({"place_id": ["a", "b"], "country": ["DE", "RU"], "admin1": ["DE-SN", "RU-SPE"],
    ...     "lat": [51.0, 59.9], "lon": [13.7, 30.3]})
    >>> pairs = pd.DataFrame({"de_place_id": ["a"], "ru_place_id": ["b"]})
    >>> ax = plot_choropleth(pairs, places=places, boundaries=load_boundaries(), country="DE")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "count"]
    ['1']
    """
    if country not in ("DE", "RU"):
        raise ValueError(f"choropleth: country must be 'DE' or 'RU', not {country!r}")
    counts, skipped = pairs_per_region(data, places)
    ax = ax if ax is not None else plt.gca()
    regions = boundaries.regions
    disputed = regions["disputed"].astype(bool) if "disputed" in regions else pd.Series(False, index=regions.index)
    regions = regions[(regions["iso_a2"] == country) & ~disputed].copy()
    if regions.empty:
        raise NothingToPlotError(f"choropleth: the boundaries have no regions of {country}")
    mine = counts[counts["country"] == country].set_index("admin1")["n"]
    unknown = sorted(set(mine.index) - set(regions["iso_3166_2"]))
    if unknown:
        raise ValueError(f"choropleth: admin1 code(s) {', '.join(unknown)} match no region of the boundaries")
    regions["n"] = regions["iso_3166_2"].map(mine).fillna(0).astype(int)
    bins = bins or count_bins(max(int(regions["n"].max()), 1))
    if regions["n"].max() > bins[-1][1]:
        raise ValueError(f"choropleth: the bins end at {bins[-1][1]} but a region has {regions['n'].max()} pairs")
    colors = count_colors(len(bins))
    if zoom is not None:
        ring_lon, ring_lat = lonlat_ring(zoom)
        crs = conic_crs(ring_lon, ring_lat)
        box = fit_aspect(extent(*project_points(ring_lon, ring_lat, crs), margin=0.0), _axes_aspect(ax))
    else:
        crs = conic_crs(*_region_span(regions))
        box = fit_aspect(extent(*_xy_bounds(to_map(regions, crs)), margin=0.03), _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, grow(box, 0.3), focus=())
    mapped = to_map(regions, crs, grow(box, 0.3))
    mapped = mapped.assign(_class=[next((i for i, (lo, hi) in enumerate(bins) if lo <= n <= hi), -1)
                                   for n in mapped["n"]])
    none = mapped[mapped["n"] == 0]
    if not none.empty:
        add_polygons(ax, none.geometry, facecolor=NONE_LOOK.color, edgecolor=NONE_LOOK.edge, hatch=NONE_LOOK.hatch,
                     linewidth=0.0, zorder=1)
    for i, color in enumerate(colors):
        part = mapped[mapped["_class"] == i]
        if not part.empty:
            add_polygons(ax, part.geometry, facecolor=color, zorder=1.1)
    add_polygons(ax, mapped.geometry, edgecolor="#8a8a8a", linewidth=0.3, zorder=1.2)
    if not boundaries.lakes.empty:
        add_polygons(ax, to_map(boundaries.lakes, crs, grow(box, 0.3)).geometry, facecolor=WATER, zorder=1.3)
    frame_map(ax, box)
    if outline is not None:
        ox, oy = project_points(*lonlat_ring(outline), crs)
        ax.plot(ox, oy, color=INK, linewidth=0.7, linestyle=(0, (3, 2)), zorder=4)
    if labels:
        _count_labels(ax, regions, crs, box, outline)
    if legend:
        handles = [Patch(facecolor=c, edgecolor="#8a8a8a", linewidth=0.4, label=bin_label(lo, hi))
                   for c, (lo, hi) in zip(colors, bins)]
        handles.append(Patch(facecolor=NONE_LOOK.color, edgecolor=NONE_LOOK.edge, hatch=NONE_LOOK.hatch,
                             linewidth=0.4, label=NONE_LOOK.label))
        ax.legend(handles=handles, title="Pairs", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  handlelength=1.2, alignment="left")
    side = "Land" if country == "DE" else "federal subject"
    report_skipped(ax, f"pairs whose {country} place has no {side}", [p for p, c in skipped if c == country],
                   one=f"pair whose {country} place has no {side}")
    return ax


def _count_labels(ax: Axes, regions: gpd.GeoDataFrame, crs: CRS, box, outline) -> list:
    """The count of every region with pairs at a point inside it; collisions pushed apart (fixed iterations)."""
    counted = regions[regions["n"] > 0].sort_values("iso_3166_2")
    points = counted.geometry.representative_point()
    lon, lat = points.x.to_numpy(), points.y.to_numpy()
    if outline is not None:
        west, south, east, north = outline
        keep = ~((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))
        counted, lon, lat = counted[keep], lon[keep], lat[keep]
    x, y = project_points(lon, lat, crs)
    shown = (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
    texts = []
    for (_, region), px, py in zip(counted[shown].iterrows(), x[shown], y[shown]):
        text = ax.text(px, py, str(region["n"]), ha="center", va="center", fontsize=6.5, fontweight="bold",
                       color=INK, zorder=5, bbox={"boxstyle": "round,pad=0.12", "facecolor": "white",
                                                   "edgecolor": "none", "alpha": 0.85})
        text.set_gid("count")
        texts.append(text)
    if len(texts) > 1:
        adjust_text(texts, ax=ax, iter_lim=LABEL_ITERATIONS, time_lim=None, expand=(1.15, 1.25),
                    force_explode=(0.05, 0.1), ensure_inside_axes=True,
                    arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.4, "shrinkA": 0, "shrinkB": 0})
    return texts


def count_colors(n: int) -> list[str]:
    """``n`` fills from light to dark, spread over :data:`~twinning_analysis.plots.style.COUNT_COLORS`."""
    if n == 1:
        return [COUNT_COLORS[2]]
    return [COUNT_COLORS[round(i * (len(COUNT_COLORS) - 1) / (n - 1))] for i in range(n)]


def _region_span(regions: gpd.GeoDataFrame) -> tuple[list[float], list[float]]:
    """Longitudes and latitudes that outline the regions (their parts' corners), for :func:`conic_crs`."""
    parts = shapely.get_parts(regions.geometry.to_numpy())
    bounds = shapely.bounds(parts)
    lons = np.concatenate([bounds[:, 0], bounds[:, 2]])
    lats = np.concatenate([bounds[:, 1], bounds[:, 3]])
    return lons.tolist(), lats.tolist()


def _xy_bounds(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    x0, y0, x1, y1 = frame.total_bounds
    return np.array([x0, x1]), np.array([y0, y1])


# ---------------------------------------------------------------------------------------------
# conference venues


def _venue_labels(ax: Axes, sites: pd.DataFrame) -> list:
    """Label every venue without overlaps, the same way on every run.

    German venues lie close together at this scale, so their labels form a column west of Germany, in the
    venues' north-to-south order, with leader lines. Russian venues are labelled beside their mark; a label
    that would overlap one placed before moves down a line (with a leader).
    """
    if hasattr(ax.figure.canvas, "get_renderer"):
        ax.figure.draw_without_rendering()  # settle the layout before measuring
    renderer = ax.figure.canvas.get_renderer() if hasattr(ax.figure.canvas, "get_renderer") else None
    step = _points_to_data(ax, 10, axis="y")
    bottom, top = ax.get_ylim()
    leader = {"arrowstyle": "-", "color": INK, "linewidth": 0.4, "shrinkA": 0, "shrinkB": 4}
    style = {"fontsize": 6.5, "color": INK, "va": "center", "zorder": 6, "annotation_clip": False,
             "bbox": {"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.85, "edgecolor": "none"}}

    def label_of(site) -> str:
        number = site["tags"].replace(", ", r",\ ")
        return f"$\\mathbf{{{number}}}$  {site['label']} {site['years']}"

    texts = []
    german = sites[sites["host"] == "DE"].sort_values(["y", "x"], ascending=[False, True])
    if len(german):
        column = german["x"].min() - _points_to_data(ax, 16)
        rows = german["y"].mean() + (np.arange(len(german))[::-1] - (len(german) - 1) / 2) * step
        rows += max(0.0, bottom + step - rows.min()) - max(0.0, rows.max() - (top - step))
        for (_, site), y in zip(german.iterrows(), rows):
            texts.append(ax.annotate(label_of(site), xy=(site["x"], site["y"]), xytext=(column, y), ha="right",
                                     arrowprops={**leader, "relpos": (1.0, 0.5)}, **style))
    placed: list[tuple[float, float, float]] = []  # (left, right, y) of the labels beside their marks
    shift = _points_to_data(ax, 7)
    for _, site in sites[sites["host"] != "DE"].sort_values(["y", "x"], ascending=[False, True]).iterrows():
        probe = ax.text(0, 0, label_of(site), fontsize=style["fontsize"])
        width = (probe.get_window_extent(renderer).width / ax.figure.dpi if renderer is not None
                 else 0.55 * style["fontsize"] * len(probe.get_text()) / 72) * _points_to_data(ax, 72)
        probe.remove()
        left, y = site["x"] + shift, site["y"]
        while any(abs(y - py) < step and left < pr and pl < left + width for pl, pr, py in placed):
            y -= step
        moved = {"arrowprops": {**leader, "relpos": (0.0, 0.5)}} if y != site["y"] else {}
        texts.append(ax.annotate(label_of(site), xy=(site["x"], site["y"]), xytext=(left, y), ha="left",
                                 **moved, **style))
        placed.append((left, left + width, y))
    for text in texts:
        text.set_gid("edition")
    return texts


def _points_to_data(ax: Axes, points: float, axis: str = "x") -> float:
    """A distance in points, in the data units of ``ax`` along ``axis``."""
    if axis == "x":
        low, high = ax.get_xlim()
        inches = ax.get_position().width * ax.figure.get_figwidth()
    else:
        low, high = ax.get_ylim()
        inches = ax.get_position().height * ax.figure.get_figheight()
    return points / 72 / inches * (high - low)


def plot_conference_venues(data: pd.DataFrame | None = None, *, places: pd.DataFrame, boundaries: Boundaries,
                           legend: bool = True, ax: Axes | None = None) -> Axes:
    """Conference venues on a map, each marked with the numbers of the editions it hosted, in order.

    Thin lines join consecutive editions, so the back-and-forth between the countries shows.

    Parameters
    ----------
    data : DataFrame
        One row per edition: ``edition``, ``year``, ``host_country``, ``venues`` and ``venue_place_ids``
        (";"-joined). Venues without coordinates are left out and reported.
    places : DataFrame
        ``place_id, lat, lon, country`` (and ``name_en``/``name`` for labels).
    boundaries : Boundaries
        From :func:`load_boundaries`.
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> places = pd.DataFrame({"place_id": ["ru-k", "de-e"], "lat": [54.5, 51.5], "lon": [36.3, 7.0],
    ...     "country": ["RU", "DE"], "name": ["Kaluga", "Essen"]})
    >>> conf = pd.DataFrame({"edition": [16, 17], "year": [2021, 2023], "host_country": ["RU", "DE"],
    ...     "venues": ["Kaluga", "Essen"], "venue_place_ids": ["ru-k", "de-e"]})
    >>> ax = plot_conference_venues(conf, places=places, boundaries=load_boundaries())
    >>> sorted(t.get_text().split("  ")[1] for t in ax.texts if t.get_gid() == "edition")
    ['Essen 2023', 'Kaluga 2021']
    """
    venues, skipped = venue_table(data, places)
    if venues.empty:
        raise NothingToPlotError("conference venues: no venue has coordinates "
                                 f"({len(skipped)} left out; has geocoding run?)")
    ax = ax if ax is not None else plt.gca()
    crs, box = venue_frame(venues)
    vx, vy = project_points(venues["lon"], venues["lat"], crs)
    venues = venues.assign(x=vx, y=vy)
    box = fit_aspect(box, _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, grow(box, 0.5))
    frame_map(ax, box)
    transform = Transformer.from_crs(WGS84, crs, always_xy=True)
    # a line from each edition to the next one (first venues); none across a gap in the numbering
    firsts = venues[venues["main"] & venues["edition"].notna()]
    for (_, a), (_, b) in zip(firsts.iterrows(), firsts.iloc[1:].iterrows()):
        if int(b["edition"]) != int(a["edition"]) + 1:
            continue
        lon, lat = np.asarray(geodesic_arc((a["lon"], a["lat"]), (b["lon"], b["lat"]), points=32).coords).T
        x, y = transform.transform(lon, lat)
        ax.plot(x, y, color=MUTED, linewidth=0.6, linestyle=(0, (3, 2)), zorder=2)
    # further venues of an edition (Karlsruhe and Baden-Baden): a small mark, named with the first venue
    others = venues[~venues["main"]]
    for host, group in others.groupby("host_country"):
        look = HOST_LOOK.get(host, HOST_LOOK["DE"])
        ax.scatter(group["x"], group["y"], s=14, marker=look.marker, facecolor=look.color, edgecolor=INK,
                   linewidth=0.5, zorder=7)
    also = others.groupby("tag", sort=False)["label"].agg(lambda names: " and ".join(dict.fromkeys(names)))
    mains = venues[venues["main"]].assign(
        label=lambda f: [f"{n} and {also[t]}" if t in also.index else n for n, t in zip(f["label"], f["tag"])])
    sites = mains.groupby("place_id", sort=False).agg(
        x=("x", "first"), y=("y", "first"), label=("label", "first"), host=("host_country", "first"),
        tags=("tag", lambda t: ", ".join(dict.fromkeys(t))),
        years=("year", lambda y: ", ".join(str(int(v)) for v in dict.fromkeys(y) if not pd.isna(v))))
    for host, group in sites.groupby("host"):
        look = HOST_LOOK.get(host, HOST_LOOK["DE"])
        ax.scatter(group["x"], group["y"], s=36, marker=look.marker, facecolor=look.color, edgecolor=INK,
                   linewidth=0.6, zorder=7)  # above the labels' backgrounds: a venue is never hidden
    _venue_labels(ax, sites)
    if legend:
        handles = [Line2D([], [], linestyle="", marker=HOST_LOOK[c].marker, markersize=7,
                          markerfacecolor=HOST_LOOK[c].color, markeredgecolor=INK, markeredgewidth=0.5,
                          label=f"venue {HOST_LOOK[c].label}") for c in ("DE", "RU")]
        handles.append(Line2D([], [], color=MUTED, linewidth=0.6, linestyle=(0, (3, 2)),
                              label="to the next edition"))
        title = "Bold number: edition of the conference" + ("; ? not numbered" if (venues["tag"] == "?").any() else "")
        ax.legend(handles=handles, title=title, loc="upper left",
                  bbox_to_anchor=(0.0, -0.01), ncols=3, handlelength=1.6, alignment="left")
    if venues.attrs.get("matched"):
        matched = venues.attrs["matched"]
        add_note(ax, f"{matched} record{'s' if matched > 1 else ''} without an edition number shown with the "
                     "edition of the same year, host and venue.")
    report_skipped(ax, "conference venues without coordinates or year", skipped,
                   one="conference venue without coordinates or year")
    return ax
