"""Persistent buttons. Their meaning lives in the custom_id, so they work after a restart; every
callback re-checks the clicker and that the event belongs to the server it is clicked in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.i18n import t
from bot.i18n.format import BUTTON_LABEL, cut
from cogs._common import guarded

if TYPE_CHECKING:
    from cogs.events.service import EventsService


def service_of(client: discord.Client) -> "EventsService":
    cog = client.get_cog("Events")  # type: ignore[attr-defined]
    if cog is None:
        raise RuntimeError("the events extension is not loaded")
    return cog.service  # type: ignore[attr-defined]


class RsvpButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"bk:ev:(?P<id>[0-9]{1,20}):(?P<act>go|maybe|no|ics)"):
    """Going / Maybe / Can't go / Add to calendar on an announcement."""

    ACTIONS = ("go", "maybe", "no", "ics")
    _STYLE = {"go": discord.ButtonStyle.success, "maybe": discord.ButtonStyle.primary,
              "no": discord.ButtonStyle.secondary, "ics": discord.ButtonStyle.secondary}
    _LABEL = {"go": "button.going", "maybe": "button.maybe", "no": "button.declined", "ics": "button.calendar"}
    CHOICE = {"go": "going", "maybe": "maybe", "no": "declined"}

    def __init__(self, event_id: int, action: str, item: discord.ui.Button[Any]) -> None:
        super().__init__(item)
        self.event_id = event_id
        self.action = action

    @classmethod
    def make(cls, event_id: int, action: str, lang: str, *, disabled: bool = False) -> "RsvpButton":
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=cut(t(lang, cls._LABEL[action]), BUTTON_LABEL), style=cls._STYLE[action],
            custom_id=f"bk:ev:{event_id}:{action}", disabled=disabled)
        return cls(event_id, action, button)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any, /) -> "RsvpButton":
        return cls(int(match["id"]), match["act"], item)  # type: ignore[arg-type]

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        service = service_of(interaction.client)
        if self.action == "ics":
            await service.send_event_ics(interaction, self.event_id)
        else:
            await service.rsvp(interaction, self.event_id, self.CHOICE[self.action])


class ListPageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"bk:evlist:(?P<page>[0-9]{1,6}):(?P<dir>p|n)"):
    """Previous / Next on /event list; the page is recomputed for the clicker's own server."""

    def __init__(self, page: int, direction: str, item: discord.ui.Button[Any]) -> None:
        super().__init__(item)
        self.page = page

    @classmethod
    def make(cls, page: int, direction: str, lang: str, *, disabled: bool) -> "ListPageButton":
        label = t(lang, "common.previous" if direction == "p" else "common.next")
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=cut(label, BUTTON_LABEL), style=discord.ButtonStyle.secondary,
            custom_id=f"bk:evlist:{page}:{direction}", disabled=disabled)
        return cls(page, direction, button)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any, /) -> "ListPageButton":
        return cls(int(match["page"]), match["dir"], item)  # type: ignore[arg-type]

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await service_of(interaction.client).show_list(interaction, self.page, edit=True)
