"""Reconciliation with schedule claims: they outrank news of the same certainty, conflicts show both sides."""

from __future__ import annotations

from datetime import date

from airdate.changes import changes
from airdate.claims import EventClaim, ReleaseClaims, ReleaseInfo, Source, WindowClaim
from airdate.models import Certainty
from airdate.reconcile import reconcile

TODAY = date(2026, 11, 24)
INFO = ReleaseInfo(1, "Harbor Lights", 3, None, "series")


def news(n: int, day: str, start: str, end: str, certainty: Certainty = "confirmed", outlet: str = "Variety",
         sentence: str = "It premieres then.") -> WindowClaim:  # fmt: skip
    src = Source(n, date.fromisoformat(day), outlet, f"headline {n}", None, None, f"digest{n}")
    return WindowClaim(date.fromisoformat(start), date.fromisoformat(end), certainty, start, sentence, src)


def schedule(n: int, seen: str, day: str) -> WindowClaim:
    src = Source(-n, date.fromisoformat(seen), "TVmaze schedule", "Harbor Lights", None, None, f"schedule:{n}",
                 schedule=True)  # fmt: skip
    d = date.fromisoformat(day)
    return WindowClaim(d, d, "confirmed", "TVmaze schedule", f"TVmaze lists it premiering on {day}.", src)


def manual(day: str) -> WindowClaim:
    src = Source(-900, date(2026, 11, 23), None, None, None, None, "manual:1", by="alice")
    d = date.fromisoformat(day)
    return WindowClaim(d, d, "confirmed", "set by hand", "", src)


def state(*windows: WindowClaim, events: tuple[EventClaim, ...] = ()):  # type: ignore[no-untyped-def]
    return reconcile(ReleaseClaims(INFO, windows=windows, events=events), TODAY)


def test_a_schedule_date_outranks_confirmed_news_and_the_disagreement_is_a_conflict() -> None:
    article = news(1, "2026-11-19", "2027-01-14", "2027-01-14")
    s = state(article, schedule(1, "2026-11-20", "2027-02-04"))
    assert s.best is not None and s.best.source.schedule and s.best.start == date(2027, 2, 4)
    assert [{c.newer.source.label, c.older.source.label} for c in s.conflicts] == [{"TVmaze schedule", "Variety"}]
    # The same news published after the schedule still does not replace it, and still disagrees.
    later = news(2, "2027-01-10", "2027-01-14", "2027-01-14")
    s = state(schedule(1, "2026-11-20", "2027-02-04"), later)
    assert s.best is not None and s.best.source.schedule and len(s.conflicts) == 1


def test_news_that_agrees_is_no_conflict_and_speculation_never_is() -> None:
    s = state(news(1, "2026-11-19", "2027-02-01", "2027-02-10", "reported"), schedule(1, "2026-11-20", "2027-02-04"),
              news(2, "2026-11-21", "2027-06-01", "2027-06-30", "speculated"))  # fmt: skip
    assert s.best is not None and s.best.source.schedule and s.conflicts == ()


def test_the_schedule_supersedes_older_news_it_does_not_overlap() -> None:
    old = news(1, "2026-03-01", "2026-09-01", "2026-11-30", "reported", sentence="Eyeing fall 2026.")
    s = state(old, schedule(1, "2026-11-20", "2027-02-04"))
    reasons = {w.claim.source.kind: w.superseded for w in s.windows}
    assert reasons["article"] is not None and "TVmaze schedule" in reasons["article"]
    assert reasons["schedule"] is None and s.conflicts == ()


def test_a_date_set_by_hand_still_beats_the_schedule() -> None:
    s = state(schedule(1, "2026-11-20", "2027-02-04"), manual("2027-03-01"))
    assert s.best is not None and s.best.source.manual


def test_a_newer_schedule_date_supersedes_the_older_one() -> None:
    s = state(schedule(1, "2026-11-01", "2027-01-14"), schedule(2, "2026-11-20", "2027-02-04"))
    assert s.best is not None and s.best.start == date(2027, 2, 4)
    old = next(w for w in s.windows if w.claim.start == date(2027, 1, 14))
    assert old.superseded is not None and old.superseded.startswith("rescheduled to 2027-02-04")


def test_an_aired_episode_from_the_schedule_marks_the_release_premiered_and_not_overdue() -> None:
    window = news(1, "2026-10-01", "2026-11-01", "2026-11-10", "reported")
    assert state(window).overdue
    src = Source(-7, date(2026, 11, 24), "TVmaze schedule", "Northwind", None, None, "schedule:7", schedule=True)
    aired = EventClaim("premiered", "2026-11-06", "confirmed", "TVmaze lists S02E01 as aired on 2026-11-06.", src)
    s = state(window, events=(aired,))
    assert s.status == "premiered" and not s.overdue


def test_the_changes_feed_says_date_scheduled_once() -> None:
    claims = ReleaseClaims(INFO, windows=(news(1, "2026-11-19", "2027-01-14", "2027-01-14"),
                                          schedule(1, "2026-11-20", "2027-02-04"), schedule(2, "2026-11-22", "2027-02-11")))  # fmt: skip
    found = [c for c in changes(claims) if c.kind == "scheduled"]
    assert len(found) == 1 and found[0].text == "date scheduled: 2027-02-04, per TVmaze schedule"


def test_history_and_changes_follow_the_schedule_when_later_news_disagrees() -> None:
    claims = ReleaseClaims(INFO, windows=(news(1, "2026-11-01", "2027-01-14", "2027-01-14"),
                                          schedule(1, "2026-11-20", "2027-02-04"),
                                          news(2, "2027-01-10", "2027-01-14", "2027-01-14", outlet="Deadline")))  # fmt: skip
    s = reconcile(claims, TODAY)
    assert s.best is not None and s.best.source.schedule
    last = s.history[-1]
    assert last.after is not None and last.after.source.schedule and last.after.start == date(2027, 2, 4)
    kinds = [(c.kind, c.source.label) for c in changes(claims)]
    assert ("window", "Deadline") not in kinds and ("delayed", "TVmaze schedule") in kinds
