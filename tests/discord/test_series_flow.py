"""Events that repeat through the fake Discord with the real client: /event create repeat:, the
occurrence's Add to calendar (the date and the whole series), /event edit and cancel with scope."""

from __future__ import annotations

import re

from icalendar import Calendar

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def announcements(h):
    return h.fake.channel_messages(h.world.announcements)


def event_id_of(message) -> int:
    return int(re.search(r"bk:ev:(\d+):go", str(message.components)).group(1))


async def slash(h, who, command, **options):
    result = await h.fake.slash(who, command, **options)
    await result.wait_done()
    return result


async def test_weekly_series_on_discord(world) -> None:
    h = world
    before = len(announcements(h))
    r = await slash(h, h.world.organiser, "event create", title="Weekly clinic", when="tomorrow 6pm",
                    repeat="weekly", count=3, announce_ahead=9)
    assert r.ephemeral and r.error is None
    assert "3 dates" in r.text and "First announcement:" in r.text
    posted = announcements(h)[before:]
    assert len(posted) == 2  # tomorrow and a week later are within 9 days; the third waits
    first = posted[0]
    assert first.embeds[0]["title"] == "Weekly clinic"

    ics = await h.fake.click(h.world.alice, first, "Add to calendar")
    await ics.wait_done()
    names = [a.filename for a in ics.attachments]
    assert names == [f"event-{event_id_of(first)}.ics", names[1]] and names[1].startswith("series-")
    master = next(v for v in Calendar.from_ical(ics.attachments[1].data).walk("VEVENT") if "RRULE" in v)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["COUNT"] == [3]

    going = await h.fake.click(h.world.alice, posted[1], "Going")
    await going.wait_done()
    done = await slash(h, h.world.organiser, "event cancel", event=str(event_id_of(first)), scope="all",
                       reason="Term is over")
    assert "3 dates cancelled" in done.text and "1 member told" in done.text
    await h.bot.app.idle()
    dms = [m.text for m in h.fake.dms(h.world.alice)]
    assert sum("Term is over" in text for text in dms) == 1  # told once, not once per date
    shown = h.fake.channel_messages(h.world.announcements)
    assert all(m.embeds[0]["title"].startswith("CANCELLED") for m in shown[before:before + 2])


async def test_changing_how_a_series_repeats(world) -> None:
    """Weekly to every 2 weeks: the dates the new rule keeps keep their answers and announcements;
    the dropped announced date shows CANCELLED and its member is told once; the calendar follows."""
    h = world
    before = len(announcements(h))
    await slash(h, h.world.organiser, "event create", title="Tafseer circle", when="tomorrow 6pm",
                repeat="weekly", count=4, announce_ahead=9)
    first, second = announcements(h)[before:before + 2]
    for message in (first, second):
        going = await h.fake.click(h.world.alice, message, "Going")
        await going.wait_done()
    refused = await slash(h, h.world.organiser, "event edit", event=str(event_id_of(first)),
                          repeat="fortnightly")  # scope this: refused, nothing changes
    assert "scope" in refused.text and "following" in refused.text
    r = await slash(h, h.world.organiser, "event edit", event=str(event_id_of(first)), repeat="fortnightly",
                    scope="all")
    assert "now repeats every 2 weeks" in r.text and "2 dates to come" in r.text, r.text
    assert "2 dates kept" in r.text and "1 date cancelled" in r.text and "1 member told" in r.text
    await h.bot.app.idle()
    shown = h.fake.channel_messages(h.world.announcements)
    assert shown[before].embeds[0]["title"] == "Tafseer circle"
    assert shown[before + 1].embeds[0]["title"].startswith("CANCELLED")
    dms = [m.text for m in h.fake.dms(h.world.alice) if "now repeats" in m.text]
    assert len(dms) == 1 and "1 date you answered will not take place" in dms[0]
    mine = await slash(h, h.world.alice, "my events")
    assert "Tafseer circle" in str(mine.embeds)  # her answer to the kept date stands

    ics = await h.fake.click(h.world.alice, shown[before], "Add to calendar")
    await ics.wait_done()
    master = next(v for v in Calendar.from_ical(ics.attachments[1].data).walk("VEVENT") if "RRULE" in v)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["INTERVAL"] == [2]
    assert master["RRULE"]["COUNT"] == [2]
