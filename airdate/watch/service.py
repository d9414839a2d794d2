"""The watcher: every subscribed feed polled on its own schedule by APScheduler, until stopped.

Each feed is one interval job (its `every`); after each poll the job's next run is moved to
the time the poll recorded (`every` later, or a backed-off retry), so the database and the
scheduler agree and a restarted watcher resumes each feed where it left off. A `sync` job
reads the feeds table every SYNC_EVERY seconds, so `airdate feeds add` and `feeds remove`
take effect on a running watcher. Polls run on a few worker threads, each with its own
connection; extraction (spaCy) runs one article at a time. Alerts (airdate.notify) are sent
after each poll that read its feed, and by an `alerts` job every ALERT_EVERY seconds (retries).
A `schedules` job runs `airdate sync` once a day (SCHEDULE_EVERY), from the start, when any
release is linked to TVmaze (airdate.schedules); with none it sends nothing.

`stop()` sets the stop event the polls look at between requests and articles, then waits
for the running polls to finish the article in hand.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler

from airdate.errors import NotFound
from airdate.ingest import Extractor
from airdate.models import Article, Extraction
from airdate.settings import TMDB_KEY_ENV, Settings
from airdate.store import open_store
from airdate.store import subscriptions as subs
from airdate.watch.poll import PollResult, poll_feed, utc_now
from airdate.watch.timing import HostLimiter

SYNC_EVERY = 30.0  # seconds between reads of the feeds table, for feeds added or removed meanwhile
ALERT_EVERY = 60.0  # seconds between rounds of alerts that are due (retries), besides the one after each poll
SCHEDULE_EVERY = 86_400.0  # seconds between syncs of the official schedules of linked releases
WORKERS = 2  # polls at once: network waits overlap; extraction is serialized anyway
log = logging.getLogger("airdate.watch")


def _default_extractor() -> Extractor:
    from airdate.extract.pipeline import Extractor as Pipeline

    return Pipeline()


class _Serial:
    """An extractor shared by the poll threads, used by one at a time (spaCy pipelines are not
    documented as thread-safe), and loaded by the first poll (`ready()`) so `serve --watch`
    starts at once."""

    def __init__(self, factory: Callable[[], Extractor]) -> None:
        self._factory = factory
        self._inner: Extractor | None = None
        self._lock = threading.Lock()
        self.name = ""
        self.version = ""

    def ready(self) -> _Serial:
        """Load the extractor if not yet loaded; name and version are set from then on."""
        with self._lock:
            if self._inner is None:
                self._inner = self._factory()
                self.name, self.version = self._inner.name, self._inner.version
        return self

    def extract(self, article: Article) -> Extraction:
        with self._lock:
            assert self._inner is not None, "call ready() first"
            return self._inner.extract(article)


class Lines:
    """Progress for the watcher: one line per article and per poll, timestamped, whole lines only."""

    def __init__(self, say: Callable[[str], None], quiet: bool = False) -> None:
        self.say = say
        self.quiet = quiet
        self._lock = threading.Lock()

    def line(self, text: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        with self._lock:
            self.say(f"{stamp}  {text}")

    def start(self, total: int) -> None:
        pass

    def article(self, label: str, outcome: str, detail: str = "") -> None:
        if not self.quiet:
            self.line(f"  {outcome} {label}" + (f" ({detail})" if detail else ""))

    def advance(self) -> None:
        pass

    def finish(self) -> None:
        pass


class Watcher:
    """Polls the feeds of the database at `db` in background threads; `start()`, then `stop()`."""

    def __init__(
        self,
        db: Path,
        settings: Settings,
        lines: Lines,
        *,
        extractor: Callable[[], Extractor] = _default_extractor,
        workers: int = WORKERS,
        sync_every: float = SYNC_EVERY,
        alert_every: float = ALERT_EVERY,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.settings = settings
        self.lines = lines
        self.now = now
        self.sync_every = sync_every
        self.alert_every = alert_every
        self._alerting = threading.Lock()  # one round of alerts at a time in this process
        self.stopping = threading.Event()
        self.limiter = HostLimiter(settings.host_interval)
        self.extractor = _Serial(extractor)
        # Held around every change to the scheduler's jobs: stop() takes it before shutting the
        # scheduler down, which would otherwise wait forever on a poll waiting to reschedule itself.
        self._control = threading.Lock()
        self._every: dict[int, int] = {}
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(max(1, workers))},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    def start(self) -> int:
        """Start polling (the first sync runs at once); returns how many feeds there are now."""
        with open_store(self.db, read_only=True) as store:
            count = len(subs.feeds(store))
        self.scheduler.start()
        self.scheduler.add_job(
            self._sync, "interval", seconds=self.sync_every, id="sync", next_run_time=datetime.now(UTC)
        )
        self.scheduler.add_job(self._alert, "interval", seconds=self.alert_every, id="alerts")
        self.scheduler.add_job(
            self._schedules, "interval", seconds=SCHEDULE_EVERY, id="schedules", next_run_time=datetime.now(UTC)
        )
        return count

    def stop(self) -> None:
        """Stop between articles: running polls finish the one in hand, then the threads end."""
        with self._control:
            self.stopping.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    # --- jobs -------------------------------------------------------------------------------

    def _sync(self) -> None:
        """Add a job for each new feed, drop those of removed feeds, follow changed intervals."""
        try:
            with open_store(self.db, read_only=True) as store:
                found = {f.id: f for f in subs.feeds(store)}
        except Exception as e:  # noqa: BLE001 - a busy or broken database is retried at the next sync
            self.lines.line(f"cannot read the feeds ({e}); trying again in {self.sync_every:g} s")
            return
        with self._control:
            if self.stopping.is_set():
                return
            for feed_id in set(self._every) - set(found):
                self._drop(feed_id)
            for feed in found.values():
                if self._every.get(feed.id) == feed.every:
                    continue
                due = _parse(feed.next_poll) or self.now()
                self.scheduler.add_job(
                    self._poll, "interval", seconds=feed.every, id=_job(feed.id), args=[feed.id],
                    next_run_time=max(due, self.now()), replace_existing=True,
                )  # fmt: skip
                self._every[feed.id] = feed.every

    def _poll(self, feed_id: int) -> None:
        if self.stopping.is_set():
            return
        try:
            with open_store(self.db) as store:
                try:
                    feed = subs.feed(store, feed_id)
                except NotFound:  # removed since the last sync
                    with self._control:
                        if not self.stopping.is_set():
                            self._drop(feed_id)
                    return
                result = poll_feed(
                    store, feed, self.extractor.ready(), self.settings, limiter=self.limiter, stop=self.stopping,
                    now=self.now, progress=self.lines,
                )  # fmt: skip
        except Exception as e:  # noqa: BLE001 - a bug in one poll must not stop the others
            log.exception("polling feed %s failed", feed_id)
            self.lines.line(f"feed {feed_id}: internal error ({type(e).__name__}: {e}); tried again later")
            return
        report(self.lines, feed, result)
        if result.outcome in ("new", "stopped"):
            self._alert()
        if result.next_poll is not None:
            with self._control:
                if not self.stopping.is_set():
                    try:
                        self.scheduler.modify_job(_job(feed_id), next_run_time=result.next_poll)
                    except JobLookupError:  # removed meanwhile
                        pass

    def _alert(self) -> None:
        """Send the alerts that are due (changes the polls found, retries); never raises."""
        if self.stopping.is_set():
            return
        with self._alerting:
            send_alerts(self.db, self.settings, self.lines, stop=self.stopping, now=self.now)

    def _schedules(self) -> None:
        if not self.stopping.is_set():
            sync_schedules(self.db, self.settings, self.lines, stop=self.stopping, today=self.now().date())

    def _drop(self, feed_id: int) -> None:
        self._every.pop(feed_id, None)
        try:
            self.scheduler.remove_job(_job(feed_id))
        except JobLookupError:
            pass


def _job(feed_id: int) -> str:
    return f"feed-{feed_id}"


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        return None


def poll_due(
    db: Path, settings: Settings, lines: Lines, *, extractor: Callable[[], Extractor] = _default_extractor,
    now: Callable[[], datetime] = utc_now, stop: threading.Event | None = None,
) -> list[PollResult]:
    """Poll every feed that is due, one after another, then return (`airdate watch --once`)."""
    stop = stop or threading.Event()
    limiter = HostLimiter(settings.host_interval)
    serial = _Serial(extractor)
    results = []
    with open_store(db) as store:
        for feed in subs.feeds(store):
            due = _parse(feed.next_poll)
            if stop.is_set():
                break
            if due is not None and due > now():
                continue
            result = poll_feed(
                store, feed, serial.ready(), settings, limiter=limiter, stop=stop, now=now, progress=lines
            )
            results.append(result)
            report(lines, feed, result)
    send_alerts(db, settings, lines, stop=stop, now=now)
    return results


def send_alerts(
    db: Path, settings: Settings, lines: Lines, *, stop: threading.Event, now: Callable[[], datetime] = utc_now
) -> None:
    """One round of alerts (airdate.notify.deliver), one line if it did anything; never raises."""
    from airdate.notify.deliver import deliver

    try:
        with open_store(db) as store:
            done = deliver(store, settings, stop=stop, now=now)
    except Exception as e:  # noqa: BLE001 - alerts that cannot go now are tried at the next round
        log.exception("sending alerts failed")
        lines.line(f"alerts: internal error ({type(e).__name__}: {e}); tried again later")
        return
    for error in done.errors:
        lines.line(f"alerts: {error}")
    if done.busy:
        lines.line(f"alerts: {done.summary()}")


def sync_schedules(db: Path, settings: Settings, lines: Lines, *, stop: threading.Event, today: date) -> None:
    """`airdate sync` of every linked release, one line if there were any; never raises."""
    from airdate.schedules.client import TMDB, TVmaze
    from airdate.schedules.sync import sync
    from airdate.store.schedules import links

    key = os.environ.get(TMDB_KEY_ENV, "").strip()
    try:
        with open_store(db) as store:
            if not links(store, ["linked"]):
                return
            tmdb = TMDB(store, settings, key) if key else None
            with TVmaze(store, settings) as client:
                done = sync(store, client, today, stop=stop, tmdb=tmdb, country=settings.tmdb_country)
            if tmdb is not None:
                tmdb.close()
    except Exception as e:  # noqa: BLE001 - a failed sync is tried again tomorrow; the feeds go on
        log.exception("syncing schedules failed")
        lines.line(f"schedules: failed ({type(e).__name__}: {e}); tried again in a day")
        return
    lines.line(f"schedules: synced {done.releases}: {done.dated} dated ({done.new} new dates), {done.aired} aired, "
               f"{done.failed} failed")  # fmt: skip


def report(lines: Lines, feed: subs.Feed, result: PollResult) -> None:
    """One line per poll: the feed, what came of it, and when it is polled next."""
    name = result.title or feed.title or feed.url
    when = f"; next poll {result.next_poll.strftime('%Y-%m-%d %H:%M:%SZ')}" if result.next_poll else ""
    lines.line(f"feed {feed.id} {name}: {result.summary()}{when}")


class StopOnSignals:
    """SIGINT and SIGTERM set `event` instead of raising, for as long as the block runs.

    The handler sets the event from a new thread: setting it from the handler itself could wait
    forever on a lock the interrupted main thread holds."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, event: threading.Event) -> None:
        self.event = event
        self._old: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=self.event.set, daemon=True).start()

    def __enter__(self) -> StopOnSignals:
        self._old = {s: signal.signal(s, self._handle) for s in self.SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for s, handler in self._old.items():
            signal.signal(s, handler)


def wait_for(event: threading.Event, poll: float = 0.5) -> None:
    """Sleep until `event` is set (short sleeps, so signal handlers run promptly)."""
    while not event.is_set():
        time.sleep(poll)
