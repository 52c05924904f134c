"""Distributions, drawn with seaborn: how far apart the partners of each relation are.

>>> import matplotlib.pyplot as plt, pandas as pd
>>> lines = pd.DataFrame({"relation": ["partnership", "partnership"], "distance_km": [1400.0, 2100.0]})
>>> ax = plot_distances(lines, ax=plt.figure().gca())
>>> ax.get_yticklabels()[0].get_text()
'city, county and district partnerships (2)'
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from twinning_analysis.analysis import PAIR_RELATIONS, RELATION_LABELS
from twinning_analysis.plots.style import INK, MUTED, NothingToPlotError, require_columns


def plot_distances(data: pd.DataFrame | None = None, *, x: str = "distance_km", y: str = "relation",
                   order=PAIR_RELATIONS, ax: Axes | None = None) -> Axes:
    """Distance between the partners, one row per relation: a box (quartiles, whiskers to 1.5 IQR) over
    the pairs themselves as points, each row labelled with its count.

    Parameters
    ----------
    data : DataFrame
        One row per pair with its distance, e.g. the pair lines of ``partnerships.gpkg``.
    x, y : str
        Columns of the distance (km) and of the relation.
    order : sequence of str
        The relations to show, top to bottom (others, such as declared intents, are left out).
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes
    """
    require_columns(data, [x, y], "distances")
    shown = [r for r in order if (data[y] == r).any()]
    if not shown:
        raise NothingToPlotError(f"distances: no pair of the relations {', '.join(order)}")
    rows = data[data[y].isin(shown)]
    ax = ax if ax is not None else plt.gca()
    import seaborn as sns  # here, as in plots.style: scipy only when a distribution is drawn

    sns.boxplot(data=rows, x=x, y=y, order=shown, color="white", width=0.55, showfliers=False, linewidth=0.7,
                linecolor=INK, ax=ax)
    state = np.random.get_state()  # seaborn jitters with numpy's global generator: seed it, for the same bytes
    np.random.seed(0)
    try:
        sns.stripplot(data=rows, x=x, y=y, order=shown, color=MUTED, size=2.5, jitter=0.18, alpha=0.8, ax=ax)
    finally:
        np.random.set_state(state)
    counts = rows[y].value_counts()
    ax.set_yticks(range(len(shown)), [f"{RELATION_LABELS.get(r, r)} ({counts[r]})" for r in shown])
    ax.set_xlabel("Distance between the partners (km)")
    ax.set_ylabel("")
    ax.set_xlim(left=0)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return ax
