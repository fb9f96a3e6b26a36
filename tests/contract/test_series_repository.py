"""Contract of `bot.ports.series.SeriesRepository`: a series and its occurrences, the announcement
queue (each occurrence claimed once), edits and cancels of several occurrences in one unit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.events import Event, plan_cancel
from bot.domain.identity import DISCORD, Community, MessageRef, Place
from bot.domain.series import plan_series
from bot.domain.roles import Actor
from bot.domain.guild_settings import GuildSettings

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
FIRST = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc)
GUILD = 100


def draft() -> Event:
    return Event(id=0, guild_id=GUILD, channel_id=500, message_id=None, organiser_id=1, title="Clinic",
                 description="", location="", starts_at=FIRST, duration_min=60, timezone="Europe/London",
                 capacity=None, reminder_offsets=(60,))


async def make(store, count=4, ahead=7):
    series, drafts = plan_series(draft(), repeat="weekly", until=None, count=count, announce_ahead=ahead, now=NOW)
    return await store.series.create(series, drafts, NOW)


async def test_create_get_and_occurrences(store) -> None:
    series, occ = await make(store)
    assert series.id and (await store.series.get(series.id)) == series
    assert [e.series_id for e in occ] == [series.id] * 4
    assert occ[1].starts_at.hour == 17  # 18:00 London after the clocks change
    assert await store.series.occurrences(series.id) == occ
    assert await store.series.original_starts(series.id) == {e.id: e.starts_at for e in occ}
    assert [e.id for e in await store.events.upcoming(Community(DISCORD, GUILD), NOW, limit=10)] == []


async def test_claim_due_returns_each_occurrence_once(store) -> None:
    _, occ = await make(store)
    assert await store.series.next_due() == occ[0].starts_at - timedelta(days=7)
    due = await store.series.claim_due(NOW)
    assert [e.id for e in due] == [occ[0].id]
    assert await store.series.claim_due(NOW) == []
    await store.series.announced(occ[0].id, MessageRef(Place(DISCORD, 501), 9))
    assert (await store.events.get(occ[0].id)).message_id == 9
    listed = await store.events.upcoming(Community(DISCORD, GUILD), NOW, limit=10)
    assert [e.id for e in listed] == [occ[0].id]
    later = await store.series.claim_due(NOW + timedelta(days=30))
    assert [e.id for e in later] == [e.id for e in occ[1:]]
    assert await store.series.next_due() is None


async def test_cancel_many_and_edit_many(store) -> None:
    _, occ = await make(store)
    actor = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
    settings = GuildSettings(guild_id=GUILD, timezone="Europe/London", language="en")
    done = await store.series.cancel_many([occ[2].id, occ[3].id], lambda ev: plan_cancel(actor, settings, ev,
                                                                                          reason="x"), NOW)
    assert [e.cancelled for e, _ in done] == [True, True]
    assert [e.id for e in await store.series.claim_due(NOW + timedelta(days=60))] == [occ[0].id, occ[1].id]

    from dataclasses import replace

    from bot.domain.events import Change

    def plan(ev, going):
        if ev.id == occ[0].id:
            raise DomainError("event.nothing_changed")
        return replace(ev, title="New", version=ev.version + 1), [Change("title", ev.title, "New")]

    outcomes = await store.series.edit_many([occ[0].id, occ[1].id], plan, NOW)
    assert [o.new.id for o in outcomes] == [occ[1].id]
    assert (await store.events.get(occ[0].id)).title == "Clinic"
    with pytest.raises(DomainError):
        await store.series.edit_many([occ[0].id], plan, NOW)


async def test_delete_removes_the_occurrences(store) -> None:
    series, occ = await make(store)
    await store.series.delete(series.id)
    assert await store.series.get(series.id) is None and await store.events.get(occ[0].id) is None


async def test_one_date_cancelled_before_its_announcement_is_never_announced(store) -> None:
    _, occ = await make(store)
    admin = Actor(user_id=1, guild_id=GUILD, administrator=True)
    settings = GuildSettings(guild_id=GUILD, timezone="Europe/London", language="en")
    # Cancelled alone (scope "this"), through the events repository, while still waiting to be announced.
    await store.events.cancel(occ[2].id, lambda ev: plan_cancel(admin, settings, ev, reason="venue", now=NOW), NOW)
    later = await store.series.claim_due(NOW + timedelta(days=30))
    assert [e.id for e in later] == [occ[0].id, occ[1].id, occ[3].id]
    assert await store.series.next_due() is None
