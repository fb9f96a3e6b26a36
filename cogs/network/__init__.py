"""The network of communities on Discord: /network invite | join | share | leave | status. The use
cases are `app.network`."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from cogs._common import answer, context
from cogs._common.choices import choices

SWITCH = choices([("common.on", "on"), ("common.off", "off")])  # `on · آن`, `off · آف`


class Network(commands.Cog):
    network = app_commands.Group(name="network", description="Share fact-checks with other communities (admins)",
                                 guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @network.command(name="invite", description="A one-time code that lets another community join")
    async def invite(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.network.invite(ctx.actor))

    @network.command(name="join", description="Join a network with a code from another community's admin")
    @app_commands.describe(code="The code, e.g. NET-7KQ2M9XW4R")
    async def join(self, interaction: discord.Interaction, code: app_commands.Range[str, 1, 40]) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.network.join(ctx.actor, code))

    @network.command(name="share", description="Choose what this community shares with the network")
    @app_commands.describe(factchecks="Share published fact-checks", resources="Share resources")
    @app_commands.choices(factchecks=SWITCH, resources=SWITCH)
    async def share(self, interaction: discord.Interaction, factchecks: str | None = None,
                    resources: str | None = None) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.network.share(ctx.actor, factchecks=factchecks, resources=resources))

    @network.command(name="leave", description="Leave the network: nothing is shared any more")
    async def leave(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.network.leave(ctx.actor))

    @network.command(name="status", description="The network's members, what each shares, and its log")
    async def status(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.network.status(ctx.actor))


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Network(bot))
