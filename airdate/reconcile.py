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
The indexes are in `airdate.spans`, history's replay in `airdate.replay`; conflicts cost
n log n plus the pairs found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
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
from airdate.replay import Replay
from airdate.spans import OutletSpans, SpanTree

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


def _fate_order(e: EventClaim) -> tuple[date, str, bool]:
    """The newer source's word wins; within one day's sources, the later event (an undated one is of its
    source's day: "'Brooklyn Nine-Nine' Finds New TV Home" over "Fox canceled the hit comedy on Thursday");
    a tie goes to the cancellation."""
    day = _day(e.source)
    return day, e.date or day.isoformat(), e.type == "cancelled"


def status_of(events: Sequence[EventClaim], best: WindowClaim | None) -> str:
    """The furthest stage the release has reached (see module doc)."""
    said = [e for e in events if e.certainty != "speculated"]
    types = {e.type for e in said}
    if "premiered" in types:
        return "premiered"
    fate = [e for e in said if e.type in ("cancelled", "renewed", "ordered")]
    if fate and max(fate, key=_fate_order).type == "cancelled":
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
    `best_window` over the claims seen so far. `Replay` keeps the live claims indexed, so
    an article costs O(log n) per claim it adds or drops, not a pass over the live claims; a run
    of one day's articles that cannot change the best, and a window restated day after day, are
    added without a fold per article (`airdate.replay`).
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
    replay = Replay(claims, in_claim_order, SLACK_DAYS, SUPERSEDE_DAYS)
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
