"""The platform gazetteer: services beyond the big US streamers, and a renamed service spelled as it was
called on the article's date."""

from __future__ import annotations

from datetime import date

import pytest

from airdate.extract.pipeline import Extractor
from airdate.extract.platforms import find_platforms
from airdate.models import Article


@pytest.mark.parametrize(
    ("sentence", "day", "names"),
    [
        ("The Lagos drama returns on Showmax from Friday, March 10.", date(2023, 3, 1), ["Showmax"]),
        ("It airs on MBC Masr, then on MBC 1 a day later.", date(2026, 2, 1), ["MBC Masr", "MBC 1"]),
        ("The lakorn moves to GMM25 in October.", date(2024, 9, 1), ["GMM25"]),
        ("The film comes to JioCinema in May.", date(2024, 1, 10), ["JioCinema"]),
        ("The film comes to JioCinema in May.", date(2025, 3, 1), ["JioHotstar"]),
        ("The comedy moves to CBS All Access this fall.", date(2020, 6, 1), ["CBS All Access"]),
        ("The comedy moves to CBS All Access this fall.", date(2021, 6, 1), ["Paramount+"]),
        ("Season 2 lands on Epix in April.", date(2021, 1, 5), ["Epix"]),
        ("Season 2 lands on Epix in April.", date(2023, 3, 1), ["MGM+"]),
        ("It streams on Disney+ Hotstar and on Disney+ abroad.", date(2023, 1, 1), ["Disney+ Hotstar", "Disney+"]),
        ("The spin-off heads to CBeebies, and the original to BBC Four.", date(2024, 1, 1), ["CBeebies", "BBC Four"]),
    ],
)
def test_a_service_is_named_as_it_was_called_that_day(sentence: str, day: date, names: list[str]) -> None:
    assert [m.name for m in find_platforms(sentence, day)] == names


def test_a_service_is_a_platform_not_a_title() -> None:
    text = ("Showmax's biggest Nigerian original returns for its second season on Friday, March 10, with a new "
            "episode every Friday. Over in Kenya, Showmax's Matatu Kings has been renewed for a third season. "
            "No date yet, but it could land before the end of the year.")
    found = Extractor().extract(Article(text=text, title="Nollywood on the streamers", published=date(2023, 2, 20)))
    assert "Showmax" not in {r.title for r in found.releases}
    assert ("Matatu Kings", 3, ("Showmax",)) in {(r.title, r.season, tuple(r.platforms)) for r in found.releases}
