"""Identity keys: which release a title names, and which articles are the same text.

Titles match across articles despite case, accents, quotes, punctuation, a leading
"The" and season or part wording written into the title ("Kingdom Season 2",
"Kingdom: The Second Season", "Kingdom S2", "Arcane Part 2"). This is the one place
that decides it; the store and the CLI both call it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from airdate.keys import title_key  # shared with the extractor; imports nothing heavy

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "sophomore": 2, "i": 1, "ii": 2, "iii": 3, "iv": 4,
}  # fmt: skip
_CARDINAL = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ORDINAL = (
    r"\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|sophomore"
)
SEASON_RX = re.compile(
    rf"\b(?:(?:season|series)\s+(?P<n>{_CARDINAL})|s(?P<s>\d{{1,2}})|(?:the\s+)?(?P<o>{_ORDINAL})\s+season|"
    r"(?:the\s+)?(?:final|last)\s+season)\b",
    re.IGNORECASE,
)
PART_RX = re.compile(
    r"\b(?:(?:part|volume|vol\.?|act)\s+(?P<n>\d|one|two|three|four|i{1,3}|iv)|"
    r"(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:cour|part|volume))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Identity:
    """A release's identity: normalized title key, season and part."""

    key: str
    season: int | None
    part: int | None


def _number(word: str | None) -> int | None:
    if not word:
        return None
    w = word.lower().rstrip(".")
    digits = re.match(r"\d+", w)
    return int(digits.group(0)) if digits else _WORDS.get(w)


def release_identity(title: str, season: int | None = None, part: int | None = None) -> Identity:
    """The identity a (title, season, part) names; season or part written in the title fill the gaps."""
    rest = title
    for rx in (SEASON_RX, PART_RX):
        found = None
        for m in rx.finditer(rest):
            found = found or _number(m.group("n") or m.groupdict().get("s") or m.group("o"))
        rest = rx.sub(" ", rest)
        if rx is SEASON_RX and season is None:
            season = found
        elif rx is PART_RX and part is None:
            part = found
    key = title_key(rest) or title_key(title) or " ".join(title.casefold().split())
    return Identity(key, season, part)


def content_digest(headline: str | None, text: str) -> str:
    """A hash of headline and text that ignores case, Unicode width forms and whitespace."""
    joined = unicodedata.normalize("NFKC", f"{headline or ''}\n{text}").casefold()
    return hashlib.sha256(" ".join(joined.split()).encode("utf-8")).hexdigest()
