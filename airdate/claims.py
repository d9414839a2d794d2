"""Claims with their evidence: what one article says about one release, and where it said it.

The store builds these from its rows; `airdate.reconcile` turns a release's claims into
its current state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any, Generic, TypeVar, overload
from urllib.parse import urlsplit

from airdate.models import CERTAINTY_RANK, Certainty, web_url

# Wording that says a date moved (rule 1a of airdate.reconcile).
MOVE_WORDS = re.compile(
    r"\b(?:push(?:ed|es|ing)?\s+(?:back|to|into|out|from)|pushed|mov(?:ed|es|ing)\s+(?:back|up|to|from|into|out)|"
    r"instead\s+of|postpon\w+|delay(?:ed|s)?|reschedul\w+|bumped|shifted\s+(?:back|to|from)|slipped\s+to|"
    r"no\s+longer)\b",
    re.IGNORECASE,
)
# A piece of each alternative above, without an "i" (which "ı" and "İ" match ignoring case but do not
# casefold to): a sentence holding none of them cannot match, and most sentences hold none, so the
# regular expression (about 8 µs a sentence) runs on few of a release's thousands of claims.
MOVE_PIECES = re.compile("push|mov|nstead|postpon|delay|reschedul|bumped|fted|pped|longer")

Owner = TypeVar("Owner")
Value = TypeVar("Value")


class kept(Generic[Owner, Value]):  # noqa: N801 - used as a decorator, like cached_property
    """`functools.cached_property` without its lock (3.11 takes one on every first read), for frozen
    dataclasses that reconcile reads thousands of times: computed on first read, then a plain attribute."""

    def __init__(self, compute: Callable[[Owner], Value]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type[Owner], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type[Owner] | None = None) -> kept[Owner, Value]: ...
    @overload
    def __get__(self, obj: Owner, owner: type[Owner] | None = None) -> Value: ...
    def __get__(self, obj: Owner | None, owner: type[Owner] | None = None) -> Value | kept[Owner, Value]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


@dataclass(frozen=True)
class Source:
    """The article a claim came from."""

    article_id: int
    published: date | None
    publisher: str | None = None
    headline: str | None = None
    path: str | None = None
    url: str | None = None
    digest: str = ""  # content hash: a tiebreak that does not depend on ingest order
    by: str | None = None  # who set it by hand: a manual source (airdate.store.curation), not an article
    schedule: bool = False  # an official schedule (airdate.schedules), not an article: `publisher` names it

    @property
    def manual(self) -> bool:
        return self.by is not None

    @property
    def kind(self) -> str:
        """What the source is: "article", "manual" (set by hand) or "schedule" (an official schedule)."""
        return "manual" if self.by is not None else "schedule" if self.schedule else "article"

    @kept
    def order(self) -> tuple[date, str, int]:
        return (self.published or date.min, self.digest, self.article_id)

    @classmethod
    def of_row(
        cls, article_id: int, published: date | None, publisher: str | None, headline: str | None,
        path: str | None, url: str | None, digest: str,
    ) -> Source:
        """An article's source as the store reads it: the constructor without a frozen dataclass's
        setattr per field, a third of the cost of loading a release with thousands of articles."""
        source = object.__new__(cls)
        source.__dict__.update(article_id=article_id, published=published, publisher=publisher, headline=headline,
                               path=path, url=url, digest=digest, by=None, schedule=False,
                               order=(published or date.min, digest, article_id))  # `order`, kept  # fmt: skip
        return source

    def __hash__(self) -> int:
        # Equal sources share their article id; hashing it alone keeps the sets and dicts that
        # reconcile builds of a release's thousands of sources cheap (issue 11).
        return hash(self.article_id)

    @kept
    def label(self) -> str:
        """How the source is named to a reader: publisher, site, file name, headline."""
        if self.by is not None:
            return f"set by hand by {self.by}"
        if self.publisher:
            return self.publisher
        host = urlsplit(self.url).hostname if self.url else None
        if host:
            return host.removeprefix("www.")
        if self.path:
            return PurePath(self.path).name
        return self.headline or f"article {self.article_id}"

    @kept
    def outlet(self) -> str:
        """Who said it, for conflicts: an unknown outlet is only ever itself."""
        if self.publisher:
            return self.publisher.casefold()
        host = urlsplit(self.url).hostname if self.url else None
        return host.removeprefix("www.") if host else f"#{self.digest or self.article_id}"

    @property
    def link(self) -> str | None:
        """The article's address if it is an http(s) link: stores written before links were checked may hold others."""
        return web_url(self.url)

    @property
    def citation(self) -> str:
        """One line naming the article for a reader: headline, source, day, link."""
        when = self.published.isoformat() if self.published else "undated"
        head = f"{self.headline} — " if self.headline else ""
        return f"{head}{self.label}, {when}" + (f" {self.link}" if self.link else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "label": self.label,
            "path": self.path,
            "url": self.link,
            "headline": self.headline,
            "publisher": self.publisher,
            "published": _iso(self.published),
            **({"manual": True, "by": self.by} if self.by is not None else {}),
            **({"kind": "schedule"} if self.schedule else {}),
        }


@dataclass(frozen=True)
class WindowClaim:
    """One release window as one article states it."""

    start: date | None
    end: date | None
    certainty: Certainty
    text: str
    sentence: str
    source: Source
    moved: bool = False  # the statement says the date moved (also read from the sentence)

    @property
    def published(self) -> date | None:
        return self.source.published

    @classmethod
    def of_row(
        cls, start: date | None, end: date | None, certainty: Certainty, text: str, sentence: str, source: Source
    ) -> WindowClaim:
        """A window as the store reads it, built as `Source.of_row` is."""
        claim = object.__new__(cls)
        claim.__dict__.update(start=start, end=end, certainty=certainty, text=text, sentence=sentence, source=source,
                              moved=False)  # fmt: skip
        return claim

    @kept
    def says_moved(self) -> bool:
        if self.moved:
            return True
        return bool(MOVE_PIECES.search(self.sentence.casefold()) and MOVE_WORDS.search(self.sentence))

    # Kept once per claim: reconcile sorts and indexes a release's claims in several passes.
    @kept
    def span(self) -> tuple[int, int]:
        """The range as day ordinals; an open end is the first or last day there is."""
        return (self.start or date.min).toordinal(), (self.end or date.max).toordinal()

    @kept
    def sort_key(self) -> tuple[Any, ...]:
        """Publication (day, digest, article), range, surest first, wording: the order of rule 4's ties."""
        return (self.source.order, self.start or date.min, self.end or date.max, -CERTAINTY_RANK[self.certainty],
                self.text, self.sentence)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "certainty": self.certainty,
            "text": self.text,
            "sentence": self.sentence,
            "source": self.source.to_json(),
        }


@dataclass(frozen=True)
class EventClaim:
    type: str
    date: str | None
    certainty: Certainty
    sentence: str
    source: Source

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "certainty": self.certainty,
            "sentence": self.sentence,
            "source": self.source.to_json(),
        }


@dataclass(frozen=True)
class NameClaim:
    """A platform or a character named for the release."""

    name: str
    source: Source


@dataclass(frozen=True)
class CastClaim:
    actor: str
    character: str | None
    status: str
    sentence: str
    source: Source


@dataclass(frozen=True)
class ReleaseInfo:
    id: int
    title: str
    season: int | None
    part: int | None
    kind: str


@dataclass(frozen=True)
class ReleaseClaims:
    """Everything stored about one release: reconcile's input."""

    release: ReleaseInfo
    windows: tuple[WindowClaim, ...] = ()
    events: tuple[EventClaim, ...] = ()
    platforms: tuple[NameClaim, ...] = ()
    cast: tuple[CastClaim, ...] = ()
    characters: tuple[NameClaim, ...] = ()


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
