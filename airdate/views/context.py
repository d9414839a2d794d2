"""What every route shares: the database path, the clock, per-thread read-only stores, and the threads they run on."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import anyio
import anyio.to_thread
from anyio import CapacityLimiter
from anyio.lowlevel import RunVar
from fastapi import Request
from starlette.exceptions import HTTPException

from airdate.store import Store, open_store

RECENT_DAYS = 30  # a change published this recently marks the card
CACHED_BODIES = 64
CACHED_BYTES = 64 * 2**20  # the full calendar of 18,000 releases is 7.6 MB
# Threads for store work (SQLite reads, reconciling, rendering). Python runs one at a time anyway;
# a few keep a slow search from holding up the rest, many only fight over the GIL: with 40, a
# board page cost 2-3x the CPU under 50 connections (benchmarks/serve.py).
STORE_THREADS = 4
T = TypeVar("T")
_store_threads: RunVar[CapacityLimiter] = RunVar("airdate_store_threads")


async def off_loop(work: Callable[[], T]) -> T:
    """Run blocking store work on one of the STORE_THREADS threads, never on the event loop.

    They have their own limiter, so however many slow requests wait for them, the loop (and
    anyio's default threads) stay free: /static, /api/docs and errors still answer. A request
    cancelled by a stopping server stops waiting for its thread (abandon_on_cancel) and is
    answered 503: the stop does not wait for a render no client would get in time.
    """
    try:
        limiter = _store_threads.get()
    except LookupError:  # one limiter per event loop (RunVar): tests run several loops
        limiter = CapacityLimiter(STORE_THREADS)
        _store_threads.set(limiter)
    try:
        return await anyio.to_thread.run_sync(work, limiter=limiter, abandon_on_cancel=True)
    except anyio.get_cancelled_exc_class():
        # Nothing but a stopping server cancels a request (its grace period ran out): the
        # client gets a 503 that says so, not uvicorn's 500 and a traceback in the log.
        raise HTTPException(503, "the server is stopping; try again in a moment") from None


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


class BodyCache:
    """Bodies of rendered responses (the board, the calendar) with their ETags, kept until the
    store's generation moves: a page is a function of the store, its query and the day.

    Thread-safe, and one render per key at a time: fifty calendar apps polling at once
    after a write wait for one render instead of starting fifty.
    """

    def __init__(self, size: int = CACHED_BODIES, max_bytes: int = CACHED_BYTES) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self._bytes = 0
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, bytes, str]] = OrderedDict()
        self._rendering: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, generation: int, render: Callable[[], bytes]) -> tuple[bytes, str]:
        """(body, ETag) for `key` at this generation, rendering it if needed."""
        hit = self._lookup(key, generation)
        if hit is not None:
            return hit
        with self._lock:
            one = self._rendering.setdefault(key, threading.Lock())
        with one:
            hit = self._lookup(key, generation)
            if hit is not None:
                return hit
            body = render()
            etag = etag_of(body)
            with self._lock:
                if key in self._items:
                    self._bytes -= len(self._items[key][1])
                self._items[key] = (generation, body, etag)
                self._bytes += len(body)
                self._items.move_to_end(key)
                # Bounded in count and in bytes (one Host header per calendar copy must not fill memory).
                while self._items and (len(self._items) > self.size or self._bytes > self.max_bytes):
                    old, (_, dropped, _) = self._items.popitem(last=False)
                    self._bytes -= len(dropped)
                    self._rendering.pop(old, None)
            return body, etag

    def _lookup(self, key: Hashable, generation: int) -> tuple[bytes, str] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != generation:
                return None
            self._items.move_to_end(key)
            return hit[1], hit[2]


@dataclass
class Context:
    """What the routes share: the database path, the clock and per-thread read-only stores."""

    db: Path
    today: Callable[[], date] = date.today
    recent_days: int = RECENT_DAYS
    bodies: BodyCache = field(default_factory=BodyCache)
    _local: threading.local = field(default_factory=threading.local)

    def store(self) -> Store:
        """This thread's read-only store (sqlite3 connections stay on the thread that made them)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, read_only=True)
            self._local.store = store
        return store


def ctx_of(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx
