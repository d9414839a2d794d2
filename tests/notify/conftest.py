"""A real HTTP receiver on loopback for alerts: it records every POST, answers with the statuses a
test queues (200 once they run out), and can hold a request unanswered until released."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from testkit import loopback_server


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    base: str = ""
    answers: list[int] = field(default_factory=list)  # statuses to answer, in turn; then 200
    got: list[Received] = field(default_factory=list)
    hold: bool = False  # keep each request unanswered until `release` is set
    release: threading.Event = field(default_factory=threading.Event)
    arrived: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook") -> str:
        return self.base + path

    def received(self) -> list[Received]:
        with self.lock:
            return list(self.got)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with receiver.lock:
                receiver.got.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.answers.pop(0) if receiver.answers else 200
            receiver.arrived.set()
            if receiver.hold:
                receiver.release.wait(60)
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    with loopback_server(_handler(found)) as found.base:
        try:
            yield found
        finally:
            found.release.set()  # a handler held back must not keep the server from shutting down


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "airdate.db"
