"""Candidate ``partnerships.csv`` rows from published listings in German, English and Russian.

Partnership offices, newspapers, portals and Russian city administrations state pairs in a few
recurring shapes: bullet lists ("Aachen - Kostroma: Partnerschaft seit 26. September 2001"), a
city's partner towns with countries and years ("Unsere Partnerstädte: Tours (Frankreich, 1962),
Jaroslawl (Russland, 1988)", "Volgograd | Russia | 1988", "Эссен (Германия) — с 1991 года"),
sentences ("Seit 1988 bestehen partnerschaftliche Beziehungen zwischen X und Y", "X is twinned
with Y since 2007", "Калуга и немецкий Зуль стали побратимами в 1969 году"), tables and portal
entries of "Key: value" lines. :func:`extract_text` reads them into rows with the raw table's
columns and lists the lines it could not read.

>>> result = extract_text("- Aachen - Kostroma: Partnerschaft seit 26. September 2001", "src")
>>> [(r["de_name"], r["ru_name"], r["relation"], r["founded_text"]) for r in result.rows]
[('Aachen', 'Kostroma', 'partnership', 'seit 26. September 2001')]

The parts, one job each:

* :mod:`.units`: sentences, list items, headings, table rows, portal records, with their lines;
* :mod:`.places`: the one door to the gazetteer (every country), regions and sourced overrides;
  :mod:`.countries`: country names (CLDR via Babel) and adjectives in the three languages;
* :mod:`.mentions`: which capitalised words are places, and what the text says of their country;
* :mod:`.pairing`: which places the text pairs, in the scope of one unit or a list's home town;
* :mod:`.rows`: the rows of each pair, with date, relation, basis, status and notes;
* :mod:`.words`: the words of the trade (relations, status, founding cues) in three languages.

Rules it keeps:

* A place is a name the gazetteer, a type word ("Landkreis", "Rayon", "Oblast") or a sourced
  override (``data/raw/places.csv``) knows; a name the text gives a country ("X (Russland)") is
  kept with the note "not in the gazetteer". Everything else stays text.
* A date belongs to the pair of its own sentence or list item; a year from the neighbour is never
  borrowed. In a sentence a date must be marked as a founding date ("seit", a bracket after the
  name, or a word like "unterzeichnet", "signed", "подписан" in its clause); a year next to
  "feierten", "anniversary", "юбилей" is not one, and with a status word a year from 2022 on is
  the status date. ``founded_text`` is the phrase as written ("seit"/"since"/"с" kept).
* Relations, status and basis come from words of the same unit (see :mod:`.words`).
* Which side is German: country markers in brackets or prose ("(beide Russland)", "немецкие Киль,
  Бремерхафен и Цайц", "in Russland (2009)"), which cover every town of their list; the home town
  of a heading, ``de_city`` or ``ru_city``; the gazetteer. Partners elsewhere in the former USSR
  are kept and flagged ("partner outside Russia: Belarus"); pairs with a partner elsewhere are
  skipped and listed; a side whose country is not known is flagged "country not known".
  Historic names (Leningrad, Kalinin) stay, with today's name in the note.
* Names are written as the text has them, Russian ones in the nominative ("Ярославля" → "Ярославль").
"""
from twinning_analysis.extract.countries import OTHER_SOVIET
from twinning_analysis.extract.mentions import Mention, Side, classify, find_mentions
from twinning_analysis.extract.places import Place, lookup_place, place_index
from twinning_analysis.extract.rows import COLUMNS, Extraction, Problem, date_mentions, extract_text
from twinning_analysis.extract.units import Unit, split_units

__all__ = ["COLUMNS", "OTHER_SOVIET", "Extraction", "Mention", "Place", "Problem", "Side", "Unit", "classify",
           "date_mentions", "extract_text", "find_mentions", "lookup_place", "place_index", "split_units"]
