"""The Messenger port over discord.py: posts, edits and DMs rendered from the neutral model."""

from __future__ import annotations

import asyncio
import logging
import time

import discord

from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.i18n.format import cut
from bot.ports.messaging import Delivery, Listing, Message, MessengerError, PlaceGone
from cogs._common.render import send_kwargs

log = logging.getLogger(__name__)
# Discord's global limit is 50 requests a second per bot; the Messenger keeps its own requests just
# under it, so a fan-out of thousands of DMs runs at the limit without drawing 429s (each of which
# Discord counts as an invalid request). Anything else the bot sends still shares the budget: a 429
# that happens anyway is waited out and retried by discord.py.
GLOBAL_PER_SECOND = 48.0


def share_of_limit(shards: tuple[int, ...] | None, shard_count: int | None) -> float:
    """This process's requests a second: the whole global budget when it serves every shard; when
    several processes split the shards, the budget (one per bot token, shared by all of them) in
    proportion to the shards it serves, so together they stay under it."""
    if not shards or not shard_count:
        return GLOBAL_PER_SECOND
    return GLOBAL_PER_SECOND * min(len(set(shards)), shard_count) / shard_count


class Pacer:
    """Starts spaced evenly at `rate` a second, first come first served; no waiting while under the
    rate. (Even spacing rather than bursts: bursts reach the platform bunched and straddle its
    windows.)"""

    def __init__(self, rate: float) -> None:
        self.gap = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.gap
        if slot > now:
            await asyncio.sleep(slot - now)


class DiscordMessenger:
    def __init__(self, client: discord.Client, *, per_second: float = GLOBAL_PER_SECOND) -> None:
        self.client = client
        self.pacer = Pacer(per_second)
        # member id -> their DM channel's id. discord.py keeps only the last 128 DM channels, so
        # a reminder to thousands would open each one again; a DM channel never changes.
        self._dm_channels: dict[int, int] = {}
        self.dm_channels_opened = 0

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        channel = self.client.get_partial_messageable(place.id)
        kwargs = send_kwargs(message)
        if nonce is not None:
            # discord.py sends enforce_nonce with every nonce: Discord answers a resend within
            # minutes with the first message.
            kwargs.update(nonce=nonce[:25])
        try:
            await self.pacer.wait()
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
            await self.pacer.wait()
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
            await self.pacer.wait()
            await partial.delete()
        except discord.NotFound:
            return False
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        return True

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        try:
            channel = await self._dm_channel(member.id)
            kwargs = send_kwargs(message)
            if nonce is not None:
                kwargs.update(nonce=nonce[:25])  # with enforce_nonce (discord.py adds it)
            try:
                await self.pacer.wait()
                await channel.send(**kwargs)
            finally:
                _forget_view(kwargs)
        except (discord.Forbidden, discord.NotFound):
            return Delivery.CLOSED
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        return Delivery.DELIVERED

    async def list_event(self, community: Community, listing: Listing, listed_id: int | None) -> int | None:
        """A guild scheduled event (EXTERNAL, members only) mirroring an announcement: created, updated,
        or cancelled (status 4). Skipped, with no request, where the bot lacks Manage Events; a 403
        (the permission taken away meanwhile) is a skip too."""
        guild = self.client.get_guild(community.id)
        if guild is None or not guild.me.guild_permissions.manage_events:
            return None
        http = self.client.http
        payload: dict[str, object]
        if listing.cancelled:
            payload = {"status": 4}
        else:
            payload = {"name": cut(listing.title, 100), "privacy_level": 2, "entity_type": 3,
                       "entity_metadata": {"location": cut(listing.location, 100)},
                       "scheduled_start_time": listing.starts_at.isoformat(),
                       "scheduled_end_time": listing.ends_at.isoformat(),
                       "description": cut(listing.description, 1000)}
        try:
            await self.pacer.wait()
            if listed_id is None:
                made = await http.create_guild_scheduled_event(community.id, **payload)
                return int(made["id"])
            await http.edit_scheduled_event(community.id, listed_id, **payload)
            return listed_id
        except discord.Forbidden:
            return None
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc

    async def _dm_channel(self, user_id: int) -> discord.abc.Messageable:
        """The member's DM channel, opened with one request the first time and remembered."""
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:
            found = self.client._connection._get_private_channel_by_user(user_id)  # discord.py's own cache
            if found is None:
                await self.pacer.wait()
                found = await self.client.create_dm(discord.Object(id=user_id))  # type: ignore[attr-defined]
                self.dm_channels_opened += 1
            channel_id = self._dm_channels[user_id] = found.id
        return self.client.get_partial_messageable(channel_id, type=discord.ChannelType.private)


PLATFORM = DISCORD


def _forget_view(kwargs: dict[str, object]) -> None:
    # Clicks on persistent buttons are handled by the registered DynamicItems, not by this View:
    # stop it so discord.py's view store does not keep one per message sent.
    view = kwargs.get("view")
    if isinstance(view, discord.ui.View):
        view.stop()
