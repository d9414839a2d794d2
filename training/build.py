"""Turn the annotated corpus into spaCy training data: ``python -m training.build OUT``.

Writes ``OUT/{gate,judge}-{train,dev}.spacy`` (DocBin files) and ``OUT/stats.json``; ``build_titles``
and ``build_cast`` write the title spotter's and the cast tagger's.

- gate: pieces of each article (``learned.gate_pieces``), ``RELEASE`` = the piece names a gold release.
- gatecv{f}, judgecv{f}: the same docs for cross-validation over train and dev together (fold f's
  models train on the items outside fold f); the thresholds are chosen on their out-of-fold scores.
- judge: one doc per release candidate the rules find (``Extractor.candidates``), ``RELEASE`` =
  it matches a gold release by the shared scorer's title and season rule; ``FILM`` = that gold
  release is a film (left missing for candidates that are no release).

Only train and dev items are read; test items are never touched here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from training.corpus import DEFAULT_SHARED, items, shared_missing


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer as a module, for its title and season matching rule."""
    spec = importlib.util.spec_from_file_location("_airdate_shared_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError(f"no scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label_candidates(cands: list[tuple[Any, str]], gold: dict[str, Any], scorer: ModuleType) -> list[dict[str, float]]:
    """Cats per candidate: RELEASE from a match with a gold release, FILM from its kind."""
    out = []
    for cand, _ in cands:
        r = cand.release
        pred = {"title": r.title, "season": r.season, "part": r.part}
        match = next((g for g in gold.get("releases", []) if scorer.same_release(g, pred, False)), None)
        out.append({"RELEASE": 1.0} | {"FILM": float(match.get("kind") == "film")} if match else {"RELEASE": 0.0})
    return out


TITLE_EDGE = r"(?<![\w'’])"


def title_spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Where the gold releases' titles (and aliases) occur in one line: longest first, no overlaps."""
    import re

    forms = sorted({f for r in gold.get("releases", []) for f in [r.get("title") or "", *r.get("aliases", [])] if len(f) > 1},
                   key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    for form in forms:
        for m in re.finditer(TITLE_EDGE + re.escape(form) + r"(?!\w)", text, re.IGNORECASE):
            exact = m.group(0) == form or m.group(0).isupper() or m.group(0).istitle()
            if exact and all(m.end() <= a or m.start() >= z for a, z in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def train_and_dev(shared: Path) -> Iterator[tuple[Any, Any]]:
    """(item, article) for every train and dev item: training never reads the test split."""
    from airdate.sources.text import parse_text

    for item in items(shared):
        if item.split != "test":
            yield item, parse_text(item.text, label=item.article)


FOLDS = 2  # the judge learns from title spotters that never saw the article (cross-fitting)


def fold_of(key: str) -> int:
    import hashlib

    return hashlib.sha256(("fold:" + key).encode()).digest()[0] % FOLDS


CV_FOLDS = 3  # the thresholds are chosen on out-of-fold scores over train and dev together


def cv_fold_of(key: str) -> int:
    import hashlib

    return hashlib.sha256(("cv:" + key).encode()).digest()[0] % CV_FOLDS


def unquoted(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The line with the quote marks around each quoted title taken out ("'X' Season 2" → "X Season 2"),
    and where each quoted stretch sits in it."""
    from airdate.extract.titles import QUOTE_RX

    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = size = 0
    for q in QUOTE_RX.finditer(text):
        inner = next(g for g in q.groups() if g)
        parts.append(text[pos : q.start()])
        size += q.start() - pos
        spans.append((size, size + len(inner)))
        parts.append(inner)
        size += len(inner)
        pos = q.end()
    parts.append(text[pos:])
    return "".join(parts), spans


def title_doc(nlp: Any, line: str, gold: dict[str, Any]) -> Any:
    """One training line for the title spotter: the gold releases' titles as TITLE entities.

    The spotter reads only lines that quote no title (`pipeline._spot`); a line that does is taught
    without its quote marks, so the spotter learns titles from the words around them, as running
    prose and unquoted headlines name them. A quoted stretch the gold does not list is still a
    title named in passing (or a quotation): its tokens are left unannotated, so the spotter is not
    taught that a title which is no release is no title. Every other token is taught as outside.
    """
    import spacy

    text, quoted = unquoted(line)
    doc = nlp.make_doc(text)
    ents = [span for a, z in title_spans(text, gold)
            if (span := doc.char_span(a, z, label="TITLE", alignment_mode="contract")) is not None and len(span)]
    ents = spacy.util.filter_spans(ents)
    taken = {t.i for e in ents for t in e}
    unknown = [u for a, z in quoted if (u := doc.char_span(a, z, alignment_mode="expand")) is not None
               and len(u) and not any(t.i in taken for t in u)]
    doc.set_ents(ents, missing=unknown, default="outside")
    return doc


def build_titles(out: Path, shared: Path = DEFAULT_SHARED) -> dict[str, Any]:
    """DocBins for the title spotter: one doc per article line, gold titles as TITLE entities.

    Every line of an article with no release is kept: such lines teach the spotter what names a
    news page carries that are no titles. (Keeping one in four, as before, made a spotter that found
    more junk: out of fold, the full retraining's objective was 0.303 with one in four and 0.445
    with every line.)
    """
    import spacy
    from spacy.tokens import DocBin

    from airdate.extract.pipeline import blocks_of

    nlp = spacy.blank("en")
    names = ["train", "dev"] + [f"train{f}" for f in range(FOLDS)]
    bins = {s: DocBin(store_user_data=False) for s in names}
    stats: Counter[str] = Counter()
    for item, article in train_and_dev(shared):
        # Fold f's spotter trains on every train item outside fold f.
        also = [f"train{f}" for f in range(FOLDS) if item.split == "train" and fold_of(item.key) != f]
        for text, _, _, _ in blocks_of(article):
            doc = title_doc(nlp, text, item.gold)
            for name in [item.split, *also]:
                bins[name].add(doc)
            stats[f"titles-{item.split}-lines"] += 1
            stats[f"titles-{item.split}-spans"] += len(doc.ents)
    out.mkdir(parents=True, exist_ok=True)
    for split, db in bins.items():
        db.to_disk(out / f"titles-{split}.spacy")
    for f in range(FOLDS):  # the folds share the dev split
        (out / f"titles{f}-dev.spacy").write_bytes((out / "titles-dev.spacy").read_bytes())
        (out / f"titles{f}-train.spacy").write_bytes((out / f"titles-train{f}.spacy").read_bytes())
    return dict(stats)


CAST_LABELS = ("ACTOR", "CHARACTER")


def cast_spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Where the gold cast's actors and characters occur in one sentence: longest first, no overlaps.

    An actor is labelled wherever the article names them: the gold lists only the cast of the
    upcoming releases, so everyone else the article names stays unlabelled.
    """
    import re

    forms: dict[str, str] = {}
    for r in gold.get("releases", []):
        for c in r.get("cast", []):
            if c.get("character"):
                forms.setdefault(c["character"], "CHARACTER")
            forms[c["actor"]] = "ACTOR"  # a name that is both is an actor
        for ch in r.get("characters", []):
            forms.setdefault(ch, "CHARACTER")
    spans: list[tuple[int, int, str]] = []
    for form in sorted(forms, key=len, reverse=True):
        if len(form) < 2:
            continue
        for m in re.finditer(TITLE_EDGE + re.escape(form) + r"(?!\w)", text):
            if all(m.end() <= a or m.start() >= z for a, z, _ in spans):
                spans.append((m.start(), m.end(), forms[form]))
    return sorted(spans)


def build_cast(out: Path, shared: Path = DEFAULT_SHARED) -> dict[str, Any]:
    """DocBins for the cast tagger: one doc per sentence, gold actors and characters as entities.

    Sentences come from the extractor's own segmentation, so the tagger trains on what it reads.
    Sentences with no cast name are kept one in three, and one in twelve in articles with no cast.
    """
    import hashlib

    import spacy
    from spacy.tokens import DocBin

    from airdate.extract.pipeline import segment

    nlp = spacy.blank("en")
    bins = {s: DocBin(store_user_data=False) for s in ("train", "dev")}
    stats: Counter[str] = Counter()
    for item, article in train_and_dev(shared):
        has = any(r.get("cast") or r.get("characters") for r in item.gold.get("releases", []))
        for s in segment(article):
            spans = cast_spans(s.text, item.gold)
            keep = 3 if has else 12
            if not spans and hashlib.sha256(s.text.encode()).digest()[0] % keep:
                continue
            doc = nlp.make_doc(s.text)
            ents = [e for a, z, label in spans
                    if (e := doc.char_span(a, z, label=label, alignment_mode="contract")) is not None and len(e)]
            doc.ents = spacy.util.filter_spans(ents)
            bins[item.split].add(doc)
            stats[f"cast-{item.split}-sentences"] += 1
            for e in doc.ents:
                stats[f"cast-{item.split}-{e.label_.lower()}"] += 1
    out.mkdir(parents=True, exist_ok=True)
    for split, db in bins.items():
        db.to_disk(out / f"cast-{split}.spacy")
    return dict(stats)


def _folded(text: str) -> str:
    """Text compared loosely: lower case, straight quotes, single spaces."""
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


WORDS_MIN = 3  # lower-case occurrences in the training prose that make a word common


def build_words(target: Path, shared: Path = DEFAULT_SHARED) -> int:
    """Write the common words (``learned.common_words``) to `target`: every word the train split's
    text writes in lower case at least WORDS_MIN times. Names and invented titles are capitalised
    wherever they occur, so they stay out. Returns how many words were written."""
    import re

    word = re.compile(r"[^\W\d_][\w'’-]*")
    counts: Counter[str] = Counter()
    for item in items(shared):
        if item.split == "train":
            counts.update(w for w in word.findall(item.text) if w.islower())
    common = sorted(w for w, n in counts.items() if n >= WORDS_MIN)
    target.write_text("\n".join(common) + "\n")
    return len(common)


# A release-free article's judge candidates count this many times in training: such articles are few
# in the corpus and most of what a reader meets (out of fold: objective 0.218 -> 0.242, 13 -> 12 of the
# 20 release-free long-form articles given a release, on the sixth session's retrained spotter).
NEG_COPIES = 3


def build(out: Path, shared: Path = DEFAULT_SHARED, fold_spotters: list[Path] | None = None) -> dict[str, Any]:
    import spacy
    from spacy.tokens import DocBin

    from airdate.extract import learned
    from airdate.extract.pipeline import Extractor

    scorer = load_scorer(shared)
    nlp = spacy.blank("en")
    # The rules' own verdicts, with the cast the runtime reads (the tagger's too, once it is trained).
    extractor = Extractor(mode="rules", cast="hybrid" if learned.cast_available() else "rules")
    spot = learned.title_spans(["x"]) is not None  # candidates include the title spotter's, once it is trained
    spotters = [spacy.load(p) for p in fold_spotters] if fold_spotters else []
    bins = {f"{c}-{s}": DocBin(store_user_data=False) for c in ("gate", "judge") for s in ("train", "dev")}
    # Cross-validation over train and dev together, for the thresholds (training/tune.py): the models of
    # fold f learn from the items outside it and score the items in it.
    for f in range(CV_FOLDS):
        for c in ("gatecv", "judgecv"):
            bins[f"{c}{f}-train"] = DocBin(store_user_data=False)
            bins[f"{c}{f}-dev"] = DocBin(store_user_data=False)
    stats: Counter[str] = Counter()
    for item, article in train_and_dev(shared):
        has = bool(item.gold.get("releases"))
        # The gate learns from pieces (learned.gate_pieces): every piece of a release-free article is a
        # negative; a piece of a release article is a positive when it names one of its releases, and is
        # left out when it names none (it may still speak of one as "the show").
        titles = [_folded(r["title"]) for r in item.gold.get("releases", [])]
        raw = learned.gate_pieces(article.title, article.text, masked=False)
        names = [any(t and t in _folded(piece) for t in titles) for piece in raw]
        if has and not any(names):
            names[0] = True  # the gold names it otherwise ("LOTR" for "The Lord of the Rings"): the opening
        for _piece, masked, named in zip(raw, learned.gate_pieces(article.title, article.text), names, strict=True):
            if has and not named:
                continue
            doc = nlp.make_doc(masked)
            doc.cats = {"RELEASE": float(named)}
            bins[f"gate-{item.split}"].add(doc)
            for f in range(CV_FOLDS):
                bins[f"gatecv{f}-{'dev' if cv_fold_of(item.key) == f else 'train'}"].add(doc)
            stats[f"gate-{item.split}-{'pos' if named else 'neg'}"] += 1
        spotter = spotters[fold_of(item.key)] if spotters and item.split == "train" else None
        cands = extractor.candidates(article, spot=spot, spotter=spotter)
        labels = label_candidates(cands, item.gold, scorer)
        copies = 1 if has else NEG_COPIES
        for (_, text), cats in zip(cands, labels, strict=True):
            doc = nlp.make_doc(text)
            doc.cats = cats
            for _ in range(copies if item.split == "train" else 1):
                bins[f"judge-{item.split}"].add(doc)
            for f in range(CV_FOLDS):
                held = cv_fold_of(item.key) == f
                for _ in range(1 if held else copies):
                    bins[f"judgecv{f}-{'dev' if held else 'train'}"].add(doc)
            stats[f"judge-{item.split}-{'pos' if cats['RELEASE'] else 'neg'}"] += 1
        found = sum(1 for c in labels if c["RELEASE"])
        stats[f"gold-releases-{item.split}"] += len(item.gold.get("releases", []))
        stats[f"gold-releases-with-candidate-{item.split}"] += min(found, len(item.gold.get("releases", [])))
    out.mkdir(parents=True, exist_ok=True)
    for name, db in bins.items():
        db.to_disk(out / f"{name}.spacy")
    (out / "stats.json").write_text(json.dumps(dict(sorted(stats.items())), indent=1) + "\n")
    return dict(stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder for the .spacy files")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder holding corpora/")
    args = ap.parse_args(argv)
    if shared_missing(args.shared):
        return 2
    stats = build(args.out, args.shared)
    for k, v in stats.items():
        print(f"{k:40} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
