"""Stale rows (issue 12, item 6): an overdue window ended more than N days ago is presumed released.

Three releases in a real SQLite file, counted from TODAY: one whose window ended 31 days
before (presumed released, off the default board), one 29 days before (still overdue), and
one that ended long ago but premiered (unaffected: premiered, hidden as before).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from airdate.cli import main
from airdate.models import Article, Event, Extraction, Release, Window
from airdate.store import open_store
from airdate.views.board import select_board
from airdate.views.web import create_app

TODAY = date(2026, 11, 24)



def add(db: Path, title: str, end: date, *, premiered: bool = False) -> None:
    """One hand-made article: `title` season 1 confirmed for the single day `end` (and its premiere)."""
    published = end - timedelta(days=60)
    text = f"{title} news of {published}."
    article = Article(text, f"/news/{title}.txt", None, text, published, "Variety")
    events = (Event("premiered", end.isoformat(), "confirmed", f"{title} premiered."),) if premiered else ()
    window = Window(end.strftime("%B %-d"), end, end, "confirmed", f"It arrives {end}.")
    release = Release(title, 1, None, "series", ("Netflix",), (window,), events=events)
    with open_store(db) as store:
        store.add_article(article, Extraction(article, (release,)), "hand", "1")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "airdate.db"
    add(path, "Long Gone", TODAY - timedelta(days=31))
    add(path, "Just Late", TODAY - timedelta(days=29))
    add(path, "Aired Fine", TODAY - timedelta(days=40), premiered=True)
    add(path, "Coming Soon", TODAY + timedelta(days=10))
    return path


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def listed(db: Path, *args: str) -> dict[str, dict[str, Any]]:
    rows = json.loads(invoke("list", "--db", db, "--json", "--today", TODAY.isoformat(), *args).stdout)
    return {r["title"]: r for r in rows}


def test_a_window_ended_over_30_days_ago_is_presumed_released_and_off_the_board(db: Path) -> None:
    rows = listed(db)
    assert list(rows) == ["Just Late", "Coming Soon"]
    assert (rows["Just Late"]["overdue"], rows["Just Late"]["presumed_released"]) == (True, False)
    everything = listed(db, "--all")
    assert list(everything) == ["Aired Fine", "Long Gone", "Just Late", "Coming Soon"]
    gone = everything["Long Gone"]
    assert (gone["status"], gone["overdue"], gone["presumed_released"]) == ("dated", True, True)
    aired = everything["Aired Fine"]
    assert (aired["status"], aired["overdue"], aired["presumed_released"]) == ("premiered", False, False)


def test_the_table_names_the_status_and_counts_what_it_hides(db: Path) -> None:
    out = invoke("list", "--db", db, "--today", TODAY.isoformat()).stdout
    assert "Long Gone" not in out
    assert "overdue" in next(line for line in out.splitlines() if "Just Late" in line)
    assert " ".join(out.splitlines()[-2:]).endswith(
        "1 premiered or cancelled and 1 presumed released hidden (--all shows them)"
    )
    full = invoke("list", "--db", db, "--today", TODAY.isoformat(), "--all").stdout
    assert next(line for line in full.splitlines() if "Long Gone" in line).endswith("presumed released")


def test_stale_days_and_the_status_filter(db: Path) -> None:
    assert list(listed(db, "--stale-days", "28")) == ["Coming Soon"]
    assert list(listed(db, "--stale-days", "31")) == ["Long Gone", "Just Late", "Coming Soon"]
    assert list(listed(db, "--status", "presumed released")) == ["Long Gone"]
    assert list(listed(db, "--status", "overdue")) == ["Just Late"]
    assert list(listed(db, "--status", "dated")) == ["Just Late", "Coming Soon"]
    assert list(listed(db, "--status", "premiered")) == ["Aired Fine"]


def test_the_fact_sheet_says_presumed_released(db: Path) -> None:
    out = invoke("show", "Long Gone", "--db", db, "--today", TODAY.isoformat()).stdout
    assert "presumed released" in out
    doc = json.loads(invoke("show", "Long Gone", "--json", "--db", db, "--today", TODAY.isoformat()).stdout)
    assert doc["presumed_released"] is True
    late = json.loads(invoke("show", "Just Late", "--json", "--db", db, "--today", TODAY.isoformat()).stdout)
    assert (late["overdue"], late["presumed_released"]) == (True, False)


def test_select_board_counts_the_stale_rows(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        page = select_board(store, TODAY)
        assert ([s.release.title for s in page.rows], page.hidden, page.stale) == (["Just Late", "Coming Soon"], 1, 1)
        assert len(select_board(store, TODAY, everything=True).rows) == 4


@pytest.mark.anyio
async def test_the_web_board_api_and_calendar_hide_it_unless_all(db: Path) -> None:
    app = create_app(db, today=lambda: TODAY)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://airdate.test") as client:
        api = (await client.get("/api/releases")).json()
        assert [r["title"] for r in api["items"]] == ["Just Late", "Coming Soon"]
        every = (await client.get("/api/releases", params={"all": "1"})).json()
        gone = next(r for r in every["items"] if r["title"] == "Long Gone")
        assert gone["presumed_released"] is True
        page = (await client.get("/")).text
        assert "Just Late" in page and "Long Gone" not in page
        assert "Long Gone" in (await client.get("/", params={"all": "1"})).text
        ics = Calendar.from_ical((await client.get("/calendar.ics")).content)
        summaries = [str(e["SUMMARY"]) for e in ics.walk("VEVENT")]
        assert not any("Long Gone" in s for s in summaries) and any("Just Late" in s for s in summaries)
        page = (await client.get(f"/release/{gone['id']}")).text
        assert "presumed released" in page
