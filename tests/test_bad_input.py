"""Every kind of bad raw input gives one clear line naming file, line and column, exit code 1,
and leaves the previous processed outputs untouched."""
from __future__ import annotations

import pytest

from conftest import edit_csv
from twinning_analysis.cli import main
from twinning_analysis.errors import DataError
from twinning_analysis.sources import load_raw
from twinning_analysis.clean import read_claims

PARTNERS = "partnerships.csv"


def _latin1(paths):
    path = paths.raw / PARTNERS
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def _empty(paths):
    (paths.raw / "conferences.csv").write_text("", encoding="utf-8")


CASES = {
    "missing column": (lambda p: edit_csv(p.raw / PARTNERS, ",founded_basis,", ","),
                       "partnerships.csv:1: column founded_basis: missing column"),
    "unknown source_id": (lambda p: edit_csv(p.raw / PARTNERS, ",,seed-jubilaeum-2021,Jubilee list 2021: 10 years.",
                                             ",,no-such-source,Jubilee list 2021: 10 years."),
                          "partnerships.csv:2: column source_id: unknown source_id 'no-such-source'"),
    "duplicate record_id": (lambda p: edit_csv(p.raw / PARTNERS, "P0002,", "P0001,"),
                            "partnerships.csv:3: column record_id: duplicate record_id 'P0001' (first on line 2)"),
    "latin-1 file": (_latin1, "partnerships.csv:2: column de_name: not UTF-8 (byte 0xfc)"),
    "empty file": (_empty, "conferences.csv:1: the file is empty"),
    "impossible date": (lambda p: edit_csv(p.raw / PARTNERS, "26. September 2001", "31. September 2001"),
                        "data/raw/partnerships.csv:4: column founded_text: Partnerschaft seit 31. September 2001: September has 30 days"),
    "unknown relation": (lambda p: edit_csv(p.raw / PARTNERS, "Zarrentin,Murino,partnership",
                                            "Zarrentin,Murino,twinning"),
                         "partnerships.csv:3: column relation: unknown value 'twinning'"),
    "stray comma": (lambda p: edit_csv(p.raw / PARTNERS, "Zarrentin,Murino", "Zarrentin,,Murino"),
                    "partnerships.csv:3: 11 fields where the header has 10"),
    "stale correction": (lambda p: edit_csv(p.raw / "conferences.csv", "vom 28. Juni bis 31. Juni 2021",
                                            "vom 28. Juni bis 29. Juni 2021"),
                         "corrections.csv:2: column raw_value: stale correction"),
    "pair without a partner": (lambda p: edit_csv(p.raw / PARTNERS, "Zarrentin,Murino", "Zarrentin,"),
                               "partnerships.csv:3: column ru_name: a pair needs both"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_file_line_column(project_copy, case):
    spoil, expected = CASES[case]
    spoil(project_copy)
    with pytest.raises(DataError) as err:
        read_claims(load_raw(project_copy))
    assert expected in str(err.value)


def test_the_seed_impossible_date_needs_its_correction(project_copy):
    corrections = project_copy.raw / "corrections.csv"
    lines = corrections.read_text(encoding="utf-8").splitlines(keepends=True)
    corrections.write_text("".join(line for line in lines if "31. Juni" not in line), encoding="utf-8")
    with pytest.raises(DataError, match=r"conferences.csv:12: column dates_text: .*June has 30 days"):
        read_claims(load_raw(project_copy))


@pytest.mark.parametrize("case", sorted(CASES))
def test_command_line_exits_1_and_keeps_previous_outputs(project_copy, capsys, case):
    outputs = {name: project_copy.processed / name for name in ("partnerships.csv", "quality_report.md")}
    for path in outputs.values():
        path.write_text(f"previous good {path.name}\n", encoding="utf-8")
    CASES[case][0](project_copy)
    assert main(["tables"]) == 1
    message = capsys.readouterr().err.strip()
    assert message.startswith("twinning: error: ") and "\n" not in message
    assert CASES[case][1] in message
    for path in outputs.values():
        assert path.read_text(encoding="utf-8") == f"previous good {path.name}\n"
