"""A TVmaze-shaped API on loopback, serving the handful of shows in tests/fixtures/tvmaze/shows.json,
and under /3 a TMDB-shaped one serving the films in films.json (only with TMDB_KEY, else 401).

It answers the endpoints airdate uses (search, show, AKAs, seasons, episodes, the paged index,
/updates/shows) with TVmaze's shapes, an ETag on each answer (If-None-Match gets a 304), and any
statuses a test queues first (a 429 with Retry-After, a 503). Every request is logged with its
headers. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from demo_gold import GoldExtractor
from testkit import loopback_server

from airdate.ingest import ingest
from airdate.keys import title_key
from airdate.settings import Settings
from airdate.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SHOWS = json.loads((ROOT / "tests" / "fixtures" / "tvmaze" / "shows.json").read_text(encoding="utf-8"))
FILMS = json.loads((ROOT / "tests" / "fixtures" / "tvmaze" / "films.json").read_text(encoding="utf-8"))
TMDB_KEY = "0123456789abcdef0123456789abcdef"  # a made-up v3 key; the fake answers 401 without it
PAGE = 250  # shows per index page, by id, as TVmaze pages them


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FakeTVmaze:
    base: str = ""
    shows: list[dict[str, Any]] = field(default_factory=lambda: json.loads(json.dumps(SHOWS)))
    queued: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (status, headers) answered first
    log: list[Logged] = field(default_factory=list)
    updates: dict[str, int] = field(default_factory=dict)  # /updates/shows answer
    override: dict[str, Any] = field(default_factory=dict)  # path → the JSON answered instead
    films: list[dict[str, Any]] = field(default_factory=lambda: json.loads(json.dumps(FILMS)))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [x.path for x in self.log]

    def statuses(self) -> list[int]:
        with self.lock:
            return [x.status for x in self.log]

    def show(self, show_id: int) -> dict[str, Any]:
        return next(s for s in self.shows if s["show"]["id"] == show_id)

    def answer(self, path: str, query: dict[str, list[str]]) -> Any:
        """The JSON body for a path, or None for a 404."""
        if path in self.override:
            return self.override[path]
        parts = path.strip("/").split("/")
        if parts[:1] == ["3"]:
            return self.tmdb(parts[1:], query)
        if parts == ["search", "shows"]:
            words = set(title_key(query.get("q", [""])[0]).split())
            hits = []
            for s in self.shows:
                names = [s["show"]["name"], *(a["name"] for a in s["akas"])]
                score = max(len(words & set(title_key(n).split())) / max(1, len(words)) for n in names)
                if score:
                    hits.append({"score": round(score, 3), "show": s["show"]})
            return sorted(hits, key=lambda h: -h["score"])
        if parts == ["shows"]:
            page = int(query.get("page", ["0"])[0])
            found = [s["show"] for s in self.shows if page * PAGE <= s["show"]["id"] < (page + 1) * PAGE]
            return found if found or page == 0 else None
        if parts == ["updates", "shows"]:
            return self.updates
        if len(parts) >= 2 and parts[0] == "shows" and parts[1].isdigit():
            try:
                s = self.show(int(parts[1]))
            except StopIteration:
                return None
            rest = parts[2:]
            if not rest:
                return s["show"]
            if rest == ["akas"]:
                return s["akas"]
            if rest == ["seasons"]:
                return [x["season"] for x in s["seasons"]]
        if len(parts) == 3 and parts[0] == "seasons" and parts[2] == "episodes":
            for s in self.shows:
                for x in s["seasons"]:
                    if str(x["season"]["id"]) == parts[1]:
                        return x["episodes"]
        return None


    def tmdb(self, parts: list[str], query: dict[str, list[str]]) -> Any:
        if parts == ["search", "movie"]:
            words = set(title_key(query.get("query", [""])[0]).split())
            hits = [f["movie"] for f in self.films if words & set(title_key(f["movie"]["title"]).split())]
            return {"page": 1, "results": hits, "total_pages": 1, "total_results": len(hits)}
        if len(parts) >= 2 and parts[0] == "movie" and parts[1].isdigit():
            film = next((f for f in self.films if f["movie"]["id"] == int(parts[1])), None)
            if film is None:
                return None
            if parts[2:] == ["release_dates"]:
                return {"id": film["movie"]["id"], "results": film["release_dates"]}
            if not parts[2:]:
                return film["movie"]
        return None


def _handler(fake: FakeTVmaze) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            query = parse_qs(parts.query)
            with fake.lock:
                forced = fake.queued.pop(0) if fake.queued else None
                doc = None if forced else fake.answer(parts.path, query)
            keyed = query.get("api_key") == [TMDB_KEY] or headers.get("authorization") == f"Bearer {TMDB_KEY}"
            if parts.path.startswith("/3/") and not keyed and not forced:
                forced = (401, {})
            if forced:
                status, extra, body = forced[0], forced[1], b'{"name":"Too Many Requests","status":429}'
            elif doc is None:
                status, extra, body = 404, {}, b'{"name":"Not Found","status":404}'
            else:
                body = json.dumps(doc).encode()
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                status, extra = (304, {"ETag": etag}) if headers.get("if-none-match") == etag else (200, {"ETag": etag})
            with fake.lock:
                fake.log.append(Logged(self.path, headers, status))
            self.send_response(status)
            for k, v in extra.items():
                self.send_header(k, v)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def tvmaze() -> Iterator[FakeTVmaze]:
    fake = FakeTVmaze()
    with loopback_server(_handler(fake)) as fake.base:
        yield fake


def settings_for(fake: FakeTVmaze, **kw: Any) -> Settings:
    """Settings pointing at the fake, with backoff short enough for tests (sleeps are recorded, not timed)."""
    return Settings(tvmaze_url=fake.base, allow_private=True, tvmaze_backoff=0.01, fetch_timeout=5.0, **kw)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus through the hand-made claims: six releases, five of them series."""
    db = tmp_path_factory.mktemp("schedules") / "airdate.db"
    with open_store(db) as store:
        ingest(store, [str(ROOT / "demo" / "articles")], GoldExtractor(), Settings())
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "airdate.db"
    shutil.copy(demo_db, copy)
    return copy
