"""Feed subscriptions and the items they gave: what `airdate feeds` edits and `airdate watch` polls.

Kept beside the Store rather than in it: these rows describe the watcher's work, not the
news, so writing them does not move the store's `generation` (the web app's caches of the
board and calendar stay good while feeds are polled).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from airdate.store.errors import NotFound, StoreError
from airdate.store.store import Store

WEEK = timedelta(days=7)
DEFAULT_EVERY = 30 * 60  # seconds between polls, unless `feeds add --every` says otherwise
_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.every, f.full_text, f.added_at, f.etag, f.last_modified, f.last_poll, "
    "f.last_success, f.last_error, f.last_error_at, f.failures, f.next_poll"
)


@dataclass(frozen=True)
class Feed:
    """One subscription and how its polling goes; times are UTC ISO strings."""

    id: int
    url: str
    title: str | None
    every: int  # seconds between polls while it works
    full_text: bool  # ingest each item's linked page rather than the feed's text
    added_at: str
    etag: str | None
    last_modified: str | None
    last_poll: str | None
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    failures: int  # in a row; 0 once a poll works
    next_poll: str | None  # None: due now
    items_seen: int = 0
    new_this_week: int = 0


@dataclass(frozen=True)
class ItemState:
    outcome: str  # "ingested", "unchanged" or "failed"
    tries: int


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@contextmanager
def write(store: Store, what: str, *, bump: bool = False) -> Iterator[sqlite3.Connection]:
    """One write transaction; `bump` moves the store's generation (for writes the board depends on)."""
    conn = store.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise StoreError(f"cannot write to {store.path or 'the database'} ({what}): {e}") from e
    try:
        yield conn
        if bump:
            conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        conn.execute("COMMIT")
    except BaseException as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.Error):
            raise StoreError(f"cannot store {what}: {e}") from e
        raise


# --- subscriptions ------------------------------------------------------------------------------


def add_feed(
    store: Store, url: str, *, every: int | None, full_text: bool | None, title: str | None = None,
    at: datetime | None = None,
) -> tuple[Feed, bool]:
    """Subscribe to `url` (every/full_text default to 30 minutes and off), or change a subscription's
    settings where given; returns the feed and whether it is new."""
    with write(store, f"the feed {url}") as db:
        row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is None:
            cur = db.execute(
                "INSERT INTO feeds (url, title, every, full_text, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, title, every or DEFAULT_EVERY, int(bool(full_text)), iso(at or datetime.now(UTC))),
            )
            feed_id, new = int(cur.lastrowid or 0), True
        else:
            feed_id, new = int(row[0]), False
            db.execute(
                "UPDATE feeds SET every = IFNULL(?, every), full_text = IFNULL(?, full_text), "
                "title = IFNULL(title, ?) WHERE id = ?",
                (every, None if full_text is None else int(full_text), title, feed_id),
            )
    return feed(store, feed_id), new



def feeds(store: Store, *, at: datetime | None = None, ids: Collection[int] | None = None) -> list[Feed]:
    """Every subscription by id, with how many items it gave and how many were new in the week to `at`."""
    week_ago = iso((at or datetime.now(UTC)) - WEEK)
    where = "" if ids is None else f"WHERE f.id IN ({','.join(str(int(i)) for i in ids) or 'NULL'}) "
    rows = store.conn.execute(
        f"SELECT {_FEED_COLUMNS}, "
        "(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id), "
        "(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.outcome = 'ingested' AND i.seen_at >= ?) "
        f"FROM feeds f {where}ORDER BY f.id",
        (week_ago,),
    )
    return [_feed(r) for r in rows]


def feed(store: Store, feed_id: int, *, at: datetime | None = None) -> Feed:
    found = feeds(store, at=at, ids=[feed_id])
    if not found:
        raise NotFound(f"no feed with id {feed_id}; see `airdate feeds list`")
    return found[0]


def find_feed(store: Store, ref: str) -> Feed:
    """The feed a user names by id or by its exact URL."""
    ref = ref.strip()
    if ref.isdigit():
        return feed(store, int(ref))
    row = store.conn.execute("SELECT id FROM feeds WHERE url = ?", (ref,)).fetchone()
    if row is None:
        raise NotFound(f"no feed with the URL {ref}; see `airdate feeds list` for ids and URLs")
    return feed(store, int(row[0]))


def remove_feed(store: Store, feed_id: int) -> None:
    """Unsubscribe; the articles the feed gave stay in the store."""
    with write(store, f"removing feed {feed_id}") as db:
        db.execute("DELETE FROM feed_items WHERE feed_id = ?", (feed_id,))
        db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))


def _feed(row: tuple[Any, ...]) -> Feed:
    (fid, url, title, every, full_text, added, etag, modified, last_poll, last_ok, error, error_at, failures,
     next_poll, seen, new) = row  # fmt: skip
    return Feed(
        int(fid), url, title, int(every), bool(full_text), added, etag, modified, last_poll, last_ok, error,
        error_at, int(failures), next_poll, int(seen), int(new),
    )  # fmt: skip


# --- what the watcher records -------------------------------------------------------------------


def item_states(store: Store, feed_id: int, keys: Collection[str]) -> dict[str, ItemState]:
    """The items of `keys` this feed already gave, with their outcome."""
    if not keys:
        return {}
    rows = store.conn.execute(
        "SELECT key, outcome, tries FROM feed_items WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))",
        (feed_id, _json_list(keys)),
    )
    return {str(k): ItemState(str(o), int(t)) for k, o, t in rows}


def record_item(
    store: Store, feed_id: int, key: str, outcome: str, article_id: int | None, at: datetime
) -> None:
    """Remember one item's outcome; a failed item counts its tries."""
    with write(store, f"an item of feed {feed_id}") as db:
        db.execute(
            "INSERT INTO feed_items (feed_id, key, outcome, tries, article_id, seen_at) VALUES (?, ?, ?, 1, ?, ?) "
            "ON CONFLICT (feed_id, key) DO UPDATE SET outcome = excluded.outcome, "
            "tries = feed_items.tries + 1, article_id = IFNULL(excluded.article_id, feed_items.article_id), "
            "seen_at = excluded.seen_at",
            (feed_id, key, outcome, article_id, iso(at)),
        )


def record_success(
    store: Store, feed_id: int, at: datetime, next_poll: datetime, *,
    title: str | None = None, validators: tuple[str | None, str | None] | None = None,
) -> None:
    """A poll that worked: failures back to 0; `validators` (ETag, Last-Modified) are kept when given."""
    with write(store, f"the poll of feed {feed_id}") as db:
        db.execute(
            "UPDATE feeds SET last_poll = ?1, last_success = ?1, failures = 0, next_poll = ?2, "
            "title = IFNULL(?3, title) WHERE id = ?4",
            (iso(at), iso(next_poll), title, feed_id),
        )
        if validators is not None:
            db.execute(
                "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?", (*validators, feed_id)
            )


def record_error(store: Store, feed_id: int, at: datetime, error: str, next_poll: datetime) -> int:
    """A poll that failed: the reason, one more failure in a row, the backed-off next poll; returns the count."""
    with write(store, f"the poll of feed {feed_id}") as db:
        db.execute(
            "UPDATE feeds SET last_poll = ?1, last_error = ?2, last_error_at = ?1, failures = failures + 1, "
            "next_poll = ?3 WHERE id = ?4",
            (iso(at), error, iso(next_poll), feed_id),
        )
        row = db.execute("SELECT failures FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    return int(row[0]) if row else 0


def record_stop(store: Store, feed_id: int, at: datetime) -> None:
    """A poll cut short by a stop: due again at once, so the next run picks up where this one ended."""
    with write(store, f"the poll of feed {feed_id}") as db:
        db.execute("UPDATE feeds SET last_poll = ?1, next_poll = ?1 WHERE id = ?2", (iso(at), feed_id))


def article_with_url(store: Store, url: str) -> int | None:
    """The stored article read from `url`, if any (so a page two feeds link is fetched once)."""
    row = store.conn.execute("SELECT id FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
    return int(row[0]) if row else None


def _json_list(values: Collection[str]) -> str:
    return json.dumps(sorted(values))
