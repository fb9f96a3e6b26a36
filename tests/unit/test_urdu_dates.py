"""Dates, relative phrases, file sizes and durations written out for Urdu readers (PRODUCT.md,
"Language"): Urdu month and day names, the Urdu part of the day, Western digits; on rendered
messages (reminder DMs, edit DMs, calendar files, the report card), not only on the helpers."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from bot.app.events import change_lines
from bot.app.reminders import reminder_message
from bot.app.reports.cards import case_card
from bot.domain.calendar import event_ics
from bot.domain.event_attendees import AttendeeRow, attendees_csv
from bot.domain.events import Event, describe_changes, plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.reports import Attachment, Case, Evidence
from bot.domain.roles import Actor
from bot.i18n import bidi, dates, t

KHI = "Asia/Karachi"
NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
# Wednesday 11 March 2026, 18:30 in Karachi.
EVENING = datetime(2026, 3, 11, 13, 30, tzinfo=timezone.utc)
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
SETTINGS = GuildSettings(guild_id=1, timezone=KHI, language="ur", announcements_channel=5)
ORGANISER = Actor(user_id=9, guild_id=1, manage_events=True)


@pytest.mark.parametrize(("utc_hour", "minute", "expected"), [
    (13, 30, "بدھ، 11 مارچ 2026، شام 6:30"),
    (1, 0, "بدھ، 11 مارچ 2026، صبح 6:00"),
    (7, 15, "بدھ، 11 مارچ 2026، دوپہر 12:15"),
    (10, 0, "بدھ، 11 مارچ 2026، دوپہر 3:00"),
    (11, 30, "بدھ، 11 مارچ 2026، سہ پہر 4:30"),
    (16, 45, "بدھ، 11 مارچ 2026، رات 9:45"),
    (19, 0, "جمعرات، 12 مارچ 2026، آدھی رات 12:00"),
])
def test_urdu_day_month_and_part_of_day(utc_hour: int, minute: int, expected: str) -> None:
    moment = datetime(2026, 3, 11, utc_hour, minute, tzinfo=timezone.utc)
    assert dates.written("ur", moment, KHI) == expected


@pytest.mark.parametrize(("month", "name"), [
    (1, "جنوری"), (2, "فروری"), (4, "اپریل"), (5, "مئی"), (6, "جون"), (7, "جولائی"), (8, "اگست"),
    (9, "ستمبر"), (10, "اکتوبر"), (11, "نومبر"), (12, "دسمبر"),
])
def test_every_urdu_month_name(month: int, name: str) -> None:
    text = dates.written_date("ur", datetime(2026, month, 15, 12, tzinfo=timezone.utc), KHI)
    assert f"15 {name} 2026" in text and not EASTERN_DIGITS.search(text)


def test_english_is_written_out_too() -> None:
    assert dates.written("en", EVENING, KHI) == "Wed 11 Mar 2026, 18:30"
    assert dates.start("en", EVENING, KHI) == "<t:1773235800:F>"  # Discord shows it in each reader's zone
    assert dates.start("ur", EVENING, KHI) == "بدھ، 11 مارچ 2026، شام 6:30 (Asia/Karachi)"


@pytest.mark.parametrize(("delta", "phrase"), [
    (timedelta(seconds=20), "ابھی"),
    (timedelta(minutes=1), "1 منٹ میں"),
    (timedelta(minutes=30), "30 منٹ میں"),
    (timedelta(hours=1), "1 گھنٹے میں"),
    (timedelta(hours=2), "2 گھنٹے میں"),
    (timedelta(days=1), "1 دن میں"),
    (timedelta(days=3), "3 دن میں"),
    (timedelta(days=7), "1 ہفتے میں"),
    (timedelta(days=60), "2 مہینے میں"),
    (timedelta(days=400), "1 سال میں"),
    (-timedelta(hours=1), "1 گھنٹہ پہلے"),
    (-timedelta(hours=5), "5 گھنٹے پہلے"),
    (-timedelta(days=3), "3 دن پہلے"),
    (-timedelta(days=7), "1 ہفتہ پہلے"),
])
def test_urdu_relative_phrases(delta: timedelta, phrase: str) -> None:
    assert dates.relative("ur", NOW + delta, NOW) == phrase
    assert dates.relative("en", NOW + delta, NOW).startswith("<t:")


@pytest.mark.parametrize(("size", "en", "ur"), [
    (12, "12 B", "12 بائٹ"),
    (1536, "1.5 KB", "1.5 کے بی"),
    (5 * 1024 * 1024, "5.0 MB", "5.0 ایم بی"),
    (3 * 1024 ** 3, "3.0 GB", "3.0 جی بی"),
])
def test_file_sizes(size: int, en: str, ur: str) -> None:
    assert (dates.size("en", size), dates.size("ur", size)) == (en, ur)


@pytest.mark.parametrize(("minutes", "en", "ur"), [
    (30, "30m", "30 منٹ"), (60, "1h", "1 گھنٹہ"), (90, "1h30m", "1 گھنٹہ 30 منٹ"),
    (180, "3h", "3 گھنٹے"), (1440, "1d", "1 دن"), (2 * 1440 + 60, "2d1h", "2 دن 1 گھنٹہ"),
])
def test_durations(minutes: int, en: str, ur: str) -> None:
    assert (dates.minutes("en", minutes), dates.minutes("ur", minutes)) == (en, ur)


def _event(**kw) -> Event:
    draft = plan_event(ORGANISER, SETTINGS, title="Fact-check clinic", when="2026-03-11 18:30", now=NOW,
                       channel_id=5, reminders="1h", location="Alhamra Hall")
    return replace(draft, id=7, **kw)


def test_reminder_dm_in_urdu_is_written_out() -> None:
    event = _event()
    text = bidi.strip(reminder_message(event, "ur", late=False, now=EVENING - timedelta(hours=2)).text)
    assert "بدھ، 11 مارچ 2026، شام 6:30 (Asia/Karachi)" in text
    assert "2 گھنٹے میں شروع ہو رہی ہے" in text
    assert "<t:" not in text and not EASTERN_DIGITS.search(text)
    english = reminder_message(event, "en", late=False, now=EVENING - timedelta(hours=2)).text
    assert "<t:1773235800:R>" in english and "<t:1773235800:F>" in english


def test_edit_lines_in_urdu_write_the_times_and_duration_out() -> None:
    old = _event()
    new = _event(starts_at=old.starts_at + timedelta(days=1), duration_min=180)
    text = bidi.strip(change_lines(describe_changes(old, new), "ur", KHI))
    assert "وقت: بدھ، 11 مارچ 2026، شام 6:30 ← جمعرات، 12 مارچ 2026، شام 6:30" in text
    assert "دورانیہ: 1 گھنٹہ ← 3 گھنٹے" in text
    english = change_lines(describe_changes(old, new), "en", KHI)
    assert "<t:1773235800:F> → <t:1773322200:F>" in english and "1h → 3h" in english


def test_calendar_description_carries_the_urdu_start() -> None:
    event = _event(description="Bring your phone.")
    data = event_ics(event, NOW, lambda e: t("ur", "ics.starts", start=dates.written("ur", e.starts_at, e.timezone),
                                             zone=e.timezone))
    description = str(Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])
    assert description.startswith("Bring your phone.\n\n")
    assert "آغاز: بدھ، 11 مارچ 2026، شام 6:30" in bidi.strip(description)
    # without a description line the event's own description is kept as it was
    plain = Calendar.from_ical(event_ics(event, NOW)).walk("VEVENT")[0]
    assert str(plain["DESCRIPTION"]) == "Bring your phone."


def test_report_card_attachment_sizes_in_urdu() -> None:
    evidence = Evidence(source="message", content="x", author_id=3, channel_id=10, message_id=99,
                        attachments=(Attachment("clip.mp4", "video/mp4", 5 * 1024 * 1024, "https://cdn/c.mp4"),))
    case = Case(id=1, guild_id=1, number=42, category="misinformation", urgent=False, status="new",
                created_at=NOW, evidence=evidence)
    values = "\n".join(f.value for f in case_card(case, "ur").fields)
    assert "clip.mp4 · video/mp4 · 5.0 ایم بی" in bidi.strip(values)
    assert "5.0 MB" in "\n".join(f.value for f in case_card(case, "en").fields)


def test_csv_times_stay_iso_with_western_digits() -> None:
    """A spreadsheet sorts and parses ISO times; written-out Urdu dates would be text to it. The
    header is in Urdu, the times stay machine-readable with Western digits, in the reader's own zone
    (/my timezone) named in the header."""
    header = [t("ur", k, zone=KHI) for k in ("csv.status", "csv.position", "csv.user_id", "csv.name", "csv.answered")]
    data = attendees_csv(header, [AttendeeRow(t("ur", "status.going"), None, 5, "علی", EVENING)], KHI)
    text = bidi.strip(data.decode("utf-8-sig"))
    assert f"جواب کا وقت ({KHI})" in text and "2026-03-11 18:30:00" in text
    assert not EASTERN_DIGITS.search(text)
