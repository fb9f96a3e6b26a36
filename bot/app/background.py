"""Follow-up work that runs after the user was answered (card edits, DMs to many members): tracked
so tests and shutdown can wait for it, and logged when it fails instead of being lost silently."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable

log = logging.getLogger(__name__)


class Background:
    def __init__(self, name: str) -> None:
        self.name = name
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[Any], what: str) -> None:
        """Run `work` in the background; its failure is logged with `what`."""

        async def run() -> None:
            try:
                await work
            except Exception:
                log.exception("%s: %s failed", self.name, what)

        task = asyncio.create_task(run(), name=f"{self.name}:{what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    async def idle(self) -> None:
        """Wait until every spawned task (and any they spawned) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
