"""Every kind of bad raw input gives one clear line naming file, line and column, exit code 1,
and leaves the previous processed outputs untouched."""
from __future__ import annotations

import pytest

from conftest import edit_csv
import twinning_analysis as ta
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


# ---------------------------------------------------------------------------------------------
# rows that used to pass silently: a stray quote stops the run; a repeated claim and an unreadable value
# warn on stderr with file, line and column, are flagged in the quality report, and stop a --strict run

def test_a_stray_quote_at_the_end_of_a_line_is_a_malformed_line(project_copy, capsys):
    edit_csv(project_copy.raw / PARTNERS, "Jubilee list 2021: 10 years.\nP0003", 'Jubilee list 2021: 10 years."\nP0003')
    assert main(["tables"]) == 1
    message = capsys.readouterr().err.strip()
    assert message.startswith("twinning: error: data/raw/partnerships.csv:3: column note: a stray quote")
    assert "\n" not in message


def test_a_quote_after_a_closing_quote_is_a_malformed_line(project_copy):
    edit_csv(project_copy.raw / PARTNERS, '""sei"" for ""seit""."', '""sei"" for ""seit""." x')
    with pytest.raises(DataError, match=r"partnerships.csv:14: column note: a stray quote"):
        load_raw(project_copy)


def _repeat_claim(paths):
    """P0002 again, word for word, under a new record_id at the end of the file."""
    path = paths.raw / PARTNERS
    line = next(l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("P0002,"))
    with path.open("a", encoding="utf-8") as out:
        out.write(line.replace("P0002,", "P9999,", 1) + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def _unreadable_date(paths):
    """Witten–Kursk's in-force date garbled: the founding date falls back to the other claim (signed 1990)."""
    edit_csv(paths.raw / PARTNERS, "Partnerschaft seit 9. März 1991", "seit 32.13.20x1")
    return 16


WARNED = {
    "repeated claim": (_repeat_claim, "column record_id: repeats P0002 (line 3) of the same source; not used"),
    "unreadable date": (_unreadable_date, "column founded_text: cannot read a date in 'seit 32.13.20x1'"),
}


@pytest.mark.parametrize("case", sorted(WARNED))
def test_suspect_rows_warn_on_stderr_and_are_flagged(project_copy, capsys, case):
    spoil, expected = WARNED[case]
    line = spoil(project_copy)
    assert main(["tables"]) == 0
    err = capsys.readouterr().err
    warnings = [l for l in err.splitlines() if expected in l]
    assert len(warnings) == 1, err
    assert warnings[0].startswith(f"twinning: warning: data/raw/partnerships.csv:{line}: {expected}")
    report = (project_copy.processed / "quality_report.md").read_text(encoding="utf-8")
    assert f"(line {line})" in report


@pytest.mark.parametrize("case", sorted(WARNED))
def test_strict_turns_warnings_into_errors(project_copy, capsys, case):
    spoil, expected = WARNED[case]
    line = spoil(project_copy)
    (project_copy.processed / "partnerships.csv").write_text("previous good\n", encoding="utf-8")
    assert main(["tables", "--strict"]) == 1
    message = capsys.readouterr().err.strip()
    assert message.startswith(f"twinning: error: data/raw/partnerships.csv:{line}: {expected}")
    assert "\n" not in message
    assert (project_copy.processed / "partnerships.csv").read_text(encoding="utf-8") == "previous good\n"


def test_strict_fails_on_warnings_of_a_skipped_step(project_copy, capsys):
    """The warnings of an up-to-date step are told again, and --strict fails on them without rerunning."""
    _unreadable_date(project_copy)
    assert main(["tables"]) == 0
    capsys.readouterr()
    assert main(["tables"]) == 0
    assert "twinning: warning: data/raw/partnerships.csv:16: column founded_text" in capsys.readouterr().err
    assert main(["tables", "--strict"]) == 1
    assert "twinning: error: data/raw/partnerships.csv:16: column founded_text" in capsys.readouterr().err


def test_a_repeated_claim_is_not_merged_as_a_second_claim(project_copy):
    _repeat_claim(project_copy)
    main(["tables"])
    pairs = ta.load_partnerships(project_copy)
    record_ids = pairs.loc[pairs["record_ids"].str.contains("P0002"), "record_ids"].item().split(";")
    assert "P0002" in record_ids and "P9999" not in record_ids
