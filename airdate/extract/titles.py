"""Titles, seasons and parts: where a sentence names a show or film.

Titles are found three ways: quoted ('Kingdom', “Kingdom”), in front of a season
("Kingdom Season 2", "Kingdom season two", "Kingdom S2") and after one ("season 2 of
Kingdom", "the second season of Kingdom"). Title-case headlines make the left edge of
an unquoted title hard; headline verbs and platform names are trimmed from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from airdate.extract.platforms import GAZETTEER
from airdate.keys import title_key

__all__ = ["TitleMention", "find_parts", "find_seasons", "find_titles", "title_key"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "sophomore": 2, "freshman": 1,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}

_NUM = r"(?P<n>\d{1,2}|(?i:" + "|".join(NUMBER_WORDS) + r"))"  # "season two", "Season Two"
_ORD = r"(?P<o>\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r")"

SEASON_RX = re.compile(
    r"\b(?:(?i:season|series)\s+" + _NUM + r"(?P<half>[ab](?![\w]))?|S(?P<s>\d{1,2})(?!\w)|(?i:" + _ORD + r")(?:\s+(?i:and|&)\s+(?i:final|last))?\s+(?i:season|series)|"
    r"(?P<final>(?i:final|last))\s+(?i:season|series))(?![\w])"
    r"(?!\s*(?:premiere|finale)?\s*(?:episode|ep\.))"
)
PART_RX = re.compile(
    r"\b(?:(?i:part|volume|vol\.|act)\s+(?P<n>\d|one|two|three|four|I{1,3}|IV)(?![\w])|"
    r"(?i:season)\s+\d{1,2}(?P<half>[ab])(?![\w])|"
    r"(?P<o>(?i:first|second|third|fourth|2nd|3rd))\s+(?i:cour|part|volume|batch))"
)

# Words allowed inside a title although lower-case.
CONNECT = {
    "of", "the", "a", "an", "and", "&", "in", "on", "at", "to", "for", "with", "from", "vs.", "vs", "de", "la",
    "le", "du", "des", "y", "no", "wa", "ga", "ni", "or", "is", "are", "be", "not", "but", "into", "over",
    "upon", "under", "its", "my", "your", "our", "their", "his", "her", "-", "–", "x",
}
# Title-case headline words that end the left edge of an unquoted title: nothing to
# their left belongs to the title ("Netflix Confirms Stranger Things Season 5").
HEADLINE_STOP = {
    "confirms", "confirmed", "reveals", "revealed", "announces", "announced", "sets", "gets", "renews",
    "renewed", "drops", "dropped", "releases", "released", "shares", "unveils", "unveiled", "teases", "teased",
    "says", "said", "watch", "exclusive", "exclusive:", "trailer", "teaser", "report", "report:", "reportedly",
    "update", "updates", "news", "review", "recap", "explained", "breaking", "breaking:", "casts", "adds",
    "joins", "starring", "creator", "showrunner", "boss", "director", "writer", "producer", "upcoming",
    "returning", "premieres", "premiered", "debuts", "lands", "scores", "orders", "cancels", "canceled",
    "cancelled", "picks", "greenlights", "eyes", "plans", "delays", "pushes", "moves", "begins", "starts",
    "wraps", "filming", "production", "first-look", "photos", "images", "poster", "clip", "details", "plot",
    "predictions", "theories", "rumors", "rumours", "officially", "finally", "ahead", "amid", "ranking",
    "ranked", "k-drama", "kdrama", "drama", "comedy", "thriller", "docuseries", "documentary", "anime",
    "sitcom", "series", "show", "film", "movie", "sequel", "prequel", "spinoff", "spin-off", "reboot",
    "revival", "horror", "fantasy", "romance", "sci-fi", "zombie", "crime", "spy", "mystery", "animated",
    "live-action", "korean", "japanese", "british", "hit", "popular", "acclaimed", "beloved", "smash",
    "countdown", "release", "date", "premiere", "finale", "episode", "episodes", "season", "cast", "star",
    "stars", "fans", "viewers", "watching", "streaming", "coming", "returns", "return", "expected", "set",
    "among", "additional", "regulars", "recurring", "alum", "following", "despite", "villains",
    "talks", "play", "plays", "scripted", "host", "hosts", "hosting", "developing", "develops", "producing",
    "produces", "directing", "directs", "writing", "writes", "creating", "creates", "get", "got", "getting",
}
ABBREV = {"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Vol.", "Pt.", "Lt.", "Sgt.", "Capt.", "Prof."}
TRAILING_ADJ = {"new", "upcoming", "latest", "final", "next", "original", "animated", "live-action", "limited",
                "scripted", "unscripted", "untitled", "forthcoming", "rebooted", "revived"}
MONTH_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}
# Single words that are never a title on their own.
NOT_TITLES = {"official", "new", "first", "final", "latest", "exclusive", "the", "watch", "more", "next", "this", "tba",
              "tbd", "tbc"}
FILLER = NOT_TITLES | {"full", "teaser", "trailer", "look", "sneak", "peek", "a", "an", "another", "second", "last"}
STOP_SINGLE = {"if", "when", "as", "after", "before", "while", "since", "and", "but", "or", "so", "then", "now",
               "why", "how", "will", "does", "did", "is", "are", "was", "until", "once", "whether", "each", "every"}
# Ordinary words that open a sentence and are not part of a title after them.
SENTENCE_START = {
    "now", "meanwhile", "while", "after", "before", "when", "if", "but", "and", "so", "also", "here's",
    "heres", "everything", "why", "how", "as", "like", "with", "in", "on", "for", "by", "from", "at", "once",
    "since", "until", "although", "though", "even", "then", "still", "yet", "plus", "today", "new", "all-new", "brand-new", "is", "are", "will", "does", "did", "can", "could",
}
PLATFORM_WORDS = {a.lower() for al in GAZETTEER.values() for a in al} | {
    f"{a.lower()}'s" for al in GAZETTEER.values() for a in al
} | {f"{a.lower()}’s" for al in GAZETTEER.values() for a in al}

# Opening quote not glued to a letter; a closing quote followed by a letter is an apostrophe, and so
# is one before a decade ("'80s Classic 'Working Girl'").
QUOTE_RX = re.compile(
    r"(?<![\w’'])(?![‘'’]\d0s\b)(?:‘(?P<a>[A-Z0-9](?:[^‘’\n]|’(?=[A-Za-z]|\d0s\b))*?)’(?![A-Za-z]|\d0s\b)"
    r"|'(?P<b>[A-Z0-9](?:[^'\n]|'(?=[A-Za-z]|\d0s\b))*?)'(?![A-Za-z]|\d0s\b)"
    r"|“(?P<c>[A-Z0-9][^“”\"\n]*?)[”\"]"  # a curly quote closed straight, as hurried copy does
    r"|‘(?P<e>[A-Z0-9][^‘’'\n]*?)'(?![A-Za-z]|\d0s\b)"
    r"|\"(?P<d>[A-Z0-9][^\"“”\n]*?)[\"”]"
    r"|(?:^|(?<=\s))’(?P<f>[A-Z0-9](?:[^‘’\n]|’(?=[A-Za-z]|\d0s\b))*?)’(?![A-Za-z]|\d0s\b))"  # "’30 Coins’": opened with a closing quote
)
WORD_RX = re.compile(r"\S+")
SPEECH_BEFORE = re.compile(
    r"(?<!title )(?<!titled )(?<!Title )(?<!Titled )\b(?i:be|is|are|was|were|says?|said|calls?|called|feels?|felt|seems?|looks?|sounds?|promises?|"
    r"admits?|tells?|told|insists?|claims?|teases?|describes?|described\s+as|an?|it['’]s)\s*$|"
    r"\b(?i:says?|said|writes?|wrote|tweets?|tweeted)\s*:\s*$"
)


@dataclass(frozen=True)
class TitleMention:
    title: str
    begin: int
    end: int
    season: int | None = None
    part: int | None = None
    how: str = "quoted"  # quoted, before-season, after-season, known


@dataclass(frozen=True)
class SeasonMention:
    number: int | None  # None for "final season" without a number
    begin: int
    end: int


def _number(text: str | None) -> int | None:
    if not text:
        return None
    t = text.lower().rstrip(".")
    if t.isdigit():
        return int(t)
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if t in ORDINAL_WORDS:
        return ORDINAL_WORDS[t]
    if t in ROMAN:
        return ROMAN[t]
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)$", t)
    return int(m.group(1)) if m else None


def find_seasons(sentence: str) -> list[SeasonMention]:
    out = []
    for m in SEASON_RX.finditer(sentence):
        n = _number(m.group("n") or m.group("s") or m.group("o"))
        if n is None and not m.group("final"):
            continue
        if n is not None and not 1 <= n <= 40:
            continue
        out.append(SeasonMention(n, m.start(), m.end()))
    return out


def find_parts(sentence: str) -> list[tuple[int, int, int]]:
    out = []
    for m in PART_RX.finditer(sentence):
        n = _number(m.group("n") or m.group("o")) or {"a": 1, "b": 2}.get(m.group("half") or "")
        if n:
            out.append((n, m.start(), m.end()))
    return out


def _clean(title: str) -> str:
    t = title.strip().strip("‘’'\"“”").strip()
    initialism = re.search(r"(?:\b[A-Z]\.){2,}[\s,;:!?–—-]*$", t)  # "Magnum P.I.", "S.W.A.T.": the last stop is the title's
    t = re.sub(r"[\s,;:.!?–—-]+$", "", t) + ("." if initialism else "")
    t = re.sub(r"(?:['’]s)$", "", t)
    if t.endswith(")") and "(" not in t:
        t = t[:-1].rstrip()  # "Cacciatore (The Hunter)" cut inside its brackets
    if t.startswith("(") and ")" not in t:
        t = t[1:].lstrip()
    return re.sub(r"\s+", " ", t)


# Short words a title keeps lower-case in the middle ("Raised by Wolves").
MINOR = CONNECT | {"by", "as", "up", "out", "off", "about", "than", "so", "if", "it", "me", "you", "we", "us", "am",
                   "was", "were", "has", "have", "had", "do", "does", "did", "can", "will", "just", "too", "per", "via"}


def _is_titleish(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in MINOR] or words  # "Us", "It", "Her" are titles too
    if not content:
        return False
    caps = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit() or not w[:1].isalpha())
    return caps / len(content) >= 0.75


# Stop words that are nouns or adjectives, which real titles begin or end with as well ("Star Trek",
# "Spy x Family", "Crime Scene Kitchen", "The Morning Show"): they cut only inside a run, between
# words they describe ("Netflix Drama Bridgerton", "Korean Drama Squid Game").
DESCRIPTORS = {
    "drama", "comedy", "thriller", "horror", "fantasy", "romance", "crime", "spy", "mystery", "zombie", "hit",
    "star", "stars", "show", "date", "host", "smash", "countdown", "popular", "beloved", "acclaimed", "animated",
    "korean", "japanese", "british", "cast", "fans", "viewers", "release", "premiere", "finale", "review", "recap",
    "trailer", "teaser", "news", "report", "plot", "details", "clip", "poster", "boss", "production", "play",
}


def _platform_of(word: str) -> bool:
    """"netflix's", "hbo’s": a platform's possessive, which names the title after it."""
    return word.endswith(("'s", "’s")) and word in PLATFORM_WORDS  # which holds the possessives too


def _label(text: str) -> bool:
    """A page label before a colon, never part of a title: "Verdict:", "Pictured:", "Claim 1:"."""
    t = text.strip().rstrip(":").strip().lower()
    return t in BOILERPLATE or t in LABELS or bool(ENUMERATOR.fullmatch(t))


def _trim_left(words: list[str], at_start: bool = True, open_left: bool = False) -> list[str]:
    """Drop headline verbs, platforms and connectors from the left edge. `open_left`: the run
    starts the sentence or follows a lower-case word, not a quote or a comma."""
    # Cut after the last stop word: "Netflix Confirms Stranger Things" → "Stranger Things".
    cut = 0
    for i, w in enumerate(words):
        lw = w.lower().strip(",:;")
        if lw in DESCRIPTORS and not w.endswith(",") and ((i == 0 and open_left) or i == len(words) - 1):
            # "Star Trek: Discovery", "The Morning Show": a title's own first or last word (but
            # "'Stranger Things' Star Joseph Quinn", "Release Date, Cast, Trailer and …" describe)
            continue
        if lw in PLATFORM_WORDS and i == len(words) - 1 and i and words[i - 1].endswith(":"):
            continue  # "Star Trek: Discovery": a subtitle that is also a channel's name
        if lw in PLATFORM_WORDS or lw in HEADLINE_STOP or w.endswith(","):
            cut = i + 1
        elif w.endswith(":") and _label(" ".join(words[: i + 1])):
            cut = i + 1  # "Verdict: Dovecote", "Claim 1: Season 3 …"
        elif w.endswith(":") and (cut or i >= 4):
            cut = i + 1  # "Exclusive: X", but "Star Trek: Discovery" is one title
    words = words[cut:]
    if cut == 0 and at_start and len(words) > 1 and words[0].lower() in SENTENCE_START:
        words = words[1:]
    while words and words[0].lower() in CONNECT - {"the", "a", "an"}:
        words = words[1:]
    while words and words[-1].lower() in CONNECT:
        words = words[:-1]
    return words


def _left_title(before: str) -> tuple[str, int, bool] | None:
    """The title that ends right before a season mention, and where it starts."""
    stripped = before[-300:].rstrip().rstrip("|:").rstrip()
    stripped = re.sub(r"['’]s$", "", stripped)
    if alias := re.search(r"\s+\([^()]{2,40}\)$", stripped):
        stripped = stripped[: alias.start()]  # "Cacciatore (The Hunter) Season 1": the name in brackets is another
    if stripped.endswith(("’", "'", "”", '"')):
        qs = list(QUOTE_RX.finditer(stripped))
        if qs and qs[-1].end() == len(stripped):
            q = qs[-1]
            t = _clean(next(g for g in q.groups() if g))
            return (t, q.start(), False) if t else None
    words = list(WORD_RX.finditer(stripped))
    picked: list[re.Match[str]] = []
    for m in reversed(words):
        w = m.group(0)
        if w.endswith((".", ",", ";", "!", "?", ")", "—")) and picked and w not in ABBREV:
            break
        if picked and (w.endswith(("'", "’", '"', "”")) or w.startswith(("'", "‘", '"', "“"))):
            break  # the edge of a quoted title is the edge of this one
        if re.fullmatch(r"\d+-(?i:episode|part|hour|minute|week|day|year|chapter)s?", w):
            break  # "its 10-episode first season": a measure of the season, not a title
        if w[:1].isupper() or w[:1].isdigit() or w.lower() in CONNECT or w in ("&",):
            picked.append(m)
            if w.endswith((",", ";")):
                break
            continue
        break
    picked.reverse()
    # A headline's verb phrase between the title and the season: "Mercy General Opens Its Sixth Season",
    # "The Rink Laces Up For Season 3", "Harrow Kicks Off Season 2". The title ends before the verb.
    low = [m.group(0).lower().strip(",:;") for m in picked]
    for i in range(1, len(low) - 1):
        rest = low[i + 1 :]
        tail = {w for w in rest[1:] if not re.fullmatch(r"\d+(?:st|nd|rd|th)|final|last|new|next", w) and w not in ORDINAL_WORDS}
        if (len(low[i]) > 3 and low[i].endswith("s") and low[i] not in CONNECT
                and (rest[0] in ("its", "their") or (rest[0] in ("off", "up", "into") and tail <= {"for", "with", "into", "its", "their"}))):
            picked = picked[:i]
            break
    while picked and picked[0].group(0)[:1].islower():
        picked = picked[1:]  # "the Italian Narcos": a title starts with a capital
    prev = stripped[: picked[0].start()].rstrip() if picked else ""
    ins = [i for i, m in enumerate(picked) if m.group(0) == "in"]
    if ins and re.search(r"\bas$", prev) and ins[-1] < len(picked) - 1:
        # "Talia Okonjo-Reyes as Wren Castellane in Marrow Bay season 2": a role, then its show
        picked = picked[ins[-1] + 1 :]
        prev = stripped[: picked[0].start()].rstrip()
    at_start = not prev
    open_left = at_start or bool(re.search(r"(?<![\w'’])[a-z][\w'’-]*$", prev))
    kept = _trim_left([m.group(0) for m in picked], at_start, open_left)
    if kept and kept[0] in ("the", "a", "an"):
        return None  # "… Revealed the Real Reason Season 4": a verb's object, not a title ("The …" in a headline)
    while kept and kept[-1].lower() in TRAILING_ADJ:
        kept = kept[:-1]  # "Nathan Fielder's New Comedy": "New" describes the show
    if kept and re.search(r"['’]s?$", kept[-1]) and len(kept) > 1:
        return None  # "Nathan Fielder's": a creator, not a title
    dropped = [m.group(0).lower().strip(",:;") for m in picked[: len(picked) - len(kept)]]
    trimmed = any(w in HEADLINE_STOP or w in PLATFORM_WORDS for w in dropped)
    if not kept or not _is_titleish(kept):
        return None
    start = picked[len(picked) - len(kept)].start()
    title = _clean(" ".join(kept))
    if not title or title.lower() in HEADLINE_STOP | NOT_TITLES or title.lower() in PLATFORM_WORDS:
        return None
    if re.fullmatch(r"(?i:act|part|volume|vol\.|chapter|season|series|episode)\s+\S+", title):
        return None
    if all(w.lower() in FILLER for w in title.split()) or _time_words(title.split()):
        return None
    if len(kept) == 1 and at_start and kept[0].lower() in STOP_SINGLE:
        return None  # "If Season 3 follows …"
    if _label(title) and before.rstrip().endswith(":"):
        return None  # "Claim 1: Season 3 premieres …"
    return title, start, trimmed


# "Winnipeg-set", "Lagos-based", "Sudbury-shot": where a show is from, said before its kind, not its name.
PLACE_ADJ = r"[A-Z][\w'’]*-(?i:set|based|born|bred|raised|era|style|themed|inspired|shot|language)\b"
# Of those, the ones no title is made of alone: "Winnipeg-set", "Lagos-based", "Sudbury-shot" (while a
# hyphenated word such as "Self-Made" or "Star-Born" may be a title).
PLACE_ONLY = r"[A-Z][\w'’]*-(?i:set|based|shot)"


def _right_title(after: str, skip_desc: bool = True) -> str | None:
    """The title right after "season 2 of" ("of the baking competition Castle Bake-Off")."""
    after = after.lstrip()
    desc = re.match(r"(?:(?:the|a|an|[a-z][a-z'’-]+|" + PLACE_ADJ + r"|[A-Z][\w'’-]*(?=\s+[a-z]))\s+){1,4}(?=[A-Z‘'\"“])", after)
    if skip_desc and desc and not re.match(r"(?:the\s+)?[A-Z]", after):
        after = after[desc.end() :]
    q = QUOTE_RX.match(after)
    if q:
        return _clean(next(g for g in q.groups() if g))
    picked: list[str] = []
    for m in WORD_RX.finditer(after):
        w = m.group(0)
        core = w.rstrip(".,;:!?)")
        if core[:1].isdigit() or core.rstrip(".").capitalize() in MONTH_NAMES:
            break  # "The Iron Orchard from May 6": a date ends the title
        if core[:1].isupper() or core[:1].isdigit() or (picked and core.lower() in CONNECT):
            picked.append(core)
            if core != w:
                break
            continue
        break
    while picked and picked[-1].lower() in CONNECT:
        picked.pop()
    if len(picked) > 1 and _platform_of(picked[0].lower()):
        picked = picked[1:]  # "the second season of Netflix's Ninefold"
    if not picked or not _is_titleish(picked):
        return None
    t = _clean(" ".join(picked))
    if re.fullmatch(r"[\w-]+-" + GENRE, t, re.IGNORECASE):
        return None  # "the third season of its Euro-thriller": a kind, not a name
    return t if t.lower() not in PLATFORM_WORDS else None


INNER_SEASON = re.compile(
    r"[\s:(–—-]*(?:(?P<final>(?:The\s+)?Final\s+Season)|(?i:season)\s+(?P<n>\d{1,2}))?"
    r"[\s:)–—-]*(?:(?i:part|vol\.?|volume|act)\s+(?P<p>\d|I{1,3}|IV|One|Two|Three|Four)\)?)?$"
)


def _split_quoted(t: str) -> tuple[str, int | None, int | None]:
    """'Attack on Titan The Final Season - Part 2' → ('Attack on Titan', None, 2)."""
    m = INNER_SEASON.search(t)
    if not m or m.start() == 0 or not (m.group("final") or m.group("n") or m.group("p")):
        return t, None, None
    return t[: m.start()].strip(), _number(m.group("n")), _number(m.group("p"))


def quoted_titles(sentence: str) -> list[TitleMention]:
    out = []
    for q in QUOTE_RX.finditer(sentence):
        raw = next(g for g in q.groups() if g)
        t, season, part = _split_quoted(_clean(raw))
        words = t.split()
        if not t or len(t) > 70 or len(words) > 10 or not _is_titleish(words):
            continue
        if t.lower() in PLATFORM_WORDS or t.lower() in HEADLINE_STOP:
            continue
        if SPEECH_BEFORE.search(sentence[max(0, q.start() - 25) : q.start()]):
            continue  # a quotation ("Will Be “Quite Different”"), not a title
        if re.search(r":\s*$", sentence[: q.start()]) and (q.end() >= len(sentence.rstrip(" .!?")) - 1 and ("," in t or len(words) > 3)):
            continue  # "…On BBC: 'Same Laughter, Love And Tears'": a closing quotation
        if any(ch in t for ch in "'’\"“”") and not re.search(r"\w['’]\w|['’]\d0s\b", t):
            continue  # a broken pair of quotes
        out.append(TitleMention(t, q.start(), q.end(), season=season, part=part, how="quoted"))
    return out


# Between a quoted title and the season its verb gives it: "to End With", "Renewed For a", "Gets".
SEASON_LINK = re.compile(
    r"[’'\"”]?\s*(?i:(?:is|are|will|to|set\s+to|officially)\s+){0,2}(?i:end|ends|ending|wrap|wraps|wrapping|conclude|"
    r"concludes|renewed|renews|returns?|returning|back|gets?|getting|lands?|picked\s+up|ordered)"
    r"(?:\s+(?i:with|for|as|in|by|after))?(?:\s+(?i:a|an|its|their|the))?(?:\s+(?i:final|last|fifth|fourth|third|second|new))?\s+"
)


def find_titles(
    sentence: str, *, headline: bool = False, heading: bool = False, numbered: bool = False
) -> list[TitleMention]:
    """Every title mention in the sentence, with the season or part it names."""
    if heading and (h := heading_subject(sentence) or heading_title(sentence, numbered)):
        return [h]
    if (h := listing_title(sentence)) is not None:
        return _dedupe([h] + [q for q in quoted_titles(sentence) if q.begin >= h.end])
    mentions = quoted_titles(sentence)
    for s in find_seasons(sentence):
        # "'Snowpiercer' To End With Season 4", "'See' Renewed For Season 3": the season is the quoted title's.
        q = next((q for q in reversed(mentions) if q.how == "quoted" and q.end <= s.begin), None)
        if q is not None and q.season is None and SEASON_LINK.fullmatch(sentence[q.end : s.begin]):
            mentions[mentions.index(q)] = TitleMention(q.title, q.begin, q.end, season=s.number, how="quoted")
            continue
        left = _left_title(sentence[: s.begin])
        quoted_before = any(q.end <= s.begin for q in mentions if q.how == "quoted")
        inside_quote = left is not None and any(left[1] < q.end <= s.begin for q in mentions if q.how == "quoted")
        if left and not (left[2] and quoted_before) and not inside_quote:
            t, b, _ = left
            mentions.append(TitleMention(t, b, s.end, season=s.number, how="before-season"))
            continue
        m = re.match(r"\s+of\s+", sentence[s.end :])
        if m:
            t2 = _right_title(sentence[s.end + m.end() :])
            if t2:
                mentions.append(TitleMention(t2, s.begin, s.end + m.end() + len(t2), season=s.number, how="after-season"))
    if not headline and not heading:
        mentions += [g for g in genre_titles(sentence) if all(g.end <= m.begin or g.begin >= m.end for m in mentions)]
    if headline and (seg := _segment_title(sentence)):
        # A video-style headline's first segment is the whole title; season cuts inside it are not.
        mentions = [m for m in mentions if m.end <= seg.begin or m.begin >= seg.end] + [seg]
    elif headline:
        quoted = any(m.how == "quoted" for m in mentions)
        mentions += [
            h for h in headline_titles(sentence, quoted) if all(h.end <= m.begin or h.begin >= m.end for m in mentions)
        ]
        # A headline in sentence case names its subject as a heading does: "Lohpurush 2 locks November 10 release".
        if not quoted and _sentence_case(sentence) and (h := heading_subject(sentence, headline=True)) and all(
                h.end <= m.begin or h.begin >= m.end for m in mentions):
            mentions.append(h)
    mentions = [m for m in mentions if not translation(sentence, m, mentions)]
    return _dedupe([m for m in mentions if not is_date_phrase(m.title) and not _no_name(m.title)])


def translation(sentence: str, m: TitleMention, mentions: list[TitleMention]) -> bool:
    """A title in brackets right after another is its translation, not a second title: "Kitsune no
    Yome (The Fox's Bride) opens September 11", "Kara Rüzgar (Black Wind)"."""
    if not re.match(r"[^()]*\)", sentence[m.end :]):
        return False
    return any(o is not m and o.end <= m.begin and re.fullmatch(r"\s*\([^()]*", sentence[o.end : m.begin])
               for o in mentions)


# Words that name where or when, or a maker, never a title on their own: "its Mexican thriller",
# "BBC One's new Cornish thriller", "the 1950s", "the thriller Sony is releasing", "Post-theatrical,".
DEMONYMS = frozenset("""
american british english scottish welsh irish cornish northern canadian australian kiwi mexican spanish
portuguese brazilian argentine argentinian colombian chilean peruvian cuban french german italian dutch
belgian swiss austrian swedish norwegian danish finnish icelandic nordic scandinavian polish czech
hungarian greek turkish russian ukrainian israeli egyptian moroccan nigerian ghanaian kenyan
south african indian pakistani bengali tamil telugu hindi punjabi chinese japanese korean thai
vietnamese filipino indonesian malaysian taiwanese european asian african latin latino
""".split())
MODALS = frozenset({"could", "would", "should", "can", "might", "must", "will", "shall", "does", "did", "is", "are"})


def _no_name(title: str) -> bool:
    t = title.strip().lower()
    return (t in DEMONYMS or t in MODALS or t in STUDIOS or bool(re.fullmatch(r"(?:19|20)?\d\d['’]?s?", t))
            or bool(re.fullmatch(PLACE_ONLY, title.strip()))
            or bool(re.fullmatch(r"(?:post|pre|non|anti|semi|mid)-[a-z]+", t)))


# A title in prose named by its kind: "the hit comedy Rock Bottom", "the 2021 taiga drama, Kōgen no
# Tora,", "Off Air, a chamber thriller", "Chaska Ishq Ka, the … romantic comedy".
GENRE = (
    r"(?:drama|dramas|comedy|thriller|series|miniseries|docuseries|documentary|sitcom|anthology|film|movie|feature|"
    r"sequel|prequel|spinoff|spin-off|reboot|remake|adaptation|procedural|rom-?com|musical|horror|western|anime|"
    r"asadora|taiga|k-drama|telenovela|serial|biopic|caper|mystery|epic|saga|satire|dramedy|whodunit|romance|"
    r"animation|feature|show)"
)
_CAP = r"[A-Z0-9À-Ö][\w'’&.!?-]{0,30}(?![\w'’&.!?-])"  # bounded: no runaway on a 100 KB "word"
_JOIN = r"(?:of|the|and|in|on|no|de|del|la|le|el|los|las|a|an|to|for|at|ka|ki|ke|da|du|&|y)"
GENRE_TITLE = r"(?P<t>" + _CAP + r"(?::?\s+(?:" + _JOIN + r"\s+){0,2}" + _CAP + r"){0,6})"  # "Dragon Kiln: Tales of the Fire"
# A maker's or a service's possessive stands where an article would ("Disney+'s spy series", "Ana Ruiz's film").
_OWNER = r"(?:[A-Z][\w+.&-]{0,30}\s+){0,2}[A-Z][\w+.&-]{0,30}(?:['’]s|(?<=s)['’](?=\s))"  # "Ireti Films'" too


# A heading written in sentence case names its subject by its capitals: "Pinecrest holds its date",
# "8. Coral Kingdom 2 is officially happening", "ITV axes Silk Street". A lower-case verb after the
# capitals is what tells sentence case from a title-case heading, whose every word is capitalised.
_RUN = GENRE_TITLE  # the same run of capitals, colon and small words included
_SUBJECT_VERB = (
    r"^(?:\d{1,2}[.)]\s+)?" + _RUN + r"\s+(?:is|are|was|will|has|have|gets?|sets?|holds?|returns?|lands?|wraps?|"
    r"moves?|arrives?|comes?|heads?|drops?|finds?|adds?|loses?|ends?|begins?|starts?|premieres?|debuts?|shifts?|slips?|"
    r"jumps?|locks?|confirms?|dates?|books?|wins?)"
)
HEADING_SUBJECT = re.compile(_SUBJECT_VERB + r"\s+[a-z0-9]")
HEADLINE_SUBJECT = re.compile(_SUBJECT_VERB + r"\s+\S")  # a headline's next word may be a date or a name
HEADING_OBJECT = re.compile(
    r"^(?:\d{1,2}[.)]\s+)?(?P<p>[A-Z][\w+&.!-]*(?:\s+[A-Z0-9][\w+&.!-]*){0,2})\s+(?:axes|cancels|renews|orders|dates|"
    r"picks\s+up|greenlights|passes\s+on|buys|acquires|pulls|delays)\s+" + _RUN + r"\s*$"
)
_QUESTION_START = {"who", "what", "when", "where", "why", "how", "which", "this", "that", "these", "those", "here",
                   "there", "we", "you", "i", "it", "they", "let's", "season", "series", "part", "episode"}


def _sentence_case(text: str) -> bool:
    """Most longer words in lower case: a headline or heading written as a sentence."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].islower() for w in words) / len(words) >= 0.5


def heading_subject(heading: str, headline: bool = False) -> TitleMention | None:
    """The title a sentence-case heading is about, before its verb or after a service's verb (in a
    sentence-case headline the word after the verb may be a date or a name: "X locks November 10 …")."""
    m = (HEADLINE_SUBJECT if headline else HEADING_SUBJECT).match(heading)
    if m is None and (m := HEADING_OBJECT.match(heading)) and m.group("p").lower() not in PLATFORM_WORDS:
        m = None
    if m is None:
        return None
    t, begin = m.group("t"), m.start("t")
    if ":" in t:  # "Claim 2: X", "Related: Review: X", "Netflix: X": a label before the colon
        left, right = t.rsplit(":", 1)
        label = left.split(":")[0].strip().lower()
        if label in BOILERPLATE or label in PLATFORM_WORDS or ENUMERATOR.fullmatch(left.strip()):
            begin += len(left) + 1 + (len(right) - len(right.lstrip()))
            t = right.strip()
    words = t.split()
    for i in range(1, min(3, len(words))):  # "Kanal D's Kara Rüzgar": the service's possessive is not the title's
        owner = " ".join(words[:i])
        if owner.lower() in PLATFORM_WORDS and owner.endswith(("'s", "’s")):
            begin += len(owner) + 1
            t, words = " ".join(words[i:]), words[i:]
            break
    if not words or words[0].lower() in _QUESTION_START or words[0].lower() in SENTENCE_START or t.lower() in PLATFORM_WORDS:
        return None
    if ENUMERATOR.match(t) or is_date_phrase(t) or _time_words(words):
        return None
    return TitleMention(t, begin, begin + len(t), how="subject")  # a person's name reads the same: the caller checks


GENRE_BEFORE = re.compile(
    r"(?:\b(?i:the|a|an|its|their|his|her|this|new)|" + _OWNER + r")\s+(?:[\w'’+-]{1,30}\s+){0,4}?(?:\w+-)?" + GENRE + r",?\s+"
    + GENRE_TITLE
    + r"(?=\s*(?:[,.;:()]|$|\s+(?:[a-z]|\()))"
)
GENRE_AFTER = re.compile(
    GENRE_TITLE + r",\s+(?:the|a|an|its|their|" + _OWNER + r")\s+(?:(?!(?:of|in|from|at|with|by|star|actor|actress|creator|director|"
    r"showrunner|writer|producer|host|author|singer)\b)[\w'’+-]{1,30}\s+){0,7}?(?:\w+-)?" + GENRE + r"\b"
)
_FUNCTION_START = re.compile(r"^(?:This|That|It|He|She|They|We|I|In|On|At|For|But|And|Or|As|After|Before|When|While|If|"
                             r"With|From|By|To|Its|His|Her|Their|Our|Your|My)$")
_NOT_GENRE_TITLE = re.compile(
    r"^(?:The|A|An|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Season|Series|Part|Episode|Netflix|Hulu|HBO|"
    r"Max|Disney|Apple|Amazon|Prime|Peacock|Paramount|NBC|CBS|ABC|Fox|BBC|ITV|Channel|Showtime|Starz|AMC|FX)$"
)


_DATEISH = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|\b(?:January|February|March|April|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


# A service's or a studio's title in prose: "Universal's Tin Soldiers is set for June 18", "Disney's
# animated Pemberton Park, which …". The title ends where the clause goes on (a verb, a relative, a
# preposition, punctuation); a lower-case word after it makes the capitals an adjective ("Netflix's
# Mexican gothic thriller", "Netflix's Tudum event").
_MAKERS = sorted(
    {a for al in GAZETTEER.values() for a in al}
    | {"Disney", "Marvel", "Pixar", "Lucasfilm", "Warner Bros.", "Universal", "Sony", "Paramount", "Lionsgate", "A24",
       "Searchlight", "Focus Features", "MGM", "Amazon MGM", "Paramount Animation", "Sony Pictures Animation",
       "DreamWorks", "Illumination", "Blumhouse", "Legendary", "Apple", "Amazon", "Studio Ghibli", "Toho"},
    key=len, reverse=True,
)
OWNED = re.compile(
    r"(?<![\w+.&])(?:" + "|".join(re.escape(m) for m in _MAKERS) + r")['’]s?\s+"
    r"(?:(?i:live-action|animated|stop-motion|new|upcoming|original|own|latest|next|long-awaited|forthcoming)\s+){0,2}"
    + GENRE_TITLE
    + r"(?=\s*(?:[,.;:()]|$)|\s+(?:is|was|has|had|have|will|would|could|opens|opened|premieres|premiered|returns|"
    r"arrives|debuts|moves|moved|holds|stays|hits|lands|follows|ended|ends|wrapped|wraps|starts|begins|which|whose|"
    r"that|and|in|on|at|to|for|with|from|by|as|but|or)\b)"
)
OWNED_NOT = {"top", "global", "basic", "premium", "standard", "app", "site", "event", "chart"}
DEALT_WHEN = re.compile(r"\s+(?:in|on|by|at|for)\s+(?:January|February|March|April|May|June|July|August|September|October|"
                        r"November|December|(?:19|20)\d\d)\b.*$")
# A service or a studio doing to a title what is done to releases: "Netflix quietly cancelled Zapp and Zola
# after …", "Warner Bros. has Deep Current 2 dated for July 22", "Universal … set Ironwood Saints II for Nov. 6".
DEALT = re.compile(
    r"(?<![\w+.&])(?:" + "|".join(re.escape(m) for m in _MAKERS) + r")\s+(?:(?:has|have|had|also|quietly|officially|"
    r"already|now|then|just|reportedly)\s+){0,2}(?:cancell?ed|renewed|ordered|set|dated|slated|axed|scrapped|shelved|"
    r"greenlit|revived|picked\s+up|pulled|moved|delayed|postponed|booked|has)\s+" + GENRE_TITLE
    + r"(?=\s+(?:for|after|to|from|on|in|at|with|as|dated|slated|set|back|up)\b|\s*[,.;:]|$)"
)


def _maker_title(t: str) -> bool:
    """Whether the capitals after a maker ("Universal's …", "Netflix cancelled …") can be a title: not a
    function word, a lone article or month, a date or a service."""
    words = t.split()
    return bool(words) and len(t) >= 3 and not _FUNCTION_START.match(words[0]) and not (
        _NOT_GENRE_TITLE.match(words[0]) and len(words) == 1) and not _DATEISH.search(t) and t.lower() not in PLATFORM_WORDS


# A person's role or credit right before a name: "creator Dana Roe", "directed by Jo Marsh" (not "followed by").
ROLE_BEFORE = re.compile(
    r"\b(?i:creator|co-creator|director|writer|showrunner|producer|star|actor|actress|host|narrator|author|"
    r"(?:written|directed|produced|created|hosted|narrated)\s+by)\s+$"
)


def genre_titles(sentence: str) -> list[TitleMention]:
    """Unquoted titles in prose that a kind noun names: before it ("the comedy X") or in apposition ("X, a thriller"),
    or that a service or a studio owns ("Universal's Tin Soldiers is …")."""
    out: list[TitleMention] = []
    for m in OWNED.finditer(sentence) if "'" in sentence or "’" in sentence else ():  # the maker's possessive
        t = m.group("t").rstrip(".!?,")
        if _maker_title(t) and not {w.lower() for w in t.split()} & OWNED_NOT:
            out.append(TitleMention(t, m.start("t"), m.start("t") + len(t), how="genre"))
    for m in DEALT.finditer(sentence):
        t = DEALT_WHEN.sub("", m.group("t")).rstrip(".!?,")  # "ABC cancelled The Fothergills in May 2019"
        if _maker_title(t) and all(o.begin != m.start("t") for o in out):
            out.append(TitleMention(t, m.start("t"), m.start("t") + len(t), how="genre"))
    for rx in (GENRE_BEFORE, GENRE_AFTER):
        for m in rx.finditer(sentence):
            t = m.group("t").rstrip(".!?,")
            words = t.split()
            if not words or _FUNCTION_START.match(words[0]) or (_NOT_GENRE_TITLE.match(words[0]) and len(words) == 1):
                continue
            if re.search(PLACE_ADJ, t):
                continue  # "series 3 of the Orkney-set crime drama": a place, then a kind
            if _DATEISH.search(t) or (m.start("t") == 0 and re.match(r"\w+(?:ing|ed|ly)\b", t)):
                continue  # "Debuting Dec. 2, the gay romantic comedy": a clause, not a title
            if len(t) < 3:
                continue
            if rx is GENRE_AFTER and m.start("t") > 0 and sentence[m.start("t") - 1] not in " \t([":
                continue
            if rx is GENRE_AFTER and words[0] in ("The", "A", "An") and len(words) == 1:
                continue
            if rx is GENRE_AFTER and ROLE_BEFORE.search(sentence[max(0, m.start("t") - 30) : m.start("t")]):
                continue  # "'Night Shift' creator Dana Roe, the coming-of-age drama …": a person in apposition
            begin = m.start("t")
            out.append(TitleMention(t, begin, begin + len(t), how="genre"))
    return out


TYPE_AFTER = re.compile(
    r"\s+(?:TV\s+|Live-Action\s+|live-action\s+|Animated\s+|animated\s+)?(?:[Ss]eries|[Rr]eboot|[Rr]evival|[Aa]nime|"
    r"[Mm]ovie|[Ss]pinoff|[Ss]pin-[Oo]ff|[Aa]daptation|[Ss]equel|[Pp]requel|[Cc]ast|[Tt]railer|[Tt]easer|"
    r"[Ss]how|[Dd]ocuseries|[Mm]iniseries|[Ff]ilm|[Tt]hriller|[Dd]rama|[Cc]omedy|[Ss]itcom|[Ll]imited\s+[Ss]eries)\b"
)
# "The Big Series on Shahid", "The Best New Drama": a size or rank before a kind word describes it; no title.
SIZE_WORDS = {"big", "bigger", "biggest", "new", "best", "top", "latest", "next", "upcoming", "other", "final", "last",
              "first", "greatest", "hottest", "huge", "major", "one"}
# What a page is, ending a headline's lead phrase: "Ramadan 2026 TV Guide: …", "Bubble Watch, Week 33: …".
PAGE_KINDS = {"guide", "preview", "roundup", "round-up", "recap", "tracker", "schedule", "calendar", "blog", "report",
              "watch", "rankings", "ranking", "list", "lineup", "line-up", "slate", "newsletter", "digest", "briefing"}
COMPOUND_AFTER = re.compile(r"\s+(?i:nights?|marathons?|clubs?|buffs?|fans|lovers|trivia)\b")
LEAD_RX = re.compile(
    r"^[‘'\"“]?(?P<t>[A-Z0-9][^\s:|;,]*(?:\s+[^\s:|;,]+){0,7}?)[’'\"”]?"
    r"(?=\s*[:|]\s|\s+(?:share|shares|tease|teases|gets|get|returns|return|renewed|cancell?ed|sets|drops|"
    r"reveals|premieres|confirmed|confirms|starts|begins|wraps|is\s+(?:back|returning|coming)|will\s+return|"
    r"[Ww]on['’]t\s+[Aa]rrive|[Ww]ill\s+[Aa]rrive|[Aa]rrives|[Ll]ands|[Hh]its|[Ss]treams|[Dd]ebuts|[Ii]s\s+[Cc]oming|"
    r"[Ss]tarts\s+[Ff]ilming|[Bb]egins\s+[Ff]ilming|[Ww]raps|[Rr]eturns|[Gg]ets|[Ss]ets|[Pp]remieres|"
    r"[Tt]o\s+[Rr]eturn|[Tt]o\s+[Ee]nd|[Tt]o\s+[Gg]et|[Ww]as\s+[Cc]ancell?ed|[Ii]s\s+[Cc]ancell?ed|[Cc]ancell?ed|[Aa]xed|"
    r"[Rr]enewed|[Ee]nds|[Ss]eason\s+\w+\s+[Tt]easer|[Tt]easer|[Tt]railer)\b)"
)


STUDIOS = {"disney", "marvel", "pixar", "lucasfilm", "dc", "warner bros", "warner bros.", "universal", "sony",
           "paramount", "lionsgate", "a24", "neon", "searchlight", "focus features", "mgm", "amazon mgm", "bbc studios"}


SEGMENT_BREAK = re.compile(r"\s*\|\s*|\s+(?:-|–|—)\s+")  # a bar breaks with or without spaces; a dash only spaced
TRAILER_SEGMENT = re.compile(
    r"^(?i:(?:official|new|final|first|latest)?\s*(?:teaser\s+)?(?:trailer|teaser|preview|promo|clip|poster|first\s+look)"
    r"(?:\s*#?\d+)?)$"
)


def _segment_title(headline: str) -> TitleMention | None:
    """"Tiger King: The Doc Antle Story | Official Trailer | December 10": the first segment of a
    video-style headline is the title."""
    parts = SEGMENT_BREAK.split(headline)
    if len(parts) < 2 or not any(TRAILER_SEGMENT.match(p.strip()) or PLATFORM_WORDS & {p.strip().lower()} for p in parts[1:]):
        return None
    first = parts[0].strip()
    m = SEASON_RX.search(first)
    season = _number(m.group("n") or m.group("s") or m.group("o")) if m else None
    core = first[: m.start()].strip() if m else first
    core = re.sub(r"\s*\((?:19|20)\d\d\)$", "", core)  # "Reacher (2022)": the year is a window, not the title
    core = re.sub(r"\s+(?i:official\s+)?(?:teaser\s+)?(?i:trailer|teaser)$", "", core)
    words = core.split()
    while words and words[0].lower().rstrip(":") in PLATFORM_WORDS:
        words = words[1:]  # "NBC’s This Is Us": the whole segment is the title, less its network
    t = _clean(" ".join(words))
    if not t or not _is_titleish(t.split()) or t.lower() in PLATFORM_WORDS or _time_words(t.split()):
        return None
    begin = headline.find(t)
    return TitleMention(t, max(begin, 0), max(begin, 0) + len(t), season=season, how="headline")


# Words that open a question or an aside, not a title: "Has X Been Renewed …?", "Where To Watch …".
QUESTION_OPENERS = {"here", "watch", "meet", "has", "have", "had", "was", "were", "do", "should", "would", "where",
                    "what", "who", "which", "whats", "what's"}
AFTER_CUE = re.compile(r"\b(?i:first\s+look\s+at|trailer\s+for|teaser\s+for|return\s+of|premiere\s+of|renewal\s+of)\s+")


# A headline must speak of film or TV before an unquoted lead phrase is taken for a title
# ("The Latest: …", "Business Focus: …" are section labels).
SCREEN_HINT = re.compile(
    r"\b(?i:season|series|episodes?|trailer|teaser|premieres?|premiere\s+date|renew(?:ed|al)|cancell?ed|axed|cast|"
    r"casting|stars?|starring|film|movie|show|sequel|prequel|spinoff|spin-off|reboot|revival|anime|docuseries|"
    r"streaming|netflix|hulu|hbo|disney\+|prime\s+video|apple\s+tv|peacock|paramount\+|filming|production|"
    r"returns?|returning|release\s+date|first\s+look|finale)\b"
)


def headline_titles(headline: str, quoted: bool = False) -> list[TitleMention]:
    """Unquoted titles a headline names: "MacGruber TV Series Gets …", "Arcane | Act III Teaser",
    "Black Monday: Cancelled", "Peaky Blinders share first look …"."""
    seg = _segment_title(headline)
    if seg:
        return [seg]
    out: list[TitleMention] = []
    for cue in AFTER_CUE.finditer(headline) if not quoted else ():
        t = _right_title(headline[cue.end() :], skip_desc=False)
        if t and not _time_words(t.split()) and t.split()[0].lower() not in SENTENCE_START | STOP_SINGLE:
            out.append(TitleMention(t, cue.end(), cue.end() + len(t), how="headline"))
    for m in TYPE_AFTER.finditer(headline) if not quoted else ():
        if COMPOUND_AFTER.match(headline, m.end()):
            continue  # "Family Movie Night", "a Series Marathon": the kind word is part of another noun
        left = _left_title(headline[: m.start()])
        if left and not left[2] and left[0].split()[-1].lower() not in SIZE_WORDS:
            out.append(TitleMention(left[0], left[1], m.start(), how="headline"))
    lead = LEAD_RX.match(headline)
    if lead and not out and not quoted and SCREEN_HINT.search(headline):
        words = lead.group("t").split()
        if (
            _is_titleish(words)
            and words[0].lower() not in HEADLINE_STOP | SENTENCE_START | STOP_SINGLE | QUESTION_OPENERS
            and words[-1].lower() not in CONNECT | MINOR
            and not (len(words) > 1 and (words[0].lower() != "the" or len(words) > 2) and words[-1].lower() in PAGE_KINDS)
        ):
            t = _clean(lead.group("t"))
            if t and not _label(t) and t.lower() not in PLATFORM_WORDS | STUDIOS and not any(w.lower() in HEADLINE_STOP for w in words) and not _time_words(words):
                out.append(TitleMention(t, lead.start("t"), lead.end("t"), how="headline"))
    return out


# Labels of page furniture, never a title: "Related: …", "Contributing: …".
BOILERPLATE = {"related", "contributing", "source", "sources", "also", "read", "read more", "more", "see", "watch",
               "update", "updated", "editor's note", "photo", "photos", "credit", "advertisement", "sponsored", "tags",
               "topics", "follow", "share", "listen", "video", "subscribe", "note", "correction", "disclosure"}
# Labels of what a paragraph is, before a colon: "Verdict: X season 2 is …", "Rumor: …".
LABELS = {"verdict", "the verdict", "our verdict", "bottom line", "the bottom line", "pictured", "caption", "claim",
          "rumor", "rumour", "fact", "spoiler", "spoilers", "warning", "our take", "the takeaway", "takeaway", "tl;dr"}
# A field of a listing's entry, before its colon: what follows is its value, not a title ("Buyer: Sony
# Pictures Classics (North America)", "Status: RENEWED (season 5)", "Price: $17 million").
FIELD_LABELS = {"buyer", "buyers", "seller", "sales", "price", "status", "network", "networks", "platform", "platforms",
                "streamer", "studio", "distributor", "distributors", "demo", "viewers", "ratings", "rating", "rated",
                "budget", "runtime", "episodes", "genre", "genres", "director", "directors", "creator", "creators",
                "showrunner", "showrunners", "cast", "stars", "starring", "where", "where to watch", "when", "format",
                "language", "languages", "odds", "outlook", "prediction", "our prediction", "deal", "country",
                "countries", "slot", "time slot", "channel", "length", "box office", "gross", "opening", "based on",
                "writer", "writers", "producer", "producers", "voice cast", "who", "what", "why", "availability"}
# A critic's grade before a title: "B-minus: THE LONGEST SHIFT (NBC)", "A+: Kettle Valley".
GRADE = re.compile(r"^(?:grade\s+)?[A-F](?:[+-]|\s*-?\s*(?:plus|minus))?$", re.IGNORECASE)
CAPTIONS = {"pictured", "caption", "above", "below", "top", "left", "right", "photo", "photos", "image", "credit"}
HEADING_PREFIXES = {"not coming in june", "delayed", "cancelled", "canceled", "renewed", "new", "returning", "coming", "upcoming", "exclusive",
                    "confirmed", "dated", "undated", "ending", "ended", "postponed", "moved", "update", "still waiting",
                    "still available", "available", "unsold", "sold", "acquired", "on the bubble", "bubble"}
GENERIC_HEADINGS = {
    "summary", "summary of this article", "cast", "the cast", "plot", "trailer", "release date", "overview",
    "introduction", "conclusion", "verdict", "related", "advertisement", "read more", "more", "latest",
    "streaming", "where to watch", "what we know", "recap", "news", "updates", "update", "photos", "video",
}
HEADING_SUFFIX = re.compile(
    r"(?:[,:–—-]?\s*(?:(?i:season|series)\s+(?P<n>\d{1,2})|(?P<fin>(?i:final|last)\s+(?i:season|series))))?"
    r"(?:[,:–—-]?\s*(?i:part|cour|volume)\s+(?P<p>\d))?"
    r"(?:\s+[-–—:]\s+(?P<when>[^()]{1,40}?))?\s*(?:\((?P<paren>[^()]{1,40})\))?\s*$"
)
TYPE_TAIL = re.compile(
    r"\s+(?:(?i:christmas|holiday|new\s+year['’]s|halloween|festive)\s+)?(?:special|series|film|movie|documentary|docuseries|"
    r"revival|reboot|finale|premiere|sequel)$"
)
# A numbered label before a heading's colon is no title: "Claim 2: …", "Season 3: 8 episodes", "Day 4: …".
ENUMERATOR = re.compile(
    r"(?i:season|series|part|claim|step|rumou?r|question|reason|day|week|episode|chapter|update|theory|no\.|number|"
    r"round|phase|stage|volume|vol\.|book|act|entry|item|pick|rank)\s*#?\d{1,3}"
)
# Words that make a "title" a heading about time or kind, not a show: "Summer Movie Preview".
NOT_TITLE_WORDS = {
    "summer", "winter", "spring", "fall", "autumn", "christmas", "holiday", "holidays", "tv", "movies", "movie",
    "films", "film", "shows", "k-dramas", "k-drama", "anime", "every", "all", "upcoming", "preview", "guide",
    "schedule", "lineup", "slate", "roundup", "calendar", "release", "dates", "premiere", "premieres",
    "renewals", "cancellations", "streaming", "week", "month", "year", "new", "best", "biggest", "most",
}


# What a label says before its date: "Leaving June 10: X", "Coming on Q1 2027: X".
DATE_LABEL_VERB = re.compile(r"^(?i:leaving|coming|arriving|streaming|out|premieres?|returns?|new)\s+(?:(?i:on)\s+)?")
DATE_LABEL = re.compile(r"^(?:TBA|TBD|TBC|(?:19|20)\d\d)$", re.IGNORECASE)  # "Q1 2027", "late 2026": is_date_phrase


def _date_label(text: str) -> bool:
    """A heading's label that is a date, not a title: "Nov. 5, 2027: X", "Q1 2027: X", "TBD: X", "Leaving June 10: X"."""
    bare = DATE_LABEL_VERB.sub("", text.strip())
    return bool(DATE_LABEL.match(bare)) or is_date_phrase(bare)


# A line of figures, not a title: "Sapnon Ki Gaadi (week 6): 0.3; total 88.2", "Cyberhawk: Reckoning (week 1): 21.5".
# "Demo 0.41 | Viewers 5.0M | L+7 viewers 7.6M": figures between bars.
FIGURES = re.compile(r";|:\s*[$€£]?\d[\d.,]*\s*(?:[%mkMbB]|crore|lakh|million|billion)?$|\d[\d.,]*\s*[%mkMbB]?\s*\|")


def line_label(text: str) -> str:
    """What a line says it is before its colon, in lower case ("status" of "Status: RENEWED (season 5)"); "" if no colon."""
    return text.split(":", 1)[0].strip().lstrip("[(").lower() if ":" in text else ""


def heading_title(heading: str, numbered: bool = False) -> TitleMention | None:
    """A roundup heading names its title: "Stillwater Crossing, Season 3 (HBO Max)",
    "Quiet Hours (Apple TV)", "Not coming in June: The Fourth Floor (MBC)", "1. Gravel Kings 3"."""
    if slot := TIME_SLOT.match(heading):
        # A schedule's line: "8-10 p.m. — SOUND CHECK (Season 7 premiere)".
        inner = heading_title(heading[slot.end() :], numbered)
        return replace(inner, begin=inner.begin + slot.end(), end=inner.end + slot.end()) if inner else None
    m = HEADING_SUFFIX.search(heading)
    label = line_label(heading)
    if label in CAPTIONS or label in FIELD_LABELS:
        return None  # "Pictured: Aarav Khurana in a still from Lohpurush 2", "Buyer: Neon (North America)"
    prefixed = bool(label) and label not in BOILERPLATE and len(heading.split()) <= 8
    if not m or not (m.group("paren") or m.group("n") or m.group("fin") or m.group("p") or m.group("when") or numbered
                     or prefixed):
        return None
    if re.search(r"//|@|https?|www\.|\d:\d\d", heading):
        return None
    core = TYPE_TAIL.sub("", heading[: m.start()].strip())
    if (tail := re.search(r"\s*\(([^()]{1,40})\)$", core)) and (_a_service(tail.group(1)) or YEAR_ONLY.fullmatch(tail.group(1))):
        core = core[: tail.start()]  # "1. The Phoenix Oath (Tencent Video) - 9.8 billion views": the service is no title
    begin = 0
    if ":" in core:
        left, right = core.rsplit(":", 1)
        if (not _is_titleish(left.split()) or left.strip().lower() in HEADLINE_STOP | HEADING_PREFIXES
                or ENUMERATOR.fullmatch(left.strip()) or _date_label(left) or GRADE.match(left.strip())):
            begin = len(left) + 1
            core = right.strip()
    words = core.split()
    t = _clean(core)
    if not t or len(words) > 9 or not _is_titleish(words) or t.lower() in GENERIC_HEADINGS | PLATFORM_WORDS | NOT_TITLES:
        return None
    if ENUMERATOR.match(t) or FIGURES.search(t):
        return None
    if _time_words(words) or is_date_phrase(t) or (begin == 0 and ":" not in heading and not (m.group("paren") or m.group("n") or numbered)):
        return None
    return TitleMention(t, heading.index(core, begin), m.start(), season=_number(m.group("n")), part=_number(m.group("p")), how="heading")


TIME_SLOT = re.compile(
    r"^\s*\d{1,2}(?::\d\d)?(?:\s*(?:a\.m\.|p\.m\.|am|pm))?(?:\s*[-–]\s*\d{1,2}(?::\d\d)?)?\s*(?:a\.m\.|p\.m\.|am|pm|AM|PM)"
    r"(?:\s*(?:ET|PT|CT|MT|ET/PT))?\s*[—–|-]\s+"
)


# A schedule or press-release line: "KETTLE VALLEY (Season 2) — returns Wednesday, Sept. 25",
# "Muskeg (new) – premieres Oct. 1", "Fundy (Series 3): back on Sunday".
LISTING_LINE = re.compile(
    r"^(?P<t>[A-Z0-9][^()\n—–:|]{0,60}?)\s*\((?:(?i:season|series)\s+(?P<n>\d{1,3})|(?i:new|returning|final\s+season)"
    r"\b[^()]{0,30})\)\s*(?:[—–:-]|$)"
)
SMALL = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


# A line that opens with a title and its service: "Prairie Bones, Season 2 (Hulu), all episodes",
# "Gatekeepers (CBS): The procedural …", "Brightwell Falls (ABC → Hulu) - Season 3", "TIDES (Apple TV+) (13:15)",
# "Forty Winks - Netflix film. A romantic comedy …".
SERVICE_LINE = re.compile(
    r"^(?:\d{1,2}[.)]\s+)?(?P<t>[A-Z0-9À-Þ][^()\n—–:|]{0,60}?)(?:(?:[,:]\s*|\s+)(?i:season|series)\s+(?P<n>\d{1,3}))?(?:,?\s+(?i:part)\s+(?P<part>\d))?\s*"
    r"(?:\((?P<p>[^()]{2,40})\)(?:\s*[-–—]\s*(?i:season|series)\s+(?P<m>\d{1,3}))?(?!\s*,\s*who\b)\s*(?:[,:.;—–-]|\(|$)"
    r"|\s[-–—]\s+(?P<q>[A-Z][\w+&.! ]{1,25}?)\s+(?:(?i:original\s+)?(?i:film|series|movie|documentary|docuseries|special"
    r"|limited\s+series)|(?i:original))\b)"
)
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
# A line's kind in brackets, as a service would stand: "Seema Prahari (film). The biggest casualty so far."
KIND_PAREN = re.compile(r"(?i:film|movie|feature(?:\s+film)?|(?:web\s+|limited\s+|mini-?|tv\s+)?series|miniseries|documentary|"
                        r"docuseries|tv\s+movie|tv\s+film|anime(?:\s+series)?|animated\s+(?:film|series))")
SERVICE_TAIL = re.compile(r"\s+(?i:originals?|original\s+\w+|film|series|movie|documentary|exclusive)$")


def _a_service(text: str) -> bool:
    """"Hulu", "ABC → Hulu", "Hulu Original film", "NHK, Sunday 9 p.m.": a service the gazetteer knows."""
    parts = re.split(r"\s*(?:→|->|/|,|\band\b|&)\s*", text)
    return any(SERVICE_TAIL.sub("", x.strip()).lower() in PLATFORM_WORDS for x in parts if x.strip())


def listing_title(line: str) -> TitleMention | None:
    """The title that opens a schedule line, with its season; all-capitals titles in title case."""
    m = LISTING_LINE.match(line)
    season = part = None
    if m:
        season = m.group("n")
    elif (m := SERVICE_LINE.match(line)) and (_a_service(m.group("p") or m.group("q")) or KIND_PAREN.fullmatch(m.group("p") or "")):
        season, part = m.group("n") or m.group("m"), m.group("part")
    else:
        return None
    raw = m.group("t").strip()
    words = raw.split()
    if not words or len(words) > 9 or not _is_titleish(words) or _time_words(words) or raw.lower() in PLATFORM_WORDS:
        return None
    title = raw
    if raw.isupper():
        title = " ".join(w.capitalize() if i == 0 or w.lower() not in SMALL else w.lower() for i, w in enumerate(raw.lower().split()))
    title = _clean(title)
    if not title:
        return None
    begin = m.start("t")
    return TitleMention(title, begin, begin + len(raw), season=_number(season), part=_number(part), how="heading")


def _time_words(words: list[str]) -> bool:
    """A "title" made of time and kind words only ("Summer Movie Preview 2025")."""
    content = [w.lower().strip(":,") for w in words if w.lower() not in CONNECT]
    return all(w in NOT_TITLE_WORDS or w.isdigit() for w in content)


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
_MONTHS = {m.lower() for m in MONTH_NAMES}


SEASON_OF_YEAR = re.compile(r"(?i:early|mid|late|spring|summer|fall|autumn|winter|q[1-4]|h[12])[\s-]+(?:19|20)\d\d")
HOLIDAY_DAY = re.compile(r"(?i:christmas|boxing|new\s+year['’]?s|thanksgiving|valentine['’]?s|easter|labou?r|memorial)\s+(?i:day|eve)")


def is_date_phrase(title: str) -> bool:
    """A "title" that is a date: "January 31", "Wednesday, July 3", "THURSDAY, NOV. 27". A weekday
    alone is not one ("Wednesday" is a series)."""
    if SEASON_OF_YEAR.fullmatch(title.strip()) or HOLIDAY_DAY.fullmatch(title.strip()):
        return True  # "Early 2025", "Spring 2027", "Christmas Day", "New Year's Eve"
    words = [w.lower().strip(",.:;()") for w in title.split()]
    words = [w for w in words if w and w not in ("of", "the")]
    if not words or not any(w in _MONTHS for w in words):
        return False
    return all(w in _MONTHS or w in WEEKDAYS or re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", w) for w in words)


def _dedupe(mentions: list[TitleMention]) -> list[TitleMention]:
    """Keep one mention per span; a season-bearing mention beats a bare quote."""
    mentions.sort(key=lambda m: (m.begin, -(m.season is not None)))
    out: list[TitleMention] = []
    for m in mentions:
        clash = next((o for o in out if not (m.end <= o.begin or m.begin >= o.end)), None)
        if clash is None:
            out.append(m)
        elif m.season is not None and clash.season is None and title_key(m.title) == title_key(clash.title):
            out[out.index(clash)] = m
    return out
