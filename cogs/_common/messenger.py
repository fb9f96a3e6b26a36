"""The Messenger port over discord.py: posts, edits and DMs rendered from the neutral model."""

from __future__ import annotations

import logging

import discord

from bot.domain.identity import DISCORD, Member, MessageRef, Place
from bot.ports.messaging import Delivery, Message, MessengerError, PlaceGone
from cogs._common.render import send_kwargs

log = logging.getLogger(__name__)


class DiscordMessenger:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        channel = self.client.get_partial_messageable(place.id)
        kwargs = send_kwargs(message)
        if nonce is not None:
            # discord.py sends enforce_nonce with every nonce: Discord answers a resend within
            # minutes with the first message.
            kwargs.update(nonce=nonce[:25])
        try:
            sent = await channel.send(**kwargs)
        except discord.NotFound as exc:
            raise PlaceGone(str(exc)) from exc
        except discord.Forbidden as exc:
            raise PlaceGone(str(exc)) from exc
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        finally:
            _forget_view(kwargs)
        return MessageRef(place, sent.id)

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        partial = self.client.get_partial_messageable(ref.place.id).get_partial_message(ref.id)
        kwargs = send_kwargs(message, edit=True)
        try:
            await partial.edit(**kwargs)
        except discord.NotFound:
            return False
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        finally:
            _forget_view(kwargs)
        return True

    async def delete(self, ref: MessageRef) -> bool:
        partial = self.client.get_partial_messageable(ref.place.id).get_partial_message(ref.id)
        try:
            await partial.delete()
        except discord.NotFound:
            return False
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        return True

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        try:
            # discord.py keeps each DM channel it opened: one request per member, ever.
            channel = await self.client.create_dm(discord.Object(id=member.id))  # type: ignore[attr-defined]
            kwargs = send_kwargs(message)
            if nonce is not None:
                kwargs.update(nonce=nonce[:25])  # with enforce_nonce (discord.py adds it)
            try:
                await channel.send(**kwargs)
            finally:
                _forget_view(kwargs)
        except (discord.Forbidden, discord.NotFound):
            return Delivery.CLOSED
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        return Delivery.DELIVERED


PLATFORM = DISCORD


def _forget_view(kwargs: dict[str, object]) -> None:
    # Clicks on persistent buttons are handled by the registered DynamicItems, not by this View:
    # stop it so discord.py's view store does not keep one per message sent.
    view = kwargs.get("view")
    if isinstance(view, discord.ui.View):
        view.stop()
