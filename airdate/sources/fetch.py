"""Downloading http(s) sources: bounded in time, bytes and redirects, and kept off private networks.

Redirects are followed one hop at a time so that each new address is checked: only http(s), and
not a loopback, private or link-local address unless `Settings.allow_private` says so (a server
that fetches URLs for its users must not be steered at its own network). `fetch_timeout` bounds
each read and the whole download, so a server sending a byte every few seconds still ends.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from airdate.errors import FetchError, HTTPStatusError
from airdate.settings import Settings
from airdate.sources.limits import check_size

MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Download:
    """A fetched body, the final URL (after redirects), its Content-Type and the charset that names.

    `status` is 304 (and `content` empty) when conditional `headers` were sent and the resource is
    unchanged; `etag` and `last_modified` are the validators to send next time."""

    content: bytes
    url: str
    content_type: str | None
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def check_address(
    url: str, settings: Settings, first: str, *, resolve: bool = True, doing: str = "fetch",
    hint: str = "pass --allow-private to read from your own network",
) -> None:  # fmt: skip
    """Refuse `url` unless it is http(s) to a public address (or private ones are allowed).

    A host name is looked up only with `resolve` (a test's mock transport has no network); an
    address written in the URL is always checked. `doing` and `hint` word the refusal for
    callers that send rather than fetch (airdate.notify)."""
    parts = urlsplit(url)
    via = "" if url == first else f" (redirected from {first})"
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused to {doing} {url}{via}: only http(s) URLs are read; check the URL")
    if settings.allow_private or not parts.hostname:
        return
    try:
        addresses = [ipaddress.ip_address(parts.hostname)]
    except ValueError:
        if not resolve:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return  # the request itself will fail with a clear message
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified:
            raise FetchError(
                f"refused to {doing} {url}{via}: {parts.hostname} is a private, loopback or link-local address; "
                f"{hint}"
            )


def fetch(
    url: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    headers: Mapping[str, str] | None = None,
) -> Download:
    """GET url, following up to MAX_REDIRECTS checked redirects; refuse bodies over settings.max_bytes.

    `headers` are sent too (If-None-Match, If-Modified-Since for a conditional GET)."""
    headers = {**(headers or {}), "User-Agent": settings.user_agent}
    deadline = time.monotonic() + settings.fetch_timeout
    current = url
    try:
        with httpx.Client(transport=transport, timeout=settings.fetch_timeout, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_address(current, settings, url, resolve=transport is None)
                with client.stream("GET", current) as response:
                    if response.is_redirect and response.headers.get("location"):
                        current = urljoin(current, response.headers["location"])
                        continue
                    return _read(response, current, settings, deadline)
            raise FetchError(f"too many redirects fetching {url}; check the URL")
    except httpx.TimeoutException:
        raise FetchError(
            f"timed out after {settings.fetch_timeout:g} s fetching {url}; try again or raise --timeout"
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise FetchError(f"{current} is not a valid http(s) URL; check it") from None
    except httpx.HTTPError as err:
        raise FetchError(f"could not fetch {url} ({err}); check the URL and your connection") from None


def _read(response: httpx.Response, url: str, settings: Settings, deadline: float) -> Download:
    validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
    if response.status_code == 304:
        return Download(b"", str(response.url), None, None, status=304, **validators)
    if response.status_code >= 400:
        raise HTTPStatusError(
            f"HTTP {response.status_code} {response.reason_phrase} fetching {url}; check the URL",
            response.status_code,
            _seconds(response.headers.get("retry-after")),
        )
    # Content-Length can be absent or wrong, so it only saves a download known to be too big.
    length = response.headers.get("content-length", "")
    if length.isdigit():
        check_size(url, int(length), settings.max_bytes)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        check_size(url, size, settings.max_bytes, known=False)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise FetchError(
                f"{url} did not finish downloading within {settings.fetch_timeout:g} s; try again or raise --timeout"
            )
    return Download(
        content=b"".join(chunks),
        url=str(response.url),
        content_type=response.headers.get("content-type"),
        charset=response.charset_encoding,
        status=response.status_code,
        **validators,
    )


def _seconds(value: str | None) -> float | None:
    """Retry-After as seconds (the delay form only; an HTTP date is read as no hint)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
