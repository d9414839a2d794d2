"""The schedule commands: `link`, `sync` and `catalog update`.

Registered on the main group by airdate.cli (this module does not import it). Each talks to
the TVmaze API through one `TVmaze` client (rate-limited, retried, cached in the store) unless
`--offline`, which answers from the cache (and the catalog) alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

import click

from airdate.errors import UsageError
from airdate.options import db_option, echo_json, json_option, open_db, say, today_from
from airdate.settings import (
    TMDB_COUNTRY_ENV,
    TMDB_KEY_ENV,
    TMDB_URL,
    TMDB_URL_ENV,
    TVMAZE_ENV,
    TVMAZE_URL,
    Settings,
)
from airdate.store.schedules import Link, ScheduleDate
from airdate.store.store import Store
from airdate.views.board import release_name
from airdate.views.text import describe_link

F = TypeVar("F", bound=Callable[..., Any])


def _network_options(f: F) -> F:
    for option in reversed((
        click.option("--offline", is_flag=True,
                     help="Send nothing: answer from the answers cached by earlier runs (and the catalog)."),
        click.option("--tvmaze-url", envvar=TVMAZE_ENV, default=TVMAZE_URL, show_default=True, show_envvar=True,
                     metavar="URL", help="The TVmaze API to ask (a mirror, or a test server)."),
        click.option("--allow-private", is_flag=True,
                     help="Allow a --tvmaze-url on loopback, private and link-local addresses (your own network)."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=Settings.fetch_timeout, show_default=True,
                     help="Seconds each request may take: each read and the whole download."),
    )):  # fmt: skip
        f = option(f)
    return f


def _client(store: Store, offline: bool, tvmaze_url: str, allow_private: bool, timeout: float) -> Any:
    from airdate.schedules.client import TVmaze
    from airdate.sources.fetch import check_address

    if not tvmaze_url.lower().startswith(("http://", "https://")):
        raise UsageError(f"--tvmaze-url must be an http(s) URL like {TVMAZE_URL}, not {tvmaze_url!r}")
    settings = Settings(tvmaze_url=tvmaze_url, allow_private=allow_private, fetch_timeout=timeout)
    if not offline:  # one clear line before the run, rather than the same refusal per release
        check_address(tvmaze_url, settings, tvmaze_url, hint="pass --allow-private to use a TVmaze API on your own network")
    return TVmaze(store, settings, offline=offline)


def _tmdb(store: Store, offline: bool, allow_private: bool, timeout: float) -> Any:
    """A TMDB client when AIRDATE_TMDB_KEY is set, else None: without the key films are left alone."""
    from airdate.schedules.client import TMDB
    from airdate.sources.fetch import check_address

    key = os.environ.get(TMDB_KEY_ENV, "").strip()
    if not key:
        return None
    url = os.environ.get(TMDB_URL_ENV) or TMDB_URL
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"{TMDB_URL_ENV} must be an http(s) URL like {TMDB_URL}, not {url!r}")
    settings = Settings(tmdb_url=url, allow_private=allow_private, fetch_timeout=timeout)
    if not offline:
        check_address(url, settings, url, hint="pass --allow-private to use a TMDB API on your own network")
    return TMDB(store, settings, key, offline=offline)


def _country() -> str:
    country = (os.environ.get(TMDB_COUNTRY_ENV) or Settings.tmdb_country).strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise UsageError(f"{TMDB_COUNTRY_ENV} must be a two-letter country code like US or GB, not {country!r}")
    return country


# --- link ---------------------------------------------------------------------------------------


@click.command("link")
@click.argument("release", metavar="[ID]", required=False)
@click.option("--tvmaze", "show_id", type=click.IntRange(min=1), metavar="N", help="Link ID to TVmaze show N, by hand.")
@click.option("--tmdb", "film_id", type=click.IntRange(min=1), metavar="N",
              help="Link film ID to TMDB movie N, by hand (needs AIRDATE_TMDB_KEY).")
@click.option("--none", "none_", is_flag=True, help="ID has no TVmaze show (or TMDB film): never link it.")
@click.option("--relink", is_flag=True, help="Link again releases linked before (not those fixed by hand).")
@click.option("--by", metavar="NAME", help="Who links by hand (default: your login name).")
@_network_options
@json_option
@db_option
def link_command(
    release: str | None, show_id: int | None, film_id: int | None, none_: bool, relink: bool, by: str | None, offline: bool,
    tvmaze_url: str, allow_private: bool, timeout: float, as_json: bool, db: Path,
) -> None:  # fmt: skip
    """Link series releases to their TVmaze shows, so `airdate sync` can read their schedules.

    Each series release not yet linked is matched by title: against the local catalog when there
    is one (`airdate catalog update`; nothing goes over the network), else by one TVmaze search
    (GET /search/shows) and the AKAs of its first few results (GET /shows/N/akas). The platform
    and the year break ties; several shows that still fit are listed as ambiguous, not guessed.
    With ID, only that release; --tvmaze N or --none fixes it by hand, and a link fixed by hand is
    never changed by a later `airdate link`. Films are linked only when AIRDATE_TMDB_KEY holds a
    TMDB key: then one TMDB search each (GET /search/movie); without it nothing changes for films.

    \b
    Examples:
      airdate link                          every series release not linked yet
      airdate link 12                       one release (id or title)
      airdate link 12 --tvmaze 1371         by hand
      airdate link "Drowned Tower" --none   it has no TVmaze show
      airdate link --offline                from the catalog and cached answers only
    """
    from airdate.curation import pick_release, who
    from airdate.schedules.link import CatalogIndex, link_releases, wanted
    from airdate.store.schedules import set_link

    if sum((show_id is not None, film_id is not None, none_)) > 1:
        raise UsageError("--tvmaze, --tmdb and --none contradict each other; pass one")
    if (show_id is not None or film_id is not None or none_) and release is None:
        raise UsageError("--tvmaze, --tmdb and --none fix one release: pass its ID, e.g. airdate link 12 --tvmaze 1371")
    with open_db(db) as store, ExitStack() as closing:
        rid = pick_release(store, release)[0] if release is not None else None
        tmdb = _tmdb(store, offline, allow_private, timeout)
        if tmdb is not None:
            closing.enter_context(tmdb)
        if rid is not None and (show_id is not None or film_id is not None or none_):
            info = store.release(rid)
            if (show_id is not None and info.kind == "film") or (film_id is not None and info.kind != "film"):
                raise UsageError(f"release {rid} is a {info.kind}: link a series with --tvmaze N, a film with --tmdb N")
            show, provider = None, "tmdb" if info.kind == "film" else "tvmaze"
            if show_id is not None:
                show = _show_by_hand(store, show_id, offline, tvmaze_url, allow_private, timeout)
            elif film_id is not None:
                show = _film_by_hand(tmdb, film_id)
            link = set_link(store, Link(info.id, "none" if none_ else "linked", show, 1.0 if show else None,
                                        "by hand", (), who(by), provider=provider))  # fmt: skip
            _say_links(as_json, [(info.id, info.title, link, None)])
            return
        wants = wanted(store, None if rid is None else [rid], films=tmdb is not None)
        if rid is not None and not wants:
            raise UsageError(f"release {rid} is a film: films are linked to TMDB only with {TMDB_KEY_ENV} set")
        index = CatalogIndex.load(store)
        found: list[tuple[int, str, Link | None, str | None]] = []
        with _client(store, offline, tvmaze_url, allow_private, timeout) as client:
            done = link_releases(store, wants, client=client, index=index, relink=relink, tmdb=tmdb,
                                 report=lambda w, link, err: found.append((w.release_id, w.title, link, err)))  # fmt: skip
    _say_links(as_json, found, done)
    if done.failed:
        click.get_current_context().exit(1)


def _show_by_hand(store: Store, show_id: int, offline: bool, url: str, allow_private: bool, timeout: float) -> Any:
    """The show a hand link names: from TVmaze (or its cached answer), else the catalog, else its number alone."""
    from airdate.errors import FetchError, SourceError
    from airdate.schedules.client import SHAPE_ERRORS, Missing, unexpected
    from airdate.schedules.link import candidate_of
    from airdate.store.schedules import Candidate

    with _client(store, offline, url, allow_private, timeout) as client:
        try:
            return candidate_of(client.get(f"/shows/{show_id}"), "by hand")
        except Missing:
            raise UsageError(f"TVmaze has no show {show_id}; check the number in the show's TVmaze address") from None
        except SHAPE_ERRORS as e:
            raise SourceError(unexpected(e)) from None
        except FetchError:
            row = store.conn.execute(
                "SELECT id, name, premiered, network, url FROM catalog_shows WHERE id = ?", (show_id,)
            ).fetchone()
            if row is None:
                return Candidate(show_id, f"show {show_id}", matched="by hand")
            sid, name, premiered, network, url = row
            return Candidate(int(sid), str(name), premiered, network, url, "by hand")


def _film_by_hand(tmdb: Any, film_id: int) -> Any:
    """The film a hand link names, from TMDB (or its cached answer)."""
    from airdate.errors import SourceError
    from airdate.schedules.client import SHAPE_ERRORS, Missing, unexpected
    from airdate.store.schedules import Candidate

    if tmdb is None:
        raise UsageError(f"--tmdb needs a TMDB key: set {TMDB_KEY_ENV}")
    try:
        doc = tmdb.get(f"/movie/{film_id}")
        return Candidate(int(doc["id"]), str(doc.get("title") or doc["id"]), doc.get("release_date") or None, None,
                         f"https://www.themoviedb.org/movie/{int(doc['id'])}", "by hand")  # fmt: skip
    except Missing:
        raise UsageError(f"TMDB has no film {film_id}; check the number in the film's TMDB address") from None
    except SHAPE_ERRORS as e:
        raise SourceError(unexpected(e, "TMDB")) from None


def _say_links(as_json: bool, found: list[tuple[int, str, Link | None, str | None]], done: Any = None) -> None:
    if as_json:
        echo_json({
            "releases": [{"release_id": rid, "title": title, "link": link.to_json() if link else None, "error": err}
                         for rid, title, link, err in found],
            **({"counts": vars(done)} if done is not None else {}),
        })  # fmt: skip
        return
    for rid, title, link, err in found:
        say(f"#{rid:<5} {title}: " + (f"failed: {err}" if link is None else describe_link(link)))
    if done is not None:
        say(f"linked {done.linked}, ambiguous {done.ambiguous}, unmatched {done.unmatched}, failed {done.failed}, "
            f"kept {done.kept} (linked before or by hand; --relink to redo the automatic ones)")  # fmt: skip


# --- sync ---------------------------------------------------------------------------------------


@click.command("sync")
@click.argument("releases", metavar="[ID]...", nargs=-1)
@click.option("--today", "today", metavar="YYYY-MM-DD", help="Count as of another day (whether an episode has aired).")
@_network_options
@json_option
@db_option
def sync_command(
    releases: tuple[str, ...], today: str | None, offline: bool, tvmaze_url: str, allow_private: bool, timeout: float,
    as_json: bool, db: Path,
) -> None:  # fmt: skip
    """Read the official schedule of every linked release (`airdate link`) and store what it says.

    A season's premiere date (or its first episode's airdate) becomes a confirmed claim from the
    source "TVmaze schedule", dated the day a sync first saw it; it outranks news of the same
    certainty, and news that disagrees is shown as a conflict. An aired first episode marks the
    release premiered, so it leaves the upcoming board without an article saying so.

    \b
    What goes over the network (to --tvmaze-url, https://api.tvmaze.com by default), per linked release:
      GET /shows/N/seasons         the seasons and their premiere dates
      GET /seasons/N/episodes      only when the premiere date is missing or has come
    at most 20 requests per 10 s, each with the ETag of the answer cached last time (a 304 costs
    almost nothing); a 429 or 5xx is retried after Retry-After or 1, 2, 4 … s, up to 5 tries.
    Nothing is sent with --offline: the cached answers are used. `airdate watch` runs this once a
    day when releases are linked; `make run` and the other commands never go over the network for
    schedules. Films linked to TMDB are synced only with AIRDATE_TMDB_KEY set: then
      GET https://api.themoviedb.org/3/movie/N/release_dates   the film's release dates by country
    (AIRDATE_TMDB_COUNTRY, US by default: theatrical first, else digital); without it, nothing.

    \b
    Examples:
      airdate sync                 every linked release
      airdate sync 12 "Northwind"  these releases
      airdate sync --offline       again from the cache, e.g. with --today to see what has aired
    """
    from airdate.curation import pick_release
    from airdate.schedules.sync import sync

    day = today_from(today)
    lines: list[dict[str, Any]] = []
    with open_db(db) as store:
        ids = [pick_release(store, r)[0] for r in releases] or None
        infos = {r.id: r for r in store.releases()}

        def report(link: Link, found: list[ScheduleDate], new: int, err: str | None) -> None:
            show = link.show.name if link.show else "?"
            info = infos.get(link.release_id)
            name = f"{release_name(info) if info else show} ({'TMDB' if link.provider == 'tmdb' else 'TVmaze'}: {show})"
            if info is not None and info.part is not None and info.part > 1 and not err:
                lines.append({"release_id": link.release_id, "show": show, "error": None, "new": 0, "dates": [],
                              "note": "a later part of a split season: the schedule dates only the season's start"})  # fmt: skip
                if not as_json:
                    say(f"#{link.release_id:<5} {name}: part {info.part}: the schedule dates only the season's "
                        f"start; not synced (set its date by hand: airdate set)")  # fmt: skip
                return
            lines.append({"release_id": link.release_id, "show": show, "error": err, "new": new,
                          "dates": [{"kind": d.kind, "day": d.day.isoformat(), "what": d.what} for d in found]})  # fmt: skip
            if not as_json:
                if err:
                    say(f"#{link.release_id:<5} {name}: failed: {err}")
                elif not found:
                    say(f"#{link.release_id:<5} {name}: no date in the schedule yet")
                else:
                    words = ", ".join(("premieres " if d.kind == "premiere" else "aired ") + d.day.isoformat() for d in found)
                    say(f"#{link.release_id:<5} {name}: {words}" + (f" ({new} new)" if new else ""))

        tmdb = _tmdb(store, offline, allow_private, timeout)
        with _client(store, offline, tvmaze_url, allow_private, timeout) as client, ExitStack() as closing:
            if tmdb is not None:
                closing.enter_context(tmdb)
            done = sync(store, client, day, ids=ids, report=report, tmdb=tmdb, country=_country())
            calls = {k: v + (vars(tmdb.calls)[k] if tmdb else 0) for k, v in vars(client.calls).items()}
    if as_json:
        echo_json({"releases": lines, "counts": vars(done), "calls": calls})
    elif done.releases == 0:
        say("no linked releases to sync; run `airdate link` first")
    else:
        say(f"synced {done.releases}: {done.dated} dated ({done.new} new dates), {done.aired} aired, "
            f"{done.undated} without a date, {done.failed} failed; {calls['sent']} requests, "
            f"{calls['not_modified']} not modified, {calls['from_cache']} from the cache")  # fmt: skip
    if done.failed:
        click.get_current_context().exit(1)


# --- catalog ------------------------------------------------------------------------------------


@click.group("catalog")
def catalog_group() -> None:
    """A local copy of TVmaze's show index, for linking without a search per release."""


@catalog_group.command("update")
@_network_options
@json_option
@db_option
def catalog_update_command(offline: bool, tvmaze_url: str, allow_private: bool, timeout: float, as_json: bool,
                           db: Path) -> None:  # fmt: skip
    """Copy TVmaze's show index into the store once, then keep it up to date.

    The first run pages GET /shows?page=0, 1, … (about 140 pages, 20 per 10 s: two to three
    minutes; it resumes where it stopped); later runs ask GET /updates/shows?since=day|week|month
    and fetch GET /shows/N for each show changed since. `airdate link` then matches titles against
    the catalog without going over the network.

    \b
    Examples:
      airdate catalog update
    """
    from airdate.errors import SourceError
    from airdate.schedules.catalog import update_catalog
    from airdate.schedules.client import SHAPE_ERRORS, unexpected

    if offline:
        raise UsageError("catalog update reads TVmaze; it has nothing to do --offline")
    with open_db(db, create=True) as store, _client(store, offline, tvmaze_url, allow_private, timeout) as client:
        progress = None if as_json else (lambda text: say(text, err=True))
        try:
            run = update_catalog(store, client, progress=progress)
        except SHAPE_ERRORS as e:  # the pages read so far are kept; the next run resumes
            raise SourceError(unexpected(e)) from None
    if as_json:
        echo_json(vars(run))
        return
    how = f"followed /updates/shows (since a {run.since})" if run.since else f"paged the index ({run.pages} pages)"
    say(f"{how}: {run.shows} shows added or refreshed; the catalog holds {run.total}")


COMMANDS = (link_command, sync_command, catalog_group)
