"""The iCalendar feed: one all-day VEVENT per release with a window (`/calendar.ics`, `export --format ics`).

The event spans the best window: DTSTART is its first day and DTEND the day after its
last (RFC 5545 all-day events end exclusive). STATUS is CONFIRMED only for a confirmed
exact day; anything less sure is TENTATIVE, and SUMMARY says "(reported)" or
"(speculated)". UID comes from the release's identity, so it survives a rebuilt
database; SEQUENCE and LAST-MODIFIED move when the best window does, so calendar
clients update the event instead of adding a second one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from airdate import __version__
from airdate.claims import Source
from airdate.reconcile import Summary
from airdate.views.board import release_name

PRODID = f"-//airdate//airdate {__version__}//EN"
MAX_SOURCES = 10  # per event description; the fact sheet has them all


def event_uid(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()[:24] + "@airdate"


def summary_line(s: Summary) -> str:
    """ "Harbor Lights season 3 on Netflix (reported)"."""
    where = f" on {', '.join(s.platforms)}" if s.platforms else ""
    sure = "" if s.certainty == "confirmed" else f" ({s.certainty})"
    return f"{release_name(s.release)}{where}{sure}"


def is_confirmed_day(s: Summary) -> bool:
    return s.certainty == "confirmed" and s.start is not None and s.start == s.end


def render_calendar(
    rows: Sequence[Summary],
    meta: Mapping[int, tuple[str, int, str | None]],
    sources: Mapping[int, Sequence[Source]],
    *,
    base_url: str = "",
    name: str = "airdate",
) -> bytes:
    """The calendar for these board rows; rows without a window are left out.

    `meta`: release id → (identity, sequence, last modified) from the store;
    `sources`: release id → its articles, newest first; `base_url` links each event to its page.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for s in rows:
        first, last = s.start or s.end, s.end or s.start
        if first is None or last is None or s.release.id not in meta:
            continue
        identity, seq, modified = meta[s.release.id]
        stamp = _utc(modified)
        ev = Event()
        ev.add("uid", event_uid(identity))
        ev.add("dtstamp", stamp)
        ev.add("last-modified", stamp)
        ev.add("sequence", seq)
        ev.add("dtstart", first)
        ev.add("dtend", last + timedelta(days=1))
        ev.add("summary", summary_line(s))
        ev.add("status", "CONFIRMED" if is_confirmed_day(s) else "TENTATIVE")
        ev.add("transp", "TRANSPARENT")
        ev.add("description", _description(s, sources.get(s.release.id, ())))
        if base_url:
            ev.add("url", f"{base_url.rstrip('/')}/release/{s.release.id}")
        cal.add_component(ev)
    return cal.to_ical()


def _description(s: Summary, sources: Sequence[Source]) -> str:
    lines = [f"{s.text or 'window'} ({s.certainty}); status: {s.status}."]
    if s.conflicts:
        lines.append("Sources disagree about the date; see the fact sheet.")
    if sources and sources[0].schedule:
        lines.append(f"Dated by the official schedule ({sources[0].label}).")
    lines.append("Sources:")
    for src in sources[:MAX_SOURCES]:
        when = src.published.isoformat() if src.published else "undated"
        head = f"{src.headline} — " if src.headline else ""
        lines.append(f"- {head}{src.label}, {when}" + (f" {src.link}" if src.link else ""))
    if len(sources) > MAX_SOURCES:
        lines.append(f"- and {len(sources) - MAX_SOURCES} more")
    return "\n".join(lines)


def _utc(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value).astimezone(UTC)
        except ValueError:
            pass
    return datetime.combine(date(2000, 1, 1), datetime.min.time(), UTC)
