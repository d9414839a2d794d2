"""The board: each release's reconciled summary, kept current by every write."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from airdate.models import Event
from airdate.reconcile import ReleaseClaims, Story, Summary, reconcile, summarize
from airdate.store import Store, open_store
from airdate.store import store as store_module
from airdate.store.store import FLUSH_CHUNK

from .build import EXTRACTOR, article, extraction, release, window

TODAY = date(2026, 5, 1)
DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
DEMO_ARTICLES = ("001-harbor-lights-s3.txt", "002-glass-cartographer-dated.txt", "005-saltwater-saints-dated.txt")


def _add(store: Store, text: str, day: str, *releases: object) -> int:
    a = article(text, day)
    return store.add_article(a, extraction(a, *releases), *EXTRACTOR)[0]  # type: ignore[arg-type]


def _fill(store: Store) -> None:
    _add(
        store,
        "Kingdom 2 in May.",
        "2026-02-01",
        release("Kingdom", 2, window("2026-05-10", "2026-05-10", "confirmed"), platforms=("Netflix",)),
    )
    _add(
        store,
        "Arcane 2 in late 2026.",
        "2026-02-02",
        release("Arcane", 2, window("2026-09-01", "2026-12-31", "reported"), platforms=("Netflix",)),
    )
    _add(
        store,
        "Severance 3 renewed.",
        "2026-02-03",
        release(
            "Severance",
            3,
            platforms=("Apple TV+",),
            events=(Event("renewed", None, "confirmed", "Renewed."),),
        ),
    )
    _add(
        store,
        "Dune 3 opened in March.",
        "2026-04-03",
        release(
            "Dune 3",
            None,
            window("2026-03-01", "2026-03-31", "confirmed"),
            kind="film",
            events=(Event("premiered", None, "confirmed", "It premiered."),),
        ),
    )


def test_board_is_sorted_by_earliest_day_with_undated_last(store: Store) -> None:
    _fill(store)
    rows = store.board()
    assert [r.release.title for r in rows] == ["Dune 3", "Kingdom", "Arcane", "Severance"]
    kingdom = rows[1]
    assert (kingdom.start, kingdom.end, kingdom.certainty, kingdom.status) == (
        date(2026, 5, 10),
        date(2026, 5, 10),
        "confirmed",
        "dated",
    )
    assert kingdom.countdown(TODAY).text == "in 9 days"
    assert rows[3].countdown(TODAY).text == "TBA" and rows[3].status == "renewed"
    assert rows[0].status == "premiered" and not rows[0].overdue(TODAY)


def test_board_matches_reconcile_for_every_release(store: Store) -> None:
    _fill(store)
    for row in store.board():
        claims = store.claims(row.release.id)
        assert row == summarize(claims)
        state = reconcile(claims, TODAY)
        assert (row.status, row.platforms, row.overdue(TODAY)) == (
            state.status,
            state.platforms,
            state.overdue,
        )


def test_board_filters(store: Store) -> None:
    _fill(store)
    titles = lambda **f: [r.release.title for r in store.board(**f)]  # noqa: E731
    assert titles(platform="netflix") == ["Kingdom", "Arcane"]
    assert titles(platform="Apple TV+") == ["Severance"]
    assert titles(platform="Apple") == []
    assert titles(certainties=["confirmed"]) == ["Dune 3", "Kingdom"]
    assert titles(statuses=["renewed", "premiered"]) == ["Dune 3", "Severance"]
    assert titles(start_by=date(2026, 5, 31), end_from=TODAY) == ["Kingdom"]
    assert titles(ids=[r.id for r in store.find_releases("arcane")]) == ["Arcane"]


def test_board_follows_new_articles_merge_and_reextraction(store: Store) -> None:
    _fill(store)
    _add(
        store,
        "Kingdom 2 delayed to July.",
        "2026-03-15",
        release(
            "Kingdom",
            2,
            window("2026-07-03", "2026-07-03", "confirmed"),
            events=(Event("delayed", None, "confirmed", "Delayed."),),
        ),
    )
    kingdom = next(r for r in store.board() if r.release.title == "Kingdom")
    assert kingdom.start == date(2026, 7, 3) and kingdom.articles == 2
    arcane_two = _add(
        store,
        "Arcane: League of Legends 2 in December.",
        "2026-02-10",
        release("Arcane: League of Legends", 2, window("2026-12-01", "2026-12-10", "reported")),
    )
    arcane = store.find_releases("Arcane", 2)[0]
    store.merge("Arcane: League of Legends season 2", arcane.id)
    row = next(r for r in store.board() if r.release.id == arcane.id)
    assert (row.start, row.articles, len(store.board())) == (date(2026, 12, 1), 2, 4)
    a = store.article(arcane_two).article
    store.replace_claims(arcane_two, extraction(a), *EXTRACTOR)
    row = next(r for r in store.board() if r.release.id == arcane.id)
    assert (row.start, row.articles) == (date(2026, 9, 1), 1)


def test_rebuild_board_recomputes_every_row(store: Store) -> None:
    _fill(store)
    before = store.board()
    store.conn.execute("UPDATE board SET status = 'stale'")
    assert store.rebuild_board() == 4
    assert store.board() == before


def test_pages_are_slices_of_the_whole_board(store: Store) -> None:
    # Same windows, so the order falls to title (any case), season and part.
    for n, (title, season) in enumerate([("beta", 2), ("Alpha", 3), ("alpha", 1), ("Gamma", None), ("BETA", 1)]):
        _add(store, f"{title} {season} in May ({n}).", "2026-02-01",
             release(title, season, window("2026-05-01", "2026-05-31")))  # fmt: skip
    whole = store.board()
    assert [(s.release.title.lower(), s.release.season) for s in whole] == [
        ("alpha", 1), ("alpha", 3), ("beta", 1), ("beta", 2), ("gamma", None),
    ]  # fmt: skip
    ids = [s.release.id for s in whole]
    for offset in range(len(ids)):
        for limit in (1, 2, 3):
            assert [s.release.id for s in store.board(limit=limit, offset=offset)] == ids[offset : offset + limit]


# --- the board while other writers go on ---------------------------------------------------------
# A second writer must never wait for a board recompute: flush_board computes rows from a read
# snapshot, outside the write lock, and writes them in short transactions. To hold a flush
# mid-computation, the board rows it computes pass through `hold_summaries` (the real
# `summarize`, made to wait at the call chosen); SQLite, the store and the CLI are real.


def hold_summaries(monkeypatch: pytest.MonkeyPatch, at_call: int = 1) -> tuple[threading.Event, threading.Event]:
    """(computing, go): summarize call number `at_call` sets `computing`, then waits for `go`."""
    computing, go = threading.Event(), threading.Event()
    calls = itertools.count(1)
    real = store_module.summarize

    def held(claims: ReleaseClaims, story: Story | None = None) -> Summary:
        if next(calls) == at_call:
            computing.set()
            assert go.wait(WAIT_S), "the test never let the flush go on"
        return real(claims, story)

    monkeypatch.setattr(store_module, "summarize", held)
    return computing, go


WAIT_S = 120  # a hang guard, not a timing: every wait below ends on an event long before this


def flush_in_thread(db: Path, written: list[int]) -> threading.Thread:
    def run() -> None:
        with open_store(db) as s:  # its own connection: sqlite3 connections stay on their thread
            written.append(s.flush_board())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def no_waiting(store: Store) -> Store:
    """The store, set to fail at once rather than wait if another connection holds the write lock."""
    store.conn.execute("PRAGMA busy_timeout = 0")
    return store


def assert_board_follows_claims(db: Path) -> None:
    with open_store(db) as s:
        assert s.pending_board() == 0
        board = {row.release.id: row for row in s.board()}
        assert set(board) == {r.id for r in s.releases()}
        for rid, row in board.items():
            assert row == summarize(s.claims(rid))


@pytest.mark.parametrize("second_flushes", [False, True], ids=["second-writer-defers", "second-writer-flushes"])
def test_claims_stored_while_the_board_is_computed_reach_the_board(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, second_flushes: bool
) -> None:
    with open_store(db_path) as first:
        first.defer_board = True  # leaves Kingdom marked, as a bulk ingest between flushes does
        _add(first, "Kingdom 2 in May.", "2026-02-01", release("Kingdom", 2, window("2026-05-10", "2026-05-10")))
    computing, go = hold_summaries(monkeypatch)
    written: list[int] = []
    flusher = flush_in_thread(db_path, written)
    assert computing.wait(WAIT_S)  # the flush has read Kingdom's one article and is computing its row
    with no_waiting(open_store(db_path)) as second:
        # A newer article about Kingdom, committed between the flush's snapshot and its write.
        second.defer_board = not second_flushes
        _add(second, "Kingdom 2 dated for July.", "2026-03-15",
             release("Kingdom", 2, window("2026-07-03", "2026-07-03", "confirmed")))  # fmt: skip
    go.set()
    flusher.join(WAIT_S)
    assert not flusher.is_alive()
    # The row computed from the one article is never written over the newer claims: the flush
    # writes Kingdom again from both (or leaves it to the second writer's own flush, which did).
    assert written == [0 if second_flushes else 1]
    with open_store(db_path) as s:
        (row,) = s.board()
        assert (row.start, row.certainty, row.articles) == (date(2026, 7, 3), "confirmed", 2)
    assert_board_follows_claims(db_path)


def test_flush_board_commits_chunk_by_chunk(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    total = 2 * FLUSH_CHUNK + 3
    with open_store(db_path) as s:
        s.defer_board = True
        for n in range(total):
            _add(s, f"Show {n} 1 in May.", "2026-02-01", release(f"Show {n}", 1, window("2026-05-01", "2026-05-31")))
        assert s.pending_board() == total and s.board() == []
    computing, go = hold_summaries(monkeypatch, at_call=FLUSH_CHUNK + 1)  # the second chunk's first row
    written: list[int] = []
    flusher = flush_in_thread(db_path, written)
    assert computing.wait(WAIT_S)
    with no_waiting(open_store(db_path)) as other:
        # The first chunk is committed and readable, and the write lock is free meanwhile.
        assert len(other.board()) == FLUSH_CHUNK and other.pending_board() == total - FLUSH_CHUNK
        other.record_failure("elsewhere.txt", "read", "a write between two chunks")
    go.set()
    flusher.join(WAIT_S)
    assert written == [total]
    assert_board_follows_claims(db_path)


def test_an_ingest_stores_every_article_while_another_process_computes_the_board(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path) as s:
        s.defer_board = True
        for n in range(3):
            _add(s, f"Show {n} 1 in May.", "2026-02-01", release(f"Show {n}", 1, window("2026-05-01", "2026-05-31")))
    folder = tmp_path / "news"
    folder.mkdir()
    for name in DEMO_ARTICLES:
        shutil.copy(DEMO / name, folder / name)
    computing, go = hold_summaries(monkeypatch)
    written: list[int] = []
    flusher = flush_in_thread(db_path, written)
    try:
        assert computing.wait(WAIT_S)
        # While this process is inside flush_board, `airdate ingest` (the real CLI, 10 s busy
        # timeout) writes every article and its own board rows: nothing here holds the lock.
        done = subprocess.run(
            [sys.executable, "-m", "airdate.cli", "ingest", "--db", str(db_path), str(folder), "--json"],
            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    finally:
        go.set()
        flusher.join(WAIT_S)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["ingested"], report["failed"]) == (len(DEMO_ARTICLES), 0), report
    with open_store(db_path) as s:
        assert s.counts()["articles"] == 3 + len(DEMO_ARTICLES)
        titles = {r.release.title for r in s.board()}
        assert {"Show 0", "Show 1", "Show 2", "Harbor Lights"} <= titles, titles
    assert_board_follows_claims(db_path)
