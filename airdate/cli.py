"""The command line: a thin door in front of the stages.

Every AirdateError becomes one line on stderr and a non-zero exit; nothing else here
knows how an article is read, claims are found or a release's state is worked out
(see airdate.ingest and airdate.views).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from airdate import __version__
from airdate.errors import AirdateError, AmbiguousTitle, UsageError
from airdate.models import Extraction, Release
from airdate.options import db_option, echo_json, json_option, open_db, say, today_from
from airdate.settings import Settings
from airdate.views.board import CERTAINTIES, SHEET_LIMIT, STATUSES

if TYPE_CHECKING:
    pass

F = TypeVar("F", bound=Callable[..., Any])
STOP_GRACE_S = 3  # on Ctrl-C or SIGTERM, requests in flight get this long to finish; the rest are dropped




class _Group(click.Group):
    """Turns AirdateError into one clear line; keeps tracebacks for real bugs only."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AirdateError as e:
            say(f"airdate: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("airdate: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="airdate")
def main() -> None:
    """airdate: an honest countdown of upcoming TV seasons and films, read from the news.

    \b
    Examples:
      airdate extract article.txt            what one article says, readably
      airdate extract page.html --json       the same as JSON (spec/extraction.md)
      airdate extract feed.xml --json        one result per feed item
      cat article.txt | airdate extract - --published 2026-02-21
      airdate ingest demo/articles           store many articles and their claims
      airdate backfill cc-news/*.warc.gz     years of news from WARC archives, on a Dask cluster
      airdate list                           the board: what is coming, when, how sure
      airdate show harbor lights s3          one release, every claim with its source
      airdate serve                          the board as a web page, with iCal and Atom feeds
      airdate feeds add URL; airdate watch   follow the news by itself (serve --watch does both)
      airdate follow harbor lights           your watchlist: list --following, /calendar.ics?following=1
      airdate notify add 'ntfy://…'          alerts when a followed release changes (Apprise, webhooks)

    The store commands use ./airdate.db, or --db PATH, or the AIRDATE_DB variable.
    """


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published must be a date like 2026-02-21, not {value!r}") from None
    if not 1900 <= day.year <= 2200:
        raise UsageError(f"--published {value} is outside the years 1900-2200 that news dates fall in")
    return day


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of spec/extraction.md instead of a summary.")
@click.option("--published", metavar="YYYY-MM-DD", help="The article's date, overriding or supplying its own.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=Settings.max_bytes, show_default=True,
              help="Refuse sources larger than this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=Settings.fetch_timeout, show_default=True,
              help="Seconds an http(s) source may take: each read and the whole download.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch http(s) sources on loopback, private and link-local addresses (your own network).")
def extract(
    source: str, as_json: bool, published: str | None, max_bytes: int, timeout: float, allow_private: bool
) -> None:
    """Read one article (or feed) and print the upcoming releases it talks about.

    SOURCE is a path, - for stdin, or an http(s) URL. Plain text, HTML pages and
    RSS/Atom feeds are recognised by their content. Relative dates ("next month")
    are resolved against the article's date; without one they stay unresolved.
    """
    from airdate.extract.pipeline import Extractor, long_line_note
    from airdate.sources import read_source

    dct = _parse_date(published)
    settings = Settings(max_bytes=max_bytes, fetch_timeout=timeout, allow_private=allow_private)
    articles = read_source(source, settings)
    if dct is not None:
        articles = [replace(a, published=dct) for a in articles]
    extractor = Extractor()
    results = [extractor.extract(a) for a in articles]
    for a in articles:
        if note := long_line_note(a):
            click.echo(f"note: {note}", err=True)
    if as_json:
        docs = [r.to_json() for r in results]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False))
        return
    for i, r in enumerate(results):
        if i:
            click.echo()
        say(render_summary(r))


# --- options shared by the store commands -------------------------------------------------------




def _today_option(f: F) -> F:
    return click.option(
        "--today", metavar="YYYY-MM-DD", help="Count down from this day instead of today (for what-ifs)."
    )(f)


# --- the store commands -------------------------------------------------------------------------


@main.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=Settings.max_bytes, show_default=True,
              help="Refuse sources larger than this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=Settings.fetch_timeout, show_default=True,
              help="Seconds an http(s) source may take: each read and the whole download.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch http(s) sources on loopback, private and link-local addresses (your own network).")
def ingest_command(
    sources: tuple[str, ...], db: Path, as_json: bool, quiet: bool, max_bytes: int, timeout: float, allow_private: bool
) -> None:
    """Store articles and every claim they make, one transaction per article.

    SOURCE is a file, a folder (walked recursively), a glob, a feed, an http(s)
    URL or - for stdin. The same text under another path is stored once. A
    source or article that fails is recorded (see `airdate failures`) and the run
    carries on; the exit code is then 1. Ctrl-C keeps every finished article.

    \b
    Examples:
      airdate ingest demo/articles                  a folder
      airdate ingest 'news/**/*.html' feed.xml      a quoted glob and a feed
      cat story.txt | airdate ingest -              stdin
      airdate ingest --db ~/tv.db today/            another database
    """
    from airdate import ingest as bulk
    from airdate.extract.pipeline import Extractor

    settings = Settings(max_bytes=max_bytes, fetch_timeout=timeout, db=db, allow_private=allow_private)
    tally = bulk.Tally()
    with open_db(db, create=True) as store:
        progress = None if as_json else bulk.progress_for(sys.stdout, quiet)
        try:
            bulk.ingest(store, sources, Extractor(), settings, progress, tally)
        except KeyboardInterrupt:
            if progress is not None:
                progress.finish()
            click.echo(f"stopped: {tally.summary()}; run it again to finish", err=True)
            raise
    if as_json:
        echo_json({
            "ingested": tally.done, "unchanged": tally.unchanged, "failed": tally.failed,
            "failures": [{"path": p, "stage": s, "reason": r} for p, s, r in tally.failures],
        })  # fmt: skip
    else:
        click.echo(tally.summary())
    if tally.failed:
        click.get_current_context().exit(1)


@main.command("failures")
@db_option
@json_option
@click.option("--clear", is_flag=True, help="Forget every recorded failure (after fixing or dropping those sources).")
def failures_command(db: Path, as_json: bool, clear: bool) -> None:
    """List the sources and articles that could not be ingested: path, stage and why.

    A failure is forgotten once its path is ingested successfully.

    \b
    Examples:
      airdate failures            what failed, and why
      airdate failures --json     the same as JSON
      airdate failures --clear    start over
    """
    from airdate.views.text import render_failures

    with open_db(db, read_only=not clear) as store:
        if clear:
            n = store.clear_failures()
            click.echo(f"forgot {n} failure{'s' * (n != 1)}")
            return
        found = store.failures()
    if as_json:
        echo_json([{"path": f.path, "stage": f.stage, "reason": f.reason, "at": f.at} for f in found])
    else:
        say(render_failures(found))


@main.command("reextract")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every article, not only those from another extractor version.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
def reextract_command(db: Path, everything: bool, quiet: bool) -> None:
    """Run the current extractor over stored articles, after an upgrade; no file is read again.

    Only articles extracted by another extractor name or version are redone,
    unless --all. Each article's old claims are swapped for the new ones in one
    transaction, and the board follows.

    \b
    Examples:
      airdate reextract           articles from an older extractor
      airdate reextract --all     every article
    """
    from airdate import ingest as bulk
    from airdate.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extractor

    with open_db(db) as store:
        if not everything and next(store.articles(stale_for=(EXTRACTOR_NAME, EXTRACTOR_VERSION)), None) is None:
            click.echo(f"nothing to re-extract: every article is from {EXTRACTOR_NAME} {EXTRACTOR_VERSION} (--all redoes them)")
            return
        progress = bulk.progress_for(sys.stdout, quiet)
        tally = bulk.Tally()
        try:
            bulk.reextract(store, Extractor(), everything=everything, progress=progress, tally=tally)
        except KeyboardInterrupt:
            if progress is not None:
                progress.finish()
            click.echo(f"stopped after re-extracting {tally.done}; run it again to finish", err=True)
            raise
    click.echo(f"re-extracted {tally.done}, failed {tally.failed}")
    if tally.failed:
        click.get_current_context().exit(1)


@main.command("list")
@click.option("--platform", metavar="NAME", help="Only releases on this platform (e.g. Netflix).")
@click.option("--within", type=click.IntRange(min=0), metavar="DAYS",
              help="Only windows that start within DAYS days and have not ended.")
@click.option("--certainty", "certainties", multiple=True, type=click.Choice(CERTAINTIES),
              help="Only best windows this sure (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only releases with this status (repeatable).")
@click.option("--search", metavar="TEXT", help="Only releases whose title matches TEXT.")
@click.option("--all", "everything", is_flag=True,
              help="Also show premiered, cancelled and presumed released releases.")
@click.option("--stale-days", type=click.IntRange(min=0), default=Settings.stale_days, show_default=True,
              metavar="N", help="An overdue window ended more than N days ago is presumed released (and hidden).")
@click.option("--following", is_flag=True, help="Only releases on your watchlist (`airdate follow TITLE`).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help="Show at most N releases (table default 100, JSON default all; 0 for all).")
@_today_option
@json_option
@db_option
def list_command(
    platform: str | None,
    within: int | None,
    certainties: tuple[str, ...],
    statuses: tuple[str, ...],
    search: str | None,
    everything: bool,
    stale_days: int,
    following: bool,
    limit: int | None,
    today: str | None,
    as_json: bool,
    db: Path,
) -> None:
    """The board: upcoming releases, earliest first, with how long and how sure.

    WHEN is the best window in words, DAYS the countdown to its first and last
    day, SURE its certainty (! when outlets disagree; `airdate show` has both).
    Releases with no window yet come last as TBA. Premiered and cancelled
    releases are hidden, and so are those presumed released: overdue, their
    window ended more than --stale-days ago; --all shows them all.

    \b
    Examples:
      airdate list                                  everything upcoming
      airdate list --platform Netflix --within 60   Netflix, the next 60 days
      airdate list --certainty confirmed            only dated releases
      airdate list --status overdue                 windows passed, no premiere reported
      airdate list --json --today 2026-12-01        as JSON, counted from Dec 1
      airdate list --limit 0                        the whole board, not the first 100
      airdate list --following                      only the shows you follow
    """
    from airdate.views.board import select_board
    from airdate.views.text import render_board

    day = today_from(today)
    if limit is None:
        limit = 0 if as_json else 100  # a table is for reading; longer ones are for --json and export
    with open_db(db, read_only=True) as store:
        page = select_board(
            store, day, platform=platform, within=within, certainties=certainties, statuses=statuses,
            search=search, everything=everything, limit=limit or None, following=following,
            stale_days=stale_days,
        )  # fmt: skip
        waiting = store.pending_board()
    if waiting:
        # Reading never writes, so rows an ingest has still to write show as they were.
        say(f"airdate: {waiting} release{'s' * (waiting != 1)} changed since the board was written "
             "(an ingest is running, or stopped early: run it again to finish)", err=True)  # fmt: skip
    if as_json:
        echo_json([s.to_json(day, stale_days) for s in page.rows])
    else:
        say(render_board(page.rows, day, page.hidden, more=page.more, stale=page.stale, stale_days=stale_days))


@main.command("show")
@click.argument("title", nargs=-1, required=True)
@click.option("--season", type=click.IntRange(min=0), help="The season, when the title names several.")
@click.option("--part", type=click.IntRange(min=1), help="The part (or cour) of a split season.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=SHEET_LIMIT,
    show_default=True,
    help="Show this many of each long list (the newest windows, conflicts, changes, events; "
    "cast members), saying how many are left out; 0 shows all. --json always has all.",
)
@_today_option
@json_option
@db_option
def show_command(
    title: tuple[str, ...],
    season: int | None,
    part: int | None,
    limit: int,
    today: str | None,
    as_json: bool,
    db: Path,
) -> None:
    """One release's fact sheet: status, best window, countdown, the claims and their sources.

    TITLE matches despite case, quotes, punctuation, a leading "The" and season
    wording ("Harbor Lights S3"). A title that matches several releases lists
    them instead of guessing, and exits 2 (with --json too, as JSON).

    A release in the news for months gathers hundreds of articles: the sheet
    shows the newest 20 windows (and the best), conflicts, changes and events,
    and the first 20 cast members, with a line saying how many more there are.
    `--limit 0` shows every one; `--json` always gives every claim.

    \b
    Examples:
      airdate show "Harbor Lights" --season 3
      airdate show harbor lights season 3 --json
      airdate show northwind --today 2026-12-31     the countdown from Dec 31
      airdate show "Flood Show" --limit 0           every window and its source
    """
    from airdate.store.schedules import link_of
    from airdate.views.board import find_release, release_state
    from airdate.views.text import render_candidates, sheet_text

    day = today_from(today)
    name = " ".join(title)
    with open_db(db, read_only=True) as store:
        try:
            info = find_release(store, name, season, part)
        except AmbiguousTitle as e:
            board = store.board(ids=[c.id for c in e.candidates])
            if as_json:
                rows = {s.release.id: s.to_json(day) for s in board}
                echo_json({"error": str(e), "candidates": [rows[c.id] for c in e.candidates if c.id in rows]})
            else:
                say(render_candidates(name, e.candidates, board, day))
            click.get_current_context().exit(e.exit_code)
        link = link_of(store, info.id)
        if as_json:
            state = release_state(store, info.id, day)
        else:
            sheet = sheet_text(store, info.id, day, link=link, limit=limit or None)
    if as_json:
        echo_json({**state.to_json(), "link": link.to_json() if link else None})
    else:
        say(sheet)


@main.command("merge")
@click.argument("alias")
@click.argument("into")
@db_option
def merge_command(alias: str, into: str, db: Path) -> None:
    """File the release ALIAS names under the release INTO names, now and for future articles.

    For one release that articles name two ways ("Drowned Tower" for "Starfall
    Academy season 2 part 2"). Write season and part into the titles. Undo it
    with `airdate split ALIAS`.

    \b
    Examples:
      airdate merge "Drowned Tower part 2" "Starfall Academy season 2 part 2"
      airdate merge "HL3" "Harbor Lights season 3"
    """
    from airdate.views.board import find_release, release_name

    with open_db(db) as store:
        target = find_release(store, into)
        store.merge(alias, target.id)
        say(f"merged {alias!r} into {release_name(store.release(target.id))}; undo with airdate split {_quote(alias)}")


@main.command("split")
@click.argument("title")
@click.option("--article", "articles", type=int, multiple=True, metavar="ID",
              help="Move only this article's claims (repeatable; ids are in `airdate show --json`).")
@click.option("--as", "new_title", metavar="TITLE", help="With --article: the title of the release they move to.")
@db_option
def split_command(title: str, articles: tuple[int, ...], new_title: str | None, db: Path) -> None:
    """Undo a wrong merge: TITLE becomes its own release again, taking its claims back.

    With --article and --as, move some articles' claims out of the release TITLE
    names into a new one, for two different shows that share a title.

    \b
    Examples:
      airdate split "Drowned Tower part 2"                     undo a merge
      airdate split "The Hollow" --article 12 --article 15 --as "The Hollow (2027 film)"
    """
    from airdate.views.board import find_release, release_name

    with open_db(db) as store:
        if articles or new_title:
            if not (articles and new_title):
                raise UsageError("--article and --as go together: which articles move, and under what title")
            source = find_release(store, title)
            new_id = store.split_articles(source.id, articles, new_title)
        else:
            new_id = store.split(title)
        say(f"split off {release_name(store.release(new_id))} (release {new_id})")


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "ics"]), default="json", show_default=True,
              help="JSON (the shape of `show --json`, one per release), CSV (one row per release) "
                   "or ics (the calendar `serve` gives at /calendar.ics).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-", metavar="FILE",
              help="Write here instead of stdout.")
@click.option("--base-url", metavar="URL", default="",
              help="For ics: link each event to its page under this address, e.g. http://127.0.0.1:8000/.")
@_today_option
@db_option
def export_command(fmt: str, output: Any, base_url: str, today: str | None, db: Path) -> None:
    """Every release with its state: best window, countdown, status, conflicts, cast, history.

    \b
    Examples:
      airdate export > releases.json
      airdate export --format csv -o releases.csv
      airdate export --format ics -o airdate.ics     import into any calendar app
    """
    from airdate.views import export
    from airdate.views.board import all_states

    day = today_from(today)
    with open_db(db, read_only=True) as store:
        if fmt == "ics":
            from airdate.views.filters import Filters
            from airdate.views.web import calendar_for

            output.write(calendar_for(store, day, Filters(), base_url).decode("utf-8"))
            return
        states = all_states(store, day)
    output.write((export.to_json(states) + "\n") if fmt == "json" else export.to_csv(states))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on; 0 picks a free one.")
@click.option("--access-log", is_flag=True, help="Log every request to stderr.")
@click.option("--watch", is_flag=True, help="Also poll the feeds (`airdate feeds`), as `airdate watch` does.")
@click.option("--allow-private", is_flag=True,
              help="With --watch: also fetch feeds on loopback, private and link-local addresses.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Allow writes from the page and the API with the token in FILE (else AIRDATE_TOKEN; "
                   "with neither the server is read-only).")
@_today_option
@db_option
def serve_command(
    host: str, port: int, access_log: bool, watch: bool, allow_private: bool, token_file: Path | None,
    today: str | None, db: Path,
) -> None:
    """Serve the board, fact sheets, JSON API, iCal calendar and Atom feed of changes.

    The pages read the database while `airdate ingest` keeps adding articles; pages
    show them on the next load. The server is read-only unless it has a token
    (AIRDATE_TOKEN, or --token-file): then /login signs a browser in to follow,
    hide and mark releases premiered, and the API takes the same writes with
    `Authorization: Bearer TOKEN`. With --watch the same process polls the feeds
    and ingests their new items, so one command runs the whole service. Ctrl-C or SIGTERM stops it: requests in flight
    get 3 seconds to finish, then are answered 503; the watcher stops after the
    article in hand.

    \b
    Pages and feeds:
      /                     the board: countdowns, filters, search
      /release/ID           one release: every claim with its source
      /calendar.ics         subscribe in your calendar app (takes the board's filters)
      /feed.atom            what changed: dates, delays, renewals, conflicts
      /feeds                the feeds --watch polls, and how each is doing
      /?following=1         your watchlist; /calendar.ics?following=1 as a calendar
      /api/releases         JSON; /api/docs documents every endpoint
      /login                sign in with the token, for the follow and hide buttons

    \b
    Examples:
      airdate serve
      airdate serve --port 8080 --db ~/tv.db
      airdate serve --watch                 also poll the feeds: the whole service in one process
      airdate serve --host 0.0.0.0          listen on every interface (read-only: mind who can reach it)
      airdate serve --token-file ~/.airdate-token    sign in at /login to follow and hide
    """
    import os
    import signal
    import socket
    import threading

    import uvicorn

    from airdate.views.auth import read_token
    from airdate.views.web import create_app
    from airdate.watch.commands import start_watcher

    day = today_from(today) if today else None
    token = read_token(token_file)
    open_db(db).close()
    app = create_app(db, today=(lambda: day) if day else None, token=token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror}); pass another --port or --host") from None
    sock.listen(2048)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    click.echo(f"airdate: serving {db} at http://{shown}:{bound}/ (Ctrl-C to stop)")
    if token:
        click.echo(f"airdate: writes need the token: sign in at http://{shown}:{bound}/login, or send it as a Bearer header")
    config = uvicorn.Config(app, log_level="warning", access_log=access_log, server_header=False,
                            timeout_graceful_shutdown=STOP_GRACE_S)  # fmt: skip
    watcher = start_watcher(db, allow_private) if watch else None
    # uvicorn stops on SIGINT and SIGTERM alike, then raises the signal again with the handler
    # it found: make SIGTERM's a Ctrl-C too, so `kill` ends with the same clean line.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after a clean shutdown; stopping is the normal end
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if watcher is not None:
            watcher.stop()  # before the check below: its threads finish the article in hand
    click.echo("airdate: stopped")
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread()):
        # A render cut off by the stop may still run on a store thread (with a read-only
        # connection: nothing to finish); exiting normally would wait for it to end.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _add_watch_commands() -> None:
    from airdate.notify.commands import COMMANDS as NOTIFY
    from airdate.watch.commands import COMMANDS

    for command in (*COMMANDS, *NOTIFY):
        main.add_command(command)


_add_watch_commands()


def _add_curation_commands() -> None:
    from airdate.curation import COMMANDS
    from airdate.schedules.commands import COMMANDS as SCHEDULES

    for command in (*COMMANDS, *SCHEDULES):
        main.add_command(command)


_add_curation_commands()


def _add_backfill_commands() -> None:
    from airdate.backfill.commands import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_backfill_commands()


def _quote(text: str) -> str:
    return f'"{text}"' if any(c.isspace() or c in "'\"" for c in text) else text



def render_summary(result: Extraction) -> str:
    """A short readable block per release."""
    a = result.article
    head = a.title or a.path or a.url or "(untitled)"
    lines = [f"{head}" + (f"  [{a.published.isoformat()}]" if a.published else "  [no date]")]
    if not result.releases:
        lines.append("  no upcoming release found")
    for r in result.releases:
        lines.extend(_release_lines(r))
    return "\n".join(lines)


def _release_lines(r: Release) -> list[str]:
    name = r.title + (f" season {r.season}" if r.season else "") + (f" part {r.part}" if r.part else "")
    out = [f"\n  {name} ({r.kind})" + (f" on {', '.join(r.platforms)}" if r.platforms else "")]
    for w in r.windows:
        span = "unresolved" if w.start is None and w.end is None else f"{w.start or '…'} .. {w.end or '…'}"
        out.append(f"    when:  {span:24}  {w.certainty:10}  \"{w.text}\"")
    if not r.windows:
        out.append("    when:  no date yet")
    for c in r.cast:
        role = f" as {c.character}" if c.character else ""
        out.append(f"    cast:  {c.actor}{role} ({c.status})")
    if r.characters:
        out.append(f"    characters: {', '.join(r.characters)}")
    for e in r.events:
        out.append(f"    event: {e.type} ({e.certainty})")
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
