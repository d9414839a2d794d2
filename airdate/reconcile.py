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

**Manual** claims (`airdate set`, `airdate premiered`: a source with `by`, see
airdate.store.curation) are never superseded, and before rule 2 a manual window drops every
news window of the same or lower certainty: set by hand, it outranks the news unless the
news is surer (a confirmed date beats a manual "reported" one).

**Schedule** claims (`airdate sync`: the source "TVmaze schedule", see airdate.schedules) are
confirmed days dated when a sync first saw them. No article supersedes one; only a date the
schedule gave later does (the schedule moved). They take part in rule 1b like any claim, so
they supersede older news they do not overlap. Before rule 2 a schedule window drops every
news window of the same or lower certainty (after manual windows have dropped what they drop:
a date set by hand still wins). A current news window (confirmed or reported, no move wording)
more than 10 days from a schedule date is a conflict, whatever its outlet or day.

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
**Presumed released**: overdue for more than `stale_days` (default 30): the window ended
so long ago that it most likely aired unreported; the board hides it unless asked (issue 12).

**Countdown** from `today` to the best window's first and last day, worded to its
precision: "in 3 days", "tomorrow", "today" for a confirmed day; "in 8–17 days (early
December, reported)" for a window; "within 4 days (…)" once it has begun; "passed";
"TBA" without a window.

**History** replays the articles in publication order and records each change of the
best window (range or certainty) with the article that caused it; a later range is a
delay: "moved from 2026-05-21..31 to 2027-10-01, per Variety on 2026-04-02".

`reconcile(claims, today)` gives the full state (for `show`); `summarize(claims)` the
part that does not depend on today, which the store keeps per release for `list`.

**Cost**: n log n in the claims of one release (issue 11: a feed of a thousand items about
one show took minutes when rules 1b, 3 and 4 compared claims pair by pair, per article).
The indexes are in `airdate.spans`; conflicts cost n log n plus the pairs found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from heapq import heapify, heappop, heappush
from operator import attrgetter
from typing import Any

from airdate.claims import (
    CastClaim,
    EventClaim,
    NameClaim,
    ReleaseClaims,
    ReleaseInfo,
    Source,
    WindowClaim,
)
from airdate.countdown import Countdown, countdown, format_range
from airdate.models import CERTAINTY_RANK, Certainty
from airdate.spans import SHORT, OutletSpans, SpanTree

__all__ = [
    "CastClaim",
    "CastEntry",
    "Conflict",
    "EventClaim",
    "HistoryEntry",
    "NameClaim",
    "ReleaseClaims",
    "ReleaseInfo",
    "ReleaseState",
    "Source",
    "Summary",
    "WindowClaim",
    "WindowState",
    "best_window",
    "find_conflicts",
    "history",
    "in_order",
    "is_overdue",
    "is_presumed_released",
    "manual_first",
    "schedule_conflicts",
    "shown_status",
    "move_sources",
    "pick_nested",
    "reconcile",
    "replaces",
    "settle",
    "status_of",
    "Story",
    "story_of",
    "summarize",
    "supersession",
    "union_cast",
    "union_names",
]

SLACK_DAYS = 10  # rule 3's slack, and the gap a conflict must exceed
SUPERSEDE_DAYS = 30  # rule 1b; conflicts are the pairs published closer than this
MOVE_EVENTS = frozenset({"delayed", "date_announced"})
STALE_DAYS = 30  # an overdue window ended more than this many days ago is presumed released
MAX_ORDINAL = date.max.toordinal()


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
class ReleaseState:
    release: ReleaseInfo
    best: WindowClaim | None
    status: str
    overdue: bool  # the best window has ended with no premiere reported (presumed released too)
    conflicts: tuple[Conflict, ...]
    platforms: tuple[str, ...]
    history: tuple[HistoryEntry, ...]
    cast: tuple[CastEntry, ...]
    characters: tuple[str, ...]
    events: tuple[EventClaim, ...]
    windows: tuple[WindowState, ...]
    countdown: Countdown
    presumed_released: bool = False  # overdue for more than the stale days

    @property
    def shown_status(self) -> str:
        """The status as the board shows it: presumed released, overdue, or the stored status."""
        return "presumed released" if self.presumed_released else "overdue" if self.overdue else self.status

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
            "presumed_released": self.presumed_released,
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


@dataclass(frozen=True)
class Summary:
    """What the board shows of a release: its state without history, cast or today's countdown."""

    release: ReleaseInfo
    start: date | None
    end: date | None
    certainty: Certainty | None
    text: str | None
    status: str
    conflicts: int
    platforms: tuple[str, ...]
    articles: int
    updated: date | None  # the newest article's publication day

    def overdue(self, today: date) -> bool:
        return is_overdue(self.end, self.status, today)

    def presumed_released(self, today: date, stale_days: int = STALE_DAYS) -> bool:
        return is_presumed_released(self.end, self.status, today, stale_days)

    def shown_status(self, today: date, stale_days: int = STALE_DAYS) -> str:
        return shown_status(self.end, self.status, today, stale_days)

    def countdown(self, today: date) -> Countdown:
        return countdown(self.start, self.end, self.certainty, today)

    def to_json(self, today: date, stale_days: int = STALE_DAYS) -> dict[str, Any]:
        r, c = self.release, self.countdown(today)
        best = None
        if self.start or self.end:
            best = {
                "start": _iso(self.start),
                "end": _iso(self.end),
                "certainty": self.certainty,
                "text": self.text,
            }
        return {
            "id": r.id,
            "title": r.title,
            "season": r.season,
            "part": r.part,
            "kind": r.kind,
            "status": self.status,
            "overdue": self.overdue(today),
            "presumed_released": self.presumed_released(today, stale_days),
            "platforms": list(self.platforms),
            "best": best,
            "countdown": {
                "from": today.isoformat(),
                "days_to_start": c.days_to_start,
                "days_to_end": c.days_to_end,
                "text": c.text,
            },
            "conflicts": self.conflicts,
            "articles": self.articles,
            "updated": _iso(self.updated),
        }


# --- the state -------------------------------------------------------------------------


def reconcile(claims: ReleaseClaims, today: date, stale_days: int = STALE_DAYS) -> ReleaseState:
    """The current state of one release from all its claims, as of `today`."""
    windows, events = in_order(claims)
    reasons = supersession(windows, events)
    best, conflicts = settle(windows, reasons)
    status = status_of(events, best)
    return ReleaseState(
        release=claims.release,
        best=best,
        status=status,
        overdue=is_overdue(best.end if best else None, status, today),
        conflicts=conflicts,
        platforms=union_names(claims.platforms),
        history=history(windows, events),
        cast=union_cast(claims.cast),
        characters=_characters(claims),
        events=tuple(events),
        windows=tuple(WindowState(w, why) for w, why in zip(windows, reasons, strict=True)),
        countdown=_countdown(best, today),
        presumed_released=is_presumed_released(best.end if best else None, status, today, stale_days),
    )


@dataclass(frozen=True)
class Story:
    """A release's windows and events in order, and what rules 1-4 make of them."""

    windows: list[WindowClaim]
    events: list[EventClaim]
    best: WindowClaim | None
    conflicts: tuple[Conflict, ...]


def story_of(claims: ReleaseClaims) -> Story:
    """The ordered claims and the settled window: shared by `summarize` and `airdate.changes`."""
    windows, events = in_order(claims)
    best, conflicts = settle(windows, supersession(windows, events))
    return Story(windows, events, best, conflicts)


def summarize(claims: ReleaseClaims, story: Story | None = None) -> Summary:
    """The part of the state that does not depend on today (no history, cast or countdown)."""
    story = story or story_of(claims)
    windows, events, best, conflicts = story.windows, story.events, story.best, story.conflicts
    sources = {w.source for w in windows} | {e.source for e in events} | {p.source for p in claims.platforms}
    sources |= {c.source for c in claims.cast} | {n.source for n in claims.characters}
    return Summary(
        release=claims.release,
        start=best.start if best else None,
        end=best.end if best else None,
        certainty=best.certainty if best else None,
        text=best.text if best else None,
        status=status_of(events, best),
        conflicts=len(conflicts),
        platforms=union_names(claims.platforms),
        articles=len(sources),
        updated=max((s.published for s in sources if s.published), default=None),
    )


def is_overdue(end: date | None, status: str, today: date) -> bool:
    """The best window ended before today and nothing says it premiered (or was cancelled)."""
    return end is not None and end < today and status not in ("premiered", "cancelled")


def is_presumed_released(end: date | None, status: str, today: date, stale_days: int = STALE_DAYS) -> bool:
    """Overdue, and the window ended more than `stale_days` days before today: it most likely aired unreported."""
    return is_overdue(end, status, today) and end is not None and (today - end).days > stale_days


def shown_status(end: date | None, status: str, today: date, stale_days: int = STALE_DAYS) -> str:
    """The status the board shows: "presumed released", "overdue" (both from today), else the stored one."""
    if is_presumed_released(end, status, today, stale_days):
        return "presumed released"
    return "overdue" if is_overdue(end, status, today) else status


def in_order(claims: ReleaseClaims) -> tuple[list[WindowClaim], list[EventClaim]]:
    """Windows and events in publication order, ties broken by content (never by ingest order)."""
    windows = sorted(claims.windows, key=_claim_order)
    events = sorted(
        claims.events, key=lambda e: (e.source.order, e.type, e.date or "", e.certainty, e.sentence)
    )
    return windows, events


def settle(
    windows: Sequence[WindowClaim], reasons: Sequence[str | None]
) -> tuple[WindowClaim | None, tuple[Conflict, ...]]:
    """Rules 2–4 over the current claims, and the conflicts at the winning certainty."""
    alive = [
        w for w, why in zip(windows, reasons, strict=True) if why is None and (w.start is not None or w.end is not None)
    ]
    current = manual_first(alive)
    best = _best(current)
    top = [w for w in current if best is not None and w.certainty == best.certainty]
    found = find_conflicts(top)
    scheduled = schedule_conflicts(alive)
    if not scheduled:
        return best, found
    both = sorted({*found, *scheduled}, key=lambda c: (_claim_order(c.newer), _claim_order(c.older)), reverse=True)
    return best, tuple(both)


def manual_first(current: Sequence[WindowClaim]) -> list[WindowClaim]:
    """With a manual window among them, drop the other windows of the same or lower certainty;
    then, with a schedule window among those left, drop the news windows of the same or lower certainty."""
    out = list(current)
    if not any(w.source.by is not None or w.source.schedule for w in out):
        return out  # news alone, as almost always
    hand = [w for w in out if w.source.by is not None]
    if hand:
        top = max(_rank(w) for w in hand)
        out = [w for w in out if w.source.by is not None or _rank(w) > top]
    scheduled = [w for w in out if w.source.by is not None or w.source.schedule]
    if scheduled:
        top = max(_rank(w) for w in scheduled)
        out = [w for w in out if w.source.by is not None or w.source.schedule or _rank(w) > top]
    return out


def schedule_conflicts(current: Sequence[WindowClaim]) -> list[Conflict]:
    """Current news windows (confirmed or reported, no move wording) more than 10 days from a schedule date."""
    dates = [w for w in current if w.source.schedule]
    if not dates:
        return []
    news = [w for w in current if w.source.kind == "article" and w.certainty != "speculated" and not w.says_moved]
    out = []
    for s in dates:
        for n in news:
            if gap_days(s, n) > SLACK_DAYS:
                newer, older = (s, n) if _claim_order(s) >= _claim_order(n) else (n, s)
                out.append(Conflict(newer, older))
    return out


def _countdown(best: WindowClaim | None, today: date) -> Countdown:
    if best is None:
        return countdown(None, None, None, today)
    return countdown(best.start, best.end, best.certainty, today)


def best_window(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> WindowClaim | None:
    """Rules 1–4: the window that best says when the release happens, or None."""
    windows = sorted(windows, key=_claim_order)
    reasons = supersession(windows, events)
    return _best(manual_first([w for w, why in zip(windows, reasons, strict=True) if why is None and _resolved(w)]))


def supersession(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> list[str | None]:
    """Rule 1, per claim: why it is superseded, or None while it is current.

    n log n, not quadratic: a release followed by hundreds of articles is re-reconciled on
    every ingest. For rule 1b an index per certainty rank r over the claims of rank r or
    more, in publication-day order (`airdate.spans`), finds the first claim published 30+
    days later that does not overlap, which the reason names, in O(log n).
    """
    moves = move_sources(windows, events)
    move_days = [_day(m) for m in moves]  # `moves` is in publication order
    by_day = [w for w in windows if w.start is not None or w.end is not None]
    by_day.sort(key=_claim_order)  # whose first key is the day; linear on claims in claim order
    days = [w.source.order[0].toordinal() for w in by_day]  # the publication day (unknown: the first)
    # Built when first needed (a flood of one day needs none) and only from the first position searched:
    # in claim order later claims search later ones, and a release whose older claims a move dropped
    # searches only its newest.
    at_least: dict[int, SpanTree] = {}

    def index(r: int, first: int) -> SpanTree:
        if r not in at_least or at_least[r].base > first:
            held = [(i, *_span(b)) for i, b in enumerate(by_day[first:], first) if CERTAINTY_RANK[b.certainty] >= r]
            at_least[r] = SpanTree.of(len(by_day), held, base=first)
        return at_least[r]

    # A claim published on the newest move's day or later, and less than 30 days before the newest claim,
    # is superseded by nothing (unless a schedule's): so are most claims of a flood.
    unmoved = move_days[-1] if moves else date.min
    unreplaced = days[-1] - SUPERSEDE_DAYS + 1 if days else 0
    moved: dict[Source, str] = {}

    per: dict[Source, str] = {}
    replaced: dict[int, str] = {}  # by_day position -> why the claims it replaces no longer compete
    out: list[str | None] = []
    scheduled = sorted((w for w in windows if w.source.schedule and _resolved(w)), key=_claim_order)
    for w in windows:
        source = w.source
        day = source.order[0]
        if day >= unmoved and not source.schedule and day.toordinal() >= unreplaced:
            out.append(None)
            continue
        why = None
        later = bisect_right(move_days, day) if moves else 0
        if source.by is not None:
            pass  # set by hand: only `airdate unset` removes it
        elif source.schedule:
            why = _rescheduled(w, scheduled)
        elif later < len(moves):
            m = moves[later]
            why = moved[m] if m in moved else moved.setdefault(m, f"date moved, per {_per(m)}")
        elif w.start is not None or w.end is not None:
            first = bisect_left(days, day.toordinal() + SUPERSEDE_DAYS)
            found = index(CERTAINTY_RANK[w.certainty], first).first_apart(first, *_span(w)) if first < len(days) else None
            if found is not None and found not in replaced:
                by = by_day[found]
                named = per[by.source] if by.source in per else per.setdefault(by.source, _per(by.source))
                replaced[found] = f"replaced by {format_range(by.start, by.end)} ({by.certainty}), per {named}"
            why = None if found is None else replaced[found]
        out.append(why)
    return out


def _rescheduled(w: WindowClaim, scheduled: Sequence[WindowClaim]) -> str | None:
    """A schedule claim is superseded only by a date the schedule gave after it (the newest one)."""
    newest = scheduled[-1] if scheduled else None
    if newest is None or newest.source.order <= w.source.order or _range(newest) == _range(w):
        return None
    return f"rescheduled to {format_range(newest.start, newest.end)}, per {_per(newest.source)}"


def replaces(newer: WindowClaim, older: WindowClaim) -> bool:
    """Rule 1b: same or higher certainty, published 30 or more days later, no overlap."""
    return (
        _resolved(newer)
        and _resolved(older)
        and _rank(newer) >= _rank(older)
        and (_day(newer.source) - _day(older.source)).days >= SUPERSEDE_DAYS
        and not overlaps(newer, older)
    )


def move_sources(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> list[Source]:
    """The articles that say the release's date moved (rule 1a)."""
    found = {e.source for e in events if e.type in MOVE_EVENTS and e.certainty != "speculated"}
    found |= {w.source for w in windows if w.says_moved}
    return sorted(found, key=lambda s: s.order)


def _best(current: Sequence[WindowClaim]) -> WindowClaim | None:
    """Rules 2–4 over the current claims."""
    if not current:
        return None
    ranks = [CERTAINTY_RANK[w.certainty] for w in current]
    top = max(ranks)
    by_day: dict[date, list[WindowClaim]] = {}
    for w, rank in zip(current, ranks, strict=True):
        if rank == top:
            by_day.setdefault(w.source.order[0], []).append(w)  # by publication day (unknown: the first day)
    picks = [pick_nested(by_day[d]) for d in sorted(by_day, reverse=True)]
    best = picks[0]
    for older in picks[1:]:
        if _width(older) < _width(best) and inside(older, best, SLACK_DAYS):
            best = older
    return best


def pick_nested(windows: Sequence[WindowClaim]) -> WindowClaim:
    """Rule 4: of windows stated together, the narrowest nested one, else the earliest start.

    That is the window that ends first and, of those, starts last: no other lies strictly
    inside it, and every other window with nothing inside it starts and ends later. Ties
    (the same range) go to the first in claim order. Linear, where comparing every pair was not.
    """
    spans = [_span(w) for w in windows]  # day ordinals order as the days do
    end = min(hi for _, hi in spans)
    start = max(lo for lo, hi in spans if hi == end)
    return min((w for w, span in zip(windows, spans, strict=True) if span == (start, end)), key=_claim_order)


def find_conflicts(pool: Sequence[WindowClaim]) -> tuple[Conflict, ...]:
    """Pairs of current same-certainty claims from different outlets that disagree (see module doc).

    Per certainty, an index over the claims in publication order (`airdate.spans`) finds,
    for each claim, those published less than 30 days after it whose windows are more than
    10 days away, so the cost grows with the pairs found, not with all pairs published close
    together (a feed of a thousand items on one day, all from one outlet, costs n log n).
    """
    publishers = {w.source.publisher for w in pool}
    if len(publishers) == 1 and None not in publishers and "" not in publishers:
        return ()  # one publisher, one outlet (a feed's flood): nothing to compare
    ws = sorted(pool, key=_claim_order)  # by publication day first
    groups: dict[str, list[int]] = {}
    for i, w in enumerate(ws):
        if w.source.published is not None and not w.says_moved:
            groups.setdefault(w.certainty, []).append(i)
    outlet_ids: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        if len({ws[i].source.publisher for i in members}) == 1 and ws[members[0]].source.publisher:
            continue  # one publisher, one outlet, which never conflicts with itself
        outlets = [outlet_ids.setdefault(ws[i].source.outlet, len(outlet_ids)) for i in members]
        if len(set(outlets)) < 2:
            continue
        days = [_day(ws[i].source).toordinal() for i in members]
        spans = [_span(ws[i]) for i in members]
        index = OutletSpans(spans, outlets)
        # A window that ends more than 10 days before it starts is that far from any other.
        reversed_ = [k for k, (lo, hi) in enumerate(spans) if lo - hi > SLACK_DAYS]
        for k, (lo, hi) in enumerate(spans):
            stop = bisect_left(days, days[k] + SUPERSEDE_DAYS)
            if lo - hi > SLACK_DAYS:
                found: Iterable[int] = range(k + 1, stop)
            else:
                apart = set(index.apart(k + 1, stop, lo - SLACK_DAYS, hi + SLACK_DAYS, outlets[k]))
                apart.update(reversed_[bisect_right(reversed_, k) : bisect_left(reversed_, stop)])
                found = sorted(apart)
            pairs += [(members[k], members[m]) for m in found if outlets[m] != outlets[k]]
    pairs.sort()  # the order comparing every pair gave, which the stable sort below keeps for ties
    out = [Conflict(ws[j], ws[i]) for i, j in pairs]
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
    for kind, status in (
        ("filming_wrapped", "wrapped"),
        ("filming_started", "in production"),
        ("renewed", "renewed"),
    ):
        if kind in types:
            return status
    return "announced"


def history(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> tuple[HistoryEntry, ...]:
    """How the best window changed, article by article in publication order, and why.

    Incremental: a claim can only be superseded by a later day's article, so replaying in
    order and dropping what each new article supersedes gives the same best window as
    `best_window` over the claims seen so far. `_Replay` keeps the live claims indexed, so
    an article costs O(log n) per claim it adds or drops, not a pass over the live claims; a run
    of one day's articles that cannot change the best, and a window restated day after day, are
    added without a fold per article (`add_quiet`, `add_restating`).
    """
    # `reconcile` and `airdate.changes` pass the windows in claim order already, which makes these
    # sorts linear (a flood of thousands of articles about one release, issue 11).
    ordered = sorted(windows, key=_claim_order)
    claims = [w for w in ordered if w.start is not None or w.end is not None]
    sources = sorted(dict.fromkeys([w.source for w in ordered] + [e.source for e in events]), key=_order)
    counts = _claims_per_source(sources, claims)  # how many claims each source adds, in that order
    in_claim_order = counts is not None
    if counts is None:
        claims, counts = _grouped(sources, claims)
    worded = {w.source for w in ordered if w.says_moved}  # move wording (one pass for both sets)
    moves = worded | {e.source for e in events if e.type in MOVE_EVENTS and e.certainty != "speculated"}
    # A date announcement alone is no delay; a `delayed` event or move wording is.
    delays = worded | {e.source for e in events if e.type == "delayed" and e.certainty != "speculated"}
    moving = [s in moves for s in sources] if moves else [False] * len(sources)
    replay = _Replay(claims, in_claim_order)
    out: list[HistoryEntry] = []
    before: WindowClaim | None = None
    j = 0
    while j < len(sources):
        s = sources[j]
        if moving[j]:
            replay.drop_before(_day(s))
        replay.add(counts[j])
        j = replay.add_quiet(counts, moving, j + 1)  # the articles after it that cannot change the best
        after = replay.best()
        if not (
            after is before
            or (after is not None and before is not None and after.span == before.span and after.certainty == before.certainty)
        ):  # not the same range at the same certainty: a change
            kind, text = _change(before, after, s in delays)
            out.append(HistoryEntry(s, kind, before, after, f"{text}, per {_per(s)}"))
            before = after
        j = replay.add_restating(counts, moving, j)  # and those that restate its range a day later
    return tuple(out)


def _claims_per_source(sources: list[Source], claims: list[WindowClaim]) -> list[int] | None:
    """How many of `claims` each source said, if each source's claims follow one another in the sources'
    order (as claim order has them when every source is one object); else None."""
    counts = []
    k, n = 0, len(claims)
    for s in sources:
        first = k
        while k < n and claims[k].source is s:
            k += 1
        counts.append(k - first)
    return counts if k == n else None


def _grouped(sources: list[Source], claims: list[WindowClaim]) -> tuple[list[WindowClaim], list[int]]:
    """The claims grouped by source in the sources' order, and how many each source said."""
    said: dict[Source, list[WindowClaim]] = {}
    for w in claims:
        said.setdefault(w.source, []).append(w)
    out: list[WindowClaim] = []
    counts = []
    for s in sources:
        got = said.get(s, ())
        out += got
        counts.append(len(got))
    return out, counts


class _Replay:
    """`history`'s live claims, indexed: what `_best` would say of them after each article.

    Claims are added in publication order (all of one article at a time) and dropped when
    a move or a newer claim supersedes them. Per certainty rank: an index of the live
    claims (rule 1b finds those a new claim replaces in O(log n) each), a heap per
    publication day whose top is that day's pick (rule 4: ends first, then starts last,
    then claim order), and an index of the day picks by day, in which rule 3's fold looks
    for the newest older pick that is narrower and inside the best so far.
    """

    def __init__(self, claims: list[WindowClaim], in_claim_order: bool = False) -> None:
        self.claims = claims  # in the order they will be added
        self.spans = [_span(w) for w in claims]
        self.days = [w.source.order[0].toordinal() for w in claims]  # the day (unknown: the first); never decreasing
        self.day_list = sorted(set(self.days))
        day_slots = {d: n for n, d in enumerate(self.day_list)}
        self.slot = [day_slots[d] for d in self.days]
        # Tripled, so a schedule claim ranks a step above news of its certainty and a claim set by
        # hand a step above both, as `manual_first` has it: no news of that certainty replaces
        # them and they win the race; news that is surer still outranks them.
        tripled = {c: 3 * r for c, r in CERTAINTY_RANK.items()}
        self.ranks = [tripled[w.certainty] for w in claims]
        special = [i for i, w in enumerate(claims) if w.source.by is not None or w.source.schedule]
        for i in special:
            self.ranks[i] += claims[i].source.schedule + 2 * (claims[i].source.by is not None)
        ranks = sorted({3 * r for r in CERTAINTY_RANK.values()} | set(self.ranks))
        # Each claim's place in claim order, rule 4's last tiebreak: a number compares faster than the key.
        self.place = list(range(len(claims)))
        if not in_claim_order:
            for n, i in enumerate(sorted(range(len(claims)), key=[w.sort_key for w in claims].__getitem__)):
                self.place[i] = n
        # Each rank's index of live claims, built when first searched (a flood of one day never is)
        # with the claims still to come as if live: a search for what a new claim replaces covers
        # only claims added before it, and a dropped claim is cleared.
        self.live: dict[int, SpanTree] = {}
        self.ranks_held = ranks
        # A rank of news alone (no schedule, nothing set by hand) loses every claim published before
        # a move: its indexes are then searched from the move on (`floor`, `cut`), not cleared.
        self.news = dict.fromkeys(ranks, True)
        for i in special:
            self.news[self.ranks[i]] = False
        self.floor = 0  # the first day slot after the newest move
        self.forgot = False  # a move dropped claims since the last `best`
        self.picks = {r: SpanTree(len(day_slots)) for r in ranks}
        self.heaps: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        self.pick: dict[tuple[int, int], int] = {}  # (rank, day slot) -> the day's pick, -1 for none
        self.alive = [False] * len(claims)
        self.count = dict.fromkeys(ranks, 0)
        self.live_top: int | None = None  # the surest rank with a live claim
        self.added = 0
        self.cut = 0  # every claim before this one has been dropped by a move (rule 1a)
        self.dirty: set[tuple[int, int]] = set()
        self.searched: dict[tuple[int, tuple[int, int]], int] = {}  # (rank, range) -> claims searched
        self.best_so_far: WindowClaim | None = None
        self.top: int | None = None  # the surest rank with a live claim, as of `best_so_far`
        self.start: tuple[int, int] | None = None  # the day slot and claim the last fold started from
        self.changed = False

    def drop_before(self, day: date) -> None:
        """Rule 1a: an article saying the date moved drops every live claim published before its day."""
        d = day.toordinal()
        while self.cut < self.added and self.days[self.cut] < d:
            i = self.cut
            if not (self.claims[i].source.manual or self.claims[i].source.schedule):
                # As in `supersession`: a move drops news, not a schedule or a hand.
                if self.news[self.ranks[i]]:
                    self._forget(i)
                else:
                    self._drop(i)
            self.cut += 1
        self.floor = max(self.floor, bisect_left(self.day_list, d))

    def add(self, count: int) -> None:
        """The next article's `count` claims: first drop what they replace (rule 1b), then add them."""
        start, stop = self.added, self.added + count
        days, spans, ranks = self.days, self.spans, self.ranks
        for i in range(start, stop):
            older = bisect_right(days, days[i] - SUPERSEDE_DAYS, 0, start)
            if not older:
                continue  # nothing was published 30 days before it
            # What a claim of this rank and range replaces among the first `done` claims is gone
            # already (a claim once dropped stays dropped), so only the ones after are searched.
            key = (ranks[i], spans[i])
            done = self.searched.get(key, 0)
            if older <= done:
                continue
            self.searched[key] = older
            lo, hi = spans[i]
            if older - done <= SHORT:  # a few claims: quicker read one by one than through the indexes
                alive = self.alive
                for k in range(done, older):
                    if alive[k] and ranks[k] <= ranks[i] and (spans[k][0] > hi or spans[k][1] < lo):
                        if self.claims[k].source.by is None:  # only `airdate unset` removes a hand's
                            self._drop(k)
                continue
            for r in self.ranks_held:  # ascending
                if r > ranks[i]:
                    break
                first = max(done, self.cut) if self.news[r] else done
                if self.count[r] and first < older:
                    for k in self._live(r).apart(first, older, lo, hi):
                        if self.claims[k].source.by is None:
                            self._drop(k)
        for i in range(start, stop):
            r = ranks[i]
            lo, hi = spans[i]
            self.alive[i] = True  # already in `live[r]`
            self.count[r] += 1
            if self.live_top is None or r > self.live_top:
                self.live_top = r
            day = (r, self.slot[i])
            heappush(self.heaps.setdefault(day, []), (hi, -lo, self.place[i], i))
            self.dirty.add(day)
        self.added = stop
        self.changed = self.changed or count > 0

    def add_quiet(self, counts: list[int], moving: list[bool], j: int) -> int:
        """Add the claims of articles j, j+1, … while they cannot change the best; the first article that might.

        Such an article is published the day of the newest claim added (rule 3's fold starts from that
        day's pick), nothing it says was published 30 or more days before the first claim (so it replaces
        nothing, rule 1b), it moves no date, and each of its claims ranks below the surest live rank or,
        at that rank, loses rule 4 to that day's pick: `best` would give what it gave. A flood of one day
        is thus replayed in a few steps, not one per article.
        """
        top, added, days = self.live_top, self.added, self.days
        if top is None or not added or added == len(days) or days[added] != days[added - 1]:
            return j
        day, slot = days[added - 1], self.slot[added - 1]
        heap = self.heaps.get((top, slot))
        if day >= days[0] + SUPERSEDE_DAYS or not heap or not self.alive[heap[0][-1]]:
            return j
        ranks, spans, place = self.ranks, self.spans, self.place
        pick = heap[0]
        last = pick[0]  # the pick's end: a claim of its rank that ends later loses to it
        stop = added
        while j < len(counts) and not moving[j]:
            end = stop + counts[j]
            for i in range(stop, end):
                if days[i] != day:
                    break
                r = ranks[i]
                if r >= top:
                    if r > top:
                        break
                    lo, hi = spans[i]
                    if hi <= last and (hi, -lo, place[i], i) < pick:
                        break
            else:
                stop, j = end, j + 1
                continue
            break
        if stop > added:
            self._push_day(added, stop, slot)
        return j

    def _push_day(self, start: int, stop: int, slot: int) -> None:
        """Claims start..stop-1, all of day `slot`, live: onto their ranks' heaps of that day."""
        spans, ranks, place = self.spans, self.ranks, self.place
        self.alive[start:stop] = [True] * (stop - start)
        by_rank: dict[int, list[tuple[int, int, int, int]]] = {}
        for i in range(start, stop):
            lo, hi = spans[i]
            by_rank.setdefault(ranks[i], []).append((hi, -lo, place[i], i))
        for r, entries in by_rank.items():
            self.count[r] += len(entries)
            heap = self.heaps.setdefault((r, slot), [])
            if 4 * len(entries) >= len(heap):  # linear, where a push each is n log n
                heap += entries
                heapify(heap)
            else:
                for entry in entries:
                    heappush(heap, entry)
            self.dirty.add((r, slot))
        self.added = stop

    def add_restating(self, counts: list[int], moving: list[bool], j: int) -> int:
        """Add articles j, j+1, … while each is one claim, on a day after the last, that restates the range
        the last fold started from at the same rank and replaces nothing; the first article that does not.

        `add` then `best` would find each such fold restated (`_restated`): the best keeps its range and
        certainty (it becomes the new claim if it was the start's), so no change is recorded. A window
        restated day after day (the narrowing years of a flood) is replayed without a `best` per article.
        """
        top, start = self.live_top, self.start
        if start is None or top is None or top != self.top or self.forgot or self.dirty or self.changed:
            return j
        days, spans, ranks, slot, alive, claims = self.days, self.spans, self.ranks, self.slot, self.alive, self.claims
        first = start[1]
        span = lo, hi = spans[first]
        picks, heaps, pick, place, i = self.picks[top], self.heaps, self.pick, self.place, self.added
        key = (top, span)
        done = self.searched.get(key, 0)
        while j < len(counts) and counts[j] == 1 and not moving[j]:
            if ranks[i] != top or spans[i] != span or slot[i] <= slot[i - 1]:
                break
            older = bisect_right(days, days[i] - SUPERSEDE_DAYS, done, i)
            if older > done:  # rule 1b as `add` has it: the few claims not yet searched, one by one
                if older - done > SHORT:
                    break  # `add` searches the indexes
                for k in range(done, older):
                    if alive[k] and ranks[k] <= top and (spans[k][0] > hi or spans[k][1] < lo):
                        if claims[k].source.by is None:
                            break
                else:
                    done = self.searched[key] = older
                if done != older:
                    break  # it replaces a claim: `add` drops it
            alive[i] = True
            heaps[(top, slot[i])] = [(hi, -lo, place[i], i)]
            pick[(top, slot[i])] = i
            picks.put(slot[i], lo, hi)
            if self.best_so_far is claims[first]:
                self.best_so_far = claims[i]
            first = i
            i, j = i + 1, j + 1
        if i > self.added:
            self.count[top] += i - self.added
            self.start, self.added = (slot[first], first), i
        return j

    def _live(self, r: int) -> SpanTree:
        if r not in self.live:
            # A rank of news alone is searched from the newest move on (`cut`, which only grows).
            base = self.cut if self.news[r] else 0
            spans, ranks, alive, added = self.spans, self.ranks, self.alive, self.added
            held = [(i, *spans[i]) for i in range(base, len(spans)) if ranks[i] == r and (i >= added or alive[i])]
            self.live[r] = SpanTree.of(len(spans), held, base=base)
        return self.live[r]

    def _forget(self, i: int) -> bool:
        """Count claim `i` out; its indexes still hold it. Whether it was live."""
        if not self.alive[i]:
            return False
        r = self.ranks[i]
        self.alive[i] = False
        self.count[r] -= 1
        if not self.count[r] and r == self.live_top:
            self.live_top = max((r for r, n in self.count.items() if n), default=None)
        self.changed = self.forgot = True
        return True

    def _drop(self, i: int) -> None:
        if self._forget(i):
            r = self.ranks[i]
            if r in self.live:
                self.live[r].clear(i)
            self.dirty.add((r, self.slot[i]))

    def best(self) -> WindowClaim | None:
        """`_best` of the live claims."""
        if not self.changed:
            return self.best_so_far
        self.changed = False
        moved: list[tuple[int, int]] = []  # the days whose pick changed: if none, nor the surest rank, nor the best
        for key in self.dirty:
            heap = self.heaps[key]
            while heap and not self.alive[heap[0][-1]]:
                heappop(heap)
            pick = heap[0][-1] if heap else -1
            if self.pick.get(key, -1) == pick:
                continue
            moved.append(key)
            self.pick[key] = pick
            if pick < 0:
                self.picks[key[0]].clear(key[1])
            else:
                self.picks[key[0]].put(key[1], *self.spans[pick])
        self.dirty.clear()
        top = self.live_top
        if not moved and top == self.top and not self.forgot:
            return self.best_so_far
        newest = self.slot[self.added - 1]  # no claim added yet is newer than the last one
        if self._restated(top, newest, moved):
            return self.best_so_far
        self.top, self.forgot = top, False
        if top is None:
            self.best_so_far, self.start = None, None
            return None
        picks = self.picks[top]
        floor = self.floor if self.news[top] else 0  # the day picks before it are stale
        fresh = newest >= floor and self.pick.get((top, newest), -1) >= 0
        slot = newest if fresh else picks.last(newest, floor)
        self.start = None if slot is None else (slot, self.pick[(top, slot)])
        # The newest day's pick, then rule 3 from newest to oldest day:
        while slot is not None:  # the next older pick narrower than the best and inside it replaces it
            i = self.pick[(top, slot)]
            self.best_so_far = self.claims[i]
            lo, hi = self.spans[i]
            edges = _shift_ordinal(lo, -SLACK_DAYS), _shift_ordinal(hi, SLACK_DAYS)
            slot = picks.last_within(slot, *edges, hi - lo, floor)
        return self.best_so_far

    def _restated(self, top: int | None, newest: int, moved: list[tuple[int, int]]) -> bool:
        """Whether all that changed is a newer day whose pick has the range the last fold started from.

        Rule 3's fold from it then finds what the last fold found: the older day is no narrower,
        and nothing else changed. The best stays, or is the new pick if the last fold kept its start.
        """
        if self.start is None or self.forgot or top != self.top or top is None:
            return False
        slot, first = self.start
        pick = self.pick.get((top, newest), -1)
        same = pick >= 0 and newest > slot and self.spans[pick] == self.spans[first]
        if not same or [key for key in moved if key[0] == top] != [(top, newest)]:
            return False
        if self.best_so_far is self.claims[first]:
            self.best_so_far = self.claims[pick]
        self.start = (newest, pick)
        return True


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


# --- window arithmetic ---------------------------------------------------------------------


def _lo(w: WindowClaim) -> date:
    return w.start or date.min


def _hi(w: WindowClaim) -> date:
    return w.end or date.max


def _range(w: WindowClaim) -> tuple[date, date]:
    return (_lo(w), _hi(w))


def _resolved(w: WindowClaim) -> bool:
    return w.start is not None or w.end is not None


_span: Callable[[WindowClaim], tuple[int, int]] = attrgetter("span")  # the range as day ordinals


def _width(w: WindowClaim) -> int:
    return (_hi(w) - _lo(w)).days


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return d


def _shift_ordinal(day: int, days: int) -> int:
    """`_shift` on day ordinals: a day past either end of the calendar stays where it was."""
    moved = day + days
    return moved if 1 <= moved <= MAX_ORDINAL else day


_order: Callable[[Source], tuple[date, str, int]] = attrgetter("order")


def overlaps(a: WindowClaim, b: WindowClaim) -> bool:
    return _lo(a) <= _hi(b) and _lo(b) <= _hi(a)


def inside(a: WindowClaim, b: WindowClaim, slack: int = 0) -> bool:
    """Whether `a` lies within `b`, widened by `slack` days at either edge."""
    if not slack:  # the common case, and a hot one: rule 4 compares every pair stated on one day
        return (b.start or date.min) <= (a.start or date.min) and (a.end or date.max) <= (b.end or date.max)
    return _shift(_lo(b), -slack) <= _lo(a) and _hi(a) <= _shift(_hi(b), slack)


def gap_days(a: WindowClaim, b: WindowClaim) -> int:
    """Days between two windows (0 or less when they overlap)."""
    return (max(_lo(a), _lo(b)) - min(_hi(a), _hi(b))).days


def _rank(w: WindowClaim) -> int:
    return CERTAINTY_RANK[w.certainty]


def _day(s: Source) -> date:
    return s.published or date.min


# (source order, lo, hi, surest first, text, sentence), kept on the claim; read in C, as sort keys are.
_claim_order: Callable[[WindowClaim], tuple[Any, ...]] = attrgetter("sort_key")


def _per(s: Source) -> str:
    return f"{s.label} on {s.published.isoformat() if s.published else 'an undated article'}"


def _fmt(w: WindowClaim) -> str:
    return format_range(w.start, w.end)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
