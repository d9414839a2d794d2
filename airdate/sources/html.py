"""HTML pages: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import warnings
from datetime import date

import trafilatura
from lxml import etree
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from airdate.errors import SourceEmpty, SourceError
from airdate.models import Article, web_url
from airdate.sources.charsets import decode, markup_charset
from airdate.sources.text import one_line

# On a page with no article trafilatura falls back to menus and link lists, which come out
# as short lines; an article has at least one sentence-length line.
_PROSE_LINE = 40


def read_html(
    data: bytes,
    *,
    label: str,
    path: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """The page's main text (paragraphs separated by blank lines) and metadata; charset from HTTP."""
    markup = decode(data, charset, markup_charset(data))
    try:
        with warnings.catch_warnings():
            # dateutil warns about zones like "EST" in page dates; the day is all airdate keeps.
            warnings.filterwarnings("ignore", message="tzname")
            doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise SourceError(f"could not parse the HTML in {label} ({err}); is this a web page?") from None
    if not isinstance(doc, Document) or doc.body is None:
        raise SourceEmpty(f"no article text found in {label}; is this an article page?")
    title = one_line(doc.title)
    text = _body_text(doc.body, title)
    if not any(len(line) >= _PROSE_LINE for line in text.splitlines()):
        raise SourceEmpty(f"no article text found in {label}; is this an article page?")
    return Article(
        text=text,
        path=path,
        url=web_url(doc.url or url),
        title=title,
        published=_parse_date(doc.date),
        publisher=one_line(doc.sitename),
        author=one_line(doc.author),
    )


def _body_text(body: etree._Element, title: str | None) -> str:
    """One block per paragraph, heading, list or table, separated by blank lines."""
    blocks = []
    for element in body:
        lines = (line.strip() for line in xmltotxt(element, False).splitlines())
        # lines without a letter or digit are rules and empty table rows ("|  |")
        block = "\n".join(line for line in lines if any(char.isalnum() for char in line))
        if block:
            blocks.append(block)
    # Pages often repeat the headline as the first heading; the body goes without it.
    if blocks and title and _squash(blocks[0]) == _squash(title):
        blocks.pop(0)
    return "\n\n".join(blocks)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
