"""Bulk ingest with the real extractor into a real SQLite file: the demo story, order, idempotency,
failures and a writer killed mid-run.

The story expectations below were worked out by hand from the article texts in
demo/articles and the rules of issue 3 (see airdate/reconcile.py), not copied from output.
The story runs two ways: with the real extractor, and with hand-made claims for the same
articles (tests/demo_gold.py), which tests the store and the rules by themselves.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from demo_gold import GoldExtractor  # tests/ is on sys.path (rootdir-relative imports)
from testkit import committed_articles, without_ids

from airdate.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extractor
from airdate.ingest import PlainLines, ProgressBar, Tally, expand_sources, ingest, progress_for, reextract
from airdate.reconcile import reconcile
from airdate.settings import Settings
from airdate.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
TODAY = date(2026, 11, 24)  # the day the demo corpus describes


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module", params=["extractor", "gold"])
def way(request: pytest.FixtureRequest, extractor: Extractor) -> tuple[str, Any]:
    """The real extractor, or the hand-made claims of the demo articles."""
    return request.param, extractor if request.param == "extractor" else GoldExtractor()


def known(request: pytest.FixtureRequest, way: tuple[str, Any], key: object) -> None:
    """Mark a step the real extractor is known to misread (see KNOWN) as an expected failure."""
    if way[0] == "extractor" and key in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[key], strict=False))


def demo_articles() -> list[Path]:
    return sorted(DEMO.glob("*.txt"))


def published(path: Path) -> date:
    return date.fromisoformat(path.read_text(encoding="utf-8").split()[1])


def run(store: Store, sources: Sequence[Path | str], extractor: Any) -> Tally:
    return ingest(store, [str(s) for s in sources], extractor, Settings())


# --- the story ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """A release's state after an article; `best` may list the windows the rules allow."""

    best: tuple[str, str] | None | Sequence[tuple[str, str] | None]
    certainty: str | None
    status: str
    platforms: tuple[str, ...]
    conflict: bool = False
    overdue: bool = False


HARBOR = ("Harbor Lights", 3, None)
ACRE = ("The Gilded Acre", 2, None)
NORTHWIND = ("Northwind", 2, None)
SALTWATER = ("Saltwater Saints", None, None)
GLASS = ("The Glass Cartographer", None, None)
STARFALL = ("Starfall Academy", 2, 2)
RELEASES = {"harbor": HARBOR, "acre": ACRE, "northwind": NORTHWIND, "saltwater": SALTWATER, "glass": GLASS,
            "starfall": STARFALL}  # fmt: skip

NORTHWIND_SPLIT: list[tuple[str, str] | None] = [("2026-11-01", "2026-11-10"), ("2026-12-11", "2026-12-20")]

# (article number, release, state right after that article, counted from its publication day)
STORY: list[tuple[int, str, Expect]] = [
    # "According to Deadline … eyeing fall 2026" (reported) beats "could arrive in late
    # October 2026" (speculated); "renewed … in July" dates the renewal, not the season.
    (1, "harbor", Expect(("2026-09-01", "2026-11-30"), "reported", "renewed", ("Netflix",))),
    # "in theaters on July 17, 2026" nests inside the headline's "Summer 2026": rule 4.
    # Universal is a studio and theaters are no platform.
    (2, "glass", Expect(("2026-07-17", "2026-07-17"), "confirmed", "dated", ())),
    (3, "acre", Expect(None, None, "renewed", ("HBO Max",))),
    # "targeting November … according to Variety": newer, same certainty, overlapping fall
    # 2026, and not inside it, so rule 3 takes it. "Filming … is underway".
    (4, "harbor", Expect(("2026-11-01", "2026-11-30"), "reported", "in production", ("Netflix",))),
    (5, "saltwater", Expect(("2026-05-14", "2026-05-14"), "confirmed", "dated", ("Hulu",))),
    # "second cour … as part of the Fall 2026 anime season": the anime row, Oct 1–Dec 31.
    (6, "starfall", Expect(("2026-10-01", "2026-12-31"), "confirmed", "dated", ("Crunchyroll",))),
    # "Netflix has set Thursday, November 5": confirmed beats reported (rule 2).
    (7, "harbor", Expect(("2026-11-05", "2026-11-05"), "confirmed", "dated", ("Netflix",))),
    # "Saltwater Saints premiered on Hulu on Thursday": a premiere, so never overdue.
    (8, "saltwater", Expect(("2026-05-14", "2026-05-14"), "confirmed", "premiered", ("Hulu",))),
    # "opened in theaters on Friday" is the premiere; "will stream on Peacock later this
    # year" (Universal said) names the platform and a confirmed window, 272 days after July 17
    # was set and not overlapping it, so July 17 is replaced (rule 1b). Were the opening
    # itself read as a window too, rule 4 would take it as the earliest start.
    (
        9,
        "glass",
        Expect(
            [("2026-07-20", "2026-12-31"), ("2026-07-17", "2026-07-17")],
            "confirmed",
            "premiered",
            ("Peacock",),
        ),
    ),
    # "premiere Saturday, October 3" and "The English dub will follow on October 17" do
    # not nest: the earliest start is the premiere (rule 4).
    (10, "starfall", Expect(("2026-10-03", "2026-10-03"), "confirmed", "dated", ("Crunchyroll",))),
    # "in early November, according to sources"; renewed, then "wrapped filming in May".
    (11, "northwind", Expect(("2026-11-01", "2026-11-10"), "reported", "wrapped", ("Disney+",))),
    # "now being held for mid-December, insiders tell us": another outlet, 11 days later,
    # 31 days apart, no move wording: a conflict, and the newer stays best.
    (
        12,
        "northwind",
        Expect(("2026-12-11", "2026-12-20"), "reported", "wrapped", ("Disney+",), conflict=True),
    ),
    (13, "starfall", Expect(("2026-10-03", "2026-10-03"), "confirmed", "dated", ("Crunchyroll",))),
    (13, "harbor", Expect(("2026-11-05", "2026-11-05"), "confirmed", "dated", ("Netflix",))),
    # "Disney+ hasn't dated it … one says early November, another mid-December. We'd bet on
    # December": still reported and in conflict; which report leads depends on how the
    # roundup's restatements are read, so either is allowed, never a confirmed date.
    (13, "northwind", Expect(NORTHWIND_SPLIT, "reported", "wrapped", ("Disney+",), conflict=True)),
    # "won't start filming until next month, so it is unlikely to arrive before 2027":
    # no release window (or a speculated one no earlier than 2027), still only renewed.
    (13, "acre", Expect([None, ("2027-01-01", "")], None, "renewed", ("HBO Max",))),
    # "begin streaming on Peacock on Friday, October 9": 30+ days after July 17 was
    # announced and not overlapping it, so it replaces it (rule 1b); still premiered.
    (14, "glass", Expect(("2026-10-09", "2026-10-09"), "confirmed", "premiered", ("Peacock",))),
    # "pushed … from November 5 to January 14, 2027": a move (rule 1a) to a confirmed day.
    (15, "harbor", Expect(("2027-01-14", "2027-01-14"), "confirmed", "dated", ("Netflix",))),
    # "started filming its second season … HBO Max has not announced a premiere date."
    (16, "acre", Expect([None, ("2027-01-01", "")], None, "in production", ("HBO Max",))),
    (17, "harbor", Expect(("2027-01-14", "2027-01-14"), "confirmed", "dated", ("Netflix",))),
]

# Where today's extractor still misreads the demo, the step is a known failure, named here so
# it shows in the test report (and turns into an XPASS once the extractor reads it right).
# The same steps pass with the hand-made claims.
BOX_OFFICE = "the extractor misses the July premiere in 009 ('opened in theaters on Friday' in a box-office story)"
KNOWN: dict[object, str] = {
    (4, "harbor"): "the extractor misses 'targeting November … according to Variety' (004)",
    (9, "glass"): BOX_OFFICE,
    "cast": "the extractor misses Rhys Penhallow's role in 016 ('the Penrose family's new land agent, Silas Crane')",
}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory, way: tuple[str, Any]) -> dict[int, dict[str, Any]]:
    """The demo ingested one article at a time in date order; each release's state after each."""
    extractor = way[1]
    db = tmp_path_factory.mktemp("story") / "airdate.db"
    after: dict[int, dict[str, Any]] = {}
    with open_store(db) as store:
        for n, path in enumerate(demo_articles(), start=1):
            tally = run(store, [path], extractor)
            assert (tally.done, tally.failed) == (1, 0), tally.failures
            after[n] = {name: state_of(store, ident, published(path)) for name, ident in RELEASES.items()}
    return after


def state_of(store: Store, ident: tuple[str, int | None, int | None], today: date) -> dict[str, Any] | None:
    title, season, part = ident
    found = [r for r in store.find_releases(title, season, part) if (r.season, r.part) == (season, part)]
    if not found:
        return None
    assert len(found) == 1, f"{ident} names {found}"
    return reconcile(store.claims(found[0].id), today).to_json()


def _window(best: dict[str, Any] | None) -> tuple[str, str] | None:
    return None if best is None else (best["start"] or "", best["end"] or "")


def _allowed(got: tuple[str, str] | None, want: Any) -> bool:
    options = want if isinstance(want, list) else [want]
    for option in options:
        if option is None and got is None:
            return True
        if option is not None and got is not None:
            if option[1] == "" and got[0] >= option[0]:  # "from this day on"
                return True
            if option == got:
                return True
    return False


def test_the_demo_corpus_is_seventeen_articles_in_date_order() -> None:
    paths = demo_articles()
    assert len(paths) == 17
    days = [published(p) for p in paths]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("step", "name", "expect"), [pytest.param(*row, id=f"{row[0]:03d}-{row[1]}") for row in STORY]
)
def test_story_state_after_each_article(
    request: pytest.FixtureRequest,
    way: tuple[str, Any],
    story: dict[int, dict[str, Any]],
    step: int,
    name: str,
    expect: Expect,
) -> None:
    known(request, way, (step, name))
    state = story[step][name]
    assert state is not None, f"no release {RELEASES[name]} after article {step}"
    got = _window(state["best"])
    assert _allowed(got, expect.best), f"best {got}, want {expect.best}"
    if expect.certainty is not None:
        assert state["best"]["certainty"] == expect.certainty
    elif state["best"] is not None:
        assert state["best"]["certainty"] == "speculated"
    assert state["status"] == expect.status
    assert tuple(state["platforms"]) == expect.platforms
    assert bool(state["conflicts"]) == expect.conflict
    assert state["overdue"] == expect.overdue


def test_story_releases_appear_when_first_named(story: dict[int, dict[str, Any]]) -> None:
    first = {name: min(step for step, n, _ in STORY if n == name) for name in RELEASES}
    for name, step in first.items():
        assert all(story[before][name] is None for before in range(1, step)), name
        assert story[step][name] is not None, name


def test_story_delay_is_kept_as_a_delay(
    request: pytest.FixtureRequest, way: tuple[str, Any], story: dict[int, dict[str, Any]]
) -> None:
    known(request, way, "delay")
    history = story[15]["harbor"]["history"]
    assert history[-1]["kind"] == "delayed"
    assert history[-1]["text"].startswith("moved from 2026-11-05 to 2027-01-14, per ")
    assert history[-1]["date"] == "2026-10-08"


def test_story_conflict_shows_both_reports_with_sources(story: dict[int, dict[str, Any]]) -> None:
    (conflict,) = story[12]["northwind"]["conflicts"]
    assert (conflict["newer"]["start"], conflict["older"]["start"]) == ("2026-12-11", "2026-11-01")
    assert conflict["newer"]["source"]["path"].endswith("012-northwind-s2-december.txt")
    assert conflict["older"]["source"]["path"].endswith("011-northwind-s2-deadline.txt")


def test_story_cast_gathers_every_source(
    request: pytest.FixtureRequest, way: tuple[str, Any], story: dict[int, dict[str, Any]]
) -> None:
    known(request, way, "cast")
    cast = {(c["actor"], c["character"]): c for c in story[16]["acre"]["cast"]}
    assert cast[("Elodie Marchand", "Clementine Vail")]["status"] == "returning"
    assert cast[("Rhys Penhallow", "Silas Crane")]["status"] == "new"
    assert len(cast[("Jasper Okoye", "Augustus Penrose")]["sources"]) == 2


FINAL = {
    "harbor": Expect(("2027-01-14", "2027-01-14"), "confirmed", "dated", ("Netflix",)),
    "acre": Expect([None, ("2027-01-01", "")], None, "in production", ("HBO Max",)),
    "saltwater": Expect(("2026-05-14", "2026-05-14"), "confirmed", "premiered", ("Hulu",)),
    "glass": Expect(("2026-10-09", "2026-10-09"), "confirmed", "premiered", ("Peacock",)),
    # October 3 has passed and no article says the second cour premiered: overdue, by the rules.
    "starfall": Expect(("2026-10-03", "2026-10-03"), "confirmed", "dated", ("Crunchyroll",), overdue=True),
}


@pytest.mark.parametrize("name", sorted(FINAL))
def test_story_final_board_as_of_the_demo_day(
    request: pytest.FixtureRequest, way: tuple[str, Any], tmp_path: Path, name: str
) -> None:
    known(request, way, f"final-{name}")
    with open_store(tmp_path / "airdate.db") as store:
        run(store, demo_articles(), way[1])
        state = state_of(store, RELEASES[name], TODAY)
    assert state is not None
    expect = FINAL[name]
    assert _allowed(_window(state["best"]), expect.best)
    assert (state["status"], tuple(state["platforms"]), state["overdue"]) == (
        expect.status,
        expect.platforms,
        expect.overdue,
    )


def test_story_is_six_releases_and_nothing_else(
    request: pytest.FixtureRequest, way: tuple[str, Any], tmp_path: Path
) -> None:
    known(request, way, "six")
    with open_store(tmp_path / "airdate.db") as store:
        run(store, demo_articles(), way[1])
        got = sorted((r.title, r.season, r.part) for r in store.releases())
    assert got == sorted(RELEASES.values(), key=lambda r: r[0])


# --- order and idempotency ---------------------------------------------------------------------


def everything(store: Store) -> list[Any]:
    states = [reconcile(c, TODAY).to_json() for c in store.all_claims()]
    return sorted(
        (without_ids(s) for s in states), key=lambda s: (s["title"], s["season"] or 0, s["part"] or 0)
    )


def board(store: Store) -> list[Any]:
    return [without_ids(s.to_json(TODAY)) for s in store.board()]


def changes(store: Store) -> list[Any]:
    """The change log without when it was recorded: ids, kinds, days and text depend on the articles alone."""
    return sorted((c.id, c.kind, c.day, c.text) for c in store.changes(limit=10_000))


def test_shuffled_order_gives_the_same_final_state(tmp_path: Path, way: tuple[str, Any]) -> None:
    extractor = way[1]
    with open_store(tmp_path / "ordered.db") as ordered:
        run(ordered, demo_articles(), extractor)
        want, want_board, want_changes = everything(ordered), board(ordered), changes(ordered)
    assert len(want) >= 6 and len(want_changes) >= 20
    for seed in (1, 2, 3):
        paths = demo_articles()
        random.Random(seed).shuffle(paths)
        with open_store(tmp_path / f"shuffled-{seed}.db") as shuffled:
            run(shuffled, paths, extractor)
            assert everything(shuffled) == want, f"seed {seed}"
            assert board(shuffled) == want_board, f"seed {seed}"
            assert changes(shuffled) == want_changes, f"seed {seed}"


def test_ingesting_twice_stores_nothing_new(tmp_path: Path, extractor: Extractor) -> None:
    with open_store(tmp_path / "airdate.db") as store:
        first = run(store, [DEMO], extractor)
        counts, state = store.counts(), everything(store)
        again = run(store, [DEMO], extractor)
        assert (first.done, first.unchanged, first.failed) == (17, 0, 0)
        assert (again.done, again.unchanged, again.failed) == (0, 17, 0)
        assert store.counts() == counts
        assert everything(store) == state


def test_the_same_text_under_another_path_stores_nothing_new(tmp_path: Path, extractor: Extractor) -> None:
    original = DEMO / "012-northwind-s2-december.txt"
    copy = tmp_path / "elsewhere" / "northwind-copy.txt"
    copy.parent.mkdir()
    # Another path, CRLF line ends, different spacing and case: the same article.
    text = original.read_text(encoding="utf-8")
    copy.write_bytes(
        text.replace("Mid-December", "mid-december").replace(". ", ".  ").replace("\n", "\r\n").encode()
    )
    with open_store(tmp_path / "airdate.db") as store:
        run(store, [original], extractor)
        counts = store.counts()
        tally = run(store, [copy], extractor)
        assert (tally.done, tally.unchanged) == (0, 1)
        assert store.counts() == counts
        (stored,) = store.articles()
        assert stored.article.path == str(original)


def test_an_article_already_stored_is_not_extracted_again(tmp_path: Path) -> None:
    class Counting(Extractor):
        calls = 0

        def extract(self, article: Any) -> Any:
            Counting.calls += 1
            return super().extract(article)

    with open_store(tmp_path / "airdate.db") as store:
        run(store, [DEMO], Counting())
        run(store, [DEMO], Counting())
    assert Counting.calls == 17


# --- sources -----------------------------------------------------------------------------------


def test_expand_sources_walks_folders_and_globs_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.txt", "a/deep/3.html", ".hidden/4.txt", "a/.5.txt", "top.xml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    rel = lambda items: [str(Path(i).relative_to(tmp_path)) for i in items]  # noqa: E731
    assert rel(expand_sources([str(tmp_path)])) == ["top.xml", "a/1.txt", "a/deep/3.html", "b/2.txt"]
    assert rel(expand_sources([str(tmp_path / "**" / "*.txt")])) == ["a/1.txt", "b/2.txt"]
    assert expand_sources(["-", "https://example.invalid/feed", str(tmp_path / "none-*.txt")]) == [
        "-",
        "https://example.invalid/feed",
        str(tmp_path / "none-*.txt"),
    ]
    # The same file named twice is read once.
    assert rel(expand_sources([str(tmp_path / "top.xml"), str(tmp_path / "*.xml")])) == ["top.xml"]


def test_failures_are_recorded_and_the_run_carries_on(tmp_path: Path, extractor: Extractor) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(DEMO / "005-saltwater-saints-dated.txt", folder / "a-good.txt")
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (folder / "c-empty.txt").write_bytes(b"")
    shutil.copy(DEMO / "011-northwind-s2-deadline.txt", folder / "d-good.txt")
    with open_store(tmp_path / "airdate.db") as store:
        tally = run(store, [folder, tmp_path / "missing.txt", str(tmp_path / "nothing-*.txt")], extractor)
        assert (tally.done, tally.unchanged, tally.failed) == (2, 0, 4)
        assert tally.summary() == "ingested 2, unchanged 0, failed 4 (see `airdate failures`)"
        failures = {Path(f.path).name: f for f in store.failures()}
        assert set(failures) == {"b-binary.txt", "c-empty.txt", "missing.txt", "nothing-*.txt"}
        assert all(f.stage == "read" for f in failures.values())
        assert "binary" in failures["b-binary.txt"].reason
        assert "empty" in failures["c-empty.txt"].reason
        assert "no such file" in failures["missing.txt"].reason
        assert "no file matches" in failures["nothing-*.txt"].reason
        assert store.counts()["articles"] == 2
        # Fixed and ingested again: its failure is forgotten, the others stay.
        shutil.copy(DEMO / "003-gilded-acre-renewed.txt", folder / "c-empty.txt")
        again = run(store, [folder], extractor)
        assert (again.done, again.unchanged, again.failed) == (1, 2, 1)
        assert {Path(f.path).name for f in store.failures()} == {
            "b-binary.txt",
            "missing.txt",
            "nothing-*.txt",
        }


def test_an_extractor_crash_is_a_recorded_failure(tmp_path: Path, extractor: Extractor) -> None:
    class Fragile(Extractor):
        def extract(self, article: Any) -> Any:
            if "Northwind" in (article.title or ""):
                raise IndexError("list index out of range")
            return super().extract(article)

    with open_store(tmp_path / "airdate.db") as store:
        tally = run(
            store,
            [DEMO / "011-northwind-s2-deadline.txt", DEMO / "005-saltwater-saints-dated.txt"],
            Fragile(),
        )
        assert (tally.done, tally.failed) == (1, 1)
        (failure,) = store.failures()
        assert (failure.stage, failure.reason) == ("extract", "IndexError: list index out of range")


def test_reextract_swaps_claims_without_reading_files(tmp_path: Path, extractor: Extractor) -> None:
    folder = tmp_path / "news"
    shutil.copytree(DEMO, folder)
    with open_store(tmp_path / "airdate.db") as store:
        run(store, [folder], extractor)
        before = everything(store)
        shutil.rmtree(folder)  # nothing is read again
        store.conn.execute("UPDATE articles SET extractor_version = '0.0.1' WHERE id <= 5")
        tally = reextract(store, extractor)
        assert (tally.done, tally.failed) == (5, 0)
        assert reextract(store, extractor).done == 0
        assert reextract(store, extractor, everything=True).done == 17
        assert everything(store) == before
        assert {(a.extractor, a.version) for a in store.articles()} == {(EXTRACTOR_NAME, EXTRACTOR_VERSION)}


# --- a writer killed mid-run -------------------------------------------------------------------


def _corpus(folder: Path, n: int) -> list[Path]:
    """n distinct articles: the fixture articles, each copy with its own closing line."""
    sources = sorted(FIXTURES.glob("*.txt"))
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"{i:04d}.txt"
        path.write_text(sources[i % len(sources)].read_text(encoding="utf-8") + f"\n\nEditor's note {i}.\n")
        paths.append(path)
    return paths


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("airdate")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "airdate.cli"]


KILLED_WITH: dict[str, list[tuple[str, int]]] = {}  # the extractor's source as the killed run started


@pytest.fixture
def killed_run(tmp_path: Path) -> Iterator[tuple[Path, Path, int]]:
    """A CLI ingest of 150 articles killed with SIGKILL once at least 10 are committed."""
    folder, db = tmp_path / "news", tmp_path / "airdate.db"
    paths = _corpus(folder, 150)
    KILLED_WITH[str(db)] = _extractor_stamp()
    proc = subprocess.Popen(
        [*_cli(), "ingest", "--db", str(db), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "AIRDATE_DB": ""},
    )
    try:
        deadline = time.monotonic() + 120
        while committed_articles(db) < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    yield folder, db, len(paths)


def _extractor_stamp() -> list[tuple[str, int]]:
    return [(str(p), p.stat().st_mtime_ns) for p in sorted((ROOT / "airdate" / "extract").rglob("*.py"))]


def test_a_killed_ingest_leaves_only_whole_articles(
    killed_run: tuple[Path, Path, int], extractor: Extractor
) -> None:
    folder, db, total = killed_run
    stamp = _extractor_stamp()
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = list(store.articles())
        assert 10 <= len(stored) < total
        for s in stored:
            # Every stored article holds exactly the claims its extraction gives: none missing.
            want = extractor.extract(s.article)
            rows = store.conn.execute(
                "SELECT (SELECT count(*) FROM mentions WHERE article_id = ?1), "
                "(SELECT count(*) FROM windows w JOIN mentions m ON m.id = w.mention_id WHERE m.article_id = ?1), "
                "(SELECT count(*) FROM cast_members c JOIN mentions m ON m.id = c.mention_id WHERE m.article_id = ?1), "
                "(SELECT count(*) FROM events e JOIN mentions m ON m.id = e.mention_id WHERE m.article_id = ?1)",
                (s.id,),
            ).fetchone()
            if _extractor_stamp() != stamp or stamp != KILLED_WITH.get(str(db)):
                pytest.skip("the extractor's source changed during the test; its claims cannot be compared")
            assert rows == (
                len(want.releases),
                sum(len(r.windows) for r in want.releases),
                sum(len(r.cast) for r in want.releases),
                sum(len(r.events) for r in want.releases),
            ), s.article.path
        # Every release on the board has claims, and every release with claims is on the board.
        orphans = store.conn.execute(
            "SELECT count(*) FROM releases r WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.release_id = r.id)"
        ).fetchone()[0]
        assert orphans == 0
        # Board rows the killed batch had not recomputed are marked; reading leaves them (it never
        # writes), and the next flush (any write) recomputes them.
        waiting = store.pending_board()
        on_board = store.conn.execute("SELECT count(*) FROM board").fetchone()[0]
        assert on_board + waiting >= len(store.releases())
        store.board()
        assert store.pending_board() == waiting
        assert store.flush_board() == waiting
        assert store.pending_board() == 0
        assert store.conn.execute("SELECT count(*) FROM board").fetchone()[0] == len(store.releases())


def test_a_rerun_after_a_kill_completes_the_rest(
    killed_run: tuple[Path, Path, int], extractor: Extractor
) -> None:
    folder, db, total = killed_run
    done = committed_articles(db)
    with open_store(db) as store:
        tally = run(store, [folder], extractor)
        assert (tally.done, tally.unchanged, tally.failed) == (total - done, done, 0)
        assert store.counts()["articles"] == total


# --- progress ----------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise(
    tmp_path: Path, extractor: Extractor
) -> None:
    assert isinstance(progress_for(io.StringIO()), PlainLines)
    assert isinstance(progress_for(Terminal()), ProgressBar)
    assert progress_for(Terminal(), quiet=True) is None
    (tmp_path / "bad [1].txt").write_bytes(b"")
    screen = Terminal()
    with open_store(tmp_path / "airdate.db") as store:
        sources = [DEMO / "002-glass-cartographer-dated.txt", tmp_path / "bad [1].txt"]
        tally = ingest(store, [str(s) for s in sources], extractor, Settings(), progress_for(screen))
    assert (tally.done, tally.failed) == (1, 1)
    # The bar is transient; a failure is printed above it and stays (brackets and all).
    assert "failed" in screen.getvalue() and "bad [1].txt" in screen.getvalue()
    plain = io.StringIO()
    with open_store(tmp_path / "airdate.db") as store:
        ingest(store, [str(s) for s in sources], extractor, Settings(), progress_for(plain))
    assert plain.getvalue().splitlines() == [
        f"unchanged {DEMO / '002-glass-cartographer-dated.txt'}",
        f"failed    {tmp_path / 'bad [1].txt'}: read: {tmp_path / 'bad [1].txt'} is empty; pass a file with article text",
    ]


def test_a_fifo_in_a_folder_is_a_failure_not_a_hang(tmp_path: Path) -> None:
    # A real `airdate ingest` in its own process, bounded in time: before the check, open() on the FIFO blocked.
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(DEMO / "005-saltwater-saints-dated.txt", folder / "a-good.txt")
    os.mkfifo(folder / "b-pipe.txt")
    db = tmp_path / "airdate.db"
    done = subprocess.run([*_cli(), "ingest", "--db", str(db), str(folder)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "AIRDATE_DB": ""})
    assert done.returncode != 0  # a failed source makes the run's exit non-zero
    assert "ingested 1, unchanged 0, failed 1" in done.stdout + done.stderr
    with open_store(db) as store:
        (failure,) = store.failures()
        assert Path(failure.path).name == "b-pipe.txt" and "is a FIFO, not a regular file" in failure.reason
        assert store.counts()["articles"] == 1
