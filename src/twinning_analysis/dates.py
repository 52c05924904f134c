"""German date phrases -> :class:`PartialDate`, a date that knows how precise it is.

Sources write dates as people speak them: "9. September 1991", "Sommer 1991", "seit 1988",
"Anfang der 1990er Jahre", "vom 13.-15. April 2011". :func:`parse_date` reads them without
guessing: a day that does not exist is an error that says why, and a phrase without a year
gets ``year=None``, never an invented one.

>>> parse_date("Partnerschaft seit 9. September 1991").iso
'1991-09-09'
>>> d = parse_date("Sommer 1991"); (d.precision, d.qualifier, d.start_date())
('season', 'summer', datetime.date(1991, 6, 1))
>>> parse_date("vom 13.-15. April 2011").interval
'2011-04-13/2011-04-15'
>>> parse_date("31. Juni 2021")
Traceback (most recent call last):
...
twinning_analysis.errors.DateError: 31. Juni 2021: June has 30 days

Conventions:

* Two-digit years ("14.12.88", "80er"): 00-29 mean 2000-2029, 30-99 mean 1930-1999.
* A phrase without a year ("20. Oktober") keeps the precision it has ("day") with
  ``year=None``; its ``iso`` is the ISO 8601 no-year form "--10-20", ``start_date()`` is None.
* Lead-in words ("Partnerschaft seit", "ab", "am", "vom", the typo "sei") are dropped.
  ``qualifier`` says only where in the period (early, mid, late, about) or which season.
* A range is its start with ``end`` set; the start takes month and year from the end.
* Remarks in brackets go to ``remark``; two dates outside brackets are an error.
"""
from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import DateError

#: Precisions from the finest to the vaguest; "none" is an absent date.
PRECISIONS = ("day", "month", "season", "year", "decade", "none")

#: Two-digit years below this are 20xx, the others 19xx ("88" -> 1988, "05" -> 2005).
TWO_DIGIT_PIVOT = 30

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

# Month words after folding (lower case, umlauts spelt out), abbreviations included.
_MONTH_WORDS = {
    "januar": 1, "jaenner": 1, "jan": 1, "februar": 2, "febr": 2, "feb": 2,
    "maerz": 3, "marz": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
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
_QUALIFIERS_DE = {"early": "Anfang", "mid": "Mitte", "late": "Ende", "about": "um"}
# Words before a date that carry no meaning for its value.
_LEAD_INS = frozenset(
    "partnerschaft staedtepartnerschaft seit sei bereits schon ab am im in vom von zum "
    "den dem der des die jahr jahre jahres".split())


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_D, _Y = r"(?P<day>\d{1,2})", r"(?P<year>\d{4})"
_MONTH, _SEASON = _alternatives(_MONTH_WORDS), _alternatives(_SEASON_WORDS)
# (precision, pattern) tried in order; each must match a whole phrase without its lead-ins.
_PATTERNS = tuple((precision, re.compile(pattern, re.ASCII)) for precision, pattern in (
    ("day", rf"{_Y}-(?P<month>\d{{2}})-{_D}"),                                # 1991-09-09
    ("day", rf"{_D}\.\s?(?P<month>\d{{1,2}})\.\s?(?P<year>\d{{4}}|\d{{2}})?"),  # 9.9.1991, 14.12.88
    ("day", rf"{_D}\.?\s?(?P<mname>{_MONTH})\.?(?:\s?{_Y})?"),                # 9. Sept. 1991
    ("day", rf"{_D}\."),                                                      # 13. (range start)
    ("month", rf"(?P<mname>{_MONTH})\.?(?:\s?{_Y})?"),                        # April 2011
    ("season", rf"(?P<season>{_SEASON})(?:\s?{_Y}(?:/(?P<year2>\d{{4}}|\d{{2}}))?)?"),
    ("decade", r"(?P<decade>\d{4}|\d{2})er(?:[\s-]?jahren?)?"),               # 1990er Jahre, 80er
    ("year", _Y),                                                             # 1991
))
_RANGE_SEPARATOR = re.compile(r"\s?-\s?|\sbis\s")
_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_DATE_LIKE = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{4})(?!\d)", re.ASCII)


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


def parse_date(text: str) -> PartialDate:
    """Read a German date phrase; raise :class:`DateError` saying why it cannot be read.

    >>> d = parse_date("Anfang der 1990er Jahre"); (d.year, d.precision, d.qualifier)
    (1990, 'decade', 'early')
    >>> parse_date("28. bis 30. Juni").interval
    '--06-28/--06-30'
    >>> parse_date("1961 (im März 1989 bekräftigt)").remark
    'im März 1989 bekräftigt'
    """
    raw = "" if text is None else str(text)
    core, remark = _split_remark(unicodedata.normalize("NFC", raw))
    key = _fold(core)
    if not key:
        return PartialDate(text=raw, remark=remark)
    label = " ".join(raw.split())  # the phrase as shown in error messages
    fields = _parse_single(key, label)
    if fields is not None:
        _check(fields, label)
        return PartialDate(**fields, text=raw, remark=remark)
    sides = _RANGE_SEPARATOR.split(key)
    if len(sides) == 2:
        start = _parse_single(sides[0], label, range_start=True)
        end = _parse_single(sides[1], label)
        if start is not None and end is not None:
            return _range(start, end, label, raw, remark)
    found = _DATE_LIKE.findall(key)
    if len(found) >= 2:
        raise DateError(f"{label}: two dates ({', '.join(found)}); keep one and put the other "
                        "in brackets or in a note")
    raise DateError(f"cannot read a date in {label!r}")


def _split_remark(text: str) -> tuple[str, str | None]:
    """Take bracketed remarks out of the phrase (unless the brackets hold all of it)."""
    remarks = [r.strip() for r in _BRACKET.findall(text)]
    core = _BRACKET.sub(" ", text)
    if not core.strip() and remarks:
        return " ".join(remarks), None
    return core, "; ".join(r for r in remarks if r) or None


def _fold(text: str) -> str:
    """Lower case, umlauts spelt out, one kind of dash, single spaces, no edge punctuation."""
    text = text.lower().replace("ß", "ss")
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelt)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", " ".join(text.split()))
    text = re.sub(r"(?<=\d{4})\.$", "", text.strip(" ,;:"), flags=re.ASCII)
    return text


def _year(digits: str | None) -> int | None:
    if digits is None:
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    return year


def _parse_single(phrase: str, label: str, range_start: bool = False) -> dict | None:
    """Fields of one date phrase, or None if no pattern fits; impossible values raise."""
    words, qualifier = phrase.split(" "), None
    while len(words) > 1 and (words[0] in _LEAD_INS
                              or (qualifier is None and words[0] in _QUALIFIER_WORDS)):
        word = words.pop(0)
        qualifier = _QUALIFIER_WORDS.get(word, qualifier)
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
    if precision == "season":
        fields["qualifier"] = _SEASON_WORDS[g["season"]]
        second = g.get("year2")
        if second and int(second) != (fields["year"] + 1) % (100 if len(second) == 2 else 10**4):
            raise DateError(f"{label}: the second year must follow the first")
    if precision == "decade":
        fields["year"] = _year(g["decade"])
        if fields["year"] % 10:
            raise DateError(f"{label}: a decade is named by a year ending in 0, "
                            f"not {g['decade']}")
    if qualifier is not None:
        if precision in ("day", "season"):
            raise DateError(f"{label}: {_QUALIFIERS_DE[qualifier]!r} cannot qualify a {precision}")
        fields["qualifier"] = qualifier
    return fields


def _check(fields: dict, label: str) -> None:
    """Raise if year, month or day does not exist."""
    year, month, day = fields["year"], fields["month"], fields["day"]
    if year == 0:
        raise DateError(f"{label}: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{label}: there is no month {month}; months run from 1 to 12")
    if day is None:
        return
    if day < 1:
        raise DateError(f"{label}: there is no day {day} in {_MONTHS_EN[month - 1]}")
    last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year if none is given
    if day > last:
        if month == 2 and year:
            why = f"February {year} has {last} days" + (
                "" if last == 29 else f" ({year} is not a leap year)")
        else:
            why = f"{_MONTHS_EN[month - 1]} has {'at most ' if month == 2 else ''}{last} days"
        raise DateError(f"{label}: {why}")


def _range(start: dict, end: dict, label: str, raw: str, remark: str | None) -> PartialDate:
    if start["precision"] != end["precision"]:
        raise DateError(f"{label}: a range from a {start['precision']} "
                        f"to a {end['precision']} is not supported")
    if start["month"] is None and start["precision"] == "day":
        start["month"] = end["month"]
    if start["year"] is None:
        start["year"] = end["year"]
    elif end["year"] is None:
        raise DateError(f"{label}: the range names a year at its start but not at its end")
    _check(start, label)
    _check(end, label)
    last = PartialDate(**end)
    first = PartialDate(**start, end=last, text=raw, remark=remark)
    if last.sort_key < first.sort_key:
        raise DateError(f"{label}: the range ends ({last.iso}) before it starts ({first.iso})")
    return first


def format_german(pd: PartialDate) -> str:
    """Write a canonical German phrase that :func:`parse_date` reads back to ``pd``.

    >>> format_german(parse_date("vom 28. bis 30. Juni 2021"))
    '28.–30. Juni 2021'
    >>> format_german(parse_date("Ende der 80er Jahre")), format_german(parse_date("Winter 1990"))
    ('Ende der 1980er Jahre', 'Winter 1990/91')
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
