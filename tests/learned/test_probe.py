"""The precision probe reads only text no one annotated, reserved or tuned on (training/probe.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from training.corpus import items, reserved_keys
from training.probe import unannotated


def test_the_probe_reads_no_annotated_or_reserved_item_and_no_entertainment_category(shared: Path) -> None:
    annotated = {it.key for it in items(shared)}
    reserved = {f"{c}:{i}" for c, i in reserved_keys(shared)}
    seen = Counter()
    for source, key, split, text in unannotated(shared):
        assert key not in annotated and key not in reserved, key
        assert split in ("train", "dev", "test")
        assert text.startswith(" date "), key  # dated like the annotated items, so windows resolve the same way
        seen[source] += 1
    # every headline outside the television category (all 1,075 of which are annotated or reserved)
    assert seen["headlines-other"] == 10037 - 1075
    assert 6000 < seen["huffpost-other"] < 8403


def test_the_tuner_counts_the_other_headlines_a_threshold_would_give_a_release() -> None:
    from airdate.extract import learned
    from airdate.extract.pipeline import Extractor
    from airdate.sources.text import parse_text
    from training.tune import UNSEEN_MAX_SHARE, unseen_share

    article = parse_text(" date 2022-01-10 'Harbor Lights' Season 3 Premieres March 3 On Netflix\n", label="h1")
    cands = Extractor(mode="rules", cast="rules").candidates(article, spot=False)
    assert cands and cands[0][0].rule  # the rules read a release here
    rows = [(c, learned.Verdict(0.4, 0.0)) for c, _ in cands]
    unseen = [("headlines-other", {"article": "h1", "releases": []}, 0.9, rows, "short")]
    loose = {"gate": 0.02, "judge": 0.9, "judge_rule": 0.3, "film": 0.5}
    strict = {**loose, "judge_rule": 0.5}
    # a rule-backed find the judge scores 0.4 passes a rule threshold of 0.3, not one of 0.5
    assert unseen_share(unseen, 1000, loose, "hybrid") == 0.001
    assert unseen_share(unseen, 1000, strict, "hybrid") == 0.0
    limit = UNSEEN_MAX_SHARE["headlines-other"]
    assert unseen_share(unseen, 100, loose, "hybrid") > limit >= unseen_share(unseen, 1000, loose, "hybrid")
    # a per-shape threshold counts too, as the extractor applies it
    assert unseen_share(unseen, 1000, {**loose, "judge_rule_headline": 0.5}, "hybrid") == 0.0


def test_the_tuner_keeps_the_other_headlines_quiet_when_it_can(shared: Path, monkeypatch) -> None:
    """Out of fold a low rule-backed threshold wins on the television headlines; the other headlines it
    would give a release overrule that, as long as some thresholds keep them quiet."""
    from airdate.extract import learned
    from airdate.extract.pipeline import Extractor
    from airdate.sources.text import parse_text
    from training import tune

    article = parse_text(" date 2022-01-10 'Harbor Lights' Season 3 Premieres March 3 On Netflix\n", label="h1")
    cands = Extractor(mode="rules", cast="rules").candidates(article, spot=False)
    rows = [(c, learned.Verdict(0.25, 0.0)) for c, _ in cands]  # kept below a rule threshold of 0.3
    assert cands[0][0].release.title == "Harbor Lights" and cands[0][0].rule
    gold = {"article": "h1", "releases": [c.release.to_json() for c, _ in cands]}  # the release is real here
    data = [("headlines", gold, 0.9, rows, "short")] * 8
    other = [("headlines-other", {"article": "o", "releases": []}, 0.9, rows, "short")] * 10
    monkeypatch.setattr(tune, "read_cv", lambda shared, reader=None: data)
    monkeypatch.setattr(tune, "read_dev", lambda shared: data)

    def kept(t: dict) -> bool:
        return bool(tune.predict(0.9, rows, t, "hybrid", "short")["releases"])

    monkeypatch.setattr(tune, "read_unseen", lambda shared, reader=None: {"headlines-other": (other, 100_000)})  # quiet
    assert kept(tune.tune(shared, write=False))
    monkeypatch.setattr(tune, "read_unseen", lambda shared, reader=None: {"headlines-other": (other, 1000)})  # too many
    assert not kept(tune.tune(shared, write=False))
    # the other HuffPost items count as the other headlines do, against their own limit (0.28%):
    # 10 in 4,000 (0.25%) would be too many headlines, not too many HuffPost items
    hp = [("huffpost-other", {"article": "o", "releases": []}, 0.9, rows, "short")] * 10
    monkeypatch.setattr(tune, "read_unseen", lambda shared, reader=None: {
        "headlines-other": (other, 100_000), "huffpost-other": (hp, 4000)})
    assert kept(tune.tune(shared, write=False))
    monkeypatch.setattr(tune, "read_unseen", lambda shared, reader=None: {
        "headlines-other": (other, 100_000), "huffpost-other": (hp, 2000)})  # 0.5%: too many
    assert not kept(tune.tune(shared, write=False))
