"""Every report figure, drawn from the processed tables and saved as PNG (300 dpi), SVG and PDF.

Saving is deterministic: the same data give the same bytes on every run (fixed SVG hash salt, no
dates in the metadata, label placement with a fixed number of iterations), and the files of one
run are moved into ``figures/`` together only once all are written.

>>> FIGURES[:2]
('founding_waves', 'founding_by_era')
>>> [p.name for p in figure_files(project_paths(), "founding_waves")]
['founding_waves.png', 'founding_waves.svg', 'founding_waves.pdf']
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import re
import signal
import textwrap
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import matplotlib as mpl
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from twinning_analysis.analysis import PAIR_RELATIONS, relations_counted
from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths, project_paths
from twinning_analysis.eras import ERAS
from twinning_analysis.schedule import Durations
from twinning_analysis.plots.conferences import plot_conference_timeline
from twinning_analysis.plots.maps import (
    EUROPEAN_RUSSIA, Boundaries, load_boundaries, locate_pairs, pairs_per_region, partnership_frame, plot_choropleth,
    plot_conference_venues, plot_partnership_map, venue_frame, venue_table,
)
from twinning_analysis.plots.style import (
    ERA_LOOK, INK, MUTED, TEXT_WIDTH, NothingToPlotError, SkippedRowsWarning, add_note, count_bins, notes_of,
    report_style,
)
from twinning_analysis.plots.timeseries import plot_anniversaries, plot_cumulative, plot_founding_waves
from twinning_analysis.plots.world import (
    WORLD_BOUNDARY_FILE, WorldTables, distance_legend, load_world, map_frame, plot_country_matrix,
    plot_degree_distribution, plot_distance_null, plot_hubs, plot_partner_countries, plot_world_links,
)

log = logging.getLogger(__name__)

#: The year whose jubilees the anniversaries figure shows (the seed sources are the 2021 jubilee list).
ANNIVERSARY_YEAR = 2021

#: The part of the world the world map enlarges (west, south, east, north): Europe up to the Urals.
EUROPE_EXTENT = (-12.0, 35.0, 66.0, 65.0)

#: The figures of the world list of twin towns (drawn from ``world_pairs`` and ``world_places``).
WORLD_FIGURES = ("world_links_map", "world_country_matrix", "world_partner_countries", "world_degree_distribution",
                 "world_distances")

#: Every figure the pipeline draws, in drawing order; each becomes ``figures/NAME.{png,svg,pdf}``.
FIGURES = ("founding_waves", "founding_by_era", f"anniversaries_{ANNIVERSARY_YEAR}", "conference_timeline",
           "partnership_map", "choropleth", "conference_venues") + WORLD_FIGURES

#: File formats written for every figure.
FORMATS = ("png", "svg", "pdf")

#: Salt of the ids matplotlib writes into SVG files (random per run otherwise).
SVG_HASHSALT = "twinning-analysis"

#: Resolution of the PNG files (print quality).
PNG_DPI = 300

_SAVE_OPTIONS = {
    "png": {"metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None}},
    "pdf": {"metadata": {"CreationDate": None, "ModDate": None}},
}
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def figure_files(paths: Paths | None, name: str) -> list[Path]:
    """The files of figure ``name``: ``figures/NAME.png``, ``.svg`` and ``.pdf``."""
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '_', '-' and '.' only")
    folder = (paths or project_paths()).figures
    return [folder / f"{name}.{ext}" for ext in FORMATS]


def new_figure(width: float = TEXT_WIDTH, height: float = 4.0, **kwargs) -> Figure:
    """A figure outside pyplot (nothing global, nothing to close) with an Agg canvas and constrained layout."""
    figure = Figure(figsize=(width, height), layout="constrained", **kwargs)
    FigureCanvasAgg(figure)
    return figure


def _write(figure: Figure, fmt: str, dpi: int) -> Callable[[Path], None]:
    options = {**_SAVE_OPTIONS[fmt], **({"dpi": dpi} if fmt == "png" else {})}

    def writer(target: Path) -> None:
        with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path", "pdf.fonttype": 42}):
            figure.savefig(target, format=fmt, facecolor="white", **options)
    return writer


def freeze_layout(figure: Figure, *, digits: int = 5) -> None:
    """Run the figure's layout once, round every Axes position and switch the layout engine off.

    The constrained-layout solver leaves noise in the last digits of positions (about 1e-13), which
    differs from one run to the next; SVG clip-path ids hash those floats. Rounded, frozen positions make
    all three formats share one layout and the ids stable. Insets follow their parent and are left as
    they are.
    """
    if figure.get_layout_engine() is None:
        return
    figure.draw_without_rendering()
    for ax in figure.axes:
        if ax.get_axes_locator() is not None:
            continue
        for which in ("original", "active"):
            bounds = ax.get_position(original=which == "original").bounds
            ax.set_position([round(v, digits) for v in bounds], which=which)
    figure.set_layout_engine("none")


def save_figure(figure: Figure, name: str, paths: Paths | None = None, *,
                batch: OutputBatch | None = None, dpi: int = PNG_DPI) -> list[Path]:
    """Write ``figure`` as ``figures/NAME.png`` (300 dpi), ``.svg`` and ``.pdf``, byte-identical on reruns.

    The files appear together when the write succeeds (or, with ``batch``, when that batch commits).
    ``dpi`` sets the PNG's resolution (tests use a low one to run fast). The figure's layout is frozen
    first (see :func:`freeze_layout`).

    >>> import tempfile
    >>> figure = new_figure(2, 1)
    >>> paths = Paths(Path(tempfile.mkdtemp()))
    >>> [p.name for p in save_figure(figure, "demo", paths)]
    ['demo.png', 'demo.svg', 'demo.pdf']
    """
    files = figure_files(paths, name)
    freeze_layout(figure)
    if batch is not None:
        for path, fmt in zip(files, FORMATS):
            batch.write_with(path, _write(figure, fmt, dpi))
        return files
    with OutputBatch() as own:
        for path, fmt in zip(files, FORMATS):
            own.write_with(path, _write(figure, fmt, dpi))
    return files


# ---------------------------------------------------------------------------------------------
# the figures


@dataclass(frozen=True)
class Tables:
    """What the figures are drawn from."""

    partnerships: pd.DataFrame
    conferences: pd.DataFrame
    places: pd.DataFrame
    boundaries: Boundaries
    #: The project the world tables are read from, on first use of :attr:`world` (default: this checkout).
    paths: Paths | None = None

    @cached_property
    def world(self) -> WorldTables:
        """The world list's tables and the world boundaries, read when a figure first needs them."""
        from twinning_analysis.pipeline import WORLD_TABLES
        paths = self.paths or project_paths()
        needed = [paths.processed / f"{name}.csv" for name in WORLD_TABLES] + [paths.boundaries / WORLD_BOUNDARY_FILE]
        missing = [str(p.relative_to(paths.root)) for p in needed if not p.exists()]
        if missing:
            raise NothingToPlotError(f"world figures: {', '.join(missing)} missing (run `twinning world`)")
        return load_world(paths)

    @property
    def pairs(self) -> pd.DataFrame:
        """The pairs the figures count: the relations of :data:`~twinning_analysis.analysis.PAIR_RELATIONS`
        (declared intents, which name one side only, left out)."""
        frame = self.partnerships
        return frame[frame["relation"].isin(PAIR_RELATIONS) & (frame["de_place_id"] != "")
                     & (frame["ru_place_id"] != "")]

    def note_pairs(self, ax) -> None:
        """Say at the figure's foot which relations its pairs are (see :func:`relations_counted`)."""
        add_note(ax, relations_counted(self.partnerships))


def load_tables(paths: Paths | None = None) -> Tables:
    """The processed tables and the boundary layers of the project at ``paths``."""
    from twinning_analysis.datasets import load_conferences, load_partnerships, load_places
    paths = paths or project_paths()
    return Tables(load_partnerships(paths), load_conferences(paths), load_places(paths), load_boundaries(paths), paths)


def _add_notes(figure: Figure, axes) -> None:
    """Notes about rows left out, at the foot of the figure."""
    notes = list(dict.fromkeys(n for ax in axes for n in notes_of(ax)))
    if notes:
        lines = textwrap.wrap(" ".join(notes), int(figure.get_figwidth() * 23))  # ~23 characters an inch at 6 pt
        share = (0.03 + 0.11 * len(lines)) / figure.get_figheight()
        figure.get_layout_engine().set(rect=(0, share, 1, 1 - share))
        figure.text(0.01, 0.005, "\n".join(lines), fontsize=6, color=MUTED, ha="left", va="bottom")


def founding_waves(tables: Tables) -> Figure:
    """Pairs founded per year by era, breaks annotated, with the cumulative count below."""
    figure = new_figure(TEXT_WIDTH, 4.8)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    pairs = tables.pairs
    tables.note_pairs(top)
    plot_founding_waves(pairs, ax=top)
    plot_cumulative(pairs, ax=bottom)
    top.set_title("a   Pairs founded per year, by origin of the German side", pad=34)
    bottom.set_title("b   Pairs in total")
    bottom.set_xlabel("Year founded")
    _add_notes(figure, [top])
    return figure


def founding_by_era(tables: Tables) -> Figure:
    """One panel per era of the German side (FRG, GDR, unified …) on the same axes."""
    pairs = tables.pairs
    dated = pairs[pairs["founded_year"].notna()]
    eras = [e for e in ERAS if e in set(dated["era"].replace("", "undetermined"))]
    if not eras:
        raise NothingToPlotError("founding by era: no pair has a founding year")
    figure = new_figure(TEXT_WIDTH, 0.95 + 1.05 * len(eras))
    axes = figure.subplots(len(eras), 1, sharex=True, squeeze=False)[:, 0]
    years = dated["founded_year"].astype(int)
    xlim = (min(years.min(), 1957) - 1.5, max(years.max(), 2022) + 1.5)
    for i, (era, ax) in enumerate(zip(eras, axes)):
        subset = dated[dated["era"].replace("", "undetermined") == era]
        plot_founding_waves(subset, ax=ax, legend=False, break_labels=i == 0, xlim=xlim)
        ax.set_ylabel("")
        ax.set_title(f"{ERA_LOOK[era].label}: {len(subset)} pairs", pad=30 if i == 0 else 4)
    top = max(ax.get_ylim()[1] for ax in axes)  # one scale for all panels, so their heights compare
    for ax in axes:
        ax.set_ylim(0, top)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    figure.supylabel("Pairs founded per year", fontsize=8)
    axes[-1].set_xlabel("Year founded")
    tables.note_pairs(axes[-1])
    undated = len(pairs) - len(dated)
    if undated:
        add_note(axes[-1], f"Not shown: {undated} pair{'s' if undated > 1 else ''} without a founding year.")
    _add_notes(figure, axes)
    return figure


def anniversaries_figure(tables: Tables, year: int = ANNIVERSARY_YEAR) -> Figure:
    """The jubilees of ``year`` as a chart-table."""
    from twinning_analysis.analysis import anniversaries
    pairs = tables.pairs
    rows = len(anniversaries(pairs, year)) if len(pairs) else 0
    groups = anniversaries(pairs, year)["age"].nunique() if rows else 0
    figure = new_figure(TEXT_WIDTH, max(2.0, 0.9 + 0.15 * (rows + groups)))
    ax = figure.subplots()
    tables.note_pairs(ax)
    plot_anniversaries(pairs, year=year, ax=ax)
    ax.set_title(f"Round jubilees in {year}", pad=14)
    _add_notes(figure, [ax])
    return figure


def conference_timeline(tables: Tables, height: float = 4.2) -> Figure:
    figure = new_figure(TEXT_WIDTH, height)
    ax = figure.subplots()
    plot_conference_timeline(tables.conferences, ax=ax)
    ax.set_title("German-Russian partnership conferences: venue by edition")
    _add_notes(figure, [ax])
    # venue labels lifted clear of their neighbours may need more height than planned: draw again, taller
    shortfall = getattr(ax, "_twinning_shortfall", 0.0) / 72
    if shortfall > 0.01 and height < 8:
        return conference_timeline(tables, min(height + shortfall + 0.1, 8.0))
    return figure


def _map_height(aspect: float, extra: float) -> float:
    """Page height for a map of ``aspect`` (width / height) across the text width, plus ``extra`` inches."""
    return min(max((TEXT_WIDTH - 0.15) / aspect + extra, 3.0), 8.5)


def partnership_map(tables: Tables) -> Figure:
    pairs, _ = locate_pairs(tables.pairs, tables.places)
    aspect = partnership_frame(pairs, tables.places).aspect if len(pairs) else 1.3
    figure = new_figure(TEXT_WIDTH, _map_height(aspect, 1.2))
    ax = figure.subplots()
    tables.note_pairs(ax)
    plot_partnership_map(tables.pairs, places=tables.places, boundaries=tables.boundaries, ax=ax)
    ax.set_title("Partnerships between German and Russian places")
    _add_notes(figure, [ax])
    return figure


def choropleth(tables: Tables) -> Figure:
    """Pairs per German Land and per Russian federal subject, with European Russia enlarged."""
    counts, _ = pairs_per_region(tables.pairs, tables.places)
    bins = count_bins(max(int(counts["n"].max()) if len(counts) else 1, 1))
    figure = new_figure(TEXT_WIDTH, 7.0)
    grid = figure.add_gridspec(2, 2, width_ratios=[1, 1.25], height_ratios=[1.15, 1])
    germany, europe = figure.add_subplot(grid[0, 0]), figure.add_subplot(grid[0, 1])
    russia = figure.add_subplot(grid[1, :])
    common = {"places": tables.places, "boundaries": tables.boundaries, "bins": bins}
    plot_choropleth(tables.pairs, country="DE", legend=False, ax=germany, **common)
    plot_choropleth(tables.pairs, country="RU", zoom=EUROPEAN_RUSSIA, legend=False, ax=europe, **common)
    plot_choropleth(tables.pairs, country="RU", outline=EUROPEAN_RUSSIA, ax=russia, **common)
    germany.set_title("a   per German Land")
    europe.set_title("b   per Russian federal subject: European Russia")
    russia.set_title("c   per Russian federal subject (dashed: the area of b)")
    tables.note_pairs(russia)
    _add_notes(figure, [russia])
    return figure


def conference_venues(tables: Tables) -> Figure:
    venues, _ = venue_table(tables.conferences, tables.places)
    if len(venues):
        _, (x0, y0, x1, y1) = venue_frame(venues)
        aspect = (x1 - x0) / (y1 - y0)
    else:
        aspect = 1.6
    figure = new_figure(TEXT_WIDTH, _map_height(aspect, 0.9))
    ax = figure.subplots()
    plot_conference_venues(tables.conferences, places=tables.places, boundaries=tables.boundaries, ax=ax)
    ax.set_title("Conference venues, numbered by edition")
    _add_notes(figure, [ax])
    return figure


# ---------------------------------------------------------------------------------------------
# the world list of twin towns


def world_links_map(tables: Tables) -> Figure:
    """Every pair of the world list on a world map, the German–Russian pairs drawn over them; Europe enlarged."""
    world = tables.world
    common = {"places": world.places, "boundaries": world.boundaries}
    heights = [(box[3] - box[1]) / (box[2] - box[0]) for _, box, _ in (map_frame(), map_frame(EUROPE_EXTENT))]
    figure = new_figure(TEXT_WIDTH, 1.0 + TEXT_WIDTH * sum(heights))
    top, bottom = figure.subplots(2, 1, height_ratios=heights)
    plot_world_links(world.pairs, outline=EUROPE_EXTENT, ax=top, **common)
    with warnings.catch_warnings():  # the pairs left out are the same as in a, noted once
        warnings.simplefilter("ignore", SkippedRowsWarning)
        plot_world_links(world.pairs, extent=EUROPE_EXTENT, legend=False, ax=bottom, **common)
    top.set_title("a   Twin towns of the world, German–Russian pairs on top")
    bottom.set_title("b   Europe (dashed box in a)")
    _add_notes(figure, [top])
    return figure


def world_country_matrix(tables: Tables) -> Figure:
    """Pairs between the 20 countries with most links, as a heat map."""
    figure = new_figure(TEXT_WIDTH, 5.7)
    ax = figure.subplots()
    plot_country_matrix(tables.world.pairs, top=20, ax=ax)
    ax.set_title("Pairs between the 20 countries with most twin-town links")
    ax.set_xlabel("Outlined: pairs within a country. White: no pair.", fontsize=7, color=MUTED, loc="left")
    return figure


def world_partner_countries(tables: Tables) -> Figure:
    """Germany's partner countries (Russia, France, Poland marked) beside Russia's (Germany marked)."""
    pairs = tables.world.pairs
    figure = new_figure(TEXT_WIDTH, 3.6)
    left, right = figure.subplots(1, 2)
    plot_partner_countries(pairs, country="DE", mark=("RU", "FR", "PL"), ax=left)
    plot_partner_countries(pairs, country="RU", mark=("DE",), ax=right)
    left.set_title("a   Germany's partner countries")
    right.set_title("b   Russia's partner countries")
    return figure


def world_degree_distribution(tables: Tables) -> Figure:
    """How many partners places have (log–log), and the places with most partners."""
    world = tables.world
    figure = new_figure(TEXT_WIDTH, 3.4)
    left, right = figure.subplots(1, 2, width_ratios=[1, 1.1])
    plot_degree_distribution(world.pairs, ax=left)
    plot_hubs(world.pairs, places=world.places, top=15, ax=right)
    left.set_title("a   Places by number of partners")
    right.set_title("b   Hubs: most partners")
    return figure


def world_distances(tables: Tables, samples: pd.DataFrame | None = None) -> Figure:
    """Partner distances of all pairs, German pairs and German–Russian pairs against the null model
    (``samples`` from :func:`~twinning_analysis.world.nullmodel.distance_samples`; twenty seeded draws if None)."""
    from twinning_analysis.world.nullmodel import SCOPES, distance_samples
    world = tables.world
    samples = distance_samples(world.pairs, world.places) if samples is None else samples
    figure = new_figure(TEXT_WIDTH, 3.1)
    axes = figure.subplots(1, len(SCOPES), sharey=True)
    for i, (scope, ax) in enumerate(zip(SCOPES, axes)):
        plot_distance_null(samples, scope=scope, legend=False, ax=ax)
        ax.set_title(f"{'abc'[i]}   {scope[0].upper()}{scope[1:]}")
        if ax is not axes[len(axes) // 2]:
            ax.set_xlabel("")
    axes[0].set_ylabel("Share of pairs at most this far apart")
    figure.legend(*distance_legend(axes[0]), loc="outside lower center", ncols=3)
    return figure


#: Figure name → function drawing it from :class:`Tables`.
DRAWERS: dict[str, Callable[[Tables], Figure]] = {
    "founding_waves": founding_waves,
    "founding_by_era": founding_by_era,
    f"anniversaries_{ANNIVERSARY_YEAR}": anniversaries_figure,
    "conference_timeline": conference_timeline,
    "partnership_map": partnership_map,
    "choropleth": choropleth,
    "conference_venues": conference_venues,
    "world_links_map": world_links_map,
    "world_country_matrix": world_country_matrix,
    "world_partner_countries": world_partner_countries,
    "world_degree_distribution": world_degree_distribution,
    "world_distances": world_distances,
}


def draw_figure(name: str, tables: Tables) -> Figure:
    """Draw one of :data:`FIGURES` in the report style."""
    if name not in DRAWERS:
        raise ValueError(f"unknown figure {name!r}; choose one of {', '.join(FIGURES)}")
    with report_style():
        return DRAWERS[name](tables)


def placeholder(name: str, reason: str) -> Figure:
    """A page that says why figure ``name`` could not be drawn (instead of a missing file)."""
    figure = new_figure(TEXT_WIDTH, 1.6)
    ax = figure.subplots()
    ax.set_axis_off()
    ax.text(0.5, 0.62, f"Figure “{name}” not drawn", ha="center", va="center", fontsize=10, fontweight="bold",
            color=INK, transform=ax.transAxes)
    ax.text(0.5, 0.35, "\n".join(textwrap.wrap(reason, 100)), ha="center", va="center", fontsize=7, color=MUTED,
            transform=ax.transAxes)
    return figure


def _draw_one(name: str, tables: Tables, targets: list[Path], dpi: int, strict: bool) -> list[str]:
    """Draw figure ``name`` and write it to ``targets`` (PNG, SVG, PDF); return the messages to log."""
    messages = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SkippedRowsWarning)
        try:
            figure = draw_figure(name, tables)
        except NothingToPlotError as err:
            if strict:
                raise
            messages.append(f"{name}: not drawn: {err}")
            with report_style():
                figure = placeholder(name, str(err))
    for warning in caught:
        if issubclass(warning.category, SkippedRowsWarning):
            messages.append(f"{name}: {warning.message}")
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    with report_style():
        freeze_layout(figure)
        for target, fmt in zip(targets, FORMATS):
            _write(figure, fmt, dpi)(target)
    return messages


#: What the figure workers draw from (inherited when they fork, so the tables are not copied for each task).
_SHARED: dict[str, Tables] = {}


def _draw_timed(name: str, targets: list[Path], dpi: int, strict: bool) -> tuple[list[str], float]:
    """:func:`_draw_one` on the tables shared with the workers; also return the seconds it took."""
    started = time.perf_counter()
    return _draw_one(name, _SHARED["tables"], targets, dpi, strict), time.perf_counter() - started


def _ignore_ctrl_c() -> None:
    """Workers leave Ctrl-C to the main process, which stops the step with one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _workers(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(count, cores))


def draw_all(paths: Paths | None = None, *, names: tuple[str, ...] = FIGURES, dpi: int = PNG_DPI,
             strict: bool = False, jobs: int | None = None) -> list[Path]:
    """Draw every figure from the processed tables and write them to ``figures/``; return the files.

    Rows a figure cannot show (e.g. a place without coordinates) are noted at its foot and logged. A figure
    with nothing to draw (e.g. no place has coordinates yet) becomes a page saying why, with a logged
    warning, unless ``strict``. Any other error stops the run, and then no figure file is replaced.
    Figures are drawn ``jobs`` at a time in forked processes (one per core by default); each is drawn the
    same way wherever it is drawn, so the bytes do not depend on it.
    """
    paths = paths or project_paths()
    jobs = _workers(len(names)) if jobs is None else jobs
    written = [p for name in names for p in figure_files(paths, name)]
    timings = Durations(paths.cache / "durations" / "figures.json")
    order = timings.longest_first(list(names))  # the world map first, so that it does not end the step alone
    with OutputBatch() as batch:
        targets = [[batch.path_for(p) for p in figure_files(paths, name)] for name in order]
        _SHARED["tables"] = load_tables(paths)
        try:
            if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_ignore_ctrl_c) as pool:
                    done = list(pool.map(_draw_timed, order, targets, [dpi] * len(order), [strict] * len(order)))
            else:
                done = [_draw_timed(name, files, dpi, strict) for name, files in zip(order, targets)]
        finally:
            _SHARED.clear()
        told = dict(zip(order, done))
        for message in (m for name in names for m in told[name][0]):
            log.warning("%s", message)
    for name, (_, seconds) in told.items():
        timings.record(name, seconds)
    timings.save()
    return written
