"""Storing articles and claims: idempotency, one transaction per article, failures, queries."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from testkit import without_ids

from airdate.models import CastMember, Event
from airdate.reconcile import reconcile
from airdate.store import NotFound, Store, StoreError, open_store
from airdate.store import queries as store_queries

from .build import EXTRACTOR, article, extraction, release, window

TODAY = date(2026, 11, 23)


def _kingdom(
    text: str = "Kingdom season 2 is tipped for May 2026.", day: str = "2026-02-01", **more: str
) -> Any:
    a = article(text, day, **more)
    x = extraction(
        a,
        release(
            "Kingdom",
            2,
            window("2026-05-01", "2026-05-31", "reported", "May 2026"),
            platforms=("Netflix",),
            cast=(CastMember("Ju Ji-hoon", "Lee Chang", "returning", "Ju Ji-hoon returns as Lee Chang."),),
            events=(Event("renewed", None, "confirmed", "Netflix renewed Kingdom."),),
        ),
        release("Arcane", None, window("2026-11-01", "2026-11-30", "confirmed"), part=2),
    )
    return a, x


def test_add_article_stores_article_and_claims(store: Store) -> None:
    a, x = _kingdom()
    article_id, new = store.add_article(a, x, *EXTRACTOR)
    assert (article_id, new) == (1, True)
    assert store.counts() == {
        "articles": 1,
        "releases": 2,
        "mentions": 2,
        "windows": 2,
        "events": 1,
        "cast_members": 1,
        "platforms": 1,
        "aliases": 0,
        "failures": 0,
    }
    stored = store.article(article_id)
    assert stored.article == a
    assert (stored.extractor, stored.version) == EXTRACTOR
    kingdom = store.find_releases("Kingdom")[0]
    claims = store.claims(kingdom.id)
    assert claims.windows[0].source.path == a.path
    assert claims.windows[0].source.published == date(2026, 2, 1)
    assert claims.windows[0].sentence == "It arrives May 2026."
    assert [p.name for p in claims.platforms] == ["Netflix"]
    assert claims.cast[0].character == "Lee Chang"
    assert claims.events[0].type == "renewed"


def test_the_same_article_twice_stores_nothing_new(store: Store) -> None:
    a, x = _kingdom()
    first = store.add_article(a, x, *EXTRACTOR)
    counts = store.counts()
    assert store.add_article(a, x, *EXTRACTOR) == (first[0], False)
    assert store.counts() == counts


def test_the_same_text_under_another_path_stores_nothing_new(store: Store) -> None:
    a, x = _kingdom()
    store.add_article(a, x, *EXTRACTOR)
    counts = store.counts()
    other = replace(a, path="/mirror/copy.html", url="https://example.com/k", text=a.text.upper() + "\n\n  ")
    assert store.add_article(other, extraction(other), *EXTRACTOR) == (1, False)
    assert store.counts() == counts


def test_a_failure_mid_article_stores_nothing_of_it(store: Store) -> None:
    a, x = _kingdom()
    bad = replace(
        x, releases=(x.releases[0], release("Broken", 1, window("2026-01-01", "2026-01-02", "rumoured")))
    )
    with pytest.raises(StoreError, match="cannot store"):
        store.add_article(a, bad, *EXTRACTOR)
    assert all(n == 0 for n in store.counts().values())
    assert store.add_article(a, x, *EXTRACTOR) == (1, True)


def test_an_interrupt_mid_article_stores_nothing_of_it(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    a, x = _kingdom()
    real = store_queries.insert_mention
    calls = []

    def interrupted(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(store_queries, "insert_mention", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.add_article(a, x, *EXTRACTOR)
    assert all(n == 0 for n in store.counts().values())


KILL_SCRIPT = """
import sys
from datetime import date
from airdate.models import Article, Extraction, Release, Window
from airdate.store import open_store
store = open_store(sys.argv[1])
for n in range(100000):
    a = Article(text=f"article {n} " * 50, path=f"/a/{n}.txt", published=date(2026, 1, 1))
    rels = tuple(
        Release(f"Show {n} {r}", 1, None, "series", ("Netflix",),
                tuple(Window(str(w), date(2026, 5, 1), date(2026, 5, 2 + w), "reported", "s" * 200) for w in range(20)))
        for r in range(5)
    )
    store.add_article(a, Extraction(a, rels), "test", "1")
    print(n, flush=True)
"""


def test_a_killed_writer_leaves_only_whole_articles(db_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert proc.stdout is not None
    for _ in range(5):
        proc.stdout.readline()
    time.sleep(random.uniform(0.01, 0.05))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(db_path) as store:
        per_article = store.conn.execute(
            "SELECT a.id, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id), "
            "(SELECT count(*) FROM windows w JOIN mentions m ON m.id = w.mention_id WHERE m.article_id = a.id) "
            "FROM articles a"
        ).fetchall()
        assert len(per_article) >= 5
        assert all((m, w) == (5, 100) for _, m, w in per_article)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        a = replace(store.article(1).article, text="a new article after the kill")
        assert store.add_article(a, extraction(a), "test", "1")[1]


def test_failures_are_recorded_listed_and_cleared(store: Store) -> None:
    store.record_failure("/news/bad.bin", "read", "binary data, not text")
    store.record_failure("/news/bad.bin", "read", "still binary")
    store.record_failure("/news/odd.txt", "extract", "ExtractionError: no sentences")
    failures = store.failures()
    assert [(f.path, f.stage, f.reason) for f in failures] == [
        ("/news/bad.bin", "read", "still binary"),
        ("/news/odd.txt", "extract", "ExtractionError: no sentences"),
    ]
    assert all(f.at for f in failures)
    a, x = _kingdom(path="/news/odd.txt")
    store.add_article(a, x, *EXTRACTOR)
    assert [f.path for f in store.failures()] == ["/news/bad.bin"]
    assert store.clear_failures() == 1
    assert store.failures() == []


def test_replace_claims_swaps_an_articles_claims(store: Store) -> None:
    a, x = _kingdom()
    article_id, _ = store.add_article(a, x, *EXTRACTOR)
    assert [s.id for s in store.articles(stale_for=("airdate.rules", "0.2.0"))] == [article_id]
    newer = extraction(a, release("Kingdom", 2, window("2026-06-01", "2026-06-30", "confirmed")))
    store.replace_claims(article_id, newer, "airdate.rules", "0.2.0")
    assert [r.title for r in store.releases()] == ["Kingdom"]  # Arcane had no other article
    claims = store.claims(store.releases()[0].id)
    assert [(w.start, w.certainty) for w in claims.windows] == [(date(2026, 6, 1), "confirmed")]
    assert claims.platforms == ()
    assert list(store.articles(stale_for=("airdate.rules", "0.2.0"))) == []
    assert store.article(article_id).version == "0.2.0"
    with pytest.raises(NotFound):
        store.replace_claims(99, newer, *EXTRACTOR)


def test_find_releases_by_fuzzy_title(store: Store) -> None:
    for n, (title, season) in enumerate(
        [("The Witcher", 4), ("The Witcher", 5), ("Stranger Things", 5), ("All of Us Are Dead", 2)]
    ):
        a = article(f"Story {n} about {title}.")
        store.add_article(a, extraction(a, release(title, season)), *EXTRACTOR)
    titles = lambda q, season=None: [(r.title, r.season) for r in store.find_releases(q, season)]  # noqa: E731
    assert titles("witcher") == [("The Witcher", 4), ("The Witcher", 5)]
    assert titles("'THE WITCHER' season 5") == [("The Witcher", 5)]
    assert titles("The Witcher", 4) == [("The Witcher", 4)]
    assert titles("stranger") == [("Stranger Things", 5)]
    assert titles("Stranger Thngs S5") == [("Stranger Things", 5)]
    assert titles("all of us are dead: season two") == [("All of Us Are Dead", 2)]
    assert titles("Squid Game") == []


def test_display_title_is_the_most_common_spelling(store: Store) -> None:
    for n, title in enumerate(["KINGDOM", "Kingdom", "Kingdom"]):
        a = article(f"Story {n}.", f"2026-02-0{n + 1}")
        store.add_article(a, extraction(a, release(title, 2)), *EXTRACTOR)
    assert [r.title for r in store.releases()] == ["Kingdom"]


def test_seed_article_alone(store: Store, shared: Path) -> None:
    from airdate.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extractor
    from airdate.settings import Settings
    from airdate.sources import read_source

    (a,) = read_source(str(shared / "seeds" / "000_1f41701463a85bd9.txt"), Settings())
    store.add_article(a, Extractor().extract(a), EXTRACTOR_NAME, EXTRACTOR_VERSION)
    (info,) = store.find_releases("All of Us Are Dead")
    state = reconcile(store.claims(info.id), TODAY)
    assert (info.title, info.season) == ("All of Us Are Dead", 2)
    assert state.best is not None
    assert (state.best.start, state.best.end, state.best.certainty) == (
        date(2026, 12, 1),
        date(2026, 12, 10),
        "reported",
    )
    assert state.platforms == ("Netflix",)
    assert len(state.cast) == 4 and all(c.character for c in state.cast)
    assert state.countdown.text == "in 8–17 days (early December, reported)"


STORY = [
    (
        "2026-01-10",
        "Deadline",
        "Harbor Lights season 3 could land in 2026.",
        ("2026-01-01", "2026-12-31", "speculated"),
    ),
    (
        "2026-02-01",
        "Variety",
        "Harbor Lights season 3 is said to arrive in May 2026.",
        ("2026-05-01", "2026-05-31", "reported"),
    ),
    (
        "2026-02-15",
        "THR",
        "Sources say Harbor Lights 3 arrives in August 2026.",
        ("2026-08-01", "2026-08-31", "reported"),
    ),
    (
        "2026-03-20",
        "Netflix",
        "Harbor Lights season 3 premieres May 21, 2026.",
        ("2026-05-21", "2026-05-21", "confirmed"),
    ),
    (
        "2026-04-02",
        "Variety",
        "Harbor Lights season 3 was pushed to October 1, 2027.",
        ("2027-10-01", "2027-10-01", "confirmed"),
    ),
]


def _ingest(store: Store, items: list[tuple[str, str, str, tuple[str, str, str]]]) -> None:
    for day, publisher, text, (start, end, certainty) in items:
        a = article(text, day, publisher=publisher)
        events = (Event("delayed", None, "confirmed", text),) if "pushed" in text else ()
        # One outlet writes the season into the title; identity matching files it with the rest.
        title, season = ("Harbor Lights Season 3", None) if publisher == "THR" else ("Harbor Lights", 3)
        r = release(
            title,
            season,
            window(start, end, certainty),
            events=events,
            platforms=(publisher == "THR") * ("Netflix",),
        )
        store.add_article(a, extraction(a, r), *EXTRACTOR)


def test_story_in_date_order_and_shuffled_gives_the_same_state(tmp_path: Path) -> None:
    with open_store(tmp_path / "ordered.db") as ordered:
        _ingest(ordered, STORY)
        (info,) = ordered.releases()
        expected = without_ids(reconcile(ordered.claims(info.id), TODAY).to_json())
    assert (info.title, info.season) == ("Harbor Lights", 3)
    assert (expected["best"]["start"], expected["best"]["certainty"]) == ("2027-10-01", "confirmed")
    assert expected["history"][-1]["text"] == "moved from 2026-05-21 to 2027-10-01, per Variety on 2026-04-02"
    assert expected["platforms"] == ["Netflix"]
    for seed in range(4):
        shuffled = STORY[:]
        random.Random(seed).shuffle(shuffled)
        with open_store(tmp_path / f"shuffled{seed}.db") as other:
            _ingest(other, shuffled)
            (info,) = other.releases()
            assert without_ids(reconcile(other.claims(info.id), TODAY).to_json()) == expected


def test_story_state_after_each_article(store: Store) -> None:
    expected = [
        ("2026-01-01", "2026-12-31", "speculated", "announced", 0),
        ("2026-05-01", "2026-05-31", "reported", "announced", 0),
        ("2026-08-01", "2026-08-31", "reported", "announced", 1),  # Variety and THR disagree
        ("2026-05-21", "2026-05-21", "confirmed", "dated", 0),
        ("2027-10-01", "2027-10-01", "confirmed", "dated", 0),
    ]
    for item, (start, end, certainty, status, conflicts) in zip(STORY, expected, strict=True):
        _ingest(store, [item])
        (info,) = store.releases()
        state = reconcile(store.claims(info.id), date(2026, 1, 1))
        assert state.best is not None
        got = (state.best.start.isoformat(), state.best.end.isoformat(), state.best.certainty)  # type: ignore[union-attr]
        assert (*got, state.status, len(state.conflicts)) == (start, end, certainty, status, conflicts)
