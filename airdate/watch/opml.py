"""OPML subscription lists: what feed readers import and export (OPML 2.0, opml.org/spec2).

Reading walks every <outline> at any depth (readers nest feeds in folders) and keeps those
with an xmlUrl. The parser loads no DTD, expands no entity and fetches nothing. airdate's own
settings travel as attributes in its namespace (`airdate:every="30m"`,
`airdate:fullText="true"`), which other readers ignore.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from airdate.errors import OpmlError, UsageError
from airdate.models import web_url
from airdate.store.subscriptions import Feed
from airdate.watch.timing import format_every, parse_every

NS = "urn:airdate:opml"
_EVERY, _FULL_TEXT = f"{{{NS}}}every", f"{{{NS}}}fullText"
# Characters XML 1.0 cannot hold (a feed's title may carry them); lxml refuses to write them.
_XML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str | None = None
    every: int | None = None  # seconds; None: the importer's default
    full_text: bool | None = None


def read_opml(data: bytes, *, label: str) -> list[Subscription]:
    """The feeds an OPML file lists, in document order, each URL once; OpmlError says why not."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise OpmlError(f"{label} is not well-formed XML ({e.msg}); pass an OPML file a feed reader exported") from None
    if root is None or not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise OpmlError(f"{label} is XML but not OPML (its root is not <opml>); pass a feed reader's OPML export")
    body = next((e for e in root if isinstance(e.tag, str) and e.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError(f"{label} has no <body>, so no feeds; pass a feed reader's OPML export")
    found: dict[str, Subscription] = {}
    for outline in body.iter("outline"):
        # Readers differ in case ("xmlUrl", "xmlurl"); namespaced names keep theirs.
        attrs = {str(k) if str(k).startswith("{") else str(k).lower(): str(v) for k, v in outline.attrib.items()}
        raw = (attrs.get("xmlurl") or "").strip()
        if not raw:
            continue  # a folder, or a link that is not a feed
        title = " ".join((attrs.get("title") or attrs.get("text") or "").split()) or None
        url = web_url(raw)
        if url is None:
            raise OpmlError(
                f"{label}: the outline {title or raw!r} has xmlUrl {raw[:200]!r}, not an http(s) URL; fix or remove it"
            )
        every = _every(attrs.get(_EVERY), label, url)
        found.setdefault(url, Subscription(url, title, every, _flag(attrs.get(_FULL_TEXT))))
    if not found:
        raise OpmlError(f"{label} lists no feeds (no <outline> has an xmlUrl); pass a feed reader's OPML export")
    return list(found.values())


def write_opml(feeds: Sequence[Feed], *, at: datetime | None = None, title: str = "airdate feeds") -> bytes:
    """An OPML 2.0 document with one outline per feed, airdate's settings in its namespace."""
    root = etree.Element("opml", version="2.0", nsmap={"airdate": NS})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(at or datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        name = _XML_UNSAFE.sub("", feed.title or "") or feed.url
        outline = etree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
        outline.set(_EVERY, format_every(feed.every))
        outline.set(_FULL_TEXT, "true" if feed.full_text else "false")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _every(value: str | None, label: str, url: str) -> int | None:
    if not value:
        return None
    try:
        return parse_every(value)
    except UsageError:  # which speaks of --every; this names the file and the feed
        raise OpmlError(f"{label}: the feed {url} has airdate:every={value!r}, not an interval like 30m or 2h") from None


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in ("true", "1", "yes")
