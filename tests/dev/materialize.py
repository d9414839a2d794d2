"""Rebuild the dev-set article texts from the shared corpora.

The project keeps only the gold annotations (``tests/dev/gold/``) and the item indexes they
carry; the real news text stays in the shared folder. ``materialize`` reads every gold file,
builds its article text exactly as the annotator saw it, and lays both out for the scorer::

    OUT/<corpus>/<article>        article text
    OUT/<corpus>-gold/<name>.json gold annotation (copied unchanged)

Run ``python tests/dev/materialize.py OUTDIR [--shared PATH]``; see ``tests/dev/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"
DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"

HEADLINES = Path("corpora/fwd-news-headlines/headlines.json")
HUFFPOST = Path("corpora/huffpost-news-category-v3-subset/News_Category_Dataset_v3.first9999.jsonl")
NEWSPAPER3K = Path("corpora/news-html/newspaper3k/text")
SCRAPINGHUB = Path("corpora/news-html/scrapinghub-aeb/ground-truth.json")


@cache
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _dated(published: str | None, body: str) -> str:
    """Prefix the ` date YYYY-MM-DD` line the extractor reads its DCT from, when there is one."""
    body = body.rstrip("\n") + "\n"
    return f" date {published}\n\n{body}" if published else body


def _check_dct(gold: dict[str, Any], dct: str) -> None:
    if gold.get("published") != dct:
        raise ValueError(
            f"{gold['article']}: gold published {gold.get('published')!r} but the corpus says {dct!r}"
        )


def _headline(shared: Path, gold: dict[str, Any]) -> str:
    """` date YYYY-MM-DD <headline>`; the date is the item's "published" day."""
    item = _json(shared / HEADLINES)[int(gold["index"])]
    dct = dt.datetime.strptime(item["published"], "%B %d, %Y %I:%M %p").date().isoformat()
    _check_dct(gold, dct)
    return f" date {dct} {item['title']}\n"


def _huffpost(shared: Path, gold: dict[str, Any]) -> str:
    """` date <date> <headline>`, a blank line, then the short description."""
    item = json.loads(_lines(shared / HUFFPOST)[int(gold["index"])])
    _check_dct(gold, item["date"])
    return f" date {item['date']} {item['headline']}\n\n{item['short_description']}\n"


def _newspaper3k(shared: Path, gold: dict[str, Any]) -> str:
    """newspaper3k's expected text of the page, dated when the gold found a date in the HTML."""
    body = (shared / NEWSPAPER3K / f"{gold['index']}.txt").read_text(encoding="utf-8")
    return _dated(gold.get("published"), body)


def _scrapinghub(shared: Path, gold: dict[str, Any]) -> str:
    """The benchmark's ground-truth articleBody, keyed by the page's sha256."""
    body = _json(shared / SCRAPINGHUB)[gold["index"]]["articleBody"]
    return _dated(gold.get("published"), body)


BUILDERS: dict[str, Callable[[Path, dict[str, Any]], str]] = {
    "headlines": _headline,
    "huffpost": _huffpost,
    "newspaper3k": _newspaper3k,
    "scrapinghub": _scrapinghub,
}


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """Every gold annotation of the dev set, in a stable order."""
    return sorted(gold_dir.rglob("*.json"))


def build_text(shared: Path, gold: dict[str, Any]) -> str:
    """The article text one gold file was annotated on."""
    try:
        builder = BUILDERS[gold["corpus"]]
    except KeyError:
        raise ValueError(f"{gold.get('article')}: unknown corpus {gold.get('corpus')!r}") from None
    return builder(shared, gold)


def materialize(
    shared: Path,
    out: Path,
    gold_dir: Path = GOLD_DIR,
    corpora: tuple[Path, ...] = (HEADLINES, HUFFPOST, NEWSPAPER3K, SCRAPINGHUB),
) -> list[Path]:
    """Write every article of a gold set under ``out/<corpus>/`` and its gold under ``out/<corpus>-gold/``.

    Returns the paths of the written article texts. Raises FileNotFoundError when ``shared``
    (or a corpus in it) is missing, so tests can skip where the shared folder is not mounted.
    """
    shared, out = Path(shared), Path(out)
    missing = [p for p in corpora if not (shared / p).exists()]
    if missing:
        raise FileNotFoundError(
            f"shared corpora not found under {shared} (missing {missing[0]}); pass --shared PATH"
        )
    written: list[Path] = []
    for gold_path in gold_files(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = build_text(shared, gold)
        corpus = gold["corpus"]
        text_path = out / corpus / gold["article"]
        text_path.parent.mkdir(parents=True, exist_ok=True)
        text_path.write_text(text, encoding="utf-8")
        gold_out = out / f"{corpus}-gold"
        gold_out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gold_path, gold_out / gold_path.name)
        written.append(text_path)
    return written


def main(argv: list[str] | None = None, gold_dir: Path = GOLD_DIR, name: str = "dev-set") -> int:
    ap = argparse.ArgumentParser(description=f"Write the airdate {name} articles and gold into OUTDIR.")
    ap.add_argument("outdir", type=Path, help="folder to write <corpus>/ and <corpus>-gold/ into")
    ap.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"the shared folder holding corpora/ (default: {DEFAULT_SHARED})",
    )
    args = ap.parse_args(argv)
    try:
        paths = materialize(args.shared, args.outdir, gold_dir)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    corpora = sorted({p.parent.name for p in paths})
    print(f"wrote {len(paths)} articles to {args.outdir} ({', '.join(corpora)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
