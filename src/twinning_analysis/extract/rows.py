"""Rows: each pair a unit states becomes candidate rows of ``partnerships.csv``, with its date,
relation, basis and status taken from the same unit, and notes for the reviewer.

:func:`extract_text` is the reader: units → mentions → pairs → rows, and every line it could
not read, with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from twinning_analysis.dates import DateMatch, find_dates
from twinning_analysis.errors import TwinningError
from twinning_analysis.extract.countries import OTHER_SOVIET, SOVIET
from twinning_analysis.extract.mentions import Mention, Side, classify, find_mentions, is_post_soviet, strong
from twinning_analysis.extract.pairing import (SEPARATOR_RE, Context, Pair, list_intro, update_context,
                                               find_pairs)
from twinning_analysis.extract.units import Unit, split_units
from twinning_analysis.extract.words import (BASIS_RES, FOUNDING_CUE_RE, INTENT_RE, NEGATED_RE, NEGATION_RE,
                                             NEGATIVE_CUE_RE, RELATION_RANK, RELATION_RES, STATUS_RES,
                                             is_relation_text)
from twinning_analysis.names import name_key
from twinning_analysis.schema import RAW_TABLES

#: The columns of the rows, in the order of the raw table.
COLUMNS = RAW_TABLES["partnerships"].columns


@dataclass(frozen=True)
class DateMention:
    """A dated phrase of a unit as the rows use it: ``text`` is what goes to ``founded_text``
    ("seit"/"since"/"с" kept, "am"/"im"/"on" dropped), ``year`` its (first) year."""

    start: int
    end: int
    text: str
    core: str
    seit: bool
    year: int
    error: str | None = None


_RU_LEADS = ("с", "со", "в", "во")


def date_mentions(text: str) -> list[DateMention]:
    """The phrases of a text that name a year (a range of years counts as its two ends).

    >>> [d.text for d in date_mentions("Am 14. Mai 1991 unterzeichnet, seit 1988 befreundet; 1985–2022")]
    ['14. Mai 1991', 'seit 1988', '1985', '2022']
    """
    return [d for match in find_dates(text) for d in _from_match(match)]


def _from_match(match: DateMatch) -> list[DateMention]:
    date = match.date
    year = date.year if date is not None else _year_in(match.core)
    if year is None:
        return []
    keep_lead = match.since or match.lead in _RU_LEADS
    start = match.start if keep_lead else match.core_start
    shown = match.text if keep_lead else match.core
    error = str(match.error) if match.error else None
    if date is not None and date.end is not None and date.precision == "year":
        cut = re.search(r"\s?(?:/|-|–|—|bis|to|по)\s?", match.core)
        if cut and cut.start() > 0:
            first_end = match.core_start + cut.start()
            return [DateMention(start, first_end, shown[:first_end - start], match.core[:cut.start()], match.since,
                                year),
                    DateMention(match.core_start + cut.end(), match.end, match.core[cut.end():],
                                match.core[cut.end():], False, date.end.year)]
    return [DateMention(start, match.end, shown, match.core, match.since, year, error)]


def _year_in(text: str) -> int | None:
    found = re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)|(?<=\.)\d\d$", text)
    if not found:
        return None
    year = int(found.group())
    return year if year >= 100 else year + (2000 if year < 30 else 1900)


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
    by_pair: dict[tuple[str, str], list[dict]] = field(default_factory=dict, repr=False, compare=False)

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
    bracket_ids = {(d.start, d.end) for m in (pair.a, pair.b) for b in m.bracket_dates for d in _from_match(b)}
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
        cue = _distance(FOUNDING_CUE_RE, low, date, 60, clause=True)
        against = _distance(NEGATIVE_CUE_RE, low, date, 40)
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
    for match in INTENT_RE.finditer(low):
        if _in_spans(match.start(), spans):
            hits.append((match.start(), "intent"))
        masked = masked[:match.start()] + " " * (match.end() - match.start()) + masked[match.end():]
    for relation, pattern in RELATION_RES:
        for match in pattern.finditer(masked):
            if not _in_spans(match.start(), spans) or NEGATION_RE.search(masked[:match.start()]):
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
    chosen = min(hits, key=lambda h: (abs(h[0] - anchor), RELATION_RANK[h[1]]))[1]
    return chosen, kinds


def _status(text: str, dates: list[DateMention], spans) -> tuple[str, str]:
    low = text.lower()
    for status, pattern in STATUS_RES:
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
    for basis, pattern in BASIS_RES:
        for match in pattern.finditer(low):
            distance = abs(match.start() - date.start)
            if distance < 80 and distance < best[1]:
                best = (basis, distance)
    if not best[0] and re.search(r"(?:vertrag|abkommen|vereinbarung|erkl[äa]rung)\w*\s+\(?(?:vom\s+|von\s+"
                                 r"|aus\s+dem\s+jahre?\s+)?$", low[:date.start]):
        return "signed"  # the date of a treaty is the day it was signed
    return best[0]


def _abroad(side: Side) -> bool:
    return side.country is not None and side.country != "DE" and not is_post_soviet(side)


def _not_a_pair(a: Side, b: Side) -> bool:
    """True if the two are not German–post-Soviet: one abroad, both German or both post-Soviet."""
    return _abroad(a) or _abroad(b) or (is_post_soviet(a) and is_post_soviet(b)) or a.country == b.country == "DE"


def _orient(a: Side, b: Side) -> tuple[Side, Side, list[str]] | None:
    """(German side, partner, notes), or None if the pair is not German–post-Soviet."""
    if _not_a_pair(a, b):
        return None
    if is_post_soviet(a) or b.country == "DE":
        a, b = b, a
    notes = []
    if b.country is None or b.country == SOVIET:
        notes.append("country not known" + (" (Soviet Union)" if b.country == SOVIET else ""))
    elif b.country in OTHER_SOVIET:
        notes.append(f"partner outside Russia: {OTHER_SOVIET[b.country]}")
    return a, b, notes


def _rows_for(unit: Unit, pair: Pair, context: Context, dates: list[DateMention]) -> list[dict] | None:
    """Candidate rows for a pair (one per claim), or None if it is not a German–post-Soviet pair."""
    a, b = _sides(pair, context)
    if a.country is None and b.country is None and not pair.strong:
        return None
    oriented = _orient(a, b)
    if oriented is None:
        return None
    de, ru, flags = oriented
    if unit.kind == "sentence" and NEGATED_RE.search(unit.text.lower()):
        return []  # "Eine Partnerschaft zwischen X und Y besteht nicht": read, but no claim
    if ru.today:
        flags.append(f"older name; today {ru.today}")
    flags += [f"{side.name}: not in the gazetteer" for side in (de, ru) if side.known == "text"]
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
    status_words = any(p.search(low) for _, p in STATUS_RES)
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
        if date.error:
            notes.insert(1 if notes and notes[0].startswith("partner outside") else 0,
                         f"date not understood: {date.error}")
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


def _sides(pair: Pair, context: Context) -> tuple[Side, Side]:
    return (classify(pair.a, context.home, context.home_country),
            classify(pair.b, context.home, context.home_country))


def extract_text(text: str, source_id: str, start_id: str = "P5001",
                 de_city: str | None = None, ru_city: str | None = None) -> Extraction:
    """Read a German, English or Russian listing into candidate rows numbered from ``start_id``.

    ``de_city`` (``ru_city``) is the German (Russian) town a list of partners belongs to when no
    heading names it.

    >>> r = extract_text("Unsere Partnerstädte: Tours (Frankreich, 1962), Jaroslawl (Russland, 1988)",
    ...                  "s", de_city="Poitiers-Ost")
    >>> [(x["de_name"], x["ru_name"], x["founded_text"]) for x in r.rows]
    [('Poitiers-Ost', 'Jaroslawl', '1988')]
    """
    prefix, number, width = _split_id(start_id)
    context = Context(de_city or ru_city, "DE" if de_city or not ru_city else "RU")
    result = Extraction()
    lines = text.splitlines()
    read_lines: set[int] = set()
    unread: dict[int, str] = {}
    previous: tuple[Unit | None, list[dict]] = (None, [])
    for unit in split_units(text):
        every_mention = find_mentions(unit.text, (context.home,) if context.home else ())
        mentions = strong(every_mention)
        dates = date_mentions(unit.text)
        context.line = unit.line
        context_found = update_context(unit, mentions, context)
        towns = [m for m in mentions if not classify(m).region]
        if not context_found and unit.heading and len(towns) == 1:
            if classify(towns[0]).country in (None, "DE", "RU"):
                context.set_home(towns[0])
                context_found = True
        if context_found and unit.kind == "item" and not SEPARATOR_RE.search(unit.text) \
                and list_intro(unit.text) is None:
            read_lines.add(unit.line)
            previous = (unit, [])
            continue
        produced, new_rows = context_found, []
        for pair in find_pairs(unit, every_mention, context):
            rows = _rows_for(unit, pair, context, dates)
            if rows is None:
                a, b = _sides(pair, context)
                if _not_a_pair(a, b) and not a.country == b.country == "DE":
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
    same_pair = result.by_pair.setdefault((name_key(row["de_name"]), name_key(row["ru_name"])), [])
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
    same_pair.append(row)
    return row


def _carry_status(unit: Unit, mentions: list[Mention], dates: list[DateMention],
                  previous: tuple[Unit | None, list[dict]], context: Context) -> bool:
    """A sentence that only reports a status ("Seit März 2022 ruht die Partnerschaft.") right after a
    sentence with exactly one pair: the status goes to that pair. No founding date ever moves."""
    before, rows = previous
    if before is None or len(rows) != 1 or unit.line - before.starts[-1][1] > 1:
        return False
    others = [m for m in mentions if classify(m, context.home, context.home_country).country not in (None, "DE")]
    low = unit.text.lower()
    if others or not (is_relation_text(unit.text) or re.match(r"(?:sie|diese)\b", low)
                      or re.search(r"kontakte|beziehungen|zusammenarbeit", low)):
        return False
    status, status_date = _status(unit.text, dates, [(0, len(unit.text))])
    if not status or rows[0]["status"]:
        return False
    rows[0]["status"], rows[0]["status_date_text"] = status, status_date
    rows[0]["note"] += f"; status from the next sentence (line {unit.line})"
    return True


def _why_unread(unit: Unit, mentions: list[Mention], dates: list[DateMention], context: Context) -> str:
    if not mentions:
        return "no place name found"
    if len(mentions) == 1 and not context.home:
        return f"only one place ({mentions[0].name}) and no home town (give --de-city or --ru-city)"
    return "places found but no pair read: " + ", ".join(m.name for m in mentions[:4])


def _split_id(start_id: str) -> tuple[str, int, int]:
    match = re.fullmatch(r"([A-Za-z_-]*)(\d+)", start_id.strip())
    if not match:
        raise TwinningError(f"--start-id wants letters and a number like P5001, got {start_id!r}")
    return match.group(1), int(match.group(2)), len(match.group(2))
