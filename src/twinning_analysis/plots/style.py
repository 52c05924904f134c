"""The look shared by every figure: fonts and sizes, palettes that survive greyscale and colour blindness.

Colours never carry meaning alone: eras and founding periods step in lightness (dark → light, so a
greyscale print keeps their order), host countries differ in marker shape too, and "unknown" is a
hatch pattern, not a hue. Settings apply only inside :func:`report_style`; nothing changes
matplotlib's global state.

>>> with report_style():
...     import matplotlib.pyplot as plt
...     plt.rcParams["font.size"]
8.0
"""
from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator

import matplotlib as mpl
import pandas as pd

from twinning_analysis.errors import NothingToPlotError

#: Width of a figure that fills the text block of an A4 report (16.5 cm), in inches.
TEXT_WIDTH = 6.5

#: The report's settings over seaborn's "ticks" style and "paper" context (used only inside :func:`report_style`).
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8.0,
    "axes.titlesize": 9.0,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.0,
    "axes.linewidth": 0.6,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#222222",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 7.0,
    "ytick.labelsize": 7.0,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": 7.0,
    "legend.title_fontsize": 7.0,
    "legend.frameon": False,
    "hatch.linewidth": 0.5,
    "lines.linewidth": 1.0,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.facecolor": "white",
    "pdf.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "twinning-analysis",
    "path.simplify": True,
    "patch.force_edgecolor": False,  # seaborn's white edges would change hatched and map patches
}

INK = "#222222"
MUTED = "#6b6b6b"
LAND = "#e9e9e9"
LAND_FOCUS = "#d9d9d9"
WATER = "#ffffff"
BORDER = "#ffffff"


@contextmanager
def report_style(rc: dict | None = None) -> Iterator[None]:
    """Use the report style inside a ``with`` block: seaborn's "ticks" theme in the "paper" context with the
    report's fonts, sizes and saving settings (:data:`RC`), updated by the rcParams in ``rc``.

    >>> with report_style({"font.size": 10}):
    ...     import matplotlib as mpl
    ...     mpl.rcParams["font.size"]
    10.0
    """
    import seaborn as sns  # here: it pulls in scipy, which a run with nothing to draw should not pay for

    theme = {**sns.axes_style("ticks"), **sns.plotting_context("paper")}
    with mpl.rc_context({**theme, **RC, **(rc or {})}):
        yield


@dataclass(frozen=True)
class Look:
    """How one category is drawn: fill colour, edge colour, hatch, marker and legend label."""

    color: str
    edge: str = INK
    hatch: str | None = None
    marker: str = "o"
    label: str = ""


#: German side's origin of a pair (see :mod:`twinning_analysis.eras`): lightness steps 32 → 54 → 79 (CIE L*).
ERA_LOOK = {
    "FRG": Look("#1f4e79", marker="s", label="FRG (West Germany)"),
    "GDR": Look("#d55e00", marker="D", label="GDR (East Germany)"),
    "unified": Look("#9ecae1", marker="o", label="Unified Germany"),
    "undetermined": Look("#ffffff", edge=MUTED, hatch="....", marker="^", label="Undetermined (founded 1990)"),
}

#: Host country of a conference: shape and lightness differ, not just hue.
HOST_LOOK = {
    "DE": Look("#1f4e79", marker="s", label="in Germany"),
    "RU": Look("#e69f00", marker="o", label="in Russia"),
}

#: Conference status: filled when held, hollow when only announced, crossed when cancelled.
STATUS_LOOK = {
    "held": Look("", label="held"),
    "announced": Look("#ffffff", label="announced"),
    "cancelled": Look("#ffffff", hatch="xxxx", label="cancelled / not held"),
    "unknown": Look("#bdbdbd", hatch="....", label="status unknown"),
}

#: Political breaks annotated on the time axis: year → short label.
BREAKS = {
    1957: "1957 first West German pair",
    1970: "1970 Moscow Treaty",
    1985: "1985 perestroika",
    1990.5: "1990/91 unification, end of USSR",
    2014: "2014 annexation of Crimea",
    2022: "2022 invasion of Ukraine",
}


@dataclass(frozen=True)
class Period:
    """A founding period between two breaks (first and last year inclusive)."""

    first: int
    last: int
    label: str
    color: str


#: Founding periods for the map, oldest darkest (plasma: monotone lightness 15 → 81, safe for colour blindness).
PERIODS = (
    Period(1900, 1969, "before 1970", "#0d0887"),
    Period(1970, 1984, "1970–1984", "#6300a7"),
    Period(1985, 1990, "1985–1990", "#a51f99"),
    Period(1991, 1999, "1991–1999", "#d6556d"),
    Period(2000, 2013, "2000–2013", "#f58b47"),
    Period(2014, 2100, "since 2014", "#febe2a"),
)
#: Look of a pair whose founding cannot be put in one period (undated, or a decade that spans a break).
PERIOD_UNKNOWN = Period(0, 0, "undated or spans periods", "#8c8c8c")

#: Sequential fills for counts per region (light → dark); "none" is white with a light hatch.
COUNT_COLORS = ("#deebf7", "#9ecae1", "#5a9ecf", "#2b6ca8", "#0b3c6e")
NONE_LOOK = Look("#ffffff", edge="#b0b0b0", hatch="....", label="none")


def founding_period(first_year: int | None, last_year: int | None = None) -> Period:
    """The period a founding between ``first_year`` and ``last_year`` falls in, or :data:`PERIOD_UNKNOWN`.

    >>> founding_period(1991).label, founding_period(1980, 1989).label
    ('1991–1999', 'undated or spans periods')
    """
    if first_year is None or pd.isna(first_year):
        return PERIOD_UNKNOWN
    last_year = first_year if last_year is None or pd.isna(last_year) else last_year
    for period in PERIODS:
        if period.first <= first_year and last_year <= period.last:
            return period
    return PERIOD_UNKNOWN


def year_span(year, precision: str) -> tuple[int | None, int | None]:
    """First and last possible founding year: a decade ("199X", year 1990) spans 1990–1999.

    >>> year_span(1990, "decade"), year_span(1991, "day")
    ((1990, 1999), (1991, 1991))
    """
    if year is None or pd.isna(year):
        return None, None
    year = int(year)
    return (year, year + 9) if precision == "decade" else (year, year)


def count_bins(maximum: int) -> list[tuple[int, int]]:
    """Up to five classes ``(low, high)`` (inclusive) covering 1 … ``maximum`` with round limits.

    >>> count_bins(3)
    [(1, 1), (2, 2), (3, 3)]
    >>> count_bins(40)
    [(1, 1), (2, 3), (4, 9), (10, 19), (20, 40)]
    """
    if maximum <= 5:
        return [(n, n) for n in range(1, maximum + 1)]
    limits = [1, 2, 4, 10, 20, 50, 100, 200, 500, 1000]
    lows = [x for x in limits[1:] if x <= maximum]
    if len(lows) > 4:
        lows = [lows[round(i * (len(lows) - 1) / 3)] for i in range(4)]
    lows = [1, *lows]
    return [(lo, hi - 1) for lo, hi in zip(lows, lows[1:])] + [(lows[-1], maximum)]


def bin_label(low: int, high: int) -> str:
    """``"1"``, ``"2–3"`` or ``"20–40"``."""
    return str(low) if low == high else f"{low}–{high}"


class SkippedRowsWarning(UserWarning):
    """Rows were left out of a figure (e.g. a place without coordinates); the message lists them."""


def require_columns(data: pd.DataFrame | None, columns: Iterable[str], what: str) -> pd.DataFrame:
    """Check that ``data`` is a non-empty table with ``columns``; raise a clear error otherwise."""
    if data is None:
        raise NothingToPlotError(f"{what}: no table given (pass data=...)")
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{what}: data must be a pandas DataFrame, not {type(data).__name__}")
    if data.empty:
        raise NothingToPlotError(f"{what}: the table is empty")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what}: the table lacks column(s) {', '.join(missing)}")
    return data


def report_skipped(ax, what: str, skipped: list[str], *, one: str | None = None, limit: int = 6) -> str:
    """Warn about rows left out of a figure and keep a note for its foot (see :func:`notes_of`).

    ``what`` names the rows in the plural ("pairs without a founding year"), ``one`` in the singular.
    """
    if not skipped:
        return ""
    shown = ", ".join(skipped[:limit]) + (f" and {len(skipped) - limit} more" if len(skipped) > limit else "")
    warnings.warn(f"{what}: left out {len(skipped)}: {shown}", SkippedRowsWarning, stacklevel=3)
    note = f"Not shown: {len(skipped)} {one if len(skipped) == 1 and one else what}."
    add_note(ax, note)
    return note


def add_note(ax, note: str) -> None:
    """Keep a note about this Axes for the foot of its figure."""
    ax._twinning_notes = [*getattr(ax, "_twinning_notes", []), note]


def notes_of(ax) -> list[str]:
    """Notes about rows left out, collected by :func:`report_skipped` for this Axes."""
    return list(getattr(ax, "_twinning_notes", []))


def marker_area(count, *, smallest: float = 10.0, step: float = 14.0):
    """Marker area (pt²) for a count: area grows linearly, so the eye reads the ratio right.

    >>> marker_area(1), marker_area(3)
    (10.0, 38.0)
    """
    return smallest + step * (count - 1)


def circular_mean_lon(lons: Iterable[float]) -> float:
    """Mean longitude that respects the antimeridian: 177 and -175 average to about -179, not 1.

    >>> round(circular_mean_lon([177, -175]))
    -179
    """
    values = [math.radians(float(x)) for x in lons]
    if not values:
        raise ValueError("no longitudes")
    s = sum(math.sin(v) for v in values)
    c = sum(math.cos(v) for v in values)
    return math.degrees(math.atan2(s, c))
