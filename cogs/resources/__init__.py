"""The resource library: /resource share, search, top and remove; the Upvote, Approve and Reject buttons."""

from __future__ import annotations

from discord.ext import commands

from cogs._common.forms import expiring
from cogs.resources._commands import Resources
from cogs.resources._items import ApproveButton, RejectButton, UpvoteButton


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(UpvoteButton, ApproveButton, RejectButton)
    expiring("res:reject-reason:")  # the reject-with-reason form
    await bot.add_cog(Resources(bot))
