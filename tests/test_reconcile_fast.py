"""The indexed reconcile (issue 11) gives exactly what the plain pairwise rules gave.

`reconcile_reference` holds the functions as they were; every test here runs both on the
same claims and compares everything: history, rule 1, rule 4's pick, the best window,
conflicts, the full state as JSON, the board summary and the changes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import reconcile_reference as ref
from demo_gold import GoldExtractor
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate import reconcile as R
from airdate.changes import changes
from airdate.claims import EventClaim, ReleaseClaims, ReleaseInfo, Source, WindowClaim
from airdate.ingest import ingest
from airdate.settings import Settings
from airdate.store import open_store

INFO = ReleaseInfo(1, "Harbor Lights", 2, None, "series")
TODAY = date(2026, 9, 1)
BASE = date(2026, 1, 1)
NEAR_END = date.max - timedelta(days=5)  # adding 30 days (rule 1b) or 10 (rule 3) overflows here

# Publication days: a few, so that many articles share one, far enough apart for rule 1b.
DAYS = [0, 0, 1, 12, 29, 30, 31, 45, 90, 91, 200]
# Windows that nest the way dates in articles do: a year, a season, a month, a week, a day.
NESTED = [(0, 364), (151, 242), (181, 211), (181, 190), (190, 196), (190, 190), (195, 195), (200, 230)]


@st.composite
def windows_(draw: st.DrawFn, far_only: bool = False) -> tuple[int | None, int | None]:
    kinds = ["nested", "nested", "random", "open", "day", "far"]
    kind = draw(st.sampled_from(kinds if not far_only else ["far"]))
    if kind == "far":  # within 10 days of the first or last day there is: rule 3's slack overflows
        first, last = (date.min - BASE).days, (date.max - BASE).days
        return draw(st.sampled_from(
            [(first + 1, first + 1), (first + 1, first + 5), (first + 4, first + 20),
             (last - 3, last - 1), (last - 20, last - 6), (last - 9, last)]
        ))  # fmt: skip
    if kind == "nested":
        lo, hi = draw(st.sampled_from(NESTED))
        shift = draw(st.sampled_from([0, 0, 0, 5, 11, -9, 365]))
        return lo + shift, hi + shift
    if kind == "day":
        day = draw(st.integers(150, 260))
        return day, day
    if kind == "open":
        return draw(st.sampled_from([(None, 200), (190, None), (None, None)]))
    lo = draw(st.integers(0, 400))
    return lo, lo + draw(st.integers(-15, 120))  # now and then the end before the start


@st.composite
def sources(draw: st.DrawFn, k: int) -> Source:
    when = draw(st.one_of(st.sampled_from(DAYS), st.none(), st.just(-1)))
    published = None if when is None else NEAR_END if when == -1 else BASE + timedelta(days=when)
    publisher = draw(st.sampled_from(["Variety", "Deadline", "variety", None, None]))
    url = draw(st.sampled_from([None, "https://www.tvline.com/a", "https://ign.com/b"]))
    return Source(k, published, publisher, None, None, url, digest=draw(st.sampled_from(["a", "b", f"d{k}"])))


@st.composite
def claim_sets(draw: st.DrawFn, max_windows: int = 30, far_only: bool = False) -> ReleaseClaims:
    pool = [draw(sources(k)) for k in range(draw(st.integers(1, 12)))]
    windows = []
    for _ in range(draw(st.integers(0, max_windows))):
        lo, hi = draw(windows_(far_only))
        windows.append(
            WindowClaim(
                None if lo is None else BASE + timedelta(days=lo),
                None if hi is None else BASE + timedelta(days=hi),
                draw(st.sampled_from(["confirmed", "reported", "reported", "speculated"])),
                draw(st.sampled_from(["t", "u"])),
                draw(st.sampled_from(["It arrives then.", "It was pushed to then.", "Sources say then."])),
                draw(st.sampled_from(pool)),
                moved=draw(st.booleans()) and draw(st.booleans()),
            )
        )
    events = [
        EventClaim(kind, None, certainty, "e", draw(st.sampled_from(pool)))
        for kind, certainty in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["delayed", "date_announced", "renewed", "cancelled", "premiered"]),
                    st.sampled_from(["confirmed", "reported", "speculated"]),
                ),
                max_size=4,
            )
        )
    ]
    shuffled = draw(st.permutations(windows))  # the order claims arrive in is not theirs to decide
    return ReleaseClaims(INFO, windows=tuple(shuffled), events=tuple(events))


DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"


def assert_same(claims: ReleaseClaims) -> None:
    windows, events = R.in_order(claims)
    assert R.history(windows, events) == ref.history(windows, events)
    reasons = R.supersession(windows, events)
    assert reasons == ref.supersession(windows, events)
    current = [w for w, why in zip(windows, reasons, strict=True) if why is None and R._resolved(w)]
    assert R._best(current) == ref._best(current)
    assert R.find_conflicts(windows) == ref.find_conflicts(windows)
    assert R.find_conflicts(current) == ref.find_conflicts(current)
    fast_state, fast_story = R.reconcile(claims, TODAY), R.story_of(claims)
    fast_changes = changes(claims, fast_story)
    with ref.old_rules():
        slow_state, slow_story = R.reconcile(claims, TODAY), R.story_of(claims)
        slow_changes = changes(claims, slow_story)
    assert fast_state == slow_state
    assert fast_state.to_json() == slow_state.to_json()
    assert fast_story == slow_story
    assert R.summarize(claims, fast_story) == R.summarize(claims, slow_story)
    assert fast_changes == slow_changes


@settings(max_examples=400, deadline=None)
@given(claim_sets())
def test_fast_reconcile_matches_the_pairwise_rules(claims: ReleaseClaims) -> None:
    assert_same(claims)


@settings(max_examples=200, deadline=None)
@given(claim_sets(max_windows=8, far_only=True))
def test_windows_at_the_ends_of_the_calendar_match(claims: ReleaseClaims) -> None:
    """Rule 3's 10 days of slack and rule 1b's 30 days run past date.max there, and must stop as before."""
    assert_same(claims)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(windows_(), st.integers(0, 3)), min_size=1, max_size=20))
def test_rule_4_pick_matches_comparing_every_pair(
    drawn: list[tuple[tuple[int | None, int | None], int]],
) -> None:
    windows = [
        WindowClaim(
            None if lo is None else BASE + timedelta(days=lo),
            None if hi is None else BASE + timedelta(days=hi),
            "reported",
            "t",
            "It arrives then.",
            Source(k, BASE, digest="same"),  # a few articles, so some windows tie on everything but the range
        )
        for (lo, hi), k in drawn
    ]
    assert R.pick_nested(windows) == ref.pick_nested(windows)


@settings(max_examples=60, deadline=None)
@given(st.lists(windows_(), min_size=1, max_size=40), st.sampled_from(DAYS))
def test_one_day_flood_matches(ranges: list[tuple[int | None, int | None]], day: int) -> None:
    """Many articles of one day from one outlet: rule 4 over the whole pool at every step."""
    windows = tuple(
        WindowClaim(
            None if lo is None else BASE + timedelta(days=lo),
            None if hi is None else BASE + timedelta(days=hi),
            "reported",
            "t",
            "It arrives then.",
            Source(k, BASE + timedelta(days=day), "Feed", digest=f"{k:04d}"),
        )
        for k, (lo, hi) in enumerate(ranges)
    )
    assert_same(ReleaseClaims(INFO, windows=windows))


def test_large_random_releases_match() -> None:
    """A few hundred claims, so the indexes are many levels deep (hypothesis keeps sets small)."""
    rng = random.Random(11)
    for shape in ("spread", "one day", "undated", "narrowing"):
        windows = []
        for k in range(300):
            if shape == "spread":
                published: date | None = BASE + timedelta(days=rng.randrange(0, 400))
            elif shape == "narrowing":
                published = BASE + timedelta(days=k)
            else:
                published = None if shape == "undated" else BASE
            source = Source(k, published, rng.choice(["Variety", "Deadline", None]), digest=f"{k:05d}")
            lo = rng.randrange(100, 500)
            width = rng.choice([0, 0, 6, 9, 30, 90, 364]) if shape != "narrowing" else max(0, 300 - k)
            sentence = rng.choice(["It arrives then.", "It was pushed to then.", "Sources say then."])
            certainty = rng.choice(["confirmed", "reported", "speculated"])
            windows.append(
                WindowClaim(
                    BASE + timedelta(days=lo),
                    BASE + timedelta(days=lo + width),
                    certainty,  # type: ignore[arg-type]
                    "t",
                    sentence,
                    source,
                )
            )
        events = [EventClaim("delayed", None, "reported", "e", w.source) for w in rng.sample(windows, 5)]
        assert_same(ReleaseClaims(INFO, windows=tuple(windows), events=tuple(events)))


def test_a_claim_exactly_30_days_older_is_replaced_in_the_history_too() -> None:
    """Rule 1b's boundary: 30 days later replaces, so the older day inside the newer window drops out."""
    old = WindowClaim(BASE + timedelta(days=195), BASE + timedelta(days=195), "reported", "t", "It arrives then.",
                      Source(1, BASE, "Variety", digest="a"))  # fmt: skip
    for gap, best in ((30, (200, 230)), (29, (195, 195))):
        new = WindowClaim(BASE + timedelta(days=200), BASE + timedelta(days=230), "reported", "u",
                          "It arrives then.", Source(2, BASE + timedelta(days=gap), "Deadline", digest="b"))  # fmt: skip
        claims = ReleaseClaims(INFO, windows=(old, new))
        after = R.history(*R.in_order(claims))[-1].after
        assert after is not None
        assert ((after.start - BASE).days, (after.end - BASE).days) == best
        assert_same(claims)


def test_rule_3_slack_stops_at_the_ends_of_the_calendar() -> None:
    """10 days of slack past date.max (or before date.min) is no slack: the older window is not inside."""
    first, last = date.min, date.max
    for older, newer in (
        (
            (last - timedelta(days=3), last - timedelta(days=1)),
            (last - timedelta(days=20), last - timedelta(days=6)),
        ),
        (
            (first + timedelta(days=1), first + timedelta(days=1)),
            (first + timedelta(days=4), first + timedelta(days=20)),
        ),
    ):
        a = WindowClaim(*older, "reported", "t", "It arrives then.", Source(1, BASE, "Variety", digest="a"))
        b = WindowClaim(
            *newer, "reported", "t", "It arrives then.", Source(2, BASE + timedelta(days=12), "Deadline")
        )
        claims = ReleaseClaims(INFO, windows=(a, b))
        assert R.history(*R.in_order(claims))[-1].after == b
        assert_same(claims)


def test_the_demo_story_is_the_same_both_ways(tmp_path: Path) -> None:
    """The demo corpus through the store: every release's state, board row and changes, fast and slow."""
    fast, slow = tmp_path / "fast.db", tmp_path / "slow.db"
    with open_store(fast) as store:
        ingest(store, [str(DEMO)], GoldExtractor(), Settings())
    with ref.old_rules(), open_store(slow) as store:
        ingest(store, [str(DEMO)], GoldExtractor(), Settings())
    with open_store(fast) as a, open_store(slow) as b:
        assert a.board() == b.board()
        assert [(c.id, c.kind, c.text) for c in a.changes(limit=1000)] == [
            (c.id, c.kind, c.text) for c in b.changes(limit=1000)
        ]
        releases = a.all_claims()
        assert len(releases) > 5
        for claims in releases:
            assert_same(claims)


def test_a_window_restated_day_after_day_through_moves_matches() -> None:
    """The flood's "years" shape, small: articles a day apart restating one window in blocks, the
    window narrowing, a move every 40 articles (history reuses a fold for a restatement, and searches
    past what a move dropped instead of clearing it)."""
    windows, events = [], []
    for k in range(200):
        source = Source(k, BASE + timedelta(days=k), ("Variety", "Deadline")[k % 2], digest=f"{k:04d}")
        block, month = (k % 40) // 5, 200 + 31 * (k // 40)
        lo, hi = [(month - 30, month + 300), (month, month + 180), (month, month + 27), (month + 9, month + 9)][block % 4]
        certainty = "confirmed" if block == 7 else "reported"
        windows.append(WindowClaim(BASE + timedelta(days=lo), BASE + timedelta(days=hi), certainty, f"w{block}",
                                   "It arrives then.", source))  # fmt: skip
        if k % 40 == 0 and k:
            events.append(EventClaim("delayed", None, "reported", "It was pushed.", source))
    assert_same(ReleaseClaims(INFO, windows=tuple(windows), events=tuple(events)))


@st.composite
def restatements(draw: st.DrawFn) -> ReleaseClaims:
    """Articles on the same day or a day or a month apart, most restating the window of the one before:
    the runs history replays without a `best` per article (one day's flood, a window restated daily),
    broken by a new range or certainty, a second claim or a move. (The rules as they were knew no schedule
    nor hand, so there are none.)"""
    ranges = [(181, 211), (190, 190), (0, 364), (400, 430), (185, 200)]
    day, last = 0, (draw(st.sampled_from(ranges)), "reported")
    windows, events = [], []
    for k in range(draw(st.integers(1, 70))):
        day += draw(st.sampled_from([0, 0, 1, 1, 1, 1, 2, 31]))
        source = Source(k, BASE + timedelta(days=day), draw(st.sampled_from(["Variety", "Deadline", None])),
                        digest=f"{k:04d}")  # fmt: skip
        for _ in range(draw(st.sampled_from([1, 1, 1, 1, 2, 0]))):
            if draw(st.integers(0, 5)) == 0:  # now and then another range or certainty
                last = (draw(st.sampled_from(ranges)), draw(st.sampled_from(["confirmed", "reported", "speculated"])))
            (lo, hi), certainty = last
            sentence = "It was pushed to then." if draw(st.integers(0, 30)) == 0 else "It arrives then."
            windows.append(WindowClaim(BASE + timedelta(days=lo), BASE + timedelta(days=hi), certainty,  # type: ignore[arg-type]
                                       "t", sentence, source))  # fmt: skip
        if draw(st.integers(0, 25)) == 0:
            events.append(EventClaim("delayed", None, "reported", "It was pushed.", source))
    return ReleaseClaims(INFO, windows=tuple(draw(st.permutations(windows))), events=tuple(events))


@settings(max_examples=300, deadline=None)
@given(restatements())
def test_runs_of_one_day_and_of_restated_windows_match(claims: ReleaseClaims) -> None:
    assert_same(claims)


def test_equal_sources_that_are_not_one_object_replay_as_one_article() -> None:
    """Claims whose sources are equal but built apart (not loaded from one row) are one article's, as
    they were when history grouped them by value; history then takes its slower grouping path."""
    day = BASE + timedelta(days=3)
    windows = [
        WindowClaim(BASE + timedelta(days=lo), BASE + timedelta(days=hi), "reported", "t", "It arrives then.",
                    Source(7, day, "Variety", digest="x"))  # fmt: skip
        for lo, hi in ((190, 190), (181, 211), (200, 230))
    ]
    later = Source(8, BASE + timedelta(days=40), "Deadline", digest="y")
    windows.append(WindowClaim(BASE + timedelta(days=260), BASE + timedelta(days=260), "reported", "t", "It arrives then.", later))
    claims = ReleaseClaims(INFO, windows=tuple(windows))
    assert len(R.history(*R.in_order(claims))) == 2  # the first article's pick, then the later day
    assert_same(claims)
