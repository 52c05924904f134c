"""The words of the trade in German, English and Russian: what a text says about a pair.

Place names are not listed here (the gazetteer knows them); these are the words *around* them:
relation words ("Partnerschaft", "twinned", "побратим"), status words ("ruht", "suspended",
"приостановлено"), words that mark a date as the founding ("unterzeichnet", "signed",
"подписан") or as something else ("Jubiläum", "anniversary", "юбилей"), and the capitalised
words that never start or end a place name ("Oberbürgermeister", "Mayor", "Глава").
All patterns work on lower-case text.

>>> relation_words("Die Städtepartnerschaft mit Twer"), relation_words("twinned with Perm")
({'partnership'}, {'partnership'})
>>> is_stop("Oberbürgermeister"), is_stop("Ebenfalls"), is_stop("Kassel")
(True, True, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from twinning_analysis.names import fold

INTENT_RE = re.compile(
    r"absichtserkl[äa]rung|letter of intent|interesse an einer (?:st[äa]dte)?partnerschaft"
    r"|partnerschaft (?:wird |werde )?angestrebt|(?:eine )?partnerschaft an(?:zu)?streb"
    r"|k[üu]nftige[n]? (?:st[äa]dte)?partnerschaft|geplante[n]? (?:st[äa]dte)?partnerschaft"
    r"|gespr[äa]che? [üu]ber eine (?:st[äa]dte)?partnerschaft|partnerschaft (?:ist )?(?:geplant|in vorbereitung)"
    r"|partnerschaftsanbahnung|voted to start|intend\w* to (?:twin|become)|станут побратимами"
    r"|намерени\w* (?:о|об) (?:побратим|партн)|договорились, что города")
RELATION_RES = (
    ("regional", re.compile(r"regionalpartnerschaft|regionale[n]? partnerschaft|regional partnership")),
    ("cooperation", re.compile(r"kooperation|zusammenarbeitsvereinbarung|vereinbarung [üu]ber (?:die )?zusammenarbeit"
                               r"|rahmenvereinbarung|co-?operation agreement|соглашени\w* (?:о|об) сотрудничеств")),
    ("friendship", re.compile(r"freundschaft(?!lich)|friendship|дружб")),
    ("partnership", re.compile(r"partnerschaft|partnerst[äa]dt|partnerkreis|partnergemeinde|partnerregion"
                               r"|partnerschaftlich|twin|sister cit|partnership|partner (?:city|town)"
                               r"|побратим|породн|партн[её]р")),
)
RELATION_RANK = {"partnership": 0, "regional": 1, "friendship": 2, "cooperation": 3, "intent": 4}
NEGATED_RE = re.compile(r"(?:besteh\w*|gibt es|existier\w*)\s+(?:\w+\s+){0,2}(?:nicht|keine?)\b(?!\s+nur)"
                        r"|\bkeine\s+(?:\w+\s+)?(?:st[äa]dte)?partnerschaft|\b(?:are|is) not twinned")
NEGATION_RE = re.compile(r"\b(?:kein|keine|keinen|nicht|not|no|не)\b[^,.;]{0,25}$")
STATUS_RES = (
    ("kept", re.compile(r"fortgef[üu]hrt|fortgesetzt|fortzusetzen|aufrecht ?erhalten|h[äa]lt[^.;]{0,40}\bfest"
                        r"|halten[^.;]{0,40}\bfest|festhalten|bleibt bestehen|nicht ausgesetzt|nicht beendet"
                        r"|weiter(?:hin)? gepflegt|keep(?:s|ing)? the partnership|decided to keep"
                        r"|adheres? to the twinning|не намерен расторгать")),
    ("ended", re.compile(r"beendet|aufgek[üu]ndigt|gek[üu]ndigt|aufgel[öo]st|ended|terminated|severed"
                         r"|разорва|расторг(?!ать)")),
    ("suspended", re.compile(r"ausgesetzt|auszusetzen|aussetzen|suspendiert|suspended|suspend\b"
                             r"|приостанов")),
    ("paused", re.compile(r"\bruh(?:t|en|end|te)\b|ruhen zu lassen|eingefroren|einzufrieren|auf eis"
                          r"|pausiert|unterbrochen|let it rest|on hold|paused|frozen|заморож")),
)
FOUNDING_CUE_RE = re.compile(
    r"gegr[üu]ndet|gr[üu]ndung|begr[üu]ndet|unterzeichn|unterschrieb|unterschrift|besiegelt"
    r"|geschlossen|schlossen|vereinbart|vertrag|vereinbarung|abkommen|erkl[äa]rung|beschlo"
    r"|beschluss|in kraft|ins leben|aufgenommen|eingegangen|entstand|besteh|begann|ratifiziert"
    r"|offiziell|beurkundet|signed|established|concluded|formed|founded|twinned|since|became|partners"
    r"|подписа|заключ|установлен|стали|являются|побратим|связывает|вступил")
NEGATIVE_CUE_RE = re.compile(
    r"feier|jubil[äa]um|j[äa]hrig|besuch|reiste|delegation|\bstand\b|festakt|jahrestag|zuletzt"
    r"|konferenz|treffen|tagung|geboren|gestorben|einwohner|anniversary|celebrat|visit|юбиле|визит"
    r"|делегац|исполняется|отметил|конференц")
BASIS_RES = (
    ("signed", re.compile(r"unterzeichn|unterschrieb|unterschrift|besiegelt|signiert|beurkundet|signed|подписа")),
    ("decision", re.compile(r"beschlo|beschluss|beschlie|decided|voted|решени")),
    ("in_force", re.compile(r"in kraft|in force|вступил в силу")),
    ("reaffirmed", re.compile(r"bekr[äa]ftigt|erneuert|renewed|reaffirmed")),
)

def _key(word: str) -> str:
    """Lower case; umlauts spelt out for Latin words, Cyrillic kept."""
    return word.lower() if re.search("[\u0400-\u04ff]", word) else fold(word)


# Capitalised words that are never part of a place name (folded): function words, adverbs that
# open sentences, nouns of the trade, in German, English and Russian.
_STOP = frozenset(_key(w) for w in """
    seit die der das den dem des ein eine einen einem einer auch am im in mit nach vor von zwischen
    bereits schon heute damals seitdem dabei zudem ausserdem ferner weitere weiterhin ebenfalls unsere
    unser unserer ihre ihr seine sein es sie er wir diese dieser dieses jedoch doch aber und oder als
    wie so nun erst zuletzt später anschliessend zunächst gleichzeitig insgesamt hier dort daher
    deshalb somit trotz wegen während bis ab um für über unter bei aus zum zur beim vom laut gemeinsam
    offiziell neben alle beide beiden viele jahr jahre jahren jahres jahrestag partnerschaft
    partnerschaften städtepartnerschaft städtepartnerschaften partnerstadt partnerstädte partnerstädten
    partnergemeinde partnergemeinden partnerkreis partnerkreise partnerregion partnerregionen partner
    freundschaft freundschaften städtefreundschaft kooperation kooperationen vereinbarung
    absichtserklärung vertrag verträge beziehungen kontakte stadt städte städten gemeinden kreise
    regionen delegation vertreter rat stadtrat gemeinderat kreistag landtag rathaus jubiläum bestehen
    austausch besuch gäste bürger menschen schüler jugend kultur sport wirtschaft verein förderverein
    freundeskreis gesellschaft forum krieg angriffskrieg zeit interesse ende anfang mitte stand quelle
    liste übersicht bundesrepublik monat frühjahr frühling sommer herbst winter absicht grundlage
    abkommen protokoll memorandum letter intent feier festakt hilfe projekte projekt begegnungen
    kontakt tag woche montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz
    april mai juni juli august september oktober november dezember hauptstadt landeshauptstadt
    universitätsstadt kreisstadt großstadt metropole hansestadt stadtteil ort orte dorf gemeinsame
    neue alte erste ersten zweite russische ukrainische deutsche deutsch-russische
    universität hochschule schule schulen vereine vereinen kirche zentrum haus institut
    partnerschaftsverein überblick tabelle nr siedlung dorf kurort verbindung verbindungen ost west
    nord süd osten westen norden süden rückblick dagegen inzwischen unterdessen zugleich ebenso
    angefangen trotzdem sachstand beschluss top vorlage tagesordnung niederschrift sitzung betreff
    pressemitteilung chronik tipp ansprechpartner ansprechpartnerin büro international internationales
    the a an and of in on at to with since for from by its their this that these city cities town
    towns country twin sister mayor council state university school street district today now
    meanwhile also however then friendship partnership partners partner news weekend next stop
    и в с на по из к о об от до для при за города город городами побратимы побратимов
    администрация глава мэр совет дума справка университет сегодня также кроме среди
    """.split())
_NOUN_SUFFIXES = tuple(fold(s) for s in (
    "ung", "heit", "keit", "schaft", "schaften", "tion", "tionen", "ität", "ismus", "vertrag", "verträge",
    "abkommen", "erklärung", "beziehungen", "partner", "partnerin", "meister", "meisterin", "städte",
    "austausch", "verein", "vereins", "liste", "kreis-", "büro", "zentrum")) + ("ость", "ство", "ция")
#: Titles: a capitalised run after one of them is a person, not a place.
TITLES = frozenset(_key(w) for w in """
    oberbürgermeister oberbürgermeisterin bürgermeister bürgermeisterin landrat landrätin präsident
    präsidentin gouverneur gouverneurin herr frau dr prof ministerpräsident ministerpräsidentin
    botschafter botschafterin generalkonsul generalkonsulin stadtpräsident bürgermeisteramt
    stadtoberhaupt minister ministerin vorsitzende vorsitzender kreispräsident kreispräsidentin
    ratsherr ratsherren ratsfrau stadtrat stadträtin mayor lord governor president minister mr mrs ms
    councillor councilmember chairman professor мэр глава губернатор председатель господин г-н
    обербургомистр бургомистр член""".split())
#: Lower-case words inside a name ("Rostow am Don", "Mülheim an der Ruhr", "Rostov-on-Don").
CONNECTORS = (("an", "der"), ("ob", "der"), ("in", "der"), ("am",), ("im",), ("in",), ("bei",), ("an",),
              ("upon",), ("on",), ("na",))
#: Words allowed between a connective ("zwischen", "und", "with", "и") and the name that follows.
DESCRIPTORS = frozenset(fold(w) for w in """
    der die das dem den des ehemaligen heutigen damaligen sowjetischen unserer unseren unsere
    seiner seinen ihrer ihren auch the its their city town of""".split())
#: List separators ("A, B und C", "A, B and C", "A, B и C").
LIST_SEPARATOR = r"[,;]|\bund\b|\bsowie\b|\boder\b|\band\b|\bи\b"
#: Words before a name meaning "all of these" / "both" when they follow a list in brackets.
ALL_WORDS = frozenset({"alle", "all", "все"})
BOTH_WORDS = frozenset({"beide", "both", "оба", "обе"})


@lru_cache(maxsize=16384)
def is_stop(word: str) -> bool:
    """True for a capitalised word that is no part of a place name."""
    key = _key(word)
    return key in _STOP or key in TITLES or key.endswith(_NOUN_SUFFIXES) or len(key) < 2


def relation_words(text: str) -> set[str]:
    """The relations a text names (lower-cased inside)."""
    low = text.lower()
    found = {"intent"} if INTENT_RE.search(low) else set()
    return found | {relation for relation, pattern in RELATION_RES if pattern.search(low)}


def is_relation_text(text: str) -> bool:
    """True if the text names any relation ("Partnerschaft", "twinned", "побратим")."""
    return bool(relation_words(text))
