"""The application layer: one service per feature, platform-neutral, built once at start-up.

Services take plain values (an actor, a community, ids, text), apply the domain's rules, and reach
the world only through the ports in `bot.ports`: the store's repositories, the Messenger (which
routes to whichever front ends run in this process), the Clock and the Scheduler. Front ends
(`cogs/` for Discord) translate platform input into these calls and render what comes back.
"""

from __future__ import annotations

import asyncio
import logging

from bot.app.attendance import AttendanceService
from bot.app.events import EventsService
from bot.app.reports import ReportsService
from bot.app.resources import ResourcesService
from bot.app.series import SeriesService
from bot.app.setup import SetupService
from bot.domain.clock import Clock, SystemClock
from bot.ports.messaging import Messengers
from bot.ports.runtime import Scheduler
from bot.settings import Settings


log = logging.getLogger(__name__)
DRAIN_SECONDS = 10.0


class App:
    """Every service, reached through typed attributes."""

    def __init__(self, config: Settings, store: "object", *, clock: Clock | None = None,
                 scheduler: Scheduler | None = None) -> None:
        from bot.scheduling import Scheduler as ApScheduler

        self.config = config
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.scheduler: Scheduler = scheduler or ApScheduler()
        self.messenger = Messengers()
        self.setup = SetupService(store.settings, default_timezone=config.timezone,  # type: ignore[attr-defined]
                                  default_language=config.language)
        # -- feature services (one block each) --
        self.events = EventsService(store.events, self.messenger, clock=self.clock,  # type: ignore[attr-defined]
                                    scheduler=self.scheduler, setup=self.setup)
        self.series = SeriesService(store.series, self.events, scheduler=self.scheduler)  # type: ignore[attr-defined]
        self.attendance = AttendanceService(store.attendance, self.events, scheduler=self.scheduler)  # type: ignore[attr-defined]
        self.resources = ResourcesService(store.resources, self.setup, self.messenger,  # type: ignore[attr-defined]
                                          self.clock)
        self.reports = ReportsService(store.reports, setup=self.setup, messenger=self.messenger,  # type: ignore[attr-defined]
                                      clock=self.clock, scheduler=self.scheduler)
        self._started = False

    async def start(self) -> None:
        """Rebuild scheduled jobs from the database and start the scheduler (once per process)."""
        if self._started:
            return
        self._started = True
        # dateparser loads its language data on first use (about a second): do it off the event
        # loop now rather than inside the first /event create.
        asyncio.get_running_loop().run_in_executor(None, _warm_dateparser)
        await self.scheduler.start()  # type: ignore[attr-defined]

    async def idle(self) -> None:
        """Wait for follow-up work in flight: edits, DMs, reminders (tests and shutdown)."""
        # -- feature idles --
        await self.events.idle()
        await self.resources.idle()
        await self.reports.idle()

    async def close(self) -> None:
        """Stop scheduled work, then let follow-up work in flight (card edits, DMs) finish while the
        front ends are still connected, for at most `DRAIN_SECONDS`. Queued writes are finished by
        the store's own close."""
        self.scheduler.shutdown()  # type: ignore[attr-defined]
        try:
            await asyncio.wait_for(self.idle(), DRAIN_SECONDS)
        except asyncio.TimeoutError:
            log.warning("shutdown: follow-up work still running after %ss was abandoned", DRAIN_SECONDS)
        self.events.close()


def _warm_dateparser() -> None:
    from datetime import datetime, timezone

    from bot.domain.errors import DomainError
    from bot.domain.when import parse_when

    try:
        parse_when("tomorrow 6pm", "UTC", datetime.now(timezone.utc))
    except DomainError:
        pass
