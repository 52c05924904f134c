"""Benchmark: ``twinning extract`` on a 1 MB listing, side by side with a naive reader.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_extract.py [--megabytes 1]``. The text is
the test fixtures and development passages (German, English, Russian) repeated to the size asked,
each copy with its lines in another order, so that headings, lists and sentences mix. It prints:

* the reader (:func:`twinning_analysis.extract.extract_text`): time, rows, lines reported as not read;
* the naive reader: every capitalised word of every line looked up in the world gazetteer (the
  obvious way to "recognise places with the gazetteer"), with no units, no cache and no pairing;
* the gazetteer's load time, counted apart (it is loaded once per process).

Target (issue 13): a 1 MB text in seconds, every line not read reported.
"""
from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from twinning_analysis.extract import extract_text, place_index

LISTINGS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "listings"


def corpus(megabytes: float, seed: int = 13) -> str:
    """Fixture and development passages, repeated and shuffled by block to ``megabytes`` of UTF-8."""
    blocks = []
    for path in sorted(LISTINGS.glob("*.txt")) + sorted((LISTINGS / "dev").glob("*.txt")):
        blocks += [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    rng = random.Random(seed)
    out, size = [], 0
    while size < megabytes * 1_000_000:
        block = rng.choice(blocks)
        out.append(block)
        size += len(block.encode("utf-8")) + 2
    return "\n\n".join(out)


def naive(text: str) -> int:
    """Look every capitalised word of every line up in the gazetteer; count the words found."""
    gazetteer = place_index().gazetteer
    found = 0
    for line in text.splitlines():
        for word in re.findall(r"\b[^\W\d_][^\W\d_-]+", line):
            if word[0].isupper() and gazetteer.candidates(word):
                found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    start = time.perf_counter()
    place_index()
    load = time.perf_counter() - start
    text = corpus(args.megabytes)
    lines = text.count("\n") + 1
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB, {lines:,} lines; gazetteer load {load:.2f} s")
    start = time.perf_counter()
    result = extract_text(text, "bench")
    reader = time.perf_counter() - start
    print(f"extract_text: {reader:.2f} s ({lines / reader:,.0f} lines/s), {len(result.rows):,} rows, "
          f"{len(result.problems):,} lines reported as not read, {len(result.skipped):,} pairs skipped")
    start = time.perf_counter()
    words = naive(text)
    plain = time.perf_counter() - start
    print(f"naive gazetteer lookup of every capitalised word: {plain:.2f} s, {words:,} words matched "
          f"(no pairs, no dates, nothing reported)")


if __name__ == "__main__":
    main()
