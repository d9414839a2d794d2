"""Which reader a source needs, told from its first bytes (a content type only breaks ties)."""

from __future__ import annotations

import re
from typing import Literal

from airdate.sources.charsets import bom_encoding

Format = Literal["feed", "html", "text"]

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
# A lone <item> or <entry>, after any XML declaration or comments: feedparser reads those too.
_FEED_FRAGMENT = re.compile(r"(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:item|entry)[\s>]", re.IGNORECASE | re.DOTALL)
_HTML_MARK = re.compile(r"<(?:html|body)[\s>]|<!doctype\s+html", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div)[\s>]", re.IGNORECASE)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def sniff_format(data: bytes, content_type: str | None = None) -> Format:
    """Feed, HTML or plain text, by content; content_type decides only when the content does not."""
    head = _peek(data, 16384)
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        feed = _FEED_ROOT.search(head, 0, 2048)
        html = _HTML_MARK.search(head, 0, 2048)
        if feed and not (html and html.start() < feed.start()):
            return "feed"
        if _FEED_FRAGMENT.match(start):
            return "feed"
    if _HTML_MARK.search(head) or len(_BLOCK_TAG.findall(head)) >= 2:
        return "html"
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _FEED_TYPES:
        return "feed"
    if media in _HTML_TYPES:
        return "html"
    return "text"


def _peek(data: bytes, size: int) -> str:
    """The first bytes as text, good enough to find ASCII markup in any common encoding."""
    encoding = bom_encoding(data)
    if encoding is not None:
        # the cut may split a character; drop it rather than fail
        return data[: size * 4].decode(encoding, errors="ignore")
    return data[:size].decode("latin-1")
