"""The world around the German–Russian pairs: the world list of twin towns as tidy, geocoded tables.

* :mod:`~twinning_analysis.world.listing`: the raw list (``data/raw/world/twin_cities_raw.csv``) and its
  place names read into name, kind and parent;
* :mod:`~twinning_analysis.world.countries`: country labels to ISO codes through pycountry and GeoNames;
* :mod:`~twinning_analysis.world.places`: the ``world_places`` table, geocoded offline;
* :mod:`~twinning_analysis.world.pairs`: the ``world_pairs`` table, one row per unordered pair;
* :mod:`~twinning_analysis.world.crosscheck`: our German–Russian pairs against the list's.

>>> from twinning_analysis.world import WORLD_TABLES
>>> WORLD_TABLES
('world_places', 'world_pairs')
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.world.listing import read_world_list
from twinning_analysis.world.pairs import world_pairs
from twinning_analysis.world.places import world_places

#: The processed tables the ``world`` step writes.
WORLD_TABLES = ("world_places", "world_pairs")


def build_world_tables(paths: Paths | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The world list read, corrected, geocoded and paired: ``(world_places, world_pairs)``."""
    paths = paths or project_paths()
    listing = read_world_list(paths)
    places = world_places(listing, paths)
    return places, world_pairs(listing, places)


__all__ = ["WORLD_TABLES", "build_world_tables", "read_world_list", "world_pairs", "world_places"]
