"""A Scheduler that runs nothing by itself: the test moves its clock and runs what is due."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Awaitable, Callable


class ManualScheduler:
    """Implements `bot.ports.runtime.Scheduler`; `run_due(now)` runs (and forgets) every job due by
    `now`, earliest first, as the real scheduler would once the time comes."""

    def __init__(self) -> None:
        self.jobs: dict[str, tuple[datetime, Callable[..., Awaitable[Any]], tuple[Any, ...]]] = {}
        self.loaders: list[tuple[str, Callable[[], Awaitable[None]]]] = []

    def add_loader(self, name: str, loader: Callable[[], Awaitable[None]]) -> None:
        self.loaders.append((name, loader))

    async def start(self) -> None:
        for _, loader in self.loaders:
            await loader()

    def at(self, job_id: str, when: datetime, func: Callable[..., Awaitable[Any]], *args: Any) -> None:
        self.jobs[job_id] = (when, func, args)

    def cancel(self, job_id: str) -> None:
        self.jobs.pop(job_id, None)

    def has(self, job_id: str) -> bool:
        return job_id in self.jobs

    def shutdown(self) -> None:
        self.jobs.clear()

    async def run_due(self, now: datetime) -> int:
        """Run the jobs due by `now`; returns how many ran."""
        due = sorted((when, job_id) for job_id, (when, _, _) in self.jobs.items() if when <= now)
        for _, job_id in due:
            _, func, args = self.jobs.pop(job_id)
            await func(*args)
        return len(due)
