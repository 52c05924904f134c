"""Any text in, a result or a clear error out, in bounded time: property-based tests (hypothesis).

The date parser, the name normaliser and the geocoder read text written by people (and by tools that
scrape them). Whatever the text, each must return a value or raise the project's own error
(:class:`~twinning_analysis.errors.TwinningError`), never another exception, and must not stall on
long or repetitive input: ``deadline`` bounds the time of every example.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twinning_analysis import cli_geocode
from twinning_analysis.config import PROJECT_ROOT, project_paths
from twinning_analysis.dates import PartialDate, parse_date
from twinning_analysis.errors import TwinningError
from twinning_analysis.geocode import MAX_NAME_LENGTH, GeocodeChain, GazetteerGeocoder, PlaceQuery
from twinning_analysis.names import fold, loose_key, name_key, query_variants, split_kind, split_region

#: Words that the parsers give meaning to, so that random text often reaches their deeper branches.
WORDS = ["Nischni", "Nowgorod", "Kreis", "Gebiet", "Rayon", "Landkreis", "Oblast", "(district)", "–", "-",
         "Berlin", "Moskau", "St.", "Sankt", "a.d.", "ob", "der", "Tauber", "(Saale)", "/", "seit", "bis",
         "vom", "13.", "-15.", "April", "Sommer", "1991", "1990/91", "31.", "Juni", "Anfang", "der", "80er",
         "Jahre", "года", "июня", "28", "Тверь", "Königsberg", ",", "und", "Jahren", "25", "(", ")"]
#: Any text (letters of several scripts, digits, punctuation, controls) or runs of meaningful words.
TEXT = st.one_of(st.text(max_size=300),
                 st.lists(st.sampled_from(WORDS), max_size=400).map(" ".join),
                 st.lists(st.sampled_from(WORDS), max_size=60).map("".join))
QUICK = settings(max_examples=300, deadline=timedelta(seconds=2),
                 suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(TEXT)
def test_parse_date_gives_a_date_or_a_date_error(text):
    try:
        result = parse_date(text)
    except TwinningError:
        return
    assert isinstance(result, PartialDate)


@QUICK
@given(TEXT, st.sampled_from(["DE", "RU", "FR", ""]))
def test_the_name_normaliser_always_answers(text, country):
    assert isinstance(name_key(text), str) and isinstance(loose_key(text), str) and isinstance(fold(text), str)
    assert set(name_key(text)) <= set("abcdefghijklmnopqrstuvwxyz0123456789")
    base, kind, parent = split_kind(text, country)
    assert isinstance(base, str) and isinstance(kind, str)
    assert isinstance(split_region(text)[0], str)
    assert all(isinstance(v, str) for v, _ in query_variants(text, country))


@pytest.fixture(scope="module")
def chain() -> GeocodeChain:
    return GeocodeChain(project_paths(PROJECT_ROOT))


@settings(max_examples=150, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(name=TEXT, country=st.sampled_from(["DE", "RU", "FR", "PL", "XX", ""]),
       kind=st.sampled_from(["city", "city_district", "landkreis", "rayon", "federal_subject", "land"]))
def test_the_geocoder_resolves_or_says_why(chain, name, country, kind):
    result = chain.resolve(PlaceQuery(name=name, country=country, kind=kind, name_raw=name))
    assert "internal error" not in result.note
    assert result.resolved or result.note
    if len(name.strip()) > MAX_NAME_LENGTH:
        assert not result.resolved and "at most" in result.note


@settings(max_examples=100, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_the_geopy_shaped_geocoder_returns_a_location_or_none(text):
    location = GazetteerGeocoder().geocode(text, country="RU")
    assert location is None or -90 <= location.latitude <= 90


def test_a_name_too_long_is_a_clear_error_on_the_command_line(capsys):
    """5,000 characters of repeated words used to run past 30 s; now the command refuses at once."""
    name = " ".join(["Nischni Nowgorod Kreis Gebiet"] * 170)
    args = cli_geocode.add_parser(__import__("argparse").ArgumentParser().add_subparsers()).parse_args([name])
    assert cli_geocode.run(args) == cli_geocode.EXIT_USAGE
    assert f"a place name has at most {MAX_NAME_LENGTH}" in capsys.readouterr().err


def test_a_long_name_within_the_limit_is_searched_in_linear_time(chain):
    """Without a country the command tries every country whose places share the name's words; the
    partial-name search looks at runs of at most four words, each once."""
    name = " ".join(["Nischni Nowgorod Kreis Gebiet"] * 10)[:MAX_NAME_LENGTH]
    record = cli_geocode.resolve_name(chain, {"name": name, "country": ""})
    assert record["resolved"] and record["country"] == "RU"
