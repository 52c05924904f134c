"""The steps from raw data to tables, figures, interactive pages, notebooks and the landing page, and the runner
that skips unchanged ones.

Each step is a plain function of its input files. The runner hashes those files (and the
library's own code); a step whose hash matches the last successful run and whose outputs all
exist is skipped. Outputs are written atomically, so a failed or interrupted step leaves the
previous outputs as they were.

>>> [step.name for step in STEPS]
['world', 'tables', 'figures', 'interactive', 'notebooks', 'index']
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from twinning_analysis.atomic import OutputBatch, write_text_atomic
from twinning_analysis.config import Paths
from twinning_analysis.schema import RAW_TABLES
from twinning_analysis.sources import TABLE_ORDER

PACKAGE_DIR = Path(__file__).resolve().parent

#: The processed tables, by name, as written by the ``tables`` step.
PROCESSED_TABLES = ("partnerships", "conferences", "places", "world_crosscheck")
#: The processed tables of the world list, as written by the ``world`` step (the tables step reads them).
WORLD_TABLES = ("world_places", "world_pairs")


@dataclass(frozen=True)
class Options:
    """What a run may do: ``online`` lets geocoding ask Nominatim; ``params`` go to the notebooks."""

    online: bool = False
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Step:
    """A named step: which files it reads, which it writes, and the function that does it."""

    name: str
    inputs: Callable[[Paths], list[Path]]
    outputs: Callable[[Paths], list[Path]]
    run: Callable[[Paths, Options], str]


# ---------------------------------------------------------------------------------------------
# world list


def _world_inputs(paths: Paths) -> list[Path]:
    return [paths.raw / "world" / name for name in ("twin_cities_raw.csv", "country_labels.csv")] + \
        [paths.raw / name for name in ("corrections.csv", "places.csv")] + [paths.boundaries / "admin1_de_ru.geojson"]


def _world_outputs(paths: Paths) -> list[Path]:
    return [paths.processed / f"{name}.csv" for name in WORLD_TABLES]


def build_world(paths: Paths, options: Options = Options()) -> str:
    """The world list → ``world_places`` and ``world_pairs``, geocoded offline (never online: the list
    has 17,820 places, and Nominatim allows one request a second)."""
    from twinning_analysis.world import build_world_tables

    places, pairs = build_world_tables(paths)
    with OutputBatch() as batch:
        batch.write_csv(paths.processed / "world_places.csv", places)
        batch.write_csv(paths.processed / "world_pairs.csv", pairs)
    located = int((places["geocode_method"] != "unresolved").sum())
    return (f"{len(pairs):,} pairs between {len(places):,} places; {located:,} places located "
            f"({100 * located / len(places):.1f} %)")


# ---------------------------------------------------------------------------------------------
# tables


def _raw_inputs(paths: Paths) -> list[Path]:
    return ([paths.raw / RAW_TABLES[name].filename for name in TABLE_ORDER] + [paths.boundaries / "admin1_de_ru.geojson"]
            + _world_outputs(paths))


def _table_outputs(paths: Paths) -> list[Path]:
    return ([paths.processed / f"{name}.csv" for name in PROCESSED_TABLES]
            + [paths.processed / "partnerships.gpkg", paths.processed / "quality_report.md"])


def build_tables(paths: Paths, options: Options = Options()) -> str:
    """Raw claims → tidy partnerships, conferences and places, the pair lines and the quality report."""
    from twinning_analysis.clean import collect_places, merge_conferences, merge_partnerships, read_claims, \
        unify_places
    from twinning_analysis.geocode import geocode_places
    from twinning_analysis.geometry import partnership_lines
    from twinning_analysis.report import QualityReport, WorldSection
    from twinning_analysis.sources import load_raw
    from twinning_analysis.world.crosscheck import crosscheck

    tables = load_raw(paths)
    world = WorldSection.read(paths, tables)
    claims = read_claims(tables)
    geocoded = geocode_places(collect_places(claims), paths=paths, online=options.online)
    places, id_map = unify_places(geocoded.places)
    partnerships = merge_partnerships(claims, places, id_map)
    conferences = merge_conferences(claims, id_map)
    world.crosscheck = crosscheck(partnerships, places, world.pairs, world.places, tables["world_crosscheck"])
    report = QualityReport(claims, {name: len(tables[name]) for name in TABLE_ORDER},
                           partnerships, conferences, places, [dict(i) for i in geocoded.issues],
                           tables["published_totals"], world)
    with OutputBatch() as batch:
        batch.write_csv(paths.processed / "partnerships.csv", partnerships)
        batch.write_csv(paths.processed / "conferences.csv", conferences)
        batch.write_csv(paths.processed / "places.csv", places)
        batch.write_csv(paths.processed / "world_crosscheck.csv", world.crosscheck)
        batch.write_with(paths.processed / "partnerships.gpkg",
                         lambda p: partnership_lines(partnerships, places).to_file(
                             p, driver="GPKG", layer="partnerships"))
        batch.write_text(paths.processed / "quality_report.md", report.to_markdown())
    return (f"{sum(len(t) for t in tables.values())} raw rows → {len(partnerships)} pairs, "
            f"{len(conferences)} conferences, {len(places)} places; {len(claims.corrections)} corrections, "
            f"{len(claims.flags)} flags")


# ---------------------------------------------------------------------------------------------
# figures and notebooks


def _figure_inputs(paths: Paths) -> list[Path]:
    return ([paths.processed / f"{name}.csv" for name in PROCESSED_TABLES + WORLD_TABLES]
            + sorted(paths.boundaries.glob("*.geojson")) + sorted((paths.boundaries / "world").glob("*.json")))


def _figure_outputs(paths: Paths) -> list[Path]:
    from twinning_analysis.figures import FIGURES, figure_files
    return [f for name in FIGURES for f in figure_files(paths, name)]


def draw_figures(paths: Paths, options: Options = Options()) -> str:
    from twinning_analysis.figures import draw_all
    written = draw_all(paths)
    return f"{len(written)} figures"


def _notebook_inputs(paths: Paths) -> list[Path]:
    return _figure_inputs(paths) + sorted(paths.notebooks.glob("*.ipynb"))


def _notebook_outputs(paths: Paths) -> list[Path]:
    from twinning_analysis.notebooks import report_files
    return report_files(paths)


def run_notebooks(paths: Paths, options: Options = Options()) -> str:
    from twinning_analysis.notebooks import execute_all
    done = execute_all(paths, dict(options.params), online=options.online)
    return f"{len(done)} notebooks executed"


def _page_inputs(paths: Paths) -> list[Path]:
    from twinning_analysis.plots.basemap import WORLD_BOUNDARIES
    return (_figure_inputs(paths) + [paths.raw / "sources.csv", paths.boundaries / WORLD_BOUNDARIES]
            + _world_outputs(paths))


def _page_outputs(paths: Paths) -> list[Path]:
    from twinning_analysis.pages import page_files
    return page_files(paths)


def write_pages(paths: Paths, options: Options = Options()) -> str:
    from twinning_analysis.pages import build_pages
    written = build_pages(paths, online=options.online)
    return f"{len(written)} interactive pages" + (" (with web tiles)" if options.online else "")


def _index_inputs(paths: Paths) -> list[Path]:
    from twinning_analysis.pages import index_inputs
    return index_inputs(paths)


def _index_outputs(paths: Paths) -> list[Path]:
    return [paths.reports / "index.html"]


def write_index(paths: Paths, options: Options = Options()) -> str:
    from twinning_analysis.pages import build_index
    return f"landing page {build_index(paths).relative_to(paths.root)}"


STEPS = (
    Step("world", _world_inputs, _world_outputs, build_world),
    Step("tables", _raw_inputs, _table_outputs, build_tables),
    Step("figures", _figure_inputs, _figure_outputs, draw_figures),
    Step("interactive", _page_inputs, _page_outputs, write_pages),
    Step("notebooks", _notebook_inputs, _notebook_outputs, run_notebooks),
    Step("index", _index_inputs, _index_outputs, write_index),
)


# ---------------------------------------------------------------------------------------------
# runner


def code_digest() -> str:
    """Hash of the library's source, so that a change of code reruns the steps it could affect."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def step_digest(step: Step, paths: Paths, options: Options, code: str) -> str:
    """Hash of everything a step's outputs depend on: its input files, the code, the options."""
    digest = hashlib.sha256(f"{step.name}\0{code}\0{options!r}".encode())
    for path in step.inputs(paths):
        digest.update(str(path.relative_to(paths.root)).encode())
        digest.update(path.read_bytes() if path.exists() else b"\0missing")
    return digest.hexdigest()


def _load_state(paths: Paths) -> dict:
    try:
        return json.loads(paths.state_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def run_pipeline(paths: Paths, *, steps: tuple[str, ...] | None = None, force: bool = False,
                 options: Options = Options(), echo: Callable[[str], None] = print) -> dict[str, str]:
    """Run the named steps (all by default) in order; return what each step did ("skipped" or a summary).

    Raises whatever a step raises (a :class:`~twinning_analysis.errors.DataError` on bad input); the
    outputs of that step and of later ones are left as they were.
    """
    selected = [s for s in STEPS if steps is None or s.name in steps]
    state, code, done = _load_state(paths), code_digest(), {}
    for number, step in enumerate(selected, 1):
        prefix = f"[{number}/{len(selected)}] {step.name}"
        digest = step_digest(step, paths, options, code)
        if not force and state.get(step.name) == digest and all(p.exists() for p in step.outputs(paths)):
            echo(f"{prefix}: up to date, skipped")
            done[step.name] = "skipped"
            continue
        echo(f"{prefix}: running …")
        started = time.perf_counter()
        summary = step.run(paths, options)
        echo(f"{prefix}: {summary} ({time.perf_counter() - started:.1f} s)")
        state[step.name] = digest
        write_text_atomic(paths.state_file, json.dumps(state, indent=2, sort_keys=True) + "\n")
        done[step.name] = summary
    return done
