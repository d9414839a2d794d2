"""Small helpers more than one test module needs (tests/ is on sys.path)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def without_ids(value: Any) -> Any:
    """A JSON state with database ids dropped: two databases of the same articles compare equal."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in ("id", "article_id")}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def committed_articles(db: Path) -> int:
    """Articles another process has committed to `db` so far (0 while it cannot be read)."""
    return committed_rows(db, "articles")


def committed_rows(db: Path, table: str) -> int:
    """Rows of `table` another process has committed to `db` so far (0 while it cannot be read)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


@contextmanager
def loopback_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on a free loopback port in a thread; yield its base URL, shut it down after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
