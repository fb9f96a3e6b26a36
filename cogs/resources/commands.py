"""/resource share | search | top | remove: options in, `app.resources` called, its answer rendered."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n.format import CHOICE_NAME, cut
from cogs._common import actor_of, answer, context


class Resources(commands.Cog):
    resource = app_commands.Group(name="resource", description="Share and find guides, toolkits and links",
                                  guild_only=True)

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @resource.command(name="share", description="Add a link to the server's resource library")
    @app_commands.describe(
        url="The link (http or https)",
        title="A short title",
        tags="Up to 5 tags, separated by commas, e.g. fact-check, urdu",
        description="What it is and who it helps",
    )
    async def share(self, interaction: discord.Interaction, url: str, title: str, tags: str | None = None,
                    description: str | None = None) -> None:
        ctx = await context(interaction)
        service = ctx.app.resources
        # A bad link or title is refused at once; storing and posting may take longer.
        await service.check_share(ctx.actor, url=url, title=title, tags=tags, description=description)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await service.share(ctx.actor, url=url, title=title, tags=tags,
                                                      description=description))

    @resource.command(name="search", description="Search the resource library (English and Urdu)")
    @app_commands.describe(query="Words to look for in titles, descriptions and tags",
                           tag="Only resources with this tag")
    async def search(self, interaction: discord.Interaction, query: str, tag: str | None = None) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.resources.search(ctx.actor, query, tag))

    @resource.command(name="top", description="The most upvoted resources")
    @app_commands.describe(tag="Only resources with this tag")
    async def top(self, interaction: discord.Interaction, tag: str | None = None) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.resources.top(ctx.actor, tag))

    @resource.command(name="remove", description="Remove a resource you shared (moderators: any resource)")
    @app_commands.describe(id="The resource number, e.g. 12")
    async def remove(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        ctx = await context(interaction)
        service = ctx.app.resources
        await service.check_remove(ctx.actor, id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await service.remove(ctx.actor, id))

    @search.autocomplete("tag")
    @top.autocomplete("tag")
    async def tag_autocomplete(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        community = actor_of(interaction).community
        if community is None:
            return []
        tags = await self.bot.app.resources.tag_suggestions(community, current)  # type: ignore[attr-defined]
        return [app_commands.Choice(name=cut(tag, CHOICE_NAME), value=tag) for tag in tags]

    @remove.autocomplete("id")
    async def id_autocomplete(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[int]]:
        ctx = await context(interaction)
        found = await ctx.app.resources.removable(ctx.actor, current)
        return [app_commands.Choice(name=cut(f"#{r.id} {r.title}", CHOICE_NAME), value=r.id) for r in found]
