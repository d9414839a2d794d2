"""Hand-made claims for the demo articles: what a careful editor writes down by the extraction contract.

Ingesting these instead of the extractor's output tests the store and the reconcile
rules on the demo story by themselves; the story test runs both ways.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

from airdate.models import Article, CastMember, Certainty, Event, Extraction, Release, Window

NAME, VERSION = "demo-gold", "1"


def w(text: str, start: str, end: str | None, certainty: str, sentence: str) -> Window:
    ends = date.fromisoformat(end) if end else None
    return Window(text, date.fromisoformat(start), ends, cast(Certainty, certainty), sentence)


def c(actor: str, character: str | None, status: str = "unknown") -> CastMember:
    return CastMember(actor, character, cast(Any, status), f"{actor} as {character}.")


def e(kind: str, when: str | None = None, certainty: str = "confirmed") -> Event:
    return Event(kind, when, cast(Certainty, certainty), f"{kind}.")


def r(
    title: str, season: int | None, part: int | None = None, kind: str = "series", **claims: Any
) -> Release:
    return Release(title, season, part, cast(Any, kind), **claims)


HL, NW, ACRE, SS, GC, SA = "Harbor Lights", "Northwind", "The Gilded Acre", "Saltwater Saints", "The Glass Cartographer", "Starfall Academy"  # fmt: skip
HL_CAST = (c("Marisol Vega-Hart", "Nell Corrigan", "returning"), c("Caleb Rourke", "Jonah Pike", "new"))

GOLD: dict[str, tuple[Release, ...]] = {
    "001-harbor-lights-s3.txt": (
        r(HL, 3, platforms=("Netflix",), windows=(
            w("fall 2026", "2026-09-01", "2026-11-30", "reported",
              "According to Deadline, the streamer is eyeing fall 2026 for the new season."),
            w("late October 2026", "2026-10-21", "2026-10-31", "speculated",
              "If it follows season 2's schedule, which premiered about eleven months after filming began, "
              "Harbor Lights Season 3 could arrive in late October 2026."),
        ), cast=(*HL_CAST, c("Finnegan Osei", "Tomas Corrigan", "returning"),
                 c("Priya Lindqvist", "Ada Marsh", "returning")),
          events=(e("renewed", "2025-07"),)),
    ),
    "002-glass-cartographer-dated.txt": (
        r(GC, None, kind="film", windows=(
            w("Summer 2026", "2026-06-01", "2026-08-31", "confirmed",
              "Universal Dates 'The Glass Cartographer' For Summer 2026"),
            w("July 17, 2026", "2026-07-17", "2026-07-17", "confirmed",
              "Universal has set The Glass Cartographer, the fantasy adventure from director Imani "
              "Achebe-Lowe, for release in theaters on July 17, 2026."),
        ), cast=(c("Theo Varga", "Edmund Quill"), c("Lucy Anand-Pryce", "Cassia Wren"),
                 c("Rafe Delacroix", "Duke of Ashmere")),
          events=(e("date_announced"), e("filming_wrapped", "2025-08"))),
    ),
    "003-gilded-acre-renewed.txt": (
        r(ACRE, 2, platforms=("HBO Max",),
          cast=(c("Elodie Marchand", "Clementine Vail", "returning"), c("Jasper Okoye", "Augustus Penrose", "returning")),
          events=(e("renewed"),)),
    ),
    "004-harbor-lights-s3-november-report.txt": (
        r(HL, 3, platforms=("Netflix",), windows=(
            w("November", "2026-11-01", "2026-11-30", "reported",
              "Netflix is targeting November for the third season of Harbor Lights, according to Variety, "
              "which reports that the streamer wants the smuggling drama to anchor its pre-holiday slate."),
        ), cast=HL_CAST, events=(e("filming_started"),)),
    ),
    "005-saltwater-saints-dated.txt": (
        r(SS, None, platforms=("Hulu",), windows=(
            w("Thursday, May 14", "2026-05-14", "2026-05-14", "confirmed",
              "Hulu has set Thursday, May 14, as the premiere date for Saltwater Saints."),
        ), cast=(c("Danielle Okafor-Reyes", "Ruthie Boudreaux"), c("Wade Castille", "Remy")),
          events=(e("date_announced"),)),
    ),
    "006-starfall-academy-second-cour.txt": (
        r(SA, 2, 2, platforms=("Crunchyroll",), windows=(
            w("Fall 2026 anime season", "2026-10-01", "2026-12-31", "confirmed",
              "Crunchyroll has confirmed that the second cour of Starfall Academy Season 2 will premiere "
              "as part of the Fall 2026 anime season."),
        ), cast=(c("Aoi Kurosawa", "Hikari Tendo", "returning"), c("Shun Mibuchi", "Ren Asagiri", "returning"))),
    ),
    "007-harbor-lights-s3-date.txt": (
        r(HL, 3, platforms=("Netflix",), windows=(
            w("Thursday, November 5", "2026-11-05", "2026-11-05", "confirmed",
              "Netflix has set Thursday, November 5, as the premiere date for the third season of Harbor "
              "Lights, announcing the date on Tuesday with a first teaser trailer."),
        ), cast=(*HL_CAST, c("Finnegan Osei", "Tomas Corrigan", "returning"),
                 c("Priya Lindqvist", "Ada Marsh", "returning")),
          events=(e("date_announced"), e("trailer_released"), e("filming_wrapped", "2026-03"))),
    ),
    "008-saltwater-saints-premiere.txt": (
        r(SS, None, platforms=("Hulu",), cast=(c("Danielle Okafor-Reyes", "Ruthie Boudreaux"),),
          events=(e("premiered", "2026-05-14"),)),
    ),
    "009-glass-cartographer-box-office.txt": (
        r(GC, None, kind="film", platforms=("Peacock",), windows=(
            w("later this year", "2026-07-20", "2026-12-31", "confirmed",
              "Universal said the film will stream on Peacock later this year, but did not give a date."),
        ), cast=(c("Theo Varga", None), c("Lucy Anand-Pryce", None)),
          events=(e("premiered", "2026-07-17"),)),
    ),
    "010-starfall-academy-october-3.txt": (
        r(SA, 2, 2, platforms=("Crunchyroll",), windows=(
            w("Saturday, October 3", "2026-10-03", "2026-10-03", "confirmed",
              "Crunchyroll announced on Friday that the second cour of Starfall Academy Season 2 will "
              "premiere Saturday, October 3, and released a new trailer for the \"Drowned Tower\" arc."),
            w("October 17", "2026-10-17", "2026-10-17", "confirmed", "The English dub will follow on October 17."),
        ), cast=(c("Aoi Kurosawa", "Hikari Tendo", "returning"), c("Yuzuki Hanamori", "Mizuha", "new")),
          events=(e("date_announced"), e("trailer_released"))),
    ),
    "011-northwind-s2-deadline.txt": (
        r(NW, 2, platforms=("Disney+",), windows=(
            w("early November", "2026-11-01", "2026-11-10", "reported",
              "Disney+ is planning to bring back its Arctic survival drama Northwind in early November, "
              "according to sources familiar with the streamer's schedule."),
        ), cast=(c("Ingrid Solberg-Hayes", "Astrid Kell", "returning"), c("Marcus Obi-Lawson", "Danny Reyes", "returning")),
          events=(e("renewed", "2025-10"), e("filming_wrapped", "2026-05"))),
    ),
    "012-northwind-s2-december.txt": (
        r(NW, 2, platforms=("Disney+",), windows=(
            w("mid-December", "2026-12-11", "2026-12-20", "reported",
              "Contrary to earlier reports of a November return, Northwind season 2 is now being held for "
              "mid-December, insiders tell us."),
        ), cast=(c("Hana Vesely", "Dr. Lise Moravec", "new"),)),
    ),
    "013-fall-tv-preview-2026.txt": (
        r(SA, 2, 2, platforms=("Crunchyroll",), windows=(
            w("Saturday, October 3", "2026-10-03", "2026-10-03", "confirmed",
              "The second cour of the sky-island anime premieres Saturday, October 3, as part of the Fall "
              "2026 anime season."),
            w("Fall 2026 anime season", "2026-10-01", "2026-12-31", "confirmed",
              "The second cour of the sky-island anime premieres Saturday, October 3, as part of the Fall "
              "2026 anime season."),
        )),
        r(HL, 3, platforms=("Netflix",), windows=(
            w("November 5", "2026-11-05", "2026-11-05", "confirmed",
              "Netflix's smuggling drama returns November 5 with all eight episodes."),
        ), cast=HL_CAST[:1]),
        r(NW, 2, platforms=("Disney+",), windows=(
            w("early November", "2026-11-01", "2026-11-10", "reported",
              "Disney+ hasn't dated it, and the reports disagree: one says early November, another mid-December."),
            w("mid-December", "2026-12-11", "2026-12-20", "reported",
              "Disney+ hasn't dated it, and the reports disagree: one says early November, another mid-December."),
            w("December", "2026-12-01", "2026-12-31", "speculated", "We'd bet on December."),
        )),
        r(ACRE, 2, platforms=("HBO Max",), windows=(
            w("before 2027", "2027-01-01", None, "speculated",
              "The period drama won't start filming until next month, so it is unlikely to arrive before 2027."),
        )),
    ),
    "014-glass-cartographer-peacock.txt": (
        r(GC, None, kind="film", platforms=("Peacock",), windows=(
            w("Friday, October 9", "2026-10-09", "2026-10-09", "confirmed",
              "The Glass Cartographer, Universal's summer fantasy hit, will begin streaming on Peacock on "
              "Friday, October 9, the streamer announced Tuesday."),
        ), cast=(c("Theo Varga", "Edmund Quill"), c("Lucy Anand-Pryce", "Cassia Wren")),
          events=(e("date_announced"), e("premiered", "2026-07-17"))),
    ),
    "015-harbor-lights-s3-delayed.txt": (
        r(HL, 3, platforms=("Netflix",), windows=(
            w("January 2027", "2027-01-01", "2027-01-31", "confirmed",
              "Netflix Delays 'Harbor Lights' Season 3 to January 2027"),
            w("January 14, 2027", "2027-01-14", "2027-01-14", "confirmed",
              "Netflix has pushed the third season of Harbor Lights from November 5 to January 14, 2027, the "
              "streamer confirmed on Thursday."),
        ), cast=(*HL_CAST, c("Finnegan Osei", "Tomas Corrigan", "returning"),
                 c("Priya Lindqvist", "Ada Marsh", "returning")),
          events=(e("delayed"),)),
    ),
    "016-gilded-acre-s2-casting.txt": (
        r(ACRE, 2, platforms=("HBO Max",),
          cast=(c("Rhys Penhallow", "Silas Crane", "new"), c("Amara Delacourt", "Lady Honoria Vail", "new"),
                c("Elodie Marchand", "Clementine Vail", "returning"), c("Jasper Okoye", "Augustus Penrose", "returning")),
          events=(e("filming_started", "2026-10-26"),)),
    ),
    "017-harbor-lights-s3-trailer.txt": (
        r(HL, 3, platforms=("Netflix",), windows=(
            w("January 14", "2027-01-14", "2027-01-14", "confirmed",
              "Netflix released the full trailer for Harbor Lights season 3 on Wednesday, eight weeks ahead "
              "of the season's January 14 premiere."),
        ), cast=HL_CAST, events=(e("trailer_released"),)),
    ),
}  # fmt: skip


class GoldExtractor:
    """Stands in for the extractor: the hand-made claims of a demo article, by its file name."""

    name, version = NAME, VERSION

    def extract(self, article: Article) -> Extraction:
        return Extraction(article, GOLD[Path(article.path or "").name])
