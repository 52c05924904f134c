r"""Reading units: sentences, list items, headings, table rows and portal records, each with its lines.

A pasted page is cut into units; a pair and its dates are only ever read inside one unit.
Tables (tab or "|" separated) become items "A – B: rest"; portal entries written as "Key: value"
lines become one item; a short line standing alone is a heading, whose single place may be the
home town of the list under it.

>>> [(u.text, u.kind, u.heading) for u in split_units("Psków\n\nTwer (Russland), seit 1991")]
[('Psków', 'item', True), ('Twer (Russland), seit 1991', 'item', False)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from twinning_analysis.dates import find_dates
from twinning_analysis.extract.countries import country_of
from twinning_analysis.extract.words import is_relation_text
from twinning_analysis.names import fold

_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪►‣◦]|\d{1,3}[.)](?=\s+\D))\s+")
_TABLE_SPLIT_RE = re.compile(r"\s*(?:\t|\s\|\s?|\|)\s*")
_CONTINUE_END_RE = re.compile(r"(?:[,(\-]|\b(?:und|der|die|das|dem|den|des|zwischen|von|mit|am|im|in"
                              r"|seit|eine|einen|ein|einer|sowie|and|the|with|between|of|и|с|в|между))$")
#: Longest line (in words) that can be a heading standing alone.
HEADING_WORDS = 10
_ABBREVIATIONS = frozenset("""st nr bzw ca dr prof jh str vgl ggf sog inkl evtl okt sept sep jan feb
    febr aug nov dez mio mrd abs art bd hl hr fr z b u a d h""".split())


@dataclass
class Unit:
    """One sentence or list item: its text and the line numbers its characters come from."""

    text: str
    kind: str  # "item" (a list line or fragment) or "sentence"
    starts: list[tuple[int, int]]  # (offset in text, line number), ascending
    heading: bool = False  # a "#" line, or a short line standing alone

    @property
    def line(self) -> int:
        return self.starts[0][1]

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line


def split_units(text: str) -> list[Unit]:
    """Cut text into list items and sentences.

    >>> [u.text for u in split_units("• Essen – Nischni Nowgorod (seit 1991)\\nJena ist schön. Kasan auch.")]
    ['Essen – Nischni Nowgorod (seit 1991)', 'Jena ist schön.', 'Kasan auch.']
    """
    units: list[Unit] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if block:
            units.extend(_sentences(block))
            block.clear()

    lines = text.splitlines()
    records = _record_blocks(lines)
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if number in records:
            flush()
            if records[number] is not None:
                units.append(records[number])
            continue
        if not stripped:
            flush()
            continue
        bullet = _BULLET_RE.match(raw)
        cells = [c for c in _TABLE_SPLIT_RE.split(stripped) if c]
        if bullet or (len(cells) >= 2 and ("\t" in stripped or "|" in stripped)):
            flush()
            item = raw[bullet.end():].strip() if bullet else _table_item(cells)
            units.append(Unit(item, "item", [(0, number)]))
            continue
        if stripped.startswith("#") or _is_heading(lines, number):
            flush()
            units.append(Unit(stripped.lstrip("#=").rstrip("=").strip(), "item", [(0, number)], heading=True))
            continue
        block.append((number, stripped))
        following = lines[number].strip() if number < len(lines) else ""
        continues = following and (following[0].islower() or _CONTINUE_END_RE.search(stripped))
        if not continues or _BULLET_RE.match(following):
            flush()
    flush()
    return units


def _is_heading(lines: list[str], number: int) -> bool:
    """A short line between blank lines (or first in the text) that ends without punctuation."""
    line = lines[number - 1].strip()
    before = lines[number - 2].strip() if number > 1 else ""
    after = lines[number].strip() if number < len(lines) else ""
    return (not before and not after and len(line.split()) <= HEADING_WORDS
            and not re.search(r"[.:;,!?]$|[\d,(]", line) and not _BULLET_RE.match(lines[number - 1]))


_RECORD_LINE_RE = re.compile(r"^\s*([A-ZÄÖÜ][^\W\d_]*(?:[ -][^\W\d_()]+)*(?:\s*\([^()]*\))?)\s*:\s*(.*?)\s*$")
_RECORD_KEYS = {
    "de": {"deutsche kommune", "deutsche stadt", "deutscher partner", "deutsche seite", "kommune",
           "stadt", "gemeinde", "landkreis", "kreis", "kommune (deutschland)", "stadt (deutschland)"},
    "partner": {"partnerkommune", "partnerstadt", "partnerregion", "partnergemeinde", "partnerkreis",
                "partner", "russische kommune", "russische stadt", "russischer partner",
                "partnerkommune (russland)", "partnerstadt (russland)"},
    "relation": {"art", "form", "typ", "beziehung", "art der beziehung", "art der partnerschaft"},
    "date": {"seit", "gegruendet", "gruendung", "gruendungsjahr", "gruendungsdatum", "datum", "beginn"},
    "signed": {"unterzeichnet", "unterzeichnung", "vertrag", "vertragsunterzeichnung", "vertrag vom"},
    "status": {"status", "stand", "aktueller stand", "aktueller status"},
}


def _record_blocks(lines: list[str]) -> dict[int, Unit | None]:
    """Portal entries written as "Key: value" lines ("Deutsche Kommune: Stadt Pforzheim",
    "Partnerkommune: Irkutsk", "Seit: 1999"), each block read as one list item.

    Returns, for every line of such a block, the item (on its first line) or None.
    """
    found: dict[int, Unit | None] = {}
    number = 0
    while number < len(lines):
        block = []
        while number < len(lines):
            match = _RECORD_LINE_RE.match(lines[number])
            role = next((r for r, keys in _RECORD_KEYS.items() if match and fold(match.group(1)) in keys), None)
            if role is None:
                break
            block.append((number + 1, role, match.group(2)))
            number += 1
        roles = {role: (line, value) for line, role, value in reversed(block)}
        if "de" in roles and "partner" in roles and roles["de"][1] and roles["partner"][1]:
            parts = [(roles["de"][1], roles["de"][0]), (" – ", None), (roles["partner"][1], roles["partner"][0])]
            tail = [(roles[r][1], roles[r][0]) for r in ("relation", "date") if r in roles and roles[r][1]]
            if "signed" in roles and roles["signed"][1]:
                tail.append(("unterzeichnet " + roles["signed"][1], roles["signed"][0]))
            if "status" in roles and roles["status"][1]:
                tail.append((roles["status"][1], roles["status"][0]))
            if tail:
                parts.append((": ", None))
                for n, part in enumerate(tail):
                    parts += ([(", ", None)] if n else []) + [part]
            text, starts = "", []
            for piece, line in parts:
                if line is not None:
                    starts.append((len(text), line))
                text += piece
            starts.sort()
            unit = Unit(text, "item", [(0, block[0][0])] + [s for s in starts if s[0] > 0])
            for n, (line, _, _) in enumerate(block):
                found[line] = unit if n == 0 else None
        if not block:
            number += 1
    return found


def _table_item(cells: list[str]) -> str:
    """A table row as a list item "A – B: rest" (or "A (rest)" for a city's own table).

    Columns naming a Land or a Russian region are left out when two town columns remain;
    a country column becomes a bracket after the town before it.

    >>> _table_item(["Kiel", "Schleswig-Holstein", "Kaliningrad", "Oblast Kaliningrad", "1992"])
    'Kiel – Kaliningrad: 1992'
    >>> _table_item(["Tichwin", "Russland", "1994"])
    'Tichwin (Russland) (1994)'
    """
    places: list[list] = []  # [index, text, is_region]
    rest: list[str] = []
    for index, cell in enumerate(cells):
        bare = cell.strip().strip("()").strip()
        if country_of(bare) and not _place_region(bare):
            if places and not rest:
                places[-1][1] += f" ({bare})"
            else:
                rest.append(bare)
        elif not bare or find_dates(bare) or is_relation_text(bare) or not bare[0].isupper():
            rest.append(cell.strip())
        else:
            region = _place_region(bare) or bool(_REGION_CELL_RE.search(bare))
            places.append([index, cell.strip(), region])
    towns = [p for p in places if not p[2]]
    chosen = towns if len(towns) >= 2 else sorted(towns + [p for p in places if p[2]])
    tail = ", ".join(r for r in rest if r)
    if len(chosen) >= 2:
        return f"{chosen[0][1]} – {chosen[1][1]}" + (f": {tail}" if tail else "")
    if chosen:
        return f"{chosen[0][1]} ({tail})" if tail else chosen[0][1]
    return " ".join(cells)


_REGION_CELL_RE = re.compile(r"^(?:Oblast|Gebiet|Region|Republik|Krai|Kraj|Autonomer)\b|\b(?:Gebiet|Oblast|Krai|Kraj)$")


def _place_region(name: str) -> bool:
    from twinning_analysis.extract.places import lookup_place

    place = lookup_place(name)
    return bool(place and place.region)


def _sentences(block: list[tuple[int, str]]) -> list[Unit]:
    """Join a block's lines and split it into sentences (a fragment without a full stop is an item)."""
    text, starts = "", []
    for number, line in block:
        if text:
            text += " "
        starts.append((len(text), number))
        text += line
    cuts, depth = [0], 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 0 or char not in ".!?;" or i + 1 >= len(text) or not text[i + 1].isspace():
            continue
        rest = text[i + 1:].lstrip()
        if not rest:
            continue
        if char == ".":
            word = re.search(r"([^\W\d_]+|\d+)$", text[:i])
            token = word.group(1) if word else ""
            if token.isdigit() and len(token) <= 2:
                continue  # "26. September"
            if token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            if not (rest[0].isupper() or rest[0] in "„\"(" or rest[0].isdigit()):
                continue
        cuts.append(i + 1)
    cuts.append(len(text))
    units = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if not piece:
            continue
        offset = start + lead
        unit_starts = [(max(0, s - offset), n) for s, n in starts if s < offset + len(piece)]
        first = [(0, n) for s, n in starts if s <= offset][-1:]
        unit_starts = first + [(s, n) for s, n in unit_starts if s > 0]
        kind = "sentence" if piece[-1] in ".!?;" and len(piece.split()) > 3 else "item"
        units.append(Unit(piece, kind, unit_starts))
    return units


