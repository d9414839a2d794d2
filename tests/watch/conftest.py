"""A real HTTP server on loopback serving feeds and pages, for the watcher tests; nothing leaves 127.0.0.1.

Each route answers with a status and a body; `{base}` in a body becomes the server's own address,
so feed items link to pages on it. A route with `etag` answers a matching If-None-Match with 304.
Every request is logged with its headers, so tests can see what was asked and what was sent.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from testkit import loopback_server

from airdate.extract.pipeline import Extractor
from airdate.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "watch"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: bool = True  # answer If-None-Match with 304 when it matches


@dataclass
class Site:
    """The routes a test sets up, and the requests the server got (path, headers, status sent)."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, fixture: str | None = None, *, body: bytes | None = None, **kw: object) -> str:
        """Serve a fixture (or bytes) at path, {base} filled in; returns the full URL."""
        data = body if body is not None else (FIXTURES / str(fixture)).read_bytes()
        with self.lock:
            self.routes[path] = Route(data.replace(b"{base}", self.base.encode()), **kw)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        with self.lock:
            return [(h, s) for p, h, s in self.log if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            with site.lock:
                route = site.routes.get(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if route is None:
                status, body, extra = 404, b"not found", {}
            else:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                extra = {"ETag": etag} if route.etag and route.status == 200 else {}
                if extra and headers.get("if-none-match") == etag:
                    status, body = 304, b""
                else:
                    status, body = route.status, route.body
            with site.lock:
                site.log.append((self.path, headers, status))
            self.send_response(status)
            self.send_header("Content-Type", route.content_type if route else "text/plain")
            for k, v in extra.items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    with loopback_server(_handler(site)) as site.base:
        yield site


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Loopback allowed (the test server), no spacing between requests, short timeouts."""
    return Settings(db=tmp_path / "airdate.db", allow_private=True, host_interval=0.0, fetch_timeout=10.0)
