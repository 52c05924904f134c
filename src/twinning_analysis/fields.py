"""Small parsers for conference fields written as prose: edition numbers, head counts, venues.

>>> parse_edition("XVI.")
16
>>> parse_participants("mehr als 350")
Participants(count=350, qualifier='more than')
>>> split_venues("Karlsruhe und Baden-Baden")
['Karlsruhe', 'Baden-Baden']
"""
from __future__ import annotations

import re
from typing import NamedTuple

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def parse_roman(text: str) -> int:
    """Value of a Roman numeral, refusing malformed ones: ``parse_roman("XIV") == 14``."""
    text = text.upper()
    if not text or any(c not in _ROMAN for c in text):
        raise ValueError(f"{text!r} is not a Roman numeral")
    total = 0
    for current, following in zip(text, text[1:] + " "):
        value = _ROMAN[current]
        total += -value if following != " " and _ROMAN[following] > value else value
    if to_roman(total) != text:
        raise ValueError(f"{text!r} is not a well-formed Roman numeral (did you mean {to_roman(total)}?)")
    return total


def to_roman(number: int) -> str:
    """Roman numeral of a positive integer: ``to_roman(2021) == 'MMXXI'``."""
    parts = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def parse_edition(text: str) -> int | None:
    """Edition number from "XVI.", "XVI", "16." or "16"; ``None`` for an empty field."""
    text = text.strip().rstrip(".").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if not re.fullmatch(r"[IVXLCivxlc]+", text):
        raise ValueError(f"cannot read an edition number in {text!r}")
    return parse_roman(text)


class Participants(NamedTuple):
    """A head count and how the source qualifies it (``None``, "more than", "about", "up to")."""

    count: int | None
    qualifier: str | None


_QUALIFIERS = {"mehr als": "more than", "über": "more than", "ueber": "more than", "rund": "about",
               "etwa": "about", "ca.": "about", "circa": "about", "knapp": "about", "bis zu": "up to"}


def parse_participants(text: str) -> Participants:
    """Head count from "200", "mehr als 350", "rund 1.000"; empty gives ``Participants(None, None)``."""
    text = " ".join(text.split())
    if not text:
        return Participants(None, None)
    match = re.fullmatch(r"(?:(.*?)\s+)?(\d{1,3}(?:\.\d{3})*|\d+)(?:\s+\w+)?", text)
    if not match:
        raise ValueError(f"cannot read a number of participants in {text!r}")
    lead = (match.group(1) or "").lower()
    if lead and lead not in _QUALIFIERS:
        raise ValueError(f"unknown qualifier {lead!r} in {text!r}; known: {', '.join(_QUALIFIERS)}")
    return Participants(int(match.group(2).replace(".", "")), _QUALIFIERS.get(lead))


def split_venues(text: str) -> list[str]:
    """The places of a venue written as one phrase ("A und B", "A, B und C", "A/B")."""
    parts = re.split(r"\s*(?:,|/|\bund\b|&)\s*", text)
    return [p.strip() for p in parts if p.strip()]
