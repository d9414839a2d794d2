"""Films on TMDB, only with AIRDATE_TMDB_KEY: linking, release dates by country, the key kept secret."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from airdate.cli import main
from airdate.settings import TMDB_COUNTRY_ENV, TMDB_KEY_ENV, TMDB_URL_ENV, TVMAZE_ENV
from tests.schedules.conftest import TMDB_KEY, FakeTVmaze

TODAY = "2026-11-24"
FILM = "The Glass Cartographer"


def invoke(fake: FakeTVmaze, *args: str | Path, key: str | None = TMDB_KEY, country: str | None = None) -> Result:
    env = {TVMAZE_ENV: fake.base, TMDB_URL_ENV: f"{fake.base}/3", TMDB_KEY_ENV: key, TMDB_COUNTRY_ENV: country}
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def ok(fake: FakeTVmaze, *args: str | Path, **env: str | None) -> str:
    result = invoke(fake, *args, **env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def film_row(fake: FakeTVmaze, db: Path) -> dict:  # type: ignore[type-arg]
    rows = json.loads(ok(fake, "list", "--all", "--json", "--today", TODAY, "--db", db))
    return next(r for r in rows if r["title"] == FILM)


def test_without_a_key_films_are_left_alone(tvmaze: FakeTVmaze, db: Path) -> None:
    doc = json.loads(ok(tvmaze, "link", "--allow-private", "--json", "--db", db, key=None))
    assert FILM not in {r["title"] for r in doc["releases"]}
    ok(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db, key=None)
    assert not any(p.startswith("/3/") for p in tvmaze.paths())
    rid = str(film_row(tvmaze, db)["id"])
    result = invoke(tvmaze, "link", rid, "--allow-private", "--db", db, key=None)
    assert result.exit_code == 2 and f"films are linked to TMDB only with {TMDB_KEY_ENV} set" in result.stderr


def test_with_a_key_a_film_links_by_title_and_year_and_syncs_its_release_dates(tvmaze: FakeTVmaze, db: Path) -> None:
    doc = json.loads(ok(tvmaze, "link", "--allow-private", "--json", "--db", db))
    link = next(r["link"] for r in doc["releases"] if r["title"] == FILM)
    # Two films share the title; the 2026 window picks the 2026 film over the 1998 short.
    assert (link["provider"], link["state"], link["show"]["id"], link["method"]) == ("tmdb", "linked", 7001, "tmdb search, name")
    out = ok(tvmaze, "sync", "--allow-private", "--today", TODAY, "--db", db)
    assert f"{FILM} (TMDB: {FILM}): premieres 2026-07-17, aired 2026-07-17 (2 new)" in out
    sheet = json.loads(ok(tvmaze, "show", FILM, "--json", "--today", TODAY, "--db", db))
    labels = {w["source"]["label"] for w in sheet["windows"]}
    assert "TMDB release dates" in labels and sheet["status"] == "premiered"
    assert sheet["link"]["provider"] == "tmdb"
    text = ok(tvmaze, "show", FILM, "--today", TODAY, "--db", db)
    assert "linked to The Glass Cartographer (TMDB 7001)" in text
    # Another country's dates: Britain saw it a week later.
    ok(tvmaze, "sync", "--allow-private", "--today", "2026-12-01", "--db", db, country="GB")
    days = {w["start"] for w in json.loads(ok(tvmaze, "show", FILM, "--json", "--db", db))["windows"]
            if w["source"]["label"] == "TMDB release dates"}  # fmt: skip
    assert {"2026-07-17", "2026-07-24"} <= days


def test_the_key_never_reaches_the_cache_the_output_or_an_error(tvmaze: FakeTVmaze, db: Path) -> None:
    ok(tvmaze, "link", "--allow-private", "--db", db)
    sent = [p for p in tvmaze.paths() if p.startswith("/3/")]
    assert sent and all(f"api_key={TMDB_KEY}" in p for p in sent)
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("SELECT url FROM http_cache")]
    assert any("/3/search/movie" in u for u in urls) and not any(TMDB_KEY in u for u in urls)
    wrong = "ffffffffffffffffffffffffffffffff"
    result = invoke(tvmaze, "link", "--relink", "--allow-private", "--db", db, key=wrong)
    assert result.exit_code == 1 and "HTTP 401" in result.stdout
    assert wrong not in result.stdout + result.stderr and "api_key=***" in result.stdout


def test_a_film_is_linked_by_hand_with_tmdb_and_a_series_is_not(tvmaze: FakeTVmaze, db: Path) -> None:
    rid = str(film_row(tvmaze, db)["id"])
    out = ok(tvmaze, "link", rid, "--tmdb", "7002", "--by", "bob", "--allow-private", "--db", db)
    assert "linked to The Glass Cartographer (TMDB 7002), confidence 1.00 by hand by bob" in out
    refused = invoke(tvmaze, "link", rid, "--tvmaze", "101", "--allow-private", "--db", db)
    assert refused.exit_code == 2 and "a film with --tmdb N" in refused.stderr
    assert "no TMDB film, set by hand" in ok(tvmaze, "link", rid, "--none", "--db", db, key=None)
    doc = json.loads(ok(tvmaze, "show", FILM, "--json", "--db", db))
    assert (doc["link"]["provider"], doc["link"]["state"]) == ("tmdb", "none")
