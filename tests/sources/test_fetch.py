"""http(s) sources, served from saved files by httpx.MockTransport; the network is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from airdate.errors import FetchError, SourceTooLarge
from airdate.settings import Settings
from airdate.sources import read_source

SITE = "https://screenledger.example"


@pytest.fixture
def requests() -> list[httpx.Request]:
    return []


@pytest.fixture
def transport(fixtures: Path, requests: list[httpx.Request]) -> httpx.MockTransport:
    """A small site: a page, a feed, a text, a redirect, a 404, a hang and two huge bodies."""

    def huge() -> Iterator[bytes]:  # streamed without a Content-Length
        for _ in range(1024):
            yield b"x" * 1024 * 1024

    html_type = {"content-type": "text/html; charset=utf-8"}
    rss_type = {"content-type": "application/rss+xml"}
    text_type = {"content-type": "text/plain"}

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        path = request.url.path
        if path == "/tv/harbor-lights":
            return httpx.Response(200, content=(fixtures / "article.html").read_bytes(), headers=html_type)
        if path == "/cp1252":  # a page with no meta charset: only the header tells
            page = (fixtures / "article-cp1252.html").read_bytes().replace(b"charset=windows-1252", b"")
            return httpx.Response(
                200, content=page, headers={"content-type": "text/html; charset=windows-1252"}
            )
        if path == "/rss":
            return httpx.Response(200, content=(fixtures / "feed.rss").read_bytes(), headers=rss_type)
        if path == "/story.txt":
            return httpx.Response(200, content=(fixtures / "undated.txt").read_bytes(), headers=text_type)
        if path == "/old":
            return httpx.Response(301, headers={"location": f"{SITE}/tv/harbor-lights"})
        if path == "/slow":
            raise httpx.ReadTimeout("read timed out", request=request)
        if path == "/offline":
            raise httpx.ConnectError("name or service not known", request=request)
        if path == "/big":
            return httpx.Response(200, content=b"x" * 2048, headers=text_type)
        if path == "/endless":
            return httpx.Response(200, content=huge(), headers=text_type)
        return httpx.Response(404, text="not here")

    return httpx.MockTransport(handle)


def test_page_is_fetched_and_read_as_html(
    settings: Settings, transport: httpx.MockTransport, requests: list[httpx.Request]
) -> None:
    [article] = read_source(f"{SITE}/tv/harbor-lights?ref=home", settings, transport=transport)
    assert article.title == "Harbor Lights Season 3 Gets a June Premiere"
    assert article.published == date(2025, 11, 3)
    assert article.url == f"{SITE}/tv/harbor-lights-season-3-june"  # the page's canonical URL
    assert article.path is None
    assert article.text.startswith("Harbor Lights will return")
    assert requests[0].headers["user-agent"] == settings.user_agent


def test_redirect_is_followed(settings: Settings, transport: httpx.MockTransport) -> None:
    [article] = read_source(f"{SITE}/old", settings, transport=transport)
    assert article.title == "Harbor Lights Season 3 Gets a June Premiere"


def test_charset_from_the_content_type_header(settings: Settings, transport: httpx.MockTransport) -> None:
    [article] = read_source(f"{SITE}/cp1252", settings, transport=transport)
    assert article.text.startswith("Café society favourite Harbor Lights — “the coastal noir”")


def test_feed_is_fetched_and_split_into_items(settings: Settings, transport: httpx.MockTransport) -> None:
    articles = read_source(f"{SITE}/rss", settings, transport=transport)
    assert [a.title for a in articles] == [
        "Harbor Lights Season 3 Gets a June Premiere",
        "Café Noir renewed for season 2",
        "Trailer: The Glasshouse",
    ]
    assert all(a.path is None and a.publisher == "Screen Ledger: TV" for a in articles)


def test_plain_text_keeps_the_url(settings: Settings, transport: httpx.MockTransport) -> None:
    [article] = read_source(f"{SITE}/story.txt", settings, transport=transport)
    assert (article.title, article.url) == (
        "Harbor Lights Season 3 Gets a June Premiere",
        f"{SITE}/story.txt",
    )


def test_missing_page_is_a_fetch_error_with_the_status(
    settings: Settings, transport: httpx.MockTransport
) -> None:
    with pytest.raises(FetchError) as caught:
        read_source(f"{SITE}/gone", settings, transport=transport)
    assert str(caught.value) == f"HTTP 404 Not Found fetching {SITE}/gone; check the URL"


def test_timeout_is_a_fetch_error(settings: Settings, transport: httpx.MockTransport) -> None:
    with pytest.raises(FetchError) as caught:
        read_source(f"{SITE}/slow", settings, transport=transport)
    assert str(caught.value) == f"timed out after 15 s fetching {SITE}/slow; try again or raise --timeout"


def test_network_failure_is_a_fetch_error(settings: Settings, transport: httpx.MockTransport) -> None:
    with pytest.raises(FetchError, match="could not fetch .*/offline .*check the URL and your connection"):
        read_source(f"{SITE}/offline", settings, transport=transport)


def test_body_over_the_cap_by_content_length(settings: Settings, transport: httpx.MockTransport) -> None:
    with pytest.raises(SourceTooLarge) as caught:
        read_source(f"{SITE}/big", replace(settings, max_bytes=1024), transport=transport)
    assert str(caught.value).startswith(f"{SITE}/big is 2.0 KB, over the 1.0 KB limit;")


def test_body_over_the_cap_while_streaming(settings: Settings, transport: httpx.MockTransport) -> None:
    # 1 GB on offer; reading stops at the 10 MB cap
    with pytest.raises(SourceTooLarge, match=r"/endless is over the 10\.0 MB limit"):
        read_source(f"{SITE}/endless", settings, transport=transport)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8080/x", False), ("http://10.0.0.5/x", False), ("http://192.168.1.1/x", False),
        ("http://169.254.169.254/latest/meta-data", False), ("http://[::1]/x", False), ("http://0.0.0.0/x", False),
        ("http://93.184.215.14/x", True),
    ],
)
def test_a_redirect_to_a_private_address_is_refused(url: str, allowed: bool, settings: Settings) -> None:
    from airdate.sources.fetch import check_address

    first = f"{SITE}/tv/harbor-lights"
    if allowed:
        check_address(url, settings, first, resolve=False)
        return
    with pytest.raises(FetchError, match=r"^refused to fetch .* \(redirected from https://screenledger\.example/tv/harbor-lights\)"):
        check_address(url, settings, first, resolve=False)
    check_address(url, replace(settings, allow_private=True), first, resolve=False)  # unless allowed
