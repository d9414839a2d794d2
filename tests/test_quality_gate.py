"""The regression gate: extraction quality on gold corpora, scored by the shared scorer.

Floors live in tests/quality_floors.json and only ever move up. The corpora:
our own fixture articles (tests/fixtures/articles), the seed, and the real-text dev
set (tests/dev, text read from ../shared by item index).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from airdate.extract.pipeline import Extractor
from airdate.settings import Settings
from airdate.sources import read_source

HERE = Path(__file__).resolve().parent
FLOORS = json.loads((HERE / "quality_floors.json").read_text())


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _score(shared: Path, gold_dir: Path, text_dir: Path, tmp: Path, extractor: Extractor) -> dict:
    """Extract every gold article in-process, then score with ../shared/eval/score.py."""
    pred_dir = tmp / "pred"
    pred_dir.mkdir(parents=True, exist_ok=True)
    for gold_file in sorted(gold_dir.glob("*.json")):
        article_name = json.loads(gold_file.read_text())["article"]
        articles = read_source(str(text_dir / article_name), Settings())
        pred = extractor.extract(articles[0]).to_json()
        (pred_dir / (Path(article_name).stem + ".json")).write_text(json.dumps(pred))
    out = tmp / "scores.json"
    subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold_dir), "--pred", str(pred_dir),
         "--json", str(out), "-q"],
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text())["summary"]


def _check(summary: dict, floors: dict[str, float], name: str) -> None:
    low = []
    for field, floor in floors.items():
        got = summary["macro_f1"] if field == "macro_f1" else summary[field]["f1"]
        print(f"{name:12} {field:12} F1 {got:.3f}  (floor {floor:.3f})")
        if got + 1e-9 < floor:
            low.append(f"{field} {got:.3f} < floor {floor:.3f}")
    assert not low, f"{name}: " + "; ".join(low)


def test_fixture_corpus_meets_its_floors(shared: Path, tmp_path: Path, extractor: Extractor) -> None:
    corpus = HERE / "fixtures" / "articles"
    summary = _score(shared, corpus, corpus, tmp_path, extractor)
    assert summary["articles"] >= 30 and summary["failures"] == 0
    _check(summary, FLOORS["fixtures"], "fixtures")


def test_seed_scores_perfectly(shared: Path, tmp_path: Path, extractor: Extractor) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed.json").write_text((shared / "spec" / "seed-gold.json").read_text())
    summary = _score(shared, gold, shared / "seeds", tmp_path, extractor)
    for field in ("releases", "windows", "certainty", "platforms", "cast_pairs", "actors", "events"):
        assert summary[field]["f1"] == 1.0, field


@pytest.mark.parametrize("corpus", ["headlines", "huffpost", "newspaper3k", "scrapinghub"])
def test_real_text_dev_set_meets_its_floors(shared: Path, tmp_path: Path, extractor: Extractor, corpus: str) -> None:
    sys.path.insert(0, str(HERE / "dev"))
    try:
        from materialize import materialize
    finally:
        sys.path.pop(0)
    materialize(shared, tmp_path / "dev")
    summary = _score(shared, tmp_path / "dev" / f"{corpus}-gold", tmp_path / "dev" / corpus, tmp_path, extractor)
    assert summary["failures"] == 0
    _check(summary, FLOORS[corpus], corpus)


@pytest.fixture(scope="module")
def test_split(shared: Path) -> dict:
    """The shipped extractor on the test split of the annotated corpus (tests/corpus, tests/heldout)."""
    from training.evaluate import evaluate

    return evaluate("test", "hybrid", shared)


@pytest.mark.parametrize("name", ["headlines", "huffpost", "longform", "writers"])
def test_test_split_meets_its_floors(test_split: dict, name: str) -> None:
    floors = FLOORS["test"][name]
    summary = test_split[name]
    assert summary["articles"] >= 5
    _check(summary, floors, f"test/{name}")


def test_news_pages_rarely_yield_a_release(test_split: dict) -> None:
    """General news pages of the test split: the share of release-free pages given a release."""
    s = test_split["news"]
    share = s["false_release_items"] / s["negative_items"]
    print(f"news pages: {s['false_release_items']} of {s['negative_items']} release-free pages yield a release")
    assert share <= FLOORS["test"]["news_false_release_share_max"]


@pytest.fixture(scope="module")
def probe(shared: Path) -> dict:
    """The shipped extractor on real text of other categories no one annotated or tuned on (training/probe.py)."""
    from training.probe import probe as run

    return run(shared)


@pytest.mark.parametrize("source", ["headlines-other", "huffpost-other"])
def test_unseen_text_of_other_categories_rarely_yields_a_release(probe: dict, source: str) -> None:
    """Almost no world-news, politics or technology headline names an upcoming release: a retraining that
    won out of fold but found 24 releases in them (the shipped models: 10) lost precision on the test split.
    Counted on the parts nothing reads (the tuner reads the train part of each source)."""
    from training.probe import share_limits

    s = probe[source]
    limit = share_limits()[source]
    print(f"{source}: {s['held_with_release']} of {s['held_items']} unread items given a release (max share {limit})")
    assert s["held_items"] > 2000
    assert s["held_share"] <= limit, [f["titles"] for f in s["found"] if f["held"]]
