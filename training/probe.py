"""Releases the extractor finds in real text no one annotated: ``python -m training.probe``.

The annotated corpus holds every television headline and every HuffPost ENTERTAINMENT item, and
the rules were shaped while reading many of them, so even their out-of-fold figures flatter the
rules. The shared corpora also hold text that is almost never about an upcoming film or series and
that no rule was written from: the 8,962 headlines of other subreddits (world news, politics,
technology, sports…) and the HuffPost items of other categories that were not annotated.
Every release found there is a candidate false release (a few are real: "'Caillou' Is Coming Back"),
so the count is an honest precision probe on unseen text. A retraining that won out of fold and on
dev but gave 24 of the other headlines a release, against the shipped models' 10, also lost release
precision on the test split's headlines (0.85 → 0.77).

    python -m training.probe            counts per source, and the titles found in the tuned part
    python -m training.probe --all      the titles found in the held parts too (reading them spends them)
    python -m training.probe --json OUT every item with a release

Items keep the corpus's hash split (``training.corpus.split_of``). The tuner reads the train part of
each source (``training.tune.read_unseen``: thresholds may give at most 0.15% of the other headlines
and 0.28% of the other HuffPost items a release); the gate in ``make test`` counts only the parts
nothing reads (``held``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from training.corpus import (
    DEFAULT_SHARED,
    ROOT,
    _load_dev_materialize,
    items,
    reserved_keys,
    shared_missing,
    split_of,
)

SOURCES = ("headlines-other", "huffpost-other")
TUNED_SPLITS = ("train",)  # the parts of each source the tuner reads; the rest stay unseen


FLOORS = ROOT / "tests" / "quality_floors.json"


def share_limits() -> dict[str, float]:
    """Per source, the largest share of its items that may be given a release: the quality gate's floor for
    the parts nothing reads (tests/quality_floors.json, probe), which the tuner keeps its part to as well."""
    probe = json.loads(FLOORS.read_text(encoding="utf-8"))["probe"]
    return {source: probe[source.replace("-", "_") + "_share_max"] for source in SOURCES}


def tuned(source: str, split: str) -> bool:
    """Whether training reads this item (the tuner reads the train part of each source)."""
    return source in SOURCES and split in TUNED_SPLITS


def unannotated(shared: Path = DEFAULT_SHARED) -> Iterator[tuple[str, str, str, str]]:
    """(source, key, split, text) for every item of another category that is neither annotated nor reserved."""
    dev = _load_dev_materialize()
    seen = {it.key for it in items(shared)}
    reserved = reserved_keys(shared)
    # The texts as the annotated items' are built (tests/dev/materialize.py), from its cached corpus reads.
    for i, x in enumerate(dev._json(shared / dev.HEADLINES)):
        key = f"headlines:{i}"
        if x["category"] == "television" or key in seen or ("headlines", str(i)) in reserved:
            continue
        day = dt.datetime.strptime(x["published"], "%B %d, %Y %I:%M %p").date().isoformat()
        gold = {"corpus": "headlines", "index": i, "published": day, "article": f"h{i}.txt"}
        yield "headlines-other", key, split_of("headlines", i), dev.build_text(shared, gold)
    for i, line in enumerate(dev._lines(shared / dev.HUFFPOST)):
        if not line.strip():
            continue
        x = json.loads(line)
        key = f"huffpost:{i}"
        if x["category"] == "ENTERTAINMENT" or key in seen or ("huffpost", str(i)) in reserved:
            continue
        gold = {"corpus": "huffpost", "index": i, "published": x["date"], "article": f"p{i}.txt"}
        yield "huffpost-other", key, split_of("huffpost", i), dev.build_text(shared, gold)


def probe(shared: Path = DEFAULT_SHARED, mode: str = "hybrid") -> dict[str, Any]:
    """Per source: items read, items given a release, and those items with their titles."""
    from airdate.extract.pipeline import Extractor
    from airdate.sources.text import parse_text

    extractor = Extractor(mode=mode)
    out: dict[str, Any] = {s: {"items": 0, "with_release": 0, "held_items": 0, "held_with_release": 0, "found": []}
                           for s in SOURCES}
    for source, key, split, text in unannotated(shared):
        releases = extractor.extract(parse_text(text, label=key)).to_json()["releases"]
        s = out[source]
        held = not tuned(source, split)
        s["items"] += 1
        s["held_items"] += held
        if releases:
            s["with_release"] += 1
            s["held_with_release"] += held
            s["found"].append({"key": key, "split": split, "held": held, "titles": [r["title"] for r in releases],
                               "text": " ".join(text.split())[:160]})
    for s in out.values():
        s["share"] = round(s["with_release"] / max(1, s["items"]), 5)
        s["held_share"] = round(s["held_with_release"] / max(1, s["held_items"]), 5)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder holding corpora/")
    ap.add_argument("--mode", choices=("rules", "model", "hybrid"), default="hybrid")
    ap.add_argument("--all", action="store_true", help="print the titles found in the held parts too")
    ap.add_argument("--json", type=Path, help="write every item given a release here")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    result = probe(args.shared, args.mode)
    for name, s in result.items():
        print(f"{name:16} {s['with_release']:4} of {s['items']:5} items given a release ({100 * s['share']:.2f}%); "
              f"in the parts nothing reads {s['held_with_release']} of {s['held_items']} ({100 * s['held_share']:.2f}%)")
        for f in s["found"]:
            if f["held"] and not args.all:
                continue
            print(f"    {f['key']:16} {', '.join(f['titles'])[:50]:50} | {f['text'][:90]}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
