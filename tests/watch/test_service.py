"""The watcher as it runs: APScheduler in process, `airdate watch` and `airdate serve --watch` as real
processes stopped by SIGTERM. Feeds come from a real HTTP server on loopback; nothing leaves 127.0.0.1.

No timing is asserted: waits are generous deadlines for a slow, shared machine.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import httpx

from airdate.extract.pipeline import Extractor
from airdate.settings import Settings
from airdate.store import open_store
from airdate.store import subscriptions as subs
from airdate.watch.service import Lines, Watcher
from watch.conftest import Site

DEADLINE_S = 120  # a cold start loads spaCy and the models first
STOP_S = 60


def wait_until(check: Callable[[], bool], what: str, deadline: float = DEADLINE_S) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def count(db: Path, sql: str) -> int:
    """A count read by another connection, as another process would; 0 while it cannot be read."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def many_items(n: int) -> bytes:
    items = "".join(
        f"<item><guid>story-{i}</guid><title>Show Number {i} season 2 is coming</title>"
        f"<description>Show Number {i} returns for season 2 on Netflix in fall 2026, the streamer said.</description>"
        "</item>"
        for i in range(n)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()


def next_run(watcher: Watcher, feed_id: int) -> datetime | None:
    job = watcher.scheduler.get_job(f"feed-{feed_id}")
    return None if job is None else job.next_run_time


# --- in process ----------------------------------------------------------------------------------


def test_the_scheduler_polls_each_feed_and_follows_the_table(
    site: Site, settings: Settings, extractor: Extractor
) -> None:
    good = site.serve("/rss", "news.rss")
    broken = site.serve("/broken", body=b"down", status=500, content_type="text/plain")
    with open_store(settings.db) as store:
        good_id = subs.add_feed(store, good, every=3600, full_text=False)[0].id
        broken_id = subs.add_feed(store, broken, every=3600, full_text=False)[0].id
    said: list[str] = []
    watcher = Watcher(settings.db, settings, Lines(said.append), extractor=lambda: extractor, sync_every=0.5)
    assert watcher.start() == 2
    try:
        wait_until(lambda: count(settings.db, "SELECT count(*) FROM articles") == 3, "the good feed's items")
        # The poll is recorded after its items' board rows are written.
        wait_until(lambda: count(settings.db, f"SELECT count(*) FROM feeds WHERE id = {good_id} AND last_success IS NOT NULL") == 1,
                   "the good feed's poll to be recorded")  # fmt: skip
        assert count(settings.db, "SELECT count(*) FROM board_dirty") == 0
        wait_until(lambda: count(settings.db, f"SELECT failures FROM feeds WHERE id = {broken_id}") >= 1,
                   "the broken feed's first failure")  # fmt: skip
        with open_store(settings.db) as store:
            failing = subs.feed(store, broken_id)
            working = subs.feed(store, good_id)
        # The scheduler's next run for each feed is the one the poll recorded: an hour away for
        # the good one, a backed-off retry (minutes) for the broken one.
        for feed in (failing, working):
            assert feed.next_poll is not None
            wait_until(lambda feed=feed: next_run(watcher, feed.id) == datetime.fromisoformat(str(feed.next_poll)),  # type: ignore[misc]
                       "the job to follow the recorded next poll", deadline=10)  # fmt: skip
        assert datetime.fromisoformat(str(failing.next_poll)) < datetime.fromisoformat(str(working.next_poll))

        # A feed added while it runs is picked up by the next sync; a removed one is dropped.
        late = site.serve("/atom", "trade.atom", content_type="application/atom+xml")
        with open_store(settings.db) as store:
            subs.add_feed(store, late, every=3600, full_text=False)
            subs.remove_feed(store, broken_id)
        wait_until(lambda: count(settings.db, "SELECT count(*) FROM articles") == 5, "the added feed's items")
        wait_until(lambda: watcher.scheduler.get_job(f"feed-{broken_id}") is None, "the removed feed's job")
    finally:
        watcher.stop()
    assert not watcher.scheduler.running
    assert any(f"feed {good_id} Night Desk TV: 3 new" in line for line in said), said
    assert any("failed (1 in a row): HTTP 500" in line for line in said), said


# --- as processes --------------------------------------------------------------------------------


def airdate(*args: str) -> list[str]:
    return [sys.executable, "-m", "airdate.cli", *args]


def child_env() -> dict[str, str]:
    """This environment (tests/conftest.py put the code under test first on PYTHONPATH), unbuffered."""
    env = {k: v for k, v in os.environ.items() if k != "AIRDATE_DB"}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start(args: list[str], cwd: Path) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    """The process and a queue of its stdout lines (read by a thread, so no read can hang the test)."""
    proc = subprocess.Popen(args, cwd=cwd, env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    stdout = proc.stdout
    assert stdout is not None

    def pump() -> None:
        for line in stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def next_line(lines: queue.Queue[str], proc: subprocess.Popen[str]) -> str:
    try:
        return lines.get(timeout=DEADLINE_S)
    except queue.Empty:
        raise AssertionError(f"no output in {DEADLINE_S}s (exit code {proc.poll()})") from None


def stop_with_sigterm(proc: subprocess.Popen[str], lines: queue.Queue[str]) -> tuple[list[str], str]:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_S)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    time.sleep(0.2)  # the reader thread drains the last lines
    out = []
    while not lines.empty():
        out.append(lines.get())
    return out, stderr


def test_sigterm_stops_airdate_watch_cleanly_and_a_rerun_ingests_nothing_twice(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    url = site.serve("/many", body=many_items(40))
    with open_store(db) as store:
        subs.add_feed(store, url, every=3600, full_text=False)
    proc, lines = start(airdate("watch", "--db", str(db), "--allow-private", "--host-delay", "0"), tmp_path)
    try:
        assert next_line(lines, proc) == f"airdate: watching 1 feed in {db} (Ctrl-C to stop)"
        wait_until(lambda: count(db, "SELECT count(*) FROM articles") >= 1, "the first article")
    finally:
        out, stderr = stop_with_sigterm(proc, lines)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "Traceback" not in "\n".join(out)
    assert out[-1] == "airdate: stopped"
    # Whether SIGTERM came mid-poll or after it, what is stored is whole: one item row per article.
    stored = count(db, "SELECT count(*) FROM articles")
    assert 1 <= stored <= 40
    assert count(db, "SELECT count(*) FROM feed_items WHERE outcome = 'ingested'") == stored
    # A poll cut short still writes the board rows of what it stored.
    assert count(db, "SELECT count(*) FROM board_dirty") == 0
    assert count(db, "SELECT count(*) FROM board") == stored

    # The next run carries on: the rest once, nothing twice.
    done = subprocess.run(airdate("watch", "--once", "--db", str(db), "--allow-private", "--host-delay", "0"),
                          cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    if stored < 40:
        assert f"feed 1 Many: {40 - stored} new, 0 already stored, 0 failed" in done.stdout
    assert count(db, "SELECT count(*) FROM articles") == 40
    assert count(db, "SELECT count(DISTINCT headline) FROM articles") == 40
    assert count(db, "SELECT count(*) FROM feed_items") == 40


def test_serve_watch_runs_the_whole_service_in_one_process(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    url = site.serve("/rss", "news.rss")
    with open_store(db) as store:
        subs.add_feed(store, url, every=3600, full_text=False)
    proc, lines = start(airdate("serve", "--watch", "--allow-private", "--port", "0", "--db", str(db)), tmp_path)
    try:
        first = next_line(lines, proc)
        assert first.startswith("airdate: serving ") and first.endswith("(Ctrl-C to stop)"), first
        base = first.split(" at ", 1)[1].split(" ", 1)[0]
        assert next_line(lines, proc) == "airdate: watching 1 feed"
        wait_until(lambda: count(db, "SELECT count(*) FROM articles") == 3, "the feed's items")
        # The poll is recorded after its items' board rows are written: from then on the board shows them.
        wait_until(lambda: count(db, "SELECT count(*) FROM feeds WHERE last_success IS NOT NULL") == 1, "the poll")
        assert count(db, "SELECT count(*) FROM board_dirty") == 0
        with httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
            page = client.get("/feeds")
            assert page.status_code == 200
            assert "Night Desk TV" in page.text and "3 seen, 3 new this week" in page.text
            board = client.get("/api/releases", params={"all": "true"}).json()
            assert {"Harbor Lights", "Northwind"} <= {r["title"] for r in board["items"]}
    finally:
        out, stderr = stop_with_sigterm(proc, lines)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert out[-1] == "airdate: stopped"
    assert any("feed 1 Night Desk TV: 3 new" in line for line in out), out


def test_a_utc_clock_is_what_the_store_records() -> None:
    # The store compares stored times as strings: they must all be UTC in one ISO form.
    assert subs.iso(datetime(2026, 3, 7, 13, 0, tzinfo=UTC).astimezone()) == "2026-03-07T13:00:00+00:00"
