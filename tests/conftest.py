"""Shared fixtures: a throw-away copy of the project's raw data, so tests never touch the real outputs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.pipeline import WORLD_TABLES


def copy_project(root: Path, *, notebooks: bool = False, world_tables: bool = True) -> Paths:
    """A project at ``root`` with a copy of ``data/raw``, the committed world tables (the ``world`` step's
    output, which the ``tables`` step reads; rebuilding them takes ~15 s) and the shared geocoding cache."""
    real = project_paths(PROJECT_ROOT)
    shutil.copytree(real.raw, root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    for name in WORLD_TABLES if world_tables else ():
        shutil.copy2(real.processed / f"{name}.csv", root / "data" / "processed" / f"{name}.csv")
    if notebooks:
        shutil.copytree(real.notebooks, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    real.cache.mkdir(parents=True, exist_ok=True)
    (root / ".cache").symlink_to(real.cache, target_is_directory=True)
    return Paths(root)


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A project root in ``tmp_path`` made by :func:`copy_project`.

    ``TWINNING_ROOT`` points at it, so the command line and the loaders work on the copy.
    """
    paths = copy_project(tmp_path / "project")
    monkeypatch.setenv("TWINNING_ROOT", str(paths.root))
    return paths


def edit_csv(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a raw CSV of the copy (it must occur)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def keep_only_seed_records(raw: Path) -> None:
    """Reduce a copied ``data/raw`` to the claims of the two seed articles and their corrections."""
    for table in ("partnerships.csv", "conferences.csv"):
        lines = (raw / table).read_text(encoding="utf-8").splitlines(keepends=True)
        (raw / table).write_text(lines[0] + "".join(l for l in lines[1:] if ",seed-" in l), encoding="utf-8")
    kept = {l.split(",")[0] for name in ("partnerships.csv", "conferences.csv")
            for l in (raw / name).read_text(encoding="utf-8").splitlines()[1:]}
    lines = (raw / "corrections.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "corrections.csv").write_text(lines[0] + "".join(l for l in lines[1:] if l.split(",")[1] in kept),
                                         encoding="utf-8")


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A project root holding only the seed articles' records (read-only for the tests that share it)."""
    paths = copy_project(tmp_path_factory.mktemp("seed") / "project")
    keep_only_seed_records(paths.raw)
    return paths


def twinning(paths: Paths, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command line on the project at ``paths`` as a user would, from another folder."""
    env = {**os.environ, "TWINNING_ROOT": str(paths.root)}
    return subprocess.run([sys.executable, "-m", "twinning_analysis", *args], env=env, cwd=cwd or paths.root.parent,
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, subprocess.CompletedProcess]:
    """A copy of the project (raw data and notebooks only) after ``twinning run``: world list, tables, figures,
    pages, notebooks and index, and what that run printed."""
    paths = copy_project(tmp_path_factory.mktemp("built") / "project", notebooks=True, world_tables=False)
    done = twinning(paths, "run")
    assert done.returncode == 0, done.stderr
    return paths, done
