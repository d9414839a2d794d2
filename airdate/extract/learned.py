"""The statistical parts of the extractor, trained by ``make model`` and shipped as package data.

- the **gate** (a spaCy ``textcat_multilabel``, label ``RELEASE``): does this article discuss
  an upcoming or just-released film or series at all? Text below its threshold yields no
  releases and costs almost nothing.
- the **title spotter** (a small CNN ``ner``, label ``TITLE``): release titles in prose, quoted
  or not, that the rules' title patterns miss; they become candidates like the rules' own.
- the **cast tagger** (the same small CNN ``ner``, labels ``ACTOR`` and ``CHARACTER``): the
  actors the article ties to a release and the roles they play, in sentences that carry a
  casting word; ``cast.pairs_from_spans`` pairs them and the rules' own finds come first.
- the **judge** (``textcat_multilabel``, labels ``RELEASE`` and ``FILM``): for each title the
  rules found, is it a release the article reports, and is it a film? It reads the rules'
  signals (``sig_has_window``, ``ev_renewed``, ``rule_yes`` …) and the sentences that name the
  title, with the title masked as ``TTL`` and other titles as ``OTL``.

Thresholds are chosen on the dev split by ``training/tune.py`` and stored beside the models in
``airdate/data/models/thresholds.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from airdate.errors import ExtractionError

MODES = ("rules", "model", "hybrid")
DEFAULT_THRESHOLDS = {"gate": 0.2, "judge": 0.5, "judge_rule": 0.2, "film": 0.5}
# The article shapes (pipeline._article_signals) that may carry their own judge thresholds,
# "judge_short", "judge_rule_short" …: a bare headline, a short item and a long piece differ in
# how often a title they name is a release.
SHAPES = ("headline", "short", "mid", "long")
# The gate's threshold may differ by length ("gate_short" …): a long article has many paragraphs to
# score well on by chance, so the same threshold lets far more release-free pages through.
GATE_SHAPES = ("short", "mid", "long")


def gate_shape(text: str) -> str:
    """short (a headline or an item under 120 words), mid (up to 400) or long."""
    words = len(text.split())
    return "short" if words < 120 else "mid" if words <= 400 else "long"
# The gate reads the headline and the opening, piece by piece: a piece is a paragraph (short ones joined
# to reach PIECE_CHARS), the first one with the headline, and the article scores as its best piece.
GATE_CHARS = 6000
GATE_PIECES = 12
PIECE_CHARS = 400


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
    known = set(DEFAULT_THRESHOLDS) | {f"{k}_{s}" for k in ("judge", "judge_rule") for s in SHAPES}
    known |= {f"gate_{s}" for s in GATE_SHAPES}
    return {**DEFAULT_THRESHOLDS, **{k: float(v) for k, v in found.items() if k in known}}


def model_version() -> str:
    """A short tag for the shipped models, so `reextract` sees a retrained model as a new extractor."""
    path = models_dir() / "VERSION"
    return path.read_text().strip() if path.exists() else "none"


def available() -> bool:
    return all((models_dir() / n / "config.cfg").exists() for n in ("gate", "judge"))


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")
WORDS_FILE = "words.txt"  # beside the models: the common words, written by `make model`


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words the training prose writes in lower case (``training.build.build_words``): a capitalised
    word among them is an ordinary word ("Wraps", "Filming"), not a name or a title's own word."""
    path = models_dir() / WORDS_FILE
    return frozenset(path.read_text().split()) if path.exists() else frozenset()


@lru_cache(maxsize=1)
def _kept_names() -> frozenset[str]:
    """Capitalised words the models still read: common words, platforms, months, weekdays, release
    words and the judge's own markers."""
    from airdate.extract.platforms import GAZETTEER

    words = {w.lower() for names in GAZETTEER.values() for n in names for w in _WORD.findall(n)}
    words |= set(
        "january february march april may june july august september october november december jan feb mar apr "
        "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday season series "
        "part volume episode trailer teaser premiere film movie ttl otl".split()
    )
    return frozenset(words) | common_words()


def mask_names(text: str) -> str:
    """The text with every capitalised word that is not a common word as ``Xx`` and digits as ``0``.

    Names and invented titles are what an unseen article never shares with the training set; a
    model that reads them memorises its training articles. On held-out long-form articles the gate
    let 57% through unmasked and 82% masked."""
    kept = _kept_names()

    def mask(m: re.Match[str]) -> str:
        w = m.group(0)
        if w[0].isdigit():
            return "0" * min(len(w), 4)
        low = w.lower()
        return low if not w[0].isupper() or low in kept else "Xx"

    return _WORD.sub(mask, text)


def gate_pieces(title: str | None, text: str, masked: bool = True) -> list[str]:
    """What the gate reads: the headline with the first paragraph, then each later paragraph of the
    opening (short ones joined), names masked (`mask_names`) unless `masked` is false.

    A long article is about many things; the paragraph that announces a release is what tells, and a
    model trained on paragraphs has far more examples to learn from than one trained on articles."""
    pieces: list[str] = []
    current = (title or "").strip()
    for para in re.split(r"\n+", text[:GATE_CHARS]):
        para = para.strip()
        if not para or (not pieces and para == current):
            continue
        current = f"{current}\n{para}" if current else para
        if len(current) >= PIECE_CHARS:
            pieces.append(current)
            current = ""
            if len(pieces) == GATE_PIECES:
                break
    if current and len(pieces) < GATE_PIECES:
        pieces.append(current)
    pieces = pieces or [""]
    return [mask_names(p) for p in pieces] if masked else pieces


def gate_passes(title: str | None, text: str) -> bool:
    """Does the article pass the gate at the threshold for its length?"""
    t = thresholds()
    return gate_score(title, text) >= t.get(f"gate_{gate_shape(text)}", t["gate"])


def gate_score(title: str | None, text: str) -> float:
    """The article's gate score: its best piece's."""
    return max(float(d.cats.get("RELEASE", 0.0)) for d in _load("gate").pipe(gate_pieces(title, text)))


def title_spans(blocks: list[str], nlp: Any = None) -> list[list[tuple[int, int]]] | None:
    """TITLE spans (character offsets) the title model finds in each block; None without the model."""
    if nlp is None:
        if not (models_dir() / "titles" / "config.cfg").exists():
            return None
        nlp = _load("titles")
    return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "TITLE"] for doc in nlp.pipe(blocks)]


def cast_available() -> bool:
    return (models_dir() / "cast" / "config.cfg").exists()


def cast_spans(texts: list[str], nlp: Any = None) -> list[list[tuple[int, int, str]]]:
    """ACTOR and CHARACTER spans (character offsets, label) the cast tagger finds in each text."""
    nlp = nlp if nlp is not None else _load("cast")
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def judge_text(signals: tuple[str, ...], context: list[str], extra: tuple[str, ...] = ()) -> str:
    """What the judge reads: the rules' signals, then the sentences naming the title, names masked."""
    return " ".join((*signals, *extra)) + "\n" + mask_names("\n".join(context[:8]))


@dataclass(frozen=True)
class Verdict:
    release: float
    film: float


def judge(texts: list[str]) -> list[Verdict]:
    nlp = _load("judge")
    return [Verdict(float(d.cats.get("RELEASE", 0.0)), float(d.cats.get("FILM", 0.0))) for d in nlp.pipe(texts)]
