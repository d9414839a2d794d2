"""Migration 7 on a database written before it, and the feed rows' bookkeeping."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from airdate.store import open_store
from airdate.store import schema as schema_module
from airdate.store import subscriptions as subs

from .build import EXTRACTOR, article, extraction, release, window


def test_a_version_6_database_gains_feeds_and_follows_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 6))
    with open_store(db) as store:
        a = article("Kingdom season 2 arrives in early December 2026.")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-01", "2026-12-10"))), *EXTRACTOR)
        assert [v for v, _, _ in store.migrations()][-1] == 6
    monkeypatch.undo()
    with open_store(db) as store:
        assert [v for v, _, _ in store.migrations()][-1] == 7
        assert len(list(store.articles())) == 1
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"feeds", "feed_items", "follows"} <= tables
        feed, new = subs.add_feed(store, "https://news.example/rss", every=None, full_text=None)
        assert new and (feed.every, feed.full_text, feed.next_poll) == (subs.DEFAULT_EVERY, False, None)


def test_feed_rows_record_polls_items_and_the_week(tmp_path: Path) -> None:
    at = datetime(2026, 3, 7, 12, tzinfo=UTC)
    with open_store(tmp_path / "airdate.db") as store:
        feed, _ = subs.add_feed(store, "https://news.example/rss", every=600, full_text=True)
        generation = store.generation()
        subs.record_item(store, feed.id, "old", "ingested", None, at - timedelta(days=8))
        subs.record_item(store, feed.id, "a", "ingested", None, at)
        subs.record_item(store, feed.id, "b", "unchanged", None, at)
        subs.record_item(store, feed.id, "c", "failed", None, at)
        subs.record_item(store, feed.id, "c", "failed", None, at)
        assert subs.item_states(store, feed.id, ["a", "c", "zzz"]) == {
            "a": subs.ItemState("ingested", 1), "c": subs.ItemState("failed", 2),
        }  # fmt: skip
        assert subs.record_error(store, feed.id, at, "boom", at + timedelta(minutes=2)) == 1
        assert subs.record_error(store, feed.id, at, "boom again", at + timedelta(minutes=5)) == 2
        subs.record_success(store, feed.id, at, at + timedelta(minutes=10), title="News", validators=('"e1"', None))
        got = subs.feed(store, feed.id, at=at)
        assert (got.items_seen, got.new_this_week, got.failures, got.title, got.etag) == (4, 1, 0, "News", '"e1"')
        assert (got.last_error, got.next_poll) == ("boom again", "2026-03-07T12:10:00+00:00")
        # The watcher's bookkeeping does not move the generation the web caches follow.
        assert store.generation() == generation
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO feeds (url, every, added_at) VALUES ('x', 0, 'now')")
