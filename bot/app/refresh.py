"""Coalesced message edits: under a burst of clicks, each message (an event announcement, a resource
post) is edited at most once per interval, and always once after the last change, so what it shows
converges to the database while respecting Discord's rate limits."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


class Refresher:
    """`request(key)` marks a message dirty; one task per key renders it from the database, at most once
    per `interval`; a change landing during a render marks it dirty again and causes one more."""

    def __init__(self, render: Callable[[int], Awaitable[None]], *, interval: float = 1.0) -> None:
        self._render = render
        self.interval = interval
        self._dirty: set[int] = set()
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._last: dict[int, float] = {}

    @property
    def pending(self) -> bool:
        return bool(self._tasks)

    def request(self, key: int) -> None:
        """Ask for the message to show the current state (soon, not necessarily now)."""
        self._dirty.add(key)
        if key not in self._tasks:
            self._tasks[key] = asyncio.create_task(self._run(key), name=f"refresh-{key}")

    async def _run(self, key: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            while key in self._dirty:
                wait = self._last.get(key, 0.0) + self.interval - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                # Cleared before reading the database: a click committed during the edit marks it
                # dirty again and causes one more edit.
                self._dirty.discard(key)
                self._last[key] = loop.time()
                try:
                    await self._render(key)
                except Exception:
                    log.exception("could not refresh message %s", key)
        finally:
            # No await between the loop test and here: a request() cannot slip in unseen.
            self._tasks.pop(key, None)
            if len(self._last) > 10_000:
                self._last.clear()

    async def flush(self) -> None:
        """Wait until every requested refresh has been done (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
