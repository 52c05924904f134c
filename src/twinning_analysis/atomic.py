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
import re
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
    """A new hidden file beside ``target``, named after it and the writing process: ``.NAME.PID-RANDOM.tmp.EXT``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.{os.getpid()}-", suffix=f".tmp{target.suffix}",
                                    dir=target.parent)
    os.close(handle)
    os.chmod(name, _file_mode())
    return Path(name)


#: A temporary output file: ``.NAME.PID-RANDOM.tmp.EXT`` (older versions wrote ``.NAME.RANDOM.tmp.EXT``).
_TEMPORARY = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp(?:\.[A-Za-z0-9]+)?$")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_temporaries(folders: list[Path]) -> list[Path]:
    """Delete the temporary outputs that a killed run left in ``folders``; return them.

    A temporary file is stale when the process that wrote it has ended; files of a run still going on stay.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".table.k2j4h6g_.tmp.csv").write_text("half-written")
    >>> [p.name for p in remove_stale_temporaries([folder])]
    ['.table.k2j4h6g_.tmp.csv']
    """
    removed = []
    for folder in folders:
        for path in sorted(folder.glob(".*.tmp*")) if folder.is_dir() else ():
            match = _TEMPORARY.match(path.name)
            if match and path.is_file() and not (match["pid"] and _running(int(match["pid"]))):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


class OutputBatch:
    """Collect the outputs of one step in temporary files; move them into place only if the step succeeds."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path_for(self, target: Path) -> Path:
        """A temporary path to write ``target``'s content to (e.g. for libraries that want a filename)."""
        temp = _temp_beside(Path(target))
        self._pending.append((temp, Path(target)))
        return temp

    def pending(self, target: Path) -> Path:
        """The temporary file that holds ``target``'s new content until the batch commits."""
        return next(temp for temp, final in reversed(self._pending) if final == Path(target))

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
