"""Events, RSVP rules, reminders rows, calendar files and CSV on a real SQLite file."""

from __future__ import annotations

import asyncio
import csv
import io
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from bot.domain.calendar import calendar_ics, event_ics
from bot.domain.errors import DomainError
from bot.domain.event_attendees import AttendeeRow, attendees_csv
from bot.domain.events import plan_cancel, plan_edit, plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.reminders import LATE, ON_TIME, SKIP, classify
from bot.domain.roles import Actor
from bot.domain.when import parse_when
from bot.i18n import catalogue, placeholders
from bot.storage.sqlite.events import SqliteEventsRepository

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
GUILD = 100
SETTINGS = GuildSettings(guild_id=GUILD, timezone="Asia/Karachi", language="en", announcements_channel=5,
                         organiser_role=7)
ORGANISER = Actor(user_id=1, guild_id=GUILD, role_ids=frozenset({7}))
MEMBER = Actor(user_id=2, guild_id=GUILD)
HERE = Community(DISCORD, GUILD)


def member(user_id: int) -> Member:
    return Member(DISCORD, user_id)


async def make(db, **options) -> tuple[SqliteEventsRepository, object]:
    repo = SqliteEventsRepository(db)
    values = dict(title="Fact-check clinic", when="tomorrow 6pm", channel_id=None)
    values.update(options)
    draft = plan_event(ORGANISER, SETTINGS, now=NOW, **values)
    return repo, await repo.create(draft, NOW)


async def test_create_and_validation(db) -> None:
    repo, event = await make(db, capacity=3, duration="1h30m", location="Lahore")
    assert event.id > 0 and event.channel_id == 5 and event.capacity == 3
    assert event.duration_min == 90 and event.reminder_offsets == (1440, 60)
    assert event.starts_at == datetime(2026, 3, 11, 13, 0, tzinfo=timezone.utc)
    with pytest.raises(DomainError, match="perm.need_organiser"):
        plan_event(MEMBER, SETTINGS, title="x", when="tomorrow 6pm", now=NOW, channel_id=None)
    for bad in (dict(capacity=0), dict(duration="abc"), dict(title="  "), dict(title="t" * 201),
                dict(reminders="nope")):
        with pytest.raises(DomainError):
            plan_event(ORGANISER, SETTINGS, now=NOW, channel_id=None, **{"title": "x", "when": "tomorrow 6pm", **bad})
    with pytest.raises(DomainError, match="event.no_channel"):
        plan_event(ORGANISER, replace(SETTINGS, announcements_channel=None), title="x", when="tomorrow 6pm",
                   now=NOW, channel_id=None)


async def test_rsvp_one_status_waitlist_and_promotion(db) -> None:
    repo, event = await make(db, capacity=2)

    async def click(uid: int, choice: str):
        return await repo.rsvp(event.id, community=HERE, member=member(uid), display_name=f"m{uid}", choice=choice, now=NOW)

    assert (await click(11, "going")).status == "going"
    assert (await click(12, "going")).status == "going"
    third = await click(13, "going")
    fourth = await click(14, "going")
    assert (third.status, third.position, fourth.position) == ("waitlist", 1, 2)
    again = await click(13, "going")  # clicking Going again keeps the place in line
    assert (again.status, again.position) == ("waitlist", 1)
    maybe = await click(11, "maybe")  # one status per member: going -> maybe frees a place
    assert maybe.status == "maybe" and maybe.promoted == (member(13),)
    counts = await repo.counts(event.id)
    assert (counts.going, counts.maybe, counts.waitlist) == (2, 1, 1)
    assert (await click(14, "going")).position == 1
    # A button of this event clicked in another server is refused and changes nothing.
    with pytest.raises(DomainError, match="common.not_found"):
        await repo.rsvp(event.id, community=Community(DISCORD, 999), member=member(15), display_name="x", choice="going", now=NOW)
    assert await repo.status_of(event.id, member(15)) is None


async def test_concurrent_clicks_never_exceed_capacity(db) -> None:
    repo, event = await make(db, capacity=50)
    results = await asyncio.gather(*(
        repo.rsvp(event.id, community=HERE, member=member(1000 + i), display_name=str(i), choice="going", now=NOW)
        for i in range(200)))
    assert sum(r.status == "going" for r in results) == 50
    positions = sorted(r.position for r in results if r.status == "waitlist")
    assert positions == list(range(1, 151))
    attendees = await repo.attendees(event.id)
    waitlist = [a for a in attendees if a.status == "waitlist"]
    assert [a.position for a in waitlist] == list(range(1, 151))
    by_user = dict(zip(range(1000, 1200), results))
    assert all(by_user[a.user_id].position == a.position for a in waitlist)


async def test_edit_raises_capacity_and_replans(db) -> None:
    repo, event = await make(db, capacity=1)
    for uid in (21, 22, 23):
        await repo.rsvp(event.id, community=HERE, member=member(uid), display_name="", choice="going", now=NOW)
    await repo.rsvp(event.id, community=HERE, member=member(24), display_name="", choice="maybe", now=NOW)
    before = {(m.id, o) for m, o, s in await repo.reminder_statuses(event.id)}
    assert before == {(21, 1440), (21, 60), (24, 1440), (24, 60)}

    def plan(ev, going):
        return plan_edit(ORGANISER, SETTINGS, ev, now=NOW, going=going, capacity=2,
                         starts_at=parse_when("tomorrow 8pm", ev.timezone, NOW).start)

    out = await repo.edit(event.id, plan, NOW)
    assert out.promoted == (member(22),)
    assert {c.field for c in out.changes} == {"when", "capacity"}
    assert out.notify == tuple(member(u) for u in (21, 22, 23, 24))
    rows = await repo.reminder_statuses(event.id)
    assert {(m.id, o) for m, o, s in rows} == {(21, 1440), (21, 60), (22, 1440), (22, 60), (24, 1440), (24, 60)}
    assert all(s == "pending" for *_, s in rows)
    with pytest.raises(DomainError, match="capacity_below_going"):
        await repo.edit(event.id, lambda ev, g: plan_edit(ORGANISER, SETTINGS, ev, now=NOW, going=g, capacity=1), NOW)
    with pytest.raises(DomainError, match="nothing_changed"):
        await repo.edit(event.id, lambda ev, g: plan_edit(ORGANISER, SETTINGS, ev, now=NOW, going=g), NOW)
    with pytest.raises(DomainError, match="perm.need_organiser"):
        await repo.edit(event.id, lambda ev, g: plan_edit(MEMBER, SETTINGS, ev, now=NOW, going=g, title="x"), NOW)


async def test_cancel_drops_pending_reminders(db) -> None:
    repo, event = await make(db)
    await repo.rsvp(event.id, community=HERE, member=member(31), display_name="", choice="going", now=NOW)
    await repo.rsvp(event.id, community=HERE, member=member(32), display_name="", choice="declined", now=NOW)
    cancelled, notify = await repo.cancel(event.id, lambda ev: plan_cancel(ORGANISER, SETTINGS, ev, reason="rain"), NOW)
    assert cancelled.cancelled and notify == (member(31),)
    assert await repo.reminder_statuses(event.id) == []
    assert await repo.pending_groups() == []
    with pytest.raises(DomainError, match="rsvp.cancelled"):
        await repo.rsvp(event.id, community=HERE, member=member(33), display_name="", choice="going", now=NOW)


async def test_reminders_claimed_once(db) -> None:
    repo, event = await make(db)
    for uid in range(41, 46):
        await repo.rsvp(event.id, community=HERE, member=member(uid), display_name="", choice="going", now=NOW)
    groups = sorted((g.offset_min, g.count) for g in await repo.pending_groups())
    assert groups == [(60, 5), (1440, 5)]
    due = event.starts_at - timedelta(minutes=60)
    assert await repo.claim(event.id, 60, due - timedelta(seconds=1)) == []  # not due yet
    first, second = await asyncio.gather(repo.claim(event.id, 60, due, limit=3), repo.claim(event.id, 60, due, limit=3))
    claimed = [c.member.id for c in first + second]
    assert sorted(claimed) == list(range(41, 46))  # every row exactly once
    await repo.finish({"sent": [c.id for c in first], "dm_closed": [c.id for c in second]}, due)
    assert await repo.claim(event.id, 60, due + timedelta(hours=1)) == []
    assert sorted(g.offset_min for g in await repo.pending_groups()) == [1440]
    # Leaving the event drops a member's pending reminders.
    await repo.rsvp(event.id, community=HERE, member=member(41), display_name="", choice="declined", now=NOW)
    assert [g.count for g in await repo.pending_groups()] == [4]


def test_late_reminders_classified() -> None:
    start = NOW + timedelta(hours=2)
    due = start - timedelta(hours=1)
    assert classify(due, due, start) == ON_TIME
    assert classify(due + timedelta(minutes=30), due, start) == LATE
    assert classify(start, due, start) == SKIP


async def test_calendar_round_trip(db) -> None:
    repo, event = await make(db, location="Karachi Press Club", description="Bring a laptop")
    event = replace(event, message_id=555)
    cal = Calendar.from_ical(event_ics(event, NOW))
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Karachi"
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(0)
    assert vevent.decoded("DTEND") == event.ends_at
    assert str(vevent["SUMMARY"]) == "Fact-check clinic" and str(vevent["LOCATION"]) == "Karachi Press Club"
    assert str(vevent["UID"]).startswith(f"event-{event.id}-")
    (alarm,) = vevent.walk("VALARM")  # at the first reminder, like the bot's own DM
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=max(event.reminder_offsets))
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert not Calendar.from_ical(event_ics(replace(event, reminder_offsets=()), NOW)).walk("VALARM")
    assert b"DTSTART:20260311T130000Z" in event_ics(event, NOW)
    urdu = replace(event, id=event.id + 1, title="میڈیا خواندگی ورکشاپ")
    both = Calendar.from_ical(calendar_ics([event, urdu], NOW, name="mine", zone="Asia/Karachi"))
    assert [str(v["SUMMARY"]) for v in both.walk("VEVENT")] == ["Fact-check clinic", "میڈیا خواندگی ورکشاپ"]


def test_attendees_csv_opens_in_a_spreadsheet() -> None:
    when = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
    data = attendees_csv(["status", "position", "user id", "name", "answered"],
                         [AttendeeRow("going", None, 1, "زینب", when), AttendeeRow("waitlist", 1, 2, "=cmd()", when)])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["status", "position", "user id", "name", "answered"]
    assert rows[1] == ["going", "", "1", "زینب", "2026-03-10 07:00:00"]
    assert rows[2][3] == "'=cmd()"  # never run as a formula


def test_event_messages_in_both_languages() -> None:
    from bot.i18n.messages.events import MESSAGES

    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "ur"}, key
        assert placeholders(texts["en"]) == placeholders(texts["ur"]), key
        assert catalogue()[key] == texts
