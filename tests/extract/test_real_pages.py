"""Every real news page in ../shared/corpora/news-html reads and extracts without an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from airdate.errors import SourceEmpty
from airdate.extract.pipeline import Extractor
from airdate.settings import Settings
from airdate.sources import read_source


def test_every_news_page_extracts_to_valid_json(shared: Path) -> None:
    pages = sorted((shared / "corpora" / "news-html").glob("*/html/*.html"))
    assert len(pages) > 300
    extractor = Extractor()
    extracted = empty = 0
    for page in pages:
        try:
            articles = read_source(str(page), Settings())
        except SourceEmpty:
            empty += 1  # a page with no article in it: the reader's clean error
            continue
        for article in articles:
            doc = json.loads(json.dumps(extractor.extract(article).to_json()))
            for release in doc["releases"]:
                for w in release["windows"]:
                    assert w["certainty"] in ("confirmed", "reported", "speculated")
                    if w["start"] and w["end"]:
                        assert w["start"] <= w["end"], (page.name, w)
            extracted += 1
    print(f"{extracted} pages extracted, {empty} without an article")
    assert empty <= 5


@pytest.mark.parametrize("feed", ["guardian.rss", "heise.atom", "uolNoticias.rss", "reddit.rss", "reddit-atom.rss"])
def test_every_real_feed_item_extracts(shared: Path, feed: str) -> None:
    extractor = Extractor()
    articles = read_source(str(shared / "corpora" / "rss-feeds" / feed), Settings())
    assert articles
    for article in articles:
        json.dumps(extractor.extract(article).to_json())
