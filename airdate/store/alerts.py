"""Alert targets and the outbox of deliveries: what `airdate notify` edits and sends.

Like the feed rows (airdate.store.subscriptions), these describe airdate's own work, not the
news, so writing them does not move the store's generation. A delivery is a row per
(target, change id), queued once (the UNIQUE pair), claimed before each attempt by moving its
next attempt a lease ahead, and marked delivered or failed after it: a process killed between
sending and marking leaves the row pending, so it is sent again when the lease runs out, under
the same change id (at least once; the receiver drops the repeat by its idempotency key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from airdate.store.errors import NotFound
from airdate.store.queries import CHANGE_COLUMNS
from airdate.store.store import ChangeRow, Store, row_to_change
from airdate.store.subscriptions import iso, write

# Changes are read from a little before the newest `seen` read last time: a writer stamps
# `seen` before it waits for the write lock, so its rows can commit a little out of order.
SCAN_MARGIN = timedelta(minutes=10)
_TARGET_COLUMNS = "t.id, t.url, t.kind, t.secret, t.scope, t.allow_private, t.added_at, t.since, t.scanned"
_DELIVERY_COLUMNS = (
    "d.id, d.target_id, d.change_id, d.release_id, d.kind, d.title, d.message, d.body, d.state, d.attempts, "
    "d.queued_at, d.last_attempt, d.next_attempt, d.delivered_at, d.status"
)


@dataclass(frozen=True)
class Target:
    """Where alerts go; times are UTC ISO strings."""

    id: int
    url: str  # as given: an Apprise URL, or the webhook's http(s) address
    kind: str  # "apprise" or "webhook"
    secret: str | None  # the webhook's HMAC key
    scope: str  # "following" or "all"
    allow_private: bool  # a webhook may be on loopback, private or link-local addresses
    added_at: str
    since: str  # changes seen from then on are alerted
    scanned: str | None  # the newest change `seen` read for it so far
    pending: int = 0
    delivered: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Delivery:
    """One change for one target, and how sending it went."""

    id: int
    target_id: int
    change_id: str
    release_id: int | None
    kind: str
    title: str
    message: str
    body: str  # the JSON a webhook is sent, fixed when queued
    state: str  # "pending", "delivered" or "failed" (gave up)
    attempts: int
    queued_at: str
    last_attempt: str | None
    next_attempt: str
    delivered_at: str | None
    status: str | None  # what the last attempt got: "HTTP 200", an error line


@dataclass(frozen=True)
class Queued:
    """A change rendered for one target, ready to go in the outbox."""

    change_id: str
    release_id: int
    kind: str
    title: str
    message: str
    body: str


# --- targets -------------------------------------------------------------------------------------


def add_target(
    store: Store, url: str, kind: str, *, secret: str | None, scope: str, allow_private: bool, at: datetime
) -> tuple[Target, bool]:
    """Add a target (changes seen from `at` on are alerted), or change an existing one's settings."""
    with write(store, f"the alert target {url}") as db:
        row = db.execute("SELECT id FROM notify_targets WHERE url = ?", (url,)).fetchone()
        if row is None:
            cur = db.execute(
                "INSERT INTO notify_targets (url, kind, secret, scope, allow_private, added_at, since) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, kind, secret, scope, int(allow_private), iso(at), iso(at)),
            )
            target_id, new = int(cur.lastrowid or 0), True
        else:
            target_id, new = int(row[0]), False
            db.execute(
                "UPDATE notify_targets SET kind = ?, secret = IFNULL(?, secret), scope = ?, allow_private = ? "
                "WHERE id = ?",
                (kind, secret, scope, int(allow_private), target_id),
            )
    return target(store, target_id), new


def targets(store: Store, ids: Sequence[int] | None = None) -> list[Target]:
    """Every target by id, with its deliveries counted by state."""
    where = "" if ids is None else f"WHERE t.id IN ({','.join(str(int(i)) for i in ids) or 'NULL'}) "
    rows = store.conn.execute(
        f"SELECT {_TARGET_COLUMNS}, "
        "(SELECT count(*) FROM deliveries d WHERE d.target_id = t.id AND d.state = 'pending'), "
        "(SELECT count(*) FROM deliveries d WHERE d.target_id = t.id AND d.state = 'delivered'), "
        "(SELECT count(*) FROM deliveries d WHERE d.target_id = t.id AND d.state = 'failed') "
        f"FROM notify_targets t {where}ORDER BY t.id"
    )
    return [_target(r) for r in rows]


def target(store: Store, target_id: int) -> Target:
    found = targets(store, [target_id])
    if not found:
        raise NotFound(f"no alert target with id {target_id}; see `airdate notify list`")
    return found[0]


def remove_target(store: Store, target_id: int) -> Target:
    """Remove a target and its deliveries (the log of what it was sent goes with it)."""
    found = target(store, target_id)
    with write(store, f"removing alert target {target_id}") as db:
        db.execute("DELETE FROM deliveries WHERE target_id = ?", (target_id,))
        db.execute("DELETE FROM notify_targets WHERE id = ?", (target_id,))
    return found


def _target(row: tuple[Any, ...]) -> Target:
    (tid, url, kind, secret, scope, private, added, since, scanned, pending, delivered, failed) = row
    return Target(
        int(tid), str(url), str(kind), secret, str(scope), bool(private), str(added), str(since), scanned,
        int(pending), int(delivered), int(failed),
    )  # fmt: skip


# --- queueing ------------------------------------------------------------------------------------


def unqueued_changes(store: Store, t: Target) -> tuple[list[ChangeRow], str | None]:
    """Changes seen since the target's start (first seen left out) that it has no delivery for yet,
    oldest first, and the newest `seen` of the table (where the next scan starts from)."""
    newest = store.conn.execute("SELECT max(seen) FROM changes").fetchone()[0]
    start = t.since
    if t.scanned:
        start = max(start, iso(datetime.fromisoformat(t.scanned) - SCAN_MARGIN))
    rows = store.conn.execute(
        f"SELECT {CHANGE_COLUMNS} FROM changes c JOIN releases r ON r.id = c.release_id "
        "LEFT JOIN articles a ON a.id = c.article_id "
        "WHERE c.seen >= ? AND c.kind != 'first_seen' "
        "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.target_id = ? AND d.change_id = c.id) "
        "ORDER BY c.seen, c.day IS NULL, c.day, c.release_id, c.position",
        (start, t.id),
    )
    return [row_to_change(r) for r in rows], newest


def queue(store: Store, target_id: int, items: Sequence[Queued], scanned: str | None, at: datetime) -> int:
    """Put these alerts in the target's outbox (each change once) and move its scan mark; returns how many."""
    with write(store, f"alerts for target {target_id}") as db:
        before = db.total_changes
        db.executemany(
            "INSERT OR IGNORE INTO deliveries (target_id, change_id, release_id, kind, title, message, body, "
            "state, queued_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            [(target_id, q.change_id, q.release_id, q.kind, q.title, q.message, q.body, iso(at), iso(at)) for q in items],
        )
        added = db.total_changes - before
        if scanned is not None:
            db.execute(
                "UPDATE notify_targets SET scanned = max(IFNULL(scanned, ''), ?) WHERE id = ?", (scanned, target_id)
            )
    return added


# --- sending -------------------------------------------------------------------------------------


def due(store: Store, at: datetime, *, every_pending: bool = False) -> list[Delivery]:
    """Pending deliveries whose next attempt has come (all pending ones with `every_pending`), oldest first."""
    where = "d.state = 'pending'" + ("" if every_pending else " AND d.next_attempt <= ?")
    rows = store.conn.execute(
        f"SELECT {_DELIVERY_COLUMNS} FROM deliveries d WHERE {where} ORDER BY d.id",
        () if every_pending else (iso(at),),
    )
    return [_delivery(r) for r in rows]


def claim(store: Store, d: Delivery, at: datetime, lease: timedelta) -> bool:
    """Take a delivery for one attempt: count it, and hold it `lease` ahead so no other process sends
    it meanwhile. False if another process took it (or it was sent) since it was read."""
    with write(store, f"delivery {d.id}") as db:
        cur = db.execute(
            "UPDATE deliveries SET attempts = attempts + 1, last_attempt = ?, next_attempt = ? "
            "WHERE id = ? AND state = 'pending' AND next_attempt = ?",
            (iso(at), iso(at + lease), d.id, d.next_attempt),
        )
        return cur.rowcount == 1


def mark_delivered(store: Store, delivery_id: int, at: datetime, status: str) -> None:
    with write(store, f"delivery {delivery_id}") as db:
        db.execute(
            "UPDATE deliveries SET state = 'delivered', delivered_at = ?, status = ? WHERE id = ?",
            (iso(at), status, delivery_id),
        )


def mark_failed(store: Store, delivery_id: int, status: str, retry_at: datetime | None) -> None:
    """An attempt that failed: tried again at `retry_at`, or given up for good when it is None."""
    with write(store, f"delivery {delivery_id}") as db:
        if retry_at is None:
            db.execute("UPDATE deliveries SET state = 'failed', status = ? WHERE id = ?", (status, delivery_id))
        else:
            db.execute(
                "UPDATE deliveries SET status = ?, next_attempt = ? WHERE id = ?", (status, iso(retry_at), delivery_id)
            )


def deliveries(store: Store, *, limit: int = 50, state: str | None = None) -> list[Delivery]:
    """The delivery log, the most recently tried (or queued) first."""
    where = "" if state is None else "WHERE d.state = ? "
    rows = store.conn.execute(
        f"SELECT {_DELIVERY_COLUMNS} FROM deliveries d {where}"
        f"ORDER BY IFNULL(d.last_attempt, d.queued_at) DESC, d.id DESC LIMIT {int(limit)}",
        () if state is None else (state,),
    )
    return [_delivery(r) for r in rows]


def _delivery(row: tuple[Any, ...]) -> Delivery:
    (did, tid, cid, rid, kind, title, message, body, state, attempts, queued, last, nxt, done, status) = row
    return Delivery(
        int(did), int(tid), str(cid), None if rid is None else int(rid), str(kind), str(title), str(message),
        str(body), str(state), int(attempts), str(queued), last, str(nxt), done, status,
    )  # fmt: skip
