"""Events, RSVP and reminders: /event, /my, the announcement buttons and the reminder jobs."""

from __future__ import annotations

import asyncio
import logging

from discord.ext import commands

from cogs.events.commands import Events, My
from cogs.events.service import EventsService
from cogs.events.views import ListPageButton, RsvpButton

log = logging.getLogger(__name__)


def _warm_dateparser() -> None:
    # dateparser loads its language data on first use (about a second): do it off the event loop
    # at start-up rather than inside the first /event create.
    from bot.domain.when import parse_when
    from bot.domain.errors import DomainError
    from datetime import datetime, timezone

    try:
        parse_when("tomorrow 6pm", "UTC", datetime.now(timezone.utc))
    except DomainError:
        pass


async def setup(bot: commands.Bot) -> None:
    service = EventsService(bot)  # type: ignore[arg-type]
    await bot.add_cog(Events(bot, service))
    await bot.add_cog(My(bot, service))
    bot.add_dynamic_items(RsvpButton, ListPageButton)
    bot.scheduler.add_loader("event reminders", service.reminders.load)  # type: ignore[attr-defined]
    asyncio.get_running_loop().run_in_executor(None, _warm_dateparser)


async def teardown(bot: commands.Bot) -> None:
    cog = bot.get_cog("Events")
    if cog is not None:
        cog.service.refresher.cancel_all()  # type: ignore[attr-defined]
