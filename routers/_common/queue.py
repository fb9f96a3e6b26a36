"""The send queue: every Bot API call that sends or edits a message is paced to Telegram's limits
(about 1 a second in a private chat, 20 a minute in a group, 30 a second overall) and retried after
a 429's `retry_after`, so a flood-control answer never loses a message.

It is an aiogram request middleware: handlers' own `message.answer(...)` go through it as well as the
Messenger's sends. Pacing reserves a slot in each bucket in call order (GCRA), so bursts keep their
order and nobody starves.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramRetryAfter

log = logging.getLogger(__name__)

PACED_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto", "forwardmessage", "copymessage",
                           "editmessagetext", "editmessagecaption", "editmessagereplymarkup"})
PRIVATE = (1.0, 3)        # per second, burst
GROUP = (20 / 60, 20)
OVERALL = (30.0, 30)
MAX_ATTEMPTS = 20
SLACK = 1.05  # spacing a little wider than the limit: our clock and Telegram's do not start together


class Bucket:
    """Generic cell rate: `rate` calls a second with bursts of `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.interval = SLACK / rate
        self.tolerance = (burst - 1) * self.interval
        self.tat = 0.0  # theoretical arrival time of the next call

    def reserve(self, now: float) -> float:
        """Reserve the next slot; how long to wait for it."""
        tat = max(self.tat, now)
        allowed = tat - self.tolerance
        self.tat = tat + self.interval
        return max(allowed - now, 0.0)

    def push_back(self, until: float) -> None:
        """Telegram said wait: nothing goes out before `until`."""
        self.tat = max(self.tat, until + self.tolerance)


class SendQueue(BaseRequestMiddleware):
    def __init__(self, *, private: tuple[float, int] = PRIVATE, group: tuple[float, int] = GROUP,
                 overall: tuple[float, int] = OVERALL) -> None:
        self.limits = {"private": private, "group": group}
        self.chats: dict[int, Bucket] = {}
        self.overall = Bucket(*overall)
        self.retries = 0

    def _bucket(self, chat_id: int) -> Bucket:
        bucket = self.chats.get(chat_id)
        if bucket is None:
            if len(self.chats) > 50_000:  # idle chats' buckets are all in the past: start over
                self.chats.clear()
            bucket = self.chats[chat_id] = Bucket(*self.limits["private" if chat_id > 0 else "group"])
        return bucket

    async def pace(self, chat_id: Any) -> None:
        if isinstance(chat_id, int):
            wait = self._bucket(chat_id).reserve(time.monotonic())
            if wait:
                await asyncio.sleep(wait)
        wait = self.overall.reserve(time.monotonic())
        if wait:
            await asyncio.sleep(wait)

    async def __call__(self, make_request: Any, bot: Any, method: Any) -> Any:
        name = getattr(method, "__api_method__", "").lower()
        if name not in PACED_METHODS:
            return await make_request(bot, method)
        chat_id = getattr(method, "chat_id", None)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            await self.pace(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                self.retries += 1
                until = time.monotonic() + exc.retry_after
                if isinstance(chat_id, int):
                    self._bucket(chat_id).push_back(until)
                log.info("%s to %s: flood control, retrying in %ss", name, chat_id, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
        raise AssertionError("unreachable")
