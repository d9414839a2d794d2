"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests that start airdate as a process (serve, watch, the console script, a killed ingest) must run
# this checkout's code, also when the interpreter's editable install points at another checkout
# (a git worktree beside the main one): the children find this checkout first on their path.
_ROOT = Path(__file__).resolve().parents[1]
os.environ["PYTHONPATH"] = os.pathsep.join([str(_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repository (seeds, corpora); tests that need it skip without it."""
    path = Path(__file__).resolve().parents[2] / "shared"
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared seeds and corpora live beside the repository)")
    return path
