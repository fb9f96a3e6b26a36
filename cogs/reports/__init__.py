"""Report intake and moderator triage, the Discord front end of `bot.app.reports`: the **Report
message** context menu, `/report`, case cards with persistent buttons, `/reports` for moderators."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.domain.identity import DISCORD, Community, Member, MessageRef
from cogs._common.forms import expiring
from cogs.reports import actions, conversation
from cogs.reports.commands import Reports
from cogs.reports.views import ALL_ITEMS


class GuildDirectory:
    """What the reports service may know of a guild, from the client's cache (no request)."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    def name(self, community: Community) -> str | None:
        guild = self.client.get_guild(community.id)
        return guild.name if guild is not None else None

    def owner(self, community: Community) -> Member | None:
        guild = self.client.get_guild(community.id)
        owner_id = guild.owner_id if guild is not None else None
        return Member(DISCORD, owner_id) if owner_id is not None else None

    def message_link(self, community: Community, ref: MessageRef) -> str | None:
        return f"https://discord.com/channels/{community.id}/{ref.place.id}/{ref.id}"


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(*ALL_ITEMS, *conversation.ITEMS, *actions.ITEMS)
    conversation.register(bot)
    actions.register(bot)
    expiring("rep:pick:", "reports.form_expired")  # the category picker after Report message
    expiring("rep:m:")                              # escalate / resolve / dismiss forms
    bot.app.directories.use(DISCORD, GuildDirectory(bot))  # type: ignore[attr-defined]
    await bot.add_cog(Reports(bot))
    await bot.add_cog(conversation.ReportConversation(bot))
