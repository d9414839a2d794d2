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
        # headlines in the present tense
        ("Filming Wraps On Quiet Harbor Season Two", {"filming_wrapped"}),
        ("Production Begins On 'Quiet Harbor' Season 3", {"filming_started"}),
        # prose's present tense is a time to come
        ("Filming begins in Budapest this month.", set()),
        ("Filming begins on Monday in Leeds.", set()),
    ],
)
def test_filming_events(sentence: str, kinds: set[str]) -> None:
    assert {k for k, _ in find_events(sentence)} == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("'Quiet Harbor P.I.' Trailer Has Lots Of Close Shaves", "trailer_released"),
        ("'Quiet Harbor!' Teaser Promises Chaos", "trailer_released"),
        ("Harbor TV sets premiere dates for Quiet Harbor and Glass Orchard.", "date_announced"),
    ],
)
def test_trailers_after_any_title_and_dates_in_the_plural(sentence: str, kind: str) -> None:
    assert kind in {k for k, _ in find_events(sentence)}


@pytest.mark.parametrize(
    ("sentence", "announced"),
    [
        ("Separately, Harbor TV on Monday set a Thursday, July 21 premiere date for the second season of Quiet Harbor.", True),
        ("Quiet Harbor Confirms November Premiere, Unveils First Poster", True),
        ("The network announced on Monday that the romance will premiere on Saturday, November 2.", True),
        ("Netflix has dated the new season for Feb. 13, 2027.", True),
        ("Quiet Harbor season 2 will premiere on Netflix on February 23, the streamer confirmed on Thursday.", True),
        ("She confirmed that she will return in 2027.", False),  # a person's return, not a date set
        ("The season premiere drew 3 million viewers, Nielsen confirmed.", False),  # no date
        ("Quiet Harbor Sets Valentine's Day Premiere, First Look Revealed", True),
    ],
)
def test_a_date_said_to_be_set(sentence: str, announced: bool) -> None:
    assert any(kind == "date_announced" for kind, _ in find_events(sentence)) is announced


@pytest.mark.parametrize(
    ("sentence", "ordered"),
    [
        ("Harbor TV Orders 'Quiet Harbor' Animated Series", True),
        ("Harbor TV Orders Legal Drama From The Creator Of 'Glass Orchard'", True),
        ("Judge Orders Network To Pay Damages", False),
    ],
)
def test_an_order_in_the_present_tense(sentence: str, ordered: bool) -> None:
    assert ("ordered" in {k for k, _ in find_events(sentence)}) is ordered


def test_a_headline_that_sets_the_dates_announces_every_dated_title() -> None:
    from datetime import date

    from airdate.extract.pipeline import Extractor
    from airdate.models import Article

    text = ("The network's fall lineup is here.\n\nHarbor Point returns Tuesday, Sept. 22, at 9 p.m.\n\n"
            "The new drama Lowland Road premieres Thursday, Sept. 24.")
    for headline, announced in (("ABC Sets Fall 2026 Premiere Dates: Harbor Point Opens the Season", True),
                                ("PBS ANNOUNCES FALL 2026 PRIMETIME SCHEDULE", True),
                                ("Nothing has been confirmed about the fall schedule", False)):
        found = Extractor(mode="rules").extract(Article(title=headline, text=text, published=date(2026, 6, 16)))
        events = {r.title: [e.type for e in r.events] for r in found.releases}
        assert events and all(("date_announced" in e) is announced for e in events.values()), (headline, events)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        # a trailer that came out, however the writer puts it
        ("The teaser, released on December 20, has already crossed 11 million views.", {"trailer_released"}),
        ("A teaser followed on Wednesday, and it is mostly fog.", {"trailer_released"}),
        ("The trailer came out last week, and my son has watched it eleven times.", {"trailer_released"}),
        ("At the press event on Thursday a short teaser was screened.", {"trailer_released"}),
        ("The puppet troupe's new series got a trailer and a spring date.", {"trailer_released"}),
        ("The trailer will be released next month.", set()),
        # a show that will not go on, not an actor who will not
        ("The street comedy Area Boys will not return for a second season, the platform confirmed.", {"cancelled"}),
        ("Tobias Wren, who plays the inspector, will not return for a second season.", set()),
        ("Halvard took a write-down on Night Ferry, a thriller it shelved in August.", {"cancelled"}),
    ],
)
def test_trailers_out_and_shows_ended(sentence: str, kinds: set[str]) -> None:
    assert {k for k, _ in find_events(sentence)} == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The drama was filmed in February at Pinewood, where the production flooded a car park.", {"filming_wrapped"}),
        ("Filming took place over eight months in 2020 at studios in Melbourne.", {"filming_wrapped"}),
        ("The series will be filmed in Atlanta next year.", set()),
        ("Prime Video has reportedly moved its crime series Bombay Ballads out of its July slot.", {"delayed"}),
        ("Seema Prahari moves out of Diwali, Kaala Samundar 2 stuck", {"delayed"}),
        ("The third season has been pulled from this Ramadan.", {"delayed"}),
        ("Every film that moves out of the year is a weekend we have to fill.", set()),
    ],
)
def test_a_shoot_told_in_the_past_and_a_slot_given_up(sentence: str, kinds: set[str]) -> None:
    assert {k for k, _ in find_events(sentence)} == kinds
