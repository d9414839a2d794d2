"""How sure a sentence is: confirmed, reported or speculated (spec: "Certainty").

The rules, in order: an attribution to other outlets or unnamed sources makes a claim
`reported`, even when hedged; otherwise a hedge makes it `speculated`, unless the hedge
is the on-record source's own (inside a quotation, or first person); otherwise the
sentence states a settled fact or an official announcement: `confirmed`.
"""

from __future__ import annotations

import re

from airdate.models import Certainty

OUTLETS = (
    r"Deadline|Variety|The\s+Hollywood\s+Reporter|Hollywood\s+Reporter|THR|TVLine|TV\s+Line|Collider|"
    r"The\s+Wrap|TheWrap|Entertainment\s+Weekly|EW|Soompi|Screen\s+Rant|ScreenRant|IndieWire|Vulture|"
    r"Forbes|Bloomberg|Puck|Radio\s+Times|The\s+Sun|Daily\s+Mail|Express|Metro|Korean\s+media|"
    r"What['’]s\s+on\s+Netflix|Naver|Star\s+News|Sports\s+Chosun|Newsen|OSEN|xportsnews|Ilgan\s+Sports|"
    r"Bleeding\s+Cool|Giant\s+Freakin\s+Robot|Murphy['’]s\s+Multiverse|Production\s+Weekly|Omega\s+Underground"
)

REPORTED = re.compile(
    r"\b(?:reports?\s+(?:suggest|say|said|claim|indicate|state|hint|disagree|differ|vary)|the\s+reports|reportedly|(?:it\s+is|it['’]s)\s+reported|"
    r"according\s+to|per\s+(?:a\s+)?(?:report|sources?|insiders?|" + OUTLETS + r")|"
    r"sources?\s+(?:say|said|claim|close|told|tell|familiar)|insiders?|industry\s+(?:sources?|chatter|insiders?)|"
    r"rumou?r(?:s|ed)?|tipped\s+(?:for|to)|(?:is|are|was|were)\s+said\s+to|leak(?:s|ed)?|scoop|"
    r"(?:" + OUTLETS + r")\s+(?:reports?|reported|has\s+learned|understands|revealed|claims?|says|said|notes)|"
    r"(?:has|have)\s+learned|it\s+is\s+understood|word\s+is|buzz\s+(?:is|says)|whispers)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    # "What Could Have Been": what did not happen, no hedge on what will.
    r"\b(?:(?:could|might)(?!\s+have\s+been\b)|(?-i:may)|likely|unlikely|possibly|possible|probably|perhaps|potentially|presumably|"
    r"expected|expect|expects|predict(?:ed|s)?|guess|estimate[ds]?|(?:is|are|was|it['’]s)\s+speculated|assum\w*|"
    r"best[-\s]case|if\s+(?:it|the\s+(?:show|series|film|season)|netflix|production|all\s+goes|things)|"
    r"should\s+(?:arrive|land|return|premiere|debut|drop|be)|would\s+(?:arrive|land|return|put|mean|be|"
    r"premiere|debut|follow)|hopefully|hope|around\s+the\s+same\s+time|seems|appears\s+to|looks\s+like|"
    r"on\s+track|could\s+see|tentative(?:ly)?|fans\s+(?:think|believe|hope))\b",
    re.IGNORECASE,
)
WRITER_VOICE = re.compile(r"\b(?:we\s+(?:expect|think|predict|guess|reckon|imagine|estimate|suspect|believe)|our\s+(?:guess|prediction|bet|money))\b", re.IGNORECASE)
BACKSHIFT = re.compile(r"\b(?:said|announced|confirmed|revealed|told|stated|promised|noted)\b", re.IGNORECASE)
QUOTED = re.compile(r"[\"“][^\"”]{3,400}[\"”]")


def classify(sentence: str) -> Certainty:
    """The certainty of a claim stated in `sentence`."""
    if REPORTED.search(sentence):
        return "reported"
    if WRITER_VOICE.search(sentence):
        return "speculated"
    outside = _outside_quotes(sentence)
    hedge = HEDGE.search(outside)
    if hedge and hedge.group(0).lower().startswith("would") and BACKSHIFT.search(outside[: hedge.start()]):
        hedge = HEDGE.search(outside, hedge.end())  # "Netflix said it would return": reported speech, not a hedge
    if hedge:
        return "speculated"
    # What is left is settled fact, an announcement, or the on-record source's own
    # hedge inside a quotation ("we're aiming for summer"), which stays their statement.
    return "confirmed"


def _outside_quotes(sentence: str) -> str:
    return QUOTED.sub(" ", sentence)
