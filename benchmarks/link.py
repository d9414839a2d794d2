"""Link: 5,000 series releases against a 33,000-show catalog, as `airdate link --offline` does.

    .venv/bin/python benchmarks/link.py [--shows 33000] [--releases 5000] [--repeats 3] [--json FILE]

Issue 13 asks what linking costs against TVmaze's whole show index (about 33k shows). No network
is involved: a synthetic catalog (made-up two- to four-word names, 3% of names shared by two or
three shows of other years and networks, an AKA for one show in ten) is written into a fresh store,
as `airdate catalog update` would leave it, with 5,000 releases stored through the real store (one
synthetic article each: 60% name a catalog show, 10% one of its AKAs, 5% a shared name, 25% a show
that is not in it). Then, as medians of --repeats runs:

    load     reading the catalog into the in-memory index (`CatalogIndex.load`)
    link     `link_releases` over every release: candidates, tie-breaks, one link row written each
    decide   the same decisions without writing (the matching alone)

and, as the other benchmarks give a baseline: the store's own ingest of the same 5,000 releases
(per release), and a naive linker that compares each title with every catalog name (timed on 100
releases). Memory: the index's size by tracemalloc and the process's peak RSS. Figures only;
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout before any installed airdate

from airdate.keys import title_key  # noqa: E402
from airdate.models import Article, Extraction, Release, Window  # noqa: E402
from airdate.schedules.catalog import catalog_row  # noqa: E402
from airdate.schedules.link import CatalogIndex, decide, link_releases, wanted  # noqa: E402
from airdate.store import Store, open_store  # noqa: E402
from airdate.store.schedules import put_akas, put_shows  # noqa: E402

WORDS = (
    "harbor lights north wind gilded acre salt water saints glass star fall academy night desk river crown iron "
    "silver shadow garden winter summer ember hollow quiet hours broken compass velvet tide paper moon last "
    "frontier city golden hour blue line deep cover little fires open road wild coast black mirror echo valley "
    "stone house red rock long game high castle dark matter lost signal bright side cold case"
).split()
NETWORKS = ("Netflix", "HBO", "Hulu", "Disney+", "Prime Video", "Apple TV+", "BBC One", "ABC", "NBC", "Peacock",
            "Crunchyroll", "Paramount+", "FX", "AMC", "Nine Network", "ITV1", "Channel 4", "CBS")  # fmt: skip
RNG_SEED = 13


def synthetic_catalog(n: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """n TVmaze-shaped shows with unique made-up names (but 3% shared), and AKAs (show id, name) for 10%."""
    names: set[str] = set()
    shows: list[dict[str, Any]] = []
    akas: list[tuple[int, str]] = []
    while len(shows) < n:
        name = " ".join(rng.choice(WORDS).title() for _ in range(rng.choice((2, 3, 3, 4))))
        if name in names:
            continue
        names.add(name)
        copies = 1 if rng.random() > 0.03 else rng.choice((2, 3))
        for _ in range(copies):
            if len(shows) >= n:
                break
            sid = len(shows) + 1
            year = rng.randint(1990, 2026)
            network = rng.choice(NETWORKS)
            kind = "webChannel" if network in ("Netflix", "Hulu", "Disney+", "Prime Video", "Apple TV+") else "network"
            shows.append({"id": sid, "name": name, "premiered": f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                          "type": "Scripted", "language": "English", "url": f"https://www.tvmaze.com/shows/{sid}",
                          "updated": 1_764_000_000, kind: {"name": network, "country": {"code": "US"}}})  # fmt: skip
            if rng.random() < 0.1:
                akas.append((sid, f"{name} {rng.choice(WORDS).title()}"))
    return shows, akas


def synthetic_releases(n: int, shows: list[dict[str, Any]], akas: list[tuple[int, str]],
                       rng: random.Random) -> list[tuple[str, int, str, date]]:  # fmt: skip
    """(title, season, platform, premiere) for n releases, drawn as the module doc says."""
    by_name = Counter(s["name"] for s in shows)
    shared = [s for s in shows if by_name[s["name"]] > 1]
    out: list[tuple[str, int, str, date]] = []
    seen: set[tuple[str, int]] = set()
    i = 0
    while len(out) < n:
        i += 1
        roll = rng.random()
        season = rng.randint(1, 6)
        day = date(2026, 12, 1) + timedelta(days=rng.randint(0, 400))
        if roll < 0.60:
            s = rng.choice(shows)
            title, where = s["name"], (s.get("network") or s.get("webChannel"))["name"]
        elif roll < 0.70:
            sid, title = rng.choice(akas)
            where = (shows[sid - 1].get("network") or shows[sid - 1].get("webChannel"))["name"]
        elif roll < 0.75:
            s = rng.choice(shared)
            title, where = s["name"], rng.choice(NETWORKS)
        else:
            title, where = f"Unlisted Show {i}", rng.choice(NETWORKS)
        if (title_key(title), season) in seen:
            continue  # one release per title and season, as the store keeps them
        seen.add((title_key(title), season))
        out.append((title, season, where, day))
    return out


def build(db: Path, n_shows: int, n_releases: int) -> tuple[float, int]:
    """A fresh store with the catalog and the releases; returns the ingest time and the releases stored."""
    rng = random.Random(RNG_SEED)
    shows, akas = synthetic_catalog(n_shows, rng)
    releases = synthetic_releases(n_releases, shows, akas, rng)
    with open_store(db) as store:
        for start in range(0, len(shows), 1000):
            put_shows(store, [catalog_row(s) for s in shows[start : start + 1000]])
        by_show: dict[int, list[tuple[str, str, str | None]]] = {}
        for sid, name in akas:
            by_show.setdefault(sid, []).append((name, title_key(name), None))
        for sid, names in by_show.items():
            put_akas(store, sid, names)
        t0 = time.perf_counter()
        store.defer_board = True  # as a bulk ingest does: board rows once at the end
        for i, (title, season, where, day) in enumerate(releases):
            sentence = f"{title} season {season} premieres on {day:%B %d, %Y} on {where}."
            article = Article(sentence, path=f"release-{i}.txt", title=f"{title} news {i}", published=date(2026, 11, 1))
            window = Window(day.isoformat(), day, day, "reported", sentence)
            store.add_article(article, Extraction(article, (Release(title, season, None, "series", (where,), (window,)),)),
                              "link-bench", "1")  # fmt: skip
        store.flush_board()
        took = time.perf_counter() - t0
        stored = len(store.releases())
    return took, stored


def naive_link(store: Store, titles: list[str]) -> int:
    """The baseline: compare each title's key with every catalog name's key, no index."""
    rows = store.conn.execute("SELECT id, key FROM catalog_shows").fetchall()
    found = 0
    for t in titles:
        key = title_key(t)
        found += sum(1 for _, k in rows if k == key) > 0
    return found


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "link.db"
        print(f"building: {args.shows:,} catalog shows, {args.releases:,} releases …", file=sys.stderr)
        ingest_s, stored = build(db, args.shows, args.releases)
        loads, links, decides, tallies = [], [], [], []
        with open_store(db) as store:
            wants = wanted(store)
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                index = CatalogIndex.load(store)
                loads.append(time.perf_counter() - t0)
                assert index is not None
                t0 = time.perf_counter()
                for w in wants:
                    decide(w, index.find(w.title), "catalog")
                decides.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                tally = link_releases(store, wants, client=None, index=index, relink=True)
                links.append(time.perf_counter() - t0)
                tallies.append(vars(tally))
            tracemalloc.start()
            index = CatalogIndex.load(store)
            index_mb = tracemalloc.get_traced_memory()[0] / 2**20
            tracemalloc.stop()
            sample = [w.title for w in wants[:100]]
            t0 = time.perf_counter()
            naive_link(store, sample)
            naive_per = (time.perf_counter() - t0) / len(sample)
        link_s = statistics.median(links)
        per_release = link_s / len(wants)
        return {
            "when": date.today().isoformat(),
            "machine": f"{platform.machine()}, Python {platform.python_version()}",
            "catalog shows": args.shows,
            "releases": len(wants),
            "stored releases": stored,
            "outcome": tallies[0],
            "load index s (median)": round(statistics.median(loads), 3),
            "link s (median)": round(link_s, 3),
            "link ms per release": round(per_release * 1000, 3),
            "decide only s (median)": round(statistics.median(decides), 3),
            "index MB (tracemalloc)": round(index_mb, 1),
            "peak RSS MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "baseline: ingest ms per release": round(ingest_s / stored * 1000, 3),
            "link / ingest per release": round(per_release / (ingest_s / stored), 2),
            "baseline: naive scan ms per release": round(naive_per * 1000, 3),
            "naive / indexed (decide) per release": round(naive_per / (statistics.median(decides) / len(wants)), 1),
            "runs": {"load": loads, "link": links, "decide": decides},
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=33_000)
    parser.add_argument("--releases", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    figures = run(args)
    for key, value in figures.items():
        if key != "runs":
            print(f"{key:40} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
