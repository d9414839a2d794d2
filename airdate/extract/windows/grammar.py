"""Release-window grammar, recognition: the time expressions in a sentence, not yet resolved.

The rows of the window table in spec/extraction.md are implemented here and nowhere
else. No date library is used: on spec/windows-cases.json the general-purpose parsers
(HeidelTime, Recognizers-Text, dateparser, ctparse) reached 34–67 % exact intervals,
because they resolve "late 2026" or "early December" to a single day or not at all.

`find_expressions` finds the time expressions; `resolve` turns one into a day range
given the article's date (DCT). Whether an expression is a *release* window is decided
by the caller (see `airdate.extract.context`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

# Month names are matched case-sensitively: lower-case "may" is a verb, "march" a walk.
MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|Apr(?:il|\.)?|May|June?\.?|July?\.?|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])"
)
MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
WD = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
YEAR = r"(?:19|20)\d{2}(?![\d,.]\d|s\b|['’]s\b)"
# A day number, not a piece of a larger number: "6,107.31 August" is no 31 August, "August 6,107" no August 6.
DAY = r"(?<!\d[.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:|\.\d|,\d{3}(?!\d)|%)"
# A day spelled out: "twenty-second", "the first".
_UNIT_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEEN_ORDINALS = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
)
DAY_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNIT_ORDINALS)}
DAY_WORDS.update({w: i + 10 for i, w in enumerate(_TEEN_ORDINALS)})
DAY_WORDS.update({"twentieth": 20, "thirtieth": 30, "thirty-first": 31})
DAY_WORDS.update({f"twenty-{w}": 21 + i for i, w in enumerate(_UNIT_ORDINALS)})
DAY_WORD = (
    r"(?i:twenty[-\s]?(?:" + "|".join(_UNIT_ORDINALS) + r")|thirty[-\s]?first|twentieth|thirtieth|"
    + "|".join(_TEEN_ORDINALS + _UNIT_ORDINALS) + r")(?![\w-])"
)
MOD = r"(?i:early|mid|late)"
POS = r"(?i:the\s+)?(?i:beginning|start|middle|end)\s+of"
I = "(?i:"  # noqa: E741 - a short prefix for case-insensitive groups

# After a month or season without a year: "next year" / "of this year" fixes it.
YEAR_TAIL = r"(?:,?\s+(?P<y>" + YEAR + r")|\s+(?:of\s+)?(?P<rel>(?i:this|next|last))\s+(?i:year))?"

# What may follow a date that has no number after it ("premieres March", "April first"): the end of
# the clause, a year, or a word that cannot continue a noun phrase ("March second season" is no day).
END_OK = (
    r"(?=\s*(?:[.,;:!?)\]|—–]|$)|,?\s+(?:19|20)\d{2}\b|\s+(?:of\s+)?(?i:this|next|last)\s+(?i:year)\b"
    r"|\s*(?:[-/]|\s(?i:to|through|thru|until|till|and|or)\s)\s*(?:(?i:early|mid|late)[-\s]+)?(?:" + MON
    + r"|Q[1-4]\b|(?:19|20)\d{2}\b)|\s+(?i:on|in|at|with|via|for|from|exclusively|only|worldwide|globally|when|as|"
    r"after|before|while|but|across|alongside|if|per|according)\b)"
)
# Words after which a bare number or month is a date: prepositions of time and release verbs.
DATE_PREP = r"on|from|until|till|by|before|after|since|starting|beginning|through|for"
RELEASE_VERB = (
    r"premieres?|premiered|premiering|airs?|aired|airing|arrives?|arrived|arriving|returns?|returned|returning|"
    r"debuts?|debuted|debuting|drops?|dropped|dropping|launch(?:es|ed)?|launching|lands?|landed|landing|opens?|"
    r"opened|opening|streams?|streamed|streaming|releases?|released|releasing|bows?|bowed|hits|out|due|slated|"
    r"scheduled|dated|expected|coming|back"
)


@dataclass(frozen=True)
class Expr:
    """One time expression found in a sentence, not yet resolved to days.

    `unit` says what it names; `year` is explicit or None (then chosen from the DCT);
    `rel_year` is an offset from the DCT year ("next year" = 1).
    """

    unit: str  # day, month, season, quarter, half, year, holiday, relative, weekday, span
    begin: int
    end: int
    text: str
    year: int | None = None
    rel_year: int | None = None
    month: int | None = None
    day: int | None = None
    mod: str | None = None  # early / mid / late
    season: str | None = None
    number: int | None = None  # quarter / half / weekday / offset
    name: str | None = None  # holiday or relative phrase
    year2: int | None = None  # winter 2026/27
    low: date | None = None  # unit == "span": an already resolved range
    high: date | None = None


@dataclass(frozen=True)
class Found:
    """A resolved expression: its text, its span in the sentence and its day range."""

    text: str
    begin: int
    end: int
    start: date | None
    stop: date | None
    unit: str


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def _mod_from_pos(pos: str | None) -> str | None:
    if not pos:
        return None
    p = pos.lower()
    if "beginning" in p or "start" in p:
        return "early"
    if "middle" in p:
        return "mid"
    return "late"


# ---------------------------------------------------------------- recognizers
# Each pattern has a builder turning its match into an Expr. Every quantifier is
# bounded or separated by literal words, so no pattern can backtrack badly.

_PATTERNS: list[tuple[re.Pattern[str], str]] = []


def _pat(regex: str, kind: str) -> None:
    _PATTERNS.append((re.compile(regex), kind))


_pat(r"\b(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "iso")
_pat(r"\b(?P<y>20\d{2})/(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])(?![\d/])", "iso")
_pat(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>20\d{2})\b", "numeric")
# "4/22", "04/22/27", "2016/11" are dates only after a date word ("premieres 4/22", "on 4/22"); elsewhere
# they are scores, fractions, ratings. Nor is a number that goes on ("24/7", "3/4 of", "9/10 stars"):
# "on 1/6 Trump call": a date used as a name ends where a noun follows.
NUM_END = r"(?![\w/-]|[.,]\d|\s*%)" + END_OK
_pat(
    r"\b" + I + DATE_PREP + "|" + RELEASE_VERB + r")\s+(?P<x>(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])"
    r"(?:/(?P<yy>\d{2}))?)" + NUM_END,
    "numeric",
)
_pat(
    r"\b" + I + DATE_PREP + "|" + RELEASE_VERB + r")\s+(?P<x>(?P<y>20\d{2})[/-](?P<m>1[0-2]|0?[1-9]))" + NUM_END,
    "yearmonth",
)
_pat(
    I + r"the\s+)?(?i:week\s+of)\s+(?P<mon>" + MON + r")\s+(?P<d>" + DAY + r")(?:,?\s+(?P<y>" + YEAR + r"))?",
    "weekof",
)
_pat(
    r"\b(?P<mon>" + MON + r")\s+(?P<d1>" + DAY + r")\s*(?:-|–|—|" + I + r"to|through|and))\s*(?P<d2>" + DAY
    + r")(?:,?\s+(?P<y>" + YEAR + r"))?",
    "dayrange",
)
_pat(
    r"\b(?:(?P<wd>" + WD + r"),?\s+)?(?P<mon>" + MON + r")\s+(?P<d>" + DAY + r")\b" + YEAR_TAIL,
    "mdy",
)
_pat(  # year first: "2027 April 22", "2027, April 22" (but "in 2025, April 22 brings …" is two phrases)
    r"(?<![\w$#.,/-])(?P<y>" + YEAR + r")(?:,(?<!\b[Ii]n \d{4},))?\s+(?:(?P<wd>" + WD + r"),?\s+)?(?P<mon>" + MON
    + r")\s+(?P<d>" + DAY + r")\b",
    "mdy",
)
_pat(  # "April twenty-second"; "in April first" is a month and an adverb
    r"\b(?:(?P<wd>" + WD + r"),?\s+)?(?<!\b[Ii]n )(?P<mon>" + MON + r")\s+(?i:the\s+)?(?P<dw>" + DAY_WORD + r")"
    + END_OK + YEAR_TAIL,
    "mdy",
)
_pat(
    r"\b(?:(?P<wd>" + WD + r"),?\s+)?(?i:the\s+)?(?P<d>" + DAY + r")\s+(?i:of\s+)?(?P<mon>" + MON + r")" + YEAR_TAIL,
    "dmy",
)
_pat(  # "the twenty-second of April"
    r"\b(?:(?P<wd>" + WD + r"),?\s+)?(?i:the)\s+(?P<dw>" + DAY_WORD + r")\s+(?i:of)\s+(?P<mon>" + MON + r")"
    + YEAR_TAIL,
    "dmy",
)
_pat(r"\b(?P<mod>" + MOD + r")[-\s]+(?P<mon>" + MON + r")" + YEAR_TAIL, "modmonth")
_pat(
    r"\b(?i:on\s+)?(?i:the)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?![\w-])"  # "the 12th-biggest" is a rank
    r"(?!\s+(?i:anniversary|century|birthday|episode|season|annual|edition|time|place|consecutive|straight|of|"
    r"film|movie|installment|entry|chapter|series|day|week|year|most|highest|best|largest|biggest))",
    "dom",
)
_pat(r"\b(?P<pos>" + POS + r")\s+(?P<mon>" + MON_FULL + r")" + YEAR_TAIL, "modmonth")
_pat(r"\b(?P<mon>" + MON + r"),?\s+(?P<y>" + YEAR + r")", "month")
_pat(
    r"\b(?P<pre>" + I + r"in|by|for|until|till|before|after|from|this|next|an|a|since|through|between|"
    r"of|around|to|or|and|sometime\s+in|during))\s+(?P<mon>" + MON_FULL + r")"
    r"(?:\s+(?:of\s+)?(?P<rel>(?i:this|next|last))\s+(?i:year))?",
    "month",
)
_pat(r"\b(?P<mon>" + MON_FULL + r")(?=\s+" + I + r"release|premiere|debut|launch|return|bow|date|drop))", "month")
_pat(  # a bare month after a release verb: "premieres March", "arrives March next year"
    r"\b(?P<pre>" + I + RELEASE_VERB + r"))\s+(?P<mon>" + MON_FULL + r")(?!['’])" + END_OK
    + r"(?:\s+(?:of\s+)?(?P<rel>(?i:this|next|last))\s+(?i:year))?",
    "month",
)
_pat(
    r"\b(?P<mod>" + MOD + r")[-\s]+(?P<s>" + I + r"spring|summer|fall|autumn|winter))\b(?:\s+(?P<y>" + YEAR + r"))?",
    "season",
)
_pat(
    r"\b(?P<s>" + I + r"spring|summer|fall|autumn|winter))\s+(?P<y>" + YEAR + r")(?:\s*[/-]\s*(?P<y2>\d{2}(?:\d{2})?)\b)?",
    "season",
)
_pat(
    r"\b(?P<pre>" + I + r"this|next|last|the|in|by|for|until|during|over|before|after))\s+"
    r"(?P<s>" + I + r"spring|summer|fall|autumn|winter))\b(?!\s+(?:of\s+)?(?:19|20)\d)",
    "season",
)
_pat(r"\b(?P<mod>" + MOD + r")[-\s]+(?P<y>" + YEAR + r")", "modyear")
_pat(r"\b(?P<mod>" + I + r"early|late))\s+(?i:in\s+)(?P<y>" + YEAR + r")", "modyear")
_pat(r"\b(?P<mod>" + I + r"early|late|mid))[-\s]+(?P<rel>" + I + r"this|next|last))\s+(?i:year)\b", "modyear")
_pat(r"\b(?P<mod>" + I + r"early|late))\s+(?i:in\s+the\s+year)\b", "modyear")
_pat(
    r"\b(?P<pos>" + POS + r")\s+(?:(?P<y>" + YEAR + r")|(?P<rel>" + I + r"the|this|next|last))\s+(?i:year))",
    "modyear",
)
_pat(r"\bQ(?P<q>[1-4])(?:\s+(?P<y>" + YEAR + r")|\s+(?P<rel>" + I + r"this|next))\s+(?i:year))?\b", "quarter")
_pat(
    r"\b(?i:the\s+)?(?P<ord>" + I + r"first|second|third|fourth|1st|2nd|3rd|4th))\s+(?i:quarter)"
    r"(?:\s+(?i:of)\s+(?:(?P<y>" + YEAR + r")|(?P<rel>" + I + r"the|this|next))\s+(?i:year)))?",
    "quarter",
)
_pat(r"\bH(?P<h>[12])(?:\s+(?P<y>" + YEAR + r"))?\b", "half")
_pat(
    r"\b(?i:the\s+)?(?P<ord>" + I + r"first|second))\s+(?i:half)\s+(?i:of)\s+(?:(?P<y>" + YEAR
    + r")|(?P<rel>" + I + r"the|this|next))\s+(?i:year))",
    "half",
)
_pat(
    r"\b(?P<h>" + I + r"(?:this\s+)?holiday\s+season|the\s+holidays|this\s+holiday))\b(?:\s+(?P<y>" + YEAR + r"))?",
    "holiday",
)
_pat(r"\b(?P<y>" + YEAR + r")\s+(?P<h>" + I + r"holiday\s+season|holidays))\b", "holiday")
_pat(
    r"\b(?P<h>Christmas(?:\s+Day|\s+Eve)?|Boxing\s+Day|New\s+Year['’]?s\s+(?:Eve|Day)|Valentine['’]?s\s+Day|"
    r"Halloween|Thanksgiving(?:\s+Day)?)(?:\s+(?P<y>" + YEAR + r"))?",
    "holiday",
)
_pat(
    r"\b(?P<r>" + I + r"(?-i:(?:[Tt]he\s+)?day\s+after\s+tomorrow)|"
    r"later\s+this\s+year|later\s+in\s+the\s+year|this\s+year|next\s+year|later\s+this\s+month|"
    r"this\s+month|next\s+month|today|tonight|tomorrow|this\s+weekend|next\s+weekend|this\s+week|next\s+week|"
    r"later\s+this\s+week|(?:in\s+)?the\s+(?:coming|next\s+few)\s+(?:weeks|months)))\b",
    "relative",
)
_pat(
    r"\b(?i:in)\s+(?P<n>\d{1,2}|" + I + r"a|one|two|three|four|five|six|seven|eight|nine|ten))\s+"
    r"(?P<u>" + I + r"days?|weeks?))\b",
    "offset",
)
_pat(
    r"(?<!every )(?<!each )(?<!Every )\b(?:(?P<rel>" + I + r"this|next|on|coming|this\s+coming))\s+)?(?P<wd>" + WD + r")(?![a-z])(?!s\b)"
    r"(?![-–/]" + WD + r")(?!\s+" + I + r"slot|nights?|evenings?|mornings?|lineup|schedule|block|edition|episodes?))",
    "weekday",
)
_pat(r"(?<![\w$#.,/-])(?P<y>" + YEAR + r")(?![\w-]|/\d)", "year")


def _year_of(m: re.Match[str]) -> tuple[int | None, int | None]:
    gd = m.groupdict()
    y = gd.get("y")
    if y and y.isdigit():
        return int(y), None
    rel = (gd.get("rel") or "").lower()
    if rel in ("this", "the"):
        return None, 0
    if rel == "next":
        return None, 1
    if rel == "last":
        return None, -1
    return None, None


def _day_word(word: str) -> int:
    return DAY_WORDS[re.sub(r"[-\s]+", "-", word.lower())]


def _build(m: re.Match[str], kind: str, text: str) -> Expr | None:
    """The Expr for a match in `m.string` (the sentence, months capitalised); `text` is the sentence."""
    g = m.groupdict()
    # A leading cue word ("in", "this") picks the reading but is not part of the span.
    if g.get("x"):  # a numeric date after its cue word
        begin = m.start("x")
    else:
        begin = m.start("mon" if g.get("mon") else "s") if g.get("pre") else m.start()
    span: dict[str, Any] = {"begin": begin, "end": m.end(), "text": text[begin : m.end()].strip()}
    year, rel = _year_of(m)
    if kind == "numeric" and not g.get("y"):
        yy = g.get("yy")
        if yy is None:
            return Expr("day", month=int(g["m"]), day=int(g["d"]), **span)
        year = int(yy) + (2000 if int(yy) < 70 else 1900)
        g = {**g, "y": str(year)}
    if kind in ("iso", "numeric"):
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return Expr("span", low=d, high=d, **span)
    if kind == "yearmonth":
        assert year is not None
        if int(g["m"]) == (year + 1) % 100:
            return None  # "2010/11" is a season of two years, not November 2010
        return Expr("month", year=year, month=int(g["m"]), **span)
    if kind == "weekof":
        return Expr("weekof", year=year, month=_month(g["mon"]), day=int(re.sub(r"\D", "", g["d"])), **span)
    if kind == "dayrange":
        d1, d2 = int(re.sub(r"\D", "", g["d1"])), int(re.sub(r"\D", "", g["d2"]))
        if d2 <= d1:
            return None
        return Expr("dayrange", year=year, month=_month(g["mon"]), day=d1, number=d2, **span)
    if kind in ("mdy", "dmy"):
        day = _day_word(g["dw"]) if g.get("dw") else int(re.sub(r"\D", "", g["d"]))
        return Expr("day", year=year, rel_year=rel, month=_month(g["mon"]), day=day, **span)
    if kind == "dom":
        return Expr("dom", day=int(g["d"]), **span)
    if kind == "modmonth":
        mod = g.get("mod") or _mod_from_pos(g.get("pos"))
        return Expr("month", year=year, rel_year=rel, month=_month(g["mon"]), mod=(mod or "").lower() or None, **span)
    if kind == "month":
        return Expr("month", year=year, rel_year=rel, month=_month(g["mon"]), **span)
    if kind == "season":
        s = g["s"].lower().replace("autumn", "fall")
        y2 = g.get("y2")
        year2 = None
        if y2 and year:
            year2 = int(y2) if len(y2) == 4 else (year // 100) * 100 + int(y2)
            if year2 != year + 1:
                year2 = None
        if g.get("pre") and g["pre"].lower() == "next":
            rel = 1
        mod = (g.get("mod") or "").lower() or None
        return Expr("season", year=year, rel_year=rel, season=s, mod=mod, year2=year2, **span)
    if kind == "modyear":
        mod = (g.get("mod") or _mod_from_pos(g.get("pos")) or "").lower()
        return Expr("year", year=year, rel_year=rel, mod=mod, **span)
    if kind == "quarter":
        q = int(g["q"]) if g.get("q") else ORDINALS[g["ord"].lower()]
        return Expr("quarter", year=year, rel_year=rel, number=q, **span)
    if kind == "half":
        h = int(g["h"]) if g.get("h") else ORDINALS[g["ord"].lower()]
        return Expr("half", year=year, rel_year=rel, number=h, **span)
    if kind == "holiday":
        name = re.sub(r"\s+", " ", g["h"].lower()).replace("’", "'").replace("years", "year's").replace("valentines", "valentine's")
        return Expr("holiday", year=year, name=name, **span)
    if kind == "relative":
        return Expr("relative", name=re.sub(r"^the |\s+", " ", g["r"].lower()).strip(), **span)
    if kind == "offset":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        days = count * (7 if g["u"].lower().startswith("week") else 1)
        return Expr("offset", number=days, **span)
    if kind == "weekday":
        return Expr("weekday", number=WEEKDAYS[g["wd"].lower()], name=(g.get("rel") or "").lower() or None, **span)
    if kind == "year":
        return Expr("year", year=year, **span)
    return None


# A month name in lower case ("premieres april 22", "in march 2027") is a month only where a date word
# stands before it and a date part or the end of the clause after it: "the march on Washington",
# "in august company", "fans who opt in may want" are not months.
_MONTH_NAMES = r"january|february|march|april|may|june|july|august|september|october|november|december"
_LOWER_MONTH = re.compile(r"\b(?:" + _MONTH_NAMES + r")\b")
_ANY_MONTH = r"(?i:" + _MONTH_NAMES + r")"
_RANGE_WORD = r"(?:[-–—/]|\s(?i:to|through|thru|until|till|and|or)\s)"
_LOWER_MONTH_BEFORE = re.compile(
    r"(?:\b" + I + DATE_PREP + "|" + RELEASE_VERB + r"|in|during|around|of|early|mid|late)[-\s]+"
    r"|\b" + _ANY_MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s*" + _RANGE_WORD + r"\s*(?:" + MOD + r"[-\s]+)?)$"
)
_LOWER_MONTH_AFTER = re.compile(
    r"\s+(?:\d{1,2}(?:st|nd|rd|th)?(?![\w:%]|[.,]\d)|(?i:the\s+)?" + DAY_WORD + r")"
    r"|,?\s+(?:19|20)\d{2}\b|\s+(?:of\s+)?(?i:this|next|last)\s+(?i:year)\b"
    r"|\s*" + _RANGE_WORD + r"\s*(?:" + MOD + r"[-\s]+)?" + _ANY_MONTH + r"\b"
    r"|\s*(?:[.!?;]|$)"
)
# "may" is also a verb: "those who opt in may, in time, ..." — no comma or colon after it, unless
# "early" / "mid" / "late" stands before it.
_LOWER_MONTH_PUNCT = re.compile(r"\s*[,:)]")
_MOD_BEFORE = re.compile(r"\b" + MOD + r"[-\s]+$")


def _uncapitalise(sentence: str) -> str:
    """A short line in capitals ("MONDAY, JAN. 8", "COMING IN JUNE") in title case (same length), so
    month and weekday names read as they do elsewhere; longer text in capitals is left alone."""
    if any(ch.islower() for ch in sentence):
        return sentence
    if len(sentence.split()) > 8:
        # A press release's line in capitals: its month names before a day ("MONDAY, SEPT. 19") still read.
        return _CAPS_MONTH_DAY.sub(lambda m: m.group(1).capitalize() + m.group(2), sentence)
    return re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), sentence)


_CAPS_MONTH_DAY = re.compile(
    r"\b(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)(\.?\s+\d)"
)


def _capitalise_months(sentence: str) -> str:
    """The sentence with each lower-case month name that is a date capitalised (same length)."""
    chars: list[str] | None = None
    for m in _LOWER_MONTH.finditer(sentence):
        b, e = m.span()
        if not _LOWER_MONTH_BEFORE.search(sentence[max(0, b - 40) : b]):
            continue
        after = sentence[e : e + 40]
        punct_ok = m.group() != "may" or _MOD_BEFORE.search(sentence[max(0, b - 8) : b])
        if _LOWER_MONTH_AFTER.match(after) or (punct_ok and _LOWER_MONTH_PUNCT.match(after)):
            chars = chars if chars is not None else list(sentence)
            chars[b] = chars[b].upper()
    return sentence if chars is None else "".join(chars)


# A time word inside a name is no date: "'The Tonight Show' host", "the Today show", "'Tomorrow Never Dies'",
# "He told This Week". A quoted title is a quoted run of capitalised words (minor words aside): a quoted
# sentence ("'Tonight's premiere,' she said") is speech and keeps its dates.
_QUOTED = re.compile(r"(?<![\w'’])(?:\"|“|‘|')(?=\S)([^\"“”‘’\n]{1,80}?)(?<=\S)(?:\"|”|’|')(?![\w'’])")
_MINOR = re.compile(
    r"^(?:a|an|the|and|or|of|in|on|at|to|for|with|from|by|as|vs\.?|v\.?|de|la|le|is|it|its|my|your|our|&|[-–—:,!?.]+)$"
)
_NAME_WORD = re.compile(r"[\w&'’.:!?,-]+|[–—]")
# "Tonight Show", "Today show", "Late Show": a time word naming a programme.
_SHOW_AFTER = re.compile(r"^\s+(?:[Ss]how|[Ss]hows)\b")
_CAP_WORD = re.compile(r"^[A-Z][\w'’-]*$")
# A capitalised word after the time word that does not continue a name: "arrives Tonight On HBO".
_LINK_WORD = re.compile(r"^(?:On|At|In|Only|Exclusively|And|Or|But|With|Via|From|For|To)$")


def _quoted_titles(sentence: str) -> list[tuple[int, int]]:
    """The spans of quoted titles in the sentence: every word capitalised but for minor words."""
    out: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(sentence):
        words = _NAME_WORD.findall(m.group(1))
        lead = words[0][:1] if words else ""
        if (lead.isupper() or lead.isdigit()) and len(words) <= 12 and all(
            w[:1].isupper() or w[:1].isdigit() or _MINOR.match(w.lower()) for w in words
        ):
            out.append(m.span(1))
    return out


def _titlecase(sentence: str) -> bool:
    """A headline written in Title Case: there capitals say nothing of names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _in_name(sentence: str, e: Expr, titles: list[tuple[int, int]], titlecase: bool) -> bool:
    """A capitalised relative time word that is part of a title or a programme's name."""
    if e.unit != "relative" or not e.text[:1].isupper():
        return False
    if any(b <= e.begin and e.end <= t for b, t in titles):
        return True  # "'The Tonight Show'", "'Tomorrow Never Dies'"
    if _SHOW_AFTER.match(sentence[e.end :]):
        return True  # "The Tonight Show Starring Jimmy Fallon", "the Today show"
    if titlecase:
        return False  # "Season 2 Arrives Tonight On HBO": every word is capitalised
    before = sentence[: e.begin]
    if not before.strip() or re.search(r"(?:[.!?:;(\[\n]|[-–—]|[\"“‘'])\s*$", before):
        return False  # at the start of a sentence or clause a capital is no sign of a name
    # Mid-sentence, a capitalised time word in a run of capitalised words is a name: "He told This Week",
    # "on The Tonight Show", "in Tomorrow Never Dies".
    words = e.text.split()
    if len(words) > 1 and all(_CAP_WORD.match(w) for w in words):
        return True
    prev = re.findall(r"[\w'’-]+", before[-30:])
    if prev and prev[-1] == "The":
        return True  # "on The Tonight Show"
    nxt = re.match(r"\s+([\w'’-]+)", sentence[e.end :])
    return bool(nxt and _CAP_WORD.match(nxt.group(1)) and not _LINK_WORD.match(nxt.group(1)))


def find_expressions(sentence: str) -> list[Expr]:
    """All time expressions in the sentence, longest first where they overlap."""
    cands: list[Expr] = []
    normal = _capitalise_months(_uncapitalise(sentence))
    titles = _quoted_titles(sentence)
    titlecase = _titlecase(sentence)
    for rx, kind in _PATTERNS:
        for m in rx.finditer(normal):
            e = _build(m, kind, sentence)
            if e is not None and not _in_name(sentence, e, titles, titlecase):
                cands.append(e)
    cands.sort(key=lambda e: (-(e.end - e.begin), e.begin))
    taken: list[Expr] = []
    used = bytearray(len(sentence) + 1)  # characters already claimed by a longer expression
    for e in cands:
        if not any(used[e.begin : e.end]):
            taken.append(e)
            used[e.begin : e.end] = b"\x01" * (e.end - e.begin)
    taken.sort(key=lambda e: e.begin)
    return taken
