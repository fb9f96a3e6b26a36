"""Events that repeat, through `bot.app` alone (real SQLite file, a clock and scheduler the test moves,
a Messenger that records). A weekly London clinic crosses the change to summer time; occurrences are
announced on schedule, also across a restart; edits and cancels with each scope tell each member
once; the series' .ics is parsed back into the right dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from bot.domain.errors import DomainError
from bot.domain.roles import Actor
from tests.app_world import ADMIN, CHANNEL, GUILD, world_fixture

LONDON = ZoneInfo("Europe/London")
TITLE = "Weekly clinic"
ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")
BOB = Actor(user_id=12, guild_id=GUILD, display_name="Bob")
CAROL = Actor(user_id=13, guild_id=GUILD, display_name="Carol")


def london(y: int, mo: int, d: int, h: int = 18, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=LONDON).astimezone(timezone.utc)


world = world_fixture("series.sqlite3")


async def test_weekly_series_keeps_wall_clock_across_dst_and_is_announced_on_schedule(world) -> None:
    app = world.app
    reply = await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", repeat="weekly", count=4)
    assert "4 dates" in reply.text and "Europe/London" in reply.text and "First announcement:" in reply.text
    occurrences = await app.store.series.occurrences(1)
    # 18:00 on the wall clock every week: 18:00 UTC in March (GMT), 17:00 UTC after 29 March (BST).
    assert [e.starts_at for e in occurrences] == [london(2026, 3, 24), london(2026, 3, 31), london(2026, 4, 7),
                                                 london(2026, 4, 14)]
    assert occurrences[0].starts_at.hour == 18 and occurrences[1].starts_at.hour == 17
    assert {e.series_id for e in occurrences} == {1}
    # Only the first is within 7 days: it is announced now; the next waits for its day.
    assert world.posted_ids() == [occurrences[0].id]
    assert (await app.events.list_page(ALICE, 0)).cards[0].body.count("Weekly clinic") == 1
    assert await world.scheduler.run_due(world.clock.now()) == 0
    await app.series.announce_due()
    assert len(world.messenger.posts) == 1  # nothing twice

    # The bot restarts just after the second date's announcement became due.
    await world.stop()
    world.clock.moment = london(2026, 3, 31) - timedelta(days=7) + timedelta(minutes=5)
    app = await world.start()
    assert await world.scheduler.run_due(world.clock.now()) >= 1
    assert world.posted_ids() == [occurrences[0].id, occurrences[1].id]
    # A restart after that announces nothing again, and waits for the third.
    await world.stop()
    app = await world.start()
    await world.scheduler.run_due(world.clock.now())
    assert len(world.messenger.posts) == 2
    when, _, _ = world.scheduler.jobs["series-announce"]
    assert when == london(2026, 4, 7) - timedelta(days=7)

    # Each occurrence has its own answers.
    await app.events.rsvp(ALICE, occurrences[0].id, "going")
    await app.events.rsvp(ALICE, occurrences[1].id, "maybe")
    assert (await app.events.repo.counts(occurrences[0].id)).going == 1
    assert (await app.events.repo.counts(occurrences[1].id)).going == 0


async def test_edit_and_cancel_with_each_scope_tell_each_member_once(world) -> None:
    app, messenger = world.app, world.messenger
    await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", repeat="weekly", count=5,
                            announce_ahead=35)
    occ = await app.store.series.occurrences(1)
    assert len(messenger.posts) == 5  # all within 35 days
    ids = [e.id for e in occ]
    for i in (1, 2, 3):
        await app.events.rsvp(ALICE, ids[i], "going")
    await app.events.rsvp(BOB, ids[0], "going")
    await app.events.rsvp(CAROL, ids[3], "maybe")
    await app.idle()

    # scope this: one date, as /event edit always did.
    done = await app.series.edit(ADMIN, str(ids[0]), scope="this", location="Room 2")
    assert "Room 2" in done.text
    assert [d.member.id for d in messenger.dms] == [BOB.user_id]
    assert (await app.events.repo.get(ids[1])).location == ""

    # scope following from the 3rd date: dates 3-5; Alice answered two of them, Carol one: told once each.
    messenger.dms.clear()
    done = await app.series.edit(ADMIN, str(ids[2]), scope="following", title="Clinic (new room)")
    assert "3 dates changed" in done.text and "2 members told" in done.text
    assert sorted(d.member.id for d in messenger.dms) == [ALICE.user_id, CAROL.user_id]
    alice_dm = messenger.dms_to(ALICE.user_id)[0]
    assert "2 dates you answered" in alice_dm and "Clinic (new room)" in alice_dm
    assert [(await app.events.repo.get(i)).title for i in ids] == [TITLE, TITLE] + ["Clinic (new room)"] * 3
    await app.idle()
    assert messenger.current(messenger.posts[2].ref).cards[0].title == "Clinic (new room)"

    # scope all, moving the time: every date still to come moves 30 minutes on the wall clock.
    messenger.dms.clear()
    done = await app.series.edit(ADMIN, str(ids[1]), scope="all", when="2026-03-31 18:30")
    assert "5 dates changed" in done.text
    starts = [(await app.events.repo.get(i)).starts_at for i in ids]
    assert [s.astimezone(LONDON).strftime("%H:%M") for s in starts] == ["18:30"] * 5
    assert sorted(d.member.id for d in messenger.dms) == [ALICE.user_id, BOB.user_id, CAROL.user_id]
    assert "3 dates you answered" in messenger.dms_to(ALICE.user_id)[0]
    rows = {(m.id, off) for m, off, status in await app.store.events.reminder_statuses(ids[3]) if status == "pending"}
    assert (ALICE.user_id, 60) in rows  # reminders re-planned for the new time

    # Bad input changes nothing.
    with pytest.raises(DomainError, match="series.bad_scope"):
        await app.series.edit(ADMIN, str(ids[1]), scope="some", title="x")
    with pytest.raises(DomainError, match="event.not_organiser|common.not_organiser|organiser"):
        await app.series.cancel(ALICE, str(ids[1]), scope="all")

    # cancel following from the 4th: dates 4-5, Alice and Carol told once each; the rest stay.
    messenger.dms.clear()
    done = await app.series.cancel(ADMIN, str(ids[3]), scope="following", reason="Venue closed")
    assert "2 dates cancelled" in done.text
    assert sorted(d.member.id for d in messenger.dms) == [ALICE.user_id, CAROL.user_id]
    assert "Venue closed" in messenger.dms_to(CAROL.user_id)[0]
    statuses = [(await app.events.repo.get(i)).status for i in ids]
    assert statuses == ["scheduled", "scheduled", "scheduled", "cancelled", "cancelled"]
    await app.idle()
    assert all(b.disabled for b in messenger.current(messenger.posts[4].ref).buttons[0])
    # A non-series event refuses following/all.
    await app.events.create(ADMIN, title="One-off", when="2026-03-25 10:00")
    with pytest.raises(DomainError, match="series.not_a_series"):
        await app.series.cancel(ADMIN, "One-off", scope="all")


async def test_cancelled_dates_are_never_announced(world) -> None:
    app = world.app
    await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", repeat="every 2 weeks", until="2026-06-30")
    occ = await app.store.series.occurrences(1)
    assert [e.starts_at.astimezone(LONDON).date().isoformat() for e in occ] == [
        "2026-03-24", "2026-04-07", "2026-04-21", "2026-05-05", "2026-05-19", "2026-06-02", "2026-06-16",
        "2026-06-30"]
    await app.series.cancel(ADMIN, str(occ[1].id), scope="all")
    assert len(world.messenger.posts) == 1
    world.clock.moment = datetime(2026, 7, 1, tzinfo=timezone.utc)
    await world.scheduler.run_due(world.clock.now())
    await app.series.announce_due()
    assert len(world.messenger.posts) == 1


async def test_series_ics_parses_back_to_the_right_dates(world) -> None:
    app = world.app
    await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", repeat="weekly", count=6,
                            announce_ahead=60)
    occ = await app.store.series.occurrences(1)
    await app.series.cancel(ADMIN, str(occ[2].id), scope="this")
    await app.series.edit(ADMIN, str(occ[4].id), scope="this", when="2026-04-22 19:00")
    await app.events.rsvp(ALICE, occ[0].id, "going")
    message = await app.series.calendar(ALICE, occ[0].id)
    names = [f.filename for f in message.files]
    assert names == [f"event-{occ[0].id}.ics", "series-1.ics"]
    cal = Calendar.from_ical(message.files[1].data)
    vevents = [c for c in cal.walk("VEVENT")]
    master = next(v for v in vevents if "RRULE" in v)
    assert master["DTSTART"].params.get("TZID") == "Europe/London" and cal.walk("VTIMEZONE")
    assert [a.decoded("TRIGGER") for a in master.walk("VALARM")] == [-timedelta(hours=24)]
    start = master.decoded("DTSTART")
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start)
    exdates = {d.dt for ex in ([master["EXDATE"]] if not isinstance(master["EXDATE"], list) else master["EXDATE"])
               for d in ex.dts}
    overrides = {v.decoded("RECURRENCE-ID"): v.decoded("DTSTART") for v in vevents if "RECURRENCE-ID" in v}
    expanded = sorted(overrides.get(d, d) for d in rule if d not in exdates)
    live = [e.starts_at for e in occ if e.id != occ[2].id]
    live[3] = london(2026, 4, 22, 19)
    assert [d.astimezone(timezone.utc) for d in expanded] == live
    assert all(d.astimezone(LONDON).hour in (18, 19) for d in expanded)

    # /my calendar includes the occurrences the member answered.
    await app.events.rsvp(ALICE, occ[1].id, "maybe")
    mine = await app.events.my_calendar(ALICE)
    summaries = [str(v["DTSTART"].dt) for v in Calendar.from_ical(mine.files[0].data).walk("VEVENT")]
    assert len(summaries) == 2


async def test_bad_series_options_are_refused_and_nothing_is_stored(world) -> None:
    app = world.app
    cases = [({"repeat": "daily"}, "series.bad_repeat"), ({"repeat": "weekly", "count": 1}, "series.bad_count"),
             ({"repeat": "weekly", "until": "next year"}, "series.bad_until"),
             ({"repeat": "weekly", "until": "2026-03-01"}, "series.until_before_start"),
             ({"repeat": "weekly", "until": "2028-01-01"}, "series.until_too_far"),
             ({"repeat": "weekly", "until": "2026-04-01", "count": 3}, "series.until_or_count"),
             ({"repeat": "weekly", "announce_ahead": 99}, "series.bad_ahead"),
             ({"repeat": "weekly", "until": "2026-03-25"}, "series.too_few")]
    for options, key in cases:
        with pytest.raises(DomainError, match=key):
            await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", **options)
    with pytest.raises(DomainError):
        await app.series.create(ALICE, title=TITLE, when="2026-03-24 18:00", repeat="weekly")
    assert world.messenger.posts == [] and await app.store.series.get(1) is None


async def test_first_announcement_failing_removes_the_series(world) -> None:
    app = world.app
    world.messenger.gone_places.add(CHANNEL)
    with pytest.raises(DomainError, match="event.post_failed"):
        await app.series.create(ADMIN, title=TITLE, when="2026-03-24 18:00", repeat="monthly")
    assert await app.store.series.get(1) is None and await app.events.repo.get(1) is None
    assert "series-announce" not in world.scheduler.jobs
