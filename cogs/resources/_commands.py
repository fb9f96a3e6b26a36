"""/resource share | search | top | remove."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.resource_search import parse_query
from bot.domain.resource_tags import parse_tag_filter
from bot.domain.resources import PENDING, check_remove, prepare_share
from bot.domain.roles import is_moderator
from bot.i18n.format import CHOICE_NAME, cut
from cogs._common import context, reply, send_embed
from cogs.resources._library import Library
from cogs.resources._render import escape, post_link, search_embed, title_in_text, top_embed

RESULTS = 10


class Resources(commands.Cog):
    resource = app_commands.Group(name="resource", description="Share and find guides, toolkits and links",
                                  guild_only=True)

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.library = Library(bot)  # type: ignore[arg-type]

    async def cog_unload(self) -> None:
        self.library.refresher.cancel_all()

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
        new = prepare_share(ctx.actor, ctx.settings, url=url, title=title, tags=tags, description=description,
                            now=ctx.bot.clock.now())
        lib = self.library
        await interaction.response.defer(ephemeral=True, thinking=True)
        resource = await lib.repo.add(new)
        name = title_in_text(resource)
        if resource.status == PENDING:
            posted = await lib.submit_for_review(resource, ctx.settings)
            key = "resource.submitted" if posted else "resource.submitted_no_card"
            await reply(interaction, ctx.t(key, id=resource.id, title=name))
            return
        resource = await lib.publish(resource, ctx.settings)
        link = post_link(resource)
        if link:
            await reply(interaction, ctx.t("resource.shared", id=resource.id, title=name, link=link))
        else:
            await reply(interaction, ctx.t("resource.shared_no_post", id=resource.id, title=name))

    @resource.command(name="search", description="Search the resource library (English and Urdu)")
    @app_commands.describe(query="Words to look for in titles, descriptions and tags",
                           tag="Only resources with this tag")
    async def search(self, interaction: discord.Interaction, query: str, tag: str | None = None) -> None:
        ctx = await context(interaction)
        parsed = parse_query(query)
        tag_filter = parse_tag_filter(tag)
        assert ctx.actor.guild_id is not None
        hits = await self.library.repo.search(ctx.actor.guild_id, parsed, tag=tag_filter, limit=RESULTS)
        shown = escape(cut(" ".join(query.split()), 80))
        if not hits:
            key = "resource.search.none_tag" if tag_filter else "resource.search.none"
            await reply(interaction, ctx.t(key, query=shown, tag=tag_filter))
            return
        await send_embed(interaction, embed=search_embed(hits, query, tag_filter, ctx.lang))

    @resource.command(name="top", description="The most upvoted resources")
    @app_commands.describe(tag="Only resources with this tag")
    async def top(self, interaction: discord.Interaction, tag: str | None = None) -> None:
        ctx = await context(interaction)
        tag_filter = parse_tag_filter(tag)
        assert ctx.actor.guild_id is not None
        found = await self.library.repo.top(ctx.actor.guild_id, tag=tag_filter, limit=RESULTS)
        if not found:
            await reply(interaction, ctx.t("resource.top.none_tag", tag=tag_filter) if tag_filter
                        else ctx.t("resource.top.none"))
            return
        await send_embed(interaction, embed=top_embed(found, tag_filter, ctx.lang))

    @resource.command(name="remove", description="Remove a resource you shared (moderators: any resource)")
    @app_commands.describe(id="The resource number, e.g. 12")
    async def remove(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        ctx = await context(interaction)
        lib = self.library
        check_remove(ctx.actor, ctx.settings, await lib.repo.get(id))
        resource = await lib.repo.remove(id, by=ctx.actor.user_id, now=ctx.bot.clock.now())
        await interaction.response.defer(ephemeral=True, thinking=True)
        await lib.take_down(resource, ctx.lang, ctx.actor.user_id)
        await reply(interaction, ctx.t("resource.removed", id=resource.id, title=title_in_text(resource)))

    @search.autocomplete("tag")
    @top.autocomplete("tag")
    async def tag_autocomplete(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        tags = await self.library.repo.tags(interaction.guild_id, current.strip().lower().lstrip("#"))
        return [app_commands.Choice(name=cut(tag, CHOICE_NAME), value=tag) for tag in tags]

    @remove.autocomplete("id")
    async def id_autocomplete(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[int]]:
        ctx = await context(interaction)
        author = None if is_moderator(ctx.actor, ctx.settings) else ctx.actor.user_id
        assert ctx.actor.guild_id is not None
        found = await self.library.repo.in_library(ctx.actor.guild_id, author_id=author, text=current.strip())
        return [app_commands.Choice(name=cut(f"#{r.id} {r.title}", CHOICE_NAME), value=r.id) for r in found]
