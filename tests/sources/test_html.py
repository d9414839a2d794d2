"""HTML pages: main text and metadata, on our fixtures and on two public corpora."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from airdate.errors import SourceEmpty
from airdate.models import Article
from airdate.settings import Settings
from airdate.sources import read_bytes, read_source
from airdate.sources.html import read_html

# Floors for the median word-overlap F1 against each corpus's expected text. Measured
# 0.985 (newspaper3k, 124 pages) and 0.994 (scrapinghub, 181 pages); floors only move up.
NEWSPAPER3K_FLOOR = 0.97
SCRAPINGHUB_FLOOR = 0.98


def test_article_page_gives_main_text_and_metadata(fixtures: Path, settings: Settings) -> None:
    path = str(fixtures / "article.html")
    [article] = read_source(path, settings)
    assert article.title == "Harbor Lights Season 3 Gets a June Premiere"
    assert article.published == date(2025, 11, 3)
    assert (article.author, article.publisher) == ("Dana Whitcombe", "Screen Ledger")
    assert article.url == "https://screenledger.example/tv/harbor-lights-season-3-june"
    assert article.path == path
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Harbor Lights will return for a third season on June 5, 2026")
    assert "Who is back for season 3?" in paragraphs
    # a <br> is a line break inside its paragraph; list items are lines of one block
    assert (
        "Lena Ostrova returns as harbor master Ruth Callow, and Tomas Reyes is back as her estranged"
        " brother Eli.\nNewcomer Priya Anand joins the cast" in article.text
    )
    assert "- Lena Ostrova as Ruth Callow\n- Tomas Reyes as Eli Callow\n" in article.text
    for chrome in ("Newsletter", "Most read", "All rights reserved", article.title):
        assert chrome not in article.text


def test_page_in_windows_1252_is_decoded_by_its_meta_charset(fixtures: Path) -> None:
    data = (fixtures / "article-cp1252.html").read_bytes()
    assert b"\x97" in data  # an em dash in Windows-1252
    article = read_html(data, label="page")
    assert article.text.startswith("Café society favourite Harbor Lights — “the coastal noir” — will return")


def test_http_charset_wins_over_a_wrong_meta_charset(fixtures: Path) -> None:
    page = (fixtures / "article.html").read_text().replace('charset="utf-8"', 'charset="koi8-r"')
    page = page.replace("Harbor Lights will return", "Café Harbor Lights will return")
    article = read_html(page.encode("utf-8"), label="page", charset="utf-8")
    assert article.text.startswith("Café Harbor Lights will return")


def test_page_without_an_article_is_empty(fixtures: Path, settings: Settings) -> None:
    path = str(fixtures / "no-article.html")
    with pytest.raises(SourceEmpty) as caught:
        read_source(path, settings)
    assert str(caught.value) == f"no article text found in {path}; is this an article page?"


def test_html_fragment_reads_as_a_page() -> None:
    fragment = (
        b"<p>The third season of Harbor Lights premieres on June 5, 2026, the streamer said.</p>"
        b"<p>All eight episodes arrive at once.</p>"
    )
    [article] = read_bytes(fragment, label="fragment")
    assert article.text == (
        "The third season of Harbor Lights premieres on June 5, 2026, the streamer said.\n\n"
        "All eight episodes arrive at once."
    )


# --- the public corpora -------------------------------------------------------------


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def overlap_f1(got: str, expected: str) -> float:
    """F1 of the two texts' word multisets: 1.0 for the same words, 0.0 for none shared."""
    a, b = words(got), words(expected)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def read_or_none(path: Path) -> Article | None:
    """The page's article, or None when airdate finds no article (SourceEmpty, nothing else)."""
    try:
        [article] = read_source(str(path), Settings())
    except SourceEmpty:
        return None
    return article


def report(name: str, scores: list[float]) -> float:
    median = statistics.median(scores)
    print(f"\n{name}: {len(scores)} pages, word-overlap F1 median {median:.3f}, min {min(scores):.3f}")
    return median


@pytest.fixture(scope="module")
def newspaper3k(shared: Path) -> dict[str, Article | None]:
    pages = sorted((shared / "corpora" / "news-html" / "newspaper3k" / "html").glob("*.html"))
    assert len(pages) == 157
    return {page.stem: read_or_none(page) for page in pages}


def test_every_newspaper3k_page_reads_or_is_empty(newspaper3k: dict[str, Article | None]) -> None:
    empty = sorted(name for name, article in newspaper3k.items() if article is None)
    # a meta-refresh stub, and a page whose article JavaScript loads
    assert empty == ["google_meta_refresh", "readwrite.com1"]


def test_newspaper3k_main_text_matches_expected(shared: Path, newspaper3k: dict[str, Article | None]) -> None:
    scores = []
    for expected_path in sorted((shared / "corpora" / "news-html" / "newspaper3k" / "text").glob("*.txt")):
        expected = expected_path.read_text(encoding="utf-8")
        # Some files hold no expected text but a reviewer's note in capitals ("MISSED LAST PARAGRAPH").
        if not expected.strip() or expected == expected.upper():
            continue
        if expected_path.stem in newspaper3k:
            article = newspaper3k[expected_path.stem]
            scores.append(overlap_f1(article.text if article else "", expected))
    assert len(scores) == 124
    assert report("newspaper3k", scores) >= NEWSPAPER3K_FLOOR


def test_scrapinghub_main_text_matches_ground_truth(shared: Path) -> None:
    corpus = shared / "corpora" / "news-html" / "scrapinghub-aeb"
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for sha, expected in truth.items():
        article = read_or_none(corpus / "html" / f"{sha}.html")
        assert article is not None, f"{sha}: every scrapinghub page is an article"
        scores.append(overlap_f1(article.text, expected["articleBody"]))
    assert len(scores) == 181
    assert report("scrapinghub-aeb", scores) >= SCRAPINGHUB_FLOOR
