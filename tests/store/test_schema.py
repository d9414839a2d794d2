"""Migrations, WAL and foreign keys on a real database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from airdate.store import StoreError, open_store
from airdate.store.schema import MIGRATIONS

from .build import EXTRACTOR, article, extraction, release, window


def test_migrations_are_recorded_in_order(db_path: Path) -> None:
    with open_store(db_path) as store:
        recorded = store.migrations()
    assert [v for v, _, _ in recorded] == [v for v, _, _ in MIGRATIONS]
    assert all(name and at for _, name, at in recorded)


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    with open_store(db_path) as store:
        first = store.migrations()
        store.add_article(a := article(), extraction(a, release()), *EXTRACTOR)
    with open_store(db_path) as store:
        assert store.migrations() == first
        assert store.counts()["articles"] == 1


def test_wal_mode_and_foreign_keys_are_on(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(
                "INSERT INTO mentions (article_id, release_id, position, title, key, kind) "
                "VALUES (99, 99, 0, 't', 't', 'series')"
            )


def test_store_file_survives_reopen_with_wal(db_path: Path) -> None:
    a = article("Kingdom season 2 arrives in early December 2026.")
    x = extraction(
        a, release("Kingdom", 2, window("2026-12-01", "2026-12-10", "reported", "early December 2026"))
    )
    store = open_store(db_path)
    store.add_article(a, x, *EXTRACTOR)
    before = store.all_claims()
    # A second connection sees the committed article while the first is still open (WAL).
    with open_store(db_path) as reader:
        assert reader.all_claims() == before
    store.close()
    with open_store(db_path) as store:
        assert store.all_claims() == before
        assert store.article(1).article == a


def test_a_database_from_a_newer_airdate_is_refused(db_path: Path) -> None:
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO migrations VALUES (999, 'from the future', '2030-01-01')")
    conn.close()
    with pytest.raises(StoreError, match="upgrade airdate"):
        open_store(db_path)


def test_a_path_that_cannot_be_a_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store(tmp_path)  # a directory
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(junk)
