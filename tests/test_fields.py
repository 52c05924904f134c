"""Edition numbers, head counts and venue lists as sources write them."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from twinning_analysis.fields import Participants, parse_edition, parse_participants, parse_roman, split_venues, \
    to_roman


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(number):
    assert parse_roman(to_roman(number)) == number


@pytest.mark.parametrize("bad", ["IIII", "VX", "XIIII", "ABC", ""])
def test_malformed_roman_numerals_are_refused(bad):
    with pytest.raises(ValueError):
        parse_roman(bad)


@pytest.mark.parametrize("text, edition", [
    ("XVI.", 16), ("XIII", 13), ("16.", 16), ("13-я", 13), ("erste", 1), ("erstes Treffen", 1),
    ("zwölfte", 12), ("vierzehnte (XIV.)", 14), ("", None)])
def test_editions(text, edition):
    assert parse_edition(text) == edition


@pytest.mark.parametrize("bad", ["vierzehnte (XV.)", "die nächste", "XIIII."])
def test_unreadable_or_contradictory_editions(bad):
    with pytest.raises(ValueError):
        parse_edition(bad)


@pytest.mark.parametrize("text, count, qualifier", [
    ("200", 200, None), ("mehr als 350", 350, "more than"), ("rund 1.000", 1000, "about"),
    ("400 Personen, Vertreter von 30 deutschen und 50 russischen Städten", 400, None),
    ("Weit über 300 Gäste aus mehr als 70 deutschen und 50 russischen Städten", 300, "more than"),
    ("etwa 90 Partnerstädte und mehr als 400 Delegierte", 400, "more than"),
    ("rund 300 Städte- und Kommunenvertreter sowie Akteure", 300, "about"),
    ("Fast 500 Vertreter; Vertreter aus 50 russischen Städten", 500, "almost"),
    ("около 400 человек", 400, "about"), ("более 600 представителей на открытии", 600, "more than")])
def test_head_counts_count_people_only(text, count, qualifier):
    assert parse_participants(text) == Participants(count, qualifier)


@pytest.mark.parametrize("text", ["Über 40 Städte vertreten", "Vertreter aus 70 deutschen und 50 russischen Städten",
                                  "auf russischer Seite fast 100 Kommunen erwartet", "eine übersichtliche Zahl"])
def test_counts_of_towns_are_not_head_counts(text):
    with pytest.raises(ValueError, match="no head count"):
        parse_participants(text)


def test_empty_head_count():
    assert parse_participants("  ") == Participants(None, None)


@pytest.mark.parametrize("text, venues", [
    ("Karlsruhe und Baden-Baden", ["Karlsruhe", "Baden-Baden"]), ("Kaluga", ["Kaluga"]),
    ("Moskau, Kaluga und Tula", ["Moskau", "Kaluga", "Tula"])])
def test_venues(text, venues):
    assert split_venues(text) == venues
