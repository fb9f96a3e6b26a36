"""Native Discord scheduled events beside announcements (issue 15): with Manage Events the bot lists
each announced event (and each series occurrence as it is announced) in the server's Events list,
updates it on edit and cancels it on cancel; without the permission nothing is listed and nothing
fails. The real client against fakediscord, which validates the payloads as Discord does."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from fakediscord import permissions as P
from fakediscord.models import EVENT_CANCELED, EVENT_EXTERNAL, EVENT_SCHEDULED
from tests.conftest import DATABASES
from tests.harness import until

pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def event_id_of(message) -> int:
    return int(re.search(r"bk:ev:(\d+):go", str(message.components)).group(1))


async def slash(h, who, command, **options):
    result = await h.fake.slash(who, command, **options)
    await result.wait_done()
    assert result.error is None, result.text
    return result


async def grant_manage_events(h) -> None:
    role = h.world.guild.bot_role
    role.set_permissions(role.permissions | P.MANAGE_EVENTS)
    guild = h.bot.get_guild(h.world.guild.id)
    await until(lambda: guild.me.guild_permissions.manage_events)


def listed(h):
    return list(h.world.guild.scheduled_events.values())


def when(moment: datetime) -> datetime:
    return datetime.fromisoformat(moment)  # type: ignore[arg-type]


async def test_an_event_is_listed_updated_and_cancelled_with_its_announcement(world) -> None:
    h = world
    await grant_manage_events(h)
    await slash(h, h.world.organiser, "event create", title="Mushaira night", when="tomorrow 7pm",
                location="Arts Council, Karachi", duration="2h")
    await h.bot.app.idle()
    [native] = listed(h)
    announcement = h.fake.channel_messages(h.world.announcements)[-1]
    event_id = event_id_of(announcement)
    assert native.name == "Mushaira night" and native.entity_type == EVENT_EXTERNAL
    assert native.location == "Arts Council, Karachi" and native.privacy_level == 2
    assert native.status == EVENT_SCHEDULED
    assert when(native.scheduled_end_time) - when(native.scheduled_start_time) == timedelta(hours=2)
    link = f"https://discord.com/channels/{h.world.guild.id}/{h.world.announcements.id}/{announcement.id}"
    assert link in native.description  # the listing leads back to the announcement
    stored = await h.fetchval("SELECT native_event_id FROM events WHERE id = ?", (event_id,))
    assert stored == native.id

    start = when(native.scheduled_start_time)
    await slash(h, h.world.organiser, "event edit", event=str(event_id), title="Mushaira (moved)",
                when="tomorrow 9pm")
    await h.bot.app.idle()
    [same] = listed(h)  # the same listing, brought up to date: not a second one
    assert same.id == native.id and same.name == "Mushaira (moved)"
    assert when(same.scheduled_start_time) - start == timedelta(hours=2)

    await slash(h, h.world.organiser, "event cancel", event=str(event_id), reason="Rain")
    await h.bot.app.idle()
    [gone] = listed(h)
    assert gone.id == native.id and gone.status == EVENT_CANCELED


async def test_without_manage_events_nothing_is_listed_and_nothing_fails(world) -> None:
    h = world
    assert not P.has(h.world.guild.me.permissions, P.MANAGE_EVENTS)  # the default invite, before this feature
    created = await slash(h, h.world.organiser, "event create", title="Study circle", when="tomorrow 5pm")
    assert "Study circle" in created.text
    await h.bot.app.idle()
    event_id = event_id_of(h.fake.channel_messages(h.world.announcements)[-1])
    edited = await slash(h, h.world.organiser, "event edit", event=str(event_id), title="Study circle 2")
    cancelled = await slash(h, h.world.organiser, "event cancel", event=str(event_id))
    await h.bot.app.idle()
    assert listed(h) == []
    assert "Study circle 2" in edited.text and cancelled.error is None
    assert await h.fetchval("SELECT native_event_id FROM events WHERE id = ?", (event_id,)) is None
    # and the bot asked Discord for nothing it may not do (a 403 counts against the bot)
    assert not [r for r in h.fake.requests if "scheduled-events" in r.path]


async def test_series_occurrences_are_listed_as_they_are_announced(world) -> None:
    h = world
    await grant_manage_events(h)
    await slash(h, h.world.organiser, "event create", title="Weekly clinic", when="tomorrow 6pm",
                repeat="weekly", count=3, announce_ahead=9)
    await h.bot.app.idle()
    natives = sorted(listed(h), key=lambda e: e.scheduled_start_time)
    assert len(natives) == 2  # the two dates announced so far; the third is listed when announced
    assert when(natives[1].scheduled_start_time) - when(natives[0].scheduled_start_time) == timedelta(days=7)
    assert all(n.location.startswith("https://discord.com/channels/") for n in natives)  # no location: the link

    first = h.fake.channel_messages(h.world.announcements)[-2]
    await slash(h, h.world.organiser, "event cancel", event=str(event_id_of(first)), scope="all")
    await h.bot.app.idle()
    assert sorted(n.status for n in listed(h)) == [EVENT_CANCELED, EVENT_CANCELED]
