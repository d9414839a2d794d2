"""Polling feeds served by a real HTTP server on loopback: ingest once, 304, backoff, full text, resume."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from airdate.extract.pipeline import Extractor
from airdate.settings import Settings
from airdate.store import Store, open_store
from airdate.store import subscriptions as subs
from airdate.watch.poll import ITEM_TRIES, PollResult, poll_feed
from airdate.watch.timing import HostLimiter
from watch.conftest import Site

T0 = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand (the store records times from it)."""

    def __init__(self, start: datetime = T0) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


def poll(
    store: Store, feed_id: int, extractor: Extractor, settings: Settings, clock: Clock,
    stop: threading.Event | None = None, **kw: object,
) -> PollResult:  # fmt: skip
    feed = subs.feed(store, feed_id, at=clock())
    return poll_feed(
        store, feed, extractor, settings, limiter=HostLimiter(settings.host_interval), stop=stop or threading.Event(),
        now=clock, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def articles(store: Store) -> list[str]:
    return [str(r[0]) for r in store.conn.execute("SELECT headline FROM articles ORDER BY id")]


def test_new_items_are_ingested_once(site: Site, settings: Settings, extractor: Extractor) -> None:
    url = site.serve("/rss", "news.rss")
    clock = Clock()
    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=False)
        first = poll(store, feed.id, extractor, settings, clock)
        assert (first.outcome, first.ingested, first.failed) == ("new", 3, 0)
        assert first.next_poll == T0 + timedelta(seconds=1800)
        assert len(articles(store)) == 3
        assert "Harbor Lights Season 3 Gets a June Premiere" in articles(store)
        # The releases the items name are on the board, from the feed's text alone.
        titles = {s.release.title for s in store.board()}
        assert {"Harbor Lights", "Northwind"} <= titles

        # The feed changes (a new item first, the old ones after it, one of them reworded):
        # only the new item is ingested; the old ones are known by their guid.
        body = (site.routes["/rss"].body
                .replace(b"<item>", b"""<item><guid isPermaLink="false">nightdesk-1004</guid>
                <title>The Glasshouse sets October 2026 debut</title><link>{base}/story/glasshouse</link>
                <description>Hulu said The Glasshouse will debut in October 2026.</description></item><item>""", 1)
                .replace(b"All eight episodes drop at once.", b"All eight episodes drop at once, Netflix says."))  # fmt: skip
        site.serve("/rss", body=body.replace(b"{base}", site.base.encode()))
        clock.at += timedelta(minutes=30)
        second = poll(store, feed.id, extractor, settings, clock)
        assert (second.outcome, second.ingested, second.unchanged) == ("new", 1, 0)
        assert len(articles(store)) == 4
        after = subs.feed(store, feed.id, at=clock())
        assert (after.items_seen, after.new_this_week, after.title) == (4, 4, "Night Desk TV")
        assert after.last_success == after.last_poll == clock().isoformat()


def test_a_polls_board_rows_are_written_once_after_its_items(
    site: Site, settings: Settings, extractor: Extractor
) -> None:
    url = site.serve("/rss", "news.rss")
    seen: list[tuple[int, int]] = []  # (board rows, releases waiting for theirs) as each item is stored

    class Watching:
        """Looks at the database from another read-only connection, as `airdate list` would."""

        def start(self, total: int) -> None: ...
        def advance(self) -> None: ...
        def finish(self) -> None: ...

        def article(self, label: str, outcome: str, detail: str = "") -> None:
            with open_store(settings.db, read_only=True) as other:
                seen.append((len(other.board()), other.pending_board()))

    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=False)
        result = poll(store, feed.id, extractor, settings, Clock(), progress=Watching())
        assert (result.outcome, result.ingested) == ("new", 3)
        # As in `ingest`: while the items are stored their releases are marked, the rows wait...
        assert [rows for rows, _ in seen] == [0, 0, 0]
        assert seen[-1][1] >= 2
        # ...and the poll ends with the board up to date, before it is recorded.
        assert store.pending_board() == 0
        assert {"Harbor Lights", "Northwind"} <= {s.release.title for s in store.board()}
        assert not store.defer_board


def test_a_304_parses_and_ingests_nothing(site: Site, settings: Settings, extractor: Extractor) -> None:
    url = site.serve("/rss", "news.rss")
    clock = Clock()
    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=600, full_text=False)
        poll(store, feed.id, extractor, settings, clock)
        stored = subs.feed(store, feed.id)
        assert stored.etag is not None
        generation = store.generation()

        clock.at += timedelta(minutes=10)
        again = poll(store, feed.id, extractor, settings, clock)
        assert again.outcome == "not modified"
        assert again.next_poll == clock() + timedelta(minutes=10)
        headers, status = site.hits("/rss")[-1]
        assert headers["if-none-match"] == stored.etag
        assert status == 304
        # Nothing was parsed or stored: the board's generation did not move, no item was recorded again.
        assert store.generation() == generation
        assert len(articles(store)) == 3
        assert subs.feed(store, feed.id).last_success == clock().isoformat()


def test_a_failing_feed_backs_off_and_the_others_go_on(
    site: Site, settings: Settings, extractor: Extractor
) -> None:
    broken = site.serve("/broken", body=b"oops", status=500, content_type="text/plain")
    garbage = site.serve("/garbage", body=b"<html><body><p>Not a feed at all.</p></body></html>",
                         content_type="text/html")  # fmt: skip
    good = site.serve("/atom", "trade.atom", content_type="application/atom+xml")
    clock = Clock()
    with open_store(settings.db) as store:
        ids = [subs.add_feed(store, u, every=1800, full_text=False)[0].id for u in (broken, garbage, good)]
        waits: dict[int, list[timedelta]] = {ids[0]: [], ids[1]: []}
        for _ in range(4):
            for feed_id in ids:
                result = poll(store, feed_id, extractor, settings, clock)
                if feed_id in waits:
                    assert result.outcome == "failed"
                    assert result.next_poll is not None
                    waits[feed_id].append(result.next_poll - clock())
            clock.at += timedelta(hours=1)
        for feed_id, grown in waits.items():
            assert all(b > a for a, b in zip(grown, grown[1:], strict=False)), grown
            stored = subs.feed(store, feed_id)
            assert stored.failures == 4
            assert stored.last_success is None
            assert stored.next_poll is not None and stored.last_error_at is not None
        assert "HTTP 500" in (subs.feed(store, ids[0]).last_error or "")
        assert "not an RSS or Atom feed" in (subs.feed(store, ids[1]).last_error or "")
        # The good feed was read all along: its two entries, once.
        assert sorted(articles(store)) == [
            "Starfall Academy season 2 part 2 lands in January",
            "The Glasshouse sets October 2026 debut on Hulu",
        ]
        assert subs.feed(store, ids[2]).failures == 0

        # The broken feed recovers: one good poll resets the count and keeps the last error for the record.
        site.serve("/broken", "news.rss")
        result = poll(store, ids[0], extractor, settings, clock)
        assert (result.outcome, result.ingested) == ("new", 3)
        recovered = subs.feed(store, ids[0])
        assert (recovered.failures, recovered.last_success) == (0, clock().isoformat())
        assert recovered.last_error is not None


def test_a_restart_resumes_without_ingesting_twice(
    site: Site, settings: Settings, extractor: Extractor
) -> None:
    url = site.serve("/rss", "news.rss")
    clock = Clock()
    stop = threading.Event()

    class StopAfterFirst:
        """The progress a poll reports to: Ctrl-C arrives while the first article is stored."""

        def start(self, total: int) -> None: ...
        def advance(self) -> None: ...
        def finish(self) -> None: ...

        def article(self, label: str, outcome: str, detail: str = "") -> None:
            stop.set()

    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=False)
        cut = poll(store, feed.id, extractor, settings, clock, stop=stop, progress=StopAfterFirst())
        assert (cut.outcome, cut.ingested, cut.waiting) == ("stopped", 1, 2)
        stopped = subs.feed(store, feed.id)
        assert stopped.next_poll == clock().isoformat()  # due again at once
        assert stopped.etag is None  # so the next poll reads the feed in full
        assert len(articles(store)) == 1
        assert store.pending_board() == 0  # the stopped poll still wrote its article's board rows
        assert len(store.board()) >= 1

    # A new process: another connection, a fresh stop event.
    with open_store(settings.db) as store:
        resumed = poll(store, feed.id, extractor, settings, clock)
        assert (resumed.outcome, resumed.ingested, resumed.unchanged) == ("new", 2, 0)
        assert len(articles(store)) == 3
        assert poll(store, feed.id, extractor, settings, clock).outcome == "not modified"
        assert len(articles(store)) == 3


def test_items_past_the_cap_wait_for_the_next_poll(site: Site, settings: Settings, extractor: Extractor) -> None:
    url = site.serve("/rss", "news.rss")
    capped = replace(settings, feed_items=2)
    clock = Clock()
    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=False)
        first = poll(store, feed.id, extractor, capped, clock)
        assert (first.ingested, first.waiting) == (2, 1)
        assert subs.feed(store, feed.id).etag is None  # the next poll must not get a 304
        second = poll(store, feed.id, extractor, capped, clock)
        assert (second.outcome, second.ingested, second.waiting) == ("new", 1, 0)
        assert len(articles(store)) == 3


def test_full_text_reads_the_linked_page_once(site: Site, settings: Settings, extractor: Extractor) -> None:
    url = site.serve("/rss", "news.rss")
    site.serve("/story/harbor-lights", "story-harbor-lights.html", content_type="text/html; charset=utf-8")
    site.serve("/story/cafe-noir", body=b"gone", status=404, content_type="text/plain")
    site.serve("/story/northwind", body=b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
               content_type="text/html")  # fmt: skip
    clock = Clock()
    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=True)
        result = poll(store, feed.id, extractor, settings, clock)
        # The page was read in full; the 404 is a recorded failure; a page with no article text
        # gives way to the feed's own text.
        assert (result.ingested, result.failed) == (2, 1)
        texts = {str(h): str(t) for h, t in store.conn.execute("SELECT headline, text FROM articles")}
        assert "Lunenburg" in texts["Harbor Lights Season 3 Gets a June Premiere"]
        assert "Apple TV+" in texts["Northwind season 2 wraps filming"]
        assert [f.path for f in store.failures()] == [site.url("/story/cafe-noir")]
        assert subs.feed(store, feed.id).etag is None  # the failed item is tried again next poll

        # Tried again on later polls, up to ITEM_TRIES in all; the pages already read are not fetched again.
        for _ in range(ITEM_TRIES + 1):
            poll(store, feed.id, extractor, settings, clock)
        assert len(site.hits("/story/harbor-lights")) == 1
        assert len(site.hits("/story/cafe-noir")) == ITEM_TRIES
        assert poll(store, feed.id, extractor, settings, clock).outcome == "not modified"


def test_the_same_page_in_two_feeds_is_stored_once(site: Site, settings: Settings, extractor: Extractor) -> None:
    one = site.serve("/rss", "news.rss")
    two = site.serve("/mirror", "news.rss")
    site.serve("/story/harbor-lights", "story-harbor-lights.html", content_type="text/html; charset=utf-8")
    clock = Clock()
    with open_store(settings.db) as store:
        a = subs.add_feed(store, one, every=1800, full_text=False)[0]
        b = subs.add_feed(store, two, every=1800, full_text=False)[0]
        assert poll(store, a.id, extractor, settings, clock).ingested == 3
        mirrored = poll(store, b.id, extractor, settings, clock)
        assert (mirrored.ingested, mirrored.unchanged) == (0, 3)
        assert len(articles(store)) == 3


def test_a_refused_address_is_a_recorded_failure(tmp_path: Path, site: Site, extractor: Extractor) -> None:
    """Without allow_private, a loopback feed is refused like any private address, and retried later."""
    settings = Settings(db=tmp_path / "airdate.db", host_interval=0.0)
    url = site.serve("/rss", "news.rss")
    clock = Clock()
    with open_store(settings.db) as store:
        feed, _ = subs.add_feed(store, url, every=1800, full_text=False)
        result = poll(store, feed.id, extractor, settings, clock)
        assert result.outcome == "failed"
        assert "--allow-private" in (result.error or "")
        assert site.hits("/rss") == []
