"""Writes from the web (issue 12, item 7), over the real app's ASGI transport and a real SQLite file.

Without a token the server is read-only exactly as before: no buttons, every write a 403 that
says how to allow writes, nothing stored. With one: a login form sets a signed session cookie,
every form must send back its session's CSRF token, and the JSON API takes
`Authorization: Bearer TOKEN`. Each write is checked in the store, as the CLI would have made it.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from lxml import html

from airdate.cli import main
from airdate.store import open_store
from airdate.store.curation import curation
from airdate.store.follows import follows
from airdate.views.auth import SESSION_COOKIE
from airdate.views.web import CSP, create_app
from views.conftest import TODAY, make_client

pytestmark = pytest.mark.anyio
TOKEN = "harbor-lights-token-2027"  # 24 characters
BEARER = {"authorization": f"Bearer {TOKEN}"}


def written(db: Path) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Everything a web write could have left: the follows, and the curations with their author."""
    with open_store(db, read_only=True) as store:
        names = [f.name for f in follows(store)]
        rows = store.conn.execute("SELECT release_id, kind, by FROM curations ORDER BY release_id, kind").fetchall()
    return names, [(int(r), str(k), str(b)) for r, k, b in rows]


def card_ids(page: str) -> dict[str, int]:
    tree = html.fromstring(page)
    out = {}
    for li in tree.cssselect("li.card"):
        season = li.cssselect("h2 .season")
        name = li.cssselect("h2 a")[0].text_content() + (" " + season[0].text_content() if season else "")
        out[name] = int(li.get("data-id"))
    return out


def csrf_of(page: str) -> str:
    found = html.fromstring(page).cssselect('input[name="csrf"]')
    assert found, "no form with a CSRF token on the page"
    return str(found[0].get("value"))


def write_forms(page: str) -> list[str]:
    return [f.get("action") for f in html.fromstring(page).cssselect("form.write")]


@pytest.fixture
async def open_client(fresh_db: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A server with a token, over a private copy of the demo database."""
    async with make_client(create_app(fresh_db, today=lambda: TODAY, token=TOKEN)) as client:
        yield client


async def sign_in(client: httpx.AsyncClient, token: str = TOKEN, next: str = "/") -> httpx.Response:
    page = await client.get("/login", params={"next": next})
    assert page.status_code == 200
    return await client.post("/login", data={"token": token, "csrf": csrf_of(page.text), "next": next})


# --- read-only without a token ---------------------------------------------------------------------------


async def test_without_a_token_nothing_can_be_written_and_no_button_shows(
    fresh_db: Path, app_for: Callable[..., FastAPI]
) -> None:
    before = written(fresh_db)
    async with make_client(app_for(fresh_db)) as client:
        board = await client.get("/")
        harbor = card_ids(board.text)["Harbor Lights Season 3"]
        sheet = await client.get(f"/release/{harbor}")
        for page in (board, sheet):
            assert write_forms(page.text) == [] and "/login" not in page.text
            assert SESSION_COOKIE not in page.headers.get("set-cookie", "")
        attempts = [
            ("GET", "/login", {}),
            ("POST", "/login", {"data": {"token": TOKEN}}),
            ("POST", f"/release/{harbor}/follow", {"data": {"csrf": "x"}}),
            ("POST", f"/release/{harbor}/hide", {}),
            ("POST", f"/api/releases/{harbor}/follow", {"headers": BEARER}),
            ("POST", f"/api/releases/{harbor}/hide", {"headers": BEARER, "json": {"note": "x"}}),
            ("DELETE", f"/api/releases/{harbor}/follow", {"headers": BEARER}),
            ("POST", f"/api/releases/{harbor}/premiered", {"headers": BEARER}),
        ]
        for method, url, extra in attempts:
            r = await client.request(method, url, **extra)
            assert r.status_code == 403, (method, url, r.text)
            message = r.json()["error"]["message"]
            assert message.startswith("this server is read-only") and "AIRDATE_TOKEN" in message, message
        # A browser gets the same refusal as a page, under the same CSP.
        page = await client.post(f"/release/{harbor}/follow", headers={"accept": "text/html"})
        assert page.status_code == 403 and "read-only" in page.text and page.headers["content-security-policy"] == CSP
        # The schema documents no write, as before.
        paths = (await client.get("/openapi.json")).json()["paths"]
        assert not any(set(ops) & {"post", "delete"} for ops in paths.values())
    assert written(fresh_db) == before == ([], [])


# --- the page: login, session, CSRF ---------------------------------------------------------------------------


async def test_a_wrong_token_signs_nobody_in(open_client: httpx.AsyncClient, fresh_db: Path) -> None:
    board = await open_client.get("/")
    assert html.fromstring(board.text).cssselect("a.signin")  # the way in shows ...
    assert write_forms(board.text) == []  # ... and no button does, before signing in
    for wrong in ("", "nope", TOKEN[:-1], TOKEN + "x", TOKEN.upper()):
        r = await sign_in(open_client, wrong)
        assert r.status_code == 401, wrong
        assert "not the token this server was started with" in r.text
        assert r.headers["content-security-policy"] == CSP
    assert write_forms((await open_client.get("/")).text) == []
    # Not signed in, a form post goes to the login page and writes nothing.
    harbor = card_ids(board.text)["Harbor Lights Season 3"]
    r = await open_client.post(f"/release/{harbor}/follow", data={"csrf": "x", "next": "/?following=1"})
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2F%3Ffollowing%3D1"
    assert written(fresh_db) == ([], [])


async def test_sign_in_follow_from_the_board_and_see_it_on_the_watchlist(
    open_client: httpx.AsyncClient, fresh_db: Path
) -> None:
    r = await sign_in(open_client, next="/?q=harbor")
    assert r.status_code == 303 and r.headers["location"] == "/?q=harbor"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    # Signed (itsdangerous), not encrypted: the payload is readable, and the token is not in it.
    payload = cookie.split("=", 1)[1].split(".", 1)[0]
    session = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert session["signed_in"] is True and TOKEN not in json.dumps(session)

    board = await open_client.get("/?q=harbor")
    assert "signed in" in html.fromstring(board.text).cssselect("p.flash")[0].text_content()
    harbor = card_ids(board.text)["Harbor Lights Season 3"]
    assert f"/release/{harbor}/follow" in write_forms(board.text)
    assert f"/release/{harbor}/hide" in write_forms(board.text)
    assert "<script>" not in board.text and board.headers["content-security-policy"] == CSP  # forms, no inline script

    r = await open_client.post(
        f"/release/{harbor}/follow", data={"csrf": csrf_of(board.text), "next": "/?following=1"}
    )
    assert r.status_code == 303 and r.headers["location"] == "/?following=1"
    assert written(fresh_db) == (["Harbor Lights season 3"], [])
    watchlist = await open_client.get("/?following=1")
    assert list(card_ids(watchlist.text)) == ["Harbor Lights Season 3"]
    assert html.fromstring(watchlist.text).cssselect("p.flash")[0].text_content() == "following Harbor Lights season 3"
    assert write_forms(watchlist.text)[0] == f"/release/{harbor}/unfollow"  # the button turned
    assert (await open_client.get("/?following=1")).text.count('class="flash"') == 0  # shown once

    r = await open_client.post(f"/release/{harbor}/unfollow", data={"csrf": csrf_of(watchlist.text)})
    assert r.status_code == 303 and r.headers["location"] == f"/release/{harbor}"
    assert written(fresh_db) == ([], [])
    assert card_ids((await open_client.get("/?following=1")).text) == {}


async def test_every_form_needs_its_csrf_token(open_client: httpx.AsyncClient, fresh_db: Path) -> None:
    await sign_in(open_client)
    board = (await open_client.get("/")).text
    harbor = card_ids(board)["Harbor Lights Season 3"]
    for data in ({}, {"csrf": ""}, {"csrf": csrf_of(board) + "x"}, {"csrf": "a" * 43}):
        for action in ("follow", "hide", "premiered"):
            r = await open_client.post(f"/release/{harbor}/{action}", data=data)
            assert r.status_code == 403, (action, data)
            assert "CSRF" in r.json()["error"]["message"]
    assert (await open_client.post("/logout")).status_code == 403  # signing out is a form too
    assert written(fresh_db) == ([], [])
    # The same forms with the token go through (and a cross-site `next` is not followed).
    r = await open_client.post(
        f"/release/{harbor}/hide", data={"csrf": csrf_of(board), "note": "  a test  ", "next": "//evil.example/"}
    )
    assert r.status_code == 303 and r.headers["location"] == f"/release/{harbor}"
    assert written(fresh_db) == ([], [(harbor, "hidden", "web")])


async def test_the_login_form_has_its_own_csrf_token(open_client: httpx.AsyncClient) -> None:
    r = await open_client.post("/login", data={"token": TOKEN})  # no session, no token in the form
    assert r.status_code == 403 and "cookie" in r.json()["error"]["message"]
    await open_client.get("/login")
    r = await open_client.post("/login", data={"token": TOKEN, "csrf": "forged"})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    assert write_forms((await open_client.get("/")).text) == []


async def test_the_fact_sheet_hides_premieres_and_undoes_as_manual_claims_by_web(
    open_client: httpx.AsyncClient, fresh_db: Path
) -> None:
    await sign_in(open_client)
    northwind = card_ids((await open_client.get("/")).text)["Northwind Season 2"]
    sheet = (await open_client.get(f"/release/{northwind}")).text
    assert {f"/release/{northwind}/{a}" for a in ("follow", "hide", "premiered")} <= set(write_forms(sheet))

    r = await open_client.post(f"/release/{northwind}/premiered", data={"csrf": csrf_of(sheet), "note": "watched it"})
    assert r.status_code == 303
    with open_store(fresh_db, read_only=True) as store:
        made = curation(store, northwind, "premiered")
    assert made is not None and made.by == "web" and made.start == TODAY and made.note == "watched it"
    sheet = (await open_client.get(f"/release/{northwind}")).text
    by_hand = html.fromstring(sheet).cssselect("dd.by-hand")[0].text_content()
    assert by_hand.startswith(f"premiered {TODAY.isoformat()} set by hand by web on ")
    assert f"/release/{northwind}/unpremiered" in write_forms(sheet)
    assert "Northwind Season 2" not in card_ids((await open_client.get("/")).text)  # premiered: off the board

    await open_client.post(f"/release/{northwind}/unpremiered", data={"csrf": csrf_of(sheet)})
    await open_client.post(f"/release/{northwind}/hide", data={"csrf": csrf_of(sheet)})
    assert written(fresh_db) == ([], [(northwind, "hidden", "web")])
    assert "Northwind Season 2" not in card_ids((await open_client.get("/")).text)
    everything = (await open_client.get("/?all=true")).text
    assert f"/release/{northwind}/unhide" in write_forms(everything)  # ?all shows it, with its way back
    # Undoing what is not there says so.
    r = await open_client.post(
        f"/release/{northwind}/unpremiered", data={"csrf": csrf_of(sheet)}, headers={"accept": "text/html"}
    )
    assert r.status_code == 404 and "has no premiere set by hand; nothing to undo" in r.text


async def test_a_new_token_or_a_tampered_cookie_signs_out(fresh_db: Path, open_client: httpx.AsyncClient) -> None:
    await sign_in(open_client)
    cookie = open_client.cookies[SESSION_COOKIE]
    async with make_client(create_app(fresh_db, today=lambda: TODAY, token=TOKEN + "-new")) as other:
        other.cookies.set(SESSION_COOKIE, cookie)
        assert write_forms((await other.get("/")).text) == []
    payload, rest = cookie.split(".", 1)
    forged = base64.b64encode(json.dumps({"signed_in": True, "csrf": "x"}).encode()).decode()
    open_client.cookies.clear()
    open_client.cookies.set(SESSION_COOKIE, forged + "." + rest, domain="airdate.test")
    assert write_forms((await open_client.get("/")).text) == []
    # Signing out ends the session.
    open_client.cookies.clear()
    open_client.cookies.set(SESSION_COOKIE, cookie, domain="airdate.test")
    board = (await open_client.get("/")).text
    assert write_forms(board)
    r = await open_client.post("/logout", data={"csrf": csrf_of(board)})
    assert r.status_code == 303 and "01 Jan 1970" in r.headers["set-cookie"]
    assert write_forms((await open_client.get("/")).text) == []


# --- the JSON API: Bearer ------------------------------------------------------------------------------------


async def test_api_writes_need_the_bearer_token(open_client: httpx.AsyncClient, fresh_db: Path) -> None:
    harbor = card_ids((await open_client.get("/")).text)["Harbor Lights Season 3"]
    url = f"/api/releases/{harbor}/follow"
    r = await open_client.post(url)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json() == {"error": {"status": 401, "code": "unauthorized", "message": r.json()["error"]["message"]}}
    assert "Authorization: Bearer TOKEN" in r.json()["error"]["message"]
    for header in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer", TOKEN):
        r = await open_client.post(url, headers={"authorization": header})
        assert r.status_code == 401, header
    # A signed-in browser session is no key to the API: only the header is.
    await sign_in(open_client)
    assert (await open_client.post(url)).status_code == 401
    assert written(fresh_db) == ([], [])

    r = await open_client.post(url, headers=BEARER)
    assert r.status_code == 200
    assert r.json() == {
        "release_id": harbor, "action": "follow", "message": "following Harbor Lights season 3",
        "following": ["Harbor Lights season 3"], "curation": None,
    }  # fmt: skip
    assert (await open_client.post(url, headers=BEARER)).json()["message"] == "already following Harbor Lights season 3"
    followed = (await open_client.get("/api/releases", params={"following": "1"})).json()["items"]
    assert [i["id"] for i in followed] == [harbor]

    r = await open_client.post(f"/api/releases/{harbor}/hide", headers=BEARER, json={"note": "not a show"})
    assert r.status_code == 200
    assert r.json()["curation"] | {"at": None} == {"kind": "hidden", "start": None, "note": "not a show", "by": "web",
                                                 "at": None}  # fmt: skip
    assert harbor not in [i["id"] for i in (await open_client.get("/api/releases")).json()["items"]]
    r = await open_client.post(f"/api/releases/{harbor}/premiered", headers=BEARER, json={"on": "2027-01-14"})
    assert r.json()["curation"]["start"] == "2027-01-14"
    assert (await open_client.get(f"/api/releases/{harbor}")).json()["status"] == "premiered"
    assert written(fresh_db) == (["Harbor Lights season 3"], [(harbor, "hidden", "web"), (harbor, "premiered", "web")])

    for path in ("follow", "hide", "premiered"):
        r = await open_client.delete(f"/api/releases/{harbor}/{path}", headers=BEARER)
        assert r.status_code == 200, path
    assert written(fresh_db) == ([], [])
    r = await open_client.delete(f"/api/releases/{harbor}/hide", headers=BEARER)
    assert r.status_code == 404 and r.json()["error"]["message"].endswith("is not hidden; nothing to undo")
    r = await open_client.post("/api/releases/999999/follow", headers=BEARER)
    assert r.status_code == 404 and "999999" in r.json()["error"]["message"]
    r = await open_client.post(f"/api/releases/{harbor}/hide", headers=BEARER, json={"note": "n" * 501})
    assert r.status_code == 422 and "note" in r.json()["error"]["message"]
    assert written(fresh_db) == ([], [])


async def test_the_schema_documents_the_writes_with_their_bearer(open_client: httpx.AsyncClient) -> None:
    schema = (await open_client.get("/openapi.json")).json()
    assert {m for m in schema["paths"]["/api/releases/{release_id}/follow"]} == {"post", "delete"}
    assert "premiered" in " ".join(schema["paths"])
    post = schema["paths"]["/api/releases/{release_id}/hide"]["post"]
    assert post["security"] and {"401", "403", "404"} <= set(post["responses"])
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


# --- the token itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "file_text", "says"),
    [
        ({"AIRDATE_TOKEN": "short"}, None, "AIRDATE_TOKEN must be at least 16 characters"),
        ({}, "two words in a token file", "must be at least 16 characters without spaces"),
        ({}, "", "must be at least 16 characters"),
    ],
)
def test_a_weak_token_is_refused_in_one_line(
    tmp_path: Path, fresh_db: Path, env: dict[str, str], file_text: str | None, says: str
) -> None:
    args = ["serve", "--db", str(fresh_db), "--port", "0"]
    if file_text is not None:
        (tmp_path / "token").write_text(file_text)
        args += ["--token-file", str(tmp_path / "token")]
    result = CliRunner().invoke(main, args, env={"AIRDATE_TOKEN": None, **env})
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("airdate: error: ") and says in lines[0], result.output
    assert re.search(r"secrets\.token_urlsafe", lines[0])
