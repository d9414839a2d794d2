"""The claim models' shortcuts for busy releases (issue 11) agree with what they stand for."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.claims import MOVE_PIECES, MOVE_WORDS, Source, WindowClaim

DAY = date(2026, 3, 2)


def test_the_stores_constructors_build_what_the_dataclasses_build() -> None:
    fast = Source.of_row(7, DAY, "Variety", "Head", "a.txt", "https://v.example/a", "d7")
    plain = Source(7, DAY, "Variety", "Head", "a.txt", "https://v.example/a", "d7")
    assert fast == plain and hash(fast) == hash(plain) and {fast: 1}[plain] == 1
    assert {f.name for f in fields(Source)} <= set(vars(fast))
    assert vars(fast)["order"] == plain.order  # kept at construction, as the property computes it
    window = WindowClaim.of_row(DAY, None, "reported", "March", "It arrives in March.", fast)
    assert window == WindowClaim(DAY, None, "reported", "March", "It arrives in March.", plain)
    assert {f.name for f in fields(WindowClaim)} <= set(vars(window))


def test_kept_keys_are_the_claims_own() -> None:
    source = Source(3, None, digest="x")
    w = WindowClaim(None, date(2027, 1, 5), "confirmed", "t", "s", source)
    assert w.span == (date.min.toordinal(), date(2027, 1, 5).toordinal())
    assert w.sort_key == ((date.min, "x", 3), date.min, date(2027, 1, 5), -3, "t", "s")
    assert source.order == (date.min, "x", 3) and source.label == "article 3"


MOVING = [
    "The premiere was pushed back to May.", "It MOVED UP to March.", "instead of June", "postponed again",
    "Delayed.", "It has been rescheduled", "bumped", "shifted to fall", "slipped to 2027", "no longer in June",
    "İnstead of June", "ınstead of June", "puſhed back",  # letters that match ignoring case only
]  # fmt: skip


def test_the_move_wording_pre_check_lets_every_move_through() -> None:
    for sentence in MOVING:
        assert MOVE_WORDS.search(sentence), sentence
        assert WindowClaim(None, None, "reported", "t", sentence, Source(1, None)).says_moved, sentence
    assert not WindowClaim(None, None, "reported", "t", "It premieres in May.", Source(1, None)).says_moved


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("pushmovedinstaflgrcbIİıſ KSPUHMOVE\n\t")), max_size=40))
def test_no_sentence_the_regex_matches_is_dropped_by_the_pre_check(text: str) -> None:
    if MOVE_WORDS.search(text):
        assert MOVE_PIECES.search(text.casefold())

