"""The reason a moderator gives when rejecting a resource."""

from __future__ import annotations

import discord

from bot.domain.resources import MAX_REASON_LENGTH
from bot.i18n import t
from bot.i18n.format import MODAL_TITLE, TEXT_INPUT_LABEL, cut
from cogs._common import answer, context, guarded

PLACEHOLDER = 100
REASON_PREFIX = "res:reject-reason:"


class RejectModal(discord.ui.Modal):
    def __init__(self, resource_id: int, lang: str) -> None:
        super().__init__(title=cut(t(lang, "resource.reject.modal_title", id=resource_id), MODAL_TITLE),
                         custom_id=f"{REASON_PREFIX}{resource_id}", timeout=900)
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
        service = ctx.app.resources
        # Roles may have changed, or another moderator decided, while the modal was open.
        await service.check_review(ctx.actor, self.resource_id, reason=self.reason.value)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await service.reject(ctx.actor, self.resource_id, self.reason.value))
