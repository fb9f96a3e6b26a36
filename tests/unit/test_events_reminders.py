"""The reminder fan-out and the announcement coalescer, on a real database with a recording messenger."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.app.refresh import Refresher
from bot.app.reminders import ReminderService, job_id
from bot.domain.clock import FixedClock
from bot.domain.events import plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.roles import Actor
from bot.scheduling import Scheduler
from bot.storage.sqlite.events import SqliteEventsRepository
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
SETTINGS = GuildSettings(guild_id=1, timezone="Asia/Karachi", language="en", announcements_channel=5)
ORGANISER = Actor(user_id=9, guild_id=1, manage_events=True)
HERE = Community(DISCORD, 1)


async def settings_for(community: Community) -> GuildSettings:
    return SETTINGS


def reminders(repo, clock: FixedClock, messenger: MemoryMessenger) -> ReminderService:
    """Just what ReminderService needs: the repository, a messenger, a clock, settings, a scheduler."""
    return ReminderService(repo, messenger, clock=clock, scheduler=Scheduler(), settings_for=settings_for)


async def test_fan_out_once_late_skip_and_closed(db) -> None:
    repo = SqliteEventsRepository(db)
    event = await repo.create(plan_event(ORGANISER, SETTINGS, title="Verification 101", when="tomorrow 6pm",
                                         now=NOW, channel_id=None, reminders="1h"), NOW)
    for uid in range(1, 251):
        await repo.rsvp(event.id, community=HERE, member=Member(DISCORD, uid), display_name="", choice="going",
                        now=NOW)
    clock = FixedClock(event.starts_at - timedelta(minutes=30))  # due 30 minutes ago: late
    messenger = MemoryMessenger(closed={7})
    service = reminders(repo, clock, messenger)
    scheduler = service.scheduler
    await scheduler.start()
    await service.load()
    assert service.jobs_loaded == 1  # one job for 250 rows
    for _ in range(200):  # the job was due in the past: APScheduler runs it at once
        if not scheduler.has(job_id(event.id, 60)):
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0)
    await service.idle()
    await service.fire(event.id, 60)  # a second run (e.g. a restart) finds nothing left to send
    await service.idle()
    sent = [(d.member.id, d.message.text) for d in messenger.dms]
    assert sorted(uid for uid, _ in sent) == [u for u in range(1, 251) if u != 7]
    assert all(text.startswith("(Sent late") for _, text in sent)
    statuses = {s for _, _, s in await repo.reminder_statuses(event.id)}
    assert statuses == {"late", "dm_closed"}
    scheduler.shutdown()


async def test_reminder_after_start_is_skipped(db) -> None:
    repo = SqliteEventsRepository(db)
    event = await repo.create(plan_event(ORGANISER, SETTINGS, title="Late", when="tomorrow 6pm",
                                         now=NOW, channel_id=None, reminders="1h"), NOW)
    await repo.rsvp(event.id, community=HERE, member=Member(DISCORD, 3), display_name="", choice="maybe", now=NOW)
    messenger = MemoryMessenger()
    await reminders(repo, FixedClock(event.starts_at + timedelta(minutes=1)), messenger).fire(event.id, 60)
    assert messenger.dms == []
    assert await repo.reminder_statuses(event.id) == [(Member(DISCORD, 3), 60, "skipped")]


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


async def test_refresher_tries_a_failed_last_edit_again() -> None:
    """The edit after a burst's last click fails once (a timeout, a 5xx): the message must still come to
    show the final state, not stay one change behind."""
    shown: list[int] = []
    state = {"value": 0, "fail": 2}

    async def render(event_id: int) -> None:
        if state["fail"]:
            state["fail"] -= 1
            raise TimeoutError("edit timed out")
        shown.append(state["value"])

    refresher = Refresher(render, interval=0.01)
    state["value"] = 7
    refresher.request(1)
    await refresher.flush()
    assert shown == [7]

    state["fail"] = 99  # a message that can never be edited is given up on, not retried forever
    refresher.request(1)
    await refresher.flush()
    assert shown == [7] and state["fail"] == 99 - 5
