"""The watchlist end to end: follow, unfollow, following, list --following and the calendar export.

Over the demo story stored from its hand-made claims (tests/demo_gold.py), so the releases do not
move when the extractor changes: Harbor Lights S3, Northwind S2, Saltwater Saints, Starfall Academy
S2 P2, The Gilded Acre S2 and the film The Glass Cartographer.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest
from demo_gold import GoldExtractor  # tests/ is on sys.path

from airdate.ingest import ingest
from airdate.models import Article, Extraction, Release, Window
from airdate.settings import Settings
from airdate.store import open_store
from airdate.store.follows import followed_release_ids, follows
from watch.test_commands import as_json, invoke, one_line_error, succeeded

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
TODAY = "2026-11-24"


@pytest.fixture(scope="module")
def gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("gold") / "airdate.db"
    with open_store(db) as store:
        ingest(store, [str(DEMO)], GoldExtractor(), Settings())
    return db


@pytest.fixture
def db(gold_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "airdate.db"
    shutil.copy(gold_db, copy)
    return copy


def test_follow_unfollow_and_following(db: Path) -> None:
    out = succeeded(invoke("follow", "harbor lights", "--db", db)).stdout
    assert out == "following Harbor Lights: on the board as Harbor Lights season 3 (#1)\n"
    # Season wording in the title counts, and "The" and case do not.
    out = succeeded(invoke("follow", "the Gilded Acre S2", "--db", db)).stdout
    assert out == "following The Gilded Acre season 2: on the board as The Gilded Acre season 2 (#3)\n"
    assert "already following Harbor Lights" in succeeded(invoke("follow", "Harbor Lights", "--db", db)).stdout
    # Another season of a followed title is its own follow; it matches nothing yet.
    out = succeeded(invoke("follow", "Harbor Lights", "--season", "4", "--db", db)).stdout
    assert "following Harbor Lights season 4; nothing on the board matches yet" in out

    listed = as_json(invoke("following", "--json", "--db", db))
    assert [(f["title"], f["season"], [r["id"] for r in f["releases"]]) for f in listed] == [
        ("The Gilded Acre", 2, [3]), ("Harbor Lights", None, [1]), ("Harbor Lights", 4, []),
    ]  # fmt: skip
    assert listed[1]["releases"][0]["status"] and listed[1]["since"]
    text = succeeded(invoke("following", "--today", TODAY, "--db", db)).stdout
    assert "Harbor Lights season 4: not on the board yet; it will match once an article names it" in text
    assert "  #1 Harbor Lights season 3: " in text

    assert succeeded(invoke("unfollow", "Harbor Lights", "--season", "4", "--db", db)).stdout == (
        "no longer following Harbor Lights season 4\n"
    )
    line = one_line_error(invoke("unfollow", "Harbor Lights", "--season", "9", "--db", db))
    assert "you do not follow 'Harbor Lights season 9'; you follow Harbor Lights" in line
    succeeded(invoke("unfollow", "harbor lights", "--db", db))
    succeeded(invoke("unfollow", "Gilded Acre", "--season", "2", "--db", db))
    assert as_json(invoke("following", "--json", "--db", db)) == []
    assert "you follow nothing yet" in succeeded(invoke("following", "--db", db)).stdout


def test_a_close_title_is_suggested_not_guessed(db: Path) -> None:
    out = succeeded(invoke("follow", "Harbour Lights", "--db", db)).stdout
    assert "nothing on the board matches yet" in out
    assert '(close: "Harbor Lights season 3"; follow that title if it is the one)' in out


def test_list_following_shows_only_followed_releases(db: Path) -> None:
    assert as_json(invoke("list", "--following", "--json", "--today", TODAY, "--db", db)) == []
    succeeded(invoke("follow", "Northwind", "--db", db))
    succeeded(invoke("follow", "Starfall Academy", "--season", "2", "--db", db))
    succeeded(invoke("follow", "The Glass Cartographer", "--db", db))  # a film: no season to match
    rows = as_json(invoke("list", "--following", "--all", "--json", "--today", TODAY, "--db", db))
    assert sorted(r["title"] for r in rows) == ["Northwind", "Starfall Academy", "The Glass Cartographer"]
    table = succeeded(invoke("list", "--following", "--all", "--today", TODAY, "--db", db)).stdout
    assert "Harbor Lights" not in table and "Northwind S2" in table
    # Filters combine: following and a search.
    rows = as_json(invoke("list", "--following", "--all", "--search", "northwind", "--json", "--db", db))
    assert [r["title"] for r in rows] == ["Northwind"]


def test_a_title_followed_before_it_is_on_the_board_matches_when_it_appears(db: Path) -> None:
    succeeded(invoke("follow", "Moonlit Harbor", "--db", db))
    assert as_json(invoke("list", "--following", "--json", "--db", db)) == []
    text = "Moonlit Harbor season 2 premieres December 12, 2026 on Netflix."
    article = Article(text, "/news/moonlit.txt", None, "Moonlit Harbor returns", date(2026, 11, 20), "Variety")
    window = Window("December 12, 2026", date(2026, 12, 12), date(2026, 12, 12), "confirmed", text)
    with open_store(db) as store:
        store.add_article(article, Extraction(article, (Release("Moonlit Harbor", 2, None, "series", ("Netflix",),
                                                                 (window,)),)), "hand", "1")  # fmt: skip
    rows = as_json(invoke("list", "--following", "--json", "--today", TODAY, "--db", db))
    assert [(r["title"], r["season"]) for r in rows] == [("Moonlit Harbor", 2)]


def test_a_follow_matches_a_name_merged_into_a_release(db: Path) -> None:
    succeeded(invoke("merge", "Drowned Tower part 2", "Starfall Academy season 2 part 2", "--db", db))
    succeeded(invoke("follow", "Drowned Tower", "--db", db))
    with open_store(db) as store:
        assert followed_release_ids(store) == {5}
        assert [f.title for f in follows(store)] == ["Drowned Tower"]


def test_following_commands_want_a_title(db: Path) -> None:
    assert invoke("follow", "--db", db).exit_code == 2
    assert invoke("unfollow", "--db", db).exit_code == 2


def test_ics_export_is_unchanged_by_follows(db: Path) -> None:
    """Following filters views that ask for it; the full calendar keeps every release."""
    everything = succeeded(invoke("export", "--format", "ics", "--today", TODAY, "--db", db)).stdout
    succeeded(invoke("follow", "Northwind", "--db", db))
    again = succeeded(invoke("export", "--format", "ics", "--today", TODAY, "--db", db)).stdout
    count = len(icalendar.Calendar.from_ical(everything).walk("VEVENT"))
    assert count == len(icalendar.Calendar.from_ical(again).walk("VEVENT")) > 1
