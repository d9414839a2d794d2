"""Quoted titles, including the mixed quotes real copy has (our own sentences)."""

from __future__ import annotations

import pytest

from airdate.extract.titles import quoted_titles


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        ("She will play Mira in “The Salt Road: A Winter Tale.”", ["The Salt Road: A Winter Tale"]),
        ("She will play Mira in “The Salt Road: A Winter Tale.\"", ["The Salt Road: A Winter Tale"]),
        ("The drama \"Quiet Harbor” returns in May.", ["Quiet Harbor"]),
        ("Both 'Glass Orchard' and \"Quiet Harbor\" are renewed.", ["Glass Orchard", "Quiet Harbor"]),
        # a single curly quote closed straight
        ("Mara Vey Is Coming Back For ‘Quiet Harbor 3' After 20 Years", ["Quiet Harbor 3"]),
        # an apostrophe before a decade opens and closes nothing
        ("Mara Vey Developing Reboot Of '80s Classic 'Glass Orchard'", ["Glass Orchard"]),
        ("The ’90s Comedy ‘That ’90s Harbor’ Returns", ["That ’90s Harbor"]),
        ("In the '90s, 'Quiet Harbor' ruled the '00s too", ["Quiet Harbor"]),
        ("'24' Returns With Season 10", ["24"]),
    ],
)
def test_quoted_titles(sentence: str, titles: list[str]) -> None:
    assert [m.title for m in quoted_titles(sentence)] == titles


def test_an_inch_mark_opens_no_title() -> None:
    # The straight quote after "55" is glued to a digit: a measure, not the start of a title.
    assert [m.title for m in quoted_titles("The 55\" screen shows “Quiet Harbor” in 4K.")] == ["Quiet Harbor"]
