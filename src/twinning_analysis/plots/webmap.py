"""The interactive maps (browser): the partnership map and the world map as self-contained pages.

They draw what :mod:`~twinning_analysis.plots.mapdata` prepares (the same arcs, colours, labels and
tooltips as the printed map), projected here with the toolkit of :mod:`~twinning_analysis.plots.basemap`
into integer coordinates; ``web_assets/map.js`` draws base map, arcs and places on one canvas, so even
26,000 links are one layer, not 26,000 objects.

>>> import pandas as pd
>>> places = pd.DataFrame({"place_id": ["de-a", "ru-b"], "lat": [51.05, 59.94], "lon": [13.74, 30.31],
...     "country": ["DE", "RU"], "name": ["Dresden", "St. Petersburg"]})
>>> pairs = pd.DataFrame({"partnership_id": ["p1"], "de_place_id": ["de-a"], "ru_place_id": ["ru-b"],
...     "relation": ["partnership"], "founded": ["1961"], "founded_year": [1961], "founded_precision": ["year"]})
>>> page = partnership_map_page(pairs, places=places, boundaries=load_boundaries())
>>> [a["t"]["title"] for a in page.data["arcs"]], len(page.data["places"])
(['Dresden – St. Petersburg'], 2)
"""
from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Geod, Transformer

from twinning_analysis.plots.basemap import (
    WGS84, Boundaries, central_meridian, extent, grow, load_boundaries, project_points, to_map, wrap_lon,
)
from twinning_analysis.plots.mapdata import (
    REGION_KINDS, STATUS_TEXT, partnership_arcs, partnership_frame, pick_labels, place_table,
)
from twinning_analysis.plots.style import (
    BORDER, INK, LAND, LAND_FOCUS, PERIOD_UNKNOWN, PERIODS, WATER, NothingToPlotError, marker_area,
)
from twinning_analysis.web import Page

#: Metres per coordinate unit in the page data (integers keep the pages small and their bytes stable).
UNIT = 100

#: The world map's unit: a kilometre is finer than a pixel until one zooms in on a single town.
WORLD_UNIT = 1000

#: Web tiles, used only by pages built with ``--online`` (the map is then in Web Mercator, like the tiles).
TILES = {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "origin": "https://tile.openstreetmap.org",
         "attribution": "tiles © OpenStreetMap contributors", "maxZoom": 18}

#: Web Mercator, the projection of web tiles.
WEB_MERCATOR = "EPSG:3857"

#: Half the width of the Web Mercator square, in metres.
_MERCATOR_HALF = math.pi * 6378137.0

#: How the world map draws its two kinds of link: German–Russian ones strong and on top.
WORLD_STYLES = ({"label": "other pairs", "color": "#4a6f96", "alpha": 0.1, "width": 0.6, "dashed": False,
                 "highlight": "#1f4e79"},
                {"label": "German–Russian pairs", "color": "#d55e00", "alpha": 0.95, "width": 1.8, "dashed": False})

#: Relation words in the layer switches, in this order.
RELATION_TEXT = {"partnership": "partnership", "regional": "regional (Land – subject)", "friendship": "friendship",
                 "cooperation": "cooperation", "intent": "declared intent"}


def fold(text: str) -> str:
    """Lower case with accents and ß folded, exactly as the page's search folds what is typed.

    >>> fold("Nischni Nowgorod · Tscheljabinsk · Straße · Ёлки")
    'nischni nowgorod · tscheljabinsk · strasse · елки'
    """
    decomposed = unicodedata.normalize("NFD", str(text))
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F).replace("ß", "ss").lower()


def _path(xy: np.ndarray, unit: float = UNIT) -> list[int]:
    """Projected metres → ``[x0, y0, dx1, dy1, …]`` in integer units (repeats dropped): differences are short
    numbers, so the pages stay small.

    >>> _path(np.array([[1000.0, 2000.0], [1500.0, 2000.0], [1500.0, 2040.0], [1000.0, 1000.0]]))
    [10, 20, 5, 0, -5, -10]
    """
    units = np.rint(np.asarray(xy, float) / unit).astype(np.int64)
    if len(units) > 1:
        units = units[np.r_[True, np.any(np.diff(units, axis=0) != 0, axis=1)]]
    return np.concatenate([units[:1], np.diff(units, axis=0)]).ravel().tolist()


def _box(box, unit: float = UNIT) -> list[int]:
    """A box (xmin, ymin, xmax, ymax) in metres → integer units."""
    return [int(v) for v in np.rint(np.asarray(box, float) / unit)]


def _rings(geometries, unit: float = UNIT) -> list[list[list[int]]]:
    """Polygons → per feature, its rings (exterior and holes) as paths (see :func:`_path`)."""
    features = []
    for geometry in geometries:
        rings = []
        for part in shapely.get_parts(geometry):
            if part.geom_type == "Polygon":
                for ring in (part.exterior, *part.interiors):
                    flat = _path(np.asarray(ring.coords), unit)
                    if len(flat) >= 6:
                        rings.append(flat)
        if rings:
            features.append(rings)
    return features


def base_layers(boundaries: Boundaries, crs, box, *, focus=("DE", "RU"), regions: bool = True,
                detail: float = 20000.0, south: float = 20.0, world: bool = False, unit: float = UNIT) -> dict:
    """The base map in page coordinates: ``land`` (other countries), ``focus`` (``focus`` countries), the
    borders of ``regions`` (German Länder and Russian subjects) and ``lakes``; ``world`` draws the world
    layer (every country, coarser) instead of the detailed Europe and Asia."""
    if world:  # already simplified for world maps: projected whole, without clipping
        countries = to_map(boundaries.world, crs, south=max(south, -60.0))  # no Antarctica
        countries = countries.set_geometry(shapely.make_valid(countries.geometry.to_numpy()))
    else:
        countries = to_map(boundaries.countries, crs, box, detail=detail, south=south)
    focused = countries["ISO_A2"].isin(focus).to_numpy() if "ISO_A2" in countries else np.zeros(len(countries), bool)
    layers = {"land": _rings(countries.geometry[~focused], unit), "focus": _rings(countries.geometry[focused], unit)}
    if regions:
        shown = boundaries.regions
        if "disputed" in shown:
            shown = shown[~shown["disputed"].astype(bool)]
        layers["regions"] = _rings(to_map(shown, crs, box, detail=detail, south=south).geometry, unit)
    if not boundaries.lakes.empty and not world:
        layers["lakes"] = _rings(to_map(boundaries.lakes, crs, box, detail=detail, south=south).geometry, unit)
    return layers


def _colors() -> dict:
    return {"water": WATER, "land": LAND, "focus": LAND_FOCUS, "border": BORDER, "regions": "#f4f4f4"}


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def country_names(boundaries: Boundaries) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → English name, from the boundary layers, else ISO 3166 (the tables keep codes).

    >>> names = country_names(load_boundaries())
    >>> names["DE"], names["XK"]
    ('Germany', 'Kosovo')
    """
    import pycountry
    names = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    for layer in (boundaries.world, boundaries.countries):
        if "ISO_A2" in layer and "NAME_EN" in layer:
            names.update({c: n for c, n in zip(layer["ISO_A2"], layer["NAME_EN"]) if isinstance(c, str) and n})
    return names


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    return table[name].fillna("").astype(str) if name in table else pd.Series("", index=table.index)


#: The tooltip rows of a place (values in ``v`` of each place, in this order).
PLACE_ROWS = ["country", "kind", "in"]


def _place_entries(table: pd.DataFrame, ids, degree: pd.Series, crs, *, markers, names: dict,
                   unit: float = UNIT) -> list[dict]:
    """Place markers, compact: ``i`` id, ``l`` label, ``c`` country, ``x``/``y``, ``n`` links, ``m`` marker style
    (``markers(place_id, country, n)`` gives its index and radius), ``v`` tooltip values (:data:`PLACE_ROWS`), ``s``
    other spellings for the search."""
    rows = table.loc[ids]
    x, y = project_points(rows["lon"].astype(float), rows["lat"].astype(float), crs)
    spellings = [_column(rows, c) for c in ("name", "name_raw", "name_local", "name_en")]
    extra = _column(rows, "spellings").str.split(" | ", regex=False)
    region = _column(rows, "admin1_name").where(_column(rows, "admin1_name") != "", _column(rows, "parent"))
    entries = []
    for k, (pid, label, country, kind) in enumerate(zip(ids, rows["label"], _column(rows, "country"),
                                                        _column(rows, "kind").str.replace("_", " "))):
        n = int(degree.get(pid, 0))
        style, radius = markers(pid, country, n)
        entry = {"i": pid, "l": label, "c": country, "x": int(round(x[k] / unit)), "y": int(round(y[k] / unit)),
                 "n": n, "m": style, "v": [names.get(country, country) or "not mapped", kind, region.iloc[k]]}
        if radius is not None:
            entry["r"] = radius
        others = dict.fromkeys(fold(v) for v in [*(c.iloc[k] for c in spellings), *extra.iloc[k]] if v)
        others.pop(fold(label), None)
        if others:
            entry["s"] = " | ".join(others)
        entries.append(entry)
    return entries


#: Place markers of the partnership map: German places filled squares, Russian places open circles.
PAIR_MARKERS = [{"shape": "square", "fill": INK, "edge": "#ffffff", "r": 2},
                {"shape": "circle", "fill": "#ffffff", "edge": INK, "r": 2}]


def _german_russian_marker(place_id: str, country: str, n: int) -> tuple[int, float]:
    """Marker style and radius: the area grows with the partners, as on the printed map."""
    radius = round(math.sqrt(marker_area(n)) * 0.62, 1)
    return (0, round(radius * 0.85, 1)) if country == "DE" else (1, radius)


def _value_list(values: pd.Series, words: dict, order) -> list[dict]:
    counts = values.value_counts()
    known = [v for v in order if v in counts.index] + sorted(v for v in counts.index if v not in order)
    return [{"value": v, "label": words.get(v, v or "not stated"), "count": int(counts[v])} for v in known]


def partnership_map_data(data: pd.DataFrame, *, places: pd.DataFrame, boundaries: Boundaries,
                         sources: pd.DataFrame | None = None, online: bool = False, labels: int = 18) -> dict:
    """What the interactive partnership map draws (see :func:`partnership_map_page`)."""
    arcs, skipped = partnership_arcs(data, places, sources=sources)
    if arcs.empty:
        raise NothingToPlotError("interactive partnership map: no pair has coordinates for both places "
                                 f"({len(skipped)} pairs lack them; has geocoding run?)")
    table = place_table(places)
    frame = partnership_frame(arcs, places)
    degree = frame.degree
    ids = list(degree.index)
    lon, lat = table.loc[ids, "lon"].astype(float), table.loc[ids, "lat"].astype(float)
    crs = CRS.from_user_input(WEB_MERCATOR) if online else frame.crs  # the printed map's projection
    transform = Transformer.from_crs(WGS84, crs, always_xy=True)
    x, y = project_points(lon, lat, crs)
    bounds = extent(x, y, margin=0.1)
    core = [i for i, pid in enumerate(ids) if pid not in set(frame.far)]
    view = extent(x[core], y[core], margin=0.06) if core else bounds
    periods = [p for p in (*PERIODS, PERIOD_UNKNOWN) if any(q is p for q in arcs["period"])]
    style_of = {p.label: i for i, p in enumerate(periods)}
    counts = arcs["period"].map(lambda p: p.label).value_counts()
    index = {pid: i for i, pid in enumerate(ids)}
    relations = arcs["relation"].fillna("") if "relation" in arcs else pd.Series("", index=arcs.index)
    statuses = arcs["status"].fillna("") if "status" in arcs else pd.Series("", index=arcs.index)
    filters = [{"key": "relation", "title": "Relation",
                "values": _value_list(relations, RELATION_TEXT, list(RELATION_TEXT))},
               {"key": "status", "title": "Status after Feb 2022",
                "values": _value_list(statuses, STATUS_TEXT, list(STATUS_TEXT))}]
    position = [{v["value"]: j for j, v in enumerate(f["values"])} for f in filters]
    entries = []
    for pid, de, ru, period, arc, tip, relation, status in zip(
            arcs["partnership_id"], arcs["de_place_id"], arcs["ru_place_id"], arcs["period"], arcs["arc"],
            arcs["tooltip"], relations, statuses):
        ax, ay = transform.transform(arc[:, 0], arc[:, 1])
        entries.append({"i": pid, "a": index[de], "b": index[ru], "s": style_of[period.label],
                        "p": [_path(np.column_stack([ax, ay]))], "f": [position[0][relation], position[1][status]],
                        "t": {"title": tip["title"], "rows": [list(r) for r in tip["rows"]],
                              "sources": [list(src) for src in tip["sources"]]}})
    kind = table["kind"].reindex(ids).fillna("") if "kind" in table else pd.Series("", index=ids)
    towns = degree[~kind.isin(REGION_KINDS).to_numpy()]
    order = pick_labels(table, towns, len(towns))
    return {
        "unit": UNIT, "things": "pairs", "view": _box(view), "bounds": _box(bounds),
        "base": base_layers(boundaries, crs, grow(bounds, 0.3)),
        "colors": _colors(),
        "styles": [{"label": p.label, "color": p.color, "alpha": 0.9, "width": 1.6, "dashed": p is PERIOD_UNKNOWN}
                   for p in periods],
        "styleOrder": sorted(range(len(periods)), key=lambda i: (-counts[periods[i].label], periods[i].first)),
        "markers": PAIR_MARKERS, "placeRows": PLACE_ROWS,
        "places": _place_entries(table, ids, degree, crs, markers=_german_russian_marker,
                                 names=country_names(boundaries)),
        "arcs": entries,
        "labelOrder": [index[p] for p in order], "labelCount": labels,
        "filters": filters,
        "legend": {"title": "Founded", "items": [{"style": i, "label": p.label} for i, p in enumerate(periods)]
                   + [{"fill": INK, "label": "German place (size: partners)"},
                      {"fill": "#ffffff", "round": True, "label": "Russian place"}]},
        "notes": ([f"Not shown: {len(skipped)} pair{'s' if len(skipped) != 1 else ''} with a place without "
                   f"coordinates ({', '.join(skipped[:6])}{' …' if len(skipped) > 6 else ''})."] if skipped else []),
        "searchHint": "a town, e.g. Kaluga",
        "tiles": {"url": TILES["url"], "world": round(2 * _MERCATOR_HALF / UNIT), "maxZoom": TILES["maxZoom"]}
        if online else None,
        "attribution": TILES["attribution"] if online else "Natural Earth",
    }


def partnership_map_page(data: pd.DataFrame, *, places: pd.DataFrame, boundaries: Boundaries,
                         sources: pd.DataFrame | None = None, online: bool = False) -> Page:
    """The German–Russian partnership map as a page: every pair an arc coloured by founding period; hover or
    click for both places, relation, founding date and precision, status after February 2022 and sources;
    switches for relations and statuses; zoom, pan and a search box.

    ``online`` puts the map in Web Mercator over web tiles (the only case in which the page loads anything).
    """
    payload = partnership_map_data(data, places=places, boundaries=boundaries, sources=sources, online=online)
    n = len(payload["arcs"])
    return Page("partnership_map", "German–Russian partnerships: interactive map", "map", payload,
                intro=f"{n} pairs with both places located, coloured by founding period as in the printed map. "
                      "Hover over an arc or a place, click to keep the details open, scroll to zoom, drag to pan.",
                tile_origin=TILES["origin"] if online else None, height=720)


# ---------------------------------------------------------------------------------------------
# the world map

#: Projection of the world map: Equal Earth centred near Germany (its seam runs through the Pacific).
WORLD_CRS = "+proj=eqearth +lon_0=10 +datum=WGS84 +units=m +no_defs"

_GEOD = Geod(ellps="WGS84")

#: Place markers of the world map: small dots, places of a German–Russian pair in the highlight colour.
WORLD_MARKERS = [{"shape": "dot", "fill": "#1f4e79", "edge": None, "r": 2},
                 {"shape": "dot", "fill": "#d55e00", "edge": None, "r": 2}]

#: The tooltip rows of a world pair (values in ``v`` of each arc, in this order).
WORLD_ARC_ROWS = ["countries", "listed", "distance", "lines in the list"]


def world_arcs(lon_a, lat_a, lon_b, lat_b, crs, *, step_km: float = 400.0, most: int = 30) -> list[list]:
    """Geodesics between places (a vertex every ``step_km``, at most ``most`` inside), projected to ``crs`` in
    one go and split where they cross the map's seam: per arc, its parts as arrays of projected vertices."""
    distance = _GEOD.inv(lon_a, lat_a, lon_b, lat_b)[2] / 1000
    inner = np.minimum(most, distance // step_km).astype(int)
    lon, lat, starts = [], [], [0]
    for ax, ay, bx, by, n in zip(lon_a, lat_a, lon_b, lat_b, inner):
        middle = _GEOD.npts(ax, ay, bx, by, n) if n > 0 else []
        lon += [ax, *(p[0] for p in middle), bx]
        lat += [ay, *(p[1] for p in middle), by]
        starts.append(len(lon))
    x, y = Transformer.from_crs(WGS84, crs, always_xy=True).transform(np.asarray(lon), np.asarray(lat))
    half_width = Transformer.from_crs(WGS84, crs, always_xy=True).transform(
        wrap_lon(central_meridian(crs) + 180.0) - 1e-6, 0.0)[0]
    xy = np.column_stack([x, y])
    out = []
    for first, last in zip(starts, starts[1:]):
        arc = xy[first:last]
        jumps = np.flatnonzero(np.abs(np.diff(arc[:, 0])) > abs(half_width))
        out.append([part for part in np.split(arc, jumps + 1) if len(part) > 1] or [arc])
    return out


def german_russian(pairs: pd.DataFrame) -> pd.Series:
    """Whether each pair of the world list joins a German and a Russian place ({DE, RU}).

    >>> german_russian(pd.DataFrame({"country_a": ["RU", "DE", "DE"], "country_b": ["DE", "FR", "DE"]})).tolist()
    [True, False, False]
    """
    a, b = pairs["country_a"].fillna(""), pairs["country_b"].fillna("")
    return ((a == "DE") & (b == "RU")) | ((a == "RU") & (b == "DE"))


def world_map_data(pairs: pd.DataFrame, *, places: pd.DataFrame, boundaries: Boundaries,
                   labels: int = 24) -> dict:
    """What the interactive world map draws (see :func:`world_map_page`)."""
    for column in ("pair_id", "place_id_a", "place_id_b", "country_a", "country_b", "listed"):
        if column not in pairs:
            raise ValueError(f"world pairs: the table lacks column {column}")
    for column in ("place_id", "name", "country", "lat", "lon"):
        if column not in places:
            raise ValueError(f"world places: the table lacks column {column}")
    table = places.drop_duplicates("place_id").set_index("place_id")
    table["label"] = table["name"].fillna("").astype(str)
    table.loc[table["label"] == "", "label"] = table["name_raw"] if "name_raw" in table else table.index
    lat, lon = pd.to_numeric(table["lat"], errors="coerce"), pd.to_numeric(table["lon"], errors="coerce")
    located = lat.notna() & lon.notna()
    ok = pairs["place_id_a"].map(located).fillna(False).astype(bool) & \
        pairs["place_id_b"].map(located).fillna(False).astype(bool)
    drawn, skipped = pairs[ok], pairs[~ok]
    if drawn.empty:
        raise NothingToPlotError(f"world map: no pair has coordinates for both places ({len(skipped)} lack them)")
    degree = pd.concat([drawn["place_id_a"], drawn["place_id_b"]]).value_counts().sort_index()
    ids = list(degree.index)
    crs = CRS.from_proj4(WORLD_CRS)
    transform = Transformer.from_crs(WGS84, crs, always_xy=True)
    half_width = abs(transform.transform(wrap_lon(central_meridian(crs) + 180.0) - 1e-6, 0.0)[0])
    table = table.assign(lat=lat, lon=lon)
    x, y = project_points(table.loc[ids, "lon"], table.loc[ids, "lat"], crs)
    south, north = transform.transform([10, 10], [-58, 84])[1]  # the inhabited world, whatever the list holds
    bounds = (-half_width, min(south, float(np.min(y))), half_width, max(north, float(np.max(y))))
    de_ru = german_russian(drawn).to_numpy()
    index = {pid: i for i, pid in enumerate(ids)}
    listed = _column(drawn, "listed")
    filters = [{"key": "group", "title": "Links", "values": [
                   {"value": "de-ru", "label": "German–Russian", "count": int(de_ru.sum()), "style": 1},
                   {"value": "other", "label": "all other pairs", "count": int((~de_ru).sum()), "style": 0}]},
               {"key": "listed", "title": "Listed", "values": _value_list(listed, {}, ["both ways", "once"])}]
    listed_at = {v["value"]: j for j, v in enumerate(filters[1]["values"])}
    ends = [drawn[f"place_id_{side}"] for side in ("a", "b")]
    parts = world_arcs(*(table.loc[end, axis].to_numpy(float) for end in ends for axis in ("lon", "lat")), crs)
    distance = pd.to_numeric(_column(drawn, "distance_km"), errors="coerce")
    entries = []
    for pid, a, b, ca, cb, strong, how, km, lines, arc in zip(
            drawn["pair_id"].astype(str), *ends, _column(drawn, "country_a"), _column(drawn, "country_b"), de_ru,
            listed, distance, _column(drawn, "raw_lines"), parts):
        entries.append({"i": pid, "a": index[a], "b": index[b], "s": int(strong), "p": [_path(p, WORLD_UNIT) for p in arc],
                        "f": [0 if strong else 1, listed_at[how]],
                        "v": [f"{ca or '?'} – {cb or '?'}", how, "" if pd.isna(km) else f"{km:,.0f} km", lines]})

    german_russian_places = set(drawn["place_id_a"][de_ru]) | set(drawn["place_id_b"][de_ru])

    def markers(place_id: str, country: str, n: int) -> tuple[int, None]:
        return (1 if place_id in german_russian_places else 0), None

    population = pd.to_numeric(table["population"], errors="coerce") if "population" in table else None
    order = pd.DataFrame({"n": degree, "population": (population.reindex(ids).fillna(-1) if population is not None
                                                      else -1), "label": table["label"].reindex(ids)})
    order = order.sort_values(["n", "population", "label"], ascending=[False, False, True], kind="mergesort")
    countries = pd.concat([drawn["country_a"], drawn["country_b"]]).fillna("")
    names = country_names(boundaries)
    per_country = countries.value_counts()
    select = [{"value": c, "label": f"{names.get(c, c)} ({c})" if c else "country not mapped",
               "count": int(per_country[c])} for c in sorted(per_country.index, key=lambda c: (c == "", names.get(c, c)))]
    return {
        "unit": WORLD_UNIT, "things": "pairs", "view": _box(bounds, WORLD_UNIT), "bounds": _box(bounds, WORLD_UNIT),
        "base": base_layers(boundaries, crs, grow(bounds, 0.05), regions=False, focus=("DE", "RU"), detail=4000,
                            south=-90, world=not boundaries.world.empty, unit=WORLD_UNIT),
        "colors": _colors(),
        "styles": list(WORLD_STYLES), "styleOrder": [0, 1],
        "markers": WORLD_MARKERS, "placeRows": PLACE_ROWS,
        "places": _place_entries(table, ids, degree, crs, markers=markers, names=names,
                                 unit=WORLD_UNIT),
        "arcs": entries, "arcRows": WORLD_ARC_ROWS,
        "labelOrder": [index[p] for p in order.index], "labelCount": labels,
        "filters": filters,
        "select": {"key": "country", "title": "Country", "values": select, "total": len(drawn)},
        "notes": ([f"Not shown: {len(skipped):,} pair{'s' if len(skipped) != 1 else ''} with a place without "
                   "coordinates."] if len(skipped) else []),
        "searchHint": "a city, e.g. Lyon",
        "tiles": None, "attribution": "Natural Earth",
    }


def world_map_page(pairs: pd.DataFrame, *, places: pd.DataFrame, boundaries: Boundaries) -> Page:
    """The world twin-city list as a page: all pairs as one canvas layer, German–Russian pairs highlighted,
    a country filter and a city search (which can show only that city's links)."""
    payload = world_map_data(pairs, places=places, boundaries=boundaries)
    n, strong = len(payload["arcs"]), payload["filters"][0]["values"][0]["count"]
    return Page("world_map", "Twin towns of the world: interactive map", "map", payload,
                intro=f"{n:,} pairs of the world twin-city list, {strong} of them German–Russian (orange). "
                      "Pick a country or search a city; hover for the pair, scroll to zoom, drag to pan.")
