"""German date phrases: every form the sources use, impossible days, and round trips."""
from __future__ import annotations

import calendar
import datetime
import re

import pytest
from hypothesis import given, settings, strategies as st

from twinning_analysis.dates import (MONTHS_DE, PRECISIONS, PartialDate, format_german,
                                     parse_date)
from twinning_analysis.errors import DateError

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def day(y, m, d, end=None):
    return PartialDate(y, m, d, "day", end=end)


def days(y1, m1, d1, y2, m2, d2):
    return day(y1, m1, d1, end=day(y2, m2, d2))


def season(y, word):
    return PartialDate(y, None, None, "season", word)


def decade(y, qualifier=None):
    return PartialDate(y, None, None, "decade", qualifier)


def year(y, qualifier=None):
    return PartialDate(y, None, None, "year", qualifier)


def month(y, m, qualifier=None):
    return PartialDate(y, m, None, "month", qualifier)


VALID = [
    # seed phrases from the sources
    ("Partnerschaft seit 9. September 1991", day(1991, 9, 9)),
    ("Partnerschaft sei 19. Mai 1991", day(1991, 5, 19)),
    ("20. Oktober 1991", day(1991, 10, 20)),
    ("Partnerschaft seit Sommer 1991", season(1991, "summer")),
    ("Partnerschaft seit April 2011", month(2011, 4)),
    ("Partnerschaft seit 2011", year(2011)),
    ("Partnerschaft seit 1961", year(1961)),
    ("vom 28. bis 30. Juni 2021", days(2021, 6, 28, 2021, 6, 30)),
    ("vom 25. bis 27. Juni 2019", days(2019, 6, 25, 2019, 6, 27)),
    # day precision
    ("9. September 1991", day(1991, 9, 9)),
    ("9 September 1991", day(1991, 9, 9)),
    ("9. Sept. 1991", day(1991, 9, 9)),
    ("26. April 2001", day(2001, 4, 26)),
    ("am 9. September 1991", day(1991, 9, 9)),
    ("09.09.1991", day(1991, 9, 9)),
    ("9.9.1991", day(1991, 9, 9)),
    ("14.12.88", day(1988, 12, 14)),
    ("01.02.05", day(2005, 2, 1)),
    ("1.1.29", day(2029, 1, 1)),
    ("1.1.30", day(1930, 1, 1)),
    ("1991-09-09", day(1991, 9, 9)),
    ("29. Februar 1992", day(1992, 2, 29)),
    # month precision, spellings and abbreviations
    ("April 2011", month(2011, 4)),
    ("im März 1989", month(1989, 3)),
    ("Maerz 1989", month(1989, 3)),
    ("Mai 1991", month(1991, 5)),
    ("Jan. 1990", month(1990, 1)),
    ("Febr. 1990", month(1990, 2)),
    ("Okt. 1990", month(1990, 10)),
    ("Dez. 1990", month(1990, 12)),
    ("Ende Juni 1991", month(1991, 6, "late")),
    # seasons
    ("Sommer 1991", season(1991, "summer")),
    ("Frühsommer 1974", season(1974, "early summer")),
    ("Frühjahr 1990", season(1990, "spring")),
    ("Herbst 1988", season(1988, "autumn")),
    ("Winter 1990/91", season(1990, "winter")),
    ("Winter 1999/2000", season(1999, "winter")),
    ("Spätsommer", season(None, "late summer")),
    ("Frühling", season(None, "spring")),
    # years
    ("1991", year(1991)),
    ("seit 1988", year(1988)),
    ("bereits seit 1990", year(1990)),
    ("ab 1990", year(1990)),
    ("im Jahr 1990", year(1990)),
    ("Mitte 1990", year(1990, "mid")),
    ("Anfang 1991", year(1991, "early")),
    ("Ende 1991", year(1991, "late")),
    ("um 1990", year(1990, "about")),
    # decades
    ("Anfang der 1990er Jahre", decade(1990, "early")),
    ("Ende der 80er Jahre", decade(1980, "late")),
    ("Mitte der 1990er", decade(1990, "mid")),
    ("in den 1980er Jahren", decade(1980)),
    ("1990er", decade(1990)),
    ("1990er-Jahre", decade(1990)),
    ("80er", decade(1980)),
    # ranges
    ("vom 13.-15. April 2011", days(2011, 4, 13, 2011, 4, 15)),
    ("28. bis 30. Juni 2021", days(2021, 6, 28, 2021, 6, 30)),
    ("vom 28. Juni bis 30. Juni 2021", days(2021, 6, 28, 2021, 6, 30)),
    ("25.–27. Juni 2019", days(2019, 6, 25, 2019, 6, 27)),
    ("1.–3. Oktober 2015", days(2015, 10, 1, 2015, 10, 3)),
    ("30. September bis 2. Oktober 2013", days(2013, 9, 30, 2013, 10, 2)),
    ("30. Dezember 2012 bis 2. Januar 2013", days(2012, 12, 30, 2013, 1, 2)),
    ("13.-15.04.2011", days(2011, 4, 13, 2011, 4, 15)),
    ("2005–2007", PartialDate(2005, precision="year", end=year(2007))),
    ("Juni bis August 2021", PartialDate(2021, 6, precision="month", end=month(2021, 8))),
    # no year: the precision of the phrase, never an invented year
    ("28. bis 30. Juni", days(None, 6, 28, None, 6, 30)),
    ("20. Oktober", day(None, 10, 20)),
    ("Juni", month(None, 6)),
    ("29. Februar", day(None, 2, 29)),
    # absent date
    ("", PartialDate()),
    ("   ", PartialDate()),
]


@pytest.mark.parametrize("text, expected", VALID, ids=[t or "<empty>" for t, _ in VALID])
def test_reads_every_form(text, expected):
    got = parse_date(text)
    assert got == expected
    assert got.text == text


INVALID = [
    ("31. Juni 2021", "June has 30 days"),
    ("30. Februar 1990", "February 1990 has 28 days"),
    ("29. Februar 1991", "1991 is not a leap year"),
    ("30. Februar", "February has at most 29 days"),
    ("0. Mai 1991", "no day 0"),
    ("32.01.1990", "January has 31 days"),
    ("01.13.1990", "no month 13"),
    ("vom 28. Juni bis 31. Juni 2021", "June has 30 days"),
    ("30. bis 28. Juni 2021", "ends (2021-06-28) before it starts (2021-06-30)"),
    ("2007–2005", "before it starts"),
    ("Winter 1990/92", "second year must follow"),
    ("1995er Jahre", "ending in 0"),
    ("Anfang 9. Mai 1991", "cannot qualify a day"),
    ("1961 und 1989", "two dates"),
    ("9. September 1991, 20. Oktober 1992", "two dates"),
    ("xyz", "cannot read a date in 'xyz'"),
    ("13.", "cannot read"),
    ("Mai 1991 bis 3. Juni 1991", "range from a month to a day"),
]


@pytest.mark.parametrize("text, why", INVALID, ids=[t for t, _ in INVALID])
def test_impossible_dates_say_why(text, why):
    with pytest.raises(DateError, match=re.escape(why)):
        parse_date(text)


def test_date_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_date("31. Juni 2021")


def test_bracket_remark_is_kept_apart():
    got = parse_date("1961 (diese wurde dann im März 1989 nochmals bekräftigt)")
    assert got == year(1961)
    assert got.remark == "diese wurde dann im März 1989 nochmals bekräftigt"


def test_iso_forms():
    iso = {"9. September 1991": "1991-09-09", "September 1991": "1991-09", "Sommer 1991": "1991",
           "1991": "1991", "1990er Jahre": "199X", "20. Oktober": "--10-20", "": ""}
    assert {text: parse_date(text).iso for text in iso} == iso
    assert parse_date("28.–30. Juni 2021").interval == "2021-06-28/2021-06-30"


@pytest.mark.parametrize("text, first", [
    ("Frühjahr 1990", (1990, 3, 1)), ("Frühsommer 1990", (1990, 6, 1)),
    ("Sommer 1990", (1990, 6, 1)), ("Spätsommer 1990", (1990, 8, 1)),
    ("Herbst 1990", (1990, 9, 1)), ("Winter 1990/91", (1990, 12, 1)),
    ("Ende der 80er Jahre", (1980, 1, 1)), ("April 2011", (2011, 4, 1)),
])
def test_start_date_is_the_first_possible_day(text, first):
    assert parse_date(text).start_date() == datetime.date(*first)


def test_start_date_without_year_is_none():
    assert parse_date("20. Oktober").start_date() is None
    assert parse_date("").start_date() is None


def test_sort_key_orders_by_first_day_then_precision():
    texts = ["20. Oktober", "März 1991", "1991", "1990er Jahre", "1. Januar 1991", "Sommer 1990"]
    ordered = sorted(texts, key=lambda t: parse_date(t).sort_key)
    assert ordered == ["1990er Jahre", "Sommer 1990", "1. Januar 1991", "1991", "März 1991",
                       "20. Oktober"]


def test_precisions_run_from_fine_to_vague():
    assert PRECISIONS == ("day", "month", "season", "year", "decade", "none")
    with pytest.raises(DateError):
        PartialDate(1991, precision="week")


@pytest.mark.parametrize("text, german", [
    ("vom 28. bis 30. Juni 2021", "28.–30. Juni 2021"),
    ("30. September bis 2. Oktober 2013", "30. September bis 2. Oktober 2013"),
    ("Winter 1990", "Winter 1990/91"),
    ("Ende der 80er Jahre", "Ende der 1980er Jahre"),
    ("Mitte 1990", "Mitte 1990"),
    ("Frühling", "Frühjahr"),
    ("", ""),
])
def test_format_german(text, german):
    assert format_german(parse_date(text)) == german


@pytest.mark.parametrize("text", [t for t, _ in VALID])
def test_format_german_reads_back(text):
    pd = parse_date(text)
    assert parse_date(format_german(pd)) == pd


# --- properties -------------------------------------------------------------------------------

dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(dates)
def test_round_trip_day(d):
    expected = day(d.year, d.month, d.day)
    assert parse_date(format_german(expected)) == expected
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == expected
    assert parse_date(f"{d.day}.{d.month}.{d.year}") == expected


@given(st.integers(1900, 2099), st.integers(1, 12))
def test_round_trip_month_and_year(y, m):
    assert parse_date(format_german(month(y, m))) == month(y, m)
    assert parse_date(format_german(year(y))) == year(y)


@given(dates, st.integers(0, 40))
def test_round_trip_range(start, length):
    end = start + datetime.timedelta(days=length)
    pd = days(start.year, start.month, start.day, end.year, end.month, end.day)
    assert parse_date(format_german(pd)) == pd


@st.composite
def impossible_days(draw):
    y, m = draw(st.integers(1900, 2099)), draw(st.integers(1, 12))
    return y, m, draw(st.integers(calendar.monthrange(y, m)[1] + 1, 99))


@given(impossible_days())
def test_day_past_month_end_names_the_month(ymd):
    y, m, d = ymd
    for text in (f"{d}. {MONTHS_DE[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}"):
        with pytest.raises(DateError, match=MONTHS_EN[m - 1]):
            parse_date(text)


WORDS = ["Partnerschaft", "seit", "sei", "ab", "am", "im", "vom", "bis", "Ende", "Anfang",
         "Mitte", "der", "den", "Jahre", "er", "-", "–", ".", "(", ")", "/", "Sommer", "Winter",
         "Frühling", "Herbst", "Spätsommer", "Sept.", "Okt.", "Maerz", *MONTHS_DE]
no_long_numbers = st.lists(st.one_of(st.sampled_from(WORDS),
                                     st.integers(0, 9).map(str),
                                     st.integers(0, 9).map("{}.".format)), max_size=8)


def assert_no_year(text):
    try:
        pd = parse_date(text)
    except DateError:
        return
    assert pd.year is None and (pd.end is None or pd.end.year is None), text


@settings(max_examples=300)
@given(no_long_numbers)
def test_never_invents_a_year_from_words(words):
    assert_no_year(" ".join(words))


@given(st.text(max_size=30).filter(lambda t: not re.search(r"[0-9]{2}", t)))
def test_never_invents_a_year_from_any_text(text):
    assert_no_year(text)
