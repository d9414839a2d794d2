"""Cast phrasing, sentence by sentence: actor → character, and what must not read as cast (our own sentences)."""

from __future__ import annotations

import pytest

from airdate.extract.cast import find_cast


@pytest.mark.parametrize(
    ("sentence", "titlecase", "expected"),
    [
        ("Marisol Vega-Hart returns as Nell Corrigan.", False, [("Marisol Vega-Hart", "Nell Corrigan", "returning")]),
        (
            "Viewers will finally see Tamsin Rye and Odile Barrow Pike playing Queen Matilda and Lady Agnes, respectively.",
            False,
            [("Tamsin Rye", "Queen Matilda", "unknown"), ("Odile Barrow Pike", "Lady Agnes", "unknown")],
        ),
        (
            "In Hulu's 'Glass Orchard,' Petra Lind And Omar Sayed Head For The Coast",
            True,
            [("Petra Lind", None, "unknown"), ("Omar Sayed", None, "unknown")],
        ),
        ("In 'Dry Creek,' Walt Brenner Takes A Long Drive Home", True, [("Walt Brenner", None, "unknown")]),
        (
            "Rowan Pell is back as the cheerful ferry captain who runs the island's only pub.",
            False,
            [("Rowan Pell", None, "returning")],
        ),
        ("The comedy also stars Ines Moreau and Dev Kapoor.", False,
         [("Ines Moreau", None, "unknown"), ("Dev Kapoor", None, "unknown")]),  # fmt: skip
    ],
)
def test_cast_phrasings(sentence: str, titlecase: bool, expected: list[tuple[str, str | None, str]]) -> None:
    found, _ = find_cast(sentence, titlecase=titlecase)
    assert [(f.actor, f.character, f.status) for f in found] == expected


@pytest.mark.parametrize(
    ("sentence", "titlecase"),
    [
        ("In 'Harbor Lights,' Netflix Reveals A New Villain", True),  # a platform, not a person
        ("In 'Harbor Lights' Season 3, The Storm Finally Arrives", True),  # no name after the title
        ("The two leads, playing rivals and lovers, respectively, never meet.", False),
        ("Sales rose in March and April, respectively.", False),
    ],
)
def test_no_cast_where_none_is_named(sentence: str, titlecase: bool) -> None:
    found, _ = find_cast(sentence, titlecase=titlecase)
    assert found == []
