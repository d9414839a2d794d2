"""A local copy of TVmaze's show index: paged once (`/shows?page=N`), then kept up by `/updates/shows`.

Paging resumes where it stopped (`catalog_meta.index_page`), one transaction per page, so an
interrupted first copy loses at most a page. Index pages are not put in the HTTP cache (about a
megabyte each, 140 of them); the updates list is asked for the smallest period that covers the
time since the last update (a day, a week, a month), and past a month the index is paged again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from airdate.schedules.client import Missing, TVmaze
from airdate.schedules.link import show_key
from airdate.store import Store
from airdate.store.schedules import CatalogRow, catalog_meta, catalog_size, catalog_updated, put_shows

PERIODS = (("day", 86_400), ("week", 7 * 86_400), ("month", 30 * 86_400))
MAX_PAGES = 1_000  # a guard: the real index has about 140 pages of 250 shows


@dataclass
class CatalogRun:
    pages: int = 0
    shows: int = 0  # added or refreshed
    updated: int = 0  # refreshed from /updates/shows
    total: int = 0
    since: str | None = None  # the updates period asked for


def catalog_row(show: dict[str, Any]) -> CatalogRow:
    where = show.get("network") or show.get("webChannel") or {}
    country = (where.get("country") or {}).get("code")
    name = str(show.get("name") or show["id"])
    return (int(show["id"]), name, show_key(name), show.get("premiered"), where.get("name"), country,
            show.get("type"), show.get("language"), show.get("url"), int(show.get("updated") or 0))  # fmt: skip


def update_catalog(
    store: Store, client: TVmaze, *, progress: Callable[[str], None] | None = None, clock: Callable[[], float] = time.time
) -> CatalogRun:
    run = CatalogRun()
    stamp = int(clock())
    last = catalog_meta(store, "updates_at")
    since = next((name for name, span in PERIODS if last is not None and stamp - int(last) <= span), None)
    if catalog_meta(store, "index_done") is None or since is None:
        _page_index(store, client, run, progress, stamp)
    else:
        run.since = since
        changed = client.get("/updates/shows", cache=False, since=since) or {}
        known = catalog_updated(store)
        stale = sorted(int(i) for i, ts in changed.items() if int(ts) > known.get(int(i), -1))
        for n, show_id in enumerate(stale, 1):
            try:
                show = client.get(f"/shows/{show_id}", cache=False)
            except Missing:
                continue  # deleted since it was listed
            put_shows(store, [catalog_row(show)])
            run.updated += 1
            if progress and n % 50 == 0:
                progress(f"refreshed {n} of {len(stale)} changed shows")
        put_shows(store, [], {"updates_at": str(stamp)})
    run.shows += run.updated
    run.total = catalog_size(store)
    return run


def _page_index(
    store: Store, client: TVmaze, run: CatalogRun, progress: Callable[[str], None] | None, stamp: int
) -> None:
    page = int(catalog_meta(store, "index_page") or 0)
    if catalog_meta(store, "index_done") is not None:
        page = 0  # past a month since the last update: page it all again
        put_shows(store, [], {"index_page": "0"})
    for _ in range(MAX_PAGES):
        try:
            shows = client.get("/shows", cache=False, page=page)
        except Missing:  # past the last page
            break
        if not isinstance(shows, list):
            raise TypeError(f"page {page} of the show index is a {type(shows).__name__}, not a list")
        rows = [catalog_row(s) for s in shows if isinstance(s, dict) and "id" in s]
        page += 1
        put_shows(store, rows, {"index_page": str(page)})
        run.pages += 1
        run.shows += len(rows)
        if progress:
            progress(f"page {page - 1}: {len(rows)} shows ({run.shows} so far)")
    put_shows(store, [], {"index_done": str(stamp), "updates_at": str(stamp)})
