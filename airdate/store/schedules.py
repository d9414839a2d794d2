"""Official schedules in the store (migration 11): the HTTP cache, links, schedule dates, the catalog.

Each write is its own short transaction through `Store._transaction`; a write that changes what a
release's claims are (a link, a schedule date) marks the release, so its board row follows.
Schedule dates are read back as claims from the source "TVmaze schedule" by
`queries.load_claims` (see `add_schedule_claims`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from airdate.store.schema import now
from airdate.store.store import Store

STATES = ("linked", "ambiguous", "unmatched", "none")


# --- the HTTP cache ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cached:
    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: str


def cached(store: Store, url: str) -> Cached | None:
    try:
        row = store.conn.execute(
            "SELECT url, body, etag, last_modified, fetched_at FROM http_cache WHERE url = ?", (url,)
        ).fetchone()
    except sqlite3.OperationalError:  # a store opened before migration 11
        return None
    return None if row is None else Cached(row[0], bytes(row[1]), row[2], row[3], row[4])


def keep(store: Store, url: str, body: bytes, etag: str | None, last_modified: str | None) -> None:
    """Store (or replace) an answer with its validators."""
    at = now()
    with store._transaction(f"caching {url}") as db:
        db.execute(
            "INSERT INTO http_cache (url, etag, last_modified, body, fetched_at, checked_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "body = excluded.body, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at",
            (url, etag, last_modified, body, at, at),
        )


def checked(store: Store, url: str) -> None:
    """A 304: the cached answer still holds."""
    with store._transaction(f"caching {url}") as db:
        db.execute("UPDATE http_cache SET checked_at = ? WHERE url = ?", (now(), url))


# --- links --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A TVmaze show a release may be: enough to tell two apart for a person."""

    id: int
    name: str
    premiered: str | None = None  # YYYY-MM-DD
    network: str | None = None  # network or web channel
    url: str | None = None
    matched: str = ""  # the name or AKA the title matched

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "premiered": self.premiered, "network": self.network,
                "url": self.url, "matched": self.matched}  # fmt: skip

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Candidate:
        return cls(int(doc["id"]), str(doc["name"]), doc.get("premiered"), doc.get("network"), doc.get("url"),
                   str(doc.get("matched") or ""))  # fmt: skip


@dataclass(frozen=True)
class Link:
    release_id: int
    state: str  # linked, ambiguous, unmatched, none
    show: Candidate | None
    confidence: float | None
    method: str  # name, aka, by hand, search, catalog
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    by: str | None = None
    at: str = ""
    synced_at: str | None = None
    provider: str = "tvmaze"  # tvmaze (series), tmdb (films, with AIRDATE_TMDB_KEY)

    def to_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "state": self.state,
            "show": None if self.show is None else self.show.to_json(),
            "confidence": self.confidence,
            "method": self.method,
            "candidates": [c.to_json() for c in self.candidates],
            "by": self.by,
            "at": self.at,
            "synced_at": self.synced_at,
        }


def set_link(store: Store, link: Link) -> Link:
    """Store a release's link (replacing the one it had) and mark the release."""
    store.release(link.release_id)
    show = link.show
    at = link.at or now()
    with store._transaction(f"linking release {link.release_id}") as db:
        db.execute(
            "INSERT INTO schedule_links (release_id, state, show_id, show_name, show_url, network, confidence, method, "
            "candidates, by, at, provider) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (release_id) DO "
            "UPDATE SET provider = excluded.provider, "
            "state = excluded.state, show_id = excluded.show_id, show_name = excluded.show_name, "
            "show_url = excluded.show_url, network = excluded.network, confidence = excluded.confidence, "
            "method = excluded.method, candidates = excluded.candidates, by = excluded.by, at = excluded.at, "
            "synced_at = CASE WHEN schedule_links.show_id IS excluded.show_id AND schedule_links.provider = "
            "excluded.provider THEN schedule_links.synced_at END",
            (link.release_id, link.state, show and show.id, show and show.name, show and show.url,
             show and show.network, link.confidence, link.method,
             json.dumps([c.to_json() for c in link.candidates]), link.by, at, link.provider),
        )  # fmt: skip
        # Dates from another show no longer hold once the release is linked elsewhere (or to none).
        gone = db.execute(
            "DELETE FROM schedule_dates WHERE release_id = ? AND show_id IS NOT ?",
            (link.release_id, show.id if show and link.state == "linked" else None),
        ).rowcount
        if gone:  # the link itself is no claim: only dropping the old show's dates changes the board
            store._refresh(link.release_id)
    return replace(link, at=at)


_LINK_COLUMNS = (
    "release_id, state, show_id, show_name, show_url, network, confidence, method, candidates, by, at, synced_at, "
    "provider"
)


def _link(row: Sequence[Any]) -> Link:
    rid, state, show_id, name, url, network, confidence, method, candidates, by, at, synced, provider = row
    show = None if show_id is None else Candidate(int(show_id), str(name or f"show {show_id}"), None, network, url)
    return Link(int(rid), str(state), show, confidence, str(method),
                tuple(Candidate.of(c) for c in json.loads(candidates or "[]")), by, str(at), synced,
                str(provider))  # fmt: skip


def link_of(store: Store, release_id: int) -> Link | None:
    try:
        row = store.conn.execute(
            f"SELECT {_LINK_COLUMNS} FROM schedule_links WHERE release_id = ?", (release_id,)
        ).fetchone()
    except sqlite3.OperationalError:  # a store opened before migration 11
        return None
    return None if row is None else _link(row)


def links(store: Store, states: Iterable[str] = STATES) -> list[Link]:
    rows = store.conn.execute(
        f"SELECT {_LINK_COLUMNS} FROM schedule_links WHERE state IN (SELECT value FROM json_each(?)) "
        "ORDER BY release_id",
        (json.dumps(list(states)),),
    )
    return [_link(r) for r in rows]


# --- schedule dates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleDate:
    """What the schedule said: a premiere day or an aired first episode, and when it was first seen."""

    kind: str  # premiere, aired
    day: date
    what: str  # the sentence shown as evidence
    season: int | None = None


def record_dates(store: Store, release_id: int, show_id: int, found: Sequence[ScheduleDate], today: date) -> int:
    """Record this sync's dates: a date seen before keeps its first-seen day; returns how many are new."""
    new = 0
    with store._transaction(f"the schedule of release {release_id}") as db:
        for d in found:
            newest = db.execute(
                "SELECT day FROM schedule_dates WHERE release_id = ? AND show_id = ? AND kind = ? "
                "ORDER BY first_seen DESC, id DESC LIMIT 1",
                (release_id, show_id, d.kind),
            ).fetchone()
            # A date the schedule gives again after another is news again: it is dated today.
            back = newest is not None and newest[0] != d.day.isoformat()
            cur = db.execute(
                "UPDATE schedule_dates SET last_seen = ?1, what = ?2, first_seen = CASE WHEN ?3 THEN ?1 ELSE first_seen END "
                "WHERE release_id = ?4 AND show_id = ?5 AND kind = ?6 AND day = ?7",
                (today.isoformat(), d.what, back, release_id, show_id, d.kind, d.day.isoformat()),
            )
            if cur.rowcount and back:
                store._refresh(release_id)
            if cur.rowcount == 0:
                db.execute(
                    "INSERT INTO schedule_dates (release_id, show_id, season, kind, day, what, first_seen, last_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (release_id, show_id, d.season, d.kind, d.day.isoformat(), d.what, today.isoformat(),
                     today.isoformat()),
                )  # fmt: skip
                new += 1
        db.execute("UPDATE schedule_links SET synced_at = ? WHERE release_id = ?", (now(), release_id))
        if new:
            store._refresh(release_id)
    return new


# --- the catalog --------------------------------------------------------------------------------


def catalog_meta(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM catalog_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_catalog_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO catalog_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


CatalogRow = tuple[int, str, str, str | None, str | None, str | None, str | None, str | None, str | None, int]


def put_shows(store: Store, rows: Sequence[CatalogRow], meta: dict[str, str] | None = None) -> None:
    """Insert or refresh catalog rows (id, name, key, premiered, network, country, type, language, url, updated)."""
    with store._transaction("the show catalog") as db:
        db.executemany(
            "INSERT INTO catalog_shows (id, name, key, premiered, network, country, type, language, url, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "key = excluded.key, premiered = excluded.premiered, network = excluded.network, "
            "country = excluded.country, type = excluded.type, language = excluded.language, url = excluded.url, "
            "updated = excluded.updated",
            rows,
        )
        for k, v in (meta or {}).items():
            set_catalog_meta(db, k, v)


def put_akas(store: Store, show_id: int, akas: Sequence[tuple[str, str, str | None]]) -> None:
    """A show's AKAs as (name, key, country); replaces what was stored for it."""
    with store._transaction(f"the AKAs of show {show_id}") as db:
        db.execute("DELETE FROM catalog_akas WHERE show_id = ?", (show_id,))
        db.executemany(
            "INSERT OR IGNORE INTO catalog_akas (show_id, name, key, country) VALUES (?, ?, ?, ?)",
            [(show_id, *a) for a in akas],
        )


def catalog_size(store: Store) -> int:
    try:
        return int(store.conn.execute("SELECT count(*) FROM catalog_shows").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def catalog_rows(store: Store) -> Iterable[tuple[Any, ...]]:
    """(id, name, key, premiered, network, url) of every catalog show, and (show id, aka key) of every AKA."""
    return store.conn.execute("SELECT id, name, key, premiered, network, url FROM catalog_shows")


def catalog_akas(store: Store) -> Iterable[tuple[Any, ...]]:
    return store.conn.execute("SELECT show_id, name, key FROM catalog_akas")


def catalog_updated(store: Store) -> dict[int, int]:
    return {int(i): int(u) for i, u in store.conn.execute("SELECT id, updated FROM catalog_shows")}
