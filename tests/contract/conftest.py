"""The repository contract suite: every test here runs against every storage driver.

A test takes the `store` fixture (a freshly migrated store of the driver under test) and uses only
the repository protocols of `bot.ports`, never SQL, so a new driver proves itself by passing it.
PostgreSQL runs on the session's throw-away server (`tests/pg.py`): a fresh database per test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.sqlite.store import SqliteStore

DRIVERS = ["sqlite", "postgres"]


@pytest.fixture(params=DRIVERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path):
    drop = None
    if request.param == "sqlite":
        s = await SqliteStore.open(tmp_path / "contract.sqlite3")
    elif request.param == "postgres":
        from bot.storage.postgres.store import PostgresStore

        server = request.getfixturevalue("pg_server")  # sync, session-wide: started on first use
        url = await server.create_database()  # a copy of the migrated template
        s = await PostgresStore.open(url)  # migrating finds nothing pending (checksums verified)
        drop = server.release(url)  # emptied and reused by the next test
    else:  # pragma: no cover - every driver is listed above
        raise AssertionError(request.param)
    yield s
    await s.close()
    if drop is not None:
        await drop
