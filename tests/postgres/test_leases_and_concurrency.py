"""Several processes on one PostgreSQL database: each process is a store of its own (its own pool and
lease owner) on the same database. Scheduled rows are taken by exactly one of them; a process that
dies holding leases has its rows taken over once they expire; capacity and case numbers hold under
clicks and reports arriving through different processes at once."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.report_status import plan_dismiss
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor
from bot.storage.postgres.leases import Lease
from bot.storage.postgres.store import PostgresStore

NOW = datetime.now(timezone.utc).replace(microsecond=0)
START = NOW + timedelta(hours=3)
HERE = Community(DISCORD, 100)
LEASE = 1  # seconds: expired after at most 2 s


@pytest.fixture
async def two(pg_url: str):
    """Two "processes" on one database."""
    a = await PostgresStore.open(pg_url, lease=Lease("process-a", LEASE))
    b = await PostgresStore.open(pg_url, lease=Lease("process-b", LEASE))
    yield a, b
    await a.close()
    await b.close()


def draft(capacity: int | None = None) -> Event:
    return Event(id=0, guild_id=HERE.id, channel_id=5, message_id=None, organiser_id=1, title="Clinic",
                 description="", location="", starts_at=START, duration_min=60, timezone="UTC",
                 capacity=capacity, reminder_offsets=(120,), platform=DISCORD)


async def click(store: PostgresStore, event: Event, user_id: int, choice: str = "going"):
    return await store.events.rsvp(event.id, community=HERE, member=Member(DISCORD, user_id),
                                   display_name=f"m{user_id}", choice=choice, now=NOW)


async def expire() -> None:
    await asyncio.sleep(LEASE + 1.1)


async def test_reminders_claimed_by_one_process_and_taken_over_when_it_dies(two) -> None:
    a, b = two
    event = await a.events.create(draft(), NOW)
    for uid in range(1, 8):
        await click(a, event, uid)
    due = START - timedelta(hours=2)
    # Both processes fire the same job at once: every row goes to exactly one of them.
    got_a, got_b = await asyncio.gather(a.events.claim(event.id, 120, due, limit=4),
                                        b.events.claim(event.id, 120, due, limit=4))
    assert sorted(c.member.id for c in got_a + got_b) == list(range(1, 8))
    # A records one send, then dies holding the rest of its leases; B records all of its own.
    await a.events.finish({"sent": [got_a[0].id]}, due)
    await b.events.finish({"sent": [c.id for c in got_b]}, due)
    assert await b.events.pending_groups() == []  # A's leases are still live
    assert await b.events.claim(event.id, 120, due, limit=100) == []
    await expire()
    [group] = await b.events.pending_groups()
    assert (group.event_id, group.offset_min, group.count) == (event.id, 120, len(got_a) - 1)
    taken = await b.events.claim(event.id, 120, due + timedelta(minutes=5), limit=100)
    assert sorted(c.id for c in taken) == sorted(c.id for c in got_a[1:])  # never the one A sent
    await b.events.finish({"late": [c.id for c in taken]}, due + timedelta(minutes=5))
    statuses = {m.id: s for m, _, s in await b.events.reminder_statuses(event.id)}
    assert sorted(statuses.values()).count("sent") == 1 + len(got_b)
    assert sorted(statuses.values()).count("late") == len(got_a) - 1
    assert await a.events.pending_groups() == [] and await a.events.claim(event.id, 120, due, limit=9) == []


async def test_capacity_holds_for_clicks_through_two_processes(two) -> None:
    a, b = two
    event = await a.events.create(draft(capacity=5), NOW)
    outcomes = await asyncio.gather(*(click(a if uid % 2 else b, event, uid) for uid in range(1, 41)))
    going = [o for o in outcomes if o.status == "going"]
    waiting = sorted(o.position for o in outcomes if o.status == "waitlist")
    assert len(going) == 5 and waiting == list(range(1, 36))  # positions unique and gapless
    counts = await b.events.counts(event.id)
    assert (counts.going, counts.waitlist) == (5, 35)
    # Places freed through both processes at once are filled in click order, never over capacity.
    first_going = [att.user_id for att in await a.events.attendees(event.id) if att.status == "going"]
    await asyncio.gather(click(a, event, first_going[0], "declined"), click(b, event, first_going[1], "declined"))
    counts = await a.events.counts(event.id)
    assert (counts.going, counts.waitlist) == (5, 33)
    with pytest.raises(DomainError):
        await b.events.rsvp(event.id, community=Community(DISCORD, 999), member=Member(DISCORD, 77),
                            display_name="x", choice="going", now=NOW)


async def test_reports_from_two_processes_get_distinct_numbers_and_join_one_case(two) -> None:
    a, b = two

    def report(reporter: int, url: str):
        return intake_from_target(guild_id=HERE.id, reporter_id=reporter, category="other", target=url, now=NOW)

    results = await asyncio.gather(*(
        (a if n % 2 else b).reports.submit(report(n, f"https://example.org/{n % 10}"), now=NOW, sla_hours=12)
        for n in range(1, 41)))
    cases = {r.case_id: r.number for r in results}
    assert sorted(cases.values()) == list(range(1, 11))  # ten links: ten cases, numbered without gaps
    assert sum(r.joined for r in results) == 30


async def test_outcome_notices_claimed_once_and_taken_over_when_unmarked(two) -> None:
    a, b = two
    settings = GuildSettings(guild_id=HERE.id, timezone="UTC", language="en", moderator_role=77)
    mod = Actor(user_id=500, guild_id=HERE.id, role_ids=frozenset({77}))
    result = await a.reports.submit(intake_from_target(guild_id=HERE.id, reporter_id=11, category="other",
                                                       target="https://example.org/x", now=NOW),
                                    now=NOW, sla_hours=12)
    await a.reports.submit(intake_from_target(guild_id=HERE.id, reporter_id=12, category="other",
                                              target="https://example.org/x", now=NOW), now=NOW, sla_hours=12)
    case = await a.reports.get(result.case_id)
    changes, _ = plan_dismiss(case, mod, settings, "not a violation")
    await a.reports.apply(case, changes, actor_id=500, now=NOW)
    claimed_a, claimed_b = await asyncio.gather(a.reports.claim_notices(case.id, NOW),
                                                b.reports.claim_notices(case.id, NOW))
    assert len(claimed_a) + len(claimed_b) == 2 and not set(claimed_a) & set(claimed_b)
    holder, other = (a, b) if claimed_a else (b, a)
    assert await other.reports.pending_notices() == []
    # The holder dies before recording the sends: after the lease, the other takes them over.
    await expire()
    assert len(await other.reports.pending_notices()) == 2
    taken = await other.reports.claim_notices(case.id, NOW)
    assert sorted(m.id for m in taken) == [11, 12]
    await other.reports.mark_notices(case.id, {m: True for m in taken})
    assert await holder.reports.notice_status(case.id) == {m: True for m in taken}
    await expire()
    assert await holder.reports.pending_notices() == [] and await holder.reports.claim_notices(case.id, NOW) == []


async def test_a_link_code_serves_one_of_many_uses_through_two_processes(two) -> None:
    a, b = two
    home = Community(DISCORD, 42)
    for n in range(5):
        await a.telegram.create_code(f"CODE{n}", "link", home, 1, NOW + timedelta(minutes=10))
        uses = [s.telegram.use_code(f"CODE{n}", "link", NOW) for s in (a, b) * 4]  # 8 at once
        results = await asyncio.gather(*uses)
        assert [r for r in results if r is not None] == [home], results


async def test_moderators_groups_linked_through_two_processes_at_once_stay_one_per_community(two) -> None:
    a, b = two
    # Two admins link two moderators' groups to one community (and one group to two communities).
    await asyncio.gather(*(s.telegram.link_moderators(-1, group, NOW)
                           for s, group in ((a, -10), (b, -11), (a, -12), (b, -13))))
    owners = [await a.telegram.community_of_moderators(g) for g in (-10, -11, -12, -13)]
    assert owners.count(-1) == 1 and owners.count(None) == 3
    await asyncio.gather(a.telegram.link_moderators(-2, -20, NOW), b.telegram.link_moderators(-3, -20, NOW))
    assert await b.telegram.community_of_moderators(-20) in (-2, -3)
