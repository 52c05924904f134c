"""The world network on a small hand-made world with known answers: country ranks, partner shares, the
matrix, degrees, hubs and components; the seeded null model; the world figures drawn from fixture tables.

The fixture world (twelve pairs):

* Germany: Berlin–Paris, Hamburg–Paris, Munich–Lyon (France); Berlin–Moscow, Hamburg–Kaliningrad,
  Munich–"Nowhere" (Russia, not located); Berlin–Warsaw (Poland); Berlin–Hamburg (within Germany);
  Nienburg–Nienburg (one listed place on both sides);
* elsewhere: Paris–Boston, Moscow–Warsaw, and Tokyo–Osaka, apart from the rest.
"""
from __future__ import annotations

import logging
import shutil
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.figures import FORMATS, WORLD_FIGURES, draw_all, figure_files
from twinning_analysis.geometry import geodesic_km
from twinning_analysis.pipeline import _figure_inputs
from twinning_analysis.plots import NothingToPlotError, SkippedRowsWarning
from twinning_analysis.plots.world import (
    WORLD_BOUNDARY_FILE, cut_at_antimeridian, line_density, link_lines, load_world_boundaries, plot_country_matrix,
    plot_degree_distribution, plot_distance_null, plot_hubs, plot_partner_countries, plot_world_links,
    split_at_antimeridian,
)
from twinning_analysis.world.network import (
    components, country_links, country_matrix, degree_distribution, hubs, partner_countries, partner_standing,
    twin_graph,
)
from twinning_analysis.world.nullmodel import (
    distance_samples, distance_summary, located_pairs, random_pairs,
)
from twinning_analysis.world.pairs import PAIR_COLUMNS
from twinning_analysis.world.places import PLACE_COLUMNS

PLACES = [  # place_id, name, country, lat, lon
    ("de-berlin", "Berlin", "DE", 52.52, 13.40), ("de-hamburg", "Hamburg", "DE", 53.55, 9.99),
    ("de-munich", "Munich", "DE", 48.14, 11.58), ("de-nienburg", "Nienburg", "DE", 52.64, 9.21),
    ("fr-paris", "Paris", "FR", 48.86, 2.35), ("fr-lyon", "Lyon", "FR", 45.76, 4.84),
    ("pl-warsaw", "Warsaw", "PL", 52.23, 21.01), ("ru-moscow", "Moscow", "RU", 55.76, 37.62),
    ("ru-kaliningrad", "Kaliningrad", "RU", 54.71, 20.51), ("ru-nowhere", "Nowhere", "RU", None, None),
    ("us-boston", "Boston", "US", 42.36, -71.06), ("jp-tokyo", "Tokyo", "JP", 35.69, 139.69),
    ("jp-osaka", "Osaka", "JP", 34.69, 135.50),
]
PAIRS = [("de-berlin", "fr-paris"), ("de-berlin", "ru-moscow"), ("de-hamburg", "fr-paris"), ("de-munich", "fr-lyon"),
         ("de-berlin", "pl-warsaw"), ("de-hamburg", "ru-kaliningrad"), ("de-berlin", "de-hamburg"),
         ("fr-paris", "us-boston"), ("pl-warsaw", "ru-moscow"), ("de-nienburg", "de-nienburg"),
         ("de-munich", "ru-nowhere"), ("jp-tokyo", "jp-osaka")]


def make_world_places() -> pd.DataFrame:
    frame = pd.DataFrame(PLACES, columns=["place_id", "name_raw", "country", "lat", "lon"])
    frame = frame.assign(country_raw=frame["country"], kind="city", name=frame["name_raw"], parent="",
                         geonames_id=pd.NA, population=pd.NA, admin1="",
                         geocode_method=np.where(frame["lat"].isna(), "unresolved", "gazetteer"),
                         geocode_confidence=1.0, geocode_note="")
    return frame[list(PLACE_COLUMNS)]


def make_world_pairs() -> pd.DataFrame:
    places = make_world_places().set_index("place_id")
    a, b = [p for p, _ in PAIRS], [q for _, q in PAIRS]
    frame = pd.DataFrame({"pair_id": [f"{x}__{y}" for x, y in PAIRS], "place_id_a": a, "place_id_b": b,
                          "name_a": places.loc[a, "name_raw"].to_numpy(),
                          "name_b": places.loc[b, "name_raw"].to_numpy(),
                          "country_a": places.loc[a, "country"].to_numpy(),
                          "country_b": places.loc[b, "country"].to_numpy(), "listed": "once", "raw_lines": "1"})
    frame["distance_km"] = geodesic_km(places.loc[a, ["lon", "lat"]].to_numpy(float),
                                       places.loc[b, ["lon", "lat"]].to_numpy(float))
    return frame[list(PAIR_COLUMNS)]


world_places = pytest.fixture(make_world_places, name="world_places")
world_pairs = pytest.fixture(make_world_pairs, name="world_pairs")


def new_axes():
    figure = Figure(figsize=(6, 4), layout="constrained")
    FigureCanvasAgg(figure)
    return figure.subplots()


# ---------------------------------------------------------------------------------------------
# countries


def test_countries_ranked_by_links_count_a_domestic_pair_once(world_pairs):
    table = country_links(world_pairs).set_index("country")
    assert table.loc["DE", ["links", "international", "domestic", "partner_countries", "rank"]].tolist() == \
        [9, 7, 2, 3, 1]
    assert table["links"].to_dict() == {"DE": 9, "FR": 4, "RU": 4, "PL": 2, "JP": 1, "US": 1}
    assert table["rank"].to_dict() == {"DE": 1, "FR": 2, "RU": 2, "PL": 4, "JP": 5, "US": 5}  # ties share a rank
    assert table.loc["JP", ["international", "domestic"]].tolist() == [0, 1]
    assert table.loc["DE", "name"] == "Germany"


def test_partner_countries_share_international_links_only(world_pairs):
    table = partner_countries(world_pairs, "DE")
    assert table[["partner", "links", "rank"]].values.tolist() == [["FR", 3, 1], ["RU", 3, 1], ["PL", 1, 3]]
    assert table["share"].tolist() == pytest.approx([3 / 7, 3 / 7, 1 / 7])
    assert table["share"].sum() == pytest.approx(1.0)
    assert partner_countries(world_pairs, "JP").empty  # only a pair at home


def test_partner_standing_both_ways(world_pairs):
    table = partner_standing(world_pairs, [("DE", "RU"), ("RU", "DE"), ("DE", "PL"), ("US", "DE")])
    assert table[["links", "rank", "of"]].astype(object).values.tolist() == \
        [[3, 1, 3], [3, 1, 2], [1, 3, 3], [0, pd.NA, 1]]
    assert table["share"].tolist() == pytest.approx([3 / 7, 3 / 4, 1 / 7, 0.0])


def test_country_matrix_is_symmetric_with_domestic_pairs_on_the_diagonal(world_pairs):
    matrix = country_matrix(world_pairs, top=3)
    assert matrix.index.tolist() == matrix.columns.tolist() == ["DE", "FR", "RU"]
    assert matrix.values.tolist() == [[2, 3, 3], [3, 0, 0], [3, 0, 0]]
    full = country_matrix(world_pairs, top=10)
    assert (full.values == full.values.T).all()
    # every pair between listed countries is counted once above the diagonal or on it
    assert np.triu(full.values).sum() == len(world_pairs)


# ---------------------------------------------------------------------------------------------
# the graph of places


def test_graph_degrees_hubs_and_components(world_pairs, world_places):
    graph = twin_graph(world_pairs, world_places)
    assert (graph.number_of_nodes(), graph.number_of_edges(), graph.graph["self_pairs"]) == (12, 11, 1)
    assert "de-nienburg" not in graph  # its only pair is with itself
    assert graph.nodes["de-berlin"]["name"] == "Berlin"
    assert degree_distribution(graph)[["degree", "places"]].values.tolist() == [[1, 6], [2, 3], [3, 2], [4, 1]]
    assert degree_distribution(graph)["share"].sum() == pytest.approx(1.0)
    top = hubs(graph, top=3)
    assert top[["name", "country_name", "degree", "partner_countries", "rank"]].values.tolist() == [
        ["Berlin", "Germany", 4, 4, 1], ["Hamburg", "Germany", 3, 3, 2], ["Paris", "France", 3, 2, 2]]
    parts = components(graph)
    # Berlin's group of seven; Munich, Lyon and Nowhere; Tokyo and Osaka
    assert (parts.count, parts.largest) == (3, 7)
    assert parts.largest_share == pytest.approx(7 / 12)
    assert parts.sizes.values.tolist() == [[2, 1], [3, 1], [7, 1]]


# ---------------------------------------------------------------------------------------------
# the null model


def degrees(pairs: pd.DataFrame) -> Counter:
    return Counter(pairs["place_id_a"].tolist() + pairs["place_id_b"].tolist())


def test_null_model_uses_located_pairs_of_two_places(world_pairs, world_places):
    kept = located_pairs(world_pairs, world_places)
    assert len(kept) == 10
    assert not kept["pair_id"].str.contains("nowhere|nienburg").any()


def test_null_model_is_seeded_keeps_every_degree_and_draws_simple_pairs(world_pairs, world_places):
    observed = located_pairs(world_pairs, world_places)
    first = random_pairs(world_pairs, world_places, seed=3)
    pd.testing.assert_frame_equal(first, random_pairs(world_pairs, world_places, seed=3))
    draws = [random_pairs(world_pairs, world_places, seed=s) for s in range(10)]
    for drawn in draws:
        assert degrees(drawn) == degrees(observed)
        assert (drawn["place_id_a"] != drawn["place_id_b"]).all()  # no place with itself
        ends = [frozenset(e) for e in zip(drawn["place_id_a"], drawn["place_id_b"])]
        assert len(set(ends)) == len(ends)  # no pair twice
        assert drawn.attrs["dropped"] == 0
    assert len({tuple(map(frozenset, zip(d["place_id_a"], d["place_id_b"]))) for d in draws}) > 1  # seeds differ


def test_null_model_distances_and_countries_belong_to_the_drawn_places(world_pairs, world_places):
    drawn = random_pairs(world_pairs, world_places, seed=11)
    table = world_places.set_index("place_id")
    assert (drawn["country_a"] == table.loc[drawn["place_id_a"], "country"].to_numpy()).all()
    expected = geodesic_km(table.loc[drawn["place_id_a"], ["lon", "lat"]].to_numpy(float),
                           table.loc[drawn["place_id_b"], ["lon", "lat"]].to_numpy(float))
    assert drawn["distance_km"].to_numpy() == pytest.approx(expected)


def test_a_star_has_one_simple_re_pairing_and_the_repair_finds_it():
    places = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "country": ["DE"] * 4,
                           "lat": [50.0, 51.0, 52.0, 53.0], "lon": [10.0, 11.0, 12.0, 13.0]})
    star = pd.DataFrame({"pair_id": ["1", "2", "3"], "place_id_a": ["a", "a", "a"], "place_id_b": ["b", "c", "d"],
                         "country_a": ["DE"] * 3, "country_b": ["DE"] * 3})
    for seed in range(5):
        drawn = random_pairs(star, places, seed=seed)
        assert sorted(map(frozenset, zip(drawn["place_id_a"], drawn["place_id_b"])), key=sorted) == \
            [frozenset("ab"), frozenset("ac"), frozenset("ad")]


def test_distance_summary_compares_each_scope_with_its_draws(world_pairs, world_places):
    samples = distance_samples(world_pairs, world_places, seeds=range(8))
    summary = distance_summary(samples, near_km=1000)
    assert summary.index.tolist() == ["world", "German side", "German–Russian"]
    assert summary["pairs"].tolist() == [10, 7, 2]
    assert summary.loc["world", "pairs_expected"] == 10  # every draw re-pairs all located pairs
    assert summary["draws"].tolist() == [8, 8, 8]
    observed = located_pairs(world_pairs, world_places)
    assert summary.loc["world", "median_km"] == pytest.approx(observed["distance_km"].median())
    assert summary.loc["world", "near_share"] == pytest.approx((observed["distance_km"] < 1000).mean())
    de_ru = observed["pair_id"].isin(["de-berlin__ru-moscow", "de-hamburg__ru-kaliningrad"])
    assert summary.loc["German–Russian", "median_km"] == pytest.approx(observed.loc[de_ru, "distance_km"].median())
    low, mean, high = summary.loc["world", ["median_km_null_low", "median_km_null", "median_km_null_high"]]
    assert low <= mean <= high
    again = distance_summary(distance_samples(world_pairs, world_places, seeds=range(8)))
    pd.testing.assert_frame_equal(summary, again)


# ---------------------------------------------------------------------------------------------
# drawing


def test_arcs_are_cut_at_the_antimeridian_not_drawn_across_the_map():
    pieces = split_at_antimeridian(np.array([170.0, 179.0, -179.0, -170.0]), np.array([0.0, 1.0, 3.0, 4.0]))
    assert [p[0].tolist() for p in pieces] == [[170.0, 179.0, 180.0], [-180.0, -179.0, -170.0]]
    assert pieces[0][1][-1] == pieces[1][1][0] == pytest.approx(2.0)
    pairs = pd.DataFrame({"pair_id": ["x"], "place_id_a": ["jp-tokyo"], "place_id_b": ["us-boston"]})
    lines, owner, skipped = link_lines(pairs, make_world_places())
    assert len(lines) == 2 and owner.tolist() == [0, 0] and skipped == []  # Tokyo–Boston crosses the Pacific
    width = 34_000_000  # about the map's width in metres: no piece jumps across it
    assert all(np.abs(np.diff(line[:, 0])).max() < width / 4 for line in lines)


def test_line_density_counts_each_line_once_per_pixel():
    lines = [np.array([[0.0, 0.5], [10.0, 0.5]]), np.array([[0.0, 0.5], [10.0, 0.5]]), np.array([[50.0, 50.0]])]
    counts = line_density(lines, (0, 0, 10, 2), 10)
    assert counts.shape == (2, 10)
    assert counts[0].tolist() == [2] * 10 and counts[1].sum() == 0


def test_boundaries_crossing_180_are_cut_into_their_halves():
    countries = load_world_boundaries()
    russia = countries.loc[countries["name"] == "Russia", "geometry"].iloc[0]
    assert russia.is_valid
    west_of_russia = shapely.box(0, 40, 20, 70)  # as read, a ring jumping from 180° to -180° made a band here
    assert russia.intersection(west_of_russia).area < 3  # only Kaliningrad Oblast
    assert cut_at_antimeridian(None) is None


def test_world_map_draws_the_highlighted_pairs_on_top_and_notes_the_unlocated(world_pairs, world_places):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SkippedRowsWarning)
        ax = plot_world_links(world_pairs, places=world_places, boundaries=load_world_boundaries(), ax=new_axes())
    highlighted = [c for c in ax.collections if c.get_gid() == "highlighted links"]
    assert len(highlighted[0].get_segments()) == 2  # Berlin–Moscow, Hamburg–Kaliningrad; Munich–Nowhere unlocated
    assert [i.get_gid() for i in ax.images] == ["links"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2 pairs Germany – Russia", "9 other pairs"]
    assert "left out 1: de-munich__ru-nowhere" in str(caught[0].message)


def test_country_partner_degree_and_distance_plots_show_the_numbers(world_pairs, world_places):
    ax = plot_country_matrix(world_pairs, top=3, ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["2", "3", "3", "3", "3"]  # empty cells stay empty
    ax = plot_partner_countries(world_pairs, country="DE", mark=("PL",), top=1, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1  France", "3  Poland"]  # marked, though below top
    ax = plot_degree_distribution(world_pairs, ax=new_axes())
    assert ax.collections[0].get_offsets().tolist() == [[1, 6], [2, 3], [3, 2], [4, 1]]
    assert "12 places" in ax.texts[0].get_text()
    ax = plot_hubs(world_pairs, places=world_places, top=2, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Berlin (Germany)", "Hamburg (Germany)"]
    samples = distance_samples(world_pairs, world_places, seeds=range(3))
    ax = plot_distance_null(samples, scope="German side", ax=new_axes())
    assert ax.texts[0].get_text().startswith("7 pairs\nmedian: ")
    with pytest.raises(NothingToPlotError, match="no located pair in scope 'nowhere'"):
        plot_distance_null(samples, scope="nowhere", ax=new_axes())
    with pytest.raises(NothingToPlotError, match="US has no international pair"):
        plot_partner_countries(world_pairs[world_pairs["country_a"] == "JP"], country="US", ax=new_axes())


# ---------------------------------------------------------------------------------------------
# the figures step


def write_world_project(root) -> Paths:
    paths = Paths(root)
    paths.processed.mkdir(parents=True)
    make_world_places().to_csv(paths.processed / "world_places.csv", index=False)
    make_world_pairs().to_csv(paths.processed / "world_pairs.csv", index=False)
    target = paths.boundaries / WORLD_BOUNDARY_FILE
    target.parent.mkdir(parents=True)
    # the same countries at 1:110 million stand in for the 1:50 million file: same format, seven times smaller
    shutil.copy2(project_paths(PROJECT_ROOT).boundaries / "world" / "countries-110m.json", target)
    return paths


def test_world_figures_are_drawn_from_the_tables_identically_twice(tmp_path, monkeypatch):
    paths = write_world_project(tmp_path / "project")
    monkeypatch.setattr("twinning_analysis.figures.load_tables", lambda p=None: _world_only(p))
    written = draw_all(paths, names=WORLD_FIGURES, dpi=30, strict=True)
    assert written == [f for name in WORLD_FIGURES for f in figure_files(paths, name)]
    assert len(written) == len(WORLD_FIGURES) * len(FORMATS)
    # the map is the figure with a raster and path effects in it: drawn again, it gives the same bytes
    first = {p: p.read_bytes() for p in figure_files(paths, "world_links_map")}
    draw_all(paths, names=("world_links_map",), dpi=30, strict=True)
    assert [p.name for p in first if p.read_bytes() != first[p]] == []


def _world_only(paths):
    """Figure tables whose German–Russian part is empty: the world figures need only the world tables."""
    from twinning_analysis.figures import Tables
    empty = pd.DataFrame()
    return Tables(empty, empty, empty, None, paths)


def test_without_world_tables_the_figures_say_what_is_missing(tmp_path, monkeypatch, caplog):
    paths = Paths(tmp_path / "project")
    paths.processed.mkdir(parents=True)
    monkeypatch.setattr("twinning_analysis.figures.load_tables", lambda p=None: _world_only(p))
    with caplog.at_level(logging.WARNING, logger="twinning_analysis.figures"):
        written = draw_all(paths, names=("world_links_map",), dpi=30)
    assert len(written) == 3
    assert "data/processed/world_places.csv" in caplog.text and "run `twinning world`" in caplog.text


def test_the_figures_step_reads_the_world_tables_and_boundaries():
    paths = project_paths(PROJECT_ROOT)
    inputs = _figure_inputs(paths)
    assert paths.processed / "world_pairs.csv" in inputs and paths.processed / "world_places.csv" in inputs
    assert paths.boundaries / WORLD_BOUNDARY_FILE in inputs
