"""The outbox: new changes queued for each target, then what is due sent, each change at least once.

`deliver` first queues, for each target, the changes seen since it was added that it has no
delivery for (only followed releases, changes seen since they were followed, unless the target
takes all); the message is rendered then, so retries send the same bytes. Then each due delivery
is claimed (a LEASE ahead, in its own transaction), sent, and marked delivered, or failed with
the next attempt backed off (2m, 4m, 8m …, with jitter) until MAX_ATTEMPTS. A
process killed mid-send leaves the claim to run out: the alert is sent again, same change id.
A target that cannot be reached is left alone for the rest of the round.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import httpx

from airdate.notify.message import render
from airdate.notify.send import Outcome, send_apprise, send_webhook, shown
from airdate.settings import Settings
from airdate.store import Store
from airdate.store import alerts as db
from airdate.store.follows import followed_since
from airdate.watch.timing import backoff

LEASE = timedelta(minutes=5)  # a claimed alert not marked by then (its sender was killed) is sent again
MAX_ATTEMPTS = 10  # retries over about 17 hours (2m, 4m … 8.5h apart), then the delivery is marked failed


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Report:
    """What one round did."""

    queued: int = 0
    sent: int = 0
    failed: int = 0  # attempts that failed and will be tried again
    gave_up: int = 0  # deliveries marked failed for good this round
    waiting: int = 0  # pending after the round (not yet due, or their target was down)
    errors: list[str] = field(default_factory=list)  # one line per failed attempt

    def summary(self) -> str:
        line = f"{self.sent} alert{'s' * (self.sent != 1)} sent, {self.failed} failed"
        if self.gave_up:
            line += f", {self.gave_up} given up"
        return line + f"; {self.waiting} waiting" + (f" ({self.queued} new)" if self.queued else "")

    @property
    def busy(self) -> bool:
        return bool(self.queued or self.sent or self.failed or self.gave_up)


def queue_new(store: Store, *, now: Callable[[], datetime] = utc_now) -> int:
    """Queue, for every target, the changes it has not had yet; returns how many were queued."""
    followed: dict[int, str] | None = None
    added = 0
    for target in db.targets(store):
        rows, newest = db.unqueued_changes(store, target)
        if target.scope == "following":
            followed = followed_since(store) if followed is None else followed
            rows = [r for r in rows if r.release.id in followed and r.seen >= followed[r.release.id]]
        ids = {r.release.id for r in rows}
        summaries = {s.release.id: s for s in store.board(ids=ids)} if ids else {}
        items = [render(r, summaries.get(r.release.id)) for r in rows]
        added += db.queue(store, target.id, items, newest, now())
    return added


def deliver(
    store: Store,
    settings: Settings,
    *,
    now: Callable[[], datetime] = utc_now,
    retry: bool = False,
    stop: threading.Event | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Report:
    """Queue what is new, then send what is due (every pending alert with `retry`); see the module docstring."""
    report = Report(queued=queue_new(store, now=now))
    targets = {t.id: t for t in db.targets(store)}
    down: set[int] = set()
    for delivery in db.due(store, now(), every_pending=retry):
        if stop is not None and stop.is_set():
            break
        target = targets.get(delivery.target_id)
        if target is None or target.id in down or not db.claim(store, delivery, now(), LEASE):
            continue
        outcome = attempt(target, delivery.title, delivery.message, delivery.body, delivery.change_id, settings,
                          transport=transport)  # fmt: skip
        if outcome.ok:
            db.mark_delivered(store, delivery.id, now(), outcome.status)
            report.sent += 1
            continue
        if not outcome.reachable:
            down.add(target.id)
        report.errors.append(f"alert {delivery.id} to #{target.id} {shown(target.url, target.kind)}: {outcome.status}")
        if delivery.attempts + 1 >= MAX_ATTEMPTS:
            db.mark_failed(store, delivery.id, outcome.status, None)
            report.gave_up += 1
        else:
            db.mark_failed(store, delivery.id, outcome.status, now() + backoff(delivery.attempts + 1, 0))
            report.failed += 1
    report.waiting = sum(t.pending for t in db.targets(store))
    return report


def attempt(
    target: db.Target, title: str, message: str, body: str, key: str, settings: Settings, *,
    transport: httpx.BaseTransport | None = None,
) -> Outcome:  # fmt: skip
    """Send one alert to one target, once."""
    if target.kind == "webhook":
        return send_webhook(
            target.url, body.encode(), secret=target.secret or "", key=key,
            settings=replace(settings, allow_private=target.allow_private), transport=transport,
        )  # fmt: skip
    return send_apprise(target.url, title, message, settings=settings)


def send_test(target: db.Target, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> Outcome:
    """Send a test alert straight to the target (the outbox is not used, nothing is logged)."""
    key = f"urn:airdate:test:{secrets.token_hex(12)}"
    title = "airdate: test alert"
    message = f"A test alert from airdate to {shown(target.url, target.kind)}: changes to " + (
        "your followed releases" if target.scope == "following" else "every release"
    ) + " arrive like this."  # fmt: skip
    body = json.dumps(
        {"change": {"id": key, "kind": "test", "what": "test", "text": message}, "release": None, "article": None,
         "message": message},
        sort_keys=True, separators=(",", ":"),
    )  # fmt: skip
    return attempt(target, title, message, body, key, settings, transport=transport)
