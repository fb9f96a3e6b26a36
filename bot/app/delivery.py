"""Sending the same kind of DM to many members without flooding the platform."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Iterable

from bot.domain.identity import Member
from bot.ports.messaging import Delivery, Message, Messenger, MessengerError

log = logging.getLogger(__name__)
CONCURRENCY = 5


@dataclass
class Deliveries:
    """Who was reached, who has closed DMs, whose DM failed."""

    reached: list[Member] = field(default_factory=list)
    closed: list[Member] = field(default_factory=list)
    failed: list[Member] = field(default_factory=list)


async def dm_many(messenger: Messenger, members: Iterable[Member],
                  message: Callable[[Member], Awaitable[Message] | Message]) -> Deliveries:
    """DM each member `message(member)`; closed DMs and failures are counted, not retried."""
    result = Deliveries()
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(member: Member) -> None:
        async with gate:
            msg = message(member)
            if not isinstance(msg, Message):
                msg = await msg
            try:
                outcome = await messenger.dm(member, msg)
            except MessengerError:
                log.exception("DM to %s failed", member)
                result.failed.append(member)
                return
            (result.reached if outcome is Delivery.DELIVERED else result.closed).append(member)

    await asyncio.gather(*(one(m) for m in dict.fromkeys(members)))
    return result
