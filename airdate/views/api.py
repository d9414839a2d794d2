"""The JSON API: releases (the board's filters, paged), one release, its claims, and changes.

Every response model is declared, so `/openapi.json` documents the shapes exactly, and
every error is `{"error": {"status", "code", "message"}}` (see `airdate.views.web`). Each
route reads, reconciles and serializes on a store thread (`off_loop`): a busy release's
thousands of claims never hold up the event loop.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, BeforeValidator, Field

from airdate.claims import ReleaseInfo
from airdate.reconcile import in_order, supersession
from airdate.store.schedules import link_of
from airdate.views.board import release_state
from airdate.views.context import ctx_of, off_loop
from airdate.views.filters import FiltersDep, page_link


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="not_found, invalid, method_not_allowed, internal, unavailable")
    message: str = Field(description="What is wrong and what to do, in one line.")


class ErrorOut(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such release.", "model": ErrorOut},
    422: {"description": "A query or path parameter is invalid.", "model": ErrorOut},
}


class SourceOut(BaseModel):
    article_id: int
    label: str = Field(description="How the source is named: publisher, site, or file name.")
    path: str | None
    url: str | None
    headline: str | None
    publisher: str | None
    published: str | None = Field(description="The article's publication day, YYYY-MM-DD.")
    manual: bool | None = Field(default=None, description="True for a claim set by hand (`airdate set`).")
    by: str | None = Field(default=None, description="Who set a manual claim.")
    kind: str | None = Field(default=None, description='"schedule" for a date from an official schedule (`airdate sync`).')


class WindowOut(BaseModel):
    start: str | None
    end: str | None
    certainty: str | None
    text: str | None = Field(description="The window as the article wrote it.")


class CountdownOut(BaseModel):
    from_: str = Field(alias="from", description="The day counted from.")
    days_to_start: int | None
    days_to_end: int | None
    text: str

    model_config = {"populate_by_name": True}


class ReleaseBase(BaseModel):
    id: int
    title: str
    season: int | None
    part: int | None
    kind: str
    status: str
    overdue: bool = Field(description="The best window has passed and no premiere was reported.")
    presumed_released: bool = Field(
        default=False, description="Overdue for more than 30 days: most likely aired; off the default board."
    )
    platforms: list[str]
    countdown: CountdownOut


class ReleaseSummaryOut(ReleaseBase):
    best: WindowOut | None
    conflicts: int = Field(description="How many pairs of current claims disagree about the date.")
    articles: int
    updated: str | None = Field(description="The newest article's publication day.")
    url: str = Field(description="This release in the API.")


class ReleasePageOut(BaseModel):
    total: int = Field(description="How many releases match, over all pages.")
    limit: int
    offset: int
    items: list[ReleaseSummaryOut]
    next: str | None = Field(description="The next page, or null on the last.")


class WindowClaimOut(BaseModel):
    start: str | None
    end: str | None
    certainty: str
    text: str
    sentence: str
    source: SourceOut
    superseded: str | None = Field(default=None, description="Why the claim no longer competes, if it doesn't.")


class EventOut(BaseModel):
    type: str
    date: str | None
    certainty: str
    sentence: str
    source: SourceOut


class CastOut(BaseModel):
    actor: str
    character: str | None
    status: str
    sources: list[SourceOut]


class ConflictOut(BaseModel):
    newer: WindowClaimOut
    older: WindowClaimOut


class HistoryOut(BaseModel):
    date: str | None
    kind: str
    from_: str | None = Field(alias="from")
    to: str | None
    text: str
    source: SourceOut

    model_config = {"populate_by_name": True}


class ShowOut(BaseModel):
    id: int = Field(description="The TVmaze show id.")
    name: str
    premiered: str | None
    network: str | None = Field(description="Its network or web channel.")
    url: str | None = Field(description="The show's TVmaze page.")
    matched: str = Field(description="What the title matched: name, aka or by hand.")


class LinkOut(BaseModel):
    state: str = Field(description="linked, ambiguous (candidates listed, none guessed), unmatched, or none (set by hand)")
    show: ShowOut | None
    confidence: float | None = Field(description="0 to 1: how sure the automatic link is (1 by hand).")
    method: str = Field(description="How it was found: search or catalog, by name or aka; or by hand.")
    candidates: list[ShowOut]
    by: str | None = Field(description="Who linked it by hand.")
    at: str
    synced_at: str | None = Field(description="When `airdate sync` last read the show's schedule (UTC).")


class ReleaseOut(ReleaseBase):
    link: LinkOut | None = Field(default=None, description="The release's TVmaze show (`airdate link`), if linked.")
    best: WindowClaimOut | None
    conflicts: list[ConflictOut]
    windows: list[WindowClaimOut]
    cast: list[CastOut]
    characters: list[str]
    events: list[EventOut]
    history: list[HistoryOut]


class NameClaimOut(BaseModel):
    name: str
    source: SourceOut


class CastClaimOut(BaseModel):
    actor: str
    character: str | None
    status: str
    sentence: str
    source: SourceOut


class ClaimsOut(BaseModel):
    release: dict[str, Any] = Field(description="id, title, season, part, kind")
    windows: list[WindowClaimOut]
    events: list[EventOut]
    platforms: list[NameClaimOut]
    cast: list[CastClaimOut]
    characters: list[NameClaimOut]


class ChangeOut(BaseModel):
    id: str = Field(description="Stable: the same change has the same id on every call.")
    kind: str = Field(
        description="first_seen, scheduled, window, confirmed, delayed, renewed, cancelled, premiered, conflict"
    )
    release: dict[str, Any] = Field(description="id, title, season, part, kind")
    date: str | None = Field(description="Publication day of the article behind the change.")
    seen: str = Field(description="When this database first recorded the change (UTC).")
    text: str
    source: SourceOut | None


class ChangesOut(BaseModel):
    since: str | None
    items: list[ChangeOut]


router = APIRouter(prefix="/api", tags=["releases"], responses={422: ERROR_RESPONSES[422]})
MAX_ID = 2**62  # SQLite integers are 64-bit; larger ids are a 422, not an overflow
ReleaseId = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A release id, as /api/releases gives.")]


def release_ref(r: ReleaseInfo) -> dict[str, Any]:
    """A release named inside another object: claims, changes."""
    return {"id": r.id, "title": r.title, "season": r.season, "part": r.part, "kind": r.kind}


def as_json(model: type[BaseModel], value: Any) -> Response:
    """`value` checked against its declared model and serialized, off the loop like the work before it."""
    return Response(model.model_validate(value).model_dump_json(by_alias=True).encode(), media_type="application/json")


@router.get("/releases", response_model=ReleasePageOut, summary="Upcoming releases, earliest first")
async def list_releases(
    request: Request,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """The board as JSON: premiered and cancelled releases are left out unless `all` or `status` asks."""
    ctx = ctx_of(request)
    base = str(request.base_url).rstrip("/")

    def work() -> bytes:
        store, today = ctx.store(), ctx.today()

        def page() -> bytes:
            sel = filters.select(store, today, limit=limit, offset=offset)
            items = [{**s.to_json(today), "url": f"{base}/api/releases/{s.release.id}"} for s in sel.rows]
            nxt = None
            if sel.more:
                nxt = f"{base}/api/releases" + page_link(filters, limit=limit, offset=offset + limit)
            out = {"total": sel.total, "limit": limit, "offset": offset, "items": items, "next": nxt}
            return ReleasePageOut.model_validate(out).model_dump_json(by_alias=True).encode()

        # Kept until the next write, like the board page: the same query gives the same bytes.
        body, _ = ctx.bodies.get(("api", filters, limit, offset, today, base), store.generation(), page)
        return body

    return Response(await off_loop(work), media_type="application/json")


@router.get(
    "/releases/{release_id}",
    response_model=ReleaseOut,
    responses={404: ERROR_RESPONSES[404]},
    summary="One release: best window, countdown, conflicts, every window, cast, events, history",
)
async def get_release(request: Request, release_id: ReleaseId) -> Response:
    ctx = ctx_of(request)

    def work() -> Response:
        store = ctx.store()
        state = release_state(store, release_id, ctx.today()).to_json()
        link = link_of(store, release_id)
        return as_json(ReleaseOut, {**state, "link": link.to_json() if link else None})

    return await off_loop(work)


@router.get(
    "/releases/{release_id}/claims",
    response_model=ClaimsOut,
    responses={404: ERROR_RESPONSES[404]},
    summary="Every claim about one release, each with its sentence and source",
)
async def get_claims(request: Request, release_id: ReleaseId) -> Response:
    ctx = ctx_of(request)

    def work() -> Response:
        claims = ctx.store().claims(release_id)
        windows, events = in_order(claims)
        reasons = supersession(windows, events)
        return as_json(ClaimsOut, {
            "release": release_ref(claims.release),
            "windows": [{**w.to_json(), "superseded": why} for w, why in zip(windows, reasons, strict=True)],
            "events": [e.to_json() for e in events],
            "platforms": [{"name": p.name, "source": p.source.to_json()} for p in claims.platforms],
            "cast": [
                {"actor": c.actor, "character": c.character, "status": c.status, "sentence": c.sentence,
                 "source": c.source.to_json()}
                for c in claims.cast
            ],
            "characters": [{"name": n.name, "source": n.source.to_json()} for n in claims.characters],
        })  # fmt: skip

    return await off_loop(work)


ISO_DAY = re.compile(r"\s*\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    """Refuse what pydantic would take for a Unix timestamp: `since=2026` is a typo, not 1970."""
    if isinstance(value, str) and not ISO_DAY.match(value):
        raise ValueError("must be a day or a time like 2026-11-24 or 2026-11-24T08:00:00Z")
    return value


@router.get("/changes", response_model=ChangesOut, summary="What changed, newest first")
async def list_changes(
    request: Request,
    since: Annotated[
        datetime | date | None,
        BeforeValidator(_iso_only),
        Query(description="Only changes recorded after this time (or day), e.g. 2026-11-24T08:00:00Z."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Changes in the order this database recorded them, newest first; poll with `since` set to the last `seen`."""
    after = None
    if since is not None:
        moment = since if isinstance(since, datetime) else datetime(since.year, since.month, since.day)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        try:
            after = moment.astimezone(UTC).isoformat(timespec="seconds")
        except OverflowError:  # within a day of year 1 or 9999, UTC falls off the calendar: clamp
            after = "0001-01-01T00:00:00+00:00" if moment.year == 1 else "9999-12-31T23:59:59+00:00"
    ctx = ctx_of(request)

    def work() -> Response:
        items = []
        for row in ctx.store().changes(since=after, limit=limit, offset=offset):
            items.append({
                "id": row.id,
                "kind": row.kind,
                "release": release_ref(row.release),
                "date": row.day.isoformat() if row.day else None,
                "seen": row.seen,
                "text": row.text,
                "source": row.source.to_json() if row.source else None,
            })  # fmt: skip
        return as_json(ChangesOut, {"since": after, "items": items})

    return await off_loop(work)
