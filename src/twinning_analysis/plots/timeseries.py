"""Founding waves: pairs founded per year (stacked by the German side's era), the cumulative count,
the political breaks on the time axis, and the jubilees of a chosen year.

A founding known only to the decade ("199X") is never drawn as if exact: it is spread evenly over
its ten years as a hatched, unfilled slice, and the cumulative panel shows the range it allows.

>>> import matplotlib.pyplot as plt, pandas as pd
>>> pairs = pd.DataFrame({"founded_year": [1961, 1991, 1991, 1980], "era": ["GDR", "unified", "unified", "FRG"],
...     "founded_precision": ["year", "day", "month", "decade"]})
>>> ax = plot_founding_waves(pairs, ax=plt.figure().gca())
>>> len(ax.patches)  # two exact bars (1961, 1991) and ten decade slices
12
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from twinning_analysis.analysis import anniversaries, status_summary
from twinning_analysis.eras import ERAS
from twinning_analysis.plots.style import (
    BREAKS, ERA_LOOK, INK, MUTED, NothingToPlotError, Look, report_skipped, require_columns, year_span,
)

#: Look of the bars when ``hue=None``.
_PLAIN = Look("#1f4e79", label="pairs")
_DECADE_HATCH = "//////"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _looks(hue_values: list[str], hue: str | None) -> dict[str, Look]:
    if hue is None:
        return {"all": _PLAIN}
    order = [e for e in ERAS if e in hue_values] + sorted(v for v in hue_values if v not in ERAS)
    return {v: ERA_LOOK.get(v, Look("#bdbdbd", label=str(v))) for v in order}


def founding_counts(data: pd.DataFrame, *, x: str = "founded_year", hue: str | None = "era",
                    precision: str | None = "founded_precision") -> pd.DataFrame:
    """Pairs per year and ``hue``: ``exact`` (year known) and ``spread`` (a decade's pairs, 1/10 per year).

    Rows without a year are left out. Returns columns ``year, hue, exact, spread``.

    >>> pairs = pd.DataFrame({"founded_year": [1991, 1990], "founded_precision": ["day", "decade"]})
    >>> founding_counts(pairs, hue=None).query("year == 1991")[["exact", "spread"]].values.tolist()
    [[1.0, 0.1]]
    """
    columns = [x] + ([hue] if hue else []) + ([precision] if precision else [])
    require_columns(data, columns, "founding counts")
    dated = data[data[x].notna()]
    rows = []
    for _, row in dated.iterrows():
        key = (row[hue] or "undetermined") if hue else "all"
        first, last = year_span(row[x], row[precision] if precision else "year")
        if first == last:
            rows.append((first, key, 1.0, 0.0))
        else:
            share = 1.0 / (last - first + 1)
            rows.extend((year, key, 0.0, share) for year in range(first, last + 1))
    frame = pd.DataFrame(rows, columns=["year", "hue", "exact", "spread"])
    return frame.groupby(["year", "hue"], as_index=False, sort=True).sum()


def _year_range(years, breaks) -> tuple[float, float]:
    marks = [*years, *(b for b in breaks if b)]
    return min(marks) - 1.5, max(marks) + 1.5


def draw_breaks(ax: Axes, breaks: dict[float, str] | None = None, *, labels: bool = True) -> list:
    """Dashed vertical lines at the political ``breaks`` (year → label), labelled in rows above the axes.

    Labels go to the first row where they do not overlap a label to their left, so they never collide.
    Returns the label texts.
    """
    breaks = BREAKS if breaks is None else breaks
    texts, row_ends = [], []
    renderer = _renderer(ax)
    left_limit, right_limit = ax.get_xlim()
    for year, label in sorted(breaks.items()):
        ax.axvline(year, color=MUTED, linewidth=0.6, linestyle=(0, (3, 2)), zorder=0.5)
        if not labels:
            continue
        text = ax.annotate(label, xy=(year, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 0),
                           textcoords="offset points", fontsize=6.5, color=INK, ha="left", va="bottom",
                           annotation_clip=False)
        width = _data_width(ax, text, renderer) * 1.08
        span = (year, year + width)
        if span[1] > right_limit:  # near the right edge: hang the label to the left of its line
            text.set_ha("right")
            span = (year - width, year)
        row = next((i for i, end in enumerate(row_ends) if end < span[0]), len(row_ends))
        if row == len(row_ends):
            row_ends.append(left_limit)
        row_ends[row] = span[1]
        text.xyann = (2 if text.get_ha() == "left" else -2, 1 + 9 * row)
        if row:  # a thin leader from the line's top to a raised label
            ax.annotate("", xy=(year, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 9 * row + 8),
                        textcoords="offset points", annotation_clip=False,
                        arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.5, "linestyle": ":",
                                    "shrinkA": 0, "shrinkB": 0})
        texts.append(text)
    return texts


def _renderer(ax: Axes):
    canvas = ax.figure.canvas
    return canvas.get_renderer() if hasattr(canvas, "get_renderer") else None


def _data_width(ax: Axes, text, renderer) -> float:
    """Width of ``text`` in x data units (estimated from its length when there is no renderer)."""
    left, right = ax.get_xlim()
    axes_inches = ax.get_position().width * ax.figure.get_figwidth()
    if renderer is not None:
        inches = text.get_window_extent(renderer).width / ax.figure.dpi
    else:
        inches = 0.55 * text.get_fontsize() * len(text.get_text()) / 72
    return inches / axes_inches * (right - left)


def plot_founding_waves(data: pd.DataFrame | None = None, *, x: str = "founded_year", hue: str | None = "era",
                        precision: str | None = "founded_precision", breaks: dict[float, str] | None = None,
                        break_labels: bool = True, peak: bool = True, legend: bool = True,
                        xlim: tuple[float, float] | None = None, ax: Axes | None = None) -> Axes:
    """Bars of pairs founded per year, stacked by ``hue`` (the German side's era), breaks marked.

    Parameters
    ----------
    data : DataFrame
        One row per pair, e.g. ``load_partnerships()`` (rows without a founding year are left out).
    x, hue, precision : str
        Columns of the founding year, the stacking category (``None``: one colour) and the date precision.
        A founding known only to the decade is spread over its ten years as a hatched, unfilled slice.
    breaks : dict, optional
        Year → label of the political breaks to mark (default :data:`~twinning_analysis.plots.style.BREAKS`;
        ``{}`` for none). ``break_labels=False`` draws the lines only.
    peak : bool
        Label the year with the most pairs.
    xlim : tuple, optional
        Limits of the time axis (default: the data and the breaks).
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"founded_year": [1957, 1991], "era": ["FRG", "unified"],
    ...     "founded_precision": ["year", "day"]})
    >>> ax = plot_founding_waves(pairs, breaks={})
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['FRG (West Germany)', 'Unified Germany']
    """
    counts = founding_counts(data, x=x, hue=hue, precision=precision)
    skipped = data[data[x].isna()]
    if counts.empty:
        raise NothingToPlotError("founding waves: no pair has a founding year")
    ax = ax if ax is not None else plt.gca()
    breaks = BREAKS if breaks is None else breaks
    looks = _looks(sorted(counts["hue"].unique()), hue)
    years = np.arange(counts["year"].min(), counts["year"].max() + 1)
    exact = counts.pivot_table(index="year", columns="hue", values="exact", aggfunc="sum").reindex(years).fillna(0)
    spread = counts.pivot_table(index="year", columns="hue", values="spread", aggfunc="sum").reindex(years).fillna(0)
    bottom = np.zeros(len(years))
    handles = []
    for key, look in looks.items():
        values = exact[key].to_numpy() if key in exact else np.zeros(len(years))
        shown = values > 0
        if shown.any():
            ax.bar(years[shown], values[shown], bottom=bottom[shown], width=0.8, color=look.color,
                   edgecolor=look.edge if look.hatch else look.color, hatch=look.hatch, linewidth=0.4, zorder=2)
        bottom += values
        handles.append(Patch(facecolor=look.color, edgecolor=look.edge, hatch=look.hatch, linewidth=0.4,
                             label=look.label))
    has_spread = False
    for key, look in looks.items():
        values = spread[key].to_numpy() if key in spread else np.zeros(len(years))
        shown = values > 0
        if shown.any():
            has_spread = True
            edge = look.color if look.color != "#ffffff" else look.edge
            ax.bar(years[shown], values[shown], bottom=bottom[shown], width=0.8, facecolor="white",
                   edgecolor=edge, hatch=_DECADE_HATCH, linewidth=0.4, zorder=2)
        bottom += values
    if has_spread:
        handles.append(Patch(facecolor="white", edgecolor=INK, hatch=_DECADE_HATCH, linewidth=0.4,
                             label="known only to the decade\n(spread evenly over it)"))
    left, right = xlim or _year_range(years, breaks)
    ax.set_xlim(left, right)
    ax.set_ylim(0, max(bottom.max(), 1) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=True))
    ax.set_ylabel("Pairs founded per year")
    ax.grid(axis="y", color="#dddddd", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    if peak:
        known = exact.sum(axis=1).to_numpy()
        top = int(np.argmax(known))
        ax.annotate(f"{years[top]}: {known[top]:g}", xy=(years[top] + 0.4, bottom[top]), xytext=(2, -1),
                    textcoords="offset points", fontsize=7, fontweight="bold", color=INK, ha="left", va="bottom",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    draw_breaks(ax, breaks, labels=break_labels)
    if legend and hue is not None or has_spread and legend:
        ax.legend(handles=handles if hue is not None else handles[1:] or handles, loc="upper left",
                  handlelength=1.2, borderaxespad=0.3, frameon=True, facecolor="white", edgecolor="none",
                  framealpha=0.9)
    report_skipped(ax, "pairs without a founding year", skipped.get("partnership_id", skipped.index)
                   .astype(str).tolist(), one="pair without a founding year")
    return ax


def plot_cumulative(data: pd.DataFrame | None = None, *, x: str = "founded_year", hue: str | None = "era",
                    precision: str | None = "founded_precision", status: str | None = "status",
                    breaks: dict[float, str] | None = None, break_labels: bool = False, legend: bool = False,
                    xlim: tuple[float, float] | None = None, ax: Axes | None = None) -> Axes:
    """Cumulative number of pairs founded, stacked by ``hue``, with the range that decade-only dates allow.

    Parameters
    ----------
    data : DataFrame
        One row per pair (rows without a founding year are left out).
    x, hue, precision : str
        As in :func:`plot_founding_waves`.
    status : str, optional
        Column of the status after February 2022; when any is reported, the counts are noted at 2022.
    breaks, break_labels, xlim, ax
        As in :func:`plot_founding_waves` (labels off by default: this panel usually sits below it).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"founded_year": [1961, 1991, 1980], "era": ["GDR", "unified", "FRG"],
    ...     "founded_precision": ["year", "day", "decade"]})
    >>> ax = plot_cumulative(pairs, breaks={})
    >>> ax.get_ylabel()
    'Pairs in total'
    """
    counts = founding_counts(data, x=x, hue=hue, precision=precision)
    if counts.empty:
        raise NothingToPlotError("cumulative count: no pair has a founding year")
    ax = ax if ax is not None else plt.gca()
    breaks = BREAKS if breaks is None else breaks
    looks = _looks(sorted(counts["hue"].unique()), hue)
    left, right = xlim or _year_range(counts["year"], breaks)
    years = np.arange(int(np.floor(left)), int(np.ceil(right)) + 1)
    edges = np.append(years - 0.5, years[-1] + 0.5)
    per_year = counts.assign(n=counts["exact"] + counts["spread"]).pivot_table(
        index="year", columns="hue", values="n", aggfunc="sum").reindex(years).fillna(0)
    base = np.zeros(len(years))
    for key, look in looks.items():
        cum = per_year[key].cumsum().to_numpy() if key in per_year else np.zeros(len(years))
        ax.stairs(base + cum, edges, baseline=base.copy(), fill=True, facecolor=look.color,
                  edgecolor=look.edge if look.hatch else look.color, hatch=look.hatch, linewidth=0.3, zorder=2)
        base = base + cum
    ax.stairs(base, edges, color=INK, linewidth=0.8, zorder=3)
    # range allowed by decade-only dates: all founded at the decade's start … all at its end
    decade = data[data[x].notna() & (data[precision] == "decade")] if precision else data.iloc[0:0]
    if not decade.empty:
        exact_cum = counts.pivot_table(index="year", values="exact", aggfunc="sum").reindex(years).fillna(0)
        exact_cum = exact_cum["exact"].cumsum().to_numpy()
        starts = decade[x].astype(int).to_numpy()
        early = exact_cum + np.array([(starts <= y).sum() for y in years])
        late = exact_cum + np.array([(starts + 9 <= y).sum() for y in years])
        ax.fill_between(np.append(edges[:-1], edges[-1]), np.append(late, late[-1]), np.append(early, early[-1]),
                        step="post", facecolor="none", edgecolor=INK, hatch=_DECADE_HATCH, linewidth=0,
                        zorder=3.5, label="range allowed by decade-only dates")
    total = base[-1]
    ax.annotate(f"{total:g} dated pairs", xy=(right, total), xytext=(-2, 3), textcoords="offset points",
                ha="right", va="bottom", fontsize=7, fontweight="bold", color=INK, zorder=5,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    if status and status in data:
        reported = int((data[status].fillna("").astype(str) != "").sum())
        if reported:
            ax.text(0.01, 0.97, f"Status after February 2022, reported for {reported} of {len(data)} pairs:\n"
                    + status_summary(data[status]), transform=ax.transAxes, ha="left", va="top", fontsize=6.5, color=INK,
                    zorder=5, bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.85})
    ax.set_xlim(left, right)
    ax.set_ylim(0, max(total, 1) * 1.1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Pairs in total")
    ax.grid(axis="y", color="#dddddd", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    draw_breaks(ax, breaks, labels=break_labels)
    if legend:
        handles = [Patch(facecolor=lk.color, edgecolor=lk.edge, hatch=lk.hatch, label=lk.label)
                   for lk in looks.values()]
        ax.legend(handles=handles, loc="upper left")
    return ax


def founding_label(row: pd.Series) -> str:
    """The founding date as a reader wants it: "9 Sep 1991", "Sep 1991", "summer 1991", "1991", "1990s".

    >>> founding_label(pd.Series({"founded": "1991-09-09", "founded_precision": "day", "founded_year": 1991}))
    '9 Sep 1991'
    """
    iso, prec, year = str(row.get("founded", "")), row.get("founded_precision", ""), row.get("founded_year")
    if prec == "day" and len(iso) >= 10:
        return f"{int(iso[8:10])} {_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    if prec == "month" and len(iso) >= 7:
        return f"{_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    if prec == "season":
        text = str(row.get("founded_text", "")).lower()
        season = next((en for de, en in (("frühjahr", "spring"), ("frühling", "spring"), ("sommer", "summer"),
                                         ("herbst", "autumn"), ("winter", "winter")) if de in text), "")
        return f"{season} {year}".strip()
    if prec == "decade" and year is not None and not pd.isna(year):
        return f"{int(year)}s"
    return "" if year is None or pd.isna(year) else str(int(year))


def pair_label(row: pd.Series) -> str:
    """``"Dresden – St. Petersburg"`` from the names of the two places (one name for an intent), with the
    relation when it is not a partnership: ``"Bayern – Moskau (Stadt) · regional"``."""
    names = [str(row.get(c, "") or "") for c in ("de_name", "ru_name")]
    relation = str(row.get("relation", "") or "")
    return " – ".join(n for n in names if n) + (f" · {relation}" if relation not in ("", "partnership") else "")


def plot_anniversaries(data: pd.DataFrame | None = None, *, year: int, ages=None, hue: str | None = "era",
                       ax: Axes | None = None) -> Axes:
    """The pairs with a round jubilee in ``year``, as a chart-table: one row per pair, a bar from its
    founding to ``year``, the founding date as known and the age; grouped by age, oldest first.

    Parameters
    ----------
    data : DataFrame
        One row per pair with ``founded_year``, ``founded_precision``, ``relation`` and the names.
    year : int
        The year of the jubilees.
    ages : collection of int, optional
        Only these ages (default: every round jubilee, see :func:`twinning_analysis.analysis.is_jubilee`).
    hue : str, optional
        Column that colours the bars (the German side's era by default).
    ax : Axes, optional
        Where to draw; its height should grow with the number of pairs (about 0.16 in per row).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"partnership_id": ["a", "b"], "de_name": ["Suhl", "Essen"],
    ...     "ru_name": ["Kaluga", "Nischni Nowgorod"], "relation": ["partnership"] * 2,
    ...     "founded": ["1969", "1991-09-09"], "founded_year": [1969, 1991], "founded_precision": ["year", "day"],
    ...     "era": ["GDR", "unified"]})
    >>> ax = plot_anniversaries(pairs, year=2019)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Suhl – Kaluga']
    """
    require_columns(data, ["founded_year", "founded_precision", "relation"], "anniversaries")
    ax = ax if ax is not None else plt.gca()
    jubilees = anniversaries(data, year, ages=ages)
    if jubilees.empty:
        ax.text(0.5, 0.5, f"No round jubilee in {year} among pairs dated at least to the year.",
                transform=ax.transAxes, ha="center", va="center", color=MUTED)
        ax.set_axis_off()
        return ax
    rows = len(jubilees)
    positions = np.arange(rows)[::-1].astype(float)
    # one blank row between age groups
    group_shift = (jubilees["age"] != jubilees["age"].shift()).cumsum().to_numpy() - 1
    positions = positions - 0.0 + (group_shift.max() - group_shift) * 0.9
    first = int(jubilees["founded_year"].min())
    looks = _looks(sorted(jubilees[hue].fillna("").replace("", "undetermined").unique()), hue) if hue else {}
    for pos, (_, row) in zip(positions, jubilees.iterrows()):
        look = looks.get(row[hue] or "undetermined", _PLAIN) if hue else _PLAIN
        start = int(row["founded_year"])
        ax.barh(pos, year - start, left=start, height=0.62, color=look.color,
                edgecolor=look.edge if look.hatch else look.color, hatch=look.hatch, linewidth=0.4)
        ax.annotate(founding_label(row), xy=(year, pos), xytext=(6, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=6.5, color=INK, annotation_clip=False)
    for age, group in jubilees.groupby("age", sort=False):
        where = positions[group.index.to_numpy()]
        ax.annotate(f"{age} years", xy=(0, where.max() + 0.75), xycoords=("axes fraction", "data"),
                    xytext=(-4, 0), textcoords="offset points", fontsize=7, fontweight="bold",
                    ha="right", va="center", color=INK, annotation_clip=False)
    ax.set_yticks(positions, [pair_label(r) for _, r in jubilees.iterrows()])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, positions.max() + 1.3)
    ax.set_xlim(first - 2, year + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10], integer=True))
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(f"Year founded (each bar runs to {year})")
    ax.annotate("founded", xy=(1, 1), xycoords="axes fraction", xytext=(6, 2), textcoords="offset points",
                fontsize=6.5, color=MUTED, ha="left", va="bottom", annotation_clip=False)
    if hue:
        handles = [Patch(facecolor=lk.color, edgecolor=lk.edge, hatch=lk.hatch, linewidth=0.4, label=lk.label)
                   for lk in looks.values()]
        ax.legend(handles=handles, loc="lower left", handlelength=1.2)
    undated = data[~data["founded_precision"].isin(["day", "month", "season", "year"])
                   & (data["relation"] != "intent")]
    report_skipped(ax, "pairs not dated to the year (no jubilee can be told)",
                   undated.get("partnership_id", undated.index).astype(str).tolist(), one="pair not dated to the year")
    return ax
