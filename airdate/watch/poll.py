"""One poll of one feed: conditional GET, new items ingested once, the outcome recorded.

A poll sends the feed's stored ETag and Last-Modified; a 304 ends it with nothing parsed.
Otherwise each item not met before (by guid, else link) is ingested from the feed's text,
or with `full_text` from its linked page through the same fetch and trafilatura path as
`airdate ingest URL`, at most `Settings.feed_items` of them; the rest wait for the next
poll (the validators are then not kept, so that poll reads the feed in full again). An
item that fails is recorded in `airdate failures` and tried again on up to ITEM_TRIES
polls. Text already stored (from any feed or file) is never extracted twice. As in
`ingest`, the board rows of the releases the items touched are written once, after them
(`Store.flush_board`), before the poll is recorded: a poll leaves the board up to date.

A poll that fails (network, HTTP status, a body that is no feed) is recorded on the feed
with a backed-off next poll; it never raises. `stop` is looked at before each request and
each item: a stopped poll leaves the feed due at once, and the items it finished recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from airdate.errors import SourceEmpty, SourceError
from airdate.ingest import BOARD_BATCH, Extractor, Progress, Tally, ingest_article
from airdate.models import Article
from airdate.settings import Settings
from airdate.store import Store
from airdate.store import subscriptions as subs
from airdate.watch.timing import HostLimiter, backoff

ITEM_TRIES = 3  # polls that try an item that failed before it is left alone
Outcome = Literal["new", "not modified", "failed", "stopped"]


@dataclass(frozen=True)
class PollResult:
    feed_id: int
    outcome: Outcome  # "new": the feed was read (whether or not it had new items)
    ingested: int = 0
    unchanged: int = 0  # new items whose text was already stored
    failed: int = 0  # items that failed
    waiting: int = 0  # new items left for the next poll by the per-poll cap
    error: str | None = None
    failures: int = 0  # the feed's failed polls in a row
    next_poll: datetime | None = None
    title: str | None = None  # the feed's own, when it was read

    def summary(self) -> str:
        if self.outcome == "failed":
            return f"failed ({self.failures} in a row): {self.error}"
        if self.outcome == "not modified":
            return "not modified"
        line = f"{self.ingested} new, {self.unchanged} already stored, {self.failed} failed"
        if self.waiting:
            line += f", {self.waiting} left for the next poll"
        return line + (" (stopped)" if self.outcome == "stopped" else "")


def utc_now() -> datetime:
    return datetime.now(UTC)


def poll_feed(
    store: Store,
    feed: subs.Feed,
    extractor: Extractor,
    settings: Settings,
    *,
    limiter: HostLimiter,
    stop: threading.Event,
    now: Callable[[], datetime] = utc_now,
    progress: Progress | None = None,
) -> PollResult:
    """Poll `feed` once (whether or not it is due) and record what happened; see the module docstring."""
    from airdate.sources.feeds import read_feed_items
    from airdate.sources.fetch import fetch

    if not limiter.wait(feed.url, stop):
        return PollResult(feed.id, "stopped")
    at = now().replace(microsecond=0)  # stored to the second: the scheduler gets the same time
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        download = fetch(feed.url, settings, headers=headers)
        if download.status == 304:
            next_poll = at + timedelta(seconds=feed.every)
            subs.record_success(store, feed.id, at, next_poll)
            return PollResult(feed.id, "not modified", next_poll=next_poll)
        parsed = read_feed_items(download.content, label=feed.url, content_type=download.content_type)
    except SourceError as e:
        failures = feed.failures + 1
        next_poll = at + backoff(failures, feed.every)
        failures = subs.record_error(store, feed.id, at, str(e), next_poll)
        return PollResult(feed.id, "failed", error=str(e), failures=failures, next_poll=next_poll)

    items = list({item.key: item for item in reversed(parsed.items)}.values())[::-1]  # first of each key
    known = subs.item_states(store, feed.id, [item.key for item in items])
    todo = [
        item for item in items
        if item.key not in known or (known[item.key].outcome == "failed" and known[item.key].tries < ITEM_TRIES)
    ]  # fmt: skip
    batch, waiting = todo[: settings.feed_items], max(0, len(todo) - settings.feed_items)
    complete = waiting == 0
    tally = Tally()
    stopped_at: int | None = None
    # As in `ingest`: the items' board rows are written once, after them (and every BOARD_BATCH),
    # not after each article, and also when a stop or an error cuts the poll short.
    store.defer_board = True
    try:
        for done, item in enumerate(batch):
            outcome, article_id = None, None
            if not stop.is_set():
                outcome, article_id = _ingest_item(store, feed, item.article, extractor, settings, limiter, stop,
                                                   tally, progress)  # fmt: skip
            if outcome is None:  # stopped, before this item or while waiting for its page's host
                stopped_at = done
                break
            subs.record_item(store, feed.id, item.key, outcome, article_id, now())
            if outcome == "failed" and (known[item.key].tries + 1 if item.key in known else 1) < ITEM_TRIES:
                complete = False
            if (done + 1) % BOARD_BATCH == 0:
                store.flush_board()
    finally:
        store.defer_board = False
        store.flush_board()
    if stopped_at is not None:
        subs.record_stop(store, feed.id, now())
        return _result(feed.id, "stopped", tally, len(todo) - stopped_at, None, parsed.title)
    next_poll = at + timedelta(seconds=feed.every)
    validators = (download.etag, download.last_modified) if complete else (None, None)
    subs.record_success(store, feed.id, at, next_poll, title=parsed.title, validators=validators)
    return _result(feed.id, "new", tally, waiting, next_poll, parsed.title)


def _result(
    feed_id: int, outcome: Outcome, tally: Tally, waiting: int, next_poll: datetime | None, title: str | None
) -> PollResult:
    return PollResult(
        feed_id, outcome, tally.done, tally.unchanged, tally.failed, waiting, next_poll=next_poll, title=title
    )


def _ingest_item(
    store: Store,
    feed: subs.Feed,
    item: Article,
    extractor: Extractor,
    settings: Settings,
    limiter: HostLimiter,
    stop: threading.Event,
    tally: Tally,
    progress: Progress | None,
) -> tuple[str | None, int | None]:
    """(outcome, stored article id) of one item; outcome None when `stop` came while waiting."""
    article, label = item, item.url or f"{feed.url} ({item.title or 'untitled item'})"
    if feed.full_text and item.url:
        stored = subs.article_with_url(store, item.url)
        if stored is not None:  # another feed (or `airdate ingest URL`) read the page already
            tally.unchanged += 1
            if progress is not None:
                progress.article(label, "unchanged")
            return "unchanged", stored
        if not limiter.wait(item.url, stop):
            return None, None
        page = _page(store, item, settings, tally, progress)
        if page is None:
            return "failed", None
        article = page
    before = (tally.done, tally.unchanged)
    ingest_article(store, article, label, extractor, tally, progress)
    if tally.done > before[0]:
        outcome = "ingested"
    elif tally.unchanged > before[1]:
        outcome = "unchanged"
    else:
        return "failed", None
    return outcome, store.stored_id(article)


def _page(
    store: Store, item: Article, settings: Settings, tally: Tally, progress: Progress | None
) -> Article | None:
    """The item's linked page as an article, the feed's headline and date filling its gaps; None if it
    failed (recorded). A page with no article text gives way to the feed's own text, if any."""
    from airdate.sources import read_source

    assert item.url is not None
    try:
        page = read_source(item.url, settings)[0]
    except SourceEmpty as e:
        if item.text.strip():
            return item
        reason = str(e)
    except SourceError as e:
        reason = str(e)
    else:
        # The feed's headline and date are the publisher's own; the page's are a scraper's guess.
        return replace(
            page,
            title=item.title or page.title,
            published=item.published or page.published,
            publisher=page.publisher or item.publisher,
            author=page.author or item.author,
        )
    store.record_failure(item.url, "read", reason)
    tally.failed += 1
    tally.failures.append((item.url, "read", reason))
    if progress is not None:
        progress.article(item.url, "failed", f"read: {reason}")
    return None
