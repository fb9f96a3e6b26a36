"""/factcheck: options in, `app.factchecks` called, its answer rendered."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.factchecks import VERDICTS
from cogs._common import answer, context
from cogs._common.choices import choices

# Verdicts named in both languages in the picker (`Misleading · گمراہ کن`); the value sent is the key.
VERDICT_CHOICES = choices([(f"factcheck.verdict.{v}", v) for v in VERDICTS])


class Factchecks(commands.Cog):
    factcheck = app_commands.Group(name="factcheck", description="Verdicts on claims: search, publish, correct",
                                   guild_only=True)

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @factcheck.command(name="search", description="Search fact-checks, this community's and the network's")
    @app_commands.describe(query="Words from the claim or the verdict's summary")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.factchecks.search(ctx.actor, query))

    @factcheck.command(name="list", description="The latest fact-checks")
    @app_commands.describe(verdict="Only fact-checks with this verdict")
    @app_commands.choices(verdict=VERDICT_CHOICES)
    async def list_(self, interaction: discord.Interaction, verdict: str | None = None) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.factchecks.listing(ctx.actor, verdict))

    @factcheck.command(name="show", description="A fact-check with its sources and corrections")
    @app_commands.describe(id="The fact-check, e.g. F-12")
    async def show(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 20]) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.factchecks.show(ctx.actor, id))

    @factcheck.command(name="publish", description="Publish a fact-check from a misinformation case (moderators)")
    @app_commands.describe(case="The case, e.g. R-0042", verdict="The verdict", summary="What is true, briefly",
                           sources="Up to 5 links, separated by spaces or commas")
    @app_commands.choices(verdict=VERDICT_CHOICES)
    async def publish(self, interaction: discord.Interaction, case: app_commands.Range[str, 1, 20], verdict: str,
                      summary: app_commands.Range[str, 1, 1500],
                      sources: app_commands.Range[str, 1, 1500] | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.factchecks.publish(ctx.actor, case, verdict=verdict,
                                                                   summary=summary, sources=sources))

    @factcheck.command(name="correct", description="Add a visible correction to a fact-check (moderators)")
    @app_commands.describe(id="The fact-check, e.g. F-12", note="What was wrong and what is right",
                           verdict="The verdict after the correction (if it changes)")
    @app_commands.choices(verdict=VERDICT_CHOICES)
    async def correct(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 20],
                      note: app_commands.Range[str, 1, 1000], verdict: str | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.factchecks.correct(ctx.actor, id, note=note, verdict=verdict))

    @factcheck.command(name="withdraw", description="Withdraw a fact-check (moderators)")
    @app_commands.describe(id="The fact-check, e.g. F-12", reason="Why it is withdrawn")
    async def withdraw(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 20],
                       reason: app_commands.Range[str, 1, 500]) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.factchecks.withdraw(ctx.actor, id, reason=reason))
