"""data/processed/datapackage.json: every processed table described once in code, validated by frictionless."""
from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest
from frictionless import validate

from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.datapackage import DESCRIPTOR, TABLES, SchemaError, write_tables

PROCESSED = project_paths(PROJECT_ROOT).processed


def _problems(report) -> list[tuple]:
    """(table, error type, row, field, note) of every problem frictionless found."""
    return [(task.name, error.type, getattr(error, "row_number", None), getattr(error, "field_name", None),
             error.note) for task in report.tasks for error in task.errors]


def test_the_committed_package_is_valid():
    """Types, constraints, keys, foreign keys, sizes and hashes of every table, as frictionless checks them."""
    report = validate(str(PROCESSED / DESCRIPTOR))
    assert report.valid, _problems(report)


def test_every_processed_table_is_described_with_its_columns():
    package = json.loads((PROCESSED / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(p.name for p in PROCESSED.glob("*.csv"))
    for path, resource in resources.items():
        with (PROCESSED / path).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, path
        assert all(f["description"] for f in resource["schema"]["fields"]), path
        assert resource["licenses"] and resource["sources"], path


def test_measured_fields_carry_their_units():
    units = {(t.name, f.name): f.unit for t in TABLES.values() for f in t.fields}
    assert units[("places", "lat")] == "degree north" and units[("places", "population")] == "people"
    assert units[("conferences", "participants_min")] == "people"
    assert units[("partnerships", "founded_year")] == "year (CE)"


def test_a_tampered_table_fails_validation(tmp_path):
    copy = tmp_path / "processed"
    shutil.copytree(PROCESSED, copy, ignore=shutil.ignore_patterns("*.gpkg", ".*"))
    places = (copy / "places.csv").read_text(encoding="utf-8")
    (copy / "places.csv").write_text(places.replace(",DE,", ",DE ,", 1), encoding="utf-8")
    problems = _problems(validate(str(copy / DESCRIPTOR)))
    assert {p[:4] for p in problems} == {("places", "constraint-error", 2, "country"),
                                         ("places", "hash-count", None, None), ("places", "byte-count", None, None)}


def test_a_table_with_an_undeclared_column_is_not_written(tmp_path):
    paths = Paths(tmp_path)
    frame = pd.DataFrame({column: [] for column in TABLES["conferences"].columns}).assign(extra=[])
    with pytest.raises(SchemaError, match=r"data/processed/conferences.csv: columns differ .*not declared extra"):
        with OutputBatch() as batch:
            write_tables(batch, paths, {"conferences": frame})
    assert not paths.processed.exists() or list(paths.processed.iterdir()) == []


def test_the_descriptor_lists_tables_on_disk_with_the_hash_of_their_content(tmp_path):
    paths = Paths(tmp_path)
    paths.processed.mkdir(parents=True)
    shutil.copy(PROCESSED / "places.csv", paths.processed / "places.csv")
    conferences = pd.read_csv(PROCESSED / "conferences.csv", dtype=str, keep_default_na=False)
    with OutputBatch() as batch:
        write_tables(batch, paths, {"conferences": conferences})
    package = json.loads((paths.processed / DESCRIPTOR).read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["conferences", "places"]
    assert validate(str(paths.processed / DESCRIPTOR)).valid


def test_the_citation_file_names_this_version_and_the_package_licences():
    import yaml

    import twinning_analysis

    citation = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["message"] and citation["authors"]
    assert citation["title"].startswith("twinning-analysis")
    assert str(citation["version"]) == twinning_analysis.__version__
    package = json.loads((PROCESSED / DESCRIPTOR).read_text(encoding="utf-8"))
    assert {lic["name"] for lic in package["licenses"]} <= set(citation["license"])
