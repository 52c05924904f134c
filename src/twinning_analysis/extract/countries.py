"""Country words in German, English and Russian: "(Russland)", "Russia", "в Германии", "немецкий".

Country names come from the CLDR data that Babel ships (every territory in each language); the
few forms CLDR lacks (USA, UdSSR, England, Krim, ФРГ) and the adjectives ("russischen", "German",
"немецкие") are listed here. Codes are ISO 3166; ``"SU"`` is "somewhere in the Soviet Union" and
``"UA-43"`` Crimea.

>>> country_of("Russland"), country_of("Federal Republic of Germany"), country_of("Белоруссия")
('RU', 'DE', 'BY')
>>> adjective_country("немецким"), adjective_country("russischen"), adjective_country("Polish")
('DE', 'RU', 'PL')
"""
from __future__ import annotations

import re
from functools import lru_cache

from twinning_analysis.names import fold

#: Post-Soviet states other than Russia, with the name used in notes.
OTHER_SOVIET = {"BY": "Belarus", "UA": "Ukraine", "UA-43": "Ukraine (Crimea)", "GE": "Georgia",
                "AM": "Armenia", "AZ": "Azerbaijan", "MD": "Moldova", "KZ": "Kazakhstan",
                "UZ": "Uzbekistan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan",
                "EE": "Estonia", "LV": "Latvia", "LT": "Lithuania"}
SOVIET = "SU"
LANGUAGES = ("de", "en", "ru")

# Names CLDR does not give, by code.
_EXTRA_NAMES = {
    "US": "USA, U.S., US, США", "GB": "England, Schottland, Wales, Großbritannien, Scotland, Great Britain, "
    "Britain, UK, Англия, Шотландия, Уэльс", "SU": "Sowjetunion, UdSSR, Soviet Union, USSR, СССР, Советский Союз",
    "DE": "BRD, DDR, Bundesrepublik Deutschland, Federal Republic of Germany, ФРГ, ГДР, "
    "Федеративная Республика Германия", "RU": "Russische Föderation, Russian Federation, Российская Федерация",
    "UA-43": "Krim, Crimea, Крым", "BY": "Weißrussland, Belorussia, Belarussia, Белоруссия, Республика Беларусь",
    "MD": "Moldawien, Moldau", "KG": "Kirgistan", "CZ": "Tschechische Republik", "KR": "Korea, Корея",
    "NL": "Holland, Голландия",
}
# Adjective stems (folded) by code: "russisch" in "der russischen Stadt", "немецк" in "немецкий Зуль".
_ADJECTIVES = {
    "RU": "russisch russian российск русск", "DE": "deutsch german немецк германск",
    "SU": "sowjetisch soviet советск", "BY": "weissrussisch belarussisch belarusisch belarusian belarussian "
    "белорусск", "UA": "ukrainisch ukrainian украинск", "GE": "georgisch georgian грузинск",
    "AM": "armenisch armenian армянск", "AZ": "aserbaidschanisch azerbaijani азербайджанск",
    "MD": "moldauisch moldawisch moldovan молдавск", "KZ": "kasachisch kazakh казахск",
    "UZ": "usbekisch uzbek узбекск", "EE": "estnisch estonian эстонск", "LV": "lettisch latvian латвийск",
    "LT": "litauisch lithuanian литовск", "FR": "franzoesisch french французск", "PL": "polnisch polish польск",
    "IT": "italienisch italian итальянск", "GB": "englisch britisch british english английск британск",
    "US": "amerikanisch american американск", "ES": "spanisch spanish испанск", "NL": "niederlaendisch "
    "hollaendisch dutch нидерландск голландск", "AT": "oesterreichisch austrian австрийск",
    "CH": "schweizerisch schweizer swiss швейцарск", "CZ": "tschechisch czech чешск",
    "FI": "finnisch finnish финск", "SE": "schwedisch swedish шведск", "NO": "norwegisch norwegian норвежск",
    "DK": "daenisch danish датск", "GR": "griechisch greek греческ", "TR": "tuerkisch turkish турецк",
    "CN": "chinesisch chinese китайск", "JP": "japanisch japanese японск", "IL": "israelisch israeli израильск",
    "HU": "ungarisch hungarian венгерск", "BG": "bulgarisch bulgarian болгарск", "RS": "serbisch serbian сербск",
    "HR": "kroatisch croatian хорватск", "SK": "slowakisch slovak словацк", "BE": "belgisch belgian бельгийск",
}
_ADJECTIVE_RE = re.compile(
    r"^(" + "|".join(sorted((s for stems in _ADJECTIVES.values() for s in stems.split()), key=len, reverse=True))
    + r")(?:e|en|er|es|em|ий|ая|ое|ие|ого|ому|ым|им|ом|ой|ую|их|ими|ыми|ые|ых|ем|ей)?$")
_ADJECTIVE_CODE = {stem: code for code, stems in _ADJECTIVES.items() for stem in stems.split()}
# Russian country names in other cases ("в Германии", "из России") -> the nominative ending.
_RU_CASE_ENDINGS = (("ии", "ия"), ("ией", "ия"), ("ию", "ия"), ("ы", "а"), ("е", "а"), ("у", "а"), ("ой", "а"))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_key(name), code)
    for code, extra in _EXTRA_NAMES.items():
        for name in extra.split(","):
            names[_key(name)] = code
    return names


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


@lru_cache(maxsize=16384)
def country_of(text: str) -> str | None:
    """The country a word or phrase names ("Russland", "(Германия)", "в Германии"), else None."""
    key = _key(text)
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    if re.search("[\u0400-\u04ff]", text):
        words = text.split()
        last = words[-1].lower() if words else ""
        for ending, nominative in _RU_CASE_ENDINGS:
            if last.endswith(ending):
                code = names.get(_key(" ".join(words[:-1] + [last[:-len(ending)] + nominative])))
                if code:
                    return code
    return None


@lru_cache(maxsize=16384)
def adjective_country(word: str) -> str | None:
    """The country of an adjective such as "russischen", "German", "немецкие", else None."""
    folded = word.lower()
    match = _ADJECTIVE_RE.match(folded) or _ADJECTIVE_RE.match(fold(word))
    return _ADJECTIVE_CODE[match.group(1)] if match else None


def is_plural_adjective(word: str) -> bool:
    """True for plural adjectives that can cover several towns ("немецкие", "russischen Städte")."""
    return bool(re.search(r"(?:ие|ые)$", word.lower()))
