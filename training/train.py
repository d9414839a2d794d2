"""Train the shipped models from the repository's annotations: ``python -m training.train``.

Steps (``make model`` runs them all): build DocBins from the train and dev splits
(``training.build``); train the title spotter (and one per fold of the train split, so the
judge learns from candidates found by a spotter that never saw the article) and the cast
tagger (``training/configs/titles.cfg``, ``cast.cfg``); then the gate and the judge
(``textcat.cfg``) on candidates read with both; copy each best model into
``airdate/data/models/``; train a gate and a judge per fold of train and dev together
(``build/cv``) and choose the thresholds on their out-of-fold scores (``training.tune``);
record a version tag.

``--smoke`` trains for a few steps into a scratch folder only (for CI): the shipped models
are left as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from training.corpus import DEFAULT_SHARED, ROOT, shared_missing

CONFIG = ROOT / "training" / "configs" / "textcat.cfg"
MODELS = ROOT / "airdate" / "data" / "models"
COMPONENTS = ("gate", "judge")
SPOTTERS = ROOT / "build" / "spotters"  # the fold spotters of the last full run, for --judge-only
CV = ROOT / "build" / "cv"  # the cross-validation gates and judges the thresholds are chosen with
TITLES = ROOT / "training" / "configs" / "titles.cfg"
CAST = ROOT / "training" / "configs" / "cast.cfg"


def config_for(name: str) -> Path:
    if name.startswith("titles"):
        return TITLES
    return CAST if name == "cast" else CONFIG


def spacy_train(name: str, data: Path, out: Path, steps: int | None = None, last: bool = False) -> Path:
    """Train one component; `last` runs every step and keeps the last model, so the dev data only reports."""
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config_for(name)), "--output", str(out / name),
        "--paths.train", str(data / f"{name}-train.spacy"), "--paths.dev", str(data / f"{name}-dev.spacy"),
    ]
    if steps is not None:
        cmd += ["--training.max_steps", str(steps), "--training.eval_frequency", str(max(1, steps // 2))]
    if last:
        cmd += ["--training.patience", "0"]
    subprocess.run(cmd, check=True)
    return out / name / ("model-last" if last else "model-best")


def version_tag(models: Path) -> str:
    """A hash of the shipped weights: a retrained model is a new extractor version."""
    h = hashlib.sha256()
    for path in sorted(models.rglob("*")):
        if path.is_file() and path.name not in ("VERSION", "thresholds.json", "meta.json"):
            h.update(path.relative_to(models).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:10]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder holding corpora/")
    ap.add_argument("--smoke", action="store_true", help="a few steps into a scratch folder; ship nothing")
    ap.add_argument("--judge-only", action="store_true",
                    help="keep the shipped title spotter, cast tagger and the fold spotters of the last full run "
                         "(build/spotters); retrain the gate and the judge")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    from airdate.extract import learned
    from training.build import CV_FOLDS, FOLDS, build, build_cast, build_titles, build_words
    from training.tune import tune

    # The common words first: the gate and the judge read every other capitalised word as a name.
    if not args.smoke:
        print("common words:", build_words(MODELS / learned.WORDS_FILE, args.shared))
        learned.common_words.cache_clear()
        learned._kept_names.cache_clear()

    with tempfile.TemporaryDirectory(prefix="airdate-train-") as tmp:
        work = Path(tmp)
        # The title spotter first: the judge learns from the candidates it adds.
        if args.judge_only:
            folds = [SPOTTERS / f"titles{f}" for f in range(FOLDS)]
            if not all((f / "config.cfg").exists() for f in folds):
                print(f"error: no fold spotters in {SPOTTERS}; run a full `make model` first", file=sys.stderr)
                return 2
        else:
            print("title data:", build_titles(work / "data", args.shared))
            best = spacy_train("titles", work / "data", work / "out", steps=20 if args.smoke else None)
            if not args.smoke:
                shutil.rmtree(MODELS / "titles", ignore_errors=True)
                shutil.copytree(best, MODELS / "titles")
            # Cross-fitting: the judge's training candidates come from spotters that never saw the article.
            folds = [spacy_train(f"titles{f}", work / "data", work / "out", steps=20 if args.smoke else None)
                     for f in range(FOLDS)]
            if not args.smoke:
                for f, path in enumerate(folds):
                    shutil.rmtree(SPOTTERS / f"titles{f}", ignore_errors=True)
                    shutil.copytree(path, SPOTTERS / f"titles{f}")
            # The cast tagger next: the judge's candidates carry the cast it finds.
            print("cast data:", build_cast(work / "data", args.shared))
            best = spacy_train("cast", work / "data", work / "out", steps=20 if args.smoke else None)
            if not args.smoke:
                shutil.rmtree(MODELS / "cast", ignore_errors=True)
                shutil.copytree(best, MODELS / "cast")
        stats = build(work / "data", args.shared, folds)
        print("training data:", ", ".join(f"{k} {v}" for k, v in stats.items()))
        for name in COMPONENTS:
            best = spacy_train(name, work / "data", work / "out", steps=20 if args.smoke else None)
            if args.smoke:
                print(f"smoke: {name} trained to {best}")
                continue
            target = MODELS / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(best, target)
        # Cross-validation models over train and dev: their out-of-fold scores choose the thresholds.
        for f in range(CV_FOLDS):
            for c in ("gatecv", "judgecv"):
                last = spacy_train(f"{c}{f}", work / "data", work / "out", steps=20 if args.smoke else None, last=True)
                if args.smoke:
                    print(f"smoke: {c}{f} trained to {last}")
                    continue
                shutil.rmtree(CV / f"{c}{f}", ignore_errors=True)
                shutil.copytree(last, CV / f"{c}{f}")
    if args.smoke:
        return 0
    (MODELS / "VERSION").write_text(version_tag(MODELS) + "\n")
    chosen = tune(args.shared)
    print("thresholds:", chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
