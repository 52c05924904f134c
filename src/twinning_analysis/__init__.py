"""twinning-analysis: German–Russian town twinning, from published sources to figures.

>>> import twinning_analysis as ta
>>> ta.parse_date("Sommer 1991").precision
'season'
"""
__version__ = "0.1.0"  # before the imports: modules below read it

from twinning_analysis.analysis import anniversaries, coverage, pairs_by_region, venue_alternation
from twinning_analysis.datasets import (
    load_conferences, load_partnerships, load_places, load_world_pairs, load_world_places,
)
from twinning_analysis.dates import PartialDate, parse_date
from twinning_analysis.sources import load_raw

__all__ = ["anniversaries", "coverage", "pairs_by_region", "venue_alternation", "load_conferences", "load_partnerships",
           "load_places", "load_raw", "load_world_pairs", "load_world_places", "PartialDate", "parse_date"]
