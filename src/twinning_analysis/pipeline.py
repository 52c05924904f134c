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
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from twinning_analysis.atomic import OutputBatch, remove_stale_temporaries, write_text_atomic
from twinning_analysis.config import Paths
from twinning_analysis.errors import DataError, DataWarning
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
    return [paths.processed / f"{name}.csv" for name in WORLD_TABLES] + [paths.processed / "datapackage.json"]


def build_world(paths: Paths, options: Options = Options()) -> str:
    """The world list → ``world_places`` and ``world_pairs``, geocoded offline (never online: the list
    has 17,820 places, and Nominatim allows one request a second)."""
    from twinning_analysis.datapackage import write_tables
    from twinning_analysis.world import build_world_tables

    places, pairs = build_world_tables(paths)
    with OutputBatch() as batch:
        write_tables(batch, paths, {"world_places": places, "world_pairs": pairs})
    located = int((places["geocode_method"] != "unresolved").sum())
    return (f"{len(pairs):,} pairs between {len(places):,} places; {located:,} places located "
            f"({100 * located / len(places):.1f} %)")


# ---------------------------------------------------------------------------------------------
# tables


def _raw_inputs(paths: Paths) -> list[Path]:
    return ([paths.raw / RAW_TABLES[name].filename for name in TABLE_ORDER] + [paths.boundaries / "admin1_de_ru.geojson"]
            + [paths.processed / f"{name}.csv" for name in WORLD_TABLES])


def _table_outputs(paths: Paths) -> list[Path]:
    return ([paths.processed / f"{name}.csv" for name in PROCESSED_TABLES]
            + [paths.processed / name for name in ("datapackage.json", "partnerships.gpkg", "quality_report.md")])


def build_tables(paths: Paths, options: Options = Options()) -> str:
    """Raw claims → tidy partnerships, conferences and places, the pair lines and the quality report."""
    from twinning_analysis.clean import collect_places, merge_conferences, merge_partnerships, read_claims, \
        unify_places
    from twinning_analysis.datapackage import write_tables
    from twinning_analysis.geocode import geocode_places
    from twinning_analysis.geometry import partnership_lines, write_geopackage
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
        write_tables(batch, paths, {"partnerships": partnerships, "conferences": conferences, "places": places,
                                    "world_crosscheck": world.crosscheck})
        batch.write_with(paths.processed / "partnerships.gpkg",
                         lambda p: write_geopackage(partnership_lines(partnerships, places), p, layer="partnerships",
                                                    as_of=max(tables["sources"]["accessed"])))
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


def say(text: str) -> None:
    """Print one progress line at once, also into a pipe or a log file (``twinning run | tee run.log``)."""
    print(text, flush=True)


def run_notebooks(paths: Paths, options: Options = Options()) -> str:
    from twinning_analysis.notebooks import execute_all
    done = execute_all(paths, dict(options.params), online=options.online, echo=say)
    return f"{len(done)} notebooks executed"


def _page_inputs(paths: Paths) -> list[Path]:
    return _figure_inputs(paths) + [paths.raw / "sources.csv"] + _world_outputs(paths)  # world boundaries too


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


def _load_state(paths: Paths) -> dict[str, dict]:
    """Per step: the digest of its last successful run and the warnings that run gave."""
    try:
        state = json.loads(paths.state_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {name: entry for name, entry in state.items() if isinstance(entry, dict)}


def _run_step(step: Step, paths: Paths, options: Options, strict: bool) -> tuple[str, list[str]]:
    """Run one step; return its summary and the :class:`DataWarning` messages it gave (raised when ``strict``)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error" if strict else "always", DataWarning)
        summary = step.run(paths, options)
    told = []
    for warning in caught:
        if issubclass(warning.category, DataWarning):
            told.append(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return summary, list(dict.fromkeys(told))


def print_warning(message: str) -> None:
    """Tell a data warning on stderr, as the command line does: ``twinning: warning: FILE:LINE: column C: …``."""
    print(f"twinning: warning: {message}", file=sys.stderr)


def _last_outputs(step: Step, paths: Paths, last: dict) -> list[Path]:
    """The outputs the step wrote on its last run, as the state file recorded them (the same code wrote them, or
    the digest would differ), so that checking them does not import the plotting and notebook libraries."""
    if "outputs" in last:
        return [paths.root / name for name in last["outputs"]]
    return step.outputs(paths)


def run_pipeline(paths: Paths, *, steps: tuple[str, ...] | None = None, force: bool = False,
                 options: Options = Options(), strict: bool = False, echo: Callable[[str], None] = say,
                 warn: Callable[[str], None] = print_warning) -> dict[str, str]:
    """Run the named steps (all by default) in order; return what each step did ("skipped" or a summary).

    Suspect input (a :class:`~twinning_analysis.errors.DataWarning`: an unreadable value, a repeated claim)
    is told through ``warn``, also when the step is skipped as up to date; ``strict`` makes it an error.
    Raises whatever a step raises (a :class:`~twinning_analysis.errors.DataError` on bad input); the
    outputs of that step and of later ones are left as they were.
    """
    selected = [s for s in STEPS if steps is None or s.name in steps]
    removed = remove_stale_temporaries([paths.processed, paths.figures, paths.reports])
    if removed:
        echo(f"removed {len(removed)} temporary file{'s' if len(removed) > 1 else ''} left by an interrupted run")
    state, code, done = _load_state(paths), code_digest(), {}
    for number, step in enumerate(selected, 1):
        prefix = f"[{number}/{len(selected)}] {step.name}"
        digest = step_digest(step, paths, options, code)
        last = state.get(step.name, {})
        if not force and last.get("digest") == digest and all(p.exists() for p in _last_outputs(step, paths, last)):
            told = last.get("warnings", [])
            if strict and told:
                raise DataError(told[0])
            echo(f"{prefix}: up to date, skipped" + _count_warnings(told))
            for message in told:
                warn(message)
            done[step.name] = "skipped"
            continue
        echo(f"{prefix}: running …")
        started = time.perf_counter()
        summary, told = _run_step(step, paths, options, strict)
        echo(f"{prefix}: {summary} ({time.perf_counter() - started:.1f} s)" + _count_warnings(told))
        for message in told:
            warn(message)
        state[step.name] = {"digest": digest, "warnings": told,
                            "outputs": sorted(str(p.relative_to(paths.root)) for p in step.outputs(paths))}
        write_text_atomic(paths.state_file, json.dumps(state, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        done[step.name] = summary
    return done


def refresh_tables(paths: Paths | None = None, *, force: bool = False, echo: Callable[[str], None] = say) -> str:
    """Build the processed tables unless they are up to date (the ``world`` and ``tables`` steps); return
    what the tables step did.

    The loaders only read; a notebook that wants tables built from the current raw data calls this first.
    """
    from twinning_analysis.config import project_paths
    return run_pipeline(paths or project_paths(), steps=("world", "tables"), force=force, echo=echo)["tables"]


def _count_warnings(told: list[str]) -> str:
    return f"; {len(told)} warning{'s' if len(told) > 1 else ''} (flagged in the quality report)" if told else ""
