"""Storage of each community's settings."""

from __future__ import annotations

from typing import Protocol

from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community


class SettingsRepository(Protocol):
    async def get(self, community: Community) -> GuildSettings | None:
        """The stored settings, or None when /setup never ran there."""
        ...

    async def save(self, settings: GuildSettings) -> None:
        """Insert or replace the community's settings."""
        ...

    async def communities(self, platform: str) -> list[int]:
        """The ids of `platform`'s communities where /setup ran, by id."""
        ...
