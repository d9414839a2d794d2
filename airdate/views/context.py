"""What every route shares: the database path, the clock, and per-thread read-only stores."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fastapi import Request

from airdate.store import Store, open_store

RECENT_DAYS = 30  # a change published this recently marks the card
CACHED_BODIES = 32


class BodyCache:
    """Bodies of expensive responses (the calendar), kept until the store's generation moves.

    Thread-safe, and one render per key at a time: fifty calendar apps polling at once
    after a write wait for one render instead of starting fifty.
    """

    def __init__(self, size: int = CACHED_BODIES) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._rendering: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, generation: int, render: Callable[[], bytes]) -> bytes:
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
            with self._lock:
                self._items[key] = (generation, body)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    old, _ = self._items.popitem(last=False)
                    self._rendering.pop(old, None)
            return body

    def _lookup(self, key: Hashable, generation: int) -> bytes | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != generation:
                return None
            self._items.move_to_end(key)
            return hit[1]


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
