"""Downloading http(s) sources with a timeout and a size cap."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from airdate.errors import FetchError
from airdate.settings import Settings
from airdate.sources.limits import check_size


@dataclass(frozen=True)
class Download:
    """A fetched body, the final URL (after redirects), its Content-Type and the charset that names."""

    content: bytes
    url: str
    content_type: str | None
    charset: str | None


def fetch(url: str, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> Download:
    """GET url, following redirects; refuse bodies over settings.max_bytes as they stream in."""
    headers = {"User-Agent": settings.user_agent}
    try:
        with (
            httpx.Client(
                transport=transport, timeout=settings.fetch_timeout, follow_redirects=True, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason_phrase} fetching {url}; check the URL"
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
            return Download(
                content=b"".join(chunks),
                url=str(response.url),
                content_type=response.headers.get("content-type"),
                charset=response.charset_encoding,
            )
    except httpx.TimeoutException:
        raise FetchError(
            f"timed out after {settings.fetch_timeout:g} s fetching {url}; try again or raise --timeout"
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects fetching {url}; check the URL") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise FetchError(f"{url} is not a valid http(s) URL; check it") from None
    except httpx.HTTPError as err:
        raise FetchError(f"could not fetch {url} ({err}); check the URL and your connection") from None
