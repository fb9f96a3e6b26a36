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
    per `interval`; a change landing during a render marks it dirty again and causes one more. A render
    that fails (a timeout or server error on the edit) is tried again, a few times with growing waits,
    so the last change of a burst is not left unshown."""

    def __init__(self, render: Callable[[int], Awaitable[None]], *, interval: float = 1.0,
                 retries: int = 4) -> None:
        self._render = render
        self.interval = interval
        self.retries = retries
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
        failures = 0
        try:
            while key in self._dirty:
                wait = self._last.get(key, 0.0) + self.interval * (2 ** failures) - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                # Cleared before reading the database: a click committed during the edit marks it
                # dirty again and causes one more edit.
                self._dirty.discard(key)
                self._last[key] = loop.time()
                try:
                    await self._render(key)
                    failures = 0
                except Exception:
                    failures += 1
                    if failures <= self.retries:
                        log.warning("could not refresh message %s (attempt %d); trying again", key, failures,
                                    exc_info=True)
                        self._dirty.add(key)
                    else:
                        log.exception("could not refresh message %s; giving up until the next change", key)
                        failures = 0
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
