"""The cleaned tables as a notebook wants them: ``load_partnerships()``, ``load_conferences()``, ``load_places()``,
and the world list's ``load_world_places()`` and ``load_world_pairs()``.

If the processed tables are missing (a fresh clone), the step of the pipeline that writes them builds them first.

>>> pairs = load_partnerships()
>>> {"partnership_id", "founded_year", "era"} <= set(pairs.columns)
True
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.pipeline import PROCESSED_TABLES, WORLD_TABLES, run_pipeline

_TYPES = {
    "partnerships": {"founded_year": "Int64", "n_sources": "Int64", "conflict": "boolean"},
    "conferences": {"edition": "Int64", "year": "Int64", "participants_min": "Int64", "n_sources": "Int64",
                    "conflict": "boolean"},
    "places": {"geonames_id": "Int64", "population": "Int64", "lat": "float64", "lon": "float64",
               "geocode_confidence": "float64"},
    "world_places": {"geonames_id": "Int64", "population": "Int64", "lat": "float64", "lon": "float64",
                     "geocode_confidence": "float64"},
    "world_pairs": {"distance_km": "float64"},
}


def load_table(name: str, paths: Paths | None = None) -> pd.DataFrame:
    """Read one processed table with its column types; text columns use "" for empty."""
    if name not in PROCESSED_TABLES + WORLD_TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {PROCESSED_TABLES + WORLD_TABLES}")
    paths = paths or project_paths()
    path = paths.processed / f"{name}.csv"
    if not path.exists():
        run_pipeline(paths, steps=("world" if name in WORLD_TABLES else "tables",))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, kind in _TYPES[name].items():
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(kind) \
                if kind != "boolean" else frame[column].map({"True": True, "False": False}).astype(kind)
    return frame


def load_partnerships(paths: Paths | None = None) -> pd.DataFrame:
    """One row per pair and relation (see the README's data dictionary)."""
    return load_table("partnerships", paths)


def load_conferences(paths: Paths | None = None) -> pd.DataFrame:
    """One row per conference edition."""
    return load_table("conferences", paths)


def load_places(paths: Paths | None = None) -> pd.DataFrame:
    """One row per distinct place, with coordinates where geocoding found them."""
    return load_table("places", paths)


def load_world_places(paths: Paths | None = None) -> pd.DataFrame:
    """One row per place of the world list of twin towns, geocoded offline (see :mod:`twinning_analysis.world`)."""
    return load_table("world_places", paths)


def load_world_pairs(paths: Paths | None = None) -> pd.DataFrame:
    """One row per unordered pair of the world list, with both countries and the geodesic distance."""
    return load_table("world_pairs", paths)
