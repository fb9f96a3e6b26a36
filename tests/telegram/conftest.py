from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
async def tg(tmp_path: Path):
    """The real Telegram front end polling the fake Bot API, a seeded group (not yet /setup)."""
    from tests.telegram_harness import TgHarness

    h = TgHarness(tmp_path)
    await h.start()
    yield h
    await h.close()
