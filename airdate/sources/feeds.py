"""RSS and Atom feeds (or a lone item or entry): one Article per item, in feed order."""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_tz
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from airdate.errors import SourceEmpty, SourceError
from airdate.models import Article, web_url
from airdate.sources.text import one_line

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Blocks that start a new paragraph, and elements that only start a new line.
_PARAGRAPH_TAGS = frozenset("p div section article blockquote h1 h2 h3 h4 h5 h6 ul ol dl table pre".split())
_LINE_TAGS = frozenset("br li tr dt dd".split())
_CELL_TAGS = frozenset({"td", "th"})
# Private-use characters, removed from the input first, so the marks cannot clash with text.
_PARAGRAPH_MARK, _LINE_MARK = "\ue000", "\ue001"
_TAG = re.compile(r"</?(?:p|div|a|br|span|b|i|em|strong|ul|ol|li|img|table)\b[^>]*>", re.IGNORECASE)
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]{3,})\.?,?\s+(\d{4})")
# Month abbreviations beyond English, for feeds that write dates in their own language.
_MONTHS = {
    "jan": 1, "gen": 1, "ene": 1, "janv": 1, "fev": 2, "fév": 2, "feb": 2, "févr": 2, "mar": 3, "mär": 3,
    "abr": 4, "apr": 4, "avr": 4, "mai": 5, "may": 5, "mag": 5, "jun": 6, "juin": 6, "giu": 6,
    "jul": 7, "juil": 7, "lug": 7, "ago": 8, "aug": 8, "aoû": 8, "set": 9, "sep": 9, "sept": 9,
    "out": 10, "oct": 10, "okt": 10, "ott": 10, "nov": 11, "dez": 12, "dic": 12, "dec": 12, "déc": 12,
}  # fmt: skip


def read_feed(
    data: bytes, *, label: str, path: str | None = None, content_type: str | None = None
) -> list[Article]:
    """Parse a feed; content_type (from HTTP) tells feedparser the charset when the XML does not."""
    parsed = _parse(data, content_type)
    if not parsed.entries:
        raise SourceEmpty(f"no items found in the feed {label}; is this an RSS or Atom feed with items?")
    publisher = one_line(parsed.feed.get("title"))
    return [_article(entry, publisher, path) for entry in parsed.entries]


@dataclass(frozen=True)
class FeedItem:
    """One item with the key that names it across polls: its guid or id, else its link, else a digest."""

    key: str
    article: Article


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def read_feed_items(data: bytes, *, label: str, content_type: str | None = None) -> Feed:
    """A polled feed's title and items, in feed order; a feed with no items yet is not an error,
    but a body that is no RSS or Atom at all is (SourceError)."""
    parsed = _parse(data, content_type)
    if not parsed.entries and not parsed.get("version"):
        raise SourceError(f"{label} is not an RSS or Atom feed; check the URL (is it the site's page?)")
    publisher = one_line(parsed.feed.get("title"))
    items = [FeedItem(_entry_key(entry), _article(entry, publisher, None)) for entry in parsed.entries]
    return Feed(publisher, items)


def _parse(data: bytes, content_type: str | None) -> Any:
    headers = {"content-type": content_type} if content_type else None
    # A stream, not bytes: feedparser would try bytes as a file name first.
    return feedparser.parse(io.BytesIO(data), response_headers=headers)


def _article(entry: Mapping[str, Any], publisher: str | None, path: str | None) -> Article:
    return Article(
        text=_entry_text(entry),
        path=path,
        url=web_url(entry.get("link")),
        title=_entry_title(entry),
        published=_entry_date(entry),
        publisher=publisher,
        author=one_line(entry.get("author")),
    )


def _entry_key(entry: Mapping[str, Any]) -> str:
    for name in ("id", "link"):
        value = " ".join(str(entry.get(name) or "").split())
        if value:
            return value[:2000]
    digest = hashlib.sha256(f"{entry.get('title', '')}\n{_entry_text(entry)}".encode()).hexdigest()
    return f"sha256:{digest}"


def markup_text(markup: str) -> str:
    """Text of an HTML fragment: paragraphs separated by blank lines, <br> and list items by newlines."""
    try:
        cleaned = markup.replace(_PARAGRAPH_MARK, "").replace(_LINE_MARK, "")
        root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    except (etree.ParserError, ValueError):  # empty or unparseable: no text to give
        return ""
    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    for element in root.iter():
        # Source newlines are only spaces in HTML; the marks added below are the real breaks.
        element.text = _spaced(element.text)
        element.tail = _spaced(element.tail)
        tag = element.tag if isinstance(element.tag, str) else ""
        mark = _PARAGRAPH_MARK if tag in _PARAGRAPH_TAGS else _LINE_MARK if tag in _LINE_TAGS else ""
        if mark and element is not root:
            element.text = mark + (element.text or "")
            element.tail = mark + (element.tail or "")
        elif tag in _CELL_TAGS:  # table cells sit side by side: keep their words apart
            element.tail = " " + (element.tail or "")
    paragraphs = []
    for chunk in root.text_content().split(_PARAGRAPH_MARK):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE_MARK))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _spaced(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text)


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The item's full content when it has one, else its summary, as plain text."""
    contents = [c for c in entry.get("content", []) if c.get("value")]
    detail = max(contents, key=lambda c: len(c["value"])) if contents else entry.get("summary_detail")
    if not detail or not detail.get("value"):
        return ""
    return _detail_text(detail)


def _entry_title(entry: Mapping[str, Any]) -> str | None:
    detail = entry.get("title_detail")
    return one_line(_detail_text(detail)) if detail and detail.get("value") else None


def _detail_text(detail: Mapping[str, Any]) -> str:
    value = str(detail["value"])
    if detail.get("type") in _HTML_TYPES:
        text = markup_text(value)
        # Some feeds escape their HTML twice (reddit's Atom feed did): one pass leaves tags as text.
        return markup_text(text) if _TAG.search(text) else text
    return "\n".join(line.rstrip() for line in value.strip().splitlines())


def _entry_date(entry: Mapping[str, Any]) -> date | None:
    """The day the item was published (or updated), as the feed's own clock wrote it."""
    for key in ("published", "updated"):
        local = _local_date(entry.get(key) or "")
        if local is not None:
            return local
        # feedparser's parsed form is in UTC, so it can be a day off; it is the fallback only.
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed is not None:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _local_date(raw: str) -> date | None:
    """The calendar day in an ISO 8601 or RFC 822 date string, in any of a few languages."""
    try:
        if iso := _ISO_DAY.match(raw):
            return date(*map(int, iso.groups()))
        if rfc := parsedate_tz(raw):
            return date(*rfc[:3])
        if found := _DAY_MONTH_YEAR.search(raw):
            day, month_name, year = found.groups()
            month = _MONTHS.get(month_name.casefold()[:4]) or _MONTHS.get(month_name.casefold()[:3])
            return date(int(year), month, int(day)) if month else None
    except (ValueError, OverflowError):  # a day that does not exist
        return None
    return None
