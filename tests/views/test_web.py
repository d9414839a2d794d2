"""The web app through httpx.ASGITransport over a real SQLite file built from the demo corpus."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from lxml import html

from airdate.extract.pipeline import Extractor
from airdate.store import open_store
from airdate.views.board import select_board
from views.articles import HOSTILE, NORTHWIND_DATED, add_articles
from views.conftest import TODAY, make_client

pytestmark = pytest.mark.anyio


def cards(page: str) -> dict[str, html.HtmlElement]:
    """Board cards by title + season label."""
    tree = html.fromstring(page)
    out = {}
    for li in tree.cssselect("li.card"):
        title = li.cssselect("h2 a")[0].text_content().strip()
        season = li.cssselect("h2 .season")
        out[title + (" " + season[0].text_content().strip() if season else "")] = li
    return out


def text_of(el: html.HtmlElement, selector: str) -> str:
    found = el.cssselect(selector)
    return " ".join(found[0].text_content().split()) if found else ""


# --- the board ---------------------------------------------------------------------------------------


async def test_board_shows_one_card_per_upcoming_release_earliest_first(
    client: httpx.AsyncClient, demo_db: Path
) -> None:
    r = await client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    found = cards(r.text)
    with open_store(demo_db) as store:
        expected = select_board(store, TODAY).rows
    assert [int(li.get("data-id")) for li in found.values()] == [s.release.id for s in expected]
    assert "Harbor Lights Season 3" in found and "Northwind Season 2" in found
    # Saltwater Saints premiered in May: past, so not a card, but counted as hidden.
    assert not any(k.startswith("Saltwater Saints") for k in found)
    assert "premiered or cancelled" in r.text


async def test_board_renders_countdown_window_and_badge_on_the_server(client: httpx.AsyncClient) -> None:
    found = cards((await client.get("/")).text)
    harbor = found["Harbor Lights Season 3"]
    # 2027-01-14 confirmed, counted from 2026-11-24: 51 days; the page works without JavaScript.
    assert text_of(harbor, ".countdown") == "in 51 days"
    assert text_of(harbor, ".when").startswith("January 14, 2027")
    assert text_of(harbor, ".badge-confirmed") == "confirmed"
    assert text_of(harbor, ".platform") == "Netflix"
    countdown = harbor.cssselect(".countdown")[0]
    assert (countdown.get("data-start"), countdown.get("data-end")) == ("2027-01-14", "2027-01-14")
    gilded = found["The Gilded Acre Season 2"]
    assert text_of(gilded, ".badge-speculated") == "speculated"
    assert text_of(gilded, ".countdown") == "in 38+ days"  # open-ended: "unlikely before 2027"


async def test_board_marks_recent_changes_and_conflicts(
    client: httpx.AsyncClient, demo_db: Path, app_for: Callable[..., FastAPI]
) -> None:
    # Netflix's delay of Harbor Lights was published on 2026-10-08 (article 015): a recent
    # change twelve days later, an old one by 2026-11-24 (the mark covers 30 days).
    async with make_client(app_for(demo_db, date(2026, 10, 20))) as c:
        then = cards((await c.get("/")).text)
    assert "changed" in then["Harbor Lights Season 3"].get("class").split()
    assert "changed 2026-10-08" in text_of(then["Harbor Lights Season 3"], ".change")
    assert "2027-01-14" in text_of(then["Harbor Lights Season 3"], ".change")
    assert "changed" not in (then["Starfall Academy Season 2 · Part 2"].get("class") or "").split()
    now = cards((await client.get("/")).text)
    assert "changed" not in now["Harbor Lights Season 3"].get("class").split()
    northwind = now["Northwind Season 2"]
    assert text_of(northwind, ".badge-conflict") == "sources disagree"
    assert text_of(northwind, ".countdown") == "overdue"  # early November passed with no premiere


@pytest.mark.parametrize(
    ("query", "expect_in", "expect_out"),
    [
        ("platform=netflix", {"Harbor Lights Season 3"}, {"Northwind Season 2"}),
        ("platform=Disney%2B", {"Northwind Season 2"}, {"Harbor Lights Season 3"}),
        ("certainty=speculated", {"The Gilded Acre Season 2"}, {"Harbor Lights Season 3"}),
        ("within=45", {"The Gilded Acre Season 2"}, {"Harbor Lights Season 3"}),
        ("q=harbour+lights", {"Harbor Lights Season 3"}, {"Northwind Season 2"}),
        ("q=&platform=&certainty=&within=", {"Harbor Lights Season 3", "Northwind Season 2"}, set()),
    ],
)
async def test_board_filters(
    client: httpx.AsyncClient, query: str, expect_in: set[str], expect_out: set[str]
) -> None:
    r = await client.get(f"/?{query}")
    assert r.status_code == 200
    found = set(cards(r.text))
    assert expect_in <= found
    assert not (expect_out & found)


async def test_board_filter_form_keeps_the_chosen_values(client: httpx.AsyncClient) -> None:
    tree = html.fromstring((await client.get("/?platform=netflix&certainty=confirmed&q=harbor")).text)
    assert tree.cssselect("select[name=platform] option[selected]")[0].get("value") == "Netflix"
    assert tree.cssselect("select[name=certainty] option[selected]")[0].get("value") == "confirmed"
    assert tree.cssselect("input[name=q]")[0].get("value") == "harbor"
    options = [o.get("value") for o in tree.cssselect("select[name=platform] option")]
    assert {"Netflix", "Disney+", "HBO Max"} <= set(options)


async def test_board_with_no_match_says_so(client: httpx.AsyncClient) -> None:
    r = await client.get("/?q=zzzz+nothing+like+it")
    assert r.status_code == 200
    assert cards(r.text) == {}
    assert "Nothing matches" in r.text


async def test_board_pages(demo_db: Path, app_for: Callable[..., FastAPI], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("airdate.views.web.PAGE_SIZE", 2)
    async with make_client(app_for(demo_db)) as c:
        first, second = (await c.get("/?all=true")).text, (await c.get("/?all=true&page=2")).text
    assert len(cards(first)) == 2 and cards(second)
    assert not set(cards(first)) & set(cards(second))
    assert 'rel="next"' in first and "all=true" in html.fromstring(first).cssselect("a[rel=next]")[0].get("href")


# --- the fact sheet ------------------------------------------------------------------------------------


async def test_release_page_lays_out_claims_conflicts_cast_and_events(
    client: httpx.AsyncClient, demo_db: Path
) -> None:
    board = cards((await client.get("/")).text)
    rid = board["Northwind Season 2"].get("data-id")
    with open_store(demo_db) as store:
        stored = store.claims(int(rid))
    r = await client.get(f"/release/{rid}")
    assert r.status_code == 200
    tree = html.fromstring(r.text)
    assert " ".join(tree.cssselect("h1")[0].text_content().split()) == "Northwind Season 2"
    claims = tree.cssselect(".timeline li.claim")
    assert len(claims) >= 3
    quotes = [" ".join(c.cssselect("blockquote")[0].text_content().split()) for c in claims]
    # every window and event claim is on the timeline with its evidence sentence
    assert sorted(quotes) == sorted(" ".join(c.sentence.split()) for c in stored.windows + stored.events)
    # each claim names its article, publisher and day
    assert all(c.cssselect(".source") and re.search(r"\d{4}-\d\d-\d\d", c.text_content()) for c in claims)
    assert tree.cssselect(".timeline li.best")
    assert len(tree.cssselect(".conflicts .conflict")) >= 1
    cast = " ".join(tree.cssselect(".cast")[0].text_content().split())
    assert "Hana Vesely as Dr. Lise Moravec" in cast
    events = " ".join(tree.cssselect(".events")[0].text_content().split())
    assert "renewed" in events


async def test_release_page_shows_delays(client: httpx.AsyncClient) -> None:
    rid = cards((await client.get("/")).text)["Harbor Lights Season 3"].get("data-id")
    tree = html.fromstring((await client.get(f"/release/{rid}")).text)
    delays = " ".join(t.text_content() for t in tree.cssselect(".conflicts .delay"))
    assert "2027-01-14" in delays


async def test_unknown_release_page_is_a_404_page_for_browsers_and_json_otherwise(client: httpx.AsyncClient) -> None:
    r = await client.get("/release/999999", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no release with id 999999" in r.text
    r = await client.get("/release/999999")
    assert r.status_code == 404
    assert r.json() == {"error": {"status": 404, "code": "not_found", "message": "no release with id 999999"}}


# --- security ------------------------------------------------------------------------------------------


async def test_article_markup_is_shown_inert(
    fresh_db: Path, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    add_articles(fresh_db, tmp_path, extractor, hostile=HOSTILE)
    async with make_client(app_for(fresh_db)) as c:
        board = (await c.get("/")).text
        ids = [li.get("data-id") for k, li in cards(board).items() if k.startswith("Moon Harbor")]
        assert ids, "the hostile article's release should be on the board"
        pages = [board] + [(await c.get(f"/release/{i}")).text for i in ids]
    for page in pages:
        tree = html.fromstring(page)
        # the only script element is the app's own, loaded from its origin
        assert [s.get("src") for s in tree.iter("script")] == ["/static/countdown.js"]
        assert not tree.cssselect("img") and not tree.xpath("//*[@onerror or @onmouseover]")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in board
    sheet = " ".join(pages[1:])
    assert "&lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;" in sheet or "&lt;script&gt;alert(\"s\")" in sheet
    assert "&lt;img src=x onerror=alert(1)&gt;" in sheet


async def test_every_response_carries_the_content_security_policy(client: httpx.AsyncClient) -> None:
    for path in ("/", "/api/releases", "/calendar.ics", "/feed.atom", "/nope", "/static/style.css"):
        r = await client.get(path)
        csp = r.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'", path  # no inline script, no eval, no other origin
        assert directives["default-src"] == "'none'"
        assert r.headers["x-content-type-options"] == "nosniff"


async def test_there_are_no_write_endpoints(client: httpx.AsyncClient) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/", "/api/releases", "/api/releases/1", "/calendar.ics"):
            r = await client.request(method, path)
            assert r.status_code == 405, (method, path)
            assert r.json()["error"]["code"] == "method_not_allowed"


async def test_the_app_cannot_write_to_the_store(demo_db: Path, app_for: Callable[..., FastAPI]) -> None:
    app = app_for(demo_db)
    store = app.state.ctx.store()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM board")


async def test_every_route_answers_while_another_process_writes_and_writes_nothing(
    fresh_db: Path, app_for: Callable[..., FastAPI]
) -> None:
    with open_store(fresh_db) as store:
        store.defer_board = True
        store.rebuild_board()  # every release waits for its board row, as between an ingest's flushes
    watcher = sqlite3.connect(fresh_db, isolation_level=None)
    writer = sqlite3.connect(fresh_db, isolation_level=None)
    try:
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        writer.execute("BEGIN IMMEDIATE")  # held, as an ingest holds it while storing an article
        writer.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
        async with make_client(app_for(fresh_db)) as c:
            board = await c.get("/")
            assert board.status_code == 200
            rid = cards(board.text)["Northwind Season 2"].get("data-id")
            for path in (f"/release/{rid}", "/api/releases", f"/api/releases/{rid}", f"/api/releases/{rid}/claims",
                         "/api/changes", "/calendar.ics", "/feed.atom", "/static/style.css", "/feeds",
                         "/?following=1"):  # fmt: skip
                assert (await c.get(path)).status_code == 200, path
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version  # nothing committed meanwhile
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        watcher.close()


# --- the JSON API -------------------------------------------------------------------------------------


async def test_api_releases_pages_through_the_board(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/api/releases", params={"all": "true"})).json()
    assert everything["total"] == len(everything["items"]) >= 5 and everything["next"] is None
    seen, url = [], "/api/releases?all=true&limit=2"
    while url:
        page = (await client.get(url)).json()
        assert page["total"] == everything["total"] and len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert seen == [item["id"] for item in everything["items"]]
    beyond = (await client.get("/api/releases", params={"offset": 1000})).json()
    assert beyond["items"] == [] and beyond["next"] is None


async def test_api_releases_takes_the_board_filters(client: httpx.AsyncClient) -> None:
    r = (await client.get("/api/releases", params=[("certainty", "confirmed"), ("certainty", "reported")])).json()
    assert r["items"] and {i["best"]["certainty"] for i in r["items"]} <= {"confirmed", "reported"}
    r = (await client.get("/api/releases", params={"platform": "Netflix"})).json()
    assert r["items"] and all("Netflix" in i["platforms"] for i in r["items"])
    harbor = next(i for i in r["items"] if i["title"] == "Harbor Lights")
    assert harbor["countdown"] == {"from": "2026-11-24", "days_to_start": 51, "days_to_end": 51, "text": "in 51 days"}
    assert harbor["url"].endswith(f"/api/releases/{harbor['id']}")


async def test_api_release_and_claims_carry_sources_and_sentences(client: httpx.AsyncClient) -> None:
    items = (await client.get("/api/releases", params={"q": "northwind"})).json()["items"]
    rid = items[0]["id"]
    state = (await client.get(f"/api/releases/{rid}")).json()
    assert state["title"] == "Northwind" and state["season"] == 2
    assert len(state["conflicts"]) >= 1 and state["overdue"] is True
    claims = (await client.get(f"/api/releases/{rid}/claims")).json()
    assert claims["release"]["id"] == rid
    assert {p["name"] for p in claims["platforms"]} == {"Disney+"}
    for w in claims["windows"]:
        assert w["sentence"] and w["source"]["published"] and w["source"]["label"]
    assert any(c["actor"] == "Hana Vesely" and c["character"] == "Dr. Lise Moravec" for c in claims["cast"])


async def test_api_errors_have_one_shape(client: httpx.AsyncClient) -> None:
    cases = {
        "/api/releases/999999": 404,
        "/api/releases/999999/claims": 404,
        "/api/releases/0": 422,
        "/api/releases/99999999999999999999999": 422,
        "/api/releases/abc": 422,
        "/api/releases?limit=0": 422,
        "/api/releases?within=-3": 422,
        "/api/releases?certainty=maybe": 422,
        "/api/releases?status=gone": 422,
        "/api/changes?since=yesterday": 422,
        "/api/nothing-here": 404,
    }
    for path, status in cases.items():
        r = await client.get(path)
        assert r.status_code == status, path
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}, path
        assert body["error"]["status"] == status and body["error"]["message"], path
    message = (await client.get("/api/releases?within=-3")).json()["error"]["message"]
    assert message.startswith("within:")


# --- changes ------------------------------------------------------------------------------------------


async def test_api_changes_since_gives_only_what_was_recorded_later(
    fresh_db: Path, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    async with make_client(app_for(fresh_db)) as c:
        before = (await c.get("/api/changes", params={"limit": 1000})).json()["items"]
        assert {i["kind"] for i in before} >= {"first_seen", "delayed", "renewed", "premiered", "conflict"}
        newest_seen = max(i["seen"] for i in before)
        assert (await c.get("/api/changes", params={"since": newest_seen})).json()["items"] == []
        add_articles(fresh_db, tmp_path, extractor, northwind=NORTHWIND_DATED)
        later = (await c.get("/api/changes", params={"since": newest_seen})).json()["items"]
        again = (await c.get("/api/changes", params={"limit": 1000})).json()["items"]
    assert later, "the new article's changes are reported"
    assert all(i["release"]["title"] == "Northwind" for i in later)
    assert any(i["kind"] == "confirmed" and "2026-12-16" in i["text"] for i in later)
    # what was there before keeps its id (feed readers and pollers see each change once)
    old_ids = {i["id"] for i in before}
    assert old_ids - {i["id"] for i in again} <= {i["id"] for i in before if i["kind"] == "conflict"}


async def test_the_board_follows_new_articles_and_answers_304_when_unchanged(
    fresh_db: Path, tmp_path: Path, extractor: Extractor, app_for: Callable[..., FastAPI]
) -> None:
    async with make_client(app_for(fresh_db)) as c:
        before = await c.get("/")
        assert text_of(cards(before.text)["Northwind Season 2"], ".countdown") == "overdue"
        same = await c.get("/", headers={"if-none-match": before.headers["etag"]})
        assert same.status_code == 304
        api_before = (await c.get("/api/releases", params={"q": "northwind"})).json()["items"][0]
        add_articles(fresh_db, tmp_path, extractor, northwind=NORTHWIND_DATED)
        after = await c.get("/", headers={"if-none-match": before.headers["etag"]})
        api_after = (await c.get("/api/releases", params={"q": "northwind"})).json()["items"][0]
    assert api_before["best"]["certainty"] == "reported"
    assert api_after["best"] == {"start": "2026-12-16", "end": "2026-12-16", "certainty": "confirmed", "text": "December 16"}
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    northwind = cards(after.text)["Northwind Season 2"]
    assert text_of(northwind, ".countdown") == "in 22 days"  # December 16, now confirmed
    assert text_of(northwind, ".badge-confirmed") == "confirmed"


async def test_a_stored_non_http_link_is_neither_rendered_nor_returned(
    fresh_db: Path, app_for: Callable[..., FastAPI], extractor: Extractor
) -> None:
    # A store written before links were checked may hold a feed's javascript: link.
    from airdate.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION
    from airdate.sources.text import parse_text

    article = parse_text(NORTHWIND_DATED.replace("Northwind", "Glass Reef"), label="evil")
    article = replace(article, url="javascript:alert(document.cookie)")
    with open_store(fresh_db) as store:
        store.add_article(article, extractor.extract(article), EXTRACTOR_NAME, EXTRACTOR_VERSION)
        (info,) = store.find_releases("Glass Reef")
    async with make_client(app_for(fresh_db)) as c:
        page = (await c.get(f"/release/{info.id}")).text
        api = (await c.get(f"/api/releases/{info.id}")).json()
    assert "javascript:" not in page
    assert "Glass Reef" in page

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    found = strings(api)
    assert any("Glass Reef" in s for s in found)  # the release is there, its sources with it
    assert not any(s.lstrip().lower().startswith("javascript:") for s in found)


async def test_head_answers_wherever_get_does(client: httpx.AsyncClient, demo_db: Path) -> None:
    from fastapi.routing import APIRoute

    from airdate.views.web import create_app

    rid = cards((await client.get("/")).text)["Northwind Season 2"].get("data-id")
    concrete = {
        "/": "/", "/release/{release_id}": f"/release/{rid}", "/api/releases": "/api/releases",
        "/api/releases/{release_id}": f"/api/releases/{rid}", "/api/releases/{release_id}/claims": f"/api/releases/{rid}/claims",
        "/api/changes": "/api/changes", "/calendar.ics": "/calendar.ics", "/feed.atom": "/feed.atom",
        "/openapi.json": "/openapi.json", "/api/docs": "/api/docs", "/static/{name}": "/static/style.css",
        "/feeds": "/feeds",
    }
    routes = {r.path for r in create_app(demo_db).routes if "GET" in getattr(r, "methods", set()) or isinstance(r, APIRoute)}
    writes = {"/login", "/logout", "/release/{release_id}/{action}"}  # 403 without a token: tests/views/test_writes.py
    assert routes - {"/docs/oauth2-redirect"} - writes <= set(concrete), "a new GET route needs a HEAD check here"
    for url in concrete.values():
        get, head = await client.get(url), await client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head.headers["content-type"] == get.headers["content-type"], url
        assert head.content == b"", url
    assert (await client.head("/release/999999")).status_code == 404
    schema = (await client.get("/openapi.json")).json()
    assert not any("head" in ops for ops in schema["paths"].values())  # one operation per path in the schema
