"""Production events: renewed, ordered, filming, trailer, date announced, delayed, …

Each event type has cue patterns; a cue in a negated or planned-future clause
("has not been renewed", "filming is set to begin") does not count.
"""

from __future__ import annotations

import re

_MONTH_OR_YEAR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|(?:19|20)\d\d"
# Words that make "begins on …" a time, not a show: "Filming begins on Monday", "… on January 5".
_WHEN_WORD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|" + _MONTH_OR_YEAR + r"|The\s+(?:\d|First|Last)"

EVENT_CUES: dict[str, re.Pattern[str]] = {
    "renewed": re.compile(
        r"\b(?:renew(?:ed|s|al)|re-?upped|picked\s+up\s+for\s+(?:a\s+)?(?:\w+\s+)?(?:season|series)|"
        r"(?:gets|lands|scores|earns|secures)\s+(?:a\s+)?(?:speedy\s+|early\s+)?(?:season\s+\w+|\w+\s+season)\s+(?:renewal|order|pickup)|"
        r"(?:is|has\s+been)\s+(?:officially\s+)?(?:coming\s+back|returning)\s+for\s+(?:a\s+)?(?:\w+\s+)?season|"
        r"(?:gets?|getting|lands?|earns?|scores?|secures?)\s+(?:an?\s+)?(?:\w+\s+)?(?:season|series)(?!\s+order)|"
        r"rescued|saved\s+by|commissioned\s+(?:an?\s+)?(?:\w+\s+)?(?:season|series)|picked\s+(?:it\s+)?up\s+for\s+(?:a\s+)?(?:\w+\s+)?(?:season|series|third|second|fourth|fifth))\b",
        re.IGNORECASE,
    ),
    "ordered": re.compile(
        r"\b(?:(?:series|straight-to-series|pilot)\s+order|ordered|greenlit|green-?lit|green\s+light|greenlights?|"
        r"(?:is\s+|are\s+)?getting\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:reboot|revival|remake|series|spinoff|sequel|adaptation)|"
        r"picked\s+up\s+to\s+series|gets\s+(?:a\s+)?(?:series\s+)?order|officially\s+announced|in\s+development|"
        # "Peacock Orders 'Supernatural Academy' Animated Series", "HBO Orders Drama From …"
        r"orders\s+(?:[‘'\"“]|(?:[\w'’&:-]+\s+){0,5}?(?:series|pilot|show|drama|comedy|docuseries|sitcom|anime|"
        r"adaptation|reboot|revival|spinoff|spin-off|thriller)\b)|"
        r"in\s+the\s+works|has\s+been\s+commissioned|commissions|being\s+developed|to\s+develop|is\s+developing|"
        r"lands\s+(?:[\w-]+\s+){0,3}(?:show|series|docuseries)|"
        r"(?:series|show|anime|film|movie|spinoff|spin-off|sequel|adaptation|reboot|revival)\s+(?:officially\s+)?announced)\b",
        re.IGNORECASE,
    ),
    "cancelled": re.compile(
        r"\b(?:cancell?ed|cancels|axed|scrapped|shelved|not\s+be\s+renewed|won['’]t\s+be\s+renewed|pulled\s+the\s+plug|"
        r"not\s+moving\s+forward|won['’]t\s+move\s+forward|will\s+not\s+move\s+forward|"
        # "the comedy Comp Tickets will not return for a second season" (a show, not an actor, does not return)
        r"(?:series|show|comedy|drama|docuseries|sitcom|thriller|procedural|reality\s+show)\b[^.;]{0,80}?(?:will\s+not|won['’]t)\s+"
        r"(?:return|be\s+back|be\s+returning)\s+for\s+(?:a|another)\s+(?:\w+\s+)?(?:season|series))\b",
        re.I,
    ),
    "filming_started": re.compile(
        r"\b(?:(?:began|begun|started|starts|begins|kicked\s+off|kicks\s+off|commenced|underway|resumed)\s+"
        r"(?:\w+\s+)?(?:filming|production|shooting|principal\s+photography)|"
        r"(?:filming|production|shooting|principal\s+photography|cameras)\s+(?:has|have|officially)?\s*"
        r"(?:began|begun|started|kicked\s+off|commenced|is\s+underway|are\s+rolling|rolled|started\s+rolling|"
        # a headline's present tense names the show ("Production Begins On 'X' Season 3"); prose's names a
        # time to come ("filming begins in Budapest this month")
        r"(?:begins|starts|kicks\s+off|commences)(?=\s+(?:on|for)\s+(?:[‘'\"“]|(?!" + _WHEN_WORD + r")[A-Z]))|"
        r"is\s+now\s+underway|got\s+underway)|is\s+(?:now\s+)?(?:in|into)\s+production|(?:is\s+)?currently\s+filming|"
        r"(?:is|are)\s+(?:now\s+)?filming|now\s+filming|on\s+set|(?:has|have)\s+been\s+(?:filming|shooting)|"
        # "Filming on the second season began", "filming in Boyacá and Bogotá began"
        r"(?:filming|shooting|production)\s+(?:on|of|in|for)\s+[^.;,]{1,50}?\s+(?:has\s+|have\s+)?(?:began|begun|started|commenced|"
        r"got\s+underway|is\s+underway)|(?:a|the)\s+shoot\s+that\s+(?:began|started))\b",
        re.IGNORECASE,
    ),
    "filming_wrapped": re.compile(
        r"\b(?:wrapped\s+(?:\w+\s+)?(?:filming|production|shooting)|"
        # a shoot told in the past: "The drama was filmed in February at Pinewood", "Filming took place in Lagos"
        r"(?:was|were|has\s+been|had\s+been)\s+filmed\s+(?:[\w-]+\s+){0,3}?(?:in|at|on|over|between|during|last)\s|"
        r"(?:filming|shooting|production)\s+took\s+place|(?:filming|production|shooting)\s+(?:has\s+|have\s+|officially\s+)*"
        r"(?:wrapped|ended|finished|concluded|completed|(?:wraps|ends)(?=\s+(?:on|for)\s+(?:[‘'\"“]|(?!" + _WHEN_WORD
        + r")[A-Z])))|wraps\s+(?:filming|production|shooting)|"
        r"(?:has|have)\s+wrapped|it['’]s\s+a\s+wrap|production\s+has\s+wrapped|"
        r"(?:finished|completed|wrapped\s+up)\s+(?:\w+\s+)?(?:filming|shooting|production|principal\s+photography)|"
        # "Filming on the second season of X has wrapped", "Filming of season two finished"
        r"(?:filming|shooting|production)\s+(?:on|of|in|for)\s+[^.;,]{1,60}?\s+(?:has\s+|have\s+)?(?:wrapped|finished|ended|"
        r"concluded|completed))\b",
        re.IGNORECASE,
    ),
    "trailer_released": re.compile(
        r"\b(?:(?:trailer|teaser|first\s+look|promo),?\s+(?:\w+\s+){0,3}?(?:released|dropped|drops|debuted|debuts|arrived|arrives|"
        r"is\s+here|is\s+out|unveiled|revealed|landed|lands|shows|reveals|teases|offers|features|came\s+out|went\s+live|"
        r"went\s+up|is\s+live|followed|was\s+shown|was\s+screened|screened)|(?:got|gets|with)\s+(?:a|an|its)\s+(?:\w+\s+)?(?:trailer|teaser)\b|"
        r"(?:released|dropped|drops|debuted|debuts|unveiled|unveils|shared|shares|releases|reveals|revealed|"
        r"rolls\s+out|rolled\s+out)\s+(?:a|an|the|its|their|his|her)?\s*(?:\w+\s+){0,3}?(?:trailer|teaser)|"
        r"official\s+(?:trailer|teaser)|(?:new|first|final|latest|official)\s+(?:\w+\s+)?(?:trailers?|teasers?)|"
        r"(?:teaser|trailer|promo|preview)s?(?:\s+trailer|\s*#\d+)?\s*(?:\||$)|"
        r"(?:^|\|\s*)(?:[\w ]+\s)?(?:trailer|teaser)\s*(?:\||$))"
        # "'X' Trailer Has …", also after a title ending in a stop ("'Magnum P.I.' Trailer")
        r"|(?<=[\w.!?])[’'”\"]\s+(?:[\w-]+\s+){0,3}(?:Trailer|Teaser)s?\b",
        re.IGNORECASE,
    ),
    "date_announced": re.compile(
        r"\b(?:(?:announced|set|sets|revealed|reveals|confirmed|confirms|unveiled|unveils|gets|got|lands|landed|"
        r"locks|locked|has|finally\s+has)\s+(?:a|an|the|its|their)?\s*(?:official\s+)?(?:\w+\s+)?(?:premiere|release|launch|debut|return)\s+dates?|"
        r"(?:premiere|release|launch|debut)\s+date\s+(?:has\s+been\s+|was\s+|is\s+)?(?:announced|set|revealed|confirmed|unveiled)|"
        r"dated\s+for|date\s+announcement)\b",
        re.IGNORECASE,
    ),
    "delayed": re.compile(
        r"\b(?:delay(?:ed|s)?|postpone(?:d|s)?|pushed\s+(?:back|to|into|from)|moved\s+(?:back|to\s+a\s+later)|"
        r"bumped\s+(?:back|to)|shifted\s+(?:back|to)|slipped\s+to|setback|off\s+the\s+schedule|pulled\s+from\s+the\s+schedule|"
        # a slot given up: "moved its crime series out of its July slot", "moves out of Diwali", "pulled from this Ramadan"
        r"mov(?:ed|es)\s+(?:[\w'’]+\s+){0,6}?out\s+of\s+(?:(?:its|their|the|this|a)\s+)?(?:[\w'’-]+\s+)?(?:slot|window|date|"
        r"(?i:summer|spring|fall|autumn|winter|holiday|christmas|diwali|eid|ramadan|thanksgiving|easter|sankranti|"
        r"january|february|march|april|may|june|july|august|september|october|november|december))|"
        r"pulled\s+(?:from|out\s+of)\s+(?:this|the|its|their)\s+(?!schedule))\b",
        re.IGNORECASE,
    ),
    "premiered": re.compile(
        r"\b(?:premiered|debuted|is\s+now\s+streaming|now\s+streaming|arrived\s+on|dropped\s+on|launched\s+on|"
        r"opened\s+(?:in\s+)?(?:theaters|theatres|cinemas)|(?:opening|debut)\s+weekend)\b",
        re.I
    ),
}
# A show saved after its cancellation: "Is Coming Back Just One Year After Being Canceled", "finds a new
# home after Fox canceled it". The cancellation is history there; the news is the return.
REVIVAL = re.compile(
    r"\b(?:coming\s+back|comes\s+back|is\s+back|revived|revives|revival|rescued|saved|resurrected|"
    r"finds?\s+(?:a\s+)?new\s+(?:\w+\s+)?home|new\s+(?:tv\s+|streaming\s+|network\s+)?home|picked\s+up\s+by|picks\s+up)\b",
    re.IGNORECASE,
)
# A rescue on its own says the show goes on elsewhere ("'Brooklyn Nine-Nine' Finds New TV Home"):
# a renewal, and any cancellation the article tells of is what it was rescued from.
RESCUE = re.compile(
    r"\b(?:finds?\s+(?:a\s+)?new\s+(?:\w+\s+)?home|picked\s+up\s+by|rescued\s+by|saved\s+by|revived\s+by)\b",
    re.IGNORECASE,
)
# A date said to be announced in other words, where the sentence names a date: "set a Thursday, July 21
# premiere date", "Confirms November Premiere", "has dated the new season for Feb. 13", "locks January 13",
# "announced on Monday that the romance will premiere on Saturday, November 2", "…, the streamer confirmed".
_TIME_OF_YEAR = (
    r"(?i:spring|summer|fall|autumn|winter|christmas|holiday|thanksgiving|halloween|easter|diwali|new\s+year['’]s|mid-\w+|early|late)|"
    r"[A-Z][a-z]+['’]s\s+Day"
)
_WHEN = _MONTH_OR_YEAR + r"|\d{1,2}(?:st|nd|rd|th)?|" + _TIME_OF_YEAR  # a day number counts only beside the verb
DATE_SAID = re.compile(
    r"\b(?:(?i:announced|announces|set|sets|revealed|reveals|confirmed|confirms|unveiled|unveils|locks|locked|lands|landed)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w,.'’-]+\s+){0,1}?(?:" + _WHEN + r")[\s,.\w]{0,20}?\s(?i:premiere|release|launch|debut|"
    r"opening|return|date|bow)\b|(?i:has\s+|have\s+)?(?i:dated)\s+(?i:the|its|it)\s+(?:[\w-]+\s+){0,3}?(?i:for|to)\s|"
    r"(?i:locks?|locked|lands?|landed)\s+(?:" + _WHEN + r")|"
    r"(?i:announced|confirmed|revealed)\s+(?:(?:on|in)\s+\w+\s+|\w+\s+)?that\s+[^.;]{0,100}?\b(?i:premieres?|premiering|debuts?|"
    r"opens?|arrives?|launch(?:es)?|will\s+(?:premiere|debut|open|arrive|launch|be\s+released))\b|"
    r",\s+(?!(?i:first\s+look|new\s+trailer|trailer|teaser|poster))(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?i:confirmed|announced|revealed)(?:\s+(?:on|in)\s+\w+|\s+at\s+the\s+\w+)?[.;]?$)"
)
DATE_IN = re.compile(r"\b(?:" + _MONTH_OR_YEAR + "|" + _TIME_OF_YEAR + r")\b")
PAST_CLAUSE = re.compile(r"\b(?:after|since|when|once|following|despite)\s+(?:[\w'’]+\s+){0,3}$|\b(?:was|were|had\s+been)\s+$", re.I)
NEGATION = re.compile(r"\b(?:not|n['’]t|no|never|yet\s+to|whether|if|rumou?rs?|despite)\b[^.;,]{0,40}$", re.IGNORECASE)
PLANNED = re.compile(r"\b(?:will|to|set\s+to|expected\s+to|scheduled\s+to|plans?\s+to|planned|aims?\s+to|is\s+due\s+to|later)\s+(?:\w+\s+){0,2}$", re.I)


def find_events(sentence: str) -> list[tuple[str, int]]:
    """(event type, position) for each production event the sentence states."""
    out: list[tuple[str, int]] = []
    for kind, rx in EVENT_CUES.items():
        for m in rx.finditer(sentence):
            head = sentence[max(0, m.start() - 60) : m.start()]
            if NEGATION.search(head) and kind != "delayed":
                continue
            if kind in ("filming_started", "trailer_released", "premiered") and PLANNED.search(head):
                continue
            if kind == "trailer_released" and re.search(r"\b(?:will|would|to\s+be|set\s+to|expected|due)\b", m.group(0), re.I):
                continue  # "The trailer will be released next month": still to come
            out.append((kind, m.start()))
            break
    if not any(k == "date_announced" for k, _ in out) and DATE_IN.search(sentence):
        said = DATE_SAID.search(sentence)
        if said and not NEGATION.search(sentence[max(0, said.start() - 60) : said.start()]):
            out.append(("date_announced", said.start()))
    if any(k == "renewed" for k, _ in out):
        out = [(k, p) for k, p in out if k != "ordered"]
    cancel = next((p for k, p in out if k == "cancelled"), None)
    revival = REVIVAL.search(sentence)
    if cancel is not None and revival and PAST_CLAUSE.search(sentence[max(0, cancel - 40) : cancel]):
        out = [(k, p) for k, p in out if k != "cancelled"]
        if not any(k in ("renewed", "ordered") for k, _ in out):
            out.append(("renewed", revival.start()))
    elif cancel is not None:
        out = [(k, p) for k, p in out if k not in ("renewed", "ordered")]
    elif (rescue := RESCUE.search(sentence)) and not any(k in ("renewed", "ordered") for k, _ in out):
        if not NEGATION.search(sentence[max(0, rescue.start() - 60) : rescue.start()]):
            out.append(("renewed", rescue.start()))
    return out
