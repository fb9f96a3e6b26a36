"""The persistent button under a match notice: close the case as answered by its fact-check."""

from __future__ import annotations

import discord

from bot.app.factchecks import ANSWER
from cogs._common import context, reply
from cogs._common.buttons import Persistent, button_format

button_format(ANSWER, "fc:answer:{}")


class AnswerButton(Persistent, template=r"fc:answer:(?P<id>[0-9]{1,19})"):
    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await reply(interaction, await ctx.app.factchecks.answer_case(ctx.actor, self.number("id")))
