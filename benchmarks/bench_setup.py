"""Setting up the environment: uv (as the Makefile does) beside plain pip, from the same pinned constraints.

Each installer builds a fresh venv in a temporary folder twice: first with an empty download cache of its own
(cold, everything comes from PyPI), then with that cache filled (warm, as on a machine that installed once).
Run: ``.venv/bin/python benchmarks/bench_setup.py`` (needs the network to PyPI; takes a few minutes).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
QUIET = ["--quiet"]
#: The Python that creates the environments, as in the Makefile (``PYTHON ?= python3``): not this script's venv,
#: which has no pip of its own.
BASE_PYTHON = shutil.which(os.environ.get("PYTHON", "python3")) or sys.executable


def _run(command: list[str], env: dict) -> None:
    """Run one installer command; its warnings are shown only if it fails (pip warns about the machine's
    find-links folders that do not exist on every package)."""
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:4])} … failed:\n{done.stderr}")


def with_uv(venv: Path, cache: Path) -> None:
    """As the Makefile: a venv without pip, uv put in by the base Python's pip, uv installs the project."""
    env = {**os.environ, "UV_CACHE_DIR": str(cache), "PIP_CACHE_DIR": str(cache / "pip")}
    _run([BASE_PYTHON, "-m", "venv", "--without-pip", str(venv)], env)
    _run([BASE_PYTHON, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", *QUIET,
          "--disable-pip-version-check", "-c", str(CONSTRAINTS), "uv"], env)
    _run([str(venv / "bin" / "uv"), "pip", "install", *QUIET, "--python", str(venv / "bin" / "python"),
          "-c", str(CONSTRAINTS), "-e", ".[test]"], env)


def with_pip(venv: Path, cache: Path) -> None:
    """The obvious alternative: a venv with pip, pip installs the project."""
    env = {**os.environ, "PIP_CACHE_DIR": str(cache)}
    _run([BASE_PYTHON, "-m", "venv", str(venv)], env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", *QUIET, "--disable-pip-version-check",
          "-c", str(CONSTRAINTS), "-e", ".[test]"], env)


def main() -> None:
    print(f"{'installer':10s} {'cold cache':>11s} {'warm cache':>11s}")
    for name, install in (("uv", with_uv), ("pip", with_pip)):
        with tempfile.TemporaryDirectory() as folder:
            cache, times = Path(folder) / "cache", []
            for run in ("cold", "warm"):
                started = time.perf_counter()
                install(Path(folder) / f"venv-{run}", cache)
                times.append(time.perf_counter() - started)
        print(f"{name:10s} {times[0]:10.1f}s {times[1]:10.1f}s", flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
