"""Every Telegram front-end test runs on each storage driver: the `database` fixture is parametrised
here (the Discord harness's `world`, which the linked-community tests share, follows it too).

`both` is one community on Discord and Telegram (both fakes, one App); `linked` is the same after the
Telegram group joined the Discord server's community with the code `/setup link:` gives."""

from __future__ import annotations

import re
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


@pytest.fixture
async def both(world, tmp_path: Path):
    """The Discord world (set up) and a Telegram group, one App."""
    from tests.telegram_harness import TgHarness

    tg = TgHarness(tmp_path, app=world.app)
    await tg.start()
    yield world, tg
    await tg.front.close()
    await tg.fake.stop()


@pytest.fixture
async def linked(both):
    """`both`, the Telegram group linked to the Discord community: only a group admin may link, and a
    code works once."""
    world, tg = both
    result = await world.fake.slash(world.world.admin, "setup", link=True)
    await result.wait_done()
    code = re.search(r"/link ([A-Z0-9]+)", result.text).group(1)
    t = tg.world
    refused = await tg.answer(t.ali, t.group, f"/link {code}")
    assert "admins" in refused.text
    joined = await tg.answer(t.admin, t.group, f"/link {code}")
    assert "Linked" in joined.text
    again = await tg.answer(t.admin, tg.world.mods, f"/link {code}")
    assert "unknown" in again.text  # used once
    return world, tg
