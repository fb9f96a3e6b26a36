"""Fact-checks on Discord: /factcheck search | list | show | publish | correct | withdraw, and the
"answered by fact-check" button under a match notice. The use cases are `app.factchecks`."""

from __future__ import annotations

from discord.ext import commands

from cogs.factchecks.commands import Factchecks
from cogs.factchecks.views import AnswerButton


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(AnswerButton)
    await bot.add_cog(Factchecks(bot))
