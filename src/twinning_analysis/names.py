"""Place names: type words (Kreis, Rayon, …), city districts, and normalisation keys.

A raw name such as ``"Pinneberg (Kreis)"`` or ``"Rayon Selenograd"`` names an
administrative unit; :func:`split_kind` separates the base name from that type.

>>> split_kind("Pinneberg (Kreis)", "DE")
PlaceName(base='Pinneberg', kind='landkreis', parent=None)
>>> split_kind("Berlin Lichtenberg", "DE")
PlaceName(base='Lichtenberg', kind='city_district', parent='Berlin')
>>> name_key("Nischni  Nowgorod") == name_key("nischni-nowgorod")
True

German and English transliterations of Russian names meet under :func:`loose_key`,
and Soviet-era names lead to today's through :func:`modern_name`:

>>> loose_key("Nischni Nowgorod") == loose_key("Nizhniy Novgorod")
True
>>> modern_name("Kuibyschew", "RU")
'Samara'
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

#: Kinds of place the data model knows, from the smallest unit up.
KINDS = ("city", "city_district", "gemeinde", "amt", "landkreis", "rayon", "federal_subject", "land")

# The level of unit each kind stands for, so that kinds of different countries and tables compare: a town,
# its Gemeinde and its Amt are one municipality; a Landkreis, a Rayon and a district are one county level.
_LEVELS = {"city": "municipality", "gemeinde": "municipality", "amt": "municipality", "municipality": "municipality",
           "city_district": "city district", "landkreis": "county", "rayon": "county", "district": "county",
           "land": "region", "federal_subject": "region", "region": "region", "country": "country"}


def unit_level(kind: str) -> str:
    """The level of administrative unit a kind of place stands for.

    >>> unit_level("landkreis"), unit_level("district"), unit_level("amt"), unit_level("federal_subject")
    ('county', 'county', 'municipality', 'region')
    """
    return _LEVELS.get(kind, kind)

# Type words as they appear before or after a name, with the kind they stand for.
_DE_TYPE_WORDS = {"kreis": "landkreis", "landkreis": "landkreis", "amt": "amt",
                  "gemeinde": "gemeinde", "samtgemeinde": "gemeinde", "verbandsgemeinde": "gemeinde",
                  "stadt": "city", "hansestadt": "city", "stadtbezirk": "city_district",
                  "bezirk": "city_district", "land": "land", "bundesland": "land", "freistaat": "land",
                  "kreisstadt": "city", "universitaetsstadt": "city", "universitätsstadt": "city"}
_RU_TYPE_WORDS = {"rayon": "rayon", "raion": "rayon", "rajon": "rayon", "bezirk": "rayon",
                  "kreis": "rayon", "landkreis": "rayon",
                  "gebiet": "federal_subject", "oblast": "federal_subject", "region": "federal_subject",
                  "republik": "federal_subject", "krai": "federal_subject", "kraj": "federal_subject",
                  "verwaltungsregion": "federal_subject", "verwaltungsgebiet": "federal_subject",
                  "stadt": "city", "stadtbezirk": "city_district", "verwaltungsbezirk": "city_district"}

#: Type words that mark a bracket or a comma part as the region a place lies in ("Borowsk (Gebiet Kaluga)").
REGION_WORDS = frozenset({"gebiet", "oblast", "region", "krai", "kraj", "kray", "republik", "republic",
                          "land", "bundesland", "freistaat", "landkreis", "kreis"})

#: Cities whose districts appear as partners ("Berlin Lichtenberg", "Berlin-Neukölln").
DISTRICT_PARENTS = ("Berlin", "Hamburg", "Sankt Petersburg", "St. Petersburg", "Moskau")


class PlaceName(NamedTuple):
    """A raw place name split into its base name, its kind and, for districts, the parent city."""

    base: str
    kind: str
    parent: str | None


def split_region(raw: str) -> tuple[str, str | None]:
    """Split a region qualifier off a name: a bracket or comma part with a region type word.

    >>> split_region("Borowsk (Gebiet Kaluga)")
    ('Borowsk', 'Gebiet Kaluga')
    >>> split_region("Halle (Saale)")
    ('Halle (Saale)', None)
    """
    name = " ".join(str(raw).split())
    match = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", name) or re.fullmatch(r"(.+?)\s*,\s*(.+)", name)
    if match:
        words = {w.lower() for w in re.findall(r"\w+", match.group(2))}
        if words & REGION_WORDS and len(words) > 1:
            return match.group(1), match.group(2)
    return name, None


def split_kind(raw: str, country: str) -> PlaceName:
    """Split type words off a raw name and tell which kind of place it names.

    A region qualifier such as ``(Gebiet Kaluga)`` is dropped here; :func:`split_region` returns it.

    >>> split_kind("Rems-Murr-Kreis", "DE")
    PlaceName(base='Rems-Murr-Kreis', kind='landkreis', parent=None)
    >>> split_kind("Rayon Dmitrow", "RU").base
    'Dmitrow'
    >>> split_kind("Borowsk (Gebiet Kaluga)", "RU")
    PlaceName(base='Borowsk', kind='city', parent=None)
    """
    name, _ = split_region(raw)
    central = re.fullmatch(r"(Zentralbezirk|Zentraler Verwaltungsbezirk)\s+(.+)", name)
    if central:
        return PlaceName(central.group(1), "city_district", central.group(2))
    if name == "Moskauer Zentralbezirk":
        return PlaceName("Zentralbezirk", "city_district", "Moskau")
    for parent in DISTRICT_PARENTS:
        town = re.fullmatch(r"(.+?)\s*/\s*" + re.escape(parent), name)
        if town:  # "Puschkin/St. Petersburg": a town that belongs to the city, still a town
            return PlaceName(town.group(1), "city", parent)
        match = re.fullmatch(re.escape(parent) + r"[\s,-]+(\w.*)", name)
        if match:
            district = re.sub(r"\s*\((bezirk|stadtbezirk|verwaltungsbezirk)\)$", "", match.group(1),
                              flags=re.IGNORECASE)
            return PlaceName(district, "city_district", parent)
    base, kind = _strip_type_word(name, country)
    return PlaceName(base, kind, None)


def _strip_type_word(name: str, country: str) -> tuple[str, str]:
    words = _DE_TYPE_WORDS if country == "DE" else _RU_TYPE_WORDS
    bracket = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", name)
    if bracket and bracket.group(2).lower() in words:
        return bracket.group(1), words[bracket.group(2).lower()]
    first, _, rest = name.partition(" ")
    if rest and first.lower() in words:
        return rest, words[first.lower()]
    head, _, last = name.rpartition(" ")
    if head and last.lower() in words:
        return head, words[last.lower()]
    if country == "DE" and re.search(r"-?[Kk]reis$", name) and name.lower() != "kreis":
        return name, "landkreis"
    return name, "city"


# ---------------------------------------------------------------------------------------------
# keys

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g"]))
_AFTER_YE = set("аеёиоуыэюяьъ")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]").search


def translit_ru(text: str, *, soft_sign: str = "") -> str:
    """Cyrillic letters to Latin in the BGN/PCGN style GeoNames uses (е is "ye" at the start of a
    word and after a vowel); other characters stay. ``soft_sign`` is what ь becomes.

    >>> translit_ru("Нижний Новгород"), translit_ru("Екатеринбург"), translit_ru("Тверь", soft_sign="'")
    ('Nizhniy Novgorod', 'Yekaterinburg', "Tver'")
    """
    if not _HAS_CYRILLIC(text):
        return text
    lower = text.lower()
    if lower == text:  # the common case (keys are built from lower case): no letter to capitalise
        table = {"": _TRANSLIT_PLAIN, "'": _TRANSLIT_APOSTROPHE}.get(soft_sign) or _translit_table(soft_sign)
        return _YE.sub("ye", text).translate(table)
    out = []
    previous = ""
    for char in text:
        low = char.lower()
        latin = _CYRILLIC.get(low)
        if latin is None:
            out.append(char)
        else:
            if low == "е" and (not previous.isalpha() or previous in _AFTER_YE):
                latin = "ye"
            elif low == "ь":
                latin = soft_sign
            out.append(latin.capitalize() if char != low else latin)
        previous = low
    return "".join(out)


#: е after a vowel or a soft/hard sign, or not after a letter at all (the start of a word), is "ye".
_YE = re.compile(r"(?:(?<=[аеёиоуыэюяьъ])|(?<![^\W\d_]))е")


def _translit_table(soft_sign: str) -> dict:
    return str.maketrans({**_CYRILLIC, "ь": soft_sign})


_TRANSLIT_PLAIN = _translit_table("")
_TRANSLIT_APOSTROPHE = _translit_table("'")


def fold(text: str) -> str:
    """Lower-case, ß→ss, umlauts spelt out (ü→ue), Cyrillic transliterated, other diacritics dropped.

    >>> fold("Lüdenscheid"), fold("Straße"), fold("Тверь")
    ('luedenscheid', 'strasse', 'tver')
    """
    text = text.lower()
    if text.isascii():
        return text
    text = translit_ru(text).translate(_GERMAN_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_GERMAN_LETTERS = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_SAINT = re.compile(r"(?i)(st\.?|sankt|saint)[\s.-]+(.+)")


def name_key(text: str) -> str:
    """A key under which spellings that differ only in case, accents, spaces and hyphens meet.

    >>> name_key("Sergijew Possad") == name_key("Sergijew-Possad")
    True
    """
    text = text.lower()
    if not text.isascii():  # as fold(), but letters outside a-z go at once (this runs a million times)
        text = translit_ru(text).translate(_GERMAN_LETTERS)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", text)


def slug(text: str) -> str:
    """A readable identifier: ``slug("Berlin Neukölln") == 'berlin-neukoelln'``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# Letters with diacritics used by scholarly and Slavic transliterations, before they are dropped.
# German umlauts stay distinct from plain vowels (Münster is not Munster, Höchstadt not Hochstadt).
_LOOSE_LETTERS = str.maketrans({"š": "sh", "ž": "zh", "č": "ch", "ć": "ch", "ś": "s", "ź": "z", "ł": "l",
                                "ä": "ae", "ö": "oe", "ü": "ue", "ß": "s", "ë": "e", "ő": "oe", "ű": "ue"})
# Sounds spelt differently in German and English transliteration, mapped to one symbol each (upper
# case, so they never clash with the folded letters): щ→Q, ч/х→C, ш/ж→X; з/ц→s; в→v; й/ы/и/j→i.
_LOOSE_SOUNDS = {"schtsch": "Q", "shtsh": "Q", "shch": "Q", "tsch": "C", "sch": "X", "tch": "C",
                 "ch": "C", "kh": "C", "sh": "X", "zh": "X", "ts": "s", "tz": "s", "ck": "k", "ph": "f",
                 "x": "ks", "w": "v", "z": "s", "j": "y"}
_LOOSE_RE = re.compile("|".join(sorted(_LOOSE_SOUNDS, key=len, reverse=True)))


def loose_key(text: str) -> str:
    """A transliteration-insensitive key: German and English spellings of a Russian name meet.

    It merges sch/sh/zh, tsch/ch, s/z/ts, w/v, j/y/ij/iy and doubled letters; it is lossy on
    purpose, so a match on it is weaker evidence than one on :func:`name_key`.

    >>> loose_key("Mytischtschi") == loose_key("Mytishchi")
    True
    >>> loose_key("Schelesnogorsk") == loose_key("Zheleznogorsk")
    True
    >>> loose_key("Sergijew Possad") == loose_key("Sergiyev Posad")
    True
    >>> loose_key("Uljanowsk") == loose_key("Ulyanovsk")
    True
    """
    text = translit_ru(text.lower()).translate(_LOOSE_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _NOT_ALNUM.sub("", text)
    text = _LOOSE_RE.sub(lambda m: _LOOSE_SOUNDS[m.group()], text)
    text = text.replace("iy", "i").replace("yy", "i").replace("y", "i")
    return _DOUBLED.sub(lambda m: m.group(1), text) if _DOUBLED.search(text) else text


# ---------------------------------------------------------------------------------------------
# variants of a name: abbreviations, qualifiers, historic names

#: Names used in the sources for places renamed since, with today's name as GeoNames spells it.
#: Only names that clearly mean one place: "Kaliningrad" stays Kaliningrad (it was also Korolev's
#: name until 1996, but a source naming it means the Baltic city).
HISTORIC_NAMES: dict[tuple[str, str], str] = {}
for _country, _modern, _old_names in (
    ("RU", "Saint Petersburg", ("Leningrad", "Petrograd")),
    ("RU", "Nizhniy Novgorod", ("Gorki", "Gorkij", "Gorky", "Gorkii")),
    ("RU", "Tver", ("Kalinin",)),
    ("RU", "Samara", ("Kuibyschew", "Kuibyshev", "Kuybyshev", "Kujbyschew")),
    ("RU", "Volgograd", ("Stalingrad", "Zarizyn", "Tsaritsyn")),
    ("RU", "Yekaterinburg", ("Swerdlowsk", "Sverdlovsk")),
    ("RU", "Sergiyev Posad", ("Sagorsk", "Zagorsk")),
    ("RU", "Kaliningrad", ("Königsberg", "Koenigsberg", "Königsberg in Preußen")),
    ("RU", "Ulyanovsk", ("Simbirsk",)),
    ("RU", "Perm", ("Molotow", "Molotov")),
    ("RU", "Orenburg", ("Tschkalow", "Chkalov")),
    ("RU", "Vladikavkaz", ("Ordschonikidse", "Ordzhonikidze")),
    ("RU", "Rybinsk", ("Andropow", "Andropov")),
    ("RU", "Naberezhnyye Chelny", ("Breschnew", "Brezhnev")),
    ("RU", "Izhevsk", ("Ustinow", "Ustinov")),
    ("RU", "Sovetsk", ("Tilsit",)),
    ("RU", "Chernyakhovsk", ("Insterburg",)),
    ("RU", "Gusev", ("Gumbinnen",)),
    ("RU", "Baltiysk", ("Pillau",)),
    ("RU", "Zelenogradsk", ("Cranz", "Kranz")),
    ("RU", "Svetlogorsk", ("Rauschen",)),
    ("RU", "Gvardeysk", ("Tapiau",)),
    ("RU", "Polessk", ("Labiau",)),
    ("RU", "Neman", ("Ragnit",)),
    ("RU", "Mamonovo", ("Heiligenbeil",)),
    ("RU", "Bagrationovsk", ("Preußisch Eylau", "Preussisch Eylau")),
    ("RU", "Pravdinsk", ("Friedland",)),
    ("DE", "Chemnitz", ("Karl-Marx-Stadt",)),
    ("DE", "Eisenhüttenstadt", ("Stalinstadt",)),
    ("DE", "Guben", ("Wilhelm-Pieck-Stadt Guben",)),
    ("DE", "Berlin", ("Ost-Berlin", "Berlin (Ost)", "Berlin-Ost", "West-Berlin", "Berlin (West)", "Westberlin",
                      "Ostberlin", "Berlin (Hauptstadt der DDR)")),
):
    for _old in _old_names:
        HISTORIC_NAMES[(_country, name_key(_old))] = _modern


#: Soviet-era and GDR-era names by today's (GeoNames) name: the old German name and the year it ended.
RENAMED: dict[tuple[str, str], tuple[str, int]] = {
    ("RU", "Saint Petersburg"): ("Leningrad", 1991), ("RU", "Nizhniy Novgorod"): ("Gorki", 1990),
    ("RU", "Tver"): ("Kalinin", 1990), ("RU", "Samara"): ("Kuibyschew", 1991),
    ("RU", "Volgograd"): ("Stalingrad", 1961), ("RU", "Yekaterinburg"): ("Swerdlowsk", 1991),
    ("RU", "Sergiyev Posad"): ("Sagorsk", 1991), ("RU", "Tolyatti"): ("Stawropol", 1964),
    ("RU", "Vladikavkaz"): ("Ordschonikidse", 1990), ("DE", "Chemnitz"): ("Karl-Marx-Stadt", 1990),
}


def name_in_year(name_en: str, country: str, year: int | None) -> str | None:
    """The historic name a place bore in ``year`` if it was renamed later, else None.

    >>> name_in_year("Saint Petersburg", "RU", 1957), name_in_year("Saint Petersburg", "RU", 1995)
    ('Leningrad', None)
    """
    old = RENAMED.get((str(country).upper(), name_en))
    return old[0] if old and year is not None and year < old[1] else None


def modern_name(name: str, country: str) -> str | None:
    """Today's name of a place a source calls by a historic name, or None.

    >>> modern_name("Karl-Marx-Stadt", "DE"), modern_name("Kaliningrad", "RU")
    ('Chemnitz', None)
    """
    return HISTORIC_NAMES.get((str(country).upper(), name_key(name)))


_QUALIFIER_RE = re.compile(r"\s*(\([^)]*\)|/.*|\b(am|an der|ob der|in der|im|bei|vor der|upon|on)\s+.+)$",
                           re.IGNORECASE)
# German abbreviations in town names ("Höchstadt a.d. Aisch", "Rothenburg o.T.", "Bad Homburg v.d.Höhe").
_ABBREVIATIONS = ((r"\bo\.\s*T\.?$", "ob der Tauber"), (r"\ba\.\s*d\.\s*", "an der "), (r"\bo\.\s*d\.\s*", "ob der "),
                  (r"\bv\.\s*d\.\s*", "vor der "), (r"\bi\.\s*d\.\s*", "in der "), (r"\ba\.\s*M\.?$", "am Main"),
                  (r"\bi\.\s*Br\.?$", "im Breisgau"), (r"\b(ob|an|vor)\s+(?!der\b)", r"\1 der "))
_ABBREVIATIONS = tuple((re.compile(pattern), replacement) for pattern, replacement in _ABBREVIATIONS)
_BARE_PREPOSITION = re.compile(r"\b(ob|an|vor)\s+(?!der\b)").search


def expand_abbreviations(name: str) -> str:
    """Spell out German abbreviations of town-name qualifiers.

    >>> expand_abbreviations("Höchstadt a.d. Aisch"), expand_abbreviations("Rothenburg ob Tauber")
    ('Höchstadt an der Aisch', 'Rothenburg ob der Tauber')
    """
    if "." not in name and not _BARE_PREPOSITION(name):
        return name
    for pattern, replacement in _ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    return " ".join(name.split())


def strip_qualifiers(name: str) -> str:
    """Drop a trailing qualifier: ``(Saale)``, ``am Schaalsee``, ``ob der Tauber``, ``/Erzgebirge``.

    >>> strip_qualifiers("Zarrentin am Schaalsee"), strip_qualifiers("Halle (Saale)")
    ('Zarrentin', 'Halle')
    """
    stripped = _QUALIFIER_RE.sub("", name).strip()
    return stripped or name


def query_variants(name: str, country: str) -> list[tuple[str, str]]:
    """Spellings to look a name up under, best first, each with how it was derived.

    >>> query_variants("St. Petersburg", "RU")[:2]
    [('St. Petersburg', 'as given'), ('Sankt Petersburg', 'abbreviation')]
    >>> query_variants("Leningrad", "RU")[0]
    ('Saint Petersburg', 'historic name')
    """
    name = " ".join(str(name).split())
    variants: list[tuple[str, str]] = []
    modern = modern_name(name, country)
    if modern:
        variants.append((modern, "historic name"))
    variants.append((name, "as given"))
    saint = _SAINT.match(name)
    if saint:
        rest = saint.group(2)
        variants += [(f"Sankt {rest}", "abbreviation"), (f"Saint {rest}", "abbreviation"),
                     (f"Sankt-{rest}", "abbreviation")]
    expanded = expand_abbreviations(name)
    if expanded != name:
        variants.append((expanded, "abbreviation"))
    stripped = strip_qualifiers(expanded)
    if stripped != name:
        variants.append((stripped, "qualifier dropped"))
    seen: set[str] = set()
    unique = []
    for text, how in variants:
        if text not in seen:
            seen.add(text)
            unique.append((text, how))
    return unique
