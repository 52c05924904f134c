"""Candidate ``partnerships.csv`` rows from plain German text, for a person to review.

Partnership offices and articles state pairs in a few recurring shapes: bullet lists
("Aachen - Kostroma: Partnerschaft seit 26. September 2001"), a city's partner towns with
years in brackets ("Unsere Partnerstädte: Tours (Frankreich, 1962), Jaroslawl (Russland, 1988)"),
sentences ("Seit 1988 bestehen partnerschaftliche Beziehungen zwischen X und Y", "X und Y
unterzeichneten am 14. Mai 1991 einen Partnerschaftsvertrag", "X pflegt Partnerschaften mit A
und B"), tables (tab or "|" separated, Land and region columns are skipped) and portal entries
of "Key: value" lines ("Deutsche Kommune: …", "Partnerkommune: …", "Seit: …").
:func:`extract_text` reads them into rows with the raw table's columns and lists the lines
it could not read.

>>> result = extract_text("- Aachen - Kostroma: Partnerschaft seit 26. September 2001", "src")
>>> [(r["de_name"], r["ru_name"], r["relation"], r["founded_text"]) for r in result.rows]
[('Aachen', 'Kostroma', 'partnership', 'seit 26. September 2001')]

Rules it keeps:

* A date belongs to the pair of its own sentence or list item; a pair whose sentence gives
  no founding date gets an empty ``founded_text`` (a year from the neighbour is never borrowed).
  In a sentence a date must be marked as a founding date ("seit", a bracket after the name,
  or a word like "unterzeichnet", "gegründet", "Vertrag" in its clause); a year next to
  "feierten", "Jubiläum", "Besuch" is not one, and with a status word a year from 2022 on is
  the status date. Dates not used are listed in the note.
* ``founded_text`` is the date phrase as written, with "seit" kept and "am"/"im" dropped; a
  phrase :func:`~twinning_analysis.dates.parse_date` rejects ("31. Juni 1991") is kept and flagged.
  ``founded_basis`` is ``signed`` for "unterzeichnet"/"besiegelt" or a treaty's own date
  ("Partnerschaftsvertrag vom 14.05.1991"), ``decision`` for "beschloss", else empty.
* Relation words: Freundschaft(svertrag) → friendship, Kooperation(svereinbarung) → cooperation,
  Absichtserklärung / "Interesse an einer Partnerschaft" → intent, a German Land as one side →
  regional, otherwise partnership. Two relations with their own dates in one line
  ("Freundschaft seit 2004, Partnerschaftsvertrag 2008") are two rows; "keine Partnerschaft" or
  "besteht nicht" gives none.
* Which side is German: a country word in the text ("(Russland)", "der ukrainischen Stadt"),
  the German city of a heading or ``de_city``, type words (Landkreis, Rayon, Gebiet), then the
  offline list in ``data/russian_places_de.txt``. Partners elsewhere in the former USSR are kept
  and flagged ("partner outside Russia: Belarus"); a pair with a side not identified is flagged
  "country not known" (order as written: German first); partners elsewhere (France, Poland, …)
  are skipped and listed. Older names (Leningrad, Stalingrad) stay, with today's in the note.
* A sentence that only reports a status ("Seit März 2022 ruht die Partnerschaft.") right after
  a sentence with one pair gives that pair its status; nothing else crosses a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from twinning_analysis.dates import parse_date
from twinning_analysis.errors import DateError, TwinningError
from twinning_analysis.names import fold, name_key
from twinning_analysis.schema import RAW_TABLES

#: The columns of the rows, in the order of the raw table.
COLUMNS = RAW_TABLES["partnerships"].columns

#: Country codes of the post-Soviet states other than Russia, with the name used in notes.
OTHER_SOVIET = {"BY": "Belarus", "UA": "Ukraine", "UA-43": "Ukraine (Crimea)", "GE": "Georgia",
                "AM": "Armenia", "AZ": "Azerbaijan", "MD": "Moldova", "KZ": "Kazakhstan",
                "UZ": "Uzbekistan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan",
                "EE": "Estonia", "LV": "Latvia", "LT": "Lithuania"}
#: Codes beside those: "DE", "RU", "SU" (somewhere in the Soviet Union) and "XX" (elsewhere).
ABROAD = "XX"

# ---------------------------------------------------------------------------------------------
# word lists (folded: lower case, umlauts spelt out)

_COUNTRY_NOUN_WORDS = {
    "Russland": "RU", "Russische Föderation": "RU", "Russischen Föderation": "RU",
    "Belarus": "BY", "Weißrussland": "BY", "Weissrussland": "BY", "Ukraine": "UA", "Krim": "UA-43",
    "Georgien": "GE", "Armenien": "AM", "Aserbaidschan": "AZ", "Republik Moldau": "MD",
    "Moldau": "MD", "Moldawien": "MD", "Kasachstan": "KZ", "Usbekistan": "UZ",
    "Kirgisistan": "KG", "Kirgistan": "KG", "Tadschikistan": "TJ", "Turkmenistan": "TM",
    "Estland": "EE", "Lettland": "LV", "Litauen": "LT", "Sowjetunion": "SU", "UdSSR": "SU",
    "Deutschland": "DE", "Bundesrepublik Deutschland": "DE", "DDR": "DE",
    **{word: ABROAD for word in (
        "Frankreich", "Polen", "Italien", "England", "Großbritannien", "Grossbritannien",
        "Vereinigtes Königreich", "Schottland", "Wales", "Irland", "USA", "Vereinigte Staaten",
        "Kanada", "Spanien", "Portugal", "Niederlande", "Belgien", "Luxemburg", "Österreich",
        "Schweiz", "Tschechien", "Tschechische Republik", "Slowakei", "Ungarn", "Rumänien",
        "Bulgarien", "Serbien", "Kroatien", "Slowenien", "Bosnien und Herzegowina", "Griechenland",
        "Türkei", "Israel", "China", "Japan", "Korea", "Indien", "Finnland", "Schweden", "Norwegen",
        "Dänemark", "Island", "Brasilien", "Nicaragua", "Tansania", "Ruanda", "Südafrika",
        "Mongolei", "Vietnam", "Mexiko", "Argentinien", "Chile", "Kuba", "Namibia", "Ghana", "Mali",
        "Ägypten", "Marokko", "Tunesien", "Australien", "Albanien", "Nordmazedonien", "Montenegro",
        "Zypern", "Malta")},
}
_COUNTRY_NOUNS = {fold(word): code for word, code in _COUNTRY_NOUN_WORDS.items()}
_COUNTRY_ALTERNATIVES = "|".join(sorted(map(re.escape, _COUNTRY_NOUN_WORDS), key=len, reverse=True))
# Adjective stems, folded ("russisch" in "der russischen Stadt").
_COUNTRY_ADJECTIVES = {
    "russisch": "RU", "weissrussisch": "BY", "belarussisch": "BY", "belarusisch": "BY",
    "ukrainisch": "UA", "georgisch": "GE", "armenisch": "AM", "aserbaidschanisch": "AZ",
    "moldauisch": "MD", "moldawisch": "MD", "kasachisch": "KZ", "usbekisch": "UZ",
    "kirgisisch": "KG", "tadschikisch": "TJ", "turkmenisch": "TM", "estnisch": "EE",
    "lettisch": "LV", "litauisch": "LT", "sowjetisch": "SU", "deutsch": "DE",
    **{word: ABROAD for word in (
        "franzoesisch", "polnisch", "italienisch", "englisch", "britisch", "amerikanisch",
        "spanisch", "portugiesisch", "niederlaendisch", "hollaendisch", "belgisch",
        "oesterreichisch", "schweizerisch", "tschechisch", "slowakisch", "ungarisch", "rumaenisch",
        "bulgarisch", "serbisch", "kroatisch", "slowenisch", "griechisch", "tuerkisch",
        "israelisch", "chinesisch", "japanisch", "finnisch", "schwedisch", "norwegisch",
        "daenisch", "irisch", "schottisch")},
}
_COUNTRY_ADJ_RE = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(sorted(_COUNTRY_ADJECTIVES, key=len, reverse=True)) + r")(?:e|en|er|es|em)?\s+$")

#: German Länder (a pair with one of them is a regional partnership).
LAENDER = ("Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
           "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
           "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen")
_LAND_KEYS = {name_key(n) for n in LAENDER} | {name_key("Freistaat " + n) for n in
                                              ("Bayern", "Sachsen", "Thüringen")}
_CITY_STATES = {name_key(n) for n in ("Berlin", "Bremen", "Hamburg")}

# Words that are never (part of) a place name: capitalised function words, nouns of the trade.
_STOP = frozenset(fold(w) for w in """
    seit die der das den dem des ein eine einen einem einer auch am im in mit nach vor von zwischen
    bereits schon heute damals seitdem dabei zudem ausserdem ferner weitere weiterhin ebenfalls unsere
    unser unserer ihre ihr seine sein es sie er wir diese dieser dieses jedoch doch aber und oder als
    wie so nun erst zuletzt später anschliessend zunächst gleichzeitig insgesamt hier dort daher
    deshalb somit trotz wegen während bis ab um für über unter bei aus zum zur beim vom laut gemeinsam
    offiziell neben alle beide beiden viele jahr jahre jahren jahres jahrestag partnerschaft
    partnerschaften städtepartnerschaft städtepartnerschaften partnerstadt partnerstädte partnerstädten
    partnergemeinde partnergemeinden partnerkreis partnerkreise partnerregion partnerregionen partner
    freundschaft freundschaften städtefreundschaft kooperation kooperationen vereinbarung
    absichtserklärung vertrag verträge beziehungen kontakte stadt städte städten gemeinden kreise
    regionen delegation vertreter rat stadtrat gemeinderat kreistag landtag rathaus jubiläum bestehen
    austausch besuch gäste bürger menschen schüler jugend kultur sport wirtschaft verein förderverein
    freundeskreis gesellschaft forum krieg angriffskrieg zeit interesse ende anfang mitte stand quelle
    liste übersicht bundesrepublik monat frühjahr frühling sommer herbst winter absicht grundlage
    abkommen protokoll memorandum letter intent feier festakt hilfe projekte projekt begegnungen
    kontakt tag woche montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz
    april mai juni juli august september oktober november dezember hauptstadt landeshauptstadt
    universitätsstadt kreisstadt großstadt metropole hansestadt stadtteil ort orte dorf gemeinsame
    neue alte erste ersten zweite russische ukrainische deutsche deutsch-russische
    universität hochschule schule schulen vereine vereinen kirche zentrum haus institut
    partnerschaftsverein überblick tabelle nr siedlung dorf kurort verbindung verbindungen ost west
    nord süd osten westen norden süden rückblick
    """.split()) | frozenset(_COUNTRY_NOUNS) | frozenset(a + e for a in _COUNTRY_ADJECTIVES
                                                   for e in ("e", "en", "er", "es", "em"))
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "schaften", "tion", "tionen", "ität", "ismus",
                  "vertrag", "verträge", "abkommen", "erklärung", "beziehungen", "partner",
                  "partnerin", "meister", "meisterin", "städte", "austausch", "verein", "liste", "kreis-")
_NOUN_SUFFIXES = tuple(fold(s) for s in _NOUN_SUFFIXES)
# Titles: a capitalised run after one of them is a person, not a place.
_TITLES = frozenset(fold(w) for w in """
    oberbürgermeister oberbürgermeisterin bürgermeister bürgermeisterin landrat landrätin präsident
    präsidentin gouverneur gouverneurin herr frau dr prof ministerpräsident ministerpräsidentin
    botschafter botschafterin generalkonsul generalkonsulin stadtpräsident bürgermeisteramt
    stadtoberhaupt minister ministerin vorsitzende vorsitzender""".split())
# Type words that stay in a name when a real name word goes with them ("Rayon Dmitrow").
_TYPE_WORDS = frozenset(fold(w) for w in """
    kreis landkreis rayon gebiet oblast region republik bezirk stadtbezirk land freistaat gemeinde
    amt samtgemeinde verbandsgemeinde krai kraj""".split())
# Lower-case words inside a name ("Rostow am Don", "Mülheim an der Ruhr").
_CONNECTORS = ((("an", "der"), ("ob", "der"), ("in", "der"), ("am",), ("im",), ("in",), ("bei",), ("an",)))
# Words allowed between a list separator or "zwischen"/"und"/"mit" and the name that follows.
_DESCRIPTORS = frozenset(fold(w) for w in """
    der die das dem den des ehemaligen heutigen damaligen sowjetischen unserer unseren unsere
    seiner seinen ihrer ihren auch""".split())

_INTENT_RE = re.compile(
    r"absichtserkl[äa]rung|letter of intent|interesse an einer (?:st[äa]dte)?partnerschaft"
    r"|partnerschaft (?:wird |werde )?angestrebt|(?:eine )?partnerschaft an(?:zu)?streb"
    r"|k[üu]nftige[n]? (?:st[äa]dte)?partnerschaft|geplante[n]? (?:st[äa]dte)?partnerschaft"
    r"|gespr[äa]che? [üu]ber eine (?:st[äa]dte)?partnerschaft|partnerschaft (?:ist )?(?:geplant|in vorbereitung)"
    r"|partnerschaftsanbahnung")
_RELATION_RES = (
    ("regional", re.compile(r"regionalpartnerschaft|regionale[n]? partnerschaft")),
    ("cooperation", re.compile(r"kooperation|zusammenarbeitsvereinbarung"
                               r"|vereinbarung [üu]ber (?:die )?zusammenarbeit")),
    ("friendship", re.compile(r"freundschaft(?!lich)")),
    ("partnership", re.compile(r"partnerschaft|partnerst[äa]dt|partnerkreis|partnergemeinde"
                               r"|partnerregion|partnerschaftlich")),
)
_RELATION_RANK = {"partnership": 0, "regional": 1, "friendship": 2, "cooperation": 3, "intent": 4}
_NEGATED_RE = re.compile(r"(?:besteh\w*|gibt es|existier\w*)\s+(?:\w+\s+){0,2}(?:nicht|keine?)\b(?!\s+nur)"
                         r"|\bkeine\s+(?:\w+\s+)?(?:st[äa]dte)?partnerschaft")
_NEGATION_RE = re.compile(r"\b(?:kein|keine|keinen|nicht)\b[^,.;]{0,25}$")

_STATUS_RES = (
    ("kept", re.compile(r"fortgef[üu]hrt|fortgesetzt|aufrecht ?erhalten|h[äa]lt[^.;]{0,40}\bfest"
                        r"|halten[^.;]{0,40}\bfest|festhalten|bleibt bestehen|nicht ausgesetzt"
                        r"|nicht beendet|weiter(?:hin)? gepflegt")),
    ("ended", re.compile(r"beendet|aufgek[üu]ndigt|gek[üu]ndigt|aufgel[öo]st")),
    ("suspended", re.compile(r"ausgesetzt|auszusetzen|aussetzen|suspendiert")),
    ("paused", re.compile(r"\bruh(?:t|en|end|te)\b|ruhen zu lassen|eingefroren|einzufrieren|auf eis"
                          r"|pausiert|unterbrochen")),
)
_FOUNDING_CUE_RE = re.compile(
    r"gegr[üu]ndet|gr[üu]ndung|begr[üu]ndet|unterzeichn|unterschrieb|unterschrift|besiegelt"
    r"|geschlossen|schlossen|vereinbart|vertrag|vereinbarung|abkommen|erkl[äa]rung|beschlo"
    r"|beschluss|in kraft|ins leben|aufgenommen|eingegangen|entstand|besteh|begann|ratifiziert"
    r"|offiziell")
_NEGATIVE_CUE_RE = re.compile(
    r"feier|jubil[äa]um|j[äa]hrig|besuch|reiste|delegation|\bstand\b|festakt|jahrestag|zuletzt"
    r"|konferenz|treffen|tagung|geboren|gestorben|einwohner")
_BASIS_RES = (
    ("signed", re.compile(r"unterzeichn|unterschrieb|unterschrift|besiegelt|signiert")),
    ("decision", re.compile(r"beschlo|beschluss|beschlie")),
    ("in_force", re.compile(r"in kraft")),
    ("reaffirmed", re.compile(r"bekr[äa]ftigt|erneuert")),
)

# ---------------------------------------------------------------------------------------------
# the place list


@dataclass(frozen=True)
class Place:
    """A place of the offline list: today's German name, its country code and whether it is a region.

    >>> lookup_place("Leningrad")
    Place(name='Sankt Petersburg', country='RU', region=False, historic=True)
    """

    name: str
    country: str
    region: bool = False
    historic: bool = False


def _place_key(name: str) -> str:
    """A key that forgives the usual variations of German transliteration (ij/i, ss/s)."""
    key = name_key(name)
    key = re.sub(r"^sankt", "st", key)
    key = re.sub(r"ij|yj|iy|y", "i", key)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    text = resources.files("twinning_analysis").joinpath("data/russian_places_de.txt").read_text("utf-8")
    places: dict[str, Place] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, sep, names = line.partition(":")
        code, _, kind = head.strip().partition(" ")
        variants = [v.strip() for v in names.split(",") if v.strip()]
        if not sep or not variants or kind not in ("", "region"):
            raise TwinningError(f"russian_places_de.txt:{number}: cannot read {line!r}")
        today = variants[0]
        for variant in variants:
            historic = variant.startswith("~")
            place = Place(today, code, kind == "region", historic)
            places.setdefault(_place_key(variant.lstrip("~")), place)
    return places


def lookup_place(name: str) -> Place | None:
    """The listed place a name means (also under a type word or a bracket), or None.

    >>> lookup_place("Nischnij Nowgorod").name, lookup_place("Rayon Brest").country
    ('Nischni Nowgorod', 'BY')
    >>> lookup_place("Aachen") is None
    True
    """
    places = _places()
    bare = re.sub(r"\s*\(.*\)\s*$", "", name).strip()
    candidates = [name, bare]
    words = bare.split()
    if len(words) > 1 and fold(words[0]) in _TYPE_WORDS:
        candidates.append(" ".join(words[1:]))
    if len(words) > 1 and fold(words[-1]) in _TYPE_WORDS:
        candidates.append(" ".join(words[:-1]))
    for candidate in candidates:
        place = places.get(_place_key(candidate))
        if place:
            return place
    return None


# ---------------------------------------------------------------------------------------------
# text units: list items and sentences, each with the line it starts on

_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪►‣◦]|\d{1,3}[.)](?=\s+\D))\s+")
_TABLE_SPLIT_RE = re.compile(r"\s*(?:\t|\s\|\s?|\|)\s*")
_CONTINUE_END_RE = re.compile(r"(?:[,(\-]|\b(?:und|der|die|das|dem|den|des|zwischen|von|mit|am|im|in"
                              r"|seit|eine|einen|ein|einer|sowie))$")
_ABBREVIATIONS = frozenset("""st nr bzw ca dr prof jh str vgl ggf sog inkl evtl okt sept sep jan feb
    febr aug nov dez mio mrd abs art bd hl hr fr z b u a d h""".split())


@dataclass
class Unit:
    """One sentence or list item: its text and the line numbers its characters come from."""

    text: str
    kind: str  # "item" (a list line or fragment) or "sentence"
    starts: list[tuple[int, int]]  # (offset in text, line number), ascending
    heading: bool = False  # a "#" heading line

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
        if stripped.startswith("#"):
            flush()
            units.append(Unit(stripped.lstrip("#").strip(), "item", [(0, number)], heading=True))
            continue
        block.append((number, stripped))
        following = lines[number].strip() if number < len(lines) else ""
        continues = following and (following[0].islower() or _CONTINUE_END_RE.search(stripped))
        if not continues or _BULLET_RE.match(following):
            flush()
    flush()
    return units


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
        if fold(bare) in _COUNTRY_NOUNS:
            if places and not rest:
                places[-1][1] += f" ({bare})"
            else:
                rest.append(bare)
        elif not bare or _DATE_RE.search(bare) or _is_relation_text(bare) or not bare[0].isupper():
            rest.append(cell.strip())
        else:
            region = name_key(bare) in _LAND_KEYS or bool(_REGION_CELL_RE.search(bare))
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


def _is_relation_text(text: str) -> bool:
    low = text.lower()
    return bool(_INTENT_RE.search(low) or any(r.search(low) for _, r in _RELATION_RES))


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


# ---------------------------------------------------------------------------------------------
# dates

_MONTH = (r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
          r"|Dezember|Jan\.|Febr?\.|Apr\.|Aug\.|Sept?\.|Okt\.|Nov\.|Dez\.)")
_Y4 = r"(?:19|20)\d\d"
_DATE_RE = re.compile(rf"""
    (?<![\w.])
    (?P<seit>[Ss]eit\s+(?:(?:dem|den)\s+)?(?:Jahre?\s+)?)?
    (?:(?:[Aa]m|[Ii]m|[Vv]om)\s+(?:Jahre?\s+)?)?
    (?P<core>
        \d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:{_Y4}|\d\d)(?!\d)
      | \d{{1,2}}\.\s?{_MONTH}\s*{_Y4}
      | (?:(?:Anfang|Mitte|Ende)\s+)?{_MONTH}\s*{_Y4}
      | (?:Frühjahr|Frühling|Frühsommer|Sommer|Spätsommer|Herbst|Spätherbst|Winter)\s+{_Y4}(?:/\d\d(?:\d\d)?)?
      | (?:(?:Anfang|Mitte|Ende)\s+der\s+)?(?:19|20)\d0er(?:[\s-]Jahren?)?
      | (?:(?:Anfang|Mitte|Ende)\s+)?{_Y4}
    )
    (?![\w/]|[.,]\d|\s*[-–]\s*j[äa]hrig|\s+(?:Einwohner|Menschen|Euro|km|Mitglieder|Schüler|Gäste))
""", re.X)


@dataclass(frozen=True)
class DateMention:
    """A date phrase in a unit: ``text`` as written (lead-in "am"/"im" dropped, "seit" kept)."""

    start: int
    end: int
    text: str
    core: str
    seit: bool
    year: int


def find_dates(text: str) -> list[DateMention]:
    """Date phrases in a text, in order.

    >>> [d.text for d in find_dates("Am 14. Mai 1991 unterzeichnet, seit 1988 befreundet")]
    ['14. Mai 1991', 'seit 1988']
    """
    found = []
    for match in _DATE_RE.finditer(text):
        start = match.start("seit") if match.group("seit") else match.start("core")
        year = int(re.search(r"(?:19|20)\d\d|(?<=\.)\d\d$", match.group("core")).group()[-4:])
        if year < 100:
            year += 2000 if year < 30 else 1900
        found.append(DateMention(start, match.end("core"), text[start:match.end("core")],
                                 match.group("core"), bool(match.group("seit")), year))
    return found


# ---------------------------------------------------------------------------------------------
# place mentions

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class Mention:
    """A place name in a unit, with what the text says about its country."""

    name: str
    start: int  # where the name starts in the unit
    end: int  # where the name ends (a qualifier bracket included)
    after: int  # end of what belongs to it: hint brackets, ", Russland"
    run_start: int  # start of the capitalised run the name was cut from
    hint: str | None = None  # country code the text gives
    bracket_dates: list[DateMention] = field(default_factory=list)


def _is_stop(word: str) -> bool:
    key = fold(word)
    return key in _STOP or key in _TITLES or key.endswith(_NOUN_SUFFIXES) or len(key) < 2


def find_mentions(text: str) -> list[Mention]:
    """Place names in a text: runs of capitalised words without the function words and nouns around them.

    >>> [m.name for m in find_mentions("Seit 1988 bestehen Beziehungen zwischen der Stadt Jena und Rostow am Don.")]
    ['Jena', 'Rostow am Don']
    """
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        if not words[i][0][0].isupper():
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(words):
            gap = text[words[j - 1][2]:words[j][1]]
            if not _joins(gap, words[j - 1][0]):
                break
            if words[j][0][0].isupper():
                run.append(j)
                j += 1
                continue
            k = _connector_end(words, j, text)
            if k is None:
                break
            run.extend(range(j, k + 1))
            j = k + 1
        mentions.extend(_cut_run(text, [words[n] for n in run]))
        i = j
        while mentions and i < len(words) and words[i][1] < mentions[-1].after:
            i += 1  # words in a bracket that belongs to the last name
    return mentions


def _joins(gap: str, previous: str) -> bool:
    return gap.strip() == "" and gap.count("\n") == 0 or (previous == "St" and gap.strip() == ".")


def _connector_end(words, j: int, text: str) -> int | None:
    """Index of the capitalised word after a connector ("am", "an der") starting at ``j``."""
    for connector in _CONNECTORS:
        k = j + len(connector)
        if k >= len(words):
            continue
        if tuple(w[0] for w in words[j:k]) != connector:
            continue
        if any(text[words[n - 1][2]:words[n][1]].strip() for n in range(j + 1, k + 1)):
            continue
        if words[k][0][0].isupper() and not _is_stop(words[k][0]):
            return k
    return None


def _cut_run(text: str, run: list[tuple[str, int, int]]) -> list[Mention]:
    """Split a capitalised run at stop words; drop persons (after a title) and bare type words."""
    pieces, current = [], []
    for word in run:
        if fold(word[0]) in _TITLES:
            return [m for m in (_piece_mention(text, p, run[0][1]) for p in pieces) if m]
        if word[0][0].isupper() and _is_stop(word[0]) and not (word[0] == "St" and text[word[2]:word[2] + 1] == "."):
            if current:
                pieces.append(current)
            current = []
        else:
            current.append(word)
    if current:
        pieces.append(current)
    return [m for m in (_piece_mention(text, p, run[0][1]) for p in pieces) if m]


def _piece_mention(text: str, piece, run_start: int) -> Mention | None:
    while piece and piece[-1][0][0].islower():  # a connector cannot end a name
        piece = piece[:-1]
    if not piece or all(fold(w[0]) in _TYPE_WORDS for w in piece):
        return None
    start, end = piece[0][1], piece[-1][2]
    if piece[-1][0] == "St":
        return None
    name = text[start:end]
    genitive = re.match(r"(Landkreis|Kreis|Rayon|Gebiet|Bezirk)e?s\s", name)
    if genitive:  # "des Kreises Herford" -> "Kreis Herford"
        name = genitive.group(1) + name[genitive.end() - 1:]
    mention = Mention(name, start, end, end, run_start)
    _attach_after(text, mention)
    _attach_before(text, mention)
    return mention


_BRACKET_RE = re.compile(r"\s*\(([^()]*)\)")
_AFTER_COUNTRY_RE = re.compile(r"(?:\s*,\s*|\s+(?:in\s+(?:der\s+)?|im\s+)?)(" + _COUNTRY_ALTERNATIVES + r")\b")


def _attach_after(text: str, mention: Mention) -> None:
    """Read a bracket after the name: country words are hints, dates are its dates, names qualify it."""
    bracket = _BRACKET_RE.match(text, mention.end)
    if bracket:
        qualifiers = []
        inner_start = bracket.start(1)
        for part in re.finditer(r"[^,;]+", bracket.group(1)):
            chunk = part.group().strip()
            key = fold(chunk)
            dates = find_dates(chunk)
            if key in _COUNTRY_NOUNS:
                mention.hint = _COUNTRY_NOUNS[key]
            elif dates:
                offset = inner_start + part.start() + (len(part.group()) - len(part.group().lstrip()))
                mention.bracket_dates.extend(
                    DateMention(d.start + offset, d.end + offset, d.text, d.core, d.seit, d.year)
                    for d in dates)
            elif (chunk and chunk[0].isupper() and not re.search(r"\d", chunk) and len(chunk.split()) <= 3
                  and not _is_relation_text(chunk) and (key == "oder" or not _is_stop(chunk.split()[0]))
                  or key in _TYPE_WORDS):
                qualifiers.append(chunk)
                place = lookup_place(chunk)
                if place and mention.hint is None:
                    mention.hint = place.country
        if qualifiers:
            mention.name = f"{mention.name} ({', '.join(qualifiers)})"
            mention.end = bracket.end()
        mention.after = bracket.end()
    country = _AFTER_COUNTRY_RE.match(text, mention.after)
    if country and mention.hint is None:
        mention.hint = _COUNTRY_NOUNS.get(fold(country.group(1)))
        mention.after = country.end()


def _attach_before(text: str, mention: Mention) -> None:
    """A country adjective just before the name: "der russischen Stadt Kostroma"."""
    if mention.hint is not None:
        return
    before = fold(text[max(0, mention.run_start - 40):mention.run_start])
    adjective = _COUNTRY_ADJ_RE.search(before)
    if adjective:
        mention.hint = _COUNTRY_ADJECTIVES[adjective.group(1)]


# ---------------------------------------------------------------------------------------------
# which side is which


@dataclass(frozen=True)
class Side:
    """A place of a pair with its country as far as known: DE, RU, another post-Soviet code, XX, SU or None."""

    name: str
    country: str | None
    region: bool = False
    today: str | None = None


_RU_TYPE_RE = re.compile(r"^(?:Rayon|Rajon|Gebiet|Oblast|Krai|Kraj|Republik)\s+(.+)$"
                         r"|^(.+?)\s+(?:Gebiet|Oblast|Krai|Kraj)$"
                         r"|^(.+?)er\s+Gebiet$")
_DE_TYPE_RE = re.compile(r"^(?:Landkreis|Kreis|Stadtbezirk|Samtgemeinde|Verbandsgemeinde|Amt|Bezirk)\s"
                         r"|-?[Kk]reis(?:\s*\(|$)|\((?:Landkreis|Kreis)\)$|^(?:Berlin|Hamburg)[- ]\w")


def classify(mention: Mention, de_city: str | None) -> Side:
    """Country of a mentioned place: the text's own hint first, then the German city, type words, the list.

    >>> m = find_mentions("Kostroma (Russland)")[0]; classify(m, None).country
    'RU'
    >>> classify(find_mentions("Leningrad")[0], None).today
    'Sankt Petersburg'
    """
    name = mention.name
    place = lookup_place(name)
    today = place.name if place and place.historic else None
    if mention.hint and mention.hint != "SU":
        region = bool(place and place.region) if mention.hint == (place.country if place else None) else False
        return Side(name, mention.hint, region, today)
    if de_city and name_key(name) == name_key(de_city):
        return Side(name, "DE")
    if name_key(name) in _LAND_KEYS:
        return Side(name, "DE", region=name_key(name) not in _CITY_STATES)
    ru_type = _RU_TYPE_RE.match(name)
    if ru_type:
        inner = next(g for g in ru_type.groups() if g)
        inner_place = lookup_place(inner)
        rayon = fold(name).startswith(("rayon", "rajon"))
        return Side(name, inner_place.country if inner_place else "RU", not rayon)
    if _DE_TYPE_RE.search(name):
        return Side(name, "DE")
    if place:
        return Side(name, place.country, place.region, today)
    return Side(name, mention.hint)  # "SU" or None


def _foreign(side: Side) -> bool:
    return side.country == "RU" or side.country in OTHER_SOVIET or side.country == "SU"


# ---------------------------------------------------------------------------------------------
# pairs in a unit


@dataclass
class Pair:
    """Two mentions read as partners, with the text spans their own facts come from."""

    a: Mention
    b: Mention
    own: list[tuple[int, int]]  # spans whose dates, relation and status belong to this pair
    shared: list[tuple[int, int]] = field(default_factory=list)  # spans shared with other pairs
    default_relation: str | None = None
    strong: bool = True  # the shape of the text makes it a pair even if neither country is known


@dataclass
class _Context:
    de_city: str | None = None  # from a heading or --de-city
    last_de: str | None = None  # German side of the last pair read, for "die Stadt" in the next sentence
    last_line: int = 0
    line: int = 0  # line of the unit being read


_SEPARATOR_RE = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|\s*↔\s*|\s*<->\s*|\s+/\s+")
_CONTEXT_RE = re.compile(
    r"(?:Partnerst[äa]dte|Partnergemeinden|Partnerkreise|Partnerregionen|St[äa]dtepartnerschaften"
    r"|St[äa]dtefreundschaften|Partnerschaften)\s+(?:der|des|von)\s+")
_PARTNER_OF_RE = re.compile(r"Partner(?:stadt|gemeinde|kreis|region)\s+"
                            r"(?:von|der\s+Stadt|des\s+(?:Land)?[Kk]reises)\s+")
_OWNER_RE = re.compile(r"\s+und\s+(?:seine|ihre)\s+Partner")


def _update_context(unit: Unit, mentions: list[Mention], context: _Context) -> bool:
    """Take the German city from a heading like "Partnerstädte der Stadt Jena"; True if one was found."""
    for match in _CONTEXT_RE.finditer(unit.text):
        following = [m for m in mentions if m.run_start >= match.end()]
        if following and following[0].run_start - match.end() < 30:
            context.de_city = following[0].name
            return True
    for mention in mentions:
        if _OWNER_RE.match(unit.text, mention.after):
            context.de_city = mention.name
            return True
    return False


def _gap_is_descriptive(text: str) -> bool:
    """Only articles, adjectives and words like "Stadt" between a connective and a name."""
    for word in re.findall(r"[^\W\d_]+", text):
        key = fold(word)
        if key in _DESCRIPTORS or key in _STOP or re.fullmatch(r"\w+isch(?:e|en|er|es|em)?", key):
            continue
        return False
    return not re.search(r"[,.;:\d]", text)


def _next_mention(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The first mention after ``position`` if only descriptive words come between."""
    for mention in mentions:
        if mention.start >= position:
            return mention if _gap_is_descriptive(text[position:mention.run_start]) else None
    return None


# What may follow a list element after a comma: its country, its date, a bracket.
_TRAILER_RE = re.compile(r"\s*(?:(?:" + _COUNTRY_ALTERNATIVES + r")\b"
                         r"|(?:seit|ab|bis|vom|am)?\s*[\d.]+(?:\s*\w+\s*\d{4})?"
                         r"|\s)*\s*(?:\([^()]*\))?\s*[.;]?\s*")
_LIST_SEPARATOR_RE = re.compile(r"\s*(?:[,;]|\bund\b|\bsowie\b|\boder\b)\s*")


def _next_separator(text: str, position: int, end: int) -> int:
    """Where the next list separator outside brackets starts (``end`` if none)."""
    depth = 0
    for i in range(position, end):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0 and (text[i] in ",;" or (text[i].isspace() and re.match(r"\s(?:und|sowie|oder)\s", text[i:]))):
            return i
    return end


def _list_elements(text: str, mentions: list[Mention], start: int, end: int) -> list[tuple[Mention, int, int]]:
    """The places of a list "A (1990), B (Russland, 1988) und C" from ``start``, each with its span.

    A chunk without a place ("A, Russland, seit 1991") belongs to the element before it.
    """
    elements: list[tuple[Mention, int, int]] = []
    position = start
    while position < end:
        mention = _next_mention(mentions, text, position)
        if mention is None:
            break
        cut = _next_separator(text, mention.after, end)
        closed = False
        while cut < end:
            chunk_start = _LIST_SEPARATOR_RE.match(text, cut).end()
            chunk_end = _next_separator(text, chunk_start, end)
            if any(chunk_start <= m.start < chunk_end for m in mentions):
                break
            if not _TRAILER_RE.fullmatch(text[chunk_start:chunk_end]):
                closed = True  # a clause, not a list element: the list ends here
                break
            cut = chunk_end
        elements.append((mention, mention.run_start, cut))
        if cut >= end or closed:
            break
        position = _LIST_SEPARATOR_RE.match(text, cut).end()
    return elements


def find_pairs(unit: Unit, mentions: list[Mention], context: _Context) -> list[Pair]:
    """The pairs a unit states, tried shape by shape: dash pair, list, "zwischen", "und", "mit", context."""
    text, whole = unit.text, [(0, len(unit.text))]
    # 1. "A - B: ..." (a list line or item)
    separator = _SEPARATOR_RE.search(text)
    if separator:
        left = [m for m in mentions if m.after <= separator.start() + 1]
        right = _next_mention(mentions, text, separator.end())
        if left and right and (unit.kind == "item" or _gap_is_descriptive(text[:left[-1].run_start])):
            return [Pair(left[-1], right, whole)]
    # 2. lists: "Partnerstädte von Jena: A (1990), B", "Jena pflegt Partnerschaften mit A, B und C"
    intro = _list_intro(text)
    if intro is not None:
        owner, start, relation = _list_owner(text, mentions, intro, context)
        elements = _list_elements(text, mentions, start, len(text))
        elements = [e for e in elements if owner is None or e[0] is not owner]
        if owner is not None and elements:
            own_spans = [(s, e) for _, s, e in elements]
            shared = _outside(own_spans, len(text))
            if len(elements) == 1:
                return [Pair(owner, elements[0][0], whole, [], relation)]
            return [Pair(owner, m, [(s, e)], shared, relation) for m, s, e in elements]
    pairs: list[Pair] = []
    # 3. "zwischen A und B"
    for match in re.finditer(r"\b[Zz]wischen\s+", text):
        a = _next_mention(mentions, text, match.end())
        if a is None:
            continue
        und = re.compile(r"\s*\bund\b\s*").match(text, a.after)
        b = _next_mention(mentions, text, und.end()) if und else None
        if b is not None:
            pairs.append(Pair(a, b, []))
    # 4. "A und B" (with one side known), 5. "Partnerstadt von A"
    if not pairs:
        for match in re.finditer(r"\s+(?:und|sowie)\s+", text):
            left = [m for m in mentions if m.after == match.start()]
            b = _next_mention(mentions, text, match.end())
            if left and b:
                pairs.append(Pair(left[-1], b, [], strong=False))
        for match in _PARTNER_OF_RE.finditer(text):
            anchor = _next_mention(mentions, text, match.end())
            others = [m for m in mentions if anchor is not None and m is not anchor]
            if anchor and others:
                pairs.append(Pair(others[0], anchor, [], strong=False))
    if pairs:
        return _segment(pairs, len(text))
    # 6. "A ... mit B" in a sentence: the subject before "mit"
    mit = re.search(r"\b[Mm]it\s+", text)
    if mit:
        b = _next_mention(mentions, text, mit.end())
        before = [m for m in mentions if m.after <= mit.start() and m is not b]
        after = [m for m in mentions if b is not None and m.start >= b.after]
        a = before[0] if before else after[0] if after else _context_mention(context) or _anaphor(text, context)
        if a is not None and b is not None:
            return [Pair(a, b, whole, strong=bool(before or after))]
    # 7. a single partner under a heading's German city
    owner = _context_mention(context)
    if owner is not None and mentions:
        others = [m for m in mentions if name_key(m.name) != name_key(owner.name)]
        if unit.kind == "item" and len(others) == 1 and not separator and _lone_partner(text, others[0], owner):
            return [Pair(owner, others[0], whole)]
        foreign = [m for m in others if _foreign(classify(m, owner.name))]
        if foreign and len(foreign) == len(others) and _is_relation_text(text):
            if len(foreign) == 1:
                return [Pair(owner, foreign[0], whole)]
            spans = [(m.run_start, m.after) for m in foreign]
            return [Pair(owner, m, [span], _outside(spans, len(text))) for m, span in zip(foreign, spans)]
    return []


def _lone_partner(text: str, mention: Mention, owner: Mention) -> bool:
    """True if a list item with one place names a partner of the heading's city ("Kasan (Russland), seit 1991"),
    not a heading ("Partnerstädte im Überblick:")."""
    before = text[:mention.run_start]
    return (not text.rstrip().endswith(":") and _gap_is_descriptive(before)
            and not re.search(r"\b(?:im|in|am|an|von|aus|nach|zu|bei|mit|zur|zum|vom)\s+$", before)
            and bool(classify(mention, owner.name).country or find_dates(text) or "(" in text))


def _anaphor(text: str, context: _Context) -> Mention | None:
    """The German place of the sentence before, if this one refers to it as "die Stadt", "der Kreis"."""
    if context.last_de and context.line - context.last_line <= 1 and re.search(
            r"\b(?:die|der|unsere|unserer|unser)\s+(?:Stadt|Gemeinde|Kreis|Landkreis)\b(?!\s+[A-ZÄÖÜ])", text):
        return Mention(context.last_de, -1, -1, -1, -1, "DE")
    return None


def _context_mention(context: _Context) -> Mention | None:
    if not context.de_city:
        return None
    return Mention(context.de_city, -1, -1, -1, -1, "DE")


def _list_intro(text: str) -> int | None:
    """Where a list of partner places starts: after a colon, "mit" or "sind" following a Partner word."""
    colon = re.search(r":\s*", text)
    if colon and not re.search(r"\d$", text[:colon.start()]):
        head = text[:colon.start()]
        if re.search(r"Partner|[Ff]reundschaft|Kooperation", head) or _is_single_name(head):
            return colon.start()
    match = re.search(r"\w*(?:[Pp]artner\w*|[Ff]reundschaften|[Kk]ooperationen)\b[^.;:]{0,60}?\b(?:mit|sind|lauten)\s+",
                      text)
    if match and re.search(r"[,;]|\bund\b|\bsowie\b", text[match.end():]):
        return match.end() - len(re.search(r"(?:mit|sind|lauten)\s+$", match.group()).group())
    return None


def _is_single_name(text: str) -> bool:
    """True if ``text`` is one place name and nothing else ("Hannover", "Kreis Herford")."""
    mentions = find_mentions(text)
    return len(mentions) == 1 and not text[mentions[0].after:].strip() and _gap_is_descriptive(
        text[:mentions[0].run_start])


def _list_owner(text: str, mentions: list[Mention], intro: int, context: _Context):
    """The German side of a list, the position its elements start from and the relation its intro names."""
    start = re.compile(r"(?::|mit|sind|lauten)\s*").match(text, intro).end()
    head = text[:intro]
    relation = None
    low = head.lower()
    if re.search(r"freundschaft", low):
        relation = "friendship"
    elif re.search(r"kooperation", low):
        relation = "cooperation"
    owner = None
    for match in _CONTEXT_RE.finditer(head):
        following = [m for m in mentions if m.run_start >= match.end() and m.after <= intro + 1]
        if following:
            owner = following[0]
    if owner is None:
        before = [m for m in mentions if m.after <= intro + 1]
        if before:
            owner = before[0]
    if owner is None:
        owner = _context_mention(context)
    return owner, start, relation


def _outside(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    result, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            result.append((position, start))
        position = max(position, end)
    if position < length:
        result.append((position, length))
    return result


def _segment(pairs: list[Pair], length: int) -> list[Pair]:
    """Give each pair of a sentence the stretch from its first name to the next pair's."""
    unique: list[Pair] = []
    for pair in pairs:
        if not any({id(pair.a), id(pair.b)} == {id(p.a), id(p.b)} for p in unique):
            unique.append(pair)
    unique.sort(key=lambda p: min(p.a.start, p.b.start))
    for n, pair in enumerate(unique):
        start = 0 if n == 0 else min(pair.a.start, pair.b.start)
        end = length if n + 1 == len(unique) else min(unique[n + 1].a.start, unique[n + 1].b.start)
        pair.own = [(start, end)]
    return unique


# ---------------------------------------------------------------------------------------------
# rows


@dataclass
class Problem:
    """A line the reader could not turn into a row (or chose to skip), and why."""

    line: int
    text: str
    reason: str


@dataclass
class Extraction:
    """What :func:`extract_text` found: rows (dicts with :data:`COLUMNS`), their lines, problems, skips."""

    rows: list[dict[str, str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        """How many rows carry a flag a reviewer must check."""
        return sum(1 for row in self.rows if _FLAG_RE.search(row["note"]))


_FLAG_RE = re.compile(r"partner outside Russia|country not known|date not understood")


def _in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _distance(pattern: re.Pattern, low: str, date: DateMention, reach: int, clause: bool = False) -> int | None:
    """Characters between the date and the nearest match of ``pattern`` within ``reach``
    (or, with ``clause``, anywhere in the date's clause between commas), or None."""
    start, end = max(0, date.start - reach), min(len(low), date.end + reach)
    if clause:
        start = min(start, max(low.rfind(",", 0, date.start), low.rfind(";", 0, date.start)) + 1)
        stops = [i for i in (low.find(",", date.end), low.find(";", date.end)) if i >= 0]
        end = max(end, min(stops, default=len(low)))
    best = None
    for match in pattern.finditer(low, start, end):
        gap = max(date.start - match.end(), match.start() - date.end, 0)
        best = gap if best is None else min(best, gap)
    return best


def _pick_date(text: str, dates: list[DateMention], spans, pair: Pair, item: bool,
               status_words: bool) -> tuple[DateMention | None, list[DateMention]]:
    """The founding date among the dates in ``spans``, and the other dates seen there."""
    low = text.lower()
    scored = []
    bracket_ids = {(d.start, d.end) for d in pair.a.bracket_dates + pair.b.bracket_dates}
    for date in dates:
        if not _in_spans(date.start, spans):
            continue
        if status_words and date.year >= 2022:
            continue
        score = 1 if item else 0
        if date.seit:
            score += 3
        if (date.start, date.end) in bracket_ids:
            score += 3
        cue = _distance(_FOUNDING_CUE_RE, low, date, 60, clause=True)
        against = _distance(_NEGATIVE_CUE_RE, low, date, 40)
        if cue is not None and (against is None or cue < against):
            score += 2
        if against is not None and (cue is None or against <= cue):
            score -= 3
        scored.append((score, -date.start, date))
    if not scored:
        return None, []
    score, _, best = max(scored, key=lambda s: (s[0], s[1]))
    if score <= 0:
        return None, [d for _, _, d in scored]
    return best, [d for _, _, d in scored if d is not best]


def _relation(text: str, spans, date: DateMention | None, pair: Pair) -> tuple[str | None, set[str]]:
    """The relation named in ``spans`` nearest the date (or the pair), and all relations named."""
    low = text.lower()
    hits: list[tuple[int, str]] = []
    masked = low
    for match in _INTENT_RE.finditer(low):
        if _in_spans(match.start(), spans):
            hits.append((match.start(), "intent"))
        masked = masked[:match.start()] + " " * (match.end() - match.start()) + masked[match.end():]
    for relation, pattern in _RELATION_RES:
        for match in pattern.finditer(masked):
            if not _in_spans(match.start(), spans) or _NEGATION_RE.search(masked[:match.start()]):
                continue
            masked = masked[:match.start()] + " " * (match.end() - match.start()) + masked[match.end():]
            hits.append((match.start(), relation))
    if not hits:
        return None, set()
    places = [p for p in (pair.a.start, pair.b.start) if p >= 0]
    anchor = date.start if date is not None else min(places, default=0)
    kinds = {kind for _, kind in hits}
    if "intent" in kinds:
        return "intent", kinds
    chosen = min(hits, key=lambda h: (abs(h[0] - anchor), _RELATION_RANK[h[1]]))[1]
    return chosen, kinds


def _status(text: str, dates: list[DateMention], spans) -> tuple[str, str]:
    low = text.lower()
    for status, pattern in _STATUS_RES:
        match = next((m for m in pattern.finditer(low) if _in_spans(m.start(), spans)), None)
        if match:
            later = [d for d in dates if d.year >= 2022 and _in_spans(d.start, spans)]
            # the nearest date, preferring one after the word ("ruht seit März 2022")
            near = min(later, key=lambda d: max(d.start - match.end(), match.start() - d.end, 0)
                       + (5 if d.end <= match.start() else 0), default=None)
            return status, near.core if near else ""
    return "", ""


def _basis(text: str, date: DateMention | None) -> str:
    if date is None or date.seit:
        return ""
    low = text.lower()
    best = ("", 10**9)
    for basis, pattern in _BASIS_RES:
        for match in pattern.finditer(low):
            distance = abs(match.start() - date.start)
            if distance < 80 and distance < best[1]:
                best = (basis, distance)
    if not best[0] and re.search(r"(?:vertrag|abkommen|vereinbarung|erkl[äa]rung)\w*\s+\(?(?:vom\s+|von\s+"
                                 r"|aus\s+dem\s+jahre?\s+)?$", low[:date.start]):
        return "signed"  # the date of a treaty is the day it was signed
    return best[0]


def _orient(a: Side, b: Side) -> tuple[Side, Side, list[str]] | None:
    """(German side, partner, notes), or None if the pair is not German–post-Soviet."""
    if ABROAD in (a.country, b.country):
        return None
    if a.country == "DE" and b.country == "DE":
        return None
    if _foreign(a) and _foreign(b):
        return None
    if _foreign(a) or b.country == "DE":
        a, b = b, a
    notes = []
    if b.country is None or b.country == "SU":
        notes.append("country not known" + (" (Soviet Union)" if b.country == "SU" else ""))
    elif b.country in OTHER_SOVIET:
        notes.append(f"partner outside Russia: {OTHER_SOVIET[b.country]}")
    return a, b, notes


def _rows_for(unit: Unit, pair: Pair, context: _Context, dates: list[DateMention]) -> list[dict] | None:
    """Candidate rows for a pair (one per claim), or None if it is not a German–post-Soviet pair."""
    a, b = classify(pair.a, context.de_city), classify(pair.b, context.de_city)
    if a.country is None and b.country is None and not pair.strong:
        return None
    oriented = _orient(a, b)
    if oriented is None:
        return None
    de, ru, flags = oriented
    if unit.kind == "sentence" and _NEGATED_RE.search(unit.text.lower()):
        return []  # "Eine Partnerschaft zwischen X und Y besteht nicht": read, but no claim
    if ru.today:
        flags.append(f"older name; today {ru.today}")
    status = _status(unit.text, dates, pair.own + pair.shared)
    claims = _claims(unit, pair, dates)
    rows = []
    for own, shared in claims:
        claim = Pair(pair.a, pair.b, own, shared, pair.default_relation, pair.strong)
        rows.append(_claim_row(unit, claim, de, ru, list(flags), dates, status))
    return rows


def _claims(unit: Unit, pair: Pair, dates: list[DateMention]) -> list[tuple[list, list]]:
    """The spans of each claim: one for the pair, or one per clause when clauses name different
    relations with their own dates ("Freundschaft seit 2004, Partnerschaftsvertrag 2008")."""
    clauses = []
    for start, end in pair.own:
        position = start
        while position < end:
            cut = _next_clause_end(unit.text, position, end)
            clauses.append((position, cut))
            position = cut + 1
    found = []
    for clause in clauses:
        in_clause = [d for d in dates if clause[0] <= d.start < clause[1]]
        relation, _ = _relation(unit.text, [clause], in_clause[0] if in_clause else None, pair)
        if relation and in_clause:
            found.append((clause, relation))
    if len(found) >= 2 and len({relation for _, relation in found}) >= 2:
        return [([clause], []) for clause, _ in found]
    return [(pair.own, pair.shared)]


def _next_clause_end(text: str, position: int, end: int) -> int:
    depth = 0
    for i in range(position, end):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0 and text[i] in ",;":
            return i
    return end


def _claim_row(unit: Unit, pair: Pair, de: Side, ru: Side, notes: list[str], dates: list[DateMention],
               status: tuple[str, str]) -> dict:
    text, low = unit.text, unit.text.lower()
    status_words = any(p.search(low) for _, p in _STATUS_RES)
    item = unit.kind == "item"
    date, others = _pick_date(text, dates, pair.own, pair, item, status_words)
    if date is None and not any(_in_spans(d.start, pair.own) for d in dates) and pair.shared:
        date, others = _pick_date(text, dates, pair.shared, pair, item, status_words)
    relation, kinds = _relation(text, pair.own, date, pair)
    if relation is None:
        relation, kinds = _relation(text, pair.shared or [(0, len(text))], date, pair)
    relation = relation or pair.default_relation or "partnership"
    if relation == "partnership" and de.region and de.country == "DE":
        relation = "regional"
    founded = ""
    if date is not None:
        founded = date.text
        try:
            parse_date(founded)
        except DateError as err:
            notes.insert(1 if notes and notes[0].startswith("partner outside") else 0,
                         f"date not understood: {err}")
    extra = sorted(kinds - {relation} - ({"partnership"} if relation == "regional" else set()))
    if extra:
        notes.append("text also names " + ", ".join(extra))
    skipped_dates = [d.text for d in others if not (status[0] and d.core == status[1])]
    if skipped_dates:
        notes.append("other date in the text: " + ", ".join(skipped_dates))
    first = min((p for p in (pair.a.start, pair.b.start) if p >= 0), default=0)
    notes.append(f"line {unit.line_at(first)}")
    return {"record_id": "", "de_name": de.name, "ru_name": ru.name, "relation": relation,
            "founded_text": founded, "founded_basis": _basis(text, date), "status": status[0],
            "status_date_text": status[1], "source_id": "", "note": "; ".join(notes)}


def _looks_readable(line: str, mentions: list[Mention]) -> bool:
    """A line worth reporting if no row came of it: a year, a place and a dash, two places and a colon."""
    return bool(re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", line)
                or mentions and re.search(r"\s[-–—](?:\s|$)|[–—]", line)
                or len(mentions) >= 2 and ":" in line)


def extract_text(text: str, source_id: str, start_id: str = "P5001",
                 de_city: str | None = None) -> Extraction:
    """Read German text into candidate rows numbered from ``start_id``.

    >>> r = extract_text("Unsere Partnerstädte: Tours (Frankreich, 1962), Jaroslawl (Russland, 1988)",
    ...                  "s", de_city="Poitiers-Ost")
    >>> [(x["de_name"], x["ru_name"], x["founded_text"]) for x in r.rows]
    [('Poitiers-Ost', 'Jaroslawl', '1988')]
    """
    prefix, number, width = _split_id(start_id)
    context = _Context(de_city)
    result = Extraction()
    lines = text.splitlines()
    read_lines: set[int] = set()
    unread: dict[int, str] = {}
    previous: tuple[Unit | None, list[dict]] = (None, [])
    for unit in split_units(text):
        mentions = find_mentions(unit.text)
        dates = find_dates(unit.text)
        context.line = unit.line
        context_found = _update_context(unit, mentions, context)
        if not context_found and unit.heading and len(mentions) == 1:
            side = classify(mentions[0], None)
            if side.country in (None, "DE") and not side.region:
                context.de_city, context_found = mentions[0].name, True
        if context_found and unit.kind == "item" and not _SEPARATOR_RE.search(unit.text) \
                and _list_intro(unit.text) is None:
            read_lines.add(unit.line)
            previous = (unit, [])
            continue
        produced, new_rows = context_found, []
        for pair in find_pairs(unit, mentions, context):
            rows = _rows_for(unit, pair, context, dates)
            if rows is None:
                a, b = classify(pair.a, context.de_city), classify(pair.b, context.de_city)
                if ABROAD in (a.country, b.country) or (_foreign(a) and _foreign(b)):
                    result.skipped.append(Problem(unit.line, unit.text, f"not a German–post-Soviet pair: "
                                                  f"{pair.a.name} / {pair.b.name}"))
                    produced = True
                continue
            produced = True
            for row in rows:
                row["source_id"] = source_id
                kept = _add_row(result, row, unit.line)
                if kept is not None:
                    new_rows.append(kept)
                context.last_de, context.last_line = row["de_name"], unit.starts[-1][1]
        if not produced and _carry_status(unit, mentions, dates, previous, context):
            produced = True
        if produced:
            read_lines.update(n for _, n in unit.starts)
        elif _looks_readable(lines[unit.line - 1], mentions) and not unit.text.rstrip().endswith(":"):
            unread.setdefault(unit.line, _why_unread(unit, mentions, dates, context))
        previous = (unit, new_rows)
    for n, row in enumerate(result.rows):
        row["record_id"] = f"{prefix}{number + n:0{width}d}"
    for line, reason in sorted(unread.items()):
        if line not in read_lines:
            result.problems.append(Problem(line, lines[line - 1].strip(), reason))
    return result


def _add_row(result: Extraction, row: dict, line: int) -> dict | None:
    """Append a row unless the text already gave that claim; return the row kept (or updated)."""
    same_pair = [r for r in result.rows
                 if (name_key(r["de_name"]), name_key(r["ru_name"])) == (name_key(row["de_name"]),
                                                                         name_key(row["ru_name"]))]
    for earlier in same_pair:
        if earlier["relation"] == row["relation"] and not earlier["founded_text"] and not earlier["status"] \
                and row["founded_text"]:
            earlier.update({k: v for k, v in row.items() if k != "record_id"})
            return earlier  # the dated statement replaces an undated mention of the same claim
    if same_pair and (not row["founded_text"] or any(
            r["relation"] == row["relation"] and r["founded_text"] == row["founded_text"] for r in same_pair)):
        earlier = same_pair[0]
        if row["status"] and not earlier["status"]:
            earlier["status"], earlier["status_date_text"] = row["status"], row["status_date_text"]
            earlier["note"] += f"; status from line {line}"
        return None  # a repeat of a claim already read
    result.rows.append(row)
    result.row_lines.append(line)
    return row


def _carry_status(unit: Unit, mentions: list[Mention], dates: list[DateMention],
                  previous: tuple[Unit | None, list[dict]], context: _Context) -> bool:
    """A sentence that only reports a status ("Seit März 2022 ruht die Partnerschaft.") right after a
    sentence with exactly one pair: the status goes to that pair. No founding date ever moves."""
    before, rows = previous
    if before is None or len(rows) != 1 or unit.line - before.starts[-1][1] > 1:
        return False
    others = [m for m in mentions if classify(m, context.de_city).country not in (None, "DE")]
    low = unit.text.lower()
    if others or not (_is_relation_text(unit.text) or re.match(r"(?:sie|diese)\b", low)
                      or re.search(r"kontakte|beziehungen|zusammenarbeit", low)):
        return False
    status, status_date = _status(unit.text, dates, [(0, len(unit.text))])
    if not status or rows[0]["status"]:
        return False
    rows[0]["status"], rows[0]["status_date_text"] = status, status_date
    rows[0]["note"] += f"; status from the next sentence (line {unit.line})"
    return True


def _why_unread(unit: Unit, mentions: list[Mention], dates: list[DateMention], context: _Context) -> str:
    if not mentions:
        return "no place name found"
    if len(mentions) == 1 and not context.de_city:
        return f"only one place ({mentions[0].name}) and no German city (give --de-city)"
    return "places found but no pair read: " + ", ".join(m.name for m in mentions[:4])


def _split_id(start_id: str) -> tuple[str, int, int]:
    match = re.fullmatch(r"([A-Za-z_-]*)(\d+)", start_id.strip())
    if not match:
        raise TwinningError(f"--start-id wants letters and a number like P5001, got {start_id!r}")
    return match.group(1), int(match.group(2)), len(match.group(2))
