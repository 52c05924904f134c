"""Geometry of pairs: geodesic arcs between a German and a Russian place.

>>> arc = geodesic_arc((13.74, 51.05), (30.31, 59.94), points=5)
>>> len(arc.coords), arc.coords[0]
(7, (13.74, 51.05))
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString

_GEOD = Geod(ellps="WGS84")


def geodesic_arc(start: tuple[float, float], end: tuple[float, float], *, points: int = 64) -> LineString:
    """The shortest path on the ellipsoid from ``start`` to ``end`` (lon, lat), with ``points`` inner vertices."""
    inner = _GEOD.npts(start[0], start[1], end[0], end[1], points)
    return LineString([start, *inner, end])


def geodesic_arcs(start: np.ndarray, end: np.ndarray, *, points: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """Many geodesic arcs at once: longitudes and latitudes (each n × ``points`` + 2) from the rows of ``start``
    to those of ``end`` ((lon, lat) arrays), longitudes in [-180, 180].

    >>> lon, lat = geodesic_arcs(np.array([[13.74, 51.05]]), np.array([[30.31, 59.94]]), points=3)
    >>> lon.shape, lon[0, 0].round(2), lat[0, -1].round(2)
    ((1, 5), np.float64(13.74), np.float64(59.94))
    """
    start, end = np.asarray(start, float).reshape(-1, 2), np.asarray(end, float).reshape(-1, 2)
    azimuth, _, metres = _GEOD.inv(start[:, 0], start[:, 1], end[:, 0], end[:, 1])
    steps = np.linspace(0.0, 1.0, points + 2)
    count = len(steps)
    lon, lat, _ = _GEOD.fwd(np.repeat(start[:, 0], count), np.repeat(start[:, 1], count),
                            np.repeat(np.asarray(azimuth), count), (np.asarray(metres)[:, None] * steps).ravel())
    return np.asarray(lon).reshape(len(start), count), np.asarray(lat).reshape(len(start), count)


def distance_km(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Geodesic distance in kilometres: ``round(distance_km((13.74, 51.05), (30.31, 59.94)))`` is about 1434."""
    return _GEOD.inv(start[0], start[1], end[0], end[1])[2] / 1000


def geodesic_km(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Geodesic distances (km, one decimal) between rows of (lon, lat) arrays; NaN where a point is missing.

    >>> geodesic_km(np.array([[13.74, 51.05]]), np.array([[30.31, 59.94]])).round().tolist()
    [1434.0]
    """
    km = np.full(len(start), np.nan)
    known = ~(np.isnan(start).any(axis=1) | np.isnan(end).any(axis=1))
    if known.any():
        _, _, metres = _GEOD.inv(start[known, 0], start[known, 1], end[known, 0], end[known, 1])
        km[known] = np.round(np.asarray(metres) / 1000, 1)
    return km


def partnership_lines(partnerships: pd.DataFrame, places: pd.DataFrame, *, points: int = 64) -> gpd.GeoDataFrame:
    """One geodesic line per pair whose two places both have coordinates (EPSG:4326).

    Pairs with a place that has no coordinates are left out here; the quality report lists those places.
    """
    located = places.dropna(subset=["lat", "lon"]).set_index("place_id")
    rows, arcs = [], []
    for _, pair in partnerships.iterrows():
        if pair["de_place_id"] in located.index and pair["ru_place_id"] in located.index:
            de, ru = located.loc[pair["de_place_id"]], located.loc[pair["ru_place_id"]]
            start, end = (float(de["lon"]), float(de["lat"])), (float(ru["lon"]), float(ru["lat"]))
            row = pair.to_dict()
            row["distance_km"] = round(distance_km(start, end), 1)
            rows.append(row)
            arcs.append(geodesic_arc(start, end, points=points))
    frame = pd.DataFrame(rows, columns=[*partnerships.columns, "distance_km"])
    return gpd.GeoDataFrame(frame, geometry=arcs, crs="EPSG:4326")


def write_geopackage(frame: gpd.GeoDataFrame, path: Path, *, layer: str, as_of: str) -> None:
    """Write ``frame`` as a GeoPackage layer that records ``as_of`` (an ISO date) as its last change.

    GeoPackage stores the time of writing in ``gpkg_contents``; the data's as-of date instead makes the
    same data give the same bytes.
    """
    import pyogrio

    stamp = f"{date.fromisoformat(as_of).isoformat()}T00:00:00.000Z"
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        pyogrio.write_dataframe(frame, path, driver="GPKG", layer=layer)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
