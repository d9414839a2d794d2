"""Flood: one release carrying N claims, through the store, against the pairwise rules it replaced.

    .venv/bin/python benchmarks/flood.py [--sizes 250,500,1000,2000] [--old-sizes 250,500]
                                         [--shapes feed,undated,years] [--repeats 3] [--json FILE]
                                         [--versus 0]
    .venv/bin/python benchmarks/flood.py --sizes '' --old-sizes '' --versus 5000   # a minute or two

Issue 11: a feed of 1,000 items about one show took 147 s to ingest and 84 s to show, and
1,522 undated claims 292 s to list, because reconcile compared claims pair by pair for
every article. For each shape and N this writes N synthetic articles about one release
(no shared corpora, no spaCy: a stand-in extractor reads back the claim each article
carries), then times, as medians of --repeats runs:

    ingest  `airdate ingest` of the N articles into a fresh store (board rows every 500)
    board   recomputing the release's board row and changes once (what each ingest batch does)
    show    `airdate show`: its claims, reconcile, the fact sheet as text (`sheet_text`, as the command runs it)
    list    the first `airdate list` after a deferred ingest, which recomputes the row

and the same with the rules as they were (tests/reconcile_reference.py) at --old-sizes,
the ratio old/new where both ran, and the growth exponent: the slope of log(time) against
log(N), about 1 for n log n, 2 for quadratic, 3 for cubic.

--versus N (off by default: it would take the default run past 4 minutes) then ingests, for each shape, N articles about one
release and the same N articles each about a release of its own, and prints the
per-article ingest time of both runs and their ratio (target: the single release within
3x of the spread), `show` of the busy release (target < 100 ms) and `show` of a typical
release of the spread run. Figures only; asserts nothing. `show` is timed by the clock on the
wall (the target) and in this process's CPU time, which other work on a shared machine
inflates less; "load" is the machine's one-minute load average as each shape ends.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The checkout this file is in, and its tests/ for the reference rules, come before any installed airdate.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from airdate.ingest import ingest  # noqa: E402
from airdate.models import Article, Event, Extraction, Release, Window  # noqa: E402
from airdate.settings import Settings  # noqa: E402
from airdate.store import Store, open_store  # noqa: E402
from airdate.views.board import select_board  # noqa: E402
from airdate.views.text import render_board, sheet_text  # noqa: E402

TODAY = date(2026, 11, 24)
TITLE, SEASON = "Flood Show", 2
CLAIM = re.compile(r"\[claim (\S+) (\S+) (\w+)(?: #(\d+))?\]")  # #k: the release is "Flood Show k"
SHAPES = {
    "feed": "one RSS feed of N items from one outlet, all published one day, each naming another day",
    "undated": "N text files without a date line from N outlets, days and months of 2027",
    "years": "N text files published a day apart, the window narrowing, a delay every 100 articles",
}


# --- the articles ---------------------------------------------------------------------------------


def claims_for(shape: str, n: int, spread: bool = False) -> Iterator[tuple[date | None, str]]:
    """(publication day, sentence with its [claim …]) for each of the N articles.

    With `spread`, article i is about a release of its own, "Flood Show i", and is otherwise the same.
    """
    for i, (day, sentence) in enumerate(_claims_for(shape, n)):
        if spread:
            sentence = sentence.replace(f"{TITLE} season", f"{TITLE} {i} season", 1)[:-1] + f" #{i}]"
        yield day, sentence


def _claims_for(shape: str, n: int) -> Iterator[tuple[date | None, str]]:
    base = date(2027, 1, 1)
    for i in range(n):
        if shape == "feed":
            day = base + timedelta(days=(i * 7) % 365)
            yield (
                date(2026, 3, 2),
                f"{TITLE} season {SEASON} premieres on {day:%B %d, %Y}. [claim {day} {day} reported]",
            )
        elif shape == "undated":
            day = base + timedelta(days=(i * 11) % 365)
            if i % 3 == 0:  # a month
                start, end = (
                    day.replace(day=1),
                    (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
                )
            else:
                start = end = day
            certainty = ("reported", "speculated", "confirmed")[i % 3]
            yield None, f"{TITLE} season {SEASON} arrives on {start:%B %d}. [claim {start} {end} {certainty}]"
        else:
            delay = i // 100  # each delay moves the release on by a month
            year_start = date(2027 + delay // 12, 1, 1)
            month = date(2027 + delay // 12, 1 + delay % 12, 1)
            stage = (i % 100) * 4 // 100  # the year, the half, the month, then the day
            start, end = [
                (year_start, year_start.replace(month=12, day=31)),
                (month, month + timedelta(days=180)),
                (month, month + timedelta(days=27)),
                (month + timedelta(days=9), month + timedelta(days=9)),
            ][stage]
            moved = "was pushed back and " if i % 100 == 0 and i else ""
            certainty = "confirmed" if stage == 3 else "reported"
            sentence = (
                f"{TITLE} season {SEASON} {moved}arrives {start:%B %Y}. [claim {start} {end} {certainty}]"
            )
            yield date(2026, 1, 1) + timedelta(days=i), sentence


def write_articles(folder: Path, shape: str, n: int, spread: bool = False) -> list[str]:
    """The sources to ingest: one feed file, or one text file per article."""
    folder.mkdir(parents=True)
    if shape == "feed":
        items = "".join(
            f"<item><title>{TITLE} news {i}</title><link>https://flood.example/{i}</link>"
            f"<pubDate>{day:%a, %d %b %Y} 09:00:00 +0000</pubDate><description>{sentence}</description></item>"
            for i, (day, sentence) in enumerate(claims_for(shape, n, spread))
            if day is not None
        )
        feed = folder / "feed.rss"
        feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Flood Feed</title>'
                        f"{items}</channel></rss>", encoding="utf-8")  # fmt: skip
        return [str(feed)]
    for i, (day, sentence) in enumerate(claims_for(shape, n, spread)):
        head = f" date {day.isoformat()} " if day else ""
        (folder / f"{i:05d}.txt").write_text(f"{head}{TITLE} news {i}\n\n{sentence}\n", encoding="utf-8")
    return [str(folder)]


class StandIn:
    """The extractor's place: the one window (and any delay) the article's [claim …] names."""

    name, version = "flood-stand-in", "1"

    def extract(self, article: Article) -> Extraction:
        found = CLAIM.search(article.text)
        if found is None:
            return Extraction(article)
        start, end, certainty, k = found.groups()
        sentence = article.text[: found.start()].strip()
        window = Window(sentence, date.fromisoformat(start), date.fromisoformat(end), certainty, sentence)  # type: ignore[arg-type]
        events = (Event("delayed", None, "reported", sentence),) if "pushed" in sentence else ()
        title = TITLE if k is None else f"{TITLE} {k}"
        return Extraction(
            article, (Release(title, SEASON, None, "series", windows=(window,), events=events),)
        )


# --- measuring ------------------------------------------------------------------------------------


def old_rules() -> AbstractContextManager[None]:
    from reconcile_reference import old_rules as slow  # tests/reconcile_reference.py

    return slow()


def median_s(fn: Callable[[], Any], repeats: int, before: Callable[[], Any] = lambda: None) -> float:
    runs = []
    for _ in range(repeats):
        before()
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def measure(work: Path, shape: str, n: int, repeats: int, old: bool) -> dict[str, float]:
    """Medians in seconds of ingest, board, show and list for one shape and N."""
    work.mkdir(parents=True, exist_ok=True)
    sources = write_articles(work / f"{shape}-{n}-{'old' if old else 'new'}", shape, n)
    rules = old_rules() if old else nullcontext()
    runs = iter(range(repeats))

    def ingest_once() -> None:
        db = work / f"{shape}-{n}-{'old' if old else 'new'}-{next(runs)}.db"
        with open_store(db) as store:
            ingest(store, sources, StandIn(), Settings())

    with rules:
        out = {"ingest": median_s(ingest_once, repeats)}
        with open_store(work / f"{shape}-{n}-{'old' if old else 'new'}-0.db") as store:
            (release_id,) = [r.id for r in store.releases()]
            claims = len(store.claims(release_id).windows)
            if claims != n:
                raise SystemExit(f"flood: {claims} claims stored of {n}; the synthetic articles are wrong")

            def dirty() -> None:  # what a deferred (or killed) ingest leaves for the next read
                store.defer_board = True
                store.rebuild_board()
                store.defer_board = False

            out["board"] = median_s(store.rebuild_board, repeats)
            out["show"] = median_s(lambda: sheet_text(store, release_id, TODAY), repeats)
            out["list"] = median_s(lambda: list_board(store), repeats, before=dirty)
    return out


SHOWS = 9  # `show` figures are medians of at least this many runs (busy release) or releases (spread)
INGEST_TARGET, SHOW_TARGET_MS = 3.0, 100.0


def versus(work: Path, shape: str, n: int, repeats: int) -> dict[str, float]:
    """Milliseconds: per-article ingest of N articles about one release and about N releases, and `show`."""
    out: dict[str, float] = {}
    for run in ("single", "spread"):
        sources = write_articles(work / f"versus-{shape}-{n}-{run}", shape, n, spread=run == "spread")
        dbs = [work / f"versus-{shape}-{n}-{run}-{k}.db" for k in range(repeats)]
        out[f"{run}_ingest_ms"] = median_s(ingest_into(sources, dbs), repeats) * 1000 / n
        with open_store(work / f"versus-{shape}-{n}-{run}-0.db") as store:
            ids = sorted(r.id for r in store.releases())
            if len(ids) != (1 if run == "single" else n):
                raise SystemExit(f"flood: {len(ids)} releases stored for the {run} run of {n}")

            def show(release_id: int) -> tuple[float, float]:
                t0, c0 = time.perf_counter(), time.process_time()
                sheet_text(store, release_id, TODAY)
                return time.perf_counter() - t0, time.process_time() - c0

            picks = ids * max(SHOWS, repeats) if run == "single" else ids[:: max(1, len(ids) // SHOWS)]
            runs = [show(i) for i in picks]
            out[f"{run}_show_ms"] = statistics.median(wall for wall, _ in runs) * 1000
            out[f"{run}_show_cpu_ms"] = statistics.median(cpu for _, cpu in runs) * 1000
    out["ratio"] = out["single_ingest_ms"] / max(out["spread_ingest_ms"], 1e-9)
    return out


def ingest_into(sources: list[str], dbs: list[Path]) -> Callable[[], None]:
    """Each call ingests the sources into the next of the fresh stores."""
    fresh = iter(dbs)

    def ingest_once() -> None:
        with open_store(next(fresh)) as store:
            ingest(store, sources, StandIn(), Settings())

    return ingest_once


def report_versus(n: int, figures: dict[str, dict[str, float]]) -> list[str]:
    head = (f"{'shape':<8}{'single ms/art':>15}{'spread ms/art':>15}{'ratio':>8}"
            f"{'show busy ms':>14}{'(cpu)':>7}{'show typical ms':>17}{'load':>6}")  # fmt: skip
    lines = [f"versus: {n} articles about one release, then the same {n} about {n} releases "
             f"(targets: ratio <= {INGEST_TARGET:g}x, show of the busy release < {SHOW_TARGET_MS:g} ms)",
             head, "-" * len(head)]  # fmt: skip
    for shape, f in figures.items():
        lines.append(
            f"{shape:<8}{f['single_ingest_ms']:15.3f}{f['spread_ingest_ms']:15.3f}{f['ratio']:7.1f}x"
            f"{f['single_show_ms']:14.1f}{f['single_show_cpu_ms']:7.0f}{f['spread_show_ms']:17.2f}{f['load']:6.1f}"
        )
    worst_ratio = max(f["ratio"] for f in figures.values())
    worst_show = max(f["single_show_ms"] for f in figures.values())
    lines.append(
        f"ratio single/spread: worst {worst_ratio:.1f}x, target <= {INGEST_TARGET:g}x: "
        f"{'met' if worst_ratio <= INGEST_TARGET else 'MISSED'}; "
        f"show of the busy release: worst {worst_show:.0f} ms, target < {SHOW_TARGET_MS:g} ms: "
        f"{'met' if worst_show < SHOW_TARGET_MS else 'MISSED'}"
    )
    return lines


def list_board(store: Store) -> str:
    page = select_board(store, TODAY, limit=100)
    return render_board(page.rows, TODAY, page.hidden, more=page.more)


def slope(points: dict[int, float]) -> float | None:
    """Least-squares slope of log(seconds) against log(N)."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n in points]
    ys = [math.log(max(s, 1e-9)) for s in points.values()]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


STEPS = ("ingest", "board", "show", "list")


def report(shape: str, new: dict[int, dict[str, float]], old: dict[int, dict[str, float]]) -> list[str]:
    head = f"{'N':>6}  {'rules':<8}" + "".join(f"{step + ' ms':>12}" for step in STEPS)
    lines = [f"shape {shape}: {SHAPES[shape]}", head, "-" * len(head)]
    for n in sorted(set(new) | set(old)):
        now, was = new.get(n), old.get(n)
        for name, figures in (("now", now), ("old", was)):
            if figures:
                lines.append(f"{n:>6}  {name:<8}" + "".join(f"{figures[s] * 1000:12.1f}" for s in STEPS))
        if now and was:
            lines.append(
                f"{n:>6}  {'old/now':<8}" + "".join(f"{was[s] / max(now[s], 1e-9):11.1f}x" for s in STEPS)
            )
    for name, figures in (("now", new), ("old", old)):
        exponents = {step: slope({n: f[step] for n, f in figures.items()}) for step in STEPS}
        if all(e is not None for e in exponents.values()):
            shown = ", ".join(f"{step} {e:.2f}" for step, e in exponents.items())
            lines.append(f"growth exponent, {name} (N = {min(figures)}..{max(figures)}): {shown}")
    return lines


def sizes(text: str) -> list[int]:
    return sorted({int(x) for x in text.split(",") if x.strip()}) if text.strip() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="250,500,1000,2000", help="N for the current rules (default 250,500,1000,2000)"
    )
    parser.add_argument("--old-sizes", default="250,500",
                        help="N for the rules as they were, n² to n³: 1000 takes minutes (default 250,500; '' for none)")  # fmt: skip
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help=f"which of {', '.join(SHAPES)} (default all)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs per figure; medians are printed (default 3)"
    )
    parser.add_argument("--versus", type=int, default=0, metavar="N",
                        help="N articles about one release against N about N releases, e.g. 5000 (default 0: none)")  # fmt: skip
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    if unknown := [s for s in shapes if s not in SHAPES]:
        parser.error(f"--shapes: unknown {', '.join(unknown)}; choose from {', '.join(SHAPES)}")
    new_sizes, old_sizes = sizes(args.sizes), sizes(args.old_sizes)
    if (
        args.repeats < 1
        or min(new_sizes + old_sizes, default=2) < 2
        or args.versus in (1, 2)
        or args.versus < 0
    ):
        parser.error("--repeats must be at least 1, every size at least 2 and --versus 0 or at least 3")

    print(f"airdate flood benchmark; python {platform.python_version()}, {platform.machine()}, one process; "
          f"one release carrying N claims, medians of {args.repeats} runs, milliseconds")  # fmt: skip
    doc: dict[str, Any] = {"python": platform.python_version(), "repeats": args.repeats, "shapes": {}}
    with tempfile.TemporaryDirectory(prefix="airdate-flood-") as tmp:
        for shape in shapes:  # once, untimed: the readers (feedparser, trafilatura) load on first use
            measure(Path(tmp) / "warm-up", shape, 2, 1, old=False)
        for shape in shapes if new_sizes or old_sizes else ():
            new = {n: measure(Path(tmp), shape, n, args.repeats, old=False) for n in new_sizes}
            old = {n: measure(Path(tmp), shape, n, args.repeats, old=True) for n in old_sizes}
            print()
            print("\n".join(report(shape, new, old)), flush=True)
            doc["shapes"][shape] = {
                "now": {n: f for n, f in new.items()},
                "old": {n: f for n, f in old.items()},
                "exponent_now": {s: slope({n: f[s] for n, f in new.items()}) for s in STEPS},
                "exponent_old": {s: slope({n: f[s] for n, f in old.items()}) for s in STEPS},
            }
        if args.versus:
            figures: dict[str, dict[str, float]] = {}
            for shape in shapes:
                figures[shape] = versus(Path(tmp), shape, args.versus, args.repeats)
                figures[shape]["load"] = os.getloadavg()[0]
            print()
            print("\n".join(report_versus(args.versus, figures)), flush=True)
            doc["versus"] = {"n": args.versus, "shapes": figures}
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
