"""Articles the web tests add to a copy of the demo database (written for these tests)."""

from __future__ import annotations

from pathlib import Path

from airdate.extract.pipeline import Extractor
from airdate.ingest import ingest
from airdate.settings import Settings
from airdate.store import open_store

# Disney+ names the day: Northwind's window moves from "early November" (reported) to a confirmed day.
NORTHWIND_DATED = """ date 2026-11-20 Disney+ Sets December 16 Premiere for 'Northwind' Season 2

Disney+ announced on Friday that the second season of Northwind will premiere on Wednesday, December 16.

Ingrid Solberg-Hayes returns as expedition leader Astrid Kell.
"""

# Article text carrying markup that must reach the page inert.
HOSTILE = """ date 2026-11-21 'Moon Harbor <script>alert(1)</script>' Season 2 Premieres December 4 on Netflix

Netflix confirmed <script>alert("s")</script> that Moon Harbor season 2 will premiere on December 4 \
<img src=x onerror=alert(1)>. Jane Roe returns as Mallory.
"""


def add_articles(db: Path, tmp: Path, extractor: Extractor, **texts: str) -> None:
    """Write each text to tmp/<name>.txt and ingest them into db."""
    folder = tmp / "more"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with open_store(db) as store:
        tally = ingest(store, [str(folder / f"{name}.txt") for name in texts], extractor, Settings())
    assert tally.failed == 0
