"""The body cache behind the board, API pages and calendar: kept per generation, bounded, one render at a time."""

from __future__ import annotations

import threading
import time

from airdate.views.context import BodyCache


def test_a_body_is_kept_until_the_generation_moves() -> None:
    cache, renders = BodyCache(), []

    def render() -> bytes:
        renders.append(1)
        return f"page {len(renders)}".encode()

    first = cache.get("k", 1, render)
    assert cache.get("k", 1, render) == first and len(renders) == 1
    moved = cache.get("k", 2, render)
    assert moved[0] == b"page 2" and moved[1] != first[1] and len(renders) == 2


def test_the_cache_is_bounded_in_count_and_bytes() -> None:
    cache = BodyCache(size=3, max_bytes=100)
    for n in range(5):
        cache.get(n, 1, lambda: b"x" * 10)
    assert [k for k in range(5) if cache._lookup(k, 1)] == [2, 3, 4]
    cache.get("big", 1, lambda: b"y" * 95)  # over the byte budget with the rest: they go first
    assert cache._lookup("big", 1) is not None and cache._lookup(4, 1) is None
    cache.get("huge", 1, lambda: b"z" * 500)  # larger than the budget alone: served, not kept
    assert cache._lookup("huge", 1) is None and cache._bytes <= 100


def test_concurrent_misses_render_once() -> None:
    cache, renders = BodyCache(), []

    def slow() -> bytes:
        renders.append(1)
        time.sleep(0.2)
        return b"calendar"

    got: list[bytes] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("ics", 7, slow)[0])) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [b"calendar"] * 8 and len(renders) == 1
