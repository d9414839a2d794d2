"""WARC archives into the store: `airdate ingest FILE.warc.gz` in one process, `airdate backfill` on Dask.

The archives are small ones written with warcio from our fixture articles and a few other
records (tests/warckit.py); the extractor is the real one.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import dask
import httpx
import pytest
import workerkit
from click.testing import CliRunner, Result
from testkit import committed_rows
from warcio.archiveiterator import ArchiveIterator
from warckit import small_warcs

from airdate.backfill.progress import FileLines
from airdate.backfill.run import RETRIES, backfill
from airdate.cli import main
from airdate.extract.pipeline import Extractor
from airdate.ingest import ingest
from airdate.settings import Settings
from airdate.store import open_store
from benchmarks.warcs import record_id

GROUPS = [
    ["001-moonlit-ledger-s2", "002-iron-orchard-delay", "003-glasshouse-cancelled"],
    ["006-harrow-hill-series-7", "009-nightjar-renewed", "001-moonlit-ledger-s2"],  # a syndicated copy of 001
    ["010-salt-road-series-order", "017-thornfield-protocol-s3"],
    ["026-copperline-s2-summer", "027-beacon-park-s5-renewal"],
]
KILL_BOUND = 180.0  # seconds a child backfill may take (a hang guard, not a timing)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def snapshot(db: Path) -> dict[str, Any]:
    """What two stores of the same records must share, free of ids and times."""
    with closing(sqlite3.connect(db)) as conn:
        q = lambda sql: sorted(tuple(r) for r in conn.execute(sql))  # noqa: E731
        return {
            "records": q("SELECT w.record_id, w.uri, w.warc_date, w.offset, a.digest FROM warc_records w "
                         "JOIN articles a ON a.id = w.article_id"),
            "articles": q("SELECT digest, url, headline, published, extractor_version FROM articles"),
            "mentions": q("SELECT a.digest, m.position, m.key, m.season, m.part, m.kind FROM mentions m "
                          "JOIN articles a ON a.id = m.article_id"),
            "windows": q("SELECT a.digest, m.position, w.text, w.start_date, w.end_date, w.certainty FROM windows w "
                         "JOIN mentions m ON m.id = w.mention_id JOIN articles a ON a.id = m.article_id"),
            "board": q("SELECT r.key, r.season, r.part, b.start_date, b.end_date, b.certainty, b.status, b.articles "
                       "FROM board b JOIN releases r ON r.id = b.release_id"),
            "files": q("SELECT path, size, records, kept, dropped, skipped, failed FROM warc_files"),
        }  # fmt: skip


class Lines(FileLines):
    """The lines a piped backfill prints, kept; and whether the dashboard it names answers."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.dashboard: int | None = None

    def start(self, files: Any, where: str) -> None:
        super().start(files, where)
        link = re.search(r"; dashboard (http://127\.0\.0\.1:\d+/status)$", where)
        if link is not None:  # fetched while the cluster runs, over loopback
            self.dashboard = httpx.get(link.group(1), timeout=30).status_code

    def _print(self, line: str) -> None:
        self.lines.append(line)


def plain_ingest(files: list[Path], db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        tally = ingest(store, [str(f) for f in files], Extractor(), Settings())
    assert tally.failed == 0
    return snapshot(db)


def test_ingest_stores_each_kept_record_with_its_uri_date_and_id(tmp_path: Path) -> None:
    warc = small_warcs(tmp_path, GROUPS[:1])[0]
    db = tmp_path / "a.db"
    result = invoke("ingest", warc, "--db", db)
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT w.record_id, w.uri, w.warc_date, a.url, a.published FROM warc_records w "
            "JOIN articles a ON a.id = w.article_id ORDER BY w.offset"
        ).fetchall()
        files = conn.execute("SELECT records, kept, dropped, skipped, failed FROM warc_files").fetchall()
    fixtures = [f"https://screen.example.com/{n}" for n in GROUPS[0]]
    uris = [r[1] for r in rows]
    # The fixture pages are kept; the German page, the 404, the redirect and the image are not
    # (the unrelated news is up to the prefilter: tests/backfill/test_prefilter.py).
    assert uris[:3] == fixtures and all(u.startswith("https://news.example.com/") for u in uris[3:])
    assert [r[0] for r in rows[:3]] == [record_id(i) for i in range(3)]
    assert rows[0][2] == "2026-03-01T00:00:00Z" and rows[0][3] == rows[0][1] and rows[0][4] == "2025-03-14"
    records, kept, dropped, skipped, failed = files[0]
    assert (records, kept, skipped, failed) == (10, len(rows), 3, 0) and kept + dropped + skipped == 10
    assert f"ingested {len(rows)}, unchanged 0, failed 0" in result.output
    again = invoke("ingest", warc, "--db", db)
    assert "ingested 0, unchanged 1, failed 0" in again.output  # the file, done before


def test_a_corrupt_record_and_a_truncated_file_are_recorded_failures(tmp_path: Path) -> None:
    corrupt, truncated = small_warcs(tmp_path, GROUPS[:2])
    with corrupt.open("rb") as file:
        it = ArchiveIterator(file)
        responses = [it.get_record_offset() for r in it if r.rec_type == "response"]
    data = bytearray(corrupt.read_bytes())
    data[responses[1] + 40 : responses[1] + 80] = bytes(40)  # the second fixture page
    corrupt.write_bytes(bytes(data))
    truncated.write_bytes(truncated.read_bytes()[:-200])
    db = tmp_path / "a.db"
    result = invoke("ingest", corrupt, truncated, "--db", db, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    failures = {(f["path"], f["stage"]) for f in report["failures"]}
    assert failures == {
        (f"{corrupt}@{responses[1]}", "warc"),
        (f"{truncated}@{_last_offset(truncated)}", "warc"),
    }
    listed = invoke("failures", "--db", db, "--json")
    assert {(f["path"], f["stage"]) for f in json.loads(listed.output)} == failures
    with closing(sqlite3.connect(db)) as conn:
        uris = {u for (u,) in conn.execute("SELECT uri FROM warc_records") if u.startswith("https://screen.")}
    # everything else was read: 001 and 003 from the first file, 006 and 009 from the second
    assert uris == {f"https://screen.example.com/{n}" for n in (*GROUPS[0][::2], *GROUPS[1][:2])}


def _last_offset(path: Path) -> int:
    """The offset of the last gzip member, the one cut short (the unrelated items come last)."""
    data = path.read_bytes()
    return data.rfind(b"\x1f\x8b\x08")


@pytest.mark.slow
def test_a_two_worker_local_cluster_gives_the_same_store_as_plain_ingest(tmp_path: Path) -> None:
    files = small_warcs(tmp_path / "warc", GROUPS)
    expected = plain_ingest(files, tmp_path / "plain.db")
    lines = Lines()
    with open_store(tmp_path / "dask.db") as store:
        tally = backfill(store, [str(tmp_path / "warc")], Settings(), workers=2, progress=lines)
    assert (tally.files, tally.failed, tally.failed_files, tally.worker_deaths) == (4, 0, 0, [])
    assert len(tally.peak_rss_mb) == 2  # both workers took files
    got = snapshot(tmp_path / "dask.db")
    assert got == expected
    copies = [r for r in got["records"] if r[1] == "https://screen.example.com/001-moonlit-ledger-s2"]
    assert len(copies) == 2 and copies[0][4] == copies[1][4]  # the copy of 001: two records, one article
    # Dask's dashboard (bokeh) is up while the cluster runs, and the run names it
    assert lines.lines[0].startswith(
        "backfill: 4 files on a local cluster, 2 workers; dashboard http://127.0.0.1:"
    )
    assert lines.dashboard == 200


@pytest.mark.slow
def test_a_worker_killed_mid_file_costs_that_file_and_no_more(tmp_path: Path) -> None:
    files = small_warcs(tmp_path / "warc", GROUPS)
    once, always = files[1], files[2]  # a worker dies on the first read of one; every read of the other
    expected = plain_ingest([f for f in files if f != always], tmp_path / "plain.db")
    kill = {
        once.name: {"after": 3, "marker": str(tmp_path / "killed-once")},
        always.name: {"after": 1, "marker": None},
    }
    lines = Lines()
    preload = {"distributed.worker.preload": [workerkit.__file__], workerkit.KILL: kill}
    with dask.config.set(preload), open_store(tmp_path / "dask.db") as store:
        tally = backfill(store, [str(tmp_path / "warc")], Settings(), workers=2, progress=lines)
    assert (tmp_path / "killed-once").exists()  # a worker did die in the middle of `once`
    died = [file for file, _ in tally.worker_deaths]
    assert sorted(died) == sorted([str(once)] + [str(always)] * (RETRIES + 1))
    assert (tally.files, tally.failed, tally.failed_files) == (3, 0, 1)
    # the file that killed every worker is a recorded failure, after its last try, not before
    assert [(p, s) for p, s, _ in tally.failures] == [(str(always), "backfill")]
    assert f"died {RETRIES + 1} times" in tally.failures[0][2]
    # the file read again is stored once, as plain ingest stores it; the others are untouched
    assert snapshot(tmp_path / "dask.db") == expected
    with closing(sqlite3.connect(tmp_path / "dask.db")) as conn:
        rows = conn.execute("SELECT count(*), count(DISTINCT record_id) FROM warc_records WHERE file = ?",
                            (str(once),)).fetchone()  # fmt: skip
    assert rows[0] == rows[1] == expected_kept(expected, once) > 0
    done = sorted(line.split()[1] for line in lines.lines if line.startswith("done "))
    assert done == sorted(str(f) for f in files if f != always)  # each stored once, none lost with a worker
    lost = [line for line in lines.lines if line.startswith("lost")]
    assert len(lost) == RETRIES + 2 and all(" (its worker tcp://127.0.0.1:" in line for line in lost)
    assert f"1 failed, {RETRIES + 2} workers died mid-file; records" in tally.summary()


def expected_kept(snap: dict[str, Any], file: Path) -> int:
    return next(kept for path, _, _, kept, *_ in snap["files"] if path == str(file))


@pytest.mark.slow
def test_a_killed_backfill_resumes_without_duplicates(tmp_path: Path) -> None:
    files = small_warcs(tmp_path / "warc", GROUPS)
    expected = plain_ingest(files, tmp_path / "plain.db")
    db = tmp_path / "dask.db"
    args = [
        sys.executable,
        "-m",
        "airdate.cli",
        "backfill",
        *map(str, files),
        "--workers",
        "1",
        "--db",
        str(db),
    ]
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + KILL_BOUND
        while committed_rows(db, "warc_files") < 1 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client and its workers, as a crash would
        proc.wait()
    done = committed_rows(db, "warc_files")
    assert proc.returncode == -signal.SIGKILL and 1 <= done < len(files), "the backfill ended before the kill"
    rerun = subprocess.run(args + ["--json"], capture_output=True, text=True, timeout=KILL_BOUND, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert report["skipped_files"] == done and report["files"] == len(files) - done
    assert snapshot(db) == expected


def test_a_bad_scheduler_address_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    warc = small_warcs(tmp_path, GROUPS[:1])[0]
    result = invoke("backfill", warc, "--scheduler", "no-port-here", "--db", tmp_path / "a.db")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "airdate: error: cannot reach the Dask scheduler at no-port-here (missing port number in address "
        "'no-port-here'); check the address and that it runs"
    ]
    assert committed_rows(tmp_path / "a.db", "warc_files") == 0


def test_backfill_help_teaches_both_ways() -> None:
    text = invoke("backfill", "--help").output
    assert "--scheduler tcp://HOST:8786" in text and "--workers N" in text and "Examples:" in text
