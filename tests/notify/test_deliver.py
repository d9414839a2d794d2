"""The outbox over a real SQLite file and a real receiver on loopback: signed webhooks, Apprise's
json://, retries with backoff, and nothing sent twice across restarts and a killed sender."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from store.build import EXTRACTOR, article, extraction, release, window

from airdate.notify.deliver import MAX_ATTEMPTS, deliver
from airdate.settings import Settings
from airdate.store import Store, open_store
from airdate.store.alerts import Target, add_target, deliveries, targets
from airdate.store.follows import follow
from notify.conftest import Receiver

SECRET = "s3cret-for-tests"
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
SETTINGS = Settings()


def later(**delta: float) -> datetime:
    return datetime.now(UTC) + timedelta(**delta)


def add(store: Store, text: str, day: str, *releases: object, **more: str) -> None:
    a = article(text, day, **more)
    store.add_article(a, extraction(a, *releases), *EXTRACTOR)  # type: ignore[arg-type]


def quiet_harbor(store: Store) -> None:
    add(store, "Quiet Harbor season 2 premieres January 14, 2027.", "2026-12-01",
        release("Quiet Harbor", 2, window("2027-01-14", "2027-01-14", "confirmed", "January 14, 2027")),
        publisher="Variety", url="https://variety.example/quiet-harbor-2")  # fmt: skip


def other_show(store: Store) -> None:
    add(store, "Kingdom season 3 is set for May 2027.", "2026-12-02",
        release("Kingdom", 3, window("2027-05-01", "2027-05-31")), publisher="Deadline")  # fmt: skip


def webhook(store: Store, receiver: Receiver, *, scope: str = "following", at: datetime = LONG_AGO) -> Target:
    return add_target(store, receiver.url(), "webhook", secret=SECRET, scope=scope, allow_private=True, at=at)[0]


def signature_ok(body: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


def test_a_webhook_gets_the_change_signed_with_its_change_id_as_key(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        webhook(store, receiver)
        quiet_harbor(store)
        done = deliver(store, SETTINGS)
    assert (done.queued, done.sent, done.failed, done.waiting) == (1, 1, 0, 0)
    [got] = receiver.received()
    assert got.path == "/hook" and got.headers["content-type"] == "application/json"
    assert signature_ok(got.body, got.headers["x-airdate-signature"])
    payload = json.loads(got.body)
    assert got.headers["idempotency-key"] == payload["change"]["id"]
    assert payload["change"]["id"].startswith("urn:airdate:change:") and payload["change"]["kind"] == "confirmed"
    assert payload["release"]["name"] == "Quiet Harbor season 2"
    assert payload["release"]["window"]["certainty"] == "confirmed"
    assert payload["article"] == {
        "title": "Quiet Harbor season 2 premieres January 14, 2027", "url": "https://variety.example/quiet-harbor-2",
        "published": "2026-12-01", "publisher": "Variety", "label": "Variety",
    }  # fmt: skip
    assert payload["message"] == (
        "Quiet Harbor season 2: date confirmed — first window 2027-01-14 (January 14, 2027, confirmed), "
        "per Variety on 2026-12-01\n"
        "Quiet Harbor season 2 premieres January 14, 2027 — Variety, 2026-12-01 https://variety.example/quiet-harbor-2"
    )


def test_a_restart_sends_nothing_twice(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        webhook(store, receiver)
        quiet_harbor(store)
        assert deliver(store, SETTINGS).sent == 1
    for _ in range(2):  # the watcher restarted: fresh connections over the same file
        with open_store(db_path) as store:
            done = deliver(store, SETTINGS, now=lambda: later(hours=2))
        assert (done.queued, done.sent, done.waiting) == (0, 0, 0)
    assert len(receiver.received()) == 1
    with open_store(db_path) as store:  # news later: only the new change goes out
        add(store, "Quiet Harbor 2 pushed to March 2027.", "2026-12-05",
            release("Quiet Harbor", 2, window("2027-03-01", "2027-03-31", text="pushed to March 2027")))  # fmt: skip
        assert deliver(store, SETTINGS).sent == 1
    first, second = (json.loads(r.body) for r in receiver.received())
    assert second["change"]["kind"] == "delayed" and second["change"]["id"] != first["change"]["id"]
    assert second["message"].startswith("Quiet Harbor season 2: delayed — moved from 2027-01-14 to 2027-03-01..31")


def test_only_followed_releases_unless_the_target_takes_all(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        add_target(store, receiver.url("/following"), "webhook", secret=SECRET, scope="following",
                   allow_private=True, at=LONG_AGO)  # fmt: skip
        add_target(store, receiver.url("/all"), "webhook", secret=SECRET, scope="all", allow_private=True, at=LONG_AGO)
        quiet_harbor(store)
        other_show(store)
        assert deliver(store, SETTINGS).sent == 3
    names = sorted((r.path, json.loads(r.body)["release"]["name"]) for r in receiver.received())
    assert names == [("/all", "Kingdom season 3"), ("/all", "Quiet Harbor season 2"),
                     ("/following", "Quiet Harbor season 2")]  # fmt: skip


def test_changes_seen_before_the_target_or_the_follow_are_history(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        quiet_harbor(store)
        other_show(store)
        store.conn.execute("UPDATE changes SET seen = '2001-01-01T00:00:00+00:00'")
        webhook(store, receiver, scope="all", at=datetime(2002, 1, 1, tzinfo=UTC))
        follow(store, "Kingdom")
        add_target(store, receiver.url("/following"), "webhook", secret=SECRET, scope="following",
                   allow_private=True, at=LONG_AGO)  # fmt: skip
        assert deliver(store, SETTINGS).queued == 0
    assert receiver.received() == []


def test_a_failed_delivery_is_retried_after_a_backoff_and_sent_once(db_path: Path, receiver: Receiver) -> None:
    receiver.answers = [500]
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        webhook(store, receiver)
        quiet_harbor(store)
        done = deliver(store, SETTINGS)
        assert (done.sent, done.failed, done.waiting) == (0, 1, 1)
        assert "HTTP 500" in done.errors[0]
        [row] = deliveries(store)
        assert (row.state, row.attempts, row.status) == ("pending", 1, "HTTP 500 Internal Server Error")
        assert datetime.fromisoformat(row.next_attempt) > datetime.now(UTC) + timedelta(minutes=1)
        assert deliver(store, SETTINGS).sent == 0  # not due yet: no request sent
        assert len(receiver.received()) == 1
    with open_store(db_path) as store:
        done = deliver(store, SETTINGS, now=lambda: later(hours=1))
        assert (done.sent, done.failed, done.waiting) == (1, 0, 0)
        [row] = deliveries(store)
        assert (row.state, row.attempts, row.status) == ("delivered", 2, "HTTP 200 OK")
        assert deliver(store, SETTINGS, now=lambda: later(hours=2)).sent == 0
    first, second = receiver.received()
    assert first.body == second.body and first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert signature_ok(second.body, second.headers["x-airdate-signature"])


def test_a_delivery_that_keeps_failing_is_given_up(db_path: Path, receiver: Receiver) -> None:
    receiver.answers = [503] * MAX_ATTEMPTS
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        webhook(store, receiver)
        quiet_harbor(store)
        gave_up = 0
        for n in range(MAX_ATTEMPTS):
            gave_up += deliver(store, SETTINGS, now=lambda n=n: later(days=2 * n)).gave_up
        assert gave_up == 1
        [row] = deliveries(store)
        assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
        assert targets(store)[0].failed == 1
        assert deliver(store, SETTINGS, now=lambda: later(days=60)).sent == 0
    assert len(receiver.received()) == MAX_ATTEMPTS


def test_apprise_json_reaches_a_local_receiver(db_path: Path, receiver: Receiver) -> None:
    url = receiver.url("/apprise").replace("http://", "json://")
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        add_target(store, url, "apprise", secret=None, scope="following", allow_private=False, at=LONG_AGO)
        quiet_harbor(store)
        done = deliver(store, SETTINGS)
        assert (done.sent, done.failed) == (1, 0), done.errors
        assert deliveries(store)[0].status == "sent"
    [got] = receiver.received()
    assert got.path == "/apprise"
    payload = json.loads(got.body)
    assert payload["title"] == "Quiet Harbor season 2: date confirmed"
    assert "first window 2027-01-14 (January 14, 2027, confirmed), per Variety" in payload["message"]
    assert "https://variety.example/quiet-harbor-2" in payload["message"]


def test_an_unreachable_target_fails_and_waits_without_blocking_the_round(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        add_target(store, "http://127.0.0.1:9/nothing-listens", "webhook", secret=SECRET, scope="all",
                   allow_private=True, at=LONG_AGO)  # fmt: skip
        webhook(store, receiver, scope="all")
        quiet_harbor(store)
        other_show(store)
        done = deliver(store, SETTINGS)
    # The dead target's first alert fails and its second waits for the next round; the live one gets both.
    assert (done.sent, done.failed, done.waiting) == (2, 1, 2)
    assert len(receiver.received()) == 2


def test_a_killed_sender_resends_at_most_once_with_the_same_key(db_path: Path, receiver: Receiver) -> None:
    with open_store(db_path) as store:
        follow(store, "Quiet Harbor")
        webhook(store, receiver)
        quiet_harbor(store)
    receiver.hold = True  # the first request arrives, and stays unanswered
    child = subprocess.Popen([sys.executable, "-m", "airdate.cli", "notify", "send", "--db", str(db_path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        assert receiver.arrived.wait(90), "the child never sent the alert"
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # sent, but killed before it could mark it delivered
        child.wait(30)
    receiver.hold = False
    receiver.release.set()
    with open_store(db_path) as store:
        assert deliver(store, SETTINGS).sent == 0  # claimed by the killed process: not yet
        [row] = deliveries(store)
        assert (row.state, row.attempts) == ("pending", 1)
        assert deliver(store, SETTINGS, now=lambda: later(minutes=10)).sent == 1  # its claim ran out: sent again
    with open_store(db_path) as store:
        assert deliver(store, SETTINGS, now=lambda: later(hours=1)).sent == 0
    first, again = receiver.received()
    assert first.body == again.body and first.headers["idempotency-key"] == again.headers["idempotency-key"]
    assert signature_ok(again.body, again.headers["x-airdate-signature"])
