"""The organiser's display name and platform, kept with an event when it is created (the announcement
shows the name where the organiser cannot be mentioned), on every driver: through create and get,
a series' occurrences (created, claimed for announcing, added by a repeat change), and an edit."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.domain.events import Event, plan_cancel, plan_edit
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.roles import Actor
from bot.domain.series import ALL, plan_repeat_change, plan_series

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
FIRST = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc)
GUILD = 100
HOME = Community(DISCORD, GUILD)
SETTINGS = GuildSettings(guild_id=GUILD, timezone="Europe/London", language="en", announcements_channel=500)
HOSTILE = "Ayesha <b>x</b> **x** <@123> \\ | >"


def draft(**changes) -> Event:
    values = dict(id=0, guild_id=GUILD, channel_id=500, message_id=None, organiser_id=42, title="Clinic",
                  description="", location="", starts_at=FIRST, duration_min=60, timezone="Europe/London",
                  capacity=None, reminder_offsets=(60,), organiser_name=HOSTILE, organiser_platform=TELEGRAM)
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


async def test_name_and_platform_round_trip_through_create_and_get(store) -> None:
    created = await store.events.create(draft(), NOW)
    assert (created.organiser_name, created.organiser_platform) == (HOSTILE, TELEGRAM)
    assert await store.events.get(created.id) == created
    assert created.organiser == Member(TELEGRAM, 42) and created.community == HOME
    # Lists read the same columns.
    await store.events.set_message(created.id, MessageRef(Place(DISCORD, 500), 9))
    listed = await store.events.upcoming(HOME, NOW, limit=5)
    assert [(e.id, e.organiser_name, e.organiser_platform) for e in listed] == [(created.id, HOSTILE, TELEGRAM)]


async def test_an_event_without_a_name_reads_back_empty_and_its_organiser_is_of_the_community(store) -> None:
    created = await store.events.create(draft(organiser_name="", organiser_platform=""), NOW)
    got = await store.events.get(created.id)
    assert (got.organiser_name, got.organiser_platform) == ("", "")
    assert got.organiser == Member(DISCORD, 42)


async def test_an_edit_keeps_the_name(store) -> None:
    created = await store.events.create(draft(), NOW)
    actor = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
    outcome = await store.events.edit(created.id, lambda ev, going: plan_edit(actor, SETTINGS, ev, now=NOW,
                                                                              going=going, title="Clinic 2"), NOW)
    got = await store.events.get(created.id)
    assert got.title == "Clinic 2" and (got.organiser_name, got.organiser_platform) == (HOSTILE, TELEGRAM)
    assert outcome is not None


async def test_series_occurrences_carry_the_name(store) -> None:
    series, drafts = plan_series(draft(), repeat="fortnightly", until=None, count=3, announce_ahead=7, now=NOW)
    series, occ = await store.series.create(series, drafts, NOW)
    assert {(e.organiser_name, e.organiser_platform) for e in occ} == {(HOSTILE, TELEGRAM)}
    assert await store.series.occurrences(series.id) == occ
    claimed = await store.series.claim_due(NOW)  # the announcement of a date reads what was stored
    assert [(e.organiser_name, e.organiser_platform) for e in claimed] == [(HOSTILE, TELEGRAM)]
    # Dates a repeat change adds are copies of an occurrence: the name comes with them.
    actor = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
    plan = plan_repeat_change(series, occ, await store.series.original_starts(series.id), occ[0], ALL, now=NOW,
                              repeat="weekly", until=None, count=None)
    await store.series.change_repeat(series.id, plan, lambda ev: plan_cancel(actor, SETTINGS, ev, reason="rule",
                                                                            now=NOW), NOW)
    after = await store.series.occurrences(series.id)
    assert {e.starts_at for e in after} > {e.starts_at for e in occ}  # dates were added
    assert {(e.organiser_name, e.organiser_platform) for e in after} == {(HOSTILE, TELEGRAM)}
