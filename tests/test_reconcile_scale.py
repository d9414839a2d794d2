"""The fast rule-1b and conflict scans in airdate.reconcile give exactly what comparing every pair gives."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from airdate import reconcile as R
from airdate.claims import EventClaim, Source, WindowClaim


def pairwise_supersession(windows: list[WindowClaim], events: list[EventClaim]) -> list[str | None]:
    """Rule 1 the plain way: every claim against every later one."""
    moves = R.move_sources(windows, events)
    by_day = sorted(
        (w for w in windows if R._resolved(w)), key=lambda w: (R._day(w.source), R._claim_order(w))
    )
    days = [R._day(w.source) for w in by_day]
    out: list[str | None] = []
    for w in windows:
        day = R._day(w.source)
        why = next((f"date moved, per {R._per(m)}" for m in moves if R._day(m) > day), None)
        if why is None and R._resolved(w):
            first = bisect_left(days, R._shift(day, R.SUPERSEDE_DAYS))
            b = next((b for b in by_day[first:] if R.replaces(b, w)), None)
            if b is not None:
                why = f"replaced by {R.format_range(b.start, b.end)} ({b.certainty}), per {R._per(b.source)}"
        out.append(why)
    return out


def pairwise_conflicts(pool: list[WindowClaim]) -> tuple[R.Conflict, ...]:
    ws = sorted(pool, key=R._claim_order)
    out = []
    for i, older in enumerate(ws):
        for newer in ws[i + 1 :]:
            if older.published is None or newer.published is None or older.certainty != newer.certainty:
                continue
            if older.source.outlet == newer.source.outlet or older.says_moved or newer.says_moved:
                continue
            if abs((newer.published - older.published).days) >= R.SUPERSEDE_DAYS:
                continue
            if R.gap_days(older, newer) > R.SLACK_DAYS:
                out.append(R.Conflict(newer, older))
    return tuple(sorted(out, key=lambda c: (R._claim_order(c.newer), R._claim_order(c.older)), reverse=True))


BASE = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=400)
sources = st.builds(
    lambda k, day, publisher: Source(
        k, None if day is None else BASE + timedelta(days=day), publisher, digest=f"d{k}"
    ),
    st.integers(0, 6),
    st.one_of(st.none(), days, st.just(2_912_430)),  # within 12 days of date.max: the 30-day shift overflows
    st.sampled_from(["Variety", "Deadline", None]),
)


@st.composite
def claims(draw: st.DrawFn) -> tuple[list[WindowClaim], list[EventClaim]]:
    pool = draw(st.lists(sources, min_size=1, max_size=6, unique_by=lambda s: s.article_id))
    windows = []
    for _ in range(draw(st.integers(0, 14))):
        start = draw(st.one_of(st.none(), days))
        length = draw(st.integers(0, 60))
        windows.append(
            WindowClaim(
                None if start is None else BASE + timedelta(days=start),
                None
                if draw(st.booleans()) and start is None
                else BASE + timedelta(days=(start or 0) + length),
                draw(st.sampled_from(["confirmed", "reported", "speculated"])),
                "t",
                draw(st.sampled_from(["It arrives then.", "It was pushed to then.", "Sources say then."])),
                draw(st.sampled_from(pool)),
            )
        )
    events = [
        EventClaim(kind, None, certainty, "e", draw(st.sampled_from(pool)))
        for kind, certainty in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["delayed", "date_announced", "renewed"]),
                    st.sampled_from(["confirmed", "speculated"]),
                ),
                max_size=3,
            )  # fmt: skip
        )
    ]
    return sorted(windows, key=R._claim_order), events


@settings(max_examples=300, deadline=None)
@given(claims())
def test_fast_rule_1b_and_conflicts_match_the_pairwise_rules(
    found: tuple[list[WindowClaim], list[EventClaim]],
) -> None:
    windows, events = found
    assert R.supersession(windows, events) == pairwise_supersession(windows, events)
    assert R.find_conflicts(windows) == pairwise_conflicts(windows)
