"""Many claims → the current picture of one release. Pure functions; no store, no clock.

Window rules, in order (issue 3):

1. **Superseded** claims stay in `windows` and `history` but no longer compete. A claim
   is superseded when
   a. a newer article (published on a later day) about the release says its date moved:
      it has a `delayed` or `date_announced` event that is not speculated, or a window
      sentence with move wording ("pushed", "moved", "instead of", "postponed", …); or
   b. a claim of the same or higher certainty, published 30 or more days later, does
      not overlap it.
   A claim with neither end resolved never competes.
2. Among current claims the strongest certainty wins: confirmed, reported, speculated.
3. Within it, the newest publication day's window wins, except that an older window
   strictly narrower than it and inside it (10 days' slack at either edge) is kept.
   This is applied newest to oldest: "2026" ← "July 2026" ← "July 10" gives July 10.
4. Within one publication day (one article, or several published that day), a window
   that contains another of them is a restatement and drops out; if the rest agree
   that range wins, else the earliest start (the premiere), then the earliest end.

An unknown publication date counts as the oldest. Ties are broken by content (the
article's digest, then the window), never by ingest order, so the state is the same
whatever order the articles arrived in.

**Conflicts**: two current claims at the best certainty, from different outlets,
published less than 30 days apart (30 or more is rule 1b), whose windows are more than
10 days apart, neither with move wording. Both are shown; rule 3 keeps the newer best.
An outlet is the publisher, else the URL's host, else the article itself.

**Status** (speculated events ignored): premiered if a premiere was reported; cancelled
if the newest of cancelled/renewed/ordered is a cancellation; dated if the best window is
confirmed; else wrapped, in production, renewed, announced, the furthest reached.
**Overdue**: the best window has ended before `today` with no premiere (nor cancellation).

**Countdown** from `today` to the best window's first and last day, worded to its
precision: "in 3 days", "tomorrow", "today" for a confirmed day; "in 8–17 days (early
December, reported)" for a window; "within 4 days (…)" once it has begun; "passed";
"TBA" without a window.

**History** replays the articles in publication order and records each change of the
best window (range or certainty) with the article that caused it; a later range is a
delay: "moved from 2026-05-21..31 to 2027-10-01, per Variety on 2026-04-02".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from airdate.models import CERTAINTY_RANK, Certainty

SLACK_DAYS = 10  # rule 3's slack, and the gap a conflict must exceed
SUPERSEDE_DAYS = 30  # rule 1b; conflicts are the pairs published closer than this
MOVE_EVENTS = frozenset({"delayed", "date_announced"})
MOVE_WORDS = re.compile(
    r"\b(?:push(?:ed|es|ing)?\s+(?:back|to|into|out|from)|pushed|mov(?:ed|es|ing)\s+(?:back|up|to|from|into|out)|"
    r"instead\s+of|postpon\w+|delay(?:ed|s)?|reschedul\w+|bumped|shifted\s+(?:back|to|from)|slipped\s+to|"
    r"no\s+longer)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """The article a claim came from."""

    article_id: int
    published: date | None
    publisher: str | None = None
    headline: str | None = None
    path: str | None = None
    url: str | None = None
    digest: str = ""  # content hash: a tiebreak that does not depend on ingest order

    @property
    def order(self) -> tuple[date, str, int]:
        return (self.published or date.min, self.digest, self.article_id)

    @property
    def label(self) -> str:
        """How the source is named to a reader: publisher, site, file name, headline."""
        if self.publisher:
            return self.publisher
        host = urlsplit(self.url).hostname if self.url else None
        if host:
            return host.removeprefix("www.")
        if self.path:
            return PurePath(self.path).name
        return self.headline or f"article {self.article_id}"

    @property
    def outlet(self) -> str:
        """Who said it, for conflicts: an unknown outlet is only ever itself."""
        if self.publisher:
            return self.publisher.casefold()
        host = urlsplit(self.url).hostname if self.url else None
        return host.removeprefix("www.") if host else f"#{self.digest or self.article_id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "label": self.label,
            "path": self.path,
            "url": self.url,
            "headline": self.headline,
            "publisher": self.publisher,
            "published": _iso(self.published),
        }


@dataclass(frozen=True)
class WindowClaim:
    """One release window as one article states it."""

    start: date | None
    end: date | None
    certainty: Certainty
    text: str
    sentence: str
    source: Source
    moved: bool = False  # the statement says the date moved (also read from the sentence)

    @property
    def published(self) -> date | None:
        return self.source.published

    @property
    def says_moved(self) -> bool:
        return self.moved or bool(MOVE_WORDS.search(self.sentence))

    def to_json(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "certainty": self.certainty,
            "text": self.text,
            "sentence": self.sentence,
            "source": self.source.to_json(),
        }


@dataclass(frozen=True)
class EventClaim:
    type: str
    date: str | None
    certainty: Certainty
    sentence: str
    source: Source

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "certainty": self.certainty,
            "sentence": self.sentence,
            "source": self.source.to_json(),
        }


@dataclass(frozen=True)
class NameClaim:
    """A platform or a character named for the release."""

    name: str
    source: Source


@dataclass(frozen=True)
class CastClaim:
    actor: str
    character: str | None
    status: str
    sentence: str
    source: Source


@dataclass(frozen=True)
class ReleaseInfo:
    id: int
    title: str
    season: int | None
    part: int | None
    kind: str


@dataclass(frozen=True)
class ReleaseClaims:
    """Everything stored about one release: reconcile's input."""

    release: ReleaseInfo
    windows: tuple[WindowClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()
    platforms: tuple[NameClaim, ...] = ()
    cast: tuple[CastClaim, ...] = ()
    characters: tuple[NameClaim, ...] = ()


@dataclass(frozen=True)
class WindowState:
    claim: WindowClaim
    superseded: str | None  # why it no longer competes, or None while current


@dataclass(frozen=True)
class Conflict:
    newer: WindowClaim
    older: WindowClaim


@dataclass(frozen=True)
class HistoryEntry:
    source: Source
    kind: str  # first, delayed, moved, narrowed, widened, changed, certainty, dropped
    before: WindowClaim | None
    after: WindowClaim | None
    text: str


@dataclass(frozen=True)
class CastEntry:
    actor: str
    character: str | None
    status: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Countdown:
    today: date
    days_to_start: int | None
    days_to_end: int | None
    text: str


@dataclass(frozen=True)
class ReleaseState:
    release: ReleaseInfo
    best: WindowClaim | None
    status: str
    overdue: bool
    conflicts: tuple[Conflict, ...]
    platforms: tuple[str, ...]
    history: tuple[HistoryEntry, ...]
    cast: tuple[CastEntry, ...]
    characters: tuple[str, ...]
    events: tuple[EventClaim, ...]
    windows: tuple[WindowState, ...]
    countdown: Countdown

    def to_json(self) -> dict[str, Any]:
        r, b, c = self.release, self.best, self.countdown
        return {
            "id": r.id,
            "title": r.title,
            "season": r.season,
            "part": r.part,
            "kind": r.kind,
            "status": self.status,
            "overdue": self.overdue,
            "platforms": list(self.platforms),
            "best": None if b is None else b.to_json(),
            "countdown": {
                "from": c.today.isoformat(),
                "days_to_start": c.days_to_start,
                "days_to_end": c.days_to_end,
                "text": c.text,
            },
            "conflicts": [{"newer": x.newer.to_json(), "older": x.older.to_json()} for x in self.conflicts],
            "windows": [{**w.claim.to_json(), "superseded": w.superseded} for w in self.windows],
            "cast": [
                {
                    "actor": m.actor,
                    "character": m.character,
                    "status": m.status,
                    "sources": [s.to_json() for s in m.sources],
                }
                for m in self.cast
            ],
            "characters": list(self.characters),
            "events": [e.to_json() for e in self.events],
            "history": [
                {
                    "date": _iso(h.source.published),
                    "kind": h.kind,
                    "from": None if h.before is None else format_range(h.before.start, h.before.end),
                    "to": None if h.after is None else format_range(h.after.start, h.after.end),
                    "text": h.text,
                    "source": h.source.to_json(),
                }
                for h in self.history
            ],
        }


# --- the state -------------------------------------------------------------------------


def reconcile(claims: ReleaseClaims, today: date) -> ReleaseState:
    """The current state of one release from all its claims, as of `today`."""
    windows = sorted(claims.windows, key=_claim_order)
    events = sorted(claims.events, key=lambda e: (e.source.order, e.type, e.date or ""))
    reasons = supersession(windows, events)
    current = [w for w, why in zip(windows, reasons, strict=True) if why is None and _resolved(w)]
    best = _best(current)
    top = [w for w in current if best is not None and w.certainty == best.certainty]
    status = status_of(events, best)
    overdue = best is not None and best.end is not None and best.end < today and status not in (
        "premiered",
        "cancelled",
    )
    return ReleaseState(
        release=claims.release,
        best=best,
        status=status,
        overdue=overdue,
        conflicts=find_conflicts(top),
        platforms=union_names(claims.platforms),
        history=history(windows, events),
        cast=union_cast(claims.cast),
        characters=_characters(claims),
        events=tuple(events),
        windows=tuple(WindowState(w, why) for w, why in zip(windows, reasons, strict=True)),
        countdown=countdown(best, today),
    )


def best_window(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> WindowClaim | None:
    """Rules 1–4: the window that best says when the release happens, or None."""
    windows = sorted(windows, key=_claim_order)
    reasons = supersession(windows, events)
    return _best([w for w, why in zip(windows, reasons, strict=True) if why is None and _resolved(w)])


def supersession(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> list[str | None]:
    """Rule 1, per claim: why it is superseded, or None while it is current."""
    moves = sorted(move_sources(windows, events), key=lambda s: s.order)
    later = sorted(windows, key=_claim_order)
    out: list[str | None] = []
    for w in windows:
        day = _day(w.source)
        why = next((f"date moved, per {_per(m)}" for m in moves if _day(m) > day), None)
        if why is None:
            for b in later:
                if (
                    _resolved(w)
                    and _resolved(b)
                    and _rank(b) >= _rank(w)
                    and (_day(b.source) - day).days >= SUPERSEDE_DAYS
                    and not overlaps(w, b)
                ):
                    why = f"replaced by {format_range(b.start, b.end)} ({b.certainty}), per {_per(b.source)}"
                    break
        out.append(why)
    return out


def move_sources(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> list[Source]:
    """The articles that say the release's date moved (rule 1a)."""
    found = {e.source for e in events if e.type in MOVE_EVENTS and e.certainty != "speculated"}
    found |= {w.source for w in windows if w.says_moved}
    return sorted(found, key=lambda s: s.order)


def _best(current: Sequence[WindowClaim]) -> WindowClaim | None:
    """Rules 2–4 over the current claims."""
    if not current:
        return None
    top = max(_rank(w) for w in current)
    pool = [w for w in current if _rank(w) == top]
    days = sorted({_day(w.source) for w in pool}, reverse=True)
    picks = [pick_nested([w for w in pool if _day(w.source) == d]) for d in days]
    best = picks[0]
    for older in picks[1:]:
        if _width(older) < _width(best) and inside(older, best, SLACK_DAYS):
            best = older
    return best


def pick_nested(windows: Sequence[WindowClaim]) -> WindowClaim:
    """Rule 4: of windows stated together, the narrowest nested one, else the earliest start."""
    ws = sorted(windows, key=_claim_order)
    minimal = [w for w in ws if not any(inside(o, w) and _range(o) != _range(w) for o in ws)]
    return min(minimal, key=lambda w: (_lo(w), _hi(w), _claim_order(w)))


def find_conflicts(pool: Sequence[WindowClaim]) -> tuple[Conflict, ...]:
    """Pairs of current same-certainty claims from different outlets that disagree (see module doc)."""
    ws = sorted(pool, key=_claim_order)
    out = []
    for i, older in enumerate(ws):
        for newer in ws[i + 1 :]:
            if older.published is None or newer.published is None or older.certainty != newer.certainty:
                continue
            if older.source.outlet == newer.source.outlet or older.says_moved or newer.says_moved:
                continue
            if abs((newer.published - older.published).days) >= SUPERSEDE_DAYS:
                continue
            if gap_days(older, newer) > SLACK_DAYS:
                out.append(Conflict(newer, older))
    return tuple(sorted(out, key=lambda c: (_claim_order(c.newer), _claim_order(c.older)), reverse=True))


def status_of(events: Sequence[EventClaim], best: WindowClaim | None) -> str:
    """The furthest stage the release has reached (see module doc)."""
    said = [e for e in events if e.certainty != "speculated"]
    types = {e.type for e in said}
    if "premiered" in types:
        return "premiered"
    fate = [e for e in said if e.type in ("cancelled", "renewed", "ordered")]
    if fate and max(fate, key=lambda e: (_day(e.source), e.type == "cancelled")).type == "cancelled":
        return "cancelled"
    if best is not None and best.certainty == "confirmed":
        return "dated"
    for kind, status in (("filming_wrapped", "wrapped"), ("filming_started", "in production"), ("renewed", "renewed")):
        if kind in types:
            return status
    return "announced"


def history(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> tuple[HistoryEntry, ...]:
    """How the best window changed, article by article in publication order, and why."""
    sources = sorted({w.source for w in windows} | {e.source for e in events}, key=lambda s: s.order)
    moves = set(move_sources(windows, events))
    out: list[HistoryEntry] = []
    before: WindowClaim | None = None
    for s in sources:
        after = best_window(
            [w for w in windows if w.source.order <= s.order], [e for e in events if e.source.order <= s.order]
        )
        if (before and (_range(before), before.certainty)) == (after and (_range(after), after.certainty)):
            continue
        kind, text = _change(before, after, s in moves)
        out.append(HistoryEntry(s, kind, before, after, f"{text}, per {_per(s)}"))
        before = after
    return tuple(out)


def _change(before: WindowClaim | None, after: WindowClaim | None, moved: bool) -> tuple[str, str]:
    if after is None:
        if before is None:
            return "dropped", "no window"
        return "dropped", f"{_fmt(before)} dropped, no date now"
    if before is None:
        return "first", f"first window {_fmt(after)} ({after.text}, {after.certainty})"
    if _range(before) == _range(after):
        return "certainty", f"{_fmt(after)} now {after.certainty} (was {before.certainty})"
    if _lo(after) > _hi(before) or (moved and _lo(after) > _lo(before)):
        return "delayed", f"moved from {_fmt(before)} to {_fmt(after)}"
    if _hi(after) < _lo(before) or moved:
        return "moved", f"moved from {_fmt(before)} to {_fmt(after)}"
    if inside(after, before):
        return "narrowed", f"narrowed from {_fmt(before)} to {_fmt(after)}"
    if inside(before, after):
        return "widened", f"widened from {_fmt(before)} to {_fmt(after)}"
    return "changed", f"changed from {_fmt(before)} to {_fmt(after)}"


# --- union of platforms, cast, characters ---------------------------------------------------


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def union_names(claims: Sequence[NameClaim]) -> tuple[str, ...]:
    """Distinct names in the order first seen (by publication, then the article's own order)."""
    out: dict[str, str] = {}
    for c in sorted(claims, key=lambda c: c.source.order):
        out.setdefault(_key(c.name), c.name)
    return tuple(out.values())


def union_cast(claims: Sequence[CastClaim]) -> tuple[CastEntry, ...]:
    """One entry per (actor, character) with every source; status from the newest source that gives one.

    A mention without a character joins the actor's first entry that has one. On the same
    day "leaving" beats any other status, so a departure is never hidden by a restatement.
    """
    ordered = sorted(claims, key=lambda c: c.source.order)
    groups: dict[tuple[str, str], list[CastClaim]] = {}
    roles: dict[str, list[str]] = {}
    for c in ordered:
        if c.character:
            chars = roles.setdefault(_key(c.actor), [])
            if _key(c.character) not in chars:
                chars.append(_key(c.character))
    for c in ordered:
        chars = roles.get(_key(c.actor), [])
        role = _key(c.character) if c.character else (chars[0] if chars else "")
        groups.setdefault((_key(c.actor), role), []).append(c)
    out = []
    for group in groups.values():
        known = [c for c in group if c.status != "unknown"]
        latest = max(known, key=lambda c: (_day(c.source), c.status == "leaving"), default=None)
        sources = tuple(dict.fromkeys(c.source for c in group))
        character = next((c.character for c in group if c.character), None)
        out.append(CastEntry(group[0].actor, character, latest.status if latest else "unknown", sources))
    return tuple(out)


def _characters(claims: ReleaseClaims) -> tuple[str, ...]:
    cast_roles = {_key(c.character) for c in claims.cast if c.character}
    return tuple(n for n in union_names(claims.characters) if _key(n) not in cast_roles)


# --- countdown ---------------------------------------------------------------------------


def countdown(best: WindowClaim | None, today: date) -> Countdown:
    """Days from `today` to the best window's first and last day, with wording that fits it."""
    if best is None:
        return Countdown(today, None, None, "TBA")
    to_start = (best.start - today).days if best.start else None
    to_end = (best.end - today).days if best.end else None
    label = f"{describe_window(best.start, best.end, today)}, {best.certainty}"
    if best.start is not None and best.start == best.end:
        assert to_start is not None
        if to_start < 0:
            text = "passed"
        elif to_start == 0:
            text = "today"
        else:
            text = "tomorrow" if to_start == 1 else f"in {to_start} days"
            if best.certainty != "confirmed":
                text += f" ({label})"
    elif to_end is not None and to_end < 0:
        text = "passed"
    elif to_start is None or to_start <= 0:
        if to_end is None:
            text = f"any day now ({label})"
        elif to_end == 0:
            text = f"today at the latest ({label})"
        else:
            text = f"within {_days(to_end)} ({label})"
    elif to_end is None:
        text = f"in {to_start}+ days ({label})"
    else:
        text = f"in {to_start}–{to_end} days ({label})"
    return Countdown(today, to_start, to_end, text)


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


# --- window arithmetic ---------------------------------------------------------------------


def _lo(w: WindowClaim) -> date:
    return w.start or date.min


def _hi(w: WindowClaim) -> date:
    return w.end or date.max


def _range(w: WindowClaim) -> tuple[date, date]:
    return (_lo(w), _hi(w))


def _resolved(w: WindowClaim) -> bool:
    return w.start is not None or w.end is not None


def _width(w: WindowClaim) -> int:
    return (_hi(w) - _lo(w)).days


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return d


def overlaps(a: WindowClaim, b: WindowClaim) -> bool:
    return _lo(a) <= _hi(b) and _lo(b) <= _hi(a)


def inside(a: WindowClaim, b: WindowClaim, slack: int = 0) -> bool:
    """Whether `a` lies within `b`, widened by `slack` days at either edge."""
    return _shift(_lo(b), -slack) <= _lo(a) and _hi(a) <= _shift(_hi(b), slack)


def gap_days(a: WindowClaim, b: WindowClaim) -> int:
    """Days between two windows (0 or less when they overlap)."""
    return (max(_lo(a), _lo(b)) - min(_hi(a), _hi(b))).days


def _rank(w: WindowClaim) -> int:
    return CERTAINTY_RANK[w.certainty]


def _day(s: Source) -> date:
    return s.published or date.min


def _claim_order(w: WindowClaim) -> tuple[Any, ...]:
    return (w.source.order, _lo(w), _hi(w), -_rank(w), w.text, w.sentence)


def _per(s: Source) -> str:
    return f"{s.label} on {s.published.isoformat() if s.published else 'an undated article'}"


def _fmt(w: WindowClaim) -> str:
    return format_range(w.start, w.end)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
