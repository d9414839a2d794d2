"""Countdowns: days from a given day to a release window, in words that fit its precision.

"in 3 days" for a confirmed day, "tomorrow", "today"; "in 8–17 days (early December,
reported)" for a window; "within 4 days (…)" once the window has begun; "in 40+ days
(…)" for an open end; "passed" once it has ended; "TBA" without a window.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Countdown:
    today: date
    days_to_start: int | None
    days_to_end: int | None
    text: str
    short: str = ""  # the text without its "(window, certainty)" label: "in 8–17 days"


def countdown(start: date | None, end: date | None, certainty: str | None, today: date) -> Countdown:
    """Days from `today` to a window's first and last day, with wording that fits its precision."""
    if start is None and end is None:
        return Countdown(today, None, None, "TBA", "TBA")
    to_start = (start - today).days if start else None
    to_end = (end - today).days if end else None
    label = f"{describe_window(start, end, today)}, {certainty}"
    labelled = True
    if start is not None and start == end:
        assert to_start is not None
        labelled = certainty != "confirmed"
        if to_start < 0:
            short, labelled = "passed", False
        elif to_start == 0:
            short, labelled = "today", False
        else:
            short = "tomorrow" if to_start == 1 else f"in {to_start} days"
    elif to_end is not None and to_end < 0:
        short, labelled = "passed", False
    elif to_start is None or to_start <= 0:
        if to_end is None:
            short = "any day now"
        elif to_end == 0:
            short = "today at the latest"
        else:
            short = f"within {_days(to_end)}"
    elif to_end is None:
        short = f"in {to_start}+ days"
    else:
        short = f"in {to_start}–{to_end} days"
    text = f"{short} ({label})" if labelled else short
    return Countdown(today, to_start, to_end, text, short)


MONTHS = calendar.month_name
_YEAR_PARTS = {
    ((1, 1), (12, 31)): "{y}",
    ((1, 1), (4, 30)): "early {y}",
    ((5, 1), (8, 31)): "mid {y}",
    ((9, 1), (12, 31)): "late {y}",
    ((1, 1), (3, 31)): "Q1 {y}",
    ((4, 1), (6, 30)): "Q2 {y}",
    ((7, 1), (9, 30)): "Q3 {y}",
    ((10, 1), (12, 31)): "Q4 {y}",
    ((1, 1), (6, 30)): "first half of {y}",
    ((7, 1), (12, 31)): "second half of {y}",
    ((3, 1), (5, 31)): "spring {y}",
    ((6, 1), (8, 31)): "summer {y}",
    ((9, 1), (11, 30)): "fall {y}",
    ((11, 15), (12, 31)): "holiday season {y}",
}


def describe_window(start: date | None, end: date | None, today: date) -> str:
    """A window in words at its own precision: "early December", "summer 2027", "June 7"."""
    if start is None:
        return "TBA" if end is None else f"by {_day_words(end, today)}"
    if end is None:
        return f"from {_day_words(start, today)}"
    year = "" if start.year == today.year else f" {start.year}"
    if start == end:
        return _day_words(start, today)
    if start.year == end.year:
        named = _YEAR_PARTS.get(((start.month, start.day), (end.month, end.day)))
        if named:
            return named.format(y=start.year)
        last = calendar.monthrange(end.year, end.month)[1]
        if start.month == end.month:
            for lo, hi, word in ((1, 10, "early "), (11, 20, "mid "), (21, last, "late "), (1, last, "")):
                if (start.day, end.day) == (lo, hi):
                    return f"{word}{MONTHS[start.month]}{year}"
        elif start.day == 1 and end.day == last:
            return f"{MONTHS[start.month]}–{MONTHS[end.month]}{year}"
    feb_end = calendar.monthrange(end.year, 2)[1]
    if end.year == start.year + 1 and (start.month, start.day, end.month, end.day) == (12, 1, 2, feb_end):
        return f"winter {start.year}/{str(end.year)[2:]}"
    return format_range(start, end)


def _day_words(day: date, today: date) -> str:
    return f"{MONTHS[day.month]} {day.day}" + ("" if day.year == today.year else f", {day.year}")


def format_range(start: date | None, end: date | None) -> str:
    """Compact ISO range: 2027-10-01, 2026-05-21..31, 2026-09-01..12-31, 2026-12-01..2027-01-15."""
    if start is None and end is None:
        return "TBA"
    if start is None or end is None:
        return f"{_iso(start) or ''}..{_iso(end) or ''}"
    if start == end:
        return start.isoformat()
    if start.year != end.year:
        return f"{start.isoformat()}..{end.isoformat()}"
    if start.month != end.month:
        return f"{start.isoformat()}..{end.isoformat()[5:]}"
    return f"{start.isoformat()}..{end.isoformat()[8:]}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
