"""Choose the gate and judge thresholds on the dev split: ``python -m training.tune``.

Each dev article is read once (gate score, candidates, the judge's verdicts); then every
threshold combination of a small grid is scored with the shared scorer's rules, and the one
with the best mean macro F1 over the dev sets is written to ``airdate/data/models/thresholds.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from training.corpus import DEFAULT_SHARED, ROOT, items, shared_available

GRID = {
    "gate": (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5),
    "judge": (0.5, 0.6, 0.7, 0.8, 0.9),
    "judge_rule": (0.05, 0.1, 0.2, 0.3, 0.4, 0.5),
    "film": (0.5,),
}
MIN_RELEASES = 5  # a set with fewer gold releases than this is too thin to steer the choice
FALSE_RELEASE_COST = 0.5  # per unit of the share of release-free articles given a release


def read_dev(shared: Path) -> list[tuple[str, dict[str, Any], float, list[tuple[Any, Any]]]]:
    from airdate.extract import learned
    from airdate.extract.pipeline import Extractor
    from airdate.sources.text import parse_text
    from training.evaluate import set_of

    extractor = Extractor(mode="rules")
    out = []
    for item in items(shared):
        if item.split != "dev":
            continue
        article = parse_text(item.text, label=item.article)
        gate = learned.gate_score(article.title, article.text)
        cands = extractor.candidates(article, spot=True)  # as the shipped extractor reads it
        verdicts = learned.judge([t for _, t in cands]) if cands else []
        rows = [(c, v) for (c, _), v in zip(cands, verdicts, strict=True)]
        out.append((set_of(item), item.gold, gate, rows))
    return out


def predict(gate: float, rows: list[tuple[Any, Any]], t: dict[str, float], mode: str) -> dict[str, Any]:
    """What the extractor would print with thresholds `t` (the same `decide` as `Extractor.extract`)."""
    from airdate.extract.pipeline import decide

    if mode != "rules" and gate < t["gate"]:
        return {"releases": []}
    kept = (decide(c, v, t, mode) for c, v in rows)
    return {"releases": [r.to_json() for r in kept if r is not None]}


def score(data: list[Any], t: dict[str, float], mode: str, scorer: Any) -> dict[str, dict[str, Any]]:
    from training.evaluate import summarize

    by_set: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for name, gold, gate, rows in data:
        by_set[name].append((gold, predict(gate, rows, t, mode)))
    return {name: summarize(scorer, pairs) for name, pairs in sorted(by_set.items())}


def objective(result: dict[str, dict[str, Any]]) -> float:
    """Mean macro F1 over the sets with enough releases, less the share of negatives given a release."""
    sets = [s for s in result.values() if s["releases"]["tp"] + s["releases"]["fn"] >= MIN_RELEASES]
    macro = sum(s["macro_f1"] for s in sets) / max(1, len(sets))
    negatives = sum(s["negative_items"] for s in result.values())
    false = sum(s["false_release_items"] for s in result.values())
    return macro - FALSE_RELEASE_COST * false / max(1, negatives)


def tune(shared: Path = DEFAULT_SHARED, mode: str = "hybrid", write: bool = True) -> dict[str, float]:
    from airdate.extract import learned
    from training.build import load_scorer

    scorer = load_scorer(shared)
    learned.thresholds.cache_clear()
    learned._load.cache_clear()
    data = read_dev(shared)
    best: tuple[float, dict[str, float]] | None = None
    for values in itertools.product(*GRID.values()):
        t = dict(zip(GRID, values, strict=True))
        if t["judge_rule"] > t["judge"]:
            continue
        obj = objective(score(data, t, mode, scorer))
        if best is None or obj > best[0] + 1e-9:
            best = (obj, t)
    assert best is not None
    if write:
        (ROOT / "airdate" / "data" / "models" / "thresholds.json").write_text(json.dumps(best[1], indent=1) + "\n")
        learned.thresholds.cache_clear()
    print(f"dev objective (mean macro F1 over sets with {MIN_RELEASES}+ releases, less false releases): {best[0]:.4f}")
    return best[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--dry-run", action="store_true", help="print the choice, write nothing")
    args = ap.parse_args(argv)
    if not shared_available(args.shared):
        print(f"error: shared corpora not found under {args.shared}; pass --shared PATH", file=sys.stderr)
        return 2
    print(tune(args.shared, write=not args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
