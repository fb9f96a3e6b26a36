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
from bot.app.communities import Communities
from bot.app.digest import DigestService
from bot.app.directories import Directories
from bot.app.event_templates import MyZoneService, TemplatesService
from bot.app.events import EventsService
from bot.app.factchecks import FactchecksService
from bot.app.help import HelpService
from bot.app.network import NetworkService
from bot.app.reports import ReportsService
from bot.app.reports.actions import ActionsService
from bot.app.reports.conversation import ConversationService
from bot.app.resources import ResourcesService
from bot.app.series import SeriesService
from bot.app.setup import SetupService
from bot.app.telegram import TelegramService
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
        # What the front ends know of their communities (names, owners, links): every service that
        # names a community reads it; each front end registers its directory when it starts.
        self.directories = Directories()
        self.setup = SetupService(store.settings, default_timezone=config.timezone,  # type: ignore[attr-defined]
                                  default_language=config.language)
        # Communities linked across platforms (every driver has `links` and `telegram`).
        self.communities = Communities(store.links, store.telegram, self.setup, self.clock)  # type: ignore[attr-defined]
        # -- feature services (one block each) --
        self.events = EventsService(store.events, self.messenger, clock=self.clock,  # type: ignore[attr-defined]
                                    scheduler=self.scheduler, setup=self.setup,
                                    extras=store.event_extras,  # type: ignore[attr-defined]
                                    communities=self.communities)
        self.series = SeriesService(store.series, self.events, scheduler=self.scheduler)  # type: ignore[attr-defined]
        self.templates = TemplatesService(self.events.extras, self.events)  # type: ignore[arg-type]
        self.my_zone = MyZoneService(self.events.extras, self.events)  # type: ignore[arg-type]
        self.attendance = AttendanceService(store.attendance, self.events, scheduler=self.scheduler)  # type: ignore[attr-defined]
        self.network = NetworkService(store.network, setup=self.setup, clock=self.clock,  # type: ignore[attr-defined]
                                      directories=self.directories)
        self.resources = ResourcesService(store.resources, self.setup, self.messenger,  # type: ignore[attr-defined]
                                          self.clock, communities=self.communities, network=self.network,
                                          directories=self.directories)
        self.reports = ReportsService(store.reports, setup=self.setup, messenger=self.messenger,  # type: ignore[attr-defined]
                                      clock=self.clock, scheduler=self.scheduler, communities=self.communities,
                                      directories=self.directories)
        # Telegram's own use cases (reachability, organisers, forms, moderators' groups).
        self.telegram = TelegramService(store.telegram, self.setup, self.clock, store.events)  # type: ignore[attr-defined]
        self.help = HelpService(self.setup)
        # Registers itself with the reports service (reports matching a published fact-check).
        self.factchecks = FactchecksService(store.factchecks, reports=self.reports, setup=self.setup,  # type: ignore[attr-defined]
                                            network=self.network, messenger=self.messenger, clock=self.clock)
        # Registers itself with the setup service (reschedules when a community's slot changes).
        self.digest = DigestService(store.digest, factchecks=store.factchecks, setup=self.setup,  # type: ignore[attr-defined]
                                    messenger=self.messenger, clock=self.clock, scheduler=self.scheduler,
                                    directories=self.directories, communities=self.communities)
        self.report_conversation = ConversationService(store.report_conversation, self.reports)  # type: ignore[attr-defined]
        self.report_actions = ActionsService(self.report_conversation)
        self._started = False
        self._closed = False
        self._sweeper: asyncio.Task[None] | None = None

    async def _sweep(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.scheduler.reload()  # type: ignore[attr-defined]

    async def start(self) -> None:
        """Rebuild scheduled jobs from the database and start the scheduler (once per process)."""
        if self._started:
            return
        self._started = True
        # dateparser loads its language data on first use (about a second): do it off the event
        # loop now rather than inside the first /event create.
        asyncio.get_running_loop().run_in_executor(None, _warm_dateparser)
        await self.scheduler.start()  # type: ignore[attr-defined]
        shown = await self.events.refresh_recent()
        if shown:
            log.info("showing the current answers on %d announcement(s) again after the start", shown)
        lease = getattr(self.store, "lease", None)
        if getattr(self.store, "shared", False) and lease is not None:
            # Several processes on one database (PostgreSQL): look again, twice per lease, for due
            # rows planned elsewhere or left by a process that died.
            self._sweeper = asyncio.create_task(self._sweep(lease.seconds / 2), name="scheduled-rows-sweep")

    async def idle(self) -> None:
        """Wait for follow-up work in flight: edits, DMs, reminders (tests and shutdown)."""
        # -- feature idles --
        await self.events.idle()
        await self.resources.idle()
        await self.reports.idle()
        await self.factchecks.idle()

    async def close(self) -> None:
        """Stop scheduled work, then let follow-up work in flight (card edits, DMs) finish while the
        front ends are still connected, for at most `DRAIN_SECONDS`. Queued writes are finished by
        the store's own close. Once per process, whichever front end stops first."""
        if self._closed:
            return
        self._closed = True
        if self._sweeper is not None:
            self._sweeper.cancel()
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
