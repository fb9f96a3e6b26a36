"""Community settings: read (cached) by every use case, changed by admins with /setup."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from bot.domain.guild_settings import GuildSettings, SettingsChange, apply_change
from bot.domain.identity import DISCORD, Community
from bot.domain.roles import Actor, require_admin
from bot.ports.settings import SettingsRepository
from bot.settings import valid_timezone


class SetupService:
    """Settings per community, cached. The cache is updated by `change` in this process; with several
    processes on one database the storage driver tells the others to forget theirs."""

    def __init__(self, repo: SettingsRepository, *, default_timezone: str, default_language: str) -> None:
        self.repo = repo
        self.default_timezone = default_timezone
        self.default_language = default_language
        self._cache: dict[Community, GuildSettings] = {}
        # Called with the new settings after each change (the digest reschedules on its slot).
        self.listeners: list[Callable[[GuildSettings], None]] = []

    def on_change(self, listener: Callable[[GuildSettings], None]) -> None:
        """Call `listener` with the new settings after each change (a service registers itself from
        its own constructor)."""
        self.listeners.append(listener)

    def defaults(self, community: Community | None = None) -> GuildSettings:
        """The bot-wide defaults (DMs, or a community that never ran /setup)."""
        platform = community.platform if community else DISCORD
        return GuildSettings.defaults(community.id if community else 0, timezone=self.default_timezone,
                                      language=self.default_language, platform=platform)

    async def communities(self, platform: str) -> list[int]:
        """The ids of `platform`'s communities where /setup ran (a front end learns their names)."""
        return await self.repo.communities(platform)

    async def settings_for(self, community: Community | None) -> GuildSettings:
        """The community's settings (the defaults in DMs or before /setup)."""
        if community is None:
            return self.defaults()
        cached = self._cache.get(community)
        if cached is None:
            stored = await self.repo.get(community)
            if stored is None:
                cached = self.defaults(community)
            else:
                cached = replace(stored, timezone=stored.timezone or self.default_timezone,
                                 language=stored.language or self.default_language)
            self._cache[community] = cached
        return cached

    def forget(self, community: Community) -> None:
        """Drop a cached entry (another process changed it)."""
        self._cache.pop(community, None)

    async def show(self, actor: Actor) -> GuildSettings:
        """The settings, for an admin."""
        require_admin(actor)
        return await self.settings_for(actor.community)

    async def change(self, actor: Actor, change: SettingsChange) -> GuildSettings:
        """Validate every requested change first (nothing changes if one is bad), then save."""
        require_admin(actor)
        current = await self.settings_for(actor.community)
        updated = apply_change(current, change, zone_is_valid=valid_timezone)
        await self.repo.save(updated)
        assert actor.community is not None
        self._cache[actor.community] = updated
        for listener in self.listeners:
            listener(updated)
        return updated
