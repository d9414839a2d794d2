"""The curation commands: hide, unhide, set, unset, premiered (issue 12, item 5).

Registered on the main group by airdate.cli; like airdate.watch.commands this module does
not import airdate.cli. Each write is a claim from a manual source (airdate.store.curation)
with who (`--by`, default the OS user) and when, and each has its undo.
"""

from __future__ import annotations

import getpass
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import click

from airdate.errors import NotFound, UsageError
from airdate.models import CERTAINTY_RANK
from airdate.options import db_option, json_option, open_db
from airdate.store import Store
from airdate.store.curation import Curation, curate, uncurate
from airdate.terminal import terminal_safe
from airdate.views.board import find_release, release_name

_by = click.option("--by", metavar="NAME", help="Who is curating (default: your login name).")
_note = click.option("--note", default="", metavar="TEXT", help="Why, e.g. 'per the platform's press site'.")


def who(by: str | None) -> str:
    if by is not None:
        if not by.strip():
            raise UsageError("--by must name someone")
        return by.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def _date(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date like 2027-01-14, not {value!r}") from None



def pick_release(store: Store, release: str) -> tuple[int, str]:
    """ID is a release id (as `airdate list --json` and /release/ID give it) or a title."""
    if re.fullmatch(r"#?\d+", release.strip()):
        rid = int(release.strip().lstrip("#"))
        try:
            info = store.release(rid)
        except NotFound:
            raise NotFound(f"no release with id {rid}; see `airdate list --all --json` for ids") from None
    else:
        info = find_release(store, release)
    return info.id, release_name(info)


def _done(as_json: bool, text: str, curation: Curation | None, release_id: int, action: str) -> None:
    if as_json:
        doc: dict[str, Any] = {"release_id": release_id, "action": action}
        if curation is not None:
            doc["curation"] = curation.to_json()
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(terminal_safe(text))


@click.command("hide")
@click.argument("release", metavar="ID")
@_note
@_by
@json_option
@db_option
def hide_command(release: str, note: str, by: str | None, as_json: bool, db: Path) -> None:
    """Hide a release that is not one (a mis-read title) from the board, the page, the API and calendar.

    `list --all` and `?all=1` still show it. Undo with `airdate unhide ID`.

    \b
    Examples:
      airdate hide 17 --note "an article about the book, not a show"
      airdate hide "Drowned Tower"
    """
    with open_db(db) as store:
        rid, name = pick_release(store, release)
        done = curate(store, rid, "hidden", by=who(by), note=note)
    _done(as_json, f"hid {name} (release {rid}); undo with airdate unhide {rid}", done, rid, "hide")


@click.command("unhide")
@click.argument("release", metavar="ID")
@json_option
@db_option
def unhide_command(release: str, as_json: bool, db: Path) -> None:
    """Put a hidden release back on the board.

    \b
    Examples:
      airdate unhide 17
    """
    with open_db(db) as store:
        rid, name = pick_release(store, release)
        uncurate(store, rid, "hidden")
    _done(as_json, f"{name} (release {rid}) is back on the board", None, rid, "unhide")


@click.command("set")
@click.argument("release", metavar="ID")
@click.option("--date", "start", required=True, metavar="YYYY-MM-DD", help="The first day of the window.")
@click.option("--end", metavar="YYYY-MM-DD", help="The last day (default: the same day).")
@click.option("--certainty", type=click.Choice(sorted(CERTAINTY_RANK, key=CERTAINTY_RANK.__getitem__, reverse=True)),
              default="confirmed", show_default=True, help="How sure the window is.")  # fmt: skip
@_note
@_by
@json_option
@db_option
def set_command(
    release: str, start: str, end: str | None, certainty: str, note: str, by: str | None, as_json: bool, db: Path
) -> None:
    """Set a release's window by hand: a claim from a manual source, with who, when and why.

    It outranks news of the same or lower certainty (a confirmed article still beats a
    manual "reported" window) and is never superseded; `airdate unset ID` removes it
    and the news picture comes back. Setting again replaces it.

    \b
    Examples:
      airdate set 12 --date 2027-01-14 --note "per the platform's press site"
      airdate set "Northwind S2" --date 2027-03-01 --end 2027-03-31 --certainty reported
    """
    first = _date("--date", start)
    last = _date("--end", end) if end is not None else first
    if last < first:
        raise UsageError(f"--end {last} is before --date {first}; the window's last day comes after its first")
    with open_db(db) as store:
        rid, name = pick_release(store, release)
        done = curate(store, rid, "window", by=who(by), note=note, start=first, end=last, certainty=certainty)
    span = first.isoformat() if first == last else f"{first}..{last}"
    _done(as_json, f"set {name} (release {rid}) to {span}, {certainty}, by hand by {done.by}; "
                   f"undo with airdate unset {rid}", done, rid, "set")  # fmt: skip


@click.command("unset")
@click.argument("release", metavar="ID")
@json_option
@db_option
def unset_command(release: str, as_json: bool, db: Path) -> None:
    """Remove the window set by hand; the news decides the date again.

    \b
    Examples:
      airdate unset 12
    """
    with open_db(db) as store:
        rid, name = pick_release(store, release)
        uncurate(store, rid, "window")
    _done(as_json, f"removed the window set by hand for {name} (release {rid})", None, rid, "unset")


@click.command("premiered")
@click.argument("release", metavar="ID")
@click.option("--on", "day", metavar="YYYY-MM-DD", help="The premiere day (default: today).")
@click.option("--undo", is_flag=True, help="Remove the premiere set by hand.")
@_note
@_by
@json_option
@db_option
def premiered_command(
    release: str, day: str | None, undo: bool, note: str, by: str | None, as_json: bool, db: Path
) -> None:
    """Record by hand that a release premiered (no article said so): it leaves the upcoming board.

    \b
    Examples:
      airdate premiered 12 --on 2027-01-14 --note "watched it"
      airdate premiered 12 --undo
    """
    if undo and day is not None:
        raise UsageError("--undo takes no --on; it removes the premiere set by hand")
    on = _date("--on", day) if day is not None else date.today()
    with open_db(db) as store:
        rid, name = pick_release(store, release)
        if undo:
            uncurate(store, rid, "premiered")
            _done(as_json, f"removed the premiere set by hand for {name} (release {rid})", None, rid, "unpremiered")
            return
        done = curate(store, rid, "premiered", by=who(by), note=note, start=on)
    _done(as_json, f"{name} (release {rid}) premiered on {on}, by hand by {done.by}; "
                   f"undo with airdate premiered {rid} --undo", done, rid, "premiered")  # fmt: skip


COMMANDS = (hide_command, unhide_command, set_command, unset_command, premiered_command)
