"""Report intake and moderator triage: the **Report message** context menu, `/report`, case cards
with persistent buttons, `/reports` for moderators, SLA reminders and outcome DMs."""

from __future__ import annotations

from discord.ext import commands

from cogs._common.forms import expiring
from cogs.reports._commands import Reports
from cogs.reports._items import ALL_ITEMS


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(*ALL_ITEMS)
    expiring("rep:pick:", "reports.form_expired")  # the category picker after Report message
    expiring("rep:m:")                              # escalate / resolve / dismiss forms
    cog = Reports(bot)
    await bot.add_cog(cog)
    triage = cog.triage
    # Both run from database rows at start-up, so nothing scheduled is lost across a restart.
    bot.scheduler.add_loader("reports:sla", triage.sla.load)  # type: ignore[attr-defined]

    async def pending_notices() -> None:
        bot.scheduler.at("reports:notices", bot.scheduler.utcnow(), triage.send_pending_notices)  # type: ignore[attr-defined]

    bot.scheduler.add_loader("reports:notices", pending_notices)  # type: ignore[attr-defined]
