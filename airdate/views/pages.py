"""What the HTML pages show, as plain values for the templates: board cards and the fact sheet."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from airdate.claims import Source
from airdate.countdown import describe_window, format_range
from airdate.models import web_url
from airdate.reconcile import Summary
from airdate.store import Store
from airdate.store.curation import curated_ids
from airdate.store.follows import followed_release_ids
from airdate.store.schedules import link_of
from airdate.views.auth import ANONYMOUS, Viewer
from airdate.views.board import SHEET_LIMIT, release_name, release_state
from airdate.views.filters import Filters
from airdate.views.text import by_hand, describe_link, is_best


@dataclass(frozen=True)
class Card:
    id: int
    title: str
    season: str  # "Season 3 · Part 2", or "" for a film or an unnumbered season
    kind: str
    platforms: tuple[str, ...]
    status: str
    overdue: bool  # the window has passed with no premiere reported
    certainty: str | None
    when: str  # the best window in words, "early December 2026", or "TBA"
    countdown: str  # "in 8–17 days", "in 51 days", "TBA"
    label: str  # the countdown's full text with its window and certainty
    start: str | None
    end: str | None
    conflicts: int
    changed: tuple[str, str] | None  # (day, what) of the newest recent change
    articles: int


def season_label(season: int | None, part: int | None) -> str:
    bits = ([f"Season {season}"] if season is not None else []) + ([f"Part {part}"] if part is not None else [])
    return " · ".join(bits)


def card(s: Summary, today: date, changed: tuple[str, str] | None) -> Card:
    c = s.countdown(today)
    overdue = s.overdue(today)
    presumed = s.presumed_released(today)
    when = describe_window(s.start, s.end, today) if s.start or s.end else "TBA"
    if s.start and s.start.year != today.year and str(s.start.year) not in when:
        when += f" {s.start.year}"
    return Card(
        id=s.release.id,
        title=s.release.title,
        season=season_label(s.release.season, s.release.part),
        kind=s.release.kind,
        platforms=s.platforms,
        status="presumed released" if presumed else s.status,
        overdue=overdue,
        certainty=s.certainty,
        when=when,
        countdown="presumed released" if presumed else "overdue" if overdue else c.short,
        label=c.text,
        start=s.start.isoformat() if s.start else None,
        end=s.end.isoformat() if s.end else None,
        conflicts=s.conflicts,
        changed=changed,
        articles=s.articles,
    )


def board_context(
    store: Store,
    today: date,
    filters: Filters,
    page: int,
    page_size: int,
    recent_from: date,
    viewer: Viewer = ANONYMOUS,
) -> dict[str, Any]:
    sel = filters.select(store, today, limit=page_size, offset=(page - 1) * page_size)
    ids = [s.release.id for s in sel.rows]
    recent = store.recent_changes(ids, recent_from) if ids else {}
    pages = max(1, math.ceil(sel.total / page_size))
    return {
        "cards": [card(s, today, recent.get(s.release.id)) for s in sel.rows],
        "filters": filters,
        "platforms": store.platform_names(),
        "total": sel.total,
        "hidden": sel.hidden,
        "page": page,
        "pages": pages,
        "today": today,
        "recent_days": (today - recent_from).days,
        "prev_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if sel.more else None,
        **marks(store, viewer),
    }


def marks(store: Store, viewer: Viewer) -> dict[str, Any]:
    """What the buttons of a signed-in viewer need: which releases are followed, hidden, premiered by hand."""
    if not viewer.signed_in:
        return {"viewer": viewer}
    return {
        "viewer": viewer,
        "followed": followed_release_ids(store),
        "hidden_ids": curated_ids(store, "hidden"),
        "premiered_ids": curated_ids(store, "premiered"),
    }


@dataclass(frozen=True)
class TimelineItem:
    day: str
    what: str  # "window" or the event type
    claim: str  # "2026-12-01..10 “early December 2026”"
    certainty: str
    sentence: str
    source: Source
    note: str  # "best", "superseded: …", ""


def sheet_context(
    store: Store, release_id: int, today: date, viewer: Viewer = ANONYMOUS, limit: int | None = SHEET_LIMIT
) -> dict[str, Any]:
    """The release page's values. Of each long list it shows `limit` items (None: all), as `airdate show`
    does: the newest claims (and the best window), conflicts, changes, and the first cast members."""
    state = release_state(store, release_id, today)
    items: list[tuple[tuple[date, str, int], int, TimelineItem]] = []
    windows = state.windows
    if limit is not None and len(windows) > limit:  # only the newest windows, and the best, can be shown
        windows = tuple(w for n, w in enumerate(windows) if n >= len(windows) - limit or is_best(w.claim, state.best))
    for n, w in enumerate(windows):
        c = w.claim
        note = "best" if is_best(c, state.best) else (f"superseded: {w.superseded}" if w.superseded else "")
        items.append((c.source.order, n, TimelineItem(
            _day(c.source), "window", f"{format_range(c.start, c.end)} “{c.text}”", c.certainty, c.sentence,
            c.source, note,
        )))  # fmt: skip
    for n, e in enumerate(state.events):
        claim = e.type.replace("_", " ") + (f" on {e.date}" if e.date else "")
        items.append((e.source.order, 10_000 + n, TimelineItem(
            _day(e.source), e.type, claim, e.certainty, e.sentence, e.source, ""
        )))  # fmt: skip
    items.sort(key=lambda t: (t[0], t[1]))
    timeline = [t for _, _, t in items]
    if limit is not None and len(timeline) > limit:
        timeline = [t for t in timeline[:-limit] if t.note == "best"] + timeline[-limit:]
    keep = len(state.history) if limit is None else limit
    best = state.best
    return {
        "state": state,
        "name": release_name(state.release),
        "season": season_label(state.release.season, state.release.part),
        "when": describe_window(best.start, best.end, today) if best else "TBA",
        "range": format_range(best.start, best.end) if best else "",
        "timeline": timeline,
        "left_out": {  # how many of each list the page leaves out ("?all=1" shows them)
            "claims": len(state.windows) + len(state.events) - len(timeline),
            "conflicts": len(state.conflicts[limit:]) if limit is not None else 0,
            "history": len(state.history[:-keep]) if keep else len(state.history),
            "cast": len(state.cast[limit:]) if limit is not None else 0,
        },
        "conflicts": state.conflicts[:limit],
        "history": state.history[-keep:] if keep else (),
        "cast": state.cast[:limit],
        "cast_sources": 3 if limit is not None else None,  # sources named per cast member
        "by_hand": by_hand(state),
        "link": _link(store, release_id),
        "delays": [h for h in state.history[-keep:] if h.kind in ("delayed", "moved")] if keep else [],
        "today": today,
        **marks(store, viewer),
    }


def _link(store: Store, release_id: int) -> dict[str, Any] | None:
    """The release's TVmaze link for the page: what it says, and the show's address."""
    link = link_of(store, release_id)
    if link is None:
        return None
    api = "TMDB" if link.provider == "tmdb" else "TVmaze"
    return {"api": api, "text": describe_link(link), "url": web_url(link.show.url) if link.show else None}


def _day(s: Source) -> str:
    return s.published.isoformat() if s.published else "undated"
