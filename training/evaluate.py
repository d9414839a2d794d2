"""Score the extractor on the annotated corpus, per split and set, with the shared scorer's rules.

    python -m training.evaluate [--split dev] [--mode hybrid] [--json OUT]

Sets: headlines, huffpost (entertainment and other categories), news pages, longform (our own
long articles) and fixtures. Test items are for reporting only: never tune on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from training.build import load_scorer
from training.corpus import DEFAULT_SHARED, SPLITS, Item, items, shared_missing

CORE = ("releases", "windows", "platforms", "cast_pairs")


def set_of(item: Item) -> str:
    if item.corpus in ("newspaper3k", "scrapinghub"):
        return "news"
    if item.origin == "writers":
        return "writers"  # long-form articles by writers whose work nothing was tuned on, test only
    return item.corpus


def summarize(scorer: Any, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """The scorer's figures for (gold, prediction) pairs, as its --json summary has them."""
    t = {k: scorer.Tally() for k in scorer.FIELDS}
    for gold, pred in pairs:
        scorer.score_article(gold, pred, t)
    out: dict[str, Any] = {"articles": len(pairs)}
    for k in scorer.FIELDS:
        p, r, f = t[k].prf()
        out[k] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": t[k].tp, "fp": t[k].fp, "fn": t[k].fn}
    out["macro_f1"] = round(sum(out[k]["f1"] for k in CORE) / len(CORE), 4)
    out["false_release_items"] = sum(
        1 for g, p in pairs if not g.get("releases") and p.get("releases")
    )
    out["negative_items"] = sum(1 for g, _ in pairs if not g.get("releases"))
    return out


def evaluate(split: str, mode: str, shared: Path = DEFAULT_SHARED, cast: str | None = None) -> dict[str, dict[str, Any]]:
    from airdate.extract.pipeline import Extractor
    from airdate.sources.text import parse_text

    scorer = load_scorer(shared)
    extractor = Extractor(mode=mode, cast=cast)
    by_set: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for item in items(shared):
        if item.split != split:
            continue
        article = parse_text(item.text, label=item.article)
        pred = extractor.extract(article).to_json()
        by_set[set_of(item)].append((item.gold, pred))
    result = {name: summarize(scorer, pairs) for name, pairs in sorted(by_set.items())}
    result["all"] = summarize(scorer, [p for pairs in by_set.values() for p in pairs])
    return result


def table(result: dict[str, dict[str, Any]]) -> str:
    rows = [f"{'set':12} {'items':>5} {'macro':>6} {'rel P':>6} {'rel R':>6} {'rel F':>6} {'win':>6} {'plat':>6} "
            f"{'cast':>6} {'events':>6} {'neg w/ rel':>10}"]
    for name, s in result.items():
        rows.append(
            f"{name:12} {s['articles']:5d} {s['macro_f1']:6.3f} {s['releases']['p']:6.3f} {s['releases']['r']:6.3f} "
            f"{s['releases']['f1']:6.3f} {s['windows']['f1']:6.3f} {s['platforms']['f1']:6.3f} "
            f"{s['cast_pairs']['f1']:6.3f} {s['events']['f1']:6.3f} {s['false_release_items']:4d}/{s['negative_items']:<5d}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--mode", default="hybrid", help="rules, model or hybrid (default)")
    ap.add_argument("--cast", choices=("rules", "model", "hybrid"),
                    help="who finds the cast (default: the rules in rules mode, else both)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    result = evaluate(args.split, args.mode, args.shared, args.cast)
    print(f"split {args.split}, mode {args.mode}" + (f", cast {args.cast}" if args.cast else ""))
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
