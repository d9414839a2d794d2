"""Production events as writers phrase them (our own sentences)."""

from __future__ import annotations

import pytest

from airdate.extract.events import find_events


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Filming on the second season of Quiet Harbor has wrapped in Oaxaca.", {"filming_wrapped"}),
        ("Filming of season two finished in February.", {"filming_wrapped"}),
        ("Filming on the musical wrapped in May, before the strike began.", {"filming_wrapped"}),
        ("The telenovela finished shooting in November.", {"filming_wrapped"}),
        ("The Cornish family drama has been filming since September.", {"filming_started"}),
        ("Filming in Boyacá and Bogotá began in February.", {"filming_started"}),
        ("Wrapped in May after a shoot that began in February.", {"filming_started"}),
        ("The show is about filming a movie on a farm.", set()),
        ("Filming on the second season will begin in March.", set()),
    ],
)
def test_filming_events(sentence: str, kinds: set[str]) -> None:
    assert {k for k, _ in find_events(sentence)} == kinds
