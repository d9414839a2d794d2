"""The statistical parts of the extractor, trained by ``make model`` and shipped as package data.

- the **gate** (a spaCy ``textcat_multilabel``, label ``RELEASE``): does this article discuss
  an upcoming or just-released film or series at all? Text below its threshold yields no
  releases and costs almost nothing.
- the **title spotter** (a small CNN ``ner``, label ``TITLE``): release titles in prose, quoted
  or not, that the rules' title patterns miss; they become candidates like the rules' own.
- the **judge** (``textcat_multilabel``, labels ``RELEASE`` and ``FILM``): for each title the
  rules found, is it a release the article reports, and is it a film? It reads the rules'
  signals (``sig_has_window``, ``ev_renewed``, ``rule_yes`` …) and the sentences that name the
  title, with the title masked as ``TTL`` and other titles as ``OTL``.

Thresholds are chosen on the dev split by ``training/tune.py`` and stored beside the models in
``airdate/data/models/thresholds.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from airdate.errors import ExtractionError

MODES = ("rules", "model", "hybrid")
DEFAULT_THRESHOLDS = {"gate": 0.2, "judge": 0.5, "judge_rule": 0.2, "film": 0.5}
GATE_CHARS = 6000  # the gate reads the headline and the opening; enough to tell the topic


def models_dir() -> Path:
    return Path(str(resources.files("airdate") / "data" / "models"))


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    import spacy

    path = models_dir() / name
    if not (path / "config.cfg").exists():
        raise ExtractionError(f"the {name} model is missing from {path}; run `make model` to train it")
    return spacy.load(path)


@lru_cache(maxsize=1)
def thresholds() -> dict[str, float]:
    path = models_dir() / "thresholds.json"
    found = json.loads(path.read_text()) if path.exists() else {}
    return {**DEFAULT_THRESHOLDS, **{k: float(v) for k, v in found.items() if k in DEFAULT_THRESHOLDS}}


def model_version() -> str:
    """A short tag for the shipped models, so `reextract` sees a retrained model as a new extractor."""
    path = models_dir() / "VERSION"
    return path.read_text().strip() if path.exists() else "none"


def available() -> bool:
    return all((models_dir() / n / "config.cfg").exists() for n in ("gate", "judge"))


def gate_text(title: str | None, text: str) -> str:
    return f"{title or ''}\n{text[:GATE_CHARS]}"


def gate_score(title: str | None, text: str) -> float:
    doc = _load("gate")(gate_text(title, text))
    return float(doc.cats.get("RELEASE", 0.0))


def title_spans(blocks: list[str], nlp: Any = None) -> list[list[tuple[int, int]]] | None:
    """TITLE spans (character offsets) the title model finds in each block; None without the model."""
    if nlp is None:
        if not (models_dir() / "titles" / "config.cfg").exists():
            return None
        nlp = _load("titles")
    return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "TITLE"] for doc in nlp.pipe(blocks)]


def judge_text(signals: tuple[str, ...], context: list[str], extra: tuple[str, ...] = ()) -> str:
    return " ".join((*signals, *extra)) + "\n" + "\n".join(context[:8])


@dataclass(frozen=True)
class Verdict:
    release: float
    film: float


def judge(texts: list[str]) -> list[Verdict]:
    nlp = _load("judge")
    return [Verdict(float(d.cats.get("RELEASE", 0.0)), float(d.cats.get("FILM", 0.0))) for d in nlp.pipe(texts)]
