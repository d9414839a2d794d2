"""The web app behind `airdate serve`: the board, fact sheets, the JSON API, iCal and Atom.

It reads the store: each store thread holds its own connection with PRAGMA query_only, and
WAL lets it read while `airdate ingest` writes. The only writes are the few in
airdate.views.writes (follow, hide, premiered), and only on a server started with a token
(airdate.views.auth): each opens a store of its own for that one write. Routes are `async`,
but everything that touches the store (or renders what it read)
runs on a few store threads of its own (`off_loop`), so a flood of slow pages never blocks
the event loop: /static is served from memory on the loop itself. Errors are translated at one boundary
(`_handle`): the JSON API and the feeds answer `{"error": {"status", "code", "message"}}`;
a browser asking for a page gets the same message as an HTML page.

Every page is rendered on the server, countdown text included, so it works without
JavaScript (the buttons are plain forms); `/static/countdown.js` only keeps the countdowns
ticking. The Content-Security-Policy allows scripts from the app's own origin only, so no
inline script, including any that came in with an article, can run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from airdate import __version__
from airdate.errors import AirdateError, NotFound
from airdate.store import Store, open_store
from airdate.store.errors import StoreError
from airdate.views.api import ERROR_RESPONSES, ReleaseId, router
from airdate.views.atom import render_feed
from airdate.views.auth import install, viewer_of
from airdate.views.board import SHEET_LIMIT, release_name
from airdate.views.calendar import render_calendar
from airdate.views.context import Context, ctx_of, etag_of, off_loop
from airdate.views.feeds import add_routes as feed_routes
from airdate.views.filters import Filters, FiltersDep, page_link
from airdate.views.pages import board_context, sheet_context
from airdate.views.writes import add_routes as write_routes

HERE = Path(__file__).parent
PAGE_SIZE = 60
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
log = logging.getLogger("airdate.web")


class SecurityHeaders:
    """Adds the CSP and friends to every response (a plain ASGI middleware: cheap per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """Answers HEAD wherever GET is answered (RFC 9110: HEAD is GET without the body), for every
    route at once, so the OpenAPI schema keeps one operation per path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["release_name"] = release_name
    env.globals["link"] = page_link
    return env


def static_files(folder: Path) -> dict[str, tuple[bytes, str, str]]:
    """name → (body, ETag, media type) of the app's own files, read once."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            body = path.read_bytes()
            found[path.name] = (body, etag_of(body), STATIC_TYPES.get(path.suffix, "application/octet-stream"))
    return found


def create_app(db: str | Path, *, today: Callable[[], date] | None = None, token: str | None = None) -> FastAPI:
    """The app over the database at `db` (migrated once here); `today` fixes the clock for tests.

    Without `token` it is read-only; with one, a signed-in page or a Bearer header may follow and hide.
    """
    open_store(db).close()  # create or migrate up front: every request after this only reads
    writes = (
        "Follow, hide and premiered take `Authorization: Bearer TOKEN`, the token the server was started with."
        if token is not None
        else "Read-only."
    )
    app = FastAPI(
        title="airdate",
        version=__version__,
        description=(
            "Upcoming TV seasons and films read from entertainment news: best release window with its "
            f"certainty, every claim with its source, and what changed. {writes} Every error is "
            '`{"error": {"status", "code", "message"}}`.'
        ),
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.ctx = Context(Path(db), today or date.today)
    app.state.env = templates()
    app.state.env.globals["pinned_today"] = today is not None  # the page's script counts from it too
    install(app, token)  # the session cookie, when there is a token to sign in with
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    for exc in (StarletteHTTPException, RequestValidationError, AirdateError, Exception):
        app.add_exception_handler(exc, _handle)
    app.include_router(router)
    _pages(app)
    feed_routes(app)
    write_routes(app, writable=token is not None)
    return app


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    return HTMLResponse(render_page(request, template, **values), status_code=status)


def render_page(request: Request, template: str, **values: Any) -> str:
    env: Environment = request.app.state.env
    values.setdefault("viewer", viewer_of(request))
    return env.get_template(template).render(request=request, **values)


def _pages(app: FastAPI) -> None:
    files = static_files(HERE / "static")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(request: Request, name: str) -> Response:
        # From memory, on the loop: the page's script and style never wait for a store thread.
        if name not in files:
            raise StarletteHTTPException(404)
        body, etag, media_type = files[name]
        return conditional(request, body, etag, media_type)

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    async def board_page(
        request: Request,
        filters: FiltersDep,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        ctx = ctx_of(request)
        env: Environment = request.app.state.env
        viewer = viewer_of(request, take_flash=True)

        def work() -> tuple[bytes, str]:
            store, today = ctx.store(), ctx.today()

            def page_body() -> bytes:
                recent = today - timedelta(days=ctx.recent_days)
                values = board_context(store, today, filters, page, PAGE_SIZE, recent, viewer)
                return env.get_template("board.html").render(**values).encode("utf-8")

            if viewer.flash:  # shown once: not worth keeping
                body = page_body()
                return body, etag_of(body)
            # A signed-in page carries its session's CSRF token in every form, so it is kept per session.
            key = ("board", filters, page, today, viewer.csrf if viewer.signed_in else None)
            return ctx.bodies.get(key, store.generation(), page_body)

        body, etag = await off_loop(work)
        return conditional(request, body, etag, "text/html; charset=utf-8")

    @app.api_route(
        "/release/{release_id}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
    )
    async def release_page(
        request: Request,
        release_id: ReleaseId,
        show_all: Annotated[bool, Query(alias="all", description="every claim, change and cast member")] = False,
    ) -> HTMLResponse:
        ctx = ctx_of(request)
        viewer = viewer_of(request, take_flash=True)

        def work() -> str:
            limit = None if show_all else SHEET_LIMIT
            values = sheet_context(ctx.store(), release_id, ctx.today(), viewer, limit)
            return render_page(request, "release.html", **values)

        return HTMLResponse(await off_loop(work))

    @app.get(
        "/calendar.ics",
        response_class=Response,
        responses={
            200: {"content": {"text/calendar": {}}, "description": "An iCalendar file."},
            422: ERROR_RESPONSES[422],
        },
        summary="The releases with a window as an iCalendar feed (same filters as the board)",
        tags=["feeds"],
    )
    async def calendar(request: Request, filters: FiltersDep) -> Response:
        ctx = ctx_of(request)
        base = str(request.base_url)

        def work() -> tuple[bytes, str]:
            store, today = ctx.store(), ctx.today()
            # Rendering thousands of events takes seconds, and calendar apps poll the same URL:
            # the body is kept until the next write to the store.
            return ctx.bodies.get(
                ("ics", filters, today, base), store.generation(), lambda: calendar_for(store, today, filters, base)
            )

        body, etag = await off_loop(work)
        return conditional(request, body, etag, "text/calendar; charset=utf-8")

    @app.get(
        "/feed.atom",
        response_class=Response,
        responses={
            200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed."},
            422: ERROR_RESPONSES[422],
        },
        summary="What changed, newest first, as an Atom feed",
        tags=["feeds"],
    )
    async def feed(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
        ctx = ctx_of(request)
        base, url = str(request.base_url), str(request.url)
        body = await off_loop(lambda: render_feed(ctx.store().changes(limit=limit), base_url=base, self_url=url))
        return conditional(request, body, etag_of(body), "application/atom+xml; charset=utf-8")


def conditional(request: Request, body: bytes, etag: str, media_type: str) -> Response:
    """The body with its ETag; a 304 when the client already has it (feed readers and calendar apps ask)."""
    headers = {"etag": etag, "cache-control": "no-cache"}
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def calendar_for(store: Store, today: date, filters: Filters, base_url: str = "") -> bytes:
    """The iCalendar file for the releases the filters pick (served, and written by `export --format ics`)."""
    rows = [s for s in filters.select(store, today).rows if s.start or s.end]
    ids = [s.release.id for s in rows]
    return render_calendar(rows, store.calendar_meta(ids), store.release_sources(ids), base_url=base_url)


# --- errors: one boundary, one shape ------------------------------------------------------------------


CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 422: "invalid", 500: "internal", 503: "unavailable"}


async def _handle(request: Request, exc: Exception) -> Response:
    headers: Mapping[str, str] | None = None
    if isinstance(exc, RequestValidationError):
        status, message = 422, _validation_message(exc)
    elif isinstance(exc, StarletteHTTPException):
        status, headers = exc.status_code, exc.headers  # e.g. Allow on a 405
        message = "no such page; see / for the board or /api/docs for the API" if status == 404 else str(exc.detail)
        if status == 400 and message == "There was an error parsing the body":  # FastAPI's words for bad JSON
            message = 'the request body is not valid JSON; send an object such as {"note": "why"}, or no body'
    elif isinstance(exc, NotFound):
        status, message = 404, str(exc)
    elif isinstance(exc, StoreError):
        status, message = 503, f"the database cannot be read just now: {exc}"
    elif isinstance(exc, AirdateError):
        status, message = 400, str(exc)
    else:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        status, message = 500, "internal error; the server log has the details"
    return error_response(request, status, message, headers)


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    code = CODES.get(status, "error")
    path = request.url.path
    wants_html = "text/html" in request.headers.get("accept", "")
    if wants_html and not path.startswith("/api/") and not path.endswith((".ics", ".atom", ".json")):
        page = render(request, "error.html", status=status, error_status=status, message=message)
        page.headers.update(headers or {})
        return page
    body = {"error": {"status": status, "code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"
