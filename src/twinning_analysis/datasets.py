"""The cleaned tables as a notebook wants them: ``load_partnerships()``, ``load_conferences()``, ``load_places()``,
and the world list's ``load_world_places()`` and ``load_world_pairs()``.

Loaders only read. A table that is missing is an error naming the command that builds it
(``twinning tables``, ``twinning world``); a notebook that wants a fresh build says so with
:func:`twinning_analysis.pipeline.refresh_tables`. Column types come from the tables' declaration in
:mod:`twinning_analysis.datapackage`.

>>> pairs = load_partnerships()
>>> {"partnership_id", "founded_year", "era"} <= set(pairs.columns)
True
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.datapackage import TABLES
from twinning_analysis.errors import TwinningError


def build_hint(name: str) -> str:
    """What to run for a table that is not there yet."""
    return (f"`twinning {TABLES[name].step}` (or `make run`; in a notebook, "
            "twinning_analysis.pipeline.refresh_tables())")


def load_table(name: str, paths: Paths | None = None) -> pd.DataFrame:
    """Read one processed table with its declared column types; text columns use "" for empty."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
    paths = paths or project_paths()
    table = TABLES[name]
    path = paths.processed / table.filename
    shown = path.relative_to(paths.root)
    if not path.exists():
        raise TwinningError(f"{shown} not found: build it with {build_hint(name)}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    try:
        table.check_columns(frame.columns, shown)
    except TwinningError as err:
        raise TwinningError(f"{err}; rebuild it with `twinning {table.step} --force`") from None
    for column, kind in table.dtypes().items():
        if kind == "boolean":
            frame[column] = frame[column].map({"True": True, "False": False}).astype(kind)
        else:
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(kind)
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
