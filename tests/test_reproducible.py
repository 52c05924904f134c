"""The whole pipeline, run as a user runs it: byte-identical outputs on a forced rerun, quiet kernels, and a
Ctrl-C during the notebooks that prints one line and leaves the last complete outputs."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import twinning

pytestmark = pytest.mark.slow

INTERRUPTED = "twinning: interrupted; the last complete outputs are unchanged\n"


def outputs(paths) -> dict[str, bytes]:
    """Every file the steps wrote (the runner's own hidden state aside)."""
    return {str(p.relative_to(paths.root)): p.read_bytes()
            for folder in (paths.processed, paths.figures, paths.reports)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def kernel_noise(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "IPKernelApp" in line or "Traceback" in line]


def test_a_forced_rerun_gives_the_same_bytes(built_project):
    paths, first_run = built_project
    before = outputs(paths)
    assert {name.split("/")[0] for name in before} == {"data", "figures", "reports"}
    assert any(name.endswith(".gpkg") for name in before) and any(name.endswith(".html") for name in before)
    again = twinning(paths, "run", "--force")
    assert again.returncode == 0, again.stderr
    after = outputs(paths)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []
    assert kernel_noise(first_run.stderr) == [] and kernel_noise(again.stderr) == []


def test_a_run_with_nothing_to_do_skips_without_loading_the_drawing_libraries(built_project):
    """What keeps a second ``make run`` at about a second and a half: the skip check reads the state file and
    hashes files; it does not import matplotlib, seaborn or the notebook machinery to list the outputs."""
    paths, _ = built_project
    code = ("import sys; from twinning_analysis.cli import main; main(['run']); "
            "print(sorted(m for m in ('matplotlib', 'seaborn', 'nbformat', 'nbclient', 'geopandas') if m in sys.modules))")
    env = {**os.environ, "TWINNING_ROOT": str(paths.root)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.count("up to date, skipped") == 6
    assert done.stdout.splitlines()[-1] == "[]"


def test_ctrl_c_during_the_notebooks_prints_one_line(built_project):
    """As a terminal does, SIGINT goes to the whole process group, in the middle of a notebook's cells."""
    paths, _ = built_project
    before = outputs(paths)
    env = {**os.environ, "TWINNING_ROOT": str(paths.root)}
    process = subprocess.Popen([sys.executable, "-m", "twinning_analysis", "notebooks", "--force"], env=env,
                               cwd=paths.root.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    for line in process.stdout:
        if "notebook " in line:  # the first kernels are starting
            break
    time.sleep(6)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 130
    assert err == INTERRUPTED
    assert outputs(paths) == before
    assert not [p for p in paths.reports.iterdir() if p.name.startswith(".")]
