"""Date phrases -> :class:`PartialDate`, a date that knows how precise it is.

Sources write dates as people speak them: "9. September 1991", "Sommer 1991", "seit 1988",
"Anfang der 1990er Jahre", "vom 13.-15. April 2011", "October 5, 1988", "28 июня 2015",
"seit 25 Jahren". :func:`parse_date` reads them without guessing. It raises one of two errors:
:class:`ImpossibleDateError` for a day, month or year that cannot exist (the run must stop and
the record be corrected) and :class:`UnreadableDateError` for a phrase that names no date, two
dates or an unsupported form (the claim is flagged and its date not used).

>>> parse_date("Partnerschaft seit 9. September 1991").iso
'1991-09-09'
>>> d = parse_date("Sommer 1991"); (d.precision, d.qualifier, d.start_date())
('season', 'summer', datetime.date(1991, 6, 1))
>>> parse_date("vom 13.-15. April 2011").interval
'2011-04-13/2011-04-15'
>>> parse_date("seit 25 Jahren", reference_year=2018).year
1993
>>> find_date("Die Partnerschaft wurde am 14. Mai 1991 besiegelt.").iso
'1991-05-14'
>>> parse_date("31. Juni 2021")
Traceback (most recent call last):
...
twinning_analysis.dates.ImpossibleDateError: 31. Juni 2021: June has 30 days

:func:`find_date` and :func:`find_dates` find the phrase inside a sentence ("die Partnerschaft
besteht seit 1983", "in den achtziger Jahren", "с 1991 года") and read it with :func:`parse_date`.

Conventions:

* Two-digit years ("14.12.88", "80er"): 00-29 mean 2000-2029, 30-99 mean 1930-1999.
* A phrase without a year ("20. Oktober") keeps the precision it has ("day") with
  ``year=None``; its ``iso`` is the ISO 8601 no-year form "--10-20", ``start_date()`` is None.
* Lead-in words ("Partnerschaft seit", "ab", "am", "vom", the typo "sei", "since", "в", "с"),
  trailing "года"/"году", weekday names and filler verbs ("eröffnet", "zu Ende gegangen") are
  dropped; a weekday that does not fit the date is impossible.
* ``qualifier`` says only where in the period (early, mid, late, about), which season, or
  "counted": a year counted back from an anniversary ("30-jähriges Bestehen 2020" -> 1990).
* A range is its start with ``end`` set; the start takes month and year from the end.
  "1990/91" is the range 1990-1991; two consecutive days ("29. und 30. Juni") are a range.
* Remarks in brackets go to ``remark``; two dates outside brackets are unreadable.
"""
from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
import dataclasses
from dataclasses import dataclass, field

from .errors import DateError


class ImpossibleDateError(DateError):
    """A day, month or year that cannot exist, or a range that ends before it starts."""


class UnreadableDateError(DateError):
    """No date found, two dates, or a form that is not supported (a range from a day to a year)."""


#: Precisions from the finest to the vaguest; "none" is an absent date.
PRECISIONS = ("day", "month", "season", "year", "decade", "none")

#: Two-digit years below this are 20xx, the others 19xx ("88" -> 1988, "05" -> 2005).
TWO_DIGIT_PIVOT = 30

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Month words after folding (lower case, umlauts spelt out): German with abbreviations, English,
# Russian in the nominative, genitive ("28 июня") and prepositional ("в июне") cases.
_MONTH_WORDS = {
    "januar": 1, "jaenner": 1, "jan": 1, "februar": 2, "febr": 2, "feb": 2,
    "maerz": 3, "marz": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    **{name.lower(): n for n, name in enumerate(_MONTHS_EN, 1)}, "oct": 10, "dec": 12,
}
_MONTHS_RU = ("январь января январе", "февраль февраля феврале", "март марта марте",
              "апрель апреля апреле", "май мая мае", "июнь июня июне", "июль июля июле",
              "август августа августе", "сентябрь сентября сентябре", "октябрь октября октябре",
              "ноябрь ноября ноябре", "декабрь декабря декабре")
_MONTH_WORDS.update({form: n for n, forms in enumerate(_MONTHS_RU, 1) for form in forms.split()})
# Season words -> English qualifier; each season starts on the first day of its month.
_SEASON_WORDS = {
    "fruehjahr": "spring", "fruehling": "spring", "fruehsommer": "early summer",
    "sommer": "summer", "spaetsommer": "late summer", "herbst": "autumn",
    "spaetherbst": "late autumn", "winter": "winter",
}
SEASON_START = {"spring": 3, "early summer": 6, "summer": 6, "late summer": 8,
                "autumn": 9, "late autumn": 11, "winter": 12}
#: How many months each season word spans, from its first month (winter runs into the next year).
_SEASON_MONTHS = {"spring": 3, "early summer": 2, "summer": 3, "late summer": 2, "autumn": 3,
                  "late autumn": 2, "winter": 3}
_SEASONS_DE = {"spring": "Frühjahr", "early summer": "Frühsommer", "summer": "Sommer",
               "late summer": "Spätsommer", "autumn": "Herbst", "late autumn": "Spätherbst",
               "winter": "Winter"}
# Words before a date that place it within its period.
_QUALIFIER_WORDS = {"anfang": "early", "mitte": "mid", "ende": "late", "um": "about",
                    "ca.": "about", "ca": "about", "circa": "about", "etwa": "about"}
_QUALIFIERS_DE = {"early": "Anfang", "mid": "Mitte", "late": "Ende", "about": "um", "counted": "um"}
# Words before a date that carry no meaning for its value.
_LEAD_INS = frozenset(
    "partnerschaft staedtepartnerschaft seit sei bereits schon ab am im in vom von zum "
    "den dem der des die jahr jahre jahres since on from the с со в во".split())
# Words after a date that carry no meaning for its value ("28 июня 2019 года").
_TRAILERS = frozenset("года году год г. г".split())
# Weekday names (folded) -> Monday=0; checked against the date they stand beside.
_WEEKDAY_WORDS = {
    **dict.fromkeys(("montag", "monday", "понедельник"), 0),
    **dict.fromkeys(("dienstag", "tuesday", "вторник"), 1),
    **dict.fromkeys(("mittwoch", "wednesday", "среда", "среду"), 2),
    **dict.fromkeys(("donnerstag", "thursday", "четверг"), 3),
    **dict.fromkeys(("freitag", "friday", "пятница", "пятницу"), 4),
    **dict.fromkeys(("samstag", "sonnabend", "saturday", "суббота", "субботу"), 5),
    **dict.fromkeys(("sonntag", "sunday", "воскресенье"), 6),
}
# Verbs around one date that say what happened on it, not when.
_FILLERS = ("zu ende gegangen", "ging zu ende", "eroeffnet", "eroeffnete", "endete", "begann",
            "beginnt", "fand statt", "findet statt", "stattgefunden")


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_D, _Y = r"(?P<day>\d{1,2})", r"(?P<year>\d{4})"
_MONTH, _SEASON = _alternatives(_MONTH_WORDS), _alternatives(_SEASON_WORDS)
# (precision, pattern) tried in order; each must match a whole phrase without its lead-ins.
_PATTERNS = tuple((precision, re.compile(pattern, re.ASCII)) for precision, pattern in (
    ("day", rf"{_Y}-(?P<month>\d{{2}})-{_D}"),                                # 1991-09-09
    ("day", rf"{_D}\.\s?(?P<month>\d{{1,2}})\.\s?(?P<year>\d{{4}}|\d{{2}})?"),  # 9.9.1991, 14.12.88
    # 9. Sept. 1991, 12th of August, 1991, 28 июня 2015
    ("day", rf"{_D}(?:\.|st|nd|rd|th)?\s?(?:of\s)?(?P<mname>{_MONTH})\.?,?(?:\s?{_Y})?"),
    ("day", rf"(?P<mname>{_MONTH})\.?\s{_D}(?:st|nd|rd|th)?(?:,?\s{_Y})?"),  # October 5, 1988
    ("day", rf"{_D}\.?"),                                                     # 13. (range start)
    ("month", rf"(?P<mname>{_MONTH})\.?(?:\s?{_Y})?"),                        # April 2011
    ("season", rf"(?P<season>{_SEASON})(?:\s?{_Y}(?:/(?P<year2>\d{{4}}|\d{{2}}))?)?"),
    ("decade", r"(?P<decade>\d{4}|\d{2})er(?:[\s-]?jahren?)?"),               # 1990er Jahre, 80er
    ("year", rf"{_Y}(?:/(?P<year2>\d{{4}}|\d{{2}}))?"),                      # 1991, 1990/91
))
_RANGE_SEPARATOR = re.compile(r"\s?-\s?|\sbis\s|\sпо\s")
_PAIR_SEPARATOR = re.compile(r"\sund\s")
_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_DATE_LIKE = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{4})(?!\d)", re.ASCII)
_WEEKDAY = re.compile(rf"(?<!\w)({_alternatives(_WEEKDAY_WORDS)})(?!\w),?")
_FILLER = re.compile(rf"(?<!\w)(?:{_alternatives(_FILLERS)})(?!\w)|\.\.\.|…")


@dataclass(frozen=True)
class PartialDate:
    """A date known to some precision, possibly the start of a range (``end``).

    ``text`` (the input) and ``remark`` (bracketed text) do not take part in ``==``.

    >>> PartialDate(1991, 9, None, "month").iso
    '1991-09'
    >>> PartialDate(1990, precision="decade", qualifier="early").iso
    '199X'
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: str = "none"
    qualifier: str | None = None
    end: PartialDate | None = None
    text: str = field(default="", compare=False)
    remark: str | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.precision not in PRECISIONS:
            raise DateError(f"unknown precision {self.precision!r}; use one of {PRECISIONS}")

    @property
    def iso(self) -> str:
        """ISO 8601 partial date: '1991-09-09', '1991-09', '1991', '199X'; no year: '--10-20'."""
        if self.year is None:
            if self.month is None or self.precision not in ("day", "month"):
                return ""
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        year = f"{self.year:04d}"
        if self.precision == "decade":
            return year[:3] + "X"
        return year + "".join(f"-{n:02d}" for n in (self.month, self.day) if n is not None)

    @property
    def interval(self) -> str:
        """ISO 8601 interval 'start/end' for a range, else :attr:`iso`."""
        return f"{self.iso}/{self.end.iso}" if self.end else self.iso

    def start_date(self) -> datetime.date | None:
        """First day the phrase can mean (a season's first month, a decade's first year).

        >>> parse_date("Winter 1990/91").start_date()
        datetime.date(1990, 12, 1)
        """
        if self.year is None:
            return None
        month = self.month or SEASON_START.get(self.qualifier or "", 1)
        return datetime.date(self.year, month, self.day or 1)

    def end_date(self) -> datetime.date | None:
        """Last day the phrase can mean (a month's last day, a season's last month, a decade's last year).

        >>> parse_date("Sommer 1991").end_date()
        datetime.date(1991, 8, 31)
        """
        if self.year is None:
            return None
        if self.precision == "day":
            return datetime.date(self.year, self.month, self.day)
        year, month = self.year, 12
        if self.precision == "month":
            month = self.month
        elif self.precision == "season":
            start = SEASON_START.get(self.qualifier or "", 1)
            month = start + _SEASON_MONTHS.get(self.qualifier or "", 12) - 1
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        elif self.precision == "decade":
            year += 9
        return datetime.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def sort_key(self) -> tuple:
        """Orders by first possible day, finer precision first; dates without a year go last.

        >>> sorted(["1991", "März 1991", "1990er"], key=lambda t: parse_date(t).sort_key)
        ['1990er', '1991', 'März 1991']
        """
        month = self.month or SEASON_START.get(self.qualifier or "", 1)
        return (self.year is None, self.year or 0, month, self.day or 1,
                PRECISIONS.index(self.precision))


def parse_date(text: str, reference_year: int | None = None) -> PartialDate:
    """Read a date phrase; raise :class:`ImpossibleDateError` or :class:`UnreadableDateError`.

    ``reference_year`` (the year the source was published) is what a phrase such as
    "seit 25 Jahren" counts back from when the phrase names no year itself.

    >>> d = parse_date("Anfang der 1990er Jahre"); (d.year, d.precision, d.qualifier)
    (1990, 'decade', 'early')
    >>> parse_date("28. bis 30. Juni").interval
    '--06-28/--06-30'
    >>> parse_date("1961 (im März 1989 bekräftigt)").remark
    'im März 1989 bekräftigt'
    >>> d = parse_date("30-jähriges Bestehen 2020"); (d.year, d.precision, d.qualifier)
    (1990, 'year', 'counted')
    """
    raw = "" if text is None else str(text)
    label = " ".join(raw.split())  # the phrase as shown in error messages
    core, remarks = _split_remark(unicodedata.normalize("NFC", raw))
    key = _fold(core)
    if not key and not remarks:
        return PartialDate(text=raw)
    key, weekdays = _strip_context(key)
    if remarks and all(word in _LEAD_INS for word in key.split()):
        # the date is in the brackets: "am Sonntag (28. Juni 2015) eröffnet"
        key, more = _strip_context(_fold(" ".join(remarks)))
        weekdays, remarks = weekdays + more, []
    remark = "; ".join(remarks) or None
    date = _counted(key, remarks, label, reference_year)
    if date is None:
        date = _read(key, label)
    date = dataclasses.replace(date, text=raw, remark=remark)
    _check_weekday(date, weekdays, label)
    return date


def _read(key: str, label: str) -> PartialDate:
    """One date, a range, or two consecutive days from a folded phrase."""
    fields = _parse_single(key, label)
    if fields is not None:
        end = fields.pop("end", None)
        if end is not None:
            return _range(fields, end, label)
        _check(fields, label)
        return PartialDate(**fields)
    for separator, pair in ((_RANGE_SEPARATOR, False), (_PAIR_SEPARATOR, True)):
        sides = separator.split(key)
        if len(sides) == 2:
            start = _parse_single(sides[0], label, range_start=True)
            end = _parse_single(sides[1], label)
            if start is not None and end is not None and (
                    not pair or start["precision"] == end["precision"] == "day"):
                return _range(start, end, label, consecutive=pair)
    found = _DATE_LIKE.findall(key)
    if len(found) >= 2:
        raise UnreadableDateError(f"{label}: two dates ({', '.join(found)}); keep one and put the "
                                  "other in brackets or in a note")
    raise UnreadableDateError(f"cannot read a date in {label!r}")


def _split_remark(text: str) -> tuple[str, list[str]]:
    """Take bracketed remarks out of the phrase (unless the brackets hold all of it)."""
    remarks = [r.strip() for r in _BRACKET.findall(text) if r.strip()]
    core = _BRACKET.sub(" ", text)
    if not core.strip() and remarks:
        return " ".join(remarks), []
    return core, remarks


def _fold(text: str) -> str:
    """Lower case, umlauts spelt out, one kind of dash, single spaces, no edge punctuation."""
    text = text.lower().replace("ß", "ss")
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelt)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", " ".join(text.split()))
    text = re.sub(r"(?<=\d{4})\.$", "", text.strip(" ,;:"), flags=re.ASCII)
    return text


def _strip_context(key: str) -> tuple[str, list[int]]:
    """Drop weekday names and filler verbs from a folded phrase; return it and the weekdays."""
    weekdays = [_WEEKDAY_WORDS[m.group(1)] for m in _WEEKDAY.finditer(key)]
    return _fold(_FILLER.sub(" ", _WEEKDAY.sub(" ", key))), weekdays


def _check_weekday(date: PartialDate, weekdays: list[int], label: str) -> None:
    """A weekday may stand beside one day; raise if it is not that day's weekday."""
    if not weekdays:
        return
    if len(weekdays) > 1 or date.precision != "day" or date.end is not None:
        raise UnreadableDateError(f"{label}: a weekday is read only beside one day")
    if date.year is not None:
        actual = datetime.date(date.year, date.month, date.day).weekday()
        if actual != weekdays[0]:
            raise ImpossibleDateError(
                f"{label}: {date.day} {_MONTHS_EN[date.month - 1]} {date.year} was a "
                f"{_WEEKDAYS_EN[actual]}, not a {_WEEKDAYS_EN[weekdays[0]]}")


def _year(digits: str | None) -> int | None:
    if digits is None:
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    return year


def _parse_single(phrase: str, label: str, range_start: bool = False) -> dict | None:
    """Fields of one date phrase, or None if no pattern fits; impossible values raise.

    "1990/91" gives the fields of 1990 with ``end`` holding the fields of 1991."""
    words, qualifier = phrase.split(" "), None
    while len(words) > 1 and (words[0] in _LEAD_INS
                              or (qualifier is None and words[0] in _QUALIFIER_WORDS)):
        word = words.pop(0)
        qualifier = _QUALIFIER_WORDS.get(word, qualifier)
    while len(words) > 1 and words[-1] in _TRAILERS:
        words.pop()
    rest = " ".join(words)
    for precision, pattern in _PATTERNS:
        match = pattern.fullmatch(rest)
        if match:
            break
    else:
        return None
    g = match.groupdict()
    month = int(g["month"]) if g.get("month") else _MONTH_WORDS.get(g.get("mname") or "")
    fields = {"year": _year(g.get("year")), "month": month,
              "day": int(g["day"]) if g.get("day") else None,
              "precision": precision, "qualifier": None}
    if precision == "day" and month is None and not range_start:
        return None  # a bare "13." is only a date as the start of a range
    second = g.get("year2")
    if precision == "season":
        fields["qualifier"] = _SEASON_WORDS[g["season"]]
        if second and int(second) != (fields["year"] + 1) % (100 if len(second) == 2 else 10**4):
            raise ImpossibleDateError(f"{label}: the second year must follow the first")
    if precision == "year" and second:
        first = fields["year"]
        last = int(second) if len(second) == 4 else first - first % 100 + int(second)
        if last < first and last + 100 == first + 1:  # 1999/00
            last += 100
        fields["end"] = {**fields, "year": last}
    if precision == "decade":
        fields["year"] = _year(g["decade"])
        if fields["year"] % 10:
            raise ImpossibleDateError(f"{label}: a decade is named by a year ending in 0, "
                                      f"not {g['decade']}")
    if qualifier is not None:
        if precision in ("day", "season"):
            raise UnreadableDateError(
                f"{label}: {_QUALIFIERS_DE[qualifier]!r} cannot qualify a {precision}")
        fields["qualifier"] = qualifier
    return fields


def _check(fields: dict, label: str) -> None:
    """Raise :class:`ImpossibleDateError` if year, month or day does not exist."""
    year, month, day = fields["year"], fields["month"], fields["day"]
    if year is not None and year < 1:
        raise ImpossibleDateError(f"{label}: there is no year {year}")
    if month is not None and not 1 <= month <= 12:
        raise ImpossibleDateError(f"{label}: there is no month {month}; months run from 1 to 12")
    if day is None:
        return
    if day < 1:
        raise ImpossibleDateError(f"{label}: there is no day {day} in {_MONTHS_EN[month - 1]}")
    last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year if none is given
    if day > last:
        if month == 2 and year:
            why = f"February {year} has {last} days" + (
                "" if last == 29 else f" ({year} is not a leap year)")
        else:
            why = f"{_MONTHS_EN[month - 1]} has {'at most ' if month == 2 else ''}{last} days"
        raise ImpossibleDateError(f"{label}: {why}")


def _range(start: dict, end: dict, label: str, consecutive: bool = False) -> PartialDate:
    """Start and end fields -> a range; ``consecutive``: the two must be neighbouring days."""
    if "end" in start or "end" in end:
        raise UnreadableDateError(f"{label}: a range inside a range is not supported")
    if start["precision"] != end["precision"]:
        raise UnreadableDateError(f"{label}: a range from a {start['precision']} "
                                  f"to a {end['precision']} is not supported")
    if start["month"] is None and start["precision"] == "day":
        start["month"] = end["month"]
    if start["year"] is None:
        start["year"] = end["year"]
    elif end["year"] is None:
        raise UnreadableDateError(
            f"{label}: the range names a year at its start but not at its end")
    _check(start, label)
    _check(end, label)
    if consecutive:
        first, then = (datetime.date(f["year"] or 2000, f["month"], f["day"]) for f in (start, end))
        if then - first != datetime.timedelta(days=1):
            raise UnreadableDateError(f"{label}: two days that do not follow each other; keep one "
                                      "and put the other in brackets or in a note")
    last = PartialDate(**end)
    first = PartialDate(**start, end=last)
    if last.sort_key < first.sort_key:
        raise ImpossibleDateError(
            f"{label}: the range ends ({last.iso}) before it starts ({first.iso})")
    return first


# ---------------------------------------------------------------------------------------------
# Relative phrases: a count of years instead of a date (see _counted).

_NUMBER_WORDS = {
    **dict.fromkeys(("ein", "eins", "eine", "einem", "einen", "einer"), 1),
    "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14, "fuenfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_TENS = {"zwanzig": 20, "dreissig": 30, "vierzig": 40, "fuenfzig": 50, "sechzig": 60,
         "siebzig": 70, "achtzig": 80, "neunzig": 90}
_UNITS = ("ein", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun")
_NUMBER_WORDS.update(_TENS)
_NUMBER_WORDS.update({f"{unit}und{tens}": n + value for n, unit in enumerate(_UNITS, 1)
                      for tens, value in _TENS.items()})  # fuenfundzwanzig
# Words before a count that make it a bound or an estimate, not a count.
_BOUND_WORDS = ("mehr als", "weit ueber", "ueber", "gut", "fast", "knapp", "beinahe", "nahezu",
                "mindestens", "weniger als", "rund", "etwa", "ca.", "circa", "ungefaehr",
                "more than", "over", "almost", "nearly", "about", "around", "at least",
                "более", "больше", "свыше", "почти", "около")
_COUNT = re.compile(
    rf"(?<![\w.])(?:(?P<bound>{_alternatives(_BOUND_WORDS)})\s)?"
    rf"(?P<n>\d{{1,3}}|{_alternatives(_NUMBER_WORDS)})"
    r"(?:\s?-?\s?jaehrig|\s(?P<unit>jahrzehnt|jahr)(?:e|en|es)?(?!\w)"   # 30-jährig, 25 Jahren
    r"|\.\s(?:jubilaeum|jahrestag)|\syears?(?!\w)|(?:st|nd|rd|th)\sanniversary"  # 25. Jubiläum
    r"|-?лети[ея]|\sлет(?!\w))")                                      # 25-летие, 25 лет
_NAMED_YEAR = re.compile(r"(?<!\d)(?P<year>\d{4})(?!\d|er)")
_START_YEAR = re.compile(r"(?<!\w)(?:seit|ab|since|с)\s(?P<year>\d{4})(?!\d)")


#: Words that make a count of years relative to some other event ("ein Jahr später").
_FROM_OTHER_EVENT = re.compile(r"\b(?:spaeter|danach|darauf|zuvor|vorher|frueher)\b")


def _counted(key: str, remarks: list[str], label: str, reference_year: int | None) -> PartialDate | None:
    """The year a count of years points back to, or None if the phrase counts nothing.

    "30-jähriges Bestehen 2020", "seit 25 Jahren (Stand 2018)", "25. Jubiläum (2018)" name a
    count N and perhaps the year Y they count from: the result is Y - N, precision "year",
    qualifier "counted". Y is the one year the phrase or its brackets name, else
    ``reference_year`` (the source's publication year), else the phrase is unreadable, as is a
    bound ("mehr als 30 Jahre") or a start year beside the count ("seit 1990, 25 Jahre").
    Counts are digits or German number words up to neunundneunzig; a Jahrzehnt is ten years.

    >>> _counted("seit 25 jahren", ["Stand 2018"], "seit 25 Jahren (Stand 2018)", None).year
    1993
    """
    counts = list(_COUNT.finditer(key))
    if not counts:
        return None
    if _FROM_OTHER_EVENT.search(key):
        raise UnreadableDateError(f"{label}: counts years from another event, not from a year")
    values = {_count(m) for m in counts}
    if len(values) > 1:
        counted = ", ".join(map(str, sorted(values)))
        raise UnreadableDateError(f"{label}: two counts of years ({counted})")
    bound = next((m for m in counts if m["bound"]), None)
    if bound is not None:
        raise UnreadableDateError(f"{label}: the count of {_count(bound)} years is only a bound; "
                                  "no year can be counted from it")
    n = values.pop()
    start = _START_YEAR.search(key)
    if start:
        raise UnreadableDateError(f"{label}: names a start year ({start['year']}) and a count of "
                                  f"{n} years; keep one")
    named = sorted({int(y) for y in _NAMED_YEAR.findall(" ".join([key, *map(_fold, remarks)]))})
    if len(named) > 1:
        raise UnreadableDateError(f"{label}: two years ({', '.join(map(str, named))}) to count "
                                  f"{n} years back from; keep one")
    base = named[0] if named else reference_year
    if base is None:
        raise UnreadableDateError(f"{label}: counts {n} years but names no year to count from")
    fields = {"year": base - n, "month": None, "day": None, "precision": "year",
              "qualifier": "counted"}
    _check(fields, label)
    return PartialDate(**fields)


def _count(match: re.Match) -> int:
    """Years a count match stands for: digits or German number words; a Jahrzehnt is ten."""
    n = match["n"]
    value = int(n) if n.isdigit() else _NUMBER_WORDS[n]
    return value * 10 if match["unit"] == "jahrzehnt" else value


# ---------------------------------------------------------------------------------------------
# Writing dates


def format_german(pd: PartialDate) -> str:
    """Write a canonical German phrase that :func:`parse_date` reads back to ``pd``.

    A counted year is written "um 1993" and reads back with qualifier "about".

    >>> format_german(parse_date("vom 28. bis 30. Juni 2021"))
    '28.–30. Juni 2021'
    >>> format_german(parse_date("Ende der 80er Jahre")), format_german(parse_date("Winter 1990"))
    ('Ende der 1980er Jahre', 'Winter 1990/91')
    >>> format_german(parse_date("seit 25 Jahren", reference_year=2018))
    'um 1993'
    """
    if pd.end is None:
        return _format_one(pd)
    same_year = pd.year == pd.end.year
    start = _format_one(pd, show_year=not same_year,
                        show_month=not (same_year and pd.month == pd.end.month))
    return start + ("–" if " " not in start else " bis ") + _format_one(pd.end)


def _format_one(pd: PartialDate, show_year: bool = True, show_month: bool = True) -> str:
    year = str(pd.year) if show_year and pd.year is not None else ""
    qualifier = _QUALIFIERS_DE.get(pd.qualifier or "", "")
    if pd.precision == "day":
        words = [f"{pd.day}.", MONTHS_DE[pd.month - 1] if show_month else "", year]
    elif pd.precision == "month":
        words = [qualifier, MONTHS_DE[pd.month - 1], year]
    elif pd.precision == "season":
        if year and pd.qualifier == "winter":
            following = str(pd.year + 1)
            year += "/" + (following[-2:] if following[:-2] == year[:-2] else following)
        words = [_SEASONS_DE[pd.qualifier], year]
    elif pd.precision == "year":
        words = [qualifier, year]
    elif pd.precision == "decade":
        article = {"about": "die"}.get(pd.qualifier or "", "der") if qualifier else ""
        words = [qualifier, article, f"{pd.year}er Jahre"]
    else:
        words = []
    return " ".join(w for w in words if w)


def bounds(date: PartialDate) -> tuple[datetime.date | None, datetime.date | None]:
    """First and last day a phrase can mean, through the end of a range.

    >>> bounds(parse_date("28. bis 30. Juni 2021"))
    (datetime.date(2021, 6, 28), datetime.date(2021, 6, 30))
    """
    return date.start_date(), (date.end or date).end_date()


# ---------------------------------------------------------------------------------------------
# Dates inside sentences: find the phrase, then read it with parse_date.

# Lead-ins kept in the phrase for what they say ("seit 1988", "since 1992", "с 1991 года") and
# the ones that only introduce it ("am", "im Jahr", "on", "в").
SINCE_WORDS = frozenset({"seit", "since", "ab", "с", "со"})
_LEAD_WORDS = ("seit", "since", "ab", "from", "vom", "von", "am", "im", "in", "on", "с", "со", "в", "во")
_LEAD = (rf"(?P<lead>{_alternatives(_LEAD_WORDS)})\s(?:(?:dem|den|der|die|the)\s)?"
         r"(?:(?:jahren|jahres|jahre|jahr|years|year)\s)?")
# Words before a decade that say where in it ("Beginn der 1960er", "in the late 1980s", "в конце
# 60-х"), mapped to the German words parse_date reads.
_DECADE_QUALIFIERS = {"beginn": "anfang", "early": "anfang", "mid": "mitte", "late": "ende",
                      "начале": "anfang", "середине": "mitte", "конце": "ende", "самом конце": "ende"}
_QUALIFIER = _alternatives(list(_QUALIFIER_WORDS) + list(_DECADE_QUALIFIERS)).replace(".", r"\.")
_YEAR4 = r"(?:1[6-9]|20)\d\d"
_RU_YEAR = r"(?:\s(?:года|году|год|гг?\.?)(?!\w))?"
_DAY_MONTH = rf"\d{{1,2}}(?:\.|st|nd|rd|th)?\s?(?:of\s)?(?:{_MONTH})\.?(?:,?\s?{_YEAR4}(?!\d){_RU_YEAR})?"
_DOTTED = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d)"
_WORD_DECADES = {f"{word}er": value for word, value in _TENS.items()}  # achtziger -> 80
_DECADE = (rf"(?:(?P<dqual>{_QUALIFIER})\s(?:(?:der|die|the)\s)?)?"
           rf"(?:(?P<decade>(?:19|20)?\d0)"
           r"(?:ern?(?:[\s-]?jahren?)?|'?s|-?е(?:\sгоды|\sгодов|\sгодах)?|-?х(?:\sгодов|\sгодах)?)"
           rf"|(?P<wdecade>{_alternatives(_WORD_DECADES)})(?:\sjahren?)?)(?!\w)")
_UNITS = ("km", "kilomet", "einwohner", "inhabitants", "residents", "people", "menschen", "euro", "€",
          "mitglieder", "teilnehm", "gaeste", "meter", "человек", "жител", "км", "руб")
_CORE = re.compile(rf"""
    (?<![\w/.,:№-])
    (?:{_LEAD})?
    (?:(?P<weekday>{_alternatives(_WEEKDAY_WORDS)}),?\s)?
    (?P<core>
        \d{{1,2}}\.?\s?(?:-|bis|to|по|und)\s?(?:{_DOTTED}|{_DAY_MONTH})   # 13. bis 15. April 2011
      | {_DOTTED}                                                      # 14.05.1991, 23.08.22
      | \d{{4}}-\d{{2}}-\d{{2}}                                          # 1991-09-09
      | {_DAY_MONTH}                                                   # 9. Mai 1991, 28 июня
      | (?:{_MONTH})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s{_YEAR4}(?!\d))?  # May 19, 1993
      | (?:(?P<mqual>{_QUALIFIER})\s)?(?P<mname>{_MONTH})\.?
          (?:\s(?:des\sjahres\s|of\s)?{_YEAR4}(?!\d){_RU_YEAR})?         # Ende Mai des Jahres 1968
      | (?:{_SEASON})\s(?:des\sjahres\s)?{_YEAR4}(?:/\d{{2,4}})?           # Herbst 1992
      | {_DECADE}                                                       # in den 70ern, 1990s, 60-х
      | {_YEAR4}\s?(?:/|-|bis|to|по)\s?(?:{_YEAR4}|\d\d)(?!\d){_RU_YEAR}  # 1988/1989, 1997 bis 2003
      | (?:(?P<yqual>{_QUALIFIER})\s)?{_YEAR4}{_RU_YEAR}                  # 1975, Ende 1991, 1969 году
    )
    (?!\w|[.,]\d|\s?(?:{_alternatives(_UNITS)}))
""", re.X)


@dataclass(frozen=True)
class DateMatch:
    """A date phrase found in a text: where it is, its lead-in and what :func:`parse_date` reads.

    ``text`` is the phrase as written from ``start`` (a lead-in such as "seit" included);
    ``date`` is None and ``error`` set when the phrase names an impossible date ("31. Juni 1991").
    """

    start: int
    core_start: int
    end: int
    lead: str
    text: str
    date: PartialDate | None
    error: DateError | None = None

    @property
    def since(self) -> bool:
        """True if the phrase opens with "seit", "since", "ab" or "с"."""
        return self.lead in SINCE_WORDS

    @property
    def core(self) -> str:
        """The phrase without its lead-in."""
        return self.text[self.core_start - self.start:]


def find_dates(text: str) -> list[DateMatch]:
    """Every date phrase in a text, in order, each read by :func:`parse_date`.

    Only phrases that name a date count: a year (1600-2099), a day with its month, a month, a
    season with its year, a decade. A count of years ("seit 25 Jahren") names none, and no year
    is ever made up from words.

    >>> [(m.text, m.date.iso) for m in find_dates("Am 14. Mai 1991 unterzeichnet, seit 1988 befreundet")]
    [('Am 14. Mai 1991', '1991-05-14'), ('seit 1988', '1988')]
    >>> [m.date.interval for m in find_dates("Сотрудничество с 1931 по 1990 год; в 1990-е годы")]
    ['1931/1990', '199X']
    """
    folded, origin = _fold_with_offsets(text)
    found = []
    for match in _CORE.finditer(folded):
        if match.group("mname") and not match.group("mqual") and match.end("core") == match.end("mname") + (
                folded[match.end("mname"):match.end("core")] == "."):
            initial = text[origin[match.start("mname")]]
            if match.group("mname") not in _FULL_MONTHS or not (initial.isupper() or _HAS_CYRILLIC(initial)):
                continue  # "may", "march", "Jan": a month alone must be its full name, written as a name
        start, core_start, end = (origin[match.start()], origin[match.start("core")], origin[match.end()])
        phrase = _normalised(match)
        first = match.start("weekday") if match.group("weekday") else match.start("core")
        if phrase == folded[first:match.end()]:
            phrase = text[origin[first]:end]  # nothing to translate: read it as written, for messages
        try:
            date, error = dataclasses.replace(parse_date(phrase), text=text[core_start:end]), None
        except ImpossibleDateError as err:
            date, error = None, err
        except UnreadableDateError:
            continue
        if date is not None and date.precision == "none":
            continue
        lead = (match.group("lead") or "")
        found.append(DateMatch(start, core_start, end, lead, text[start:end], date, error))
    return found


def find_date(text: str) -> PartialDate | None:
    """The first date phrase in a sentence, read with its precision; None if it names no date.

    Raises :class:`ImpossibleDateError` if that phrase names a day that cannot exist.

    >>> find_date("Die Partnerschaft besteht seit 1983.").iso
    '1983'
    >>> d = find_date("Ende Mai des Jahres 1968 kam die erste Delegation"); (d.iso, d.precision, d.qualifier)
    ('1968-05', 'month', 'late')
    >>> find_date("in den achtziger Jahren").iso, find_date("seit den Jahren 1988/1989").interval
    ('198X', '1988/1989')
    >>> find_date("Die Freundschaft besteht seit 30 Jahren.") is None
    True
    """
    for match in find_dates(text):
        if match.error is not None:
            raise match.error
        return match.date
    return None


_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]").search
_FULL_MONTHS = frozenset(_fold(name) for name in MONTHS_DE + _MONTHS_EN) | {
    form for forms in _MONTHS_RU for form in forms.split()} | {"jaenner", "marz"}


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`_fold`'s spelling (lower case, umlauts spelt out, one dash, spaces for tabs and line
    breaks) with the position in ``text`` of every folded character (and of the end)."""
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): fold it letter by letter
        lower = "".join(char.lower()[0] for char in text)
    lower = lower.translate(_SAME_LENGTH)
    if not _SPELT_OUT_RE.search(lower):
        return lower, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _SPELT_OUT_RE.finditer(lower):
        out.append(lower[position:match.start()])
        origin.extend(range(position, match.start()))
        out.append(_SPELT_OUT[match.group()])
        origin.extend([match.start()] * 2)
        position = match.end()
    out.append(lower[position:])
    origin.extend(range(position, len(text) + 1))
    return "".join(out), origin


_SAME_LENGTH = {**{code: "-" for code in range(0x2010, 0x2016)}, 0x2212: "-", ord("\t"): " ", ord("\n"): " ",
                ord("\r"): " ", 0xA0: " "}
_SPELT_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_SPELT_OUT_RE = re.compile("[äöüß]")


def _normalised(match: re.Match) -> str:
    """The found phrase in words :func:`parse_date` reads: qualifiers in German, decades as "1990er",
    "des Jahres" dropped, the weekday kept for its check."""
    core = match.group("core")
    for group in ("dqual", "mqual", "yqual"):
        word = match.group(group)
        if word and word in _DECADE_QUALIFIERS:
            core = _DECADE_QUALIFIERS[word] + core[len(word):]
    if match.group("decade") or match.group("wdecade"):
        digits = match.group("decade") or str(_WORD_DECADES[match.group("wdecade")])
        qualifier = _DECADE_QUALIFIERS.get(match.group("dqual") or "", match.group("dqual"))
        core = (f"{qualifier} der " if qualifier else "") + f"{digits}er"
    core = re.sub(r"\sdes\sjahres\s|\sof\s(?=\d)", " ", core)
    weekday = match.group("weekday")
    return f"{weekday} {core}" if weekday else core
