"""The title spotter's training lines (training/build.py): what is taught as a title, as no title, or not at all."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from training.build import title_doc, unquoted  # noqa: E402

GOLD = {"releases": [{"title": "Harbour Lights", "season": 2}]}


def labels(line: str) -> list[tuple[str, str]]:
    doc = title_doc(spacy.blank("en"), line, GOLD)
    return [(t.text, t.ent_iob_ or "-") for t in doc]


def test_unquoted_takes_the_marks_out_and_says_where_each_quote_was() -> None:
    text, spans = unquoted("After 'The Ferryman' ended, “Harbour Lights” Season 2 got a date.")
    assert text == "After The Ferryman ended, Harbour Lights Season 2 got a date."
    assert [text[a:z] for a, z in spans] == ["The Ferryman", "Harbour Lights"]


def test_a_gold_title_is_taught_as_a_title_quoted_or_not() -> None:
    for line in ("Harbour Lights returns in May.", "'Harbour Lights' returns in May."):
        doc = title_doc(spacy.blank("en"), line, GOLD)
        assert [(e.text, e.label_) for e in doc.ents] == [("Harbour Lights", "TITLE")]


def test_a_quoted_title_the_gold_does_not_list_is_left_unannotated_not_taught_as_no_title() -> None:
    got = labels("Unlike 'The Ferryman', 'Harbour Lights' returns in May.")
    assert got[:4] == [("Unlike", "O"), ("The", "-"), ("Ferryman", "-"), (",", "O")]
    assert ("Harbour", "B") in got and ("May", "O") in got


def test_an_unquoted_name_the_gold_does_not_list_is_taught_as_no_title() -> None:
    got = labels("The Ferryman star Ada Quill returns in May.")
    assert all(iob == "O" for _, iob in got)
