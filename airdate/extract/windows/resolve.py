"""Resolution: a found time expression and the article's date (DCT) → an inclusive day range.

Also combines adjacent expressions ("between X and Y", "X to Y") and resolves a whole sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from airdate.extract.windows.grammar import Expr, Found, I, find_expressions

# Combinators over adjacent expressions: "between X and Y", "X to Y", "X or Y", "X / Y".
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|/|" + I + r"to|through|thru|until|till|or|and))\s*$")
_RANGE_OPEN = re.compile(I + r"\b(?:between|from)\s+)$")
# "pushed from May 6 to October 2" is a move, not a range.
_MOVED_FROM = re.compile(I + r"\b(?:moved|pushed|shifted|bumped|delayed|postponed|changed|rescheduled|slid|slipped)\b)")
# Operators before an expression.
_OPEN_START = re.compile(
    I + r"\b(?:(?:not|n['’]t|unlikely)\s+(?:to\s+)?(?:be\s+)?(?:(?:arrive|arriving|return|returning|premiere|premiering|"
    r"debut|air|launch|come|coming|back|land|drop|out|released?|available|stream|streaming)\s+)?(?:before|until)|"
    r"no\s+earlier\s+than|after)\s+(?:the\s+)?)$"
)
_OPEN_END = re.compile(I + r"\b(?:by|before|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?)$")


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9}
_ANIME_MONTHS = {"winter": 1, "spring": 4, "summer": 7, "fall": 10}
_MOD_SLICE = {"early": 0, "mid": 1, "late": 2}


def _range_in_year(e: Expr, y: int, anime: bool) -> tuple[date, date] | None:
    """The range `e` names inside calendar year `y` (winter: the one ending in y)."""
    if e.unit in ("day", "weekof"):
        assert e.month and e.day
        try:
            d = date(y, e.month, e.day)
        except ValueError:
            return None
        return d, d + timedelta(days=6 if e.unit == "weekof" else 0)
    if e.unit == "dayrange":
        assert e.month and e.day and e.number
        try:
            return date(y, e.month, e.day), date(y, e.month, e.number)
        except ValueError:
            return None
    if e.unit == "month":
        assert e.month
        first, last = date(y, e.month, 1), _last_day(y, e.month)
        if e.mod == "early":
            return first, date(y, e.month, 10)
        if e.mod == "mid":
            return date(y, e.month, 11), date(y, e.month, 20)
        if e.mod == "late":
            return date(y, e.month, 21), last
        return first, last
    if e.unit == "season":
        assert e.season
        if anime:
            m0 = _ANIME_MONTHS[e.season]
            first, last = date(y, m0, 1), _last_day(y, m0 + 2)
        elif e.season == "winter":
            first, last = date(y - 1, 12, 1), _last_day(y, 2)
        else:
            m0 = _SEASON_MONTHS[e.season]
            first, last = date(y, m0, 1), _last_day(y, m0 + 2)
        if e.mod:
            k = _MOD_SLICE[e.mod]
            m = first.month + k if first.month + k <= 12 else first.month + k - 12
            yy = first.year + (1 if first.month + k > 12 else 0)
            return date(yy, m, 1), _last_day(yy, m)
        return first, last
    if e.unit == "quarter":
        assert e.number
        m0 = 3 * (e.number - 1) + 1
        return date(y, m0, 1), _last_day(y, m0 + 2)
    if e.unit == "half":
        return (date(y, 1, 1), date(y, 6, 30)) if e.number == 1 else (date(y, 7, 1), date(y, 12, 31))
    if e.unit == "year":
        if e.mod == "early":
            return date(y, 1, 1), date(y, 4, 30)
        if e.mod == "mid":
            return date(y, 5, 1), date(y, 8, 31)
        if e.mod == "late":
            return date(y, 9, 1), date(y, 12, 31)
        return date(y, 1, 1), date(y, 12, 31)
    if e.unit == "holiday":
        return _holiday(e.name or "", y)
    return None


def _holiday(name: str, y: int) -> tuple[date, date] | None:
    if "holiday" in name:
        return date(y, 11, 15), date(y, 12, 31)
    fixed = {
        "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25), "boxing day": (12, 26),
        "new year's eve": (12, 31), "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    }
    if name in fixed:
        d = date(y, *fixed[name])
        return d, d
    if name.startswith("thanksgiving"):  # fourth Thursday of November
        first = date(y, 11, 1)
        d = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return d, d
    return None


def _resolve_relative(e: Expr, dct: date) -> tuple[date, date] | None:
    n = e.name or ""
    if e.unit == "offset":
        d = dct + timedelta(days=e.number or 0)
        return d, d
    if e.unit == "dom":  # "on the 6th": the next such day of a month
        y, m = dct.year, dct.month
        for _ in range(3):
            if (e.day or 0) <= calendar.monthrange(y, m)[1] and date(y, m, e.day or 1) >= dct:
                d = date(y, m, e.day or 1)
                return d, d
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return None
    if e.unit == "weekday":
        ahead = (int(e.number or 0) - dct.weekday()) % 7 or 7
        d = dct + timedelta(days=ahead)
        return d, d
    if n in ("later this year", "later in the year"):
        return dct, date(dct.year, 12, 31)
    if n == "this year":
        return date(dct.year, 1, 1), date(dct.year, 12, 31)
    if n == "next year":
        return date(dct.year + 1, 1, 1), date(dct.year + 1, 12, 31)
    if n == "this month":
        return date(dct.year, dct.month, 1), _last_day(dct.year, dct.month)
    if n == "later this month":
        return dct, _last_day(dct.year, dct.month)
    if n == "next month":
        y, m = (dct.year + 1, 1) if dct.month == 12 else (dct.year, dct.month + 1)
        return date(y, m, 1), _last_day(y, m)
    if n in ("today", "tonight"):
        return dct, dct
    if n == "tomorrow":
        d = dct + timedelta(days=1)
        return d, d
    if n == "day after tomorrow":
        d = dct + timedelta(days=2)
        return d, d
    sunday = dct + timedelta(days=6 - dct.weekday())
    if n in ("this week", "later this week"):
        return dct, sunday
    if n == "next week":
        return sunday + timedelta(days=1), sunday + timedelta(days=7)
    if n == "this weekend":
        sat = sunday - timedelta(days=1)
        return max(dct, sat), sunday
    if n == "next weekend":
        return sunday + timedelta(days=6), sunday + timedelta(days=7)
    if n.endswith("weeks"):
        return dct, dct + timedelta(days=42)
    if n.endswith("months"):
        return dct, dct + timedelta(days=182)
    return None


_ABSOLUTE_UNITS = {"day", "weekof", "dayrange", "month", "season", "quarter", "half", "year", "holiday"}
_RANGE_UNITS = _ABSOLUTE_UNITS | {"span"}


def resolve(e: Expr, dct: date | None, *, anime: bool = False) -> tuple[date, date] | None:
    """The inclusive day range of `e`, or None when it cannot be resolved (no DCT, or off the calendar)."""
    try:
        return _resolve(e, dct, anime=anime)
    except (ValueError, OverflowError):  # "next year" from 9999-12-31
        return None


def _resolve(e: Expr, dct: date | None, *, anime: bool = False) -> tuple[date, date] | None:
    if e.unit == "span":
        assert e.low and e.high
        return e.low, e.high
    if e.unit not in _ABSOLUTE_UNITS:
        return _resolve_relative(e, dct) if dct else None
    if e.unit == "season" and e.year2:
        assert e.year
        return _range_in_year(replace(e, season="winter", year=e.year2), e.year2, False)
    if e.year is not None:
        return _range_in_year(e, e.year, anime)
    if dct is None:
        return None
    if e.rel_year is not None and (e.rel_year != 0 or e.unit == "year"):
        if e.unit == "season" and e.season == "winter" and not anime:
            this = _resolve(replace(e, rel_year=None), dct)
            return (_shift(this[0], e.rel_year), _shift(this[1], e.rel_year)) if this else None
        return _range_in_year(e, dct.year + e.rel_year, anime)
    # No year: the first such range that has not ended by the DCT. February 29 may be eight years away.
    for y in range(dct.year, dct.year + 9):
        r = _range_in_year(e, y, anime)
        if r and r[1] >= dct:
            return r
    return None


def _shift(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _combine(exprs: list[Expr], sentence: str) -> list[list[Expr]]:
    """Group expressions joined by range words into [X, Y] pairs; others stay single."""
    groups: list[list[Expr]] = []
    i = 0
    while i < len(exprs):
        e = exprs[i]
        if i + 1 < len(exprs):
            nxt = exprs[i + 1]
            link = sentence[e.end : nxt.begin]
            opened = _RANGE_OPEN.search(sentence[max(0, e.begin - 12) : e.begin])
            word = link.strip().lower()
            # "X to Y" needs no "from" between dates ("April to June 2027"); "Monday to Friday" is a schedule.
            bare_to = word == "to" and e.unit in _RANGE_UNITS and nxt.unit in _RANGE_UNITS
            moved = (opened or bare_to) and _MOVED_FROM.search(sentence[max(0, e.begin - 50) : e.begin])
            if (
                not moved
                and _RANGE_LINK.match(link)
                and (word not in ("and", "to") or opened or bare_to)
                and _compatible(e, nxt)
            ):
                groups.append([e, nxt])
                i += 2
                continue
        groups.append([e])
        i += 1
    return groups


def _compatible(a: Expr, b: Expr) -> bool:
    """Only like with like forms a range ("March to May", not "2026 or Friday")."""
    rel = {"relative", "offset", "weekday"}
    return (a.unit in rel) == (b.unit in rel)


def _resolve_group(
    first: Expr, last: Expr, dct: date | None, anime: bool
) -> tuple[tuple[date, date] | None, tuple[date, date] | None]:
    """The ranges of a single expression or of the two ends of "X to Y"; a year on one end fixes the other."""
    if last is first:
        r = resolve(first, dct, anime=anime)
        return r, r
    if first.year is None and first.rel_year is None and last.year is not None:
        # "from December to March 2027": the December before that March
        r1, r2 = resolve(replace(first, year=last.year), dct, anime=anime), resolve(last, dct, anime=anime)
        if r1 and r2 and r1[0] > r2[1] and first.unit in _ABSOLUTE_UNITS:
            r1 = resolve(replace(first, year=last.year - 1), dct, anime=anime)
        return r1, r2
    r1 = resolve(first, dct, anime=anime)
    dated = first.year is not None or first.unit == "span"
    if r1 and dated and last.year is None and last.rel_year is None and last.unit in _ABSOLUTE_UNITS:
        return r1, resolve(last, r1[0], anime=anime)  # "December 2026 to March": the first March after it
    return r1, resolve(last, dct, anime=anime)


# A line that is only a month or a season ("March", "Spring", "Late summer 2027"): a roundup item's date line.
_BARE = re.compile(
    r"\s*(?:(?i:early|mid|late)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|(?i:spring|summer|fall|autumn|winter))(?:\s+(?:19|20)\d\d)?\s*"
)


def resolve_all(sentence: str, dct: date | None, *, anime: bool = False) -> list[Found]:
    """Every time expression in the sentence with its day range (None ends if unresolved)."""
    if _BARE.fullmatch(sentence):
        return [replace(f, begin=f.begin - 3, end=f.end - 3) for f in resolve_all("in " + sentence, dct, anime=anime)
                if f.begin >= 3]
    out: list[Found] = []
    for group in _combine(find_expressions(sentence), sentence):
        first, last = group[0], group[-1]
        r1, r2 = _resolve_group(first, last, dct, anime)
        if r1 is None and r2 is None and (dct is not None or first.year is not None):
            continue  # not a real day ("February 30"), not an unresolved relative phrase
        begin, end = first.begin, last.end
        before = sentence[max(0, begin - 40) : begin]
        if len(group) == 2:
            m = _RANGE_OPEN.search(before)
            if m:
                begin -= len(m.group(0))
        start, stop = (r1[0] if r1 else None), (r2[1] if r2 else None)
        if r1 and r2 and stop is not None and start is not None and stop < start:
            start, stop = None, None  # "December to March" without years: leave unresolved
        m_open = _OPEN_START.search(before)
        m_end = _OPEN_END.search(before)
        if m_open and len(group) == 1:
            op = m_open.group(0).lower()
            if op.startswith("after") and stop is not None:
                start = stop + timedelta(days=1) if stop < date.max else None
            stop = None
            begin -= len(m_open.group(0))
        elif m_end and len(group) == 1:
            start = dct
            begin -= len(m_end.group(0))
        unit = first.unit if len(group) == 1 else "range"
        out.append(Found(sentence[begin:end].strip(), begin, end, start, stop, unit))
    return out
