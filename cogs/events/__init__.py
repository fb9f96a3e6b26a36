"""Events, RSVP and reminders on Discord: /event, /my and the announcement buttons. The work is in
`bot.app.events` (reached as `app.events`); this package only translates."""

from __future__ import annotations

from discord.ext import commands

from cogs.events.commands import Checkin, Events, My
from cogs.events.views import CheckinButton, ListPageButton, RsvpButton


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Events(bot))
    await bot.add_cog(My(bot))
    await bot.add_cog(Checkin(bot))
    bot.add_dynamic_items(RsvpButton, CheckinButton, ListPageButton)

