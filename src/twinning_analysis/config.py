"""Every path of the project, derived from the package location (never the working directory).

>>> from twinning_analysis.config import project_paths
>>> project_paths().raw.name
'raw'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The checkout this package lives in (``src/twinning_analysis`` → two levels up).
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable that points the library at another project root (used by tests on a copy).
ROOT_ENV = "TWINNING_ROOT"


@dataclass(frozen=True)
class Paths:
    """The folders of one project tree; all outputs of a run go below ``root``."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def boundaries(self) -> Path:
        return self.raw / "boundaries"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def state_file(self) -> Path:
        return self.processed / ".state.json"


def project_paths(root: str | os.PathLike | None = None) -> Paths:
    """Paths of the project at ``root``, else ``$TWINNING_ROOT``, else this checkout."""
    chosen = root or os.environ.get(ROOT_ENV) or PROJECT_ROOT
    return Paths(Path(chosen).resolve())
