"""Events through the fake Discord with the real client: create, announce, RSVP, waitlist, edit,
cancel, attendees, calendars, lists, autocomplete and permissions."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def service(h):
    return h.bot.app.events


def announcement(h, channel=None):
    return h.fake.channel_messages(channel or h.world.announcements)[-1]


def fields(message) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message.embeds[0]["fields"]}


def event_id_of(message) -> int:
    return int(re.search(r"bk:ev:(\d+):go", str(message.components)).group(1))


async def create(h, who=None, **options):
    options.setdefault("title", "Fact-check clinic")
    options.setdefault("when", "tomorrow 6pm")
    result = await h.fake.slash(who or h.world.organiser, "event create", **options)
    await result.wait_done()
    return result


async def click(h, who, message, label):
    result = await h.fake.click(who, message, label)
    await result.wait_done()
    return result


def tomorrow_local(hour: int, minute: int = 0, zone: str = "Asia/Karachi") -> datetime:
    local = datetime.now(timezone.utc).astimezone(ZoneInfo(zone)) + timedelta(days=1)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


async def test_create_iso_english_urdu_and_announce(world) -> None:
    h = world
    r = await create(h, title="Media literacy", when="tomorrow 6pm", duration="1h30m", location="Karachi Press Club",
                     description="Bring a laptop", capacity=20)
    assert r.ephemeral and r.error is None
    start = tomorrow_local(18)
    unix = int(start.timestamp())
    assert f"<t:{unix}:F>" in r.text and f"<t:{unix}:R>" in r.text
    msg = announcement(h)
    assert f"/channels/{h.world.guild.id}/{h.world.announcements.id}/{msg.id}" in r.text
    embed = msg.embeds[0]
    assert embed["title"] == "Media literacy" and embed["description"] == "Bring a laptop"
    f = fields(msg)
    assert f["Starts"] == f"<t:{unix}:F>\n<t:{unix}:R>"
    assert f["Ends"] == f"<t:{unix + 90 * 60}:F>"
    assert f["Location"] == "Karachi Press Club" and f["Organiser"] == f"<@{h.world.organiser.id}>"
    assert (f["Going"], f["Maybe"], f["Waitlist"]) == ("0/20", "0", "0")
    assert [b["label"] for b in msg.buttons] == ["Going", "Maybe", "Can't go", "Add to calendar"]

    iso = await create(h, title="ISO", when="2027-01-15 10:00")
    assert "<t:%d:F>" % int(datetime(2027, 1, 15, 5, 0, tzinfo=timezone.utc).timestamp()) in iso.text
    urdu = await create(h, title="اردو ورکشاپ", when="کل شام 6 بجے")
    assert f"<t:{unix}:F>" in urdu.text
    assert announcement(h).embeds[0]["title"] == "اردو ورکشاپ"


async def test_past_and_unreadable_times_are_refused(world) -> None:
    h = world
    before = len(h.fake.channel_messages(h.world.announcements))
    past = await create(h, when="yesterday 6pm")
    assert past.ephemeral and "in the past" in past.text and "tomorrow 6pm" in past.text
    assert "(Asia/Karachi)" in past.text  # what was understood
    bad = await create(h, when="when the moon is blue")
    assert "could not read" in bad.text and "کل شام 6 بجے" in bad.text
    assert len(h.fake.channel_messages(h.world.announcements)) == before  # nothing announced


async def test_rsvp_going_maybe_cant_go(world) -> None:
    h = world
    await create(h, capacity=5)
    msg = announcement(h)
    r = await click(h, h.world.alice, msg, "Going")
    assert r.ephemeral and "You're going" in r.text
    r = await click(h, h.world.bob, msg, "Maybe")
    assert "maybe" in r.text
    r = await click(h, h.world.urdu, msg, "Can't go")
    assert "can't make it" in r.text
    await service(h).idle()
    f = fields(h.fake.message_by_id(msg.id))
    assert (f["Going"], f["Maybe"], f["Waitlist"]) == ("1/5", "1", "0")
    # One status per member: Alice changes her mind.
    await click(h, h.world.alice, msg, "Maybe")
    await service(h).idle()
    f = fields(h.fake.message_by_id(msg.id))
    assert (f["Going"], f["Maybe"]) == ("0/5", "2")
    # /event list shows going out of capacity, not the capacity after the word ("0 going/5").
    listed = await h.fake.slash(h.world.bob, "event list")
    assert "· 0/5 going ·" in listed.text


async def test_waitlist_promotion_and_capacity_raised(world) -> None:
    h = world
    w = h.world
    await create(h, title="Small room", capacity=1)
    msg = announcement(h)
    await click(h, w.alice, msg, "Going")
    r1 = await click(h, w.bob, msg, "Going")
    r2 = await click(h, w.urdu, msg, "Going")
    assert "waitlist, number 1" in r1.text and "waitlist, number 2" in r2.text
    # Alice leaves: Bilal moves up and is told by DM.
    await click(h, w.alice, msg, "Can't go")
    await service(h).idle()
    assert any("moved up from the waitlist" in m.text and "Small room" in m.text for m in h.fake.dms(w.bob))
    # Capacity raised: Zainab moves up too.
    event_id = event_id_of(msg)
    r = await h.fake.slash(w.organiser, "event edit", event=str(event_id), capacity=3)
    await r.wait_done()
    await service(h).idle()
    assert any("moved up from the waitlist" in m.text for m in h.fake.dms(w.urdu))
    f = fields(h.fake.message_by_id(msg.id))
    assert (f["Going"], f["Waitlist"]) == ("2/3", "0")


async def test_edit_notifies_with_old_and_new(world) -> None:
    h = world
    w = h.world
    await create(h, title="Old title", capacity=10)
    msg = announcement(h)
    await click(h, w.alice, msg, "Going")
    await click(h, w.bob, msg, "Maybe")
    await click(h, w.urdu, msg, "Can't go")
    await click(h, w.closed, msg, "Going")
    event_id = event_id_of(msg)
    old_unix = int(tomorrow_local(18).timestamp())
    r = await h.fake.slash(w.organiser, "event edit", event=str(event_id), title="New title", when="tomorrow 8pm")
    await r.wait_done()
    new_unix = int(tomorrow_local(20).timestamp())
    assert r.ephemeral and "New title" in r.text and "2 members told" in r.text and "could not be reached" in r.text
    for member in (w.alice, w.bob):
        text = h.fake.dms(member)[-1].text
        assert "Old title → New title" in text and f"<t:{old_unix}:F> → <t:{new_unix}:F>" in text
    assert not h.fake.dms(w.urdu)  # declined: not told
    await service(h).idle()
    edited = h.fake.message_by_id(msg.id)
    assert edited.embeds[0]["title"] == "New title"
    assert fields(edited)["Starts"].startswith(f"<t:{new_unix}:F>")
    # Reminders were re-planned for the new start.
    rows = await h.app.store.events.reminder_statuses(event_id)
    due = {r for r in await h.fetchall("SELECT DISTINCT starts_at FROM event_reminders WHERE event_id = ? "
                                            "AND status = 'pending'", (event_id,))}
    assert {d[0] for d in due} == {new_unix} and rows


async def test_cancel_notifies_and_disables_buttons(world) -> None:
    h = world
    w = h.world
    await create(h, title="Picnic")
    msg = announcement(h)
    event_id = event_id_of(msg)
    await click(h, w.alice, msg, "Going")
    await click(h, w.bob, msg, "Maybe")
    assert await h.fetchval("SELECT count(*) FROM event_reminders WHERE event_id = ? AND status = 'pending'",
                               (event_id,)) > 0
    r = await h.fake.slash(w.organiser, "event cancel", event=str(event_id), reason="Heavy rain")
    await r.wait_done()
    assert "is cancelled" in r.text
    for member in (w.alice, w.bob):
        assert "Picnic" in h.fake.dms(member)[-1].text and "Heavy rain" in h.fake.dms(member)[-1].text
    await service(h).idle()
    cancelled = h.fake.message_by_id(msg.id)
    assert cancelled.embeds[0]["title"].startswith("CANCELLED")
    assert all(b.get("disabled") for b in cancelled.buttons)
    assert await h.fetchval("SELECT count(*) FROM event_reminders WHERE event_id = ? AND status = 'pending'",
                               (event_id,)) == 0
    again = await h.fake.slash(w.organiser, "event cancel", event=str(event_id))
    await again.wait_done()
    assert "cancelled" in again.text


async def test_attendees_csv_with_urdu_names(world) -> None:
    h = world
    w = h.world
    await create(h, title="CSV", capacity=1)
    msg = announcement(h)
    await click(h, w.urdu, msg, "Going")
    await click(h, w.alice, msg, "Going")
    await click(h, w.bob, msg, "Maybe")
    r = await h.fake.slash(w.organiser, "event attendees", event=str(event_id_of(msg)))
    await r.wait_done()
    assert r.ephemeral and "زینب" in r.text
    (attachment,) = r.attachments
    assert attachment.filename.endswith(".csv") and attachment.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(attachment.data.decode("utf-8-sig"))))
    assert rows[0] == ["status", "waitlist position", "user id", "name", "answered at (Asia/Karachi)"]
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [("Going", "", "زینب"), ("Waitlist", "1", "Alice"),
                                                      ("Maybe", "", "Bilal")]


async def test_calendar_files_parse_back(world) -> None:
    h = world
    w = h.world
    await create(h, title="Calendar me", location="Online")
    msg = announcement(h)
    r = await click(h, w.alice, msg, "Add to calendar")
    (ics,) = r.attachments
    cal = Calendar.from_ical(ics.data)
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Calendar me" and str(cal["X-WR-TIMEZONE"]) == "Asia/Karachi"
    assert vevent.decoded("DTSTART") == tomorrow_local(18).astimezone(timezone.utc)
    await click(h, w.alice, msg, "Going")
    await create(h, title="Second", when="tomorrow 8pm")
    await click(h, w.alice, announcement(h), "Maybe")
    mine = await h.fake.slash(w.alice, "my events")
    assert "Calendar me" in mine.text and "Second" in mine.text
    r = await h.fake.slash(w.alice, "my calendar")
    (ics,) = r.attachments
    summaries = [str(v["SUMMARY"]) for v in Calendar.from_ical(ics.data).walk("VEVENT")]
    assert summaries == ["Calendar me", "Second"]


async def test_list_info_and_autocomplete(world) -> None:
    h = world
    w = h.world
    for i in range(7):
        await create(h, title=f"Session {i}", when=f"tomorrow {10 + i}:00")
    r = await h.fake.slash(w.alice, "event list")
    assert "· 0 going ·" in r.text  # no capacity: the count alone
    assert "Session 0" in r.text and "Session 4" in r.text and "Session 5" not in r.text and "Page 1 of 2" in r.text
    page2 = await h.fake.click(w.alice, r.message, "Next")
    assert "Session 5" in page2.text and "Session 6" in page2.text and "Page 2 of 2" in page2.text
    choices = await h.fake.autocomplete(w.organiser, "event edit", "event", "session 3")
    assert len(choices) == 1 and choices[0]["name"].startswith("Session 3")
    info = await h.fake.slash(w.alice, "event info", event=choices[0]["value"])
    assert "Session 3" in info.text and info.ephemeral
    by_title = await h.fake.slash(w.alice, "event info", event="session 2")
    assert "Session 2" in by_title.text


async def test_members_cannot_manage_and_other_guilds_are_refused(world) -> None:
    h = world
    w = h.world
    r = await create(h, who=w.alice)
    assert "Only organisers" in r.text
    await create(h, title="Ours")
    msg = announcement(h)
    event_id = str(event_id_of(msg))
    for command, extra in (("event edit", {"title": "Hijack"}), ("event cancel", {}), ("event attendees", {})):
        r = await h.fake.slash(w.alice, command, event=event_id, **extra)
        await r.wait_done()
        assert "Only organisers" in r.text, command
    # Another server: its organiser cannot touch our event, nor see it in autocomplete.
    other = h.fake.create_guild("Other")
    boss = other.add_member("Other admin", admin=True)
    chan = other.add_text_channel("news")
    setup = await h.fake.slash(boss, "setup", announcements=chan)
    assert setup.error is None
    r = await h.fake.slash(boss, "event cancel", event=event_id)
    await r.wait_done()
    assert "no event" in r.text
    assert await h.fake.autocomplete(boss, "event edit", "event", "Ours") == []
    # A button of our event clicked in the other server is refused and records nothing.
    await create(h, who=boss, title="Theirs")
    theirs = announcement(h, chan)
    theirs.components = msg.components  # a copied button carrying our event's custom_id
    r = await click(h, boss, theirs, "Going")
    assert "another server" in r.text
    assert await h.fetchval("SELECT count(*) FROM event_rsvps WHERE event_id = ?", (int(event_id),)) == 0


async def test_buttons_work_after_restart(world) -> None:
    h = world
    await create(h, title="Persistent")
    msg = announcement(h)
    await h.restart_bot()
    r = await click(h, h.world.alice, msg, "Going")
    assert "You're going" in r.text
    await service(h).idle()
    assert fields(h.fake.message_by_id(msg.id))["Going"] == "1"


async def test_attendee_list_shows_each_name_once(world) -> None:
    h = world
    w = h.world
    await create(h, title="Names", capacity=5)
    msg = announcement(h)
    await click(h, w.alice, msg, "Going")
    r = await h.fake.slash(w.organiser, "event attendees", event=str(event_id_of(msg)))
    await r.wait_done()
    going = next(f["value"] for e in r.embeds for f in e.get("fields", []) if f["name"].startswith("Going"))
    assert going.count("Alice") == 1 and "<@" not in going
