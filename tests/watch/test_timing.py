"""Intervals, backoff and host spacing; OPML reading as a property: any input, a list or a clean error."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.errors import OpmlError, UsageError
from airdate.store.subscriptions import Feed
from airdate.watch.opml import read_opml, write_opml
from airdate.watch.timing import (
    BACKOFF_FIRST,
    BACKOFF_MAX,
    MIN_EVERY,
    HostLimiter,
    backoff,
    format_every,
    parse_every,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30m", 1800), ("1h", 3600), ("1h30m", 5400), ("2h 15m", 8100), ("90s", 90), ("1d", 86400), ("45", 2700),
     (" 2H ", 7200)],
)  # fmt: skip
def test_parse_every(text: str, seconds: int) -> None:
    assert parse_every(text) == seconds
    assert parse_every(format_every(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "soon", "m30", "1w", "-5m", "59s", "31d", "1.5h", "0"])
def test_parse_every_refuses_with_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--every"):
        parse_every(text)


@given(st.text(max_size=40))
def test_parse_every_gives_seconds_in_range_or_a_usage_error(text: str) -> None:
    try:
        seconds = parse_every(text)
    except UsageError:
        return
    assert MIN_EVERY <= seconds <= 30 * 86400


@pytest.mark.parametrize("every", [60, 1800, 86400, 7 * 86400])
@pytest.mark.parametrize("jitter", [0.0, 0.5, 0.999])
def test_backoff_grows_with_each_failure_until_the_cap(every: int, jitter: float) -> None:
    waits = [backoff(n, every, rng=lambda: jitter) for n in range(1, 40)]
    assert waits[0] >= timedelta(seconds=BACKOFF_FIRST)
    cap = timedelta(seconds=max(BACKOFF_MAX, every))
    capped = [w for w in waits if w >= cap]
    growing = waits[: len(waits) - len(capped) + 1]
    assert all(b > a for a, b in zip(growing, growing[1:], strict=False))
    assert all(w <= cap * 1.25 for w in waits)


def test_backoff_jitter_spreads_feeds_that_failed_together() -> None:
    assert backoff(3, 1800, rng=lambda: 0.0) < backoff(3, 1800, rng=lambda: 0.9)


def test_host_limiter_spaces_one_host_and_a_stop_cuts_the_wait_short() -> None:
    limiter = HostLimiter(interval=1000.0)
    stop = threading.Event()
    # A guard: had any call below waited its 1000 s, the stop would end it (and the call return False).
    guard = threading.Timer(60, stop.set)
    guard.start()
    try:
        assert limiter.wait("https://news.example/rss", stop) is True
        assert limiter.wait("https://other.example/rss", stop) is True  # another host: no wait
        assert limiter.wait("https://NEWS.example/page", stop) is False  # the same host: waits, until the stop
    finally:
        guard.cancel()
    stopped = threading.Event()
    stopped.set()
    assert limiter.wait("https://third.example/", stopped) is False  # nothing is sent once stopping


def feed(n: int, every: int, full_text: bool, title: str | None) -> Feed:
    return Feed(n, f"https://feeds{n}.example/rss?a=1&b=2", title, every, full_text, "2026-01-01T00:00:00+00:00",
                None, None, None, None, None, None, 0, None)  # fmt: skip


@given(st.lists(st.tuples(st.integers(60, 30 * 86400), st.booleans(), st.none() | st.text(max_size=30)), max_size=5))
@settings(max_examples=50)
def test_opml_round_trip(rows: list[tuple[int, bool, str | None]]) -> None:
    feeds = [feed(n, every, full_text, title) for n, (every, full_text, title) in enumerate(rows)]
    if not feeds:
        return
    back = read_opml(write_opml(feeds), label="x")  # titles with characters XML cannot hold included
    assert [(s.url, s.every, s.full_text) for s in back] == [(f.url, f.every, f.full_text) for f in feeds]


@given(st.binary(max_size=3000))
@settings(max_examples=200)
def test_any_bytes_give_feeds_or_a_clean_error(data: bytes) -> None:
    try:
        found = read_opml(data, label="input.opml")
    except OpmlError as e:
        assert "input.opml" in str(e)
        return
    assert all(s.url.startswith(("http://", "https://")) for s in found)


OUTLINE = st.builds(
    lambda url, every, nested: (f'<outline text="t" xmlUrl="{url}" airdate:every="{every}"/>' if not nested
                                else f'<outline text="folder"><outline xmlUrl="{url}"/></outline>'),
    st.sampled_from(["https://a.example/rss", "http://b.example/x?y=1&amp;z=2", "ftp://c.example/", "", "  "]),
    st.sampled_from(["30m", "2h", "never", ""]),
    st.booleans(),
)  # fmt: skip


@given(st.lists(OUTLINE, max_size=6))
def test_any_opml_shape_gives_feeds_or_a_clean_error(outlines: list[str]) -> None:
    doc = ('<opml version="2.0" xmlns:airdate="urn:airdate:opml"><head/><body>' + "".join(outlines) + "</body></opml>")
    try:
        found = read_opml(doc.encode(), label="f.opml")
    except OpmlError:
        return
    assert found and all(s.url.startswith("http") for s in found)
