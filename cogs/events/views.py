"""Persistent buttons: the announcement's Going / Maybe / Can't go / Add to calendar and /event list's
Previous / Next. Their meaning lives in the custom_id, so they work after a restart; the service
re-checks the clicker and that the event belongs to the server it is clicked in."""

from __future__ import annotations

import asyncio

import discord

from bot.app.events import CHECK_IN, LIST_NEXT, LIST_PREVIOUS, RSVP_GO, RSVP_ICS, RSVP_MAYBE, RSVP_NO
from bot.domain.errors import DomainError
from bot.domain.rsvp import DECLINED, GOING, MAYBE
from cogs._common import actor_of, answer, context
from cogs._common.buttons import Persistent, button_format
from cogs._common.render import send_kwargs

# The custom_id formats of messages already posted in Discord: never change them.
button_format(RSVP_GO, "bk:ev:{0}:go")
button_format(RSVP_MAYBE, "bk:ev:{0}:maybe")
button_format(RSVP_NO, "bk:ev:{0}:no")
button_format(RSVP_ICS, "bk:ev:{0}:ics")
button_format(CHECK_IN, "bk:ci:{0}")
button_format(LIST_PREVIOUS, "bk:evlist:{0}:p")
button_format(LIST_NEXT, "bk:evlist:{0}:n")

# A click is answered after its write commits, in one request (the initial response) when that is
# within this many seconds of the click; only a click still unsaved by then is deferred first, so
# Discord's 3-second window is never missed. (Deferring every click that waited in a burst's queue
# doubled the requests per click just when the loop was busiest.)
ANSWER_WITHIN = 1.5


def _age(interaction: discord.Interaction) -> float:
    # Counted from when Discord created the interaction, not from when this handler started: under
    # a burst the click may have waited in our queue already.
    return (discord.utils.utcnow() - interaction.created_at).total_seconds()


async def rsvp(interaction: discord.Interaction, event_id: int, choice: str) -> None:
    """Answer a click with its outcome, deferring first when the write takes too long."""
    if interaction.guild_id is None:
        raise DomainError("common.guild_only")
    # The click goes on whatever happens to the answer: it is its own task, awaited below.
    work = asyncio.ensure_future(interaction.client.app.events.rsvp(  # type: ignore[attr-defined]
        actor_of(interaction), event_id, choice))
    left = ANSWER_WITHIN - _age(interaction)
    if left > 0:
        await asyncio.wait({work}, timeout=left)
    if not work.done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    await answer(interaction, await work)


class RsvpButton(Persistent, template=r"bk:ev:(?P<id>[0-9]{1,20}):(?P<act>go|maybe|no|ics)"):
    """Going / Maybe / Can't go / Add to calendar on an announcement."""

    CHOICE = {"go": GOING, "maybe": MAYBE, "no": DECLINED}

    async def clicked(self, interaction: discord.Interaction) -> None:
        event_id = self.number("id")
        action = self.word("act")
        if action == "ics":
            ctx = await context(interaction)
            await answer(interaction, await ctx.app.series.calendar(ctx.actor, event_id))
        else:
            await rsvp(interaction, event_id, self.CHOICE[action])


class CheckinButton(Persistent, template=r"bk:ci:(?P<id>[0-9]{1,20})"):
    """Check in on an announcement, while check-in is open; the service re-checks everything."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.attendance.check_in(ctx.actor, self.number("id")))


class ListPageButton(Persistent, template=r"bk:evlist:(?P<page>[0-9]{1,6}):(?P<dir>p|n)"):
    """Previous / Next on /event list; the page is recomputed for the clicker's own server."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        page = await ctx.app.events.list_page(ctx.actor, int(self.word("page")))
        await interaction.response.edit_message(**send_kwargs(page, edit=True))
