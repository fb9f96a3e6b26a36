"""The resource library: /resource share, search, top and remove; the Upvote, Approve and Reject buttons."""

from __future__ import annotations

from discord.ext import commands

from cogs.resources._commands import Resources
from cogs.resources._items import ApproveButton, RejectButton, UpvoteButton


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(UpvoteButton, ApproveButton, RejectButton)
    await bot.add_cog(Resources(bot))
