"""The `role:` gate of a role-gated event is applied inside the write that records the click (both
drivers): the check reads the event as it stands in that write unit, so an edit that adds, changes or
removes the role can never slip between the check and the write."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)
MEMBERS = 7


def draft(**changes) -> Event:
    base = Event(id=0, guild_id=HERE.id, channel_id=5, message_id=None, organiser_id=1, title="Mushaira",
                 description="", location="Lahore", starts_at=NOW + timedelta(days=2), duration_min=60,
                 timezone="Asia/Karachi", capacity=None, reminder_offsets=(60,))
    return replace(base, **changes)


async def click(store, event: Event, uid: int, choice: str, roles=frozenset()):
    return await store.events.rsvp(event.id, community=HERE, member=Member(DISCORD, uid), display_name=f"m{uid}",
                                   choice=choice, now=NOW, roles=roles)


async def test_the_gate_is_applied_by_the_write_itself(store) -> None:
    event = await store.events.create(draft(rsvp_role=MEMBERS), NOW)
    for choice in ("going", "maybe"):
        with pytest.raises(DomainError) as refused:
            await click(store, event, 11, choice, roles=frozenset({3}))
        assert refused.value.key == "rsvp.role_required"
    assert await store.events.status_of(event.id, Member(DISCORD, 11)) is None  # nothing written
    assert await store.events.reminder_statuses(event.id) == []
    assert (await click(store, event, 11, "declined")).status == "declined"  # anyone may say no
    assert (await click(store, event, 12, "going", roles=frozenset({3, MEMBERS}))).status == "going"
    counts = await store.events.counts(event.id)
    assert (counts.going, counts.maybe, counts.declined) == (1, 0, 1)


async def test_an_edit_gating_the_event_takes_effect_for_the_very_next_click(store) -> None:
    event = await store.events.create(draft(), NOW)
    assert (await click(store, event, 21, "going")).status == "going"
    await store.events.edit(event.id, lambda ev, going: (replace(ev, rsvp_role=MEMBERS, version=ev.version + 1), []),
                            NOW)
    with pytest.raises(DomainError) as refused:
        await click(store, event, 22, "going")
    assert refused.value.key == "rsvp.role_required"
    assert await store.events.status_of(event.id, Member(DISCORD, 22)) is None
    # The gate lifted again: the same member gets in without the role.
    await store.events.edit(event.id, lambda ev, going: (replace(ev, rsvp_role=None, version=ev.version + 1), []), NOW)
    assert (await click(store, event, 22, "maybe")).status == "maybe"


async def test_clicks_racing_an_edit_are_decided_on_the_role_their_own_write_sees(store) -> None:
    """Clicks without the role and an edit adding it, all at once: each click is refused exactly when
    the edit was written before it. Whatever the interleaving, no member without the role holds an
    answer that was written after the event was gated."""
    event = await store.events.create(draft(), NOW)
    gate = lambda ev, going: (replace(ev, rsvp_role=MEMBERS, version=ev.version + 1), [])  # noqa: E731
    tasks = [asyncio.ensure_future(click(store, event, 100 + i, "going")) for i in range(20)]
    tasks.insert(10, asyncio.ensure_future(store.events.edit(event.id, gate, NOW)))
    results = await asyncio.gather(*tasks, return_exceptions=True)
    clicks = results[:10] + results[11:]
    refused = [r for r in clicks if isinstance(r, DomainError)]
    accepted = [r for r in clicks if not isinstance(r, BaseException)]
    assert all(r.key == "rsvp.role_required" for r in refused)
    assert len(refused) + len(accepted) == 20
    # Every accepted click was decided on the ungated event; every refused one on the gated event.
    assert all(r.event.rsvp_role is None for r in accepted)
    assert (await store.events.counts(event.id)).going == len(accepted)
    assert (await store.events.get(event.id)).rsvp_role == MEMBERS
    with pytest.raises(DomainError):
        await click(store, event, 999, "going")
