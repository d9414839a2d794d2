"""A flood about one release (issue 11): thousands of articles through the real store, then `airdate show`.

The articles are benchmarks/flood.py's synthetic ones, read by its stand-in extractor (the
[claim …] each article carries), so the test is about the store and the rules, not spaCy.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A watchdog against a blow-up, not a timing: each step takes 1-3 s here (more on a loaded
# 2-core machine), while the pairwise rules reconcile replaced (tests/reconcile_reference.py)
# took over a minute to ingest 1,000 such articles and grow as n² to n³, so far past the bound at N.
HANG_BOUND = 120.0  # seconds of wall clock per child process
N = 3000

INGEST = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import flood
    from airdate.ingest import ingest
    from airdate.settings import Settings
    from airdate.store import open_store

    work, shape, n = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    sources = flood.write_articles(work / "articles", shape, n)
    with open_store(work / "flood.db") as store:
        tally = ingest(store, sources, flood.StandIn(), Settings())
    print(tally.done, tally.failed)
    """
)


def run(args: list[str], what: str) -> str:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=HANG_BOUND, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish in {HANG_BOUND:g} s (a blow-up: reconcile pairwise again?)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["feed", "undated", "years"])
def test_flood_of_one_release_ingests_and_shows(tmp_path: Path, shape: str) -> None:
    out = run(
        [sys.executable, "-c", INGEST, str(ROOT / "benchmarks"), str(tmp_path), shape, str(N)], "ingest"
    )
    assert out.split() == [str(N), "0"]
    db = tmp_path / "flood.db"
    show = [sys.executable, "-m", "airdate.cli", "show", "Flood Show", "--season", "2", "--db", str(db)]
    sheet = json.loads(run([*show, "--today", "2026-11-24", "--json"], "airdate show"))
    assert len(sheet["windows"]) == N
    assert sheet["best"] is not None
    text = run([*show, "--today", "2026-11-24"], "airdate show")
    assert text.startswith("Flood Show")
