"""What every route shares: the database path, the clock, and per-thread read-only stores."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fastapi import Request

from airdate.store import Store, open_store

RECENT_DAYS = 30  # a change published this recently marks the card


@dataclass
class Context:
    """What the routes share: the database path, the clock and per-thread read-only stores."""

    db: Path
    today: Callable[[], date] = date.today
    recent_days: int = RECENT_DAYS
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
