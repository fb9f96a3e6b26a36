"""The reminder fan-out and the announcement coalescer, on a real database with a stand-in sender."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.domain.clock import FixedClock
from bot.domain.events import plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.roles import Actor
from bot.scheduling import Scheduler
from bot.storage.sqlite.events import EventsRepo
from bot.app.refresh import Refresher
from cogs.events.reminders import ReminderService, job_id

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
SETTINGS = GuildSettings(guild_id=1, timezone="Asia/Karachi", language="en", announcements_channel=5)
ORGANISER = Actor(user_id=9, guild_id=1, manage_events=True)


class Sender:
    """Just what ReminderService needs from the bot: a clock, settings, a scheduler and DMs."""

    def __init__(self, clock: FixedClock, closed: set[int] = frozenset()) -> None:
        self.clock = clock
        self.closed = closed
        self.sent: list[tuple[int, str]] = []
        self.scheduler = Scheduler()

    async def settings_for(self, guild_id: int) -> GuildSettings:
        return SETTINGS

    async def send_dm(self, user_id: int, *, content: str) -> bool:
        if user_id in self.closed:
            return False
        self.sent.append((user_id, content))
        return True


async def test_fan_out_once_late_skip_and_closed(db) -> None:
    repo = EventsRepo(db)
    event = await repo.create(plan_event(ORGANISER, SETTINGS, title="Verification 101", when="tomorrow 6pm",
                                         now=NOW, channel_id=None, reminders="1h"), NOW)
    for uid in range(1, 251):
        await repo.rsvp(event.id, guild_id=1, user_id=uid, display_name="", choice="going", now=NOW)
    clock = FixedClock(event.starts_at - timedelta(minutes=30))  # due 30 minutes ago: late
    bot = Sender(clock, closed={7})
    service = ReminderService(bot, repo)  # type: ignore[arg-type]
    await bot.scheduler.start()
    await service.load()
    assert service.jobs_loaded == 1  # one job for 250 rows
    for _ in range(200):  # the job was due in the past: APScheduler runs it at once
        if not bot.scheduler.has(job_id(event.id, 60)):
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0)
    await service.idle()
    await service.fire(event.id, 60)  # a second run (e.g. a restart) finds nothing left to send
    await service.idle()
    assert sorted(uid for uid, _ in bot.sent) == [u for u in range(1, 251) if u != 7]
    assert all(text.startswith("(Sent late") for _, text in bot.sent)
    statuses = {s for _, _, s in await repo.reminder_statuses(event.id)}
    assert statuses == {"late", "dm_closed"}
    bot.scheduler.shutdown()


async def test_reminder_after_start_is_skipped(db) -> None:
    repo = EventsRepo(db)
    event = await repo.create(plan_event(ORGANISER, SETTINGS, title="Late", when="tomorrow 6pm",
                                         now=NOW, channel_id=None, reminders="1h"), NOW)
    await repo.rsvp(event.id, guild_id=1, user_id=3, display_name="", choice="maybe", now=NOW)
    bot = Sender(FixedClock(event.starts_at + timedelta(minutes=1)))
    await ReminderService(bot, repo).fire(event.id, 60)  # type: ignore[arg-type]
    assert bot.sent == []
    assert await repo.reminder_statuses(event.id) == [(3, 60, "skipped")]


async def test_refresher_coalesces_and_converges() -> None:
    renders: list[int] = []
    state = {"value": 0}

    async def render(event_id: int) -> None:
        renders.append(state["value"])
        await asyncio.sleep(0.01)

    refresher = Refresher(render, interval=0.05)
    for i in range(1, 101):
        state["value"] = i
        refresher.request(1)
        await asyncio.sleep(0.001)
    await refresher.flush()
    assert renders[-1] == 100  # the last edit shows the final state
    assert len(renders) < 20  # far fewer edits than changes
