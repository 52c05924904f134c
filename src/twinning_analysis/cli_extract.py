"""``twinning extract FILE --source-id S``: candidate partnership rows from a listing in German,
English or Russian.

The rows go to ``-o FILE`` (or standard output) for a person to review and append to
``data/raw/partnerships.csv``; the lines that could not be read go to standard error.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="twinning")
>>> add_parser(parser.add_subparsers(dest="command"))
>>> parser.parse_args(["extract", "page.txt", "--source-id", "s"]).start_id
'P5001'
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from twinning_analysis.atomic import write_text_atomic
from twinning_analysis.errors import TwinningError
from twinning_analysis.extract import COLUMNS, Extraction, extract_text


def add_parser(subparsers) -> None:
    """Register the ``extract`` command on the ``twinning`` command line."""
    text = "read a partnership listing (German, English or Russian) into candidate rows of partnerships.csv"
    command = subparsers.add_parser("extract", help=text, description=text)
    command.add_argument("file", help="plain text, UTF-8 ('-' reads standard input)")
    command.add_argument("--source-id", required=True, help="the sources.csv row the text comes from")
    command.add_argument("--start-id", default="P5001", help="record_id of the first row (default P5001)")
    home = command.add_mutually_exclusive_group()
    home.add_argument("--de-city", help="the German town a list of partner towns belongs to, if no heading names it")
    home.add_argument("--ru-city", help="the Russian town a list of partner towns belongs to (a Russian town's "
                                        "list of its German partners), if no heading names it")
    command.add_argument("-o", "--output", help="write the rows to this CSV file (default: standard output)")
    command.add_argument("--force", action="store_true", help="overwrite an existing output file")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Read ``args.file``, write the candidate rows, report what was not read; return 0."""
    text, label = _read(args.file)
    result = extract_text(text, args.source_id, args.start_id, de_city=args.de_city, ru_city=args.ru_city)
    table = rows_to_csv(result.rows)
    if args.output:
        target = Path(args.output)
        if target.exists() and not args.force:
            raise TwinningError(f"{target} exists; review the candidates in a new file and append them "
                                "by hand (or pass --force)")
        write_text_atomic(target, table)
    else:
        sys.stdout.write(table)
    sys.stderr.write(report(result, label))
    return 0


def _read(name: str) -> tuple[str, str]:
    if name == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(name).read_text(encoding="utf-8-sig"), name
    except (OSError, UnicodeDecodeError) as err:
        raise TwinningError(f"cannot read {name}: {err}") from err


def rows_to_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV with the raw table's header, Unix line ends.

    >>> rows_to_csv([]).strip() == ",".join(COLUMNS)
    True
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def report(result: Extraction, label: str) -> str:
    """Lines not read (``file:line: not read (why): text``), skipped pairs and a summary line."""
    lines = [f"{label}:{p.line}: not read ({p.reason}): {p.text}" for p in result.problems]
    lines += [f"{label}:{p.line}: skipped ({p.reason})" for p in result.skipped]
    lines.append(f"twinning extract: {len(result.rows)} candidate rows, {result.flagged} flagged for review, "
                 f"{len(result.problems)} lines not read, {len(result.skipped)} pairs skipped")
    return "\n".join(lines) + "\n"
