"""`airdate link`, `sync` and `catalog update` through the real CLI, a real store and the loopback TVmaze."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from airdate.cli import main
from airdate.settings import TVMAZE_ENV
from tests.schedules.conftest import FakeTVmaze, settings_for

TODAY = "2026-11-24"


def invoke(fake: FakeTVmaze, *args: str | Path) -> Result:
    return CliRunner(env={TVMAZE_ENV: fake.base}).invoke(main, [str(a) for a in args])


def ok(fake: FakeTVmaze, *args: str | Path) -> str:
    result = invoke(fake, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("airdate: error: "), result.stderr
    return lines[0]


def board(fake: FakeTVmaze, db: Path) -> dict[str, dict[str, Any]]:
    rows = json.loads(ok(fake, "list", "--all", "--json", "--today", TODAY, "--db", db))
    return {r["title"]: r for r in rows}


def links(fake: FakeTVmaze, db: Path) -> dict[str, dict[str, Any]]:
    doc = json.loads(ok(fake, "link", "--allow-private", "--json", "--db", db))
    return {r["title"]: r["link"] for r in doc["releases"]}


def test_link_finds_exact_aka_ambiguous_and_unmatched_shows(tvmaze: FakeTVmaze, db: Path) -> None:
    found = links(tvmaze, db)
    assert "The Glass Cartographer" not in found  # a film: TVmaze lists series
    hl, nw = found["Harbor Lights"], found["Northwind"]
    assert (hl["state"], hl["show"]["id"], hl["method"]) == ("linked", 101, "search, name")
    assert (nw["state"], nw["show"]["id"]) == ("linked", 202)
    assert hl["confidence"] >= 0.9  # a name, its platform and its year agree
    sa = found["Starfall Academy"]
    assert (sa["state"], sa["show"]["id"], sa["method"]) == ("linked", 303, "search, aka")
    ss = found["Saltwater Saints"]
    assert ss["state"] == "ambiguous" and ss["show"] is None
    assert sorted(c["id"] for c in ss["candidates"]) == [404, 405]
    assert found["The Gilded Acre"]["state"] == "unmatched"
    # Linking again sends nothing for what is linked, and keeps the links.
    before = len(tvmaze.paths())
    again = links(tvmaze, db)
    assert again["Harbor Lights"]["state"] == "linked"
    assert not any("/shows/101" in p or "Harbor" in p for p in tvmaze.paths()[before:])


def test_link_by_hand_and_none_are_kept_and_shown(tvmaze: FakeTVmaze, db: Path) -> None:
    ok(tvmaze, "link", "--allow-private", "--db", db)
    rid = str(board(tvmaze, db)["Saltwater Saints"]["id"])
    out = ok(tvmaze, "link", rid, "--tvmaze", "405", "--by", "alice", "--allow-private", "--db", db)
    assert "linked to Saltwater Saints (TVmaze 405, Nine Network)" in out and "by hand by alice" in out
    again = links(tvmaze, db)
    assert again["Saltwater Saints"]["show"]["id"] == 405  # a later `airdate link` keeps it
    sheet = ok(tvmaze, "show", "Saltwater Saints", "--today", TODAY, "--db", db)
    assert "TVmaze 405" in sheet
    doc = json.loads(ok(tvmaze, "show", "Saltwater Saints", "--json", "--today", TODAY, "--db", db))
    assert doc["link"]["state"] == "linked" and doc["link"]["show"]["id"] == 405 and doc["link"]["by"] == "alice"
    acre = str(board(tvmaze, db)["The Gilded Acre"]["id"])
    assert "no TVmaze show, set by hand" in ok(tvmaze, "link", acre, "--none", "--db", db, "--allow-private")
    assert links(tvmaze, db)["The Gilded Acre"]["state"] == "none"


def test_link_refuses_bad_options_in_one_line(tvmaze: FakeTVmaze, db: Path) -> None:
    assert "contradict" in one_line_error(invoke(tvmaze, "link", "1", "--tvmaze", "5", "--none", "--db", db))
    assert "pass its ID" in one_line_error(invoke(tvmaze, "link", "--none", "--db", db))
    missing = one_line_error(invoke(tvmaze, "link", "1", "--tvmaze", "999", "--allow-private", "--db", db))
    assert "TVmaze has no show 999" in missing  # the loopback TVmaze answers 404
    refused = one_line_error(invoke(tvmaze, "link", "--db", db))  # loopback without --allow-private
    assert "private" in refused and "--allow-private" in refused
    assert "--tvmaze-url" in one_line_error(invoke(tvmaze, "link", "--tvmaze-url", "ftp://x", "--db", db))


def test_sync_dates_a_release_outranks_the_news_and_shows_the_conflict(tvmaze: FakeTVmaze, db: Path) -> None:
    news = board(tvmaze, db)["Harbor Lights"]
    assert (news["best"]["start"], news["best"]["certainty"]) == ("2027-01-14", "confirmed")
    ok(tvmaze, "link", "--allow-private", "--db", db)
    out = ok(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db)
    assert "Harbor Lights season 3 (TVmaze: Harbor Lights): premieres 2027-02-04 (1 new)" in out
    row = board(tvmaze, db)["Harbor Lights"]
    assert (row["best"]["start"], row["best"]["end"], row["best"]["certainty"]) == ("2027-02-04", "2027-02-04", "confirmed")
    assert row["conflicts"] >= 1 and row["status"] == "dated"
    doc = json.loads(ok(tvmaze, "show", "Harbor Lights", "--season", "3", "--json", "--today", TODAY, "--db", db))
    assert doc["best"]["source"]["kind"] == "schedule" and doc["best"]["source"]["label"] == "TVmaze schedule"
    sides = [{x["newer"]["source"]["label"], x["older"]["source"]["label"]} for x in doc["conflicts"]]
    assert any("TVmaze schedule" in pair and len(pair) == 2 for pair in sides)
    assert any(x["newer"]["start"] == "2027-02-04" or x["older"]["start"] == "2027-02-04" for x in doc["conflicts"])
    sheet = ok(tvmaze, "show", "Harbor Lights", "--season", "3", "--today", TODAY, "--db", db)
    assert "per TVmaze schedule on " in sheet and "! " in sheet


def test_an_aired_first_episode_marks_the_release_premiered(tvmaze: FakeTVmaze, db: Path) -> None:
    before = board(tvmaze, db)["Northwind"]
    assert before["overdue"] is True and before["status"] != "premiered"
    ok(tvmaze, "link", "--allow-private", "--db", db)
    out = ok(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db)
    assert "Northwind season 2 (TVmaze: Northwind): premieres 2026-11-06, aired 2026-11-06" in out
    after = board(tvmaze, db)["Northwind"]
    assert after["status"] == "premiered" and after["overdue"] is False
    upcoming = json.loads(ok(tvmaze, "list", "--json", "--today", TODAY, "--db", db))
    assert "Northwind" not in {r["title"] for r in upcoming}
    # Part 2 of a split season: its season's premiere aired, but that was part 1.
    assert "Starfall Academy season 2 part 2 (TVmaze: Hoshifuri Gakuen): part 2: the schedule dates only" in out
    assert board(tvmaze, db)["Starfall Academy"]["status"] != "premiered"


def test_a_second_sync_sends_etags_and_the_cache_answers_offline(tvmaze: FakeTVmaze, db: Path) -> None:
    ok(tvmaze, "link", "--allow-private", "--db", db)
    first = json.loads(ok(tvmaze, "sync", "--allow-private", "--json", "--today", TODAY, "--db", db))
    assert first["calls"]["sent"] > 0 and first["calls"]["not_modified"] == 0
    seen = len(tvmaze.log)
    second = json.loads(ok(tvmaze, "sync", "--allow-private", "--json", "--today", TODAY, "--db", db))
    again = tvmaze.log[seen:]
    assert again and all(x.headers.get("if-none-match") for x in again)
    assert {x.status for x in again} == {304} and second["calls"]["not_modified"] == len(again)
    assert second["counts"]["new"] == 0  # nothing new: dates keep their first-seen day
    seen = len(tvmaze.log)
    offline = json.loads(ok(tvmaze, "sync", "--offline", "--json", "--today", TODAY, "--db", db))
    assert len(tvmaze.log) == seen  # nothing sent
    assert offline["calls"]["from_cache"] > 0 and offline["counts"]["dated"] == first["counts"]["dated"]


def test_sync_help_says_what_goes_over_the_network(tvmaze: FakeTVmaze) -> None:
    text = ok(tvmaze, "sync", "--help")
    for needle in ("GET /shows/N/seasons", "GET /seasons/N/episodes", "20 requests per 10 s", "ETag", "--offline",
                   "429", "make run"):
        assert needle in text


@pytest.mark.parametrize("offline", [False])
def test_catalog_update_pages_the_index_then_follows_updates(tvmaze: FakeTVmaze, db: Path, offline: bool) -> None:
    first = json.loads(ok(tvmaze, "catalog", "update", "--allow-private", "--json", "--db", db))
    assert first["total"] == len(tvmaze.shows) and first["pages"] == 3 and first["since"] is None
    assert "/shows?page=3" in tvmaze.paths()  # the 404 past the last page ends the paging
    tvmaze.show(101)["show"]["name"] = "Harbor Lights (2023)"
    tvmaze.show(101)["show"]["updated"] = 1_900_000_000
    tvmaze.updates = {"101": 1_900_000_000, "202": 1_764_000_000}
    second = json.loads(ok(tvmaze, "catalog", "update", "--allow-private", "--json", "--db", db))
    assert (second["since"], second["updated"]) == ("day", 1)  # 202 is unchanged since the copy
    assert tvmaze.paths()[-2:] == ["/updates/shows?since=day", "/shows/101"]
    # With a catalog, linking needs no network at all.
    seen = len(tvmaze.log)
    found = {r["title"]: r["link"] for r in json.loads(
        ok(tvmaze, "link", "--offline", "--json", "--db", db))["releases"]}  # fmt: skip
    assert len(tvmaze.log) == seen
    assert found["Harbor Lights"]["show"]["id"] == 101 and found["Harbor Lights"]["method"] == "catalog, name"
    assert found["Saltwater Saints"]["state"] == "ambiguous"


@pytest.mark.anyio
async def test_the_web_sheet_api_changes_and_calendar_show_the_schedule(tvmaze: FakeTVmaze, db: Path) -> None:
    from datetime import date

    import feedparser
    import httpx
    import vobject

    from airdate.views.web import create_app

    ok(tvmaze, "link", "--allow-private", "--db", db)
    ok(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db)
    rid = board(tvmaze, db)["Harbor Lights"]["id"]
    app = create_app(db, today=lambda: date(2026, 11, 24))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://airdate.test") as client:
        doc = (await client.get(f"/api/releases/{rid}")).json()
        assert doc["link"]["show"]["id"] == 101 and doc["link"]["state"] == "linked" and doc["link"]["synced_at"]
        assert doc["best"]["source"]["kind"] == "schedule"
        page = (await client.get(f"/release/{rid}")).text
        assert "linked to Harbor Lights (TVmaze 101, Netflix)" in page and "https://www.tvmaze.com/shows/101/" in page
        kinds = {(c["release"]["id"], c["kind"]): c for c in (await client.get("/api/changes")).json()["items"]}
        scheduled = kinds[(rid, "scheduled")]
        assert scheduled["text"] == "date scheduled: 2027-02-04, per TVmaze schedule" and scheduled["source"] is None
        feed = feedparser.parse((await client.get("/feed.atom")).content)
        assert "Harbor Lights season 3: date scheduled" in [e.title for e in feed.entries]
        cal = vobject.readOne((await client.get("/calendar.ics")).text)
    event = next(e for e in cal.vevent_list if e.summary.value.startswith("Harbor Lights"))
    assert event.status.value == "CONFIRMED" and event.dtstart.value == date(2027, 2, 4)
    assert "Dated by the official schedule (TVmaze schedule)" in event.description.value


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_the_watcher_syncs_linked_releases_and_sends_nothing_without_links(tvmaze: FakeTVmaze, db: Path) -> None:
    import threading
    from datetime import date

    from airdate.watch.service import Lines, Watcher, sync_schedules

    said: list[str] = []
    lines = Lines(said.append)
    settings = settings_for(tvmaze)
    sync_schedules(db, settings, lines, stop=threading.Event(), today=date(2026, 11, 24))
    assert tvmaze.log == [] and said == []  # nothing linked yet: nothing sent, nothing said
    ok(tvmaze, "link", "--allow-private", "--db", db)
    sync_schedules(db, settings, lines, stop=threading.Event(), today=date(2026, 11, 24))
    assert said and said[-1].endswith("schedules: synced 3: 2 dated (3 new dates), 1 aired, 0 failed")
    assert board(tvmaze, db)["Northwind"]["status"] == "premiered"
    watcher = Watcher(db, settings, lines)
    assert watcher.scheduler.get_job("schedules") is None
    watcher.start()
    try:
        job = watcher.scheduler.get_job("schedules")
        assert job is not None and job.trigger.interval.total_seconds() == 86_400
    finally:
        watcher.stop()


def test_an_answer_of_the_wrong_shape_is_a_recorded_failure_not_a_traceback(tvmaze: FakeTVmaze, db: Path) -> None:
    ok(tvmaze, "link", "--allow-private", "--db", db)
    tvmaze.override["/shows/202/seasons"] = {"number": "not a list of seasons"}
    tvmaze.override["/shows/101/seasons"] = [{"number": 3, "premiereDate": None}]  # no id for its episodes
    result = invoke(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db)
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    failed = [line for line in result.stdout.splitlines() if "failed: TVmaze answered in an unexpected shape" in line]
    assert len(failed) == 2 and "synced 3:" in result.stdout and "2 failed" in result.stdout
    tvmaze.override["/shows"] = {"oops": 1}
    assert "unexpected shape" in one_line_error(invoke(tvmaze, "catalog", "update", "--allow-private", "--db", db))
