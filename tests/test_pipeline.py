"""The runner: skips unchanged steps, reruns on --force or changed input, writes atomically, reproduces."""
from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from conftest import edit_csv
from twinning_analysis import report
from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.pipeline import PROCESSED_TABLES, run_pipeline

TABLE_FILES = [f"{name}.csv" for name in PROCESSED_TABLES] + ["datapackage.json", "quality_report.md"]


def _snapshot(paths) -> dict[str, bytes]:
    return {name: (paths.processed / name).read_bytes() for name in TABLE_FILES}


def _run(paths, **kwargs) -> tuple[dict, list[str]]:
    said: list[str] = []
    done = run_pipeline(paths, steps=("tables",), echo=said.append, **kwargs)
    return done, said


def test_second_run_skips_and_force_reruns_with_identical_bytes(project_copy):
    done, said = _run(project_copy)
    assert done["tables"] != "skipped" and said[0] == "[1/1] tables: running …"
    first = _snapshot(project_copy)
    done, said = _run(project_copy)
    assert done == {"tables": "skipped"} and said == ["[1/1] tables: up to date, skipped"]
    done, _ = _run(project_copy, force=True)
    assert done["tables"] != "skipped"
    assert _snapshot(project_copy) == first


def test_a_changed_raw_file_reruns_the_step(project_copy):
    _run(project_copy)
    edit_csv(project_copy.raw / "partnerships.csv", "Partnerschaft seit 2011", "Partnerschaft seit 2012")
    done, _ = _run(project_copy)
    assert done["tables"] != "skipped"
    assert "2012" in (project_copy.processed / "partnerships.csv").read_text(encoding="utf-8")


def test_a_missing_output_reruns_the_step(project_copy):
    _run(project_copy)
    (project_copy.processed / "places.csv").unlink()
    assert _run(project_copy)[0]["tables"] != "skipped"


def test_an_interrupted_run_leaves_the_last_good_outputs(project_copy, monkeypatch):
    _run(project_copy)
    before = _snapshot(project_copy)
    edit_csv(project_copy.raw / "partnerships.csv", "Partnerschaft seit 2011", "Partnerschaft seit 2012")

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(report.QualityReport, "to_markdown", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _run(project_copy)
    assert _snapshot(project_copy) == before
    assert not [p for p in project_copy.processed.iterdir() if ".tmp" in p.name]
    monkeypatch.undo()
    assert _run(project_copy)[0]["tables"] != "skipped"


def test_committed_tables_match_a_fresh_build(project_copy):
    """data/processed/ in git is what the raw data gives: rerun `make run` after changing data/raw.

    The build is strict, as CI wants the shipped data: any warning about it (an unreadable value, a repeated
    claim) fails here until a row in corrections.csv settles it.
    """
    _run(project_copy, strict=True)
    committed = project_paths(PROJECT_ROOT)
    for name in TABLE_FILES:
        assert (project_copy.processed / name).read_bytes() == (committed.processed / name).read_bytes(), name


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from twinning_analysis.atomic import OutputBatch
with OutputBatch() as batch:
    for target in sys.argv[1:]:
        batch.write_text(Path(target), "half-written")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_next_run_removes_temporary_files_of_a_killed_run(project_copy):
    """A run killed while writing leaves .NAME.*.tmp.* files; the next run removes them, but not those of a
    run still going on."""
    _run(project_copy)
    targets = [project_copy.processed / "places.csv", project_copy.root / "figures" / "founding_waves.png",
               project_copy.root / "reports" / "01_data_and_sources.html"]
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, *map(str, targets)])
    assert killed.returncode == -signal.SIGKILL
    left = [p for t in targets for p in t.parent.glob(f".{t.stem}.*")]
    assert len(left) == 3
    legacy = project_copy.processed / ".partnerships.k2j4h6g_.tmp.csv"  # named as before this fix
    legacy.write_text("half-written", encoding="utf-8")
    running = OutputBatch()  # this process is alive: its temporary file is not stale
    live = running.path_for(project_copy.processed / "conferences.csv")
    done, said = _run(project_copy)
    assert said[0] == "removed 4 temporary files left by an interrupted run"
    assert not any(p.exists() for p in [*left, legacy])
    assert live.exists()
    running.discard()
