"""The plotting functions on small fixture tables: the artists they draw, projections, bad input.

Every test draws on a fresh Figure outside pyplot; maps use tiny box-shaped boundaries, so the
whole module runs in seconds.
"""
from __future__ import annotations

import warnings

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from twinning_analysis.geometry import distance_km
from twinning_analysis.plots import (
    Boundaries, NothingToPlotError, SkippedRowsWarning, conic_crs, founding_counts, pairs_per_region,
    plot_anniversaries, plot_choropleth, plot_conference_timeline, plot_conference_venues, plot_cumulative,
    plot_distances, plot_founding_waves, plot_partnership_map, report_style,
)
from twinning_analysis.plots.conferences import roman_ranges, split_records
from twinning_analysis.plots.maps import central_meridian, lon_span, project_points, to_map
from twinning_analysis.plots.style import BREAKS, count_bins, founding_period, notes_of


def new_axes(width: float = 6.0, height: float = 4.0):
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure.subplots()


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


# ---------------------------------------------------------------------------------------------
# fixtures


def make_pairs() -> pd.DataFrame:
    """Seven pairs: two GDR, one FRG, three unified (one known to the decade only), one undated."""
    return pd.DataFrame({
        "partnership_id": ["dd-spb", "suhl-kal", "hh-spb", "es-nn", "fu-sp", "ber-vlad", "x-undated"],
        "de_place_id": ["de-dd", "de-suhl", "de-hh", "de-es", "de-fu", "de-ber", "de-es"],
        "ru_place_id": ["ru-spb", "ru-kal", "ru-spb", "ru-nn", "ru-sp", "ru-vlad", "ru-anadyr"],
        "de_name": ["Dresden", "Suhl", "Hamburg", "Essen", "Fulda", "Berlin", "Essen"],
        "ru_name": ["St. Petersburg", "Kaluga", "St. Petersburg", "Nischni Nowgorod", "Sergijew Possad",
                    "Wladiwostok", "Anadyr"],
        "relation": ["partnership"] * 7,
        "founded": ["1961", "1969", "1957", "1991-09-09", "1991-05", "199X", ""],
        "founded_year": pd.array([1961, 1969, 1957, 1991, 1991, 1990, None], dtype="Int64"),
        "founded_precision": ["year", "year", "year", "day", "month", "decade", ""],
        "era": ["GDR", "GDR", "FRG", "unified", "unified", "undetermined", ""],
        "status": ["", "", "kept", "suspended", "", "", ""],
    })


def make_places() -> pd.DataFrame:
    """German and Russian places; Anadyr lies east of 180° (lon -175 after wrapping), Fulda has no coordinates."""
    rows = [
        ("de-dd", "Dresden", "DE", 51.05, 13.74, "DE-SN", "city"),
        ("de-suhl", "Suhl", "DE", 50.61, 10.69, "DE-TH", "city"),
        ("de-hh", "Hamburg", "DE", 53.55, 9.99, "DE-HH", "city"),
        ("de-es", "Essen", "DE", 51.46, 7.01, "DE-NW", "city"),
        ("de-fu", "Fulda", "DE", None, None, "", "city"),
        ("de-ber", "Berlin", "DE", 52.52, 13.41, "DE-BE", "city"),
        ("ru-spb", "Saint Petersburg", "RU", 59.94, 30.31, "RU-SPE", "city"),
        ("ru-kal", "Kaluga", "RU", 54.51, 36.26, "RU-KLU", "city"),
        ("ru-nn", "Nizhny Novgorod", "RU", 56.33, 44.00, "RU-NIZ", "city"),
        ("ru-sp", "Sergiyev Posad", "RU", 56.31, 38.13, "RU-MOS", "city"),
        ("ru-vlad", "Vladivostok", "RU", 43.12, 131.89, "RU-PRI", "city"),
        ("ru-anadyr", "Anadyr", "RU", 64.73, -175.0, "RU-CHU", "city"),
    ]
    frame = pd.DataFrame(rows, columns=["place_id", "name_en", "country", "lat", "lon", "admin1", "kind"])
    frame["name"] = frame["name_en"]
    frame["population"] = pd.array([500_000] * len(frame), dtype="Int64")
    return frame


def _box(west, south, east, north):
    return shapely.box(west, south, east, north)


def make_boundaries() -> Boundaries:
    """Box-shaped countries and regions; Russia and Chukotka are cut at ±180° as Natural Earth does."""
    russia = shapely.MultiPolygon([_box(27, 41, 180, 78), _box(-180, 62, -169, 72)])
    countries = gpd.GeoDataFrame({
        "ISO_A2": ["DE", "RU", "PL"], "ADM0_A3": ["DEU", "RUS", "POL"],
    }, geometry=[_box(6, 47.5, 15, 55), russia, _box(15, 49, 24, 55)], crs="EPSG:4326")
    regions = gpd.GeoDataFrame({
        "iso_3166_2": ["DE-SN", "DE-TH", "DE-HH", "DE-NW", "DE-BE", "RU-SPE", "RU-KLU", "RU-NIZ", "RU-MOS", "RU-PRI",
                       "RU-CHU", "UA-43"],
        "iso_a2": ["DE"] * 5 + ["RU"] * 7,
        "disputed": [False] * 11 + [True],
    }, geometry=[
        _box(12, 50.2, 15, 51.7), _box(9.9, 50.2, 12, 51.6), _box(9.7, 53.4, 10.3, 53.7), _box(6, 50.3, 9.4, 52.5),
        _box(13.1, 52.3, 13.8, 52.7), _box(29.5, 59.6, 30.8, 60.2), _box(33.5, 53.3, 37.3, 55.3),
        _box(41.8, 54.4, 47.8, 58.1), _box(35.1, 54.2, 40.2, 56.9), _box(130.4, 42.3, 139.0, 48.4),
        shapely.MultiPolygon([_box(157.7, 61.8, 180, 70.1), _box(-180, 64.2, -169.6, 69.0)]),
        _box(32.5, 44.4, 36.6, 46.2),
    ], crs="EPSG:4326")
    lakes = gpd.GeoDataFrame({"name": ["Ladoga"]}, geometry=[_box(30.0, 60.3, 32.8, 61.7)], crs="EPSG:4326")
    return Boundaries(countries=countries, regions=regions, lakes=lakes)


def make_conferences() -> pd.DataFrame:
    """Editions 8–13 with a repeat (12 and 13 both in DE), a gap (no 11), a head count, and two loose records."""
    return pd.DataFrame({
        "edition": pd.array([8, 9, 10, 12, 13, None, None, None], dtype="Int64"),
        "roman": ["VIII", "IX", "X", "XII", "XIII", "", "", ""],
        "start": ["2005-06-08", "", "", "", "", "", "", ""],
        "year": pd.array([2005, 2007, 2009, 2013, 2015, 2015, 2015, None], dtype="Int64"),
        "venues": ["Jekaterinburg", "Hamburg", "Wolgograd", "Essen", "Karlsruhe; Baden-Baden", "Karlsruhe",
                   "Suhl", "Krasnodar"],
        "venue_place_ids": ["ru-jek", "de-hh", "ru-wol", "de-es", "de-ka;de-bb", "de-ka", "de-suhl", "ru-kra"],
        "host_country": ["RU", "DE", "RU", "DE", "DE", "DE", "DE", "RU"],
        "participants_min": pd.array([None, 170, 250, None, None, None, None, None], dtype="Int64"),
        "participants_qualifier": ["", "", "more than", "", "", "", "", ""],
        "status": ["held", "held", "held", "held", "announced", "held", "announced", "announced"],
    })


def make_venue_places() -> pd.DataFrame:
    rows = [("ru-jek", "Yekaterinburg", "RU", 56.84, 60.61), ("de-hh", "Hamburg", "DE", 53.55, 9.99),
            ("ru-wol", "Volgograd", "RU", None, None), ("de-es", "Essen", "DE", 51.46, 7.01),
            ("de-ka", "Karlsruhe", "DE", 49.01, 8.40), ("de-bb", "Baden-Baden", "DE", 48.76, 8.24),
            ("de-suhl", "Suhl", "DE", 50.61, 10.69), ("ru-kra", "Krasnodar", "RU", 45.04, 38.98)]
    return pd.DataFrame(rows, columns=["place_id", "name_en", "country", "lat", "lon"])


pairs = pytest.fixture(make_pairs, name="pairs")
places = pytest.fixture(make_places, name="places")
boundaries = pytest.fixture(make_boundaries, name="boundaries", scope="module")
conferences = pytest.fixture(make_conferences, name="conferences")
venue_places = pytest.fixture(make_venue_places, name="venue_places")


# ---------------------------------------------------------------------------------------------
# style


def test_report_style_leaves_global_settings_alone():
    before = dict(mpl.rcParams)
    with report_style():
        assert mpl.rcParams["svg.hashsalt"] == "twinning-analysis"
    assert dict(mpl.rcParams) == before


def test_count_bins_cover_every_count_once():
    for maximum in (1, 4, 7, 40, 150):
        bins = count_bins(maximum)
        covered = [n for low, high in bins for n in range(low, high + 1)]
        assert covered == list(range(1, maximum + 1)) and len(bins) <= 5


def test_founding_period_of_a_decade_that_spans_a_break_is_unknown():
    assert founding_period(1991).label == "1991–1999"
    assert founding_period(1985, 1994).label.startswith("undated")
    assert founding_period(None).label.startswith("undated")


# ---------------------------------------------------------------------------------------------
# time series


def test_founding_counts_spread_a_decade_evenly(pairs):
    counts = founding_counts(pairs)
    assert counts["exact"].sum() == 5
    assert counts["spread"].sum() == pytest.approx(1.0)
    assert counts.loc[counts["spread"] > 0, "year"].tolist() == list(range(1990, 2000))


def test_founding_waves_bars_legend_and_breaks(pairs):
    ax = new_axes()
    with pytest.warns(SkippedRowsWarning, match="x-undated"):
        plot_founding_waves(pairs, ax=ax)
    # exact bars: 1957 FRG, 1961 GDR, 1969 GDR, 1991 unified; decade slices: ten years
    assert len(ax.patches) == 4 + 10
    assert legend_texts(ax) == ["FRG (West Germany)", "GDR (East Germany)", "Unified Germany",
                                "Undetermined (founded 1990)", "known only to the decade\n(spread evenly over it)"]
    labels = [t.get_text() for t in ax.texts]
    assert all(label in labels for label in BREAKS.values())
    assert "1991: 2" in labels
    assert notes_of(ax) == ["Not shown: 1 pair without a founding year."]


def test_founding_waves_without_hue_or_breaks(pairs):
    ax = new_axes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedRowsWarning)
        plot_founding_waves(pairs, hue=None, breaks={}, ax=ax)
    assert len(ax.patches) == 4 + 10  # 1957, 1961, 1969, 1991 and the decade's slices
    assert not any(t.get_text() in BREAKS.values() for t in ax.texts)


def test_cumulative_ends_at_the_number_of_dated_pairs_and_notes_the_status(pairs):
    ax = new_axes()
    plot_cumulative(pairs, breaks={}, ax=ax)
    texts = [t.get_text() for t in ax.texts]
    assert "6 dated pairs" in texts
    assert any("1 suspended, 1 kept" in t for t in texts)


@pytest.mark.parametrize("bad, error", [
    (pd.DataFrame(), NothingToPlotError),
    (None, NothingToPlotError),
    (pd.DataFrame({"founded_year": [1991]}), ValueError),  # no era or precision column
])
def test_founding_waves_bad_input(bad, error):
    with pytest.raises(error):
        plot_founding_waves(bad, ax=new_axes())


def test_founding_waves_of_undated_pairs_is_a_clear_error(pairs):
    undated = pairs.assign(founded_year=pd.array([None] * len(pairs), dtype="Int64"))
    with pytest.raises(NothingToPlotError, match="no pair has a founding year"):
        plot_founding_waves(undated, ax=new_axes())


def test_anniversaries_rows_are_the_jubilees_oldest_first(pairs):
    ax = new_axes(6, 3)
    with pytest.warns(SkippedRowsWarning):
        plot_anniversaries(pairs, year=2021, ax=ax)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["Dresden – St. Petersburg", "Essen – Nischni Nowgorod", "Fulda – Sergijew Possad"]
    assert "9 Sep 1991" in [t.get_text() for t in ax.texts]
    assert {"60 years", "30 years"} <= {t.get_text() for t in ax.texts}


def test_anniversaries_of_a_year_without_jubilees_says_so(pairs):
    ax = new_axes(6, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedRowsWarning)
        plot_anniversaries(pairs, year=2023, ax=ax)
    assert any("No round jubilee in 2023" in t.get_text() for t in ax.texts)


# ---------------------------------------------------------------------------------------------
# conference timeline


def test_split_records_matches_loose_records_to_editions(conferences):
    numbered, loose, matched, undated = split_records(conferences)
    assert numbered["edition"].tolist() == [8, 9, 10, 12, 13]
    assert loose["venues"].tolist() == ["Suhl"] and matched == 1 and undated == ["Krasnodar"]


def test_roman_ranges():
    assert roman_ranges([2, 3, 4, 5, 6, 7]) == "II–VII"
    assert roman_ranges([11]) == "XI" and roman_ranges([2, 3, 9]) == "II, III, IX"


def test_conference_timeline_marks_labels_alternation_and_legend(conferences):
    ax = new_axes(6.5, 3.6)
    with pytest.warns(SkippedRowsWarning, match="Krasnodar"):
        plot_conference_timeline(conferences, ax=ax)
    venues = [t.get_text() for t in ax.texts if t.get_gid() == "venue"]
    assert len(venues) == 6  # five editions and the loose Suhl record
    assert any("Karlsruhe and\nBaden-Baden" in v for v in venues)
    texts = [t.get_text() for t in ax.texts]
    assert "gap: no record of XI" in texts
    repeats = [line for line in ax.lines if line.get_linewidth() == 2.6]
    assert [(line.get_xdata()[0] < 2014 < line.get_xdata()[1]) for line in repeats] == [True]  # XII → XIII
    assert "> 250" in texts and "170" in texts
    assert "editions I–VII:\nno record" in texts
    assert legend_texts(ax) == ["host: Germany", "host: Russia", "held", "announced", "record without edition number",
                                "repeat (no alternation)", "gap in the numbering", "italic number: participants"]
    assert any("shown with the edition of the same year" in n for n in notes_of(ax))


def test_conference_timeline_bad_input(conferences):
    with pytest.raises(ValueError, match="unknown host country UA"):
        plot_conference_timeline(conferences.assign(host_country="UA"), ax=new_axes())
    with pytest.raises(NothingToPlotError):
        plot_conference_timeline(conferences.iloc[0:0], ax=new_axes())
    with pytest.raises(ValueError, match="lacks column"):
        plot_conference_timeline(conferences.drop(columns="status"), ax=new_axes())


# ---------------------------------------------------------------------------------------------
# projection


def test_lon_span_and_conic_crs_handle_the_antimeridian():
    assert lon_span([177, -175]) == (177.0, 185.0)
    crs = conic_crs([177.0, -175.0], [64.0, 65.0])
    assert central_meridian(crs) == pytest.approx(-179.0, abs=0.01)
    x, y = project_points([177.0, -175.0], [64.0, 65.0], crs)
    mapped = float(np.hypot(x[1] - x[0], y[1] - y[0])) / 1000
    assert mapped == pytest.approx(distance_km((177.0, 64.0), (-175.0, 65.0)), rel=0.02)  # ~390 km, not 20,000


def test_to_map_joins_the_halves_cut_at_180(boundaries):
    chukotka = boundaries.regions[boundaries.regions["iso_3166_2"] == "RU-CHU"]
    crs = conic_crs([158.0, 190.0], [62.0, 70.0])
    merged = to_map(chukotka, crs).geometry.iloc[0]
    assert len(shapely.get_parts(merged)) == 1
    x0, _, x1, _ = merged.bounds
    assert (x1 - x0) / 1000 < 2000  # one piece of Siberia, not a polygon stretched across the globe


# ---------------------------------------------------------------------------------------------
# maps


def test_partnership_map_arcs_places_inset_and_skipped(pairs, places, boundaries):
    ax = new_axes(6.5, 5)
    with pytest.warns(SkippedRowsWarning, match="fu-sp"):
        plot_partnership_map(pairs, places=places, boundaries=boundaries, labels=4, ax=ax)
    arcs = {c.get_gid(): len(c.get_segments()) for c in ax.collections if str(c.get_gid()).startswith("arcs")}
    assert sum(arcs.values()) == 6  # seven pairs, Fulda has no coordinates
    assert arcs["arcs before 1970"] == 3
    places_drawn = {c.get_gid(): len(c.get_offsets()) for c in ax.collections if str(c.get_gid()).startswith("places")}
    assert places_drawn == {"places DE": 5, "places RU": 5}
    assert len(ax.child_axes) == 1  # Vladivostok and Anadyr lie beyond the main map: an overview inset
    inset_labels = {t.get_text().strip() for t in ax.child_axes[0].texts}
    assert {"Vladivostok", "Anadyr"} <= inset_labels
    periods = [t.get_text() for t in ax.artists[0].get_texts()] if ax.artists else []
    assert periods[:3] == ["before 1970", "1991–1999", "undated or spans periods"]


def test_partnership_map_without_coordinates_is_a_clear_error(pairs, places, boundaries):
    with pytest.raises(NothingToPlotError, match="no pair has coordinates"):
        plot_partnership_map(pairs, places=places.assign(lat=np.nan), boundaries=boundaries, ax=new_axes())


def test_pairs_per_region_counts_each_side(pairs, places):
    counts, skipped = pairs_per_region(pairs, places)
    assert skipped == [("fu-sp", "DE")]
    table = counts.set_index("admin1")["n"].to_dict()
    assert table["RU-SPE"] == 2 and table["DE-NW"] == 2 and table["RU-CHU"] == 1


def test_choropleth_counts_and_legend(pairs, places, boundaries):
    ax = new_axes(4, 4)
    with pytest.warns(SkippedRowsWarning):
        plot_choropleth(pairs, places=places, boundaries=boundaries, country="DE", ax=ax)
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "count") == ["1", "1", "1", "1", "2"]
    assert legend_texts(ax) == ["1", "2", "none"]
    assert notes_of(ax) == ["Not shown: 1 pair whose DE place has no Land."]
    ax = new_axes(6, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkippedRowsWarning)  # every Russian place has its subject
        plot_choropleth(pairs, places=places, boundaries=boundaries, country="RU", bins=count_bins(5), ax=ax)
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "count") == ["1"] * 5 + ["2"]
    assert legend_texts(ax) == ["1", "2", "3", "4", "5", "none"]


def test_choropleth_bad_input(pairs, places, boundaries):
    with pytest.raises(ValueError, match="country must be"):
        plot_choropleth(pairs, places=places, boundaries=boundaries, country="PL", ax=new_axes())
    with pytest.raises(ValueError, match="match no region"):
        plot_choropleth(pairs, places=places.replace({"RU-SPE": "RU-XXX"}), boundaries=boundaries, country="RU",
                        ax=new_axes())
    with pytest.raises(ValueError, match="bins end at 1"):
        plot_choropleth(pairs, places=places, boundaries=boundaries, country="DE", bins=[(1, 1)], ax=new_axes())


def test_conference_venues_numbered_in_order(conferences, venue_places, boundaries):
    ax = new_axes(6.5, 4)
    with pytest.warns(SkippedRowsWarning, match=r"Krasnodar \(no year\), Wolgograd \(edition 10\)"):
        plot_conference_venues(conferences, places=venue_places, boundaries=boundaries, ax=ax)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "edition"]
    numbers = {label.split("$")[1] for label in labels}
    assert numbers == {r"\mathbf{8}", r"\mathbf{9}", r"\mathbf{12}", r"\mathbf{13}", r"\mathbf{?}"}
    assert any("Karlsruhe and Baden-Baden 2015" in label for label in labels)
    lines = [line for line in ax.lines if line.get_linestyle() != "None"]
    assert len(lines) == 2  # from each edition to the next: 8→9, 12→13 (10 has no coordinates, 11 no record)
    assert notes_of(ax)[0].startswith("1 record without an edition number shown with the edition")


def test_conference_venues_without_coordinates_is_a_clear_error(conferences, venue_places, boundaries):
    with pytest.raises(NothingToPlotError, match="no venue has coordinates"):
        plot_conference_venues(conferences, places=venue_places.assign(lat=np.nan), boundaries=boundaries,
                               ax=new_axes())


# ---------------------------------------------------------------------------------------------
# distributions (seaborn)


def test_distances_one_box_per_relation_with_its_count():
    lines = pd.DataFrame({"relation": ["partnership"] * 3 + ["friendship"] * 2 + ["intent"],
                          "distance_km": [1400.0, 2100.0, 1800.0, 900.0, 3000.0, 500.0]})
    ax = plot_distances(lines, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["city, county and district partnerships (3)",
                                                             "friendships (2)"]
    assert ax.get_xlabel() == "Distance between the partners (km)"
    assert len(ax.collections) >= 2  # the points of each relation
    again = plot_distances(lines, ax=new_axes())  # the jitter of the points is the same every time
    assert [c.get_offsets().tolist() for c in ax.collections] == [c.get_offsets().tolist() for c in again.collections]


def test_distances_bad_input():
    with pytest.raises(NothingToPlotError):
        plot_distances(pd.DataFrame({"relation": ["intent"], "distance_km": [1.0]}), ax=new_axes())


def test_report_style_is_seaborns_paper_theme_with_the_report_fonts():
    import seaborn as sns
    with report_style():
        assert mpl.rcParams["xtick.major.size"] == sns.plotting_context("paper")["xtick.major.size"]
        assert mpl.rcParams["font.size"] == 8.0 and not mpl.rcParams["axes.spines.top"]
