"""The prefilter before the extractor: another language, or no film or series, costs little."""

from __future__ import annotations

import json

import pytest
from warckit import FIXTURES, GERMAN, OTHER_NEWS

from airdate.backfill import prefilter
from airdate.models import Article
from airdate.sources.html import read_html
from airdate.sources.text import read_text


def test_a_page_declared_in_another_language_is_dropped_before_parsing() -> None:
    assert prefilter.declared_language(GERMAN) == "de"
    assert prefilter.check_page(GERMAN) == prefilter.DROP_LANGUAGE
    assert prefilter.check_page(b'<html lang="en-GB"><body>x</body></html>') == prefilter.KEPT
    assert prefilter.check_page(b"<html><body>no lang</body></html>") == prefilter.KEPT


def test_text_in_another_language_is_dropped_after_parsing() -> None:
    page = GERMAN.replace(b'lang="de"', b'lang="en"')
    assert prefilter.check_page(page) == prefilter.KEPT
    article = read_html(page, label="de", url="https://zeitung.example.de/")
    article = Article(text=" ".join([article.text] * 3), title=article.title)
    assert prefilter.check_article(article) == prefilter.DROP_LANGUAGE


def test_a_short_english_headline_is_never_taken_for_another_language() -> None:
    # py3langid alone calls this Nigerian Pidgin; short texts are kept whatever it says
    article = Article(text="AMC Renews 'Dark Winds' for Season 2", title=None)
    assert prefilter.check_article(article) == prefilter.KEPT


def test_every_fixture_article_with_a_release_passes() -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if gold.get("releases"):
            article = read_text(path.read_bytes(), label=path.name)
            assert prefilter.check_article(article) == prefilter.KEPT, path.name


def test_news_without_a_topic_word_is_dropped_unless_the_gate_is_sure() -> None:
    (title, paragraphs) = OTHER_NEWS[2]  # a bakery's prize: no film, no series
    bakery = Article(text="\n\n".join(paragraphs), title=title)
    assert not prefilter.TOPIC.search(bakery.text)
    assert prefilter.check_article(bakery) == prefilter.DROP_TOPIC


def test_without_the_models_the_topic_words_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter.learned, "available", lambda: False)
    assert prefilter.about_screen(Article(text="The sequel opens in theaters in May.", title=None))
    assert not prefilter.about_screen(Article(text="The bakery won a prize for its bread.", title=None))
