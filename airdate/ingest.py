"""Bulk ingest: sources → articles → claims → the store, one transaction per article.

`expand_sources` turns what the user typed (files, folders walked recursively, globs,
feeds, `-`, URLs, WARC archives) into a list of sources; a WARC file is read record by record
(airdate.backfill.run.ingest_warc: a batch of records per transaction, not one per article). `ingest` reads, extracts and stores each
article; a source or article that fails is recorded in the store's failures table
(path, stage, reason) and the run carries on. An article already stored (same
normalized text, whatever its path) is not extracted again. `reextract` runs the
current extractor over stored articles without reading any file.

Interrupting (Ctrl-C, or killing the process) loses at most the article in flight:
each article and its claims are committed together or not at all.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from airdate.errors import SourceError, SourceNotFound, StoreError
from airdate.models import Article, Extraction
from airdate.settings import Settings
from airdate.store import Store, StoredArticle

GLOB_CHARS = frozenset("*?[")


class Extractor(Protocol):
    name: str
    version: str

    def extract(self, article: Article) -> Extraction: ...


@dataclass
class Tally:
    """What a run did, and where its time went (for the summary line and the benchmark)."""

    done: int = 0  # articles ingested (or re-extracted)
    unchanged: int = 0  # articles already stored
    failed: int = 0  # sources or articles recorded as failures
    releases: int = 0  # release mentions stored with the new articles
    read_s: float = 0.0
    extract_s: float = 0.0
    store_s: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, stage, reason)

    def summary(self) -> str:
        line = f"ingested {self.done}, unchanged {self.unchanged}, failed {self.failed}"
        return line + (" (see `airdate failures`)" if self.failed else "")


class Progress(Protocol):
    """Told about each source as the run goes; see `progress_for`."""

    def start(self, total: int) -> None: ...

    def article(self, label: str, outcome: str, detail: str = "") -> None: ...

    def advance(self) -> None: ...

    def finish(self) -> None: ...


# --- what to read ---------------------------------------------------------------------------


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Every source to read, in a stable order: folders walked (sorted), globs expanded.

    `-` and URLs pass through; a path that does not exist and a glob that matches
    nothing pass through too, so reading them records a failure with the reason.
    """
    out: list[str] = []
    for source in sources:
        if source == "-" or "://" in source:
            out.append(source)
        elif os.path.isdir(source):
            out.extend(walk(source))
        elif not os.path.exists(source) and GLOB_CHARS & set(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                out.append(source)
            for match in matches:
                out.extend(walk(match) if os.path.isdir(match) else [match])
        else:
            out.append(source)
    return list(dict.fromkeys(out))


def walk(folder: str) -> Iterator[str]:
    """Files under a folder, recursively, sorted; hidden files and folders are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


# --- the run --------------------------------------------------------------------------------


def ingest(
    store: Store,
    sources: Sequence[str],
    extractor: Extractor,
    settings: Settings,
    progress: Progress | None = None,
    tally: Tally | None = None,
) -> Tally:
    """Read, extract and store every source; failures are recorded and the run carries on.

    Pass a `tally` to keep the counts if the run is interrupted (it is updated in place).
    """
    tally = tally if tally is not None else Tally()
    items = expand_sources(sources)
    if progress is not None:
        progress.start(len(items))
    store.defer_board = True
    try:
        for source in items:
            if _is_warc(source):
                from airdate.backfill.run import ingest_warc

                _flush(store, tally)
                ingest_warc(store, source, extractor, settings, tally, progress)
                if progress is not None:
                    progress.advance()
                continue
            for article in _read(store, source, settings, tally, progress):
                _one(store, article, source, extractor, tally, progress)
                if (tally.done + tally.unchanged) % BOARD_BATCH == 0:
                    _flush(store, tally)
            if progress is not None:
                progress.advance()
    finally:
        store.defer_board = False
        _flush(store, tally)
    if progress is not None:
        progress.finish()
    return tally


BOARD_BATCH = 500  # articles between board recomputes in a bulk ingest


def _is_warc(source: str) -> bool:
    """A local WARC archive: read record by record (airdate.backfill), never whole."""
    if source == "-" or "://" in source or not os.path.isfile(source):
        return False
    from airdate.sources.warc import is_warc

    return is_warc(source)


def _flush(store: Store, tally: Tally) -> None:
    t0 = time.perf_counter()
    store.flush_board()
    tally.store_s += time.perf_counter() - t0


def _read(
    store: Store, source: str, settings: Settings, tally: Tally, progress: Progress | None
) -> list[Article]:
    from airdate.sources import read_source  # trafilatura and friends load only when reading

    t0 = time.perf_counter()
    try:
        articles = read_source(source, settings)
    except SourceError as e:
        reason = str(e)
        if isinstance(e, SourceNotFound) and GLOB_CHARS & set(source):
            reason = f"no file matches {source}; check the pattern"
        _fail(store, tally, progress, source, "read", reason)
        articles = []
    tally.read_s += time.perf_counter() - t0
    return articles


def _one(
    store: Store, article: Article, source: str, extractor: Extractor, tally: Tally, progress: Progress | None
) -> None:
    label = article.url or article.path or source
    t0 = time.perf_counter()
    known = store.stored_id(article)
    if known is not None:
        if article.path:
            store.clear_failures(article.path)
        tally.store_s += time.perf_counter() - t0
        tally.unchanged += 1
        if progress is not None:
            progress.article(label, "unchanged")
        return
    t1 = time.perf_counter()
    try:
        extraction = extractor.extract(article)
    except Exception as e:  # noqa: BLE001 - one bad article must not stop a bulk run
        tally.extract_s += time.perf_counter() - t1
        _fail(store, tally, progress, label, "extract", f"{type(e).__name__}: {e}")
        return
    t2 = time.perf_counter()
    tally.extract_s += t2 - t1
    try:
        _, new = store.add_article(article, extraction, extractor.name, extractor.version)
    except StoreError as e:
        tally.store_s += time.perf_counter() - t2
        _fail(store, tally, progress, label, "store", str(e))
        return
    tally.store_s += time.perf_counter() - t2 + (t1 - t0)
    if new:
        tally.done += 1
        tally.releases += len(extraction.releases)
    else:
        tally.unchanged += 1
    if progress is not None:
        n = len(extraction.releases)
        progress.article(label, "ingested" if new else "unchanged", f"{n} release{'s' * (n != 1)}")


def ingest_article(
    store: Store, article: Article, label: str, extractor: Extractor, tally: Tally, progress: Progress | None = None
) -> None:
    """Extract and store one article already read (a watched feed's item), as `ingest` does each of
    its articles: text already stored is not extracted again; a failure is recorded, never raised.
    With `store.defer_board` set, the caller flushes the board afterwards, as `ingest` does."""
    _one(store, article, label, extractor, tally, progress)


def _fail(store: Store, tally: Tally, progress: Progress | None, path: str, stage: str, reason: str) -> None:
    store.record_failure(path, stage, reason)
    tally.failed += 1
    tally.failures.append((path, stage, reason))
    if progress is not None:
        progress.article(path, "failed", f"{stage}: {reason}")


def reextract(
    store: Store,
    extractor: Extractor,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    tally: Tally | None = None,
) -> Tally:
    """Run the current extractor over stored articles (those from another extractor version, or all).

    Each article's claims are swapped in one transaction; nothing is read from disk. Board rows
    follow once per batch, as in `ingest`.
    """
    tally = tally if tally is not None else Tally()
    stale = None if everything else (extractor.name, extractor.version)
    todo = list(store.articles(stale_for=stale))
    if progress is not None:
        progress.start(len(todo))
    store.defer_board = True
    try:
        for n, stored in enumerate(todo, 1):
            _reextract_one(store, stored, extractor, tally, progress)
            if n % BOARD_BATCH == 0:
                _flush(store, tally)
    finally:
        store.defer_board = False
        _flush(store, tally)
    if progress is not None:
        progress.finish()
    return tally


def _reextract_one(
    store: Store, stored: StoredArticle, extractor: Extractor, tally: Tally, progress: Progress | None
) -> None:
    label = stored.article.path or stored.article.url or f"article {stored.id}"
    t1 = time.perf_counter()
    try:
        extraction = extractor.extract(stored.article)
    except Exception as e:  # noqa: BLE001 - the old claims stay; the run carries on
        tally.extract_s += time.perf_counter() - t1
        _fail(store, tally, progress, label, "reextract", f"{type(e).__name__}: {e}")
        if progress is not None:
            progress.advance()
        return
    t2 = time.perf_counter()
    tally.extract_s += t2 - t1
    store.replace_claims(stored.id, extraction, extractor.name, extractor.version)
    tally.store_s += time.perf_counter() - t2
    tally.done += 1
    tally.releases += len(extraction.releases)
    if progress is not None:
        progress.article(label, "updated", f"{len(extraction.releases)} releases")
        progress.advance()


# --- progress -------------------------------------------------------------------------------


class PlainLines:
    """One line per article (`ingested path (2 releases)`), for logs and pipes."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    def start(self, total: int) -> None:
        pass

    def article(self, label: str, outcome: str, detail: str = "") -> None:
        line = f"{outcome:9} {label}" + (f" ({detail})" if detail and outcome != "failed" else "")
        if outcome == "failed":
            line += f": {detail}"
        print(line, file=self.out or sys.stdout, flush=True)

    def advance(self) -> None:
        pass

    def finish(self) -> None:
        pass


class ProgressBar:
    """A rich progress bar over the sources; failures are printed above it as they happen."""

    def __init__(self, out: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(
            TextColumn("[bold]ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[label]}", style="dim"),
            console=Console(file=out or sys.stdout),
            transient=True,
        )
        self.task = self.bar.add_task("ingest", total=None, label="")

    def start(self, total: int) -> None:
        self.bar.update(self.task, total=total)
        self.bar.start()

    def article(self, label: str, outcome: str, detail: str = "") -> None:
        if outcome == "failed":
            from rich.markup import escape

            self.bar.console.print(f"[red]failed[/red] {escape(label)}: {escape(detail)}", highlight=False)
        self.bar.update(self.task, label=_tail(label, 40))

    def advance(self) -> None:
        self.bar.advance(self.task)

    def finish(self) -> None:
        self.bar.stop()


def progress_for(out: TextIO, quiet: bool = False) -> Progress | None:
    """A progress bar on a terminal, plain lines otherwise, nothing when quiet."""
    if quiet:
        return None
    return ProgressBar(out) if out.isatty() else PlainLines(out)


def _tail(label: str, width: int) -> str:
    name = Path(label).name if "://" not in label else label
    return name if len(name) <= width else "…" + name[-(width - 1) :]
