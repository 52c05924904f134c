"""The world list of twin towns as published, and its place names read into name, kind and parent.

``data/raw/world/twin_cities_raw.csv`` has the columns ``city1,country1,city2,country2``: one row a pair
as Wikipedia's "List of twin towns and sister cities" pages give it. The file is never edited; a row
that is not four fields stops the run with its line.

Names carry qualifiers in English, which :func:`parse_listed_name` reads:

>>> parse_listed_name("Rems-Murr (district)")
ListedName(name='Rems-Murr', kind='district', parent='', bracket='', region='', marker='(district)')
>>> parse_listed_name("Berlin – Mitte")
ListedName(name='Mitte', kind='city_district', parent='Berlin', bracket='', region='', marker='–')
>>> parse_listed_name("Central AO (Moscow)")
ListedName(name='Central AO', kind='city', parent='', bracket='Moscow', region='', marker='')
>>> parse_listed_name("Kaliningrad Oblast").kind, parse_listed_name("Limanowa (rural gmina)").kind
('region', 'municipality')
>>> parse_listed_name("Bayside, New South Wales").region
'New South Wales'

A bracket that is not a type word ("(Moscow)", "(Saale)") is kept in ``bracket``: whether it names the
parent city or is part of the name is for the geocoder to tell (see :mod:`~twinning_analysis.world.places`).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.corrections import apply_corrections
from twinning_analysis.errors import DataError
from twinning_analysis.schema import RAW_TABLES
from twinning_analysis.sources import read_raw_table

LIST_FILE = Path("world") / "twin_cities_raw.csv"
LIST_COLUMNS = ("city1", "country1", "city2", "country2")

#: Kinds of place in the world tables, from the smallest unit up. ``country`` is a territory listed as a
#: partner in its own right ("Falkland Islands").
WORLD_KINDS = ("city", "city_district", "municipality", "district", "region", "country")

# Type words, after the name or in brackets, with the kind they mark (case-insensitive).
_SUFFIX_KINDS = {
    "district": "district", "county": "district", "raion": "district", "district municipality": "district",
    "municipality": "municipality", "township": "municipality", "parish": "municipality",
    "province": "region", "region": "region", "prefecture": "region", "oblast": "region",
    "voivodeship": "region", "state": "region", "governorate": "region", "krai": "region",
}
_BRACKET_KINDS = {
    "district": "district", "local government district": "district", "county": "district",
    "rural gmina": "municipality", "urban-rural gmina": "municipality", "gmina": "municipality",
    "communauté": "municipality", "intercommunality": "municipality", "municipality": "municipality",
    "microregion": "region", "state": "region", "region": "region", "province": "region",
}
_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?P<word>" + "|".join(sorted(_SUFFIX_KINDS, key=len, reverse=True))
                     + r")$", re.IGNORECASE)
_BRACKET = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)$")
_DASH = re.compile(r"^(?P<parent>.+?)\s+[–—-]\s+(?P<name>.+)$")
#: Numbered parts of a city ("Budapest VII", "Vienna 9", "Prague 18") name the city before the number.
_NUMBERED = re.compile(r"^(?P<city>.+?)\s+(?:[IVXLC]+|\d+)\.?$")


class ListedName(NamedTuple):
    """A place name of the world list read into its parts (``marker`` is the text that set the kind)."""

    name: str
    kind: str
    parent: str
    bracket: str
    region: str
    marker: str


def parse_listed_name(raw: str) -> ListedName:
    """Read "City – District", "Name (district)", "Name County", "Name, Region" and similar forms."""
    text = " ".join(str(raw).split())
    dash = _DASH.match(text)
    if dash:
        parent = dash.group("parent")
        numbered = _NUMBERED.match(parent)
        return ListedName(dash.group("name"), "city_district", numbered.group("city") if numbered else parent,
                          "", "", "–")
    region = ""
    if "," in text:
        text, _, region = (part.strip() for part in text.rpartition(","))
    bracket = _BRACKET.match(text)
    if bracket:
        inner = bracket.group("inner").strip()
        kind = _BRACKET_KINDS.get(inner.lower())
        if kind:
            return ListedName(bracket.group("name"), kind, "", "", region, f"({inner})")
        return ListedName(bracket.group("name"), "city", "", inner, region, "")
    suffix = _SUFFIX.match(text)
    if suffix:
        word = suffix.group("word")
        return ListedName(suffix.group("name"), _SUFFIX_KINDS[word.lower()], "", "", region, word)
    return ListedName(text, "city", "", "", region, "")


def read_world_list(paths: Paths | None = None) -> pd.DataFrame:
    """The list as published (strings) with ``record_id`` and ``line`` columns (both the line in the raw
    file), with the reviewed fixes of ``corrections.csv`` (table ``world_list``) applied and listed in
    ``frame.attrs["corrections"]``. A malformed row raises :class:`DataError` naming its line.

    >>> pairs = read_world_list()
    >>> len(pairs), list(pairs.columns), len(pairs.attrs["corrections"]) > 0
    (26114, ['city1', 'country1', 'city2', 'country2', 'record_id', 'line'], True)
    """
    paths = paths or project_paths()
    path = paths.raw / LIST_FILE
    shown = path.relative_to(paths.root) if path.is_relative_to(paths.root) else path
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError("file not found; copy the world list into data/raw/world/", file=shown) from None
    except UnicodeDecodeError as err:
        raise DataError(f"not UTF-8 (byte 0x{err.object[err.start]:02x} at offset {err.start})", file=shown) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if tuple(h.strip() for h in header or ()) != LIST_COLUMNS:
        raise DataError(f"the header must be {','.join(LIST_COLUMNS)}", file=shown, line=1)
    rows, lines, line = [], [], 1
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(LIST_COLUMNS):
            raise DataError(f"{len(values)} fields where the header has {len(LIST_COLUMNS)} (a stray comma or quote?)",
                            file=shown, line=start)
        for column, value in zip(("city1", "city2"), (values[0], values[2])):
            if not value.strip():
                raise DataError("a place name is empty", file=shown, line=start, column=column)
        rows.append(values)
        lines.append(start)
    frame = pd.DataFrame(rows, columns=list(LIST_COLUMNS), dtype=object)
    frame["record_id"] = [str(line) for line in lines]
    frame["line"] = lines
    spec = RAW_TABLES["corrections"]
    corrections = read_raw_table(spec, paths.raw / spec.filename, paths.raw.relative_to(paths.root) / spec.filename)
    fixed, applied = apply_corrections("world_list", frame, corrections)
    fixed.attrs["corrections"] = applied
    return fixed
