"""Maps on the offline Natural Earth boundaries: partnership arcs, counts per region, conference venues.

Every map uses a Lambert conformal conic projection centred on what it shows (:func:`conic_crs`), so
Russia's crossing of 180° is no seam: layers are cut along the projection's own seam (the meridian
opposite its centre) before projecting, and the halves Natural Earth splits at ±180° are merged again.

>>> crs = conic_crs([177.0, -175.0], [64.0, 65.0])
>>> round(central_meridian(crs))
-179
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

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

from twinning_analysis.analysis import region_sides
from twinning_analysis.config import Paths, project_paths
from twinning_analysis.geometry import geodesic_arc
from twinning_analysis.plots.conferences import split_records
from twinning_analysis.plots.style import (
    BORDER, COUNT_COLORS, HOST_LOOK, INK, LAND, LAND_FOCUS, MUTED, NONE_LOOK, PERIOD_UNKNOWN, PERIODS, WATER,
    NothingToPlotError, add_note, bin_label, count_bins, founding_period, marker_area, report_skipped,
    require_columns,
    year_span,
)

#: The boundary layers in ``data/raw/boundaries`` (see SOURCES.md there).
BOUNDARY_FILES = {"countries": "admin0_europe_russia.geojson", "regions": "admin1_de_ru.geojson",
                  "lakes": "lakes_europe_russia.geojson"}

#: Places east of this longitude (beyond the Urals) go to the overview inset of the partnership map.
FAR_EAST_LON = 60.0

#: Kinds of place that are whole regions: drawn at their centre, never labelled as if they were cities.
REGION_KINDS = ("land", "federal_subject")

#: How many far-eastern places the overview inset labels (most partners first).
INSET_LABELS = 8

#: Iterations of label placement: a fixed count keeps the layout identical on every run.
LABEL_ITERATIONS = 150

_WGS84 = "EPSG:4326"


@dataclass(frozen=True)
class Boundaries:
    """The three boundary layers in WGS 84: countries (admin-0), German Länder and Russian subjects (admin-1),
    and lakes (may be empty)."""

    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    lakes: gpd.GeoDataFrame


def load_boundaries(paths: Paths | None = None) -> Boundaries:
    """Read the boundary layers from ``data/raw/boundaries`` (the lakes layer is optional).

    >>> b = load_boundaries()
    >>> sorted(set(b.regions["iso_a2"]))
    ['DE', 'RU']
    """
    folder = (paths or project_paths()).boundaries
    layers = {}
    for key, name in BOUNDARY_FILES.items():
        path = Path(folder) / name
        if not path.exists():
            if key == "lakes":
                layers[key] = gpd.GeoDataFrame(geometry=[], crs=_WGS84)
                continue
            raise FileNotFoundError(f"boundary layer {path} is missing (see data/raw/boundaries/SOURCES.md)")
        layers[key] = gpd.read_file(path).to_crs(_WGS84)
    return Boundaries(**layers)


# ---------------------------------------------------------------------------------------------
# projection


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def lon_span(lons) -> tuple[float, float]:
    """The shortest stretch of longitude (west, east) that holds all ``lons``; ``east`` may exceed 180.

    >>> lon_span([177, -175])
    (177.0, 185.0)
    >>> lon_span([6, 40, 135])
    (6.0, 135.0)
    """
    values = sorted({_wrap(float(x)) for x in lons})
    if not values:
        raise ValueError("no longitudes")
    if len(values) == 1:
        return values[0], values[0]
    gaps = [(values[(i + 1) % len(values)] - values[i]) % 360.0 for i in range(len(values))]
    widest = int(np.argmax(gaps))  # the span starts after the widest empty gap
    west = values[(widest + 1) % len(values)]
    east = values[widest]
    return west, east + 360.0 if east < west else east


def conic_crs(lons, lats) -> CRS:
    """A Lambert conformal conic projection centred on the points (standard parallels at 1/6 and 5/6 of
    their latitudes), so the map's seam lies opposite the data.

    >>> crs = conic_crs([6.1, 135.1], [50.8, 48.5])
    >>> round(central_meridian(crs), 1)
    70.6
    """
    lats = [float(y) for y in lats]
    if not lats:
        raise ValueError("conic_crs: no points")
    west, east = lon_span(lons)
    south, north = min(lats), max(lats)
    if north - south < 4:
        south, north = south - 2, north + 2
    lat_1, lat_2 = south + (north - south) / 6, north - (north - south) / 6
    lon_0 = _wrap((west + east) / 2)
    return CRS.from_proj4(f"+proj=lcc +lat_1={lat_1:.2f} +lat_2={lat_2:.2f} +lat_0={(south + north) / 2:.2f} "
                          f"+lon_0={lon_0:.2f} +datum=WGS84 +units=m +no_defs")


def central_meridian(crs: CRS) -> float:
    """The longitude a projection is centred on (0 when it has none)."""
    operation = crs.coordinate_operation
    for param in operation.params if operation is not None else ():
        if "longitude" in param.name.lower():
            return float(param.value)
    return 0.0


def project_points(lons, lats, crs: CRS) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes to map coordinates (metres) of ``crs``."""
    x, y = Transformer.from_crs(_WGS84, crs, always_xy=True).transform(np.asarray(lons, float),
                                                                        np.asarray(lats, float))
    return np.asarray(x), np.asarray(y)


def to_map(layer: gpd.GeoDataFrame, crs: CRS, box: tuple[float, float, float, float] | None = None
           ) -> gpd.GeoDataFrame:
    """Project a WGS 84 layer to ``crs``: cut along the projection's seam and south of 20° N first, merge the
    halves split at ±180° afterwards, and keep only what lies in ``box`` (xmin, ymin, xmax, ymax) if given."""
    if layer.empty:
        return layer.to_crs(crs)
    seam = _wrap(central_meridian(crs) + 180.0)
    cut = shapely.union_all([shapely.box(seam - 0.25, -90, seam + 0.25, 90), shapely.box(-180, -90, 180, 20),
                             shapely.box(-180, -90, -180 + max(0.0, seam + 0.25 - 180), 90),
                             shapely.box(180 - max(0.0, -180 - (seam - 0.25)), -90, 180, 90)])
    layer = layer[layer.geometry.notna() & ~layer.geometry.is_empty].copy()
    hits = layer.intersects(cut)
    if hits.any():
        layer.loc[hits, "geometry"] = layer.loc[hits].geometry.difference(cut)
        layer = layer[~layer.geometry.is_empty]
    bounds = layer.geometry.bounds
    split = ((bounds["minx"] <= -179.99) & (bounds["maxx"] >= 179.99)).to_numpy()
    projected = layer.to_crs(crs)
    if split.any():
        projected.loc[split, "geometry"] = [_merge_seam(a, b) for a, b in zip(layer.geometry[split],
                                                                              projected.geometry[split])]
    if box is not None:
        projected = projected[projected.intersects(shapely.box(*box))].copy()
    if box is not None:
        projected = projected.clip(shapely.box(*box))
        # drop detail finer than about a printed pixel (1/2000 of the box), keeping shared borders shared
        tolerance = (box[2] - box[0]) / 2000
        polygons = projected.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
        if polygons.any():
            simplified = shapely.coverage_simplify(projected.geometry.to_numpy()[polygons], tolerance)
            projected.loc[polygons, "geometry"] = simplified
        projected = projected[~projected.geometry.is_empty]
    return projected


def _merge_seam(lonlat, projected):
    """Join again the parts Natural Earth cut at ±180° (``lonlat`` and ``projected`` have the same parts)."""
    parts_ll, parts = shapely.get_parts(lonlat), shapely.get_parts(projected)
    bounds = shapely.bounds(parts_ll)
    touching = (bounds[:, 0] <= -179.99) | (bounds[:, 2] >= 179.99)
    if touching.sum() < 2 or len(parts) != len(parts_ll):
        return projected
    merged = shapely.get_parts(shapely.union_all(parts[touching], grid_size=1.0))
    return shapely.MultiPolygon([*parts[~touching], *merged])


def _extent(x, y, *, margin: float = 0.08, minimum: float = 300_000.0) -> tuple[float, float, float, float]:
    """A box around the points with ``margin`` of its size on each side (at least ``minimum`` metres wide)."""
    x0, x1, y0, y1 = float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))
    width, height = max(x1 - x0, minimum), max(y1 - y0, minimum)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - width * (0.5 + margin), cy - height * (0.5 + margin),
            cx + width * (0.5 + margin), cy + height * (0.5 + margin))


def _fit_aspect(box, aspect: float) -> tuple[float, float, float, float]:
    """Grow ``box`` so that its width / height equals ``aspect`` (the shape of the axes)."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        return x0 - grow, y0, x1 + grow, y1
    grow = (width / aspect - height) / 2
    return x0, y0 - grow, x1, y1 + grow


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
    _frame(ax, box)


def _frame(ax: Axes, box) -> None:
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
# places and pairs


def _place_table(places: pd.DataFrame) -> pd.DataFrame:
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
    table = _place_table(places)
    ok = _located(data["de_place_id"], table) & _located(data["ru_place_id"], table)
    ids = data.get("partnership_id", data.index.to_series()).astype(str)
    pairs = data[ok].copy()
    for side in ("de", "ru"):
        pairs[f"{side}_lon"] = pairs[f"{side}_place_id"].map(table["lon"]).astype(float)
        pairs[f"{side}_lat"] = pairs[f"{side}_place_id"].map(table["lat"]).astype(float)
    return pairs, ids[~ok].tolist()


def _period_of(row: pd.Series):
    first, last = year_span(row.get("founded_year"), row.get("founded_precision", ""))
    return founding_period(first, last)


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


def _pick_labels(table: pd.DataFrame, degree: pd.Series, count: int) -> list[str]:
    """The ``count`` places with most partners (then largest population, then name): a stable choice."""
    population = table["population"] if "population" in table else pd.Series(np.nan, index=table.index)
    order = pd.DataFrame({"degree": degree, "population": pd.to_numeric(population.reindex(degree.index),
                                                                         errors="coerce").fillna(-1),
                          "label": table["label"].reindex(degree.index)})
    order = order.sort_values(["degree", "population", "label"], ascending=[False, False, True], kind="mergesort")
    return order.index[:count].tolist()


def _draw_pairs(ax: Axes, pairs: pd.DataFrame, crs: CRS, *, linewidth: float = 0.8) -> dict:
    """Geodesic arcs coloured by founding period; returns the periods drawn (label → Period)."""
    transform = Transformer.from_crs(_WGS84, crs, always_xy=True)
    by_period: dict = {}
    for _, row in pairs.iterrows():
        arc = geodesic_arc((row["de_lon"], row["de_lat"]), (row["ru_lon"], row["ru_lat"]), points=48)
        lon, lat = np.asarray(arc.coords).T
        x, y = transform.transform(lon, lat)
        by_period.setdefault(_period_of(row), []).append(np.column_stack([x, y]))
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
    table = _place_table(places)
    degree = pd.concat([pairs["de_place_id"], pairs["ru_place_id"]]).value_counts().sort_index()
    lon = table.loc[degree.index, "lon"].astype(float).map(_wrap)
    core = degree.index[(lon <= far_east_lon) & (lon >= -30)]
    far = degree.index.difference(core)
    if len(core) == 0:
        core, far = degree.index, degree.index[:0]
    crs = conic_crs(table.loc[core, "lon"], table.loc[core, "lat"])
    cx, cy = project_points(table.loc[core, "lon"], table.loc[core, "lat"], crs)
    return MapFrame(crs, _extent(cx, cy, margin=0.06), degree, far)


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
    pairs, skipped = locate_pairs(data, places)
    if pairs.empty:
        raise NothingToPlotError("partnership map: no pair has coordinates for both places "
                                 f"({len(skipped)} pairs lack them; has geocoding run?)")
    ax = ax if ax is not None else plt.gca()
    table = _place_table(places)
    frame = partnership_frame(pairs, places, far_east_lon=far_east_lon)
    degree, crs, far = frame.degree, frame.crs, frame.far
    box = _fit_aspect(frame.box, _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, _grow(box, 0.5))
    _frame(ax, box)
    periods = _draw_pairs(ax, pairs, crs, linewidth=0.9 if len(pairs) <= 40 else 0.6)
    xs, ys = _draw_places(ax, table, degree, crs)
    inside = (xs >= box[0]) & (xs <= box[2]) & (ys >= box[1]) & (ys <= box[3])
    kind = table["kind"].reindex(degree.index).fillna("") if "kind" in table else pd.Series("", index=degree.index)
    regional = kind.isin(REGION_KINDS).to_numpy()  # a Land or federal subject is drawn, but a city is labelled
    country = table["country"].reindex(degree.index).to_numpy()
    german = _pick_labels(table, degree[inside & ~regional & (country == "DE")], (labels + 1) // 2)
    russian = _pick_labels(table, degree[inside & ~regional & (country != "DE")], labels - len(german))
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


def _grow(box, share: float):
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) * share, (y1 - y0) * share
    return x0 - dx, y0 - dy, x1 + dx, y1 + dy


def _overview_inset(ax: Axes, pairs, table, degree, boundaries, box, main_crs, far, inside) -> Axes:
    """An inset of all pairs in a projection centred on all places, in the emptiest corner of the main map."""
    crs = conic_crs(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"])
    xs, ys = project_points(table.loc[degree.index, "lon"], table.loc[degree.index, "lat"], crs)
    bounds = _extent(xs, ys, margin=0.1)
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
    bounds = _fit_aspect(bounds, width * ax.get_position().width * ax.figure.get_figwidth()
                         / (height * ax.get_position().height * ax.figure.get_figheight()))
    draw_basemap(inset, boundaries, crs, _grow(bounds, 0.3))
    _frame(inset, bounds)
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
    lon, lat = Transformer.from_crs(main_crs, _WGS84, always_xy=True).transform(ring_x, ring_y)
    rx, ry = project_points(lon, lat, crs)
    inset.plot(rx, ry, color=INK, linewidth=0.6, linestyle=(0, (2, 1)), zorder=5)
    where = {pid: i for i, pid in enumerate(degree.index)}
    kind = table["kind"].reindex(degree.index).fillna("") if "kind" in table else pd.Series("", index=degree.index)
    outside = degree.index[~inside & ~kind.isin(REGION_KINDS).to_numpy()]  # what the main map cannot show
    chosen = _pick_labels(table, degree[outside], INSET_LABELS)
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


def _lonlat_ring(bounds, n: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """A closed, densified ring around a lon/lat box (so it curves like the projected graticule)."""
    west, south, east, north = bounds
    t = np.linspace(0, 1, n)
    lon = np.concatenate([west + t * (east - west), np.full(n, east), east - t * (east - west), np.full(n, west)])
    lat = np.concatenate([np.full(n, south), south + t * (north - south), np.full(n, north),
                          north - t * (north - south)])
    return lon, lat


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
        ring_lon, ring_lat = _lonlat_ring(zoom)
        crs = conic_crs(ring_lon, ring_lat)
        box = _fit_aspect(_extent(*project_points(ring_lon, ring_lat, crs), margin=0.0), _axes_aspect(ax))
    else:
        crs = conic_crs(*_region_span(regions))
        box = _fit_aspect(_extent(*_xy_bounds(to_map(regions, crs)), margin=0.03), _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, _grow(box, 0.3), focus=())
    mapped = to_map(regions, crs, _grow(box, 0.3))
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
        add_polygons(ax, to_map(boundaries.lakes, crs, _grow(box, 0.3)).geometry, facecolor=WATER, zorder=1.3)
    _frame(ax, box)
    if outline is not None:
        ox, oy = project_points(*_lonlat_ring(outline), crs)
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


def venue_table(data: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One row per edition and venue with coordinates, in edition order, and the venues left out.

    As on the timeline, a record without an edition number that matches a numbered edition (same year, host
    and venue) is not drawn again (their number is in ``frame.attrs["matched"]``), and records without a
    year are left out.
    """
    require_columns(data, ["venue_place_ids", "host_country", "year"], "conference venues")
    table = _place_table(places)
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
    x0, y0, x1, y1 = _extent(*project_points(venues["lon"], venues["lat"], crs), margin=0.08,
                             minimum=1_000_000.0)
    return crs, (x0 - 0.4 * (x1 - x0), y0, x1 + 0.3 * (x1 - x0), y1)


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
    box = _fit_aspect(box, _axes_aspect(ax))
    draw_basemap(ax, boundaries, crs, _grow(box, 0.5))
    _frame(ax, box)
    transform = Transformer.from_crs(_WGS84, crs, always_xy=True)
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
