"""Every count a figure or the README shows names the relations it includes and agrees with the quality report."""
from __future__ import annotations

import re

import pytest

from twinning_analysis.analysis import PAIR_RELATIONS, pair_counts, relations_counted
from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.figures import founding_waves, load_tables
from twinning_analysis.plots import report_style

PATHS = project_paths(PROJECT_ROOT)


def markdown_rows(text: str, first_header: str) -> dict[str, list[str]]:
    """The rows of the Markdown table whose first header cell is ``first_header``, by their first cell."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


@pytest.fixture(scope="module")
def counts():
    return pair_counts(load_tables(PATHS).partnerships)


@pytest.fixture(scope="module")
def report_rows():
    return markdown_rows((PATHS.processed / "quality_report.md").read_text(encoding="utf-8"), "pairs counted as")


def test_the_quality_report_counts_pairs_by_relation(counts, report_rows):
    shown = {row["label"]: [row["pairs"], row["dated"], row["with_status"], row["statuses"]]
             for _, row in counts.iterrows()}
    numbers = {label: [int(re.match(r"\d+", cell).group()) for cell in cells[:3]] + [cells[3]]
               for label, cells in report_rows.items()}
    assert numbers == shown
    assert set(counts["relation"]) == {*PAIR_RELATIONS, "all"}


def test_the_founding_waves_figure_names_what_it_counts(counts):
    with report_style():
        figure = founding_waves(load_tables(PATHS))
    text = " ".join(t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")))
    total = counts.set_index("relation").loc["all"]
    assert f"{total['dated']} dated pairs" in text
    assert f"reported for {total['with_status']} of {total['pairs']} pairs:\n{total['statuses']}" in text
    assert relations_counted(load_tables(PATHS).partnerships) in re.sub(r"\s+", " ", text)
    for label in ("city, county and district partnerships", "regional partnerships", "friendships", "cooperations",
                  "declared intents"):
        assert label in re.sub(r"\s+", " ", text), label


def test_the_readme_shows_the_quality_reports_counts(report_rows):
    readme = (PATHS.root / "README.md").read_text(encoding="utf-8")
    assert markdown_rows(readme, "pairs counted as") == report_rows
