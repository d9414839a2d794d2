"""Picking releases off the store for `list`, `show` and `export`: filters, title look-up, full state."""

from __future__ import annotations

import gc
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from airdate.errors import AmbiguousTitle, NotFound
from airdate.reconcile import STALE_DAYS, ReleaseInfo, ReleaseState, Summary, reconcile
from airdate.store import Store

CERTAINTIES = ("confirmed", "reported", "speculated")
STATUSES = (
    "announced", "renewed", "in production", "wrapped", "dated", "premiered", "cancelled", "overdue",
    "presumed released",
)  # fmt: skip
PAST = frozenset({"premiered", "cancelled"})  # not upcoming: hidden from the board unless asked for
COMPUTED = frozenset({"overdue", "presumed released"})  # statuses that depend on today, filtered in Python
# Of each long list, how many a fact sheet shows (`show`, the web page): a release with thousands
# of articles reads as the story so far; `show --limit 0` and the JSON have every claim.
SHEET_LIMIT = 20


def release_name(info: ReleaseInfo, short: bool = False) -> str:
    """ "Harbor Lights season 3 part 2", or "Harbor Lights S3 P2" when short."""
    season = "" if info.season is None else (f" S{info.season}" if short else f" season {info.season}")
    part = "" if info.part is None else (f" P{info.part}" if short else f" part {info.part}")
    return f"{info.title}{season}{part}"


@dataclass(frozen=True)
class BoardPage:
    rows: list[Summary]
    hidden: int  # past releases (premiered, cancelled) left out of the default board
    more: bool  # more releases match than the limit let through
    total: int = 0  # how many match in all, past the limit and offset
    stale: int = 0  # releases presumed released left out of the board (--all shows them)


def select_board(
    store: Store,
    today: date,
    *,
    platform: str | None = None,
    within: int | None = None,
    certainties: Collection[str] = (),
    statuses: Collection[str] = (),
    search: str | None = None,
    everything: bool = False,
    limit: int | None = None,
    offset: int = 0,
    following: bool = False,
    stale_days: int = STALE_DAYS,
) -> BoardPage:
    """The board rows that pass every filter, earliest first (at most `limit` of them).

    Premiered and cancelled releases are past, not upcoming: hidden unless `everything`
    or a `statuses` filter asks for them. So are releases presumed released (overdue for
    more than `stale_days`), unless `everything` or `statuses` names "presumed released".
    "overdue" and "presumed released" are statuses computed from `today`.
    `within` keeps windows that start within that many days and have not ended.
    `offset` skips that many rows first (for pages); `total` counts them all.
    `following` keeps the releases on the watchlist (airdate.store.follows).
    Releases hidden by hand (`airdate hide`, airdate.store.curation) show only with `everything`.
    """
    ids = None if search is None else {r.id for r in store.find_releases(search)}
    if following:
        from airdate.store.follows import followed_release_ids

        followed = followed_release_ids(store)
        ids = followed if ids is None else ids & followed
    stored = {s for s in statuses if s not in COMPUTED}
    cutoff = today - timedelta(days=stale_days)
    fresh = not everything and "presumed released" not in statuses
    common: dict[str, Any] = {
        "ids": ids,
        "platform": platform,
        "certainties": set(certainties) or None,
        "start_by": None if within is None else today + timedelta(days=within),
        "end_from": None if within is None else today,
        "visible": not everything,  # hidden by hand (`airdate hide`): only --all shows them
    }
    if COMPUTED & set(statuses):  # depends on today, so filtered here rather than in SQL
        found = [
            s
            for s in store.board(**common)
            if (s.status in stored and not (fresh and s.presumed_released(today, stale_days)))
            or s.shown_status(today, stale_days) in statuses
        ]
        page = found[offset:] if limit is None else found[offset : offset + limit]
        return BoardPage(page, 0, limit is not None and len(found) > offset + limit, len(found))
    if stored:
        wanted: set[str] | None = stored
    elif everything:
        wanted = None
    else:
        wanted = set(STATUSES) - PAST - COMPUTED
    if fresh:
        common["fresh_from"] = cutoff
    # One grouped count gives both the total and what the default board hides.
    counts = store.board_counts(**common, statuses=None if everything else (wanted or set()) | PAST)
    hidden = 0 if stored or everything else sum(n for s, n in counts.items() if s in PAST)
    total = sum(n for s, n in counts.items() if wanted is None or s in wanted)
    stale = 0
    if fresh:
        rest = {k: v for k, v in common.items() if k != "fresh_from"}
        stale = sum(store.board_counts(**rest, statuses=wanted, stale_before=cutoff).values())
    rows = store.board(**common, statuses=wanted, limit=None if limit is None else limit + 1, offset=offset)
    return BoardPage(rows[:limit], hidden, limit is not None and len(rows) > limit, total, stale)


def find_release(store: Store, title: str, season: int | None = None, part: int | None = None) -> ReleaseInfo:
    """The one release a user's title (or "#id") names; NotFound for none, AmbiguousTitle for several."""
    by_id = re.fullmatch(r"#(\d+)", title.strip())
    if by_id:
        return store.release(int(by_id.group(1)))
    found = store.find_releases(title, season, part)
    asked = (
        title + ("" if season is None else f" season {season}") + ("" if part is None else f" part {part}")
    )
    if not found:
        raise NotFound(f"no release matches {asked!r}; see `airdate list --all` for what is stored")
    if len(found) > 1:
        raise AmbiguousTitle(
            f"{asked!r} matches {len(found)} releases; name one with its season or a longer title", found
        )
    return found[0]


def release_state(store: Store, release_id: int, today: date, stale_days: int = STALE_DAYS) -> ReleaseState:
    """One release's full state (`show`, the release page and its JSON)."""
    with collector_paused():
        return reconcile(store.claims(release_id), today, stale_days)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Loading and reconciling a release of thousands of
    articles makes tens of thousands of objects, none in a cycle, which the collector would walk about
    eighty times over (a tenth of `show`'s time, issue 11); it runs as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def all_states(store: Store, today: date) -> list[ReleaseState]:
    """Every release's full state, earliest best window first (undated last), as the board orders them."""
    order = {s.release.id: n for n, s in enumerate(store.board())}
    states = [reconcile(c, today) for c in store.all_claims()]
    return sorted(states, key=lambda s: (order.get(s.release.id, len(order)), s.release.id))
