"""Execute the notebooks offline into ``reports/``: an executed copy and an HTML export of each.

Notebooks are committed without outputs; parameters live in a cell tagged ``parameters`` and can be
overridden (``twinning notebooks --param year=2031``). A failing cell stops the step with a message
naming the notebook and the cell.

>>> from twinning_analysis.config import project_paths
>>> [p.name for p in report_files(project_paths())][:2]  # doctest: +SKIP
['01_data_and_sources.ipynb', '01_data_and_sources.html']
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import nbformat

from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths
from twinning_analysis.errors import TwinningError

#: Seconds a single cell may run before the notebook counts as broken.
CELL_TIMEOUT = 600


class NotebookError(TwinningError):
    """A notebook cell raised: names the notebook, the cell and the error."""


def notebook_paths(paths: Paths) -> list[Path]:
    """The project's notebooks in phase order (their names start with a number)."""
    return sorted(paths.notebooks.glob("[0-9]*.ipynb"))


def report_files(paths: Paths) -> list[Path]:
    """Executed copy and HTML export of every notebook, as written by :func:`execute_all`."""
    return [paths.reports / f"{nb.stem}{suffix}" for nb in notebook_paths(paths) for suffix in (".ipynb", ".html")]


def _parameter_names(notebook: nbformat.NotebookNode) -> set[str]:
    for cell in notebook.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return {line.split("=")[0].strip() for line in cell.source.splitlines()
                    if "=" in line and not line.lstrip().startswith("#")}
    return set()


def execute_notebook(source: Path, target: Path, params: dict, *, paths: Paths, online: bool = False,
                     echo=print) -> nbformat.NotebookNode:
    """Run one notebook with papermill, injecting only the parameters it declares; return the executed copy."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = nbformat.read(source, as_version=4)
    wanted = {k: v for k, v in {**params, "online": online}.items() if k in _parameter_names(notebook)}
    env_before = {k: os.environ.get(k) for k in ("TWINNING_ROOT", "MPLBACKEND")}
    os.environ.update({"TWINNING_ROOT": str(paths.root), "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    try:
        return papermill.execute_notebook(str(source), str(target), parameters=wanted, cwd=str(paths.notebooks),
                                          kernel_name="python3", progress_bar=False, log_output=False,
                                          execution_timeout=CELL_TIMEOUT,
                                          extra_arguments=["--IPKernelApp.log_level=ERROR"])
    except PapermillExecutionError as err:
        raise NotebookError(f"{source.name}: cell {err.exec_count or err.cell_index} raised "
                            f"{err.ename}: {err.evalue.splitlines()[0] if err.evalue else ''}") from None
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


#: nbconvert templates of the project: ``offline`` is JupyterLab's look without scripts from a CDN.
TEMPLATES = Path(__file__).resolve().parent / "nbconvert_templates"


def export_html(notebook: nbformat.NotebookNode) -> str:
    """The executed notebook as a standalone HTML page (code shown, outputs inline) that loads nothing from
    the network."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exporter.log.setLevel(logging.ERROR)  # figures are PNG outputs; nbconvert's note on alt text is noise here
    body, _ = exporter.from_notebook_node(notebook)
    return body


def execute_all(paths: Paths, params: dict | None = None, *, online: bool = False, echo=print) -> list[Path]:
    """Execute every notebook in order; write ``reports/NAME.ipynb`` and ``reports/NAME.html`` atomically."""
    params = params or {}
    done = []
    notebooks = notebook_paths(paths)
    for number, source in enumerate(notebooks, 1):
        echo(f"    notebook {number}/{len(notebooks)}: {source.name}")
        with OutputBatch() as batch:
            executed_path = paths.reports / source.name
            temp = batch.path_for(executed_path)
            executed = execute_notebook(source, temp, params, paths=paths, online=online, echo=echo)
            batch.write_text(paths.reports / f"{source.stem}.html", export_html(executed))
        done.append(executed_path)
    return done
