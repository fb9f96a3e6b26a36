"""The resource library on Discord: /resource share, search, top and remove; the Upvote, Approve and
Reject buttons. The use cases are `app.resources` (bot/app/resources.py); this package translates."""

from __future__ import annotations

from discord.ext import commands

from cogs._common.forms import expiring
from cogs.resources.commands import Resources
from cogs.resources.modals import REASON_PREFIX
from cogs.resources.views import ApproveButton, RejectButton, UpvoteButton


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(UpvoteButton, ApproveButton, RejectButton)
    expiring(REASON_PREFIX)  # the reject-with-reason form
    await bot.add_cog(Resources(bot))
