"""A store: one database opened by one driver, with a repository per feature."""

from __future__ import annotations

from typing import Protocol

from bot.ports.settings import SettingsRepository


class Store(Protocol):
    settings: SettingsRepository
    # Each feature's repository is an attribute too (events, resources, reports): see the drivers.

    async def close(self) -> None:
        """Finish queued writes and close every connection."""
        ...
