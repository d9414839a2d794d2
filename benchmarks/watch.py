"""Watch: 200 feeds of 50 items on loopback, one watcher, timed round by round.

    .venv/bin/python benchmarks/watch.py [--feeds 200] [--items 50] [--changed 0.1] [--no-baseline]
                                         [--json FILE]

Issue 12: "200 feeds of 50 items on loopback, one watcher: time per poll round, memory, and
the share of time in extraction vs fetch vs store." This writes --feeds synthetic RSS feeds of
--items short entertainment-news items each (titles, seasons, platforms and dates from
templates; no shared corpora), serves them from an `http.server` on 127.0.0.1 in a thread
(with ETag / If-None-Match, so an unchanged feed is a 304), subscribes a fresh store to them
with `add_feed` and polls them as `airdate watch --once --allow-private --host-delay 0` does
(`poll_due`, the real extractor), in three rounds:

    round 1   every feed new: every item fetched, parsed, extracted and stored
    round 2   nothing changed: one conditional GET per feed, all 304
    round 3   --changed of the feeds (10%) with 5 items replaced by new ones

For each round: wall time, items ingested, items/s, the peak RSS of the process so far, and
where the time went: fetch (`airdate.sources.fetch.fetch`, the in-process server's work
included), parse (`read_feed_items`), extract (`Extractor.extract`), store (the Store's
`add_article`, `stored_id`, `flush_board` and the subscriptions' reads and writes), other
(the rest: the poll loop, the alerts round). These are measured by wrapping those functions
in this process, counting only the outermost timed call. The baseline beside it is the same
feed files read from disk by `airdate ingest` into a fresh store (its own read / extract /
store split). Each round runs once (it changes the store, so it cannot be repeated as it was),
hence no medians. The host delay is 0: with the default 2 s between requests to one host, 200
feeds on one loopback host would take 400 s a round whatever airdate did. Figures only;
asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]  # the checkout this file is in comes before any installed airdate

import airdate.sources.feeds as feeds_module  # noqa: E402
import airdate.sources.fetch as fetch_module  # noqa: E402
from airdate.ingest import ingest  # noqa: E402
from airdate.models import Article, Extraction  # noqa: E402
from airdate.settings import Settings  # noqa: E402
from airdate.store import Store, open_store  # noqa: E402
from airdate.store import subscriptions as subs  # noqa: E402
from airdate.watch.commands import watch_settings  # noqa: E402
from airdate.watch.service import Lines, poll_due  # noqa: E402

SEED = 12
CHANGED_ITEMS = 5  # items replaced in each changed feed for round 3
ADJECTIVES = (
    "Amber Ashen Blue Broken Copper Crimson Distant Electric Fallen Frozen Gilded Golden Hollow Iron Ivory "
    "Lonely Lost Lunar Midnight Northern Pale Quiet Restless Salt Scarlet Secret Silent Silver Velvet Wild"
).split()
NOUNS = (
    "Archive Bay Beacon Bridge Canyon Choir Circuit Coast Compass Crown Dynasty Engine Garden Harbor Harvest "
    "Horizon Island Kingdom Lantern Ledger Meridian Mirror Orchard Palace Protocol Ridge River Signal Tide Valley"
).split()
PLATFORMS = ("Netflix", "HBO", "Hulu", "Disney+", "Prime Video", "Apple TV+", "Peacock", "Paramount+")
TEMPLATES = (
    "{title} season {season} premieres on {platform} on {day:%B %d, %Y}.",
    "{platform} has renewed {title} for season {season}, which arrives in {day:%B %Y}.",
    "The {title} season {season} trailer is out; the show returns to {platform} on {day:%B %d}.",
    "{title} will be back for season {season} on {platform} sometime in {day:%Y}, the cast said.",
    "{platform} confirmed that season {season} of {title} starts streaming {day:%B %d, %Y}.",
    "Fans of {title} will have to wait: season {season} was pushed back to {day:%B %Y} on {platform}.",
)
NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


# --- the feeds ------------------------------------------------------------------------------------


def item(rng: random.Random, feed: int, n: int) -> str:
    """One RSS item, unique in all the feeds (its own guid and a title of its own)."""
    title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    if rng.random() < 0.5:
        title += f" {feed}-{n}"  # most titles unique, some shared across feeds (one release, many claims)
    day = date(2027, 1, 1) + timedelta(days=rng.randrange(365))
    text = rng.choice(TEMPLATES).format(
        title=title, season=rng.randrange(1, 8), platform=rng.choice(PLATFORMS), day=day
    )
    text += f" (Desk {feed}, story {n}.)"  # no two items share a text, so none is skipped as already stored
    published = format_datetime(NOW - timedelta(hours=n))
    return (
        f"<item><title>{escape(title)} news</title><link>http://127.0.0.1/story/{feed}/{n}</link>"
        f"<guid>feed{feed}-item{n}</guid><pubDate>{published}</pubDate>"
        f"<description>{escape(text)}</description></item>"
    )


def write_feed(feed: int, items: list[str]) -> bytes:
    body = "".join(items)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk {feed}</title>'
        f"<link>http://127.0.0.1/desk/{feed}</link><description>TV news</description>{body}</channel></rss>"
    ).encode()


class Feeds:
    """The served feeds: path -> (body, ETag)."""

    def __init__(self) -> None:
        self.bodies: dict[str, tuple[bytes, str]] = {}
        self.requests = {"200": 0, "304": 0}
        self.lock = threading.Lock()

    def put(self, path: str, body: bytes) -> None:
        self.bodies[path] = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')


def serve(feeds: Feeds) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            found = feeds.bodies.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, etag = found
            if self.headers.get("If-None-Match") == etag:
                with feeds.lock:
                    feeds.requests["304"] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with feeds.lock:
                feeds.requests["200"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- measuring ------------------------------------------------------------------------------------


class Timers:
    """Seconds spent in each kind of call, counting only the outermost timed call in a thread."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.local = threading.local()
        self.reset()

    def reset(self) -> None:
        self.seconds = {k: 0.0 for k in ("fetch", "parse", "extract", "store")}

    def wrap(self, kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if getattr(self.local, "inside", False):
                return fn(*args, **kwargs)
            self.local.inside = True
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[kind] += time.perf_counter() - t0
                self.local.inside = False

        return timed


def instrument(timers: Timers) -> None:
    """Wrap fetch, parse and the store's calls in this process only (poll imports fetch and
    read_feed_items at call time, and calls the subscriptions through the module)."""
    fetch_module.fetch = timers.wrap("fetch", fetch_module.fetch)
    feeds_module.read_feed_items = timers.wrap("parse", feeds_module.read_feed_items)
    for name in ("add_article", "stored_id", "flush_board", "record_failure", "clear_failures"):
        setattr(Store, name, timers.wrap("store", getattr(Store, name)))
    for name in (
        "item_states",
        "record_item",
        "record_success",
        "record_error",
        "record_stop",
        "feeds",
        "feed",
    ):
        setattr(subs, name, timers.wrap("store", getattr(subs, name)))


class Timed:
    """The real extractor, its extract() timed."""

    def __init__(self, inner: Any, timers: Timers) -> None:
        self.name, self.version = inner.name, inner.version
        self.extract: Callable[[Article], Extraction] = timers.wrap("extract", inner.extract)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def poll_round(
    db: Path, settings: Settings, extractor: Timed, timers: Timers, at: datetime
) -> dict[str, Any]:
    timers.reset()
    t0 = time.perf_counter()
    results = poll_due(db, settings, Lines(lambda _: None, quiet=True), extractor=lambda: extractor,
                       now=lambda: at)  # fmt: skip
    wall = time.perf_counter() - t0
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    ingested = sum(r.ingested for r in results)
    shares = dict(timers.seconds)
    shares["other"] = max(0.0, wall - sum(shares.values()))
    return {
        "wall_s": wall, "feeds_polled": len(results), "outcomes": outcomes, "ingested": ingested,
        "unchanged": sum(r.unchanged for r in results), "failed": sum(r.failed for r in results),
        "items_per_s": ingested / wall if wall else 0.0, "peak_rss_mb": peak_rss_mb(), "seconds": shares,
    }  # fmt: skip


def baseline(tmp: Path, feeds: Feeds, extractor: Timed) -> dict[str, Any]:
    """The same feeds as files, through `airdate ingest` into a fresh store."""
    folder = tmp / "files"
    folder.mkdir()
    paths = []
    for path, (body, _) in feeds.bodies.items():
        file = folder / (path.strip("/").replace("/", "-"))
        file.write_bytes(body)
        paths.append(str(file))
    with open_store(tmp / "baseline.db") as store:
        t0 = time.perf_counter()
        tally = ingest(store, paths, extractor, Settings())
        wall = time.perf_counter() - t0
    return {
        "wall_s": wall, "ingested": tally.done, "items_per_s": tally.done / wall if wall else 0.0,
        "seconds": {"read": tally.read_s, "extract": tally.extract_s, "store": tally.store_s,
                    "other": max(0.0, wall - tally.read_s - tally.extract_s - tally.store_s)},
        "peak_rss_mb": peak_rss_mb(),
    }  # fmt: skip


def split(seconds: dict[str, float]) -> str:
    total = sum(seconds.values()) or 1.0
    return ", ".join(f"{k} {v / total:.0%} ({v:.2f} s)" for k, v in seconds.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200, help="feeds on the loopback server (default 200)")
    parser.add_argument("--items", type=int, default=50, help="items in each feed (default 50)")
    parser.add_argument("--changed", type=float, default=0.1,
                        help=f"share of the feeds with {CHANGED_ITEMS} new items in round 3 (default 0.1; 0 for no round 3)")  # fmt: skip
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip `airdate ingest` of the same feeds as files"
    )
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    if args.feeds < 1 or args.items < CHANGED_ITEMS or not 0 <= args.changed <= 1:
        parser.error(f"--feeds must be at least 1, --items at least {CHANGED_ITEMS}, --changed in 0..1")

    from airdate.extract.pipeline import Extractor as Pipeline

    print(f"airdate watch benchmark; python {platform.python_version()}, {platform.machine()}, one process; "
          f"{args.feeds} feeds x {args.items} items on 127.0.0.1, poll_due (watch --once), host delay 0")  # fmt: skip
    rng = random.Random(SEED)
    feeds = Feeds()
    items = {i: [item(rng, i, n) for n in range(args.items)] for i in range(args.feeds)}
    for i in range(args.feeds):
        feeds.put(f"/feed/{i}.rss", write_feed(i, items[i]))
    server = serve(feeds)
    port = server.server_address[1]
    timers = Timers()
    instrument(timers)
    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline.extract(Article(text="Warm Up season 2 premieres on Netflix on March 3, 2027.", title="Warm up"))
    load_s = time.perf_counter() - t0
    extractor = Timed(pipeline, timers)
    doc: dict[str, Any] = {"python": platform.python_version(), "feeds": args.feeds, "items": args.items,
                           "extractor_load_s": load_s, "peak_rss_after_load_mb": peak_rss_mb(), "rounds": {}}  # fmt: skip
    print(f"extractor loaded in {load_s:.1f} s; peak RSS {peak_rss_mb():.0f} MB\n")
    rounds = [("1 all new", timedelta(0)), ("2 all 304", timedelta(hours=1))]
    changed = round(args.feeds * args.changed)
    if changed:
        rounds.append((f"3 {changed} changed", timedelta(hours=2)))
    with tempfile.TemporaryDirectory(prefix="airdate-watch-") as tmp:
        db = Path(tmp) / "watch.db"
        settings = watch_settings(db, allow_private=True, host_delay=0.0)
        with open_store(db) as store:
            for i in range(args.feeds):
                subs.add_feed(store, f"http://127.0.0.1:{port}/feed/{i}.rss", every=None, full_text=False)
        head = f"{'round':<14}{'wall s':>8}{'polled':>8}{'items':>7}{'items/s':>9}{'peak RSS MB':>13}  time split"
        print(head)
        print("-" * len(head))
        for name, later in rounds:
            if name.startswith("3"):
                # CHANGED_ITEMS new items on top, as many off the end
                for i in rng.sample(range(args.feeds), changed):
                    fresh = [item(rng, i, args.items + n) for n in range(CHANGED_ITEMS)]
                    items[i] = fresh + items[i][: args.items - CHANGED_ITEMS]
                    feeds.put(f"/feed/{i}.rss", write_feed(i, items[i]))
            before = dict(feeds.requests)
            r = poll_round(db, settings, extractor, timers, NOW + later)
            r["http"] = {k: feeds.requests[k] - before[k] for k in before}
            doc["rounds"][name] = r
            print(f"{name:<14}{r['wall_s']:8.2f}{r['feeds_polled']:8d}{r['ingested']:7d}{r['items_per_s']:9.1f}"
                  f"{r['peak_rss_mb']:13.0f}  {split(r['seconds'])}", flush=True)  # fmt: skip
            if r["failed"] or r["outcomes"].get("failed"):
                print(f"  note: {r['failed']} items and {r['outcomes'].get('failed', 0)} polls failed")
        print("http responses per round: " + "; ".join(
            f"{n.split()[0]}: {r['http']['200']} x 200, {r['http']['304']} x 304" for n, r in doc["rounds"].items()))  # fmt: skip
        if not args.no_baseline:
            b = baseline(Path(tmp), feeds, extractor)
            doc["baseline"] = b
            print(f"baseline: `airdate ingest` of the same {args.feeds} feeds as files: {b['wall_s']:.2f} s, "
                  f"{b['ingested']} items, {b['items_per_s']:.1f} items/s, peak RSS {b['peak_rss_mb']:.0f} MB; "
                  f"{split(b['seconds'])}")  # fmt: skip
    server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
