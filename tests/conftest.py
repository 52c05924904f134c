"""Shared fixtures: a throw-away copy of the project's raw data, so tests never touch the real outputs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A project root in ``tmp_path`` with a copy of ``data/raw`` and the shared geocoding cache.

    ``TWINNING_ROOT`` points at it, so the command line and the loaders work on the copy.
    """
    real = project_paths(PROJECT_ROOT)
    root = tmp_path / "project"
    shutil.copytree(real.raw, root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    real.cache.mkdir(parents=True, exist_ok=True)
    (root / ".cache").symlink_to(real.cache, target_is_directory=True)
    monkeypatch.setenv("TWINNING_ROOT", str(root))
    return Paths(root)


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
    real = project_paths(PROJECT_ROOT)
    root = tmp_path_factory.mktemp("seed") / "project"
    shutil.copytree(real.raw, root / "data" / "raw")
    keep_only_seed_records(root / "data" / "raw")
    real.cache.mkdir(parents=True, exist_ok=True)
    (root / ".cache").symlink_to(real.cache, target_is_directory=True)
    return Paths(root)


def copy_project(root: Path) -> Paths:
    """A project at ``root`` with copies of the raw data and the notebooks (outputs are built there)."""
    real = project_paths(PROJECT_ROOT)
    shutil.copytree(real.raw, root / "data" / "raw")
    shutil.copytree(real.notebooks, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    real.cache.mkdir(parents=True, exist_ok=True)
    (root / ".cache").symlink_to(real.cache, target_is_directory=True)
    return Paths(root)


def twinning(paths: Paths, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command line on the project at ``paths`` as a user would, from another folder."""
    env = {**os.environ, "TWINNING_ROOT": str(paths.root)}
    return subprocess.run([sys.executable, "-m", "twinning_analysis", *args], env=env, cwd=cwd or paths.root.parent,
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, subprocess.CompletedProcess]:
    """A copy of the project after ``twinning run`` (tables, figures, notebooks), and what that run printed."""
    paths = copy_project(tmp_path_factory.mktemp("built") / "project")
    done = twinning(paths, "run")
    assert done.returncode == 0, done.stderr
    return paths, done
