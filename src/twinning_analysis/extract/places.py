"""Is a name a place, and where? The gazetteer (every country), its regions, and the sourced overrides.

Everything the importer asks about places goes through :func:`place_index`, the one place where
the world gazetteer, the German and Russian regions and ``data/raw/places.csv`` are loaded.
A name is looked up as written, then in the forms Russian grammar gives it ("Ярославля" →
"Ярославль", "Нижнего Новгорода" → "Нижний Новгород"), and a Cyrillic spelling of a German town
also as German ("Киль" → "Kiel").

>>> lookup_place("Nischnij Nowgorod").country, lookup_place("Ярославля").name
('RU', 'Ярославль')
>>> lookup_place("Kuibyschew").historic, lookup_place("Kuibyschew").today
(True, 'Samara')
>>> lookup_place("Gebiet Kaluga").region, lookup_place("Ebenfalls") is None
(True, True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from twinning_analysis.names import fold, modern_name, name_key, translit_ru

#: Smallest population of a place matched only by an alternate name (smaller ones collide with words).
MIN_ALTERNATE_POPULATION = 5_000
#: Countries preferred when a name fits places in several (the two sides of every pair), if the
#: place there has at least this share of the largest one's population.
HOME_COUNTRIES = ("DE", "RU")
HOME_SHARE = 0.05
# Type words: of a region, of a Russian or German unit, or of either (the base name decides).
REGION_TYPES = frozenset({"gebiet", "oblast", "region", "krai", "kraj", "kray", "republik", "republic", "land",
                          "bundesland", "freistaat", "область", "край", "республика", "oblasti"})
RUSSIAN_UNITS = frozenset({"rayon", "rajon", "raion", "район"})
GERMAN_UNITS = frozenset({"landkreis", "kreis", "amt", "samtgemeinde", "verbandsgemeinde", "gemeinde"})
NEUTRAL_UNITS = frozenset({"stadt", "hansestadt", "bezirk", "stadtbezirk", "district", "город", "municipality"})
#: Länder that are cities: a pair with them is a city partnership, not a regional one.
CITY_STATES = frozenset({"berlin", "hamburg", "bremen"})


@dataclass(frozen=True)
class Place:
    """What the importer knows of a name: the form to write (nominative), its country, whether it
    is a region (Land, federal subject), and today's name if the name is a historic one."""

    name: str
    country: str | None  # None: a place (a type word says so) in a country the text must give
    region: bool = False
    historic: bool = False
    today: str | None = None
    known: str = "gazetteer"  # gazetteer, region, override, type word


class PlaceIndex:
    """The gazetteer, the regions and the overrides behind one small interface."""

    def __init__(self, gazetteer, regions, overrides):
        self.gazetteer = gazetteer
        self.regions = regions
        self.overrides = overrides
        self._override_keys = {(name_key(row.name), row.country) for row in overrides.rows} | {
            (name_key(row.name_de), row.country) for row in overrides.rows if row.name_de}

    def candidates(self, name: str, country: str | None = None):
        """Gazetteer candidates, best first (an alternate name of a tiny place does not count)."""
        found = self.gazetteer.candidates(name, country)
        return [c for c in found if c.how.startswith("name") or c.entry.population >= MIN_ALTERNATE_POPULATION]

    def region(self, name: str, country: str | None) -> str | None:
        return self.regions.find(name, country)

    def override(self, name: str) -> str | None:
        """Country of a sourced override of this name, else None."""
        for key_country in ((name_key(name), c) for c in ("DE", "RU")):
            if key_country in self._override_keys:
                return key_country[1]
        return None


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The one door to the gazetteer: the world index, regions and overrides, loaded once."""
    from twinning_analysis.config import project_paths
    from twinning_analysis.gazetteer import WORLD, Gazetteer
    from twinning_analysis.geocode import Overrides
    from twinning_analysis.regions import Regions

    paths = project_paths()
    return PlaceIndex(Gazetteer.load(paths, countries=WORLD), Regions.load(paths), Overrides.load(paths))


# Russian noun and adjective endings of the oblique cases, each with the nominative endings it
# may stand for ("Ярославля" -> "Ярославль", "Калуге" -> "Калуга", "Нижнего" -> "Нижний").
_RU_ENDINGS = (("ого", ("ий", "ой", "ый")), ("его", ("ий",)), ("ому", ("ий", "ый")), ("ему", ("ий",)),
               ("ым", ("ый", "ий")), ("им", ("ий",)), ("ой", ("ая", "а", "ой")), ("ей", ("я", "ь")),
               ("ом", ("",)), ("ем", ("ь", "й", "")), ("ём", ("ь",)), ("ами", ("ы", "и")),
               ("ах", ("ы", "и")), ("ях", ("и",)),
               ("а", ("",)), ("я", ("ь", "й")), ("у", ("", "а")), ("ю", ("ь", "я")), ("е", ("", "а", "ь", "я")),
               ("и", ("ь", "а", "я", "и")), ("ы", ("а", "ы")))


def russian_nominatives(name: str) -> list[str]:
    """Forms of a Cyrillic name in the nominative, the name itself first.

    >>> russian_nominatives("Нижнего Новгорода")[:3]
    ['Нижнего Новгорода', 'Нижний Новгород', 'Нижний Новгорода']
    """
    words = name.split()
    options = [_word_nominatives(word) for word in words]
    forms = [name]
    if len(words) == 1:
        forms += options[0]
    elif len(words) == 2:
        forms += [f"{a} {b}" for a in options[0] for b in options[1]] + [f"{a} {words[1]}" for a in options[0]]
    return list(dict.fromkeys(forms))


def _word_nominatives(word: str) -> list[str]:
    low = word.lower()
    found = []
    for ending, nominatives in _RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = word[:-len(ending)]
            found += [stem + n for n in nominatives]
    return found


# A German town written in Cyrillic: Russian spelling of German sounds back to German letters.
_GERMAN_SOUNDS = (("ай", "ei"), ("ой", "eu"), ("ц", "z"), ("и", "ie"), ("ш", "sch"), ("х", "h"), ("в", "w"))


def _german_spellings(name: str) -> list[str]:
    """Latin spellings a Cyrillic spelling of a German town may stand for ("Киль" -> "Kiel")."""
    low = name.lower()
    spellings = [translit_ru(name)]
    for cyrillic, german in _GERMAN_SOUNDS:
        if cyrillic in low:
            spellings.append(translit_ru(low.replace(cyrillic, german)).capitalize())
    return spellings


def _best(candidates, country: str | None):
    """The candidate to believe: in ``country`` if given, else Germany or Russia if one of them fits
    about as well as the best, else the best."""
    if not candidates:
        return None
    if country:
        inside = [c for c in candidates if c.entry.country == country]
        return inside[0] if inside else None
    top = candidates[0].score
    near = [c for c in candidates if c.score >= top - 0.11]
    largest = max(c.entry.population for c in near)
    home = [c for c in near if c.entry.country in HOME_COUNTRIES and c.entry.population >= HOME_SHARE * largest]
    pool = home or near
    return max(pool, key=lambda c: (c.score, c.entry.population))


def lookup_place(name: str, country: str | None = None) -> Place | None:
    """What the gazetteer, the regions or an override know of ``name`` (in ``country`` if given).

    >>> lookup_place("Frankfurt (Oder)").country, lookup_place("Brest", "FR").country
    ('DE', 'FR')
    """
    name = " ".join(str(name).split())
    if not name:
        return None
    return _lookup(name, country)


@lru_cache(maxsize=65536)
def _lookup(name: str, country: str | None) -> Place | None:
    index = place_index()
    historic_country = next((c for c in HOME_COUNTRIES if modern_name(name, c)), None)
    if historic_country and country in (None, historic_country):
        return Place(name, historic_country, historic=True, today=modern_name(name, historic_country))
    typed = _typed(name, country)
    if typed is not None:
        return typed
    cyrillic = bool(re.search("[\u0400-\u04ff]", name))
    bare = re.sub(r"\s*\([^)]*\)$", "", name)
    forms = russian_nominatives(name) if cyrillic else list(dict.fromkeys([name, bare]))
    found = [(best.score, -n, form, best) for n, form in enumerate(forms)
             for best in [_best(index.candidates(form), country)] if best is not None]
    if found:
        _, _, form, best = max(found, key=lambda f: (f[0], f[1]))
        if not (cyrillic and best.entry.country not in HOME_COUNTRIES and country is None):
            return Place(form, best.entry.country)
        german = _german_reading(forms)
        return german or Place(form, best.entry.country)
    override = index.override(name)
    if override and country in (None, override):
        return Place(name, override, known="override")
    if cyrillic and country in (None, "DE"):
        return _german_reading(forms)
    return None


def _german_reading(forms: list[str]) -> Place | None:
    """A German town that a Cyrillic name spells ("Киль" -> Kiel), in the first form that has one."""
    for form in forms:
        for spelling in _german_spellings(form):
            if _best(place_index().candidates(spelling, "DE"), "DE") is not None:
                return Place(form, "DE")
    return None


def _typed(name: str, country: str | None) -> Place | None:
    """A region ("Gebiet Kaluga", "Freistaat Bayern", "Hessen") or a name with a unit's type word
    ("Rayon Dmitrow", "Kreis Polessk", "Stadt Pforzheim"), the country from its base name if known."""
    bare = re.sub(r"\s*\([^)]*\)$", "", name)
    words = bare.split()
    folded = [fold(w) if not re.search("[\u0400-\u04ff]", w) else w.lower() for w in words]
    typed = bool(set(folded) & REGION_TYPES)
    if typed or (len(words) <= 2 and country in (None, "DE") and not set(folded) & (
            RUSSIAN_UNITS | GERMAN_UNITS | NEUTRAL_UNITS)):
        for code in (country,) if country else HOME_COUNTRIES:
            if code == "RU" and not typed or (code == "DE" and name_key(bare) in CITY_STATES):
                continue
            if place_index().region(bare, code):
                return Place(name, code, region=True, known="region")
    if len(words) < 2:
        return None
    units = RUSSIAN_UNITS | GERMAN_UNITS | NEUTRAL_UNITS
    if folded[0] in units:
        unit, base = folded[0], " ".join(words[1:])
    elif folded[-1] in units:
        unit, base = folded[-1], " ".join(words[:-1])
    else:
        return Place(name, "DE", known="type word") if re.search(r"(?i)-kreis$", bare) else None
    inner = lookup_place(base, country)
    if inner is not None and not inner.region:
        return Place(name, inner.country, known="type word")
    if unit in RUSSIAN_UNITS:
        return Place(name, country or "RU", known="type word")
    if unit in GERMAN_UNITS:
        return Place(name, country or "DE", known="type word")
    return Place(name, country, known="type word")
