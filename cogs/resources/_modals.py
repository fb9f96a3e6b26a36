"""The reason a moderator gives when rejecting a resource."""

from __future__ import annotations

import discord

from bot.domain.resources import MAX_REASON_LENGTH, check_review, clean_reason
from bot.i18n import t
from bot.i18n.format import MODAL_TITLE, TEXT_INPUT_LABEL, cut
from cogs._common import context, guarded, reply
from cogs.resources._items import library

PLACEHOLDER = 100


class RejectModal(discord.ui.Modal):
    def __init__(self, resource_id: int, lang: str) -> None:
        super().__init__(title=cut(t(lang, "resource.reject.modal_title", id=resource_id), MODAL_TITLE),
                         custom_id=f"res:reject-reason:{resource_id}", timeout=900)
        self.resource_id = resource_id
        self.reason: discord.ui.TextInput[RejectModal] = discord.ui.TextInput(
            label=cut(t(lang, "resource.reject.reason_label"), TEXT_INPUT_LABEL),
            placeholder=cut(t(lang, "resource.reject.reason_placeholder"), PLACEHOLDER),
            style=discord.TextStyle.paragraph, required=True, max_length=MAX_REASON_LENGTH,
            custom_id="reason")
        self.add_item(self.reason)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        lib = library(interaction)
        # Roles may have changed, or another moderator decided, while the modal was open.
        check_review(ctx.actor, ctx.settings, await lib.repo.get(self.resource_id))
        reason = clean_reason(self.reason.value)
        resource = await lib.repo.decide(self.resource_id, approve=False, by=ctx.actor.user_id, reason=reason,
                                         now=ctx.bot.clock.now())
        await interaction.response.defer(ephemeral=True, thinking=True)
        await lib.close_review(resource, ctx.lang)
        text = ctx.t("resource.review.done_rejected", id=resource.id)
        if not await lib.tell_sharer(resource, ctx.lang):
            text += "\n" + ctx.t("resource.review.dm_closed")
        await reply(interaction, text)
