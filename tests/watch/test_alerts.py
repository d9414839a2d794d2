"""The watcher sends alerts: a poll that finds news about a followed release delivers it to a real
webhook receiver on loopback, once, whether polled by `watch --once` or by the scheduler."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from notify.conftest import Receiver, receiver  # noqa: F401 - the fixture, for these tests too

from airdate.extract.pipeline import Extractor
from airdate.settings import Settings
from airdate.store import open_store
from airdate.store import subscriptions as subs
from airdate.store.alerts import add_target, deliveries
from airdate.store.follows import follow
from airdate.watch.service import Lines, Watcher, poll_due
from watch.conftest import Site
from watch.test_service import wait_until


def _setup(site: Site, settings: Settings, receiver: Receiver) -> None:  # noqa: F811
    url = site.serve("/rss", "news.rss")
    with open_store(settings.db) as store:
        subs.add_feed(store, url, every=3600, full_text=False)
        follow(store, "Harbor Lights")
        add_target(store, receiver.url(), "webhook", secret="k", scope="following", allow_private=True,
                   at=datetime(2000, 1, 1, tzinfo=UTC))  # fmt: skip


def test_a_poll_delivers_the_changes_of_followed_releases_once(
    site: Site, settings: Settings, extractor: Extractor, receiver: Receiver  # noqa: F811
) -> None:
    _setup(site, settings, receiver)
    said: list[str] = []
    poll_due(settings.db, settings, Lines(said.append), extractor=lambda: extractor)
    got = receiver.received()
    assert got, said
    assert {json.loads(r.body)["release"]["title"] for r in got} == {"Harbor Lights"}
    assert any("alerts: " in line and " sent, 0 failed" in line for line in said), said
    # The next run (a restart of `watch --once`) finds nothing new and sends nothing again.
    poll_due(settings.db, settings, Lines(said.append), extractor=lambda: extractor)
    assert len(receiver.received()) == len(got)
    with open_store(settings.db) as store:
        assert {d.state for d in deliveries(store)} == {"delivered"}


def test_the_scheduler_sends_alerts_after_a_poll(
    site: Site, settings: Settings, extractor: Extractor, receiver: Receiver  # noqa: F811
) -> None:
    _setup(site, settings, receiver)
    watcher = Watcher(settings.db, settings, Lines(lambda _: None), extractor=lambda: extractor, sync_every=0.5)
    watcher.start()
    try:
        assert receiver.arrived.wait(90), "no alert arrived"

        def all_marked() -> bool:
            with open_store(settings.db, read_only=True) as store:
                found = deliveries(store)
            return bool(found) and all(d.state == "delivered" for d in found)

        wait_until(all_marked, "the alerts to be marked delivered")
    finally:
        watcher.stop()
    keys = [r.headers["idempotency-key"] for r in receiver.received()]
    assert len(keys) == len(set(keys))
