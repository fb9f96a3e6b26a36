"""Persistent buttons of the library. The custom_id carries the resource id and nothing else: every
click re-reads the resource, re-checks who is clicking and that it belongs to this guild."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord

from bot.domain.resources import check_review, check_vote
from bot.i18n.format import BUTTON_LABEL, cut
from cogs._common import context, guarded, reply
from cogs._common.forms import open_modal

if TYPE_CHECKING:
    from cogs.resources._library import Library


def library(interaction: discord.Interaction) -> "Library":
    cog = interaction.client.get_cog("Resources")  # type: ignore[union-attr]
    assert cog is not None, "the resources cog is not loaded"
    return cog.library  # type: ignore[attr-defined]


class UpvoteButton(discord.ui.DynamicItem[discord.ui.Button], template=r"res:up:(?P<id>[0-9]{1,19})"):
    """Upvote a published resource; a second click takes the vote back."""

    def __init__(self, resource_id: int, *, label: str = "▲") -> None:
        super().__init__(discord.ui.Button(label=cut(label, BUTTON_LABEL), emoji="▲",
                                           style=discord.ButtonStyle.primary,
                                           custom_id=f"res:up:{resource_id}"))
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "UpvoteButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        lib = library(interaction)
        resource = check_vote(ctx.actor, await lib.repo.get(self.resource_id))
        voted, _count = await lib.repo.toggle_vote(resource.id, ctx.actor.user_id, now=ctx.bot.clock.now())
        await reply(interaction, ctx.t("resource.vote.added" if voted else "resource.vote.removed", id=resource.id))
        lib.refresher.request(resource.id)


class ApproveButton(discord.ui.DynamicItem[discord.ui.Button], template=r"res:approve:(?P<id>[0-9]{1,19})"):
    """A moderator publishes a pending resource."""

    def __init__(self, resource_id: int, *, label: str = "Approve") -> None:
        super().__init__(discord.ui.Button(label=cut(label, BUTTON_LABEL), style=discord.ButtonStyle.success,
                                           custom_id=f"res:approve:{resource_id}"))
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "ApproveButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        lib = library(interaction)
        check_review(ctx.actor, ctx.settings, await lib.repo.get(self.resource_id))
        await interaction.response.defer(ephemeral=True, thinking=True)
        resource = await lib.repo.decide(self.resource_id, approve=True, by=ctx.actor.user_id, reason=None,
                                         now=ctx.bot.clock.now())
        resource = await lib.publish(resource, ctx.settings)
        await lib.close_review(resource, ctx.lang)
        from cogs.resources._render import post_link

        link = post_link(resource)
        text = (ctx.t("resource.review.done_approved", id=resource.id, link=link) if link
                else ctx.t("resource.review.done_approved_no_post", id=resource.id))
        if not await lib.tell_sharer(resource, ctx.lang):
            text += "\n" + ctx.t("resource.review.dm_closed")
        await reply(interaction, text)


class RejectButton(discord.ui.DynamicItem[discord.ui.Button], template=r"res:reject:(?P<id>[0-9]{1,19})"):
    """A moderator rejects a pending resource, giving a reason in a modal."""

    def __init__(self, resource_id: int, *, label: str = "Reject") -> None:
        super().__init__(discord.ui.Button(label=cut(label, BUTTON_LABEL), style=discord.ButtonStyle.danger,
                                           custom_id=f"res:reject:{resource_id}"))
        self.resource_id = resource_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "RejectButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.resources._modals import RejectModal

        ctx = await context(interaction)
        lib = library(interaction)
        # Refuse before asking for a reason; the modal checks again on submit.
        resource = check_review(ctx.actor, ctx.settings, await lib.repo.get(self.resource_id))
        await open_modal(interaction, RejectModal(resource.id, ctx.lang))
