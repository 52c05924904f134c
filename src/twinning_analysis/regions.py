"""German Länder and Russian federal subjects from Natural Earth: point-in-polygon and region names.

The polygons are ``data/raw/boundaries/admin1_de_ru.geojson``. :class:`Regions` tells which region a
point lies in and which region a hint such as "Gebiet Kaluga" or "Kaliningrader Gebiet" names;
:func:`iso_admin1` gives GeoNames places their ISO 3166-2 code.

>>> regions = Regions.load()
>>> regions.find("Kaliningrad Oblast", "RU"), regions.name_en("RU-KGD")
('RU-KGD', 'Kaliningrad')
"""
from __future__ import annotations

import json
import re
import warnings
from collections import Counter, defaultdict

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.names import loose_key

ADMIN1_FILE = "admin1_de_ru.geojson"

class Regions:
    """German Länder and Russian federal subjects: point-in-polygon and names for region hints.

    >>> regions = Regions.load()
    >>> regions.locate(20.51, 54.71)[0], regions.find("Gebiet Kaluga", "RU")
    ('RU-KGD', 'RU-KLU')
    """

    _TYPE_WORDS = re.compile(r"(?i)\b(verwaltungsregion|verwaltungsgebiet|gebiet|oblast|region|krai|kraj|kray|territory|republik|republic|"
                             r"of|autonomous|autonome[rs]?|okrug|province|federal|city|land|freistaat|"
                             r"bundesland|freie|hansestadt|free|hanseatic)\b")

    def __init__(self, features: list[dict]):
        import shapely
        from shapely.geometry import shape

        self.codes = [f["properties"]["iso_3166_2"] for f in features]
        #: Countries whose regions the file holds (ISO 3166-1 alpha-2).
        self.countries = frozenset(f["properties"]["iso_a2"] for f in features)
        self.props = {f["properties"]["iso_3166_2"]: f["properties"] for f in features}
        self.geoms = [shape(f["geometry"]) for f in features]
        for geom in self.geoms:
            shapely.prepare(geom)
        self.tree = shapely.STRtree(self.geoms)
        self._by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        for code, props in self.props.items():
            keys = set()
            for col in ("name", "name_en", "name_de", "name_ru"):
                value = props.get(col)
                if value:
                    keys.add(loose_key(self._TYPE_WORDS.sub(" ", value)))
            for key in keys - {""}:
                self._by_key[(props["iso_a2"], key)].append(code)

    @classmethod
    def load(cls, paths: Paths | None = None) -> "Regions":
        """Read ``boundaries/admin1_de_ru.geojson`` of the project (memoised per file)."""
        path = (paths or project_paths()).boundaries / ADMIN1_FILE
        stat = path.stat()
        memo_key = (str(path), stat.st_mtime_ns, stat.st_size)
        if memo_key not in _REGIONS_MEMO:
            with open(path, encoding="utf-8") as handle:
                _REGIONS_MEMO[memo_key] = cls(json.load(handle)["features"])
        return _REGIONS_MEMO[memo_key]

    def name_en(self, code: str) -> str:
        return (self.props.get(code) or {}).get("name_en") or ""

    def country(self, code: str) -> str:
        return (self.props.get(code) or {}).get("iso_a2") or ""

    def locate(self, lon: float, lat: float, *, max_km: float = 25.0) -> tuple[str, float]:
        """ISO code of the region containing the point, else the nearest within ``max_km`` (with its
        distance in km; 0.0 when inside). ``("", inf)`` if none."""
        import shapely

        point = shapely.Point(lon, lat)
        hits = self.tree.query(point, predicate="intersects")
        if len(hits):
            return self.codes[int(hits[0])], 0.0
        nearest = self.tree.query_nearest(point, all_matches=False)
        if len(nearest):
            index = int(nearest[0])
            km = self.distance_km(self.codes[index], lon, lat)
            if km <= max_km:
                return self.codes[index], km
        return "", float("inf")

    def distance_km(self, code: str, lon: float, lat: float) -> float:
        """Approximate distance (km) from a point to a region; 0 inside."""
        import math

        import shapely

        geom = self.geoms[self.codes.index(code)]
        point = shapely.Point(lon, lat)
        if geom.intersects(point):
            return 0.0
        from shapely.ops import nearest_points

        near = nearest_points(geom, point)[0]
        dx = (near.x - lon) * 111.32 * math.cos(math.radians(lat))
        dy = (near.y - lat) * 110.57
        return math.hypot(dx, dy)

    def find(self, hint: str, country: str | None = None, *, prefer_oblast: bool | None = None) -> str | None:
        """ISO code of the region a hint such as "Gebiet Kaluga", "Kaliningrader Gebiet" or "Bayern"
        names, else None.

        Of an oblast and a federal city of the same name, a hint with a region type word (or
        ``prefer_oblast=True``) gets the oblast ("Gebiet Moskau" → RU-MOS, "Moskau" → RU-MOW).
        """
        if not hint or not str(hint).strip():
            return None
        hint = str(hint)
        typed = bool(self._TYPE_WORDS.search(hint)) if prefer_oblast is None else prefer_oblast
        stripped = self._TYPE_WORDS.sub(" ", hint)
        countries = [country] if country else sorted({c for c, _ in self._by_key})
        for text in (stripped, adjective_stem(stripped), adjective_stem(stripped, "n")):
            key = loose_key(text)
            codes = [code for c in countries for code in self._by_key.get((c, key), [])]
            codes += [code for code in [REGION_ALIASES.get(key)] if code and self.country(code) in countries]
            if codes:
                codes.sort(key=lambda c: (self.props[c].get("type_en") == "Federal City") == typed)
                return codes[0]
        return None

    def is_federal_city(self, code: str) -> bool:
        return (self.props.get(code) or {}).get("type_en") == "Federal City"

    def centre(self, code: str) -> tuple[float, float]:
        """(lat, lon) of a point inside the region: its centroid, or a point on its surface."""
        geom = self.geoms[self.codes.index(code)]
        point = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
        return round(point.y, 5), round(point.x, 5)


_REGIONS_MEMO: dict[tuple, Regions] = {}

#: Names of regions that Natural Earth does not carry (loose key → ISO 3166-2).
REGION_ALIASES = {loose_key(name): code for name, code in (
    ("Baschkirien", "RU-BA"), ("Bashkiria", "RU-BA"), ("Jakutien", "RU-SA"), ("Yakutia", "RU-SA"),
    ("Jugra", "RU-KHM"), ("Tschuktschen", "RU-CHU"), ("Ingermanland", "RU-LEN"))}


def adjective_stem(text: str, suffix: str = "") -> str:
    """German place adjectives back to the name: "Kaliningrader" → "Kaliningrad", "Bayerischer" → "Bayer"
    (+ ``suffix`` "n" → "Bayern"), "Hamburgische" → "Hamburg"."""
    words = []
    for word in text.split():
        stem = re.sub(r"(ische[rsnm]?|isch)$", "", word)
        if stem != word:
            words.append(stem + suffix)
        else:
            words.append(re.sub(r"(?<=\w{4})er$", "", word))
    return " ".join(words)


def iso_admin1(rows: list[dict], paths: Paths) -> list[str]:
    """ISO 3166-2 code per GeoNames row: the majority code of the row's GeoNames admin1 unit by
    point-in-polygon (robust against simplified borders), falling back to the row's own polygon.
    Rows of countries without polygons, or whose point falls into another country's polygon, get ""."""
    try:
        regions = Regions.load(paths)
    except OSError as err:
        warnings.warn(f"no admin1 boundaries ({err}); admin1 codes left empty", RuntimeWarning, stacklevel=3)
        return [""] * len(rows)
    import numpy as np
    import shapely

    points = shapely.points(np.array([[c["longitude"], c["latitude"]] for c in rows]))
    own = [""] * len(rows)
    point_index, region_index = regions.tree.query(points, predicate="intersects")
    for p, r in zip(point_index.tolist(), region_index.tolist()):
        if regions.country(regions.codes[r]) == rows[p]["countrycode"]:
            own[p] = regions.codes[r]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city, code in zip(rows, own):
        if code and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][code] += 1
    majority = {unit: counter.most_common(1)[0][0] for unit, counter in votes.items()}
    return [majority.get((c["countrycode"], c["admin1code"]), code) for c, code in zip(rows, own)]
