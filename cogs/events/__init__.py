"""Events, RSVP and reminders on Discord: /event, /my and the announcement buttons. The work is in
`bot.app.events` (reached as `app.events`); this package only translates."""

from __future__ import annotations

import asyncio

from discord.ext import commands

from cogs.events.commands import Events, My
from cogs.events.views import ListPageButton, RsvpButton


def _warm_dateparser() -> None:
    # dateparser loads its language data on first use (about a second): do it off the event loop
    # at start-up rather than inside the first /event create.
    from datetime import datetime, timezone

    from bot.domain.errors import DomainError
    from bot.domain.when import parse_when

    try:
        parse_when("tomorrow 6pm", "UTC", datetime.now(timezone.utc))
    except DomainError:
        pass


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Events(bot))
    await bot.add_cog(My(bot))
    bot.add_dynamic_items(RsvpButton, ListPageButton)
    asyncio.get_running_loop().run_in_executor(None, _warm_dateparser)


async def teardown(bot: commands.Bot) -> None:
    # Pending announcement refreshes would outlive the connection they edit through.
    bot.app.events.close()  # type: ignore[attr-defined]
