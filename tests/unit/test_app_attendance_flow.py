"""Check-in and attendance through `bot.app` alone (real SQLite file, a clock and scheduler the test
moves, a Messenger that records): the Check in button appears and disappears with the window (also
across a restart), codes (wrong, expired, reused), late marks, "starting now" once, and attendance
figures exact on a fixture: /event stats, /my attendance, /event report with its CSV files."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone


from bot.domain.roles import Actor
from tests.app_world import ADMIN, GUILD, NOW, refused, world_fixture

ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")
BOB = Actor(user_id=12, guild_id=GUILD, display_name="Bob")
CAROL = Actor(user_id=13, guild_id=GUILD, display_name="Carol")
ZAINAB = Actor(user_id=14, guild_id=GUILD, display_name="زینب")
ERIN = Actor(user_id=15, guild_id=GUILD, display_name="Erin")
IVAN = Actor(user_id=16, guild_id=GUILD, display_name="Ivan")
OTHER_GUILD_ADMIN = Actor(user_id=2, guild_id=999, manage_guild=True, display_name="Elsewhere")


def at(hour: int, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute)


world = world_fixture("attendance.sqlite3", closed=[CAROL.user_id])


async def test_check_in_by_button_and_code_and_the_figures(world) -> None:
    app = world.app
    await app.events.create(ADMIN, title="Meetup", when="2026-03-20 12:00", duration="2h", capacity=3)
    await app.events.create(ADMIN, title="Evening clinic", when="2026-03-20 15:00", duration="1h")
    meetup, clinic = (await app.events.repo.get(1)), (await app.events.repo.get(2))
    ref = meetup.message_ref
    for who in (ALICE, BOB, IVAN, CAROL):
        await app.events.rsvp(who, meetup.id, "going")  # Carol is waitlisted
    await app.events.rsvp(ZAINAB, meetup.id, "maybe")
    await app.events.rsvp(ERIN, meetup.id, "declined")
    await app.events.rsvp(IVAN, meetup.id, "declined")  # Carol moves up
    await app.events.rsvp(ALICE, clinic.id, "going")
    await app.idle()
    assert world.labels(ref) == ["Going", "Maybe", "Can't go", "Add to calendar"]

    # Before the window: no button, and a click on an old one is refused with when it opens.
    error = await refused(app.attendance.check_in(ALICE, meetup.id), "checkin.not_yet")
    assert error.params["opens"] == int(at(11, 30).timestamp())
    await refused(app.attendance.issue_code(ADMIN, "Meetup"), "checkin.not_yet")

    # 11:00: the one-hour reminders go out; Carol's DMs are closed: one mention-free line says so.
    await world.move_to(at(11, 0))
    assert world.channel_lines("could not be reminded") == [
        "1 member could not be reminded of **Meetup** by DM because their DMs are closed. To get reminders, "
        "open this server's menu → Privacy Settings → turn on Direct Messages."]
    assert not world.messenger.posts[-1].message.ping_roles and "<@" not in world.messenger.posts[-1].message.text
    await app.attendance.closed_dms(meetup, 60, 1)  # asked again (a restart mid-send): nothing twice
    assert len(world.channel_lines("could not be reminded")) == 1
    # 11:30: the window opens and the announcement shows Check in.
    await world.move_to(at(11, 30))
    assert world.labels(ref) == ["Going", "Maybe", "Can't go", "Add to calendar", "Check in"]
    assert world.labels(clinic.message_ref)[-1] == "Add to calendar"  # its window is later

    done = await app.attendance.check_in(ALICE, meetup.id)
    assert "checked in to **Meetup**" in done.text and "late" not in done.text
    await refused(app.attendance.check_in(ALICE, meetup.id), "checkin.already")
    await refused(app.attendance.check_in(ERIN, meetup.id), "checkin.not_going")
    await refused(app.attendance.check_in(IVAN, meetup.id), "checkin.not_going")
    await refused(app.attendance.check_in(OTHER_GUILD_ADMIN, meetup.id), "common.not_found")

    # Codes: members refused, the organiser gets one valid for 10 minutes.
    await refused(app.attendance.issue_code(BOB, "Meetup"), "perm.need_organiser")
    world.clock.moment = at(11, 40)
    issued = await app.attendance.issue_code(ADMIN, "Meetup")
    code = issued.text.split("**")[3]
    assert len(code) == 6 and code.isdigit()
    assert f"<t:{int(at(11, 50).timestamp())}:T>" in issued.text
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    await refused(app.attendance.check_in_code(BOB, wrong), "checkin.code_wrong")
    await refused(app.attendance.check_in_code(BOB, "12ab"), "checkin.code_wrong")
    assert await app.attendance.repo.checked_in(meetup.id, BOB.member) is None  # nothing changed

    # The restart between the window opening and the start changes nothing shown, loses nothing.
    await world.stop()
    app = await world.start()
    await world.move_to(at(11, 45))
    assert world.labels(ref)[-1] == "Check in"
    await world.move_to(at(12, 5))
    lines = world.channel_lines("starting now")
    assert len(lines) == 1 and lines[0].startswith("**Meetup** is starting now. [Announcement and check-in](")
    assert not world.messenger.posts[-1].message.ping_roles
    await refused(app.attendance.check_in_code(BOB, code), "checkin.code_expired")
    fresh = (await app.attendance.issue_code(ADMIN, str(meetup.id))).text.split("**")[3]
    late = await app.attendance.check_in_code(BOB, "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in fresh))  # Urdu digits
    assert "marked late" in late.text
    await refused(app.attendance.check_in_code(BOB, fresh), "checkin.already")  # reused
    assert "marked late" in (await app.attendance.check_in(ZAINAB, meetup.id)).text

    # Stats during the event: no-shows only after the end.
    stats = (await app.attendance.stats(ADMIN, "Meetup")).cards[0]
    shown = {f.name: f.value for f in stats.fields}
    assert shown == {"Going": "3", "Maybe": "1", "Waitlisted": "0", "Checked in": "3 (2 late)",
                     "No-shows": "counted after the end", "Moved up from the waitlist": "1",
                     "Not reminded (DMs closed)": "1"}
    await refused(app.attendance.stats(ALICE, "Meetup"), "perm.need_organiser")

    # 14:00: the end; the button goes, check-in is over. 15:00-16:00 the clinic (Alice, late).
    await world.move_to(at(14, 0))
    assert world.labels(ref) == ["Going", "Maybe", "Can't go", "Add to calendar"]
    await refused(app.attendance.check_in(CAROL, meetup.id), "checkin.over")
    await world.move_to(at(15, 10))
    assert world.labels(clinic.message_ref)[-1] == "Check in"
    await app.attendance.check_in(ALICE, clinic.id)
    await world.move_to(at(17, 0))
    assert [line.split(" [")[0] for line in world.channel_lines("starting now")] == [
        "**Meetup** is starting now.", "**Evening clinic** is starting now."]
    assert world.labels(clinic.message_ref)[-1] == "Add to calendar"

    shown = {f.name: f.value for f in (await app.attendance.stats(ADMIN, "Meetup")).cards[0].fields}
    assert shown["No-shows"] == "1" and shown["Checked in"] == "3 (2 late)"

    # /my attendance, for Alice and for Carol (going, never came).
    mine = (await app.attendance.my_attendance(ALICE)).cards[0].body
    assert mine.startswith("Attended 2 · said Going 2 · late 1 · no-shows 0")
    assert mine.index("Evening clinic") < mine.index("Meetup")  # newest first
    assert "checked in late" in mine and "· checked in" in mine
    carol = (await app.attendance.my_attendance(CAROL)).cards[0].body
    assert carol.startswith("Attended 0 · said Going 1 · late 0 · no-shows 1")
    assert "did not check in" in carol
    assert "no past events" in (await app.attendance.my_attendance(ERIN)).text

    # /event report: totals, repeat attendees, no-show rate, two CSV files with a BOM.
    report = await app.attendance.report(ADMIN, 7)
    totals = {f.name: f.value for f in report.cards[0].fields}
    assert totals == {"Events": "2", "Going": "4", "Checked in": "4 (3 late)", "No-shows": "1",
                      "No-show rate": "25.0%", "Members who came": "3", "Came more than once": "1",
                      "Moved up from the waitlist": "1", "Not reminded (DMs closed)": "1"}
    by_event, by_member = report.files
    assert by_event.data.startswith(b"\xef\xbb\xbf") and by_member.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(by_event.data.decode("utf-8-sig"))))
    assert rows == [["Start", "Event", "Going", "Maybe", "Waitlisted", "Moved up", "Checked in", "Late",
                     "No-shows", "DMs closed"],
                    ["2026-03-20 12:00", "Meetup", "3", "1", "0", "1", "3", "2", "1", "1"],
                    ["2026-03-20 15:00", "Evening clinic", "1", "0", "0", "0", "1", "1", "0", "0"]]
    members = list(csv.reader(io.StringIO(by_member.data.decode("utf-8-sig"))))
    assert members[0] == ["User ID", "Name", "Going", "Attended", "Late", "No-shows"]
    assert sorted(members[1:]) == sorted([["11", "Alice", "2", "2", "1", "0"], ["12", "Bob", "1", "1", "1", "0"],
                                          ["14", "زینب", "0", "1", "1", "0"], ["13", "Carol", "1", "0", "0", "1"]])
    await refused(app.attendance.report(ADMIN, 0), "attendance.bad_days")
    await refused(app.attendance.report(ADMIN, 7, "Meetup"), "report.not_series")
    await refused(app.attendance.report(ALICE, 7), "perm.need_organiser")
    assert (await app.attendance.report(ADMIN, 7)).files[0].data == by_event.data  # reading changes nothing
    empty = await app.attendance.report(OTHER_GUILD_ADMIN, 30)
    assert empty.cards[0].body == "No events ended in this period." and not empty.files


async def test_report_for_one_series_and_a_moved_event_opens_its_window_again(world) -> None:
    app = world.app
    await app.series.create(ADMIN, title="Weekly clinic", when="2026-03-20 18:00", repeat="weekly", count=3,
                            announce_ahead=14)
    await app.events.create(ADMIN, title="One-off", when="2026-03-20 19:00")
    occ = await app.store.series.occurrences(1)
    await app.events.rsvp(ALICE, occ[0].id, "going")
    await app.events.rsvp(ALICE, 4, "going")
    await app.events.rsvp(ALICE, occ[1].id, "going")
    await world.move_to(at(18, 10))
    await app.attendance.check_in(ALICE, occ[0].id)
    # The second date is moved to start earlier than planned: its window follows the new time.
    await app.series.edit(ADMIN, str(occ[1].id), scope="this", when="2026-03-27 09:00")
    await world.move_to(datetime(2026, 3, 27, 8, 40, tzinfo=timezone.utc))
    assert world.labels(occ[1].message_ref)[-1] == "Check in"
    await app.attendance.check_in(ALICE, occ[1].id)
    await world.move_to(at(12, 0) + timedelta(days=7))
    report = await app.attendance.report(ADMIN, 30, str(occ[0].id))
    assert report.cards[0].title == "Attendance, last 30 days: the series Weekly clinic"
    totals = {f.name: f.value for f in report.cards[0].fields}
    assert totals["Events"] == "2" and totals["Came more than once"] == "1" and totals["No-shows"] == "0"
    everything = {f.name: f.value for f in (await app.attendance.report(ADMIN, 30)).cards[0].fields}
    assert everything["Events"] == "3" and everything["No-shows"] == "1"  # the one-off: Alice never came
    assert [line.split(" [")[0] for line in world.channel_lines("starting now")] == [
        "**Weekly clinic** is starting now.", "**One-off** is starting now.", "**Weekly clinic** is starting now."]


async def test_a_finished_report_is_reused_until_anything_in_it_may_change(world) -> None:
    app = world.app
    await app.events.create(ADMIN, title="Meetup", when="2026-03-20 12:00", duration="1h")
    await app.events.create(ADMIN, title="Clinic", when="2026-03-20 15:00", duration="1h")
    await app.events.rsvp(ALICE, 1, "going")
    await app.events.rsvp(BOB, 2, "going")
    built = []
    report = app.attendance.repo.report_lines

    async def counted(*args, **kwargs):
        built.append(args)
        return await report(*args, **kwargs)

    app.attendance.repo.report_lines = counted
    await world.move_to(at(13, 30))
    first = await app.attendance.report(ADMIN, 7)
    assert [f.value for f in first.cards[0].fields][:2] == ["1", "1"]
    await world.move_to(at(14, 0))  # time moves on, nothing new has ended: the same files, not built again
    again = await app.attendance.report(ADMIN, 7)
    assert [a.data for a in again.files] == [a.data for a in first.files] and len(built) == 1
    assert again.cards[0].fields == first.cards[0].fields
    # The clinic is renamed before it starts, then ends: the report is built afresh, with the new name.
    await app.events.edit(ADMIN, "2", title="Evening clinic")
    after = await app.attendance.report(ADMIN, 7)
    assert len(built) == 2 and after.files[0].data == first.files[0].data  # not ended yet: same content
    await world.move_to(at(16, 1))  # ended a minute ago: counted afresh, Bob never came
    joined = await app.attendance.report(ADMIN, 7)
    rows = list(csv.reader(io.StringIO(joined.files[0].data.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["Meetup", "Evening clinic"] and rows[2][8] == "1"
    assert {f.name: f.value for f in joined.cards[0].fields}["No-shows"] == "2"
    await world.move_to(at(16, 30))  # settled and kept: same answer, built once more
    settled = await app.attendance.report(ADMIN, 7)
    assert [a.data for a in settled.files] == [a.data for a in joined.files] and len(built) == 4
    assert (await app.attendance.report(ADMIN, 7)).files[1].data == joined.files[1].data and len(built) == 4
    # another period is another report
    await app.attendance.report(ADMIN, 30)
    assert len(built) == 5
