"""Longest job first: the figures and notebooks steps run two jobs at a time, and a step whose longest job
starts last ends with that job running alone. The seconds each job took on the last run (kept in ``.cache/``,
not an output) order the next run; a job never timed goes first, in the given order.

>>> import tempfile
>>> from pathlib import Path
>>> timings = Durations(Path(tempfile.mkdtemp()) / "figures.json")
>>> timings.record("map", 8.1); timings.record("chart", 1.4); timings.save()
>>> Durations(timings.file).longest_first(["chart", "map", "new"])
['new', 'map', 'chart']
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from twinning_analysis.atomic import write_text_atomic


class Durations:
    """Seconds per job name, read from and saved to ``file`` (JSON); an unreadable file counts as empty."""

    def __init__(self, file: Path):
        self.file = file
        try:
            seconds = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            seconds = {}
        if not isinstance(seconds, dict):
            seconds = {}
        self.seconds = {k: float(v) for k, v in seconds.items() if isinstance(v, (int, float))}

    def longest_first(self, names: list[str]) -> list[str]:
        """``names`` ordered by their last duration, longest first; names never timed first of all."""
        return sorted(names, key=lambda name: -self.seconds.get(name, math.inf))

    def record(self, name: str, seconds: float) -> None:
        self.seconds[name] = round(seconds, 2)

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.file, json.dumps(self.seconds, indent=1, sort_keys=True) + "\n")
