"""Picking releases off the store for `list`, `show` and `export`: filters, title look-up, full state."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from airdate.errors import AmbiguousTitle, NotFound
from airdate.reconcile import ReleaseInfo, ReleaseState, Summary, reconcile
from airdate.store import Store

CERTAINTIES = ("confirmed", "reported", "speculated")
STATUSES = ("announced", "renewed", "in production", "wrapped", "dated", "premiered", "cancelled", "overdue")
PAST = frozenset({"premiered", "cancelled"})  # not upcoming: hidden from the board unless asked for


def release_name(info: ReleaseInfo, short: bool = False) -> str:
    """"Harbor Lights season 3 part 2", or "Harbor Lights S3 P2" when short."""
    season = "" if info.season is None else (f" S{info.season}" if short else f" season {info.season}")
    part = "" if info.part is None else (f" P{info.part}" if short else f" part {info.part}")
    return f"{info.title}{season}{part}"


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
) -> tuple[list[Summary], int]:
    """The board rows that pass every filter, earliest first; and how many past releases were hidden.

    Premiered and cancelled releases are past, not upcoming: hidden unless `everything`
    or a `statuses` filter asks for them. "overdue" is a status computed from `today`.
    `within` keeps windows that start within that many days and have not ended.
    """
    ids = None
    if search is not None:
        ids = {r.id for r in store.find_releases(search)}
    stored = {s for s in statuses if s != "overdue"}
    rows = store.board(
        ids=ids,
        platform=platform,
        certainties=set(certainties) or None,
        statuses=None if "overdue" in statuses or not stored else stored,
        start_by=None if within is None else today + timedelta(days=within),
        end_from=None if within is None else today,
    )
    if statuses:
        rows = [s for s in rows if s.status in stored or ("overdue" in statuses and s.overdue(today))]
        return rows, 0
    if everything:
        return rows, 0
    shown = [s for s in rows if s.status not in PAST]
    return shown, len(rows) - len(shown)


def find_release(store: Store, title: str, season: int | None = None, part: int | None = None) -> ReleaseInfo:
    """The one release a user's title names; NotFound for none, AmbiguousTitle (with candidates) for several."""
    found = store.find_releases(title, season, part)
    asked = title + ("" if season is None else f" season {season}") + ("" if part is None else f" part {part}")
    if not found:
        raise NotFound(f"no release matches {asked!r}; see `airdate list --all` for what is stored")
    if len(found) > 1:
        raise AmbiguousTitle(
            f"{asked!r} matches {len(found)} releases; name one with its season or a longer title", found
        )
    return found[0]


def release_state(store: Store, release_id: int, today: date) -> ReleaseState:
    return reconcile(store.claims(release_id), today)


def all_states(store: Store, today: date) -> list[ReleaseState]:
    """Every release's full state, earliest best window first (undated last), as the board orders them."""
    order = {s.release.id: n for n, s in enumerate(store.board())}
    states = [reconcile(c, today) for c in store.all_claims()]
    return sorted(states, key=lambda s: (order.get(s.release.id, len(order)), s.release.id))
