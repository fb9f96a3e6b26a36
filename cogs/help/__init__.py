"""/help on Discord: the commands this member can use here. The choice is in `bot.app.help`."""

from __future__ import annotations

from discord.ext import commands

from cogs.help.commands import Help


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Help(bot))
