"""Ingest at scale: a corpus of 20,000 articles through the real extractor into a fresh store.

    .venv/bin/python benchmarks/ingest.py [--limit N] [--calls 200] [--keep DIR] [--json FILE]

The corpus is the 10,000 HuffPost items of ../shared/corpora (as ` date` text files) plus
variants of our fixture articles (tests/fixtures/articles), their titles, seasons and
dates rewritten deterministically, up to 20,000 articles in all (--limit for less).
Prints the ingest rate, the database size, where the ingest time went (read, extract,
store) and the latency of `list` and `show`, through the library and through the CLI.
Prints figures beside the issue's targets; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HUFFPOST = (
    SHARED / "corpora" / "huffpost-news-category-v3-subset" / "News_Category_Dataset_v3.first9999.jsonl"
)
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
TODAY = date(2026, 11, 24)
TARGET_LATENCY_MS = 100.0
TARGET_STORE_SHARE = 0.10
DEFAULT_ARTICLES = 20_000

ADJECTIVES = (
    "Amber Ashen Bitter Blue Broken Copper Crimson Distant Electric Emerald Fallen Frozen Gilded Golden Hollow "
    "Iron Ivory Last Lonely Lost Lunar Midnight Northern Pale Quiet Restless Rusted Salt Scarlet Secret Silent "
    "Silver Southern Stone Sunken Velvet Violet Wild Winter Wicked Paper Painted Burning Drowned Glass Hidden "
    "Marble Neon Obsidian Red"
).split()
NOUNS = (
    "Acre Archive Bay Beacon Border Bridge Canyon Cartographer Choir Circuit Coast Compass Crown Dynasty Empire "
    "Engine Garden Harbor Harvest Horizon Island Kingdom Lantern Ledger Lighthouse Meridian Mirror Orchard "
    "Palace Parish Protocol Quarry Reservoir Ridge River Saints Signal Skyline Station Tide Tower Valley "
    "Verdict Voyage Ward Widow Witness Wolves Yard"
).split()
PLACES = (
    "Avalon Brightwater Calder Dunmore Eastwick Fenwick Galloway Harrow Ivel Juniper Kestrel Larkspur Marrow "
    "Norwood Oakhaven Pembrook Quarry Row Rookwood Sable Thornbury Umber Vale Westmere Yarrow Zell"
).split()
YEAR = re.compile(r"\b(20[1-3]\d)\b")
DATE_LINE = re.compile(r"^ date \d{4}-\d{2}-\d{2}")


# --- the corpus ---------------------------------------------------------------------------------


def fixture_templates() -> list[tuple[str, list[str]]]:
    """(text, titles to rename) for every fixture article, longest titles first."""
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        # Titles quoted in the headline too: reviews and award stories have no releases in their gold.
        quoted = re.findall(r"'([^']{4,60})'", text.split("\n", 1)[0])
        named = {r["title"] for r in gold.get("releases", [])} | set(quoted)
        out.append((text, sorted((t for t in named if len(t) >= 4), key=len, reverse=True)))
    return out


def new_title(title: str, variant: int) -> str:
    """A deterministic made-up title for `title` in this variant ("The Moonlit Ledger" → "The Salt Tower")."""
    h = int.from_bytes(hashlib.blake2b(f"{title}|{variant}".encode(), digest_size=8).digest(), "big")
    name = f"{ADJECTIVES[h % len(ADJECTIVES)]} {NOUNS[(h >> 8) % len(NOUNS)]}"
    place = PLACES[(h >> 16) % (2 * len(PLACES))] if (h >> 16) % (2 * len(PLACES)) < len(PLACES) else ""
    name += f" of {place}" if place else ""
    return f"The {name}" if title.startswith("The ") else name


def variant(text: str, titles: list[str], n: int) -> str:
    """The fixture text with its titles renamed, seasons renumbered, years moved on and its date moved by weeks.

    Whole weeks keep "on Friday" a Friday; a variant's "this month" may name another month
    than the original's, which is fine for a load test.
    """
    years, weeks = (n // 52) % 5, n % 52
    for title in titles:
        text = re.sub(rf"\b{re.escape(title)}\b", new_title(title, n), text)
    text = re.sub(
        r"\b(Season|season|Series|series) (\d)\b", lambda m: f"{m.group(1)} {int(m.group(2)) + n % 3}", text
    )
    text = YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    dated = DATE_LINE.match(text)
    if dated:
        day = date.fromisoformat(dated.group(0)[6:]) + timedelta(weeks=weeks)
        text = f" date {day.isoformat()}" + text[dated.end() :]
    return text


def body_key(text: str) -> str:
    """What the store keys an article on, near enough: its text without the date line, case and spacing."""
    return hashlib.sha1(" ".join(DATE_LINE.sub("", text).casefold().split()).encode()).hexdigest()


def build_corpus(folder: Path, total: int) -> dict[str, int]:
    """Write up to `total` articles: HuffPost items first (at most half), then fixture variants."""
    huffpost = folder / "huffpost"
    fixtures = folder / "fixtures"
    huffpost.mkdir(parents=True)
    fixtures.mkdir()
    n_huff = 0
    with HUFFPOST.open(encoding="utf-8") as file:
        for line in file:
            if n_huff >= total // 2:
                break
            item = json.loads(line)
            body = f" date {item['date']} {item['headline']}\n\n{item['short_description']}\n"
            (huffpost / f"{n_huff:05d}.txt").write_text(body, encoding="utf-8")
            n_huff += 1
    templates = fixture_templates()
    n_fix = total - n_huff
    seen: set[str] = set()
    for i in range(n_fix):
        text, titles = templates[i % len(templates)]
        n = i // len(templates)
        body = variant(text, titles, n)
        while body_key(body) in seen:  # a rare clash of made-up titles: take another variant
            n += 100_003
            body = variant(text, titles, n)
        seen.add(body_key(body))
        sub = fixtures / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(body, encoding="utf-8")
    return {"huffpost": n_huff, "fixture variants": n_fix}


# --- measuring ------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], calls: int) -> list[float]:
    out = []
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def spread(ms: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def cli(db: Path, *args: str) -> list[str]:
    script = Path(sys.executable).with_name("airdate")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "airdate.cli"]
    return [*cmd, *args, "--db", str(db), "--today", TODAY.isoformat()]


def verdict(value: float, target: float) -> str:
    return "met" if value < target else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_ARTICLES, help="articles in the corpus (default 20000)"
    )
    parser.add_argument("--calls", type=int, default=200, help="timed list/show calls through the library")
    parser.add_argument(
        "--cli-calls", type=int, default=10, help="timed list/show runs of the airdate command"
    )
    parser.add_argument(
        "--keep", metavar="DIR", type=Path, help="build the corpus and database here and keep them"
    )
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    if args.limit < 2 or args.calls < 1 or args.cli_calls < 1:
        parser.error("--limit must be at least 2, --calls and --cli-calls at least 1")
    if not HUFFPOST.is_file():
        print(f"skipped: the shared corpora are absent ({SHARED}); nothing to measure")
        return 0

    from airdate.extract.pipeline import Extractor
    from airdate.ingest import Tally, ingest
    from airdate.settings import Settings
    from airdate.store import open_store
    from airdate.views.board import find_release, release_state, select_board
    from airdate.views.text import render_board, render_sheet

    work = args.keep or Path(tempfile.mkdtemp(prefix="airdate-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, db = work / "corpus", work / "airdate.db"
    for old in (corpus, db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    try:
        t0 = time.perf_counter()
        parts = build_corpus(corpus, args.limit)
        built = time.perf_counter() - t0
        print(f"airdate ingest benchmark; python {platform.python_version()}, {platform.machine()}, "
              f"one process; corpus in {work}")  # fmt: skip
        print(f"corpus: {sum(parts.values())} articles ({', '.join(f'{n} {k}' for k, n in parts.items())}), "
              f"written in {built:.1f} s")  # fmt: skip

        extractor = Extractor()  # loading spaCy is not part of the ingest time
        tally = Tally()
        with open_store(db) as store:
            t0 = time.perf_counter()
            ingest(store, [str(corpus)], extractor, Settings(), None, tally)
            wall = time.perf_counter() - t0
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = store.counts()
        n = tally.done + tally.unchanged + tally.failed
        size = db.stat().st_size
        busy = tally.read_s + tally.extract_s + tally.store_s
        store_share = tally.store_s / wall

        print()
        print(f"ingest: {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s "
              f"(ingested {tally.done}, unchanged {tally.unchanged}, failed {tally.failed})")  # fmt: skip
        print(f"  stored: {counts['articles']} articles, {counts['releases']} releases, {counts['mentions']} mentions, "
              f"{counts['windows']} windows, {counts['cast_members']} cast entries, {counts['events']} events")  # fmt: skip
        print(
            f"  database: {size / 1e6:.1f} MB ({size / max(1, counts['articles']) / 1024:.1f} KB per article)"
        )
        print(f"  time split: read {tally.read_s:.1f} s ({tally.read_s / wall:.0%}), "
              f"extract {tally.extract_s:.1f} s ({tally.extract_s / wall:.0%}), "
              f"store {tally.store_s:.1f} s ({store_share:.0%}), other {wall - busy:.1f} s")  # fmt: skip

        with open_store(db) as store:
            board = store.board()
            rng = random.Random(7)
            busiest = store.conn.execute(
                "SELECT release_id FROM mentions GROUP BY release_id ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()[0]
            sample = [busiest, *rng.sample([s.release.id for s in board], min(49, len(board)))]
            titles = [f"#{i}" for i in sample]
            named = [
                (s.release.title, s.release.season, s.release.part)
                for s in rng.sample(board, min(50, len(board)))
            ]

            def list_board() -> str:
                page = select_board(store, TODAY, limit=100)  # what `airdate list` shows
                return render_board(page.rows, TODAY, page.hidden, more=page.more)

            def list_json() -> str:
                page = select_board(store, TODAY)  # `airdate list --json`: every release
                return json.dumps([s.to_json(TODAY) for s in page.rows])

            list_ms = timed(list_board, args.calls)
            json_ms = timed(list_json, max(3, args.calls // 20))
            cycle = iter(titles * (args.calls // len(titles) + 1))
            show_ms = timed(
                lambda: render_sheet(release_state(store, find_release(store, next(cycle)).id, TODAY)),
                args.calls,
            )
            ncycle = iter(named * (args.calls // len(named) + 1))
            find_ms = timed(lambda: store.find_releases(*next(ncycle)), args.calls)
            busiest_claims = store.claims(busiest)
            worst = timed(lambda: release_state(store, busiest, TODAY), 5)
        n_list = len(board)

        env = {**os.environ, "AIRDATE_DB": str(db)}
        cli_list = timed(
            lambda: subprocess.run(cli(db, "list"), env=env, capture_output=True, check=True), args.cli_calls
        )
        cli_show = timed(
            lambda: subprocess.run(cli(db, "show", titles[1]), env=env, capture_output=True, check=True),
            args.cli_calls,
        )

        print()
        print(f"latency over {args.calls} library calls (median / p95), {n_list} releases on the board:")
        rows = [
            ("list (first 100 rows, as the table)", list_ms),
            ("  list --json (every release)", json_ms),
            ("show (look up + reconcile + render)", show_ms),
            ("  find releases by a title", find_ms),
        ]
        for name, ms in rows:
            med, p95 = spread(ms)
            target = (
                f"  target < {TARGET_LATENCY_MS:g} ms: {verdict(p95, TARGET_LATENCY_MS)}"
                if not name.startswith(" ")
                else ""
            )
            print(f"  {name:38} {med:7.1f} / {p95:7.1f} ms{target}")
        print(f"  busiest release ({len(busiest_claims.windows)} windows, {len(busiest_claims.events)} events): "
              f"show {spread(worst)[0]:.1f} ms")  # fmt: skip
        print(
            f"latency of the airdate command, {args.cli_calls} runs each (median / p95, process start included):"
        )
        for name, ms in (("airdate list", cli_list), ("airdate show", cli_show)):
            med, p95 = spread(ms)
            print(f"  {name:38} {med:7.1f} / {p95:7.1f} ms")
        print()
        print("targets:")
        print(f"  list and show < {TARGET_LATENCY_MS:g} ms (library, p95): "
              f"list {spread(list_ms)[1]:.1f} ms {verdict(spread(list_ms)[1], TARGET_LATENCY_MS)}, "
              f"show {spread(show_ms)[1]:.1f} ms {verdict(spread(show_ms)[1], TARGET_LATENCY_MS)}")  # fmt: skip
        print(f"  store < {TARGET_STORE_SHARE:.0%} of ingest time: {store_share:.1%} "
              f"{verdict(store_share, TARGET_STORE_SHARE)}")  # fmt: skip

        if args.json:
            doc = {
                "articles": n,
                "corpus": parts,
                "seconds": round(wall, 2),
                "articles_per_s": round(n / wall, 2),
                "db_bytes": size,
                "counts": counts,
                "split_seconds": {
                    "read": round(tally.read_s, 2),
                    "extract": round(tally.extract_s, 2),
                    "store": round(tally.store_s, 2),
                },
                "store_share": round(store_share, 4),
                "latency_ms": {
                    name: dict(zip(("median", "p95"), (round(x, 2) for x in spread(ms)), strict=True))
                    for name, ms in (
                        ("list", list_ms),
                        ("show", show_ms),
                        ("cli_list", cli_list),
                        ("cli_show", cli_show),
                    )
                },
            }
            args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
            print(f"\nfigures written to {args.json}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
