"""The extractor on any text: a well-formed result, never a crash, never a hang."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airdate.extract.pipeline import Extractor
from airdate.models import Article, Extraction

CERTAINTIES = {"confirmed", "reported", "speculated"}
CAST_STATUSES = {"returning", "new", "leaving", "unknown"}
KINDS = {"series", "film"}

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb", "Sept.", "Dec",
]
RELEASE_WORDS = [
    "Season", "season", "seasons", "Part", "Volume", "cour", "series", "film", "movie", "sequel", "premiere",
    "premieres", "premiered", "release", "released", "date", "returns", "return", "will", "is", "set", "to",
    "arrive", "arrives", "debut", "drops", "streaming", "renewed", "cancelled", "delayed", "pushed", "moved",
    "from", "instead", "of", "on", "in", "by", "before", "after", "not", "between", "and", "or", "around",
    "sometime", "expected", "reportedly", "rumored", "confirmed", "officially", "could", "might", "early",
    "mid", "late", "beginning", "end", "middle", "this", "next", "later", "year", "month", "week", "coming",
    "weeks", "months", "today", "tonight", "tomorrow", "Friday", "spring", "summer", "fall", "autumn",
    "winter", "Winter", "holiday", "Christmas", "Halloween", "Boxing Day", "New Year's Eve", "Q1", "Q4",
    "H1", "H2", "first", "second", "half", "third", "final", "sophomore", "S2", "trailer", "filming",
    "wrapped", "stars", "as", "joins", "cast", "returning", "reprises", "role", "exits", "leaving",
    "replaces", "plays", "character", "anime", "the", "The", "a", "its", "soon",
]
PLATFORMS = ["Netflix", "Hulu", "Disney+", "Prime Video", "Max", "HBO", "Apple TV+", "Peacock", "BBC One", "tvN",
             "JTBC", "Crunchyroll", "Paramount+"]
NAMES = [
    "Stranger Things", "All of Us Are Dead", "Park Ji-hu", "Yoon Chan-young", "O'Brien", "Mary-Kate",
    "Conan O'Brien", "Nam On-jo", "Dr. Romantic 2", "Narcos: Mexico", "The Untitled Neagley Project",
    "Ahsoka", "The Last of Us", "Bridgerton", "Zoë Kravitz", "Élodie", "李", "Jean-Luc", "Mc", "X",
]
PUNCTUATION = [",", ".", ":", ";", "—", "–", "-", "/", "(", ")", "!", "?", "…", "&", "+", "'", '"', "‘", "’",
               "“", "”", "'s", "’s", "\n", "\n\n", "•", "*", "|", "\t"]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 40).map(str),
        st.integers(1890, 2110).map(str),
        st.integers(0, 10**12).map(str),
        st.sampled_from(["1st", "2nd", "3rd", "22nd", "31st", "0th", "2026/27", "2026-27", "'26", "20s", "99"]),
    )


TOKEN = st.one_of(
    st.sampled_from(RELEASE_WORDS),
    st.sampled_from(MONTHS),
    st.sampled_from(PLATFORMS),
    st.sampled_from(NAMES),
    st.sampled_from(PUNCTUATION),
    _number(),
)
SEPARATOR = st.sampled_from([" ", " ", " ", "", "\n", ". ", ", "])
SENTENCE_LIKE = st.lists(st.tuples(TOKEN, SEPARATOR), max_size=80).map(
    lambda pairs: "".join(tok + sep for tok, sep in pairs)
)
TITLE = st.one_of(st.none(), SENTENCE_LIKE.map(lambda s: s[:200]), st.text(max_size=120))
# Calendar edges (year 1, year 9999) are covered on their own below.
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
PROPERTY_SETTINGS = settings(
    deadline=2000,  # ms; generous for a loaded 2-core machine, still short of a hang
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def check_extraction(result: Extraction, article: Article) -> None:
    """The result serialises and round-trips, and every field holds a value the contract allows."""
    assert isinstance(result, Extraction)
    assert result.article == article
    doc = result.to_json()
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
    assert doc["source"]["published"] == (article.published.isoformat() if article.published else None)
    for release in result.releases:
        assert release.title.strip(), release
        assert release.kind in KINDS
        assert release.season is None or isinstance(release.season, int)
        assert release.part is None or isinstance(release.part, int)
        for window in release.windows:
            assert window.certainty in CERTAINTIES
            if window.start is not None and window.end is not None:
                assert window.start <= window.end, window
        for member in release.cast:
            assert member.status in CAST_STATUSES
            assert member.actor.strip()
        for event in release.events:
            assert event.certainty in CERTAINTIES


@PROPERTY_SETTINGS
@given(text=st.text(max_size=600), title=st.one_of(st.none(), st.text(max_size=120)), published=PUBLISHED)
def test_any_text(extractor: Extractor, text: str, title: str | None, published: date | None) -> None:
    article = Article(text=text, title=title, published=published)
    check_extraction(extractor.extract(article), article)


@PROPERTY_SETTINGS
@given(
    paragraphs=st.lists(SENTENCE_LIKE, min_size=1, max_size=6),
    title=TITLE,
    published=PUBLISHED,
)
def test_release_like_text(
    extractor: Extractor, paragraphs: list[str], title: str | None, published: date | None
) -> None:
    article = Article(text="\n\n".join(paragraphs), title=title, published=published)
    check_extraction(extractor.extract(article), article)


EXAMPLES = [
    # Hand-picked sentences the strategy should reach anyway; checked on every run.
    "Stranger Things season 5 premieres between November and December 2025 on Netflix.",
    "'Ahsoka' season 2 was moved from May 6 to early 2027, Disney+ confirmed.",
    "Park Ji-hu returns as Nam On-jo, while Yoon Chan-young reprises his role as Lee Cheong-san.",
    "The sequel arrives by Christmas, not before the holiday season, sometime in H2 2026 or Q1 2027.",
    "Winter 2027 anime: the second cour of Kingsfall Riders airs on Crunchyroll next month.",
    # Found by hypothesis: a title mention with an empty key (pipeline._key_for, IndexError).
    "0. Season \n\n0. / ",
    ") : BBC One. X -\nAugust : or ",
]


@pytest.mark.parametrize("text", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_examples(extractor: Extractor, text: str) -> None:
    for published in (None, date(2026, 2, 21), date(2026, 12, 31)):
        for title in (None, "Release dates"):
            article = Article(text=text, title=title, published=published)
            check_extraction(extractor.extract(article), article)


# -- the calendar's ends ------------------------------------------------------------------------

EDGE_TEXTS = [
    "Stranger Things season 5 premieres next year on Netflix.",
    "Stranger Things season 5 premieres tomorrow on Netflix.",
    "Stranger Things season 5 premieres in winter.",
]


@pytest.mark.parametrize("published", [date.min, date.max], ids=["year-1", "year-9999"])
def test_calendar_edges(extractor: Extractor, published: date) -> None:
    for text in EDGE_TEXTS:
        article = Article(text=text, title="Stranger Things Season 5", published=published)
        check_extraction(extractor.extract(article), article)


# -- adversarial inputs: each in its own process, so a hang fails instead of blocking -----------

# A watchdog against hangs and runaway regexes, not a timing: a run is slower or faster with
# the machine's load (10-14 s of CPU for the slowest two inputs, spaCy's load included, more in
# wall clock on a loaded 2-core machine), while a runaway regex on a 200 KB input takes far longer.
HANG_BOUND = 90.0  # seconds of wall clock per input

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date
    from airdate.extract.pipeline import Extractor
    from airdate.models import Article

    text = sys.argv[1] * int(sys.argv[2])
    extractor = Extractor()
    extractor.extract(Article(text=text, title="Stranger Things Season 5 Release Date", published=date(2026, 2, 21)))
    extractor.extract(Article(text="Netflix confirmed it.", title=text, published=None))
    print("done")
    """
)

ADVERSARIAL = [
    pytest.param("A ", 5000, id="A-spaces"),
    pytest.param("'", 5000, id="apostrophes"),
    pytest.param("“", 3000, id="curly-quotes"),
    pytest.param("Season ", 3000, id="Season"),
    pytest.param("January 1, ", 700, id="January-1-short"),
    pytest.param("January 1, ", 2000, id="January-1"),
    pytest.param("between 2026 and ", 2000, id="between-years-long"),
    pytest.param("season 2 ", 2000, id="season-numbers-long"),
    pytest.param("Ji-hu O'Brien ", 15000, id="names-200KB-line"),
    pytest.param("A-", 50000, id="hyphen-chain"),
    pytest.param("season 2 ", 1000, id="season-numbers"),
    pytest.param("Part 2 ", 1000, id="parts"),
    pytest.param("between 2026 and ", 500, id="between-years"),
    pytest.param("Alice Smith joins ", 1000, id="casting"),
    pytest.param("'Stranger Things' ", 2000, id="quoted-titles"),
    pytest.param("x", 200_000, id="one-long-word"),
]


@pytest.mark.parametrize(("unit", "count"), ADVERSARIAL)
def test_adversarial_input_finishes(unit: str, count: int) -> None:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, unit, str(count)],
            capture_output=True,
            text=True,
            timeout=HANG_BOUND,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{unit!r} * {count} did not finish in {HANG_BOUND:g} s (a hang or runaway regex)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "done"
