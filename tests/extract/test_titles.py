"""Quoted titles, including the mixed quotes real copy has (our own sentences)."""

from __future__ import annotations

import pytest

from airdate.extract.titles import find_titles, genre_titles, heading_title, is_date_phrase, quoted_titles


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


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Claim 2: Hermione Vale is leaving", None),  # a numbered label, then a claim: no title
        ("Season 3: 8 episodes, TBC", None),
        ("Claim 1: Season 3 premieres in October", None),
        ("Day 4: Quiet Hours (Apple TV)", "Quiet Hours"),  # the title after a numbered label
        ("Not coming in June: The Fourth Floor (MBC)", "The Fourth Floor"),
        ("Stillwater Crossing, Season 3 (HBO Max)", "Stillwater Crossing"),
    ],
)
def test_numbered_labels_in_headings_are_no_titles(heading: str, title: str | None) -> None:
    found = heading_title(heading)
    assert (found.title if found else None) == title


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        # a listing entry's fields: the value after the label is no title
        ("Buyer: Sony Pictures Classics (North America)", None),
        ("Status: RENEWED (season 5, picked up in March)", None),
        ("Price: $17 million (worldwide)", None),
        ("Demo 0.41 | Viewers 5.0M | L+7 viewers 7.6M", None),
        # a grade or a state before the title: the title after it
        ("B-minus: THE LONGEST SHIFT (NBC)", "THE LONGEST SHIFT"),
        ("A+: Kettle Valley (HBO)", "Kettle Valley"),
        ("STILL AVAILABLE: THE UNDERSTUDIES (Season 2)", "THE UNDERSTUDIES"),
        # a title with a colon of its own stays whole
        ("Star Wars: Andor (Disney+)", "Star Wars: Andor"),
        ("Mission: Impossible (Paramount+)", "Mission: Impossible"),
    ],
)
def test_a_listing_fields_label_is_no_title(heading: str, title: str | None) -> None:
    found = heading_title(heading)
    assert (found.title if found else None) == title


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        ("CBC confirmed that the hit comedy Rock Bottom will end with its sixth season.", ["Rock Bottom"]),
        ("NHK confirmed that the 2021 taiga drama, Kōgen no Tora, will star Ren Aoki.", ["Kōgen no Tora"]),
        ("Netflix paid $12 million for Off Air, a chamber thriller set in a radio station.", ["Off Air"]),
        ("It clashes with Chaska Ishq Ka, the Kabir Sethi and Tanvi Oberoi romantic comedy.", ["Chaska Ishq Ka"]),
        # Not titles: a clause before the apposition, a person described by a role, a platform, a month.
        ("Debuting Dec. 2, the gay romantic comedy finds Michael Urie feeling less than merry.", []),
        ("Park Ji-hu, the star of the drama, said she was thrilled.", []),
        ("The series Netflix ordered is a drama.", []),
        ("The drama In March is great.", []),
    ],
)
def test_titles_named_by_their_kind(sentence: str, titles: list[str]) -> None:
    assert [m.title for m in genre_titles(sentence)] == titles


@pytest.mark.parametrize(
    ("sentence", "title", "season"),
    [
        # a kind or genre word that is a title's own first or last word
        ("The Morning Show Season 4 premieres on Apple TV+ on March 1.", "The Morning Show", 4),
        ("Star Trek: Strange New Worlds Season 3 arrives in July.", "Star Trek: Strange New Worlds", 3),
        ("Spy x Family Season 2 is coming to Crunchyroll.", "Spy x Family", 2),
        ("Netflix confirmed Crime Scene Kitchen Season 2 this week.", "Crime Scene Kitchen", 2),
        # ... and the same words between a platform or a kind and the title describe it
        ("Netflix Drama Bridgerton Season 3 Gets A Date", "Bridgerton", 3),
        ("Korean Drama Squid Game Season 2 Is Coming", "Squid Game", 2),
    ],
)
def test_titles_keep_their_own_kind_words(sentence: str, title: str, season: int) -> None:
    found = [(m.title, m.season) for m in find_titles(sentence)]
    assert (title, season) in found


def test_a_kind_word_after_a_quoted_title_describes_a_person() -> None:
    found = find_titles("'Quiet Harbor' Star Mara Vey Detained By Customs Agent Demanding Season 5 Return")
    assert [m.title for m in found] == ["Quiet Harbor"]


@pytest.mark.parametrize(
    "heading", ["Release date: January 31", "Premieres: Wednesday, July 3", "THURSDAY, NOV. 27 (THANKSGIVING)"]
)
def test_a_date_is_no_title(heading: str) -> None:
    assert heading_title(heading) is None
    assert find_titles(heading, heading=True) == []


@pytest.mark.parametrize(("title", "is_date"), [("Wednesday", False), ("March 14", True), ("Friday, July 12", True),
                                                ("The Fourth of July", False), ("Sept. 5", True), ("Early 2025", True),
                                                ("Spring 2027", True), ("Christmas Day", True), ("New Year's Eve", True),
                                                ("Independence Day", False), ("Winter Vespers", False)])
def test_date_phrases(title: str, is_date: bool) -> None:
    assert is_date_phrase(title) is is_date


def test_a_verbs_object_before_a_season_is_no_title() -> None:
    found = find_titles("Quiet Harbor Showrunner Just Revealed the Real Reason Season 4 Has a Part 2.")
    assert "the Real Reason" not in [m.title for m in found] and "Real Reason" not in [m.title for m in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Verdict: Quiet Harbor season 2 is not an easy watch.", [("Quiet Harbor", 2)]),
        ("Claim 1: Season 3 premieres in October", []),
        ("Kerr will next be seen in the second season of Netflix's Glass Orchard, due this summer.",
         [("Glass Orchard", 2)]),
        ("Netflix pushed the third season of its Euro-thriller out of 2026.", []),
        ("Star Trek: Discovery Season 5 arrives in April.", [("Star Trek: Discovery", 5)]),
        ("Its 10-episode first season is due in spring 2022.", []),
        ("9-1-1 Season 7 premieres in March.", [("9-1-1", 7)]),
    ],
)
def test_labels_possessives_and_kinds_around_a_season(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert [(m.title, m.season) for m in find_titles(sentence)] == expected


def test_a_question_or_a_caption_names_no_title() -> None:
    found = [m.title for m in find_titles("Has Quiet Harbor Been Renewed for Season 3?", headline=True)]
    assert not any(t.startswith("Has ") or t.endswith(" Been") for t in found)
    assert heading_title("Pictured: Mara Vey in a still from Glass Orchard 2. (Photo: Sunehri Films)") is None


def test_a_roundup_heading_may_name_a_final_season() -> None:
    h = heading_title("Quiet Harbor, final season (Paramount+)")
    assert h is not None and (h.title, h.season) == ("Quiet Harbor", None)


def test_an_initialism_keeps_its_last_stop() -> None:
    assert [m.title for m in quoted_titles("'Harbor P.I.' Trailer Has Lots Of Close Shaves")] == ["Harbor P.I."]
    assert [m.title for m in quoted_titles("Fans of 'Quiet Harbor.' cheered")] == ["Quiet Harbor"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Nov. 5, 2027: Quiet Harbor", "Quiet Harbor"),
        ("2027: The Glass Orchard", "The Glass Orchard"),
        ("TBD: Quiet Harbor", "Quiet Harbor"),
        ("Q1 2027: Glass Orchard", "Glass Orchard"),
        ("Leaving June 10: Quiet Harbor", "Quiet Harbor"),
        ("Star Trek: Discovery (Paramount+)", "Star Trek: Discovery"),
    ],
)
def test_a_date_before_a_headings_colon_is_no_part_of_the_title(heading: str, title: str) -> None:
    h = heading_title(heading)
    assert h is not None and h.title == title


def test_no_title_is_tba_and_a_role_comes_before_its_show() -> None:
    assert find_titles("Release date: TBA", heading=True) == []
    found = find_titles("[Photo: Mara Vey as Wren Castellane in Quiet Harbor season 2. Credit: Netflix]")
    assert [(m.title, m.season) for m in found] == [("Quiet Harbor", 2)]


@pytest.mark.parametrize("line, want", [
    ("Prairie Bones, Season 2 (Hulu), all episodes", ("Prairie Bones", 2, None)),
    ("Gatekeepers (CBS): The procedural about airport screeners returns.", ("Gatekeepers", None, None)),
    ("Brightwell Falls (ABC → Hulu) - Season 3", ("Brightwell Falls", 3, None)),
    ("STEEL MERIDIAN, SEASON 2 (Prime Video) (10:00)", ("Steel Meridian", 2, None)),
    ("Forty Winks - Netflix film. A romantic comedy about two insomniacs.", ("Forty Winks", None, None)),
    ("The Turkey Bowl Tapes (Hulu Original). A half-hour comedy special.", ("The Turkey Bowl Tapes", None, None)),
    ("Blackthorn Road, Season 2 Part 2 (Netflix) - The final four episodes arrive.", ("Blackthorn Road", 2, 2)),
    ("3. The Long Division (Prime Video)", ("The Long Division", None, None)),
    # no title before the service: a person, a ticker, a studio, a speaker
    ("Bela Bajaria (Netflix), who runs content there, spoke first.", None),
    ("Netflix (NFLX): shares rose four percent.", None),
    ("The Pact (Warner Bros.) (11:00)", None),
    ("Ted Sarandos (Netflix) said the deal was done.", None),
])
def test_a_line_that_opens_with_a_title_and_its_service_names_the_title(
    line: str, want: tuple[str, int | None, int | None] | None
) -> None:
    found = [(m.title, m.season, m.part) for m in find_titles(line) if m.how == "heading"]
    assert found[:1] == ([want] if want else [])


@pytest.mark.parametrize("sentence, title", [
    ("The date puts the film up against Universal's Tin Soldiers, which is set for June 18, 2027.", "Tin Soldiers"),
    ("Next up for families is Sony's Kip and the Comet, which opens Dec. 20.", "Kip and the Comet"),
    ("And Paramount's stop-motion Cobblestone Alley is still listed as summer 2020.", "Cobblestone Alley"),
    ("Disney+'s The Long Ball, about a League Two side in Wales, was cancelled.", "The Long Ball"),
    # what a service owns is not always a title
    ("Netflix's Ted Sarandos said the deal was done.", None),
    ("Velvet Static has been sitting in Netflix's Global Top 10 for three weeks.", None),
    ("The director told Netflix's Tudum site that the ring matters.", None),
    ("Prime Video's March is quieter than its February.", None),
    ("Hulu's November lineup leans into the holidays.", None),
])
def test_a_service_or_studio_names_its_title_in_prose(sentence: str, title: str | None) -> None:
    assert [m.title for m in find_titles(sentence) if m.how == "genre"] == ([title] if title else [])


@pytest.mark.parametrize("heading, title", [
    ("Pinecrest holds its date", "Pinecrest"),
    ("Cristal de Luna gets a 2020 remake", "Cristal de Luna"),
    ("8. Coral Kingdom 2 is officially happening", "Coral Kingdom 2"),
    ("7. Skyforge: Outriders has its lead", "Skyforge: Outriders"),
    ("ITV axes Silk Street", "Silk Street"),
    ("Netflix: Cuarto Oscuro returns in July", "Cuarto Oscuro"),
])
def test_a_sentence_case_heading_names_its_subject(heading: str, title: str) -> None:
    found = find_titles(heading, heading=True, numbered=heading[0].isdigit())
    assert [(m.title, heading[m.begin : m.end]) for m in found] == [(title, title)]


@pytest.mark.parametrize("heading", [
    "Who is behind the camera?",
    "Claim 1: Season 3 premieres in October",
    "Here are some of the highlights",
    "Sky Sets Premiere Date For Lanterns",  # title case: every word capitalised, no verb to go by
])
def test_a_heading_with_no_subject_title_names_none_by_its_verb(heading: str) -> None:
    assert [m for m in find_titles(heading, heading=True) if m.how == "subject"] == []


def test_a_numbered_headings_service_in_brackets_is_no_part_of_its_title() -> None:
    found = find_titles("1. The Phoenix Oath (Tencent Video) - 9.8 billion views", heading=True, numbered=True)
    assert [m.title.split(". ", 1)[-1] for m in found] == ["The Phoenix Oath"]


@pytest.mark.parametrize("sentence, want", [
    ("Crave set June 10 for the premiere of the second season of its Winnipeg-set comedy Bonspiel.", ("Bonspiel", 2)),
    ("The BBC has confirmed that series 3 of the Orkney-set crime drama will return this autumn.", None),
    ("The Sudbury-shot comedy Snowbelt lands on Crave this month.", ("Snowbelt", None)),
])
def test_a_place_compound_before_a_kind_is_no_title(sentence: str, want: tuple[str, int | None] | None) -> None:
    found = {(m.title, m.season) for m in find_titles(sentence)}
    assert not {t for t, _ in found} & {"Winnipeg-set", "3 of the Orkney-set", "Orkney-set", "Sudbury-shot"}
    assert want is None or want in found


@pytest.mark.parametrize("sentence, want", [
    ("Netflix has set Friday, July 19, for the second season of its Mexican thriller Cuarto Oscuro.", {("Cuarto Oscuro", 2)}),
    ("Netflix confirmed season 2 of its Portuguese surf drama during its livestream on May 31.", set()),
    ("When Could Season 2 Come Out?", set()),
    ("Copper Saint, the prestige thriller Sony is releasing wide, opens on Friday.", {("Copper Saint", None)}),
    ('Aniplex has so far said only "2024".', set()),
    ("Set on the Black Sea coast in the 1950s, the series stars Kerem Tunali.", set()),
    ("Post-theatrical, the film's digital rights have been sold.", set()),
])
def test_a_nationality_a_decade_a_studio_or_a_modal_is_no_title(sentence: str, want: set[tuple[str, int | None]]) -> None:
    found = {(m.title, m.season) for m in find_titles(sentence)}
    assert want <= found
    assert not {t for t, _ in found} & {"Mexican", "Portuguese", "Could", "Sony", "2024", "1950s", "Post-theatrical"}


def test_a_season_of_a_described_show_does_not_run_on_into_a_date() -> None:
    found = find_titles("The second season of the space-postal-service comedy premieres in Winter 2023.")
    assert not [m for m in found if m.title.startswith("Winter")]


@pytest.mark.parametrize("headline, want", [
    ("Lohpurush 2 locks November 10 theatrical release, sets up Diwali box office showdown", "Lohpurush 2"),
    ("Sudbury-shot comedy Snowbelt lands on Crave this month after a pandemic-stalled shoot", None),
    ("Stranger Things Season 5 Gets Premiere Date", None),  # title case: the season cue finds it, not the verb
])
def test_a_sentence_case_headline_names_its_subject(headline: str, want: str | None) -> None:
    found = find_titles(headline, headline=True)
    assert [m.title for m in found if m.how == "subject"] == ([want] if want else [])
    assert not [m for m in found if m.title == "Sudbury-shot"]


@pytest.mark.parametrize("sentence, want", [
    ("Netflix has renewed 'Self-Made' for a second season.", ("Self-Made", None)),
    ("Self-Made season 2 premieres in May.", ("Self-Made", 2)),
])
def test_a_hyphenated_title_is_not_taken_for_a_place_compound(sentence: str, want: tuple[str, int | None]) -> None:
    assert want in {(m.title, m.season) for m in find_titles(sentence)}


@pytest.mark.parametrize(("line", "titles"), [
    # a chart's line of figures names no title of that shape
    ("Sapnon Ki Gaadi (week 6): 0.3; total 88.2", []),
    ("Cyberhawk: Reckoning (week 1): 21.5", []),
    # titles with numbers and colons stay
    ("9-1-1: Lone Star (Fox)", ["9-1-1: Lone Star"]),
    ("Blade Runner 2049 (HBO Max)", ["Blade Runner 2049"]),
    ("Quiet Hours: Part 2 (Peacock)", ["Quiet Hours"]),
])
def test_a_line_of_figures_is_no_heading_title(line: str, titles: list[str]) -> None:
    assert [m.title for m in find_titles(line, heading=True) if m.how == "heading"] == titles


@pytest.mark.parametrize(("sentence", "titles"), [
    # a hyphenated kind, a service spelt with a plus, "its" in apposition, a plural possessive
    ("Disney+ premiered the horror-comedy Gangnam Ghost Taxi, which begins streaming on Oct. 28.", ["Gangnam Ghost Taxi"]),
    ("Next month brings Sin Perdón, a 10-episode ViX+ original thriller starring Adriana Ferre.", ["Sin Perdón"]),
    ("The loss was Night Market, its neo-noir drama for Starz, which the network declined to renew.", ["Night Market"]),
    ("Ireti Films' crime thriller Third Mainland, starring Ikenna Okorafor-Blake, opens the same day.", ["Third Mainland"]),
    # a possessive that is no maker's, and a kind with no title beside it
    ("The fans loved the show, its star said.", []),
    ("The fans' favourite comedy returns in May.", []),
    # a subtitle after a colon stays with the title
    ("Tencent Video has ordered a 26-episode animated series, Dragon Kiln: Tales of the Fire, which follows Ci Long.",
     ["Dragon Kiln: Tales of the Fire"]),
    ("The grid sheds light on Vanguard: Night Watch, the Disney+ series that bridges the films.", ["Vanguard: Night Watch"]),
    # a colon that ends the clause is no part of the title
    ("The comedy Hacks: the cast returns.", ["Hacks"]),
    # a service or a studio dealing with a title
    ("Netflix quietly cancelled Zapp and Zola after a single season in January.", ["Zapp and Zola"]),
    ("A: Warner Bros. has Deep Current 2 dated for July 22, 2022, in theaters.", ["Deep Current 2"]),
    ("HBO renewed The Last of Us for a second season.", ["The Last of Us"]),
    ("ABC cancelled The Fothergills in May 2019 after three seasons.", ["The Fothergills"]),
    ("Hulu dated Love in Winter for March.", ["Love in Winter"]),
    # a day, a person or nothing after the verb is no title
    ("Netflix has set Friday as the date.", []),
    ("Netflix renewed the show for a second season.", []),
])
def test_a_kind_noun_or_a_deal_names_a_title_in_prose(sentence: str, titles: list[str]) -> None:
    assert [m.title for m in genre_titles(sentence)] == titles


@pytest.mark.parametrize("headline, want", [
    ("Mercy General Opens Its Sixth Season Wednesday, Sept. 23", ("Mercy General", 6)),
    ("THE RINK LACES UP FOR SEASON 3 ON MONDAY, SEPT. 21", ("THE RINK", 3)),
    ("Harrow Kicks Off Season 2 With A Bang", ("Harrow", 2)),
    ("Bob's Burgers Kicks Off Its 15th Season", ("Bob's Burgers", 15)),
    # a title that ends in -s keeps it
    ("Sons of Anarchy Season 7", ("Sons of Anarchy", 7)),
    ("Blue Bloods Season 14", ("Blue Bloods", 14)),
])
def test_a_headline_verb_before_the_season_ends_the_title(headline: str, want: tuple[str, int]) -> None:
    found = [(m.title, m.season) for m in find_titles(headline, headline=True) if m.season]
    assert found == [want]


@pytest.mark.parametrize("sentence, want", [
    ("The historical drama Kitsune no Yome (The Fox's Bride) opens September 11.", ["Kitsune no Yome"]),
    ("Kanal D's new period drama Kara Rüzgar (Black Wind) premieres in October.", ["Kara Rüzgar"]),
    # the same title out of brackets is one
    ("The studio's drama The Fox's Bride opens September 11.", ["The Fox's Bride"]),
])
def test_a_translation_in_brackets_is_no_second_title(sentence: str, want: list[str]) -> None:
    assert [m.title for m in find_titles(sentence)] == want


@pytest.mark.parametrize(
    ("headline", "titles"),
    [
        # a page's own name, or a size before a kind word, is no title
        ("Ramadan 2026 TV Guide: The Big Series on Shahid, MBC and Netflix", []),
        ("Casting Roundup: Amara Vey Boards HBO Max's The Harrow Line", []),
        ("The Family Screen Guide: What's New for Toddlers, Big Kids and Family Movie Night", []),
        # a title before its kind word stays
        ("MacGruber TV Series Gets Peacock Premiere Date", ["MacGruber"]),
    ],
)
def test_a_page_name_or_a_size_before_a_kind_is_no_headline_title(headline: str, titles: list[str]) -> None:
    assert [m.title for m in find_titles(headline, headline=True)] == titles
