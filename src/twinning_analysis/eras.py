"""Which Germany a partnership was founded in: FRG, GDR, or the unified country.

The German side's Land (ISO 3166-2) tells East from West; Berlin's districts are split by the
1990 line. A founding date that straddles 3 October 1990 is ``undetermined``, not guessed.

>>> from datetime import date
>>> founding_era(date(1961, 1, 1), date(1961, 12, 31), "DE-SN")
'GDR'
>>> founding_era(date(1957, 1, 1), date(1957, 12, 31), "DE-HH")
'FRG'
>>> founding_era(date(1990, 1, 1), date(1990, 12, 31), "DE-NW")
'undetermined'
"""
from __future__ import annotations

from datetime import date

#: Day of German unification: pairs founded on or after it belong to the unified country.
UNIFICATION = date(1990, 10, 3)

#: Eras in chronological order of their first pair, as used in tables and figure legends.
ERAS = ("FRG", "GDR", "unified", "undetermined")

EAST_LANDS = frozenset({"DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH"})

#: Berlin districts (current and pre-2001) wholly in East Berlin.
EAST_BERLIN_DISTRICTS = frozenset({
    "lichtenberg", "marzahn-hellersdorf", "marzahn", "hellersdorf", "hohenschoenhausen", "treptow-koepenick",
    "treptow", "koepenick", "pankow", "prenzlauer-berg", "weissensee", "friedrichshain"})
#: Berlin districts that join East and West parts since the 2001 reform.
MIXED_BERLIN_DISTRICTS = frozenset({"mitte", "friedrichshain-kreuzberg"})


def side_of_germany(admin1: str | None, berlin_district: str | None = None) -> str | None:
    """``"GDR"`` or ``"FRG"`` for a place before 1990, ``None`` when it cannot be told."""
    if not admin1:
        return None
    if admin1 == "DE-BE":
        if berlin_district is None or berlin_district in MIXED_BERLIN_DISTRICTS:
            return None
        return "GDR" if berlin_district in EAST_BERLIN_DISTRICTS else "FRG"
    return "GDR" if admin1 in EAST_LANDS else "FRG"


def founding_era(first_day: date | None, last_day: date | None, admin1: str | None,
                 berlin_district: str | None = None) -> str:
    """Era of a founding known to lie between ``first_day`` and ``last_day`` ("" when undated)."""
    if first_day is None or last_day is None:
        return ""
    if first_day >= UNIFICATION:
        return "unified"
    if last_day >= UNIFICATION:
        return "undetermined"
    return side_of_germany(admin1, berlin_district) or "undetermined"
