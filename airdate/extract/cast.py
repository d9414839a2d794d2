"""Cast: actor → character pairs and their status, from phrasing patterns.

spaCy's small English NER labels romanized Korean names as WORK_OF_ART or ORG ("Nam
On-jo", "Choi Nam-ra"), so the pairs stand on phrasing ("X returns as Y", "X (Y)",
"Y, played by X", cast lists) over a name shape that accepts hyphenated given names,
particles and apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from airdate.extract.platforms import GAZETTEER

# Platform names and their possessives are never people or roles.
PLATFORM_NAMES = frozenset(
    form for names in GAZETTEER.values() for n in names for form in (n, n + "'s", n + "’s")
)
UP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
LOW = r"[a-zà-öø-ÿā-ž]"
# A name word; an apostrophe inside it ("O'Brien", "D’Onofrio") but not a possessive "'s".
TOKEN = UP + r"(?:" + LOW + r"|[A-Z])*(?:(?:-|['’](?![sS]\b))" + UP + r"?" + LOW + r"+(?:" + UP + LOW + r"+)?)*(?:\.|(?![a-zà-ÿ]))"
PARTICLE = r"(?:de|da|del|della|der|van|von|di|du|la|le|bin|al|dos|das|ter|den)"
NAME = r"(?:" + TOKEN + r")(?:\s+(?:" + PARTICLE + r"\s+){0,2}(?:" + TOKEN + r")){0,3}(?:,?\s+Jr\.|\s+I{2,3})?"
# Characters may carry a rank or a "the": "Captain Jean Reyes", "Lee Su-hyeok", "the Mandalorian".
ROLE = r"(?:the\s+)?" + NAME

# A role's noun after a word in capitals that qualifies it: "Interpol agent Simone Farrow", "MI6 analyst …".
ROLE_NOUN = (r"(?:agent|officer|detective|inspector|analyst|doctor|nurse|lawyer|attorney|chef|reporter|journalist|"
             r"soldier|spy|operative|cop|commander|pilot|scientist|captain|sergeant|constable|guard|ranger|priest|judge)")
# An actor's age may follow the name: "Maren Castellano, 41, as a night nurse named June".
A = r"(?P<a>" + NAME + r")(?!\d)(?:,\s+\d{1,2},(?=\s))?"
AS = r"(?:as|As)"
ADV = r"(?:(?i:officially|also|finally|reportedly|now|will\s+also)\s+)?"
C0 = r"(?![A-Z]{2,}\b)(?P<c>" + ROLE + r")(?![’']s\b|\d|[A-Z0-9]|\s+[a-z]+['’]s\b|\s+" + ROLE_NOUN + r"\s+" + UP + r")"
# What may stand between "as" and the role's name: "as rival auditor Ha Ji-won", "as his
# handler, Margaux", "as Amos's long-lost sister, Ruth", "as MI6 analyst Cressida Vale".
DESC = (
    r"(?:(?:(?!well\b|soon\b|long\b|much\b|far\b|part\b|such\b|of\b|if\b|though\b|a\s+result\b|"
    r"(?:who|which|that|to|in|at|on|from|with|for|by|and|or|but|is|are|was|were|has|have|had|will|would|"
    r"when|where|while|after|before|into|about)\b)"
    r"(?:the|a|an|his|her|their|its|[a-z][a-z'’-]*|" + UP + r"\w*['’]s|" + UP + r"[a-z]+(?=\s+[a-z]+['’]s\b)|"
    + UP + r"[a-z]+(?=\s+" + ROLE_NOUN + r"\s+" + UP + r")|"
    r"[A-Z]{2,}\d*),?\s+){0,5}?)"
)
C = DESC + C0
# Before an actor: "veteran character actor X", "French star X", "idol-turned-actor X".
NOT_DESC = r"(?!\s+(?:star|actor|actress|newcomer|singer|comedian|rapper|idol)\b)"
ADESC = r"(?:(?:[a-z][a-z'’-]*|[A-Z][a-z]+(?=\s+(?:star|actor|actress|newcomer|singer|comedian|rapper|idol)\b))\s+){0,4}?"
V = r"(?i:{})"

RETURN_AS = V.format(
    r"(?:also\s+|will\s+also\s+)?(?:returns|returning|will\s+return|is\s+returning|is\s+set\s+to\s+return|"
    r"is\s+(?:also\s+)?back|comes\s+back|will\s+be\s+back|is\s+coming\s+back|returned|back)"
)
REPRISE = V.format(
    r"(?:also\s+)?(?:reprises|will\s+reprise|is\s+reprising|is\s+set\s+to\s+reprise|to\s+reprise|reprising)\s+"
    r"(?:his|her|their)\s+roles?"
)
CONTINUE = V.format(
    r"(?:is|are)\s+(?:also\s+)?(?:expected|set|slated|likely|poised|tipped|said|rumou?red|reported|understood|"
    r"confirmed)\s+to\s+(?:continue|return|reprise\s+(?:his|her|their)\s+role|be\s+back)|"
    r"will\s+(?:continue|be\s+back)|continues"
)
NEW_AS = V.format(
    r"cast|(?:has\s+been|was|is|been|is\s+being|will\s+be)\s+cast|(?:has\s+)?joined\s+(?:the\s+)?(?:cast|ensemble)?|"
    r"joins(?:\s+the\s+(?:cast|ensemble))?|is\s+joining(?:\s+the\s+(?:cast|ensemble))?|will\s+join(?:\s+the\s+cast)?|"
    r"(?:is\s+)?set\s+to\s+(?:join|play|star)|will\s+(?:play|star)|to\s+play|to\s+star|signs?\s+on|"
    r"has\s+signed\s+on|comes\s+aboard|boards|lands\s+(?:the\s+)?role|newcomer|new\s+addition|"
    r"steps\s+in|takes\s+over"
)
PLAYS = V.format(
    r"plays|played|portrays|portrayed|stars\s+as|starring\s+as|voices|will\s+voice|is\s+playing|leads\s+as|"
    r"will\s+lead\s+as|is\s+playing|is\s+voiced\s+by|playing"
)
LEAVE = V.format(
    r"(?:has\s+been\s+|was\s+|been\s+)?(?:sacked|fired|axed|ousted|dropped|written\s+out)|will\s+not\s+(?:return|be\s+returning|be\s+back|reprise)|won['’]t\s+(?:return|be\s+returning|be\s+back|reprise)|"
    r"is\s+(?:not\s+returning|leaving|exiting|departing)|has\s+(?:left|exited|departed|quit)|exits|departs|quits|leaves|"
    r"will\s+(?:exit|leave|depart)|is\s+out|has\s+stepped\s+down"
)
JOIN = V.format(
    r"joins|joined|has\s+joined|is\s+joining|will\s+join|joining|to\s+join|set\s+to\s+join|added\s+to|"
    r"has\s+been\s+added\s+to|is\s+added\s+to|rounds\s+out"
)

PAIR_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(A + r",?\s+" + ADV + RETURN_AS + r"(?:\s+for\s+(?:a|the)\s+\w+\s+time|\s+for\s+(?:season|series)\s+\w+)?\s+"
                + AS + r"\s+" + C), "returning"),
    (re.compile(A + r"['’]s?\s+" + V.format(r"return|comeback|homecoming") + r"\s+" + AS + r"\s+" + C), "returning"),
    (re.compile(A + r",?\s+" + ADV + REPRISE + r"\s+(?:as|As|of)\s+" + C), "returning"),
    (re.compile(A + r",?\s+" + CONTINUE + r"\s+" + AS + r"\s+" + C), "returning"),
    (re.compile(A + r",?\s+" + LEAVE + r"(?:\s+(?:the\s+)?(?:show|series|role|cast))?\s+" + AS + r"\s+" + C), "leaving"),
    (re.compile(A + r",?\s+" + V.format(r"won['’]t|will\s+not|is\s+not|isn['’]t") + r"\s+" + V.format(r"voice|play|reprise|portray") + r"\s+" + C), "leaving"),
    (re.compile(A + r",?\s+" + ADV + r"(?:" + NEW_AS + r")(?:\s+(?:the\s+)?(?:series|show|season\s+\w+|film|sequel|drama|role))?\s+" + AS + r"\s+" + C), "new"),
    (re.compile(A + r",?\s+" + V.format(r"will\s+play|is\s+set\s+to\s+play|to\s+play|has\s+been\s+cast\s+to\s+play") + r"\s+" + C), "new"),
    # "has joined Netflix's action film Blacklight Run as Interpol agent Simone Farrow": the project between
    (re.compile(A + r",?\s+" + V.format(r"has\s+joined|joins|will\s+join|is\s+joining|has\s+been\s+cast\s+in|boards|is\s+set\s+to\s+join")
                + r"\s+(?:(?:the|a|an)\s+)?(?:(?:" + UP + r"[\w+]*\s+){0,2}" + UP + r"[\w+]*['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}(?:" + TOKEN + r"[:,]?\s+|of\s+|the\s+){1,6}?"
                + AS + r"\s+" + C), "new"),
    # "spent three months training … for the role of constable Vikram Salve"
    (re.compile(A + r",?\s+[^.;:]{0,100}?\b(?:for|into)\s+the\s+(?:\w+\s+)?role\s+of\s+" + C), "unknown"),
    (re.compile(A + r",\s+who\s+" + PLAYS + r"\s+" + C), "unknown"),
    (re.compile(A + r"\s+" + PLAYS + r"\s+" + C), "unknown"),
    (re.compile(C0 + r",?\s+(?:(?:is|are|will\s+be)\s+)?" + V.format(r"played|portrayed|voiced") + r"(?:\s+once\s+again)?\s+by\s+" + ADESC + A + NOT_DESC), "unknown"),
    (re.compile(A + r",\s+whose\s+character\s+" + C0), "unknown"),
    (re.compile(A + r",?\s+" + ADV + RETURN_AS + r"\s+" + AS + r"\s+(?:the\s+)?voice\s+of\s+" + C), "returning"),
    (re.compile(C0 + r"\s+\(" + V.format(r"played\s+by") + r"\s+" + A + r"\)"), "unknown"),
    (re.compile(V.format(r"returning|back|new") + r"\s+" + AS + r"\s+" + C + r"\s+(?:is|will\s+be)\s+" + ADESC + A), "returning"),
    (re.compile(A + r"\s+\((?:as\s+)?" + C0 + r"\)"), "unknown"),
    (re.compile(r"(?<!such )(?<!known )(?<!well )(?<!same )" + A + r"\s+" + AS + r"\s+" + C), "unknown"),
    # "Ifeoma Nwachukwu-Daniels is Kemi, the middle daughter": a cast list's "is".
    (re.compile(A + r"\s+is\s+" + C0 + r",\s+(?:the|a|an|his|her|their)\s+[a-z]"), "unknown"),
    # "Gareth Oyenuga-Hale is the skeptical priest, Father Michael Trevail"
    (re.compile(A + r"\s+is\s+(?:the|a|an|his|her|their)\s+(?!(?:[\w'’-]+\s+){0,2}(?:creator|co-creator|showrunner|director|writer|producer|author|host)\b)"
                r"(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*,\s+" + C0), "unknown"),
    # "Jin Ha-neul takes on the role of Do-hyun", "lands the role of"
    (re.compile(A + r",?\s+" + V.format(r"takes\s+on|will\s+take\s+on|takes\s+over|lands|plays|has\s+landed|landed|won")
                + r"\s+the\s+(?:\w+\s+)?role\s+of\s+" + C), "new"),
    # "Dev Chaudhry-MacLeod, best known for the comedy Flat Whites, plays a marine biologist, Ravi Kapoor"
    (re.compile(A + r",\s+(?:best\s+known|known|famous)\s+for\s+[^,;]{1,80},\s+" + PLAYS + r"\s+" + C), "unknown"),
    # "Brie Larson's Carol Danvers", "Will Smith's Genie": a person's role, named as theirs.
    (re.compile(r"(?P<a>" + TOKEN + r"(?:\s+" + TOKEN + r"){1,2})['’]s\s+(?P<c>" + TOKEN + r"(?:\s+" + TOKEN + r"){0,2})(?=[\s;,.:!?)]|$)(?!\s+(?:[A-Z]|\())"), "unknown"),
]
POSSESSIVE_PAIR = PAIR_PATTERNS[-1][0]
PAREN_PAIR = next(rx for rx, _ in PAIR_PATTERNS if rx.pattern.startswith(A + r"\s+\("))
SOLO_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(A + r"\s+" + V.format(r"joins?|has\s+joined|is\s+joining|will\s+join|boards|signs\s+on\s+(?:to|for)|set\s+to\s+star|to\s+star|cast\s+in|to\s+recur|set\s+to\s+recur|(?:set\s+)?to\s+guest[\s-]+star|will\s+guest[\s-]+star|guest[\s-]+stars|among|round\s+out|rounds\s+out") + r"\b"), "new"),
    (re.compile(A + r",?\s+(?:is\s+|are\s+)?" + ADV + V.format(r"returning|returns|will\s+return|set\s+to\s+return|to\s+return|back") + r"\s+(?:for|to|in)\b(?!\s+(?i:direct|animate|write|produce|helm|score|compose|pen|run|oversee)\b)"), "returning"),
    (re.compile(A + r"\s+" + V.format(r"(?:is|are)\s+(?:also\s+)?(?:expected|set|due|said|tipped|confirmed)\s+(?:to\s+be\s+)?back")), "returning"),
    (re.compile(A + r"\s+" + V.format(r"starring|stars\s+in|to\s+star\s+in|will\s+star\s+in|leads") + r"\b"), "unknown"),
    (re.compile(A + r"['’]s?\s+" + V.format(r"exit|departure|firing|ouster")), "leaving"),
    (re.compile(A + r",\s+who\s+(?:was|has\s+been|had\s+been)\s+(?:written\s+out|killed\s+off|fired|let\s+go)"), "leaving"),
    (re.compile(A + NOT_DESC + r"\s+" + V.format(r"plays|portrays|voices|stars\s+as|leads\s+as|as") + r"\s+(?:the|a|an|his|her|their)\s+[a-z]"), "unknown"),
    (re.compile(A + r"['’]s\s+" + V.format(r"performance|portrayal|turn|casting|transformation") + r"\b"), "unknown"),
    (re.compile(A + NOT_DESC + r"\s+" + V.format(r"is\s+back|are\s+back|returns|will\s+return") + r"\s+as\s+(?:the|a|an|his|her|their)\s+[a-z]"), "returning"),
    (re.compile(A + r"\s+" + V.format(r"will\s+take\s+on|takes\s+on|is\s+taking\s+on|takes\s+over|will\s+take\s+over|is\s+taking\s+over|steps\s+into")), "new"),
    (re.compile(A + r"(?:,?\s+and\s+more)?\s+" + V.format(r"star\s+in|are\s+coming\s+back|are\s+returning|are\s+back|return\s+for|come\s+back")), "unknown"),
    (re.compile(A + r",?\s+" + LEAVE), "leaving"),
    (re.compile(A + r",?\s+(?:" + JOIN + r")\s+(?:the\s+)?(?:cast|ensemble|lineup|series|show|season|film|sequel)"), "new"),
    (re.compile(A + r"\s+" + V.format(r"joining\s+the\s+cast|has\s+been\s+cast|was\s+cast|is\s+cast|boards|signs\s+on")), "new"),
]
LIST_TRIGGER = re.compile(
    r"\b(?i:(?:returning\s+)?cast\s+(?:also\s+)?(?:includes?|including|features?|members?\s+include|is\s+led\s+by)|"
    r"starring|also\s+stars?|co-?stars?|stars|ensemble\s+(?:includes?|features?)|alongside|joined\s+by|"
    r"newcomers?\s+(?:include|are)|new\s+cast\s+members?\s+(?:include|are)|returning\s+(?:stars?|cast(?:\s+members?)?)\s+(?:include|are)|"
    r"(?:the\s+)?cast\s*:|lead\s+actors?|returnees?\s+include|adds?(?:\s+\w+)?\s+to\s+(?:its\s+|the\s+)?cast,?|"
    r"casts|adds|taps|enlists|recruits|nabs|books|ropes\s+in)\s*:?\s+"
)
CHARACTER_TRIGGER = re.compile(
    r"\b(?i:characters?\s+(?:including|includes?|such\s+as|like)|characters?\s*:|roles?\s+(?:of|including))\s+"
)
LIST_ITEM = re.compile(
    r"(?:(?:[a-z-]*(?:actor|actress|star|newcomer|veteran|comedian|singer|rapper|idol|alum)|veteran|newcomer)\s+){0,2}"
    + A + r"(?:\s+\((?:as\s+)?" + C0 + r"\)|\s+as\s+" + C.replace("?P<c>", "?P<c2>") + r")?"
)
ROLE_RX = re.compile(C)
LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*)")
COORDINATED = re.compile(A + r"\s*(?:,|&|\b[Aa]nd\b)\s*$")
PAIRED = re.compile(
    A + r"\s+(?:and|&)\s+" + A.replace("?P<a>", "?P<b>") + r",?\s+" + V.format(
        r"(?:are\s+(?:both\s+|also\s+)?(?:set|expected|confirmed)\s+to\s+|will\s+(?:both\s+)?)?(?:return|reprise\s+their\s+roles|"
        r"star|play)|are\s+(?:both\s+)?back|return|reprise\s+their\s+roles|star|play|co-?star")
    + r"\s+" + AS + r"\s+" + C
    # "star as Cha Eun-ho, a pharmacist on the ninth floor, and Ha Seol-mi": an aside after the first role
    + r"(?:,\s+(?:a|an|the|his|her|their)\s+[^,;]{1,90},)?\s+(?:and|&)\s+" + C0.replace("?P<c>", "?P<d>")
)
# "Olivia Colman and Helena Bonham Carter playing Queen Elizabeth II and Princess Margaret, respectively"
RESPECTIVELY = re.compile(
    A + r"\s+(?:and|&)\s+" + A.replace("?P<a>", "?P<b>") + r",?\s+"
    + V.format(r"playing|play|portraying|portray|will\s+play|star\s+as|starring\s+as|as")
    + r"\s+" + C0 + r"\s+(?:and|&)\s+" + C0.replace("?P<c>", "?P<d>") + r",?\s+respectively\b"
)
# A headline that opens on the title: "In 'Uncle Frank,' Paul Bettany Embarks …",
# "In Netflix's 'The Prom,' Meryl Streep And James Corden Sing Out …". Two-word names
# only: in title case the verb after a name is capitalized too.
PAIR_NAME = r"(?:" + TOKEN + r")\s+(?:" + TOKEN + r")"
HEADLINE_LEAD = re.compile(
    r"^In\s+(?:" + UP + r"\w*(?:\+)?['’]s\s+)?['‘\"“][^'’\"”]{2,80}?,?['’\"”],?\s+"
    r"(?P<a>" + PAIR_NAME + r")(?:\s+(?:And|and|&)\s+(?P<b>" + PAIR_NAME + r"))?\s+" + UP
)
REPLACES = re.compile(A + r"\s+" + V.format(r"replaces|is\s+replacing|will\s+replace|to\s+replace|takes\s+over\s+for") + r"\s+" + A.replace("?P<a>", "?P<b>"))
OPPOSITE = re.compile(r"\b(?i:opposite|alongside)\s+" + A + r"['’]s\s+" + C)
LEAD_ROLE = re.compile(r"\b(?i:his|her|their)\s+(?:\w+\s+){0,2}?(?i:role)\s+" + AS + r"\s+" + C)
RANKS = re.compile(
    r"^(?:Dr|DI|DS|DC|DCI|PC|Sgt|Det|Detective|Inspector|Superintendent|Sergeant|Constable|Captain|Capt|Commander|"
    r"Colonel|Col|General|Gen|Major|Lieutenant|Lt|Agent|Officer|Sheriff|Deputy|Judge|Professor|Prof|Reverend|"
    r"Rev|Father|Sister|Mother|Brother|Queen|King|Prince|Princess|Lord|Lady|Sir|Dame|Duke|Duchess|Count|"
    r"Countess|Emperor|Empress|Mr|Mrs|Ms|Miss|Madame|Uncle|Aunt|Grandma|Grandpa|President|Senator|Mayor|Chief)\.?$"
)
# A role-first list: "Returning characters include street-food king Ma Dong-gu (Pyo Jae-seok)".
ROLE_CONTEXT = re.compile(r"(?i:characters?|roles?)\b")
ACTOR_LEAD_IN = {"and", "with", "by", "includes", "include", "including", "led", "starring", "stars", "alongside",
                 "actor", "actress", "star", "newcomer", "cast", "also", "plus", "as", "are", "is", "regulars"}
LEAD_SUBJECT = re.compile(r"^(?:(?:The|the)\s+(?:actor|actress|star|singer|rapper|comedian|model|performer)|He|She)\b")
CREW = re.compile(
    r"(?i:director|directed|showrunner|creator|created|writer|written|executive\s+producer|producer|produced|"
    r"composer|author|novelist|screenwriter|co-creator|helmer|filmmaker|boss|ep)\s+$"
)
# Words that never open a person's name here.
NOT_NAMES = {
    "Season", "Series", "Part", "Netflix", "The", "This", "That", "It", "He", "She", "They", "We", "His", "Her",
    "Their", "In", "On", "At", "And", "But", "Also", "Meanwhile", "While", "Fans", "Viewers", "Episode", "Volume",
    "Chapter", "Trailer", "Director", "Showrunner", "Creator", "Producer", "Writer", "Star", "Stars", "Actor",
    "Actress", "Cast", "Returning", "New", "Both", "All", "Each", "Every", "Other", "Others", "Plus", "Here",
    "There", "Who", "What", "When", "Where", "Why", "How", "If", "As", "Now", "Then", "Later", "Earlier",
    "After", "Before", "Netflix's", "Its", "Our", "Your", "My", "A", "An", "Expect", "Watch", "Fan", "Everyone",
}
NATIONALITIES = {
    "Irish", "British", "American", "Korean", "Japanese", "French", "Spanish", "Canadian", "Australian", "German",
    "Italian", "Chinese", "Indian", "Mexican", "Nigerian", "Scottish", "Welsh", "English", "Swedish", "Danish",
    "Norwegian", "Brazilian", "Turkish", "Thai", "Filipino", "Hollywood", "Marvel", "Disney", "Oscar", "Emmy",
}
# Names that are also calendar words: fine inside a longer name ("Wednesday Addams"), not alone.
NOT_ALONE = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
}
# Title-case headline words that show a "name" ran into the verb after it.
NOT_IN_NAMES = {
    "Confirms", "Return", "Returns", "Reveals", "Joins", "Says", "Talks", "Teases", "Cast", "Casts", "Season",
    "Series", "Trailer", "Gets", "Sets", "To", "Is", "Renewed", "Recurring", "Among", "Set", "Returning", "Star", "Stars", "Exclusive", "Marvel",
    "Netflix", "Premiere", "Finale", "Episode", "Reboot", "Revival", "Sequel", "Movie", "Film", "Show",
    "Drama", "Comedy", "Thriller", "Crime", "Horror", "Sitcom", "Documentary", "Docuseries", "Anime", "After",
    "Before", "By", "For", "From", "With", "At", "In", "On", "Of", "Studios", "Pictures", "Entertainment",
    "Join", "Starring", "Starts", "Exits", "Officially", "Official", "Villains",
    "Villain", "Regulars", "Tease", "New", "First", "Look", "Image", "Images", "Photos", "Studio", "Works",
    "Productions", "Animation", "Adds", "Recasts", "Three", "Two", "Four", "Five", "Six", "Swims", "Back",
    "Reshuffles", "Slate", "Straight", "Guest", "Host", "Musical", "Premiering", "Premieres", "K-Dramas",
    "Orders", "Ordered", "Renews", "Cancels", "Canceled", "Cancelled", "Lands", "Taps",
}
# Adverbs a title-case headline puts between a name and its verb ("Dana Ruiz Really Wants …").
HEADLINE_ADVERBS = (
    "Really", "Finally", "Officially", "Still", "Just", "Also", "Never", "Already", "Reportedly", "Actually",
    "Truly", "Apparently", "Definitely", "Totally", "Basically", "Seriously",
)
NOT_IN_NAMES |= set(HEADLINE_ADVERBS)


AGE = re.compile(r"(?<=[^\W\d_]),\s\d{1,3},(?=\s)")


@dataclass(frozen=True)
class CastFind:
    actor: str
    character: str | None
    status: str
    begin: int


def _status_in(sentence: str, default: str) -> str:
    low = sentence.lower()
    if default != "unknown":
        return default
    if re.search(r"\b(?:will\s+not|won['’]t|not)\s+(?:return|be\s+back|be\s+returning|be\s+part)|written\s+out|killed\s+off", low):
        return "leaving"
    if re.search(r"\b(?:returning|returns|return|back|reprises?|reprising|original\s+cast)\b", low):
        return "returning"
    if re.search(r"\b(?:new\s+(?:cast|faces|additions?|members?)|newcomers?|joins?|joining|joined|cast\s+as|adds?|added|casts|taps|enlists|recruits)\b", low):
        return "new"
    return "unknown"


def tidy_name(name: str) -> str | None:
    """A name without the descriptors and headline words around it."""
    return _tidy(name)


def is_person_name(name: str) -> bool:
    return _ok_name(name, PLATFORM_NAMES)


def _role_first(sentence: str, begin: int, first: str) -> bool:
    """Whether "X (Y)" names the role first: a rank, a descriptor before it, or a character list."""
    if RANKS.match(first.split()[0]):
        return True
    before = sentence[:begin].split()
    if before and before[-1][:1].islower() and before[-1].strip(",:") not in ACTOR_LEAD_IN:
        return True
    return bool(ROLE_CONTEXT.search(sentence[max(0, begin - 60) : begin]))


def _ok_name(name: str, blocked: frozenset[str] | set[str]) -> bool:
    words = name.replace(",", " ").split()
    if not words or words[0] in NOT_NAMES or name in blocked or any(w in NOT_IN_NAMES for w in words):
        return False
    if "Will" in words[1:] or any(len(w) > 4 and w.isupper() for w in words):
        return False
    return not (len(words) == 1 and (words[0] in NOT_ALONE or words[0] in NATIONALITIES))


# Descriptors that title-case headlines put in front of a name ("Alum Simon Helberg").
DESCRIPTORS = {
    "Alum", "Star", "Actor", "Actress", "Veteran", "Newcomer", "Comedian", "Singer", "Rapper", "Former", "Icon",
    "Legend", "Vet", "Favorite", "Favourite", "Oscar-Winner", "Emmy-Winner", "Co-Star", "Costar", "Host",
    "Latest", "Following", "Son", "Daughter", "Wife", "Husband", "Amid", "Despite", "Ahead", "Image", "Images",
    "Reveals", "Reveal", "Dame", "Sir", "After", "Before", "With", "As", "And", "New", "Leads", "Lead",
}


def _tidy(name: str | None) -> str | None:
    if name is None:
        return None
    name = re.sub(r"\s+", " ", name).strip().rstrip(".,")
    words = name.split()
    while len(words) > 1 and (
        words[0] in DESCRIPTORS or words[0].rstrip(":") in NOT_IN_NAMES or re.match(r"^[A-Z][a-z]+-[a-z]+$", words[0])
    ):
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if i and (w in NOT_IN_NAMES or w.rstrip("’'s") in NOT_IN_NAMES)), None)
    if cut:
        words = words[:cut]
    name = " ".join(words)
    return name[4:] if name.startswith("the ") else name


def _names_after(sentence: str, pos: int, add: Any, free: Any) -> None:
    """"X Joins Donald Glover & Maya Erskine in …": the joined names are cast as well."""
    while pos < len(sentence):
        m = re.compile(r"\s*" + A).match(sentence, pos)
        if not m:
            return
        if free(m.start("a"), m.end("a")):
            add(m.group("a"), None, "unknown", m.start("a"), m.end("a"))
        sep = LIST_SEP.match(sentence, m.end())
        if not sep or sep.end() == m.end():
            return
        pos = sep.end()


def find_cast(
    sentence: str, blocked: frozenset[str] = frozenset(), *, titlecase: bool = False, lead: str | None = None
) -> tuple[list[CastFind], list[str]]:
    """Cast entries and actor-less characters named in one sentence.

    `blocked` holds strings that are never people here (titles, platforms). In a
    title-case headline a name can run into the next words, so names keep three words.
    `lead` is the person the article is about: "The actor …", "her role as …" are theirs.
    """
    found: list[CastFind] = []
    if lead:
        sentence = LEAD_SUBJECT.sub(lead, sentence)
    # "Catalina Ospina-Reyes, 31, is back as …": an age between a name and its verb is blanked,
    # offsets kept.
    sentence = AGE.sub(lambda m: " " * len(m.group(0)), sentence)
    taken: list[tuple[int, int]] = []

    def free(b: int, e: int) -> bool:
        return all(e <= tb or b >= te for tb, te in taken)

    def add(actor: str, character: str | None, status: str, b: int, e: int) -> None:
        actor_t, char_t = _tidy(actor), _tidy(character)
        if titlecase and actor_t and len(actor_t.split()) > 3:
            actor_t = " ".join(actor_t.split()[:3])
        if not actor_t or not _ok_name(actor_t, blocked) or not _ok_name(actor_t, PLATFORM_NAMES):
            return
        if char_t is not None and (not _ok_name(char_t, PLATFORM_NAMES) or char_t == actor_t):
            return
        if CREW.search(sentence[max(0, b - 30) : b]):
            return
        found.append(CastFind(actor_t, char_t, _status_in(sentence, status), b))
        taken.append((b, e))

    for m in PAIRED.finditer(sentence):
        # "Elodie Marchand and Jasper Okoye return as Clementine Vail and Augustus Penrose"
        add(m.group("a"), m.group("c"), "returning", m.start("a"), m.end("a"))
        add(m.group("b"), m.group("d"), "returning", m.start("b"), m.end())
    for m in RESPECTIVELY.finditer(sentence):
        add(m.group("a"), m.group("c"), "unknown", m.start("a"), m.end("a"))
        add(m.group("b"), m.group("d"), "unknown", m.start("b"), m.end())
    if titlecase:
        for m in HEADLINE_LEAD.finditer(sentence):
            for group in ("a", "b"):
                if m.group(group) and free(m.start(group), m.end(group)):
                    add(m.group(group), None, "unknown", m.start(group), m.end(group))
    for m in REPLACES.finditer(sentence):
        add(m.group("a"), None, "new", m.start("a"), m.end("a"))
        add(m.group("b"), None, "leaving", m.start("b"), m.end("b"))
    for m in OPPOSITE.finditer(sentence):
        add(m.group("a"), m.group("c"), "unknown", m.start("a"), m.end())
    if lead:
        for m in LEAD_ROLE.finditer(sentence):
            add(lead, m.group("c"), "unknown", m.start(), m.end())
    for rx, status in PAIR_PATTERNS:
        if titlecase and rx is POSSESSIVE_PAIR:
            continue  # "Annie Murphy's Arrival": in a title-case headline every word is capitalized
        for m in rx.finditer(sentence):
            if free(m.start("a"), m.end("a")):
                a, c = m.group("a"), m.group("c")
                if rx is PAREN_PAIR and _role_first(sentence, m.start("a"), a):
                    a, c = c, a  # "DS Tom Pryce (Callum O'Driscoll)": the role comes first
                add(a, c, status, m.start("a"), m.end())
    for rx, status in SOLO_PATTERNS:
        for m in rx.finditer(sentence):
            if free(m.start("a"), m.end("a")):
                add(m.group("a"), None, status, m.start("a"), m.end("a"))
                if status == "new" and re.search(r"(?i:joins?)\s*$", m.group(0)):
                    _names_after(sentence, m.end(), add, free)
                # "Mandy Patinkin & Kathryn Grody To Star": the names coordinated before it.
                pos = m.start("a")
                while True:
                    base = max(0, pos - 200)
                    co = COORDINATED.search(sentence, base, pos)
                    if not co or not free(co.start("a"), co.end("a")):
                        break
                    add(co.group("a"), None, status, co.start("a"), co.end("a"))
                    pos = co.start("a")
    for trig in LIST_TRIGGER.finditer(sentence):
        pos = trig.end()
        status = _status_in(trig.group(0), "unknown")
        while pos < len(sentence):
            item = LIST_ITEM.match(sentence, pos)
            if not item:
                break
            if free(item.start("a"), item.end("a")):
                add(item.group("a"), item.group("c") or item.group("c2"), status, item.start("a"), item.end())
            sep = LIST_SEP.match(sentence, item.end())
            if not sep or sep.end() == item.end():
                break
            pos = sep.end()
    characters: list[str] = []
    for trig in CHARACTER_TRIGGER.finditer(sentence):
        pos = trig.end()
        while pos < len(sentence):
            role = ROLE_RX.match(sentence, pos)
            if not role:
                break
            name = _tidy(role.group("c"))
            if name and _ok_name(name, blocked):
                characters.append(name)
            sep = LIST_SEP.match(sentence, role.end())
            if not sep or sep.end() == role.end():
                break
            pos = sep.end()
    found.sort(key=lambda f: f.begin)
    return found, characters


# Between an actor and the role after them: "as", "playing", "voicing", "(", a comma …
LINK_AFTER = re.compile(
    r"^\s*(?:\(\s*(?:as\s+)?|,?\s*(?:who\s+)?(?:\w+\s+){0,4}?(?:as|playing|plays|played|voicing|voices|portraying|"
    r"portrays|in\s+the\s+role\s+of)\s+)(?:(?:the|a|an|his|her|their|[a-z][\w'’-]*|[A-Z][\w'’-]*['’]s)\s*,?\s+){0,4}$"
)
# Between a role and the actor after it: "Jax, played by", "(played by", "is played by … newcomer".
LINK_BEFORE = re.compile(r"(?i:\bplayed|\bvoiced|\bportrayed)\s+(?:\w+\s+){0,2}?by\s+(?:[\w'’-]+\s+){0,5}$|^\s*\(\s*$|^\s*[—–:-]\s*$")


# Words that make a tagged "actor" a role: "Detective Gu Min-ho", "Lady Min".
ROLE_WORDS = {
    "Detective", "Lady", "Lord", "Captain", "Inspector", "Doctor", "Dr.", "Mayor", "Deputy", "Chief", "Sergeant",
    "Sgt.", "Officer", "Agent", "Professor", "Prof.", "King", "Queen", "Prince", "Princess", "Uncle", "Aunt",
    "Madam", "Madame", "Mr.", "Mrs.", "Ms.", "Miss", "Sheriff", "Commander", "General", "Colonel", "Major",
    "Lieutenant", "Corporal", "Judge", "Father", "Mother", "Sister", "Brother", "Saint", "DS", "DI", "DCI",
}


def _actor_shaped(name: str) -> bool:
    """Two to four capitalised words, no rank: the tagger's actors must look like a person's name."""
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0] in ROLE_WORDS:
        return False
    return all(w[0].isupper() or re.fullmatch(PARTICLE, w) for w in words)


def pairs_from_spans(sentence: str, spans: list[tuple[int, int, str]], blocked: frozenset[str] = frozenset()) -> list[CastFind]:
    """Cast entries from the learned tagger's ACTOR and CHARACTER spans in one sentence.

    Each actor takes the role named right after them ("X as Y", "X (Y)", "X, playing Y") or,
    failing that, the role right before them ("Y, played by X"); a role goes to one actor.
    """
    ordered = sorted(spans)
    used: set[int] = set()
    found: list[CastFind] = []
    for i, (a, z, label) in enumerate(ordered):
        if label != "ACTOR":
            continue
        actor = _tidy(sentence[a:z])
        if not actor or not _actor_shaped(actor) or not _ok_name(actor, blocked) or not _ok_name(actor, PLATFORM_NAMES):
            continue
        if CREW.search(sentence[max(0, a - 30) : a]):
            continue
        role: int | None = None
        if i + 1 < len(ordered) and ordered[i + 1][2] == "CHARACTER" and LINK_AFTER.match(sentence[z : ordered[i + 1][0]]):
            role = i + 1
        elif i > 0 and ordered[i - 1][2] == "CHARACTER" and i - 1 not in used and LINK_BEFORE.search(
            sentence[ordered[i - 1][1] : a]
        ):
            role = i - 1
        character = None
        if role is not None:
            used.add(role)
            character = _tidy(sentence[ordered[role][0] : ordered[role][1]])
            if character == actor:
                character = None
        found.append(CastFind(actor, character, _status_in(sentence, "unknown"), a))
    return found


def merge_finds(rules: list[CastFind], model: list[CastFind]) -> list[CastFind]:
    """The rules' entries, a role the tagger paired where the rules had none, and the actors only the tagger found."""
    out = list(rules)
    by_actor = {f.actor: i for i, f in enumerate(out)}
    roles = {f.character for f in rules if f.character}
    for f in model:
        i = by_actor.get(f.actor)
        if i is None and f.actor in roles and not f.character:
            continue  # "Tomasz Kowalczyk (Aleksander Wren)": the rules' role is no actor
        if i is None:
            by_actor[f.actor] = len(out)
            out.append(f)
        elif out[i].character is None and f.character:
            out[i] = CastFind(out[i].actor, f.character, out[i].status, out[i].begin)
    return sorted(out, key=lambda f: f.begin)
