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

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


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


_ORDINALS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fuenft": 5, "sechst": 6, "siebt": 7, "siebent": 7,
             "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwoelft": 12, "dreizehnt": 13, "vierzehnt": 14,
             "fuenfzehnt": 15, "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19, "zwanzigst": 20}


def parse_edition(text: str) -> int | None:
    """Edition number from "XVI.", "16.", "13-я", "zwölfte", "erstes Treffen"; ``None`` for an empty field.

    A number in brackets must agree with the one before it: "vierzehnte (XIV.)" is 14.

    >>> parse_edition("vierzehnte (XIV.)"), parse_edition("13-я"), parse_edition("erstes Treffen")
    (14, 13, 1)
    """
    outside = re.sub(r"\(([^)]*)\)", " ", text).strip()
    inside = re.findall(r"\(([^)]*)\)", text)
    readings = [_edition_of(part) for part in (outside, *inside) if part.strip()]
    readings = [r for r in readings if r is not None]
    if not text.strip():
        return None
    if not readings:
        raise ValueError(f"cannot read an edition number in {text!r}")
    if len(set(readings)) > 1:
        raise ValueError(f"{text!r} names two edition numbers: {sorted(set(readings))}")
    return readings[0]


def _edition_of(part: str) -> int | None:
    word = part.strip().split()[0].rstrip(".").lower() if part.strip() else ""
    digits = re.fullmatch(r"(\d+)(?:-?(?:я|й|е|ter|te))?", word)
    if digits:
        return int(digits.group(1))
    if re.fullmatch(r"[ivxlc]+", word):
        return parse_roman(word)
    folded = word.replace("ü", "ue").replace("ö", "oe").replace("ß", "ss")
    stem = re.sub(r"(e|er|es|en|em)$", "", folded)
    return _ORDINALS.get(stem)


class Participants(NamedTuple):
    """A head count and how the source qualifies it (``None``, "more than", "about", "almost", "up to")."""

    count: int | None
    qualifier: str | None


_QUALIFIERS = {"weit über": "more than", "mehr als": "more than", "über": "more than", "ueber": "more than",
               "более": "more than", "rund": "about", "etwa": "about", "ca.": "about", "circa": "about",
               "около": "about", "порядка": "about", "fast": "almost", "knapp": "almost", "bis zu": "up to"}
_PEOPLE = (r"(?:teilnehm\w*|\w*vertreter\w*|personen|gäste|gaeste|delegierte\w*|abgesandte\w*|menschen|"
           r"besucher\w*|человек\w*|представител\w*|участник\w*|делегат\w*)")
_COUNT = re.compile(r"(?:(?P<q>" + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
                    + r")\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+(?:[\w-]+\s+){0,2}?" + _PEOPLE + r"\b",
                    re.IGNORECASE)


def parse_participants(text: str) -> Participants:
    """Head count of people from "200", "mehr als 350 Vertreter", "rund 300 Abgesandte …".

    Only a number that counts people (Teilnehmer, Vertreter, Gäste, …) is taken, so "Vertreter aus
    70 deutschen Städten" is not read as 70 participants. Empty gives ``Participants(None, None)``.

    >>> parse_participants("etwa 90 Partnerstädte und mehr als 400 Delegierte")
    Participants(count=400, qualifier='more than')
    """
    text = " ".join(text.split())
    if not text:
        return Participants(None, None)
    bare = re.fullmatch(r"(?:(?P<q>[^\d]+?)\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d+)", text)
    match = bare if bare and (not bare.group("q") or bare.group("q").lower() in _QUALIFIERS) else _COUNT.search(text)
    if not match:
        raise ValueError(f"no head count of people in {text!r}")
    qualifier = (match.group("q") or "").lower()
    return Participants(int(match.group("n").replace(".", "")), _QUALIFIERS.get(qualifier))


def split_venues(text: str) -> list[str]:
    """The places of a venue written as one phrase ("A und B", "A, B und C", "A/B")."""
    parts = re.split(r"\s*(?:,|/|\bund\b|&)\s*", text)
    return [p.strip() for p in parts if p.strip()]
