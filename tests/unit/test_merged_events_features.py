"""Where the Urdu layout and dates (main) meet role-gated RSVP, going names and /my timezone (the
events features): the announcement keeps both in both layouts; a reminder DM and an .ics file are
written in the member's own zone, in Urdu where the community speaks it, with the alarm kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from icalendar import Calendar

from bot.app.events import _ics_description, announcement_card
from bot.app.reminders import reminder_message
from bot.domain.calendar import calendar_ics, event_ics
from bot.domain.events import Counts, plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.roles import Actor
from bot.i18n import bidi

KHI, LONDON = "Asia/Karachi", "Europe/London"
NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
EVENING = datetime(2026, 3, 11, 13, 30, tzinfo=timezone.utc)  # 18:30 in Karachi, 13:30 in London
SETTINGS = GuildSettings(guild_id=1, timezone=KHI, language="ur", announcements_channel=5)
ORGANISER = Actor(user_id=9, guild_id=1, manage_events=True)


def _event():
    draft = plan_event(ORGANISER, SETTINGS, title="Fact-check clinic", when="2026-03-11 18:30", now=NOW,
                       channel_id=5, reminders="1h", location="Alhamra Hall")
    return replace(draft, id=7, rsvp_role=444)


def _fields(card) -> dict[str, tuple[str, bool]]:
    return {bidi.strip(f.name): (bidi.strip(f.value), f.inline) for f in card.fields}


def test_urdu_announcement_reads_right_to_left_and_keeps_the_role_and_the_names() -> None:
    card = announcement_card(_event(), Counts(going=2, maybe=1), "ur", going=["Ali", "Sara"])
    fields = _fields(card)
    names = list(fields)
    # main's layout: times and answers each one full-width field, in reading order
    assert names[0] == "وقت" and not fields["وقت"][1]
    assert "جوابات" in fields and not fields["جوابات"][1]
    assert "آغاز" not in names and "اختتام" not in names
    # the events features: who may answer, and the first going members by name
    assert "<@&444>" in fields["کون جواب دے سکتا ہے"][0]
    assert fields["کون آ رہا ہے"][0] == "Ali, Sara"
    assert names.index("کون جواب دے سکتا ہے") < names.index("جوابات") < names.index("کون آ رہا ہے")


def test_english_announcement_keeps_inline_times_with_the_role_and_the_names() -> None:
    fields = _fields(announcement_card(_event(), Counts(going=3), "en", going=["Ali", "Sara"]))
    assert fields["Starts"][1] and fields["Ends"][1] and fields["Going"][1]
    assert "Members with <@&444>" == fields["Who may answer"][0]
    assert fields["Who's going"][0] == "Ali, Sara and 1 more"


def test_reminder_dm_is_written_out_in_the_members_own_zone() -> None:
    event = _event()
    urdu = bidi.strip(reminder_message(event, "ur", late=False, now=EVENING - timedelta(hours=2), zone=LONDON).text)
    assert "بدھ، 11 مارچ 2026، دوپہر 1:30 (Europe/London)" in urdu and "2 گھنٹے میں" in urdu
    assert "<t:" not in urdu and KHI not in urdu
    english = reminder_message(event, "en", late=False, now=EVENING - timedelta(hours=2), zone=LONDON).text
    assert "<t:1773235800:F>; 2026-03-11 13:30 (Europe/London)" in english
    # without a zone of their own: the event's
    assert "(Asia/Karachi)" in bidi.strip(reminder_message(event, "ur", late=False, now=NOW).text)


def test_ics_has_the_members_zone_the_urdu_description_and_the_alarm() -> None:
    event = _event()
    for data in (event_ics(event, NOW, _ics_description("ur", LONDON), zone=LONDON),
                 calendar_ics([event], NOW, zone=LONDON, describe=_ics_description("ur", LONDON))):
        cal = Calendar.from_ical(data)
        assert str(cal["X-WR-TIMEZONE"]) == LONDON
        (item,) = cal.walk("VEVENT")
        assert "بدھ، 11 مارچ 2026، دوپہر 1:30 (Europe/London)" in bidi.strip(str(item["DESCRIPTION"]))
        (alarm,) = item.walk("VALARM")
        assert alarm["TRIGGER"].dt == -timedelta(hours=1)
    # no zone of the member's: the event's own, in the description too
    cal = Calendar.from_ical(event_ics(event, NOW, _ics_description("ur")))
    assert str(cal["X-WR-TIMEZONE"]) == KHI
    assert "شام 6:30 (Asia/Karachi)" in bidi.strip(str(cal.walk("VEVENT")[0]["DESCRIPTION"]))
