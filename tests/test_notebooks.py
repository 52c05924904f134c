"""Notebooks: committed without outputs, and every one executes offline, from any working directory."""
from __future__ import annotations

import asyncio
import json

import nbformat
import pytest

from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.notebooks import NotebookError, execute_all, notebook_paths

NOTEBOOKS = notebook_paths(project_paths(PROJECT_ROOT))


def test_there_is_a_notebook_per_phase():
    assert [nb.name[:2] for nb in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, \
                f"{path.name}: strip outputs (jupyter nbconvert --clear-output --inplace {path.name})"


@pytest.fixture(scope="module")
def executed(built_project):
    """Every notebook executed by `twinning run` on a copy of the project, run from another folder."""
    paths, _ = built_project
    return paths, [paths.reports / nb.name for nb in NOTEBOOKS]


def test_every_notebook_executes_with_html_export(executed):
    paths, done = executed
    assert [p.name for p in done] == [nb.name for nb in NOTEBOOKS]
    for path in done:
        assert path.with_suffix(".html").stat().st_size > 10_000


@pytest.mark.parametrize("name", [nb.name for nb in NOTEBOOKS])
def test_no_errors_or_warnings_in_outputs(executed, name):
    notebook = nbformat.read(executed[0].reports / name, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{name}: {output.get('ename')}"
            if output["output_type"] == "stream":
                assert output["name"] != "stderr", f"{name}: {output['text'][:300]}"


def test_a_broken_cell_names_notebook_and_cell(tmp_path, monkeypatch):
    paths = project_paths(tmp_path)
    paths.notebooks.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                               nbformat.v4.new_code_cell("1 / 0")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, paths.notebooks / "01_broken.ipynb")
    with pytest.raises(NotebookError, match=r"01_broken.ipynb: cell 2 raised ZeroDivisionError"):
        execute_all(paths, echo=lambda _: None)
    assert not (paths.reports / "01_broken.ipynb").exists()


def test_notebooks_run_where_an_event_loop_is_already_running(tmp_path):
    """As in a JupyterLab cell: asyncio.run() alone would refuse to start there."""
    paths = project_paths(tmp_path)
    paths.notebooks.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, paths.notebooks / "01_small.ipynb")

    async def inside_a_loop():
        return execute_all(paths, echo=lambda _: None)

    assert asyncio.run(inside_a_loop()) == [paths.reports / "01_small.ipynb"]
    executed = nbformat.read(paths.reports / "01_small.ipynb", as_version=4)
    assert executed.cells[0].outputs[0]["text"] == "42\n"
