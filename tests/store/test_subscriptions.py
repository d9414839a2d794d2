"""Migrations 7 (the board's marks) and 8 (feeds and follows) on databases written before them,
and the feed rows' bookkeeping."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from airdate.store import open_store
from airdate.store import schema as schema_module
from airdate.store import subscriptions as subs
from airdate.store.follows import follow, followed_release_ids
from airdate.store.schema import migrate

from .build import EXTRACTOR, article, extraction, release, window


def _versions(db: Path) -> list[int]:
    with open_store(db, read_only=True) as store:
        return [v for v, _, _ in store.migrations()]


def test_a_version_6_database_upgrades_through_7_and_8_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 6))
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        migrate(conn)  # the database as main leaves it: an article, its claims and board row, and a
        # release a killed bulk ingest left waiting for its board row (board_dirty had no mark then)
        conn.executescript("""
            INSERT INTO articles (id, digest, path, headline, published, text, extractor, extractor_version, ingested_at)
                VALUES (1, 'd1', '/news/kingdom.txt', 'Kingdom season 2', '2026-02-01',
                        'Kingdom season 2 arrives in early December 2026.', 'airdate.rules', '0.1.0', '2026-02-02T00:00:00+00:00');
            INSERT INTO releases (id, key, season, title, kind) VALUES (1, 'kingdom', 2, 'Kingdom', 'series');
            INSERT INTO mentions (id, article_id, release_id, position, title, key, season, kind)
                VALUES (1, 1, 1, 0, 'Kingdom', 'kingdom', 2, 'series');
            INSERT INTO windows (mention_id, position, text, start_date, end_date, certainty, sentence)
                VALUES (1, 0, 'early December 2026', '2026-12-01', '2026-12-10', 'reported',
                        'Kingdom season 2 arrives in early December 2026.');
            INSERT INTO board (release_id, status, conflicts, platforms, articles, sort_key)
                VALUES (1, 'announced', 0, '', 1, 'kingdom');
            INSERT INTO board_dirty (release_id) VALUES (1);
        """)
    finally:
        conn.close()
    monkeypatch.undo()
    # opening migrates, read-only or not: through 8 and whatever comes after (10: curation)
    assert _versions(db) == [v for v, _, _ in schema_module.MIGRATIONS] and _versions(db)[:8] == [1, 2, 3, 4, 5, 6, 7, 8]
    with open_store(db) as store:
        assert [s.article.text for s in store.articles()] == ["Kingdom season 2 arrives in early December 2026."]
        assert [w.start for w in store.claims(1).windows] == [date(2026, 12, 1)]
        # The mark main left (migration 7 gives it generation 0) is still honoured: the next flush writes the row.
        assert store.pending_board() == 1
        assert store.flush_board() == 1
        assert store.pending_board() == 0
        (row,) = store.board()
        assert (row.release.title, row.start) == ("Kingdom", date(2026, 12, 1))
        # Migration 8's tables work, and the store writes as usual.
        feed, new = subs.add_feed(store, "https://news.example/rss", every=None, full_text=None)
        assert new and (feed.every, feed.full_text, feed.next_poll) == (subs.DEFAULT_EVERY, False, None)
        follow(store, "Kingdom", 2)
        assert followed_release_ids(store) == {1}
        a = article("Kingdom season 2 is now dated December 4, 2026.", "2026-03-01")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-04", "2026-12-04", "confirmed"))), *EXTRACTOR)
        assert store.board()[0].start == date(2026, 12, 4)
        assert store.pending_board() == 0


def test_a_database_at_the_boards_migration_7_upgrades_to_8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "board.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 7))
    with open_store(db) as store:
        a = article("Kingdom season 2 arrives in early December 2026.")
        store.add_article(a, extraction(a, release("Kingdom", 2, window("2026-12-01", "2026-12-10"))), *EXTRACTOR)
        store.defer_board = True  # as a bulk ingest stopped between two flushes leaves it
        b = article("Arcane season 2 comes in May 2026.")
        store.add_article(b, extraction(b, release("Arcane", 2, window("2026-05-01", "2026-05-31"))), *EXTRACTOR)
        assert [v for v, _, _ in store.migrations()] == [1, 2, 3, 4, 5, 6, 7]
        assert store.pending_board() == 1
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {"feeds", "feed_items", "follows"} & tables
    monkeypatch.undo()
    with open_store(db) as store:
        assert [v for v, _, _ in store.migrations()] == [v for v, _, _ in schema_module.MIGRATIONS]
        assert len(list(store.articles())) == 2
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"feeds", "feed_items", "follows"} <= tables
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"articles_url", "feed_items_seen", "follows_identity"} <= indexes
        # The generation mark made at 7 survives the upgrade and is flushed as any other.
        assert store.pending_board() == 1
        assert store.flush_board() == 1
        assert {s.release.title for s in store.board()} == {"Kingdom", "Arcane"}
        subs.add_feed(store, "https://news.example/rss", every=600, full_text=True)
        assert [f.url for f in subs.feeds(store)] == ["https://news.example/rss"]


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
