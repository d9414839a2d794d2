"""Plain-text articles: date line, headline, body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.errors import SourceEmpty, SourceError
from airdate.models import Article
from airdate.sources.text import parse_text, read_text

HEADLINE = "Harbor Lights Season 3 Gets a June Premiere"
BODY = (
    "Harbor Lights will return for a third season on June 5, the streamer confirmed on Tuesday.\n"
    "All eight episodes drop at once.\n\n"
    "Creator Mara Quint said the writers' room wrapped in January."
)


def read(path: Path) -> Article:
    return read_text(path.read_bytes(), label=str(path), path=str(path))


def test_seed_article_gives_title_date_and_body(shared: Path) -> None:
    path = shared / "seeds" / "000_1f41701463a85bd9.txt"
    article = read(path)
    assert article.title == "All of Us Are Dead Season 2 Countdown Begins: Cast, Plot, Streaming And More"
    assert article.published == date(2026, 2, 21)
    assert article.text.startswith("All of Us Are Dead Season 2 is building")
    assert article.path == str(path)
    assert article.url is None
    # the bullet list keeps its lines, so the extractor can take each as a unit
    assert "\n  • Returning cast includes Park Ji-hu and Yoon Chan-young.\n" in article.text


@pytest.mark.parametrize(
    ("name", "title", "published"),
    [
        ("dated-own-line.txt", HEADLINE, date(2025, 11, 3)),
        ("dated-month.txt", "Harbor Lights Season 3: Everything We Know", date(2025, 11, 1)),
        ("undated.txt", HEADLINE, None),
        ("undated-no-headline.txt", None, None),
        ("crlf.txt", HEADLINE, date(2025, 11, 3)),
        ("bom.txt", HEADLINE, date(2025, 11, 3)),
    ],
)
def test_fixture_gives_title_date_and_body(
    fixtures: Path, name: str, title: str | None, published: date | None
) -> None:
    article = read(fixtures / name)
    assert (article.title, article.published, article.text) == (title, published, BODY)


def test_crlf_fixture_really_has_crlf(fixtures: Path) -> None:
    # guards the test above against a checkout that rewrote the line endings
    assert b"\r\n" in (fixtures / "crlf.txt").read_bytes()


def test_cp1252_bytes_decode_to_accents_and_curly_quotes(fixtures: Path) -> None:
    article = read(fixtures / "cp1252.txt")
    assert article.title == "Café Noir Season 2 — “The Return” Arrives in März"
    assert article.text.startswith("The déjà-vu thriller Café Noir returns on March 6, 2026 — the streamer’s")
    assert "Naïve fans expected a résumé" in article.text


def test_body_keeps_line_and_paragraph_breaks() -> None:
    article = parse_text(f"date 2025-11-03\n\n{HEADLINE}\n\n\n{BODY}\n\n", label="t")
    assert article.text == BODY


def test_date_line_is_case_and_indent_tolerant() -> None:
    article = parse_text(f"\n\n   Date 2025-1-9   {HEADLINE}\n{BODY}", label="t")
    assert (article.published, article.title) == (date(2025, 1, 9), HEADLINE)


def test_impossible_date_gives_no_date_but_keeps_the_headline() -> None:
    article = parse_text(f" date 2025-02-30 {HEADLINE}\n\n{BODY}", label="t")
    assert (article.published, article.title, article.text) == (None, HEADLINE, BODY)


def test_first_line_ending_a_sentence_is_body() -> None:
    article = parse_text("Netflix confirmed the date.\n\nMore follows.", label="t")
    assert article.title is None
    assert article.text == "Netflix confirmed the date.\n\nMore follows."


def test_long_first_line_is_body() -> None:
    line = "word " * 50 + "no final period"
    article = parse_text(f"{line}\n\n{BODY}", label="t")
    assert article.title is None
    assert article.text.startswith("word word")


def test_single_line_is_body_without_title() -> None:
    assert parse_text("Harbor Lights returns in June", label="t") == Article(
        text="Harbor Lights returns in June"
    )


def test_date_line_with_headline_and_no_body_keeps_the_headline() -> None:
    article = parse_text(f" date 2025-11-03 {HEADLINE}\n", label="t")
    assert (article.title, article.text) == (HEADLINE, "")


def test_date_line_alone_is_empty() -> None:
    with pytest.raises(SourceEmpty, match="only a date line"):
        parse_text(" date 2025-11-03\n\n", label="only-date.txt")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\t\n", "\u2028\u2029".encode()])
def test_text_with_no_visible_characters_is_empty(data: bytes) -> None:
    with pytest.raises(SourceEmpty, match="blank.txt holds no text"):
        read_text(data, label="blank.txt")


@settings(deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_give_an_article_or_a_source_error(data: bytes) -> None:
    try:
        article = read_text(data, label="fuzz")
    except SourceError:
        return
    assert isinstance(article, Article)
    assert article.text or article.title


_LINE_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    title=st.text(_LINE_CHARS, min_size=1, max_size=80).filter(lambda t: t.strip()),
    body=st.lists(st.text(_LINE_CHARS, max_size=60), min_size=1, max_size=5).filter(
        lambda lines: any(line.strip() for line in lines)
    ),
    own_line=st.booleans(),
)
def test_dated_text_gives_its_date_headline_and_body(
    day: date, title: str, body: list[str], own_line: bool
) -> None:
    sep = "\n" if own_line else " "
    article = parse_text(f" date {day.isoformat()}{sep}{title}\n\n" + "\n".join(body), label="t")
    assert article.published == day
    assert article.title == title.strip()
    assert article.text == "\n".join(line.rstrip() for line in body).strip("\n")
