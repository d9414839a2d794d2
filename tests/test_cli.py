"""`airdate extract` end to end: the JSON contract, the summary, every source kind, and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from airdate.cli import main

SEED = "000_1f41701463a85bd9.txt"
TOP_KEYS = {"source", "releases"}
SOURCE_KEYS = {"path", "url", "title", "published", "publisher", "author"}
RELEASE_KEYS = {"title", "season", "part", "kind", "platforms", "windows", "cast", "characters", "events"}
WINDOW_KEYS = {"text", "start", "end", "certainty", "sentence"}
CAST_KEYS = {"actor", "character", "status", "sentence"}
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Test desk</title>
    <link>https://desk.example/</link>
    <description>TV news</description>
    <item>
      <title>Harbor Lights Season 3 Gets a June Premiere</title>
      <link>https://desk.example/harbor-lights-3</link>
      <pubDate>Fri, 06 Mar 2026 10:00:00 GMT</pubDate>
      <description>Harbor Lights will return for a third season on June 5, 2026, Netflix confirmed.</description>
    </item>
    <item>
      <title>The Salt Road renewed for season 2</title>
      <link>https://desk.example/salt-road-2</link>
      <pubDate>Thu, 05 Mar 2026 10:00:00 GMT</pubDate>
      <description>The Salt Road will return to Hulu in early 2027 for its second season.</description>
    </item>
  </channel>
</rss>
"""

CP1252_ARTICLE = (
    " date 2026-02-21 Café Noir Season 2 Returns to Netflix in March\n\n"
    "The déjà-vu thriller Café Noir will return for a second season on March 6, 2026 — "
    "the streamer’s “biggest” launch of the spring, Netflix confirmed.\n"
)


# -- helpers -----------------------------------------------------------------------------------


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    """Run the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), input=input)


def succeeded(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exception is None
    return result


def one_line_error(result: Result) -> str:
    """The error line of a failed run, after checking it failed cleanly: one line, no traceback."""
    assert result.exit_code != 0, result.stdout
    # CliRunner catches a crash into result.exception; a clean failure is only SystemExit.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"want one line on stderr, got {result.stderr!r}"
    return lines[0]


def check_contract(doc: dict[str, Any]) -> None:
    """The shape of one extraction in spec/extraction.md, key for key."""
    assert set(doc) == TOP_KEYS
    assert set(doc["source"]) == SOURCE_KEYS
    for release in doc["releases"]:
        assert set(release) == RELEASE_KEYS
        for window in release["windows"]:
            assert set(window) == WINDOW_KEYS
        for member in release["cast"]:
            assert set(member) == CAST_KEYS


def cli_command() -> list[str]:
    """The installed console script beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("airdate")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "airdate.cli"]


def run_process(*args: str, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    return subprocess.run(
        [*cli_command(), *args],
        input=input.decode() if input is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.fixture(scope="session")
def seed(shared: Path) -> Path:
    return shared / "seeds" / SEED


# -- the seed article --------------------------------------------------------------------------


def test_json_follows_the_contract(seed: Path) -> None:
    doc = json.loads(succeeded(invoke("extract", str(seed), "--json")).stdout)
    check_contract(doc)
    assert doc["source"]["published"] == "2026-02-21"
    assert doc["source"]["path"] == str(seed)
    [release] = [r for r in doc["releases"] if r["title"] == "All of Us Are Dead"]
    assert release["season"] == 2
    assert release["windows"], "the seed states release windows"
    assert release["cast"], "the seed names returning cast"


def test_summary_is_readable(seed: Path) -> None:
    out = succeeded(invoke("extract", str(seed))).stdout
    assert "All of Us Are Dead" in out
    assert "Netflix" in out
    assert "early December 2026" in out
    assert not out.lstrip().startswith(("{", "["))


def test_published_overrides_the_article_date(seed: Path) -> None:
    doc = json.loads(succeeded(invoke("extract", str(seed), "--json", "--published", "2026-03-01")).stdout)
    assert doc["source"]["published"] == "2026-03-01"


def test_published_garbage_is_a_usage_error(seed: Path) -> None:
    result = invoke("extract", str(seed), "--published", "garbage")
    line = one_line_error(result)
    assert result.exit_code == 2
    assert line.startswith("airdate: error:")
    assert "garbage" in line


def test_published_at_the_end_of_the_calendar_fails_cleanly() -> None:
    text = "Stranger Things season 5 premieres next year on Netflix.\n"
    result = invoke("extract", "-", "--published", "9999-12-31", input=text)
    line = one_line_error(result)
    assert result.exit_code == 2
    assert "1900-2200" in line


def test_stdin(seed: Path) -> None:
    result = succeeded(invoke("extract", "-", "--json", input=seed.read_bytes()))
    doc = json.loads(result.stdout)
    check_contract(doc)
    assert doc["source"]["published"] == "2026-02-21"
    assert any(r["title"] == "All of Us Are Dead" for r in doc["releases"])


def test_feed_gives_one_result_per_item(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(RSS, encoding="utf-8")
    docs = json.loads(succeeded(invoke("extract", str(feed), "--json")).stdout)
    assert isinstance(docs, list) and len(docs) == 2
    for doc in docs:
        check_contract(doc)
    assert [d["source"]["title"] for d in docs] == [
        "Harbor Lights Season 3 Gets a June Premiere",
        "The Salt Road renewed for season 2",
    ]


def test_feed_summary_names_both_items(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(RSS, encoding="utf-8")
    out = succeeded(invoke("extract", str(feed))).stdout
    assert "Harbor Lights Season 3" in out and "The Salt Road" in out


# -- bad input: one line, non-zero exit, no traceback ------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    line = one_line_error(invoke("extract", str(tmp_path / "nope.txt")))
    assert line.startswith("airdate: error:") and "nope.txt" in line


def test_directory(tmp_path: Path) -> None:
    line = one_line_error(invoke("extract", str(tmp_path)))
    assert "directory" in line


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in one_line_error(invoke("extract", str(path)))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert "binary" in one_line_error(invoke("extract", str(path)))


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: no disk, no time
    line = one_line_error(invoke("extract", str(path)))
    assert "limit" in line


def test_html_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    line = one_line_error(invoke("extract", str(path)))
    assert line.startswith("airdate: error:")


def test_unknown_scheme() -> None:
    line = one_line_error(invoke("extract", "ftp://example.invalid/article.txt"))
    assert "ftp" in line


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes(CP1252_ARTICLE.encode("cp1252"))
    result = succeeded(invoke("extract", str(path), "--json"))
    doc = json.loads(result.stdout)
    check_contract(doc)
    assert doc["source"]["title"] == "Café Noir Season 2 Returns to Netflix in March"
    assert "\ufffd" not in result.stdout
    sentences = [w["sentence"] for r in doc["releases"] for w in r["windows"]]
    assert any("déjà-vu" in s and "—" in s and "“biggest”" in s for s in sentences), sentences


# -- http(s) sources from a loopback server ----------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a sleeping handler must not hold up teardown


@pytest.fixture
def site(seed: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A loopback server: /article.txt (the seed), /slow (answers after 5 s), /drip (a byte every 0.2 s),
    /to-file (a redirect to file://), anything else 404."""
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    body = seed.read_bytes()
    wake = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
            if self.path == "/article.txt":
                self._send(200, body)
            elif self.path == "/slow":
                wake.wait(5)
                self._send(200, body)
            elif self.path == "/drip":  # a byte every 0.2 s: each read is quick, the whole never ends in time
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", "200")
                    self.end_headers()
                    for _ in range(200):
                        if wake.wait(0.2):
                            return
                        self.wfile.write(b"x")
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
            elif self.path == "/to-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
            else:
                self._send(404, b"not found")

        def _send(self, status: int, content: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        wake.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_url_source(site: str) -> None:
    doc = json.loads(succeeded(invoke("extract", f"{site}/article.txt", "--json", "--allow-private")).stdout)
    check_contract(doc)
    assert doc["source"]["url"] == f"{site}/article.txt"
    assert any(r["title"] == "All of Us Are Dead" for r in doc["releases"])


def test_url_timeout(site: str) -> None:
    line = one_line_error(invoke("extract", f"{site}/slow", "--timeout", "0.5", "--allow-private"))
    assert re.search(r"timed? ?out", line, re.IGNORECASE), line
    assert "0.5" in line


def test_a_dripping_download_has_a_deadline(site: str) -> None:
    start = time.monotonic()
    line = one_line_error(invoke("extract", f"{site}/drip", "--timeout", "1", "--allow-private"))
    assert time.monotonic() - start < 10  # the whole body would take 40 s
    assert line.endswith(f"{site}/drip did not finish downloading within 1 s; try again or raise --timeout"), line


def test_a_loopback_address_is_refused_unless_allowed(site: str) -> None:
    line = one_line_error(invoke("extract", f"{site}/article.txt"))
    assert line == (f"airdate: error: refused to fetch {site}/article.txt: 127.0.0.1 is a private, loopback or "
                    "link-local address; pass --allow-private to read from your own network")


def test_a_redirect_to_file_is_refused_and_named(site: str) -> None:
    line = one_line_error(invoke("extract", f"{site}/to-file", "--allow-private"))
    assert line == (f"airdate: error: refused to fetch file:///etc/passwd (redirected from {site}/to-file): "
                    "only http(s) URLs are read; check the URL")


def test_url_not_found(site: str) -> None:
    line = one_line_error(invoke("extract", f"{site}/missing.txt", "--allow-private"))
    assert "404" in line


# -- help --------------------------------------------------------------------------------------


def test_help() -> None:
    out = succeeded(invoke("--help")).stdout
    assert "extract" in out


def test_extract_help() -> None:
    out = succeeded(invoke("extract", "--help")).stdout
    for word in ("SOURCE", "--json", "--published"):
        assert word in out


# -- the real executable -----------------------------------------------------------------------


def test_process_json(seed: Path) -> None:
    proc = run_process("extract", str(seed), "--json")
    assert proc.returncode == 0, proc.stderr
    check_contract(json.loads(proc.stdout))


def test_process_stdin(seed: Path) -> None:
    proc = run_process("extract", "-", input=seed.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert "early December 2026" in proc.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [(("extract", "/nonexistent/airdate/article.txt"), 1), (("extract", "-", "--published", "garbage"), 2)],
)
def test_process_error_is_one_line(args: tuple[str, ...], code: int) -> None:
    proc = run_process(*args, input=b"Some text.\n")
    assert proc.returncode == code
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("airdate: error:"), proc.stderr


def test_process_help() -> None:
    proc = run_process("extract", "--help")
    assert proc.returncode == 0
    assert "SOURCE" in proc.stdout and "--json" in proc.stdout and "--published" in proc.stdout


def test_a_paragraph_over_a_million_characters_is_read_in_pieces(tmp_path: Path) -> None:
    # spaCy refuses a text over 1,000,000 characters (E088): the line is read in pieces instead.
    text = (" date 2026-02-21 'Quiet Hours' Season 2 Gets May 8 Premiere Date on Apple TV+\n\n"
            "Apple TV+ confirmed that Quiet Hours season 2 premieres May 8. " + "the night shift goes on and on, " * 33000)
    assert len(text) > 1_000_000 and text.count("\n") == 2
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = succeeded(invoke("extract", str(path), "--json", "--max-bytes", "2000000"))
    doc = json.loads(result.stdout)
    # the reader is told, on stderr, that the line was cut
    assert "characters was read in pieces of up to 10,000" in result.stderr and result.stderr.count("\n") == 1
    (release,) = doc["releases"]
    assert (release["title"], release["season"]) == ("Quiet Hours", 2)
    assert [(w["start"], w["end"]) for w in release["windows"]] == [("2026-05-08", "2026-05-08")]
