"""Shared fixtures: a throw-away copy of the project's raw data, so tests never touch the real outputs."""
from __future__ import annotations

import shutil
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
