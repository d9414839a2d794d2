"""The Atom feed of changes (`/feed.atom`): one entry per recorded change, newest first.

Entry ids are the changes' own stable ids (`airdate.changes`), so a feed reader shows
each change once however often it polls. `updated` is when this database first recorded
the change; `published` is the day the article behind it came out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from airdate import __version__
from airdate.store import ChangeRow
from airdate.views.board import release_name

KIND_WORDS = {
    "first_seen": "first seen",
    "scheduled": "date scheduled",
    "window": "window changed",
    "confirmed": "date confirmed",
    "delayed": "delayed",
    "renewed": "renewed",
    "cancelled": "cancelled",
    "premiered": "premiered",
    "conflict": "sources disagree",
}


def entry_title(row: ChangeRow) -> str:
    return f"{release_name(row.release)}: {KIND_WORDS.get(row.kind, row.kind)}"


def render_feed(rows: Sequence[ChangeRow], *, base_url: str, self_url: str, title: str = "airdate: changes") -> bytes:
    """The feed document for these change rows (already newest first)."""
    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"{base}/feed.atom")
    fg.title(title)
    fg.subtitle("What changed about upcoming releases: dates, delays, renewals and disagreements.")
    fg.author({"name": "airdate"})
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/", rel="alternate", type="text/html")
    fg.generator("airdate", version=__version__)
    fg.updated(max((_seen(r.seen) for r in rows), default=datetime(2000, 1, 1, tzinfo=UTC)))
    for row in rows:
        fe = fg.add_entry(order="append")
        fe.id(row.id)
        fe.title(entry_title(row))
        fe.link(href=f"{base}/release/{row.release.id}", rel="alternate", type="text/html")
        fe.updated(_seen(row.seen))
        if row.day is not None:
            fe.published(_midnight(row.day))
        fe.category(term=row.kind, label=KIND_WORDS.get(row.kind, row.kind))
        fe.content(_content(row), type="text")
    return bytes(fg.atom_str(pretty=True))


def _content(row: ChangeRow) -> str:
    lines = [f"{release_name(row.release)}: {row.text}."]
    if row.source is not None:
        lines.append(f"Source: {row.source.citation}")
    return "\n".join(lines)


def _seen(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)
