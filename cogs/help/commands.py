"""/help: reads the command tree (so the list is what really exists), asks `app.help`, renders."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from cogs._common import answer, context


def command_names(tree: app_commands.CommandTree) -> list[str]:
    """Every slash command by its full name ("event create") and every message menu by its label."""
    names = [c.qualified_name for c in tree.walk_commands() if isinstance(c, app_commands.Command)]
    names += [m.name for m in tree.get_commands(type=discord.AppCommandType.message)]
    names += [m.name for m in tree.get_commands(type=discord.AppCommandType.user)]
    return names


class Help(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What you can do here, with an example of each command")
    async def help(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        await answer(interaction, await ctx.app.help.help(ctx.actor, command_names(self.bot.tree)))
