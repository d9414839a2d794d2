"""The commands that follow the news by themselves: `feeds`, `watch`, `follow`, `unfollow`, `following`.

Registered on the main group by airdate.cli. This module does not import airdate.cli
(`python -m airdate.cli` runs that module as __main__, so importing it here would load it
twice); the option helpers it shares with it come from airdate.options.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urlsplit

import click

from airdate.errors import OpmlError, SourceNotFound, UsageError
from airdate.models import web_url
from airdate.options import db_option, echo_json, json_option, open_db, say, today_from
from airdate.settings import TMDB_COUNTRY_ENV, TMDB_URL, TMDB_URL_ENV, TVMAZE_ENV, TVMAZE_URL, Settings
from airdate.watch.timing import format_every, parse_every

F = TypeVar("F", bound=Callable[..., Any])


def _fetch_options(f: F) -> F:
    """The bounds of every request the watcher sends, as `airdate ingest URL` has them."""
    for option in reversed((
        click.option("--allow-private", is_flag=True,
                     help="Also fetch feeds and pages on loopback, private and link-local addresses (your own network)."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=Settings.fetch_timeout, show_default=True,
                     help="Seconds each request may take: each read and the whole download."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=Settings.max_bytes, show_default=True,
                     help="Refuse feeds and pages larger than this."),
        click.option("--max-items", type=click.IntRange(min=1), default=Settings.feed_items, show_default=True,
                     help="New items ingested per poll of one feed; the rest wait for its next poll."),
        click.option("--host-delay", type=click.FloatRange(min=0), default=Settings.host_interval, show_default=True,
                     metavar="SECONDS", help="Seconds between two requests to the same host."),
    )):  # fmt: skip
        f = option(f)
    return f


def watch_settings(
    db: Path, allow_private: bool = False, timeout: float = Settings.fetch_timeout, max_bytes: int = Settings.max_bytes,
    max_items: int = Settings.feed_items, host_delay: float = Settings.host_interval,
) -> Settings:  # fmt: skip
    return Settings(
        db=db, allow_private=allow_private, fetch_timeout=timeout, max_bytes=max_bytes, feed_items=max_items,
        host_interval=host_delay, tvmaze_url=os.environ.get(TVMAZE_ENV) or TVMAZE_URL,
        tmdb_url=os.environ.get(TMDB_URL_ENV) or TMDB_URL,
        tmdb_country=(os.environ.get(TMDB_COUNTRY_ENV) or Settings.tmdb_country).strip().upper(),
    )  # fmt: skip


def _every(value: str | None) -> int | None:
    return None if value is None else parse_every(value)


def _feed_url(url: str) -> str:
    found = web_url(url)
    if found is None or not urlsplit(found).hostname:
        raise UsageError(f"{url!r} is not an http(s) URL; pass the feed's address, like https://example.com/rss")
    return found


# --- feeds ---------------------------------------------------------------------------------------


@click.group("feeds")
def feeds_group() -> None:
    """The RSS and Atom feeds `airdate watch` (or `airdate serve --watch`) polls.

    \b
    Examples:
      airdate feeds add https://www.screenledger.example/tv/rss
      airdate feeds add https://news.example/feed --every 2h --full-text
      airdate feeds list                  last poll, last success, last error, items
      airdate feeds list --json
      airdate feeds remove 3              by id, or by URL
      airdate feeds import reader.opml    what a feed reader exported
      airdate feeds export > feeds.opml
    """


@feeds_group.command("add")
@click.argument("url")
@click.option("--every", metavar="INTERVAL", help="How often to poll: 30m, 2h, 1h30m, 1d (default 30m).")
@click.option("--full-text/--feed-text", "full_text", default=None,
              help="Ingest each item's linked page (read like `airdate ingest URL`) rather than the feed's own text.")
@db_option
def feeds_add(url: str, every: str | None, full_text: bool | None, db: Path) -> None:
    """Subscribe to an RSS or Atom feed; adding one already there changes its settings.

    Nothing is fetched now: `airdate watch` polls it, first at once, then every
    INTERVAL, each new item ingested once (from its text, or with --full-text from
    the page it links).

    \b
    Examples:
      airdate feeds add https://news.example/tv/rss
      airdate feeds add https://news.example/tv/rss --every 2h --full-text
    """
    from airdate.store.subscriptions import add_feed

    feed_url = _feed_url(url)
    seconds = _every(every)
    with open_db(db, create=True) as store:
        feed, new = add_feed(store, feed_url, every=seconds, full_text=full_text)
    how = f"every {format_every(feed.every)}" + (", full text" if feed.full_text else "")
    if new:
        say(f"added feed #{feed.id} {feed.url} ({how}); `airdate watch` polls it")
    else:
        say(f"feed #{feed.id} {feed.url} was already there; now {how}")


@feeds_group.command("list")
@json_option
@db_option
def feeds_list(as_json: bool, db: Path) -> None:
    """Every feed: how often it is polled, the last poll, success and error, items seen and new this week.

    \b
    Examples:
      airdate feeds list
      airdate feeds list --json
    """
    from airdate.store.subscriptions import feeds
    from airdate.views.feeds import feed_json, render_feeds

    with open_db(db, read_only=True) as store:
        found = feeds(store)
    if as_json:
        echo_json([feed_json(f) for f in found])
    else:
        say(render_feeds(found))


@feeds_group.command("remove")
@click.argument("feed", metavar="URL|ID")
@db_option
def feeds_remove(feed: str, db: Path) -> None:
    """Unsubscribe from a feed, named by its id (see `feeds list`) or URL; its articles stay.

    \b
    Examples:
      airdate feeds remove 3
      airdate feeds remove https://news.example/tv/rss
    """
    from airdate.store.subscriptions import find_feed, remove_feed

    with open_db(db) as store:
        found = find_feed(store, feed)
        remove_feed(store, found.id)
    say(f"removed feed #{found.id} {found.url}; the articles it gave stay in the store")


@feeds_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE.opml")
@click.option("--every", metavar="INTERVAL", help="How often to poll the new feeds, unless the file says (default 30m).")
@click.option("--full-text", is_flag=True, default=None, help="Ingest the new feeds' linked pages, unless the file says.")
@db_option
def feeds_import(file: str, every: str | None, full_text: bool | None, db: Path) -> None:
    """Subscribe to every feed an OPML file lists (any feed reader exports one); - reads stdin.

    Feeds already subscribed are left as they are. A file that is not OPML, or that
    lists a feed whose address is not http(s), is refused whole with one line.

    \b
    Examples:
      airdate feeds import reader-export.opml
      airdate feeds import news.opml --every 1h --full-text
    """
    from airdate.store.subscriptions import add_feed, feeds
    from airdate.watch.opml import read_opml

    label = "stdin" if file == "-" else file
    data = _read_limited(file, Settings.max_bytes + 1)
    if len(data) > Settings.max_bytes:
        raise OpmlError(f"{label} is over {Settings.max_bytes // 2**20} MB; is it an OPML file?")
    subscriptions = read_opml(data, label=label)
    seconds = _every(every)
    added = 0
    with open_db(db, create=True) as store:
        have = {f.url for f in feeds(store)}
        for sub in subscriptions:
            if sub.url in have:
                continue
            add_feed(store, sub.url, every=sub.every or seconds,
                     full_text=full_text if sub.full_text is None else sub.full_text, title=sub.title)  # fmt: skip
            added += 1
    kept = len(subscriptions) - added
    say(f"imported {added} feed{'s' * (added != 1)} from {label}"
         + (f"; {kept} already subscribed, left as they were" if kept else "") + "; see `airdate feeds list`")  # fmt: skip


def _read_limited(file: str, size: int) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read(size)
    try:
        with open(file, "rb") as stream:
            return stream.read(size)
    except FileNotFoundError:
        raise SourceNotFound(f"no such file: {file}; check the path") from None
    except OSError as e:
        raise OpmlError(f"cannot read {file}: {e.strerror}; check the path and its permissions") from None


@feeds_group.command("export")
@click.option("-o", "--output", type=click.File("wb"), default="-", metavar="FILE", help="Write here instead of stdout.")
@db_option
def feeds_export(output: BinaryIO, db: Path) -> None:
    """Every feed as an OPML 2.0 file, for a feed reader or another airdate (`feeds import`).

    \b
    Examples:
      airdate feeds export > feeds.opml
      airdate feeds export -o feeds.opml
    """
    from airdate.store.subscriptions import feeds
    from airdate.watch.opml import write_opml

    with open_db(db, read_only=True) as store:
        found = feeds(store)
    output.write(write_opml(found))


# --- watch ---------------------------------------------------------------------------------------


@click.command("watch")
@db_option
@_fetch_options
@click.option("--once", is_flag=True, help="Poll the feeds that are due, one after another, then exit.")
@click.option("-q", "--quiet", is_flag=True, help="One line per poll, none per article.")
def watch_command(
    db: Path, allow_private: bool, timeout: float, max_bytes: int, max_items: int, host_delay: float, once: bool,
    quiet: bool,
) -> None:  # fmt: skip
    """Poll every feed on its own schedule and ingest each new item, until Ctrl-C or SIGTERM.

    Each poll is a conditional GET (a feed that has not changed costs one 304);
    each new item is ingested once, however often the feed lists it; a feed that
    fails is retried later and later (2m, 4m, 8m … up to a day) while the others go
    on. `airdate feeds list` shows how each is doing. Feeds added or removed while
    it runs are picked up within half a minute. Ctrl-C or SIGTERM stops it between
    articles, exit code 0; the next run carries on where this one stopped. Alerts
    (`airdate notify`) go out after each poll and once a minute. When releases are
    linked to TVmaze (`airdate link`), it also runs `airdate sync` at start and once
    a day (AIRDATE_TVMAZE_URL points it elsewhere); with none linked it sends nothing
    there. `--once` does not sync.

    \b
    Examples:
      airdate feeds add https://news.example/tv/rss && airdate watch
      airdate watch --quiet                 one line per poll
      airdate watch --once                  poll what is due, then exit (for cron)
      airdate serve --watch                 the web page and the watcher in one process
    """
    import threading

    from airdate.watch.service import Lines, StopOnSignals, Watcher, poll_due, wait_for

    settings = watch_settings(db, allow_private, timeout, max_bytes, max_items, host_delay)
    open_db(db, create=True).close()
    lines = Lines(say, quiet=quiet)
    if once:
        stop = threading.Event()
        with StopOnSignals(stop):
            results = poll_due(db, settings, lines, stop=stop)
        failed = sum(r.outcome == "failed" or r.failed > 0 for r in results)
        say(f"polled {len(results)} feed{'s' * (len(results) != 1)}; {failed} with errors (see `airdate feeds list`)")
        if failed:
            click.get_current_context().exit(1)
        return
    watcher = Watcher(db, settings, lines)
    with StopOnSignals(watcher.stopping):
        count = watcher.start()
        hint = "" if count else "; add one with `airdate feeds add URL`"
        say(f"airdate: watching {count} feed{'s' * (count != 1)} in {db}{hint} (Ctrl-C to stop)")
        try:
            wait_for(watcher.stopping)
            say("airdate: stopping after the article in hand", err=True)
        finally:
            watcher.stop()
    say("airdate: stopped")


def start_watcher(db: Path, allow_private: bool) -> Any:
    """For `airdate serve --watch`: a started Watcher over `db`, its lines on stdout; `.stop()` it."""
    from airdate.watch.service import Lines, Watcher

    watcher = Watcher(db, watch_settings(db, allow_private), Lines(say))
    count = watcher.start()
    say(f"airdate: watching {count} feed{'s' * (count != 1)}" + ("" if count else "; add one with `airdate feeds add URL`"))
    return watcher


# --- the watchlist -------------------------------------------------------------------------------


@click.command("follow")
@click.argument("title", nargs=-1, required=True)
@click.option("--season", type=click.IntRange(min=0), help="Follow only this season (else every season, films too).")
@db_option
def follow_command(title: tuple[str, ...], season: int | None, db: Path) -> None:
    """Put a show or film on your watchlist, for `list --following` and a calendar of your shows only.

    TITLE matches releases by title key (case, accents, punctuation and a leading
    "The" ignored), also under a name merged into them. A title no article has
    named yet matches once one does.

    \b
    Examples:
      airdate follow Harbor Lights                 every season
      airdate follow "Harbor Lights" --season 3    one season (or: airdate follow harbor lights s3)
      airdate list --following                     the board, your shows only
      http://127.0.0.1:8000/calendar.ics?following=1    subscribe to it in a calendar app
    """
    from airdate.store.follows import follow, matches
    from airdate.views.board import release_name

    name = " ".join(title)
    with open_db(db, create=True) as store:
        found, new = follow(store, name, season)
        now = matches(store).get(found.id, [])
        close = [] if now else store.find_releases(found.title, found.season)
    verb = "following" if new else "already following"
    if now:
        shown = ", ".join(f"{release_name(r)} (#{r.id})" for r in now)
        say(f"{verb} {found.name}: on the board as {shown}")
        return
    line = f"{verb} {found.name}; nothing on the board matches yet: it will once an article names it"
    if close:
        line += "\n(close: " + ", ".join(f'"{release_name(r)}"' for r in close[:5]) + "; follow that title if it is the one)"
    say(line)


@click.command("unfollow")
@click.argument("title", nargs=-1, required=True)
@click.option("--season", type=click.IntRange(min=0), help="The season followed, if one was.")
@db_option
def unfollow_command(title: tuple[str, ...], season: int | None, db: Path) -> None:
    """Take a title (or one season of it) off your watchlist.

    \b
    Examples:
      airdate unfollow Harbor Lights
      airdate unfollow "Harbor Lights" --season 3
    """
    from airdate.store.follows import unfollow

    with open_db(db) as store:
        gone = unfollow(store, " ".join(title), season)
    say(f"no longer following {gone.name}")


@click.command("following")
@json_option
@click.option("--today", metavar="YYYY-MM-DD", help="Describe windows as of this day instead of today.")
@db_option
def following_command(as_json: bool, today: str | None, db: Path) -> None:
    """Your watchlist, with the releases each title matches on the board now.

    \b
    Examples:
      airdate following
      airdate following --json
    """
    from airdate.store.follows import follows, matches
    from airdate.views.feeds import following_json, render_following

    day = today_from(today)
    with open_db(db, read_only=True) as store:
        found = follows(store)
        matched = matches(store)
        ids = {r.id for rs in matched.values() for r in rs}
        board = {s.release.id: s for s in store.board(ids=ids)} if ids else {}
    if as_json:
        echo_json(following_json(found, matched, board, day))
    else:
        say(render_following(found, matched, board, day))


COMMANDS = (feeds_group, watch_command, follow_command, unfollow_command, following_command)
