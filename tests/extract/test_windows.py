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
        ("It took in $176 million, the 12th-biggest opening of all time.", DCT, []),
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


# Forms the table covers, written another way (a peer's date suite found them missed).
@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Numeric dates after a date word: US month/day, two-digit years, year/month, ISO.
        ("The season premieres 4/22.", [("2026-04-22", "2026-04-22")]),
        ("The season premieres on 4/22 at 9 p.m. on HBO.", [("2026-04-22", "2026-04-22")]),
        ("Season 2 arrives 1/15.", [("2027-01-15", "2027-01-15")]),  # already past this year
        ("The season premieres 4/22/2027.", [("2027-04-22", "2027-04-22")]),
        ("The season premieres 04/22/27.", [("2027-04-22", "2027-04-22")]),
        ("The film opens 2027/03.", [("2027-03-01", "2027-03-31")]),
        ("The film opens on 2027/04/22.", [("2027-04-22", "2027-04-22")]),
        ("The season premieres 2027-04-22.", [("2027-04-22", "2027-04-22")]),
        ("The series is available 24/7 starting 3/1.", [("2026-03-01", "2026-03-01")]),
        # ... and where they are scores, fractions, ratings or other numbers.
        ("The show streams 24/7.", []),
        ("The Knicks won 4/22 before the season premiere.", []),
        ("The season scored 4/5 and premieres next week.", [("2026-02-23", "2026-03-01")]),
        ("The film opens on 3/4 of screens.", []),
        ("It returns on 1/2 of its former channels.", []),
        ("The film was out 9/10 stars.", []),
        ("The season returns 2/30.", []),
        ("The film opens 13/22.", []),
        ("The show is set for 2010/11.", []),  # a season of two years, not November 2010
        ("Fans gathered on 1/6 Trump anniversary to see the season premiere.", []),
        # Lower-case month names where a date word stands before and a date part after.
        ("The show premieres april 22.", [("2026-04-22", "2026-04-22")]),
        ("The show returns in march 2027.", [("2027-03-01", "2027-03-31")]),
        ("The show returns in march.", [("2026-03-01", "2026-03-31")]),
        ("It premieres on may 5.", [("2026-05-05", "2026-05-05")]),
        ("The season, set for late may, arrives on Netflix.", [("2026-05-21", "2026-05-31")]),
        ("The series returns in august, Netflix said.", [("2026-08-01", "2026-08-31")]),
        ("It arrives from april to june 2027.", [("2027-04-01", "2027-06-30")]),
        ("The second season premieres on march 3rd.", [("2026-03-03", "2026-03-03")]),
        # ... but not the verb "may", the march, nor the adjective "august".
        ("What the studio releases may surprise fans.", []),
        ("Those who opt in may, in time, see the season premiere.", []),
        ("Those in may want to wait for the season that returns in June.", [("2026-06-01", "2026-06-30")]),
        ("The march on Washington premieres on HBO in April.", [("2026-04-01", "2026-04-30")]),
        ("The documentary about the march premieres next week.", [("2026-02-23", "2026-03-01")]),
        ("The show returns in august company.", []),
        ("An august cast returns in June.", [("2026-06-01", "2026-06-30")]),
        ("The show returns in may to rave reviews.", []),
        # Spelled-out and ordinal day numbers.
        ("The season premieres April twenty-second.", [("2026-04-22", "2026-04-22")]),
        ("The season premieres the twenty-second of April.", [("2026-04-22", "2026-04-22")]),
        ("The season premieres on the 22nd of April.", [("2026-04-22", "2026-04-22")]),
        ("The film premieres the first of March 2027.", [("2027-03-01", "2027-03-01")]),
        ("The show premieres March first on Netflix.", [("2026-03-01", "2026-03-01")]),
        ("Season 3 arrives December thirty-first.", [("2026-12-31", "2026-12-31")]),
        ("The show premieres april twenty-second.", [("2026-04-22", "2026-04-22")]),
        # ... not a count or a rank beside a month.
        ("It premieres in April first in Korea.", [("2026-04-01", "2026-04-30")]),
        ("The network's March second season premiere slot is gone.", []),
        ("It premieres in the second half of March.", [("2026-03-01", "2026-03-31")]),
        ("The finale airs on the second.", []),
        # Year first.
        ("The season premieres 2027 April 22.", [("2027-04-22", "2027-04-22")]),
        ("The season premieres 2027, April 22.", [("2027-04-22", "2027-04-22")]),
        ("The show premieres between 2026 April 3 and May 5.", [("2026-04-03", "2026-05-05")]),
        ("The show premiered in 2024. April 22 brings season two.", [("2026-04-22", "2026-04-22")]),
        # "X to Y" without "from": start of X to end of Y.
        ("The season arrives April to June 2027.", [("2027-04-01", "2027-06-30")]),
        ("The season arrives Q2 to Q3 2027.", [("2027-04-01", "2027-09-30")]),
        ("Part 2 arrives June 2 to June 9.", [("2026-06-02", "2026-06-09")]),
        ("It arrives in spring to summer 2027.", [("2027-03-01", "2027-08-31")]),
        # A year on one end fixes the other.
        ("The season arrives from December to March 2027.", [("2026-12-01", "2027-03-31")]),
        ("The season arrives December 2026 to March.", [("2026-12-01", "2027-03-31")]),
        ("The season arrives Q4 2026 to Q1.", [("2026-10-01", "2027-03-31")]),
        ("The season streams 2027-04-22 to May 5.", [("2027-04-22", "2027-05-05")]),
        # ... but a move is no range, a weekly slot names no day at all, and "to" before a non-date is no link.
        ("The film was pushed from April 22 to June 5.", [("2026-06-05", "2026-06-05")]),
        ("The show airs Monday to Friday.", []),
        ("The season premieres in April to rave reviews.", [("2026-04-01", "2026-04-30")]),
        ("It premieres in March to coincide with Easter.", [("2026-03-01", "2026-03-31")]),
        # A bare month after a release verb or a release label.
        ("The season premieres March.", [("2026-03-01", "2026-03-31")]),
        ("The show arrives March 2027.", [("2027-03-01", "2027-03-31")]),
        ("The show returns March next year.", [("2027-03-01", "2027-03-31")]),
        ("Season 2: March 2027", [("2027-03-01", "2027-03-31")]),
        ("Release date: March 2027", [("2027-03-01", "2027-03-31")]),
        ("The show returns March on Netflix.", [("2026-03-01", "2026-03-31")]),
        # ... not a name, a possessive, or a month that is the subject of something else.
        ("The network premieres March Madness coverage.", []),
        ("Analysts expected March to be a record month.", []),
        ("The show returns May's favourite host.", []),
        ("Filming: March 2027", []),
        ("Trailer: March 2027", []),
        # "the day after tomorrow" is one day.
        ("The film opens the day after tomorrow.", [("2026-02-23", "2026-02-23")]),
        ("The film opens the day after tomorrow in the US.", [("2026-02-23", "2026-02-23")]),
        ("The season opens after tomorrow.", [("2026-02-23", None)]),
        # A number glued to a decimal point or thousands separator is not a day.
        ("The index closed at 6,107.31 August futures before the season premiere.", []),
        ("It costs $6,107.31 August.", []),
        ("The season premieres August 6,107 times.", []),
        ("The show premieres 31 August.", [("2026-08-31", "2026-08-31")]),
        ("The show premieres August 31, 2026.", [("2026-08-31", "2026-08-31")]),
        # A short line in capitals, as roundups write their date sections.
        ("PREMIERES MONDAY, JAN. 8", [("2027-01-08", "2027-01-08")]),
        ("COMING IN JUNE", [("2026-06-01", "2026-06-30")]),
        ("WHY YOU MAY WANT TO WATCH IT", []),
    ],
)
def test_forms_written_another_way(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _windows(text, DCT) == want


@pytest.mark.parametrize(
    ("text", "start", "stop"),
    [
        ("The film was released 2016/11.", date(2016, 11, 1), date(2016, 11, 30)),
        ("It aired on 12/25/99.", date(1999, 12, 25), date(1999, 12, 25)),
        ("It aired on 4/22.", date(2026, 4, 22), date(2026, 4, 22)),
    ],
)
def test_numeric_dates_are_found_in_any_tense(text: str, start: date, stop: date) -> None:
    assert [(f.start, f.stop) for f in resolve_all(text, DCT)] == [(start, stop)]


def test_year_first_needs_the_year_to_lead_the_date() -> None:
    found = resolve_all("In 2025, April 22 was the date; it premieres in 2027, April 22.", DCT)
    assert [(f.text, f.start) for f in found] == [
        ("2025", date(2025, 1, 1)),
        ("April 22", date(2026, 4, 22)),
        ("2027", date(2027, 1, 1)),
        ("April 22", date(2026, 4, 22)),
    ]
    assert [(f.text, f.start) for f in resolve_all("It premieres 2027, Friday, April 23.", DCT)] == [
        ("2027, Friday, April 23", date(2027, 4, 23))
    ]


def test_a_move_is_no_range_even_without_from() -> None:
    found = resolve_all("The film was delayed April 22 to June 5.", DCT)
    assert [(f.text, f.unit) for f in found] == [("April 22", "day"), ("June 5", "day")]


def test_numbers_without_a_date_word_are_not_dates() -> None:
    for text in ("The score was 4/22.", "The 9/10 rating stands.", "It is 3/4 done.", "It runs 24/7."):
        assert resolve_all(text, DCT) == [], text


@pytest.mark.parametrize(
    ("dct", "want"),
    [
        (date(2026, 2, 21), "2028-02-29"),  # the next leap year is two years away
        (date(2028, 2, 29), "2028-02-29"),  # the day itself
        (date(2028, 3, 1), "2032-02-29"),  # just missed: four years on
        (date(2097, 1, 1), "2104-02-29"),  # 2100 is no leap year: eight years on
    ],
)
def test_leap_day_without_a_year_is_the_next_one(dct: date, want: str) -> None:
    assert _windows("It premieres February 29.", dct) == [(want, want)]
    assert _windows("It premieres on the 29th of February.", dct) == [(want, want)]


def test_day_after_tomorrow_is_one_day() -> None:
    new_year = ("2027-01-01", "2027-01-01")
    assert _windows("The film opens the day after tomorrow.", date(2026, 12, 30)) == [new_year]
    found = resolve_all("The film opens the day after tomorrow.", None)
    assert [(f.text, f.start, f.stop) for f in found] == [("the day after tomorrow", None, None)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A capitalised time word inside a quoted title or a programme's name is no date.
        ("He told 'The Tonight Show' host that the show returns next year.", [("2027-01-01", "2027-12-31")]),
        ('"The Tonight Show" host also debuted a new nickname.', []),
        ("She appeared on The Tonight Show Starring Jimmy Fallon to promote the premiere.", []),
        ("The star will appear on the Today Show to promote the premiere.", []),
        ("Kathie Lee Gifford To Exit NBC's 'Today' Show", []),
        ("'Tomorrow Never Dies' returns to theaters.", []),
        ("He spoke to This Week about the new season, which premieres in June.", [("2026-06-01", "2026-06-30")]),
        ("He appeared on The Late Late Show to promote the film's release.", []),
        ("She told Good Morning America the film opens in May.", [("2026-05-01", "2026-05-31")]),
        ('The "Last Week Tonight" host returns to HBO.', []),
        # ... but the time word itself still dates a release, Title Case headlines included.
        ("The show premieres tonight.", [("2026-02-21", "2026-02-21")]),
        ("Tonight's premiere is on HBO.", [("2026-02-21", "2026-02-21")]),
        ("The Last Of Us Season 2 Arrives Tonight On HBO", [("2026-02-21", "2026-02-21")]),
        ("Watch The Season Premiere Tonight", [("2026-02-21", "2026-02-21")]),
        ("The show airs Today on Netflix.", [("2026-02-21", "2026-02-21")]),
        ("'Tonight's premiere is the big one,' she said.", [("2026-02-21", "2026-02-21")]),
        ("Here Are The Movies Coming To Netflix This Week", [("2026-02-21", "2026-02-22")]),
    ],
)
def test_time_words_in_titles_are_not_dates(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _windows(text, DCT) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A premiere named with a possessive that the sentence puts in the past is history.
        ("Since its November premiere, the show has drawn fans.", []),
        ("The film has attracted controversy since its November premiere.", []),
        ("After its June debut, the show was renewed.", []),
        ("Its January premiere drew 3 million viewers.", []),
        ("The show's premiere on November 4 drew 3 million viewers.", []),
        ("The film drew raves at its Sundance premiere in January.", []),
        ("The series has been a hit since its premiere on November 4.", []),
        ("The film drew raves at its Sundance premiere last year and opens in theaters in May.",
         [("2026-05-01", "2026-05-31")]),
        # ... but a possessive premiere still to come stays a window.
        ("The show will have its premiere on November 4.", [("2026-11-04", "2026-11-04")]),
        ("Netflix sets its November premiere for the show.", [("2026-11-01", "2026-11-30")]),
        ("The film will have its Sundance premiere in January.", [("2027-01-01", "2027-01-31")]),
        ("Fans are excited ahead of its November premiere.", [("2026-11-01", "2026-11-30")]),
        ("Netflix announced its November premiere date.", [("2026-11-01", "2026-11-30")]),
    ],
)
def test_past_possessive_premieres_are_history(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _windows(text, DCT) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A duration of other events is no release window.
        ("Production resumed after a second attack on the set within three weeks.", []),
        ("The season premiere was delayed by the second incident in 3 weeks.", []),
        ("FX's 'Justified' Set Faces Violent Interruption For Second Time In 3 Weeks", []),
        ("The show has aired in the past two weeks.", []),
        ("The series streams for 3 weeks.", []),
        ("In two weeks, the president walked back the plan.", []),
        ("The network is expected to reveal details of the season in three days.", []),
        # ... but a release verb governing the offset keeps it: one day, DCT + the offset.
        ("The show arrives in 3 weeks.", [("2026-03-14", "2026-03-14")]),
        ("The show premieres in two weeks.", [("2026-03-07", "2026-03-07")]),
        ("The season premieres on Netflix in two weeks.", [("2026-03-07", "2026-03-07")]),
        ("In two weeks, the show premieres on Netflix.", [("2026-03-07", "2026-03-07")]),
        ("The finale airs in 10 days.", [("2026-03-03", "2026-03-03")]),
    ],
)
def test_durations_of_other_events_are_not_windows(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _windows(text, DCT) == want


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The film, which had been set to open May 7, 2027, will now arrive November 5, 2027.",
         [("May 7, 2027", True), ("November 5, 2027", False)]),
        ("It will now open October 1, three weeks earlier than its previous October 22 date.",
         [("October 1", False), ("October 22", True)]),
        ("The season keeps its original October 22 premiere.", [("October 22", False)]),
        ("Here is everything arriving on Netflix in October, as of September 29.", [("October", False)]),
    ],
)
def test_replaced_and_list_dates(sentence: str, expected: list[tuple[str, bool]]) -> None:
    found = release_windows(sentence, date(2026, 9, 1))
    assert [(w.found.text, w.replaced) for w in found] == expected


def test_a_long_line_in_capitals_keeps_its_dates() -> None:
    found = resolve_all('"QUIET HARBOR" KICKS OFF THE SEASON MONDAY, SEPT. 21, FOLLOWED BY THE PREMIERE OF "GLASS ORCHARD"',
                        date(2026, 6, 20))
    assert [(f.text, f.start) for f in found] == [("MONDAY, SEPT. 21", date(2026, 9, 21))]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("March", (date(2027, 3, 1), date(2027, 3, 31))), ("Spring", (date(2027, 3, 1), date(2027, 5, 31))),
     ("Late summer 2027", (date(2027, 8, 1), date(2027, 8, 31)))],
)
def test_a_line_that_is_only_a_month_or_season_is_a_date(line: str, expected: tuple[date, date]) -> None:
    assert [(f.start, f.stop) for f in resolve_all(line, date(2027, 1, 2))] == [expected]
    assert resolve_all("Hulu has only said March.", date(2027, 1, 2)) == []  # in prose a bare month still needs its cue


def _starts(sentence: str, dct: date) -> list[str]:
    from airdate.extract.timing import release_windows

    return [w.found.start.isoformat() for w in release_windows(sentence, dct) if w.found.start]


@pytest.mark.parametrize("sentence, want", [
    # a slot or the day the news was made dates nothing ...
    ("A co-production with JTBC, which will air it on Saturday and Sunday nights.", []),
    ("Separately, Peacock on Monday set a premiere date for the docuseries.", []),
    ("The studio made the change on Wednesday, citing the slow return of moviegoers.", []),
    ("The show will air in the Tuesday 10pm slot that the drama occupies.", []),
    ("The streamer also used Wednesday's showcase to confirm the order.", []),
    ("It airs every Wednesday and Thursday at 8:30 p.m.", []),
    ("Fuji's legendary Monday 9 slot has struggled for a decade.", []),
    ("According to a report by Sports Seoul on Wednesday, Netflix plans to release it in September.", ["2022-09-01"]),
    ("The actress posted a photo from the set on Tuesday.", []),
    ("The studio overhauled its release calendar on Tuesday, moving three films.", []),
    ("Production resumed on Monday under stricter rules on set.", []),
    ("Disney, which presents on Thursday, will show footage.", []),
    ("The channel is eyeing the BBC's autumn Sunday line-up.", []),
    # a guest's spot on a running show is no release of it
    ("The Killing Eve star is slated to host SNL this week for the first time.", []),
    ("Jo Park is set to guest-host Jimmy Kimmel Live this week.", []),
    # ... the day a release falls on does
    ("Max releases the first two episodes Thursday, with one more weekly.", ["2022-06-23"]),
    ("The show returns Monday on NBC.", ["2022-06-27"]),
    ("Sony dropped the first trailer on Tuesday, and the sequel will open on Friday.", ["2022-06-24"]),
    ("Catch the series premiere Monday on NBC.", ["2022-06-27"]),
    ("The docuseries, which streams from Wednesday, follows a bookkeeper.", ["2022-06-29"]),
    ("Also Wednesday: the animated musical opens in theaters.", ["2022-06-29"]),
    ("The legal drama returns for its third season this Friday.", ["2022-06-24"]),
    ("The finale is set for Friday.", ["2022-06-24"]),
    ("Part 2 will be released globally on Friday.", ["2022-06-24"]),
    ("The drama will return to BBC One on Sunday.", ["2022-06-26"]),
    ("Starting Tuesday, new episodes stream weekly.", ["2022-06-28"]),
    ("Ana Ruiz will host the new season, which premieres on Friday.", ["2022-06-24"]),
])
def test_a_weekday_dates_a_release_only_when_one_falls_on_it(sentence: str, want: list[str]) -> None:
    assert _starts(sentence, date(2022, 6, 22)) == want


@pytest.mark.parametrize("sentence, want", [
    # the date of a deal dates no release ...
    ("CBS ordered it to series in May.", []),
    ("The mystery earned a second season back in March.", []),
    ("Prime Video passed on a second season of the legal thriller on May 20.", []),
    ("The surprise smash got a season 2 order in late May.", []),
    # ... a release near such words keeps its window
    ("The show returns to series in May.", ["2022-05-01"]),
    ("It is back in March.", ["2022-03-01"]),
    ("The network said it will launch on Sunday, September 21, after a season ordered back in March.", ["2021-09-21"]),
])
def test_the_date_of_a_deal_is_no_window(sentence: str, want: list[str]) -> None:
    assert _starts(sentence, date(2021, 8, 1)) == want


@pytest.mark.parametrize("sentence, want", [
    ("ITV wants the first episode ready as a centrepiece of the channel's Christmas schedule.", []),
    ("Universal dated it for Friday, October 16, 2026, the prime pre-Halloween slot.", ["2026-10-16"]),
    ("It follows on Wednesday, November 23, to take advantage of the five-day Thanksgiving frame.", ["2022-11-23"]),
    ("The sequel keeps the Thanksgiving slot.", []),
    ("It premieres on Christmas Day.", ["2022-12-25"]),
    ("The holiday season brings it back.", ["2022-11-15"]),
])
def test_a_holiday_that_names_a_slot_or_a_kind_is_no_window(sentence: str, want: list[str]) -> None:
    assert _starts(sentence, date(2022, 6, 1)) == want


@pytest.mark.parametrize("sentence, want", [
    ("BURBANK, Calif. - June 16, 2026 - ABC today announced premiere dates for its fall season.", []),
    ("NBC today confirmed the date.", []),
    ("The show premieres today on Netflix.", ["2026-06-16"]),
])
def test_today_as_the_day_of_the_news_is_no_window(sentence: str, want: list[str]) -> None:
    assert _starts(sentence, date(2026, 6, 16)) == want


@pytest.mark.parametrize("sentence, want", [
    # the date of the work, of the page, or of a plan given up, is no release window
    ("NBC renewed it in May, and she said she heads back to Chicago in January to start shooting.", []),
    ("Renewed or Cancelled? The Status of 14 Shows (June 2025 Update)", []),
    ("The show returns in January to the delight of fans.", ["2023-01-01"]),
])
def test_a_date_of_work_or_of_the_page_is_no_window(sentence: str, want: list[str]) -> None:
    assert _starts(sentence, date(2022, 6, 22)) == want


def test_a_date_a_release_was_supposed_to_keep_is_replaced() -> None:
    found = release_windows("Ironbound was supposed to open on May 1 this year, but reshoots pushed it into the fall.",
                            date(2025, 3, 1))
    assert [(w.found.text, w.replaced) for w in found] == [("May 1 this year", True), ("fall", False)]
