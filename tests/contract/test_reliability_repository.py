"""One bad click fails alone: the clicks decided together with it are saved and answered."""

from __future__ import annotations

import asyncio

import pytest

from bot.storage.errors import not_saved
from tests.contract.test_events_repository import NOW, HERE, answer, draft, member


async def test_a_failing_click_in_a_burst_fails_alone(store) -> None:
    event = await store.events.create(draft(capacity=30), NOW)
    genuine = [member(1000 + n) for n in range(40)]
    clicks = [answer(store, event, who, "going") for who in genuine]
    # Three clicks whose event id is too large for the database, arriving amid the genuine ones.
    for at in (5, 17, 33):
        clicks.insert(at, store.events.rsvp(2**63, community=HERE, member=member(9000 + at), display_name="x",
                                            choice="going", now=NOW))
    results = await asyncio.gather(*clicks, return_exceptions=True)
    failed = [r for r in results if isinstance(r, BaseException)]
    assert len(failed) == 3 and all(not_saved(f) for f in failed)
    outcomes = [r for r in results if not isinstance(r, BaseException)]
    assert len(outcomes) == 40
    assert sum(1 for o in outcomes if o.status == "going") == 30
    # Waitlist positions 1..10 with none repeated or skipped (on PostgreSQL clicks commit in parallel,
    # so the order they were started in is not the order they reach the event's row lock).
    assert sorted(o.position for o in outcomes if o.status == "waitlist") == list(range(1, 11))
    counts = await store.events.counts(event.id)
    assert (counts.going, counts.waitlist) == (30, 10)
    assert {a.user_id for a in await store.events.attendees(event.id)} == {m.id for m in genuine}


@pytest.mark.parametrize("bad", [2**63, -(2**63) - 1])
async def test_a_lone_failing_click_changes_nothing(store, bad: int) -> None:
    event = await store.events.create(draft(), NOW)
    with pytest.raises(Exception) as raised:
        await store.events.rsvp(bad, community=HERE, member=member(5), display_name="x", choice="going", now=NOW)
    assert not_saved(raised.value)
    assert await answer(store, event, member(5), "going")
    assert (await store.events.counts(event.id)).going == 1


async def test_claims_left_by_a_dead_process_are_requeued_once(store) -> None:
    from datetime import timedelta

    event = await store.events.create(draft(reminder_offsets=(60,)), NOW)
    for n in range(3):
        await answer(store, event, member(n + 1), "going")
    due = event.starts_at - timedelta(minutes=60)
    claimed = await store.events.claim(event.id, 60, due, limit=2)
    assert len(claimed) == 2
    assert await store.events.requeue_claimed() == 2  # the process died before recording outcomes
    again = await store.events.claim(event.id, 60, due, limit=10)
    # The same rows (the same ids, hence the same nonces) come back, with the one never claimed.
    assert {c.id for c in claimed} < {c.id for c in again} and len(again) == 3
    await store.events.finish({"sent": [c.id for c in again]}, due)
    assert await store.events.requeue_claimed() == 0
    assert await store.events.claim(event.id, 60, due) == []
