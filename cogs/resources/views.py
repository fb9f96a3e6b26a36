"""Persistent buttons of the library. The custom_id carries the resource id and nothing else: every
click goes to `app.resources`, which re-reads the resource and re-checks who is clicking and that it
belongs to this server."""

from __future__ import annotations

import discord

from bot.app.resources import APPROVE, REJECT, UPVOTE
from cogs._common import answer, context
from cogs._common.buttons import Persistent, button_format
from cogs._common.forms import open_modal

# Posted messages carry these custom_ids: they never change.
button_format(UPVOTE, "res:up:{}")
button_format(APPROVE, "res:approve:{}")
button_format(REJECT, "res:reject:{}")


class UpvoteButton(Persistent, template=r"res:up:(?P<id>[0-9]{1,20})"):
    """Upvote a published resource; a second click takes the vote back."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.resources.upvote(ctx.actor, self.number("id")))


class ApproveButton(Persistent, template=r"res:approve:(?P<id>[0-9]{1,20})"):
    """A moderator publishes a pending resource."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        resource_id = self.number("id")
        # Refusals answer at once; posting, editing the card and the DM may take longer.
        await ctx.app.resources.check_review(ctx.actor, resource_id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.resources.approve(ctx.actor, resource_id))


class RejectButton(Persistent, template=r"res:reject:(?P<id>[0-9]{1,20})"):
    """A moderator rejects a pending resource, giving a reason in a modal."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        from cogs.resources.modals import RejectModal

        ctx = await context(interaction)
        # Refuse before asking for a reason; the modal checks again on submit.
        resource = await ctx.app.resources.check_review(ctx.actor, self.number("id"))
        await open_modal(interaction, RejectModal(resource.id, ctx.lang))
