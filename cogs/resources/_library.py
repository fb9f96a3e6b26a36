"""The Discord side of the library: posting, updating and taking down messages, telling sharers.

Everything here runs after the database has committed; a failed Discord call is logged and
reported back to the caller, never undoes accepted data.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.domain.guild_settings import GuildSettings
from bot.domain.resources import Resource
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.storage.sqlite.resources import ResourceRepo
from bot.app.refresh import Refresher
from cogs.resources._render import post_embed, post_link, review_embed, title_in_text

if TYPE_CHECKING:
    from bot.client import BaithakBot

log = logging.getLogger(__name__)

# A post is edited at most this often under a burst of votes (and once after the last one).
EDIT_COALESCE_SECONDS = 0.5


def post_view(resource: Resource, lang: str) -> discord.ui.View:
    from cogs.resources._items import UpvoteButton

    view = discord.ui.View(timeout=None)
    view.add_item(UpvoteButton(resource.id, label=t(lang, "resource.upvote_button", count=resource.upvotes)))
    return view


def review_view(resource: Resource, lang: str) -> discord.ui.View:
    from cogs.resources._items import ApproveButton, RejectButton

    view = discord.ui.View(timeout=None)
    view.add_item(ApproveButton(resource.id, label=t(lang, "resource.review.approve")))
    view.add_item(RejectButton(resource.id, label=t(lang, "resource.review.reject")))
    return view


class Library:
    """The library's Discord actions for one bot."""

    def __init__(self, bot: "BaithakBot") -> None:
        self.bot = bot
        self.repo = ResourceRepo(bot.db)
        self.refresher = Refresher(self._refresh_post, interval=EDIT_COALESCE_SECONDS)

    async def _send(self, guild_id: int, channel_id: int, **kwargs: object) -> discord.Message | None:
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        view = kwargs.get("view")
        try:
            message = await channel.send(**kwargs)  # type: ignore[arg-type]
        except discord.HTTPException:
            log.warning("could not post in channel %s of guild %s", channel_id, guild_id, exc_info=True)
            return None
        if isinstance(view, discord.ui.View):
            # The buttons are DynamicItems found by custom_id; keeping a view object per post in
            # memory would only grow.
            view.stop()
        return message

    async def publish(self, resource: Resource, settings: GuildSettings) -> Resource:
        """Post a published resource in the resources channel; returns it with the post recorded
        (without one when the channel is missing or refuses us)."""
        if settings.resources_channel is None:
            return resource
        message = await self._send(resource.guild_id, settings.resources_channel,
                                   embed=post_embed(resource, settings.language),
                                   view=post_view(resource, settings.language))
        if message is None:
            return resource
        await self.repo.set_post(resource.id, message.channel.id, message.id)
        return await self.repo.get(resource.id) or resource

    async def submit_for_review(self, resource: Resource, settings: GuildSettings) -> bool:
        """Post the review card with Approve and Reject in the moderation channel."""
        if settings.moderation_channel is None:
            return False
        message = await self._send(resource.guild_id, settings.moderation_channel,
                                   embed=review_embed(resource, settings.language),
                                   view=review_view(resource, settings.language))
        if message is None:
            return False
        await self.repo.set_review(resource.id, message.channel.id, message.id)
        return True

    async def close_review(self, resource: Resource, lang: str, note: str | None = None) -> None:
        """Show the decision on the review card and take its buttons away."""
        if resource.review_channel_id is None or resource.review_message_id is None:
            return
        embed = review_embed(resource, lang, outcome=resource.status)
        if note:
            embed.set_field_at(len(embed.fields) - 1, name=t(lang, "resource.field.status"), value=cut(note, 1024),
                               inline=False)
        message = self.bot.get_partial_messageable(resource.review_channel_id, guild_id=resource.guild_id) \
            .get_partial_message(resource.review_message_id)
        try:
            await message.edit(embed=embed, view=None)
        except discord.HTTPException:
            log.warning("could not update the review card of resource %s", resource.id, exc_info=True)

    async def _refresh_post(self, resource_id: int) -> None:
        resource = await self.repo.get(resource_id)
        if resource is None or resource.status != "published" or resource.post_message_id is None:
            return
        lang = (await self.bot.settings_for(resource.guild_id)).language
        assert resource.post_channel_id is not None
        message = self.bot.get_partial_messageable(resource.post_channel_id, guild_id=resource.guild_id) \
            .get_partial_message(resource.post_message_id)
        view = post_view(resource, lang)
        try:
            await message.edit(embed=post_embed(resource, lang), view=view)
        except discord.NotFound:
            log.info("the post of resource %s is gone; not updating it", resource_id)
        finally:
            view.stop()  # the DynamicItem answers clicks; the view object need not be kept

    async def take_down(self, resource: Resource, lang: str, by: int) -> None:
        """Delete the resource's post, and close its review card if it was still pending."""
        if resource.post_channel_id is not None and resource.post_message_id is not None:
            message = self.bot.get_partial_messageable(resource.post_channel_id, guild_id=resource.guild_id) \
                .get_partial_message(resource.post_message_id)
            try:
                await message.delete()
            except discord.NotFound:
                pass  # someone deleted it by hand already
            except discord.HTTPException:
                log.warning("could not delete the post of resource %s", resource.id, exc_info=True)
        await self.close_review(resource, lang, note=t(lang, "resource.review.removed_by", member=f"<@{by}>"))

    async def tell_sharer(self, resource: Resource, lang: str) -> bool:
        """DM the sharer the review outcome (with the reason when rejected); False if DMs are closed."""
        title = title_in_text(resource)
        if resource.status == "published":
            text = t(lang, "resource.dm.approved", id=resource.id, title=title, link=post_link(resource) or resource.url)
        else:
            text = t(lang, "resource.dm.rejected", id=resource.id, title=title,
                     reason=resource.decision_reason or "")
        try:
            return await self.bot.send_dm(resource.author_id, content=cut(text, CONTENT))
        except discord.HTTPException:
            log.warning("could not DM the sharer of resource %s", resource.id, exc_info=True)
            return False
