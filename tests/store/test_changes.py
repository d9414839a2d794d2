"""The change log and the board's window sequence (the Atom feed's entries and the calendar's SEQUENCE)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from airdate.models import Event
from airdate.store import Store, open_store
from airdate.store import schema as schema_module
from airdate.store.schema import migrate

from .build import EXTRACTOR, article, extraction, release, window


def _add(store: Store, text: str, day: str, *releases: object) -> int:
    a = article(text, day)
    return store.add_article(a, extraction(a, *releases), *EXTRACTOR)[0]  # type: ignore[arg-type]


def _seq(store: Store) -> dict[str, tuple[int, str | None]]:
    rows = store.conn.execute("SELECT r.title, b.seq, b.modified FROM board b JOIN releases r ON r.id = b.release_id")
    return {title: (seq, modified) for title, seq, modified in rows}


def test_sequence_counts_changes_of_the_best_window_only(store: Store) -> None:
    _add(store, "Kingdom 2 in late 2026.", "2026-02-01", release("Kingdom", 2, window("2026-09-01", "2026-12-31")))
    _add(store, "Arcane 2 news.", "2026-02-01", release("Arcane", 2, window("2026-05-01", "2026-05-31")))
    assert {t: s for t, (s, _) in _seq(store).items()} == {"Kingdom": 0, "Arcane": 0}
    # Same window again, and a cast-only article: no change of the window.
    _add(store, "Kingdom 2 still late 2026.", "2026-02-05", release("Kingdom", 2, window("2026-09-01", "2026-12-31")))
    _add(store, "Kingdom 2 adds a star.", "2026-02-06", release("Kingdom", 2, platforms=("Netflix",)))
    assert _seq(store)["Kingdom"][0] == 0
    _add(store, "Kingdom 2 on October 3.", "2026-03-01",
         release("Kingdom", 2, window("2026-10-03", "2026-10-03", "confirmed")))  # fmt: skip
    assert _seq(store)["Kingdom"][0] == 1 and _seq(store)["Arcane"][0] == 0
    assert store.rebuild_board() == 2
    assert _seq(store)["Kingdom"][0] == 1  # a rebuild rewrites rows but keeps their sequence


def test_changes_follow_the_claims_and_keep_when_first_seen(store: Store) -> None:
    _add(store, "Kingdom 2 renewed.", "2026-01-10",
         release("Kingdom", 2, events=(Event("renewed", None, "confirmed", "Renewed."),)))  # fmt: skip
    _add(store, "Kingdom 2 in late 2026.", "2026-02-01", release("Kingdom", 2, window("2026-09-01", "2026-12-31")))
    first = {c.id: c for c in store.changes()}
    assert sorted(c.kind for c in first.values()) == ["first_seen", "renewed", "window"]
    store.conn.execute("UPDATE changes SET seen = '2000-01-01T00:00:00+00:00'")
    _add(store, "Kingdom 2 slips to 2027.", "2026-06-01",
         release("Kingdom", 2, window("2027-03-01", "2027-03-31", "reported", text="pushed to March 2027")))  # fmt: skip
    now = {c.id: c for c in store.changes()}
    assert set(first) < set(now)
    assert all(now[i].seen == "2000-01-01T00:00:00+00:00" for i in first)  # old changes keep their time
    new = [c for i, c in now.items() if i not in first]
    assert [c.kind for c in new] == ["delayed"] and new[0].day is not None and new[0].day.isoformat() == "2026-06-01"
    assert store.changes(since="2001-01-01T00:00:00+00:00") == new


def test_changes_go_with_their_release(store: Store) -> None:
    aid = _add(store, "Arcane 2 in May.", "2026-02-01", release("Arcane", 2, window("2026-05-01", "2026-05-31")))
    assert store.changes()
    a = store.article(aid)
    store.replace_claims(aid, extraction(a.article), *EXTRACTOR)
    assert store.changes() == []


def test_a_version_3_database_gains_the_change_log_and_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    monkeypatch.setattr(schema_module, "MIGRATIONS", tuple(m for m in schema_module.MIGRATIONS if m[0] <= 3))
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        migrate(conn)  # the database as airdate 0.1 before the change log left it
        conn.execute("INSERT INTO releases (id, key, title, kind) VALUES (1, 'kingdom', 'Kingdom', 'series')")
        conn.execute(
            "INSERT INTO board (release_id, status, conflicts, platforms, articles) VALUES (1, 'announced', 0, '', 1)"
        )
    finally:
        conn.close()
    monkeypatch.undo()
    with open_store(db) as store:
        assert [v for v, _, _ in store.migrations()] == [v for v, _, _ in schema_module.MIGRATIONS]
        assert _seq(store) == {"Kingdom": (0, None)}
        assert store.changes() == []
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"board_page", "board_status", "changes_seen"} <= indexes
        generation = store.generation()
        store.record_failure("x.txt", "read", "unreadable")
        assert store.generation() == generation + 1  # every write moves it, so caches let go
