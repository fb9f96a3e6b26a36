"""The report's marker (a finished report is reused while it is unchanged): equal while the report's
answer cannot have changed, even as time moves on, and different as soon as it may have: an event
ends and joins, one leaves the window, is edited, cancelled or deleted, a late click reaches an
event ended less than `SETTLED` ago."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.domain import attendance as att
from tests.contract.test_attendance_perf_queries import HERE, NOW, START, answer, check_in, make


async def test_marker_follows_what_the_report_reads(store) -> None:
    first = await make(store, START, "Clinic")
    second = await make(store, START + timedelta(days=1), "Clinic")
    for event in (first, second):
        await answer(store, event, 1, "going", "Alice")
        await answer(store, event, 2, "maybe", "علی")
    await check_in(store, first, 1, START)

    marker = store.attendance.report_marker
    after_first = first.ends_at + att.SETTLED + timedelta(minutes=1)
    unkept = await marker(HERE, NOW, after_first)
    await store.attendance.report(HERE, NOW, after_first)  # keeps the first's figures: same answer
    kept = await marker(HERE, NOW, after_first)
    assert kept == unkept
    assert await marker(HERE, NOW, after_first + timedelta(minutes=5)) == kept  # nothing new has ended
    assert await marker(HERE, NOW - timedelta(hours=1), after_first) == kept  # nothing more in the window
    assert await marker(HERE, NOW, after_first, 999) != kept  # another series: other events (none)
    # the second starts: still left out, but the marker changes with it
    started = await marker(HERE, NOW, second.starts_at + timedelta(minutes=1))
    assert started != kept

    # the second ends: within SETTLED its live figures are part of the marker, and a late click changes it
    just_ended = second.ends_at + timedelta(minutes=1)
    live = await marker(HERE, NOW, just_ended)
    assert live != started
    assert await marker(HERE, NOW, just_ended) == live
    await check_in(store, second, 2, second.ends_at - timedelta(seconds=1))
    clicked = await marker(HERE, NOW, just_ended)
    assert clicked != live

    # once settled and kept, an edit of a reported event (its title) changes the marker
    settled = second.ends_at + att.SETTLED
    both = await marker(HERE, NOW, settled)
    assert both != clicked
    assert await marker(HERE, NOW, settled + timedelta(days=1)) == both
    await store.events.edit(first.id, lambda old, going: (replace(old, title="Renamed", version=old.version + 1),
                                                          ()), NOW + timedelta(days=3))
    edited = await marker(HERE, NOW, settled)
    assert edited != both
    # an event leaving the window, or deleted, changes it too
    assert await marker(HERE, START + timedelta(hours=2), settled) != edited
    await store.events.delete(first.id)
    assert await marker(HERE, NOW, settled) != edited


async def test_marker_moves_with_new_and_cancelled_events(store) -> None:
    first = await make(store, START, "Clinic")
    after = first.ends_at + att.SETTLED
    before = await store.attendance.report_marker(HERE, NOW, after)
    await make(store, START + timedelta(days=10), "Later")  # not in the report, still a change
    added = await store.attendance.report_marker(HERE, NOW, after)
    assert added != before
    await store.events.cancel(first.id, lambda old: replace(old, status="cancelled", version=old.version + 1),
                              NOW)
    assert await store.attendance.report_marker(HERE, NOW, after) != added


async def test_report_lines_are_the_report_without_events(store) -> None:
    first = await make(store, START, "=Clinic")
    second = await make(store, START + timedelta(hours=3), "کلینک")
    for event in (first, second):
        await answer(store, event, 1, "going", "Alice")
        await answer(store, event, 2, "maybe", "علی")
    await answer(store, first, 3, "going", "Bilal")
    await check_in(store, first, 1, START + timedelta(minutes=5))
    await check_in(store, second, 2, second.starts_at)

    def lines_of(report):
        events, members = report
        return ([(int(e.event.starts_at.timestamp()), e.event.title, e.going, e.maybe, e.waitlist, e.declined,
                  e.checked_in, e.late, e.going_not_in, e.promoted, e.dm_closed) for e in events], members)

    # the second ended a minute ago (counted afresh), the first is kept: both kinds of line
    until = second.ends_at + timedelta(minutes=1)
    lines, members = await store.attendance.report_lines(HERE, NOW, until)
    assert all(isinstance(line, att.EventLine) for line in lines)
    assert (list(map(tuple, lines)), members) == lines_of(await store.attendance.report(HERE, NOW, until))
    assert [(line.title, line.going, line.checked_in, line.late, line.going_not_in) for line in lines] == [
        ("=Clinic", 2, 1, 1, 1), ("کلینک", 1, 1, 0, 1)]
    assert att.totals(lines, members) == att.totals(*(await store.attendance.report(HERE, NOW, until)))
    later = until + att.SETTLED
    assert (await store.attendance.report_lines(HERE, NOW, later))[0] == lines  # now kept: the same lines
