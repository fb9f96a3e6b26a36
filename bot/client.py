"""The discord.py client: the Discord front end's connection. It loads the cogs, syncs commands and
registers itself as the app's Messenger for Discord; the services themselves are built by the runner."""

from __future__ import annotations

import asyncio
import logging
import pkgutil
from typing import Any, Iterable

import discord
from discord.ext import commands

from bot.app import App
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community
from bot.settings import Settings
from cogs._common.messenger import DiscordMessenger, share_of_limit

log = logging.getLogger(__name__)


def _yield_between_gateway_events() -> None:
    """discord.py handles every gateway event already buffered on the socket without giving the
    event loop back (a burst of 400 clicks arrives as 400 buffered events, each parsed and dispatched
    in one stretch, their handlers then all run in the next). Yield once after each event, so the
    handlers, the heartbeat and everything else run between them: the loop never stalls on a burst."""
    from discord.gateway import DiscordWebSocket

    original = DiscordWebSocket.poll_event
    if getattr(original, "yields", False):
        return

    async def poll_event(self: DiscordWebSocket) -> None:
        await original(self)
        await asyncio.sleep(0)

    poll_event.yields = True  # type: ignore[attr-defined]
    DiscordWebSocket.poll_event = poll_event  # type: ignore[method-assign]


_yield_between_gateway_events()


def discover_cogs() -> list[str]:
    """Every extension under `cogs/` (modules and packages not starting with an underscore)."""
    import cogs

    return [f"cogs.{m.name}" for m in sorted(pkgutil.iter_modules(cogs.__path__), key=lambda m: m.name)
            if not m.name.startswith("_")]


class BaithakBot(commands.Bot):
    """Baithak's client. Everything user-facing is an application command, button or modal."""

    def __init__(self, settings: Settings, app: App, *, extra_extensions: Iterable[str] = (),
                 **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        # Reporters answer moderators' questions by DM (DM content needs no privileged intent).
        intents.dm_messages = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            # Nothing the bot sends may ping anyone unless a message opts in explicitly.
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self.app = app
        self.messenger = DiscordMessenger(self, per_second=share_of_limit(settings.shards, settings.shard_count))
        app.messenger.register(DISCORD, self.messenger)
        self.extra_extensions = list(extra_extensions)
        self.synced = False

    async def setup_hook(self) -> None:
        from cogs._common.errors import on_app_command_error

        self.tree.on_error = on_app_command_error
        for name in discover_cogs() + self.extra_extensions:
            await self.load_extension(name)
            log.info("loaded %s", name)
        await self.app.start()
        await self.sync_commands()

    async def sync_commands(self) -> None:
        if self.settings.dev_guild:
            guild = discord.Object(id=self.settings.dev_guild)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        self.synced = True
        log.info("synced %d application commands%s", len(synced),
                 f" to guild {self.settings.dev_guild}" if self.settings.dev_guild else " globally")

    async def settings_for(self, guild_id: int | None) -> GuildSettings:
        """The guild's settings (defaults in DMs)."""
        return await self.app.setup.settings_for(Community(DISCORD, guild_id) if guild_id else None)

    async def close(self) -> None:
        await self.app.close()
        await super().close()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        from cogs._common.fallback import answer_unhandled

        await answer_unhandled(interaction)

    async def on_ready(self) -> None:
        log.info("connected as %s (%s) to %d guild(s)", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))


class ShardedBaithakBot(BaithakBot, commands.AutoShardedBot):
    """Baithak serving some of the shards (`Settings.shards` of `Settings.shard_count`): several
    processes on one PostgreSQL database split the guilds between them, each guild's events reaching
    only the process serving its shard, `(guild_id >> 22) % shard_count`."""


def make_bot(settings: Settings, app: App, **options: Any) -> BaithakBot:
    """The client for `settings`: one connection, or the shards named in the settings."""
    if settings.shards is None:
        return BaithakBot(settings, app, **options)
    return ShardedBaithakBot(settings, app, shard_ids=list(settings.shards), shard_count=settings.shard_count,
                             **options)
