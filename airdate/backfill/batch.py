"""One WARC file → compact batches of articles and their claims; this is what a Dask worker runs.

Each response or resource record that is a 2xx HTML page goes: the page's declared language →
trafilatura's main text (airdate.sources.html) → the prefilter → the extractor. A batch carries
only what passed, as an Arrow table (one row per record: its id, URI, date, offset, the article
and its releases as JSON), plus the file's failures and counts, so a worker sends back a small
fraction of what it read. The store is written by the client alone (airdate.backfill.run).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from airdate.backfill import prefilter
from airdate.errors import SourceEmpty, SourceError
from airdate.models import Article, CastMember, Event, Release, Window
from airdate.settings import Settings
from airdate.store.warc import FileCounts, WarcArticle, failure_label

if TYPE_CHECKING:
    import pyarrow as pa

    from airdate.ingest import Extractor

ProgressHook = Callable[[str, int, int], None]  # (file, records read, bytes read)
PROGRESS_EVERY = 100  # records between two progress reports

COLUMNS = (
    "record_id", "uri", "warc_date", "offset", "title", "text", "url", "published", "publisher", "author",
    "releases",
)  # fmt: skip


@dataclass
class FileBatch:
    """What a worker sends back for (part of) a file: the kept records, the failures, counts and times."""

    file: str
    size: int
    table: pa.Table
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, stage, reason)
    records: int = 0  # response and resource records read
    pages: int = 0  # of them 2xx HTML pages
    dropped_language: int = 0
    dropped_topic: int = 0
    skipped: int = 0  # not a 2xx HTML page, or no article text in it
    complete: bool = True  # the last batch of the file: the file is done once it is stored
    read_s: float = 0.0  # reading the WARC and the HTML (FastWARC, trafilatura)
    prefilter_s: float = 0.0
    extract_s: float = 0.0
    peak_rss_mb: float = 0.0  # the process's peak resident memory when the batch was made
    cpu_s: float = 0.0  # CPU time the batch took (unlike the times above, not stretched by a busy machine)
    worker: str = ""
    extractor: tuple[str, str] = ("", "")  # the name and version of the extractor that ran

    @property
    def dropped(self) -> int:
        return self.dropped_language + self.dropped_topic

    def counts(self) -> FileCounts:
        return FileCounts(self.records, self.table.num_rows, self.dropped, self.skipped, len(self.failures))

    def articles(self) -> list[WarcArticle]:
        """The kept records as the store takes them."""
        return [_from_row(row) for row in self.table.to_pylist()]


# --- the worker's side ----------------------------------------------------------------------------


def extract_file(path: str, file: str, mode: str, settings: Settings) -> FileBatch:
    """The whole file as one batch (a Dask task). `file` is the file's key in the store."""
    hook = _worker_hook()
    batches = list(read_batches(path, file, _extractor(mode), settings, chunk=None, progress=hook))
    return batches[0]


def read_batches(
    path: str,
    file: str,
    extractor: Extractor,
    settings: Settings,
    *,
    chunk: int | None = 1000,
    progress: ProgressHook | None = None,
) -> Iterator[FileBatch]:
    """Batches of `chunk` records (all in one without it); the last has `complete` set.

    A file that cannot be opened raises SourceError; a broken record is a failure in the batch.
    """
    from airdate.sources.warc import BrokenRecord, read_records

    size = os.path.getsize(path)
    rows: list[dict[str, Any]] = []
    batch = _empty(file, size)
    t0, c0 = time.perf_counter(), time.process_time()
    records = read_records(path)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        if isinstance(record, BrokenRecord):
            batch.failures.append((failure_label(file, record.offset), "warc", record.reason))
            continue
        batch.records += 1
        _one(record, file, extractor, settings, batch, rows)
        if progress is not None and batch.records % PROGRESS_EVERY == 0:
            progress(file, batch.records, record.offset)
        if chunk is not None and batch.records % chunk == 0:
            yield _named(_close(batch, rows, t0, c0, complete=False), extractor)
            rows, batch, t0, c0 = [], _empty(file, size), time.perf_counter(), time.process_time()
    if progress is not None:
        progress(file, batch.records, size)
    yield _named(_close(batch, rows, t0, c0, complete=True), extractor)


def _one(
    record: Any,
    file: str,
    extractor: Extractor,
    settings: Settings,
    batch: FileBatch,
    rows: list[dict[str, Any]],
) -> None:
    from airdate.sources.html import read_html

    label = failure_label(file, record.offset)
    if not record.is_html_page():
        batch.skipped += 1
        return
    batch.pages += 1
    if len(record.payload) > settings.max_bytes:
        batch.failures.append((label, "read", f"the page is over {settings.max_bytes} bytes; skipped"))
        return
    t0 = time.perf_counter()
    if prefilter.check_page(record.payload) != prefilter.KEPT:
        batch.dropped_language += 1
        batch.prefilter_s += time.perf_counter() - t0
        return
    batch.prefilter_s += time.perf_counter() - t0
    try:
        article = read_html(record.payload, label=record.uri or label, url=record.uri, charset=record.charset)
    except SourceEmpty:
        batch.skipped += 1
        return
    except SourceError as err:
        batch.failures.append((label, "read", str(err)))
        return
    if article.published is None and record.day is not None:
        article = _dated(article, record.day)  # the crawl day stands in for a page without a date
    t2 = time.perf_counter()
    verdict = prefilter.check_article(article)
    t3 = time.perf_counter()
    batch.prefilter_s += t3 - t2
    if verdict != prefilter.KEPT:
        if verdict == prefilter.DROP_LANGUAGE:
            batch.dropped_language += 1
        else:
            batch.dropped_topic += 1
        return
    try:
        extraction = extractor.extract(article)
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a file
        batch.failures.append((label, "extract", f"{type(err).__name__}: {err}"))
        return
    finally:
        batch.extract_s += time.perf_counter() - t3
    rows.append(_to_row(record, article, extraction.releases))


def _dated(article: Article, day: date) -> Article:
    from dataclasses import replace

    return replace(article, published=day)


def _empty(file: str, size: int) -> FileBatch:
    import pyarrow as pa

    return FileBatch(file=file, size=size, table=pa.table({}), worker=f"{os.uname().nodename}:{os.getpid()}")


def _named(batch: FileBatch, extractor: Extractor) -> FileBatch:
    batch.extractor = (extractor.name, extractor.version)
    return batch


def _close(batch: FileBatch, rows: list[dict[str, Any]], t0: float, c0: float, *, complete: bool) -> FileBatch:
    import pyarrow as pa

    schema = pa.schema([(c, pa.int64() if c == "offset" else pa.string()) for c in COLUMNS])
    batch.table = pa.Table.from_pylist(rows, schema=schema)
    batch.complete = complete
    batch.read_s = max(0.0, time.perf_counter() - t0 - batch.prefilter_s - batch.extract_s)
    batch.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    batch.cpu_s = time.process_time() - c0
    return batch


def warm_worker(mode: str) -> str:
    """Load the extractor in this (worker) process; returns its name and version."""
    extractor = _extractor(mode)
    return f"{extractor.name} {extractor.version}"


@lru_cache(maxsize=2)
def _extractor(mode: str) -> Extractor:
    """One extractor per worker process and mode: spaCy loads once, not per file."""
    import airdate.sources.html  # noqa: F401 - trafilatura loads here, not in the first file's time
    from airdate.extract.pipeline import Extractor as Pipeline

    return Pipeline(mode)


def _worker_hook() -> ProgressHook | None:
    """Progress events to the client through Dask's event log, when running on a Dask worker."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return None

    def hook(file: str, records: int, position: int) -> None:
        worker.log_event(PROGRESS_TOPIC, {"file": file, "records": records, "position": position})

    return hook


PROGRESS_TOPIC = "airdate-backfill"


# --- rows ---------------------------------------------------------------------------------------


def _to_row(record: Any, article: Article, releases: tuple[Release, ...]) -> dict[str, Any]:
    return {
        "record_id": record.record_id,
        "uri": record.uri,
        "warc_date": record.warc_date,
        "offset": record.offset,
        "title": article.title,
        "text": article.text,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.publisher,
        "author": article.author,
        "releases": json.dumps([r.to_json() for r in releases], ensure_ascii=False),
    }


def _from_row(row: dict[str, Any]) -> WarcArticle:
    article = Article(
        text=row["text"],
        url=row["url"],
        title=row["title"],
        published=_day(row["published"]),
        publisher=row["publisher"],
        author=row["author"],
    )
    releases = tuple(release_from_json(r) for r in json.loads(row["releases"]))
    return WarcArticle(row["record_id"], row["uri"], row["warc_date"], row["offset"], article, releases)


def release_from_json(value: dict[str, Any]) -> Release:
    """A release back from `Release.to_json` (the batch carries claims as JSON)."""
    return Release(
        title=value["title"],
        season=value["season"],
        part=value["part"],
        kind=value["kind"],
        platforms=tuple(value["platforms"]),
        windows=tuple(
            Window(w["text"], _day(w["start"]), _day(w["end"]), w["certainty"], w["sentence"])
            for w in value["windows"]
        ),
        cast=tuple(CastMember(c["actor"], c["character"], c["status"], c["sentence"]) for c in value["cast"]),
        characters=tuple(value["characters"]),
        events=tuple(Event(e["type"], e["date"], e["certainty"], e["sentence"]) for e in value["events"]),
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
