"""Cast phrasing, sentence by sentence: actor → character, and what must not read as cast (our own sentences)."""

from __future__ import annotations

import pytest

from airdate.extract.cast import CastFind, find_cast, merge_finds, pairs_from_spans


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
        ("Petra Lind to Guest Star on 'Glass Orchard'", True, [("Petra Lind", None, "new")]),
        ("Omar Sayed will guest-star in the final season.", False, [("Omar Sayed", None, "new")]),
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


def _spans(sentence: str, *marked: tuple[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for text, label in marked:
        a = sentence.index(text)
        out.append((a, a + len(text), label))
    return out


@pytest.mark.parametrize(
    ("sentence", "marked", "expected"),
    [
        # "X as Y", elided in a coordination: each actor takes the role after them.
        ("Han Ye-rin is back as tea master Seo Da-on and Cha Min-gyu as detective Baek Jun-ho.",
         [("Han Ye-rin", "ACTOR"), ("Seo Da-on", "CHARACTER"), ("Cha Min-gyu", "ACTOR"), ("Baek Jun-ho", "CHARACTER")],
         [("Han Ye-rin", "Seo Da-on", "returning"), ("Cha Min-gyu", "Baek Jun-ho", "returning")]),
        # The role first: "Y, is played by X".
        ("The heroine, Haru Yoshinaga, is played by 22-year-old newcomer Aoi Sakuraba.",
         [("Haru Yoshinaga", "CHARACTER"), ("Aoi Sakuraba", "ACTOR")],
         [("Aoi Sakuraba", "Haru Yoshinaga", "new")]),
        ("The animated series returns with Kalani Akana voicing the hotheaded racer Jax.",
         [("Kalani Akana", "ACTOR"), ("Jax", "CHARACTER")],
         [("Kalani Akana", "Jax", "returning")]),
        # A role that nothing links to its neighbour stays unpaired; a rank is no actor.
        ("Caroline Treloar and Jory Pascoe star; Captain Ilse hosts.",
         [("Caroline Treloar", "ACTOR"), ("Jory Pascoe", "ACTOR"), ("Captain Ilse", "CHARACTER")],
         [("Caroline Treloar", None, "unknown"), ("Jory Pascoe", None, "unknown")]),
        ("Detective Gu Min-ho is back.", [("Detective Gu Min-ho", "ACTOR")], []),
        ("Fans of Hwan plays will cheer.", [("Hwan plays", "ACTOR")], []),
    ],
)
def test_pairs_from_tagged_spans(sentence: str, marked: list[tuple[str, str]],
                                 expected: list[tuple[str, str | None, str]]) -> None:
    found = pairs_from_spans(sentence, _spans(sentence, *marked))
    assert [(f.actor, f.character, f.status) for f in found] == expected


def test_the_rules_come_first_when_merged() -> None:
    rules = [CastFind("Ana Ruiz", None, "new", 0), CastFind("Bo Lind", "Kit", "returning", 30)]
    model = [CastFind("Ana Ruiz", "Marta", "unknown", 0), CastFind("Bo Lind", "Kitty", "unknown", 30),
             CastFind("Cy Vance", None, "unknown", 60)]
    merged = merge_finds(rules, model)
    assert [(f.actor, f.character, f.status) for f in merged] == [
        ("Ana Ruiz", "Marta", "new"), ("Bo Lind", "Kit", "returning"), ("Cy Vance", None, "unknown")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An age between the name and its verb.
        ("Odile Marchetti-Rowe, 31, is back as Lucia Varga, the geologist who inherited a mine.",
         [("Odile Marchetti-Rowe", "Lucia Varga", "returning")]),
        ("Tobin Ashgrove, 69, is also back as the patriarch Don Aurelio.",
         [("Tobin Ashgrove", "Don Aurelio", "returning")]),
    ],
)
def test_an_age_beside_the_name_keeps_the_pair(sentence: str, expected: list[tuple[str, str | None, str]]) -> None:
    found, _ = find_cast(sentence)
    assert [(f.actor, f.character, f.status) for f in found] == expected


def test_a_role_the_rules_paired_is_no_actor_of_the_tagger() -> None:
    rules = [CastFind("Ana Ruiz", "Marta Vell", "unknown", 0)]
    # The tagger took the role for an actor: dropped. Where it pairs the two the other way, it is kept.
    assert merge_finds(rules, [CastFind("Marta Vell", None, "unknown", 10)]) == rules
    flipped = CastFind("Marta Vell", "Ana Ruiz", "unknown", 10)
    assert merge_finds(rules, [flipped]) == [*rules, flipped]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Stars Odile Marchetti-Rowe and Tobin Ashgrove are both set to return as sisters-in-law Lorena and June Whitlock.",
         [("Odile Marchetti-Rowe", "Lorena"), ("Tobin Ashgrove", "June Whitlock")]),
        ("Seo Min-jae and Uhm Da-bin star as Cha Eun-ho, a pharmacist on the ninth floor, and Ha Seol-mi, a resident.",
         [("Seo Min-jae", "Cha Eun-ho"), ("Uhm Da-bin", "Ha Seol-mi")]),
        ("Ifeoma Adeyemi-Daniels is Kemi, the middle daughter and a human-rights lawyer.", [("Ifeoma Adeyemi-Daniels", "Kemi")]),
        ("Her co-star Jin Ha-neul takes on the role of Do-hyun.", [("Jin Ha-neul", "Do-hyun")]),
        ("Dev Chaudhry-MacLeod, best known for the comedy Flat Whites, plays a marine biologist, Ravi Kapoor.",
         [("Dev Chaudhry-MacLeod", "Ravi Kapoor")]),
        ("Gareth Oyenuga-Hale is the skeptical priest, Father Michael Trevail.", [("Gareth Oyenuga-Hale", "Father Michael Trevail")]),
        ("Harriet Lum-Oyelaran is the show's creator, Dovecote.", []),  # a creator is no role
    ],
)
def test_roles_named_after_an_aside(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    found, _ = find_cast(sentence)
    assert [(f.actor, f.character) for f in found] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "back as" in an aside, and "back for a third time as"
        ("Rhea Sabharwal returns as customs officer Tara D'Souza, with Imran Qadri back as the smuggler Salim Bhai.",
         [("Rhea Sabharwal", "Tara D'Souza", "returning"), ("Imran Qadri", "Salim Bhai", "returning")]),
        ("Filming was halted when Mahmoud Sorour, back for a third time as the coal merchant Metwally, injured his shoulder.",
         [("Mahmoud Sorour", "Metwally", "returning")]),
        # the project named between "has joined" and the role
        ("Mireille Okonjo-Fabre has joined Netflix's action film Blacklight Run as Interpol agent Simone Farrow.",
         [("Mireille Okonjo-Fabre", "Simone Farrow", "new")]),
        ("Amara Lindqvist-Osei has joined HBO Max's border thriller The Harrow Line as Detective Sergeant Ruth Kessler.",
         [("Amara Lindqvist-Osei", "Detective Sergeant Ruth Kessler", "new")]),
        # "playing", "for the role of", "is his sister, …", a role qualified by capitals
        ("It reunites the pair, with Kim playing the agency's ruthless CEO Han Jae-won.", [("Kim", "Han Jae-won", "unknown")]),
        ("Arjun Deshpande, 29, trained with flood-rescue crews for the role of constable Vikram Salve.",
         [("Arjun Deshpande", "Vikram Salve", "unknown")]),
        ("Rakan Hijazi plays Sami, and Tala Habashneh is his sister, Nour.",
         [("Rakan Hijazi", "Sami", "unknown"), ("Tala Habashneh", "Nour", "unknown")]),
        ("Kerr plays MI6 analyst Cressida Vale.", [("Kerr", "Cressida Vale", "unknown")]),
    ],
)
def test_roles_after_more_kinds_of_link(sentence: str, expected: list[tuple[str, str | None, str]]) -> None:
    found, _ = find_cast(sentence)
    assert [(f.actor, f.character, f.status) for f in found] == expected
