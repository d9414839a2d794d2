"""The window grammar against spec/windows-cases.json and the window table's rows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from airdate.extract.timing import release_windows
from airdate.extract.windows import resolve_all

DCT = date(2026, 2, 21)


def _windows(text: str, dct: date | None = DCT, anime: bool = False) -> list[tuple[str | None, str | None]]:
    return [
        (w.found.start.isoformat() if w.found.start else None, w.found.stop.isoformat() if w.found.stop else None)
        for w in release_windows(text, dct, anime=anime)
        if not w.replaced
    ]


def _cases(shared: Path) -> list[dict]:
    return json.loads((shared / "spec" / "windows-cases.json").read_text())["cases"]


def test_every_shared_case_resolves_exactly(shared: Path) -> None:
    failures = []
    for case in _cases(shared):
        got = _windows(case["text"], date.fromisoformat(case["doc_date"]))
        want = [tuple(case["expected"])] if case["expected"] else []
        if got != want:
            failures.append(f"{case['id']} {case['text']!r}: want {want}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("text", "dct", "want"),
    [
        # Rows of the window table not covered by the shared cases.
        ("It premieres Boxing Day.", DCT, [("2026-12-26", "2026-12-26")]),
        ("The special airs on New Year's Eve.", DCT, [("2026-12-31", "2026-12-31")]),
        ("It returns on Valentine's Day 2027.", DCT, [("2027-02-14", "2027-02-14")]),
        ("The film opens on Halloween.", DCT, [("2026-10-31", "2026-10-31")]),
        ("The series returns in winter 2027.", DCT, [("2026-12-01", "2027-02-28")]),
        ("The series returns in winter 2027-2028.", DCT, [("2027-12-01", "2028-02-29")]),
        ("The season arrives by March 2027.", DCT, [("2026-02-21", "2027-03-31")]),
        ("It will not arrive before June 2026.", DCT, [("2026-06-01", None)]),
        ("The film opens not before June 2026.", DCT, [("2026-06-01", None)]),
        ("The season premieres after June 2026.", DCT, [("2026-07-01", None)]),
        ("The series returns no later than Q3 2027.", DCT, [("2026-02-21", "2027-09-30")]),
        ("New episodes arrive in the coming weeks.", DCT, [("2026-02-21", "2026-04-04")]),
        ("The show returns this week.", DCT, [("2026-02-21", "2026-02-22")]),
        ("The film opens today.", DCT, [("2026-02-21", "2026-02-21")]),
        ("It returns this month.", DCT, [("2026-02-01", "2026-02-28")]),
        ("The season premieres in mid-2027 or late 2027.", DCT, [("2027-05-01", "2027-12-31")]),
        ("The season will air in October/November 2026.", DCT, [("2026-10-01", "2026-11-30")]),
        ("The second cour premieres in the Winter 2027 anime season.", DCT, [("2027-01-01", "2027-03-31")]),
        ("The anime returns this summer.", DCT, [("2026-07-01", "2026-09-30")]),
        ("It arrives October 2–9, 2026.", DCT, [("2026-10-02", "2026-10-09")]),
        ("The show returns at the beginning of 2027.", DCT, [("2027-01-01", "2027-04-30")]),
        ("The film opens in the middle of July.", DCT, [("2026-07-11", "2026-07-20")]),
        ("The movie opens Thanksgiving 2026.", DCT, [("2026-11-26", "2026-11-26")]),
        # Things that are not release windows.
        ("The show was pushed from May 6 to October 2.", DCT, [("2026-10-02", "2026-10-02")]),
        ("Netflix announced on Tuesday that the show premieres June 7.", DCT, [("2026-06-07", "2026-06-07")]),
        ("Filming begins in March 2027.", DCT, []),
        ("The trailer was released on June 1 and the season premieres July 7.", DCT, [("2026-07-07", "2026-07-07")]),
        ("Netflix has not announced a date for season 2.", DCT, []),
        ("The film celebrates its 25th anniversary.", DCT, []),
        ("Blade Runner 2099 is in development.", DCT, []),
        ("The show will return soon.", DCT, []),
        ("It returns in a few days.", DCT, []),
    ],
)
def test_window_table_rows(text: str, dct: date, want: list[tuple[str | None, str | None]]) -> None:
    anime = "anime" in text
    assert _windows(text, dct, anime=anime) == want


def test_relative_expressions_stay_unresolved_without_a_date() -> None:
    found = resolve_all("The show returns next month.", None)
    assert [(f.text, f.start, f.stop) for f in found] == [("next month", None, None)]


def test_absolute_dates_resolve_without_a_date() -> None:
    found = resolve_all("It premieres on December 4, 2026.", None)
    assert [(f.start, f.stop) for f in found] == [(date(2026, 12, 4), date(2026, 12, 4))]


def test_year_less_dates_look_forward_from_the_article_date() -> None:
    assert _windows("The series returns in March.", date(2026, 10, 5)) == [("2027-03-01", "2027-03-31")]
    assert _windows("The series returns in March.", date(2026, 2, 21)) == [("2026-03-01", "2026-03-31")]


def test_leap_day_and_invalid_days() -> None:
    assert _windows("It premieres February 29, 2028.", DCT) == [("2028-02-29", "2028-02-29")]
    assert _windows("It premieres February 30, 2028.", DCT) == []
