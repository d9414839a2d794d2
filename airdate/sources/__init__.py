"""Reading articles: files, stdin and http(s) URLs holding plain text, HTML or RSS/Atom feeds.

`read_source` is the door: it reads the bytes (refusing what is missing, too large or
binary), sniffs the format from the content and hands it to the right reader.
"""

from __future__ import annotations

import mimetypes
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from airdate.errors import SourceBinary, SourceEmpty, SourceError, SourceNotFound
from airdate.models import Article
from airdate.settings import Settings
from airdate.sources.charsets import looks_binary
from airdate.sources.formats import sniff_format
from airdate.sources.limits import check_size
from airdate.sources.text import read_text

if TYPE_CHECKING:
    import httpx

__all__ = ["read_bytes", "read_source"]


def read_source(
    source: str, settings: Settings, *, transport: httpx.BaseTransport | None = None
) -> list[Article]:
    """Articles from a path, `-` (stdin) or an http(s) URL: one per page or text file, one per feed item."""
    if source == "-":
        return read_bytes(_read_stdin(settings), label="stdin")
    scheme, sep, _ = source.partition("://")
    if sep and scheme.lower() in ("http", "https"):
        # Imported here: httpx (like trafilatura and feedparser below) is slow to import and
        # most runs read local files.
        from airdate.sources.fetch import fetch

        download = fetch(source, settings, transport=transport)
        return read_bytes(
            download.content,
            label=source,
            url=download.url,
            content_type=download.content_type,
            charset=download.charset,
        )
    if sep and scheme.isalpha():
        raise SourceError(f"cannot read {scheme}:// sources; pass an http(s) URL, a file path or - for stdin")
    return read_bytes(
        _read_file(source, settings), label=source, path=source, content_type=mimetypes.guess_type(source)[0]
    )


def read_bytes(
    data: bytes,
    *,
    label: str,
    path: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> list[Article]:
    """Articles from raw bytes; label names the source in error messages."""
    if not data.strip():
        raise SourceEmpty(f"{label} is empty; pass a file with article text")
    if looks_binary(data):
        raise SourceBinary(f"{label} looks binary, not text; pass a text, HTML or RSS/Atom file")
    kind = sniff_format(data, content_type)
    if kind == "feed":
        from airdate.sources.feeds import read_feed

        return read_feed(data, label=label, path=path, content_type=content_type)
    if kind == "html":
        from airdate.sources.html import read_html

        return [read_html(data, label=label, path=path, url=url, charset=charset)]
    return [read_text(data, label=label, path=path, url=url)]


def _read_file(source: str, settings: Settings) -> bytes:
    try:
        info = Path(source).stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceNotFound(f"no such file: {source}; check the path") from None
    except OSError as err:
        raise SourceError(
            f"cannot read {source}: {err.strerror}; check the path and its permissions"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{source} is a directory; pass one article file, a feed, a URL or - for stdin")
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO blocks until a writer comes, a socket cannot be opened, a device never ends.
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        raise SourceError(f"{source} is {kind}, not a regular file; pass an article file, a folder, a URL or - for stdin")
    # Checked before reading, so a huge file costs nothing.
    check_size(source, info.st_size, settings.max_bytes)
    try:
        with open(source, "rb") as file:
            # One byte past the limit tells a file that grew (or a device with no size) from one that fits.
            data = file.read(settings.max_bytes + 1)
    except OSError as err:
        raise SourceError(
            f"cannot read {source}: {err.strerror}; check the path and its permissions"
        ) from None
    check_size(source, len(data), settings.max_bytes, known=False)
    return data


def _read_stdin(settings: Settings) -> bytes:
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    check_size("stdin", len(data), settings.max_bytes, known=False)
    return data
