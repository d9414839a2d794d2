"""The gazetteer of streamers and networks, and finding them in a sentence.

Each canonical name lists the spellings articles use. Names that are also ordinary
words or people's names ("Max", "Stan", "Crave", "Fox") only count after a carrying
word ("on Max", "Max's", "at Fox"). Renamed services are spelled as they were called
at the article's date (HBO Max → Max → HBO Max).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.matcher import PhraseMatcher

# canonical name -> spellings (matched case-sensitively, on word boundaries)
GAZETTEER: dict[str, tuple[str, ...]] = {
    "Netflix": ("Netflix", "NETFLIX", "Netflix Korea"),
    "Prime Video": ("Prime Video", "Amazon Prime Video", "Amazon Prime", "Amazon Video", "Amazon Studios", "Amazon",
                    "Amazon MGM Studios"),
    "Disney+": ("Disney+", "Disney Plus"),
    "Hulu": ("Hulu", "FX on Hulu"),
    "HBO Max": ("HBO Max", "HBOMax"),
    "HBO": ("HBO",),
    "Max": ("Max",),
    "Apple TV+": ("Apple TV+", "Apple TV Plus", "AppleTV+", "Apple TV"),
    "Peacock": ("Peacock",),
    "Paramount+": ("Paramount+", "Paramount Plus"),
    "CBS All Access": ("CBS All Access",),
    "Paramount+ with Showtime": ("Paramount+ with Showtime",),
    "Showtime": ("Showtime",),
    "Starz": ("Starz", "STARZ"),
    "MGM+": ("MGM+",),
    "Epix": ("Epix", "EPIX"),
    "AMC": ("AMC",),
    "AMC+": ("AMC+",),
    "FX": ("FX",),
    "FXX": ("FXX",),
    "Freeform": ("Freeform",),
    "Syfy": ("Syfy", "SYFY"),
    "USA Network": ("USA Network",),
    "TNT": ("TNT",),
    "TBS": ("TBS",),
    "Adult Swim": ("Adult Swim",),
    "Cartoon Network": ("Cartoon Network",),
    "Nickelodeon": ("Nickelodeon",),
    "Disney Channel": ("Disney Channel",),
    "Disney Junior": ("Disney Junior",),
    "ABC": ("ABC",),
    "CBS": ("CBS",),
    "NBC": ("NBC",),
    "Fox": ("Fox", "FOX"),
    "The CW": ("The CW", "CW"),
    "PBS": ("PBS",),
    "Bravo": ("Bravo",),
    "Lifetime": ("Lifetime",),
    "Hallmark Channel": ("Hallmark Channel", "Hallmark"),
    "BET+": ("BET+",),
    "BET": ("BET",),
    "Discovery+": ("Discovery+",),
    "Tubi": ("Tubi",),
    "The Roku Channel": ("The Roku Channel", "Roku Channel"),
    "Roku": ("Roku",),
    "Freevee": ("Amazon Freevee", "Freevee"),
    "IMDb TV": ("IMDb TV",),
    "Crunchyroll": ("Crunchyroll",),
    "Funimation": ("Funimation",),
    "HIDIVE": ("HIDIVE", "Hidive"),
    "Shudder": ("Shudder",),
    "BritBox": ("BritBox", "Britbox"),
    "Acorn TV": ("Acorn TV",),
    "BBC One": ("BBC One", "BBC1"),
    "BBC Two": ("BBC Two", "BBC2"),
    "BBC Three": ("BBC Three", "BBC3"),
    "BBC Four": ("BBC Four", "BBC4"),
    "BBC Scotland": ("BBC Scotland",),
    "CBeebies": ("CBeebies",),
    "CBBC": ("CBBC",),
    "BBC iPlayer": ("BBC iPlayer", "iPlayer"),
    "BBC": ("BBC", "BBC America"),
    "ITV1": ("ITV1",),
    "ITV": ("ITV",),
    "ITVX": ("ITVX",),
    "Channel 4": ("Channel 4", "C4", "E4"),
    "All 4": ("All 4", "All4"),
    "Pluto TV": ("Pluto TV",),
    "Channel 5": ("Channel 5",),
    "Sky Atlantic": ("Sky Atlantic",),
    "Sky Cinema": ("Sky Cinema",),
    "Sky Max": ("Sky Max",),
    "Sky": ("Sky",),
    "NOW": ("NOW TV",),
    "Stan": ("Stan",),
    "Crave": ("Crave",),
    "CBC": ("CBC",),
    "CBC Gem": ("CBC Gem",),
    "CBC Kids": ("CBC Kids",),
    "tvN": ("tvN",),
    "JTBC": ("JTBC",),
    "SBS": ("SBS",),
    "KBS2": ("KBS2", "KBS 2TV", "KBS"),
    "MBC": ("MBC",),
    "ENA": ("ENA",),
    "OCN": ("OCN",),
    "Coupang Play": ("Coupang Play",),
    "TVING": ("TVING", "Tving"),
    "Wavve": ("Wavve",),
    "Viki": ("Viki", "Rakuten Viki"),
    "Viu": ("Viu",),
    "iQIYI": ("iQIYI", "iQiyi"),
    "Youku": ("Youku",),
    "Tencent Video": ("Tencent Video",),
    "WeTV": ("WeTV",),
    "Fuji TV": ("Fuji TV",),
    "Tokyo MX": ("Tokyo MX", "TOKYO MX"),
    "BS11": ("BS11",),
    "TV Asahi": ("TV Asahi",),
    "Nippon TV": ("Nippon TV", "NTV"),
    "NHK General TV": ("NHK General TV",),
    "NHK BS": ("NHK BS",),
    "TV Tokyo": ("TV Tokyo",),
    "NHK": ("NHK",),
    "ZEE5": ("ZEE5", "Zee5"),
    "JioHotstar": ("JioHotstar",),
    "JioCinema": ("JioCinema",),
    "Disney+ Hotstar": ("Disney+ Hotstar", "Hotstar"),
    "Star Maa": ("Star Maa",),
    "Sun NXT": ("Sun NXT",),
    "Hoichoi": ("Hoichoi", "hoichoi"),
    "Eros Now": ("Eros Now",),
    "ALTBalaji": ("ALTBalaji",),
    "Voot": ("Voot",),
    "SonyLIV": ("SonyLIV",),
    "YouTube": ("YouTube", "YouTube Originals"),
    "YouTube Premium": ("YouTube Premium",),
    "Comedy Central": ("Comedy Central",),
    "MTV": ("MTV",),
    "VH1": ("VH1",),
    "E!": ("E!",),
    "TLC": ("TLC",),
    "HGTV": ("HGTV",),
    "Food Network": ("Food Network",),
    "Discovery Channel": ("Discovery Channel", "Discovery"),
    "History": ("History Channel",),
    "A&E": ("A&E",),
    "National Geographic": ("National Geographic", "Nat Geo"),
    "IFC": ("IFC",),
    "Sundance TV": ("Sundance TV", "SundanceTV"),
    "OWN": ("OWN",),
    "Oxygen": ("Oxygen",),
    "Univision": ("Univision",),
    "Telemundo": ("Telemundo",),
    "Global": ("Global TV",),
    "CTV": ("CTV",),
    "UKTV": ("UKTV", "Dave", "Gold"),
    "Alibi": ("Alibi",),
    "U&Alibi": ("U&Alibi",),
    "Sky Showcase": ("Sky Showcase",),
    "Sky Comedy": ("Sky Comedy",),
    "Shahid": ("Shahid",),
    "ABC iview": ("ABC iview",),
    "Binge": ("Binge",),
    "Peacock Premium": ("Peacock Premium",),
    # Europe, Latin America, India and Oceania: the services a K-drama, Bollywood or UK item
    # names as readily as Netflix.
    "Movistar Plus+": ("Movistar Plus+", "Movistar+", "Movistar"),
    "RTVE": ("RTVE", "La 1"),
    "Atresplayer": ("Atresplayer",),
    "Antena 3": ("Antena 3",),
    "Canal+": ("Canal+", "Canal Plus"),
    "TF1": ("TF1",),
    "France 2": ("France 2",),
    "Arte": ("Arte", "ARTE"),
    "ZDF": ("ZDF",),
    "ARD": ("ARD", "Das Erste"),
    "RTL": ("RTL", "RTL+"),
    "Rai": ("Rai", "Rai 1", "RaiPlay"),
    "Mediaset": ("Mediaset", "Canale 5"),
    "Viaplay": ("Viaplay",),
    "SVT": ("SVT",),
    "NRK": ("NRK",),
    "Yle": ("Yle",),
    "RTÉ": ("RTÉ", "RTE One", "RTÉ One"),
    "S4C": ("S4C",),
    "Globoplay": ("Globoplay", "TV Globo"),
    "ViX": ("ViX",),
    "ViX+": ("ViX+",),
    "Las Estrellas": ("Las Estrellas",),
    "Blim": ("Blim",),
    "TVNZ": ("TVNZ",),
    "TVNZ+": ("TVNZ+",),
    "SBS On Demand": ("SBS On Demand",),
    "9Now": ("9Now",),
    "7plus": ("7plus",),
    "10 Play": ("10 Play", "10play"),
    "ABC TV": ("ABC TV",),
    "ABC Kids": ("ABC Kids",),
    "Foxtel": ("Foxtel",),
    "MX Player": ("MX Player",),
    "U-Next": ("U-Next", "U-NEXT"),
    "Abema": ("Abema", "ABEMA"),
    "TVB": ("TVB",),
    # Africa, the Middle East, Turkey, Thailand, the Nordics and Belgium
    "Showmax": ("Showmax",),
    "iROKOtv": ("iROKOtv",),
    "MBC Masr": ("MBC Masr",),
    "MBC 1": ("MBC 1", "MBC1"),
    "MBC Drama": ("MBC Drama",),
    "Star TV": ("Star TV",),
    "Kanal D": ("Kanal D",),
    "TRT 1": ("TRT 1",),
    "GMM25": ("GMM25", "GMM 25"),
    "one31": ("one31",),
    "NRK1": ("NRK1",),
    "C More": ("C More",),
    "La Une": ("La Une",),
    "Auvio": ("Auvio",),
    "ZDFmediathek": ("ZDFmediathek",),
    # United States
    "Cinemax": ("Cinemax",),
    "Paramount Network": ("Paramount Network",),
    "Disney XD": ("Disney XD",),
    "Nick Jr.": ("Nick Jr.",),
    "CW Seed": ("CW Seed",),
    "Hallmark Movies & Mysteries": ("Hallmark Movies & Mysteries",),
    "Great American Family": ("Great American Family", "GAC Family"),
    "Pop TV": ("Pop TV",),
    "WGN America": ("WGN America",),
    "Facebook Watch": ("Facebook Watch",),
    "Quibi": ("Quibi",),
    "Vudu": ("Vudu",),
    "MUBI": ("MUBI", "Mubi"),
    "DC Universe": ("DC Universe",),
    "Hallmark Movies Now": ("Hallmark Movies Now",),
    "PBS Kids": ("PBS Kids", "PBS KIDS"),
    "Sundance Now": ("Sundance Now",),
}

# Ordinary words or names too: they need a carrying word before, or a possessive after.
AMBIGUOUS = {"Max", "Stan", "Crave", "Fox", "Sky", "Bravo", "Lifetime", "Hallmark", "Amazon", "Apple TV", "ENA", "Viu",
             "Showtime", "Peacock", "CW", "BBC", "Discovery", "Dave", "Gold", "OWN", "Oxygen", "Binge", "Global TV",
             "Alibi", "E!", "Arte", "Rai", "Movistar", "ViX", "La 1", "Yle", "NTV", "Blim", "Star TV", "C More", "La Une"}
CARRIER = re.compile(
    r"(?:\b(?:on|to|at|by|from|via|onto|exclusively\s+on|streaming\s+on|streams\s+on|airs\s+on|and|or|with)\s+(?:the\s+)?|\(\s*)$",
    re.IGNORECASE,
)

LEAVING = re.compile(r"\b(?i:exits|exiting|leaves|leaving|left|departs|removed\s+from|pulled\s+from)\s+$")
TV_AFTER = re.compile(
    r"(?:['’]s\b|\s+(?i:show|series|original|drama|comedy|film|movie|adaptation|spinoff|reboot|docuseries|thriller)\b|"
    r"\s+(?:greenlights|orders|renews|cancels|picks\s+up|sets|announces|confirms|releases|debuts|drops|has\s+renewed|"
    r"has\s+ordered|has\s+cancell?ed|Greenlights|Orders|Renews|Cancels|Picks\s+Up|Sets|Announces|Confirms|Debuts|Drops)\b)"
)

_ALIASES = sorted(((a, c) for c, al in GAZETTEER.items() for a in al), key=lambda x: -len(x[0]))
_CANON = dict(_ALIASES)
_RX = re.compile(
    r"(?<![\w+])(" + "|".join(re.escape(a) for a, _ in _ALIASES) + r")(?![\w]|\+(?!\w))"
)


@dataclass(frozen=True)
class PlatformMention:
    name: str
    begin: int
    end: int


# A service renamed on a day: (old name, the day the new one took over, the new name).
RENAMED = (
    ("Apple TV+", date(2025, 10, 13), "Apple TV"),
    ("CBS All Access", date(2021, 3, 4), "Paramount+"),
    ("Epix", date(2023, 1, 16), "MGM+"),
    ("IMDb TV", date(2022, 4, 27), "Freevee"),
    ("All 4", date(2023, 4, 4), "Channel 4"),
    ("JioCinema", date(2025, 2, 14), "JioHotstar"),
    ("Disney+ Hotstar", date(2025, 2, 14), "JioHotstar"),
)


def spell_at(name: str, when: date | None) -> str:
    """The service's own spelling at the article's date."""
    if name in ("HBO Max", "Max") and when is not None:
        return "Max" if date(2023, 5, 23) <= when < date(2025, 7, 9) else "HBO Max"
    for old, day, new in RENAMED:
        if name == old and when is not None and when >= day:
            return new
    return name


def build_matcher(nlp: Any) -> PhraseMatcher:
    """A spaCy PhraseMatcher over every spelling in the gazetteer, tokenized as the pipeline tokenizes."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for alias, _ in _ALIASES:
        matcher.add(alias, [nlp.make_doc(alias)])
    return matcher


def find_platforms(
    sentence: str, when: date | None = None, *, span: Any = None, matcher: PhraseMatcher | None = None
) -> list[PlatformMention]:
    """Platform mentions in the sentence, canonical and spelled for the date.

    With a spaCy `span` of the sentence and a `matcher` from `build_matcher`, the gazetteer
    is matched on tokens; without them, on the text (for callers outside the pipeline).
    """
    hits: list[tuple[str, int, int]] = []
    if span is not None and matcher is not None:
        base = span.start_char
        doc = span.doc
        for match_id, start, end in matcher(span):
            hits.append((doc.vocab.strings[match_id], doc[start].idx - base, doc[end - 1].idx + len(doc[end - 1]) - base))
        hits = _longest(hits)
    else:
        hits = [(m.group(1), m.start(), m.end()) for m in _RX.finditer(sentence)]
    out: list[PlatformMention] = []
    for alias, begin, end in hits:
        if LEAVING.search(sentence[max(0, begin - 25) : begin]):
            continue  # "exits Netflix": the platform it leaves
        if alias in AMBIGUOUS:
            after = sentence[end : end + 14]
            if not (CARRIER.search(sentence[max(0, begin - 30) : begin]) or TV_AFTER.match(after)):
                continue
        out.append(PlatformMention(spell_at(_CANON[alias], when), begin, end))
    return out


def _longest(hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping matches ("HBO" inside "HBO Max") keep the longest."""
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    out: list[tuple[str, int, int]] = []
    for h in hits:
        if not out or h[1] >= out[-1][2]:
            out.append(h)
    return out
