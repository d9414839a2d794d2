"""Migration 9 (alert targets and deliveries) on a database written before it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from airdate.store import open_store
from airdate.store import schema as schema_module
from airdate.store.alerts import add_target, queue, targets, unqueued_changes
from airdate.store.follows import follow, followed_since

from .build import EXTRACTOR, article, extraction, release, window


def test_a_database_at_migration_8_upgrades_to_9_and_keeps_its_watchlist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "feeds.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 8))
    with open_store(db) as store:
        a = article("Kingdom season 2 arrives in early December 2026.")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-01", "2026-12-10"))), *EXTRACTOR)
        follow(store, "Kingdom", 2)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {"notify_targets", "deliveries"} & tables
    monkeypatch.undo()
    with open_store(db) as store:
        versions = [v for v, _, _ in store.migrations()]
        assert versions == [v for v, _, _ in schema_module.MIGRATIONS] and versions[:9] == list(range(1, 10))
        assert list(followed_since(store)) == [1]
        target, new = add_target(store, "json://127.0.0.1/x", "apprise", secret=None, scope="following",
                                 allow_private=False, at=datetime(2000, 1, 1, tzinfo=UTC))  # fmt: skip
        assert new and targets(store)[0].pending == 0
        rows, newest = unqueued_changes(store, target)
        assert [r.kind for r in rows] == ["window"] and newest is not None  # first seen is no alert
        assert queue(store, target.id, [], newest, datetime.now(UTC)) == 0
        assert targets(store)[0].scanned == newest
