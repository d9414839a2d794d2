"""RSS and Atom feeds: one Article per item, in feed order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from airdate.errors import SourceEmpty
from airdate.models import Article
from airdate.settings import Settings
from airdate.sources import read_source
from airdate.sources.feeds import markup_text


def read(path: Path) -> list[Article]:
    return read_source(str(path), Settings())


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("guardian.rss", 55),
        ("heise.atom", 15),
        ("uolNoticias.rss", 15),
        ("reddit.rss", 24),
        ("reddit-atom.rss", 24),
    ],
)
def test_corpus_feed_gives_one_article_per_item(shared: Path, name: str, count: int) -> None:
    articles = read(shared / "corpora" / "rss-feeds" / name)
    assert len(articles) == count
    assert all(article.title and article.url for article in articles)
    assert not any("<" in article.text or "\ufffd" in article.text for article in articles)


def test_guardian_items_carry_text_date_author_and_publisher(shared: Path) -> None:
    first = read(shared / "corpora" / "rss-feeds" / "guardian.rss")[0]
    assert first.title == "Trump State of the Union address promised unity but emphasized discord"
    assert first.url == (
        "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord"
    )
    assert (first.published, first.author, first.publisher) == (
        date(2018, 1, 31),
        "David Smith in Washington",
        "The Guardian",
    )
    assert first.text.startswith(
        "The president’s ‘new American moment’ speech stirred Republican applause while Democrats"
        " showed thinly disguised contempt\n\nDonald Trump has promised"
    )


def test_latin1_feed_without_declaration_decodes_portuguese(shared: Path) -> None:
    articles = read(shared / "corpora" / "rss-feeds" / "uolNoticias.rss")
    first = articles[0]
    assert first.title == "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"
    assert first.text.startswith("Líder na pesquisa Ibope de intenção de voto")
    assert first.publisher == "UOL Noticias"
    # "Seg, 24 Set 2018" is a Portuguese date feedparser cannot read; airdate can
    assert {article.published for article in articles} == {date(2018, 9, 24)}


def test_atom_feed_decodes_german(shared: Path) -> None:
    first = read(shared / "corpora" / "rss-feeds" / "heise.atom")[0]
    assert first.title == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei"
    assert first.text.startswith("Die nun verfügbare Version 10 des Enterprise-Java-Servers")
    assert (first.published, first.publisher) == (date(2016, 2, 1), "heise developer neueste Meldungen")


def test_rss_fixture_items_in_order(fixtures: Path) -> None:
    path = fixtures / "feed.rss"
    premiere, renewal, trailer = read(path)
    assert premiere == Article(
        # content:encoded wins over the shorter description; <script> is dropped
        text=(
            "Harbor Lights will return for a third season on June 5, 2026, the streamer confirmed.\n\n"
            "All eight episodes drop at once.\nFilming wrapped in Nova Scotia."
        ),
        path=str(path),
        url="https://screenledger.example/tv/harbor-lights-season-3-june",
        title="Harbor Lights Season 3 Gets a June Premiere",
        # 22:30 at -0800 is already March 7 in UTC; the article's own day is the 6th
        published=date(2026, 3, 6),
        publisher="Screen Ledger: TV",
        author="Dana Whitcombe",
    )
    assert (renewal.title, renewal.text) == (
        "Café Noir renewed for season 2",
        "The déjà-vu thriller is back in early 2027.",
    )
    assert renewal.published == date(2026, 3, 5)
    assert (trailer.title, trailer.text, trailer.published) == ("Trailer: The Glasshouse", "", None)


def test_atom_fixture_entries(fixtures: Path) -> None:
    moved, wrapped = read(fixtures / "feed.atom")
    assert moved.title == "Ribbonfish 2 moves to November"  # an HTML title, as text
    assert moved.text == "The sequel now opens on November 20, 2026.\n\nIt had been set for May."
    assert (moved.author, moved.publisher, moved.published) == (
        "Ines Barros",
        "Screen Ledger: Film",
        date(2026, 3, 6),
    )
    assert moved.url == "https://screenledger.example/film/ribbonfish-2-november"
    assert (wrapped.text, wrapped.published) == (
        "Production on The Understudy wrapped in Prague.",
        date(2026, 3, 2),
    )


@pytest.mark.parametrize(
    ("name", "title", "text", "published"),
    [
        (
            "item.xml",
            "Nightjar renewed for a fourth season",
            "Nightjar will return in 2027.",
            date(2026, 2, 2),
        ),
        (
            "entry.atom",
            "Salt Road gets a series order",
            "Salt Road will premiere in late 2026.",
            date(2026, 1, 15),
        ),
    ],
)
def test_lone_item_or_entry_reads_as_a_one_item_feed(
    fixtures: Path, name: str, title: str, text: str, published: date
) -> None:
    [article] = read(fixtures / name)
    assert (article.title, article.text, article.published) == (title, text, published)


def test_feed_without_items_is_empty(fixtures: Path) -> None:
    path = fixtures / "empty-feed.rss"
    with pytest.raises(SourceEmpty, match="no items found in the feed .*empty-feed.rss"):
        read(path)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One  \n paragraph</p><p>Two<br>lines</p>", "One paragraph\n\nTwo\nlines"),
        ("Loose <b>text</b> then <ul><li>a</li><li>b</li></ul> tail", "Loose text then\n\na\nb\n\ntail"),
        (
            "<table><tr><td>Cast</td><td>Role</td></tr><tr><td>Lena</td><td>Ruth</td></tr></table>",
            "Cast Role\nLena Ruth",
        ),
        ("<style>p {}</style><!-- note --><p>Only this &amp; that</p>", "Only this & that"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_markup_text(markup: str, text: str) -> None:
    assert markup_text(markup) == text


def test_only_http_links_are_kept_from_a_feed(tmp_path: Path, settings: Settings) -> None:
    feed = tmp_path / "feed.xml"
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link><description>Quiet Hours season 2 premieres May 8.</description></item>"
        for i, link in enumerate(["javascript:alert(1)", "data:text/html,&lt;b&gt;x", "https://news.example/a", " JavaScript:x"])
    )
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    assert [a.url for a in read_source(str(feed), settings)] == [None, None, "https://news.example/a", None]
