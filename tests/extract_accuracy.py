"""Accuracy of ``twinning extract`` and of ``find_date`` on a set of passages with gold rows.

Run ``python tests/extract_accuracy.py`` (the held-out set) or ``--set dev`` (the development
fixtures); ``--dates`` scores the date phrases instead. The held-out set in
``tests/fixtures/listings/heldout`` is never tuned on: measure it, do not fix its failures.

What is counted, per passage and summed per language and per style:

* **pairs**: German–Russian pairs, compared after both names are keyed by
  :func:`~twinning_analysis.names.loose_key` of today's name without a region qualifier (so
  "Kalinin" and "Twer" are one place, "Mytischtschi" and "Mytishchi" one spelling, "Wolchow
  (Gebiet Leningrad)" and "Wolchow" one town). A predicted row flagged "partner outside
  Russia" is set aside, not counted as a German–Russian pair; every other predicted row is a
  claim that the pair is German–Russian. Precision = right pairs / predicted pairs, recall =
  right pairs / gold pairs.
* **years**: of the gold rows that give a year and whose pair was found, how many have a
  predicted row of the same pair with that year; **wrong years**: predicted years on found pairs
  that no gold row of the pair gives (a year borrowed from elsewhere or misread).
* **foreign**: gold rows flagged "partner outside Russia" that the reader also flagged.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from twinning_analysis.dates import parse_date
from twinning_analysis.errors import DateError
from twinning_analysis.names import loose_key, modern_name, split_region

LISTINGS = Path(__file__).parent / "fixtures" / "listings"
SETS = {"heldout": LISTINGS / "heldout", "dev": LISTINGS / "dev"}
OUTSIDE = "partner outside Russia"


def place_key(name: str, country: str) -> str:
    """Key of a place name: today's name if it is a historic one, transliteration-insensitive.

    >>> place_key("Kalinin", "RU") == place_key("Twer", "RU")
    True
    """
    name, _ = split_region(" ".join(str(name).split()))  # "Bor (Gebiet Nischni Nowgorod)" is Bor
    return loose_key(modern_name(name, country) or name)


def year_of(text: str) -> int | None:
    """The year a founded_text names (via parse_date, else its first four-digit year)."""
    if not text.strip():
        return None
    try:
        year = parse_date(text).year
    except DateError:
        year = None
    if year is None:
        found = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
        year = int(found.group()) if found else None
    return year


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def score(predicted: list[dict], gold: list[dict]) -> Counter:
    """Counts for one passage (see the module docstring)."""
    def pair(row):
        return place_key(row["de_name"], "DE"), place_key(row["ru_name"], "RU")

    gold_ru = [g for g in gold if OUTSIDE not in g["note"]]
    gold_pairs = {pair(g) for g in gold_ru}
    pred_ru = [p for p in predicted if OUTSIDE not in p["note"]]
    pred_pairs = {pair(p) for p in pred_ru}
    right = gold_pairs & pred_pairs
    counts = Counter(gold=len(gold_pairs), predicted=len(pred_pairs), right=len(right))
    gold_years: dict[tuple, set] = defaultdict(set)
    for g in gold_ru:
        year = year_of(g["founded_text"])
        if year is not None:
            gold_years[pair(g)].add(year)
    pred_years: dict[tuple, set] = defaultdict(set)
    for p in pred_ru:
        year = year_of(p["founded_text"])
        if year is not None:
            pred_years[pair(p)].add(year)
    for key in right:
        counts["gold_years"] += len(gold_years[key])
        counts["years_right"] += len(gold_years[key] & pred_years[key])
        counts["years_wrong"] += len(pred_years[key] - gold_years[key])
    foreign = {pair(g) for g in gold if OUTSIDE in g["note"]}
    flagged = {pair(p) for p in predicted if OUTSIDE in p["note"]}
    counts["foreign"] += len(foreign)
    counts["foreign_flagged"] += len(foreign & flagged)
    return counts


def passages(directory: Path) -> list[dict[str, str]]:
    """The manifest rows of a set, each with its text and gold rows."""
    rows = read_rows(directory / "MANIFEST.csv")
    for row in rows:
        row["text"] = (directory / row["file"]).read_text(encoding="utf-8")
        row["gold"] = read_rows(directory / row["file"].replace(".txt", ".expected.csv"))
    return rows


def extract(text: str, options: str) -> list[dict]:
    """Rows the reader proposes for a text; ``options`` is "" or "de_city=X" / "ru_city=X"."""
    from twinning_analysis.extract import extract_text

    kwargs = dict(part.split("=", 1) for part in options.split(";") if part.strip())
    return extract_text(text, "heldout", "P5001", **kwargs).rows


def evaluate(directory: Path) -> tuple[list[tuple[dict, Counter, list[dict]]], dict[str, Counter]]:
    """Score every passage of a set; return per-passage results and totals by group."""
    results = []
    groups: dict[str, Counter] = defaultdict(Counter)
    for passage in passages(directory):
        predicted = extract(passage["text"], passage.get("options", ""))
        counts = score(predicted, passage["gold"])
        results.append((passage, counts, predicted))
        for group in ("all", f"language {passage['language']}", f"style {passage['style']}"):
            groups[group].update(counts)
    return results, groups


def table(groups: dict[str, Counter]) -> str:
    """A Markdown table of precision, recall and years per group."""
    lines = ["| group | pairs (gold) | precision | recall | years right | wrong years | foreign flagged |",
             "|---|---|---|---|---|---|---|"]
    order = sorted(groups, key=lambda g: (g != "all", not g.startswith("language"), g))
    for name in order:
        c = groups[name]
        lines.append(f"| {name} | {c['gold']} | {_ratio(c['right'], c['predicted'])} | "
                     f"{_ratio(c['right'], c['gold'])} | {c['years_right']}/{c['gold_years']} | "
                     f"{c['years_wrong']} | {c['foreign_flagged']}/{c['foreign']} |")
    return "\n".join(lines)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else f"– ({part}/{whole})"


def date_accuracy(path: Path, finder) -> tuple[int, int, list[tuple[str, str, str]]]:
    """Exact matches (ISO interval and precision) of ``finder(text)`` on the phrase file."""
    right, misses = 0, []
    rows = read_rows(path)
    for row in rows:
        try:
            found = finder(row["text"])
        except DateError:
            found = None
        got = ("", "") if found is None else (found.interval, found.precision)
        if got == (row["iso"], row["precision"]):
            right += 1
        else:
            misses.append((row["text"], f"{row['iso']} {row['precision']}".strip(), " ".join(got).strip()))
    return right, len(rows), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout")
    parser.add_argument("--dates", action="store_true", help="score find_date on the date phrases")
    parser.add_argument("--baseline-dates", action="store_true",
                        help="score parse_date on the whole sentence (the approach before find_date)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the rows per passage")
    args = parser.parse_args(argv)
    directory = SETS[args.set]
    if args.dates or args.baseline_dates:
        if args.baseline_dates:
            finder = parse_date
        else:
            from twinning_analysis.dates import find_date as finder
        right, total, misses = date_accuracy(directory / "date_phrases.csv", finder)
        print(f"{'parse_date' if args.baseline_dates else 'find_date'}: {right}/{total} exact "
              f"({right / total:.1%})")
        for text, want, got in misses if args.verbose else []:
            print(f"  {text!r}: want {want or 'None'}, got {got or 'None'}")
        return 0
    results, groups = evaluate(directory)
    if args.verbose:
        for passage, counts, predicted in results:
            print(f"{passage['file']}: right {counts['right']}/{counts['gold']}, predicted {counts['predicted']}")
            for row in predicted:
                print(f"    {row['de_name']} | {row['ru_name']} | {row['relation']} | {row['founded_text']}"
                      f" | {row['note']}")
    print(table(groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
