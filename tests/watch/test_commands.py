"""`airdate feeds …` and `airdate watch --once` end to end through click, over a real SQLite file."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from airdate.cli import main
from watch.conftest import FIXTURES, Site

WATCH_COMMANDS = (("feeds",), ("feeds", "add"), ("feeds", "list"), ("feeds", "remove"), ("feeds", "import"),
                  ("feeds", "export"), ("watch",), ("follow",), ("unfollow",), ("following",))  # fmt: skip
OPML_NS = "urn:airdate:opml"


def invoke(*args: str | Path, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def succeeded(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("airdate: error: "), result.stderr
    return lines[0]


def as_json(result: Result) -> Any:
    return json.loads(succeeded(result).stdout)


@pytest.mark.parametrize("command", WATCH_COMMANDS, ids=" ".join)
def test_every_command_has_a_teaching_help(command: tuple[str, ...]) -> None:
    out = succeeded(invoke(*command, "--help")).stdout
    assert "Examples:" in out
    assert f"airdate {command[0]} " in out
    if len(command) > 1 or command[0] != "feeds":
        assert "--db PATH" in out


def test_add_list_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    out = succeeded(invoke("feeds", "add", "https://nightdesk.example/tv/rss", "--db", db)).stdout
    assert out == "added feed #1 https://nightdesk.example/tv/rss (every 30m); `airdate watch` polls it\n"
    succeeded(invoke("feeds", "add", "https://tradewire.example/atom", "--every", "2h", "--full-text", "--db", db))
    # Adding it again changes its settings.
    out = succeeded(invoke("feeds", "add", "https://nightdesk.example/tv/rss", "--every", "1h30m", "--db", db)).stdout
    assert "was already there; now every 1h30m" in out

    listed = as_json(invoke("feeds", "list", "--json", "--db", db))
    assert [(f["id"], f["every"], f["every_seconds"], f["full_text"]) for f in listed] == [
        (1, "1h30m", 5400, False), (2, "2h", 7200, True),
    ]  # fmt: skip
    assert listed[0]["last_poll"] is None and listed[0]["items_seen"] == 0
    text = succeeded(invoke("feeds", "list", "--db", db)).stdout
    assert "#2  https://tradewire.example/atom  (every 2h, full text)" in text
    assert "not polled yet · last poll never · last success never · next poll now" in text

    assert "removed feed #1" in succeeded(invoke("feeds", "remove", "1", "--db", db)).stdout
    succeeded(invoke("feeds", "remove", "https://tradewire.example/atom", "--db", db))
    assert as_json(invoke("feeds", "list", "--json", "--db", db)) == []
    assert "no feeds; add one" in succeeded(invoke("feeds", "list", "--db", db)).stdout


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("feeds", "add", "ftp://example.com/feed"), "is not an http(s) URL", 2),
        (("feeds", "add", "javascript:alert(1)"), "is not an http(s) URL", 2),
        (("feeds", "add", "https://example.com/rss", "--every", "often"), "--every must be an interval like", 2),
        (("feeds", "add", "https://example.com/rss", "--every", "10s"), "outside 1m to 30d", 2),
        (("feeds", "remove", "7"), "no feed with id 7", 1),
        (("feeds", "remove", "https://nowhere.example/rss"), "no feed with the URL", 1),
    ],
)
def test_bad_feed_commands_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str, code: int) -> None:
    db = tmp_path / "airdate.db"
    succeeded(invoke("feeds", "add", "https://example.com/other", "--db", db))
    assert message in one_line_error(invoke(*args, "--db", db), code=code)


def test_opml_import_and_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    out = succeeded(invoke("feeds", "import", FIXTURES / "reader.opml", "--every", "1h", "--db", db)).stdout
    assert out.startswith("imported 3 feeds from ")
    # Nested folders walked, xmlurl in any case, the duplicate and the bookmark left out.
    feeds = as_json(invoke("feeds", "list", "--json", "--db", db))
    assert [(f["url"], f["title"], f["every"]) for f in feeds] == [
        ("https://nightdesk.example/tv/rss", "Night Desk TV", "1h"),
        ("https://tradewire.example/atom", "Trade Wire", "1h"),
        ("https://reelreport.example/feed.xml", "Reel Report", "1h"),
    ]
    succeeded(invoke("feeds", "add", "https://tradewire.example/atom", "--full-text", "--every", "45m", "--db", db))

    exported = succeeded(invoke("feeds", "export", "--db", db)).stdout_bytes
    root = ET.fromstring(exported)  # an independent parser
    assert (root.tag, root.get("version")) == ("opml", "2.0")
    assert root.findtext("head/title") == "airdate feeds"
    assert root.findtext("head/dateCreated")
    outlines = root.findall("body/outline")
    assert [(o.get("xmlUrl"), o.get("text"), o.get("type")) for o in outlines] == [
        ("https://nightdesk.example/tv/rss", "Night Desk TV", "rss"),
        ("https://tradewire.example/atom", "Trade Wire", "rss"),
        ("https://reelreport.example/feed.xml", "Reel Report", "rss"),
    ]
    assert [(o.get(f"{{{OPML_NS}}}every"), o.get(f"{{{OPML_NS}}}fullText")) for o in outlines] == [
        ("1h", "false"), ("45m", "true"), ("1h", "false"),
    ]  # fmt: skip

    # Into another database: the same feeds with the same settings; importing twice adds nothing.
    other = tmp_path / "other.db"
    file = tmp_path / "feeds.opml"
    succeeded(invoke("feeds", "export", "-o", file, "--db", db))
    succeeded(invoke("feeds", "import", file, "--db", other))
    keep = ("url", "title", "every", "full_text")
    assert [{k: f[k] for k in keep} for f in as_json(invoke("feeds", "list", "--json", "--db", other))] == [
        {k: f[k] for k in keep} for f in as_json(invoke("feeds", "list", "--json", "--db", db))
    ]
    again = succeeded(invoke("feeds", "import", file, "--db", other)).stdout
    assert "imported 0 feeds" in again and "3 already subscribed" in again


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not well-formed XML"),
        (b"\x00\x01\x02binary", "is not well-formed XML"),
        (b"<opml version='2.0'><body><outline xmlUrl='https://a.example/rss'>", "is not well-formed XML"),
        (b"<rss version='2.0'><channel/></rss>", "is XML but not OPML"),
        (b"<opml version='2.0'><head/></opml>", "has no <body>"),
        (b"<opml version='2.0'><body><outline text='folder'/></body></opml>", "lists no feeds"),
        (b"<opml version='2.0'><body><outline text='x' xmlUrl='javascript:alert(1)'/></body></opml>",
         "not an http(s) URL"),
        (b"<opml version='2.0' xmlns:airdate='urn:airdate:opml'><body>"
         b"<outline text='x' xmlUrl='https://a.example/rss' airdate:every='sometimes'/></body></opml>",
         "not an interval like 30m"),
        (b"<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
         b"<opml version='2.0'><body><outline text='&e;' xmlUrl='https://a.example/rss'/></body></opml>",
         "external entity"),
    ],
)
def test_a_bad_opml_file_is_refused_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    db = tmp_path / "airdate.db"
    bad = tmp_path / "bad.opml"
    bad.write_bytes(content)
    line = one_line_error(invoke("feeds", "import", bad, "--db", db))
    assert message in line and str(bad) in line
    assert "/etc/passwd" not in line.replace("'file:///etc/passwd'", "")  # no entity was expanded
    assert not db.exists() or as_json(invoke("feeds", "list", "--json", "--db", db)) == []


def test_import_from_stdin(tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    out = succeeded(invoke("feeds", "import", "-", "--db", db, input=(FIXTURES / "reader.opml").read_bytes())).stdout
    assert out.startswith("imported 3 feeds from stdin")


def test_reading_commands_want_an_existing_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for args in (("feeds", "list"), ("feeds", "export"), ("feeds", "remove", "1"), ("following",)):
        assert f"no database at {missing}" in one_line_error(invoke(*args, "--db", missing))
    assert not missing.exists()


def test_watch_once_polls_what_is_due(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "airdate.db"
    good = site.serve("/rss", "news.rss")
    broken = site.serve("/broken", body=b"no", status=503, content_type="text/plain")
    succeeded(invoke("feeds", "add", good, "--db", db))
    succeeded(invoke("feeds", "add", broken, "--db", db))

    refused = invoke("watch", "--once", "--db", db)  # loopback without --allow-private
    assert refused.exit_code == 1 and "Traceback" not in refused.stdout + refused.stderr
    assert "polled 2 feeds; 2 with errors" in refused.stdout
    assert site.log == []

    # Both feeds now back off; --once polls only feeds that are due, so make them due again.
    from airdate.store import open_store

    with open_store(db) as store:
        store.conn.execute("UPDATE feeds SET next_poll = NULL")
    result = invoke("watch", "--once", "--allow-private", "--host-delay", "0", "--db", db)
    assert result.exit_code == 1, result.stderr
    assert "feed 1 Night Desk TV: 3 new, 0 already stored, 0 failed; next poll" in result.stdout
    assert f"feed 2 {broken}: failed (2 in a row): HTTP 503" in result.stdout
    assert "ingested " + site.url("/story/harbor-lights") in result.stdout
    listed = as_json(invoke("feeds", "list", "--json", "--db", db))
    assert [(f["items_seen"], f["new_this_week"], f["failures_in_a_row"]) for f in listed] == [(3, 3, 0), (0, 0, 2)]
    assert "HTTP 503" in listed[1]["last_error"]

    # Nothing is due now: nothing is fetched.
    before = len(site.log)
    quiet = succeeded(invoke("watch", "--once", "--allow-private", "--db", db))
    assert quiet.stdout == "polled 0 feeds; 0 with errors (see `airdate feeds list`)\n"
    assert len(site.log) == before
