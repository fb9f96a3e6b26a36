"""Event reminders. Rows in the repository are the truth; the scheduler holds one in-memory job per
(event, offset), rebuilt from the rows at start-up, which fans out to every member's row. Each row is
claimed before its DM is sent, and sent with the row's nonce: a claim left by a process that died
before recording the outcome is re-sent at the next start, and the platform answers that resend with
the DM already delivered, if it was. Every member gets each reminder exactly once."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from zoneinfo import ZoneInfo
from typing import Awaitable, Callable, Iterable

from bot.domain import reminders as rem
from bot.domain.clock import Clock
from bot.domain.events import Event
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community, Member
from bot.i18n import dates, t
from bot.i18n.format import CONTENT, cut, ts
from bot.ports.events import Claimed, EventsRepository
from bot.ports.messaging import Delivery, Message, Messenger, MessengerError
from bot.ports.runtime import Scheduler

log = logging.getLogger(__name__)
BATCH = 100
CONCURRENCY = 25  # sends in flight; the Messenger paces them to the platform's limit


def job_id(event_id: int, offset_min: int) -> str:
    return f"event-reminder:{event_id}:{offset_min}"


def nonce(reminder_id: int) -> str:
    """The reminder row's own nonce (at most 25 characters): a resend after a crash between claim
    and send is answered by the platform with the DM already sent, not delivered twice."""
    return f"bk-rem-{reminder_id}"


def written_out(moment: datetime, zone: str) -> str:
    """A time written out in a zone, with the zone named: `2026-03-20 18:00 (Europe/London)`."""
    return f"{moment.astimezone(ZoneInfo(zone)).strftime('%Y-%m-%d %H:%M')} ({zone})"


def _start(lang: str, moment: datetime, zone: str) -> str:
    """The start in a reminder, in the member's `zone`: in Urdu written out in Urdu with the zone
    named (Discord would show its timestamp in English); otherwise Discord's timestamp (each reader's
    own clock) and the time written out in `zone`."""
    start = dates.start(lang, moment, zone)
    return start if lang == "ur" else f"{start}; {written_out(moment, zone)}"


def reminder_message(event: Event, lang: str, *, late: bool, now: datetime | None = None,
                     zone: str | None = None) -> Message:
    """The reminder DM: title, how soon, the start (written out in the member's own zone, else the
    event's), location, link to the announcement. In Urdu the start is written out and "how soon" is
    an Urdu phrase as of `now` (Discord would show its own timestamps in English)."""
    soon = dates.relative(lang, event.starts_at, now) if now is not None else ts(event.starts_at, "R")
    text = t(lang, "reminder.dm", title=event.title, relative=soon,
             start=_start(lang, event.starts_at, zone or event.timezone),
             location=t(lang, "reminder.location", location=event.location) if event.location else "",
             url=event.jump_url() or "")
    if late:
        text = t(lang, "reminder.late") + "\n" + text
    return Message(text=cut(text, CONTENT))


class ReminderService:
    """Schedules, claims and sends reminder DMs (going and maybe members, at each offset)."""

    def __init__(self, repo: EventsRepository, messenger: Messenger, *, clock: Clock, scheduler: Scheduler,
                 settings_for: Callable[[Community], Awaitable[GuildSettings]]) -> None:
        self.repo = repo
        self.messenger = messenger
        self.clock = clock
        self.scheduler = scheduler
        self.settings_for = settings_for
        self.loaded_in: float | None = None
        self.jobs_loaded = 0
        self._running: set[asyncio.Task[None]] = set()
        # Told how many members of one (event, offset) could not be reminded (DMs closed).
        self.on_closed: Callable[[Event, int, int], Awaitable[None]] | None = None
        # The member's own zone (/my timezone), for the time written out in the DM.
        self.zone_of: Callable[[Member], Awaitable[str | None]] | None = None
        self._loaded_once = False

    async def load(self) -> None:
        """Start-up loader: one job per (event, offset) with pending rows; past ones run at once."""
        started = time.perf_counter()
        # Only at start-up: a later reload (the sweep on a shared store) would take back this
        # process's own claims while their sends are still in flight.
        requeued = 0 if self._loaded_once else await self.repo.requeue_claimed()
        self._loaded_once = True
        if requeued:
            log.warning("event reminders: %d claimed by a process that stopped before sending them; "
                        "re-sending with their nonces (no member gets one twice)", requeued)
        groups = await self.repo.pending_groups()
        for group in groups:
            self.schedule(group.event_id, group.offset_min, group.due_at)
        self.jobs_loaded = len(groups)
        self.loaded_in = time.perf_counter() - started
        log.info("event reminders: %d job(s) for %d pending reminder(s) scheduled in %.3fs",
                 len(groups), sum(g.count for g in groups), self.loaded_in)

    def schedule(self, event_id: int, offset_min: int, due: datetime) -> None:
        """(Re)place the job of one (event, offset) at `due`."""
        self.scheduler.at(job_id(event_id, offset_min), due, self.fire, event_id, offset_min)

    def ensure(self, event_id: int, planned: Iterable[tuple[int, datetime]]) -> None:
        """Make sure a job exists for each planned (offset, due) of the event."""
        for offset, due in planned:
            if not self.scheduler.has(job_id(event_id, offset)):
                self.schedule(event_id, offset, due)

    def replan(self, event_id: int, old_offsets: Iterable[int], planned: Iterable[tuple[int, datetime]]) -> None:
        """After an edit moved the start or the offsets: drop the old jobs, schedule the new ones."""
        self.drop(event_id, old_offsets)
        for offset, due in planned:
            self.schedule(event_id, offset, due)

    def drop(self, event_id: int, offsets: Iterable[int]) -> None:
        """Forget the jobs of a cancelled event (its rows are already gone)."""
        for offset in offsets:
            self.scheduler.cancel(job_id(event_id, offset))

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
        settings = await self.settings_for(event.community)
        lang = settings.language
        # Rows are claimed a batch at a time, at most about two batches ahead of the sends, and
        # CONCURRENCY senders take them as they come: the platform's budget is used without a pause
        # at the end of each batch.
        queue: asyncio.Queue[tuple[Claimed, datetime] | None] = asyncio.Queue(maxsize=BATCH)
        closed = 0

        async def claim_all() -> None:
            try:
                while True:
                    now = self.clock.now()
                    batch = await self.repo.claim(event_id, offset_min, now, limit=BATCH)
                    for claimed in batch:
                        await queue.put((claimed, now))
                    if len(batch) < BATCH:
                        return
            finally:  # the senders drain what was claimed, then stop
                for _ in range(CONCURRENCY):
                    await queue.put(None)

        async def sender() -> None:
            nonlocal closed
            while (item := await queue.get()) is not None:
                # Each send is recorded as soon as it is made (one small write each: the SQLite
                # writer batches concurrent ones), so a process killed mid-fan-out leaves at most the
                # sends in flight unrecorded, never a whole batch for another process to repeat.
                claimed, now = item
                try:
                    status = await send(claimed, now)
                    await self.repo.finish({status: [claimed.id]}, self.clock.now())
                except Exception:  # left claimed: re-sent with its nonce at the next start
                    log.exception("reminder %s for event %s: recording its outcome failed", claimed.id, event_id)
                    continue
                if status == rem.DM_CLOSED:
                    closed += 1

        async def send(claimed: Claimed, now: datetime) -> str:
            kind = rem.classify(now, claimed.due_at, event.starts_at)
            if kind == rem.SKIP:
                log.warning("reminder %s for event %s skipped: it was due %s and the event started %s",
                            claimed.id, event_id, claimed.due_at.isoformat(), event.starts_at.isoformat())
                return rem.SKIPPED
            late = kind == rem.LATE
            try:
                # The time written out in the member's own zone (/my timezone), else the community's.
                zone = (await self.zone_of(claimed.member) if self.zone_of else None) or settings.timezone
                delivery = await self.messenger.dm(
                    claimed.member, reminder_message(event, lang, late=late, now=now, zone=zone),
                    nonce=nonce(claimed.id))
            except MessengerError:
                log.exception("reminder %s to %s failed", claimed.id, claimed.member)
                return rem.FAILED
            if delivery is Delivery.CLOSED:
                log.info("reminder %s: %s has closed DMs; recorded, not retried", claimed.id, claimed.member)
                return rem.DM_CLOSED
            return rem.SENT_LATE if late else rem.SENT

        senders = [asyncio.ensure_future(sender()) for _ in range(CONCURRENCY)]
        try:
            await claim_all()
            await asyncio.gather(*senders)
        finally:
            for task in senders:  # only when the fan-out itself is cancelled (shutdown)
                task.cancel()
        if closed and self.on_closed is not None:
            await self.on_closed(event, offset_min, closed)

    async def idle(self) -> None:
        """Wait for reminder sends in progress (tests, shutdown)."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)
