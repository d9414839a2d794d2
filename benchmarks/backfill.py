"""Backfill at scale: a synthetic crawl of 20,000 WARC records, plain ingest against Dask workers.

    .venv/bin/python benchmarks/backfill.py [--records 20000] [--files 8] [--day 500000] [--keep DIR] [--json FILE]

Builds the WARC files with benchmarks/warcs.py (from ../shared/corpora, in a temporary folder),
then stores them three times into fresh databases with the real extractor: `airdate ingest`'s
code in this process, and `airdate backfill` on a LocalCluster of 1 and of 2 worker processes
(their start, spaCy's load in each worker included). Prints records/s for each and the ratio
to one process, the prefilter's share of records dropped and its recall on the annotated sets,
the writer's share of the backfill's time, the peak memory of each worker, and from those the
cores that keep up with a day of CC-NEWS (`--day` records) in an hour. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import warcs  # noqa: E402 - benchmarks/warcs.py, beside this file

TARGET_RATIO = 1.7
TARGET_WRITER = 0.10
DAY_RECORDS = 500_000  # records in a day of CC-NEWS, of which several hundred thousand English articles


def plain(files: list[Path], db: Path) -> dict[str, Any]:
    from airdate.extract.pipeline import Extractor
    from airdate.ingest import Tally, ingest
    from airdate.settings import Settings
    from airdate.store import open_store

    extractor = Extractor()  # spaCy loaded before the clock starts, as a long-running ingest has it
    tally = Tally()
    load = os.getloadavg()[0]
    with open_store(db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        ingest(store, [str(f) for f in files], extractor, Settings(), None, tally)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"wall_s": wall, "cpu_s": cpu, "stored": tally.done, "failed": tally.failed, "store_s": tally.store_s,
            "read_s": tally.read_s, "extract_s": tally.extract_s, "load": (load, os.getloadavg()[0])}  # fmt: skip


def dask(files: list[Path], db: Path, workers: int) -> dict[str, Any]:
    from airdate.backfill.run import BackfillTally, backfill
    from airdate.settings import Settings
    from airdate.store import open_store

    tally = BackfillTally()
    load = os.getloadavg()[0]
    with open_store(db) as store:
        backfill(store, [str(f) for f in files], Settings(), workers=workers, tally=tally)
    return {
        "cpu_s": tally.cpu_s, "load": (load, os.getloadavg()[0]), "startup_s": tally.startup_s,
        "wall_s": tally.wall_s, "records": tally.records, "pages": tally.pages, "stored": tally.stored,
        "dropped_language": tally.dropped_language, "dropped_topic": tally.dropped_topic,
        "skipped": tally.skipped, "failed": tally.failed, "write_s": tally.write_s, "read_s": tally.read_s,
        "prefilter_s": tally.prefilter_s, "extract_s": tally.extract_s,
        "peak_rss_mb": sorted(tally.peak_rss_mb.values()),
    }  # fmt: skip


def say(label: str, records: int, run: dict[str, Any]) -> None:
    load = "{:.1f} -> {:.1f}".format(*run["load"])
    print(f"{label:28} {records / run['wall_s']:6.1f} records/s ({run['wall_s']:.0f} s wall; "
          f"{1000 * run['cpu_s'] / records:.1f} ms CPU a record in the extracting processes; load average {load})",
          flush=True)  # fmt: skip


def full_pages(limit: int) -> dict[str, float]:
    """CPU seconds a record for full publisher pages alone (news-html), the heavy part of a crawl."""
    from airdate.backfill.batch import read_batches
    from airdate.extract.pipeline import Extractor
    from airdate.settings import Settings

    pages = warcs.news_pages()[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        path = warcs.write_warc(Path(tmp) / "pages.warc.gz", [(u, 200, "text/html", b) for u, b in pages])
        extractor = Extractor()
        t0 = time.perf_counter()
        batch = next(read_batches(str(path), str(path), extractor, Settings(), chunk=None))
        wall = time.perf_counter() - t0
    n = max(1, batch.records)
    return {"records": n, "s_per_record": batch.cpu_s / n, "read": batch.read_s / wall, "prefilter": batch.prefilter_s / wall,
            "extract": batch.extract_s / wall, "dropped": batch.dropped / max(1, batch.pages)}  # fmt: skip


def recall() -> dict[str, dict[str, float]]:
    """The prefilter's recall on the annotated sets: articles with a release in their gold that it keeps."""
    from airdate.backfill import prefilter
    from airdate.sources.text import read_text
    from training.corpus import items

    out: dict[str, dict[str, float]] = {}
    for item in items():
        if not item.gold.get("releases"):
            continue
        article = read_text(item.text.encode("utf-8"), label=item.key)
        kept = prefilter.check_article(article) == prefilter.KEPT
        gate_only = prefilter.learned.gate_score(article.title, article.text) >= prefilter.learned.thresholds()["gate"]
        row = out.setdefault(item.split, {"n": 0, "kept": 0, "gate": 0})
        row["n"] += 1
        row["kept"] += kept
        row["gate"] += gate_only
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000, help="response records in the crawl (default 20000)")
    parser.add_argument("--files", type=int, default=8, help="WARC files to split them over (default 8)")
    parser.add_argument("--day", type=int, default=DAY_RECORDS, help="records in a day of CC-NEWS (default 500000)")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="write the WARC files and databases here and keep them")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    if args.records < args.files or args.files < 2:
        parser.error("--files must be at least 2 and --records at least --files")
    if not warcs.available():
        print(f"skipped: the shared corpora are absent ({warcs.CORPORA}); nothing to measure")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="airdate-backfill-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:
    t0 = time.perf_counter()
    files = warcs.build_warcs(work / "warc", args.records, args.files)
    size = sum(f.stat().st_size for f in files)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"crawl:   {args.records} records in {len(files)} files, {size / 1e6:.1f} MB "
          f"(built in {time.perf_counter() - t0:.0f} s)", flush=True)  # fmt: skip

    figures: dict[str, Any] = {"records": args.records, "files": len(files), "bytes": size}
    figures["plain"] = p = plain(files, work / "plain.db")
    say("plain ingest, one process:", args.records, p)
    figures["one"] = one = dask(files, work / "one.db", 1)
    say("backfill, 1 worker:", args.records, one)
    figures["two"] = two = dask(files, work / "two.db", 2)
    say("backfill, 2 workers:", args.records, two)
    rate = {k: args.records / figures[k]["wall_s"] for k in ("plain", "one", "two")}
    ratio = rate["two"] / rate["plain"]
    print(f"ratio, 2 workers to one process: {ratio:.2f}x (to 1 worker {rate['two'] / rate['one']:.2f}x); "
          f"target >= {TARGET_RATIO}x: {'met' if ratio >= TARGET_RATIO else 'MISSED'}")  # fmt: skip
    steady = {k: args.records / (figures[k]["wall_s"] - figures[k]["startup_s"]) for k in ("one", "two")}
    print(f"  after the cluster's start ({one['startup_s']:.0f} s and {two['startup_s']:.0f} s, spaCy loaded on the "
          f"workers): 1 worker {steady['one']:.1f}, 2 workers {steady['two']:.1f} records/s, "
          f"{steady['two'] / rate['plain']:.2f}x one process")  # fmt: skip
    # What 2 cores of their own would give (the machine may be shared): CPU time a record, two at a time.
    ideal = 2 * p["cpu_s"] / two["cpu_s"]
    print(f"  from CPU time (2 cores to itself, the cluster's start left out): {ideal:.2f}x one process")

    dropped = two["dropped_language"] + two["dropped_topic"]
    print(f"prefilter: dropped {dropped} of {two['records']} records ({dropped / two['records']:.0%}; "
          f"{dropped / max(1, two['pages']):.0%} of the 2xx HTML pages): "
          f"{two['dropped_language']} for language, {two['dropped_topic']} for topic; "
          f"{two['skipped']} not 2xx HTML pages or without article text; {two['stored']} stored")  # fmt: skip
    worker_s = two["read_s"] + two["prefilter_s"] + two["extract_s"]
    print(f"worker time: read (FastWARC, trafilatura) {two['read_s'] / worker_s:.0%}, "
          f"prefilter {two['prefilter_s'] / worker_s:.0%}, extract {two['extract_s'] / worker_s:.0%}")  # fmt: skip
    share = two["write_s"] / two["wall_s"]
    print(f"writer's share of the 2-worker backfill: {share:.1%} ({two['write_s']:.1f} s of {two['wall_s']:.0f} s); "
          f"target < {TARGET_WRITER:.0%}: {'met' if share < TARGET_WRITER else 'MISSED'}")  # fmt: skip
    peaks = ", ".join(f"{m:.0f}" for m in two["peak_rss_mb"])
    print(f"peak memory per worker: {peaks} MB (1 worker: {', '.join(f'{m:.0f}' for m in one['peak_rss_mb'])} MB)")

    figures["full_pages"] = full = full_pages(300)
    per_core = args.records / two["cpu_s"]  # records a second a core, from CPU time
    need = args.day / 3600
    print(f"full publisher pages alone (news-html, {full['records']} records), one process: "
          f"{1 / full['s_per_record']:.1f} records/s a core (from CPU time); read {full['read']:.0%}, prefilter {full['prefilter']:.0%}, "
          f"extract {full['extract']:.0%}")  # fmt: skip
    cores = math.ceil(need / per_core)
    cores_full = math.ceil(need / (1 / full["s_per_record"]))
    writer_rate = two["stored"] / max(1e-9, two["write_s"])
    kept_share = two["stored"] / two["records"]
    print(f"a day of CC-NEWS ({args.day} records) in an hour: {need:.0f} records/s: {cores} cores at this crawl's "
          f"{per_core:.1f} records/s a core, {cores_full} at full pages' {1 / full['s_per_record']:.1f}; the one "
          f"writer stores {writer_rate:.0f} articles/s, the day needs {need * kept_share:.0f}/s at this crawl's "
          f"{kept_share:.0%} kept")  # fmt: skip
    figures["cores"] = {"mix": cores, "full_pages": cores_full, "writer_articles_per_s": writer_rate}

    figures["recall"] = rec = recall()
    for split in ("train", "dev", "test"):
        r = rec.get(split)
        if r:
            print(f"prefilter recall, {split:5}: {r['kept'] / r['n']:.3f} of {r['n']:.0f} articles with a release "
                  f"(the extractor's gate alone {r['gate'] / r['n']:.3f})")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
