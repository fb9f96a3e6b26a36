"""Time and scheduled work, as the app layer sees them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Awaitable, Callable, Protocol

from bot.domain.clock import Clock

__all__ = ["Clock", "Scheduler"]


class Scheduler(Protocol):
    """In-memory jobs rebuilt from database rows (the rows are the truth)."""

    def add_loader(self, name: str, loader: Callable[[], Awaitable[None]]) -> None:
        """Run `loader` at start-up to schedule jobs from the rows that are due."""
        ...

    def at(self, job_id: str, when: datetime, func: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run `func(*args)` at `when` (at once if past); one job per id."""
        ...

    def cancel(self, job_id: str) -> None: ...

    def has(self, job_id: str) -> bool: ...
