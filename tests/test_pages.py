"""The interactive pages without a browser: shared data preparation, determinism, the world map's absence,
the landing page and the pipeline steps."""
from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.figures import load_tables
from twinning_analysis.pages import WORLD_COMMAND, build_index, build_pages, page_files
from twinning_analysis.pipeline import run_pipeline
from twinning_analysis.plots.mapdata import partnership_arcs
from twinning_analysis.plots.maps import plot_partnership_map
from twinning_analysis.plots.webmap import UNIT, partnership_map_data
from twinning_analysis.web import Page, to_json

WORLD_FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "world"


@pytest.fixture(scope="module")
def tables():
    return load_tables(project_paths(PROJECT_ROOT))


def small_project(tmp_path, *, world: bool = False) -> Paths:
    real = project_paths(PROJECT_ROOT)
    root = tmp_path / "project"
    shutil.copytree(real.raw, root / "data" / "raw")
    shutil.copytree(real.notebooks, root / "notebooks")
    (root / "data" / "processed").mkdir(parents=True)
    for name in ("partnerships.csv", "conferences.csv", "places.csv", "quality_report.md"):
        shutil.copy(real.processed / name, root / "data" / "processed" / name)
    if world:
        for name in ("world_places.csv", "world_pairs.csv"):
            shutil.copy(WORLD_FIXTURE / name, root / "data" / "processed" / name)
    return Paths(root)


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="page-data">(.*?)</script>', text, re.S)[1])


def test_static_and_interactive_maps_draw_the_same_arcs(tables):
    """One preparation, two renderers: the page's arcs are the printed map's arcs in the same projection."""
    arcs, _ = partnership_arcs(tables.pairs, tables.places)
    data = partnership_map_data(tables.pairs, places=tables.places, boundaries=tables.boundaries)
    assert [a["i"] for a in data["arcs"]] == arcs["partnership_id"].tolist()
    colours = [data["styles"][a["s"]]["color"] for a in data["arcs"]]
    assert colours == arcs["color"].tolist()
    figure = Figure(figsize=(6.5, 6))
    FigureCanvasAgg(figure)
    ax = plot_partnership_map(tables.pairs, places=tables.places, boundaries=tables.boundaries, inset=False,
                              ax=figure.subplots())
    printed = sorted(tuple(np.rint(seg[len(seg) // 2] / UNIT).astype(int)) for c in ax.collections
                     if str(c.get_gid()).startswith("arcs") for seg in c.get_segments())
    # same projection: every printed arc's middle vertex is a vertex of an interactive arc (±1 unit of rounding)
    vertices = np.concatenate([np.cumsum(np.reshape(a["p"][0], (-1, 2)), axis=0) for a in data["arcs"]])
    for point in printed[:: max(1, len(printed) // 25)]:
        assert np.min(np.abs(vertices - np.array(point)).max(axis=1)) <= 1


def test_pages_are_deterministic_and_self_contained(tmp_path):
    paths = small_project(tmp_path)
    first = {p.name: p.read_bytes() for p in build_pages(paths)}
    second = {p.name: p.read_bytes() for p in build_pages(paths)}
    assert first == second and set(first) == {"partnership_map.html", "founding_waves.html",
                                                "conference_timeline.html"}
    for name, content in first.items():
        text = content.decode()
        assert "default-src 'none'" in text
        assert not re.search(r'(src|href)="(https?:)?//', text), f"{name} loads something from elsewhere"
        assert "<script src" not in text and "<link" not in text


def test_world_map_only_with_its_tables(tmp_path, caplog):
    paths = small_project(tmp_path, world=True)
    assert (paths.reports / "world_map.html") in build_pages(paths)
    data = page_data(paths.reports / "world_map.html")
    assert len(data["arcs"]) == 11
    pacific = next(a for a in data["arcs"] if a["i"] == "wp-6")
    assert len(pacific["p"]) == 2  # Tokyo–San Francisco crosses the map's seam: drawn in two parts
    for name in ("world_places.csv", "world_pairs.csv"):
        (paths.processed / name).unlink()
    assert (paths.reports / "world_map.html") not in build_pages(paths)
    assert not (paths.reports / "world_map.html").exists()  # no stale map of tables that are gone
    index = build_index(paths).read_text(encoding="utf-8")
    assert f"<code>{WORLD_COMMAND}</code>" in index and 'href="world_map.html"' not in index


def test_index_has_date_and_version_from_the_data(tmp_path):
    paths = small_project(tmp_path)
    build_pages(paths)
    text = build_index(paths).read_text(encoding="utf-8")
    sources = pd.read_csv(paths.raw / "sources.csv", dtype=str, keep_default_na=False)
    assert max(sources["accessed"]) in text
    assert 'href="partnership_map.html"' in text and 'href="../data/processed/quality_report.md"' in text
    assert build_index(paths).read_text(encoding="utf-8") == text
    with open(paths.raw / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write('new-source,A title,Publisher,,2030,2031-01-02,de,facts,\n')
    changed = build_index(paths).read_text(encoding="utf-8")
    assert "2031-01-02" in changed and changed != text


def test_pipeline_steps_write_pages_and_index_then_skip(tmp_path):
    paths = small_project(tmp_path)
    said = []
    run_pipeline(paths, steps=("interactive", "index"), echo=said.append)
    assert all(p.exists() for p in page_files(paths)) and (paths.reports / "index.html").exists()
    said.clear()
    run_pipeline(paths, steps=("interactive", "index"), echo=said.append)
    assert said == ["[1/2] interactive: up to date, skipped", "[2/2] index: up to date, skipped"]


def test_page_in_a_notebook_and_json_escaping():
    page = Page("x", "A <title>", "bars", {"years": [], "note": "</script><b>"})
    inline = page._repr_html_()
    assert inline.startswith("<iframe") and "srcdoc=" in inline and "<script" not in inline  # escaped inside
    assert "\\u003c/script>" in page.html() and "</script><b>" not in page.html()
    assert json.loads(to_json({"a": "<"})) == {"a": "<"}
    with pytest.raises(ValueError, match="unknown kind"):
        Page("y", "Y", "pie").html()
