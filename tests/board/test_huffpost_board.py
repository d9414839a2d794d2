"""The HuffPost board as a fan reads it: hand-judged rows, precision and duplicates.

Every non-reserved HuffPost ENTERTAINMENT item is ingested into a real SQLite file with the
shipped extractor (training/board.py); 60 rows drawn with a fixed seed are looked up in the hand
judgments (tests/board/judgments.json). A row the board now shows differently has no judgment
and must be judged again (`python -m training.board sample DB`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.board import board, build, duplicates, score

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "quality_floors.json").read_text())["board"]


@pytest.fixture(scope="module")
def db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("board") / "huffpost.db"
    assert build(path, shared) > 1000
    return path


def test_sampled_rows_are_judged_and_mostly_right(db: Path) -> None:
    s = score(db)
    print(f"board: {s['board_rows']} rows; sample {s['rows']}: {s['right']} right, {s['partly']} partly wrong, "
          f"{s['garbage']} garbage, {len(s['unjudged'])} not judged; precision {s['precision']:.2f}")
    assert s["judged"] >= 0.9 * s["rows"], f"the board changed; judge these rows again: {s['unjudged']}"
    assert s["precision"] >= FLOORS["precision"]


def test_few_releases_are_shown_twice(db: Path, shared: Path) -> None:
    rows = board(db)
    dups = duplicates(rows, shared)
    print(f"{len(dups)} duplicate pairs in {len(rows)} rows: {dups}")
    assert len(dups) / len(rows) <= FLOORS["duplicate_share_max"]
