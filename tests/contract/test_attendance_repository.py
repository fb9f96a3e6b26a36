"""Contract of `bot.ports.attendance.AttendanceRepository`: one check-in per member decided on the
current state, codes unlike every valid one, window phases claimed once, figures exact."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain import attendance as att
from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
START = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)
ELSEWHERE = Community(DISCORD, 999)


def member(n: int) -> Member:
    return Member(DISCORD, n)


async def make(store, *, start=START, capacity=None, title="Meetup") -> Event:
    draft = Event(id=0, guild_id=100, channel_id=500, message_id=None, organiser_id=1, title=title,
                  description="", location="", starts_at=start, duration_min=120, timezone="Europe/London",
                  capacity=capacity, reminder_offsets=())
    event = await store.events.create(draft, NOW)
    await store.events.set_message(event.id, MessageRef(Place(DISCORD, 500), 7000 + event.id))
    return await store.events.get(event.id)


async def answer(store, event: Event, n: int, choice: str, name: str = "") -> None:
    await store.events.rsvp(event.id, community=HERE, member=member(n), display_name=name or f"M{n}",
                            choice=choice, now=NOW)


async def check_in(store, event: Event, n: int, now: datetime, community=HERE):
    return await store.attendance.check_in(event.id, community=community, member=member(n), method=att.BUTTON,
                                           now=now, decide=att.decide_checkin)


async def test_one_check_in_per_member_decided_on_the_current_state(store) -> None:
    event = await make(store)
    await answer(store, event, 1, "going")
    await answer(store, event, 2, "declined")
    with pytest.raises(DomainError) as early:
        await check_in(store, event, 1, NOW)
    assert early.value.key == "checkin.not_yet"
    first = await check_in(store, event, 1, START - timedelta(minutes=5))
    assert first.late is False and first.event.id == event.id
    with pytest.raises(DomainError) as again:
        await check_in(store, event, 1, START + timedelta(minutes=5))
    assert again.value.key == "checkin.already"
    assert await store.attendance.checked_in(event.id, member(1)) == (START - timedelta(minutes=5), False)
    for n, key in ((2, "checkin.not_going"), (3, "checkin.not_going")):
        with pytest.raises(DomainError) as refused:
            await check_in(store, event, n, START)
        assert refused.value.key == key
    with pytest.raises(DomainError) as foreign:
        await check_in(store, event, 1, START, community=ELSEWHERE)
    assert foreign.value.key == "common.not_found"
    assert await store.attendance.checked_in(event.id, member(2)) is None


async def test_codes_are_unlike_valid_ones_and_the_latest_is_found(store) -> None:
    event = await make(store)
    opened = START - timedelta(minutes=20)
    offered = iter(["111111", "111111", "222222"])
    first = await store.attendance.issue_code(event.id, community=HERE, issued_by=member(1), now=opened,
                                              expires_at=opened + att.CODE_TTL, generate=lambda: "111111")
    second = await store.attendance.issue_code(event.id, community=HERE, issued_by=member(1), now=opened,
                                               expires_at=opened + att.CODE_TTL, generate=lambda: next(offered))
    assert (first, second) == ("111111", "222222")
    assert await store.attendance.find_code(HERE, "222222") == (event.id, opened + att.CODE_TTL)
    assert await store.attendance.find_code(ELSEWHERE, "222222") is None
    assert await store.attendance.find_code(HERE, "333333") is None
    # Once expired, the same digits may be handed out again; the latest wins.
    later = opened + timedelta(minutes=15)
    again = await store.attendance.issue_code(event.id, community=HERE, issued_by=member(1), now=later,
                                              expires_at=later + att.CODE_TTL, generate=lambda: "111111")
    assert again == "111111"
    assert await store.attendance.find_code(HERE, "111111") == (event.id, later + att.CODE_TTL)


async def test_window_phases_move_once_each(store) -> None:
    event = await make(store)
    unposted = await store.events.create(Event(
        id=0, guild_id=100, channel_id=500, message_id=None, organiser_id=1, title="Not posted",
        description="", location="", starts_at=START, duration_min=60, timezone="UTC", capacity=None,
        reminder_offsets=()), NOW)
    assert await store.attendance.next_window() == START - att.OPENS_BEFORE
    assert await store.attendance.advance_windows(NOW) == []
    opened = await store.attendance.advance_windows(START - timedelta(minutes=29))
    assert [(m.event.id, m.old, m.new) for m in opened] == [(event.id, None, att.OPEN)]
    assert await store.attendance.advance_windows(START - timedelta(minutes=29)) == []
    assert await store.attendance.next_window() == START
    # Down across the start and the end: one move straight to closed.
    closed = await store.attendance.advance_windows(START + timedelta(hours=3))
    assert [(m.event.id, m.old, m.new) for m in closed] == [(event.id, att.OPEN, att.CLOSED)]
    assert await store.attendance.next_window() is None
    assert unposted.id not in [m.event.id for m in closed]


async def test_figures_and_report(store) -> None:
    event = await make(store, capacity=2)
    other = await make(store, start=START + timedelta(days=1), title="Second")
    await answer(store, event, 1, "going", "Alice")
    await answer(store, event, 2, "going", "زینب")
    await answer(store, event, 3, "going")  # waitlisted
    await answer(store, event, 4, "maybe")
    await answer(store, event, 2, "declined", "زینب")  # 3 moves up
    await answer(store, other, 1, "going", "Alice")
    await check_in(store, event, 1, START + timedelta(minutes=1))
    await check_in(store, event, 4, START - timedelta(minutes=1))
    await check_in(store, other, 1, other.starts_at)
    figures = await store.attendance.figures(event.id)
    assert (figures.going, figures.maybe, figures.waitlist, figures.declined, figures.checked_in, figures.late,
            figures.going_not_in, figures.promoted, figures.dm_closed) == (2, 1, 0, 1, 2, 1, 1, 1, 0)
    assert await store.attendance.figures(424242) is None
    end = other.ends_at
    events, members = await store.attendance.report(HERE, NOW, end)
    assert [e.event.id for e in events] == [event.id, other.id]
    assert {(m.user_id, m.name, m.going, m.attended, m.late, m.no_shows) for m in members} == {
        (1, "Alice", 2, 2, 1, 0), (3, "M3", 1, 0, 0, 1), (4, "M4", 0, 1, 0, 0)}
    assert (await store.attendance.report(HERE, NOW, end - timedelta(minutes=1)))[0][0].event.id == event.id
    assert await store.attendance.report(ELSEWHERE, NOW, end) == ([], [])
    answers, mine = await store.attendance.member_history(member(1), HERE, end)
    assert [(a.event.id, a.status, a.late) for a in answers] == [(other.id, "going", False), (event.id, "going", True)]
    assert (mine.going, mine.attended, mine.late, mine.no_shows) == (2, 2, 1, 0)
    answers, mine = await store.attendance.member_history(member(3), None, end)
    assert [a.checked_at for a in answers] == [None] and mine.no_shows == 1


async def test_closed_dms_line_claimed_once_per_offset_and_start(store) -> None:
    event = await make(store)
    claim = store.attendance.claim_dm_note
    assert await claim(event.id, 60, START, 3, NOW)
    assert not await claim(event.id, 60, START, 4, NOW + timedelta(seconds=1))  # the same line again
    assert await claim(event.id, 1440, START, 3, NOW)  # another offset
    assert await claim(event.id, 60, START + timedelta(days=1), 3, NOW)  # the event moved: a new start


async def test_moving_the_start_opens_the_window_again(store) -> None:
    from dataclasses import replace

    from bot.domain.events import Change

    event = await make(store)
    opened = await store.attendance.advance_windows(START - timedelta(minutes=10))
    assert [(m.old, m.new) for m in opened] == [(None, att.OPEN)]
    later = START + timedelta(days=1)

    def move(ev, going):
        return replace(ev, starts_at=later, version=ev.version + 1), [Change("starts_at", str(ev.starts_at), str(later))]

    await store.events.edit(event.id, move, NOW)
    assert await store.attendance.next_window() == later - att.OPENS_BEFORE
    assert await store.attendance.advance_windows(START) == []  # nothing due at the old start
    again = await store.attendance.advance_windows(later - timedelta(minutes=10))
    assert [(m.event.id, m.old, m.new) for m in again] == [(event.id, None, att.OPEN)]
    # A title change leaves the phase alone.

    def retitle(ev, going):
        return replace(ev, title="Renamed", version=ev.version + 1), [Change("title", ev.title, "Renamed")]

    await store.events.edit(event.id, retitle, NOW)
    assert await store.attendance.next_window() == later
