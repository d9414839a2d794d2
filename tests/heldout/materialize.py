"""Rebuild the held-out article texts from the shared corpora.

A thin wrapper around ``tests/dev/materialize.py``: the article texts are built by the very same
code (``build_text``), only the gold annotations are read from ``tests/heldout/gold/``. Output::

    OUT/<corpus>/<article>        article text
    OUT/<corpus>-gold/<name>.json gold annotation (copied unchanged)

Run ``python tests/heldout/materialize.py OUTDIR [--shared PATH]``; see ``tests/heldout/README.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"


def _load_dev() -> ModuleType:
    """Import ``tests/dev/materialize.py`` under a private name (no clash with a plain ``materialize``)."""
    name = "_airdate_dev_materialize"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE.parent / "dev" / "materialize.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/dev/materialize.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_dev = _load_dev()
DEFAULT_SHARED: Path = _dev.DEFAULT_SHARED
CORPORA: tuple[Path, ...] = (_dev.HEADLINES, _dev.HUFFPOST)
build_text = _dev.build_text


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """Every gold annotation of the held-out set, in a stable order."""
    return sorted(gold_dir.rglob("*.json"))


def materialize(shared: Path, out: Path) -> list[Path]:
    """Write every held-out article under ``out/<corpus>/`` and its gold under ``out/<corpus>-gold/``.

    Returns the paths of the written article texts. Raises FileNotFoundError when ``shared``
    (or a corpus in it) is missing, and ValueError when a gold file's ``published`` disagrees
    with the corpus, exactly as the dev-set version does.
    """
    shared, out = Path(shared), Path(out)
    missing = [p for p in CORPORA if not (shared / p).exists()]
    if missing:
        raise FileNotFoundError(
            f"shared corpora not found under {shared} (missing {missing[0]}); pass --shared PATH"
        )
    written: list[Path] = []
    for gold_path in gold_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text: str = build_text(shared, gold)
        corpus = gold["corpus"]
        text_path = out / corpus / gold["article"]
        text_path.parent.mkdir(parents=True, exist_ok=True)
        text_path.write_text(text, encoding="utf-8")
        gold_out = out / f"{corpus}-gold"
        gold_out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gold_path, gold_out / gold_path.name)
        written.append(text_path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the airdate held-out articles and gold into OUTDIR.")
    ap.add_argument("outdir", type=Path, help="folder to write <corpus>/ and <corpus>-gold/ into")
    ap.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"the shared folder holding corpora/ (default: {DEFAULT_SHARED})",
    )
    args = ap.parse_args(argv)
    try:
        paths = materialize(args.shared, args.outdir)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    corpora = sorted({p.parent.name for p in paths})
    print(f"wrote {len(paths)} articles to {args.outdir} ({', '.join(corpora)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
