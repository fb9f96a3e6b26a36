"""The repository contract suite: every test here runs against every storage driver.

A test takes the `store` fixture (a freshly migrated store of the driver under test) and uses only
the repository protocols of `bot.ports`, never SQL, so a new driver proves itself by passing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.sqlite.store import SqliteStore

DRIVERS = ["sqlite"]


@pytest.fixture(params=DRIVERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        s = await SqliteStore.open(tmp_path / "contract.sqlite3")
    else:  # pragma: no cover - every driver is listed above
        raise AssertionError(request.param)
    yield s
    await s.close()
