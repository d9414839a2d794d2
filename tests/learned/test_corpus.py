"""The annotated corpus: fixed splits, no reserved item, gold that passes the shared linter."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from training.corpus import items, split_of

HERE = Path(__file__).resolve().parent


def test_split_of_is_a_fixed_hash_of_the_item() -> None:
    # Known values: a change of the hash or of the cut points would reshuffle train and test.
    assert [split_of("huffpost", i) for i in (20, 28, 48, 49, 52, 74)] == ["train", "train", "test", "train", "dev", "train"]
    counts = Counter(split_of("huffpost", i) for i in range(4000))
    assert 0.66 < counts["train"] / 4000 < 0.74 and 0.12 < counts["test"] / 4000 < 0.18
    assert split_of("huffpost", 48) != split_of("headlines", 48) or split_of("huffpost", 52) != split_of("headlines", 52)


def test_items_have_one_split_each_and_tuned_sets_are_never_test(shared: Path) -> None:
    from training.corpus import reserved_keys

    reserved = reserved_keys(shared)
    seen: dict[str, str] = {}
    for item in items(shared):
        assert seen.setdefault(item.key, item.split) == item.split, item.key
        if item.origin in ("dev", "fixtures") and (item.corpus, str(item.gold["index"])) not in reserved:
            assert item.split != "test", item.key  # the rules were tuned on these
        if item.origin in ("heldout", "reserved", "writers"):
            assert item.split == "test", item.key
    assert len(seen) > 3000
    writers = [k for k in seen if k.startswith("longform:") and k.split(":")[1][:1] in "jkl"]
    assert len(writers) >= 12 and all(seen[k] == "test" for k in writers)


def test_reserved_items_are_only_ever_in_the_test_split(shared: Path) -> None:
    reserved = json.loads((shared / "corpora" / "RESERVED.json").read_text())
    keys = {("huffpost", i) for i in reserved["huffpost"]} | {("headlines", i) for i in reserved["fwd-news-headlines"]}
    pages = {Path(p).stem for p in reserved["news-html"]}
    seen = 0
    for item in items(shared):
        index = item.gold["index"]
        listed = (item.corpus, index) in keys or (item.corpus in ("newspaper3k", "scrapinghub") and str(index) in pages)
        if item.origin == "reserved":
            assert listed, f"{item.key} is in tests/reserved but not in RESERVED.json"
        if listed:
            seen += 1
            assert item.split == "test", item.key
        if item.origin == "corpus":
            assert not listed, f"{item.key} is reserved: it does not belong in tests/corpus"
    assert seen >= 700


def test_corpus_gold_passes_the_shared_linter(shared: Path, tmp_path: Path) -> None:
    """Every gold file of tests/corpus, checked against the very text it was annotated on."""
    by_corpus: dict[str, list] = {}
    for item in items(shared):
        if item.origin in ("corpus", "reserved", "writers"):
            by_corpus.setdefault(item.corpus, []).append(item)
    assert {"huffpost", "headlines", "longform"} <= set(by_corpus)
    for corpus, group in by_corpus.items():
        gold, texts = tmp_path / corpus / "gold", tmp_path / corpus / "texts"
        gold.mkdir(parents=True)
        texts.mkdir(parents=True)
        for item in group:
            (gold / f"{Path(item.article).stem}.json").write_text(json.dumps(item.gold))
            (texts / item.article).write_text(item.text)
        run = subprocess.run(
            [sys.executable, str(shared / "eval" / "lint_gold.py"), "--gold", str(gold), "--texts", str(texts)],
            capture_output=True, text=True,
        )
        assert run.returncode == 0, f"{corpus}: {run.stdout[-2000:]}"
        assert " 0 errors" in run.stdout, run.stdout[-500:]
