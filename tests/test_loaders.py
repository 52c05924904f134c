"""Loaders only read: a missing table is an error naming the command that builds it, never a hidden build."""
from __future__ import annotations

import subprocess
import sys

import pytest

import twinning_analysis as ta
from twinning_analysis.errors import TwinningError


def test_a_missing_table_names_the_command_that_builds_it(project_copy):
    before = sorted(project_copy.processed.iterdir())  # the copied world tables, nothing else
    with pytest.raises(TwinningError) as err:
        ta.load_partnerships(project_copy)
    assert str(err.value) == ("data/processed/partnerships.csv not found: build it with `twinning tables` "
                              "(or `make run`; in a notebook, twinning_analysis.pipeline.refresh_tables())")
    assert sorted(project_copy.processed.iterdir()) == before  # nothing was built behind the caller's back


def test_a_missing_world_table_names_the_world_step(project_copy):
    (project_copy.processed / "world_pairs.csv").unlink()
    with pytest.raises(TwinningError, match=r"data/processed/world_pairs.csv not found: build it with "
                                            r"`twinning world`"):
        ta.load_world_pairs(project_copy)


def test_a_table_of_another_shape_asks_for_a_rebuild(project_copy):
    (project_copy.processed / "places.csv").write_text("place_id,name\nde-x,X\n", encoding="utf-8")
    with pytest.raises(TwinningError, match=r"data/processed/places.csv: columns differ from its schema .* "
                                            r"rebuild it with `twinning tables --force`"):
        ta.load_places(project_copy)


def test_the_loaders_and_the_figures_do_not_import_the_pipeline():
    """No circle pipeline → figures → datasets → pipeline: reading a table cannot start a build."""
    code = ("import sys, twinning_analysis.datasets, twinning_analysis.figures; "
            "print('twinning_analysis.pipeline' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"


def test_refresh_tables_is_the_explicit_way_to_a_fresh_build(project_copy):
    from twinning_analysis.pipeline import refresh_tables
    assert refresh_tables(project_copy, echo=lambda _: None) != "skipped"
    assert len(ta.load_partnerships(project_copy)) > 100
    assert refresh_tables(project_copy, echo=lambda _: None) == "skipped"
