"""The reconcile rules as they were before issue 11: plain, pairwise and slow, kept as the reference.

`airdate.reconcile` now replays a release's claims through indexes (`airdate.spans`) so
its cost grows as n log n; these are the earlier functions, verbatim but for their
imports and docstrings, that compared claims pair by pair (n² to n³ on a busy release). They live here,
not in the package, because nothing but the property tests (`test_reconcile_fast.py`)
and the flood benchmark (`benchmarks/flood.py`) should run them. `old_rules()` puts them
back in place of the fast ones for the length of a `with` block, store and views included.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

import airdate.changes
import airdate.reconcile as R
from airdate.claims import EventClaim, Source, WindowClaim
from airdate.countdown import format_range
from airdate.models import CERTAINTY_RANK
from airdate.reconcile import (
    SLACK_DAYS,
    SUPERSEDE_DAYS,
    Conflict,
    HistoryEntry,
    _change,
    _claim_order,
    _day,
    _hi,
    _lo,
    _per,
    _range,
    _rank,
    _resolved,
    _shift,
    _width,
    gap_days,
    inside,
    move_sources,
    replaces,
)


def supersession(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> list[str | None]:
    moves = move_sources(windows, events)
    move_days = [_day(m) for m in moves]  # `moves` is in publication order
    by_day = sorted((w for w in windows if _resolved(w)), key=lambda w: (_day(w.source), _claim_order(w)))
    days = [_day(w.source) for w in by_day]
    # latest_start[r][i] / earliest_end[r][i]: over by_day[i:] with rank >= r.
    n = len(by_day)
    latest_start = {r: [date.min] * (n + 1) for r in CERTAINTY_RANK.values()}
    earliest_end = {r: [date.max] * (n + 1) for r in CERTAINTY_RANK.values()}
    for i in range(n - 1, -1, -1):
        b = by_day[i]
        for r in latest_start:
            ok = _rank(b) >= r
            latest_start[r][i] = max(latest_start[r][i + 1], _lo(b)) if ok else latest_start[r][i + 1]
            earliest_end[r][i] = min(earliest_end[r][i + 1], _hi(b)) if ok else earliest_end[r][i + 1]
    per: dict[Source, str] = {}
    out: list[str | None] = []
    for w in windows:
        day = _day(w.source)
        why = None
        later = bisect_right(move_days, day)
        if later < len(moves):
            m = moves[later]
            why = f"date moved, per {per.setdefault(m, _per(m))}"
        elif _resolved(w):
            first = bisect_left(days, _shift(day, SUPERSEDE_DAYS))
            r = _rank(w)
            if latest_start[r][first] > _hi(w) or earliest_end[r][first] < _lo(w):
                by = next((b for b in by_day[first:] if replaces(b, w)), None)
                if by is not None:
                    source = per.setdefault(by.source, _per(by.source))
                    why = f"replaced by {format_range(by.start, by.end)} ({by.certainty}), per {source}"
        out.append(why)
    return out


def _best(current: Sequence[WindowClaim]) -> WindowClaim | None:
    if not current:
        return None
    top = max(_rank(w) for w in current)
    pool = [w for w in current if _rank(w) == top]
    by_day: dict[date, list[WindowClaim]] = {}
    for w in pool:
        by_day.setdefault(_day(w.source), []).append(w)
    picks = [pick_nested(by_day[d]) for d in sorted(by_day, reverse=True)]
    best = picks[0]
    for older in picks[1:]:
        if _width(older) < _width(best) and inside(older, best, SLACK_DAYS):
            best = older
    return best


def pick_nested(windows: Sequence[WindowClaim]) -> WindowClaim:
    ws = sorted(windows, key=_claim_order)
    minimal = [w for w in ws if not any(inside(o, w) and _range(o) != _range(w) for o in ws)]
    return min(minimal, key=lambda w: (_lo(w), _hi(w), _claim_order(w)))


def find_conflicts(pool: Sequence[WindowClaim]) -> tuple[Conflict, ...]:
    ws = sorted(pool, key=_claim_order)  # by publication day first, so the 30-day test can stop early
    moved = [w.says_moved for w in ws]
    out = []
    for i, older in enumerate(ws):
        if older.published is None or moved[i]:
            continue
        for j in range(i + 1, len(ws)):
            newer = ws[j]
            if newer.published is None:
                continue
            if (newer.published - older.published).days >= SUPERSEDE_DAYS:
                break
            if older.certainty != newer.certainty or moved[j] or older.source.outlet == newer.source.outlet:
                continue
            if gap_days(older, newer) > SLACK_DAYS:
                out.append(Conflict(newer, older))
    return tuple(sorted(out, key=lambda c: (_claim_order(c.newer), _claim_order(c.older)), reverse=True))


def history(windows: Sequence[WindowClaim], events: Sequence[EventClaim] = ()) -> tuple[HistoryEntry, ...]:
    sources = sorted({w.source for w in windows} | {e.source for e in events}, key=lambda s: s.order)
    moves = set(move_sources(windows, events))
    # A date announcement alone is no delay; a `delayed` event or move wording is.
    delays = {e.source for e in events if e.type == "delayed" and e.certainty != "speculated"}
    delays |= {w.source for w in windows if w.says_moved}
    said: dict[Source, list[WindowClaim]] = {}
    for w in sorted(windows, key=_claim_order):
        if _resolved(w):
            said.setdefault(w.source, []).append(w)
    out: list[HistoryEntry] = []
    live: list[WindowClaim] = []
    before: WindowClaim | None = None
    for s in sources:
        new = said.get(s, [])
        if s in moves:
            live = [w for w in live if _day(w.source) >= _day(s)]
        live = [w for w in live if not any(replaces(b, w) for b in new)] + new
        after = _best(live)
        if (before and (_range(before), before.certainty)) == (after and (_range(after), after.certainty)):
            continue
        kind, text = _change(before, after, s in delays)
        out.append(HistoryEntry(s, kind, before, after, f"{text}, per {_per(s)}"))
        before = after
    return tuple(out)


REPLACED = {
    "supersession": supersession,
    "_best": _best,
    "pick_nested": pick_nested,
    "find_conflicts": find_conflicts,
    "history": history,
}


@contextmanager
def old_rules() -> Iterator[None]:
    """Inside the block, airdate (reconcile, changes, the store and the views) runs the functions above."""
    # Modules that import one of them by name get the slow one too.
    places = [(R, name) for name in REPLACED] + [(airdate.changes, "history")]
    api = sys.modules.get("airdate.views.api")
    if api is not None:
        places.append((api, "supersession"))
    fast = [(module, name, getattr(module, name)) for module, name in places]
    try:
        for module, name in places:
            setattr(module, name, REPLACED[name])
        yield
    finally:
        for module, name, f in fast:
            setattr(module, name, f)
