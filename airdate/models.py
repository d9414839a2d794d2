"""Frozen dataclasses that flow between the stages: Article in, Release claims out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Certainty = Literal["confirmed", "reported", "speculated"]
CERTAINTY_RANK: dict[str, int] = {"confirmed": 3, "reported": 2, "speculated": 1}


@dataclass(frozen=True)
class Article:
    """One article as read from a source: its main text and what is known about it."""

    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    author: str | None = None


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) link, else None: a feed's `javascript:` or `data:` link is never kept or shown."""
    if not url:
        return None
    scheme = url.strip().partition(":")[0].lower()
    return url.strip() if scheme in ("http", "https") and "://" in url else None


@dataclass(frozen=True)
class Window:
    """A release window: an inclusive day range (either end may be open or unresolved)."""

    text: str
    start: date | None
    end: date | None
    certainty: Certainty
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "certainty": self.certainty,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class CastMember:
    actor: str
    character: str | None
    status: Literal["returning", "new", "leaving", "unknown"]
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "character": self.character,
            "status": self.status,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Event:
    type: str
    date: str | None
    certainty: Certainty
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "date": self.date, "certainty": self.certainty, "sentence": self.sentence}


@dataclass(frozen=True)
class Release:
    """What one article says about one upcoming (title, season, part)."""

    title: str
    season: int | None
    part: int | None
    kind: Literal["series", "film"]
    platforms: tuple[str, ...] = ()
    windows: tuple[Window, ...] = ()
    cast: tuple[CastMember, ...] = ()
    characters: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "season": self.season,
            "part": self.part,
            "kind": self.kind,
            "platforms": list(self.platforms),
            "windows": [w.to_json() for w in self.windows],
            "cast": [c.to_json() for c in self.cast],
            "characters": list(self.characters),
            "events": [e.to_json() for e in self.events],
        }


@dataclass(frozen=True)
class Extraction:
    """The extractor's result for one article."""

    article: Article
    releases: tuple[Release, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "source": {
                "path": a.path,
                "url": a.url,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "publisher": a.publisher,
                "author": a.author,
            },
            "releases": [r.to_json() for r in self.releases],
        }
