"""Contract: a series announcement is claimed under a lease. A claim left by a process that stopped
before recording its post is taken over once its lease has expired (the taker posts with the same
nonce); a live claim stays its holder's; recording the post releases it; a cancelled occurrence is
never taken over. On both drivers, through the repository protocol only (a second repository of the
same driver over the same database plays the other process)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.events import Event, plan_cancel
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, MessageRef, Place
from bot.domain.roles import Actor
from bot.domain.series import plan_series
from bot.storage.leases import Lease

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
FIRST = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc)
GUILD = 100


def _draft() -> Event:
    return Event(id=0, guild_id=GUILD, channel_id=500, message_id=None, organiser_id=1, title="Clinic",
                 description="", location="", starts_at=FIRST, duration_min=60, timezone="Europe/London",
                 capacity=None, reminder_offsets=(60,))


async def _series(store, count: int = 3):
    series, drafts = plan_series(_draft(), repeat="weekly", until=None, count=count, announce_ahead=30, now=NOW)
    return await store.series.create(series, drafts, NOW)


def _other_process(store, *, seconds: int):
    """The same driver's series repository as another process would have it: its own lease."""
    return type(store.series)(store.db, Lease(owner="other-process", seconds=seconds))


async def test_expired_claim_is_taken_over_once_then_released(store) -> None:
    _, occ = await _series(store)
    dead = _other_process(store, seconds=-5)  # its lease is over as soon as it claimed
    claimed = await dead.claim_due(NOW)
    assert [e.id for e in claimed] == [e.id for e in occ]
    # It stopped before posting (or before recording): the occurrences are due again, for one taker.
    assert await store.series.next_due() == occ[0].starts_at - timedelta(days=30)
    taken = await store.series.claim_due(NOW)
    assert [e.id for e in taken] == [e.id for e in occ]
    assert await store.series.claim_due(NOW) == []          # now under this process's live lease
    assert await store.series.next_due() is None
    for n, event in enumerate(taken):
        await store.series.announced(event.id, MessageRef(Place(DISCORD, 501), 900 + n))
    assert [e.message_id for e in await store.series.occurrences(occ[0].series_id)] == [900, 901, 902]
    assert await store.series.claim_due(NOW + timedelta(days=60)) == []  # recorded: never again
    assert await dead.claim_due(NOW + timedelta(days=60)) == []


async def test_cancelled_occurrence_left_claimed_is_not_taken_over(store) -> None:
    _, occ = await _series(store, count=2)
    dead = _other_process(store, seconds=-5)
    assert len(await dead.claim_due(NOW)) == 2
    actor = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
    settings = GuildSettings(guild_id=GUILD, timezone="Europe/London", language="en")
    await store.series.cancel_many(
        [occ[1].id], lambda ev: plan_cancel(actor, settings, ev, reason="Venue closed", now=NOW), NOW)
    assert [e.id for e in await store.series.claim_due(NOW)] == [occ[0].id]
    assert await store.series.next_due() is None
