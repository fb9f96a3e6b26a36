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
def database(request: pytest.FixtureRequest) -> str:
    """The driver the harness's bot runs on: SQLite unless a module parametrises it, e.g.
    `pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)`."""
    return getattr(request, "param", "sqlite")


DATABASES = ["sqlite", "postgres"]


@pytest.fixture
async def harness(tmp_path: Path, database: str, request: pytest.FixtureRequest):
    """The real bot connected to the fake Discord with a seeded guild (not yet /setup)."""
    from tests.harness import Harness

    factory, server, url = None, None, None
    if database == "postgres":
        from bot.storage.postgres.store import PostgresStore

        server = request.getfixturevalue("pg_server")
        url = await server.create_database()

        def factory():
            return PostgresStore.open(url, max_size=4)
    h = Harness(tmp_path, store_factory=factory)
    await h.start()
    yield h
    await h.close()
    if server is not None:
        await server.release(url)


@pytest.fixture
async def world(harness):
    """The harness with /setup already run by the admin (channels and roles configured)."""
    await harness.setup_guild()
    return harness
