"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Child processes (`python -m airdate.cli`, the `airdate` script, serve, watch, a killed ingest)
# import the code under test: put this checkout first on their path, ahead of whatever checkout
# the editable install points at (in a git worktree, that is another branch's code).
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repository (seeds, corpora); tests that need it skip without it."""
    path = Path(__file__).resolve().parents[2] / "shared"
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared seeds and corpora live beside the repository)")
    return path
