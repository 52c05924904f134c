"""Plotting functions for reports, seaborn-style: ``plot_x(data, *, x=..., hue=..., ax=None) -> Axes``.

Draw inside :func:`report_style` to get the report look without touching matplotlib's global state:

>>> import pandas as pd
>>> from twinning_analysis.plots import plot_founding_waves, report_style
>>> pairs = pd.DataFrame({"founded_year": [1961, 1991], "era": ["GDR", "unified"],
...     "founded_precision": ["year", "day"]})
>>> with report_style():
...     ax = plot_founding_waves(pairs, breaks={})
"""
from twinning_analysis.plots.conferences import plot_conference_timeline
from twinning_analysis.plots.distributions import plot_distances
from twinning_analysis.plots.maps import (
    Boundaries, conic_crs, load_boundaries, pairs_per_region, plot_choropleth, plot_conference_venues,
    plot_partnership_map,
)
from twinning_analysis.plots.style import NothingToPlotError, SkippedRowsWarning, founding_period, report_style
from twinning_analysis.plots.timeseries import (
    founding_counts, plot_anniversaries, plot_cumulative, plot_founding_waves,
)

__all__ = [
    "Boundaries", "NothingToPlotError", "SkippedRowsWarning", "conic_crs", "founding_counts", "founding_period",
    "load_boundaries", "pairs_per_region", "plot_anniversaries", "plot_choropleth", "plot_conference_timeline",
    "plot_conference_venues", "plot_cumulative", "plot_distances", "plot_founding_waves", "plot_partnership_map",
    "report_style",
]
