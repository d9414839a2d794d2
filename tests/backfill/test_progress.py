"""A backfill's progress: bars per file and overall on a terminal, a line per file otherwise."""

from __future__ import annotations

import io

import pyarrow as pa

from airdate.backfill.batch import FileBatch
from airdate.backfill.progress import FileBars, FileLines, file_progress_for


def _batch(file: str) -> FileBatch:
    batch = FileBatch(file=file, size=1000, table=pa.table({"record_id": ["<urn:uuid:1>"]}), records=7, skipped=2)
    batch.dropped_topic = 4
    batch.failures.append((f"{file}@500", "warc", "a broken record"))
    return batch


def test_lines_say_what_each_file_held_and_what_failed() -> None:
    out = io.StringIO()
    lines = FileLines(out)
    lines.start([("/w/a.warc.gz", 1000), ("/w/b.warc.gz", 10)], "a local cluster, 2 workers")
    lines.reading("/w/a.warc.gz", 100, 400)
    lines.done("/w/a.warc.gz", _batch("/w/a.warc.gz"), 1)
    lines.failed("/w/b.warc.gz", "KilledWorker: the worker died")
    lines.finish()
    assert out.getvalue().splitlines() == [
        "backfill: 2 files on a local cluster, 2 workers",
        "done      /w/a.warc.gz (7 records: 1 stored, 4 dropped by the prefilter, 2 skipped, 1 failed)",
        "failed    /w/a.warc.gz@500: warc: a broken record",
        "failed    /w/b.warc.gz: KilledWorker: the worker died",
    ]


def test_bars_follow_the_workers_events_and_print_failures_above() -> None:
    out = io.StringIO()
    bars = FileBars(out)
    bars.start([("/w/a.warc.gz", 1000), ("/w/b.warc.gz", 10)], "a local cluster, 2 workers")
    bars.reading("/w/a.warc.gz", 100, 400)
    bars.reading("/w/a.warc.gz", 200, 700)
    overall = bars.bars.tasks[0]
    assert overall.completed == 700 and len(bars.bars.tasks) == 2
    bars.done("/w/a.warc.gz", _batch("/w/a.warc.gz"), 1)
    bars.failed("/w/b.warc.gz", "KilledWorker: the worker died")
    assert overall.completed == 1010 and len(bars.bars.tasks) == 1  # the file bars are gone
    bars.finish()
    text = out.getvalue()
    assert "/w/a.warc.gz@500: warc: a broken record" in text and "KilledWorker" in text


def test_quiet_means_no_progress_and_a_pipe_gets_lines() -> None:
    assert file_progress_for(io.StringIO(), quiet=True) is None
    assert isinstance(file_progress_for(io.StringIO()), FileLines)
