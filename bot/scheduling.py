"""APScheduler wiring. The database holds what is due; the scheduler holds only in-memory jobs,
rebuilt from the database at start-up by the loaders each feature registers."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

Loader = Callable[[], Awaitable[None]]


class Scheduler:
    def __init__(self) -> None:
        self._aps = AsyncIOScheduler(timezone=timezone.utc)
        self._loaders: list[tuple[str, Loader]] = []
        self.started = False

    def add_loader(self, name: str, loader: Loader) -> None:
        """Register `loader`, run at start-up to schedule jobs from database rows."""
        self._loaders.append((name, loader))

    async def start(self) -> None:
        self._aps.start()
        self.started = True
        for name, loader in self._loaders:
            await loader()
            log.info("scheduler: %s loaded", name)

    async def reload(self) -> None:
        """Run every loader again: with several processes on one database, this picks up rows other
        processes planned and rows whose lease expired (their process died). Jobs keep their ids,
        so one already scheduled is replaced, not doubled."""
        for name, loader in self._loaders:
            try:
                await loader()
            except Exception:
                log.exception("scheduler: reloading %s failed", name)

    def at(self, job_id: str, when: datetime, func: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run `func(*args)` at `when` (now if past). One job per id: a second call replaces it."""
        self._aps.add_job(func, "date", run_date=when, args=args, id=job_id, replace_existing=True,
                          misfire_grace_time=None, coalesce=True)

    def cancel(self, job_id: str) -> None:
        try:
            self._aps.remove_job(job_id)
        except JobLookupError:
            pass

    def has(self, job_id: str) -> bool:
        return self._aps.get_job(job_id) is not None

    def job_count(self) -> int:
        return len(self._aps.get_jobs())

    def shutdown(self) -> None:
        if self.started:
            self._aps.shutdown(wait=False)
            self.started = False

    @staticmethod
    def utcnow() -> datetime:
        return datetime.now(timezone.utc)
