"""The interactive pages in a real browser: Debian's Chromium driven by Playwright, every network request blocked.

Each page is opened from ``file://`` with a route that lets only ``file://`` through and records anything
else; a test fails on any such request and on any console error. Expected numbers (arcs, places, pairs of a
year, editions) are computed here from the tables, not read from the page.

Without Chromium (``make browser`` installs it) these tests skip on a developer's machine; where
``TWINNING_REQUIRE_BROWSER`` or ``CI`` is set (``.ci/run`` sets the first), they fail instead.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from twinning_analysis.config import PROJECT_ROOT, Paths, project_paths
from twinning_analysis.figures import load_tables
from twinning_analysis.pages import build_index, build_pages, read_sources
from twinning_analysis.plots.mapdata import founding_text, locate_pairs, place_table
from twinning_analysis.plots.timeseries import founding_counts
from twinning_analysis.plots.webmap import fold, partnership_map_page

CHROMIUM = os.environ.get("TWINNING_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
WORLD_FIXTURE = Path(__file__).parent / "fixtures" / "world"


def _browser_required() -> bool:
    return bool(os.environ.get("TWINNING_REQUIRE_BROWSER") or os.environ.get("CI"))


def _unavailable(reason: str):
    message = f"{reason}; run `make browser` (installs Debian's chromium) to run the browser tests"
    if _browser_required():
        pytest.fail(f"browser tests are required here (CI / TWINNING_REQUIRE_BROWSER): {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")  # while it is open, Playwright keeps an event loop running in this thread
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (make setup installs it)")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened offline, with what it tried to load from elsewhere and the errors it logged."""

    def __init__(self, browser, path: Path, size=(1400, 900)):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        try:
            self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        except Exception as err:  # a script that died never says it is ready: show why
            raise AssertionError(f"{path.name} never finished drawing; console errors: {self.errors}") from err

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def offline_and_clean(self) -> None:
        assert self.requests == [], f"requests left file://: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"

    def tooltip(self) -> str:
        node = self.page.locator(".tooltip:not([hidden])")
        node.wait_for(timeout=5_000)
        return node.inner_text()

    def tooltip_title(self) -> str:
        return self.page.locator(".tooltip:not([hidden]) h3").inner_text(timeout=5_000)

    def close(self):
        self.context.close()


@pytest.fixture
def opened(browser):
    pages = []

    def open_page(path: Path, **kwargs) -> Opened:
        pages.append(Opened(browser, path, **kwargs))
        return pages[-1]
    yield open_page
    for page in pages:
        page.close()


def _project(tmp: Path, *, world: bool = False) -> Paths:
    """A project root that reads the real raw and processed data (copied) and writes its own reports."""
    real = project_paths(PROJECT_ROOT)
    root = tmp / "project"
    shutil.copytree(real.raw, root / "data" / "raw")
    shutil.copytree(real.notebooks, root / "notebooks")
    shutil.copytree(real.processed, root / "data" / "processed",
                    ignore=shutil.ignore_patterns(".state.json", "world_*.csv"))
    if world:
        for name in ("world_places.csv", "world_pairs.csv"):
            shutil.copy(WORLD_FIXTURE / name, root / "data" / "processed" / name)
    return Paths(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Paths:
    """The pages of the committed tables, with the world map drawn from the small fixture."""
    paths = _project(tmp_path_factory.mktemp("site"), world=True)
    build_pages(paths)
    build_index(paths)
    return paths


@pytest.fixture(scope="module")
def tables():
    return load_tables(project_paths(PROJECT_ROOT))


def _located_pairs(tables) -> pd.DataFrame:
    pairs, _ = locate_pairs(tables.pairs, tables.places)
    return pairs


def test_the_harness_catches_a_page_that_wants_the_network(opened, tmp_path):
    """A script from a CDN is refused by the page's policy, and the refusal is a console error."""
    from twinning_analysis.web import Page
    page = Page("cdn", "CDN", "index", body='<script src="https://cdn.example.org/lib.js"></script>')
    with pytest.raises(AssertionError, match="console errors"):
        opened(page.write(tmp_path)).offline_and_clean()


# ---------------------------------------------------------------------------------------------
# the partnership map


def test_partnership_map_draws_every_located_pair_offline(opened, site, tables):
    page = opened(site.reports / "partnership_map.html")
    expected = _located_pairs(tables)
    canvas = page.page.locator("canvas")
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(expected) > 100
    places = set(expected["de_place_id"]) | set(expected["ru_place_id"])
    assert int(canvas.get_attribute("data-places-drawn")) == len(places)
    assert page.page.evaluate("twinningMap.labelsDrawn") >= 10
    page.offline_and_clean()


def test_partnership_map_tooltip_names_the_pair_under_the_mouse(opened, site, tables):
    page = opened(site.reports / "partnership_map.html")
    pairs = _located_pairs(tables).set_index("partnership_id")
    labels = place_table(tables.places)["label"]
    index = {}
    for _, row in read_sources(site).iterrows():
        index[row["source_id"]] = row["title"]
    checked = 0
    for pid in page.page.evaluate("twinningMap.arcIds()"):
        point = page.page.evaluate("id => twinningMap.pointOnArc(id)", pid)
        if not (260 < point["x"] < 1380 and 100 < point["y"] < 850):
            continue
        if page.page.evaluate("([x, y]) => twinningMap.arcsNear(x, y, 10)", [point["x"], point["y"]]) != [pid]:
            continue  # another arc close by: not a fair place to hover
        page.page.mouse.move(point["x"], point["y"])
        text = page.tooltip()
        pair = pairs.loc[pid]
        assert f"{labels[pair['de_place_id']]} – {labels[pair['ru_place_id']]}" in text
        assert founding_text(pair["founded"], pair["founded_precision"], pair["founded_basis"]) in text
        assert index[pair["source_ids"].split(";")[0]][:40] in text
        checked += 1
        if checked == 3:
            break
        page.page.mouse.move(5, 5)
    assert checked == 3, "found no arc to hover on alone"
    page.offline_and_clean()


def test_partnership_map_search_finds_a_town_and_shows_its_links(opened, site, tables):
    page = opened(site.reports / "partnership_map.html")
    search = page.page.locator("#search")
    search.fill("wolgograd")  # the German spelling finds the place labelled Volgograd
    assert "Volgograd" in page.page.locator(".results li").first.inner_text()
    search.fill("Kaluga")
    search.press("Enter")
    assert page.tooltip_title() == "Kaluga"
    pairs = _located_pairs(tables)
    expected = ((pairs["de_place_id"] == "ru-kaluga") | (pairs["ru_place_id"] == "ru-kaluga")).sum()
    assert int(page.page.locator("canvas").get_attribute("data-arcs-drawn")) == expected >= 1
    assert "Suhl" in page.tooltip()
    page.page.locator(".chip button").click()  # back to all links
    assert int(page.page.locator("canvas").get_attribute("data-arcs-drawn")) == len(pairs)
    page.offline_and_clean()


def test_partnership_map_layers_zoom_and_search_folding(opened, site, tables):
    page = opened(site.reports / "partnership_map.html")
    pairs = _located_pairs(tables)
    canvas = page.page.locator("canvas")
    page.page.locator('[data-group="Relation"] input[data-value="friendship"]').uncheck()
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(pairs) - (pairs["relation"] == "friendship").sum()
    page.page.locator('[data-group="Status after Feb 2022"] input[data-value="paused"]').uncheck()
    shown = (pairs["relation"] != "friendship") & (pairs["status"] != "paused")
    assert int(canvas.get_attribute("data-arcs-drawn")) == shown.sum()
    before = page.page.evaluate("twinningMap.view().scale")
    page.page.mouse.move(700, 450)
    page.page.mouse.wheel(0, -600)
    page.page.wait_for_function(f"twinningMap.view().scale > {before * 1.5}")
    names = ["Nischni Nowgorod", "Straße", "Ёлки", "Mühlhausen"]
    assert page.page.evaluate("names => names.map(fold)", names) == [fold(n) for n in names]
    page.offline_and_clean()


def test_web_tiles_only_with_online(opened, tmp_path, tables):
    page = partnership_map_page(tables.pairs, places=tables.places, boundaries=tables.boundaries, online=True)
    opened_page = opened(page.write(tmp_path))
    opened_page.page.wait_for_timeout(300)
    assert opened_page.requests and all(u.startswith("https://tile.openstreetmap.org/") for u in
                                        opened_page.requests)


# ---------------------------------------------------------------------------------------------
# the world map (fixture tables)


def test_world_map_from_the_fixture(opened, site):
    pairs = pd.read_csv(WORLD_FIXTURE / "world_pairs.csv", dtype=str, keep_default_na=False)
    places = pd.read_csv(WORLD_FIXTURE / "world_places.csv", dtype=str, keep_default_na=False)
    located = set(places.loc[places["lat"] != "", "place_id"])
    drawn = pairs[pairs["place_id_a"].isin(located) & pairs["place_id_b"].isin(located)]
    page = opened(site.reports / "world_map.html")
    canvas = page.page.locator("canvas")
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(drawn) == 11
    de_ru = drawn[[{a, b} == {"DE", "RU"} for a, b in zip(drawn["country_a"], drawn["country_b"])]]
    assert page.page.locator('[data-group="Links"] label').first.inner_text().endswith(str(len(de_ru)))
    page.page.select_option("#country", "JP")
    japan = drawn[(drawn["country_a"] == "JP") | (drawn["country_b"] == "JP")]
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(japan) == 4
    page.page.select_option("#country", "")
    page.page.locator('[data-group="Links"] input[data-value="other"]').uncheck()
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(de_ru) == 4
    page.page.evaluate("twinningMap.fitArc('wp-1')")
    point = page.page.evaluate("twinningMap.pointOnArc('wp-1')")
    page.page.mouse.move(point["x"], point["y"])
    assert "Suhl – Kaluga" in page.tooltip()
    page.page.locator('[data-group="Links"] input[data-value="other"]').check()
    page.page.locator("#search").fill("lyon")
    page.page.locator("#search").press("Enter")
    assert page.tooltip_title() == "Lyon"
    lyon = drawn[(drawn["place_id_a"] == "w-lyon") | (drawn["place_id_b"] == "w-lyon")]
    assert int(canvas.get_attribute("data-arcs-drawn")) == len(lyon) == 3
    assert "France" in page.tooltip()
    page.offline_and_clean()


# ---------------------------------------------------------------------------------------------
# the charts and the index


def test_founding_waves_bars_and_the_pairs_of_a_year(opened, site, tables):
    page = opened(site.reports / "founding_waves.html")
    counts = founding_counts(tables.pairs, hue="era")
    segments = int((counts["exact"] > 0).sum() + (counts["spread"] > 0).sum())
    svg = page.page.locator(".chart svg")
    assert int(svg.get_attribute("data-segments")) == segments
    pairs = tables.pairs
    year = int(pairs["founded_year"].value_counts().idxmax())
    exact = pairs[(pairs["founded_year"] == year) & (pairs["founded_precision"] != "decade")]
    page.page.locator(f'rect.hit[data-year="{year}"]').hover()
    text = page.tooltip()
    assert text.startswith(f"{year}: {len(exact)} pairs founded")
    first = exact.sort_values(["founded", "de_name", "ru_name"]).iloc[0]
    assert f"{first['de_name']} – {first['ru_name']}" in text
    page.page.locator('input[data-value="unified"]').uncheck()
    assert int(svg.get_attribute("data-segments")) == int(((counts["hue"] != "unified") & (counts["exact"] > 0)).sum()
                                                          + ((counts["hue"] != "unified") & (counts["spread"] > 0)).sum())
    page.offline_and_clean()


def test_conference_timeline_marks_and_tooltip(opened, site, tables):
    page = opened(site.reports / "conference_timeline.html")
    conferences = tables.conferences
    dated_numbered = conferences[conferences["year"].notna() & conferences["edition"].notna()]
    marks = page.page.locator("g.edition")
    assert marks.count() >= len(dated_numbered)
    kaluga = conferences[conferences["venues"] == "Kaluga"].iloc[0]
    page.page.locator(f'g.edition[data-edition="{kaluga["roman"]}."] circle.hit').hover()
    text = page.tooltip()
    assert "Kaluga" in text and str(int(kaluga["participants_min"])) in text and kaluga["start"] in text
    page.offline_and_clean()


def test_index_links_every_page_and_output(opened, site):
    page = opened(site.reports / "index.html")
    hrefs = page.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    for name in ("partnership_map.html", "founding_waves.html", "conference_timeline.html", "world_map.html",
                 "../data/processed/quality_report.md", "../data/processed/partnerships.csv"):
        assert name in hrefs
    for href in hrefs:
        assert (site.reports / href).resolve().exists(), href
    text = page.page.inner_text("body")
    assert "data as of" in text and "data version" in text
    assert "01_data_and_sources (missing)" in text  # notebooks not executed in this test project
    page.offline_and_clean()


def test_map_inline_in_an_exported_notebook(opened, tmp_path, tables):
    """What JupyterLab shows and the notebook's HTML export keeps: the map in an iframe, working offline."""
    import nbformat

    from twinning_analysis.notebooks import export_html
    page = partnership_map_page(tables.pairs, places=tables.places, boundaries=tables.boundaries)
    cell = nbformat.v4.new_code_cell("partnership_map_page(...)", execution_count=1, outputs=[
        nbformat.v4.new_output("execute_result", {"text/html": page._repr_html_(), "text/plain": "<Page>"},
                               execution_count=1)])
    target = tmp_path / "notebook.html"
    target.write_text(export_html(nbformat.v4.new_notebook(cells=[cell])), encoding="utf-8")
    browser_page = opened(page.write(tmp_path))  # the page alone, for the expected count
    expected = browser_page.page.locator("canvas").get_attribute("data-arcs-drawn")
    notebook = browser_page.context.new_page()  # same context: its route records this page's requests too
    notebook.on("console", lambda m: browser_page.errors.append(m.text) if m.type == "error" else None)
    notebook.on("pageerror", lambda e: browser_page.errors.append(str(e)))
    notebook.goto(target.as_uri())
    frame = notebook.frame_locator("iframe")
    frame.locator("body[data-ready=true]").wait_for(timeout=15_000)
    assert frame.locator("canvas").get_attribute("data-arcs-drawn") == expected == str(len(_located_pairs(tables)))
    assert "embedded" in frame.locator("body").get_attribute("class")
    browser_page.offline_and_clean()


def test_world_map_of_the_committed_world_list(opened, tmp_path, tables):
    """The real world list (when its tables are committed): every located pair drawn on one canvas."""
    from twinning_analysis.plots.webmap import world_map_page
    real = project_paths(PROJECT_ROOT).processed
    if not (real / "world_pairs.csv").exists():
        pytest.skip("no world tables in data/processed (built by `twinning world`)")
    pairs = pd.read_csv(real / "world_pairs.csv", dtype=str, keep_default_na=False)
    places = pd.read_csv(real / "world_places.csv", dtype=str, keep_default_na=False)
    located = set(places.loc[(places["lat"] != "") & (places["lon"] != ""), "place_id"])
    drawn = pairs[pairs["place_id_a"].isin(located) & pairs["place_id_b"].isin(located)]
    de_ru = sum({a, b} == {"DE", "RU"} for a, b in zip(drawn["country_a"], drawn["country_b"]))
    page = opened(world_map_page(pairs, places=places, boundaries=tables.boundaries).write(tmp_path))
    assert int(page.page.locator("canvas").get_attribute("data-arcs-drawn")) == len(drawn) > 10_000
    page.page.locator('[data-group="Links"] input[data-value="other"]').uncheck()
    assert int(page.page.locator("canvas").get_attribute("data-arcs-drawn")) == de_ru > 0
    page.offline_and_clean()
