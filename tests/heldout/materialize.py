"""Rebuild the held-out article texts from the shared corpora.

A thin wrapper around ``tests/dev/materialize.py``: the article texts are built by the very same
code (``build_text``), only the gold annotations are read from ``tests/heldout/gold/``. Output::

    OUT/<corpus>/<article>        article text
    OUT/<corpus>-gold/<name>.json gold annotation (copied unchanged)

Run ``python tests/heldout/materialize.py OUTDIR [--shared PATH]``; see ``tests/heldout/README.md``.
"""

from __future__ import annotations

import importlib.util
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


def materialize(shared: Path, out: Path) -> list[Path]:
    """Write every held-out article under ``out/<corpus>/`` and its gold under ``out/<corpus>-gold/``."""
    result: list[Path] = _dev.materialize(shared, out, GOLD_DIR, CORPORA)
    return result


if __name__ == "__main__":
    sys.exit(_dev.main(gold_dir=GOLD_DIR, name="held-out"))
