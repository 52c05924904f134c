"""Figures of the world list of twin towns, seaborn-style: the world map of all links, the country matrix,
partner countries, the degree distribution and hubs, and partner distances against the null model.

Each ``plot_*`` function draws on one Axes (``ax=``, the current one by default) from the world tables
(``world_pairs``, and ``world_places`` for names and coordinates) and returns it. The analysis behind
them lives in :mod:`twinning_analysis.world.network` and :mod:`twinning_analysis.world.nullmodel`.

>>> from twinning_analysis.world.network import example_pairs
>>> from twinning_analysis.plots.style import report_style
>>> from matplotlib.figure import Figure
>>> with report_style():
...     ax = plot_partner_countries(example_pairs(), country="DE", mark=("RU",), ax=Figure().subplots())
>>> [t.get_text() for t in ax.get_yticklabels()]
['1  France', '2  Russia']
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import LogNorm, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter, PercentFormatter
from pyproj import CRS, Transformer

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.geometry import geodesic_arcs
from twinning_analysis.plots.maps import frame_map  # the maps' frame: box, equal aspect, grey edge
from twinning_analysis.plots.maps import add_polygons
from twinning_analysis.plots.style import (
    COUNT_COLORS, INK, LAND, MUTED, NothingToPlotError, report_skipped, require_columns,
)
from twinning_analysis.world.network import (
    components, country_matrix, country_name, degree_distribution, hubs, partner_countries, twin_graph,
)
from twinning_analysis.world.nullmodel import NEAR_KM

#: Natural Earth countries at 1:50 million (world-atlas TopoJSON; see ``boundaries/world/SOURCES.md``).
WORLD_BOUNDARY_FILE = Path("world") / "countries-50m.json"

#: The world map's projection: Equal Earth (equal-area, so dense regions are not inflated), Greenwich-centred,
#: so its edge is the antimeridian, where Natural Earth already cuts its polygons.
EQUAL_EARTH = CRS.from_proj4("+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs")

#: Latitudes the world map shows (Antarctica has no twin towns and is left out).
MAP_LATITUDES = (-57.0, 84.0)

#: Link colours: the mass of links light and translucent, the highlighted ones dark with a white halo.
LINK_COLOR = "#2b6ca8"
#: Opacity of one link of the mass: where many cross, the colour saturates.
LINK_ALPHA = 0.07
HIGHLIGHT_COLOR = "#b2182b"

_WGS84 = "EPSG:4326"


@dataclass(frozen=True)
class WorldTables:
    """What the world figures are drawn from: ``world_places``, ``world_pairs`` and the world's countries."""

    places: pd.DataFrame
    pairs: pd.DataFrame
    boundaries: gpd.GeoDataFrame


def load_world_boundaries(paths: Paths | None = None) -> gpd.GeoDataFrame:
    """The countries of the world (Natural Earth, WGS 84) from ``data/raw/boundaries/world``.

    >>> countries = load_world_boundaries()
    >>> len(countries) > 200, countries.crs.to_epsg()
    (True, 4326)
    """
    path = (paths or project_paths()).boundaries / WORLD_BOUNDARY_FILE
    if not path.exists():
        raise FileNotFoundError(f"world boundaries {path} are missing (see data/raw/boundaries/world/SOURCES.md)")
    countries = gpd.read_file(path, layer="countries").set_crs(_WGS84, allow_override=True)
    countries["geometry"] = [cut_at_antimeridian(g) for g in countries.geometry]
    return countries


def cut_at_antimeridian(geometry):
    """A (multi)polygon whose rings run across ±180° (as the TopoJSON gives Russia and Fiji: from 179.9 on to
    -179.9, which reads as a band around the world) cut into its parts east and west of the line, and made
    valid. Rings around a pole (Antarctica) are left as they are.

    >>> import shapely
    >>> band = shapely.Polygon([(170, 60), (-170, 60), (-170, 70), (170, 70)])
    >>> sorted(p.bounds for p in shapely.get_parts(cut_at_antimeridian(band)))
    [(-180.0, 60.0, -170.0, 70.0), (170.0, 60.0, 180.0, 70.0)]
    """
    if geometry is None or geometry.is_empty:
        return geometry
    parts, cut = [], False
    for polygon in shapely.get_parts(geometry):
        lon = np.asarray(polygon.exterior.coords)[:, 0]
        if np.abs(np.diff(lon)).max(initial=0) <= 180 or polygon.bounds[1] < -80:
            parts.append(polygon)
            continue
        cut = True
        shifted = shapely.make_valid(shapely.transform(polygon, lambda xy: np.column_stack(
            [np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]), xy[:, 1]])))
        for piece in (shifted.intersection(shapely.box(0, -90, 180, 90)),
                      shapely.affinity.translate(shifted.intersection(shapely.box(180, -90, 360, 90)), -360)):
            parts += [p for p in shapely.get_parts(piece) if p.geom_type == "Polygon" and not p.is_empty]
    if not cut:
        return geometry
    return shapely.make_valid(shapely.MultiPolygon([shapely.make_valid(p) if not p.is_valid else p for p in parts
                                                    if p.geom_type == "Polygon"]))


def load_world(paths: Paths | None = None) -> WorldTables:
    """The world tables (built by the ``world`` step if missing) and the world boundaries."""
    from twinning_analysis.datasets import load_world_pairs, load_world_places

    paths = paths or project_paths()
    return WorldTables(load_world_places(paths), load_world_pairs(paths), load_world_boundaries(paths))


# ---------------------------------------------------------------------------------------------
# the world map


def split_at_antimeridian(lon: np.ndarray, lat: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """A line of (lon, lat) points cut where it crosses ±180°, each piece ending on the edge it leaves by.

    >>> [(p[0].tolist(), p[1].tolist()) for p in split_at_antimeridian(np.array([170.0, -170.0]),
    ...                                                                np.array([0.0, 10.0]))]
    [([170.0, 180.0], [0.0, 5.0]), ([-180.0, -170.0], [5.0, 10.0])]
    """
    pieces, start = [], 0
    head_lon, head_lat = np.empty(0), np.empty(0)
    for j in np.flatnonzero(np.abs(np.diff(lon)) > 180.0):
        edge = 180.0 if lon[j] > 0 else -180.0
        beyond = lon[j + 1] + (360.0 if edge > 0 else -360.0)
        t = (edge - lon[j]) / (beyond - lon[j])
        cross = lat[j] + t * (lat[j + 1] - lat[j])
        pieces.append((np.concatenate([head_lon, lon[start:j + 1], [edge]]),
                       np.concatenate([head_lat, lat[start:j + 1], [cross]])))
        head_lon, head_lat, start = np.array([-edge]), np.array([cross]), j + 1
    pieces.append((np.concatenate([head_lon, lon[start:]]), np.concatenate([head_lat, lat[start:]])))
    return pieces


def link_lines(pairs: pd.DataFrame, places: pd.DataFrame, crs: CRS = EQUAL_EARTH, *, points: int = 32
               ) -> tuple[list[np.ndarray], np.ndarray, list[str]]:
    """Every pair as a geodesic arc in ``crs``, cut at the antimeridian: the line pieces (n × 2 arrays), the
    row of ``pairs`` each piece belongs to, and the ids of the pairs left out (a place without coordinates).

    >>> from twinning_analysis.world.network import example_pairs
    >>> from twinning_analysis.world.nullmodel import example_places
    >>> lines, owner, skipped = link_lines(example_pairs(), example_places(), points=4)
    >>> len(lines), lines[0].shape, owner.tolist(), skipped
    (4, (6, 2), [0, 1, 2, 3], ['p5'])
    """
    table = places.drop_duplicates("place_id").set_index("place_id")
    a = table.reindex(pairs["place_id_a"])[["lon", "lat"]].to_numpy(float)
    b = table.reindex(pairs["place_id_b"])[["lon", "lat"]].to_numpy(float)
    located = ~(np.isnan(a).any(axis=1) | np.isnan(b).any(axis=1))
    skipped = pairs.loc[~located, "pair_id"].astype(str).tolist()
    lon, lat = geodesic_arcs(a[located], b[located], points=points)
    rows = np.flatnonzero(located)
    crossing = (np.abs(np.diff(lon, axis=1)) > 180.0).any(axis=1)
    pieces = [(lon[i], lat[i]) for i in np.flatnonzero(~crossing)]
    owner = rows[~crossing].tolist()
    for i in np.flatnonzero(crossing):
        parts = split_at_antimeridian(lon[i], lat[i])
        pieces += parts
        owner += [rows[i]] * len(parts)
    if not pieces:
        return [], np.empty(0, int), skipped
    x, y = Transformer.from_crs(_WGS84, crs, always_xy=True).transform(np.concatenate([p[0] for p in pieces]),
                                                                        np.concatenate([p[1] for p in pieces]))
    ends = np.cumsum([len(p[0]) for p in pieces])[:-1]
    order = np.argsort(owner, kind="stable")  # pieces in the order of the pairs
    lines = np.split(np.column_stack([x, y]), ends)
    return [lines[i] for i in order], np.asarray(owner, int)[order], skipped


def line_density(lines: list[np.ndarray], box: tuple[float, float, float, float], width: int) -> np.ndarray:
    """How many of ``lines`` pass through each pixel of a raster ``width`` pixels wide over ``box``
    (xmin, ymin, xmax, ymax), bottom row first. Each line is sampled once per pixel step along its
    segments, so a line adds about one to every pixel it crosses.

    >>> line_density([np.array([[0.0, 0.5], [4.0, 0.5]]), np.array([[0.5, 0.0], [0.5, 2.0]])], (0, 0, 4, 2), 4)
    array([[2, 1, 1, 1],
           [1, 0, 0, 0]])
    """
    x0, y0, x1, y1 = box
    scale = width / (x1 - x0)
    height = max(int(round((y1 - y0) * scale)), 1)
    xy = [(line - (x0, y0)) * scale for line in lines if len(line) > 1]
    if not xy:
        return np.zeros((height, width), int)
    start = np.concatenate([line[:-1] for line in xy])
    end = np.concatenate([line[1:] for line in xy])
    touching = ((np.maximum(start[:, 0], end[:, 0]) >= 0) & (np.minimum(start[:, 0], end[:, 0]) <= width)
                & (np.maximum(start[:, 1], end[:, 1]) >= 0) & (np.minimum(start[:, 1], end[:, 1]) <= height))
    start, end = start[touching], end[touching]
    steps = np.maximum(np.ceil(np.abs(end - start).max(axis=1)).astype(np.int64), 1)
    segment = np.repeat(np.arange(len(start), dtype=np.int32), steps)
    first = np.cumsum(steps) - steps
    fraction = (np.arange(len(segment), dtype=np.float32) - np.repeat(first, steps).astype(np.float32)) \
        * np.repeat((1.0 / steps).astype(np.float32), steps)
    col = np.floor(start[segment, 0].astype(np.float32)
                   + (end[:, 0] - start[:, 0]).astype(np.float32)[segment] * fraction).astype(np.int32)
    row = np.floor(start[segment, 1].astype(np.float32)
                   + (end[:, 1] - start[:, 1]).astype(np.float32)[segment] * fraction).astype(np.int32)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    counts = np.bincount(row[inside] * width + col[inside], minlength=width * height)
    return counts.reshape(height, width)


def _globe_outline(crs: CRS, south: float, north: float) -> np.ndarray:
    """The map's edge: the meridians ±180° between ``south`` and ``north``, as one closed ring in ``crs``."""
    return _lonlat_ring((-180.0, south, 180.0, north), crs)


def _lonlat_ring(extent: tuple[float, float, float, float], crs: CRS, points: int = 100) -> np.ndarray:
    """The edge of a longitude–latitude box (west, south, east, north) in ``crs``, as a closed ring."""
    west, south, east, north = extent
    lon = np.concatenate([np.full(points, west), np.linspace(west, east, points), np.full(points, east),
                          np.linspace(east, west, points)])
    lat = np.concatenate([np.linspace(south, north, points), np.full(points, north),
                          np.linspace(north, south, points), np.full(points, south)])
    x, y = Transformer.from_crs(_WGS84, crs, always_xy=True).transform(lon, lat)
    return np.column_stack([np.append(x, x[0]), np.append(y, y[0])])


def area_crs(extent: tuple[float, float, float, float]) -> CRS:
    """A Lambert azimuthal equal-area projection centred on a longitude–latitude box (west, south, east, north).

    >>> operation = area_crs((-10, 35, 60, 68)).coordinate_operation
    >>> operation.method_name, [p.value for p in operation.params][:2]
    ('Lambert Azimuthal Equal Area', [51.5, 25.0])
    """
    west, south, east, north = extent
    return CRS.from_proj4(f"+proj=laea +lat_0={(south + north) / 2:g} +lon_0={(west + east) / 2:g} "
                          "+datum=WGS84 +units=m +no_defs")


def map_frame(extent: tuple[float, float, float, float] | None = None
              ) -> tuple[CRS, tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Projection, extent in it (xmin, ymin, xmax, ymax) and the longitude–latitude box of the boundaries it
    needs, for the world map (``extent`` None: Equal Earth between :data:`MAP_LATITUDES`) or a detail map of a
    longitude–latitude ``extent`` (west, south, east, north; equal-area, centred on it).

    >>> crs, box, area = map_frame()
    >>> round((box[2] - box[0]) / (box[3] - box[1]), 2), area
    (2.3, (-180.0, -57.0, 180.0, 84.0))
    """
    if extent is None:
        crs, edge = EQUAL_EARTH, _globe_outline(EQUAL_EARTH, *MAP_LATITUDES)
        return crs, _bounds(edge), (-180.0, MAP_LATITUDES[0], 180.0, MAP_LATITUDES[1])
    crs = area_crs(extent)
    box = _bounds(_lonlat_ring(extent, crs))
    # the box's corners reach beyond the longitudes and latitudes of ``extent``: find how far, on its edge
    x0, y0, x1, y1 = box
    t = np.linspace(0, 1, 50)
    x = np.concatenate([x0 + (x1 - x0) * t, np.full(50, x1), x1 - (x1 - x0) * t, np.full(50, x0)])
    y = np.concatenate([np.full(50, y0), y0 + (y1 - y0) * t, np.full(50, y1), y1 - (y1 - y0) * t])
    lon, lat = Transformer.from_crs(crs, _WGS84, always_xy=True).transform(x, y)
    area = (max(float(np.min(lon)) - 5, -180.0), max(float(np.min(lat)) - 5, -90.0),
            min(float(np.max(lon)) + 5, 180.0), min(float(np.max(lat)) + 5, 90.0))
    return crs, box, area


def _bounds(ring: np.ndarray) -> tuple[float, float, float, float]:
    return float(ring[:, 0].min()), float(ring[:, 1].min()), float(ring[:, 0].max()), float(ring[:, 1].max())


def plot_world_links(data: pd.DataFrame | None = None, *, places: pd.DataFrame, boundaries: gpd.GeoDataFrame,
                     highlight: tuple[str, str] | None = ("DE", "RU"), extent: tuple | None = None,
                     outline: tuple | None = None, resolution: int = 2000, legend: bool = True,
                     ax: Axes | None = None) -> Axes:
    """Every pair of the world list as a thin translucent geodesic arc on a map of the world (Equal Earth) or
    of one area, the pairs between the two ``highlight`` countries drawn over them, dark with a white halo.

    Parameters
    ----------
    data : DataFrame
        ``world_pairs``: ``pair_id, place_id_a, place_id_b, country_a, country_b``. Pairs with a place
        without coordinates are left out and counted in a note.
    places : DataFrame
        ``world_places``: ``place_id, lat, lon``.
    boundaries : GeoDataFrame
        Countries (WGS 84), e.g. from :func:`load_world_boundaries`.
    highlight : (str, str) or None
        Two ISO codes whose pairs to draw over the rest (German–Russian by default).
    extent : (west, south, east, north), optional
        Show only this longitude–latitude box, on an equal-area projection centred on it (:func:`area_crs`).
    outline : (west, south, east, north), optional
        A box to outline with a dashed line (e.g. the extent of a detail map beside this one).
    resolution : int
        Width in pixels of the raster the other pairs are drawn into (tens of thousands of translucent
        lines are drawn once as an image, which keeps the PNG, SVG and PDF small and fast to write).
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from twinning_analysis.world.nullmodel import example_places
    >>> import warnings
    >>> from matplotlib.figure import Figure
    >>> with warnings.catch_warnings(record=True) as caught:  # Nowhere (ru-b) has no coordinates
    ...     ax = plot_world_links(example_pairs(), places=example_places(), boundaries=load_world_boundaries(),
    ...                           ax=Figure().subplots())
    >>> [c.get_gid() for c in ax.images], [len(c.get_segments()) for c in ax.collections if c.get_gid()]
    (['links'], [1])
    >>> str(caught[0].message)
    'pairs with a place without coordinates: left out 1: p5'
    """
    require_columns(data, ["pair_id", "place_id_a", "place_id_b", "country_a", "country_b"], "world map")
    ax = ax if ax is not None else plt.gca()
    crs, box, area = map_frame(extent)
    lines, owner, skipped = link_lines(data, places, crs)
    if not lines:
        raise NothingToPlotError(f"world map: no pair has coordinates for both places ({len(skipped)} lack them)")
    if extent is None:
        edge = _globe_outline(crs, *MAP_LATITUDES)
        ax.fill(edge[:, 0], edge[:, 1], facecolor="white", edgecolor="#9a9a9a", linewidth=0.5, zorder=0.2)
    land = boundaries[boundaries.geometry.notna()].clip(area).to_crs(crs)
    land = land.geometry.simplify((box[2] - box[0]) / resolution)  # no detail finer than a pixel of the raster
    add_polygons(ax, land, facecolor=LAND, edgecolor="white", linewidth=0.15 if extent is None else 0.4,
                 zorder=0.5)
    countries = data[["country_a", "country_b"]].to_numpy()
    marked = (np.array([{a, b} == set(highlight) for a, b in countries]) if highlight is not None
              else np.zeros(len(data), bool))[owner]
    density = line_density([line for line, m in zip(lines, marked) if not m], box, resolution)
    rgba = np.zeros((*density.shape, 4), dtype=np.uint8)
    rgba[..., :3] = np.round(np.array(to_rgb(LINK_COLOR)) * 255).astype(np.uint8)
    # as if each line were drawn translucent over the others
    rgba[..., 3] = np.round(255 * (1 - (1 - LINK_ALPHA) ** density)).astype(np.uint8)
    ax.imshow(rgba, extent=(box[0], box[2], box[1], box[3]), origin="lower", interpolation="antialiased",
              zorder=1, gid="links")
    if marked.any():
        halo = [patheffects.Stroke(linewidth=1.6, foreground="white"), patheffects.Normal()]
        ax.add_collection(LineCollection([line for line, m in zip(lines, marked) if m], colors=HIGHLIGHT_COLOR,
                                         linewidths=0.6, zorder=3, capstyle="round", path_effects=halo,
                                         gid="highlighted links"))
    if outline is not None:
        ring = _lonlat_ring(outline, crs)
        ax.plot(ring[:, 0], ring[:, 1], color=INK, linewidth=0.6, linestyle=(0, (3, 2)), zorder=4)
    if extent is None:
        pad_x, pad_y = 0.005 * (box[2] - box[0]), 0.01 * (box[3] - box[1])
        ax.set_xlim(box[0] - pad_x, box[2] + pad_x)
        ax.set_ylim(box[1] - pad_y, box[3] + pad_y)
        ax.set_axis_off()
        ax.set_aspect("equal")
    else:
        frame_map(ax, box)
    if legend:
        highlighted = len(set(owner[marked].tolist()))
        handles = [Line2D([], [], color=LINK_COLOR, linewidth=1.0, alpha=0.6,
                          label=f"{len(set(owner.tolist())) - highlighted:,} pairs")]
        if highlighted:
            handles[0].set_label(handles[0].get_label().replace("pairs", "other pairs"))
            handles.append(Line2D([], [], color=HIGHLIGHT_COLOR, linewidth=1.2,
                                  path_effects=[patheffects.Stroke(linewidth=2.4, foreground="white"),
                                                patheffects.Normal()],
                                  label=f"{highlighted:,} pairs {' – '.join(country_name(c) for c in highlight)}"))
        ax.legend(handles=handles[::-1], loc="lower left", bbox_to_anchor=(0.0, 0.02), handlelength=2.0,
                  frameon=True, facecolor="white", edgecolor="none", framealpha=0.9)
    report_skipped(ax, "pairs with a place without coordinates", skipped,
                   one="pair with a place without coordinates")
    return ax


# ---------------------------------------------------------------------------------------------
# countries


def plot_country_matrix(data: pd.DataFrame | None = None, *, top: int = 20, annotate: bool = True,
                        cbar: bool = True, ax: Axes | None = None) -> Axes:
    """Pairs between the ``top`` countries with most links as a heat map (log colour scale); the diagonal
    holds the pairs within a country, outlined. Empty cells stay white.

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from matplotlib.figure import Figure
    >>> ax = plot_country_matrix(example_pairs(), top=3, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['DE', 'FR', 'RU']
    """
    import seaborn as sns  # here, not at the top: it pulls in scipy, which every figure run would pay for

    require_columns(data, ["country_a", "country_b"], "country matrix")
    ax = ax if ax is not None else plt.gca()
    matrix = country_matrix(data, top=top)
    peak = max(int(matrix.to_numpy().max()), 2)
    cmap = sns.color_palette("mako_r", as_cmap=True)
    sns.heatmap(matrix, ax=ax, mask=matrix.to_numpy() == 0, cmap=cmap, norm=LogNorm(vmin=1, vmax=peak),
                annot=annotate, fmt="d", annot_kws={"fontsize": 4.6}, linewidths=0.3, linecolor="white",
                square=True, cbar=cbar, cbar_kws={"label": "Pairs (log scale)", "shrink": 0.6, "pad": 0.02})
    if cbar:
        ax.collections[0].colorbar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.collections[0].colorbar.ax.tick_params(labelsize=6.5)
    for i in range(len(matrix)):
        ax.add_patch(plt.Rectangle((i, i), 1, 1, fill=False, edgecolor=INK, linewidth=0.7, zorder=3))
    ax.set_yticks(np.arange(len(matrix)) + 0.5, [f"{country_name(c)} ({c})" for c in matrix.index], rotation=0)
    ax.set_xticks(np.arange(len(matrix)) + 0.5, list(matrix.columns), rotation=90)
    ax.tick_params(length=0, labelsize=6.5)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax


def plot_partner_countries(data: pd.DataFrame | None = None, *, country: str = "DE", top: int = 15,
                           mark: tuple[str, ...] = ("RU", "FR", "PL"), ax: Axes | None = None) -> Axes:
    """The partner countries of ``country`` by share of its international links, most first, as bars;
    the partners in ``mark`` dark and labelled with their share (and added below the ``top`` if they rank
    lower).

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from matplotlib.figure import Figure
    >>> ax = plot_partner_countries(example_pairs(), country="RU", mark=("DE",), ax=Figure().subplots())
    >>> [t.get_text() for t in ax.texts]
    [' 50 %']
    """
    require_columns(data, ["country_a", "country_b"], "partner countries")
    table = partner_countries(data, country)
    if table.empty:
        raise NothingToPlotError(f"partner countries: {country} has no international pair")
    ax = ax if ax is not None else plt.gca()
    shown = pd.concat([table.head(top), table.iloc[top:][table.iloc[top:]["partner"].isin(mark)]])
    y = np.arange(len(shown), dtype=float)
    if len(shown) > top:
        y[top:] += 0.6  # a gap before partners from further down the list
    is_marked = shown["partner"].isin(mark).to_numpy()
    ax.barh(y, shown["share"], height=0.72, color=[INK if m else COUNT_COLORS[1] for m in is_marked],
            edgecolor="none")
    for yi, (_, row), m in zip(y, shown.iterrows(), is_marked):
        if m:
            ax.text(row["share"], yi, f" {100 * row['share']:.0f} %" if row["share"] >= 0.095 else
                    f" {100 * row['share']:.1f} %", va="center", ha="left", fontsize=6.5, fontweight="bold", color=INK)
    ax.set_yticks(y, [f"{r}  {n}" for r, n in zip(shown["rank"], shown["name"])])
    for label, m in zip(ax.get_yticklabels(), is_marked):
        label.set_fontweight("bold" if m else "normal")
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol=" %"))
    ax.set_xlim(0, float(shown["share"].max()) * 1.18)
    ax.tick_params(axis="y", length=0)
    total = int(table["links"].sum())
    ax.set_xlabel(f"Share of its {total:,} international pairs")
    return ax


# ---------------------------------------------------------------------------------------------
# the network of places


def plot_degree_distribution(data: pd.DataFrame | None = None, *, annotate: bool = True,
                             ax: Axes | None = None) -> Axes:
    """How many places have 1, 2, 3 … partners, on log–log axes (one mark per number of partners); with
    ``annotate``, the number of places, the share with one partner and the largest connected group.

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from matplotlib.figure import Figure
    >>> ax = plot_degree_distribution(example_pairs(), ax=Figure().subplots())
    >>> ax.get_xscale(), ax.collections[0].get_offsets().tolist()
    ('log', [[1.0, 5.0], [2.0, 1.0], [3.0, 1.0]])
    """
    require_columns(data, ["place_id_a", "place_id_b", "country_a", "country_b", "pair_id"], "degree distribution")
    ax = ax if ax is not None else plt.gca()
    graph = twin_graph(data)
    table = degree_distribution(graph)
    ax.scatter(table["degree"], table["places"], s=12, facecolor=INK, edgecolor="white", linewidth=0.3, zorder=3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(0.8, table["degree"].max() * 1.4)
    ax.set_ylim(0.7, table["places"].max() * 1.6)
    plain = FuncFormatter(lambda v, _: f"{v:,.0f}")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(LogLocator(base=10))
        axis.set_major_formatter(plain)
        axis.set_minor_formatter(NullFormatter())
    ax.grid(True, which="major", color="#e4e4e4", linewidth=0.5, zorder=0)
    ax.set_xlabel("Partners of a place (log scale)")
    ax.set_ylabel("Places (log scale)")
    if annotate:
        places, one = int(table["places"].sum()), table.loc[table["degree"] == 1, "places"].sum()
        parts = components(graph)
        ax.text(0.97, 0.97, f"{places:,} places\n{100 * one / places:.0f} % with one partner\n"
                f"largest connected group:\n{parts.largest:,} places ({100 * parts.largest_share:.0f} %)",
                transform=ax.transAxes, ha="right", va="top", fontsize=6.3, color=INK, linespacing=1.25)
    return ax


def plot_hubs(data: pd.DataFrame | None = None, *, places: pd.DataFrame | None = None, top: int = 15,
              ax: Axes | None = None) -> Axes:
    """The ``top`` places with most partners as bars, named with their country.

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from matplotlib.figure import Figure
    >>> ax = plot_hubs(example_pairs(), top=2, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['de-a (Germany)', 'fr-a (France)']
    """
    require_columns(data, ["place_id_a", "place_id_b", "country_a", "country_b", "pair_id"], "hubs")
    ax = ax if ax is not None else plt.gca()
    table = hubs(twin_graph(data, places), top=top)
    y = np.arange(len(table))
    ax.barh(y, table["degree"], height=0.72, color=COUNT_COLORS[3], edgecolor="none")
    for yi, degree in zip(y, table["degree"]):
        ax.text(degree, yi, f" {degree}", va="center", ha="left", fontsize=6, color=INK)
    ax.set_yticks(y, [f"{n} ({c})" for n, c in zip(table["name"], table["country_name"])])
    ax.invert_yaxis()
    ax.set_xlim(0, table["degree"].max() * 1.15)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Partners")
    return ax


# ---------------------------------------------------------------------------------------------
# distances against the null model


def _ecdf(values: np.ndarray, grid: np.ndarray) -> np.ndarray:
    values = np.sort(values[~np.isnan(values)])
    return np.searchsorted(values, grid, side="right") / max(len(values), 1)


def distance_legend(ax: Axes) -> tuple[list, list[str]]:
    """Handles and labels of a :func:`plot_distance_null` Axes in reading order (observed, null, range)."""
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index(x) for x in ("observed", "null model: random re-pairing", "null model: range of the draws")
             if x in labels]
    return [handles[i] for i in order], [labels[i] for i in order]


def plot_distance_null(data: pd.DataFrame | None = None, *, scope: str = "world", near_km: float = NEAR_KM,
                       legend: bool = True, ax: Axes | None = None) -> Axes:
    """Partner distances of one scope as cumulative shares on a log axis: the observed pairs (solid) against
    the null model (dashed: all draws pooled; band: the lowest and highest draw). A dotted line marks
    ``near_km``; the text gives the number of pairs, their median distance and the share below ``near_km``,
    observed and in the null model (mean over the draws).

    ``data`` is the long table of :func:`~twinning_analysis.world.nullmodel.distance_samples`.

    Examples
    --------
    >>> from twinning_analysis.world.network import example_pairs
    >>> from twinning_analysis.world.nullmodel import distance_samples, example_places
    >>> samples = distance_samples(example_pairs(), example_places(), seeds=[1, 2])
    >>> from matplotlib.figure import Figure
    >>> ax = plot_distance_null(samples, scope="world", ax=Figure().subplots())
    >>> sorted(line.get_gid() for line in ax.lines if line.get_gid())
    ['null model', 'observed']
    """
    require_columns(data, ["scope", "model", "draw", "distance_km"], "distances")
    frame = data[(data["scope"] == scope) & data["distance_km"].notna()]
    observed = frame.loc[frame["model"] == "observed", "distance_km"].to_numpy(float)
    null = frame[frame["model"] == "null"]
    if not len(observed):
        raise NothingToPlotError(f"distances: no located pair in scope {scope!r}")
    ax = ax if ax is not None else plt.gca()
    grid = np.geomspace(1, 20_100, 400)
    if len(null):
        curves = np.array([_ecdf(d["distance_km"].to_numpy(float), grid) for _, d in null.groupby("draw")])
        ax.fill_between(grid, curves.min(axis=0), curves.max(axis=0), color="#cfcfcf", linewidth=0, zorder=1,
                        label="null model: range of the draws")
        ax.plot(grid, _ecdf(null["distance_km"].to_numpy(float), grid), color=MUTED, linewidth=1.1,
                linestyle=(0, (4, 2)), zorder=2, gid="null model", label="null model: random re-pairing")
    ax.plot(grid, _ecdf(observed, grid), color=INK, linewidth=1.4, zorder=3, gid="observed", label="observed")
    ax.axvline(near_km, color=INK, linewidth=0.6, linestyle=":", zorder=0)
    ax.set_xscale("log")
    ax.set_xlim(grid[0] * 10, grid[-1])
    ax.set_ylim(0, 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol=" %"))
    ax.grid(True, which="major", color="#e4e4e4", linewidth=0.5, zorder=0)
    ax.set_xlabel("Distance between the partners, km (log scale)")
    lines = [f"{len(observed):,} pairs", f"median: {np.median(observed):,.0f} km",
             f"< {near_km:,.0f} km: {100 * (observed < near_km).mean():.0f} %"]
    if len(null):
        per_draw = null.groupby("draw")["distance_km"]
        lines[1] += f"\n   null: {per_draw.median().mean():,.0f} km"
        lines[2] += f"\n   null: {100 * per_draw.agg(lambda d: (d < near_km).mean()).mean():.0f} %"
    ax.text(0.03, 0.97, "\n".join(lines), transform=ax.transAxes, ha="left", va="top", fontsize=6.3, color=INK,
            linespacing=1.25, bbox={"boxstyle": "square,pad=0.25", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.85}, zorder=5)
    if legend:
        ax.legend(*distance_legend(ax), loc="lower right")
    return ax
