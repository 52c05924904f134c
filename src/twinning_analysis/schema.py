"""What the raw tables must look like: columns, keys, required fields and vocabularies.

>>> RAW_TABLES["partnerships"].key
'record_id'
>>> "intent" in RELATIONS
True
"""
from __future__ import annotations

from dataclasses import dataclass, field

from twinning_analysis.names import KINDS

#: Kinds of relation between two places. An ``intent`` is a declared interest with no partner yet.
RELATIONS = ("partnership", "regional", "friendship", "cooperation", "intent")

#: What the founding date of a claim stands for; the empty string means "the source says since".
FOUNDED_BASES = ("", "in_force", "signed", "decision", "reaffirmed")

#: State of a partnership after 24 February 2022, graded as the sources grade it.
PARTNERSHIP_STATUSES = ("", "active", "kept", "paused", "suspended", "ended")

#: State of a conference edition.
CONFERENCE_STATUSES = ("held", "announced", "cancelled", "unknown")

COUNTRIES = ("DE", "RU")

#: What the research found about a pair of the world list that our data lacks as such.
WORLD_FINDINGS = ("added", "other_level", "region", "wrong_country", "defunct", "not_a_partnership", "unconfirmed")


@dataclass(frozen=True)
class TableSpec:
    """One raw table: its columns in order, the unique key, the non-empty and the closed-vocabulary columns."""

    name: str
    columns: tuple[str, ...]
    key: str | None = None
    required: tuple[str, ...] = ()
    vocab: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cites_source: bool = True
    file: str = ""

    @property
    def filename(self) -> str:
        """The file below ``data/raw``: ``NAME.csv`` unless the spec names another."""
        return self.file or f"{self.name}.csv"


RAW_TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("sources",
                  ("source_id", "title", "publisher", "url", "published", "accessed", "language", "licence", "note"),
                  key="source_id", required=("source_id", "title", "publisher", "accessed", "licence"),
                  cites_source=False),
        TableSpec("partnerships",
                  ("record_id", "de_name", "ru_name", "relation", "founded_text", "founded_basis", "status",
                   "status_date_text", "source_id", "note"),
                  key="record_id", required=("record_id", "relation", "source_id"),
                  vocab={"relation": RELATIONS, "founded_basis": FOUNDED_BASES, "status": PARTNERSHIP_STATUSES}),
        TableSpec("conferences",
                  ("record_id", "edition_text", "dates_text", "venue_text", "venue_country", "motto",
                   "participants_text", "status", "source_id", "note"),
                  key="record_id", required=("record_id", "venue_text", "venue_country", "status", "source_id"),
                  vocab={"venue_country": COUNTRIES, "status": CONFERENCE_STATUSES}),
        TableSpec("corrections",
                  ("table", "record_id", "field", "raw_value", "corrected_value", "reason", "source_id"),
                  required=("table", "record_id", "field", "reason", "source_id"),
                  vocab={"table": ("partnerships", "conferences", "world_list")}),
        TableSpec("published_totals",
                  ("record_id", "scope", "as_of", "figure_text", "low", "high", "source_id", "note"),
                  key="record_id", required=("record_id", "scope", "figure_text", "low", "source_id"),
                  vocab={"scope": ("all", *RELATIONS)}),
        TableSpec("world_country_labels", ("country_raw", "country", "reason", "source_id"),
                  key="country_raw", required=("country", "reason", "source_id"), file="world/country_labels.csv"),
        TableSpec("world_crosscheck", ("world_name_de", "world_name_ru", "finding", "explanation", "source_id"),
                  required=("world_name_de", "world_name_ru", "finding", "explanation", "source_id"),
                  vocab={"finding": WORLD_FINDINGS}, file="world/crosscheck.csv"),
        TableSpec("places",
                  ("name", "country", "kind", "lat", "lon", "name_de", "name_en", "admin1", "source_id", "note"),
                  required=("name", "country", "kind", "lat", "lon", "source_id"),
                  vocab={"country": COUNTRIES, "kind": KINDS}),
    )
}
