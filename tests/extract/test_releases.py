"""Which titles an article makes releases of: cases the gold corpora rarely hold (our own headlines)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from airdate.extract.pipeline import SERIES, Extractor
from airdate.models import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def releases(extractor: Extractor, headline: str) -> list[tuple[str, int | None]]:
    found = extractor.extract(Article(text=headline, title=headline, published=date(2026, 6, 1)))
    return [(r.title, r.season) for r in found.releases]


def test_wrapped_filming_is_a_screen_release(extractor: Extractor) -> None:
    assert releases(extractor, "Hana Ueda's 'The Glass Orchard' Wraps Filming") == [("The Glass Orchard", None)]


def test_a_new_teaser_headline_is_an_upcoming_release(extractor: Extractor) -> None:
    assert releases(extractor, "A New And Frankly Strange Teaser For 'Quiet Harbor' Has Arrived") == [
        ("Quiet Harbor", None)
    ]


def test_a_song_is_not_a_release(extractor: Extractor) -> None:
    assert releases(extractor, "Singer Mara Vey Drops New Song 'Quiet Harbor' Ahead Of Her Tour") == []


def test_a_person_named_near_a_title_is_no_screen_evidence() -> None:
    # A dated title with a person beside it but no word for film or TV and no role: a product, a
    # festival, a council. A role, or a status ("joins", "returns"), would make it screen work.
    from airdate.extract.releases import Cluster, _Facts, _rule_verdict
    from airdate.models import CastMember, Window

    window = Window("in May", date(2026, 5, 1), date(2026, 5, 31), "confirmed", "It opens in May.")
    c = Cluster("harbor accord", own=1)
    person = CastMember("Ana Ruiz", None, "unknown", "Ana Ruiz said so.")
    assert not _rule_verdict(_Facts(c, None, [window], [], [person], ()))
    role = CastMember("Ana Ruiz", "Mira", "unknown", "Ana Ruiz plays Mira.")
    assert _rule_verdict(_Facts(c, None, [window], [], [role], ()))


def test_a_dated_section_heading_dates_the_items_under_it(extractor: Extractor) -> None:
    # A week-ahead roundup: each day heading dates the listings below it, not the one above it.
    text = (
        "Here is everything premiering this week, day by day.\n\n"
        "MONDAY, JAN. 8\n\n"
        "Copper Sky, Season 2 (Fox, 8 p.m.)\n"
        "The ranch drama returns with Dana Ruiz as the matriarch.\n\n"
        "Night Ferry (PBS, 9 p.m.)\n"
        "A four-part docuseries about the last ferries of the Hebrides.\n\n"
        "WEDNESDAY, JAN. 10\n\n"
        "Glass Harbor (Netflix)\n"
        "A six-episode limited series about rival perfumers in 1920s Grasse.\n"
    )
    found = extractor.extract(Article(text=text, title="The Biggest TV Premieres This Week",
                                      published=date(2024, 1, 7)))
    windows = {r.title: sorted((w.start.isoformat(), w.end.isoformat()) for w in r.windows if w.start and w.end)
               for r in found.releases}
    assert windows.get("Copper Sky") == [("2024-01-08", "2024-01-08")]
    assert windows.get("Night Ferry") == [("2024-01-08", "2024-01-08")]
    assert windows.get("Glass Harbor") == [("2024-01-10", "2024-01-10")]


@pytest.mark.parametrize(
    "headline",
    ["Mara Vey-Starring ‘Glass Orchard’ to End With Season 3 at Apple TV+", "‘Glass Orchard’ Ending With Season 3 on Hulu"],
)
def test_a_final_season_announced_is_still_to_come(headline: str) -> None:
    rules = Extractor(mode="rules")
    assert releases(rules, headline) == [("Glass Orchard", 3)]


def test_a_season_that_ended_is_not_announced_as_final() -> None:
    rules = Extractor(mode="rules")
    assert releases(rules, "Mara Vey Looks Back On How ‘Glass Orchard’ Ended Last Year") == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("they would take a series of measures", False),
        ("ahead of the World Series opener", False),
        ("the new series premieres in May", True),
        ("a limited series of six episodes", True),
        ("the installations on show at the festival", False),
        ("the stand at the trade show", False),
        ("the figures show that sales fell", False),
        ("the game show returns in May", True),
    ],
)
def test_a_series_of_measures_is_no_show(text: str, cue: bool) -> None:
    # "a series of" is the English word, not a cue for a TV series.
    assert bool(SERIES.search(text)) is cue


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('Trevante Rhodes stars in "Mike," an unauthorized bio-series due out Aug. 25 on Hulu.', "series"),
        ("Hulu will stream Dear Ordinary (Hulu Original film) from Nov. 6.", "film"),
        ("Netflix dates the documentary 'Quiet Rooms' for March 3, 2027.", "film"),
        ("Apple TV+ has set the sitcom 'Copper Kettle' to premiere on March 3, 2027.", "series"),
        ("The 'Copper Kettle' movie opens in theaters on March 3, 2027.", "film"),
    ],
)
def test_a_word_beside_the_title_says_film_or_series(extractor: Extractor, text: str, kind: str) -> None:
    found = extractor.extract(Article(text=text, title=None, published=date(2026, 12, 1)))
    assert [r.kind for r in found.releases] == [kind]


def _candidates(text: str) -> list[tuple[str, int | None]]:
    """The titles the rules make candidates of (whatever the judge would then decide)."""
    found = Extractor(mode="rules").candidates(Article(text=text, title=None, published=date(2026, 12, 1)))
    return [(c.release.title, c.release.season) for c, _ in found]


def test_a_named_season_of_an_anthology_is_the_better_name() -> None:
    # The headline says 'Harbor Crimes'; the body names the season by its full title.
    text = ("Dana Ruiz Talks Her Role In 'Harbor Crimes'\n\n"
            "The actor spoke about her upcoming role as Ada Vell in \"Lighthouse: Harbor Crimes,\" due out in March 2027.")
    assert _candidates(text) == [("Lighthouse: Harbor Crimes", None)]


def test_a_link_label_is_no_part_of_a_title() -> None:
    text = ("'Copper Kettle' Season 2 premieres March 3, 2027 on Apple TV+.\n\n"
            "READ MORE: Copper Kettle season 1 recap")
    assert _candidates(text) == [("Copper Kettle", 2)]


def test_a_show_rescued_after_its_cancellation_is_renewed() -> None:
    from airdate.extract.events import find_events

    assert [k for k, _ in find_events("'Copper Kettle' Finds New TV Home, Fans Rejoice")] == ["renewed"]
    assert [k for k, _ in find_events("'Copper Kettle' picked up by Peacock after Fox passed")] == ["renewed"]
    assert [k for k, _ in find_events("Fox canceled the comedy on Thursday.")] == ["cancelled"]
    assert [k for k, _ in find_events("It has not found a new home yet.")] == []


def test_the_rescue_outranks_the_cancellation_it_tells_of() -> None:
    # The rules' events (the judge decides separately whether a short item is a release).
    text = "'Copper Kettle' Finds New TV Home, Stars And Fans Rejoice\n\nFox canceled the hit comedy on Thursday."
    found = Extractor(mode="rules").extract(Article(text=text, title=None, published=date(2026, 12, 1)))
    assert [[e.type for e in r.events] for r in found.releases] == [["renewed"]]


def test_what_could_have_been_is_no_hedge() -> None:
    from airdate.extract.certainty import classify

    assert classify("Trailer For Axed 'Tremors' Reboot Offers Glimpse Of What Could Have Been") == "confirmed"
    assert classify("The reboot could arrive in 2027.") == "speculated"


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # The old show names the stars' past; the new film is the release.
        ('The child of the late "Copper Kettle" stars Ana Ruiz and Tom Vell praised the upcoming biopic "Being Ana."',
         ["Being Ana"]),
        # Alone, the star's news can be the show's.
        ("'Copper Kettle' Star Ana Ruiz Set To Return For Season 4", ["Copper Kettle"]),
    ],
)
def test_a_title_that_names_a_stars_past_work_is_no_release(text: str, titles: list[str]) -> None:
    headline = text.split(".")[0] if text.startswith("'") else None
    found = Extractor(mode="rules").candidates(Article(text=text, title=headline, published=date(2026, 12, 1)))
    assert [c.release.title for c, _ in found if c.rule] == titles


def test_a_short_item_names_one_work_by_its_short_and_full_title() -> None:
    text = ("Dana Ruiz Says She's Not In The New 'Sky Harbor' Movie\n\n"
            "The actor addressed a photo that appeared to show her on the set of \"Sky Harbor: Low Tide.\"")
    assert _candidates(text) == [("Sky Harbor: Low Tide", None)]


def test_the_headlines_person_is_not_in_what_they_are_not_in() -> None:
    text = "Dana Ruiz Really Wants You To Know She's Not In 'Sky Harbor: Low Tide'"
    found = Extractor(mode="rules").candidates(Article(text=text, title=text, published=date(2026, 12, 1)))
    assert [[m.actor for m in c.release.cast] for c, _ in found] == [[]]
    text = "Dana Ruiz Really Wants To Star In 'Sky Harbor: Low Tide'"
    found = Extractor(mode="rules").candidates(Article(text=text, title=text, published=date(2026, 12, 1)))
    assert [[m.actor for m in c.release.cast] for c, _ in found] == [["Dana Ruiz"]]


def test_a_festival_or_a_tour_named_like_a_title_is_no_release() -> None:
    from airdate.extract.pipeline import _is_reference
    from airdate.extract.titles import TitleMention

    text = "Some of the installations on show at the 7th Harbor Light Festival – previews"
    begin = text.index("7th")
    assert _is_reference(text, TitleMention("7th Harbor Light", begin, begin + 16, how="model"))
    text = "The 7th Harbor Light trailer is out"
    assert not _is_reference(text, TitleMention("7th Harbor Light", 0 + 4, 4 + 16, how="model"))


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # a small number after a series' name is shorthand for its season ...
        ("'Quiet Harbor 4' Premieres On Netflix On March 1, 2027", [("Quiet Harbor", 4)]),
        # ... but not a number past a dozen, nor one beside a season of its own
        ("Harbor Station 19 Season 2 Premieres On Netflix On March 1, 2027", [("Harbor Station 19", 2)]),
        ("'Ward 13' Season 2 Premieres On Netflix On March 1, 2027", [("Ward 13", 2)]),
    ],
)
def test_a_number_ending_a_series_name(extractor: Extractor, headline: str, expected: list[tuple[str, int]]) -> None:
    assert releases(extractor, headline) == expected


def test_a_crew_member_teasing_a_season_speaks_of_the_show(extractor: Extractor) -> None:
    assert releases(extractor, "'Quiet Harbor' boss teases Season 2 will put the crew in new waters") == [
        ("Quiet Harbor", 2)
    ]


def test_a_crew_member_named_for_another_title_is_a_reference(extractor: Extractor) -> None:
    found = releases(extractor, "'Quiet Harbor' Creator Mara Vey To Direct 'The Glass Orchard' Season 2 For Netflix")
    assert "Quiet Harbor" not in [t for t, _ in found]


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("The second season of Quiet Harbor will premiere on Movistar Plus+ on Friday, September 22, 2026.",
         "Movistar Plus+"),
        ("Quiet Harbor season 2 arrives on Viaplay on October 3, 2026.", "Viaplay"),
        ("The second season of Quiet Harbor will air on ZDF from November 5, 2026.", "ZDF"),
    ],
)
def test_services_beyond_the_american_ones(extractor: Extractor, text: str, platform: str) -> None:
    found = extractor.extract(Article(text=text, published=date(2026, 6, 1)))
    assert [r.platforms for r in found.releases] == [(platform,)]


def test_a_number_after_no_does_not_end_the_sentence() -> None:
    from airdate.extract.pipeline import _nlp

    doc = _nlp()("It is by the writer of the 2023 film Quiet Harbor No. 9, and Vol. 2 is out. I said No. Then I left.")
    assert [s.text for s in doc.sents] == [
        "It is by the writer of the 2023 film Quiet Harbor No. 9, and Vol. 2 is out.", "I said No.", "Then I left."
    ]


def test_a_lineup_whose_dates_were_announced_dates_each_title_on_the_record(extractor: Extractor) -> None:
    text = ("Harbor TV Announces Premiere Dates for its Fall Season\n\n"
            "QUIET HARBOR (Season 3) — returns Tuesday, Sept. 24 at 9 p.m.\n\n"
            "GLASS ORCHARD (NEW) — premieres Wednesday, Sept. 25 at 9 p.m.\n")
    found = extractor.extract(Article(text=text, published=date(2026, 8, 13)))
    events = {r.title: [e.type for e in r.events] for r in found.releases}
    assert events and all("date_announced" in kinds for kinds in events.values()), events


def test_a_title_cut_short_joins_the_whole_one(extractor: Extractor) -> None:
    text = "Show Number 2 season 2 is coming\n\nShow Number 2 returns for season 2 on Netflix in fall 2026, the streamer said."
    found = extractor.extract(Article(text=text, published=date(2026, 6, 1)))
    assert [(r.title, r.season, r.platforms) for r in found.releases] == [("Show Number 2", 2, ("Netflix",))]


def test_a_title_inside_a_question_is_not_folded_into_it() -> None:
    from airdate.extract.pipeline import _fold_fragments
    from airdate.models import Release

    whole, part = Release("Who's in the Quiet Harbor", 3, None, "series"), Release("Quiet Harbor", 3, None, "series")
    assert _fold_fragments([whole, part]) == (whole, part)
    show = Release("Show Quiet Harbor", 3, None, "series", platforms=("Netflix",))
    assert _fold_fragments([show, part]) == (show,)


def _cast_by_release(extractor: Extractor, text: str) -> dict[tuple[str, int | None], list[tuple[str, str | None]]]:
    found = extractor.extract(Article(text=text, published=date(2026, 6, 1)))
    return {(r.title, r.season): [(m.actor, m.character) for m in r.cast] for r in found.releases}


def test_a_cast_list_of_names_in_brackets_stays_with_the_season_its_heading_names(extractor: Extractor) -> None:
    # The heading asks a question after a label; the list lines are people, not titles; the past
    # season named in the relative clause is history.
    text = ("Quiet Harbor Season 3: Release Date, Cast And Everything We Know\n\n"
            "Netflix renewed Quiet Harbor for a third season in May 2026.\n\n"
            "Quiet Harbor Season 3 Cast: Who's Returning?\n\n"
            "The first season, which Netflix released in 2024, was a slow burn.\n\n"
            "Odile Marchetti-Rowe (Lucia Varga), the lighthouse keeper\n\n"
            "Tobin Ashgrove (Felix Hausmann), her estranged brother\n")
    cast = _cast_by_release(extractor, text)
    assert cast.get(("Quiet Harbor", 3)) == [("Odile Marchetti-Rowe", "Lucia Varga"), ("Tobin Ashgrove", "Felix Hausmann")], cast


def test_a_stars_past_work_does_not_take_the_cast_that_follows(extractor: Extractor) -> None:
    text = ("Quiet Harbor Season 2 Review: The Ferry Drama Gets Better\n\n"
            "The second season of Quiet Harbor premieres on HBO on Sunday, June 21.\n\n"
            "Tobin Ashgrove, best known for the 2017 film Lantern Keepers, plays the new harbourmaster.\n\n"
            "Returning from season one, Odile Marchetti-Rowe is back as Lucia Varga.\n")
    cast = _cast_by_release(extractor, text)
    assert {("Tobin Ashgrove", None), ("Odile Marchetti-Rowe", "Lucia Varga")} <= set(cast.get(("Quiet Harbor", 2), [])), cast


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Quiet Harbor Season Two Teaser", [("Quiet Harbor", 2)]),
        ("’Glass Orchard’ Season 2 Confirmed at HBO Max", [("Glass Orchard", 2)]),
    ],
)
def test_headline_shapes(extractor: Extractor, headline: str, expected: list[tuple[str, int | None]]) -> None:
    assert releases(extractor, headline) == expected


def _by_rules(text: str, published: date) -> tuple[Any, ...]:
    """The releases the rules alone make of an article of our own."""
    return Extractor(mode="rules").extract(Article(text=text, published=published)).releases


def test_anime_seasons_hold_only_where_the_article_speaks_of_anime() -> None:
    text = ("The Most Anticipated TV of 2027\n\n"
            "Quiet Harbor (BBC One)\n\nThe ghost story returns this summer, the broadcaster has confirmed.\n\n"
            "Glass Orchard season 2 (Crunchyroll)\n\n"
            "The anime's second season is confirmed for Summer 2027, and Crunchyroll will simulcast it.\n")
    windows = {r.title: [(w.start, w.end) for w in r.windows] for r in _by_rules(text, date(2027, 1, 5))}
    assert windows.get("Quiet Harbor") == [(date(2027, 6, 1), date(2027, 8, 31))], windows
    assert windows.get("Glass Orchard") == [(date(2027, 7, 1), date(2027, 9, 30))], windows  # the anime row


def test_a_network_schedule_dates_and_places_each_title() -> None:
    # A press release's grid: a day heading, time-slot lines, a footer naming the streaming service.
    text = ("HARBOR TV ANNOUNCES FALL 2026 PREMIERE DATES\n\n"
            "HARBOR TV today announced premiere dates for its fall season on NBC. All times ET/PT. Next-day streaming on Peacock.\n\n"
            "MONDAY, SEPT. 21\n\n"
            "8-9 p.m. — QUIET HARBOR (Season 3 premiere)\n\n"
            "9-10 p.m. — GLASS ORCHARD (Series premiere)\n\n"
            "TUESDAY, SEPT. 22\n\n"
            "8-9 p.m. — LANTERN ROW (Season 2 premiere)\n")
    got = {r.title.title(): ([(w.start, w.end) for w in r.windows], "Peacock" in r.platforms)
           for r in _by_rules(text, date(2026, 6, 20))}
    monday, tuesday = date(2026, 9, 21), date(2026, 9, 22)
    assert got == {"Quiet Harbor": ([(monday, monday)], True), "Glass Orchard": ([(monday, monday)], True),
                   "Lantern Row": ([(tuesday, tuesday)], True)}, got


def test_every_episode_of_one_show_is_no_lineup_service() -> None:
    text = ("'Quiet Harbor,' 'Glass Orchard' and 'Lantern Row' lead the fall\n\n"
            "'Quiet Harbor' returns to HBO on October 4. All four episodes will also stream on Max.\n\n"
            "'Glass Orchard' premieres on Netflix on October 9.\n\n"
            "'Lantern Row' arrives on Hulu on October 12.\n")
    assert {r.title: r.platforms for r in _by_rules(text, date(2026, 6, 20))}["Glass Orchard"] == ("Netflix",)


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Dana Ruiz Developing Reboot Of '90s Classic 'Quiet Harbor'", [("Quiet Harbor", None)]),
        ("Omar Sayed Is Remaking 'Glass Orchard'", [("Glass Orchard", None)]),
        ("Official poster for Netflix's 'Quiet Harbor'", [("Quiet Harbor", None)]),  # its promotion
    ],
)
def test_a_new_project_or_its_promotion_is_a_release_to_come(headline: str, expected: list[tuple[str, int | None]]) -> None:
    extractor = Extractor(mode="rules")
    found = extractor.extract(Article(text=headline, title=headline, published=date(2026, 6, 1)))
    assert [(r.title, r.season) for r in found.releases] == expected


def test_a_date_line_under_an_items_heading_dates_that_item() -> None:
    text = ("The 3 Most Anticipated Shows of 2027\n\n"
            "1. Quiet Harbor (Netflix)\n\nJan. 25\n\nNetflix opens the year with the ferry drama's return.\n\n"
            "2. Glass Orchard (HBO)\n\nFeb. 15\n\nThe orchard saga's second season lands on HBO.\n\n"
            "3. Lantern Row (Hulu)\n\nMarch\n\nHulu has only said March.\n")
    got = {r.title: [w.start for w in r.windows] for r in _by_rules(text, date(2027, 1, 2))}
    assert got == {"Quiet Harbor": [date(2027, 1, 25)], "Glass Orchard": [date(2027, 2, 15)],
                   "Lantern Row": [date(2027, 3, 1)]}, got


def test_a_work_called_a_series_outright_is_one() -> None:
    from airdate.extract.learned import Verdict
    from airdate.extract.pipeline import decide

    extractor = Extractor(mode="rules")
    text = ("Harbor Studios Debuts 'Quiet Harbor' First Look\n\n"
            "The musical series, which picks up from 2009's \"Glass Orchard,\" will hit the streaming service in 2027.")
    cands = {c.release.title: c for c, _ in extractor.candidates(Article(text=text, published=date(2026, 11, 13)))}
    c = cands["Quiet Harbor"]
    assert c.kind_cue == "series"
    # The judge's film score does not outweigh it.
    t = {"gate": 0.0, "judge": 0.5, "judge_rule": 0.5, "film": 0.5}
    release = decide(c, Verdict(release=0.9, film=0.9), t, "hybrid")
    assert release is not None and release.kind == "series"


def test_a_franchise_named_for_an_unnamed_project_is_no_release() -> None:
    assert _by_rules("Now Ada Brandt Is Getting Her Own 'Quiet Harbor' Movie", date(2026, 6, 1)) == ()



@pytest.mark.parametrize("quote", ["'", ""])
def test_a_sequel_film_keeps_its_number_beside_the_original(extractor: Extractor, quote: str) -> None:
    q = quote
    text = (f"{q}Gravel Kings 2{q} Gets a Christmas Release Date\n\n{q}Gravel Kings 2{q} opens in theaters on "
            f"December 18, 2026, the studio said. The original {q}Gravel Kings{q} grossed $300 million at the box "
            "office in 2023, and the new film brings back its whole cast.")
    found = extractor.extract(Article(text=text, published=date(2026, 6, 1)))
    assert [(r.title, r.season, r.kind) for r in found.releases] == [("Gravel Kings 2", None, "film")]


def test_a_numbered_series_beside_its_first_season_is_a_season(extractor: Extractor) -> None:
    text = ("'Mill Lane 3' is coming\n\nThe BBC said 'Mill Lane 3' will film this spring, and the series returns "
            "in 2027. 'Mill Lane' first aired in 2022.")
    found = extractor.extract(Article(text=text, published=date(2026, 6, 1)))
    assert [(r.title, r.season, r.kind) for r in found.releases] == [("Mill Lane", 3, "series")]


@pytest.mark.parametrize(("span", "title"), [
    ("Sunday Theater (9 p.m.): Mirage", "Mirage"),
    ("Netflix's The Lantern Girls", "The Lantern Girls"),
    ("Watch Lowcountry", "Lowcountry"),
    ("The Phoenix Oath (Tencent Video)", "The Phoenix Oath"),
    ("Northbound (NBC)", "Northbound"),
    ("Ruen Mai Ngam (2024)", "Ruen Mai Ngam"),
    ("Coldwater Run - March 4", "Coldwater Run"),
    ("What We Know About Doctor Han's Night Clinic", "Doctor Han's Night Clinic"),
    ("Velvet Undertow Tops Netflix's Non-English Chart", "Velvet Undertow"),
    ("Hollow Oak Hall is back", "Hollow Oak Hall"),
    ("Ozark Showrunner Just", "Ozark"),
    ("Starbound Atlas 2 Cast", "Starbound Atlas 2"),
    # what belongs to a title stays
    ("Cacciatore (The Hunter)", "Cacciatore (The Hunter)"),
    ("Spider-Man - Far From Home", "Spider-Man - Far From Home"),
    ("Tyler Perry's Madea", "Tyler Perry's Madea"),
    ("This Is Us", "This Is Us"),
    ("The Mummy Returns", "The Mummy Returns"),
    ("The Boss", "The Boss"),
    ("Lone Star", "Lone Star"),
    ("El Señor del Puerto Renewed by Telemundo", "El Señor del Puerto"),  # a headline's past verb
    ("Amor en Tierra Caliente Set for June 3", "Amor en Tierra Caliente"),
    ("Saltmarsh Kings Dated", "Saltmarsh Kings"),  # a headline's list of news
    ("Brightwater Academy Renewed", "Brightwater Academy"),
    ("Set It Up", "Set It Up"),
    ("Arrested Development", "Arrested Development"),
])
def test_a_spotted_span_loses_what_a_listing_puts_around_a_title(span: str, title: str) -> None:
    from airdate.extract.pipeline import _trim_span

    text = f"Up next: {span}, then the news."
    a, z = _trim_span(text, 9, 9 + len(span))
    assert text[a:z] == title


@pytest.mark.parametrize(("text", "span", "title"), [
    # the headline's verb ends the span, its object left outside
    ("Spring Rain Bakery Holds First Script Reading", "Spring Rain Bakery Holds", "Spring Rain Bakery"),
    ("Tin Soldiers 3 Moves Up a Week", "Tin Soldiers 3 Moves", "Tin Soldiers 3"),
    ("Hollow Oak Hall Locks November Return", "Hollow Oak Hall Locks", "Hollow Oak Hall"),
    # a title that ends in a verb with nothing after it in the line keeps it
    ("Everyone cheered when Mary Poppins Returns", "Mary Poppins Returns", "Mary Poppins Returns"),
    ("The Wind Shifts", "The Wind Shifts", "The Wind Shifts"),
])
def test_a_spotted_span_loses_a_headline_verb_that_ends_it(text: str, span: str, title: str) -> None:
    from airdate.extract.pipeline import _trim_span

    a = text.index(span)
    b, z = _trim_span(text, a, a + len(span))
    assert text[b:z] == title


def test_a_question_headlines_auxiliary_is_no_part_of_a_spotted_title() -> None:
    from airdate.extract.pipeline import Sentence, _spotted

    for text in ("When Will Ironwood Saints Be on Streaming? Here's When the Nun Thriller Should Arrive",
                 "Has Crimson Ledger Been Renewed for Season 3?"):
        span = next(t for t in ("Ironwood Saints Be", "Crimson Ledger Been") if t in text)
        a = text.index(span)
        got = [m.title for m in _spotted(Sentence(text, 0, spotted=[(a, a + len(span))]))]
        assert got == [span.rsplit(" ", 1)[0]]
    # a statement keeps its words
    text = "Whatever Will Be returns in May."
    assert [m.title for m in _spotted(Sentence(text, 0, spotted=[(0, 16)]))] == ["Whatever Will Be"]


@pytest.mark.parametrize(("text", "span", "kept"), [
    ("Status: RENEWED (season 5, picked up in March)", "Status: RENEWED", False),
    ("Buyer: Lantern House Pictures (North America)", "Lantern House Pictures", False),
    ("One to watch: Gravewood Season 2 (NBC)", "Gravewood", True),  # no field label: the span stands
])
def test_a_spotted_span_on_a_listing_field_line_is_no_title(text: str, span: str, kept: bool) -> None:
    # A retrained spotter tagged "Status: RENEWED" on a renewal tracker's field lines, and the entry's
    # season went to that "title" instead of the entry's heading: the field names no title, as for the rules.
    from airdate.extract.pipeline import Sentence, _spotted

    a = text.index(span)
    got = [m.title for m in _spotted(Sentence(text, 0, spotted=[(a, a + len(span))]))]
    assert got == ([span] if kept else [])


def test_only_a_title_a_rule_reads_in_the_headline_outweighs_a_doubtful_judge() -> None:
    from airdate.extract.learned import Verdict
    from airdate.extract.pipeline import decide

    body = ("Peacock has set Lagoon Villa season 4 for Thursday, June 4, the streamer said. The dating show returns "
            "with twelve new singles. ") * 3
    article = Article(title="Lagoon Villa Season 4 Cast Revealed: Meet the Singles", text="\n\n".join([body] * 4),
                      published=date(2026, 5, 1))
    c = next(c for c, _ in Extractor(mode="rules").candidates(article) if c.release.title == "Lagoon Villa")
    t = {"gate": 0.0, "judge": 0.5, "judge_rule": 0.5, "film": 0.5}
    assert not c.spotted_only and decide(c, Verdict(release=0.0, film=0.0), t, "hybrid") is not None
    # the same candidate found by the title spotter alone is the judge's to weigh
    spotted = replace(c, spotted_only=True)
    assert decide(spotted, Verdict(release=0.0, film=0.0), t, "hybrid") is None
    assert decide(spotted, Verdict(release=0.9, film=0.0), t, "hybrid") is not None


def test_a_long_pieces_dated_headline_title_outweighs_a_doubtful_judge() -> None:
    from airdate.extract.learned import Verdict
    from airdate.extract.pipeline import decide

    body = ("Peacock has set Lagoon Villa season 4 for Thursday, June 4, the streamer said. The dating show returns "
            "with twelve new singles. ") * 3
    article = Article(title="Lagoon Villa Season 4 Cast Revealed: Meet the Singles", text="\n\n".join([body] * 4),
                      published=date(2026, 5, 1))
    cands = {c.release.title: c for c, _ in Extractor(mode="rules").candidates(article)}
    c = cands["Lagoon Villa"]
    assert c.rule and c.shape in ("mid", "long")
    t = {"gate": 0.0, "judge": 0.5, "judge_rule": 0.5, "film": 0.5}
    kept = decide(c, Verdict(release=0.0, film=0.0), t, "hybrid")
    assert kept is not None and (kept.title, kept.season) == ("Lagoon Villa", 4)
    # A listing's headline is no subject: its "title" is a count or a year.
    listing = replace(c, release=replace(c.release, title="The 10 Most-Watched Shows of 2026"))
    assert decide(listing, Verdict(release=0.0, film=0.0), t, "hybrid") is None


def test_a_page_in_another_language_yields_nothing(extractor: Extractor) -> None:
    body = ("Il venerdì nero arriva anche da noi, e con lui le offerte della settimana. Abbiamo scelto per voi i "
            "prodotti più interessanti per chi ama il cinema e le serie di una volta, con prezzi davvero bassi. ") * 6
    text = (f"Le offerte del Black Friday per i nostalgici\n\n{body}\n\n"
            "1) Quiet Harbor La Serie Completa (Blu-Ray) uscita il 24 novembre 2026\n"
            "2) Glass Orchard Stagione 2 (4K Ultra HD) dal 1 dicembre 2026 su Netflix\n")
    found = extractor.extract(Article(text=text, published=date(2026, 11, 20)))
    assert found.releases == ()
    # the same page in English is read
    from airdate.extract.pipeline import foreign

    english = text.replace(body, "The Black Friday deals are here, and these are the ones for fans of old films and "
                                 "series, at prices that are hard to beat. " * 8)
    assert foreign(Article(text=text)) and not foreign(Article(text=english))
    # links are no words: twenty "amzn.to" links do not make Italian English
    links = "\n".join(f"{n}) Offerta numero {n} per il cinema a casa\nhttp://amzn.to/2iJF{n}" for n in range(1, 21))
    assert foreign(Article(text=f"{body}\n\n{links}"))


def test_a_ranking_of_what_aired_frames_no_window() -> None:
    intro = "A few rules: shows had to air at least half their episodes in 2025, and limited series count."
    items = "\n\n".join(f"{n}. {t} ({p})\n\nA fine show that ran on {p} this year." for n, t, p in
                        [(3, "Quiet Hours", "Peacock"), (2, "Glass Orchard", "Hulu"), (1, "Lantern Row", "Netflix")])
    for headline, framed in (("The 10 Best TV Shows of 2025, Ranked", False), ("The Best New Shows Coming in 2025", True)):
        article = Article(title=headline, text=f"{intro}\n\n{items}", published=date(2025, 1, 2))
        got = {r.title: r.windows for r in Extractor(mode="rules").extract(article).releases}
        # ranked: no window, so the rules find no release at all; coming: every item takes the year
        assert (len(got) == 3 and all(got.values())) if framed else not any(got.values()), (headline, got)


def test_a_further_season_is_a_series_whatever_a_kind_word_says() -> None:
    from airdate.extract.learned import Verdict
    from airdate.extract.pipeline import decide

    text = "'Grimhold' Season 4 Sets October Premiere\n\nThe fantasy returns to Max in October 2026, after the film's success."
    c = next(c for c, _ in Extractor(mode="rules").candidates(Article(text=text, published=date(2026, 6, 1))))
    t = {"gate": 0.0, "judge": 0.5, "judge_rule": 0.5, "film": 0.5}
    for cue in ("film", None):
        r = decide(replace(c, kind_cue=cue), Verdict(release=0.9, film=0.9), t, "hybrid")
        assert r is not None and (r.season, r.kind) == (4, "series")


def test_a_date_opening_a_sentence_is_no_title(extractor: Extractor) -> None:
    text = ("Netflix's 'Quiet Harbor Christmas' Trailer Has Holiday High Jinks\n\n"
            "Debuting Dec. 2, the romantic comedy finds Petra Lind feeling less than merry after a Christmas love triangle.")
    found = extractor.extract(Article(text=text, published=date(2021, 11, 10)))
    assert [(r.title, [w.start for w in r.windows]) for r in found.releases] == [
        ("Quiet Harbor Christmas", [date(2021, 12, 2)])
    ]


@pytest.mark.parametrize("sentence, span, title", [
    # a source that reports, a person, a place: no title ...
    ("Industry newsletter The Streaming Desk reported last month that Netflix is targeting November.",
     "The Streaming Desk", False),
    ("According to data firm Gower Street Analytics, receipts are down.", "Gower Street Analytics", False),
    ("Filming continues with additional location work in Geneva and Valletta.", "Geneva and Valletta", False),
    ("The legal drama is set in the Bombay High Court during the 2005 floods.", "Bombay High Court", False),
    ("Sue Hollins, who played his wife, called him kind.", "Sue Hollins", False),
    ("Hollis Pemberton and Jun-seo Whitaker star as rival coaches.", "Hollis Pemberton", False),
    ("By Doug Pemberton | Lakeshore Gazette", "Doug Pemberton", False),
    ("By Doug Pemberton | Lakeshore Gazette", "Lakeshore Gazette", False),
    ("By Anika Strathmore-Diallo, Film Editor", "Film Editor", False),
    ("The second season of its Winnipeg-set comedy wrapped in May.", "Winnipeg-set", False),
    ("The Sun first reported the exit on Friday.", "The Sun", False),
    # ... and a title in the same places is still one
    ("Netflix has renewed The Streaming Desk for a second season.", "The Streaming Desk", True),
    ("She starred in Copper Beech, which ran for twelve years.", "Copper Beech", True),
    ("Sue Hollins, who played his wife in The Vicar's Wife, said he was kind.", "The Vicar's Wife", True),
    ("The Lamplighters stars Niamh Oduya as a widow.", "The Lamplighters", True),
    ("Filming of Salt Flower began in Seoul in March.", "Salt Flower", True),
    # what people do and shows do not ...
    ("Eleni Vourvatsi will direct the first four episodes.", "Eleni Vourvatsi", False),
    ("Ximena Robles-Aranda is back as Inés Valdivia, the widow.", "Ximena Robles-Aranda", False),
    # ... and what shows do
    ("Casa Sombra is back as a limited series.", "Casa Sombra", True),
    ("Slow Horses will return as planned in September.", "Slow Horses", True),
    ("Suits is back as the most-streamed show on Netflix.", "Suits", True),
    ("Dexter returns as Dexter: Resurrection in June.", "Dexter", True),
    ("Stranger Things co-stars Millie Bobby Brown and Finn Wolfhard.", "Stranger Things", True),
    ("Night Ferry, directed by Jo Marsh, arrives in May.", "Night Ferry", True),
])
def test_the_words_around_a_spotted_span_say_whether_it_is_a_title(sentence: str, span: str, title: bool) -> None:
    from airdate.extract.pipeline import _not_a_title

    a = sentence.index(span)
    assert _not_a_title(sentence, a, a + len(span), span) is not title


@pytest.mark.parametrize("text, cut, whole", [
    ("Ferreira-Lund has been cautious.", "Ferreira", "Ferreira-Lund"),
    ("Tyvak Nano-Satellite Systems is small.", "Tyvak Nano", "Tyvak Nano-Satellite"),
    ("Sky has ordered Lantern Hill - a drama.", "Lantern Hill", "Lantern Hill"),
    ("He joined Jean-Luc's crew.", "Luc", "Jean-Luc"),
])
def test_a_spotted_span_never_ends_inside_a_word(text: str, cut: str, whole: str) -> None:
    from airdate.extract.pipeline import _whole_words

    a = text.index(cut)
    b, z = _whole_words(text, a, a + len(cut))
    assert text[b:z] == whole


def test_a_spotted_source_or_place_gets_no_window() -> None:
    from airdate.extract.pipeline import Sentence, _spotted

    text = "Industry newsletter The Streaming Desk reported that Netflix is targeting November for the new season."
    a = text.index("The Streaming Desk")
    s = Sentence(text, 0, spotted=[(a, a + len("The Streaming Desk"))])
    assert _spotted(s) == []
    told = "The second season of Crimson Ledger lands in November, The Streaming Desk said."
    b = told.index("Crimson Ledger")
    assert [m.title for m in _spotted(Sentence(told, 0, spotted=[(b, b + len("Crimson Ledger"))]))] == ["Crimson Ledger"]


def test_a_weekly_listing_dates_each_service_line_by_the_day_above_it(extractor: Extractor) -> None:
    text = "\n\n".join([
        "By Jo Park | Streaming Guide",
        "Happy Monday. The January drought is over, and this week brings returns on three services.",
        "MONDAY, JAN. 18",
        "The Understory (Hulu) - All six episodes of this docuseries about the forest canopy drop at 3 a.m.",
        "TUESDAY, JAN. 19",
        "Spare Parts, Season 2 (Netflix) - The mechanic-shop comedy returns with eight episodes.",
        "FRIDAY, JAN. 22",
        "Lantern Hill, Season 3 Part 2 (Disney+) - The final four episodes of the season arrive at 9 p.m.",
    ])
    found = extractor.extract(Article(title="New on Streaming This Week (Jan. 18-24): Lantern Hill, Spare Parts, The Understory and More",
                                      text=text, published=date(2027, 1, 18)))
    got = {(r.title, r.season, r.part): [(w.start.isoformat(), w.end.isoformat()) for w in r.windows] for r in found.releases}
    assert got[("The Understory", None, None)] == [("2027-01-18", "2027-01-18")]
    assert got[("Spare Parts", 2, None)] == [("2027-01-19", "2027-01-19")]
    assert got[("Lantern Hill", 3, 2)] == [("2027-01-22", "2027-01-22")]
    assert {r.platforms for r in found.releases} == {("Hulu",), ("Netflix",), ("Disney+",)}


def test_a_heading_whose_subject_is_a_person_names_no_title() -> None:
    from airdate.extract.pipeline import _no_person
    from airdate.extract.titles import find_titles

    person = "Claim 2: Hermione Ashcroft-Diallo is leaving"
    assert [m.how for m in find_titles(person, heading=True)] == ["subject"]
    assert _no_person(person, find_titles(person, heading=True)) == []
    show = "Pinecrest holds its date"
    assert [(m.title, m.how) for m in _no_person(show, find_titles(show, heading=True))] == [("Pinecrest", "heading")]


def test_a_link_to_another_article_gives_no_claims(extractor: Extractor) -> None:
    body = ("Peacock has renewed Neon Requiem for a second season, the streamer said on Thursday. The sci-fi drama "
            "drew strong numbers in its first run, and its cast is expected back.")
    plain = extractor.extract(Article(title="Peacock Renews Neon Requiem", text=body, published=date(2024, 6, 1)))
    linked = extractor.extract(Article(title="Peacock Renews Neon Requiem", published=date(2024, 6, 1),
                                       text=body + "\n\nRelated: TV Premiere Dates 2025 on Netflix: The Full Calendar"))
    windows = [w.start for r in linked.releases for w in r.windows]
    assert [w.start for r in plain.releases for w in r.windows] == windows
    assert all(w.year != 2025 for w in windows)
    assert {p for r in linked.releases for p in r.platforms} == {p for r in plain.releases for p in r.platforms}


def test_a_listed_items_heading_dates_it_in_its_brackets(extractor: Extractor) -> None:
    text = "\n\n".join([
        "October is the month the streamers stop pretending it is still summer. Here are the shows we are most "
        "excited about this month, in order of release.",
        "1. Goodnight, Bramble (Disney+, Oct. 2)\nThe bedtime cartoon about a badger gets a full series. All 20 "
        "episodes drop at once.",
        "2. Nightjar season 2 (Netflix, Oct. 3)\nThe Welsh noir returns with six episodes.",
        "3. Dear Neighbor (Hulu, Oct. 8)\nA half-hour comedy about two feuding duplex owners.",
    ])
    found = extractor.extract(Article(title="What to Watch in October 2024: 12 New Shows and Movies Worth Your Time",
                                      text=text, published=date(2024, 9, 27)))
    got = {(r.title, r.season): [w.start.isoformat() for w in r.windows] for r in found.releases}
    assert got == {("Goodnight, Bramble", None): ["2024-10-02"], ("Nightjar", 2): ["2024-10-03"],
                   ("Dear Neighbor", None): ["2024-10-08"]}


def test_a_day_heading_dates_the_items_under_it_over_what_their_lines_mention() -> None:
    text = "\n\n".join([
        "By Jo Park | TV Editor",
        "Updated: October 1, 2020, 14:22 ET",
        "Here is every premiere date we know so far. All times are Eastern.",
        "Friday, Oct. 30",
        "Wildflower County, Season 3 (Netflix)\nThe small-town teen drama returns just in time for Halloween.",
        "Friday, Nov. 13",
        "Starward Scouts (Disney+)\nA live-action take on the cartoon.",
    ])
    found = Extractor(mode="rules").extract(Article(title="Fall TV 2020: Every Premiere Date", text=text,
                                                    published=date(2020, 10, 1)))
    got = {(r.title, r.season): sorted(w.start.isoformat() for w in r.windows) for r in found.releases}
    assert "2020-10-30" in got[("Wildflower County", 3)]
    assert got[("Starward Scouts", None)] == ["2020-11-13"]
    assert not any("2020-10-01" in ws for ws in got.values())  # the dateline dates nothing



@pytest.mark.parametrize("sentence, span, dateline", [
    ("BURBANK, Calif. - June 16, 2026 - ABC today announced premiere dates.", "BURBANK", True),
    ("LOS ANGELES (AP) — The studio said on Monday that the film moves.", "LOS ANGELES", True),
    ("Crimson Ledger - the second season arrives in May.", "Crimson Ledger", False),
    ("TUNDRA TALES — premieres Monday, Nov. 11 at 8 p.m.", "TUNDRA TALES", False),
])
def test_a_datelines_city_is_no_title(sentence: str, span: str, dateline: bool) -> None:
    from airdate.extract.pipeline import _not_a_title

    assert _not_a_title(sentence, 0, len(span), span) is dateline


@pytest.mark.parametrize(("label", "page"), [
    ("Q", True), ("38%", True), ("Coming Soon", True), ("What to Expect", True), ("Coming in June", True),
    ("New This Week", True), ("FALL 2023 HIGHLIGHTS", True), ("Showmax 2024 Slate", True),
    # titles that look alike
    ("Coming to America", False), ("New in Town", False), ("Coming Home", False), ("Blade Runner 2049", False),
    ("Q-Force", False),
])
def test_a_pages_own_label_is_no_title(label: str, page: bool) -> None:
    from airdate.extract.pipeline import PAGE_LABEL

    assert bool(PAGE_LABEL.fullmatch(label)) is page


def test_a_roundups_coming_soon_heading_yields_no_release(extractor: Extractor) -> None:
    text = ("Coming Soon (Netflix)\n\nThe streamer has a busy month ahead, with new seasons arriving every Friday "
            "in June 2026, starting June 5.\n\nHarbour Lights, Season 2 (Netflix) - The drama returns June 12.")
    found = extractor.extract(Article(title="New on Netflix in June 2026", text=text, published=date(2026, 5, 28)))
    assert "Coming Soon" not in {r.title for r in found.releases}


def test_a_source_a_rule_reads_as_a_title_is_no_release() -> None:
    from airdate.extract.titles import find_titles

    text = ("Not part of the spring season, but per Anime News Network, the cat-detective comedy's second season is "
            "planned for July.")
    assert [m.title for m in find_titles(text)] == ["Anime News Network"]  # a kind noun after it reads as a title's
    found = Extractor(mode="rules").extract(Article(title="Spring anime guide", text=text, published=date(2025, 3, 20)))
    assert "Anime News Network" not in {r.title for r in found.releases}
    # the same words as a title's own are kept
    from airdate.extract.pipeline import _not_a_title

    show = "Netflix has renewed Anime News Network for a second season."
    a = show.index("Anime News Network")
    assert not _not_a_title(show, a, a + len("Anime News Network"), "Anime News Network")


def test_a_scorecards_status_heading_is_its_items_event() -> None:
    text = "\n\n".join([
        "Here is where every series we have been tracking landed this year.",
        "RENEWED",
        "Tidewater Lane (Apple TV+) - Season 4\nApple handed its sci-fi drama a fourth season in June. No word on timing yet.",
        "Copper Hollow (NBC) - Season 3\nThe procedural is the network's most-watched drama.",
        "CANCELLED",
        "Night Static (Max) - After one season\nThe thriller never found an audience.",
    ])
    found = Extractor(mode="rules").extract(Article(title="Every Show Cancelled and Renewed in 2024", text=text,
                                                    published=date(2024, 12, 20)))
    got = {(r.title, r.season): {e.type for e in r.events} for r in found.releases}
    assert got[("Tidewater Lane", 4)] == {"renewed"}
    assert got[("Copper Hollow", 3)] == {"renewed"}
    assert "cancelled" in got[("Night Static", None)]


def test_a_heading_that_is_no_status_ends_the_status_section() -> None:
    text = "\n\n".join([
        "Here is where every series we have been tracking landed this year.",
        "CANCELLED",
        "Night Static (Max) - After one season\nThe thriller never found an audience.",
        "Shows still waiting to hear their fate from the networks",
        "Copper Hollow (NBC) - Season 3\nThe procedural returns in the fall.",
        "PICKED UP",
        "Lantern Row (Hulu)\nA half-hour comedy about a street of bookshops, from the Veep writers.",
    ])
    found = Extractor(mode="rules").extract(Article(title="Every Show Cancelled and Renewed in 2024", text=text,
                                                    published=date(2024, 12, 20)))
    got = {r.title: {e.type for e in r.events} for r in found.releases}
    assert "cancelled" in got["Night Static"]
    assert "cancelled" not in got["Copper Hollow"]
    assert got["Lantern Row"] == {"ordered"}  # a pickup of a new show is an order


@pytest.mark.parametrize("sentence, screen", [
    ("The Iowa PBS documentary airs in May.", True),
    ("It anchors ABC's fall lineup.", True),
    ("The season finale airs in May.", True),
    ("Samsung's new Galaxy S25 lineup arrives February 7.", False),
    ("Verizon's network launches in March.", False),
    ("The championship finale is in November.", False),
])
def test_a_screen_word_with_other_lives_counts_only_qualified(sentence: str, screen: bool) -> None:
    from airdate.extract.pipeline import SCREEN_WORD

    assert bool(SCREEN_WORD.search(sentence)) is screen


@pytest.mark.parametrize("line, want", [
    ("The Jade Hairpin Chronicles season 2 (iQIYI) - iQIYI confirmed the second season.", ("The Jade Hairpin Chronicles", 2)),
    ("Kitchen Royale: Season 4 - Prime Video original.", ("Kitchen Royale", 4)),
    ("The Dossier Files: Season 1 - Prime Video original docuseries. Five episodes.", ("The Dossier Files", 1)),
    ("Prairie Bones, Season 2 (Hulu), all episodes", ("Prairie Bones", 2)),
    # the kind in brackets where a service would stand
    ("Seema Prahari (film). The biggest casualty so far.", ("Seema Prahari", None)),
    ("Mohalla Mysteries season 3 (web series). Shooting resumed on Monday.", ("Mohalla Mysteries", 3)),
])
def test_a_listing_lines_season_is_no_part_of_its_title(line: str, want: tuple[str, int]) -> None:
    from airdate.extract.titles import listing_title

    m = listing_title(line)
    assert m is not None and (m.title, m.season) == want


@pytest.mark.parametrize("sentence, media", [
    ("It is the latest in a run of book-to-screen pickups.", False),
    ("The series is based on the bestselling novel by Jo Nesbo.", False),
    ("It is an adaptation of the Rosemary Sutcliff novel.", False),
    ("The singer announced a book tour.", True),
    ("Her memoir is out in May.", True),
])
def test_a_screen_adaptation_names_its_source_not_another_work(sentence: str, media: bool) -> None:
    from airdate.extract.pipeline import ADAPTED, MEDIA

    assert bool(MEDIA.search(ADAPTED.sub(" ", sentence))) is media


def test_a_month_abbreviation_in_capitals_ends_no_sentence() -> None:
    from airdate.extract.pipeline import _nlp

    doc = _nlp()("THE RINK LACES UP FOR SEASON 3 ON MONDAY, SEPT. 21, LEADING INTO THE SERIES PREMIERE. It is back.")
    assert [s.text for s in doc.sents] == [
        "THE RINK LACES UP FOR SEASON 3 ON MONDAY, SEPT. 21, LEADING INTO THE SERIES PREMIERE.", "It is back."]


def test_a_translation_in_brackets_names_no_title_and_no_service(extractor: Extractor) -> None:
    text = ("The historical drama Kitsune no Yome (The Fox's Bride) opens September 11, and the studio's "
            "disaster epic Kaiyū (Tidal Drift) arrives October 23.")
    found = extractor.extract(Article(title="Toho's autumn slate", text=text, published=date(2024, 6, 1)))
    got = {r.title: (r.platforms, [w.start.isoformat() for w in r.windows]) for r in found.releases}
    assert got["Kitsune no Yome"] == ((), ["2024-09-11"])
    assert not any("Bride" in t for t in got)


@pytest.mark.parametrize("mode", ["rules", "hybrid"])
def test_a_creator_placed_by_an_older_show_leaves_the_headline_film_in_focus(mode: str) -> None:
    text = 'Written and directed by "Night Shift" creator Dana Roe, the coming-of-age drama hits Hulu this week.'
    found = Extractor(mode=mode).extract(Article(
        title="In 'Paper Lanterns,' Mara Quill Takes A Road Trip Through 1970s Ohio", text=text,
        published=date(2020, 11, 23)))
    got = {r.title: (r.platforms, [w.text for w in r.windows]) for r in found.releases}
    assert got == {"Paper Lanterns": (("Hulu",), ["this week"])}


def test_a_final_season_to_come_is_a_further_season() -> None:
    found = Extractor(mode="rules").extract(Article(
        title="What To Watch On Hulu This Week", text="Hulu's original show 'Quiet Hours' returns for a final season.",
        published=date(2018, 7, 28)))
    assert [(r.title, r.platforms) for r in found.releases] == [("Quiet Hours", ("Hulu",))]


@pytest.mark.parametrize("headline, text, want", [
    # a service in brackets is no translation
    ("Summer TV preview", "'The Bear' (FX) returns June 26 for season 3.", {("The Bear", 3, ("FX",))}),
    ("Fall TV preview", "The spy drama Slow Horses (Season 4, Apple TV+) returns September 4.",
     {("Slow Horses", 4, ("Apple TV+",))}),
    # "followed by" is no credit
    ("What's on TV", "The finale will be followed by Slow Horses, the Apple TV+ spy drama, which returns October 2.",
     {("Slow Horses", None, ("Apple TV+",))}),
    # a line about the older show's own season is that show's news
    ("Jodie Comer Joins Warner Bros. Film 'The Bride!'",
     "'Killing Eve' star Jodie Comer will also return for the show's fourth season, premiering February 27 on BBC America.",
     {("The Bride", None, ()), ("Killing Eve", 4, ("BBC",))}),
    # a final season that wrapped is history, and another show's
    ("New on streaming", "'Quiet Hours' will stream Friday, after the 'Parks and Recreation' final season wrapped in 2015.",
     {("Quiet Hours", None, ())}),
])
def test_what_the_review_found_stays_fixed(headline: str, text: str, want: set[tuple[str, int | None, tuple[str, ...]]]) -> None:
    found = Extractor(mode="rules").extract(Article(title=headline, text=text, published=date(2024, 1, 20)))
    assert {(r.title, r.season, r.platforms) for r in found.releases} == want


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # a tracker's entry: its heading, then its fields
        ("FERRYLAND\nBuyer: Sony Pictures Classics (North America)\nPrice: low seven figures\n"
         "The drama opens in theaters on November 14.", "Ferryland"),
        # a parents' guide: its heading, then its questions
        ("Tuck and Tumble\n\nWhat is it? A preschool series about two hedgehog siblings.\n\n"
         "When and where? It arrives on CBeebies in early October.", "Tuck and Tumble"),
    ],
)
def test_a_heading_over_an_entrys_fields_is_its_title(body: str, title: str) -> None:
    text = "Here is what is coming this fall.\n\n" + body + "\n\nThat is all for now."
    found = Extractor(mode="rules").extract(Article(title="The Fall Guide", text=text, published=date(2023, 8, 22)))
    assert title.upper() in {r.title.upper() for r in found.releases}  # an all-capitals heading keeps its capitals


def test_an_entrys_field_line_is_the_entrys_own() -> None:
    # "Status: RENEWED (season 3, …)" under the second entry of a tracker is that entry's, not a section heading.
    text = ("Harbor Point (Thursdays)\nDemo 0.52 | Viewers 6.1M\nStatus: RENEWED (season 5, picked up in March)\n"
            "CBS has said it will be back in the fall.\n\n"
            "Dalton Ridge (Wednesdays)\nDemo 0.44 | Viewers 4.6M\nStatus: RENEWED (season 3, announced Monday)\n"
            "A relief for ABC's Wednesday comedy block.\n")
    found = Extractor(mode="rules").extract(Article(title="Bubble Watch", text=text, published=date(2024, 5, 3)))
    dalton = [r for r in found.releases if r.title == "Dalton Ridge"]
    assert dalton and dalton[0].season == 3 and [e.type for e in dalton[0].events] == ["renewed"]
