"""WARC records in the store (migration 12): each stored record's id, URI and date; the files done.

`load_records` stores a batch of records' articles and claims in one transaction, skipping a
record id already stored (so a batch loaded twice stores nothing twice), and, with `done`, records
the file as finished in the same transaction: a run killed before that commit redoes the file,
one killed after it skips the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from airdate.models import Article, Extraction, Release
from airdate.store import queries
from airdate.store.keys import content_digest
from airdate.store.schema import now
from airdate.store.store import Store


@dataclass(frozen=True)
class WarcArticle:
    """An article read from one WARC record, with the releases the extractor found in it."""

    record_id: str
    uri: str | None
    warc_date: str | None
    offset: int
    article: Article
    releases: tuple[Release, ...]


@dataclass(frozen=True)
class FileCounts:
    """What a finished file held: records read, kept by the prefilter, dropped by it, skipped, failed."""

    records: int
    kept: int
    dropped: int
    skipped: int
    failed: int


@dataclass
class Loaded:
    new: int = 0  # records whose article was stored now
    unchanged: int = 0  # records already stored, or whose text was (under another record)


def failure_label(file: str, offset: int) -> str:
    """How a record appears in `airdate failures`: the file and the record's offset in it."""
    return f"{file}@{offset}"


def load_records(
    store: Store,
    file: str,
    items: Sequence[WarcArticle],
    failures: Sequence[tuple[str, str, str]],
    extractor: tuple[str, str],
    *,
    fresh: bool = False,
    done: tuple[int, FileCounts] | None = None,
) -> Loaded:
    """Store `items` (and record `failures`, as (path, stage, reason)) in one transaction.

    `fresh` forgets the failures recorded for the file's records before (it is being read
    again); `done` = (size, counts) marks the file finished.
    """
    loaded = Loaded()
    name, version = extractor
    with store._transaction(f"the records of {file}") as db:
        if fresh:
            db.execute(
                "DELETE FROM failures WHERE path = ? OR substr(path, 1, ?) = ?",
                (file, len(file) + 1, file + "@"),
            )
        for item in items:
            if db.execute("SELECT 1 FROM warc_records WHERE record_id = ?", (item.record_id,)).fetchone():
                loaded.unchanged += 1
                continue
            article = item.article
            digest = content_digest(article.title, article.text)
            article_id = queries.article_by_digest(db, digest)
            if article_id is None:
                article_id = queries.insert_article(db, article, digest, name, version, now())
                store._insert_claims(article_id, Extraction(article, item.releases))
                loaded.new += 1
            else:
                loaded.unchanged += 1
            db.execute(
                "INSERT INTO warc_records (record_id, article_id, uri, warc_date, file, offset) VALUES (?, ?, ?, ?, ?, ?)",
                (item.record_id, article_id, item.uri, item.warc_date, file, item.offset),
            )
        at = now()
        for path, stage, reason in failures:
            queries.record_failure(db, path, stage, reason, at)
        if done is not None:
            size, c = done
            db.execute(
                "INSERT OR REPLACE INTO warc_files (path, size, records, kept, dropped, skipped, failed, done_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (file, size, c.records, c.kept, c.dropped, c.skipped, c.failed, at),
            )
    return loaded


def file_done(store: Store, file: str, size: int) -> bool:
    """Whether the file at this path and of this size was read to its end before."""
    row = store.conn.execute("SELECT size FROM warc_files WHERE path = ?", (file,)).fetchone()
    return row is not None and row[0] == size


def record_of(store: Store, article_id: int) -> list[tuple[str, str | None, str | None]]:
    """The WARC records (id, URI, date) an article was read from, oldest first."""
    rows = store.conn.execute(
        "SELECT record_id, uri, warc_date FROM warc_records WHERE article_id = ? ORDER BY warc_date, record_id",
        (article_id,),
    )
    return [(r[0], r[1], r[2]) for r in rows]
