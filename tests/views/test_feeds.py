"""The iCal calendar and the Atom feed, read back by independent parsers (icalendar, vobject, feedparser)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import feedparser
import httpx
import icalendar
import pytest
import vobject
from fastapi import FastAPI

from airdate.extract.pipeline import Extractor
from airdate.store import open_store
from airdate.views.board import select_board
from views.articles import NORTHWIND_DATED, add_articles
from views.conftest import DEMO, TODAY, ingest_folder, make_client

pytestmark = pytest.mark.anyio


def events_by_summary(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


# --- iCal ----------------------------------------------------------------------------------------------


async def test_calendar_has_one_all_day_event_per_release_with_a_window(
    client: httpx.AsyncClient, demo_db: Path
) -> None:
    r = await client.get("/calendar.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    with open_store(demo_db) as store:
        rows = [s for s in select_board(store, TODAY).rows if s.start or s.end]
    events = events_by_summary(r.content)
    assert len(events) == len(rows) >= 3  # Starfall Academy, presumed released, is left out
    harbor = events["Harbor Lights season 3 on Netflix"]  # confirmed: no "(confirmed)" suffix
    assert harbor["DTSTART"].dt == date(2027, 1, 14) and harbor["DTEND"].dt == date(2027, 1, 15)
    assert str(harbor["STATUS"]) == "CONFIRMED"
    northwind = events["Northwind season 2 on Disney+ (reported)"]
    # all-day: the window's first day, and the day after its last
    assert northwind["DTSTART"].dt == date(2026, 11, 1) and northwind["DTEND"].dt == date(2026, 11, 11)
    assert str(northwind["STATUS"]) == "TENTATIVE"
    gilded = next(e for s, e in events.items() if s.startswith("The Gilded Acre season 2"))
    assert str(gilded["SUMMARY"]).endswith("(speculated)") and str(gilded["STATUS"]) == "TENTATIVE"
    uids = [str(e["UID"]) for e in events.values()]
    assert len(set(uids)) == len(uids)
    description = str(northwind["DESCRIPTION"])
    assert "Sources:" in description and "012-northwind-s2-december.txt" in description
    assert "Sources disagree" in description
    assert str(harbor["URL"]) == f"http://airdate.test/release/{rows[[s.release.title for s in rows].index('Harbor Lights')].release.id}"


async def test_confirmed_only_for_a_confirmed_exact_day(client: httpx.AsyncClient, demo_db: Path) -> None:
    body = (await client.get("/calendar.ics", params={"all": "true"})).content
    with open_store(demo_db) as store:
        rows = {s.release.title: s for s in select_board(store, TODAY, everything=True).rows}
    for event in events_by_summary(body).values():
        exact = event["DTEND"].dt - event["DTSTART"].dt == timedelta(days=1)
        title = next(t for t in rows if str(event["SUMMARY"]).startswith(t))
        sure = rows[title].certainty == "confirmed"
        assert (str(event["STATUS"]) == "CONFIRMED") == (exact and sure), event["SUMMARY"]


async def test_a_second_parser_reads_the_calendar_the_same_way(client: httpx.AsyncClient) -> None:
    body = (await client.get("/calendar.ics")).content
    first = events_by_summary(body)
    second = vobject.readOne(body.decode("utf-8"))
    seen = {}
    for ev in second.vevent_list:
        seen[ev.summary.value] = (ev.dtstart.value, ev.dtend.value, ev.uid.value, ev.status.value, int(ev.sequence.value))
    assert seen == {
        s: (e["DTSTART"].dt, e["DTEND"].dt, str(e["UID"]), str(e["STATUS"]), int(e["SEQUENCE"]))
        for s, e in first.items()
    }


async def test_calendar_takes_the_board_filters(client: httpx.AsyncClient) -> None:
    netflix = events_by_summary((await client.get("/calendar.ics", params={"platform": "netflix"})).content)
    assert netflix and all(" on Netflix" in s for s in netflix)
    sure = events_by_summary((await client.get("/calendar.ics", params={"certainty": "confirmed"})).content)
    assert sure and all(str(e["STATUS"]) == "CONFIRMED" or "(" not in s for s, e in sure.items())
    r = await client.get("/calendar.ics", params={"within": "x"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid"


async def test_calendar_uids_survive_a_rebuilt_database(
    client: httpx.AsyncClient, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    again = ingest_folder(tmp_path / "again.db", DEMO, extractor)
    async with make_client(app_for(again)) as c:
        rebuilt = events_by_summary((await c.get("/calendar.ics")).content)
    original = events_by_summary((await client.get("/calendar.ics")).content)
    assert {s: str(e["UID"]) for s, e in rebuilt.items()} == {s: str(e["UID"]) for s, e in original.items()}


async def test_sequence_and_last_modified_move_only_when_the_window_does(
    fresh_db: Path, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    app = app_for(fresh_db)
    async with make_client(app) as c:
        before = {str(e["UID"]): e for e in events_by_summary((await c.get("/calendar.ics")).content).values()}
        add_articles(fresh_db, tmp_path, extractor, northwind=NORTHWIND_DATED)
        after = {str(e["UID"]): e for e in events_by_summary((await c.get("/calendar.ics")).content).values()}
    assert before.keys() == after.keys()  # the same events, updated in place: no duplicates
    moved = [u for u in after if after[u]["DTSTART"].dt != before[u]["DTSTART"].dt]
    assert len(moved) == 1
    new = after[moved[0]]
    assert str(new["SUMMARY"]) == "Northwind season 2 on Disney+"
    assert new["DTSTART"].dt == date(2026, 12, 16) and str(new["STATUS"]) == "CONFIRMED"
    assert int(new["SEQUENCE"]) == int(before[moved[0]]["SEQUENCE"]) + 1
    assert new["LAST-MODIFIED"].dt >= before[moved[0]]["LAST-MODIFIED"].dt
    for uid in set(after) - {moved[0]}:
        assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"])
        assert after[uid]["LAST-MODIFIED"].dt == before[uid]["LAST-MODIFIED"].dt


async def test_export_ics_writes_the_served_calendar(
    client: httpx.AsyncClient, demo_db: Path, tmp_path: Path
) -> None:
    served = (await client.get("/calendar.ics")).content
    out = tmp_path / "airdate.ics"
    done = subprocess.run(
        [sys.executable, "-m", "airdate.cli", "export", "--format", "ics", "--db", str(demo_db),
         "--today", TODAY.isoformat(), "--base-url", "http://airdate.test/", "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == served


# --- Atom ----------------------------------------------------------------------------------------------


async def test_atom_feed_parses_cleanly_with_one_entry_per_change(client: httpx.AsyncClient, demo_db: Path) -> None:
    r = await client.get("/feed.atom", params={"limit": 1000})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    with open_store(demo_db) as store:
        stored = store.changes(limit=1000)
    assert [e.id for e in feed.entries] == [c.id for c in stored]
    kinds = {e.tags[0].term for e in feed.entries}
    assert {"first_seen", "window", "confirmed", "delayed", "renewed", "premiered", "conflict"} <= kinds
    harbor = next(e for e in feed.entries if e.title == "Harbor Lights season 3: delayed")
    assert "2027-01-14" in harbor.content[0].value
    assert harbor.link.startswith("http://airdate.test/release/")
    assert harbor.published_parsed[:3] == (2026, 10, 8)  # 015, the article that reports the delay


async def test_atom_entry_ids_are_stable_and_new_changes_come_first(
    fresh_db: Path, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    async with make_client(app_for(fresh_db)) as c:
        first = feedparser.parse((await c.get("/feed.atom", params={"limit": 1000})).content)
        again = feedparser.parse((await c.get("/feed.atom", params={"limit": 1000})).content)
        add_articles(fresh_db, tmp_path, extractor, northwind=NORTHWIND_DATED)
        later = feedparser.parse((await c.get("/feed.atom", params={"limit": 1000})).content)
    assert [e.id for e in first.entries] == [e.id for e in again.entries]
    new = [e for e in later.entries if e.id not in {x.id for x in first.entries}]
    assert new and later.entries[: len(new)] == new  # the newest changes lead the feed
    assert {e.tags[0].term for e in new} >= {"confirmed"}
    assert all(e.title.startswith("Northwind season 2") for e in new)
    assert not later.bozo


async def test_feeds_answer_304_to_a_client_that_has_them(client: httpx.AsyncClient) -> None:
    for path in ("/calendar.ics", "/feed.atom"):
        first = await client.get(path)
        etag = first.headers["etag"]
        again = await client.get(path, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        other = await client.get(path, headers={"if-none-match": '"something-else"'})
        assert other.status_code == 200 and other.content == first.content
