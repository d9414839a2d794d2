"""Fixtures for the sources tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from airdate.settings import Settings


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures/sources: small saved articles, pages and feeds."""
    return Path(__file__).resolve().parents[1] / "fixtures" / "sources"


@pytest.fixture
def settings() -> Settings:
    return Settings()
