"""Read the raw tables as published and refuse bad input with its file, line and column.

Every value stays a string exactly as written; a column ``line`` keeps the row's line in
its file so later steps can point at it.

>>> from twinning_analysis.config import project_paths
>>> tables = load_raw(project_paths())
>>> int(tables["partnerships"].loc[0, "line"])
2
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.errors import DataError
from twinning_analysis.schema import RAW_TABLES, TableSpec

#: Raw tables the pipeline reads, in the order they are checked.
TABLE_ORDER = ("sources", "partnerships", "conferences", "corrections", "places", "published_totals",
               "world_country_labels", "world_crosscheck")


def _decode(path: Path, spec: TableSpec, shown: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        prefix = data[line_start:err.start].decode("latin-1")
        field_index = next(csv.reader([prefix])).__len__() - 1 if prefix else 0
        column = spec.columns[field_index] if field_index < len(spec.columns) else None
        raise DataError(f"not UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8",
                        file=shown, line=line, column=column) from None
    if not text.strip():
        raise DataError("the file is empty; it needs at least the header line", file=shown, line=1)
    return text


def _check_header(header: list[str], spec: TableSpec, path: Path) -> None:
    header = [h.strip() for h in header]
    missing = [c for c in spec.columns if c not in header]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}; expected {', '.join(spec.columns)}",
                        file=path, line=1, column=missing[0])
    unknown = [h for h in header if h not in spec.columns]
    if unknown:
        raise DataError(f"unknown column {unknown[0]!r}; expected {', '.join(spec.columns)}",
                        file=path, line=1, column=unknown[0])
    if len(set(header)) != len(header):
        raise DataError("a column name appears twice", file=path, line=1)


def _check_row(row: dict[str, str], line: int, spec: TableSpec, path: Path) -> None:
    for column in spec.required:
        if not row[column].strip():
            raise DataError("required value is empty", file=path, line=line, column=column)
    for column, allowed in spec.vocab.items():
        if row[column] not in allowed:
            shown = ", ".join(a or '""' for a in allowed)
            raise DataError(f"unknown value {row[column]!r}; allowed: {shown}", file=path, line=line, column=column)


_QUOTE_HINT = "quote the whole value and double every quote inside it (\"a \"\"b\"\" c\")"


def _check_quotes(values: list[str], record: str, header: list[str], path: Path, line: int) -> None:
    """A quote inside a value that is not itself quoted (``note text"``) is a malformed line, not text.

    A properly quoted value appears in the record as ``"…"`` with its inner quotes doubled.
    """
    for column, value in zip(header, values):
        if '"' in value and f'"{value.replace(chr(34), chr(34) * 2)}"' not in record:
            raise DataError(f"a stray quote (\") in a value that is not quoted; {_QUOTE_HINT}",
                            file=path, line=line, column=column.strip())


def _quote_error(text_line: str, header: list[str], path: Path, line: int) -> DataError:
    """The error for text after the closing quote of a value (``"note" text``), located by its column."""
    column = None
    for end in range(len(text_line), 0, -1):  # the longest prefix that still parses ends before the bad value
        try:
            column = header[len(next(csv.reader([text_line[:end]], strict=True))) - 1].strip()
            break
        except (csv.Error, IndexError, StopIteration):
            continue
    return DataError(f"a stray quote (\") after the closing quote of a value; {_QUOTE_HINT}",
                     file=path, line=line, column=column)


def read_raw_table(spec: TableSpec, path: Path, shown: Path | None = None) -> pd.DataFrame:
    """Read one raw CSV, validate its shape and values, return strings plus a ``line`` column.

    ``shown`` is how messages name the file (by default its full path).
    """
    shown = shown or path
    if not path.exists():
        raise DataError("file not found", file=shown)
    text = _decode(path, spec, shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    _check_header(header, spec, shown)
    rows, lines, seen = [], [], {}
    text_lines = text.splitlines()
    line = 1
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise _quote_error(text_lines[start - 1], header, shown, start) from None
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise DataError(f"{len(values)} fields where the header has {len(header)} (a stray comma or quote?)",
                            file=shown, line=start)
        _check_quotes(values, "\n".join(text_lines[start - 1:line]), header, shown, start)
        row = {h.strip(): v.strip() for h, v in zip(header, values)}
        _check_row(row, start, spec, shown)
        if spec.key:
            key = row[spec.key]
            if key in seen:
                raise DataError(f"duplicate {spec.key} {key!r} (first on line {seen[key]})",
                                file=shown, line=start, column=spec.key)
            seen[key] = start
        rows.append(row)
        lines.append(start)
    frame = pd.DataFrame(rows, columns=list(spec.columns), dtype=object).fillna("")
    frame["line"] = lines
    frame.attrs["path"] = shown
    return frame


def load_raw(paths: Paths | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate every raw table, including that each ``source_id`` exists in sources.csv."""
    paths = paths or project_paths()
    tables = {}
    for name in TABLE_ORDER:
        path = paths.raw / RAW_TABLES[name].filename
        tables[name] = read_raw_table(RAW_TABLES[name], path, path.relative_to(paths.root))
    known = set(tables["sources"]["source_id"])
    for name in TABLE_ORDER:
        if not RAW_TABLES[name].cites_source:
            continue
        frame = tables[name]
        unknown = frame[~frame["source_id"].isin(known)]
        if len(unknown):
            row = unknown.iloc[0]
            raise DataError(f"unknown source_id {row['source_id']!r}; add it to sources.csv first",
                            file=frame.attrs["path"], line=int(row["line"]), column="source_id")
    return tables
