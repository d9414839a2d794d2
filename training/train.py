"""Train the shipped models from the repository's annotations: ``python -m training.train``.

Steps (``make model`` runs them all): build DocBins from the train and dev splits
(``training.build``); train the title spotter (and one per fold of the train split, so the
judge learns from candidates found by a spotter that never saw the article) and the cast
tagger (``training/configs/titles.cfg``, ``cast.cfg``); then the gate and the judge
(``textcat.cfg``) on candidates read with both; copy each best model into
``airdate/data/models/``; train a gate and a judge per fold of train and dev together
(``build/cv``) and choose the thresholds on their out-of-fold scores (``training.tune``);
record a version tag. Components that do not depend on each other train side by side
(``--jobs``, one per core by default); the models are the same whatever the number.

``--smoke`` trains for a few steps into a scratch folder only (for CI): the shipped models
are left as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
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


def spacy_train(name: str, data: Path, out: Path, steps: int | None = None, last: bool = False,
                log: Path | None = None) -> Path:
    """Train one component; `last` runs every step and keeps the last model, so the dev data only reports.
    With `log`, spaCy's report goes to that file instead of the terminal."""
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config_for(name)), "--output", str(out / name),
        "--paths.train", str(data / f"{name}-train.spacy"), "--paths.dev", str(data / f"{name}-dev.spacy"),
    ]
    if steps is not None:
        cmd += ["--training.max_steps", str(steps), "--training.eval_frequency", str(max(1, steps // 2))]
    if last:
        cmd += ["--training.patience", "0"]
    if log is None:
        subprocess.run(cmd, check=True)
    else:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w") as f:
            done = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
        if done.returncode:
            raise TrainingFailed(f"training {name} failed (exit {done.returncode}); spaCy's report: {log}")
    return out / name / ("model-last" if last else "model-best")


class TrainingFailed(RuntimeError):
    pass


def train_many(runs: list[tuple[str, bool]], data: Path, out: Path, jobs: int, steps: int | None = None) -> dict[str, Path]:
    """Train independent components, `jobs` at a time (each spaCy run keeps about one core busy); `runs`
    holds (name, last) pairs. One at a time, spaCy reports to the terminal as it goes; several at once,
    each run reports to ``<out>/<name>.log`` and a line is printed as each one ends."""
    if jobs <= 1:
        return {name: spacy_train(name, data, out, steps, last) for name, last in runs}
    start = time.monotonic()
    found: dict[str, Path] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        running = {pool.submit(spacy_train, name, data, out, steps, last, out / f"{name}.log"): name
                   for name, last in runs}
        print(f"training {', '.join(running.values())}, {jobs} at a time", flush=True)
        for done in as_completed(running):
            name = running[done]
            found[name] = done.result()
            print(f"  {name} trained ({len(found)} of {len(runs)}, {time.monotonic() - start:.0f} s)", flush=True)
    return found


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
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), metavar="N",
                    help="train N components at once (default: one per core, at most 4); each keeps about one core busy, "
                         "and the models are the same whatever N is")
    ap.add_argument("--judge-only", action="store_true",
                    help="keep the shipped title spotter, cast tagger and the fold spotters of the last full run "
                         "(build/spotters); retrain the gate and the judge")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    try:
        return run(args)
    except (TrainingFailed, subprocess.CalledProcessError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    from airdate.extract import learned
    from training.build import CV_FOLDS, FOLDS, build, build_cast, build_titles, build_words
    from training.tune import tune

    # The common words first: the gate and the judge read every other capitalised word as a name.
    if not args.smoke:
        print("common words:", build_words(MODELS / learned.WORDS_FILE, args.shared))
        learned.common_words.cache_clear()
        learned._kept_names.cache_clear()

    steps = 20 if args.smoke else None
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
            # The cast tagger trains beside the spotters: the judge's candidates carry the cast it finds.
            print("cast data:", build_cast(work / "data", args.shared))
            # Cross-fitting: the judge's training candidates come from spotters that never saw the article.
            runs = [("titles", False), *((f"titles{f}", False) for f in range(FOLDS)), ("cast", False)]
            found = train_many(runs, work / "data", work / "out", args.jobs, steps)
            folds = [found[f"titles{f}"] for f in range(FOLDS)]
            if not args.smoke:
                for name in ("titles", "cast"):
                    shutil.rmtree(MODELS / name, ignore_errors=True)
                    shutil.copytree(found[name], MODELS / name)
                for f, path in enumerate(folds):
                    shutil.rmtree(SPOTTERS / f"titles{f}", ignore_errors=True)
                    shutil.copytree(path, SPOTTERS / f"titles{f}")
        stats = build(work / "data", args.shared, folds)
        print("training data:", ", ".join(f"{k} {v}" for k, v in stats.items()))
        # The shipped gate and judge, and a gate and a judge per cross-validation fold over train and dev
        # (kept at their last step), whose out-of-fold scores choose the thresholds.
        cv = [f"{c}{f}" for f in range(CV_FOLDS) for c in ("gatecv", "judgecv")]
        found = train_many([*((n, False) for n in COMPONENTS), *((n, True) for n in cv)],
                           work / "data", work / "out", args.jobs, steps)
        for name, path in found.items():
            if args.smoke:
                print(f"smoke: {name} trained to {path}")
                continue
            target = MODELS / name if name in COMPONENTS else CV / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(path, target)
    if args.smoke:
        return 0
    (MODELS / "VERSION").write_text(version_tag(MODELS) + "\n")
    chosen = tune(args.shared)
    print("thresholds:", chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
