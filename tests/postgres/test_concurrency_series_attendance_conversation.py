"""Several processes on one PostgreSQL database (each a store of its own, with its own pool) for the
later features: each series date is claimed for its announcement by exactly one process; a member's
check-in, a window phase and a closed-DMs line are taken once however many processes race for them;
codes handed out at once are all different; a community's snippets stop at MAX_SNIPPETS."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain import attendance as att
from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.report_conversation import MAX_SNIPPETS
from bot.domain.series import plan_series
from bot.storage.postgres.leases import Lease
from bot.storage.postgres.store import PostgresStore

NOW = datetime.now(timezone.utc).replace(microsecond=0)
START = NOW + timedelta(hours=3)
HERE = Community(DISCORD, 100)
ROUNDS = 8


@pytest.fixture
async def two(pg_url: str):
    a = await PostgresStore.open(pg_url, lease=Lease("process-a", 5))
    b = await PostgresStore.open(pg_url, lease=Lease("process-b", 5))
    yield a, b
    await a.close()
    await b.close()


def draft(starts_at: datetime = START) -> Event:
    return Event(id=0, guild_id=HERE.id, channel_id=5, message_id=None, organiser_id=1, title="Clinic",
                 description="", location="", starts_at=starts_at, duration_min=60, timezone="UTC", capacity=None,
                 reminder_offsets=(60,))


async def test_each_series_date_is_claimed_by_one_process(two) -> None:
    a, b = two
    plan, drafts = plan_series(draft(NOW + timedelta(days=1)), repeat="weekly", until=None, count=12,
                               announce_ahead=7, now=NOW)
    _, dates = await a.series.create(plan, drafts, NOW)
    later = NOW + timedelta(days=90)
    got = await asyncio.gather(*[(a if n % 2 else b).series.claim_due(later, 2) for n in range(ROUNDS)])
    claimed = [e.id for batch in got for e in batch]
    assert sorted(claimed) == sorted(e.id for e in dates)  # every date once, none twice
    assert await a.series.claim_due(later) == [] and await b.series.next_due() is None


async def test_check_ins_phases_dm_lines_and_codes_are_taken_once(two) -> None:
    a, b = two
    event = await a.events.create(draft(), NOW)
    await a.events.set_message(event.id, MessageRef(Place(DISCORD, 5), 77))
    await a.events.rsvp(event.id, community=HERE, member=Member(DISCORD, 9), display_name="m9", choice="going",
                        now=NOW)
    door = START + timedelta(minutes=1)

    async def check_in(store):
        try:
            return await store.attendance.check_in(event.id, community=HERE, member=Member(DISCORD, 9),
                                                   method=att.BUTTON, now=door, decide=att.decide_checkin)
        except DomainError as refused:
            return refused.key

    results = await asyncio.gather(*[check_in(a if n % 2 else b) for n in range(ROUNDS)])
    assert sum(1 for r in results if not isinstance(r, str)) == 1
    assert [r for r in results if isinstance(r, str)] == ["checkin.already"] * (ROUNDS - 1)

    moves = await asyncio.gather(*[(a if n % 2 else b).attendance.advance_windows(START - timedelta(minutes=5))
                                   for n in range(ROUNDS)])
    assert [(m.old, m.new) for batch in moves for m in batch] == [(None, att.OPEN)]

    lines = await asyncio.gather(*[(a if n % 2 else b).attendance.claim_dm_note(event.id, 60, START, 3, NOW)
                                   for n in range(ROUNDS)])
    assert lines.count(True) == 1

    digits = iter(range(100000, 100000 + 10 * ROUNDS))
    codes = await asyncio.gather(*[
        (a if n % 2 else b).attendance.issue_code(event.id, community=HERE, issued_by=Member(DISCORD, 1), now=NOW,
                                                  expires_at=NOW + att.CODE_TTL,
                                                  generate=lambda: str(next(digits) // 3))  # collide often
        for n in range(ROUNDS)])
    assert len(set(codes)) == ROUNDS


async def test_snippets_stop_at_the_limit_across_processes(two) -> None:
    a, b = two
    mod = Member(DISCORD, 5)
    added = await asyncio.gather(*[(a if n % 2 else b).report_conversation.add_snippet(
        HERE, f"s{n}", "x", author=mod, now=NOW) for n in range(MAX_SNIPPETS - 2)])
    assert all(added)

    async def add(store, n):
        try:
            return await store.report_conversation.add_snippet(HERE, f"late{n}", "x", author=mod, now=NOW)
        except DomainError as refused:
            return refused.key

    results = await asyncio.gather(*[add(a if n % 2 else b, n) for n in range(ROUNDS)])
    assert results.count(True) == 2 and results.count("conv.snippet.full") == ROUNDS - 2
    assert len(await a.report_conversation.snippets(HERE)) == MAX_SNIPPETS
