"""The quality report: what went in, what came out, what was fixed, flagged or left unresolved.

The report is Markdown, written to ``data/processed/quality_report.md`` by the pipeline. It holds
no timestamps, so the same inputs give the same bytes.

>>> print(markdown_table([{"a": 1, "b": "x|y"}]))
| a | b |
|---|---|
| 1 | x\\|y |
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from twinning_analysis.analysis import coverage, pair_counts, pairs_by_region, relations_counted, venue_alternation
from twinning_analysis.clean import Claims, Flag
from twinning_analysis.config import Paths
from twinning_analysis.errors import TwinningError


def markdown_table(rows: list[dict], columns: list[str] | None = None) -> str:
    """A GitHub-flavoured Markdown table of ``rows`` (``_none_`` when there are none)."""
    if not rows:
        return "_none_"
    columns = columns or list(rows[0])

    def cell(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return ""
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f} %)" if whole else "0 of 0"


def _grouped_reason(note: str) -> str:
    """A geocoding note without its place names, so that notes of one kind count together."""
    import re

    text = re.sub(r"'[^']*'|\"[^\"]*\"", "…", note.split("; ")[-1])
    return re.sub(r"\b(matches|in) [A-Z][^;,]*", r"\1 …", text)


@dataclass
class WorldSection:
    """The world list's tables and the cross-check with ours, for the report's last sections."""

    places: pd.DataFrame
    pairs: pd.DataFrame
    labels: pd.DataFrame
    notes: pd.DataFrame
    corrections: pd.DataFrame
    crosscheck: pd.DataFrame | None = None

    @classmethod
    def read(cls, paths: Paths, tables: dict[str, pd.DataFrame]) -> "WorldSection":
        """The world step's tables of the project at ``paths``; an error naming the command if missing."""
        frames = {}
        for name in ("world_places", "world_pairs"):
            path = paths.processed / f"{name}.csv"
            if not path.exists():
                raise TwinningError(f"{path.relative_to(paths.root)} is missing: build it with `twinning world` "
                                    "(or run the whole pipeline with `twinning run`)")
            frames[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in ("lat", "lon"):
            frames["world_places"][column] = pd.to_numeric(frames["world_places"][column].replace("", None))
        corrections = tables["corrections"]
        return cls(frames["world_places"], frames["world_pairs"], tables["world_country_labels"],
                   tables["world_crosscheck"], corrections[corrections["table"] == "world_list"])

    def geocoding(self) -> str:
        from twinning_analysis.world.pairs import is_de_ru

        places, pairs = self.places, self.pairs
        located = places["geocode_method"] != "unresolved"
        methods = places["geocode_method"].value_counts()
        unplaced = places[~located]
        reasons = unplaced["geocode_note"].map(_grouped_reason).value_counts().head(12)
        labels = [{"label as listed": r["country_raw"], "code": r["country"], "reason": r["reason"],
                   "source": r["source_id"],
                   "places": int((places["country_raw"] == r["country_raw"]).sum())}
                  for _, r in self.labels.iterrows()]
        full = markdown_table(unplaced[["name_raw", "country_raw", "country", "kind", "geocode_note"]]
                              .to_dict("records"))
        return "\n".join([
            f"- Raw rows: {pairs['raw_lines'].str.count(';').add(1).sum():,}; distinct places (name and country "
            f"label as listed): {len(places):,}; unordered pairs: {len(pairs):,}, of them "
            f"{int((pairs['listed'] == 'both ways').sum()):,} listed both ways.",
            f"- German–Russian pairs: {int(is_de_ru(pairs).sum())}.",
            f"- Places located: {_share(int(located.sum()), len(places))}; by method: "
            + ", ".join(f"{k} {v:,}" for k, v in methods.items()) + ".",
            f"- Places without a country code: {int((places['country'] == '').sum())}.",
            "", "Country labels that no library knows, read by the reviewed table "
            "`data/raw/world/country_labels.csv`:", "", markdown_table(labels), "",
            f"Places not located ({len(unplaced):,}), by reason (the commonest):", "",
            markdown_table([{"reason": k, "places": v} for k, v in reasons.items()]), "",
            f"<details><summary>All {len(unplaced):,} places not located, with the reason</summary>", "",
            full, "", "</details>"])

    def crosscheck_text(self) -> str:
        table = self.crosscheck
        counts = table["match"].value_counts()
        world_rows = table[table["match"] != "ours only"]
        parts = [f"Each German–Russian pair of the world list ({len(world_rows)}) against our pairs (any relation "
                 "but intent), matched by geocoded place, never by name; then our pairs the list does not have.",
                 "", markdown_table([{"match": k, "pairs": int(counts.get(k, 0))} for k in
                                     ("matched", "matched at another level", "world list only", "ours only")])]
        for match, columns, text in (
                ("world list only", ["world_name_de", "world_name_ru", "finding", "explanation", "source_id"],
                 "In the world list only, with what the research found (`data/raw/world/crosscheck.csv`):"),
                ("matched at another level", ["world_name_de", "world_name_ru", "de_name", "ru_name",
                                              "partnership_ids"], "Matched at another level of unit:"),
                ("ours only", ["de_name", "ru_name", "relations", "partnership_ids"],
                 "Our pairs that the world list does not have:")):
            rows = table[table["match"] == match][columns]
            parts += ["", text, "", markdown_table(rows.to_dict("records"))]
        from twinning_analysis.world.crosscheck import stale_notes

        stale = stale_notes(self.notes, self.pairs, self.places)
        if len(stale):
            parts += ["", "Rows of `data/raw/world/crosscheck.csv` that name no German–Russian pair of the list:", "",
                      markdown_table(stale[["world_name_de", "world_name_ru", "line"]].to_dict("records"))]
        return "\n".join(parts)


@dataclass
class QualityReport:
    """Everything the report shows; :meth:`to_markdown` renders it."""

    claims: Claims
    raw_counts: dict[str, int]
    partnerships: pd.DataFrame
    conferences: pd.DataFrame
    places: pd.DataFrame
    geocode_issues: list[dict] = field(default_factory=list)
    published_totals: pd.DataFrame | None = None
    world: WorldSection | None = None

    def _coverage(self) -> str:
        """Our counts beside the totals that public sources state."""
        p = self.partnerships
        rows = []
        if self.published_totals is not None:
            rows = coverage(p, self.published_totals).rename(
                columns={"scope": "relation", "figure_text": "published", "as_of": "as of", "source_id": "source",
                         "this_dataset": "this dataset"}).to_dict("records")
        text = [markdown_table(rows), ""]
        if "admin1" in self.places:
            regions = pairs_by_region(p, self.places)
            for country, label in (("DE", "German Land"), ("RU", "Russian federal subject")):
                part = regions[regions["country"] == country].drop(columns="country")
                text += [f"Pairs by {label} (each pair counted on its own side):", "",
                         markdown_table(part.to_dict("records")), ""]
        return "\n".join(text)

    def _pair_counts(self) -> str:
        """The counts of pairs the figures and the README show, by relation."""
        counts = pair_counts(self.partnerships)
        rows = [{"pairs counted as": r["label"], "pairs": r["pairs"],
                 "with a founding year": _share(r["dated"], r["pairs"]),
                 "with a status after 24 February 2022": _share(r["with_status"], r["pairs"]),
                 "statuses reported": r["statuses"]}
                for _, r in counts.iterrows()]
        return "\n".join([relations_counted(self.partnerships), "", markdown_table(rows)])

    def _counts(self) -> str:
        p, c = self.partnerships, self.conferences
        rows = [{"table": name, "raw rows (claims)": n} for name, n in self.raw_counts.items()]
        out = [markdown_table(rows), "",
               f"- Tidy partnerships table: {len(p)} rows from {self.raw_counts.get('partnerships', 0)} claims.",
               f"- By relation: " + ", ".join(f"{k} {v}" for k, v in p["relation"].value_counts().items()) + ".",
               f"- Pairs backed by more than one source: {int((p['n_sources'] > 1).sum())}.",
               f"- Conference editions: {len(c)} ("
               + ", ".join(f"{k} {v}" for k, v in c["status"].value_counts().items()) + ").",
               f"- Distinct places: {len(self.places)}."]
        if "geocode_method" in self.places:
            methods = self.places["geocode_method"].value_counts()
            out.append("- Places by geocoding method: " + ", ".join(f"{k} {v}" for k, v in methods.items()) + ".")
        return "\n".join(out)

    def _flagged_dates(self) -> list[dict]:
        rows = []
        for _, claim in self.claims.partnerships.iterrows():
            date = claim["founded"]
            if claim["relation"] == "intent":
                continue
            if date.year is None:
                why = "no founding date in the source"
            elif date.qualifier == "counted":
                why = "year counted back from an anniversary"
            elif date.precision != "day":
                why = f"{date.precision} precision"
            else:
                continue
            rows.append({"record": claim["record_id"], "pair": f"{claim['de_name']} – {claim['ru_name']}",
                         "as written": claim["founded_text"], "flag": why})
        return rows

    def _corrections(self) -> list[dict]:
        world = self.world.corrections.to_dict("records") if self.world is not None else []
        return self.claims.corrections + world

    def to_markdown(self) -> str:
        flags: list[Flag] = self.claims.flags
        conflicts = [f for f in flags if f.kind == "conflict"]
        other = [f for f in flags if f.kind != "conflict"]
        alternation = venue_alternation(self.conferences).to_dict("records")
        not_used = [{"record": r["record_id"], "pair": f"{r['de_name']} – {r['ru_name']}",
                     "as written": r["founded_text"], "why": "dates a reaffirmation, not the founding"}
                    for _, r in self.claims.partnerships.iterrows() if r["founded_basis"] == "reaffirmed"]
        sections = [
            "# Quality report",
            "Generated by `twinning run` from `data/raw/`. Every number here is computed from the data.",
            "## Counts", self._counts(),
            "## Pairs by relation",
            "What the figures count as pairs; the README shows this table.", self._pair_counts(),
            "## Coverage compared with published totals", self._coverage(),
            "## Corrections applied",
            "Each comes from `data/raw/corrections.csv`; the raw files are never edited. For the world list, "
            "the record is the line of `data/raw/world/twin_cities_raw.csv`.",
            markdown_table(self._corrections(),
                           ["table", "record_id", "field", "raw_value", "corrected_value", "reason", "source_id"]),
            "## Conflicts between claims",
            "Sources that disagree; the rule in `twinning_analysis.clean` chose the value shown first.",
            markdown_table([{"table": f.table, "record": f.record, "conflict": f.message} for f in conflicts]),
            "## Flagged dates",
            "Founding dates known less precisely than to the day, or not at all.",
            markdown_table(self._flagged_dates()),
            "## Claims not used for the founding date",
            markdown_table(not_used),
            "## Other flags",
            markdown_table([{"table": f.table, "record": f.record, "flag": f.kind, "detail": f.message}
                            for f in other]),
            "## Geocoding: unresolved, ambiguous and overridden places",
            markdown_table(self.geocode_issues),
            "## Conference venue alternation (DE/RU)",
            "Breaks in the alternation and editions no source documents.",
            markdown_table(alternation),
        ]
        if self.world is not None:
            sections += ["## World twin-city list: places and pairs", self.world.geocoding(),
                         "## World twin-city list: cross-check of the German–Russian pairs",
                         self.world.crosscheck_text()]
        return "\n\n".join(sections) + "\n"
