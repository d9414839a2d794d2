"""Title identity and content digests."""

from __future__ import annotations

import pytest

from airdate.store import Identity, content_digest, release_identity


@pytest.mark.parametrize(
    ("title", "season", "part", "expected"),
    [
        ("All of Us Are Dead", 2, None, Identity("all of us are dead", 2, None)),
        ("ALL OF US ARE DEAD Season 2", None, None, Identity("all of us are dead", 2, None)),
        ("‘All of Us Are Dead’ second season", None, None, Identity("all of us are dead", 2, None)),
        ("All of Us Are Dead S2", None, None, Identity("all of us are dead", 2, None)),
        ("All of Us Are Dead: Season Two", None, None, Identity("all of us are dead", 2, None)),
        ("The Witcher", 4, None, Identity("witcher", 4, None)),
        ("Witcher!", 4, None, Identity("witcher", 4, None)),
        ("“The Witcher” – The Fourth Season", None, None, Identity("witcher", 4, None)),
        ("Arcane Part 2", None, None, Identity("arcane", None, 2)),
        ("Bridgerton Season 4 Part 1", None, None, Identity("bridgerton", 4, 1)),
        ("Pokémon Horizons", None, None, Identity("pokemon horizons", None, None)),
        ("Dr. Romantic 2", None, None, Identity("dr romantic 2", None, None)),
        (
            "A Series of Unfortunate Events",
            None,
            None,
            Identity("a series of unfortunate events", None, None),
        ),
    ],
)
def test_release_identity(title: str, season: int | None, part: int | None, expected: Identity) -> None:
    assert release_identity(title, season, part) == expected


def test_a_given_season_wins_over_the_title() -> None:
    assert release_identity("Kingdom Season 2", 3) == Identity("kingdom", 3, None)


def test_content_digest_ignores_case_and_whitespace() -> None:
    assert content_digest("Kingdom", "Season 2  is\n\ncoming.") == content_digest(
        "KINGDOM", " season 2 is coming. "
    )
    assert content_digest("Kingdom", "Season 2 is coming.") != content_digest(
        "Kingdom", "Season 3 is coming."
    )
