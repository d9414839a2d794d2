"""The watchlist on the web: `/?following=1`, `/api/releases?following=1` and `/calendar.ics?following=1`
(read back by icalendar and vobject), and the read-only /feeds page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import vobject
from fastapi import FastAPI
from lxml import html

from airdate.store import open_store
from airdate.store import subscriptions as subs
from airdate.store.follows import follow, unfollow
from views.conftest import make_client

pytestmark = pytest.mark.anyio


async def test_the_board_and_calendar_of_followed_shows_only(
    fresh_db: Path, app_for: Callable[..., FastAPI]
) -> None:
    async with make_client(app_for(fresh_db)) as client:
        everything = icalendar.Calendar.from_ical((await client.get("/calendar.ics")).content).walk("VEVENT")
        assert len(everything) > 1
        none = await client.get("/calendar.ics", params={"following": "1"})
        assert none.status_code == 200
        assert icalendar.Calendar.from_ical(none.content).walk("VEVENT") == []
        page = html.fromstring((await client.get("/", params={"following": "1"})).text)
        assert page.cssselect("li.card") == []
        assert "airdate follow TITLE" in page.cssselect("p.empty")[0].text_content()

        with open_store(fresh_db) as store:
            follow(store, "Northwind")
            follow(store, "Harbor Lights", 3)
        r = await client.get("/calendar.ics", params={"following": "1"})
        summaries = sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(r.content).walk("VEVENT"))
        assert len(summaries) == 2
        assert summaries[0].startswith("Harbor Lights season 3") and summaries[1].startswith("Northwind season 2")
        parsed = vobject.readOne(r.text)  # a second, independent parser
        assert sorted(e.summary.value for e in parsed.vevent_list) == summaries

        page = html.fromstring((await client.get("/", params={"following": "1"})).text)
        assert sorted(h.text_content().split(" Season")[0] for h in page.cssselect("li.card h2")) == [
            "Harbor Lights", "Northwind",
        ]  # fmt: skip
        assert page.cssselect('input[name="following"]')[0].get("checked") is not None
        api = (await client.get("/api/releases", params={"following": "true"})).json()
        assert sorted(i["title"] for i in api["items"]) == ["Harbor Lights", "Northwind"]

        # An unfollow shows at once: the cached calendar is for the store's previous generation.
        with open_store(fresh_db) as store:
            unfollow(store, "Northwind")
        r = await client.get("/calendar.ics", params={"following": "1"})
        assert [str(e["SUMMARY"]).split(" on ")[0] for e in icalendar.Calendar.from_ical(r.content).walk("VEVENT")] == [
            "Harbor Lights season 3"
        ]


async def test_the_feeds_page_shows_each_feed_and_its_state(
    fresh_db: Path, app_for: Callable[..., FastAPI]
) -> None:
    async with make_client(app_for(fresh_db)) as client:
        empty = html.fromstring((await client.get("/feeds")).text)
        assert "airdate feeds add URL" in empty.cssselect("p.empty")[0].text_content()
        with open_store(fresh_db) as store:
            ok = subs.add_feed(store, "https://nightdesk.example/tv/rss", every=1800, full_text=True)[0]
            bad = subs.add_feed(store, "https://down.example/rss", every=3600, full_text=False)[0]
            at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
            subs.record_success(store, ok.id, at, at, title="Night <b>Desk</b>")
            subs.record_error(store, bad.id, at, "HTTP 500 Internal Server Error fetching https://down.example/rss", at)
        r = await client.get("/feeds")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        page = html.fromstring(r.text)
        feeds = page.cssselect("li.feed")
        assert [f.get("data-id") for f in feeds] == [str(ok.id), str(bad.id)]
        assert feeds[0].cssselect("h2")[0].text_content() == "Night <b>Desk</b>"  # shown as text, not markup
        assert "every 30m, each item's page read in full" in feeds[0].text_content()
        assert "2026-11-24 09:30Z" in feeds[0].text_content()
        assert feeds[1].get("class") == "feed failing"
        assert feeds[1].cssselect("dd.state")[0].text_content() == "failing (1 in a row)"
        assert "HTTP 500" in feeds[1].cssselect("dd.error")[0].text_content()
        assert page.cssselect('nav a[href="/feeds"]')
        assert (await client.head("/feeds")).status_code == 200
