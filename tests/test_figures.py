"""Saving figures byte-identically and atomically, and drawing every figure from processed tables.

The project here is a tiny one in ``tmp_path`` (fixture tables of test_plots, box-shaped boundaries),
and PNGs are written at a low resolution, so the whole module takes seconds.
"""
from __future__ import annotations

import logging
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from test_plots import make_boundaries, make_conferences, make_pairs, make_places, make_venue_places

from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths
from twinning_analysis.datapackage import TABLES
from twinning_analysis.figures import (
    FIGURES, FORMATS, draw_all, figure_files, new_figure, placeholder, save_figure,
)
from twinning_analysis.plots import NothingToPlotError
from twinning_analysis.plots.maps import BOUNDARY_FILES


def sample_figure():
    """A small figure with the things that make output vary: text, hatches, a legend, clip paths."""
    figure = new_figure(3, 2)
    ax = figure.subplots()
    ax.bar([1, 2], [3, 1], hatch="//", label="bars")
    ax.plot([0, 3], [0, 3], label="line")
    ax.set_title("Zarrentin – Мурино")
    ax.legend()
    return figure


def test_figure_files_are_png_svg_pdf(tmp_path):
    paths = Paths(tmp_path)
    assert figure_files(paths, "founding_waves") == [tmp_path / "figures" / f"founding_waves.{ext}"
                                                     for ext in ("png", "svg", "pdf")]
    with pytest.raises(ValueError, match="figure name"):
        figure_files(paths, "../escape")


def test_save_figure_is_byte_identical(tmp_path):
    first = save_figure(sample_figure(), "sample", Paths(tmp_path / "a"), dpi=50)
    with mpl.rc_context({"svg.hashsalt": None}):  # a caller's settings must not matter
        second = save_figure(sample_figure(), "sample", Paths(tmp_path / "b"), dpi=50)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg, pdf = first[1].read_text(encoding="utf-8"), first[2].read_bytes()
    assert "<dc:date>" not in svg and b"/CreationDate" not in pdf
    assert not list((tmp_path / "a" / "figures").glob(".*"))  # no temporary files left behind


def test_save_figure_in_a_failed_batch_writes_nothing(tmp_path):
    paths = Paths(tmp_path)
    with pytest.raises(RuntimeError), OutputBatch() as batch:
        save_figure(sample_figure(), "sample", paths, batch=batch, dpi=50)
        raise RuntimeError("a later figure failed")
    assert not any(p.exists() for p in figure_files(paths, "sample"))
    assert not list((tmp_path / "figures").glob("*"))


# ---------------------------------------------------------------------------------------------
# the whole figures step


def write_project(root: Path, places: pd.DataFrame | None = None) -> Paths:
    """A project tree with processed tables and boundary layers made from the plot fixtures."""
    paths = Paths(root)
    paths.processed.mkdir(parents=True)
    paths.boundaries.mkdir(parents=True)
    intent = pd.DataFrame({"partnership_id": ["weimar--intent"], "de_place_id": ["de-weimar"], "ru_place_id": [""],
                           "de_name": ["Weimar"], "ru_name": [""], "relation": ["intent"], "founded": [""],
                           "founded_year": pd.array([None], dtype="Int64"), "founded_precision": [""],
                           "era": [""], "status": [""]})
    pairs = pd.concat([make_pairs(), intent]).assign(founded_text="", founded_basis="", conflict_note="", note="",
                                                    n_sources=1, conflict=False)
    if places is None:  # every venue located (Volgograd lacks coordinates in the plot fixture)
        venues = make_venue_places().assign(lat=lambda f: f["lat"].fillna(48.71), lon=lambda f: f["lon"].fillna(44.51))
        places = pd.concat([make_places(), venues]).drop_duplicates("place_id")
    places = places.assign(name=places["name_en"], kind=places["kind"].fillna("city"),
                           admin1=places["admin1"].fillna(""))
    for name, frame in (("partnerships", pairs), ("conferences", make_conferences()), ("places", places)):
        # the loaders want every declared column: those the plot fixtures leave out are empty
        frame.reindex(columns=TABLES[name].columns).to_csv(paths.processed / TABLES[name].filename, index=False)
    layers = make_boundaries()
    for key, name in BOUNDARY_FILES.items():
        getattr(layers, key).to_file(paths.boundaries / name, driver="GeoJSON")
    return paths


def test_draw_all_writes_every_figure_identically_twice(tmp_path, caplog):
    paths = write_project(tmp_path / "project")
    with caplog.at_level(logging.WARNING, logger="twinning_analysis.figures"):
        written = draw_all(paths, dpi=30)
    assert written == [p for name in FIGURES for p in figure_files(paths, name)]
    assert len(written) == len(FIGURES) * len(FORMATS) and all(p.stat().st_size > 0 for p in written)
    assert "pairs without a founding year" in caplog.text  # left-out rows are logged, not hidden
    first = {p: p.read_bytes() for p in written}
    draw_all(paths, dpi=30)
    changed = [p.name for p in written if p.read_bytes() != first[p]]
    assert changed == []


def test_draw_all_without_coordinates_draws_a_page_that_says_why(tmp_path, caplog):
    places = pd.concat([make_places(), make_venue_places()]).drop_duplicates("place_id").assign(lat=np.nan)
    paths = write_project(tmp_path / "project", places=places)
    names = ("partnership_map", "founding_waves")
    with caplog.at_level(logging.WARNING, logger="twinning_analysis.figures"):
        written = draw_all(paths, names=names, dpi=30)
    assert len(written) == 6
    assert "partnership_map: not drawn: partnership map: no pair has coordinates" in caplog.text
    before = {p: p.stat().st_mtime_ns for p in written}
    with pytest.raises(NothingToPlotError):
        draw_all(paths, names=names, dpi=30, strict=True)
    assert {p: p.stat().st_mtime_ns for p in written} == before  # a failed run replaces no file


def test_placeholder_says_which_figure_and_why():
    figure = placeholder("partnership_map", "no pair has coordinates for both places")
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["Figure “partnership_map” not drawn", "no pair has coordinates for both places"]
