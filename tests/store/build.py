"""Builders for articles and extractions, made directly from airdate.models (no extractor)."""

from __future__ import annotations

import hashlib
from datetime import date

from airdate.models import Article, CastMember, Event, Extraction, Release, Window

EXTRACTOR = ("airdate.rules", "0.1.0")


def article(
    text: str = "Kingdom season 2 premieres in May.", day: str | None = "2026-02-01", **more: str
) -> Article:
    fields = {
        "path": f"/news/{hashlib.md5(text.encode()).hexdigest()[:8]}.txt",
        "title": text.split(".")[0],
        **more,
    }
    return Article(text=text, published=date.fromisoformat(day) if day else None, **fields)  # type: ignore[arg-type]


def window(start: str | None, end: str | None, certainty: str = "reported", text: str = "") -> Window:
    return Window(
        text=text or f"{start}..{end}",
        start=date.fromisoformat(start) if start else None,
        end=date.fromisoformat(end) if end else None,
        certainty=certainty,  # type: ignore[arg-type]
        sentence=f"It arrives {text or start}.",
    )


def release(
    title: str = "Kingdom",
    season: int | None = 2,
    *windows: Window,
    part: int | None = None,
    kind: str = "series",
    platforms: tuple[str, ...] = (),
    cast: tuple[CastMember, ...] = (),
    events: tuple[Event, ...] = (),
    characters: tuple[str, ...] = (),
) -> Release:
    return Release(
        title=title,
        season=season,
        part=part,
        kind=kind,  # type: ignore[arg-type]
        platforms=platforms,
        windows=windows,
        cast=cast,
        characters=characters,
        events=events,
    )


def extraction(a: Article, *releases: Release) -> Extraction:
    return Extraction(a, tuple(releases))
