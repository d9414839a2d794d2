"""Fixtures for the web tests: the demo corpus ingested into a real SQLite file, and the app over it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from airdate.extract.pipeline import Extractor
from airdate.ingest import ingest
from airdate.settings import Settings
from airdate.store import open_store
from airdate.views.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"
TODAY = date(2026, 11, 24)  # the demo's articles run to 2026-11-19


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def ingest_folder(db: Path, folder: Path, extractor: Extractor) -> Path:
    with open_store(db) as store:
        tally = ingest(store, [str(folder)], extractor, Settings())
    assert tally.failed == 0, tally
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """The 17 demo articles in a real database; tests that write must copy it (see `fresh_db`)."""
    return ingest_folder(tmp_path_factory.mktemp("demo") / "airdate.db", DEMO, extractor)


@pytest.fixture
def fresh_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database, for tests that ingest more."""
    copy = tmp_path / "airdate.db"
    with open_store(demo_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://airdate.test")


@pytest.fixture
def app_for() -> Callable[..., FastAPI]:
    def build(db: Path, today: date = TODAY) -> FastAPI:
        return create_app(db, today=lambda: today)

    return build


@pytest.fixture
async def client(demo_db: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(create_app(demo_db, today=lambda: TODAY)) as c:
        yield c
