"""The client of a backfill: WARC files out to Dask workers, their batches into the store.

Workers (a LocalCluster by default, or any cluster by its scheduler's address) each read and
extract whole files (`batch.extract_file`) and send back a compact batch; this process is the
store's only writer and loads each file's batch in one transaction that also records the file
as done. So a re-run after a crash or Ctrl-C skips the files done, redoes the others, and
stores no record twice (record ids are unique in the store). A worker that dies costs the file
it was reading, no more: the scheduler runs that file again on another worker (a local cluster
allows `RETRIES` deaths per file, an existing one its own `allowed-failures`), the client
reports it from the scheduler's "remove-worker" event, and only after the last try is the file
a recorded failure. A task that raises is tried `RETRIES` more times too (`retries=`).

`ingest_warc` is the same work in this process, for `airdate ingest FILE.warc.gz`: batches of
records committed as they come, the file marked done with the last.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from airdate.backfill.batch import PROGRESS_TOPIC, FileBatch, extract_file, read_batches, warm_worker
from airdate.errors import AirdateError, SourceError
from airdate.settings import Settings
from airdate.store.warc import FileCounts, file_done, load_records

if TYPE_CHECKING:
    from airdate.ingest import Extractor, Progress, Tally
    from airdate.store import Store

RETRIES = 2  # a file whose task fails (its worker died, an error) is tried this many more times
DASHBOARD = "127.0.0.1:8787"  # the local cluster's dashboard (Dask takes another port if it is in use)
BOARD_EVERY = 2000  # stored articles between two board recomputes
INGEST_CHUNK = 1000  # records per transaction in `airdate ingest FILE.warc.gz`
CONNECT_TIMEOUT_S = 10  # how long to try to reach a scheduler given by --scheduler


class ClusterError(AirdateError):
    """The Dask cluster could not be started or reached."""


@dataclass
class BackfillTally:
    """What a backfill did and where its time went (for the summary and the benchmark)."""

    files: int = 0  # files read to the end and stored now
    skipped_files: int = 0  # files done by an earlier run
    failed_files: int = 0
    records: int = 0
    pages: int = 0
    dropped_language: int = 0
    dropped_topic: int = 0
    skipped: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0  # failed records (and files)
    read_s: float = 0.0  # summed over the workers
    prefilter_s: float = 0.0
    extract_s: float = 0.0
    write_s: float = 0.0  # the client's store writes and board recomputes
    cpu_s: float = 0.0  # the workers' CPU time
    wall_s: float = 0.0
    startup_s: float = 0.0  # starting or reaching the cluster and loading the extractor on its workers
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker process
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    # (file, worker) for each worker that died while reading one of the files
    worker_deaths: list[tuple[str, str]] = field(default_factory=list)

    @property
    def dropped(self) -> int:
        return self.dropped_language + self.dropped_topic

    def add(self, batch: FileBatch, new: int, unchanged: int) -> None:
        self.records += batch.records
        self.pages += batch.pages
        self.dropped_language += batch.dropped_language
        self.dropped_topic += batch.dropped_topic
        self.skipped += batch.skipped
        self.stored += new
        self.unchanged += unchanged
        self.failed += len(batch.failures)
        self.failures.extend(batch.failures)
        self.read_s += batch.read_s
        self.prefilter_s += batch.prefilter_s
        self.extract_s += batch.extract_s
        self.cpu_s += batch.cpu_s
        self.peak_rss_mb[batch.worker] = max(self.peak_rss_mb.get(batch.worker, 0.0), batch.peak_rss_mb)

    def summary(self) -> str:
        n = len(self.worker_deaths)
        died = f", {n} worker{'s' * (n != 1)} died mid-file" if n else ""
        line = (
            f"files {self.files} done, {self.skipped_files} done before, {self.failed_files} failed{died}; "
            f"records {self.records}: stored {self.stored}, unchanged {self.unchanged}, "
            f"dropped {self.dropped} by the prefilter, skipped {self.skipped}, failed {self.failed}"
        )
        return line + (" (see `airdate failures`)" if self.failed or self.failed_files else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files, "skipped_files": self.skipped_files, "failed_files": self.failed_files,
            "records": self.records, "pages": self.pages, "stored": self.stored, "unchanged": self.unchanged,
            "dropped_language": self.dropped_language, "dropped_topic": self.dropped_topic,
            "skipped": self.skipped, "failed": self.failed, "wall_s": round(self.wall_s, 3),
            "failures": [{"path": p, "stage": s, "reason": r} for p, s, r in self.failures],
            "worker_deaths": [{"file": f, "worker": w} for f, w in self.worker_deaths],
        }  # fmt: skip


class FileProgress(Protocol):
    """Told about each file as a backfill goes; see airdate.backfill.progress."""

    def start(self, files: Sequence[tuple[str, int]], where: str) -> None: ...

    def reading(self, file: str, records: int, position: int) -> None: ...

    def done(self, file: str, batch: FileBatch, new: int) -> None: ...

    def failed(self, file: str, reason: str) -> None: ...

    def worker_died(self, file: str, worker: str) -> None: ...

    def finish(self) -> None: ...


def file_key(path: str) -> str:
    """A file's name in the store: its absolute path (workers and client see the same files)."""
    return os.path.abspath(path)


def warc_files(store: Store, sources: Sequence[str], tally: BackfillTally) -> list[tuple[str, str, int]]:
    """(path, key, size) of each WARC file to read; others are recorded failures, done ones skipped."""
    from airdate.ingest import expand_sources
    from airdate.sources.warc import is_warc

    todo = []
    for path in expand_sources(sources):
        try:
            size = os.stat(path).st_size
        except OSError as err:
            _file_failed(store, tally, path, f"cannot read {path}: {err.strerror}; check the path")
            continue
        if not is_warc(path):
            _file_failed(store, tally, path, f"{path} is not a WARC file; pass .warc or .warc.gz archives")
            continue
        key = file_key(path)
        if file_done(store, key, size):
            tally.skipped_files += 1
        else:
            todo.append((path, key, size))
    return todo


def _file_failed(store: Store, tally: BackfillTally, path: str, reason: str) -> None:
    store.record_failure(path, "backfill", reason)
    tally.failed_files += 1
    tally.failures.append((path, "backfill", reason))


def backfill(
    store: Store,
    sources: Sequence[str],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    mode: str = "hybrid",
    progress: FileProgress | None = None,
    tally: BackfillTally | None = None,
) -> BackfillTally:
    """Extract every WARC file not done yet on a Dask cluster and store the results here.

    Pass a `tally` to keep the counts if the run is interrupted (it is updated in place).
    """
    tally = tally if tally is not None else BackfillTally()
    started = time.perf_counter()
    todo = warc_files(store, sources, tally)
    if not todo:
        tally.wall_s = time.perf_counter() - started
        return tally
    client, cluster = _connect(scheduler, workers)
    store.defer_board = True
    unflushed = 0
    topics: list[str] = []  # event topics this client subscribed to
    try:
        _warm(client, mode)
        tally.startup_s = time.perf_counter() - started
        if progress is not None:
            progress.start([(key, size) for _, key, size in todo], _where(client, scheduler))
            client.subscribe_topic(PROGRESS_TOPIC, lambda event: _relay(progress, event))
            topics.append(PROGRESS_TOPIC)
        run = uuid.uuid4().hex[:8]  # task names unique to this run: a shared cluster keeps others' results
        tasks = {
            f"airdate-extract-{run}-{n}-{os.path.basename(path)}": key
            for n, (path, key, _) in enumerate(todo)
        }
        # the scheduler's own events: a worker that died with one of our files in hand
        client.subscribe_topic("all", lambda event: _note_lost(event, tasks, tally, progress))
        topics.append("all")
        futures = dict(
            zip(_submit(client, tasks, todo, mode, settings), ((k, s) for _, k, s in todo), strict=True)
        )
        from distributed import KilledWorker, as_completed

        for future in as_completed(futures):
            key, size = futures.pop(future)
            try:
                batch: FileBatch = future.result()
                future.release()  # the batch is here: a worker that dies now need not make it again
            except Exception as err:  # noqa: BLE001 - a file that failed every try; the run goes on
                reason = f"{type(err).__name__}: {err}"
                if isinstance(err, KilledWorker):
                    reason = (
                        f"the worker reading it died {err.allowed_failures + 1} times (out of memory?); "
                        "see the workers' logs, or read it alone with `airdate ingest`"
                    )
                _file_failed(store, tally, key, reason)
                if progress is not None:
                    progress.failed(key, reason)
                continue
            t0 = time.perf_counter()
            loaded = load_records(
                store,
                key,
                batch.articles(),
                batch.failures,
                batch.extractor,
                fresh=True,
                done=(size, batch.counts()),
            )
            unflushed += loaded.new
            if unflushed >= BOARD_EVERY:
                store.flush_board()
                unflushed = 0
            tally.write_s += time.perf_counter() - t0
            tally.files += 1
            tally.add(batch, loaded.new, loaded.unchanged)
            if progress is not None:
                progress.done(key, batch, loaded.new)
    finally:
        store.defer_board = False
        t0 = time.perf_counter()
        store.flush_board()
        tally.write_s += time.perf_counter() - t0
        for topic in topics:  # or the scheduler goes on sending them to a closed client
            client.unsubscribe_topic(topic)
        client.close()
        if cluster is not None:
            cluster.close()
        if progress is not None:
            progress.finish()
        tally.wall_s = time.perf_counter() - started
    return tally


def _connect(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    """A Dask client on the cluster at `scheduler`, or on a new LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            return Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s"), None
        except (OSError, TimeoutError, ValueError) as err:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} ({err}); check the address and that it runs"
            ) from None
    import dask

    n = workers or os.cpu_count() or 1
    scheduler_config = {
        "distributed.scheduler.allowed-failures": RETRIES,  # worker deaths on one file before it is a failure
        # One file per worker at a time (Dask sends a 1-thread worker 2 by default): a worker that
        # dies then takes only the file it was reading with it, not one queued behind it too.
        "distributed.scheduler.worker-saturation": 1.0,
    }
    with dask.config.set(scheduler_config):
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,  # spaCy and trafilatura hold the GIL: one file per process
            processes=True,
            dashboard_address=DASHBOARD,
            silence_logs=logging.CRITICAL,  # what failed is in the run's own lines
        )
    return Client(cluster), cluster


def _submit(
    client: Any, tasks: dict[str, str], todo: list[tuple[str, str, int]], mode: str, settings: Settings
) -> list[Any]:
    """A future per file, in the order of `todo`.

    Each task is marked a data producer (as dask.array marks reading a chunk): the scheduler
    then holds the files in its queue and hands a worker the next one when it has a free thread,
    instead of sending every worker a share up front. A worker that dies so holds only the file it
    was reading; the scheduler puts that file back in the queue.
    """
    from dask.task_spec import Task

    graph = {
        task: Task(task, extract_file, path, key, mode, settings, _data_producer=True)
        for task, (path, key, _) in zip(tasks, todo, strict=True)
    }
    return list(client.get(graph, list(graph), sync=False, retries=RETRIES))


def _warm(client: Any, mode: str) -> None:
    """Load the extractor on every worker now: a worker that cannot run airdate says so before any file."""
    try:
        client.run(warm_worker, mode)
    except (ImportError, AirdateError) as err:
        raise ClusterError(
            f"the Dask workers cannot run airdate's extractor ({type(err).__name__}: {err}); "
            "install airdate (the same version) where the workers run"
        ) from None


def _where(client: Any, scheduler: str | None) -> str:
    workers = len(client.scheduler_info().get("workers", {}))
    where = f"the cluster at {scheduler}" if scheduler else "a local cluster"
    link = client.dashboard_link if "dashboard" in client.scheduler_info().get("services", {}) else None
    return f"{where}, {workers} worker{'s' * (workers != 1)}" + (f"; dashboard {link}" if link else "")


def _message(event: Any) -> Any:
    """An event's message: handlers get (timestamp, message)."""
    return event[1] if isinstance(event, tuple) else event


def _relay(progress: FileProgress, event: Any) -> None:
    message = _message(event)
    if isinstance(message, dict):
        progress.reading(str(message["file"]), int(message["records"]), int(message["position"]))


def _note_lost(
    event: Any, tasks: dict[str, str], tally: BackfillTally, progress: FileProgress | None
) -> None:
    """A worker left or died: the scheduler runs the file it was reading again elsewhere, up to its limit."""
    message = _message(event)
    if not isinstance(message, dict) or message.get("action") != "remove-worker":
        return
    worker = str(message.get("worker", "?"))
    for task in message.get("processing-tasks") or ():
        file = tasks.get(str(task))
        if file is not None:
            tally.worker_deaths.append((file, worker))
            if progress is not None:
                progress.worker_died(file, worker)


# --- the same in this process: `airdate ingest FILE.warc.gz` -----------------------------------------


def ingest_warc(
    store: Store, path: str, extractor: Extractor, settings: Settings, tally: Tally, progress: Progress | None
) -> None:
    """Read, prefilter, extract and store one WARC file here, a batch of records per transaction."""
    key = file_key(path)
    size = os.path.getsize(path)
    if file_done(store, key, size):
        tally.unchanged += 1
        if progress is not None:
            progress.article(path, "unchanged", "a WARC file read before")
        return
    total = FileCounts(0, 0, 0, 0, 0)
    fresh = True
    batches = read_batches(path, key, extractor, settings, chunk=INGEST_CHUNK)
    while True:
        t0 = time.perf_counter()
        try:
            batch = next(batches)
        except StopIteration:
            break
        except SourceError as err:
            tally.read_s += time.perf_counter() - t0
            store.record_failure(path, "read", str(err))
            tally.failed += 1
            tally.failures.append((path, "read", str(err)))
            return
        # reading the archive and the pages, and the prefilter, count as reading here
        tally.read_s += time.perf_counter() - t0 - batch.extract_s
        tally.extract_s += batch.extract_s
        c = batch.counts()
        total = FileCounts(*(a + b for a, b in zip(_fields(total), _fields(c), strict=True)))
        t1 = time.perf_counter()
        loaded = load_records(
            store, key, batch.articles(), batch.failures, (extractor.name, extractor.version),
            fresh=fresh, done=(size, total) if batch.complete else None,
        )  # fmt: skip
        store.flush_board()
        tally.store_s += time.perf_counter() - t1
        fresh = False
        tally.done += loaded.new
        tally.unchanged += loaded.unchanged
        tally.failed += len(batch.failures)
        tally.failures.extend(batch.failures)
        if progress is not None:
            for label, stage, reason in batch.failures:
                progress.article(label, "failed", f"{stage}: {reason}")
    if progress is not None:
        progress.article(
            path,
            "ingested",
            f"{total.records} records: {total.kept} kept, {total.dropped} dropped by the prefilter",
        )


def _fields(c: FileCounts) -> tuple[int, int, int, int, int]:
    return (c.records, c.kept, c.dropped, c.skipped, c.failed)
