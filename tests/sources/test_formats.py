"""Telling feeds, HTML and plain text apart by content."""

from __future__ import annotations

import pytest

from airdate.sources.formats import sniff_format


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>',
        b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>',
        b"<!-- one item --><item><title>x</title></item>",
        b'<?xml version="1.0"?>\n<entry xmlns="http://www.w3.org/2005/Atom"></entry>',
        '<?xml version="1.0" encoding="utf-16"?><rss></rss>'.encode("utf-16"),
    ],
)
def test_feeds(data: bytes) -> None:
    assert sniff_format(data) == "feed"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><title>x</title>",
        b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>',
        b"  <body><p>Only a body.</p></body>",
        b"<p>First paragraph.</p>\n<p>Second paragraph.</p>",
        b"<div><span>Fragment</span></div><div>More</div>",
        # an HTML page that links its feed is still a page
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"><body><feed >',
    ],
)
def test_html(data: bytes) -> None:
    assert sniff_format(data) == "html"


@pytest.mark.parametrize(
    "data",
    [
        b" date 2026-02-21 Headline\n\nBody.",
        b"A story that quotes one <p> tag and mentions <rss in passing.",
        b"",
    ],
)
def test_plain_text(data: bytes) -> None:
    assert sniff_format(data) == "text"


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [
        ("text/html; charset=utf-8", "html"),
        ("application/rss+xml", "feed"),
        ("text/plain", "text"),
        (None, "text"),
    ],
)
def test_content_type_decides_only_when_content_does_not(content_type: str | None, kind: str) -> None:
    assert sniff_format(b"<p>One short paragraph.</p>", content_type) == kind
    assert sniff_format(b"<!doctype html><p>x</p>", content_type) == "html"
