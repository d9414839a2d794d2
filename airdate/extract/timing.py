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
    r"success|hit|speculation|olympics|election|anniversary|birthday|wedding|trial|hearing|sentencing)$",
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
REPLACED = re.compile(
    r"(?:\b(?:moved|moves|pushed|shifted|bumped|delayed|postponed|changed|rescheduled|moving|pushing|slid|slipped)"
    r"(?:\s+[\w’']+){0,8}?\s+from\s+(?:the\s+|its\s+|an?\s+)?|\binstead\s+of\s+(?:the\s+|an?\s+)?|"
    r"\boriginally\s+(?:\w+\s+){0,4}?(?:for|on|in)\s+(?:the\s+|an?\s+)?|\bpreviously\s+(?:\w+\s+){0,4}?(?:for|on|in)\s+(?:the\s+|an?\s+)?|"
    r"\b(?:was|had\s+been|were)\s+(?:originally\s+|initially\s+|first\s+)?(?:set|scheduled|slated|dated|due|planned|expected|meant)\s+"
    r"(?:to\s+\w+\s+)?(?:for|on|in)\s+(?:the\s+|an?\s+)?|\b(?:original|initial|previous|earlier|former)\s+"
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


def _governed_by_release(sentence: str, f: Found) -> bool:
    """Look at the words around the expression for what it dates."""
    if any(RELEASE_WORDS.match(w) and not OTHER_WORDS.match(w) for w in WORD.findall(f.text)):
        return True  # "unlikely to arrive before 2027": the operator carries the verb
    after = WORD.findall(sentence[f.end : f.end + 40])[:2]
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
    for w in WORD.findall(sentence[f.end : f.end + 60])[:6]:
        if OTHER_WORDS.match(w) or PAST_RELEASE.match(w):
            return False
        if RELEASE_WORDS.match(w):
            return True
    return False


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
        if REPLACED.search(head):
            out.append(WindowClaim(f, True))
            continue
        if f.unit in ("weekday", "relative") and REPORTING.search(head):
            continue  # the date of the announcement, not of the release
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
        if _governed_by_release(sentence, f) or (loose and not _other_nearby(sentence, f)):
            out.append(WindowClaim(f, False))
    return out


def _past_clause(words: list[str]) -> bool:
    """The nearest verb before the expression is in the past, with nothing future after it."""
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if RELEASE_NOUNS.match(w) or re.match(r"^(?:theaters|theatres|cinemas|screens)$", w, re.I):
            continue  # nouns say nothing of tense
        if PAST_VERB.match(w) or PAST_RELEASE.match(w):
            return not (i and FUTURE_AUX.match(words[i - 1]))  # "will be released" is not past
        if FUTURE_WORD.match(w) or RELEASE_WORDS.match(w):
            return False
    return False


def _other_nearby(sentence: str, f: Found) -> bool:
    words = WORD.findall(_clause_before(sentence, f.begin))[-6:] + WORD.findall(sentence[f.end : f.end + 50])[:6]
    return any(OTHER_WORDS.match(w) or PAST_RELEASE.match(w) for w in words)
