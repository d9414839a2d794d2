"""A release with many articles: the fact sheet (`airdate show` and /release/ID) shows the newest
of each long list and says how many it leaves out; `--limit 0`, `?all=1` and the JSON have all.

The store is real and small (27 articles about one release, a stand-in extractor reading the
day each one names), so the limit of 20 is crossed without a flood.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from airdate.claims import CastClaim, EventClaim, ReleaseClaims, ReleaseInfo, Source, WindowClaim
from airdate.cli import main
from airdate.ingest import ingest
from airdate.models import Article, Extraction, Release, Window
from airdate.reconcile import reconcile
from airdate.settings import Settings
from airdate.store import open_store
from airdate.views.board import release_state
from airdate.views.text import render_sheet, sheet_text
from airdate.views.web import create_app
from views.conftest import make_client

TODAY = date(2026, 11, 24)
ARTICLES = 27
CLAIM = re.compile(r"\[(\d{4}-\d\d-\d\d) (\w+)\]")


class NamedDay:
    """The extractor's place: each article names one day for "Busy Show" season 2, and how sure it is."""

    name, version = "sheet-limit-test", "1"

    def extract(self, article: Article) -> Extraction:
        found = CLAIM.search(article.text)
        assert found is not None
        day, certainty = date.fromisoformat(found.group(1)), found.group(2)
        sentence = article.text[: found.start()].strip().splitlines()[-1]
        window = Window(sentence, day, day, certainty, sentence)  # type: ignore[arg-type]
        return Extraction(article, (Release("Busy Show", 2, None, "series", windows=(window,)),))


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """27 articles a day apart, each moving the premiere a day later; the first one is confirmed,
    so the best window is the oldest claim, which the limit would otherwise leave out."""
    work = tmp_path_factory.mktemp("busy")
    folder = work / "articles"
    folder.mkdir()
    for i in range(ARTICLES):
        published, premiere = date(2026, 3, 1) + timedelta(days=i), date(2027, 1, 1) + timedelta(days=i)
        certainty = "confirmed" if i == 0 else "reported"
        (folder / f"{i:02d}.txt").write_text(
            f" date {published.isoformat()} \nBusy Show news {i}\n\n"
            f"Busy Show season 2 premieres on day {i:02d}. [{premiere.isoformat()} {certainty}]\n",
            encoding="utf-8",
        )
    with open_store(work / "airdate.db") as store:
        tally = ingest(store, [str(folder)], NamedDay(), Settings())
    assert (tally.done, tally.failed) == (ARTICLES, 0)
    return work / "airdate.db"


def show(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["show", "Busy Show", "--season", "2", "--today", TODAY.isoformat(),
                                       "--db", str(db), *args])  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def window_lines(sheet: str) -> list[str]:
    section = sheet.split("windows (oldest first; * best, ~ superseded)\n")[1].split("\n\nhistory")[0]
    return [line for line in section.splitlines() if re.match(r"  [*~ ] \d{4}-", line)]


def test_show_gives_the_newest_windows_and_the_best_and_counts_the_rest(busy_db: Path) -> None:
    sheet = show(busy_db)
    lines = window_lines(sheet)
    assert len(lines) == 21  # the newest 20 and the best, the oldest
    assert lines[0].startswith("  * 2027-01-01  confirmed")
    assert lines[-1].startswith("    2027-01-27  reported")
    assert "2027-01-02" not in "\n".join(lines)  # the second article's window is left out
    assert "  … 6 older windows not shown (--limit 0 shows all)" in sheet


def test_show_limit_0_gives_every_window_and_change(busy_db: Path) -> None:
    sheet = show(busy_db, "--limit", "0")
    assert len(window_lines(sheet)) == ARTICLES
    assert "not shown" not in sheet


def test_show_limit_counts_what_each_list_leaves_out(busy_db: Path) -> None:
    sheet = show(busy_db, "--limit", "5")
    assert len(window_lines(sheet)) == 6
    assert "  … 21 older windows not shown (--limit 0 shows all)" in sheet
    history = sheet.split("\nhistory\n")[1].split("\n\ncast")[0].splitlines()
    # Each new reported day after the confirmed one changes nothing: the history is short, all of it shown.
    assert not any("not shown" in line for line in history)


def test_show_json_has_every_claim_whatever_the_limit(busy_db: Path) -> None:
    doc = json.loads(show(busy_db, "--json", "--limit", "3"))
    assert len(doc["windows"]) == ARTICLES
    assert doc["best"]["start"] == "2027-01-01"


def test_the_sheet_is_made_with_the_collector_paused_and_left_as_it_was(busy_db: Path) -> None:
    """`airdate show`'s sheet is the rendered state, and no collection runs while the claims load, reconcile
    or render, even with a threshold of one allocation (rendering a state made outside it does run them);
    the collector is on (or off) afterwards as it was before."""
    inside: list[str] = []  # the step each collection ran in

    def watch(phase: str, info: dict[str, int]) -> None:
        frame = sys._getframe(1)
        while phase == "start" and frame is not None:
            if frame.f_code.co_name in ("load_claims", "reconcile", "render_sheet"):
                inside.append(frame.f_code.co_name)
                return
            frame = frame.f_back

    threshold = gc.get_threshold()
    with open_store(busy_db) as store:
        (release,) = store.releases()
        state = release_state(store, release.id, TODAY)
        expected = render_sheet(state, limit=5)
        gc.callbacks.append(watch)
        gc.set_threshold(1)
        try:
            render_sheet(state, limit=5)
            assert "render_sheet" in inside
            for enabled in (True, False):
                (gc.enable if enabled else gc.disable)()
                inside.clear()
                sheet = sheet_text(store, release.id, TODAY, limit=5)
                after = gc.isenabled()
                assert inside == []
                assert after is enabled
        finally:
            gc.set_threshold(*threshold)
            gc.callbacks.remove(watch)
            gc.enable()
    assert sheet == expected and "not shown" in sheet


def test_show_help_teaches_the_limit() -> None:
    result = CliRunner().invoke(main, ["show", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "--limit INTEGER" in text and "0 shows all" in text and "--json always" in text


@pytest.mark.anyio
async def test_release_page_shows_the_newest_claims_and_links_to_all(busy_db: Path) -> None:
    async with make_client(create_app(busy_db, today=lambda: TODAY)) as client:
        with open_store(busy_db) as store:
            (rid,) = [r.id for r in store.releases()]
        tree = html.fromstring((await client.get(f"/release/{rid}")).text)
        claims = tree.cssselect(".timeline li.claim")
        assert len(claims) == 21  # the newest 20 and the best
        assert "best" in claims[0].get("class")
        more = " ".join(tree.cssselect(".timeline .more")[0].text_content().split())
        assert more == "… 6 older claims not shown: show all"
        assert tree.cssselect(".timeline .more a")[0].get("href") == f"/release/{rid}?all=1"

        every = html.fromstring((await client.get(f"/release/{rid}?all=1")).text)
        assert len(every.cssselect(".timeline li.claim")) == ARTICLES
        assert not every.cssselect(".more")

        api = (await client.get(f"/api/releases/{rid}")).json()
        assert len(api["windows"]) == ARTICLES


def test_the_sheet_counts_left_out_changes_cast_members_and_events() -> None:
    """Every article names a later day (a change each), a new actor and an event."""
    sources = [Source(k, date(2026, 3, 1) + timedelta(days=k), "Variety", digest=f"{k:02d}") for k in range(ARTICLES)]
    day = [date(2027, 1, 1) + timedelta(days=40 * k) for k in range(ARTICLES)]
    claims = ReleaseClaims(
        ReleaseInfo(1, "Busy Show", 2, None, "series"),
        windows=tuple(WindowClaim(day[k], day[k], "reported", f"day {k}", f"day {k}", s) for k, s in enumerate(sources)),
        events=tuple(EventClaim("renewed", None, "reported", "renewed", s) for s in sources),
        cast=tuple(CastClaim(f"Actor {k:02d}", None, "new", "joins", s) for k, s in enumerate(sources)),
    )
    state = reconcile(claims, TODAY)
    assert len(state.history) == ARTICLES and len(state.cast) == ARTICLES and len(state.events) == ARTICLES
    sheet = render_sheet(state, limit=4)
    for left_out in ("23 older windows", "23 earlier changes", "23 more cast members", "23 earlier events"):
        assert f"  … {left_out} not shown (--limit 0 shows all)" in sheet
    assert "Actor 03" in sheet and "Actor 04" not in sheet  # the first cast members
    assert f"per Variety on {sources[-1].published}" in sheet.split("\nhistory\n")[1]  # the newest change
    every = render_sheet(state, limit=None)
    assert "not shown" not in every and "Actor 26" in every and every.count("renewed (reported)") == ARTICLES
