"""Pairs read in their scope: a list item, a sentence, or a list under a heading naming the home town.

The shapes tried, in order: "A – B" (a list item), a list after an intro ("Partnerstädte von Jena:
A (1990), B", "X is twinned with: …", "Города-побратимы Пскова: …"), "zwischen A und B" /
"between A and B" / "между A и B", "A und B" / "A and B" / "A и B" with one side known,
"Partnerstadt von A", "A … mit B" / "with" / "с", and finally a single partner under the home town
of a heading or of ``--de-city`` / ``--ru-city``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from twinning_analysis.dates import find_dates
from twinning_analysis.extract.countries import country_of
from twinning_analysis.extract.mentions import Mention, classify, find_mentions, is_post_soviet, strong
from twinning_analysis.extract.units import Unit
from twinning_analysis.extract.words import LIST_SEPARATOR, DESCRIPTORS, is_relation_text, is_stop
from twinning_analysis.names import fold, name_key

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
class Context:
    """What the reader carries from unit to unit: the home town of the list, the last German side."""

    home: str | None = None  # from a heading, --de-city or --ru-city
    home_country: str | None = "DE"
    last_de: str | None = None  # German side of the last pair read, for "die Stadt" in the next sentence
    last_line: int = 0
    line: int = 0  # line of the unit being read

    def set_home(self, mention: Mention) -> None:
        self.home = mention.name
        self.home_country = classify(mention).country


SEPARATOR_RE = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|\s*↔\s*|\s*<->\s*|\s+/\s+")
_CONTEXT_RE = re.compile(
    r"(?:Partnerst[äa]dte|Partnergemeinden|Partnerkreise|Partnerregionen|St[äa]dtepartnerschaften"
    r"|St[äa]dtefreundschaften|Partnerschaften)\s+(?:der|des|von)\s+|(?:twin|sister) (?:towns|cities) of\s+"
    r"|[Гг]орода-побратимы\s+|[Пп]обратимы\s+")
_PARTNER_OF_RE = re.compile(r"Partner(?:stadt|gemeinde|kreis|region)\s+"
                            r"(?:von|der\s+Stadt|des\s+(?:Land)?[Kk]reises)\s+|(?:twin|sister) (?:town|city) of\s+"
                            r"|побратим\w*\s+")
_OWNER_RE = re.compile(r"\s+(?:und\s+(?:seine|ihre)\s+Partner|is twinned with|has \w+ twin)")


def update_context(unit: Unit, mentions: list[Mention], context: Context) -> bool:
    """Take the German city from a heading like "Partnerstädte der Stadt Jena"; True if one was found."""
    for match in _CONTEXT_RE.finditer(unit.text):
        following = [m for m in mentions if m.run_start >= match.end()]
        if following and following[0].run_start - match.end() < 30:
            context.set_home(following[0])
            return True
    for mention in mentions:
        if _OWNER_RE.match(unit.text, mention.after):
            context.set_home(mention)
            return True
    return False


def _gap_is_descriptive(text: str) -> bool:
    """Only articles, adjectives and words like "Stadt" between a connective and a name."""
    for word in re.findall(r"[^\W\d_]+", text):
        key = fold(word)
        if key in DESCRIPTORS or is_stop(word) or _ADJECTIVE_RE.fullmatch(word.lower()):
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
_ADJECTIVE_RE = re.compile(r"\w+isch(?:e|en|er|es|em)?|\w+(?:ий|ый|ой|ая|ое|ие|ые|ым|им|ого|ому|ом)")
_TRAILER_RE = re.compile(r"\s*(?:(?:seit|ab|bis|vom|am|since|с)?\s*[\d.]+(?:\s*\w+\s*\d{4})?(?:\s*года?)?"
                         r"|\s)*\s*(?:\([^()]*\))?\s*[.;]?\s*")
_LIST_SEPARATOR_RE = re.compile(rf"\s*(?:{LIST_SEPARATOR})\s*")


def _next_separator(text: str, position: int, end: int) -> int:
    """Where the next list separator outside brackets starts (``end`` if none)."""
    depth = 0
    for i in range(position, end):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0 and (text[i] in ",;" or (text[i].isspace() and re.match(r"\s(?:und|sowie|oder|and|и)\s", text[i:]))):
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
            chunk = text[chunk_start:chunk_end]
            if not (_TRAILER_RE.fullmatch(chunk) or country_of(chunk.strip(" .;()"))):
                closed = True  # a clause, not a list element: the list ends here
                break
            cut = chunk_end
        elements.append((mention, mention.run_start, cut))
        if cut >= end or closed:
            break
        position = _LIST_SEPARATOR_RE.match(text, cut).end()
    return elements


def find_pairs(unit: Unit, mentions: list[Mention], context: Context) -> list[Pair]:
    """The pairs a unit states, tried shape by shape: dash pair, list, "zwischen", "und", "mit", context."""
    text, whole = unit.text, [(0, len(unit.text))]
    # 1. "A - B: ..." (a list line or item)
    separator = SEPARATOR_RE.search(text)
    if separator:
        left = [m for m in mentions if m.after <= separator.start() + 1]
        right = _next_mention(mentions, text, separator.end())
        if left and right and (unit.kind == "item" or _gap_is_descriptive(text[:left[-1].run_start])) \
                and _weak_side_allowed(left[-1], right):
            return [Pair(left[-1], right, whole)]
    mentions = strong(mentions)
    # 2. lists: "Partnerstädte von Jena: A (1990), B", "Jena pflegt Partnerschaften mit A, B und C"
    intro = list_intro(text)
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
    for match in re.finditer(r"\b(?:[Zz]wischen|[Bb]etween|[Мм]ежду)\s+", text):
        a = _next_mention(mentions, text, match.end())
        if a is None:
            continue
        und = re.compile(r"\s*\b(?:und|and|и)\b\s*").match(text, a.after)
        b = _next_mention(mentions, text, und.end()) if und else None
        if b is not None:
            pairs.append(Pair(a, b, []))
    # 4. "A und B" (with one side known), 5. "Partnerstadt von A"
    if not pairs:
        for match in re.finditer(r"\s+(?:und|sowie|and|и)\s+", text):
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
    mit = re.search(r"\b(?:[Mm]it|[Ww]ith|[Сс]о?)\s+", text)
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
        after_separator = separator and _next_mention(mentions, text, separator.end())
        if unit.kind == "item" and len(others) == 1 and not after_separator and _lone_partner(text, others[0], owner):
            return [Pair(owner, others[0], whole)]
        foreign = [m for m in others if _other_side(classify(m, owner.name, context.home_country), context)]
        if foreign and len(foreign) == len(others) and is_relation_text(text):
            if len(foreign) == 1:
                return [Pair(owner, foreign[0], whole)]
            spans = [(m.run_start, m.after) for m in foreign]
            return [Pair(owner, m, [span], _outside(spans, len(text))) for m, span in zip(foreign, spans)]
    return []


def _weak_side_allowed(a: Mention, b: Mention) -> bool:
    """A name nothing knows may stand in an "A – B" item only opposite a known post-Soviet place."""
    if not (a.weak or b.weak):
        return True
    if a.weak and b.weak:
        return False
    known = b if a.weak else a
    return is_post_soviet(classify(known))


def _lone_partner(text: str, mention: Mention, owner: Mention) -> bool:
    """True if a list item with one place names a partner of the heading's city ("Kasan (Russland), seit 1991"),
    not a heading ("Partnerstädte im Überblick:")."""
    before = text[:mention.run_start]
    return (not text.rstrip().endswith(":") and _gap_is_descriptive(before)
            and not re.search(r"\b(?:im|in|am|an|von|aus|nach|zu|bei|mit|zur|zum|vom)\s+$", before)
            and bool(classify(mention, owner.name).country or find_dates(text) or "(" in text or "—" in text))


def _anaphor(text: str, context: Context) -> Mention | None:
    """The German place of the sentence before, if this one refers to it as "die Stadt", "der Kreis"."""
    if context.last_de and context.line - context.last_line <= 1 and re.search(
            r"\b(?:die|der|unsere|unserer|unser)\s+(?:Stadt|Gemeinde|Kreis|Landkreis)\b(?!\s+[A-ZÄÖÜ])", text):
        return Mention(context.last_de, -1, -1, -1, -1, "DE")
    return None


def _context_mention(context: Context) -> Mention | None:
    if not context.home:
        return None
    return Mention(context.home, -1, -1, -1, -1, context.home_country)


def _other_side(side, context: Context) -> bool:
    """A partner of the home town: abroad seen from it (post-Soviet for a German home, German for a Russian)."""
    if context.home_country == "DE" or context.home_country is None:
        return is_post_soviet(side)
    return side.country == "DE"


def list_intro(text: str) -> int | None:
    """Where a list of partner places starts: after a colon, "mit" or "sind" following a Partner word."""
    colon = re.search(r":\s*", text)
    if colon and not re.search(r"\d$", text[:colon.start()]):
        head = text[:colon.start()]
        if is_relation_text(head) or _is_single_name(head):
            return colon.start()
    match = re.search(r"\w*(?:[Pp]artner\w*|[Ff]reundschaften|[Kk]ooperationen|twin\w*|sister cit\w*|побратим\w*"
                      r"|партн[её]р\w*)\b[^.;:]{0,60}?\b(?:mit|sind|lauten|with|are|besides|с|со|являются)\s+", text)
    if match and re.search(r"[,;]|\bund\b|\bsowie\b|\band\b|\bи\b", text[match.end():]):
        return match.end() - len(re.search(r"(?:mit|sind|lauten|with|are|besides|с|со|являются)\s+$",
                                           match.group()).group())
    return None


def _is_single_name(text: str) -> bool:
    """True if ``text`` is one place name and nothing else ("Hannover", "Kreis Herford")."""
    mentions = strong(find_mentions(text))
    return len(mentions) == 1 and not text[mentions[0].after:].strip() and _gap_is_descriptive(
        text[:mentions[0].run_start])


def _list_owner(text: str, mentions: list[Mention], intro: int, context: Context):
    """The German side of a list, the position its elements start from and the relation its intro names."""
    start = re.compile(r"(?::|mit|sind|lauten|with|are|besides|с|со|являются)\s*").match(text, intro).end()
    head = text[:intro]
    relation = None
    low = head.lower()
    if re.search(r"freundschaft|friendship", low):
        relation = "friendship"
    elif re.search(r"kooperation|cooperation", low):
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


