"""Plain-text articles: an optional ` date YYYY-MM[-DD]` line, a headline, then the body."""

from __future__ import annotations

import re
from datetime import date

from airdate.errors import SourceEmpty
from airdate.models import Article
from airdate.sources.charsets import decode

_DATE_LINE = re.compile(r"\s*date\s+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d-])\s*(.*)", re.IGNORECASE)
_MAX_TITLE = 200


def read_text(data: bytes, *, label: str, path: str | None = None, url: str | None = None) -> Article:
    """Decode data (any common encoding) and split it into date, headline and body."""
    return parse_text(decode(data), label=label, path=path, url=url)


def parse_text(text: str, *, label: str, path: str | None = None, url: str | None = None) -> Article:
    """Split decoded text into date, headline and body; the body keeps its line and paragraph breaks."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").splitlines()]
    first = _next_filled(lines, 0)
    if first is None:
        raise SourceEmpty(f"{label} holds no text; pass a file with article text")
    title: str | None = None
    published: date | None = None
    body_start = first
    dated = _DATE_LINE.fullmatch(lines[first])
    if dated:
        published = _parse_date(*dated.group(1, 2, 3))
        title = dated.group(4).strip() or None
        body_start = first + 1
        if title is None:
            headline = _next_filled(lines, body_start)
            if headline is not None:
                title, body_start = lines[headline].strip(), headline + 1
    elif _is_headline(lines[first]) and _next_filled(lines, first + 1) is not None:
        title, body_start = lines[first].strip(), first + 1
    body = "\n".join(lines[body_start:]).strip("\n")
    if not body and title is None:
        raise SourceEmpty(f"{label} holds only a date line; pass a file with article text")
    return Article(text=body, path=path, url=url, title=title, published=published)


def one_line(value: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None for a missing or blank value."""
    cleaned = " ".join((value or "").split())
    return cleaned or None


def _next_filled(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _is_headline(line: str) -> bool:
    # A first line that ends a sentence is the body's first paragraph, not a headline.
    line = line.strip()
    return len(line) <= _MAX_TITLE and not line.endswith(".")


def _parse_date(year: str, month: str, day: str | None) -> date | None:
    """The date a date line gives (a month alone means its first day); None if it is no date."""
    try:
        return date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
