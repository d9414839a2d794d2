"""The HuffPost board, as a fan would read it: build it, sample rows, and score hand judgments.

    python -m training.board build DB            ingest every non-reserved HuffPost ENTERTAINMENT item
    python -m training.board sample DB [--n 60]  print a seeded random sample of board rows with their evidence
    python -m training.board unjudged DB         the sampled rows whose judgment no longer applies
    python -m training.board score DB            precision of the sample by tests/board/judgments.json

A row is judged against its articles' text: ``right`` (title, season, kind, platforms and best window
all right), ``partly`` (a real release, some field wrong) or ``garbage`` (no such release). A judgment
holds the row's signature; when the board changes a row, its judgment no longer applies and the row
must be judged again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from training.corpus import DEFAULT_SHARED, ROOT, reserved_keys, shared_missing

JUDGMENTS = ROOT / "tests" / "board" / "judgments.json"
TODAY = "2022-09-30"  # the week after the corpus's last item: the board as it stood then
SEED = 2026
HUFFPOST = Path("corpora/huffpost-news-category-v3-subset/News_Category_Dataset_v3.first9999.jsonl")


def texts(shared: Path, out: Path) -> int:
    """Every non-reserved HuffPost ENTERTAINMENT item as an article file, as the gold was annotated."""
    from training.corpus import _load_dev_materialize

    dev = _load_dev_materialize()
    reserved = reserved_keys(shared)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for i, line in enumerate((shared / HUFFPOST).read_text(encoding="utf-8").split("\n")):
        if not line.strip():
            continue
        item = json.loads(line)
        if item["category"] != "ENTERTAINMENT" or ("huffpost", str(i)) in reserved:
            continue
        gold = {"corpus": "huffpost", "index": i, "published": item["date"], "article": f"p{i}.txt"}
        (out / gold["article"]).write_text(dev.build_text(shared, gold), encoding="utf-8")
        n += 1
    return n


def build(db: Path, shared: Path = DEFAULT_SHARED) -> int:
    with tempfile.TemporaryDirectory(prefix="airdate-board-") as tmp:
        n = texts(shared, Path(tmp))
        subprocess.run([sys.executable, "-m", "airdate.cli", "ingest", tmp, "--db", str(db)], check=True,
                       capture_output=True)
    return n


def board(db: Path) -> list[dict[str, Any]]:
    run = subprocess.run(
        [sys.executable, "-m", "airdate.cli", "list", "--db", str(db), "--all", "--limit", "0", "--json", "--today", TODAY],
        check=True, capture_output=True, text=True,
    )
    return json.loads(run.stdout)


def signature(row: dict[str, Any]) -> str:
    """What a judgment is about: the row as the board shows it."""
    best = row.get("best") or {}
    shown = [row["title"], row.get("season"), row.get("part"), row.get("kind"), sorted(row.get("platforms") or []),
             best.get("start"), best.get("end"), row.get("status")]
    return hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()[:16]


def evidence(db: Path, release_id: int) -> list[dict[str, str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT a.path, a.published, a.headline, a.text FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.release_id = ? ORDER BY a.published", (release_id,),
        ).fetchall()
    finally:
        con.close()
    return [{"article": Path(p).name, "published": d, "headline": h, "text": t} for p, d, h, t in rows]


def sample(db: Path, n: int = 60, seed: int = SEED) -> list[dict[str, Any]]:
    rows = board(db)
    picked = sorted(random.Random(seed).sample(range(len(rows)), min(n, len(rows))))
    out = []
    for i in picked:
        row = rows[i]
        best = row.get("best") or {}
        out.append({
            "signature": signature(row), "title": row["title"], "season": row.get("season"), "part": row.get("part"),
            "kind": row.get("kind"), "platforms": row.get("platforms"), "status": row.get("status"),
            "best": {k: best.get(k) for k in ("text", "start", "end", "certainty")} if best else None,
            "evidence": evidence(db, row["id"]),
        })
    return out


def score(db: Path) -> dict[str, Any]:
    judged = {j["signature"]: j for j in json.loads(JUDGMENTS.read_text())["rows"]}
    rows = sample(db)
    verdicts = [judged[r["signature"]]["verdict"] if r["signature"] in judged else None for r in rows]
    counted = [v for v in verdicts if v]
    return {
        "rows": len(rows), "judged": len(counted), "unjudged": [r["title"] for r, v in zip(rows, verdicts, strict=True) if not v],
        "right": counted.count("right"), "partly": counted.count("partly"), "garbage": counted.count("garbage"),
        "precision": counted.count("right") / len(counted) if counted else 0.0,
        "board_rows": len(board(db)),
    }


def unjudged(db: Path) -> list[dict[str, Any]]:
    """The sampled rows that have no judgment for what the board shows now."""
    judged = {j["signature"] for j in json.loads(JUDGMENTS.read_text())["rows"]}
    return [r for r in sample(db) if r["signature"] not in judged]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("build", "sample", "unjudged", "score"))
    ap.add_argument("db", type=Path)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args(argv)
    if args.command == "build":
        if shared_missing(args.shared):
            return 2
        print(f"ingested {build(args.db, args.shared)} HuffPost entertainment items into {args.db}")
    elif args.command == "sample":
        print(json.dumps(sample(args.db, args.n), indent=1, ensure_ascii=False))
    elif args.command == "unjudged":
        print(json.dumps(unjudged(args.db), indent=1, ensure_ascii=False))
    else:
        print(json.dumps(score(args.db), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def duplicates(rows: list[dict[str, Any]], shared: Path = DEFAULT_SHARED) -> list[tuple[str, str]]:
    """Pairs of board rows that show one release twice: the same title by the shared scorer's rule,
    and the same season (or one of them without a season)."""
    from training.build import load_scorer

    scorer = load_scorer(shared)
    out = []
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            same_season = a.get("season") == b.get("season") or a.get("season") is None or b.get("season") is None
            if same_season and a.get("part") == b.get("part") and scorer.same_title(a["title"], b["title"]):
                out.append((f"{a['title']} S{a.get('season')}", f"{b['title']} S{b.get('season')}"))
    return out
