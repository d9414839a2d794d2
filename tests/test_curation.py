"""Curation by hand (issue 12, item 5) through the real CLI over a real SQLite store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from demo_gold import GoldExtractor

from airdate.cli import main
from airdate.ingest import ingest
from airdate.settings import Settings
from airdate.store import open_store

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-24"


@pytest.fixture(scope="module")
def gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("gold") / "airdate.db"
    with open_store(db) as store:
        ingest(store, [str(ROOT / "demo" / "articles")], GoldExtractor(), Settings())
    return db


@pytest.fixture
def db(gold_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "airdate.db"
    shutil.copy(gold_db, copy)
    return copy


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def ok(*args: str | Path) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("airdate: error: "), result.stderr
    return lines[0]


def rows(db: Path, *args: str) -> dict[str, dict[str, Any]]:
    return {r["title"]: r for r in json.loads(ok("list", "--db", db, "--json", "--today", TODAY, *args))}


def northwind(db: Path) -> int:
    return int(rows(db)["Northwind"]["id"])


def test_set_shows_on_the_board_and_fact_sheet_and_unset_restores_the_news(db: Path) -> None:
    rid = northwind(db)
    news = rows(db)["Northwind"]["best"]
    out = ok("set", str(rid), "--date", "2027-01-14", "--note", "per the platform's press site", "--by", "alice",
             "--db", db)  # fmt: skip
    assert "2027-01-14" in out and "unset" in out
    row = rows(db)["Northwind"]
    assert (row["best"]["start"], row["best"]["end"], row["best"]["certainty"]) == ("2027-01-14", "2027-01-14", "confirmed")
    assert (row["status"], row["overdue"], row["conflicts"]) == ("dated", False, 0)
    sheet = ok("show", "Northwind", "--db", db, "--today", TODAY)
    assert "set by hand by alice on " in sheet and "per the platform's press site" in sheet
    doc = json.loads(ok("show", "Northwind", "--json", "--db", db, "--today", TODAY))
    assert doc["best"]["source"]["manual"] is True and doc["best"]["source"]["by"] == "alice"
    ok("unset", str(rid), "--db", db)
    assert rows(db)["Northwind"]["best"] == news
    assert "set by hand" not in ok("show", "Northwind", "--db", db, "--today", TODAY)


def test_a_manual_window_outranks_news_of_the_same_certainty_not_a_surer_one(db: Path) -> None:
    ok("set", "Harbor Lights S3", "--date", "2027-02-01", "--certainty", "reported", "--by", "bob", "--db", db)
    assert rows(db)["Harbor Lights"]["best"]["start"] == "2027-01-14"  # the confirmed news still wins
    ok("set", "Harbor Lights S3", "--date", "2027-02-01", "--by", "bob", "--db", db)
    assert rows(db)["Harbor Lights"]["best"]["start"] == "2027-02-01"


def test_hide_and_unhide(db: Path) -> None:
    rid = northwind(db)
    ok("hide", str(rid), "--note", "not a show", "--db", db)
    assert "Northwind" not in rows(db)
    assert "Northwind" in rows(db, "--all")
    assert "Northwind" not in rows(db, "--status", "overdue")
    ok("unhide", str(rid), "--db", db)
    assert "Northwind" in rows(db)


def test_premiered_moves_the_status_and_undo_moves_it_back(db: Path) -> None:
    rid = northwind(db)
    doc = json.loads(ok("premiered", str(rid), "--on", "2026-11-20", "--by", "carol", "--json", "--db", db))
    assert doc["curation"]["by"] == "carol" and doc["curation"]["start"] == "2026-11-20"
    assert "Northwind" not in rows(db)
    assert rows(db, "--all")["Northwind"]["status"] == "premiered"
    assert "set by hand by carol" in ok("show", "Northwind", "--db", db, "--today", TODAY)
    ok("premiered", str(rid), "--undo", "--db", db)
    assert rows(db)["Northwind"]["status"] == "wrapped"


def test_who_defaults_to_the_login_name(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "dana")
    doc = json.loads(ok("set", str(northwind(db)), "--date", "2027-01-14", "--json", "--db", db))
    assert doc["curation"]["by"] == "dana"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("set", "999", "--date", "2027-01-14"), "no release with id 999"),
        (("set", "{id}", "--date", "14/01/2027"), "--date must be a date like 2027-01-14"),
        (("set", "{id}", "--date", "2027-01-14", "--end", "2027-01-01"), "is before --date"),
        (("hide", "no such show at all"), "no release matches"),
        (("unset", "{id}"), "has no window set by hand"),
        (("unhide", "{id}"), "is not hidden"),
        (("premiered", "{id}", "--undo"), "has no premiere set by hand"),
        (("premiered", "{id}", "--on", "soon"), "--on must be a date"),
    ],
)
def test_bad_input_is_one_line(db: Path, args: tuple[str, ...], says: str) -> None:
    rid = str(northwind(db))
    line = one_line_error(invoke(*(a.replace("{id}", rid) for a in args), "--db", db))
    assert says in line, line


@pytest.mark.anyio
async def test_the_web_fact_sheet_and_api_show_the_manual_window(db: Path) -> None:
    from datetime import date

    import httpx

    from airdate.views.web import create_app

    rid = northwind(db)
    ok("set", str(rid), "--date", "2027-01-14", "--note", "per the press site", "--by", "alice", "--db", db)
    ok("hide", "Harbor Lights S3", "--db", db)
    app = create_app(db, today=lambda: date(2026, 11, 24))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://airdate.test") as client:
        page = (await client.get(f"/release/{rid}")).text
        assert "set by hand by alice on " in page and "per the press site" in page
        titles = [r["title"] for r in (await client.get("/api/releases")).json()["items"]]
        assert "Northwind" in titles and "Harbor Lights" not in titles
        every = [r["title"] for r in (await client.get("/api/releases", params={"all": "1"})).json()["items"]]
        assert "Harbor Lights" in every


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
