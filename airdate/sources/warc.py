"""WARC archives (Common Crawl, CC-NEWS): the response and resource records that hold web pages.

Read with FastWARC, which measured 3.4x faster than warcio on our synthetic archive (20,000
records: 0.65 s against 2.2 s; both far below the HTML extraction that follows). A record
that cannot be parsed is yielded as a `BrokenRecord` and reading resumes at the next record
found after it; a file cut short ends with one too, so bulk work records both as failures.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from airdate.errors import SourceError

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class WarcRecord:
    """One response or resource record: where it is, what it says about itself, its HTTP body."""

    offset: int  # of the record (its gzip member) in the file
    record_id: str
    uri: str | None
    warc_date: str | None  # as the record states it (ISO 8601)
    status: int | None  # HTTP status; None for a resource record
    content_type: str | None
    charset: str | None
    payload: bytes

    @property
    def day(self) -> date | None:
        try:
            return date.fromisoformat(self.warc_date[:10]) if self.warc_date else None
        except ValueError:
            return None

    def is_html_page(self) -> bool:
        """A 2xx response (or a resource) declared as HTML."""
        ok = self.status is None or 200 <= self.status < 300
        return ok and (self.content_type or "").split(";")[0].strip().lower() in HTML_TYPES


@dataclass(frozen=True)
class BrokenRecord:
    """Bytes that should have been a record and are not: where, and what is wrong."""

    offset: int
    reason: str


def is_warc(path: str | Path) -> bool:
    """Whether the file is a WARC archive (plain or gzipped), by its first bytes."""
    try:
        with open(path, "rb") as file:
            head = file.read(512)
    except OSError:
        return False
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(WARC_MAGIC)
        except zlib.error:
            return False
    return head.startswith(WARC_MAGIC)


def read_records(path: str | Path) -> Iterator[WarcRecord | BrokenRecord]:
    """Every response and resource record of a WARC file, in order, with the broken ones marked.

    Raises SourceError when the file cannot be opened at all.
    """
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed below; the generator holds it
    except OSError as err:
        raise SourceError(f"cannot read {path}: {err.strerror}; check the path and its permissions") from None
    with file:
        # One record is held back: a plain file cut short still yields its last record (short),
        # which the check of the tail then marks broken instead.
        held: WarcRecord | None = None
        for item in _scan(file):
            if held is not None and not (isinstance(item, BrokenRecord) and item.offset == held.offset):
                yield held
            held = None
            if isinstance(item, WarcRecord):
                held = item
            else:
                yield item
        if held is not None:
            yield held


def _scan(file: BinaryIO) -> Iterator[WarcRecord | BrokenRecord]:
    compressed = file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    magic = GZIP_MAGIC if compressed else WARC_MAGIC
    start: int | None = 0
    last = 0
    while start is not None:
        outcome = yield from _records_from(file, start)
        if isinstance(outcome, int):  # iteration ended cleanly; `outcome` is the last record's offset
            last = outcome
            break
        failed_at, reason = outcome
        # The broken record starts after the last good one; resume at the first record after it.
        yield BrokenRecord(failed_at, reason)
        start = _next_record(file, failed_at + 1, magic)
        last = -1
    if start is not None and last >= 0:
        cut = _cut_short(file, last)
        if cut is not None:
            yield BrokenRecord(cut, "the file ends in the middle of a record (truncated download?)")


def _records_from(file: BinaryIO, start: int) -> Generator[WarcRecord, None, int | tuple[int, str]]:
    """Records from `start` on; returns the last record's offset, or (offset, reason) at a broken one."""
    from fastwarc.warc import ArchiveIterator

    file.seek(start)
    last = start
    seen = False
    records = iter(ArchiveIterator(file, parse_http=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return last
        except OSError as err:
            return (_after(file, last, seen), _reason(err))
        last, seen = record.stream_pos, True
        if str(record.record_type) not in ("response", "resource"):
            continue
        try:
            yield _record(record, last)
        except (OSError, ValueError) as err:
            return (last, _reason(err))


def _record(r: Any, offset: int) -> WarcRecord:
    """Our record from FastWARC's (which ships no type hints)."""
    headers = r.headers
    status = None
    content_type = headers.get("Content-Type")
    charset = None
    if str(r.record_type) == "response":
        if r.http_headers is None:
            raise ValueError("its HTTP headers cannot be parsed")
        status = r.http_headers.status_code
        content_type = r.http_content_type
        charset = r.http_charset
    payload = r.reader.read()
    if r.is_http and (r.http_headers.get("Content-Encoding") or "").lower() == "gzip":
        try:
            payload = gzip.decompress(payload)
        except (OSError, EOFError) as err:
            raise ValueError(f"its gzip content cannot be decoded ({err})") from None
    return WarcRecord(
        offset=offset,
        record_id=str(headers.get("WARC-Record-ID") or f"offset:{offset}"),
        uri=headers.get("WARC-Target-URI"),
        warc_date=headers.get("WARC-Date"),
        status=status,
        content_type=content_type,
        charset=charset,
        payload=payload,
    )


def _reason(err: Exception) -> str:
    return f"a broken record ({err}); the records after it were read"


def _after(file: BinaryIO, last: int, seen: bool) -> int:
    """Where the broken record starts: the first one from the last record read on that does not hold together."""
    if not seen:
        return last
    bad = _first_bad(file, last)
    return bad if bad is not None else last


def _next_record(file: BinaryIO, pos: int, magic: bytes) -> int | None:
    """The offset of the next gzip member (or plain record) at or after `pos` that starts a WARC record."""
    while True:
        found = _find(file, pos, magic)
        if found is None:
            return None
        file.seek(found)
        head = file.read(512)
        if magic != GZIP_MAGIC and head.startswith(WARC_MAGIC):
            return found
        if magic == GZIP_MAGIC:
            try:
                if zlib.decompressobj(wbits=31).decompress(head, 16).startswith(WARC_MAGIC):
                    return found
            except zlib.error:
                pass
        pos = found + 1


def _find(file: BinaryIO, pos: int, magic: bytes) -> int | None:
    file.seek(pos)
    carry = b""
    base = pos
    while True:
        chunk = file.read(SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        at = data.find(magic)
        if at >= 0:
            return base + at
        keep = len(magic) - 1
        base += len(data) - keep
        carry = data[-keep:]


def _cut_short(file: BinaryIO, last: int) -> int | None:
    """Where a record cut off by the end of the file starts, if one is; None when the file ends whole.

    FastWARC stops quietly at a truncated last record, so the tail after the last record read is
    checked here.
    """
    return _first_bad(file, last)


def _first_bad(file: BinaryIO, pos: int) -> int | None:
    """The offset of the first record from `pos` on that does not hold together, or None up to the end.

    Gzipped: each gzip member must decompress to its end. Plain: each record must start with
    a WARC header and be as long as its Content-Length says.
    """
    size = file.seek(0, 2)
    compressed = _compressed(file)
    while pos < size:
        end = _member_end(file, pos) if compressed else _plain_end(file, pos)
        if end is None:
            return pos
        pos = end
    return None


def _compressed(file: BinaryIO) -> bool:
    file.seek(0)
    return file.read(len(GZIP_MAGIC)) == GZIP_MAGIC


def _member_end(file: BinaryIO, pos: int) -> int | None:
    file.seek(pos)
    inflater = zlib.decompressobj(wbits=31)
    used = 0
    while not inflater.eof:
        chunk = file.read(SCAN_CHUNK)
        if not chunk:
            return None
        try:
            inflater.decompress(chunk)
        except zlib.error:
            return None
        used += len(chunk)
    return pos + used - len(inflater.unused_data)


def _plain_end(file: BinaryIO, pos: int) -> int | None:
    file.seek(pos)
    head = file.read(64 * 1024)
    if not head.strip():
        return pos + len(head)  # trailing blank lines
    end = head.find(b"\r\n\r\n")
    if not head.startswith(WARC_MAGIC) or end < 0:
        return None
    lengths = [
        line.split(b":", 1)[1]
        for line in head[:end].split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    ]
    if not lengths or not lengths[0].strip().isdigit():
        return None
    after = pos + end + 4 + int(lengths[0]) + 4
    return after if after <= file.seek(0, 2) else None
