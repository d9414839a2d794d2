"""Writes from the web (issue 12, item 7): follow / unfollow, hide / unhide, premiered / its undo.

Two doors to one function, `apply`: the page's forms (a signed-in session and its CSRF token,
then a redirect back) and the JSON API (`Authorization: Bearer TOKEN`). `apply` opens its own
writable store for the one write (the app's store threads are read-only) and calls the store
functions the CLI calls: `follow`, `curate` and `uncurate`, curation recorded as a manual claim
by "web". Who may call it is airdate.views.auth's business.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, FastAPI, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from airdate.store import open_store
from airdate.store.curation import Curation, curate, uncurate
from airdate.store.follows import follow, follows_of, unfollow_release
from airdate.views.api import ERROR_RESPONSES, ErrorOut, ReleaseId
from airdate.views.auth import (
    READ_ONLY,
    WHO,
    access_of,
    check_csrf,
    login_form_csrf,
    require_bearer,
    require_writable,
    safe_next,
    sign_in,
    viewer_of,
)
from airdate.views.board import release_name
from airdate.views.context import ctx_of, off_loop

Action = Literal["follow", "unfollow", "hide", "unhide", "premiered", "unpremiered"]
NOTE_CHARS = 500


@dataclass(frozen=True)
class Done:
    release_id: int
    action: str
    message: str  # one line for the page's notice and the API's answer
    curation: Curation | None = None
    following: tuple[str, ...] = field(default=())  # the follows that match the release after the write


def apply(db: Path, release_id: int, action: str, *, today: date, note: str = "", on: date | None = None) -> Done:
    """Do one write to the release (NotFound if there is none, or nothing to undo)."""
    with open_store(db) as store:
        info = store.release(release_id)
        name = release_name(info)
        made: Curation | None = None
        if action == "follow":
            found, new = follow(store, info.title, info.season)
            message = ("following " if new else "already following ") + found.name
        elif action == "unfollow":
            gone = unfollow_release(store, release_id)
            message = "no longer following " + ", ".join(f.name for f in gone)
        elif action == "hide":
            made = curate(store, release_id, "hidden", by=WHO, note=note)
            message = f"hid {name}: it shows only with all releases (?all=true)"
        elif action == "unhide":
            uncurate(store, release_id, "hidden")
            message = f"{name} is back on the board"
        elif action == "premiered":
            made = curate(store, release_id, "premiered", by=WHO, note=note, start=on or today)
            message = f"{name} premiered on {(on or today).isoformat()}, by hand"
        else:  # unpremiered
            uncurate(store, release_id, "premiered")
            message = f"removed the premiere set by hand for {name}"
        following = tuple(f.name for f in follows_of(store, release_id))
    return Done(release_id, action, message, made, following)


# --- the page: forms, the login ---------------------------------------------------------------------------


def add_routes(app: FastAPI, *, writable: bool) -> None:
    """The login, the forms' targets and the API's writes; without a token they all answer 403."""
    from airdate.views.web import render

    _writable = [Depends(require_writable)]

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False, dependencies=_writable)
    async def login_page(request: Request, next: str = "/") -> HTMLResponse:
        viewer = viewer_of(request, take_flash=True)
        return render(request, "login.html", viewer=viewer, csrf=login_form_csrf(request), next=safe_next(next))

    @app.post("/login", include_in_schema=False, dependencies=_writable)
    async def login(
        request: Request,
        token: Annotated[str, Form(max_length=1000)] = "",
        csrf: Annotated[str, Form(max_length=200)] = "",
        next: Annotated[str, Form(max_length=2000)] = "/",
    ) -> Response:
        check_csrf(request, csrf)
        if not access_of(request).matches(token.strip()):
            return render(request, "login.html", status=401, viewer=viewer_of(request), csrf=login_form_csrf(request),
                          next=safe_next(next), wrong=True)  # fmt: skip
        sign_in(request)
        request.session["flash"] = "signed in: the board and fact sheets show follow and hide buttons"
        return RedirectResponse(safe_next(next), status_code=303)

    @app.post("/logout", include_in_schema=False, dependencies=_writable)
    async def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
        check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    @app.post("/release/{release_id}/{action}", include_in_schema=False, dependencies=_writable)
    async def form_write(
        request: Request,
        release_id: ReleaseId,
        action: Action,
        csrf: Annotated[str, Form(max_length=200)] = "",
        next: Annotated[str, Form(max_length=2000)] = "",
        note: Annotated[str, Form(max_length=NOTE_CHARS)] = "",
    ) -> Response:
        back = safe_next(next, f"/release/{release_id}")
        if not viewer_of(request).signed_in:  # nothing written: sign in first, then come back here
            return RedirectResponse("/login?" + urlencode({"next": back}), status_code=303)
        check_csrf(request, csrf)
        ctx = ctx_of(request)
        done = await off_loop(lambda: apply(ctx.db, release_id, action, today=ctx.today(), note=note.strip()))
        request.session["flash"] = done.message
        return RedirectResponse(back, status_code=303)

    app.include_router(api_router(writable))


# --- the JSON API -----------------------------------------------------------------------------------------


class NoteIn(BaseModel):
    note: str = Field(default="", max_length=NOTE_CHARS, description="Why, e.g. 'an article about the book'.")


class PremieredIn(NoteIn):
    on: date | None = Field(default=None, description="The premiere day (default: today).")


class CurationOut(BaseModel):
    kind: str = Field(description="hidden or premiered")
    start: str | None
    note: str
    by: str = Field(description='Who: "web" for every write through the page or this API.')
    at: str = Field(description="When (UTC).")


class WriteOut(BaseModel):
    release_id: int
    action: str = Field(description="follow, unfollow, hide, unhide, premiered, unpremiered")
    message: str = Field(description="What was done, in one line.")
    following: list[str] = Field(description="The follows that match this release after the write.")
    curation: CurationOut | None = Field(description="What was recorded, for hide and premiered.")


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not valid JSON.", "model": ErrorOut},
    401: {"description": "No `Authorization: Bearer TOKEN`, or the wrong token.", "model": ErrorOut},
    403: {"description": f"The server has no token: {READ_ONLY}.", "model": ErrorOut},
    404: {"description": "No such release, or nothing to undo.", "model": ErrorOut},
    422: ERROR_RESPONSES[422],
}


UNDOS = [  # DELETE path, the action that undoes its POST, summary
    ("/follow", "unfollow", "Stop following a release: every follow that matches it"),
    ("/hide", "unhide", "Put a hidden release back on the board"),
    ("/premiered", "unpremiered", "Remove the premiere set by hand"),
]


def api_router(writable: bool) -> APIRouter:
    """The writes, documented in /openapi.json only on a server that takes them."""
    router = APIRouter(
        prefix="/api/releases/{release_id}",
        tags=["writes"],
        dependencies=[Depends(require_bearer)],
        responses=WRITE_RESPONSES,
    )
    shown: dict[str, Any] = {"include_in_schema": writable, "response_model": WriteOut}

    async def run(request: Request, release_id: int, action: str, note: str = "", on: date | None = None) -> Response:
        ctx = ctx_of(request)
        done = await off_loop(lambda: apply(ctx.db, release_id, action, today=ctx.today(), note=note, on=on))
        out = WriteOut(
            release_id=done.release_id,
            action=done.action,
            message=done.message,
            following=list(done.following),
            curation=None if done.curation is None else CurationOut(
                kind=done.curation.kind, start=done.curation.start.isoformat() if done.curation.start else None,
                note=done.curation.note, by=done.curation.by, at=done.curation.at,
            ),
        )  # fmt: skip
        return Response(out.model_dump_json().encode(), media_type="application/json")

    @router.post("/follow", summary="Follow a release (its title and season) for ?following=1 and alerts", **shown)
    async def api_follow(request: Request, release_id: ReleaseId) -> Response:
        return await run(request, release_id, "follow")

    @router.post("/hide", summary="Hide a release that is not one; recorded as a manual claim by web", **shown)
    async def api_hide(
        request: Request, release_id: ReleaseId, body: Annotated[NoteIn | None, Body()] = None
    ) -> Response:
        return await run(request, release_id, "hide", note=body.note.strip() if body else "")

    @router.post("/premiered", summary="Record by hand that a release premiered", **shown)
    async def api_premiered(
        request: Request, release_id: ReleaseId, body: Annotated[PremieredIn | None, Body()] = None
    ) -> Response:
        return await run(request, release_id, "premiered", note=body.note.strip() if body else "",
                         on=body.on if body else None)  # fmt: skip

    def undoing(action: str) -> Callable[[Request, int], Awaitable[Response]]:
        async def api_undo(request: Request, release_id: ReleaseId) -> Response:
            return await run(request, release_id, action)

        return api_undo

    for path, undo, summary in UNDOS:
        router.add_api_route(path, undoing(undo), methods=["DELETE"], summary=summary, name=f"api_{undo}", **shown)

    return router
