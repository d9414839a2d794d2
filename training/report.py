"""The README's quality tables: ``python -m training.report`` (markdown on stdout).

For each split (dev, test) and each mode (rules, model, hybrid): macro F1 and release P/R
per set, from ``training.evaluate``; then the cast bake-off (rules, the cast tagger, both). The
dev tables are the bake-offs that chose the defaults; the test tables are for reporting only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training.corpus import DEFAULT_SHARED, shared_missing
from training.evaluate import evaluate

MODES = ("rules", "model", "hybrid")


def table(split: str, shared: Path) -> str:
    results = {mode: evaluate(split, mode, shared) for mode in MODES}
    sets = [s for s in results["hybrid"] if s != "all"] + ["all"]
    head = "| set | items | " + " | ".join(f"{m} macro F1 | {m} releases P / R" for m in MODES) + " |"
    rows = [head, "| --- | ---: | " + " | ".join("---: | ---:" for _ in MODES) + " |"]
    for name in sets:
        cells = []
        for mode in MODES:
            s = results[mode][name]
            cells.append(f"{s['macro_f1']:.3f} | {s['releases']['p']:.2f} / {s['releases']['r']:.2f}")
        rows.append(f"| {name} | {results['hybrid'][name]['articles']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def cast_table(split: str, shared: Path) -> str:
    """The cast bake-off: cast-pair F1 (and actor F1) per set with the rules, the tagger, or both finding the cast."""
    results = {mode: evaluate(split, "hybrid", shared, cast=mode) for mode in MODES}
    sets = [s for s in results["hybrid"] if s != "all"] + ["all"]
    head = "| set | items | " + " | ".join(f"{m} cast pairs F1 | {m} actors F1" for m in MODES) + " |"
    rows = [head, "| --- | ---: | " + " | ".join("---: | ---:" for _ in MODES) + " |"]
    for name in sets:
        cells = [f"{results[m][name]['cast_pairs']['f1']:.3f} | {results[m][name]['actors']['f1']:.3f}" for m in MODES]
        rows.append(f"| {name} | {results['hybrid'][name]['articles']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--split", action="append", choices=("dev", "test"), help="default: dev and test")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    for split in args.split or ["dev", "test"]:
        print(f"\n{split} split\n")
        print(table(split, args.shared))
        print(f"\n{split} split, who finds the cast (releases decided by hybrid)\n")
        print(cast_table(split, args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
