"""Which titles an article makes releases of: cases the gold corpora rarely hold (our own headlines)."""

from __future__ import annotations

from datetime import date

import pytest

from airdate.extract.pipeline import Extractor
from airdate.models import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def releases(extractor: Extractor, headline: str) -> list[tuple[str, int | None]]:
    found = extractor.extract(Article(text=headline, title=headline, published=date(2026, 6, 1)))
    return [(r.title, r.season) for r in found.releases]


def test_wrapped_filming_is_a_screen_release(extractor: Extractor) -> None:
    assert releases(extractor, "Hana Ueda's 'The Glass Orchard' Wraps Filming") == [("The Glass Orchard", None)]


def test_a_new_teaser_headline_is_an_upcoming_release(extractor: Extractor) -> None:
    assert releases(extractor, "A New And Frankly Strange Teaser For 'Quiet Harbor' Has Arrived") == [
        ("Quiet Harbor", None)
    ]


def test_a_song_is_not_a_release(extractor: Extractor) -> None:
    assert releases(extractor, "Singer Mara Vey Drops New Song 'Quiet Harbor' Ahead Of Her Tour") == []
