"""Place mentions in a unit: capitalised names the gazetteer, a type word or an override knows.

A run of capitalised words is cut at words that are never part of a name (titles, adverbs,
nouns of the trade); inside each piece the longest stretches that :func:`~.places.lookup_place`
knows become mentions. What the text says about a mention's country is attached to it: a bracket
or a phrase after it ("(Russland)", ", Russia", "in Russland", "(beide Russland)", "(Германия)")
and an adjective before it ("der russischen Stadt", "немецкий", "German"). A marker after a
list ("Sowetsk und Kaliningrad (beide Russland)") or a plural adjective before one ("немецкие
Киль, Бремерхафен и Цайц") covers every town of the list.

>>> [(m.name, m.hint) for m in find_mentions("Kreispräsident Ahrens besuchte Sowetsk und Kaliningrad (beide Russland).")]
[('Sowetsk', 'RU'), ('Kaliningrad', 'RU')]
>>> [(m.name, m.hint) for m in find_mentions("Среди них немецкие Киль, Бремерхафен и Цайц.")]
[('Киль', 'DE'), ('Бремерхафен', 'DE'), ('Цайц', 'DE')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from twinning_analysis.dates import DateMatch, find_dates
from twinning_analysis.extract.countries import (OTHER_SOVIET, SOVIET, adjective_country, country_of,
                                                 is_plural_adjective)
from twinning_analysis.extract.places import lookup_place, place_index
from twinning_analysis.extract.words import (ALL_WORDS, BOTH_WORDS, CONNECTORS, LIST_SEPARATOR, TITLES, is_relation_text,
                                             is_stop)
from twinning_analysis.names import fold, name_key

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
# Type words after which an unknown name is still a place ("der Stadt Lindenbrück").
_PLACE_NOUNS = frozenset({"stadt", "hansestadt", "gemeinde", "city", "town", "город", "города", "городом"})


@dataclass
class Mention:
    """A place name in a unit, with what the text says about its country."""

    name: str
    start: int  # where the name starts in the unit
    end: int  # where the name ends (a qualifier bracket included)
    after: int  # end of what belongs to it: hint brackets, ", Russland"
    run_start: int  # start of the capitalised run the name was cut from
    hint: str | None = None  # country code the text gives
    bracket_dates: list[DateMatch] = field(default_factory=list)
    cover: str = ""  # which towns before it its bracket's country covers: "both", "all", "plain"
    plural: bool = False  # its adjective is plural and covers the list after it
    weak: bool = False  # a capitalised name nothing knows as a place: used only in "A – B" items


def find_mentions(text: str, homes: tuple[str, ...] = ()) -> list[Mention]:
    """Place names in a text; ``homes`` are names known to be places (the list's home town).

    >>> [m.name for m in find_mentions("Der Oberbürgermeister Max Muster besuchte Rostow am Don.")]
    ['Rostow am Don']
    """
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    home_keys = {name_key(h) for h in homes}
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        if not words[i][0][0].isupper():
            i += 1
            continue
        run, j = [i], i + 1
        while j < len(words):
            gap = text[words[j - 1][2]:words[j][1]]
            if not (gap.strip() == "" and "\n" not in gap or words[j - 1][0] == "St" and gap.strip() == "."):
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
        mentions.extend(_cut_run(text, [words[n] for n in run], home_keys))
        i = j
        while mentions and i < len(words) and words[i][1] < mentions[-1].after:
            i += 1  # words in a bracket that belongs to the last name
    _spread_hints(text, mentions)
    return mentions


def strong(mentions: list[Mention]) -> list[Mention]:
    """The mentions something knows as places (not the weak ones)."""
    return [m for m in mentions if not m.weak]


def _connector_end(words, j: int, text: str) -> int | None:
    """Index of the capitalised word after a connector ("am", "an der") starting at ``j``."""
    for connector in CONNECTORS:
        k = j + len(connector)
        if k >= len(words) or tuple(w[0] for w in words[j:k]) != connector:
            continue
        if any(text[words[n - 1][2]:words[n][1]].strip() for n in range(j + 1, k + 1)):
            continue
        if words[k][0][0].isupper() and not is_stop(words[k][0]):
            return k
    return None


def _cut_run(text: str, run, home_keys: set[str]) -> list[Mention]:
    """Split a run at stop words, titles and adjectives; keep the stretches that name a place."""
    pieces: list[tuple[list, str | None, bool]] = []  # words, hint, after a place noun
    current: list = []
    hint, place_noun = None, False
    for word in run:
        key = fold(word[0])
        adjective = adjective_country(word[0])
        if key in TITLES:
            break  # a person follows
        if adjective or word[0][0].isupper() and is_stop(word[0]) and not (word[0] == "St" and text[word[2]:word[2] + 1] == "."):
            if current:
                pieces.append((current, hint, place_noun))
            current = []
            hint = adjective or hint
            place_noun = key in _PLACE_NOUNS or word[0].lower() in _PLACE_NOUNS
        else:
            current.append(word)
    if current:
        pieces.append((current, hint, place_noun))
    found = []
    for piece, piece_hint, after_noun in pieces:
        for mention in _known_stretches(text, piece, run[0][1], home_keys, after_noun):
            if piece_hint and mention.hint is None:
                mention.hint = piece_hint
            found.append(mention)
    return found


def _known_stretches(text: str, piece, run_start: int, home_keys: set[str], after_noun: bool) -> list[Mention]:
    """The longest stretches of a piece that are places, left to right ("Wyriza bei Gatschina" is one)."""
    while piece and piece[-1][0][0].islower():
        piece = piece[:-1]
    if not piece:
        return []
    for length in range(len(piece), 0, -1):
        for first in range(0, len(piece) - length + 1):
            stretch = piece[first:first + length]
            if stretch[0][0][0].islower() or stretch[-1][0][0].islower():
                continue
            mention = _mention(text, stretch, run_start, home_keys, after_noun and first == 0)
            if mention is not None and not mention.weak:
                right = _known_stretches(text, piece[first + length:], run_start, home_keys, False)
                if right and right[0].weak is False and re.fullmatch(r"\s+(?:bei|near|под)\s+",
                                                                     text[mention.end:right[0].start]):
                    mention.name += text[mention.end:right[0].end]
                    mention.end, mention.after = right[0].end, right[0].after
                    right = right[1:]
                return _known_stretches(text, piece[:first], run_start, home_keys, after_noun) + [mention] + right
    whole = _mention(text, piece, run_start, home_keys, after_noun)
    return [whole] if whole is not None and len(piece) <= 3 else []


def _mention(text: str, stretch, run_start: int, home_keys: set[str], after_noun: bool) -> Mention | None:
    start, end = stretch[0][1], stretch[-1][2]
    name = text[start:end]
    genitive = re.match(r"(Landkreis|Kreis|Rayon|Gebiet|Bezirk)e?s\s", name)
    if genitive:  # "des Kreises Herford" -> "Kreis Herford"
        name = genitive.group(1) + name[genitive.end() - 1:]
    if len(stretch) == 1 and name.isupper() and len(name) <= 4:
        return None  # "TOP", "ADN": abbreviations, not towns
    mention = Mention(name, start, end, end, run_start)
    place = lookup_place(name)
    if place is None and not (name_key(name) in home_keys or after_noun) and not _MARKED(text, end):
        mention.weak = True  # nothing knows it and no country follows it
        return mention
    _attach_after(text, mention)
    if place is not None:
        mention.name = _qualified(mention.name, name, place.name)
    elif not (name_key(name) in home_keys or after_noun or mention.hint):
        mention.weak = True
    _attach_before(text, mention)
    return mention


_MARKED = re.compile(r"\s*[(,]|\s+(?:in|im|в|во)\s").match


def _qualified(full: str, written: str, nominative: str) -> str:
    """The mention's name with the nominative form of the written one (qualifier kept)."""
    return nominative + full[len(written):] if full.startswith(written) else full


_BRACKET_RE = re.compile(r"\s*\(([^()]*)\)")
_AFTER_COUNTRY_RE = re.compile(r"(?:\s*,\s*|\s+(?:in|im|в|во)\s+(?:der\s+)?)((?:[^\W\d_]+\s?){1,4})")


def _attach_after(text: str, mention: Mention) -> None:
    """Read a bracket after the name: country words are hints, dates its dates, names qualify it."""
    bracket = _BRACKET_RE.match(text, mention.end)
    if bracket:
        qualifiers = []
        inner_start = bracket.start(1)
        for part in re.finditer(r"[^,;]+", bracket.group(1)):
            chunk = part.group().strip()
            words = chunk.split()
            quantity = fold(words[0]) if words else ""
            country = country_of(" ".join(words[1:])) if quantity in ALL_WORDS | BOTH_WORDS else None
            dates = find_dates(chunk)
            if chunk and not dates and not country_of(chunk) and place_index().candidates(f"{mention.name} ({chunk})"):
                qualifiers.append(chunk)  # "Frankfurt (Oder)", "Halle (Saale)"
            elif country:
                mention.hint, mention.cover = country, ("both" if quantity in BOTH_WORDS else "all")
            elif country_of(chunk):
                mention.hint, mention.cover = country_of(chunk), mention.cover or "plain"
            elif dates:
                offset = inner_start + part.start() + (len(part.group()) - len(part.group().lstrip()))
                mention.bracket_dates.extend(_shifted(d, offset) for d in dates)
            elif chunk and chunk[0].isupper() and not re.search(r"\d", chunk) and len(words) <= 3 \
                    and not is_relation_text(chunk) and not is_stop(words[0]) or fold(chunk) in ("kreis", "landkreis"):
                qualifiers.append(chunk)
                place = lookup_place(chunk)
                if place and place.known in ("region", "type word") and place.country and mention.hint is None:
                    mention.hint = place.country
        if qualifiers:
            mention.name = f"{mention.name} ({', '.join(qualifiers)})"
            mention.end = bracket.end()
        mention.after = bracket.end()
    after = _AFTER_COUNTRY_RE.match(text, mention.after)
    if after and mention.hint is None:
        words = after.group(1).split()
        for n in range(len(words), 0, -1):
            country = country_of(" ".join(words[:n]))
            if country:
                mention.hint = country
                mention.after = after.start(1) + len(" ".join(words[:n]))
                break


def _shifted(date: DateMatch, offset: int) -> DateMatch:
    from dataclasses import replace

    return replace(date, start=date.start + offset, core_start=date.core_start + offset, end=date.end + offset)


def _attach_before(text: str, mention: Mention) -> None:
    """A country adjective just before the name: "der russischen Stadt Kostroma", "немецкий Зуль"."""
    if mention.hint is not None:
        return
    before = re.findall(r"[^\W\d_]+", text[max(0, mention.run_start - 40):mention.run_start])
    for word in reversed(before[-3:]):
        country = adjective_country(word)
        if country:
            mention.hint, mention.plural = country, is_plural_adjective(word)
            return
        if fold(word) not in ("der", "dem", "den", "des", "die", "the", "a", "an", "of") and not (
                fold(word) in _PLACE_NOUNS or word.lower() in _PLACE_NOUNS or word.lower().startswith("город")):
            return


_SEPARATOR_ONLY = re.compile(rf"\s*(?:{LIST_SEPARATOR})\s*$")


def _spread_hints(text: str, mentions: list[Mention]) -> None:
    """Let a marker after a list cover its towns, and a plural adjective before one cover the list."""
    def joined(a: Mention, b: Mention, conjunction: bool = False) -> bool:
        gap = text[a.after:b.run_start]
        return bool(_SEPARATOR_ONLY.match(gap) and (not conjunction or not re.search(r"[,;]", gap)))

    for n, mention in enumerate(mentions):
        if mention.cover and mention.hint:
            reach = {"both": 1, "plain": 1, "all": n}[mention.cover]
            k = n
            while reach and k > 0 and mentions[k - 1].hint is None and joined(
                    mentions[k - 1], mentions[k], conjunction=mention.cover == "plain"):
                mentions[k - 1].hint = mention.hint
                k, reach = k - 1, reach - 1
    for n, mention in enumerate(mentions):
        if mention.plural and mention.hint:
            k = n
            while k + 1 < len(mentions) and joined(mentions[k], mentions[k + 1]) and mentions[k + 1].hint in (
                    None, mention.hint):
                mentions[k + 1].hint = mention.hint
                k += 1


# ---------------------------------------------------------------------------------------------
# which side is which


@dataclass(frozen=True)
class Side:
    """A place of a pair with its country as far as known: DE, RU, another code, SU or None."""

    name: str
    country: str | None
    region: bool = False
    today: str | None = None
    known: str = "gazetteer"


def classify(mention: Mention, home: str | None = None, home_country: str | None = "DE") -> Side:
    """Country of a mentioned place: the text's own hint first, then the home town, the gazetteer.

    >>> classify(find_mentions("Kostroma (Russland)")[0]).country
    'RU'
    >>> classify(find_mentions("Leningrad")[0]).today
    'Saint Petersburg'
    """
    name = mention.name
    if home and name_key(name) == name_key(home):
        return Side(name, home_country, known="home")
    if mention.hint and mention.hint != SOVIET:
        place = lookup_place(name, mention.hint if len(mention.hint) == 2 else None)
        if place is None:
            return Side(name, mention.hint, known="text")
        return Side(name, mention.hint, place.region, place.today, place.known)
    place = lookup_place(name)
    if place is not None and place.country:
        return Side(name, place.country, place.region, place.today, place.known)
    return Side(name, mention.hint, known=place.known if place else "text")


def is_post_soviet(side: Side) -> bool:
    """True for a place in Russia, another post-Soviet state, or "the Soviet Union"."""
    return side.country in ("RU", SOVIET) or side.country in OTHER_SOVIET
