"""Jubilees and the venue alternation check."""
from __future__ import annotations

import pandas as pd

from twinning_analysis import anniversaries, load_partnerships, venue_alternation
from twinning_analysis.analysis import is_jubilee
from twinning_analysis.pipeline import build_tables

#: The jubilee list of the 2021 article: pairs with 10, 20, 30 and 60 years.
ARTICLE_2021 = {
    ("Düren (Kreis)", "Mytischtschi", 10), ("Zarrentin", "Murino", 10),
    ("Aachen", "Kostroma", 20), ("Berlin Lichtenberg", "Kaliningrad", 20),
    ("Essen", "Nischni Nowgorod", 30), ("Pinneberg (Kreis)", "Rayon Selenograd", 30),
    ("Rems-Murr-Kreis", "Rayon Dmitrow", 30), ("Osnabrück", "Twer", 30), ("Munster", "Mitschurinsk", 30),
    ("Landshut (Landkreis)", "Rayon Nowosibirsk", 30), ("Lüdenscheid", "Taganrod", 30),
    ("Kornwestheim", "Kimry", 30), ("Fulda", "Sergijew Possad", 30), ("Berlin Neukölln", "Pavlovsk-Puschkin", 30),
    ("Witten", "Kursk", 30), ("Wolfsburg", "Togliatti", 30), ("Dresden", "St. Petersburg", 60),
}


def _as_set(table: pd.DataFrame) -> set:
    return set(zip(table["de_name"], table["ru_name"], table["age"]))


def test_the_2021_jubilee_list_of_the_article_is_reproduced_exactly(seed_project):
    build_tables(seed_project)
    seed = load_partnerships(seed_project)
    assert _as_set(anniversaries(seed, 2021, ages={10, 20, 30, 60})) == ARTICLE_2021


def test_with_more_data_the_jubilee_list_is_a_superset():
    everything = _as_set(anniversaries(load_partnerships(), 2021, ages={10, 20, 30, 60}))
    names = {(de, ru) for de, ru, _ in everything}
    assert {(de, ru) for de, ru, _ in ARTICLE_2021} <= names


def test_round_jubilees():
    assert [a for a in range(1, 101) if is_jubilee(a)] == [5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]


def test_a_pair_known_only_to_the_decade_has_no_jubilee():
    pairs = pd.DataFrame({"partnership_id": ["a", "b"], "relation": ["partnership"] * 2,
                          "founded_year": [1990, 1991], "founded_precision": ["decade", "season"]})
    assert anniversaries(pairs, 2021)["partnership_id"].tolist() == ["b"]


def test_alternation_reports_every_repeat_and_gap():
    conferences = pd.DataFrame({"edition": [8, 9, 10, 11, 13, 14], "year": [2005, 2007, 2009, 2011, 2015, 2017],
                                "host_country": ["RU", "DE", "DE", "RU", "DE", "DE"]})
    found = venue_alternation(conferences)
    assert found[["kind", "after", "before"]].values.tolist() == \
        [["repeat", 9, 10], ["gap", 11, 13], ["repeat", 13, 14]]


def test_the_seed_conferences_alternate_without_a_break():
    from twinning_analysis import load_conferences
    conferences = load_conferences()
    documented = conferences[conferences["edition"] >= 8]
    assert venue_alternation(documented).empty
