"""EventsRepository: events per community, one answer per member, capacity and the waitlist in click
order, reminder rows claimed once, platforms kept apart."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.events import Event, plan_cancel, plan_edit
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.roles import Actor

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
START = NOW + timedelta(days=2)
HERE = Community(DISCORD, 100)
ELSEWHERE = Community(DISCORD, 200)
TG = Community(TELEGRAM, 100)  # the same id on another platform: another community
SETTINGS = GuildSettings(guild_id=100, timezone="Asia/Karachi", language="en", organiser_role=7)
ORGANISER = Actor(user_id=1, guild_id=100, role_ids=frozenset({7}))


def member(user_id: int, platform: str = DISCORD) -> Member:
    return Member(platform, user_id)


def draft(community: Community = HERE, **changes) -> Event:
    values = dict(id=0, guild_id=community.id, channel_id=5, message_id=None, organiser_id=1, title="Clinic",
                  description="Bring a laptop", location="Lahore", starts_at=START, duration_min=60,
                  timezone="Asia/Karachi", capacity=None, reminder_offsets=(1440, 60), platform=community.platform)
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


async def answer(store, event: Event, who: Member, choice: str, *, now: datetime = NOW):
    return await store.events.rsvp(event.id, community=event.community, member=who,
                                   display_name=f"m{who.id}", choice=choice, now=now)


# -- events ----------------------------------------------------------------------------------
async def test_create_get_set_message_and_delete(store) -> None:
    created = await store.events.create(draft(TG, title="Telegram meetup", capacity=3), NOW)
    assert created.id > 0
    assert await store.events.get(created.id) == created
    assert created == replace(draft(TG, title="Telegram meetup", capacity=3), id=created.id)
    assert created.community == TG and created.message_ref is None
    ref = MessageRef(Place(TELEGRAM, 77), 9001)
    await store.events.set_message(created.id, ref)
    assert (await store.events.get(created.id)).message_ref == ref
    await answer(store, created, member(5, TELEGRAM), "going")
    await store.events.delete(created.id)
    assert await store.events.get(created.id) is None
    assert await store.events.attendees(created.id) == []
    assert await store.events.get(424242) is None


async def test_upcoming_soonest_first_paged_and_per_community(store) -> None:
    later = await store.events.create(draft(title="Later", starts_at=START + timedelta(hours=5)), NOW)
    soon = await store.events.create(draft(title="Soon"), NOW)
    ended = await store.events.create(draft(title="Ended", starts_at=NOW - timedelta(hours=2)), NOW)
    cancelled = await store.events.create(draft(title="Off"), NOW)
    await store.events.cancel(cancelled.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason=None), NOW)
    await store.events.create(draft(ELSEWHERE, title="Theirs"), NOW)
    await store.events.create(draft(TG, title="On Telegram"), NOW)
    assert [e.id for e in await store.events.upcoming(HERE, NOW, limit=10)] == [soon.id, later.id]
    assert [e.id for e in await store.events.upcoming(HERE, NOW, limit=1, offset=1)] == [later.id]
    assert await store.events.count_upcoming(HERE, NOW) == 2
    assert [e.title for e in await store.events.upcoming(TG, NOW, limit=10)] == ["On Telegram"]
    assert await store.events.count_upcoming(Community(TELEGRAM, 200), NOW) == 0
    # An event still running counts as upcoming until it ends.
    running = NOW - timedelta(minutes=30)
    await store.events.create(draft(title="Running", starts_at=running), NOW)
    assert "Running" in [e.title for e in await store.events.upcoming(HERE, NOW, limit=10)]
    assert ended.id not in [e.id for e in await store.events.upcoming(HERE, NOW, limit=10)]


async def test_search_is_literal_case_insensitive_and_orders_upcoming_first(store) -> None:
    past = await store.events.create(draft(title="Fact-check 100%", starts_at=NOW - timedelta(days=1)), NOW)
    upcoming = await store.events.create(draft(title="FACT-check 100% clinic"), NOW)
    off = await store.events.create(draft(title="fact-check 100% (off)"), NOW)
    await store.events.cancel(off.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason=None), NOW)
    await store.events.create(draft(title="Fact_check 1000"), NOW)  # `_` and `%` are not wildcards
    await store.events.create(draft(TG, title="fact-check 100% on Telegram"), NOW)
    assert [e.id for e in await store.events.search(HERE, "fact-check 100%", NOW)] == [upcoming.id]
    found = await store.events.search(HERE, "  fact-check 100% ", NOW, include_past=True)
    assert [e.id for e in found] == [upcoming.id, off.id, past.id]
    assert len(await store.events.search(HERE, "", NOW, include_past=True, limit=2)) == 2
    assert await store.events.search(ELSEWHERE, "fact", NOW, include_past=True) == []


async def test_find_by_title_prefers_scheduled_events(store) -> None:
    old = await store.events.create(draft(title="Picnic"), NOW)
    await store.events.cancel(old.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason=None), NOW)
    new = await store.events.create(draft(title="PICNIC", starts_at=START - timedelta(hours=1)), NOW)
    await store.events.create(draft(ELSEWHERE, title="Picnic"), NOW)
    assert [e.id for e in await store.events.find_by_title(HERE, " picnic ")] == [new.id, old.id]
    assert await store.events.find_by_title(TG, "Picnic") == []
    assert await store.events.find_by_title(HERE, "Pic") == []


# -- RSVP ------------------------------------------------------------------------------------
async def test_one_answer_per_member_capacity_waitlist_and_promotion(store) -> None:
    event = await store.events.create(draft(capacity=2), NOW)
    a, b, c, d = (member(i) for i in (11, 12, 13, 14))
    assert (await answer(store, event, a, "going")).status == "going"
    assert (await answer(store, event, b, "going")).status == "going"
    third, fourth = await answer(store, event, c, "going"), await answer(store, event, d, "going")
    assert (third.status, third.position, fourth.position) == ("waitlist", 1, 2)
    again = await answer(store, event, c, "going")  # clicking Going again keeps the place in line
    assert (again.previous, again.status, again.position) == ("waitlist", "waitlist", 1)
    left = await answer(store, event, a, "maybe")  # one status per member; a place opens
    assert (left.previous, left.status, left.promoted) == ("going", "maybe", (c,))
    counts = await store.events.counts(event.id)
    assert (counts.going, counts.maybe, counts.waitlist, counts.declined) == (2, 1, 1, 0)
    assert await store.events.status_of(event.id, c) == "going"
    assert await store.events.status_of(event.id, member(99)) is None
    assert (await answer(store, event, b, "declined")).promoted == (d,)
    assert (await store.events.counts(event.id)).declined == 1


async def test_concurrent_clicks_never_exceed_capacity(store) -> None:
    event = await store.events.create(draft(capacity=10), NOW)
    results = await asyncio.gather(*(answer(store, event, member(1000 + i), "going") for i in range(40)))
    assert sum(r.status == "going" for r in results) == 10
    assert sorted(r.position for r in results if r.status == "waitlist") == list(range(1, 31))
    waitlist = [p for p in await store.events.attendees(event.id) if p.status == "waitlist"]
    told = {1000 + i: r.position for i, r in enumerate(results)}
    assert [p.position for p in waitlist] == list(range(1, 31))
    assert all(told[p.user_id] == p.position for p in waitlist)  # the order each member was told


async def test_refused_clicks_change_nothing(store) -> None:
    event = await store.events.create(draft(), NOW)
    for community in (ELSEWHERE, TG, None):  # a copied button in another server, on another platform
        with pytest.raises(DomainError, match="common.not_found"):
            await store.events.rsvp(event.id, community=community, member=member(5), display_name="",
                                    choice="going", now=NOW)
    with pytest.raises(DomainError, match="common.not_found"):
        await store.events.rsvp(424242, community=HERE, member=member(5), display_name="", choice="going", now=NOW)
    with pytest.raises(DomainError, match="rsvp.over"):
        await answer(store, event, member(5), "going", now=START + timedelta(hours=2))
    assert await store.events.attendees(event.id) == []


async def test_same_user_id_on_two_platforms_are_two_members(store) -> None:
    event = await store.events.create(draft(capacity=1), NOW)
    assert (await answer(store, event, member(7), "going")).status == "going"
    assert (await answer(store, event, member(7, TELEGRAM), "going")).status == "waitlist"
    assert await store.events.status_of(event.id, member(7, TELEGRAM)) == "waitlist"
    assert (await answer(store, event, member(7), "declined")).promoted == (member(7, TELEGRAM),)
    people = {(p.member, p.status) for p in await store.events.attendees(event.id)}
    assert people == {(member(7), "declined"), (member(7, TELEGRAM), "going")}


async def test_attendees_by_status_then_click_order(store) -> None:
    event = await store.events.create(draft(capacity=1), NOW)
    for uid, choice in ((1, "maybe"), (2, "going"), (3, "declined"), (4, "going"), (5, "going"), (6, "maybe")):
        await answer(store, event, member(uid), choice)
    people = await store.events.attendees(event.id)
    assert [(p.user_id, p.status, p.position) for p in people] == [
        (2, "going", None), (4, "waitlist", 1), (5, "waitlist", 2), (1, "maybe", None), (6, "maybe", None),
        (3, "declined", None)]
    assert people[0].display_name == "m2" and people[0].updated_at == NOW


async def test_member_upcoming(store) -> None:
    me = member(8)
    first = await store.events.create(draft(title="First"), NOW)
    second = await store.events.create(draft(ELSEWHERE, title="Second", starts_at=START + timedelta(hours=1)), NOW)
    declined = await store.events.create(draft(title="Declined"), NOW)
    off = await store.events.create(draft(title="Off"), NOW)
    await answer(store, first, me, "maybe")
    await answer(store, second, me, "going")
    await answer(store, declined, me, "declined")
    await answer(store, off, me, "going")
    await store.events.cancel(off.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason=None), NOW)
    mine = await store.events.member_upcoming(me, None, NOW)
    assert [(e.title, status) for e, status in mine] == [("First", "maybe"), ("Second", "going")]
    assert [e.title for e, _ in await store.events.member_upcoming(me, HERE, NOW)] == ["First"]
    assert await store.events.member_upcoming(me, HERE, START + timedelta(hours=2)) == []  # ended
    assert await store.events.member_upcoming(member(8, TELEGRAM), None, NOW) == []
    assert len(await store.events.member_upcoming(me, None, NOW, limit=1)) == 1


# -- edit and cancel ---------------------------------------------------------------------------
async def test_edit_promotes_on_raised_capacity_and_replans_reminders(store) -> None:
    event = await store.events.create(draft(capacity=1), NOW)
    for uid, choice in ((21, "going"), (22, "going"), (23, "going"), (24, "maybe"), (25, "declined")):
        await answer(store, event, member(uid), choice)
    new_start = START + timedelta(hours=2)
    out = await store.events.edit(event.id, lambda ev, going: plan_edit(
        ORGANISER, SETTINGS, ev, now=NOW, going=going, capacity=2, starts_at=new_start), NOW)
    assert (out.old.capacity, out.new.capacity, out.new.starts_at) == (1, 2, new_start)
    assert {c.field for c in out.changes} == {"when", "capacity"}
    assert out.promoted == (member(22),)
    assert out.notify == (member(21), member(22), member(23), member(24))  # declined members are not told
    assert sorted(offset for offset, _ in out.planned) == [60, 1440]
    assert await store.events.get(event.id) == out.new
    rows = await store.events.reminder_statuses(event.id)
    assert {(m.id, o) for m, o, _ in rows} == {(u, o) for u in (21, 22, 24) for o in (1440, 60)}
    groups = await store.events.pending_groups()
    assert {(g.offset_min, g.due_at) for g in groups} == {(1440, new_start - timedelta(hours=24)),
                                                         (60, new_start - timedelta(hours=1))}


async def test_refused_edit_changes_nothing(store) -> None:
    event = await store.events.create(draft(capacity=3), NOW)
    await answer(store, event, member(1), "going")
    await answer(store, event, member(2), "going")
    with pytest.raises(DomainError, match="capacity_below_going"):
        await store.events.edit(event.id, lambda ev, going: plan_edit(
            ORGANISER, SETTINGS, ev, now=NOW, going=going, capacity=1, title="Renamed"), NOW)
    assert await store.events.get(event.id) == event
    with pytest.raises(DomainError, match="common.not_found"):
        await store.events.edit(424242, lambda ev, going: (ev, []), NOW)


async def test_cancel_tells_who_answered_and_drops_pending_reminders(store) -> None:
    event = await store.events.create(draft(capacity=1), NOW)
    for uid, choice in ((31, "going"), (32, "going"), (33, "maybe"), (34, "declined")):
        await answer(store, event, member(uid), choice)
    cancelled, told = await store.events.cancel(
        event.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason="rain"), NOW)
    assert cancelled.cancelled and cancelled.cancel_reason == "rain"
    assert await store.events.get(event.id) == cancelled
    assert told == (member(31), member(32), member(33))
    assert await store.events.reminder_statuses(event.id) == []
    assert await store.events.pending_groups() == []
    with pytest.raises(DomainError, match="event.cancelled"):
        await store.events.cancel(event.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason=None), NOW)
    with pytest.raises(DomainError, match="rsvp.cancelled"):
        await answer(store, event, member(35), "going")


# -- reminders ---------------------------------------------------------------------------------
async def test_reminder_rows_follow_answers(store) -> None:
    event = await store.events.create(draft(), NOW)
    await answer(store, event, member(41), "going")
    await answer(store, event, member(42, TELEGRAM), "maybe")
    await answer(store, event, member(43), "declined")
    rows = await store.events.reminder_statuses(event.id)
    assert rows == sorted(rows, key=lambda r: (r[0].platform, r[0].id, r[1]))
    assert {(m, o, s) for m, o, s in rows} == {(m, o, "pending") for m in (member(41), member(42, TELEGRAM))
                                               for o in (1440, 60)}
    groups = {g.offset_min: g for g in await store.events.pending_groups()}
    assert (groups[60].event_id, groups[60].count, groups[60].due_at) == (event.id, 2, START - timedelta(hours=1))
    await answer(store, event, member(41), "declined")  # leaving drops a member's pending reminders
    assert [g.count for g in await store.events.pending_groups()] == [1, 1]
    # An offset already passed when a member answers is not planned.
    late = await answer(store, event, member(44), "going", now=START - timedelta(minutes=30))
    assert late.planned == ()
    assert member(44) not in {m for m, _, _ in await store.events.reminder_statuses(event.id)}


async def test_claimed_once_and_outcomes_recorded(store) -> None:
    event = await store.events.create(draft(), NOW)
    for uid in range(51, 56):
        await answer(store, event, member(uid), "going")
    due = START - timedelta(hours=1)
    assert await store.events.claim(event.id, 60, due - timedelta(seconds=1)) == []  # not due yet
    first, second = await asyncio.gather(store.events.claim(event.id, 60, due, limit=3),
                                         store.events.claim(event.id, 60, due, limit=3))
    claimed = first + second
    assert sorted(c.member.id for c in claimed) == list(range(51, 56))  # every row exactly once
    assert all(c.due_at == due for c in claimed)
    assert await store.events.claim(event.id, 60, due + timedelta(hours=1)) == []
    await store.events.finish({"sent": [c.id for c in first], "dm_closed": [c.id for c in second], "late": []},
                              due)
    await store.events.finish({}, due)  # nothing to record
    statuses = {m.id: s for m, o, s in await store.events.reminder_statuses(event.id) if o == 60}
    assert statuses == {**{c.member.id: "sent" for c in first}, **{c.member.id: "dm_closed" for c in second}}
    assert [g.offset_min for g in await store.events.pending_groups()] == [1440]


async def test_recently_answered_names_upcoming_announcements_with_new_answers(store) -> None:
    async def announced(**changes) -> Event:
        event = await store.events.create(draft(**changes), NOW)
        await store.events.set_message(event.id, MessageRef(Place(DISCORD, 5), 9000 + event.id))
        return event

    fresh = await announced()
    quiet = await announced(title="Old news")
    ended = await announced(starts_at=NOW + timedelta(hours=1), duration_min=60)
    unannounced = await store.events.create(draft(title="Draft"), NOW)
    await answer(store, quiet, member(3), "going", now=NOW - timedelta(days=3))
    for event in (fresh, ended, unannounced):
        await answer(store, event, member(4), "maybe")
    since = NOW - timedelta(hours=1)
    assert await store.events.recently_answered(since, NOW) == [fresh.id, ended.id]
    # Once the event is over its announcement is left as it is.
    assert await store.events.recently_answered(since, NOW + timedelta(hours=3)) == [fresh.id]
    await store.events.cancel(fresh.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason="rain"), NOW)
    assert await store.events.recently_answered(since, NOW + timedelta(hours=3)) == []
