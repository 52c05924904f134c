"""Raw claims to tidy tables: apply corrections, read dates, find places, merge claims, flag conflicts.

One raw row is one *claim* of one source. Claims about the same pair (same German place, same
Russian place, same relation) merge into one row of the tidy table; where they disagree the row
is flagged, and a documented rule picks the value the figures use:

* **founding date**: claims that date a reaffirmation never count as the founding. Of the others,
  the year stated by the most distinct sources wins; on a tie, a stated year beats one counted back
  from an anniversary ("seit 25 Jahren"), the source's own "since" or the date of entry into force
  beats a signing, which beats a council decision; then the more precise date wins; then the earlier.
* **status after 2022**: the claim of the most recently published source wins.
* **conference facts**: a report after the event beats an announcement before it (status,
  head count); the most precise dates win, a span before a single day; venues (compared as geocoded
  places, so "Uljanowsk" and "Ульяновск" agree) and host country must agree or are flagged.

>>> from twinning_analysis.config import project_paths
>>> from twinning_analysis.sources import load_raw
>>> claims = read_claims(load_raw(project_paths()))
>>> len(claims.partnerships) >= 25
True
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from twinning_analysis import dates
from twinning_analysis.corrections import apply_corrections
from twinning_analysis.eras import founding_era
from twinning_analysis.errors import DataError, DataWarning, DateError
from twinning_analysis.fields import Participants, parse_edition, parse_participants, split_venues, to_roman
from twinning_analysis.names import name_in_year, slug, split_kind, unit_level

_BASIS_RANK = {"": 0, "in_force": 0, "signed": 1, "decision": 2}
_PRECISION_RANK = {p: i for i, p in enumerate(dates.PRECISIONS)}
_STATUS_RANK = {"held": 0, "cancelled": 1, "announced": 2, "unknown": 3}


@dataclass(frozen=True)
class Flag:
    """Something the quality report must show: a conflict, a derived value, a place not found."""

    table: str
    record: str
    kind: str
    message: str


@dataclass
class Claims:
    """Raw claims after corrections, with dates read and places identified."""

    partnerships: pd.DataFrame
    conferences: pd.DataFrame
    sources: pd.DataFrame
    corrections: list[dict]
    flags: list[Flag] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# claims


def _read_column(frame: pd.DataFrame, table: str, column: str, parse, empty, flags: list[Flag],
                 reference_years: dict[str, int] | None = None) -> list:
    """Parse one column of prose. An impossible date stops the run with its file, line and column; a
    phrase that cannot be read is flagged for the quality report and its value left empty."""
    values = []
    for _, row in frame.iterrows():
        try:
            if reference_years is None:
                values.append(parse(row[column]))
            else:
                values.append(parse(row[column], reference_year=reference_years.get(row["source_id"])))
        except dates.ImpossibleDateError as err:
            raise DataError(f"{err} (add a row to corrections.csv if the source is wrong)",
                            file=frame.attrs.get("path"), line=int(row["line"]), column=column) from None
        except (DateError, ValueError) as err:
            flags.append(Flag(table, row["record_id"], "unreadable",
                              f"{column} {row[column]!r} (line {row['line']}): {err}; value not used"))
            warnings.warn(DataWarning(f"{err}; value not used (a row in corrections.csv settles it)",
                                      file=frame.attrs.get("path"), line=int(row["line"]), column=column),
                          stacklevel=2)
            values.append(empty)
    return values


#: Columns that say what a claim states (everything but its record_id, line and note).
_CLAIM_COLUMNS = {"partnerships": ("de_name", "ru_name", "relation", "founded_text", "founded_basis", "status",
                                   "status_date_text", "source_id"),
                  "conferences": ("edition_text", "dates_text", "venue_text", "venue_country", "motto",
                                  "participants_text", "status", "source_id")}


def drop_repeated_claims(frame: pd.DataFrame, table: str, flags: list[Flag]) -> pd.DataFrame:
    """Leave out a claim that repeats an earlier one of the same source word for word under another record_id;
    warn and flag it, so that one statement never counts as two claims.

    >>> import warnings
    >>> claims = pd.DataFrame({"record_id": ["P1", "P2"], "de_name": ["Aachen"] * 2, "ru_name": ["Kostroma"] * 2,
    ...     "relation": ["partnership"] * 2, "founded_text": ["2001"] * 2, "founded_basis": [""] * 2,
    ...     "status": [""] * 2, "status_date_text": [""] * 2, "source_id": ["s"] * 2, "note": ["", "x"],
    ...     "line": [2, 3]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     kept = drop_repeated_claims(claims, "partnerships", [])
    >>> kept["record_id"].tolist(), str(caught[0].message)
    (['P1'], 'column record_id: repeats P1 (line 2) of the same source; not used')
    """
    columns = list(_CLAIM_COLUMNS[table])
    repeated = frame.duplicated(columns, keep="first")
    first = {tuple(row[columns]): row for _, row in frame[~repeated].iterrows()}
    for _, row in frame[repeated].iterrows():
        original = first[tuple(row[columns])]
        message = f"repeats {original['record_id']} (line {original['line']}) of the same source; not used"
        flags.append(Flag(table, row["record_id"], "repeated claim",
                          f"record_id {row['record_id']!r} (line {row['line']}): {message}"))
        warnings.warn(DataWarning(message, file=frame.attrs.get("path"), line=int(row["line"]), column="record_id"),
                      stacklevel=2)
    return frame[~repeated].copy()


def _publication_years(sources: pd.DataFrame) -> dict[str, int]:
    """Year each source was published (the year relative phrases such as "seit 25 Jahren" count from)."""
    years = sources["published"].str.extract(r"^(\d{4})", expand=False)
    return {s: int(y) for s, y in zip(sources["source_id"], years) if isinstance(y, str)}


def place_id(raw_name: str, country: str) -> str:
    """Identifier of a place as named in a source: ``place_id("Pinneberg (Kreis)", "DE")``
    gives ``'de-pinneberg-landkreis'``."""
    name = split_kind(raw_name, country)
    base = f"{name.parent} {name.base}" if name.parent else name.base
    implied = name.kind in ("city", "city_district") or slug(base).endswith("kreis")
    suffix = "" if implied else f"-{name.kind}"
    return f"{country.lower()}-{slug(base)}{suffix}"


def read_claims(tables: dict[str, pd.DataFrame]) -> Claims:
    """Apply corrections and parse the date, edition, head-count and venue fields of every claim."""
    corrections, flags = tables["corrections"], []
    partnerships, applied_p = apply_corrections("partnerships", tables["partnerships"], corrections)
    conferences, applied_c = apply_corrections("conferences", tables["conferences"], corrections)
    partnerships = drop_repeated_claims(partnerships, "partnerships", flags)
    conferences = drop_repeated_claims(conferences, "conferences", flags)
    published = _publication_years(tables["sources"])
    no_date = dates.PartialDate()

    partnerships["founded"] = _read_column(partnerships, "partnerships", "founded_text", dates.parse_date,
                                           no_date, flags, published)
    partnerships["de_place_id"] = [place_id(n, "DE") if n else "" for n in partnerships["de_name"]]
    partnerships["ru_place_id"] = [place_id(n, "RU") if n else "" for n in partnerships["ru_name"]]
    for _, row in partnerships.iterrows():
        if row["relation"] != "intent" and not (row["de_name"] and row["ru_name"]):
            raise DataError("a pair needs both a German and a Russian place (only an intent may name one)",
                            file=partnerships.attrs.get("path"), line=int(row["line"]),
                            column="de_name" if not row["de_name"] else "ru_name")

    conferences["dates"] = _read_column(conferences, "conferences", "dates_text", dates.parse_date, no_date, flags)
    conferences["edition"] = pd.Series(_read_column(conferences, "conferences", "edition_text", parse_edition,
                                                     None, flags), index=conferences.index, dtype=object)
    conferences["participants"] = _read_column(conferences, "conferences", "participants_text",
                                               parse_participants, Participants(None, None), flags)
    conferences["venues"] = [split_venues(v) for v in conferences["venue_text"]]
    return Claims(partnerships, conferences, tables["sources"], applied_p + applied_c, flags)


# ---------------------------------------------------------------------------------------------
# places


def collect_places(claims: Claims) -> pd.DataFrame:
    """One row per distinct place named in any claim, with its kind and the spellings used."""
    seen: dict[str, dict] = {}

    def add(raw: str, country: str) -> None:
        pid = place_id(raw, country)
        name = split_kind(raw, country)
        entry = seen.setdefault(pid, {
            "place_id": pid, "name": name.base, "name_raw": raw, "kind": name.kind, "country": country,
            "parent": name.parent or "", "region_hint": "", "spellings": []})
        if raw not in entry["spellings"]:
            entry["spellings"].append(raw)

    for _, row in claims.partnerships.iterrows():
        if row["de_name"]:
            add(row["de_name"], "DE")
        if row["ru_name"]:
            add(row["ru_name"], "RU")
    for _, row in claims.conferences.iterrows():
        for venue in row["venues"]:
            add(venue, row["venue_country"])
    places = pd.DataFrame(seen.values())
    places["spellings"] = places["spellings"].str.join(" | ")
    return places


def _point_of(lat, lon) -> tuple[float, float] | None:
    if pd.isna(lat) or pd.isna(lon):
        return None
    return round(float(lat), 4), round(float(lon), 4)


def place_point(row: pd.Series) -> tuple[float, float] | None:
    """A place's coordinates to 4 decimals (about 10 m), None when it has none."""
    return _point_of(row.get("lat"), row.get("lon"))


def place_identity(row: pd.Series) -> tuple | None:
    """What makes two geocoded places the same partner: the same point (a GeoNames town, an override, a
    region's centre), the same country, and the same level of unit (town, Gemeinde and Amt are one)."""
    point = place_point(row)
    return None if point is None else (*point, unit_level(row["kind"]), row["country"])


def place_identities(places: pd.DataFrame) -> list[tuple | None]:
    """:func:`place_identity` of every row of ``places``, column-wise (fast for thousands of places)."""
    points = [_point_of(lat, lon) for lat, lon in zip(places["lat"], places["lon"])]
    return [None if point is None else (*point, unit_level(kind), country)
            for point, kind, country in zip(points, places["kind"], places["country"])]


def unify_places(places: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Merge places that geocoding found to be the same (e.g. Leningrad and St. Petersburg, "Rayon
    Selenograd" and "Rayon Selenogradsk", "Amt Zarrentin" and "Zarrentin"); return the merged table and
    a map from every place id to the one kept. The kept row lists every spelling."""
    id_map = {pid: pid for pid in places["place_id"]}
    keep, first_of = [], {}
    places = places.copy()
    if "geocode_method" in places:
        regions = places["geocode_method"] == "boundary"
        places.loc[regions, "kind"] = places.loc[regions, "country"].map({"DE": "land", "RU": "federal_subject"})
    for index, row in places.iterrows():
        identity = place_identity(row)
        if identity is None or identity not in first_of:
            first_of.setdefault(identity, index)
            keep.append(index)
            continue
        kept = first_of[identity]
        id_map[row["place_id"]] = places.at[kept, "place_id"]
        places.at[kept, "spellings"] = " | ".join(
            dict.fromkeys(places.at[kept, "spellings"].split(" | ") + row["spellings"].split(" | ")))
    return places.loc[keep].reset_index(drop=True), id_map


# ---------------------------------------------------------------------------------------------
# partnerships


def _agree(a: dates.PartialDate, b: dates.PartialDate) -> bool:
    (a0, a1), (b0, b1) = dates.bounds(a), dates.bounds(b)
    return a0 <= b1 and b0 <= a1


def _describe(row: pd.Series, column: str = "founded_text") -> str:
    basis = f", {row['founded_basis'].replace('_', ' ')}" if row.get("founded_basis") else ""
    return f"{row[column]!r} ({row['record_id']}, {row['source_id']}{basis})"


def _choose_founding(group: pd.DataFrame) -> tuple[pd.Series | None, str]:
    dated = group[(group["founded_basis"] != "reaffirmed") & group["founded"].map(lambda d: d.year is not None)]
    if dated.empty:
        return None, ""
    years = dated["founded"].map(lambda d: d.year)
    support = {year: dated.loc[years == year, "source_id"].nunique() for year in years.unique()}
    order = sorted(dated.index, key=lambda i: (-support[years[i]],
                                                dated.at[i, "founded"].qualifier == "counted",
                                                _BASIS_RANK[dated.at[i, "founded_basis"]],
                                                _PRECISION_RANK[dated.at[i, "founded"].precision],
                                                dates.bounds(dated.at[i, "founded"])[0]))
    chosen = dated.loc[order[0]]
    disagreeing = [dated.loc[i] for i in order[1:] if not _agree(dated.at[i, "founded"], chosen["founded"])]
    if not disagreeing:
        return chosen, ""
    others = "; ".join(_describe(r) for r in disagreeing)
    return chosen, f"founding date: chose {_describe(chosen)} over {others}"


def _choose_status(group: pd.DataFrame, published: dict[str, str]) -> tuple[str, str, str]:
    stated = group[group["status"] != ""]
    if stated.empty:
        return "", "", ""
    latest = stated.loc[max(stated.index, key=lambda i: published.get(stated.at[i, "source_id"], ""))]
    if stated["status"].nunique() == 1:
        return latest["status"], latest["status_date_text"], ""
    claims = "; ".join(f"{r['status']} ({r['record_id']}, {r['source_id']})" for _, r in stated.iterrows())
    return latest["status"], latest["status_date_text"], f"status: chose the latest source's {latest['status']!r} of {claims}"


def _name_at_founding(place: pd.DataFrame, pid: str, founded) -> str:
    """Historic name of a place in its pair's founding year (Leningrad in 1957), "" if unchanged or unknown."""
    if not pid or founded is None or "name_en" not in place.columns:
        return ""
    row = place.loc[pid]
    return name_in_year(row["name_en"], row["country"], founded.year) or ""


def merge_partnerships(claims: Claims, places: pd.DataFrame, id_map: dict[str, str]) -> pd.DataFrame:
    """One row per pair and relation, with the chosen founding date, era, status, sources and conflicts."""
    frame = claims.partnerships.copy()
    frame["de_place_id"] = frame["de_place_id"].map(lambda p: id_map.get(p, p))
    frame["ru_place_id"] = frame["ru_place_id"].map(lambda p: id_map.get(p, p))
    place = places.set_index("place_id")
    published = dict(zip(claims.sources["source_id"], claims.sources["published"]))
    rows = []
    for (de_id, ru_id, relation), group in frame.groupby(["de_place_id", "ru_place_id", "relation"], sort=False):
        chosen, date_conflict = _choose_founding(group)
        status, status_date, status_conflict = _choose_status(group, published)
        founded = chosen["founded"] if chosen is not None else None
        first, last = dates.bounds(founded) if founded is not None else (None, None)
        de = place.loc[de_id] if de_id else None
        admin1 = de.get("admin1") if de is not None else None
        district = slug(de["name"]) if de is not None and de["kind"] == "city_district" else None
        reaffirmed = group[group["founded_basis"] == "reaffirmed"]
        conflicts = [c for c in (date_conflict, status_conflict) if c]
        notes = list(dict.fromkeys(n for n in group["note"] if n))
        notes += [f"reaffirmed {r['founded_text']} ({r['record_id']})" for _, r in reaffirmed.iterrows()]
        rows.append({
            "partnership_id": "--".join(p for p in (de_id, ru_id) if p)
                              + ("" if relation == "partnership" else f"--{relation}"),
            "de_place_id": de_id, "ru_place_id": ru_id,
            "de_name": de["name_raw"] if de is not None else "",
            "ru_name": place.at[ru_id, "name_raw"] if ru_id else "",
            "de_name_at_founding": _name_at_founding(place, de_id, founded),
            "ru_name_at_founding": _name_at_founding(place, ru_id, founded),
            "names_as_published": " | ".join(dict.fromkeys(
                f"{r['de_name']} – {r['ru_name']}".strip(" –") for _, r in group.iterrows())),
            "relation": relation,
            "founded": founded.iso if founded is not None else "",
            "founded_year": founded.year if founded is not None else None,
            "founded_precision": founded.precision if founded is not None else "",
            "founded_basis": chosen["founded_basis"] if chosen is not None else "",
            "founded_text": chosen["founded_text"] if chosen is not None else "",
            "founded_record": chosen["record_id"] if chosen is not None else "",
            "era": founding_era(first, last, admin1 if isinstance(admin1, str) else None, district),
            "status": status, "status_date_text": status_date,
            "n_sources": group["source_id"].nunique(),
            "source_ids": ";".join(sorted(group["source_id"].unique())),
            "record_ids": ";".join(group["record_id"]),
            "conflict": bool(conflicts), "conflict_note": " | ".join(conflicts),
            "note": " | ".join(notes),
        })
        for text in conflicts:
            claims.flags.append(Flag("partnerships", rows[-1]["partnership_id"], "conflict", text))
    table = pd.DataFrame(rows)
    table["founded_year"] = table["founded_year"].astype("Int64")
    _flag_several_relations(table, claims.flags)
    if "lat" in places:
        _flag_same_points(table, places, claims.flags)
    return table


def _flag_same_points(table: pd.DataFrame, places: pd.DataFrame, flags: list[Flag]) -> None:
    """Pairs whose two places sit at the same points as another pair's but are other units (a Kreis and
    its seat town, a Rayon and its namesake town): possibly one relation entered at two levels."""
    point = {r["place_id"]: place_point(r) for _, r in places.iterrows() if place_point(r) is not None}
    pairs = table[table["de_place_id"].isin(point) & table["ru_place_id"].isin(point)]
    keys = pairs["de_place_id"].map(point).astype(str) + pairs["ru_place_id"].map(point).astype(str)
    for _, group in pairs.groupby(keys, sort=False):
        if group[["de_place_id", "ru_place_id"]].drop_duplicates().shape[0] > 1:
            described = "; ".join(f"{r['de_name']} – {r['ru_name']} ({r['relation']}, {r['record_ids']})"
                                  for _, r in group.iterrows())
            flags.append(Flag("partnerships", group["partnership_id"].iloc[0], "same places, other units",
                              described))


def _flag_several_relations(table: pd.DataFrame, flags: list[Flag]) -> None:
    """A pair recorded under two relations (a friendship before a partnership, or sources that disagree on
    what the relation is) stays two rows; the quality report shows it so a reader can judge."""
    pairs = table[(table["de_place_id"] != "") & (table["ru_place_id"] != "")]
    for _, group in pairs.groupby(["de_place_id", "ru_place_id"], sort=False):
        if len(group) > 1:
            described = "; ".join(f"{r['relation']} {r['founded'] or '(undated)'} ({r['record_ids']})"
                                  for _, r in group.iterrows())
            flags.append(Flag("partnerships", group["partnership_id"].iloc[0], "several relations", described))


# ---------------------------------------------------------------------------------------------
# conferences


def _choose_dates(group: pd.DataFrame) -> tuple[pd.Series | None, str]:
    dated = group[group["dates"].map(lambda d: d.year is not None)]
    if dated.empty:
        return None, ""
    order = sorted(dated.index, key=lambda i: (_PRECISION_RANK[dated.at[i, "dates"].precision],
                                                dated.at[i, "dates"].end is None,
                                                _STATUS_RANK[dated.at[i, "status"]]))
    chosen = dated.loc[order[0]]
    disagreeing = [dated.loc[i] for i in order[1:] if not _agree(dated.at[i, "dates"], chosen["dates"])]
    if not disagreeing:
        return chosen, ""
    others = "; ".join(_describe(r, "dates_text") for r in disagreeing)
    return chosen, f"dates: chose {_describe(chosen, 'dates_text')} over {others}"


def _choose_participants(group: pd.DataFrame) -> tuple[pd.Series | None, str]:
    counted = group[group["participants"].map(lambda p: p.count is not None)]
    if counted.empty:
        return None, ""
    order = sorted(counted.index, key=lambda i: _STATUS_RANK[counted.at[i, "status"]])
    chosen = counted.loc[order[0]]
    others = [counted.loc[i] for i in order[1:] if counted.at[i, "participants"] != chosen["participants"]]
    if not others:
        return chosen, ""
    described = "; ".join(f"{r['participants_text']!r} ({r['status']}, {r['record_id']})" for r in others)
    return chosen, (f"participants: chose {chosen['participants_text']!r} ({chosen['status']}, "
                    f"{chosen['record_id']}) over {described}")


def _editions_from_year(frame: pd.DataFrame, flags: list[Flag]) -> pd.Series:
    """A claim without an edition number joins the one numbered edition of the same year and host country
    (the conference is biennial, one edition a year at most); the quality report lists each such join."""
    numbered = frame[frame["edition"].notna()]
    known = {}
    for _, row in numbered.iterrows():
        if row["dates"].year is not None:
            known.setdefault((row["dates"].year, row["venue_country"]), set()).add(row["edition"])
    editions = frame["edition"].copy()
    for index, row in frame[frame["edition"].isna()].iterrows():
        candidates = known.get((row["dates"].year, row["venue_country"]), set())
        if len(candidates) == 1:
            editions[index] = next(iter(candidates))
            flags.append(Flag("conferences", row["record_id"], "edition from year",
                              f"{row['venue_text']!r} {row['dates'].year} joined edition {editions[index]}, "
                              "the only numbered edition of that year and host country"))
    return editions


def merge_conferences(claims: Claims, id_map: dict[str, str]) -> pd.DataFrame:
    """One row per edition; claims without an edition number are kept apart and flagged."""
    frame = claims.conferences.copy()
    frame["edition"] = _editions_from_year(frame, claims.flags)
    frame["group"] = [f"edition-{e}" if e is not None else f"record-{r}"
                      for e, r in zip(frame["edition"], frame["record_id"])]
    rows = []
    for _, group in frame.groupby("group", sort=False):
        edition = group["edition"].iloc[0]
        label = to_roman(edition) if edition is not None else group["record_id"].iloc[0]
        dated, date_conflict = _choose_dates(group)
        counted, count_conflict = _choose_participants(group)
        venue_sets = {frozenset(id_map.get(place_id(v, c), place_id(v, c)) for v in venues)
                      for venues, c in zip(group["venues"], group["venue_country"])}
        conflicts = [date_conflict, count_conflict]
        if len(venue_sets) > 1:
            conflicts.append("venue: " + "; ".join(f"{r['venue_text']!r} ({r['record_id']})"
                                                   for _, r in group.iterrows()))
        if group["venue_country"].nunique() > 1:
            conflicts.append("host country: " + ", ".join(sorted(group["venue_country"].unique())))
        conflicts = [c for c in conflicts if c]
        status = min(group["status"], key=_STATUS_RANK.__getitem__)
        span = dates.bounds(dated["dates"]) if dated is not None else (None, None)
        exact = dated is not None and dated["dates"].precision == "day"
        motto = next((m for m in group["motto"] if m), "")
        venues = group["venues"].iloc[0]
        rows.append({
            "edition": edition, "roman": to_roman(edition) if edition is not None else "",
            "start": span[0].isoformat() if exact else "", "end": span[1].isoformat() if exact else "",
            "year": dated["dates"].year if dated is not None else None,
            "dates_text": dated["dates_text"] if dated is not None else "",
            "venues": "; ".join(venues),
            "venue_place_ids": ";".join(id_map.get(place_id(v, group["venue_country"].iloc[0]),
                                                   place_id(v, group["venue_country"].iloc[0])) for v in venues),
            "host_country": group["venue_country"].iloc[0],
            "motto": motto,
            "participants_min": counted["participants"].count if counted is not None else None,
            "participants_qualifier": (counted["participants"].qualifier or "") if counted is not None else "",
            "participants_text": counted["participants_text"] if counted is not None else "",
            "status": status,
            "n_sources": group["source_id"].nunique(),
            "source_ids": ";".join(sorted(group["source_id"].unique())),
            "record_ids": ";".join(group["record_id"]),
            "conflict": bool(conflicts), "conflict_note": " | ".join(conflicts),
        })
        if edition is None:
            claims.flags.append(Flag("conferences", label, "no edition number",
                                     "no source or correction gives this conference's number"))
        for text in conflicts:
            claims.flags.append(Flag("conferences", label, "conflict", text))
    numbered = [r["edition"] for r in rows if r["edition"] is not None]
    for missing in sorted(set(range(min(numbered), max(numbered) + 1)) - set(numbered)) if numbered else ():
        rows.append({"edition": missing, "roman": to_roman(missing), "status": "unknown", "n_sources": 0,
                     "conflict": False})
        claims.flags.append(Flag("conferences", to_roman(missing), "undocumented edition",
                                 "no source states this edition's year or venue; kept as unknown, not guessed"))
    table = pd.DataFrame(rows).reindex(columns=list(rows[0]))
    for column in ("edition", "year", "participants_min"):
        table[column] = table[column].astype("Int64")
    text = [c for c in table.columns if c not in ("edition", "year", "participants_min", "n_sources", "conflict")]
    table[text] = table[text].fillna("")
    return table.sort_values(["edition", "year"], na_position="last", kind="stable").reset_index(drop=True)
