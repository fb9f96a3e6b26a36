"""Fixtures for tests of the fake Discord at the protocol level: the server, and a raw HTTP client
holding the bot's token (import them into a test module)."""

from __future__ import annotations

import aiohttp
import pytest

from fakediscord import FakeDiscord


@pytest.fixture
async def fake():
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def http(fake: FakeDiscord):
    async with aiohttp.ClientSession(headers={"Authorization": f"Bot {fake.token}"}) as session:
        yield session
