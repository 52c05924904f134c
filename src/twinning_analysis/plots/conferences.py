"""The conference timeline: one mark per edition on a time axis, German hosts above, Russian below.

The line that joins consecutive editions zigzags while the venue alternates between the two
countries; a *repeat* (two editions running in the same country) is drawn as a thick line and
labelled, a *gap* (edition numbers no source documents) as a dotted line with the missing numbers.
A record without an edition number that matches a numbered edition (same year, host and venue) is
shown with it; one that matches none gets its own hollow, dashed mark, off the zigzag.

>>> import pandas as pd
>>> conf = pd.DataFrame({"edition": [1, 2, 4], "year": [2001, 2003, 2007], "host_country": ["DE", "RU", "RU"],
...     "venues": ["Essen", "Kaluga", "Tula"], "status": ["held", "held", "announced"]})
>>> ax = plot_conference_timeline(conf)
>>> sorted(t.get_text().split("\\n")[1] for t in ax.texts if t.get_gid() == "venue")
['Essen', 'Kaluga', 'Tula']
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from twinning_analysis.analysis import venue_alternation
from twinning_analysis.fields import to_roman
from twinning_analysis.plots.style import (
    HOST_LOOK, INK, MUTED, STATUS_LOOK, NothingToPlotError, add_note, report_skipped, require_columns,
)

_ROW = {"DE": 1.0, "RU": -1.0}
_REPEAT_COLOR = "#b2182b"
_TIER = 38  # points between tiers of venue labels
_GAP_STYLE = (0, (1, 1.5))


def participants_label(row: pd.Series, *, short: bool = False) -> str:
    """``"> 350 participants"`` (``short``: ``"> 350"``), ``"≈ 200 participants"``, or ``""`` when no head
    count is known.

    >>> participants_label(pd.Series({"participants_min": 350, "participants_qualifier": "more than"}))
    '> 350 participants'
    """
    count = row.get("participants_min")
    if count is None or pd.isna(count):
        return ""
    sign = {"more than": "> ", "about": "≈ ", "at least": "≥ "}.get(row.get("participants_qualifier") or "", "")
    return f"{sign}{int(count)}" + ("" if short else " participants")


def roman_ranges(numbers) -> str:
    """Edition numbers as Roman ranges: ``roman_ranges([2, 3, 4, 7])`` gives ``'II–IV, VII'``."""
    numbers, runs = sorted(int(n) for n in numbers), []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(to_roman(a) if a == b else f"{to_roman(a)}, {to_roman(b)}" if b == a + 1
                     else f"{to_roman(a)}–{to_roman(b)}" for a, b in runs)


def when_drawn(row: pd.Series, x: str) -> float:
    """Position on the time axis: the start date as a fraction of its year, else the middle of the year."""
    start = str(row.get("start") or "")
    if x == "year" and len(start) == 10:
        day = pd.Timestamp(start)
        return day.year + (day.day_of_year - 0.5) / (366 if day.is_leap_year else 365)
    return float(row[x]) + 0.5


def _venue_ids(row: pd.Series) -> set[str]:
    ids = str(row.get("venue_place_ids", "") or "")
    names = str(row.get("venues", "") or "")
    return {p for p in ids.split(";") if p} or {v.strip().lower() for v in names.split(";") if v.strip()}


def split_records(data: pd.DataFrame, *, x: str = "year", hue: str = "host_country"
                  ) -> tuple[pd.DataFrame, pd.DataFrame, int, list[str]]:
    """Sort the rows of a conference table for the timeline.

    Returns the numbered editions with a year, the unnumbered records that match none of them, how many
    unnumbered records match a numbered edition (same year, host and venue, or a venue of it), and the
    rows without a year (as labels).
    """
    dated = data[data[x].notna()]
    edition = dated["edition"] if "edition" in dated else pd.Series(pd.NA, index=dated.index)
    numbered = dated[edition.notna()]
    loose = dated[edition.isna()]
    keys = [(int(r[x]), r[hue], _venue_ids(r)) for _, r in numbered.iterrows()]
    alone = [i for i, r in loose.iterrows()
             if not any(year == int(r[x]) and host == r[hue] and _venue_ids(r) <= venues
                        for year, host, venues in keys)]
    undated = [f"{r.get('venues', '') or 'venue unknown'}" for _, r in data[data[x].isna()].iterrows()]
    return numbered, loose.loc[alone], len(loose) - len(alone), undated


def _half_width(ax: Axes, text, renderer) -> float:
    """Half the width of ``text`` in years (from its length when there is no renderer)."""
    left, right = ax.get_xlim()
    axes_inches = ax.get_position().width * ax.figure.get_figwidth()
    if renderer is not None:
        inches = text.get_window_extent(renderer).width / ax.figure.dpi
    else:
        inches = 0.55 * text.get_fontsize() * max(map(len, text.get_text().split("\n"))) / 72
    return 0.53 * inches / axes_inches * (right - left)


def _edition_name(row: pd.Series) -> str:
    edition = row.get("edition")
    return "no. ?" if edition is None or pd.isna(edition) else (row.get("roman") or to_roman(int(edition)))


def _draw_alternation(ax: Axes, editions: pd.DataFrame, hue: str) -> list:
    """Repeats and gaps of the DE/RU alternation on the zigzag; returns legend handles for what was drawn."""
    findings = venue_alternation(editions)
    where = {int(e): i for i, e in enumerate(editions["edition"])}
    for _, finding in findings.iterrows():
        a, b = editions.iloc[where[int(finding["after"])]], editions.iloc[where[int(finding["before"])]]
        xs, ys = [a["_t"], b["_t"]], [_ROW[a[hue]], _ROW[b[hue]]]
        middle = (xs[0] + xs[1]) / 2
        if finding["kind"] == "repeat":
            ax.plot(xs, ys, color=_REPEAT_COLOR, linewidth=2.6, solid_capstyle="butt", zorder=1.5)
            inches = (xs[1] - xs[0]) / np.ptp(ax.get_xlim()) * ax.get_position().width * ax.figure.get_figwidth()
            if inches > 0.55:  # room between the two marks for a word; else the legend explains the thick line
                ax.annotate("repeat", xy=(middle, ys[0]), ha="center", va="center", fontsize=6, zorder=2.6,
                            color=_REPEAT_COLOR, fontweight="bold",
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": _REPEAT_COLOR,
                                  "linewidth": 0.6})
        else:
            ax.plot(xs, ys, color="white", linewidth=2.2, zorder=1.2)
            ax.plot(xs, ys, color=INK, linewidth=1.0, linestyle=_GAP_STYLE, zorder=1.3)
            missing = range(int(finding["after"]) + 1, int(finding["before"]))
            ax.annotate(f"gap: no record of {roman_ranges(missing)}", xy=(middle, (ys[0] + ys[1]) / 2),
                        ha="center", va="center", fontsize=6.5, color=INK, zorder=4,
                        bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": MUTED,
                              "linewidth": 0.5})
    kinds = set(findings["kind"])
    handles = []
    if "repeat" in kinds:
        handles.append(Line2D([], [], color=_REPEAT_COLOR, linewidth=2.6, label="repeat (no alternation)"))
    if "gap" in kinds:
        handles.append(Line2D([], [], color=INK, linewidth=1.0, linestyle=_GAP_STYLE, label="gap in the numbering"))
    return handles


def plot_conference_timeline(data: pd.DataFrame | None = None, *, x: str = "year", hue: str = "host_country",
                             venues: str = "venues", status: str = "status", wrap: int = 14,
                             alternation: bool = True, legend: bool = True, ax: Axes | None = None) -> Axes:
    """One mark per conference edition on a time axis, by host country, with venues, status and head count.

    Parameters
    ----------
    data : DataFrame
        One row per edition, e.g. ``load_conferences()``: ``edition``, ``year`` (and ``start`` when the
        dates are known), ``host_country`` (DE or RU), ``venues`` ("; "-joined), ``status``; optional
        ``roman``, ``venue_place_ids``, ``participants_min`` and ``participants_qualifier``. Rows without
        a year are left out and reported.
    x, hue, venues, status : str
        Columns of the year, the host country, the venue names and the status.
    wrap : int
        Wrap venue labels at about this many characters.
    alternation : bool
        Draw the DE/RU alternation check of :func:`twinning_analysis.analysis.venue_alternation`: repeats
        as thick lines, gaps in the numbering as dotted lines, and the editions before the first known one.
    ax : Axes, optional
        Where to draw (default: the current Axes).

    Returns
    -------
    Axes

    Examples
    --------
    >>> import pandas as pd
    >>> conf = pd.DataFrame({"edition": [8, 9], "year": [2005, 2007], "host_country": ["RU", "DE"],
    ...     "venues": ["Jekaterinburg", "Hamburg"], "status": ["held", "held"]})
    >>> ax = plot_conference_timeline(conf)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['host: Germany', 'host: Russia', 'held']
    """
    require_columns(data, [x, hue, venues, status], "conference timeline")
    # editions no source documents (status unknown, no host) are drawn as gaps of the alternation, not as marks
    data = data[~((data[hue].fillna("") == "") & (data[status] == "unknown"))]
    bad_host = sorted(set(data[hue].dropna()) - set(_ROW))
    if bad_host:
        raise ValueError(f"conference timeline: unknown host country {', '.join(map(str, bad_host))} "
                         f"(expected DE or RU)")
    numbered, loose, matched, undated = split_records(data, x=x, hue=hue)
    if numbered.empty and loose.empty:
        raise NothingToPlotError("conference timeline: no edition has a year")
    ax = ax if ax is not None else plt.gca()
    numbered = numbered.assign(_t=[when_drawn(r, x) for _, r in numbered.iterrows()]).sort_values(
        ["edition", "_t"]).reset_index(drop=True)
    loose = loose.assign(_t=[when_drawn(r, x) for _, r in loose.iterrows()]).sort_values(["_t"]).reset_index(drop=True)
    # a loose record at the same time and host as another mark moves right a little, so both stay visible
    taken = {(round(t), h) for t, h in zip(numbered["_t"], numbered[hue])}
    shifted = []
    for t, h in zip(loose["_t"], loose[hue]):
        while (round(t), h) in taken or any(abs(t - s) < 0.5 and h == g for s, g in shifted):
            t += 0.8
        shifted.append((t, h))
    loose["_t"] = [t for t, _ in shifted]

    ax.axhline(0, color="#cccccc", linewidth=0.5, zorder=0)
    if len(numbered):
        ax.plot(numbered["_t"], numbered[hue].map(_ROW), color=MUTED, linewidth=0.8, zorder=1,
                solid_joinstyle="round")
    marks = pd.concat([numbered.assign(_loose=False), loose.assign(_loose=True)], ignore_index=True)
    first = numbered["edition"].min() if len(numbered) else None
    before = first is not None and int(first) > 1
    left, right = marks["_t"].min(), marks["_t"].max()
    pad = max(2.5, (right - left) * 0.05)
    ax.set_xlim(left - pad - (4 if before and alternation else 0), right + pad)
    extra = _draw_alternation(ax, numbered, hue) if alternation and len(numbered) > 1 else []
    renderer = ax.figure.canvas.get_renderer() if hasattr(ax.figure.canvas, "get_renderer") else None
    if renderer is not None:
        ax.figure.draw_without_rendering()  # settle the layout, so label widths in years come out right
    row_end: dict[tuple[str, int], float] = {}
    counted = False
    reach = {"DE": 0.0, "RU": 0.0}  # how far (points) the labels reach away from their row
    for _, row in marks.sort_values("_t", kind="mergesort").iterrows():
        look, state = HOST_LOOK[row[hue]], STATUS_LOOK.get(row[status], STATUS_LOOK["unknown"])
        face = look.color if row[status] == "held" else state.color
        ax.scatter([row["_t"]], [_ROW[row[hue]]], s=50 if row["_loose"] else 70, marker=look.marker,
                   facecolor="white" if row["_loose"] else face, hatch=None if row["_loose"] else state.hatch,
                   edgecolor=MUTED if row["_loose"] or row[status] == "unknown" else look.color,
                   linestyle="--" if row["_loose"] else "-", linewidth=1.2, zorder=3)
        names = [v.strip() for v in str(row[venues] or "").split(";") if v.strip()]
        lines = [f"{_edition_name(row)} · {int(row[x])}",
                 " and\n".join(textwrap.fill(n, wrap) for n in names) or "venue unknown"]
        above = row[hue] == "DE"
        if participants_label(row):  # head count on the inner side of the mark, towards the other row
            counted = True
            ax.annotate(participants_label(row, short=True), xy=(row["_t"], _ROW[row[hue]]),
                        xytext=(0, -9 if above else 9),
                        textcoords="offset points", ha="center", va="top" if above else "bottom", fontsize=6,
                        style="italic", color=INK, zorder=2.5, annotation_clip=False,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        text = ax.annotate("\n".join(lines), xy=(row["_t"], _ROW[row[hue]]), xytext=(0, 9 if above else -9),
                           textcoords="offset points", ha="center", va="bottom" if above else "top",
                           fontsize=6.5, color=MUTED if row["_loose"] else INK, linespacing=1.15,
                           annotation_clip=False)
        text.set_gid("venue")
        # labels of neighbours in the same row must not collide: lift this one a tier if they would
        half = _half_width(ax, text, renderer)
        tier = next(t for t in range(len(marks) + 1) if row_end.get((row[hue], t), -np.inf) < row["_t"] - half)
        row_end[(row[hue], tier)] = row["_t"] + half
        reach[row[hue]] = max(reach[row[hue]], 9 + tier * _TIER + text.get_text().count("\n") * 9 + 9)
        if tier:
            lift = 9 + tier * _TIER
            text.xyann = (0, lift if above else -lift)
            ax.annotate("", xy=(row["_t"], _ROW[row[hue]]), xytext=(0, (lift - 2) * (1 if above else -1)),
                        textcoords="offset points", annotation_clip=False,
                        arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.5, "shrinkA": 0,
                                    "shrinkB": 5})
    if alternation and before:
        ax.annotate(f"editions {roman_ranges(range(1, int(first)))}:\nno record", xy=(numbered["_t"].min(), 0),
                    xytext=(-10, 0), textcoords="offset points", ha="right", va="center", fontsize=6.5,
                    color=MUTED, style="italic")
    ax.set_yticks([1, -1], ["held in\nGermany", "held in\nRussia"])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    # year labels centred in their year (a mark of 2005 sits at 2005.5), every second or fourth year
    lo, hi = ax.get_xlim()
    step = 2 if hi - lo <= 26 else 4
    anchor = int(marks[x].iloc[0])
    years = [y for y in range(int(np.floor(lo)), int(np.ceil(hi)) + 1)
             if (y - anchor) % step == 0 and lo < y + 0.5 < hi]
    ax.set_xticks([y + 0.5 for y in years], [str(y) for y in years])
    ax.set_xticks(range(int(np.ceil(lo)), int(np.floor(hi)) + 1), minor=True)
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=2.5)
    ax.set_xlabel("Year")
    if legend:
        handles = [Line2D([], [], linestyle="", marker=HOST_LOOK[c].marker, markersize=6,
                          markerfacecolor=HOST_LOOK[c].color, markeredgecolor=HOST_LOOK[c].color,
                          label=f"host: {HOST_LOOK[c].label[3:]}") for c in ("DE", "RU") if c in set(marks[hue])]
        for name in ("held", "announced", "cancelled", "unknown"):
            if name in set(marks[status]):
                st = STATUS_LOOK[name]
                handles.append(Patch(facecolor=st.color or MUTED, edgecolor=INK if name != "unknown" else MUTED,
                                     hatch=st.hatch, linewidth=0.8, label=st.label))
        if len(loose):
            handles.append(Line2D([], [], linestyle="", marker="o", markersize=6, markerfacecolor="white",
                                  markeredgecolor=MUTED, label="record without edition number"))
        handles += extra
        if counted:
            handles.append(Line2D([], [], linestyle="", marker="$n$", markersize=7, color=INK,
                                  label="italic number: participants"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                  ncols=min(4, len(handles)), handlelength=1.4, columnspacing=1.2)
    # room for the labels: ``reach`` points beyond each row, the rest of the height between and around them
    if renderer is not None:  # the legend and tick labels take their share of the height first
        for text in ax.texts:
            text.set_in_layout(False)  # labels still outside the limits must not squeeze the axes
        ax.figure.draw_without_rendering()
        for text in ax.texts:
            text.set_in_layout(True)
    height = ax.get_position().height * ax.figure.get_figheight() * 72 - 14  # and a title, if one comes
    spare = height - reach["DE"] - reach["RU"] - 16
    per_unit = max(spare / 2.6, 24.0)  # two units between the rows (room for head counts), 0.3 above and below
    ax._twinning_shortfall = max(0.0, 2.6 * 24.0 - spare)  # points of height the labels lack (figures add them)
    ax.set_ylim(-1.3 - reach["RU"] / per_unit, 1.3 + reach["DE"] / per_unit)
    if matched:
        add_note(ax, f"{matched} record{'s' if matched > 1 else ''} without an edition number shown with the "
                     "edition of the same year, host and venue.")
    report_skipped(ax, "conference records without a year", undated, one="conference record without a year")
    return ax
