"""Small WARC files for the tests, written with warcio by benchmarks/warcs.py from the repository's fixtures."""

from __future__ import annotations

from pathlib import Path

from benchmarks.warcs import Item, page, text_page, write_warc

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"

# News that is about no film or series (written for these tests).
OTHER_NEWS = [
    ("Council Approves Budget For New Library Wing", [
        "The city council voted seven to two on Tuesday to fund a new wing for the central library, "
        "ending a debate that ran for most of the year.",
        "The wing will hold a reading room, a makerspace and study rooms that residents can book online. "
        "Construction is expected to take eighteen months once the contracts are signed.",
    ]),
    ("Heavy Rain Floods Roads Across The Valley", [
        "Several roads in the valley were closed on Monday after a night of heavy rain pushed the river "
        "over its banks in three places.",
        "Emergency crews pumped water from basements and the regional weather service warned that more "
        "rain could fall before the weekend.",
    ]),
    ("Local Bakery Wins Regional Bread Competition", [
        "A family bakery on Elm Street took first prize at the regional bread competition with a sourdough "
        "made from grain grown on a farm twenty miles away.",
        "The owners said they would use the prize money to buy a second oven and hire two apprentices.",
    ]),
]  # fmt: skip
GERMAN = page(
    "Stadtrat beschließt neuen Haushalt",
    ["Der Stadtrat hat am Dienstag mit großer Mehrheit den Haushalt für das kommende Jahr beschlossen, "
     "nachdem die Beratungen mehrere Monate gedauert hatten."],
    day="2026-03-01", site="Zeitung",
).replace(b'lang="en"', b'lang="de"')  # fmt: skip


def fixture_items(names: list[str]) -> list[Item]:
    """Fixture articles (tests/fixtures/articles/NAME.txt) as 200 HTML responses."""
    return [
        (f"https://screen.example.com/{name}", 200, "text/html; charset=utf-8",
         text_page((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), site="Screen"))
        for name in names
    ]  # fmt: skip


def other_items() -> list[Item]:
    """What else a crawl holds: unrelated news, a German page, a redirect, a 404, an image."""
    html = "text/html; charset=utf-8"
    items: list[Item] = [
        (f"https://news.example.com/{n}", 200, html, page(title, paras, day="2026-02-27", site="Daily"))
        for n, (title, paras) in enumerate(OTHER_NEWS)
    ]
    items += [
        ("https://zeitung.example.de/haushalt", 200, html, GERMAN),
        ("https://news.example.com/old", 301, "text/html", b"<html><body>Moved</body></html>"),
        ("https://news.example.com/gone", 404, "text/html", b"<html><body>Not found</body></html>"),
        ("https://img.example.com/1.jpg", 200, "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(64)),
    ]
    return items


def small_warcs(folder: Path, fixtures: list[list[str]]) -> list[Path]:
    """One .warc.gz per list of fixture names, each with the other items after the fixtures."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, first = [], 0
    for n, names in enumerate(fixtures):
        items = fixture_items(names) + other_items()
        paths.append(write_warc(folder / f"small-{n}.warc.gz", items, first=first))
        first += len(items)
    return paths
