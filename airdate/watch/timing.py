"""When to poll: intervals as people write them ("30m", "1h30m"), backoff after errors, host spacing."""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from airdate.errors import UsageError

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 60  # seconds: polling a feed more often than this is rude to its server
MAX_EVERY = 30 * 86400
BACKOFF_FIRST = 120.0  # seconds before the first retry of a feed that failed
BACKOFF_MAX = 24 * 3600.0  # a feed that keeps failing is still tried once a day
_PART = re.compile(r"(\d+)\s*([smhd])")
_SHAPE = re.compile(r"(?:\d+\s*[smhd]\s*)+")


def parse_every(text: str) -> int:
    """Seconds in an interval like "30m", "2h", "1h30m", "1d" (a bare number is minutes)."""
    value = text.strip().lower()
    if value.isascii() and value.isdigit():  # not "²", which isdigit() accepts
        seconds = int(value) * 60
    elif _SHAPE.fullmatch(value):
        seconds = sum(int(n) * UNITS[unit] for n, unit in _PART.findall(value))
    else:
        raise UsageError(f"--every must be an interval like 30m, 2h or 1h30m, not {text!r}")
    if not MIN_EVERY <= seconds <= MAX_EVERY:
        raise UsageError(f"--every {text} is outside 1m to 30d; feeds are polled at most once a minute")
    return seconds


def format_every(seconds: float) -> str:
    """ "1h30m", "45m", "2d": the shortest exact spelling, to the second."""
    left, out = int(seconds), []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if left >= size:
            out.append(f"{left // size}{unit}")
            left %= size
    return "".join(out) or "0s"


def backoff(failures: int, every: int, *, rng: Callable[[], float] = random.random) -> timedelta:
    """How long to wait after `failures` errors in a row: doubling from BACKOFF_FIRST, at most
    BACKOFF_MAX (or the feed's own interval if longer), with up to 25% jitter added so feeds that
    failed together do not retry together. Each wait is longer than the one before until the cap."""
    cap = max(BACKOFF_MAX, float(every))
    base = min(cap, BACKOFF_FIRST * 2 ** max(0, min(failures - 1, 30)))
    return timedelta(seconds=round(min(cap * 1.25, base * (1 + 0.25 * rng()))))


class HostLimiter:
    """At most one request per `interval` seconds to each host, across threads.

    Each caller reserves the next free slot for its host and sleeps until then; a set `stop`
    event cuts the sleep short (and the caller sends nothing)."""

    KEPT = 4096  # hosts remembered; past slots are forgotten first

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str, stop: threading.Event) -> bool:
        """Wait for `url`'s host to be free; False if `stop` was set first."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
            if len(self._next) > self.KEPT:
                self._next = {h: t for h, t in self._next.items() if t > now}
        delay = slot - now
        if delay > 0:
            return not stop.wait(delay)
        return not stop.is_set()
