"""Longest job first: the order of a step's jobs comes from the seconds each took last time."""
from __future__ import annotations

from twinning_analysis.schedule import Durations


def test_jobs_never_timed_go_first_then_the_longest(tmp_path):
    timings = Durations(tmp_path / "durations" / "figures.json")
    for name, seconds in {"founding_waves": 1.1, "world_links_map": 9.9, "choropleth": 2.8}.items():
        timings.record(name, seconds)
    timings.save()
    again = Durations(tmp_path / "durations" / "figures.json")
    assert again.longest_first(["founding_waves", "new_chart", "choropleth", "world_links_map", "other"]) == \
        ["new_chart", "other", "world_links_map", "choropleth", "founding_waves"]


def test_a_damaged_timings_file_only_loses_the_order(tmp_path):
    for text, order in (("{not json", "abc"), ("[1, 2]", "abc"), ('{"a": "slow", "b": 2}', "acb")):
        (tmp_path / "t.json").write_text(text, encoding="utf-8")
        assert Durations(tmp_path / "t.json").longest_first(["a", "b", "c"]) == list(order)
    assert Durations(tmp_path / "missing.json").longest_first(["b", "a"]) == ["b", "a"]
