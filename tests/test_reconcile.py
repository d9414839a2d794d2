"""The reconcile rules of issue 3, one behaviour per test, on hand-built claims."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.countdown import countdown, describe_window
from airdate.reconcile import (
    CastClaim,
    EventClaim,
    NameClaim,
    ReleaseClaims,
    ReleaseInfo,
    ReleaseState,
    Source,
    WindowClaim,
    best_window,
    reconcile,
)

INFO = ReleaseInfo(1, "Harbor Lights", 3, None, "series")
TODAY = date(2026, 3, 1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def src(day: str | None, publisher: str | None = "Variety", n: int = 0) -> Source:
    return Source(
        article_id=n,
        published=d(day) if day else None,
        publisher=publisher,
        digest=f"{day}|{publisher}|{n}",
    )


def win(
    start: str | None,
    end: str | None,
    certainty: str = "reported",
    source: Source | None = None,
    text: str = "",
) -> WindowClaim:
    s = source or src("2026-01-10")
    sentence = f"It arrives {text or start}."
    return WindowClaim(
        d(start) if start else None,
        d(end) if end else None,
        certainty,  # type: ignore[arg-type]
        text or f"{start}..{end}",
        sentence,
        s,
    )


def moved(claim: WindowClaim) -> WindowClaim:
    return WindowClaim(
        claim.start, claim.end, claim.certainty, claim.text, claim.sentence, claim.source, moved=True
    )


def event(kind: str, source: Source, certainty: str = "confirmed") -> EventClaim:
    return EventClaim(kind, None, certainty, f"It was {kind}.", source)  # type: ignore[arg-type]


def state(
    windows: list[WindowClaim],
    events: list[EventClaim] | None = None,
    today: date = TODAY,
    **more: tuple[object, ...],
) -> ReleaseState:
    claims = ReleaseClaims(INFO, windows=tuple(windows), events=tuple(events or ()), **more)  # type: ignore[arg-type]
    return reconcile(claims, today)


def span(w: WindowClaim | None) -> tuple[str, str, str] | None:
    if w is None:
        return None
    return (w.start.isoformat() if w.start else "", w.end.isoformat() if w.end else "", w.certainty)


# --- rules 3 and 4: nesting ----------------------------------------------------------------------


def test_seed_late_year_and_early_december_reconcile_to_early_december() -> None:
    seed = src("2026-02-21", None)
    late = win("2026-09-01", "2026-12-31", "reported", seed, "late 2026")
    early_dec = win("2026-12-01", "2026-12-10", "reported", seed, "early December 2026")
    for order in ([late, early_dec], [early_dec, late]):
        assert span(state(order).best) == ("2026-12-01", "2026-12-10", "reported")


def test_older_exact_day_survives_newer_wider_window_within_slack() -> None:
    day = win("2026-07-10", "2026-07-10", "confirmed", src("2026-05-01"), "July 10, 2026")
    mid = win("2026-07-11", "2026-07-20", "confirmed", src("2026-05-20"), "mid-July 2026")
    assert span(best_window([day, mid])) == ("2026-07-10", "2026-07-10", "confirmed")


def test_older_window_outside_the_slack_gives_way_to_the_newer() -> None:
    day = win("2026-06-30", "2026-06-30", "confirmed", src("2026-05-01"))
    mid = win("2026-07-11", "2026-07-20", "confirmed", src("2026-05-20"))
    assert span(best_window([day, mid])) == ("2026-07-11", "2026-07-20", "confirmed")


def test_newer_narrower_window_wins() -> None:
    month = win("2026-07-01", "2026-07-31", "confirmed", src("2026-04-01"))
    day = win("2026-07-10", "2026-07-10", "confirmed", src("2026-04-20"))
    assert span(best_window([month, day])) == ("2026-07-10", "2026-07-10", "confirmed")


def test_nesting_chains_from_newest_to_oldest() -> None:
    year = win("2026-01-01", "2026-12-31", "confirmed", src("2026-06-01"))
    month = win("2026-07-01", "2026-07-31", "confirmed", src("2026-05-20"))
    day = win("2026-07-10", "2026-07-10", "confirmed", src("2026-05-10"))
    assert span(best_window([year, month, day])) == ("2026-07-10", "2026-07-10", "confirmed")


def test_newest_window_wins_when_the_older_is_not_inside_it() -> None:
    older = win("2026-05-01", "2026-05-31", "reported", src("2026-02-01"))
    newer = win("2026-06-10", "2026-06-20", "reported", src("2026-02-15"))
    assert span(best_window([older, newer])) == ("2026-06-10", "2026-06-20", "reported")


def test_split_season_windows_that_do_not_nest_take_the_earliest_start() -> None:
    a = src("2026-02-01")
    part1 = win("2026-03-01", "2026-03-31", "confirmed", a, "Part 1 in March")
    part2 = win("2026-06-01", "2026-06-30", "confirmed", a, "Part 2 in June")
    year = win("2026-01-01", "2026-12-31", "confirmed", a, "2026")
    assert span(best_window([part2, year, part1])) == ("2026-03-01", "2026-03-31", "confirmed")


def test_festival_screening_beside_the_streaming_window_is_the_premiere() -> None:
    a = src("2026-06-01")
    festival = win("2026-09-05", "2026-09-05", "confirmed", a, "September 5 at TIFF")
    streaming = win("2026-10-01", "2026-12-31", "confirmed", a, "Q4 2026 on Netflix")
    assert span(best_window([streaming, festival])) == ("2026-09-05", "2026-09-05", "confirmed")


# --- rule 2: certainty --------------------------------------------------------------------------


def test_strongest_certainty_beats_a_newer_weaker_claim() -> None:
    confirmed = win("2026-05-01", "2026-05-31", "confirmed", src("2026-01-01"))
    reported = win("2026-08-01", "2026-08-31", "reported", src("2026-03-01"))
    speculated = win("2026-04-01", "2026-04-10", "speculated", src("2026-03-02"))
    assert span(best_window([reported, speculated, confirmed])) == ("2026-05-01", "2026-05-31", "confirmed")


def test_unresolved_window_never_competes() -> None:
    vague = win(None, None, "confirmed", src("2026-02-01"), "next season")
    dated = win("2026-05-01", "2026-05-31", "speculated", src("2026-01-01"))
    result = state([vague, dated])
    assert span(result.best) == ("2026-05-01", "2026-05-31", "speculated")
    assert len(result.windows) == 2


# --- rule 1: supersession -----------------------------------------------------------------------


def test_newer_delayed_event_supersedes_and_history_keeps_the_delay() -> None:
    old = win("2026-05-21", "2026-05-31", "confirmed", src("2026-01-15", "Deadline"), "late May 2026")
    var = src("2026-04-02", "Variety")
    new = win("2027-10-01", "2027-10-01", "reported", var, "October 1, 2027")
    result = state([old, new], [event("delayed", var, "reported")])
    assert span(result.best) == ("2027-10-01", "2027-10-01", "reported")
    assert result.windows[0].superseded == "date moved, per Variety on 2026-04-02"
    assert result.history[-1].kind == "delayed"
    assert result.history[-1].text == "moved from 2026-05-21..31 to 2027-10-01, per Variety on 2026-04-02"


def test_move_wording_in_a_newer_sentence_supersedes() -> None:
    old = win("2026-05-01", "2026-05-31", "confirmed", src("2026-01-15"))
    s = src("2026-02-01", "IGN")
    newer = WindowClaim(d("2026-06-01"), d("2026-06-30"), "speculated", "June", "It was pushed to June.", s)
    assert span(best_window([old, newer])) == ("2026-06-01", "2026-06-30", "speculated")
    flagged = moved(win("2026-07-01", "2026-07-31", "speculated", s))
    assert span(best_window([old, flagged])) == ("2026-07-01", "2026-07-31", "speculated")


def test_a_delay_without_a_new_date_leaves_no_window() -> None:
    old = win("2026-05-01", "2026-05-31", "confirmed", src("2026-01-15"))
    result = state([old], [event("delayed", src("2026-02-10", "THR"))])
    assert result.best is None
    assert result.countdown.text == "TBA"
    assert result.history[-1].kind == "dropped"


def test_speculated_delay_does_not_supersede() -> None:
    old = win("2026-05-01", "2026-05-31", "confirmed", src("2026-01-15"))
    assert best_window([old], [event("delayed", src("2026-02-10"), "speculated")]) == old


def test_a_move_only_supersedes_claims_from_earlier_days() -> None:
    same_day = win("2026-05-01", "2026-05-31", "confirmed", src("2026-02-10", "Deadline"))
    assert best_window([same_day], [event("date_announced", src("2026-02-10", "THR"))]) == same_day
    own = src("2026-02-10", "Variety")
    assert (
        best_window([win("2026-09-01", "2026-09-01", "confirmed", own)], [event("delayed", own)]) is not None
    )


def test_newer_non_overlapping_claim_30_days_later_supersedes() -> None:
    # Without rule 1b, rule 3 would keep the older day (inside late July with 10 days' slack).
    day = win("2026-07-12", "2026-07-12", "reported", src("2026-03-01"))
    late = win("2026-07-21", "2026-07-31", "reported", src("2026-03-31"))
    result = state([day, late])
    assert span(result.best) == ("2026-07-21", "2026-07-31", "reported")
    assert result.windows[0].superseded == "replaced by 2026-07-21..31 (reported), per Variety on 2026-03-31"


def test_29_days_later_does_not_supersede() -> None:
    day = win("2026-07-12", "2026-07-12", "reported", src("2026-03-01"))
    late = win("2026-07-21", "2026-07-31", "reported", src("2026-03-30"))
    result = state([day, late])
    assert span(result.best) == ("2026-07-12", "2026-07-12", "reported")
    assert all(w.superseded is None for w in result.windows)


def test_weaker_newer_claim_does_not_supersede() -> None:
    confirmed = win("2026-05-01", "2026-05-31", "confirmed", src("2026-01-01"))
    reported = win("2026-09-01", "2026-09-30", "reported", src("2026-03-01"))
    result = state([confirmed, reported])
    assert span(result.best) == ("2026-05-01", "2026-05-31", "confirmed")
    assert result.windows[0].superseded is None


def test_higher_certainty_newer_claim_supersedes_a_weaker_one() -> None:
    reported = win("2026-05-01", "2026-05-31", "reported", src("2026-01-01"))
    confirmed = win("2026-09-01", "2026-09-30", "confirmed", src("2026-03-01"))
    assert state([reported, confirmed]).windows[0].superseded is not None


# --- conflicts ----------------------------------------------------------------------------------


def test_conflict_between_outlets_within_30_days_flags_and_newer_stays_best() -> None:
    older = win("2026-06-01", "2026-06-30", "reported", src("2026-02-01", "Deadline"))
    newer = win("2026-09-01", "2026-09-30", "reported", src("2026-02-20", "Variety"))
    result = state([newer, older])
    assert span(result.best) == ("2026-09-01", "2026-09-30", "reported")
    assert len(result.conflicts) == 1
    assert (result.conflicts[0].newer, result.conflicts[0].older) == (newer, older)
    assert result.to_json()["conflicts"][0]["older"]["source"]["publisher"] == "Deadline"


@pytest.mark.parametrize(
    ("older_publisher", "newer_start", "newer_day", "sentence"),
    [
        ("Variety", "2026-09-01", "2026-02-20", "It arrives in September."),  # same outlet
        ("Deadline", "2026-07-10", "2026-02-20", "It arrives in July."),  # only 10 days apart
        ("Deadline", "2026-09-01", "2026-03-03", "It arrives in September."),  # 30 days: superseded instead
        ("Deadline", "2026-09-01", "2026-02-20", "It was pushed to September."),  # move wording
    ],
)
def test_no_conflict(older_publisher: str, newer_start: str, newer_day: str, sentence: str) -> None:
    older = win("2026-06-01", "2026-06-30", "reported", src("2026-02-01", older_publisher))
    s = src(newer_day, "Variety")
    newer = WindowClaim(d(newer_start), d(newer_start[:8] + "30"), "reported", "later", sentence, s)
    assert state([older, newer]).conflicts == ()


def test_unknown_publishers_are_different_outlets() -> None:
    older = win("2026-06-01", "2026-06-30", "reported", src("2026-02-01", None, 1))
    newer = win("2026-09-01", "2026-09-30", "reported", src("2026-02-20", None, 2))
    assert len(state([older, newer]).conflicts) == 1


def test_conflicts_only_among_the_best_certainty() -> None:
    a = win("2026-06-01", "2026-06-30", "reported", src("2026-02-01", "Deadline"))
    b = win("2026-09-01", "2026-09-30", "reported", src("2026-02-20", "Variety"))
    c = win("2026-10-05", "2026-10-05", "confirmed", src("2026-02-25", "Netflix"))
    result = state([a, b, c])
    assert span(result.best) == ("2026-10-05", "2026-10-05", "confirmed")
    assert result.conflicts == ()


# --- status -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "certainty", "status"),
    [
        ([], "reported", "announced"),
        (["ordered"], "reported", "announced"),
        (["renewed"], "reported", "renewed"),
        (["renewed", "filming_started"], "reported", "in production"),
        (["filming_started", "filming_wrapped"], "reported", "wrapped"),
        (["filming_wrapped"], "confirmed", "dated"),
        (["premiered"], "confirmed", "premiered"),
        (["renewed", "cancelled"], "reported", "cancelled"),
        (["cancelled", "renewed"], "reported", "renewed"),
    ],
)
def test_status(kinds: list[str], certainty: str, status: str) -> None:
    events = [event(k, src(f"2026-01-{10 + i:02d}")) for i, k in enumerate(kinds)]
    result = state([win("2026-09-01", "2026-09-30", certainty)], events)
    assert result.status == status


def test_within_one_days_articles_the_later_event_decides_the_fate() -> None:
    # "'Brooklyn Nine-Nine' Finds New TV Home" (undated: the article's day) after "Fox canceled the hit
    # comedy on Thursday": renewed. The same article telling of a cancellation after a renewal: cancelled.
    s = src("2018-05-12")
    cancelled = EventClaim("cancelled", "2018-05-10", "confirmed", "Fox canceled the hit comedy on Thursday.", s)
    rescued = EventClaim("renewed", None, "confirmed", "'Brooklyn Nine-Nine' Finds New TV Home", s)
    assert state([], [cancelled, rescued]).status == "renewed"
    renewed = EventClaim("renewed", "2018-01", "confirmed", "It was renewed in January.", s)
    axed = EventClaim("cancelled", None, "confirmed", "It has now been cancelled.", s)
    assert state([], [renewed, axed]).status == "cancelled"
    # Both undated in one article: the cancellation, as before.
    assert state([], [event("renewed", s), event("cancelled", s)]).status == "cancelled"


def test_speculated_events_do_not_set_status() -> None:
    assert state([], [event("renewed", src("2026-01-10"), "speculated")]).status == "announced"


def test_overdue_when_best_window_passed_without_premiere() -> None:
    w = win("2026-01-01", "2026-01-31", "confirmed", src("2025-11-01"))
    result = state([w], today=date(2026, 2, 1))
    assert (result.status, result.overdue, result.countdown.text) == ("dated", True, "passed")
    assert not state([w], today=date(2026, 1, 31)).overdue


def test_premiere_claim_is_never_overdue() -> None:
    w = win("2026-01-01", "2026-01-31", "confirmed", src("2025-11-01"))
    result = state([w], [event("premiered", src("2026-01-05"))], today=date(2026, 3, 1))
    assert (result.status, result.overdue) == ("premiered", False)


# --- countdown ----------------------------------------------------------------------------------


def _count(
    start: str, end: str, today: str, certainty: str = "confirmed"
) -> tuple[int | None, int | None, str]:
    c = countdown(d(start), d(end), certainty, d(today))
    return c.days_to_start, c.days_to_end, c.text


@pytest.mark.parametrize(
    ("day", "today", "days", "text"),
    [
        ("2027-01-02", "2026-12-30", 3, "in 3 days"),  # across a year end
        ("2026-02-01", "2026-01-31", 1, "tomorrow"),  # across a month end
        ("2028-03-01", "2028-02-28", 2, "in 2 days"),  # leap year: Feb 29 between
        ("2027-03-01", "2027-02-28", 1, "tomorrow"),  # non-leap year
        ("2024-03-01", "2024-02-01", 29, "in 29 days"),
        ("2026-06-07", "2026-06-07", 0, "today"),
        ("2026-06-07", "2026-06-08", -1, "passed"),
    ],
)
def test_countdown_to_a_confirmed_day(day: str, today: str, days: int, text: str) -> None:
    assert _count(day, day, today) == (days, days, text)


def test_countdown_to_a_window_states_its_precision() -> None:
    assert _count("2026-12-01", "2026-12-10", "2026-11-23", "reported") == (
        8,
        17,
        "in 8–17 days (early December, reported)",
    )
    assert _count("2027-01-01", "2027-03-31", "2026-12-30", "reported") == (
        2,
        91,
        "in 2–91 days (Q1 2027, reported)",
    )
    assert (
        _count("2026-12-01", "2026-12-10", "2026-12-04", "reported")[2]
        == "within 6 days (early December, reported)"
    )
    assert (
        _count("2026-12-01", "2026-12-10", "2026-12-10", "reported")[2]
        == "today at the latest (early December, reported)"
    )
    assert _count("2026-06-07", "2026-06-07", "2026-06-04", "reported")[2] == "in 3 days (June 7, reported)"


def test_countdown_without_a_window_is_tba() -> None:
    c = countdown(None, None, None, TODAY)
    assert (c.days_to_start, c.days_to_end, c.text) == (None, None, "TBA")
    open_end = countdown(d("2026-04-01"), None, "confirmed", TODAY)
    assert (open_end.days_to_start, open_end.days_to_end, open_end.text) == (
        31,
        None,
        "in 31+ days (from April 1, confirmed)",
    )


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2026-12-01", "2026-12-10", "early December"),
        ("2027-12-21", "2027-12-31", "late December 2027"),
        ("2026-03-01", "2026-03-31", "March"),
        ("2027-01-01", "2027-12-31", "2027"),
        ("2026-09-01", "2026-12-31", "late 2026"),
        ("2026-06-01", "2026-08-31", "summer 2026"),
        ("2026-12-01", "2027-02-28", "winter 2026/27"),
        ("2026-04-01", "2026-06-30", "Q2 2026"),
        ("2026-04-01", "2026-05-31", "April–May"),
        ("2026-04-03", "2026-05-09", "2026-04-03..05-09"),
    ],
)
def test_describe_window(start: str, end: str, words: str) -> None:
    assert describe_window(d(start), d(end), TODAY) == words


# --- platforms, cast, history, order independence ----------------------------------------------


def test_platforms_union_in_first_seen_order() -> None:
    a, b = src("2026-01-01"), src("2026-02-01")
    platforms = (
        NameClaim("Hulu", b),
        NameClaim("Netflix", a),
        NameClaim("Disney+", b),
        NameClaim("netflix", b),
    )
    assert state([], platforms=platforms).platforms == ("Netflix", "Hulu", "Disney+")


def test_cast_union_keeps_sources_and_honours_leaving() -> None:
    a, b = src("2026-01-01", "Deadline"), src("2026-02-01", "Variety")
    cast = (
        CastClaim("Park Ji-hu", "Nam On-jo", "returning", "Park Ji-hu returns as Nam On-jo.", a),
        CastClaim("Park Ji-hu", None, "leaving", "Park Ji-hu will not return.", b),
        CastClaim("Lomon", "Lee Su-hyeok", "returning", "Lomon returns.", a),
        CastClaim("Lomon", "Lee Su-hyeok", "unknown", "Lomon stars.", b),
    )
    result = state([], cast=cast)
    assert [(c.actor, c.character, c.status, len(c.sources)) for c in result.cast] == [
        ("Park Ji-hu", "Nam On-jo", "leaving", 2),
        ("Lomon", "Lee Su-hyeok", "returning", 2),
    ]


def test_history_records_each_change_with_its_source() -> None:
    windows = [
        win("2026-01-01", "2026-12-31", "speculated", src("2025-10-01", "Collider"), "2026"),
        win("2026-09-01", "2026-12-31", "reported", src("2025-12-01", "Deadline"), "late 2026"),
        win("2026-10-02", "2026-10-02", "confirmed", src("2026-03-01", "Netflix"), "October 2"),
        win("2026-10-02", "2026-10-02", "confirmed", src("2026-03-05", "Variety"), "October 2"),
    ]
    kinds = [h.kind for h in state(windows).history]
    assert kinds == ["first", "narrowed", "narrowed"]


def _story() -> tuple[list[WindowClaim], list[EventClaim]]:
    deadline, variety, thr = (
        src("2026-01-10", "Deadline"),
        src("2026-02-01", "Variety"),
        src("2026-02-20", "THR"),
    )
    netflix = src("2026-04-01", "Netflix")
    windows = [
        win("2026-01-01", "2026-12-31", "speculated", deadline, "2026"),
        win("2026-05-01", "2026-05-31", "reported", deadline, "May 2026"),
        win("2026-06-01", "2026-06-30", "reported", variety, "June 2026"),
        win("2026-09-01", "2026-09-30", "reported", thr, "September"),
        win("2026-10-02", "2026-10-02", "confirmed", netflix, "October 2"),
    ]
    return windows, [event("renewed", deadline), event("date_announced", netflix)]


def test_story_state_does_not_depend_on_claim_order() -> None:
    windows, events = _story()
    expected = state(windows, events)
    assert span(expected.best) == ("2026-10-02", "2026-10-02", "confirmed")
    rng = random.Random(3)
    for _ in range(20):
        rng.shuffle(windows)
        rng.shuffle(events)
        assert state(windows, events) == expected


DAYS = st.integers(min_value=0, max_value=400)
CLAIM = st.tuples(
    st.integers(0, 5),
    DAYS,
    st.integers(0, 120),
    st.sampled_from(["confirmed", "reported", "speculated"]),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(CLAIM, max_size=12),
    st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["delayed", "renewed"]))),
    st.randoms(),
)
def test_any_claims_in_any_article_order_give_the_same_state(
    claims: list[tuple[int, int, int, str, bool]], events: list[tuple[int, str]], rnd: random.Random
) -> None:
    base = date(2026, 1, 1)
    sources = [
        src(date.fromordinal(base.toordinal() + 20 * i).isoformat(), ["A", "B", None][i % 3], i)
        for i in range(6)
    ]
    windows = [
        WindowClaim(
            date.fromordinal(base.toordinal() + s),
            date.fromordinal(base.toordinal() + s + n),
            c,  # type: ignore[arg-type]
            f"w{s}+{n}",
            "moved to" if m else "set for",
            sources[a],
        )
        for a, s, n, c, m in claims
    ]
    evs = [event(k, sources[a], "reported") for a, k in events]
    expected = state(windows, evs)
    assert span(expected.history[-1].after if expected.history else None) == span(expected.best)
    articles = list(range(6))
    rnd.shuffle(articles)
    shuffled_w = [w for a in articles for w in windows if w.source == sources[a]]
    shuffled_e = [e for a in articles for e in evs if e.source == sources[a]]
    assert state(shuffled_w, shuffled_e) == expected


def test_history_tells_a_delay_from_an_announcement() -> None:
    year = win("2026-01-01", "2026-12-31", "confirmed", src("2026-01-05", "Netflix"), "2026")
    announced = src("2026-02-01", "Netflix")
    october = win("2026-10-01", "2026-10-31", "confirmed", announced, "October")
    pushed = src("2026-03-01", "Variety")
    later = win("2027-01-01", "2027-03-31", "confirmed", pushed, "Q1 2027")
    entries = state(
        [year, october, later], [event("date_announced", announced), event("delayed", pushed)]
    ).history
    assert [(h.kind, h.text) for h in entries] == [
        ("first", "first window 2026-01-01..12-31 (2026, confirmed), per Netflix on 2026-01-05"),
        ("narrowed", "narrowed from 2026-01-01..12-31 to 2026-10-01..31, per Netflix on 2026-02-01"),
        ("delayed", "moved from 2026-10-01..31 to 2027-01-01..03-31, per Variety on 2026-03-01"),
    ]


def test_history_of_a_date_moved_earlier_and_a_firmer_claim() -> None:
    first = win("2026-09-01", "2026-09-30", "reported", src("2026-01-05", "Deadline"), "September")
    earlier = win("2026-06-01", "2026-06-30", "reported", src("2026-03-01", "Variety"), "June")
    firm = win("2026-06-01", "2026-06-30", "confirmed", src("2026-03-05", "Netflix"), "June")
    assert [h.kind for h in state([first, earlier, firm]).history] == ["first", "moved", "certainty"]


@pytest.mark.parametrize(
    ("later", "moved"),
    [
        ("It arrives on January 14, per sources.", False),  # news of the hand's certainty, newer
        ("It was pushed to January 14, sources say.", True),  # a move drops news before it, not the hand
    ],
)
def test_history_ends_where_a_date_set_by_hand_leaves_the_state(later: str, moved: bool) -> None:
    from airdate.claims import ReleaseClaims, ReleaseInfo, Source, WindowClaim
    from airdate.reconcile import history, in_order, reconcile

    info = ReleaseInfo(1, "Harbor Lights", 3, None, "series")
    news = Source(1, date(2026, 11, 1), "Variety", digest="a")
    hand = Source(2, date(2026, 11, 20), None, digest="b", by="editor")
    newer = Source(3, date(2026, 12, 1), "Deadline", digest="c")
    claims = ReleaseClaims(info, windows=(
        WindowClaim(date(2027, 2, 1), date(2027, 2, 28), "reported", "February", "It comes in February.", news),
        WindowClaim(date(2027, 1, 20), date(2027, 1, 20), "reported", "2027-01-20", "set by hand", hand),
        WindowClaim(date(2027, 1, 14), date(2027, 1, 14), "reported", "January 14", later, newer, moved=moved),
    ))
    state = reconcile(claims, date(2026, 12, 2))
    assert state.best is not None and state.best.source == hand  # manual_first: the hand outranks equal news
    windows, events = in_order(claims)
    last = history(windows, events)[-1]
    assert last.after is not None and (last.after.start, last.after.source) == (date(2027, 1, 20), hand)
