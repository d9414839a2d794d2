"""Every hand-annotated article the project has, with its text and a fixed split.

Gold lives in the repository; real news text stays in ``../shared`` and is rebuilt by
item index (``tests/dev/materialize.py``). Articles the project wrote itself
(``tests/corpus/longform``, ``tests/fixtures/articles``) are read from the repository.

Splits are fixed by a hash of the item (``corpus:index``): 70% train, 15% dev, 15% test.
Two exceptions keep evaluation honest: the old dev set and the fixtures were used to tune
the rules, so they are never test (a test hash puts them in dev); the old held-out set was
never tuned on, so it is always test; so are the items ``../shared/corpora/RESERVED.json`` keeps
for evaluation (``tests/reserved``): annotated only to report figures, never read by training;
and so are the long-form articles of the writers who came last (``tests/corpus/writers``), a
set of their own in the figures, as the hidden sets of other writers' articles are.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DEFAULT_SHARED = ROOT.parent / "shared"
Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")


def split_of(corpus: str, index: object) -> Split:
    """The split an item belongs to, from a hash of ``corpus:index`` (stable across machines)."""
    h = int.from_bytes(hashlib.sha256(f"{corpus}:{index}".encode()).digest()[:8], "big") % 20
    return "train" if h < 14 else "dev" if h < 17 else "test"


def _load_dev_materialize() -> ModuleType:
    name = "_airdate_dev_materialize"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TESTS / "dev" / "materialize.py")
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError("tests/dev/materialize.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Item:
    """One annotated article: where it comes from, its split, its text and its gold."""

    key: str  # "huffpost:1234", "longform:a01-…", "fixtures:005-…"
    corpus: str  # headlines, huffpost, newspaper3k, scrapinghub, longform, fixtures
    origin: str  # dev, heldout, corpus, reserved, writers, fixtures: the folder the gold came from
    split: Split
    text: str
    gold: dict[str, Any]

    @property
    def article(self) -> str:
        return str(self.gold["article"])


# Where gold lives, and how its split is decided.
SOURCES: tuple[tuple[str, Path], ...] = (
    ("dev", TESTS / "dev" / "gold"),
    ("heldout", TESTS / "heldout" / "gold"),
    ("corpus", TESTS / "corpus" / "gold"),
    ("reserved", TESTS / "reserved" / "gold"),
    ("writers", TESTS / "corpus" / "writers" / "gold"),
)
LONGFORM = TESTS / "corpus" / "longform"
FIXTURES = TESTS / "fixtures" / "articles"


def _split(origin: str, corpus: str, index: object) -> Split:
    s = split_of(corpus, index)
    if origin in ("heldout", "reserved", "writers"):
        return "test"
    if origin in ("dev", "fixtures") and s == "test":
        return "dev"  # tuned on by the rules: never a test item
    return s


def reserved_keys(shared: Path = DEFAULT_SHARED) -> set[tuple[str, str]]:
    """(corpus, index) of every item ``RESERVED.json`` keeps for evaluation."""
    path = Path(shared) / "corpora" / "RESERVED.json"
    if not path.exists():
        return set()
    r = json.loads(path.read_text(encoding="utf-8"))
    keys = {("huffpost", str(i)) for i in r.get("huffpost", [])}
    keys |= {("headlines", str(i)) for i in r.get("fwd-news-headlines", [])}
    for page in r.get("news-html", []):
        corpus = "scrapinghub" if page.startswith("scrapinghub") else "newspaper3k"
        keys.add((corpus, Path(page).name.split(".html")[0]))
    return keys


def items(shared: Path = DEFAULT_SHARED, *, include_shared: bool = True) -> Iterator[Item]:
    """Every annotated article, in a stable order. Real-news items need ``shared``.

    An item ``RESERVED.json`` lists is test whatever folder its gold is in (four old dev
    pages turned out to be reserved): it is never trained or tuned on.
    """
    dev = _load_dev_materialize() if include_shared else None
    reserved = reserved_keys(shared)
    for origin, root in SOURCES:
        for path in sorted(root.rglob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            corpus = gold.get("corpus", "")
            if corpus == "longform":
                text = (LONGFORM / gold["article"]).read_text(encoding="utf-8")
            elif dev is None:
                continue
            else:
                text = dev.build_text(Path(shared), gold)
            split = "test" if (corpus, str(gold["index"])) in reserved else _split(origin, corpus, gold["index"])
            yield Item(f"{corpus}:{gold['index']}", corpus, origin, split, text, gold)
    for path in sorted(FIXTURES.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (FIXTURES / gold["article"]).read_text(encoding="utf-8")
        gold = {**gold, "corpus": "fixtures", "index": path.stem}
        yield Item(f"fixtures:{path.stem}", "fixtures", "fixtures", _split("fixtures", "fixtures", path.stem), text, gold)


def shared_available(shared: Path = DEFAULT_SHARED) -> bool:
    return (Path(shared) / "corpora" / "huffpost-news-category-v3-subset").is_dir()


def shared_missing(shared: Path) -> bool:
    """For the training commands: True, after the one-line error, when the shared corpora are not there."""
    if shared_available(shared):
        return False
    print(f"error: shared corpora not found under {shared}; pass --shared PATH", file=sys.stderr)
    return True
