"""`airdate serve` as a real process: it listens on loopback, answers (/static even while every
store thread is busy), and stops on Ctrl-C or SIGTERM, renders in flight or not.

Each test starts the command with the running interpreter (`python -m airdate.cli`), so it
serves the code under test. Nothing here leaves 127.0.0.1: httpx runs with trust_env=False,
so a proxy set in the environment is never consulted.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from lxml import html

from airdate.views.context import STORE_THREADS
from airdate.views.web import CSP
from views.conftest import TODAY

STARTUP_S = 60  # generous: a cold CI runner imports FastAPI, uvicorn and the store first
STOP_S = 5
SERVING = re.compile(
    r"^airdate: serving (?P<db>.+) at (?P<url>http://127\.0\.0\.1:(?P<port>\d+)/) \(Ctrl-C to stop\)$"
)


def airdate(*args: str) -> list[str]:
    return [sys.executable, "-m", "airdate.cli", *args]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AIRDATE_DB", "AIRDATE_TOKEN")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    """The first line the process prints, waiting at most `timeout` seconds (readline alone could hang)."""
    assert proc.stdout is not None
    stdout = proc.stdout
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        pytest.fail(f"`airdate serve` printed nothing in {timeout}s")


@pytest.fixture
def server(fresh_db: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`airdate serve --port 0` over a copy of the demo database; yields the process and its base URL."""
    with serving(airdate("serve", "--db", str(fresh_db), "--port", "0", "--today", TODAY.isoformat()),
                 fresh_db, tmp_path) as started:  # fmt: skip
        yield started


@contextmanager
def serving(command: list[str], db: Path, cwd: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start a serve command; yields the process once it says where it listens, and kills it after."""
    proc = subprocess.Popen(
        command,
        cwd=cwd,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(proc, STARTUP_S).rstrip("\n")
        match = SERVING.match(line)
        died = proc.poll() is not None
        assert match, f"unexpected first line {line!r}; stderr: {proc.stderr.read() if died else '(running)'}"
        assert match["db"] == str(db)
        assert int(match["port"]) > 0
        yield proc, match["url"]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=STOP_S)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(server: tuple[subprocess.Popen[str], str]) -> None:
    proc, url = server
    with httpx.Client(base_url=url, trust_env=False, timeout=10, follow_redirects=False) as client:
        board = client.get("/")
        assert board.status_code == 200
        assert board.headers["content-type"] == "text/html; charset=utf-8"
        assert board.headers["content-security-policy"] == CSP
        assert "script-src 'self'" in board.headers["content-security-policy"]
        assert board.headers["x-content-type-options"] == "nosniff"
        assert "server" not in board.headers  # uvicorn's banner is off
        tree = html.fromstring(board.text)
        assert tree.findtext(".//title") == "airdate: upcoming releases"
        titles = {a.text_content().strip() for a in tree.cssselect("li.card h2 a")}
        # Starfall Academy's October 3 ended 52 days before TODAY: presumed released, off the board.
        assert {"Harbor Lights", "Northwind"} <= titles and "Starfall Academy" not in titles, titles
        assert not tree.xpath("//script[not(@src)]"), "an inline script would be blocked by the CSP"

        ics = client.get("/calendar.ics")
        assert ics.status_code == 200
        assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
        assert ics.headers["content-security-policy"] == CSP
        assert ics.text.startswith("BEGIN:VCALENDAR\r\n") and ics.text.rstrip().endswith("END:VCALENDAR")
        calendar = Calendar.from_ical(ics.content)
        events = calendar.walk("VEVENT")
        assert events and any("Harbor Lights" in str(e["SUMMARY"]) for e in events)
        assert all(str(e["UID"]).endswith("@airdate") for e in events)

        missing = client.get("/api/releases/999999")
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "not_found"

    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=STOP_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`airdate serve` still running {STOP_S}s after SIGINT")
    # Ctrl-C is how a server is meant to stop: a clean exit, one line, no traceback.
    assert proc.returncode == 0, (proc.returncode, err)
    assert "Traceback" not in err and err.strip() == "", err
    assert out == "airdate: stopped\n", out
    with pytest.raises(httpx.TransportError):
        httpx.get(url, trust_env=False, timeout=2)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        airdate(*args),
        cwd=cwd,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("airdate: error: "), proc.stderr
    assert "airdate: serving" not in proc.stdout, proc.stdout
    return lines[0]


def test_serve_without_a_database_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    proc = run_cli("serve", "--db", str(missing), "--port", "0", cwd=tmp_path)
    line = assert_one_error_line(proc)
    assert str(missing) in line and "airdate ingest" in line, line
    assert not missing.exists(), "serve must not create an empty database"


def test_serve_on_a_taken_port_is_one_error_line(fresh_db: Path, tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = run_cli("serve", "--db", str(fresh_db), "--port", str(port), cwd=tmp_path)
    line = assert_one_error_line(proc)
    assert f"127.0.0.1:{port}" in line and "--port" in line, line


# A release page that never finishes, keeping its store thread (and its share of the GIL) busy:
# a stand-in for a release with thousands of claims that cannot finish early by luck. The rest
# is the real `airdate serve`.
SPINNING_SERVE = """
import os
import sys
import airdate.views.web as web

def spin(*args, **kwargs):
    os.write(2, b"test: rendering\\n")  # one write: lines from several threads never interleave
    while True:
        sum(range(1000))

web.sheet_context = spin
from airdate.cli import main
main(sys.argv[1:])
"""


def test_static_answers_while_every_store_thread_is_busy_and_sigterm_stops_the_server(
    fresh_db: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", SPINNING_SERVE, "serve", "--db", str(fresh_db), "--port", "0"]
    with serving(command, fresh_db, tmp_path) as (proc, url):
        assert proc.stderr is not None
        stderr = proc.stderr
        errors: queue.Queue[str | None] = queue.Queue()  # stderr's lines, then None at its end

        def read_errors() -> None:
            for line in stderr:
                errors.put(line)
            errors.put(None)

        threading.Thread(target=read_errors, daemon=True).start()
        answers: queue.Queue[object] = queue.Queue()

        def heavy() -> None:
            try:
                answers.put(httpx.get(url + "release/1", trust_env=False, timeout=HANG_S))
            except httpx.HTTPError as e:
                answers.put(e)

        for _ in range(STORE_THREADS + 2):  # every store thread, and two requests waiting for one
            threading.Thread(target=heavy, daemon=True).start()
        for _ in range(STORE_THREADS):
            assert errors.get(timeout=HANG_S) == "test: rendering\n"
        with httpx.Client(base_url=url, trust_env=False, timeout=HANG_S) as client:
            style = client.get("/static/style.css")
            assert style.status_code == 200 and style.headers["content-type"] == "text/css; charset=utf-8"
            assert client.get("/static/style.css", headers={"if-none-match": style.headers["etag"]}).status_code == 304
            assert client.get("/static/nothing.js").status_code == 404
            assert client.get("/api/docs").status_code == 200
        assert answers.empty()  # the pages are all still rendering: /static answered first

        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=HANG_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"`airdate serve` still running {HANG_S}s after SIGTERM, with renders in flight")
        assert proc.stdout is not None
        assert proc.returncode == 0 and proc.stdout.read() == "airdate: stopped\n"
        # Requests cut off by the stop hear why, and the log says how many, without a traceback.
        got = [answers.get(timeout=HANG_S) for _ in range(STORE_THREADS + 2)]
        assert all(isinstance(r, httpx.Response) and r.status_code == 503 for r in got), got
        assert all(r.json()["error"]["code"] == "unavailable" for r in got if isinstance(r, httpx.Response))
        log = "".join(iter(lambda: errors.get(timeout=HANG_S), None))
        assert f"Cancel {STORE_THREADS + 2} running task(s)" in log and "Traceback" not in log, log


HANG_S = 60  # a hang guard, not a timing: each wait ends on an event (a line, an answer, an exit)


def test_a_token_file_allows_writes_with_its_token(fresh_db: Path, tmp_path: Path) -> None:
    token = "a-token-from-a-file-0123"
    (tmp_path / "token").write_text(token + "\n")
    command = airdate("serve", "--db", str(fresh_db), "--port", "0", "--token-file", str(tmp_path / "token"))
    with serving(command, fresh_db, tmp_path) as (proc, url):
        assert first_line(proc, STARTUP_S) == (
            f"airdate: writes need the token: sign in at {url}login, or send it as a Bearer header\n"
        )
        with httpx.Client(base_url=url, trust_env=False, timeout=10) as http:
            assert http.post("/api/releases/1/follow").status_code == 401
            r = http.post("/api/releases/1/follow", headers={"authorization": f"Bearer {token}"})
            assert r.status_code == 200 and r.json()["following"] == ["Harbor Lights season 3"]
            assert http.get("/login").status_code == 200
