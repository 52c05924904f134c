"""The pair lines' GeoPackage: same data, same bytes, whenever it is written."""
from __future__ import annotations

import time

import geopandas as gpd
from shapely.geometry import LineString

from twinning_analysis.geometry import write_geopackage


def test_a_geopackage_written_later_has_the_same_bytes(tmp_path):
    lines = gpd.GeoDataFrame({"pair": ["a--b"]}, geometry=[LineString([(13.7, 51.0), (30.3, 59.9)])], crs=4326)
    write_geopackage(lines, tmp_path / "first.gpkg", layer="partnerships", as_of="2026-11-21")
    time.sleep(1.1)  # GeoPackage records the time of the last change, to the second
    write_geopackage(lines, tmp_path / "second.gpkg", layer="partnerships", as_of="2026-11-21")
    assert (tmp_path / "first.gpkg").read_bytes() == (tmp_path / "second.gpkg").read_bytes()
    assert gpd.read_file(tmp_path / "second.gpkg")["pair"].tolist() == ["a--b"]
