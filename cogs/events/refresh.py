"""Coalesced announcement edits: under a burst of clicks, each announcement is edited at most once
per interval, and always once after the last change, so the counts converge to the truth while
respecting Discord's rate limits."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


class Refresher:
    def __init__(self, render: Callable[[int], Awaitable[None]], *, interval: float = 1.0) -> None:
        self._render = render
        self.interval = interval
        self._dirty: set[int] = set()
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._last: dict[int, float] = {}

    def request(self, event_id: int) -> None:
        """Ask for the announcement to show the current state (soon, not necessarily now)."""
        self._dirty.add(event_id)
        if event_id not in self._tasks:
            self._tasks[event_id] = asyncio.create_task(self._run(event_id), name=f"event-refresh-{event_id}")

    async def _run(self, event_id: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            while event_id in self._dirty:
                wait = self._last.get(event_id, 0.0) + self.interval - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                # Cleared before reading the database: a click committed during the edit marks it
                # dirty again and causes one more edit.
                self._dirty.discard(event_id)
                self._last[event_id] = loop.time()
                try:
                    await self._render(event_id)
                except Exception:
                    log.exception("could not refresh the announcement of event %s", event_id)
        finally:
            # No await between the loop test and here: a request() cannot slip in unseen.
            self._tasks.pop(event_id, None)
            if len(self._last) > 10_000:
                self._last.clear()

    async def flush(self) -> None:
        """Wait until every requested refresh has been done (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in self._tasks.values():
            task.cancel()
