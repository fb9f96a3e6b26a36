"""Commands and a button that fail on purpose, to test the one error path (loaded by test_errors)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import DomainError
from cogs._common import guarded


class Boom(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Explode")
    @guarded
    async def explode(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        raise ZeroDivisionError("button failed")


class Failing(commands.Cog):
    @app_commands.command(name="crash", description="fails unexpectedly")
    async def crash(self, interaction: discord.Interaction) -> None:
        raise RuntimeError("kaboom")

    @app_commands.command(name="refuse", description="fails with a domain error")
    async def refuse(self, interaction: discord.Interaction) -> None:
        raise DomainError("perm.need_moderator")

    @app_commands.command(name="late-crash", description="defers, then fails")
    async def late_crash(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        raise RuntimeError("after defer")

    @app_commands.command(name="write-crash", description="a change that fails half-way and is rolled back")
    async def write_crash(self, interaction: discord.Interaction) -> None:
        def half_way(conn) -> None:
            conn.execute("UPDATE events SET title = 'changed'")
            raise RuntimeError("half-way")

        await interaction.client.app.store.db.write_sync(half_way)

    @app_commands.command(name="boom", description="a button that fails")
    async def boom(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("press", view=Boom())


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Failing())
