"""One whole events flow through `bot.app` alone: no Discord, no fake server. A real SQLite store, a
clock the test moves, a scheduler the test runs, and a Messenger that records what would be sent.

An organiser announces an event; members answer (one ends up on the waitlist); the day-before
reminder goes out once to going and maybe members; the organiser cancels; nothing more is sent."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import App
from bot.app.events import RSVP_GO, RSVP_ICS, RSVP_MAYBE, RSVP_NO
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.domain.identity import DISCORD, Member, Place
from bot.domain.roles import Actor
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
START = datetime(2026, 3, 11, 13, 0, tzinfo=timezone.utc)  # "tomorrow 6pm" in Karachi
GUILD = 100
CHANNEL = 500
ORGANISER_ROLE = 7
TITLE = "Fact-check clinic"

ADMIN = Actor(user_id=1, guild_id=GUILD, manage_guild=True, display_name="Admin")
ORGANISER = Actor(user_id=2, guild_id=GUILD, role_ids=frozenset({ORGANISER_ROLE}), display_name="Organiser")
ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")
CLOSED = Actor(user_id=12, guild_id=GUILD, display_name="Closed DMs")
CAROL = Actor(user_id=13, guild_id=GUILD, display_name="Carol")
DAVE = Actor(user_id=14, guild_id=GUILD, display_name="Dave")
ERIN = Actor(user_id=15, guild_id=GUILD, display_name="Erin")


@pytest.fixture
async def flow(tmp_path: Path):
    settings = Settings(token=None, database=tmp_path / "flow.sqlite3", dev_guild=None, timezone="Asia/Karachi",
                        language="en", log_level="INFO", api_base=None, gateway_url=None)
    store = await SqliteStore.open(settings.database)
    clock = FixedClock(NOW)
    scheduler = ManualScheduler()
    app = App(settings, store, clock=clock, scheduler=scheduler)
    messenger = MemoryMessenger(closed={CLOSED.user_id})
    app.messenger.register(DISCORD, messenger)
    await app.start()
    yield app, messenger, clock, scheduler
    await app.idle()
    await app.close()
    await store.close()


def fields(message) -> dict[str, str]:
    return {f.name: f.value for f in message.cards[0].fields}


def reminders_to(messenger: MemoryMessenger, actor: Actor) -> list[str]:
    return [text for text in messenger.dms_to(actor.user_id) if text.startswith("Reminder:")]


async def test_create_rsvp_remind_cancel(flow) -> None:
    app, messenger, clock, scheduler = flow
    await app.setup.change(ADMIN, SettingsChange(announcements_channel=CHANNEL, organiser_role=ORGANISER_ROLE))

    # The organiser announces the event: one post in the announcements channel, answered with its time.
    created = await app.events.create(ORGANISER, title=TITLE, when="tomorrow 6pm", capacity=2,
                                      location="Karachi Press Club")
    assert TITLE in created.text and f"<t:{int(START.timestamp())}:F>" in created.text
    (post,) = messenger.posts
    assert post.place == Place(DISCORD, CHANNEL)
    card = post.message.cards[0]
    assert card.title == TITLE
    assert fields(post.message)["Going"] == "0/2" and fields(post.message)["Location"] == "Karachi Press Club"
    event_id = post.message.buttons[0][0].target[0]
    assert [(b.action, b.target, b.label) for b in post.message.buttons[0]] == [
        (RSVP_GO, (event_id,), "Going"), (RSVP_MAYBE, (event_id,), "Maybe"), (RSVP_NO, (event_id,), "Can't go"),
        (RSVP_ICS, (event_id,), "Add to calendar")]
    assert not any(b.disabled for b in post.message.buttons[0])
    assert f"/{GUILD}/{CHANNEL}/{post.ref.id}" in created.text  # links to the announcement

    # Members answer; the third to say Going finds the event full and joins the waitlist.
    assert "You're going" in (await app.events.rsvp(ALICE, event_id, "going")).text
    assert "You're going" in (await app.events.rsvp(CLOSED, event_id, "going")).text
    waiting = await app.events.rsvp(CAROL, event_id, "going")
    assert TITLE in waiting.text and "waitlist, number 1" in waiting.text
    assert "maybe" in (await app.events.rsvp(DAVE, event_id, "maybe")).text
    assert "can't make it" in (await app.events.rsvp(ERIN, event_id, "declined")).text
    await app.idle()
    shown = messenger.current(post.ref)
    assert (fields(shown)["Going"], fields(shown)["Maybe"], fields(shown)["Waitlist"]) == ("2/2", "1", "1")
    assert messenger.edits and all(e.ref == post.ref for e in messenger.edits)
    assert messenger.dms == []  # nobody is DMed for answering

    # The day before: the 24-hour reminder job fires, once per going or maybe member.
    clock.moment = START - timedelta(hours=24)
    assert await scheduler.run_due(clock.now()) == 1
    await app.idle()
    for member in (ALICE, DAVE):
        (reminder,) = reminders_to(messenger, member)
        assert TITLE in reminder and "Karachi Press Club" in reminder
    for member in (CLOSED, CAROL, ERIN):  # closed DMs, waitlisted, can't go
        assert reminders_to(messenger, member) == []
    assert [d.member for d in messenger.refused] == [Member(DISCORD, CLOSED.user_id)]
    rows = {(m.id, offset): status for m, offset, status in await app.store.events.reminder_statuses(event_id)}
    assert rows[(ALICE.user_id, 1440)] == rows[(DAVE.user_id, 1440)] == "sent"
    assert rows[(CLOSED.user_id, 1440)] == "dm_closed"  # recorded, not retried
    # Firing again (a restart, a duplicate job) sends nothing, not even to the closed member.
    await app.events.reminders.fire(event_id, 1440)
    assert await scheduler.run_due(clock.now()) == 0
    await app.idle()
    assert [len(reminders_to(messenger, m)) for m in (ALICE, DAVE, CLOSED)] == [1, 1, 0]
    assert len(messenger.refused) == 1

    # The organiser cancels: the announcement says so with its buttons off, members who answered are
    # told once, and the hour-before reminder never goes out.
    dms_before = len(messenger.dms)
    done = await app.events.cancel(ORGANISER, str(event_id), "Heavy rain")
    assert TITLE in done.text and "cancelled" in done.text
    assert "3 members told" in done.text and "1 member could not be reached" in done.text
    await app.idle()
    shown = messenger.current(post.ref)
    assert shown.cards[0].title == f"CANCELLED: {TITLE}"
    assert fields(shown)["Cancelled"] == "Heavy rain"
    assert all(b.disabled for b in shown.buttons[0])
    told = messenger.dms[dms_before:]
    assert sorted(d.member.id for d in told) == [ALICE.user_id, CAROL.user_id, DAVE.user_id]
    assert all(TITLE in d.message.text and "Heavy rain" in d.message.text for d in told)
    assert messenger.dms_to(ERIN.user_id) == []

    clock.moment = START - timedelta(hours=1)
    assert await scheduler.run_due(clock.now()) == 0  # the job was dropped with the event
    await app.events.reminders.fire(event_id, 60)  # and a stray job finds nothing to send
    await app.idle()
    assert len(messenger.dms) == dms_before + 3
    assert [len(reminders_to(messenger, m)) for m in (ALICE, CAROL, DAVE)] == [1, 0, 1]
    # Answers after the cancellation are refused; nothing else was posted.
    with pytest.raises(DomainError, match="rsvp.cancelled"):
        await app.events.rsvp(ERIN, event_id, "going")
    # Posted: the announcement and, at the 24h reminder, one line about the member with closed DMs.
    assert len(messenger.posts) == 2 and messenger.deletes == []
    assert messenger.posts[1].message.text.startswith("1 member could not be reminded of **Fact-check clinic**")
