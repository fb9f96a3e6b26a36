"""Sending the same kind of DM to many members without flooding Discord."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Awaitable, Callable, Iterable

import discord

if TYPE_CHECKING:
    from bot.client import BaithakBot

log = logging.getLogger(__name__)
CONCURRENCY = 5


@dataclass
class Delivery:
    reached: list[int]
    closed: list[int]
    failed: list[int]


async def dm_many(bot: "BaithakBot", user_ids: Iterable[int],
                  content: Callable[[int], Awaitable[str] | str]) -> Delivery:
    """DM each user the text `content(user_id)`; closed DMs and failures are counted, not retried."""
    result = Delivery([], [], [])
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(uid: int) -> None:
        async with gate:
            text = content(uid)
            if not isinstance(text, str):
                text = await text
            try:
                ok = await bot.send_dm(uid, content=text)
            except discord.HTTPException:
                log.exception("DM to %s failed", uid)
                result.failed.append(uid)
                return
            (result.reached if ok else result.closed).append(uid)

    await asyncio.gather(*(one(uid) for uid in dict.fromkeys(user_ids)))
    return result
