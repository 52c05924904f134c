"""Execute the notebooks offline into ``reports/``: an executed copy and an HTML export of each.

Notebooks are committed without outputs; parameters live in a cell tagged ``parameters`` and can be
overridden (``twinning notebooks --param year=2031``): a cell tagged ``injected-parameters`` after it
sets the new values, as papermill does. A failing cell stops the step with a message naming the
notebook and the cell. The same inputs give the same bytes: no timings or run dates are recorded.
Kernels write their own log to a temporary file, not to the terminal: it is shown only if a kernel dies.
Notebooks run side by side, one kernel per core (at most :data:`MAX_JOBS`).

>>> from twinning_analysis.config import project_paths
>>> [p.name for p in report_files(project_paths())][:2]  # doctest: +SKIP
['01_data_and_sources.ipynb', '01_data_and_sources.html']
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Coroutine

from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths
from twinning_analysis.errors import TwinningError
from twinning_analysis.schedule import Durations

if TYPE_CHECKING:  # nbformat is imported where notebooks are read or written: listing them stays quick
    import nbformat

#: Seconds a single cell may run before the notebook counts as broken.
CELL_TIMEOUT = 600

#: Most notebooks executed at once.
MAX_JOBS = 4

#: Id of the cell that sets the parameters of a run (fixed, so reruns give the same bytes).
INJECTED = "injected-parameters"

#: nbclient's own log: whatever it would say ends as a NotebookError (or an interrupt) with a message of ours.
_CLIENT_LOG = logging.getLogger(f"{__name__}.nbclient")
_CLIENT_LOG.setLevel(logging.CRITICAL)


class NotebookError(TwinningError):
    """A notebook cell raised, or its kernel died: names the notebook, the cell and the error."""


def notebook_paths(paths: Paths) -> list[Path]:
    """The project's notebooks in phase order (their names start with a number)."""
    return sorted(paths.notebooks.glob("[0-9]*.ipynb"))


def report_files(paths: Paths) -> list[Path]:
    """Executed copy and HTML export of every notebook, as written by :func:`execute_all`."""
    return [paths.reports / f"{nb.stem}{suffix}" for nb in notebook_paths(paths) for suffix in (".ipynb", ".html")]


def _parameters_cell(notebook: nbformat.NotebookNode) -> int | None:
    return next((i for i, cell in enumerate(notebook.cells)
                 if "parameters" in cell.get("metadata", {}).get("tags", [])), None)


def _parameter_names(notebook: nbformat.NotebookNode) -> set[str]:
    index = _parameters_cell(notebook)
    if index is None:
        return set()
    return {line.split("=")[0].strip() for line in notebook.cells[index].source.splitlines()
            if "=" in line and not line.lstrip().startswith("#")}


def inject_parameters(notebook: nbformat.NotebookNode, params: dict) -> nbformat.NotebookNode:
    """Set the parameters the notebook declares (others are ignored) in a cell after its ``parameters`` cell.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("year = 2021")])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> inject_parameters(nb, {"year": 2031, "online": False}).cells[1].source
    '# Parameters\\nyear = 2031'
    """
    import nbformat

    wanted = {name: value for name, value in params.items() if name in _parameter_names(notebook)}
    if wanted:
        cell = nbformat.v4.new_code_cell("# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in wanted.items()),
                                         metadata={"tags": [INJECTED]})
        cell.id = INJECTED
        notebook.cells.insert(_parameters_cell(notebook) + 1, cell)
    return notebook


def _failed_cell(notebook: nbformat.NotebookNode) -> tuple[int, dict]:
    """Number and error output of the cell that raised (its execution count, else its position)."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return cell.get("execution_count") or index + 1, output
    return 0, {}


def _tail(log: IO[bytes], lines: int = 3) -> str:
    log.seek(0)
    return " / ".join(log.read().decode("utf-8", "replace").strip().splitlines()[-lines:])


async def _execute(source: Path, params: dict, paths: Paths) -> nbformat.NotebookNode:
    """Run one notebook in a fresh kernel (working directory ``notebooks/``) and return the executed copy."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    import nbformat

    notebook = inject_parameters(nbformat.read(source, as_version=4), params)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(paths.notebooks)}}, log=_CLIENT_LOG)
    env = {**os.environ, "TWINNING_ROOT": str(paths.root), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    client.km = client.create_kernel_manager()
    with tempfile.TemporaryFile() as log:
        try:
            await client.async_start_new_kernel(env=env, stdout=log, stderr=log)
            await client.async_start_new_kernel_client()
            reply = await client.async_wait_for_reply(await _maybe_await(client.kc.kernel_info()))
            notebook.metadata["language_info"] = reply["content"]["language_info"]
            for index, cell in enumerate(notebook.cells):
                await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        except CellExecutionError:
            number, error = _failed_cell(notebook)
            value = (error.get("evalue") or "").splitlines()
            raise NotebookError(f"{source.name}: cell {number} raised {error.get('ename')}: "
                                f"{value[0] if value else ''}") from None
        except (CellTimeoutError, DeadKernelError) as err:
            if asyncio.current_task().cancelling():  # nbclient reports a cancelled cell (Ctrl-C) as a dead kernel
                raise asyncio.CancelledError from None
            raise NotebookError(f"{source.name}: {str(err).splitlines()[0]} (kernel log: {_tail(log)})") from None
        finally:
            await _shut_down(client)
    return notebook


async def _maybe_await(value):
    return await value if asyncio.iscoroutine(value) else value


async def _shut_down(client) -> None:
    """Stop the kernel and its channels (also when the run is cancelled by Ctrl-C)."""
    if client.kc is not None:
        client.kc.stop_channels()
    if client.km is not None and client.km.has_kernel:
        await client.km.shutdown_kernel(now=False)


def execute_notebook(source: Path, params: dict | None = None, *, paths: Paths,
                     online: bool = False) -> nbformat.NotebookNode:
    """Run one notebook, injecting only the parameters it declares; return the executed copy."""
    return _run_to_end(lambda: _execute(source, {**(params or {}), "online": online}, paths))


def _run_to_end(start: Callable[[], Coroutine]):
    """Run a coroutine to its end and return its result, also where an event loop is already running in this
    thread (inside JupyterLab, or under Playwright's sync API): there it runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(start())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(lambda: asyncio.run(start())).result()


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


def _jobs() -> int:
    return max(1, min(MAX_JOBS, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def execute_all(paths: Paths, params: dict | None = None, *, online: bool = False,
                echo: Callable[[str], None] = print, jobs: int | None = None) -> list[Path]:
    """Execute every notebook, ``jobs`` at a time (one per core by default); write ``reports/NAME.ipynb`` and
    ``reports/NAME.html`` of each atomically as it finishes. The first failure stops the others. The notebook
    that took longest last time starts first (:mod:`twinning_analysis.schedule`)."""
    import nbformat

    params = {**(params or {}), "online": online}
    notebooks = notebook_paths(paths)
    limit = asyncio.Semaphore(jobs or _jobs())
    timings = Durations(paths.cache / "durations" / "notebooks.json")
    by_name = {source.name: source for source in notebooks}
    order = [by_name[name] for name in timings.longest_first(list(by_name))]

    async def run(number: int, source: Path) -> Path:
        async with limit:
            echo(f"    notebook {number}/{len(notebooks)}: {source.name}")
            started = time.perf_counter()
            executed = await _execute(source, params, paths)
            timings.record(source.name, time.perf_counter() - started)
        target = paths.reports / source.name
        with OutputBatch() as batch:
            batch.write_with(target, lambda temp: nbformat.write(executed, temp))
            batch.write_text(paths.reports / f"{source.stem}.html", export_html(executed))
        return target

    interrupted: list[bool] = []

    async def run_all() -> list[Path]:
        loop, main = asyncio.get_running_loop(), asyncio.current_task()
        # Ctrl-C cancels every notebook (each shuts its kernel down) and then stops the step, even if a library
        # on the way swallows the cancellation; only the main thread receives signals
        handles_ctrl_c = threading.current_thread() is threading.main_thread()
        if handles_ctrl_c:
            loop.add_signal_handler(signal.SIGINT, lambda: (interrupted.append(True), main.cancel()))
        try:
            async with asyncio.TaskGroup() as group:
                tasks = {source: group.create_task(run(notebooks.index(source) + 1, source))
                         for source in order}  # the semaphore lets them in in this order
        finally:
            if handles_ctrl_c:
                loop.remove_signal_handler(signal.SIGINT)
        return [tasks[source].result() for source in notebooks]

    try:
        done = _run_to_end(run_all)
    except (asyncio.CancelledError, BaseExceptionGroup) as err:
        if interrupted:
            raise KeyboardInterrupt from None
        failed = [e for e in getattr(err, "exceptions", ()) if isinstance(e, NotebookError)]
        if failed:
            raise failed[0] from None
        raise
    if interrupted:
        raise KeyboardInterrupt
    timings.save()
    return done
