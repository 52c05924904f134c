"""Place names: type words (Kreis, Rayon, …), city districts, and normalisation keys.

A raw name such as ``"Pinneberg (Kreis)"`` or ``"Rayon Selenograd"`` names an
administrative unit; :func:`split_kind` separates the base name from that type.

>>> split_kind("Pinneberg (Kreis)", "DE")
PlaceName(base='Pinneberg', kind='landkreis', parent=None)
>>> split_kind("Berlin Lichtenberg", "DE")
PlaceName(base='Lichtenberg', kind='city_district', parent='Berlin')
>>> name_key("Nischni  Nowgorod") == name_key("nischni-nowgorod")
True
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

#: Kinds of place the data model knows, from the smallest unit up.
KINDS = ("city", "city_district", "gemeinde", "amt", "landkreis", "rayon", "federal_subject", "land")

# Type words as they appear before or after a name, with the kind they stand for.
_DE_TYPE_WORDS = {"kreis": "landkreis", "landkreis": "landkreis", "amt": "amt",
                  "gemeinde": "gemeinde", "stadt": "city", "hansestadt": "city"}
_RU_TYPE_WORDS = {"rayon": "rayon", "raion": "rayon", "rajon": "rayon", "bezirk": "rayon",
                  "gebiet": "federal_subject", "oblast": "federal_subject", "region": "federal_subject",
                  "republik": "federal_subject", "stadt": "city"}

#: Cities whose districts appear as partners ("Berlin Lichtenberg", "Berlin-Neukölln").
DISTRICT_PARENTS = ("Berlin", "Hamburg", "Sankt Petersburg", "St. Petersburg", "Moskau")


class PlaceName(NamedTuple):
    """A raw place name split into its base name, its kind and, for districts, the parent city."""

    base: str
    kind: str
    parent: str | None


def split_kind(raw: str, country: str) -> PlaceName:
    """Split type words off a raw name and tell which kind of place it names.

    >>> split_kind("Rems-Murr-Kreis", "DE")
    PlaceName(base='Rems-Murr-Kreis', kind='landkreis', parent=None)
    >>> split_kind("Rayon Dmitrow", "RU").base
    'Dmitrow'
    """
    name = " ".join(raw.split())
    words = _DE_TYPE_WORDS if country == "DE" else _RU_TYPE_WORDS
    bracket = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", name)
    if bracket and bracket.group(2).lower() in words:
        return PlaceName(bracket.group(1), words[bracket.group(2).lower()], None)
    first, _, rest = name.partition(" ")
    if rest and first.lower() in words:
        return PlaceName(rest, words[first.lower()], None)
    head, _, last = name.rpartition(" ")
    if head and last.lower() in words:
        return PlaceName(head, words[last.lower()], None)
    if country == "DE" and re.search(r"-?[Kk]reis$", name) and name.lower() != "kreis":
        return PlaceName(name, "landkreis", None)
    for parent in DISTRICT_PARENTS:
        match = re.fullmatch(re.escape(parent) + r"[\s-]+(.+)", name)
        if match:
            return PlaceName(match.group(1), "city_district", parent)
    return PlaceName(name, "city", None)


def fold(text: str) -> str:
    """Lower-case, ß→ss, umlauts spelt out (ü→ue), other diacritics dropped.

    >>> fold("Lüdenscheid"), fold("Straße")
    ('luedenscheid', 'strasse')
    """
    text = text.lower().replace("ß", "ss")
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelt)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """A key under which spellings that differ only in case, accents, spaces and hyphens meet.

    >>> name_key("Sergijew Possad") == name_key("Sergijew-Possad")
    True
    """
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def slug(text: str) -> str:
    """A readable identifier: ``slug("Berlin Neukölln") == 'berlin-neukoelln'``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
