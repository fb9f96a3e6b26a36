from __future__ import annotations

from pathlib import Path

import pytest

from tests.pg import pg_empty_url, pg_server, pg_url  # noqa: F401  (the throw-away PostgreSQL)


@pytest.fixture
async def db(tmp_path: Path):
    """A real temporary SQLite file with every migration applied."""
    from bot.storage.sqlite.migrations import open_migrated

    database = await open_migrated(tmp_path / "test.sqlite3")
    yield database
    await database.close()


@pytest.fixture
async def harness(tmp_path: Path):
    """The real bot connected to the fake Discord with a seeded guild (not yet /setup)."""
    from tests.harness import Harness

    h = Harness(tmp_path)
    await h.start()
    yield h
    await h.close()


@pytest.fixture
async def world(harness):
    """The harness with /setup already run by the admin (channels and roles configured)."""
    await harness.setup_guild()
    return harness
