"""``twinning geocode``: resolve place names from the command line, one JSON object per name.

    twinning geocode "Nischni Nowgorod" --country RU
    twinning geocode --file names.csv            # columns name,country (optional kind, region_hint, parent)
    twinning geocode "Zelenograd" --country RU --online

Exit status: 0 if every name resolved, 1 if any did not (its JSON says why), 2 for unusable input
(a missing file or column).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="twinning")
>>> _ = add_parser(parser.add_subparsers(dest="command"))
>>> run(parser.parse_args(["geocode", "Twer", "--country", "RU"]))  # doctest: +ELLIPSIS
{"query": "Twer", "name": "Tver", ..., "admin1": "RU-TVE", ..., "method": "gazetteer", ...}
0
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from twinning_analysis.config import project_paths
from twinning_analysis.names import KINDS, split_kind

EXIT_OK, EXIT_UNRESOLVED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``geocode`` subcommand to an ``argparse`` subparsers object."""
    parser = subparsers.add_parser(
        "geocode", help="resolve place names offline (GeoNames gazetteer, overrides, cache)",
        description="Resolve place names to coordinates and admin1 codes. Offline unless --online. "
                    "Prints one JSON object per name; exits 1 if a name cannot be resolved.")
    parser.add_argument("name", nargs="?", help='a place name as a source writes it, e.g. "Rayon Selenograd"')
    parser.add_argument("--country", "-c", help="ISO 3166-1 alpha-2 code (DE, RU, FR, …); default: Germany, Russia "
                                                 "and every country where GeoNames knows the name")
    parser.add_argument("--kind", choices=KINDS, help="kind of place (default: read from type words in the name)")
    parser.add_argument("--region", help='region hint, e.g. "Gebiet Kaluga" or RU-KLU')
    parser.add_argument("--file", type=Path, help="CSV with columns name,country (optional kind, region_hint, parent); "
                                                   "prints one JSON object a line, in input order")
    parser.add_argument("--online", action="store_true",
                        help="ask Nominatim for names the offline sources do not know (1 request/s, cached)")
    parser.set_defaults(func=run, handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``twinning geocode``; returns the exit status."""
    if bool(args.name) == bool(args.file):
        print("twinning geocode: give either a NAME or --file names.csv", file=sys.stderr)
        return EXIT_USAGE
    try:
        rows = _read_file(args.file) if args.file else [
            {"name": args.name, "country": args.country or "", "kind": args.kind or "",
             "region_hint": args.region or "", "parent": ""}]
    except (OSError, ValueError, csv.Error) as err:
        print(f"twinning geocode: {err}", file=sys.stderr)
        return EXIT_USAGE
    from twinning_analysis.geocode import MAX_NAME_LENGTH, GeocodeChain

    if args.name and len(args.name) > MAX_NAME_LENGTH:
        print(f"twinning geocode: the name is {len(args.name):,} characters long; a place name has at most "
              f"{MAX_NAME_LENGTH}", file=sys.stderr)
        return EXIT_USAGE

    chain = GeocodeChain(project_paths(), online=args.online)
    status = EXIT_OK
    for row in rows:
        record = resolve_name(chain, row)
        print(json.dumps(record, ensure_ascii=False))
        if not record["resolved"]:
            status = EXIT_UNRESOLVED
    return status


def _read_file(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise ValueError(f"{path}: needs a header with a 'name' column (and 'country')")
        return [{k: (row.get(k) or "").strip() for k in ("name", "country", "kind", "region_hint", "parent")}
                for row in reader]


def resolve_name(chain, row: dict) -> dict:
    """Resolve one row (name as published, country, optional kind/region/parent) to a JSON-ready dict."""
    from twinning_analysis.geocode import PlaceQuery

    raw = row.get("name") or ""
    countries = [row["country"].strip().upper()] if row.get("country") else chain.candidate_countries(raw)
    best = None
    for country in countries:
        split = split_kind(raw, country)
        query = PlaceQuery(name=split.base, country=country, kind=row.get("kind") or split.kind,
                           parent=row.get("parent") or split.parent, region_hint=row.get("region_hint") or None,
                           name_raw=raw)
        res = chain.resolve(query)
        if best is None or (res.resolved, res.confidence) > (best[1].resolved, best[1].confidence):
            best = (query, res)
    query, res = best
    record = {"query": raw, "name": res.name_en or query.name, "name_local": res.name_local or None,
              "country": query.country, "kind": query.kind, "lat": res.lat, "lon": res.lon,
              "admin1": res.admin1 or None, "admin1_name": res.admin1_name or None,
              "geonames_id": res.geonames_id, "population": res.population, "method": res.method,
              "confidence": round(res.confidence, 3), "resolved": res.resolved, "note": res.note,
              "issues": [{"issue": i, "detail": d} for i, d in res.issues],
              "candidates": res.candidates}
    if not res.resolved:
        record["reason"] = res.note
    return record
