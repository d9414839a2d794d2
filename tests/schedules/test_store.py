"""Migration 11 and the schedule dates over time, in a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from airdate.reconcile import reconcile
from airdate.store import open_store
from airdate.store import schema as schema_module
from airdate.store.schedules import Candidate, Link, ScheduleDate, link_of, record_dates, set_link
from tests.store.build import EXTRACTOR, article, extraction, release, window


def test_a_database_at_migration_10_reads_and_upgrades_to_11(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 10))
    with open_store(db) as store:
        a = article("Kingdom season 2 arrives in early December 2026.")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-01", "2026-12-10"))), *EXTRACTOR)
        rid = store.releases()[0].id
        # Read before the tables exist: no link, no schedule claims, no error.
        assert link_of(store, rid) is None and len(store.claims(rid).windows) == 1
    monkeypatch.undo()
    with open_store(db) as store:
        assert 11 in [v for v, _, _ in store.migrations()]
        set_link(store, Link(rid, "linked", Candidate(9, "Kingdom", "2019-01-25", "Netflix"), 0.95, "search, name"))
        record_dates(store, rid, 9, [ScheduleDate("premiere", date(2026, 12, 4), "TVmaze lists it.", 2)], date(2026, 11, 24))
        best = reconcile(store.claims(rid), date(2026, 11, 24)).best
        assert best is not None and best.source.schedule and best.start == date(2026, 12, 4)
        assert store.board()[0].start == date(2026, 12, 4)  # the board row followed


def test_a_moved_date_supersedes_the_old_one_and_a_return_to_it_is_news_again(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        a = article("Kingdom season 2 arrives in early December 2026.")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-01", "2026-12-10"))), *EXTRACTOR)
        rid = store.releases()[0].id
        set_link(store, Link(rid, "linked", Candidate(9, "Kingdom"), 0.9, "search, name"))

        def sync(day: str, seen: str) -> tuple[date | None, list[str | None]]:
            record_dates(store, rid, 9, [ScheduleDate("premiere", date.fromisoformat(day), "listed", 2)],
                         date.fromisoformat(seen))  # fmt: skip
            state = reconcile(store.claims(rid), date(2026, 11, 30))
            return (state.best.start if state.best else None,
                    [w.superseded for w in state.windows if w.claim.source.schedule])  # fmt: skip

        assert sync("2026-12-04", "2026-11-01") == (date(2026, 12, 4), [None])
        assert sync("2026-12-04", "2026-11-02")[1] == [None]  # the same date again: nothing new
        best, why = sync("2026-12-11", "2026-11-10")
        assert best == date(2026, 12, 11) and why[0] is not None and why[0].startswith("rescheduled to 2026-12-11")
        best, why = sync("2026-12-04", "2026-11-20")  # back to the first date: it is the newest again
        assert best == date(2026, 12, 4) and sorted(w is None for w in why) == [False, True]
        # Linking elsewhere drops the old show's dates.
        set_link(store, Link(rid, "linked", Candidate(10, "Kingdom (2026)"), 0.9, "search, name"))
        assert not any(w.source.schedule for w in store.claims(rid).windows)
