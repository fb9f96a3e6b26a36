"""Reminder delivery. Rows in `event_reminders` are the truth; the scheduler holds one in-memory
job per (event, offset), rebuilt from the rows at start-up, which fans out to every member's row.
Each row is claimed in the database before its DM is sent, so nothing is sent twice."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Iterable

import discord

from bot.domain import reminders as rem
from bot.i18n import t
from bot.i18n.format import CONTENT, cut, ts
from bot.storage.sqlite.events import EventsRepo

if TYPE_CHECKING:
    from bot.client import BaithakBot

log = logging.getLogger(__name__)
BATCH = 100
CONCURRENCY = 10


def job_id(event_id: int, offset_min: int) -> str:
    return f"event-reminder:{event_id}:{offset_min}"


class ReminderService:
    def __init__(self, bot: "BaithakBot", repo: EventsRepo) -> None:
        self.bot = bot
        self.repo = repo
        self.loaded_in: float | None = None
        self.jobs_loaded = 0
        self._running: set[asyncio.Task[None]] = set()

    async def load(self) -> None:
        """Start-up loader: one job per (event, offset) with pending rows; past ones run at once."""
        started = time.perf_counter()
        groups = await self.repo.pending_groups()
        for group in groups:
            self.schedule(group.event_id, group.offset_min, group.due_at)
        self.jobs_loaded = len(groups)
        self.loaded_in = time.perf_counter() - started
        log.info("event reminders: %d job(s) for %d pending reminder(s) scheduled in %.3fs",
                 len(groups), sum(g.count for g in groups), self.loaded_in)

    def schedule(self, event_id: int, offset_min: int, due: datetime) -> None:
        self.bot.scheduler.at(job_id(event_id, offset_min), due, self.fire, event_id, offset_min)

    def ensure(self, event_id: int, planned: Iterable[tuple[int, datetime]]) -> None:
        """Make sure a job exists for each planned (offset, due) of the event."""
        for offset, due in planned:
            if not self.bot.scheduler.has(job_id(event_id, offset)):
                self.schedule(event_id, offset, due)

    def replan(self, event_id: int, old_offsets: Iterable[int], planned: Iterable[tuple[int, datetime]]) -> None:
        """After an edit moved the start or the offsets: drop the old jobs, schedule the new ones."""
        self.drop(event_id, old_offsets)
        for offset, due in planned:
            self.schedule(event_id, offset, due)

    def drop(self, event_id: int, offsets: Iterable[int]) -> None:
        for offset in offsets:
            self.bot.scheduler.cancel(job_id(event_id, offset))

    async def fire(self, event_id: int, offset_min: int) -> None:
        """Claim and send every due reminder of one (event, offset), in batches."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            await self._fire(event_id, offset_min)
        except Exception:
            log.exception("event reminders for event %s at -%dm failed", event_id, offset_min)
        finally:
            if task is not None:
                self._running.discard(task)

    async def _fire(self, event_id: int, offset_min: int) -> None:
        event = await self.repo.get(event_id)
        if event is None or event.cancelled:
            return
        lang = (await self.bot.settings_for(event.guild_id)).language
        gate = asyncio.Semaphore(CONCURRENCY)
        while True:
            now = self.bot.clock.now()
            batch = await self.repo.claim(event_id, offset_min, now, limit=BATCH)
            if not batch:
                return
            outcomes: dict[str, list[int]] = defaultdict(list)

            async def one(claimed) -> None:  # type: ignore[no-untyped-def]
                kind = rem.classify(now, claimed.due_at, event.starts_at)
                if kind == rem.SKIP:
                    log.warning("reminder %s for event %s skipped: it was due %s and the event started %s",
                                claimed.id, event_id, claimed.due_at.isoformat(), event.starts_at.isoformat())
                    outcomes["skipped"].append(claimed.id)
                    return
                text = t(lang, "reminder.dm", title=event.title, relative=ts(event.starts_at, "R"),
                         start=ts(event.starts_at, "F"),
                         location=t(lang, "reminder.location", location=event.location) if event.location else "",
                         url=event.jump_url() or "")
                if kind == rem.LATE:
                    text = t(lang, "reminder.late") + "\n" + text
                async with gate:
                    try:
                        ok = await self.bot.send_dm(claimed.user_id, content=cut(text, CONTENT))
                    except discord.HTTPException:
                        log.exception("reminder %s to %s failed", claimed.id, claimed.user_id)
                        outcomes["failed"].append(claimed.id)
                        return
                if not ok:
                    log.info("reminder %s: %s has closed DMs; recorded, not retried", claimed.id, claimed.user_id)
                outcomes[("late" if kind == rem.LATE else "sent") if ok else "dm_closed"].append(claimed.id)

            await asyncio.gather(*(one(c) for c in batch))
            await self.repo.finish(dict(outcomes), self.bot.clock.now())

    async def idle(self) -> None:
        """Wait for reminder sends in progress (tests)."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)
