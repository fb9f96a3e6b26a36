"""The report's kept figures (issue 15 performance): an ended event's figures are counted once and
kept; later reports read them and stay exact: the same answer as the first, a newly ended event
joins, the window and the series filter still apply; an event not yet ended, or ended less than
`SETTLED` ago, is counted afresh and never kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain import attendance as att
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.series import plan_series

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
START = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)


def draft(start: datetime, title: str) -> Event:
    return Event(id=0, guild_id=100, channel_id=500, message_id=None, organiser_id=1, title=title,
                 description="", location="", starts_at=start, duration_min=60, timezone="Asia/Karachi",
                 capacity=None, reminder_offsets=())


async def make(store, start: datetime, title: str) -> Event:
    event = await store.events.create(draft(start, title), NOW)
    await store.events.set_message(event.id, MessageRef(Place(DISCORD, 500), 8000 + event.id))
    return await store.events.get(event.id)


async def answer(store, event: Event, n: int, choice: str, name: str) -> None:
    await store.events.rsvp(event.id, community=HERE, member=Member(DISCORD, n), display_name=name,
                            choice=choice, now=NOW)


async def check_in(store, event: Event, n: int, at: datetime) -> None:
    await store.attendance.check_in(event.id, community=HERE, member=Member(DISCORD, n), method=att.BUTTON,
                                    now=at, decide=att.decide_checkin)


def summary(report):
    events, members = report
    return ([(e.event.id, e.going, e.maybe, e.checked_in, e.late, e.going_not_in) for e in events],
            [(m.user_id, m.name, m.going, m.attended, m.late, m.no_shows) for m in members])


async def test_kept_figures_stay_exact_as_events_end(store) -> None:
    first = await make(store, START, "Clinic")
    second = await make(store, START + timedelta(days=1), "Clinic")
    series, drafts = plan_series(draft(START + timedelta(days=2), "Weekly"), repeat="weekly", until=None,
                                 count=2, announce_ahead=7, now=NOW)
    _, occurrences = await store.series.create(series, drafts, NOW)
    weekly = occurrences[0]
    for event in (first, second, weekly):
        await answer(store, event, 1, "going", "Alice")
        await answer(store, event, 2, "maybe", "علی")
    await answer(store, first, 3, "going", "Bilal")
    await check_in(store, first, 1, START + timedelta(minutes=5))  # late
    await check_in(store, first, 2, START - timedelta(minutes=5))
    await check_in(store, weekly, 1, weekly.starts_at)

    # Only the first has ended: kept; the second, running, is not reported (nor kept).
    during = second.starts_at + timedelta(minutes=10)
    early = await store.attendance.report(HERE, NOW, during)
    assert summary(early) == ([(first.id, 2, 1, 2, 1, 1)],
                              [(1, "Alice", 1, 1, 1, 0), (2, "علی", 0, 1, 0, 0), (3, "Bilal", 1, 0, 0, 1)])
    assert summary(await store.attendance.report(HERE, NOW, during)) == summary(early)  # read back as kept

    # The second ends (nobody checked in) and the weekly date too: they join, the first is unchanged.
    later = weekly.ends_at + timedelta(minutes=1)
    full = await store.attendance.report(HERE, NOW, later)
    assert summary(full) == (
        [(first.id, 2, 1, 2, 1, 1), (second.id, 1, 1, 0, 0, 1), (weekly.id, 1, 1, 1, 0, 0)],
        [(1, "Alice", 3, 2, 1, 1), (2, "علی", 0, 1, 0, 0), (3, "Bilal", 1, 0, 0, 1)])
    # the weekly date ended a minute ago: counted afresh (not kept yet), merged with the kept ones
    assert summary(await store.attendance.report(HERE, NOW, later)) == summary(full)
    settled = later + att.SETTLED
    assert summary(await store.attendance.report(HERE, NOW, settled)) == summary(full)  # now kept too
    # the window and the series filter apply to kept figures too
    since_second = await store.attendance.report(HERE, second.starts_at, later)
    assert [e.event.id for e in since_second[0]] == [second.id, weekly.id]
    assert {m.user_id for m in since_second[1]} == {1, 2}
    only_series = await store.attendance.report(HERE, NOW, later, weekly.series_id)
    assert summary(only_series) == ([(weekly.id, 1, 1, 1, 0, 0)], [(1, "Alice", 1, 1, 0, 0), (2, "علی", 0, 0, 0, 0)])
    # one event's own figures (/event stats) agree with what the report kept
    kept = {e.event.id: e for e in full[0]}
    for event in (first, second, weekly):
        assert await store.attendance.figures(event.id) == kept[event.id]
