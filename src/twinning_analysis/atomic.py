"""Write outputs so that an interrupted run leaves the last good files intact.

Everything goes to a temporary file beside the target and is renamed into place only once
complete; :class:`OutputBatch` does the renames of one step together at its end.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
>>> with OutputBatch() as batch:
...     batch.write_text(target, "hello")
>>> target.read_text()
'hello'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd


def _file_mode() -> int:
    """The mode a plain new file gets under the current umask (mkstemp would make it private)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temp_beside(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(handle)
    os.chmod(name, _file_mode())
    return Path(name)


class OutputBatch:
    """Collect the outputs of one step in temporary files; move them into place only if the step succeeds."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path_for(self, target: Path) -> Path:
        """A temporary path to write ``target``'s content to (e.g. for libraries that want a filename)."""
        temp = _temp_beside(Path(target))
        self._pending.append((temp, Path(target)))
        return temp

    def write_with(self, target: Path, writer: Callable[[Path], object]) -> None:
        writer(self.path_for(target))

    def write_text(self, target: Path, text: str) -> None:
        self.path_for(target).write_text(text, encoding="utf-8")

    def write_bytes(self, target: Path, data: bytes) -> None:
        self.path_for(target).write_bytes(data)

    def write_csv(self, target: Path, frame: pd.DataFrame) -> None:
        """CSV in UTF-8 with Unix line ends and no index: the same table gives the same bytes."""
        frame.to_csv(self.path_for(target), index=False, lineterminator="\n")

    def commit(self) -> None:
        for temp, target in self._pending:
            os.replace(temp, target)
        self._pending.clear()

    def discard(self) -> None:
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> "OutputBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def write_text_atomic(target: Path, text: str) -> None:
    """Write one text file atomically."""
    with OutputBatch() as batch:
        batch.write_text(target, text)
