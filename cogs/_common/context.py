"""The acting member and the guild's settings for one interaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD
from bot.domain.roles import Actor
from bot.i18n import t

if TYPE_CHECKING:
    from bot.app import App
    from bot.client import BaithakBot


def actor_of(interaction: discord.Interaction) -> Actor:
    """The member as this interaction shows them (roles and permissions are in the payload)."""
    user = interaction.user
    perms = interaction.permissions
    roles = frozenset(r.id for r in getattr(user, "roles", ()) if r is not None)
    return Actor(
        user_id=user.id,
        guild_id=interaction.guild_id,
        role_ids=roles,
        administrator=perms.administrator,
        manage_guild=perms.manage_guild,
        manage_events=perms.manage_events,
        display_name=getattr(user, "display_name", None) or user.name,
        platform=DISCORD,
    )


@dataclass(frozen=True)
class Ctx:
    bot: "BaithakBot"
    interaction: discord.Interaction
    actor: Actor
    settings: GuildSettings

    @property
    def app(self) -> "App":
        return self.bot.app

    @property
    def lang(self) -> str:
        return self.settings.language

    def t(self, key: str, /, **params: object) -> str:
        return t(self.lang, key, **params)


async def context(interaction: discord.Interaction, *, guild_only: bool = True) -> Ctx:
    """Everything a handler needs; refuses use outside a server when `guild_only`."""
    bot: BaithakBot = interaction.client  # type: ignore[assignment]
    if guild_only and interaction.guild_id is None:
        raise DomainError("common.guild_only")
    settings = await bot.settings_for(interaction.guild_id)
    return Ctx(bot, interaction, actor_of(interaction), settings)


async def language_of(interaction: discord.Interaction) -> str:
    bot: BaithakBot = interaction.client  # type: ignore[assignment]
    try:
        return (await bot.settings_for(interaction.guild_id)).language
    except Exception:  # the apology must go out even if settings cannot be read
        return bot.settings.language
