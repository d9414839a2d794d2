"""The web app in a real headless Chromium, over a real `airdate serve` on loopback.

What only a browser can show: `countdown.js` runs under the Content-Security-Policy and
agrees with the server's countdowns (day counts, windows, the ticker), the filter form
submits, card links open fact sheets, and the page renders. The browser's clock is
Playwright's fake one, pinned to local noon on the server's `--today`, in a fixed time
zone, so every countdown is deterministic.

Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it); skipped without it,
except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import lxml.html
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TODAY = date(2026, 11, 24)  # as in conftest.py: the demo's articles run to 2026-11-19
EARLIER = date(2026, 10, 25)  # a what-if day on which Northwind S2 is still a window ahead
ZONE = "America/New_York"  # any zone works; a fixed one keeps "local noon" the same everywhere
TICKER = re.compile(r"^\d+d \d\d:\d\d:\d\d to go$")
HARBOR = "Harbor Lights"  # season 3: confirmed for 2027-01-14
NORTHWIND = "Northwind"  # season 2: "early November" (2026-11-01..10), reported

# Every card as the page shows it: main countdown text (the first text node), ticker, platforms.
CARDS_JS = """() => [...document.querySelectorAll("li.card")].map(li => {
  const c = li.querySelector(".countdown");
  const t = c.querySelector(".ticker");
  return {
    id: li.dataset.id,
    title: li.querySelector("h2 a").textContent,
    countdown: c.firstChild && c.firstChild.nodeType === 3 ? c.firstChild.nodeValue.trim() : "",
    ticker: t ? t.textContent : null,
    platforms: li.querySelector(".platform").textContent,
  };
})"""


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(ZONE))


# --- the server: `airdate serve` as a subprocess ------------------------------------------------------


def start_server(
    db: Path, day: date, log: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], str]:
    """Run `airdate serve --port 0` (with `env` added to the environment) and return it with the address it printed."""
    cmd = [sys.executable, "-m", "airdate.cli", "serve", "--db", str(db), "--port", "0"]
    cmd += ["--today", day.isoformat()]
    environ = {k: v for k, v in os.environ.items() if k != "AIRDATE_TOKEN"} | {"PYTHONUNBUFFERED": "1"} | (env or {})
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=environ)
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready = sel.select(timeout=60)
    line = proc.stdout.readline() if ready else ""
    found = re.search(r" at (http://127\.0\.0\.1:\d+/) ", line)
    if not found:
        stop_server(proc)
        pytest.fail(f"`airdate serve` did not print its address: {line!r}\n{log.read_text()}")
    return proc, found.group(1)


def stop_server(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if proc.stdout:
        proc.stdout.close()


@pytest.fixture(scope="module")
def serve(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[date], str]]:
    """`serve(day)` is the address of an `airdate serve --today day` over the demo database."""
    running: dict[date, tuple[subprocess.Popen[str], str]] = {}
    logs = tmp_path_factory.mktemp("serve")

    def address(day: date) -> str:
        if day not in running:
            running[day] = start_server(demo_db, day, logs / f"{day}.log")
        return running[day][1]

    yield address
    died = {day: proc.returncode for day, (proc, _) in running.items() if proc.poll() is not None}
    for proc, _ in running.values():
        stop_server(proc)
    assert not died, f"the server exited while the tests ran: {died}"


@pytest.fixture(scope="module")
def base_url(serve: Callable[[date], str]) -> str:
    return serve(TODAY)


def server_html(url: str) -> lxml.html.HtmlElement:
    """The page as the server renders it, before any script runs."""
    with httpx.Client(trust_env=False, timeout=10) as http:
        response = http.get(url, headers={"accept": "text/html"})
    response.raise_for_status()
    return lxml.html.fromstring(response.text)


def server_cards(url: str) -> dict[str, dict[str, str]]:
    page = server_html(url)
    return {
        li.get("data-id"): {
            "title": li.findtext("h2/a"),
            "countdown": (li.find_class("countdown")[0].text or "").strip(),
            "platforms": li.find_class("platform")[0].text_content(),
        }
        for li in page.find_class("card")
    }


def server_count(url: str) -> str:
    return server_html(url).get_element_by_id("count").text_content()


# --- the browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium package")
        pytest.skip(f"no browser: {CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Page
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    loaded: dict[str, int] = field(default_factory=dict)  # url: status of every response

    def open(self, url: str, day: date = TODAY) -> Response:
        """Load url with the browser's clock paused one minute after local noon on `day`."""
        self.page.clock.install(time=noon(day))
        response = self.page.goto(url)
        assert response is not None and response.ok, response
        # Pausing fires the due interval once, so the ticker is recomputed at exactly this moment.
        self.page.clock.pause_at(noon(day) + timedelta(minutes=1))
        return response

    def cards(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.page.evaluate(CARDS_JS)}

    def card(self, title: str) -> dict[str, Any]:
        found = [c for c in self.cards().values() if c["title"] == title]
        assert len(found) == 1, f"{title!r} is on the board {len(found)} times"
        return found[0]


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(
        timezone_id=ZONE, locale="en-US", viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    tab = Tab(page)

    def on_console(msg: ConsoleMessage) -> None:
        where = msg.location.get("url") or ""
        # Chromium asks for /favicon.ico on its own, some time after the load; the app has none (a 404).
        if msg.type == "error" and not where.endswith("/favicon.ico"):
            tab.errors.append(f"console: {msg.text} ({where})")

    page.on("console", on_console)
    page.on("response", lambda r: tab.loaded.update({r.url: r.status}))
    page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    yield tab
    context.close()


# --- the tests -----------------------------------------------------------------------------------------


def test_countdowns_agree_with_the_server_and_tick(tab: Tab, base_url: str) -> None:
    expected = server_cards(base_url)
    assert {c["title"] for c in expected.values()} >= {HARBOR, NORTHWIND}

    tab.open(base_url)
    shown = tab.cards()
    assert shown.keys() == expected.keys()
    for card_id, want in expected.items():  # every card: JS recomputed the same text the server rendered
        assert shown[card_id]["countdown"] == want["countdown"], (card_id, want["title"])

    harbor = tab.card(HARBOR)
    assert harbor["countdown"] == "in 51 days" == expected[harbor["id"]]["countdown"]
    # Local midnight on 2027-01-14 minus 2026-11-24 12:01: the server never renders a ticker, so JS did.
    assert harbor["ticker"] == "50d 11:59:00 to go"
    assert TICKER.match(harbor["ticker"])
    tab.page.clock.run_for(5_000)
    assert tab.card(HARBOR)["ticker"] == "50d 11:58:55 to go"

    # Northwind's window has passed by TODAY; the server marks it overdue and JS leaves that alone.
    assert tab.card(NORTHWIND)["countdown"] == "overdue"
    assert tab.card(NORTHWIND)["ticker"] is None
    # An open window ("from January 1, 2027", speculated): "in N+ days", no ticker.
    open_ended = [c for c in shown.values() if c["countdown"].endswith("+ days")]
    assert open_ended and all(c["ticker"] is None for c in open_ended)
    assert tab.errors == []


def test_a_window_counts_down_by_days(tab: Tab, serve: Callable[[date], str]) -> None:
    url = serve(EARLIER)  # on 2026-10-25 Northwind's "early November" is still ahead: "in 7–16 days"
    expected = server_cards(url)
    tab.open(url, EARLIER)
    shown = tab.cards()
    for card_id, want in expected.items():
        assert shown[card_id]["countdown"] == want["countdown"], (card_id, want["title"])

    northwind = tab.card(NORTHWIND)
    days = re.fullmatch(r"in (\d+)–(\d+) days", northwind["countdown"] or "")
    assert days, northwind
    start, end = int(days[1]), int(days[2])
    assert (start, end) == ((date(2026, 11, 1) - EARLIER).days, (date(2026, 11, 10) - EARLIER).days)
    assert northwind["ticker"] is None  # only exact confirmed days tick

    tab.page.clock.fast_forward("24:00:00")  # a day later in the browser: the page counts down by itself
    assert tab.card(NORTHWIND)["countdown"] == f"in {start - 1}–{end - 1} days"
    assert tab.card(HARBOR)["countdown"] == f"in {(date(2027, 1, 14) - EARLIER).days - 1} days"
    assert tab.errors == []


def test_platform_filter(tab: Tab, base_url: str) -> None:
    tab.open(base_url)
    page = tab.page
    before = page.locator("#count").inner_text()
    assert "Netflix" in page.locator('select[name="platform"] option').all_inner_texts()

    page.select_option('select[name="platform"]', "Netflix")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "platform=Netflix" in page.url

    cards = tab.cards()
    expected = server_cards(page.url)
    assert cards and cards.keys() == expected.keys()
    assert len(cards) < len(server_cards(base_url))
    assert all("Netflix" in (c["platforms"] or "") for c in cards.values())
    assert HARBOR in {c["title"] for c in cards.values()}
    after = page.locator("#count").inner_text()
    assert after == server_count(page.url) != before
    assert page.locator('select[name="platform"]').input_value() == "Netflix"  # the form keeps the choice
    assert tab.errors == []


def test_card_link_opens_the_fact_sheet(tab: Tab, base_url: str) -> None:
    tab.open(base_url)
    page = tab.page
    with page.expect_navigation():
        page.locator("li.card h2 a", has_text=HARBOR).click()
    assert re.search(r"/release/\d+$", page.url)

    assert page.locator("h1").inner_text() == "Harbor Lights Season 3"
    claims = page.locator("section.timeline")
    assert claims.locator("h2").inner_text().startswith("Every claim")
    quotes = [q.strip() for q in claims.locator("blockquote").all_inner_texts()]
    assert len(quotes) >= 3 and all(quotes)
    assert any("January 14, 2027" in q for q in quotes)
    # The fact sheet's countdown ticks too.
    countdown = page.locator("dd.countdown")
    assert countdown.evaluate("el => el.firstChild.nodeValue") == "in 51 days"
    assert TICKER.match(countdown.locator(".ticker").inner_text())
    assert tab.errors == []


def test_script_runs_under_the_csp_and_inline_script_does_not(tab: Tab, base_url: str) -> None:
    csp = tab.open(base_url).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page = tab.page
    # countdown.js loaded from our origin and ran: it added tickers, which the server never renders.
    assert page.evaluate("() => [...document.scripts].map(s => s.src)") == [base_url + "static/countdown.js"]
    assert tab.loaded[base_url + "static/countdown.js"] == 200
    assert page.evaluate("() => document.querySelectorAll('.countdown .ticker').length") >= 1
    assert tab.errors == []  # our own script and styles raised nothing

    # An inline script (as an article could carry) is refused by the browser.
    refused = page.evaluate(
        """() => new Promise(resolve => {
             document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
             const s = document.createElement("script");
             s.textContent = "window.__inline_ran = true";
             document.body.appendChild(s);
           })"""
    )
    assert refused.startswith("script-src")
    assert page.evaluate("() => window.__inline_ran === undefined")
    assert any("Content Security Policy" in e for e in tab.errors)


def test_screenshot(tab: Tab, base_url: str, tmp_path: Path) -> None:
    tab.open(base_url)
    shot = tmp_path / "board.png"
    tab.page.screenshot(path=shot, full_page=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    assert tab.errors == []


# --- writes from the page (issue 12, item 7) -------------------------------------------------------------------

TOKEN = "browser-test-token-0123456789"
FORGE_FORM_JS = """([action, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  setTimeout(() => form.submit(), 0);  // after evaluate returns: the navigation would cut it off
}"""
FETCH_JS = """async ([method, url, headers]) => (await fetch(url, {method, headers})).status"""


@pytest.fixture(scope="module")
def writable(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(address, database) of an `airdate serve` started with AIRDATE_TOKEN, over a private copy of the demo."""
    from airdate.store import open_store

    folder = tmp_path_factory.mktemp("writable")
    db = folder / "airdate.db"
    with open_store(demo_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.write_bytes(demo_db.read_bytes())
    proc, url = start_server(db, TODAY, folder / "serve.log", env={"AIRDATE_TOKEN": TOKEN})
    yield url, db
    died = proc.poll()
    stop_server(proc)
    assert died is None, f"the server exited while the tests ran: {(folder / 'serve.log').read_text()}"


def stored_writes(db: Path) -> tuple[list[str], int]:
    """The follows and the number of curations in the store, read by the test process itself."""
    from airdate.store import open_store
    from airdate.store.follows import follows

    with open_store(db, read_only=True) as store:
        count = store.conn.execute("SELECT count(*) FROM curations").fetchone()[0]
        return [f.name for f in follows(store)], int(count)


def card_id(url: str, title: str) -> str:
    return next(i for i, c in server_cards(url).items() if c["title"] == title)


def test_sign_in_with_the_token_and_follow_a_release(tab: Tab, writable: tuple[str, Path]) -> None:
    url, db = writable
    assert stored_writes(db) == ([], 0)
    page = tab.page
    tab.open(url)
    assert page.locator("form.write").count() == 0  # no button before signing in
    with page.expect_navigation():
        page.click("a.signin")
    assert page.url.startswith(url + "login")

    page.fill('input[name="token"]', TOKEN + "-wrong")
    with page.expect_navigation():
        page.click("form.login button")
    assert page.locator("#login-error").is_visible() and stored_writes(db) == ([], 0)
    assert [e for e in tab.errors if "status of 401" not in e] == []  # the 401 of the wrong token is logged
    tab.errors.clear()
    page.fill('input[name="token"]', TOKEN)
    with page.expect_navigation():
        page.click("form.login button")
    assert page.url == url and "signed in" in page.locator("p.flash").inner_text()

    harbor = page.locator("li.card", has=page.locator("h2 a", has_text=HARBOR))
    assert harbor.locator("form.write-follow button").inner_text() == "Follow"
    with page.expect_navigation():
        harbor.locator("form.write-follow button").click()
    assert page.locator("p.flash").inner_text() == "following Harbor Lights season 3"
    assert harbor.locator("form.write-unfollow button").inner_text() == "Unfollow"
    assert stored_writes(db) == (["Harbor Lights season 3"], 0)

    page.check('input[name="following"]')
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "following=1" in page.url
    assert [c["title"] for c in tab.cards().values()] == [HARBOR]
    assert tab.errors == []  # the forms needed no script, and nothing broke the CSP


def test_without_the_token_nothing_can_be_written(
    tab: Tab, base_url: str, demo_db: Path, writable: tuple[str, Path]
) -> None:
    page = tab.page
    # A server started without a token: no button, no way in, and every write refused.
    before = stored_writes(demo_db)
    harbor = card_id(base_url, HARBOR)
    page.goto(base_url)
    assert page.locator("form.write").count() == 0 and page.locator("a.signin").count() == 0
    assert page.goto(base_url + "login").status == 403  # type: ignore[union-attr]
    assert "read-only" in page.locator("p.error").inner_text()
    page.goto(base_url)
    with page.expect_navigation() as posted:
        page.evaluate(FORGE_FORM_JS, [f"/release/{harbor}/follow", {"csrf": "x"}])
    assert posted.value is not None and posted.value.status == 403
    for method in ("POST", "DELETE"):
        status = page.evaluate(FETCH_JS, [method, f"/api/releases/{harbor}/follow", {"authorization": f"Bearer {TOKEN}"}])
        assert status == 403, method
    assert stored_writes(demo_db) == before

    # A server with a token, a browser without it: a forged form leads to the login page, the API says 401.
    url, db = writable
    before = stored_writes(db)
    harbor = card_id(url, HARBOR)
    page.goto(url)
    assert page.locator("form.write").count() == 0
    with page.expect_navigation():
        page.evaluate(FORGE_FORM_JS, [f"/release/{harbor}/hide", {"csrf": "forged", "next": "/"}])
    assert page.url.startswith(url + "login?next=")
    for auth in ({}, {"authorization": "Bearer not-the-token"}):
        assert page.evaluate(FETCH_JS, ["POST", f"/api/releases/{harbor}/hide", auth]) == 401
    # Signed in, a form without its CSRF token (what another site could send) is refused too.
    page.fill('input[name="token"]', TOKEN)
    with page.expect_navigation():
        page.click("form.login button")
    with page.expect_navigation() as posted:
        page.evaluate(FORGE_FORM_JS, [f"/release/{harbor}/hide", {"next": "/"}])
    assert posted.value is not None and posted.value.status == 403
    assert stored_writes(db) == before
