"""Which time expressions in a sentence are release windows.

A sentence names many dates: of the release, of filming, of a trailer, of past seasons,
of the announcement itself, of a date since replaced. The grammar in `windows` finds
them all; this module keeps the ones that say when the upcoming release happens, by
the words that govern each expression in its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from airdate.extract.windows import Found, resolve_all
from airdate.extract.windows.grammar import WD

RELEASE_WORDS = re.compile(
    r"^(?:premieres?|premiering|releases?|releasing|debuts?|debuting|arrives?|arriving|returns?|returning|"
    r"drops?|dropping|streams?|streaming|airs?|airing|launch(?:es)?|launching|lands?|landing|hitting|"
    r"opens?|opening|bows?|out|slated|set|scheduled|dated|due|expected|coming|comes|back|available|hits|"
    r"targeted|targeting|aims?|aiming|eyeing|eyes|planned|plans|tipped|pegged|penciled|pencilled|lined|"
    r"rolls?|rolling|unveils?|premiere|release|debut|launch|bow|return|arrival|rollout|date|dates|window|"
    r"season|series|episodes?|film|movie|sequel|show|volume|cour|batch|installment|chapter|"
    r"pushed|moved|delayed|postponed|shifted|bumped|rescheduled|will|expect|expecting|anticipated|"
    r"follow|follows|arrive|drop|air|stream|open|land|reports?|says|say|suggests?|tipped|pegged)$",
    re.IGNORECASE,
)
OTHER_WORDS = re.compile(
    r"^(?:filming|filmed|shoot|shooting|shot|photography|production|cameras|wrap|wraps|wrapped|trailer|"
    r"teaser|poster|posters|casting|auditions?|panel|comic-con|convention|upfronts?|interview|tickets|"
    r"pre-?orders?|book|novel|manga|album|single|tour|concert|game|stock|earnings|ceremony|awards?|emmys?|"
    r"oscars?|nominations?|renewed|renewal|announced|announcement|born|died|married|deal|contract|"
    r"writers?|writing|scripts?|strike|viewed|watched|views|hours|ratings|chart|charts|topped|ranked|"
    r"recorded|gameplay|beta|rankings|nielsen|top|exits|leaves|leaving|removed|library|catalog|catalogue|archive|currently|successes|"
    r"success|hit|speculation|olympics|election|anniversary|birthday|wedding|trial|hearing|sentencing|"
    # a guest's spot on a running show is no release: "slated to host SNL this week", "will perform on Friday"
    r"host|hosts|hosting|co-host|guest-host|perform|performs|performing|headline|headlining)$",
    re.IGNORECASE,
)
PAST_RELEASE = re.compile(
    r"^(?:premiered|aired|debuted|released|dropped|arrived|launched|returned|opened|bowed|streamed|ended|"
    r"concluded|finished|came|wrapped|was|were|had|ran|been)$",
    re.IGNORECASE,
)
FUTURE_AUX = re.compile(r"^(?:be|been|being|will|to|is|are|gets|get)$", re.IGNORECASE)
REPORTING = re.compile(
    r"\b(?:announced|announcing|said|says|revealed|revealing|confirmed|confirming|told|shared|posted|tweeted|"
    r"unveiled|teased|reported|"
    r"noted|explained|added|statement|wrote)\s+(?:(?:\w+\s+){0,2}|(?:in|at|during)\s+(?:\w+['’]?\w*\s+){1,4})(?:on\s+|in\s+|at\s+|last\s+)?$",
    re.IGNORECASE,
)
# A weekday that names no day: a possessive ("Wednesday's showcase"), a run of days ("Monday to Friday",
# "Saturday and Sunday nights", "Friday-Saturday"), or a slot ("the Tuesday 10pm slot", "its Monday 9 slot").
WEEKDAY_NOT_A_DAY = re.compile(
    r"(?:['’]s\b|[-–/]\w|\s+(?i:and|or|to|through|thru|&)\s+" + WD +
    r"|(?:\s+[\w:/.-]+){0,2}\s+(?i:slot|time\s*slot|lineup|line-up|block|drama|dramas|comedy|programming)\b)"
)
# A holiday that names a slot or a kind of title, not a day: "the Christmas schedule", "the
# Thanksgiving frame", "its 2027 Thanksgiving title", "the lucrative Christmas season".
HOLIDAY_KIND = re.compile(
    r"\s+(?i:slot|slots|schedule|schedules|frame|title|titles|season|corridor|lineup|line-up|programming|fare|"
    r"movies?|films?|market|box\s+office|crowd|audiences?|ratings?|tradition)\b"
)
WEEKDAY_RUN_BEFORE = re.compile(WD + r"(?:\s+(?i:and|or|to|through|thru|&)\s+|[-–/])$")
# The day the news was made on, before its verb: "Peacock on Monday set a premiere date", "ABC today announced".
NEWS_AFTER = re.compile(
    r"\s*,?\s+(?i:set|made|moved|announced|confirmed|revealed|unveiled|dropped|shared|used|named|ordered|renewed|"
    r"cancell?ed|picked|gave|handed|launched|added|pulled|delayed|pushed|dated|released|said|told|issued|held|"
    r"hosted|presented|showed|screened)\b"
)
NEWS_DONE = re.compile(
    r"\b(?i:made|moved|used|dropped|held|hosted|presented|showed|screened|issued|gave|handed|changed)\b[^.,;]{0,80}$"
)


# "its previous October 22 date", "the original March release": a date since replaced.
OLD_BEFORE = re.compile(
    r"(?<!keeps )(?<!keep )(?<!kept )(?<!keeping )(?<!retains )(?<!holds )(?<!with )(?<!to )"
    r"\b(?:its|the|their)\s+(?:original|initial|previous|earlier|former|old|planned)\s+$",
    re.IGNORECASE,
)
OLD_AFTER = re.compile(r"\s*(?:release\s+|premiere\s+)?(?:date|slot|window|release|premiere|opening)\b", re.IGNORECASE)
AS_OF = re.compile(r"\b(?:as\s+of|(?:last\s+)?updated(?:\s+on)?|correct\s+at|accurate\s+as\s+of)\s+$", re.IGNORECASE)
REPLACED = re.compile(
    r"(?:\b(?:moved|moves|pushed|shifted|bumped|delayed|postponed|changed|rescheduled|moving|pushing|slid|slipped)"
    r"(?:\s+[\w’']+){0,8}?\s+from\s+(?:the\s+|its\s+|an?\s+)?|\binstead\s+of\s+(?:the\s+|an?\s+)?|"
    r"\boriginally\s+(?:\w+\s+){0,4}?(?:for|on|in)\s+(?:the\s+|an?\s+)?|\bpreviously\s+(?:\w+\s+){0,4}?(?:for|on|in)\s+(?:the\s+|an?\s+)?|"
    r"\b(?:was|had\s+been|were)\s+(?:originally\s+|initially\s+|first\s+)?(?:set|scheduled|slated|dated|due|planned|expected|meant|supposed)\s+"
    r"(?:to\s+\w+\s+(?:(?:for|on|in)\s+)?|(?:for|on|in)\s+)(?:the\s+|an?\s+)?|"
    r"\b(?:original|initial|previous|earlier|former)\s+"
    r"(?:\w+\s+){0,2}?(?:date|window|slot|plan)\s+(?:of\s+)?(?:the\s+|an?\s+)?|"
    r"\bfrom\s+(?:its|the|their)\s+(?:original|initial|previous|earlier|former|planned)\s+|"
    r"\bcontrary\s+to\s+(?:earlier|previous|initial|prior)\s+(?:reports?|rumou?rs?)\s+(?:of\s+)?(?:an?\s+|the\s+)?)$",
    re.IGNORECASE,
)
NEGATED = re.compile(
    r"\b(?:not|n['’]t|no|never|yet\s+to|without|nor|unclear|unknown|undecided|rather\s+than)\b", re.IGNORECASE
)
CLAUSE_BREAK = re.compile(r"[;:—(|]|,\s+(?:but|while|and|which|whereas|though|although)\b|\s+but\s+|\s+while\s+|\s+whereas\s+|\s+after\s+|\.\s")
WORD = re.compile(r"[A-Za-z][A-Za-z'’+-]*|\d+")


@dataclass(frozen=True)
class WindowClaim:
    found: Found
    replaced: bool  # a date the article says was replaced ("moved from May 6")


def _clause_before(sentence: str, pos: int) -> str:
    head = sentence[max(0, pos - 300) : pos]  # a clause is never longer; keeps long inputs linear
    cut = 0
    for m in CLAUSE_BREAK.finditer(head):
        cut = m.end()
    return head[cut:]


RELEASE_NOUNS = re.compile(
    r"^(?:season|series|episodes?|film|movie|sequel|show|part|volume|cour|batch|installment|chapter|premiere|"
    r"release|debut|launch|return|special|drama|comedy|thriller|documentary|docuseries|anime|it|they|"
    r"adaptation|reboot|remake|revival|spinoff|spin-off|prequel|finale|episode)$",
    re.IGNORECASE,
)
# Nouns that, as the subject of a release verb, make the date theirs and not the release's.
OTHER_NOUNS = re.compile(
    r"^(?:filming|shoot|shooting|photography|production|cameras|trailer|teaser|poster|posters|casting|auditions?|"
    r"panel|tickets|pre-?orders?|book|novel|manga|album|single|tour|concert|game|ceremony|awards?|deal|"
    r"contract|strike|library|catalog|catalogue|archive|scripts?|writers?|interview|convention|upfronts?|lineup|"
    r"horror|costume|party|parade|marathon)$",
    re.IGNORECASE,
)
PAST_VERB = re.compile(
    r"^(?:renewed|announced|confirmed|revealed|said|told|began|started|ended|ordered|picked|filmed|shot|"
    r"cancell?ed|greenlit|commissioned|wrapped|teased|unveiled|shared|posted|launched|finished|was|were|"
    r"appeared|spoke|joined|visited|attended|won|lost|recalled|sat)$",
    re.IGNORECASE,
)
FUTURE_WORD = re.compile(r"^(?:will|would|set|slated|scheduled|due|expected|to|shall|ll|going|plans?|aims?)$", re.IGNORECASE)


# A label before a colon or dash that heads the expression.
_LABEL = re.compile(r"(?:^|[.;!?|(\n])\s*([^.;:!?|()\n—–]{1,60}?)\s*[:—–]\s*$")


AFTER_WORK = re.compile(r",?\s+to\s+(?:start|begin|resume|finish|wrap)\s+(?:shooting|filming|production|work\b|principal)", re.I)


def _governed_by_release(sentence: str, f: Found) -> bool:
    """Look at the words around the expression for what it dates."""
    if any(RELEASE_WORDS.match(w) and not OTHER_WORDS.match(w) for w in WORD.findall(f.text)):
        return True  # "unlikely to arrive before 2027": the operator carries the verb
    after = WORD.findall(sentence[f.end : f.end + 40])[:2]
    if after and re.match(r"^(?:update|updated|edition|issue|recap)$", after[0], re.I):
        return False  # "(June 2025 Update)": the date of the page, not of a release
    if AFTER_WORK.match(sentence, f.end):
        return False  # "heads back to Chicago in January to start shooting": the date of the work
    if any(re.match(r"^(?:release|premiere|debut|launch|bow|return|arrival|rollout|date|window|slot)s?$", w, re.I) for w in after):
        return True
    clause = _clause_before(sentence, f.begin)
    head = sentence[max(0, f.begin - 300) : f.begin]
    if re.search(r",\s*(?:which|that)\s+[^,]*$", head):
        # "a teaser, which could drop in the spring": the antecedent is the subject.
        antecedent = WORD.findall(head[: head.rfind(",")])[-3:]
        if any(OTHER_WORDS.match(w) for w in antecedent):
            return False
    before = WORD.findall(clause)
    if any(OTHER_NOUNS.match(w) for w in after):
        return False  # "the network's Halloween horror library"
    if not before:
        label = _LABEL.search(head)
        if label:  # "Season 2: March 2027", "Release date — June 7": the label is what is dated
            words = [w for w in WORD.findall(label.group(1)) if not w.isdigit()][-3:]
            if any(OTHER_WORDS.match(w) or OTHER_NOUNS.match(w) for w in words):
                return False
            if any(RELEASE_NOUNS.match(w) or RELEASE_WORDS.match(w) for w in words):
                return True
    if f.unit in ("day", "month", "weekday", "dom", "holiday", "season") and _past_clause(before):
        return False  # "renewed … in January": a date in the past, not a release
    for i in range(len(before) - 1, -1, -1):
        w = before[i]
        if PAST_RELEASE.match(w):
            prev = before[i - 1] if i else ""
            if w.lower() in ("was", "were", "had", "been") or not FUTURE_AUX.match(prev):
                return False
            return True
        hits_screens = w.lower() == "hit" and i + 1 < len(before) and re.match(
            r"^(?:theaters|theatres|cinemas|screens|netflix|streaming|shelves)$", before[i + 1], re.I
        )
        if OTHER_WORDS.match(w) and not hits_screens:
            return False
        if RELEASE_WORDS.match(w) or hits_screens:
            # The verb is a release verb; its subject must not be a trailer or a shoot.
            for v in reversed(before[:i]):
                if OTHER_NOUNS.match(v):
                    return False
                if RELEASE_NOUNS.match(v):
                    break
            return True
    return _released_after(sentence, f)


def release_windows(
    sentence: str, dct: date | None, *, anime: bool = False, cue_in_context: bool = False
) -> list[WindowClaim]:
    """The release windows this sentence states, and the dates it says were replaced.

    `cue_in_context` lets an expression with no governing word count when the sentence
    sits under a release heading or in a headline about a release.
    """
    out: list[WindowClaim] = []
    for f in resolve_all(sentence, dct, anime=anime):
        if dct is not None and f.stop is not None and f.stop < dct:
            continue  # history, or a typo the article's own date rules out
        if f.unit == "year" and f.start is not None and f.stop is not None and (f.stop - f.start).days > 366:
            continue
        head = sentence[max(0, f.begin - 60) : f.begin]
        if REPLACED.search(head) or (OLD_BEFORE.search(head) and OLD_AFTER.match(sentence, f.end)):
            out.append(WindowClaim(f, True))
            continue
        if f.unit in ("weekday", "relative") and REPORTING.search(head):
            continue  # the date of the announcement, not of the release
        if f.unit == "relative" and f.text.lower() in ("today", "yesterday") and NEWS_AFTER.match(sentence, f.end):
            continue  # "NBC today announced premiere dates": the day of the news
        if f.unit == "holiday" and (HOLIDAY_KIND.match(sentence, f.end) or re.search(r"\b(?i:pre|post)-$", head)):
            continue  # "the channel's Christmas schedule", "the pre-Halloween slot", "its Thanksgiving title"
        if f.unit == "weekday" and (WEEKDAY_NOT_A_DAY.match(sentence, f.end) or NEWS_AFTER.match(sentence, f.end)
                                    or _past_clause(WORD.findall(_clause_before(sentence, f.begin))) or NEWS_DONE.search(head)
                                    or WEEKDAY_RUN_BEFORE.search(head)):
            continue  # a slot ("Saturday and Sunday nights", "the Tuesday 10pm slot") or the day news was made
        if f.unit == "weekday" and not _weekday_governed(sentence, f):
            continue  # "a report by Sports Seoul on Wednesday", "It resumed on Monday": the day of something else
        if AS_OF.search(head):
            continue  # "everything arriving in June, as of May 29": the date of the list
        clause = _clause_before(sentence, f.begin).rsplit(",", 1)[-1]
        if NEGATED.search(clause) and not re.search(r"\b(?:not|n['’]t)\s+(?:\w+\s+){0,2}?(?:before|until|earlier)\b", clause, re.I):
            continue
        loose = cue_in_context and f.unit not in ("offset", "relative", "weekday", "dom")
        if cue_in_context and f.unit == "year" and re.match(r"\s*\)", sentence[f.end :]) and sentence[: f.begin].endswith("("):
            out.append(WindowClaim(f, False))  # "Reacher (2022) - Official Trailer": the year it is out
            continue
        if loose and f.unit == "day" and re.match(r"\s*(?:\)|\||$)", sentence[f.end :]) and re.search(
            r"(?:\||\()\s*$", sentence[: f.begin]
        ):
            out.append(WindowClaim(f, False))  # a date standing alone in a headline segment
            continue
        if _past_premiere(sentence, f):
            continue  # "since its November premiere": the release is history
        if f.unit == "offset" and not _offset_governed(sentence, f):
            continue  # "the second attack on the set in three weeks": a span of something else
        if _governed_by_release(sentence, f) or (loose and not _other_nearby(sentence, f)):
            out.append(WindowClaim(f, False))
    return out


# Words a weekday may stand after and still be the release's: "premieres Friday", "streams from Wednesday",
# "returns for its third season this Friday"; a noun only right before it ("the Copperline premiere Monday").
_WEEKDAY_SKIP = re.compile(r"^(?:on|this|next|from|starting|beginning|its|their|his|her|the|a|an|for|as|of|early|late|"
                           r"new|third|second|fourth|fifth|first|final|last|season|series|episodes?|film|movie|show|"
                           r"again|also|now|then|in|theaters|theatres|cinemas)$", re.IGNORECASE)
_RELEASE_NOUN_WORDS = frozenset("premiere release debut launch bow return arrival rollout date dates window".split())
_NOT_GOVERNING = frozenset("set reports report says say suggests suggest will".split())
_MODAL = frozenset("will would to shall may might could ll".split())


def _weekday_governed(sentence: str, f: Found) -> bool:
    """A weekday alone ("on Tuesday") dates a release only when a release verb leads up to it. In news
    prose it is more often the day of the news or of something else: "a report by Sports Seoul on
    Wednesday", "posted a photo from the set on Tuesday", "overhauled its release calendar on Tuesday"."""
    if re.match(r"\s*:", sentence[f.end :]) or not sentence[: f.begin].strip() or re.search(
            r"(?:^|[.;!?|\n])\s*(?i:also|and)\s*$", sentence[: f.begin]):
        # "Also Wednesday: Gumbo opens in theaters", a day that opens its line: the words after it say what
        return _released_after(sentence, f)
    before = WORD.findall(_clause_before(sentence, f.begin))[-8:]
    if all(_WEEKDAY_SKIP.match(w) or w.lower() in ("starting", "beginning", "from") for w in before):
        return _released_after(sentence, f)  # "Starting Tuesday, episodes stream weekly"
    first = True
    for i in range(len(before) - 1, -1, -1):
        w, low = before[i], before[i].lower()
        prev = before[i - 1].lower() if i else ""
        nxt = before[i + 1].lower() if i + 1 < len(before) else ""
        if low == "set" and nxt in ("for", "to"):
            return True  # "set for Friday", not "from the set on Tuesday"
        if prev in ("be", "been", "being") and (RELEASE_WORDS.match(w) or PAST_RELEASE.match(w)):
            return True  # "It will be released on Friday"
        if low in _RELEASE_NOUN_WORDS and prev in _MODAL:
            return True  # "will return to BBC One on Sunday", "to premiere on PBS on Tuesday": a verb
        if OTHER_WORDS.match(w) or PAST_RELEASE.match(w) or PAST_VERB.match(w) or (
                low.endswith("ed") and not RELEASE_WORDS.match(w)):
            return False
        if low in _RELEASE_NOUN_WORDS:
            if first:
                return True
        elif RELEASE_WORDS.match(w) and low not in _NOT_GOVERNING:
            return True
        if not _WEEKDAY_SKIP.match(w):
            first = False
    return False


def _released_after(sentence: str, f: Found) -> bool:
    """The words after the expression say what it dates (a weekday that opens its clause, or any
    expression no word before it governs)."""
    for w in WORD.findall(sentence[f.end : f.end + 60])[:6]:
        if OTHER_WORDS.match(w) or PAST_RELEASE.match(w):
            return False
        if RELEASE_WORDS.match(w):
            return True
    return False


# A premiere named with a possessive: "its November premiere", "its Sundance premiere in January",
# "the show's premiere on November 4". Such a phrase dates a release; it is history when "since" or
# "after" leads it, a past verb follows it or governs it, or "last year" places it.
_POSSESSIVE = r"(?:(?i:its|their|his|her)|[A-Za-z][\w-]*['’]s?)"
_PREMIERE_NOUN = r"(?i:premieres?|debuts?|launch|release|bow|opening|run|arrival|finale|airing)"
_POSS_BEFORE = re.compile(r"\b" + _POSSESSIVE + r"\s+(?:[\w-]+\s+){0,2}?$")
_POSS_NOUN_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?" + _PREMIERE_NOUN + r"\b")
_POSS_NOUN_BEFORE = re.compile(
    r"\b" + _POSSESSIVE + r"\s+(?:[\w-]+\s+){0,2}?" + _PREMIERE_NOUN + r"\s+(?:(?i:on|in|of|at|from)\s+)?(?:the\s+)?$"
)
_HISTORY_LEAD = re.compile(r"\b(?i:since|after|following|post)\s+(?:[\w-]+\s+){0,1}?" + _POSSESSIVE + r"\s")
_HISTORY_TAIL = re.compile(
    r"^[\w\s-]{0,30}?\b(?i:last\s+(?:year|month|week|season|spring|summer|fall|autumn|winter)|earlier\s+this\s+"
    r"(?:year|month|week)|(?:a|one|two|three|several|few)\s+(?:\w+\s+)?(?:years?|months?|weeks?)\s+ago)\b"
)
# A past verb right after the phrase: "its January premiere drew 3 million viewers".
_PAST_AFTER = re.compile(
    r"^\s*(?:(?i:drew|was|were|had|got|won|saw|made|became|brought|took|went|set\s+a|broke|topped|hit|"
    r"earned|attracted|pulled|scored|garnered|averaged|delivered|racked|received|marked|reached|"
    r"left|gave|proved|became)|[a-z]+ed)\b"
)
_NOT_PAST_ED = re.compile(r"^\s*(?:scheduled|slated|dated|planned|expected|rumou?red|tipped|pegged|delayed|postponed)\b", re.I)
_PAST_IRREGULAR = re.compile(
    r"^(?:drew|won|got|saw|made|took|brought|earned|received|screened|wowed|impressed|garnered|attracted|"
    r"celebrated|walked|attended|did|went|became|held|had)$",
    re.IGNORECASE,
)


def _past_premiere(sentence: str, f: Found) -> bool:
    """`f` dates a premiere named with a possessive ("its November premiere") that the sentence puts in the past."""
    head = sentence[max(0, f.begin - 80) : f.begin]
    tail = sentence[f.end : f.end + 80]
    poss, noun = _POSS_BEFORE.search(head), _POSS_NOUN_AFTER.match(tail)
    if poss and noun:  # "its November premiere"
        phrase_start, phrase_end = f.begin - (len(head) - poss.start()), f.end + noun.end()
    else:
        m_after = _POSS_NOUN_BEFORE.search(head)  # "its premiere on November 4"
        if not m_after:
            return False
        phrase_start, phrase_end = f.begin - (len(head) - m_after.start()), f.end
    lead = sentence[max(0, phrase_start - 30) : phrase_start + 12]
    if _HISTORY_LEAD.search(lead):
        return True  # "since its November premiere", "after its June debut"
    rest = sentence[phrase_end : phrase_end + 60]
    if _HISTORY_TAIL.match(rest) or _HISTORY_TAIL.match(sentence[f.end : f.end + 60]):
        return True  # "at its Sundance premiere last year"
    if _PAST_AFTER.match(rest) and not _NOT_PAST_ED.match(rest):
        return True  # "its January premiere drew 3 million viewers"
    # The verb that governs the phrase: "the film drew raves at its Sundance premiere in January".
    words = WORD.findall(_clause_before(sentence, phrase_start))
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if FUTURE_WORD.match(w) or FUTURE_AUX.match(w) or re.match(r"^(?:ahead|before|until|for|sets?|gets?)$", w, re.I):
            return False
        if _PAST_IRREGULAR.match(w) or PAST_RELEASE.match(w) or PAST_VERB.match(w) and w.lower() not in (
            "announced", "confirmed", "revealed", "said", "told", "teased", "unveiled", "shared", "posted",
        ):
            return not (i and FUTURE_AUX.match(words[i - 1]))
    return False


# An offset ("in three weeks") dates the release only where a release verb governs it: "arrives in 3 weeks",
# "premieres on Netflix in two weeks", "In two weeks, the season premieres". A count of events before it
# ("the second attack in three weeks", "the first time in 6 weeks") makes it a span of those events.
_COUNTED = re.compile(
    r"\b(?i:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|another|latest|last|most|only|[a-z]+est)\s+"
    r"(?:[\w'’-]+\s+){0,4}?$"
)


_OFFSET_VERB = re.compile(
    r"^(?:premieres?|premiering|premiere|releases?|releasing|release|debuts?|debuting|debut|arrives?|arriving|"
    r"returns?|returning|return|drops?|dropping|drop|streams?|streaming|stream|airs?|airing|air|launch(?:es)?|"
    r"launching|lands?|landing|land|opens?|opening|open|bows?|bowing|bow|hits|hitting|hit|comes?|coming|come|"
    r"rolls?|rolling|roll|available|out|due|back)$",
    re.IGNORECASE,
)


def _offset_governed(sentence: str, f: Found) -> bool:
    clause = _clause_before(sentence, f.begin)
    words = WORD.findall(clause)
    if _COUNTED.search(clause[-50:]) and not (words and _OFFSET_VERB.match(words[-1])):
        return False
    if not words:
        # At the start of its clause: a release verb must follow ("In two weeks, the show premieres").
        after = WORD.findall(sentence[f.end : f.end + 60])[:6]
        return any(_OFFSET_VERB.match(w) and w.lower() not in ("out", "back", "due", "available") for w in after)
    # A release verb within four words before it, no other verb or noun of another event between.
    for w in reversed(words[-5:]):
        if OTHER_WORDS.match(w) or OTHER_NOUNS.match(w) or PAST_RELEASE.match(w):
            return False
        if _OFFSET_VERB.match(w):
            return True
    return False


def _past_clause(words: list[str]) -> bool:
    """The nearest verb before the expression is in the past, with nothing future after it."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if RELEASE_NOUNS.match(w) or re.match(r"^(?:theaters|theatres|cinemas|screens)$", w, re.I):
            continue  # nouns say nothing of tense
        if PAST_VERB.match(w) or PAST_RELEASE.match(w) or PAST_DEAL.match(w):
            return not (i and FUTURE_AUX.match(words[i - 1]))  # "will be released" is not past
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if w.lower() == "to" and (RELEASE_NOUNS.match(nxt) or nxt in ("series", "pilot")):
            continue  # "ordered it to series in May": a preposition, not a verb to come
        if w.lower() == "back" and nxt in ("in", "on") and any(PAST_VERB.match(v) or PAST_DEAL.match(v) for v in words[:i]):
            continue  # "earned a second season back in March": back then
        if FUTURE_WORD.match(w) or RELEASE_WORDS.match(w):
            return False
    return False


# A deal made: an order, a renewal, a pass (the nearest verb in the past dates the deal, not a release).
PAST_DEAL = re.compile(r"^(?:earned|got|gave|handed|passed|secured|received|landed|scored|nabbed|granted|awarded)$", re.I)


def _other_nearby(sentence: str, f: Found) -> bool:
    words = WORD.findall(_clause_before(sentence, f.begin))[-6:] + WORD.findall(sentence[f.end : f.end + 50])[:6]
    return any(OTHER_WORDS.match(w) or PAST_RELEASE.match(w) for w in words)
