"""The interactive pages of a run and its landing page, ``reports/index.html``.

:func:`build_pages` writes the partnership map, the founding waves and the conference timeline (and the
world map when the world tables exist) from the processed tables; :func:`build_index` writes the index
that links every page, figure, executed notebook, the quality report and the processed tables, with the
run's date and data version. Both are deterministic: the date is the newest ``accessed`` date in
``data/raw/sources.csv`` (when the data were last read at their sources), the version a hash of the raw
data, so the same data give the same bytes.

>>> [name for name, _ in PAGES]
['partnership_map', 'founding_waves', 'conference_timeline', 'world_map']
"""
from __future__ import annotations

import hashlib
import html
import logging
from pathlib import Path

import pandas as pd

from twinning_analysis import __version__, pipeline
from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths
from twinning_analysis.errors import NothingToPlotError
from twinning_analysis.web import Page

log = logging.getLogger(__name__)

#: Every interactive page (``reports/NAME.html``) with what it shows, in the order of the index.
PAGES = (("partnership_map", "German–Russian partnerships on a map: hover, click, search a town, switch layers"),
         ("founding_waves", "Pairs founded per year, by era; the pairs behind each year"),
         ("conference_timeline", "The partnership conferences by year and host country"),
         ("world_map", "The world twin-city list on one map, German–Russian pairs highlighted"))

#: The world tables the world map is drawn from (built by the world step, not by this module).
WORLD_TABLES = tuple(f"{name}.csv" for name in pipeline.WORLD_TABLES)

#: The command that builds the world tables (named on the index while they are missing).
WORLD_COMMAND = "twinning world"

#: The processed tables the index links.
PROCESSED_FILES = (*(f"{name}.csv" for name in pipeline.PROCESSED_TABLES), "partnerships.gpkg", *WORLD_TABLES)


def page_files(paths: Paths) -> list[Path]:
    """The pages :func:`build_pages` writes: the world map only when the world tables exist."""
    return [paths.reports / f"{name}.html" for name, _ in PAGES if name != "world_map" or has_world(paths)]


def has_world(paths: Paths) -> bool:
    """Whether both world tables are in ``data/processed``."""
    return all((paths.processed / name).exists() for name in WORLD_TABLES)


def read_sources(paths: Paths) -> pd.DataFrame:
    """The raw ``sources.csv`` (titles and links for tooltips), every value a string."""
    return pd.read_csv(paths.raw / "sources.csv", dtype=str, keep_default_na=False)


def _not_drawn(name: str, title: str, reason: str) -> Page:
    """A page that says why ``name`` could not be drawn (instead of a missing or a fake page)."""
    return Page(name, title, "index", body=f'<p class="missing">Not drawn: {html.escape(reason)}</p>')


def build_pages(paths: Paths, *, online: bool = False) -> list[Path]:
    """Write every interactive page into ``reports/`` (together, atomically); return their paths."""
    from twinning_analysis.figures import load_tables
    from twinning_analysis.plots.webcharts import conference_timeline_page, founding_waves_page
    from twinning_analysis.plots.webmap import partnership_map_page, world_map_page

    tables = load_tables(paths)
    sources = read_sources(paths)
    makers = {
        "partnership_map": lambda: partnership_map_page(tables.pairs, places=tables.places,
                                                        boundaries=tables.boundaries, sources=sources, online=online),
        "founding_waves": lambda: founding_waves_page(tables.pairs),
        "conference_timeline": lambda: conference_timeline_page(tables.conferences, sources),
    }
    if has_world(paths):
        world = {name: pd.read_csv(paths.processed / name, dtype=str, keep_default_na=False) for name in WORLD_TABLES}
        makers["world_map"] = lambda: world_map_page(world["world_pairs.csv"], places=world["world_places.csv"],
                                                     boundaries=tables.boundaries)
    else:
        (paths.reports / "world_map.html").unlink(missing_ok=True)  # never leave a map of tables now gone
    written = []
    with OutputBatch() as batch:
        for name, _ in PAGES:
            if name not in makers:
                continue
            try:
                page = makers[name]()
            except NothingToPlotError as err:
                log.warning("%s: not drawn: %s", name, err)
                page = _not_drawn(name, name.replace("_", " "), str(err))
            written.append(page.write(paths.reports, batch))
    return written


# ---------------------------------------------------------------------------------------------
# the index


def data_date(paths: Paths) -> str:
    """The run's date: the newest ``accessed`` date in ``sources.csv`` (ISO), the day the data were last read."""
    sources = read_sources(paths)
    dates = sorted(d for d in sources.get("accessed", pd.Series(dtype=str)) if len(d) >= 10 and d[:4].isdigit())
    return dates[-1][:10] if dates else "unknown"


def data_version(paths: Paths) -> str:
    """The first 12 hex digits of a SHA-256 over every raw data file (names and bytes, in name order)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in paths.raw.rglob("*") if p.is_file() and p.suffix in (".csv", ".geojson")):
        digest.update(path.relative_to(paths.raw).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def index_inputs(paths: Paths) -> list[Path]:
    """What the index reflects: the raw data, the processed tables and every figure, notebook and page present
    (globbed, not listed from the figure and notebook modules, so that a run with nothing to do stays quick)."""
    raw = sorted(p for p in paths.raw.rglob("*") if p.is_file() and p.suffix in (".csv", ".geojson"))
    linked = [paths.processed / name for name in (*PROCESSED_FILES, "quality_report.md")]
    linked += sorted(p for p in paths.figures.glob("*") if p.suffix in (".png", ".svg", ".pdf"))
    linked += sorted(p for p in paths.reports.glob("*") if p.suffix in (".ipynb", ".html") and p.name != "index.html")
    return raw + linked


def _link(target: Path, paths: Paths, text: str) -> str:
    """A link relative to ``reports/``, or the text marked missing if the file is not there."""
    if not target.exists():
        return f'<span class="missing" title="not built yet">{html.escape(text)} (missing)</span>'
    relative = Path("..") / target.relative_to(paths.root) if target.parent != paths.reports else Path(target.name)
    return f'<a href="{html.escape(relative.as_posix())}">{html.escape(text)}</a>'


def index_page(paths: Paths) -> Page:
    """The landing page of the run (see :func:`build_index`)."""
    from twinning_analysis.figures import FIGURES, figure_files
    from twinning_analysis.notebooks import notebook_paths
    e = html.escape
    rows = []
    for name, what in PAGES:
        target = paths.reports / f"{name}.html"
        if name == "world_map" and not has_world(paths):
            cell = (f'<span class="missing">not built: the world tables {" and ".join(WORLD_TABLES)} are missing '
                    f"in data/processed; build them with <code>{e(WORLD_COMMAND)}</code>, then "
                    "<code>twinning run</code></span>")
        else:
            cell = e(what)
        rows.append(f"<tr><td>{_link(target, paths, name.replace('_', ' '))}</td><td>{cell}</td></tr>")
    figures = []
    for name in FIGURES:
        files = figure_files(paths, name)
        figures.append(f"<tr><td>{e(name.replace('_', ' '))}</td><td class=\"formats\">"
                       + " ".join(_link(f, paths, f.suffix[1:].upper()) for f in files) + "</td></tr>")
    notebooks = []
    for source in notebook_paths(paths):
        executed = paths.reports / f"{source.stem}.html"
        notebooks.append(f"<tr><td>{_link(executed, paths, source.stem)}</td><td class=\"formats\">"
                         f"{_link(paths.reports / source.name, paths, 'executed .ipynb')}</td></tr>")
    tables = [f"<tr><td>{_link(paths.processed / name, paths, name)}</td></tr>" for name in PROCESSED_FILES
              if name not in WORLD_TABLES or has_world(paths)]
    body = (
        f'<section><table><tr><th>data as of</th><td>{e(data_date(paths))} (the newest access date in '
        f"data/raw/sources.csv)</td></tr><tr><th>data version</th><td><code>{e(data_version(paths))}</code> "
        f"(SHA-256 of data/raw)</td></tr><tr><th>toolkit</th><td>twinning-analysis {e(__version__)}</td></tr>"
        "</table></section>\n"
        f"<section><h2>Interactive pages</h2><table>{''.join(rows)}</table></section>\n"
        f"<section><h2>Figures (print)</h2><table>{''.join(figures)}</table></section>\n"
        f"<section><h2>Notebooks (executed)</h2><table>{''.join(notebooks)}</table></section>\n"
        f"<section><h2>Quality report and tables</h2><table><tr><td>"
        f"{_link(paths.processed / 'quality_report.md', paths, 'quality_report.md')}</td></tr>{''.join(tables)}"
        "</table></section>\n")
    return Page("index", "twinning-analysis: this run", "index", body=body,
                intro="German–Russian town twinning: every output of the run, from the interactive pages to the "
                      "tables. Everything here works offline.")


def build_index(paths: Paths) -> Path:
    """Write ``reports/index.html`` atomically and return its path."""
    return index_page(paths).write(paths.reports)
