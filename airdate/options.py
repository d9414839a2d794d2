"""What every store command shares: the --db and --json options, opening the store, printing.

airdate.cli and the command modules it registers (airdate.watch.commands, airdate.notify.commands,
airdate.curation) all use these; they live here so those modules need not import airdate.cli.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from airdate.errors import NotFound, UsageError
from airdate.settings import DB_ENV, Settings
from airdate.terminal import terminal_safe

if TYPE_CHECKING:
    from airdate.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def db_option(f: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=DB_ENV,
        default=Settings.db,
        show_default=True,
        show_envvar=True,
        metavar="PATH",
        help="The SQLite database file.",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def open_db(db: Path, *, create: bool = False, read_only: bool = False) -> Store:
    """The store at `db`; the reading commands refuse to create an empty one by mistake.

    `read_only` for the commands that only read: they never write (nor wait for another
    process's write lock), and show board rows an ingest has still to write as they were.
    """
    from airdate.store import open_store

    if not create and not db.exists():
        raise NotFound(f"no database at {db}; run `airdate ingest SOURCE...` first, or pass --db PATH / set {DB_ENV}")
    return open_store(db, read_only=read_only)


def say(text: str, *, err: bool = False) -> None:
    """Print text meant for a person at a terminal: escape sequences an article carried are stripped."""
    click.echo(terminal_safe(text), err=err)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def today_from(value: str | None) -> date:
    """The day `--today` names (ISO), or the real today when it is not given."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today must be a date like 2026-11-24, not {value!r}") from None
