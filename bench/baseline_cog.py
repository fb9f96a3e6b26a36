"""The baseline: a command answering a static ephemeral reply without touching the database.

Loaded only by the benchmarks (BAITHAK_EXTENSIONS=bench.baseline_cog)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands


class Baseline(commands.Cog):
    @app_commands.command(name="bench-static", description="Benchmark baseline: a static reply")
    async def static(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Baseline())
