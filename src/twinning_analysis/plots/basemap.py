"""The base map and the projection toolkit shared by the static and the interactive maps.

Boundary layers come from the shipped Natural Earth extracts in ``data/raw/boundaries`` (no network).
Every map uses a Lambert conformal conic projection centred on what it shows (:func:`conic_crs`), so
Russia's crossing of 180° is no seam: layers are cut along the projection's own seam (the meridian
opposite its centre) before projecting, and the halves Natural Earth splits at ±180° are merged again.

>>> crs = conic_crs([177.0, -175.0], [64.0, 65.0])
>>> round(central_meridian(crs))
-179
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer

from twinning_analysis.config import Paths, project_paths

#: The boundary layers in ``data/raw/boundaries`` (see SOURCES.md there).
BOUNDARY_FILES = {"countries": "admin0_europe_russia.geojson", "regions": "admin1_de_ru.geojson",
                  "lakes": "lakes_europe_russia.geojson"}

#: Every country of the world, coarser (Natural Earth 1:50m via world-atlas, TopoJSON; see world/SOURCES.md there),
#: for world maps.
WORLD_BOUNDARIES = "world/countries-50m.json"

#: Longitude / latitude on WGS 84: the CRS of the boundary files and of the tables.
WGS84 = "EPSG:4326"


@dataclass(frozen=True)
class Boundaries:
    """The boundary layers in WGS 84: countries of Europe and Asia (admin-0), German Länder and Russian
    subjects (admin-1), lakes, and every country of the world, coarser, for world maps (the last two may be
    empty)."""

    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    lakes: gpd.GeoDataFrame
    world: gpd.GeoDataFrame = field(default_factory=lambda: gpd.GeoDataFrame(geometry=[], crs=WGS84))


def load_boundaries(paths: Paths | None = None) -> Boundaries:
    """Read the boundary layers from ``data/raw/boundaries`` (lakes and world are optional).

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
                layers[key] = gpd.GeoDataFrame(geometry=[], crs=WGS84)
                continue
            raise FileNotFoundError(f"boundary layer {path} is missing (see data/raw/boundaries/SOURCES.md)")
        layers[key] = gpd.read_file(path).to_crs(WGS84)
    world = Path(folder) / WORLD_BOUNDARIES
    if world.exists():
        layers["world"] = read_world(world)
    return Boundaries(**layers)


def read_world(path: Path) -> gpd.GeoDataFrame:
    """The world-atlas countries (TopoJSON, ISO numeric ``id``, ``name``) with ``ISO_A2`` and ``NAME_EN`` added
    and every geometry made valid.

    >>> world = read_world(project_paths().boundaries / WORLD_BOUNDARIES)
    >>> world.set_index("ISO_A2").loc["DE", "NAME_EN"]
    'Germany'
    """
    import pycountry
    layer = gpd.read_file(path, layer="countries").set_crs(WGS84, allow_override=True)
    layer = layer[layer.geometry.notna()].copy()
    layer["geometry"] = shapely.make_valid(layer.geometry.to_numpy())
    codes = [pycountry.countries.get(numeric=str(i).zfill(3)) if str(i).isdigit() else None for i in layer["id"]]
    layer["ISO_A2"] = [c.alpha_2 if c else None for c in codes]
    layer["NAME_EN"] = layer["name"]
    return layer


# ---------------------------------------------------------------------------------------------
# projection


def wrap_lon(lon: float) -> float:
    """A longitude in [-180, 180).

    >>> wrap_lon(185.0)
    -175.0
    """
    return (lon + 180.0) % 360.0 - 180.0


def lon_span(lons) -> tuple[float, float]:
    """The shortest stretch of longitude (west, east) that holds all ``lons``; ``east`` may exceed 180.

    >>> lon_span([177, -175])
    (177.0, 185.0)
    >>> lon_span([6, 40, 135])
    (6.0, 135.0)
    """
    values = sorted({wrap_lon(float(x)) for x in lons})
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
    lon_0 = wrap_lon((west + east) / 2)
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
    x, y = Transformer.from_crs(WGS84, crs, always_xy=True).transform(np.asarray(lons, float),
                                                                        np.asarray(lats, float))
    return np.asarray(x), np.asarray(y)


def to_map(layer: gpd.GeoDataFrame, crs: CRS, box: tuple[float, float, float, float] | None = None, *,
           detail: float = 2000.0, south: float = 20.0) -> gpd.GeoDataFrame:
    """Project a WGS 84 layer to ``crs``: cut along the projection's seam and south of ``south`` degrees
    first (a conic projection explodes towards the south), merge the halves split at ±180° afterwards, and
    keep only what lies in ``box`` (xmin, ymin, xmax, ymax) if given, simplified to 1/``detail`` of the
    box's width (about a printed pixel by default)."""
    if layer.empty:
        return layer.to_crs(crs)
    seam = wrap_lon(central_meridian(crs) + 180.0)
    cut = shapely.union_all([shapely.box(seam - 0.25, -90, seam + 0.25, 90), shapely.box(-180, -90, 180, south),
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
        # drop detail finer than 1/detail of the box (a printed pixel), keeping shared borders shared
        tolerance = (box[2] - box[0]) / detail
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


def extent(x, y, *, margin: float = 0.08, minimum: float = 300_000.0) -> tuple[float, float, float, float]:
    """A box around the points with ``margin`` of its size on each side (at least ``minimum`` metres wide)."""
    x0, x1, y0, y1 = float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))
    width, height = max(x1 - x0, minimum), max(y1 - y0, minimum)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - width * (0.5 + margin), cy - height * (0.5 + margin),
            cx + width * (0.5 + margin), cy + height * (0.5 + margin))


def fit_aspect(box, aspect: float) -> tuple[float, float, float, float]:
    """Grow ``box`` so that its width / height equals ``aspect`` (the shape of the axes)."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        extra = (height * aspect - width) / 2
        return x0 - extra, y0, x1 + extra, y1
    extra = (width / aspect - height) / 2
    return x0, y0 - extra, x1, y1 + extra


def grow(box, share: float) -> tuple[float, float, float, float]:
    """``box`` (xmin, ymin, xmax, ymax) grown by ``share`` of its size on every side.

    >>> grow((0, 0, 10, 20), 0.1)
    (-1.0, -2.0, 11.0, 22.0)
    """
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) * share, (y1 - y0) * share
    return x0 - dx, y0 - dy, x1 + dx, y1 + dy


def lonlat_ring(bounds, n: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """A closed, densified ring around a lon/lat box (so it curves like the projected graticule)."""
    west, south, east, north = bounds
    t = np.linspace(0, 1, n)
    lon = np.concatenate([west + t * (east - west), np.full(n, east), east - t * (east - west), np.full(n, west)])
    lat = np.concatenate([np.full(n, south), south + t * (north - south), np.full(n, north),
                          north - t * (north - south)])
    return lon, lat
