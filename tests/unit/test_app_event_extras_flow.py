"""Role-gated RSVP, event templates, the announcement's `ping:` role and going names, and each
member's own zone, through `bot.app` alone (real SQLite file, a clock and scheduler the test moves,
a Messenger that records)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from icalendar import Calendar

from bot.domain.roles import Actor
from tests.app_world import GUILD, NOW, refused, world_fixture

SPEAKERS = 700  # a role
CREATORS = 701  # another role
ORGANISER = Actor(user_id=2, guild_id=GUILD, manage_events=True, display_name="Omar")
ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice", role_ids=frozenset({SPEAKERS}))
BOB = Actor(user_id=12, guild_id=GUILD, display_name="Bob")
OTHER = Actor(user_id=3, guild_id=999, manage_guild=True, display_name="Elsewhere")


world = world_fixture("extras.sqlite3")


async def test_role_gated_rsvp_on_create_edit_and_series_scopes(world) -> None:
    app = world.app
    await app.events.create(ORGANISER, title="Speakers' dinner", when="2026-03-21 18:00", role=SPEAKERS)
    event = await app.events.repo.get(1)
    assert event.rsvp_role == SPEAKERS
    assert world.fields(event.message_ref)["Who may answer"] == f"Members with <@&{SPEAKERS}>"

    error = await refused(app.events.rsvp(BOB, event.id, "going"), "rsvp.role_required")
    assert error.params["role"] == f"<@&{SPEAKERS}>"
    await refused(app.events.rsvp(BOB, event.id, "maybe"), "rsvp.role_required")
    assert (await app.events.rsvp(BOB, event.id, "declined")).text  # anyone may say they can't go
    assert "going" in (await app.events.rsvp(ALICE, event.id, "going")).text.lower()
    assert (await app.events.repo.counts(event.id)).going == 1

    # Edit to another role: members who answered are told; @everyone lifts the restriction.
    reply = await app.events.edit(ORGANISER, str(event.id), role=CREATORS)
    assert f"<@&{SPEAKERS}> → <@&{CREATORS}>" in reply.text
    await app.idle()
    assert any(f"<@&{CREATORS}>" in text for text in world.messenger.dms_to(ALICE.user_id))
    await refused(app.events.rsvp(ALICE, event.id, "maybe"), "rsvp.role_required")
    await app.events.edit(ORGANISER, str(event.id), role=GUILD)
    assert (await app.events.repo.get(event.id)).rsvp_role is None
    await app.events.rsvp(BOB, event.id, "going")
    await app.idle()
    assert "Who may answer" not in world.fields(event.message_ref)

    # A series: every date gated; scope "following" changes the role of the later dates only.
    await app.series.create(ORGANISER, title="Clinic", when="2026-03-22 18:00", repeat="weekly", count=3,
                            role=SPEAKERS, announce_ahead=30)
    dates = await app.series.repo.occurrences((await app.events.repo.get(2)).series_id)
    assert [d.rsvp_role for d in dates] == [SPEAKERS] * 3
    await app.series.edit(ORGANISER, str(dates[1].id), scope="following", role=CREATORS)
    dates = await app.series.repo.occurrences(dates[0].series_id)
    assert [d.rsvp_role for d in dates] == [SPEAKERS, CREATORS, CREATORS]
    await refused(app.events.rsvp(ALICE, dates[2].id, "going"), "rsvp.role_required")
    await app.events.rsvp(ALICE, dates[0].id, "going")


async def test_templates_save_create_list_delete(world) -> None:
    app = world.app
    await app.events.create(ORGANISER, title="Weekly clinic", when="2026-03-21 18:00", duration="90m",
                            location="Studio 2", description="Bring your drafts", capacity=12,
                            reminders="2h", role=SPEAKERS)
    assert "saved" in (await app.templates.save(ORGANISER, "Clinic", "1")).text
    await refused(app.templates.save(BOB, "x", "1"), "perm.need_organiser")
    await refused(app.templates.save(ORGANISER, "no spaces!", "1"), "template.bad_name")
    await refused(app.templates.save(ORGANISER, "x" * 33, "1"), "template.bad_name")

    # Only `when` given: everything else is the template's.
    await app.events.create(ORGANISER, title=None, when="2026-03-28 18:00", template="clinic")
    made = await app.events.repo.get(2)
    assert (made.title, made.duration_min, made.location, made.description, made.capacity,
            made.reminder_offsets, made.rsvp_role) == ("Weekly clinic", 90, "Studio 2", "Bring your drafts", 12,
                                                       (120,), SPEAKERS)
    assert made.starts_at == datetime(2026, 3, 28, 18, 0, tzinfo=timezone.utc)
    # Options given win over the template's.
    await app.events.create(ORGANISER, title="Special clinic", when="2026-04-04 18:00", template="CLINIC",
                            capacity=40, location="Hall")
    special = await app.events.repo.get(3)
    assert (special.title, special.capacity, special.location, special.duration_min) == (
        "Special clinic", 40, "Hall", 90)
    await refused(app.events.create(ORGANISER, title=None, when="2026-04-04 18:00", template="nope"),
                  "template.unknown")
    # Per community: another server does not see it.
    await refused(app.events.create(OTHER, title=None, when="2026-04-04 18:00", template="clinic"),
                  "template.unknown")
    assert [c.value for c in await app.templates.choices(ORGANISER, "cli")] == ["clinic"]
    assert await app.templates.choices(OTHER, "") == []

    listed = (await app.templates.list(ORGANISER)).cards[0].body
    assert "`clinic`: **Weekly clinic**, 1h30m, 12 places" in listed and f"<@&{SPEAKERS}>" in listed
    assert "replaced" in (await app.templates.save(ORGANISER, "clinic", "3")).text
    assert "Special clinic" in (await app.templates.list(ORGANISER)).cards[0].body
    assert "deleted" in (await app.templates.delete(ORGANISER, "clinic")).text
    await refused(app.templates.delete(ORGANISER, "clinic"), "template.unknown")
    assert "No templates" in (await app.templates.list(ORGANISER)).text


async def test_ping_role_is_the_only_mention(world) -> None:
    app = world.app
    await app.events.create(ORGANISER, title="Open mic", when="2026-03-21 18:00", ping=CREATORS)
    posted = world.messenger.posts[-1].message
    assert posted.ping_roles == (CREATORS,) and posted.text == f"<@&{CREATORS}>"
    await refused(app.events.create(ORGANISER, title="All", when="2026-03-21 18:00", ping=GUILD),
                  "event.ping_everyone")
    await refused(app.events.create(BOB, title="Mine", when="2026-03-21 18:00", ping=CREATORS),
                  "perm.need_organiser")
    await app.events.create(ORGANISER, title="Quiet", when="2026-03-21 18:00")
    assert world.messenger.posts[-1].message.ping_roles == () and world.messenger.posts[-1].message.text == ""
    # A series pings at each date's announcement.
    await app.series.create(ORGANISER, title="Weekly", when="2026-03-22 18:00", repeat="weekly", count=2,
                            announce_ahead=3, ping=SPEAKERS)
    assert world.messenger.posts[-1].message.ping_roles == (SPEAKERS,)
    before = len(world.messenger.posts)
    await world.move_to(datetime(2026, 3, 28, 18, 1, tzinfo=timezone.utc))
    later = [p.message for p in world.messenger.posts[before:] if p.message.cards]
    assert [m.ping_roles for m in later] == [(SPEAKERS,)]


async def test_going_names_under_the_counts(world) -> None:
    app = world.app
    await app.events.create(ORGANISER, title="Big meetup", when="2026-03-21 18:00", capacity=20)
    ref = (await app.events.repo.get(1)).message_ref
    names = ["زینب", "**Bold**", "@everyone", "<@123>"] + [f"Member {i}" for i in range(8)]
    for i, name in enumerate(names):
        await app.events.rsvp(Actor(user_id=100 + i, guild_id=GUILD, display_name=name), 1, "going")
    await app.events.rsvp(Actor(user_id=99, guild_id=GUILD, display_name="Maybe Mo"), 1, "maybe")
    await app.idle()
    line = world.fields(ref)["Who's going"]
    assert line.startswith("زینب, \\*\\*Bold\\*\\*, @\u200beveryone, \\<@\u200b123>, Member 0")
    assert line.endswith("Member 5 and 2 more") and "Maybe Mo" not in line
    assert world.messenger.current(ref).ping_roles == ()
    # Someone leaves: the names follow (the coalesced refresh).
    await app.events.rsvp(Actor(user_id=100, guild_id=GUILD, display_name="زینب"), 1, "declined")
    await app.idle()
    assert world.fields(ref)["Who's going"].startswith("\\*\\*Bold\\*\\*") and "and 1 more" in world.fields(ref)["Who's going"]


async def test_my_timezone_in_reminders_and_files(world) -> None:
    app = world.app
    assert "server's, **Europe/London**" in (await app.my_zone.timezone(ALICE)).text
    await refused(app.my_zone.timezone(ALICE, "Mars/Base"), "myzone.bad")
    assert "**Asia/Karachi**" in (await app.my_zone.timezone(ALICE, "Asia/Karachi")).text
    assert "is **Asia/Karachi**" in (await app.my_zone.timezone(ALICE)).text

    await app.events.create(ORGANISER, title="Clinic", when="2026-03-20 18:00", reminders="1h")
    await app.events.rsvp(ALICE, 1, "going")
    await app.events.rsvp(BOB, 1, "going")
    await world.move_to(datetime(2026, 3, 20, 17, 0, tzinfo=timezone.utc))
    (alice_dm,) = [x for x in world.messenger.dms_to(ALICE.user_id) if x.startswith("Reminder")]
    (bob_dm,) = [x for x in world.messenger.dms_to(BOB.user_id) if x.startswith("Reminder")]
    assert "2026-03-20 23:00 (Asia/Karachi)" in alice_dm  # Karachi is UTC+5
    assert "2026-03-20 18:00 (Europe/London)" in bob_dm  # the server's

    ics = (await app.series.calendar(ALICE, 1)).files[0].data
    assert str(Calendar.from_ical(ics)["X-WR-TIMEZONE"]) == "Asia/Karachi"
    mine = (await app.events.my_calendar(ALICE)).files[0].data
    assert str(Calendar.from_ical(mine)["X-WR-TIMEZONE"]) == "Asia/Karachi"
    assert str(Calendar.from_ical((await app.events.my_calendar(BOB)).files[0].data)["X-WR-TIMEZONE"]) == \
        "Europe/London"

    await app.my_zone.timezone(ORGANISER, "Asia/Karachi")
    rows = list(csv.reader(io.StringIO((await app.events.attendees(ORGANISER, "1")).files[0].data
                                       .decode("utf-8-sig"))))
    assert rows[0][-1] == "answered at (Asia/Karachi)" and rows[1][-1] == "2026-03-20 15:00:00"
    await world.move_to(NOW + timedelta(hours=10))
    report = await app.attendance.report(ORGANISER, 7)
    assert "Asia/Karachi" in report.cards[0].footer
    by_event = list(csv.reader(io.StringIO(report.files[0].data.decode("utf-8-sig"))))
    assert by_event[1][0] == "2026-03-20 23:00"
    assert "server's, **Europe/London**" in (await app.my_zone.timezone(ORGANISER, clear=True)).text
    assert (await app.events.zone_of(ORGANISER.member, "Europe/London")) == "Europe/London"
