"""The shipped models: what `make model` wrote, loadable offline, and retrainable from the repo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from airdate.errors import ExtractionError
from airdate.extract import learned
from airdate.extract.pipeline import Extractor
from airdate.sources.text import parse_text
from training.train import MODELS, version_tag

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_models_are_the_ones_their_version_names() -> None:
    # VERSION is a hash of the weights `make model` copied in: a hand-edited model fails here.
    assert (MODELS / "VERSION").read_text().strip() == version_tag(MODELS)
    assert learned.available()
    size = sum(p.stat().st_size for p in MODELS.rglob("*") if p.is_file())
    assert size < 40 * 2**20  # small enough to ship as package data


def test_the_gate_tells_release_news_from_other_news() -> None:
    about = learned.gate_score(
        "'Harbor Lights' Season 3 Gets January Premiere Date on Netflix",
        "Netflix confirmed the drama returns for its third season on January 14, with Marisol Vega-Hart back as Nell.",
    )
    other = learned.gate_score(
        "Senate Passes Budget Bill After Late-Night Vote",
        "The measure now goes to the House, where leaders expect a vote next week on the spending plan.",
    )
    assert about >= 0.5 > other  # the release item is likely, the budget story is not
    assert about >= learned.thresholds()["gate"]


def test_the_title_spotter_finds_an_unquoted_title_in_prose() -> None:
    spans = learned.title_spans(["Filming on season two of Marrow Bay wrapped in Halifax last month."])
    assert spans is not None
    found = ["Filming on season two of Marrow Bay wrapped in Halifax last month."[a:z] for a, z in spans[0]]
    assert "Marrow Bay" in found


def test_modes_and_their_errors() -> None:
    article = parse_text(" date 2026-02-01 'Quiet Hours' Renewed for Season 2 at Apple TV+\n\nThe drama returns in 2027.",
                         label="t")
    for mode in learned.MODES:
        releases = Extractor(mode).extract(article).releases
        assert [(r.title, r.season) for r in releases] == [("Quiet Hours", 2)], mode
    with pytest.raises(ExtractionError, match="unknown extractor mode"):
        Extractor("neural")


def test_smoke_training_runs_from_the_repository(shared: Path) -> None:
    """`python -m training.train --smoke`: every step of `make model`, a few updates each, nothing shipped."""
    before = (MODELS / "VERSION").read_text()
    run = subprocess.run([sys.executable, "-m", "training.train", "--smoke", "--shared", str(shared)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "smoke: judge trained" in run.stdout and "smoke: gate trained" in run.stdout
    assert (MODELS / "VERSION").read_text() == before


def test_the_cast_tagger_finds_actors_and_their_roles() -> None:
    text = "Tasha Bellweather is back as Dr. Lena Corbin, and newcomer Kiki Okonjo joins as a Coast Guard officer."
    spans = learned.cast_spans([text])[0]
    found = {(text[a:z], label) for a, z, label in spans}
    assert ("Tasha Bellweather", "ACTOR") in found
    assert ("Kiki Okonjo", "ACTOR") in found
    assert not any(label == "ACTOR" and "Lena" in name for name, label in found)


def test_cast_modes_and_their_errors() -> None:
    # Prose the rules' patterns do not cover: the tagger adds the pair.
    article = parse_text(
        " date 2026-03-01 'Quiet Hours' Season 2 Gets a Date\n\n"
        "Apple TV+ confirmed that Quiet Hours returns on May 8. The heroine, Nell Darrow, is played once more by "
        "the Welsh newcomer Carys Pritchard-Owen, now 24.",
        label="t",
    )
    rules = Extractor(cast="rules").extract(article).releases
    both = Extractor(cast="hybrid").extract(article).releases
    assert [m.actor for r in rules for m in r.cast] == []
    assert [(m.actor, m.character) for r in both for m in r.cast] == [("Carys Pritchard-Owen", "Nell Darrow")]
    with pytest.raises(ExtractionError, match="unknown cast mode"):
        Extractor(cast="neural")


def test_a_failed_training_run_names_its_report(tmp_path: Path) -> None:
    """Side by side, each run reports to its own log; a run that fails is named with the log's path."""
    from training.train import TrainingFailed, train_many

    with pytest.raises(TrainingFailed, match=r"training gate failed .*gate\.log"):
        train_many([("gate", False)], tmp_path / "no-data", tmp_path / "out", jobs=2, steps=2)
    assert "gate-train.spacy" in (tmp_path / "out" / "gate.log").read_text()
