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
    # every other headline and HuffPost item: the corpora's sizes less the annotated and reserved ones
    assert seen["headlines-other"] == 10037 - 1075
    assert 6000 < seen["huffpost-other"] < 8403
