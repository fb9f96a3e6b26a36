"""Every Telegram front-end test runs on each storage driver: the `database` fixture is parametrised
here (the Discord harness's `world`, which `test_linked.py` shares, follows it too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATABASES


@pytest.fixture(params=DATABASES)
def database(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def tg_store(database: str, request: pytest.FixtureRequest):
    """A `store_factory` for `TgHarness` opening a fresh database of the driver under test (None:
    the harness's own SQLite file)."""
    if database != "postgres":
        yield None
        return
    from bot.storage.postgres.store import PostgresStore

    server = request.getfixturevalue("pg_server")
    url = await server.create_database()

    def factory():
        return PostgresStore.open(url, max_size=4)
    yield factory
    await server.release(url)


@pytest.fixture
async def tg(tmp_path: Path, tg_store):
    """The real Telegram front end polling the fake Bot API, a seeded group (not yet /setup)."""
    from tests.telegram_harness import TgHarness

    h = TgHarness(tmp_path, store_factory=tg_store)
    await h.start()
    yield h
    await h.close()
