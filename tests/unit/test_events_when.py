"""Reading `when`: ISO, English and Urdu, in the guild's zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.when import parse_when, urdu_to_english

# Tuesday 10 March 2026, 12:00 in Karachi (UTC+5, no daylight saving).
NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
KHI = "Asia/Karachi"
LON = "Europe/London"


def local(text: str, zone: str = KHI, now: datetime = NOW) -> str:
    return parse_when(text, zone, now).local.strftime("%Y-%m-%d %H:%M %z")


@pytest.mark.parametrize("text, expected", [
    ("2026-12-05 18:00", "2026-12-05 18:00 +0500"),
    ("2026-12-05T18:00", "2026-12-05 18:00 +0500"),
    ("tomorrow 6pm", "2026-03-11 18:00 +0500"),
    ("next friday 17:30", "2026-03-13 17:30 +0500"),
    ("5 December 2026 7pm", "2026-12-05 19:00 +0500"),
    ("in 2 hours", "2026-03-10 14:00 +0500"),
])
def test_iso_and_english(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("کل شام 6 بجے", "2026-03-11 18:00 +0500"),
    ("کل صبح 10 بجے", "2026-03-11 10:00 +0500"),
    ("پرسوں رات 9 بجے", "2026-03-12 21:00 +0500"),
    ("آج رات 9 بجے", "2026-03-10 21:00 +0500"),
    ("جمعہ کو شام ساڑھے 5 بجے", "2026-03-13 17:30 +0500"),
    ("اگلے اتوار دوپہر 2 بجے", "2026-03-15 14:00 +0500"),
    ("۵ دسمبر ۲۰۲۶ شام ۷ بجے", "2026-12-05 19:00 +0500"),
    ("کل 18:30", "2026-03-11 18:30 +0500"),
    ("کل شام", "2026-03-11 18:00 +0500"),
    ("2 گھنٹے میں", "2026-03-10 14:00 +0500"),
])
def test_urdu(text: str, expected: str) -> None:
    assert local(text) == expected


def test_urdu_pre_translation() -> None:
    assert urdu_to_english("کل شام 6 بجے") == "tomorrow 6:00 pm"
    assert urdu_to_english("سوا 6 بجے صبح") == "6:15 am"
    assert urdu_to_english("پونے 6 بجے شام") == "5:45 pm"
    assert urdu_to_english("tomorrow 6pm") == "tomorrow 6pm"


def test_london_across_daylight_saving() -> None:
    before = datetime(2026, 3, 27, 12, 0, tzinfo=timezone.utc)  # Friday, GMT
    # Clocks go forward on Sunday 29 March 2026 at 01:00 UTC.
    assert parse_when("tomorrow 18:00", LON, before).start == datetime(2026, 3, 28, 18, 0, tzinfo=timezone.utc)
    assert parse_when("sunday 18:00", LON, before).start == datetime(2026, 3, 29, 17, 0, tzinfo=timezone.utc)
    assert parse_when("2026-07-01 18:00", LON, before).start == datetime(2026, 7, 1, 17, 0, tzinfo=timezone.utc)
    # The skipped hour does not exist and is refused, naming the zone.
    with pytest.raises(DomainError) as err:
        parse_when("2026-03-29 01:30", LON, before)
    assert err.value.key == "when.nonexistent" and err.value.params["zone"] == LON
    # The repeated hour in October is its first occurrence (still BST).
    assert parse_when("2026-10-25 01:30", LON, before).start == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    # A span of real time across the change is added in UTC.
    night = datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc)
    assert parse_when("in 2 hours", LON, night).start == datetime(2026, 3, 29, 2, 30, tzinfo=timezone.utc)


def test_karachi_has_no_daylight_saving() -> None:
    summer = parse_when("2026-07-01 18:00", KHI, NOW).start
    winter = parse_when("2026-12-01 18:00", KHI, NOW).start
    assert (summer.hour, winter.hour) == (13, 13)


def test_past_is_refused_with_what_was_understood() -> None:
    with pytest.raises(DomainError) as err:
        parse_when("yesterday 6pm", KHI, NOW)
    assert err.value.key == "when.past"
    assert err.value.params["understood"] == "2026-03-09 18:00 (Asia/Karachi)"
    assert "tomorrow 6pm" in err.value.params["examples"]


@pytest.mark.parametrize("text, key", [
    ("banana", "when.unreadable"), ("", "when.unreadable"), ("friday", "when.no_time"),
    ("2030-01-01 10:00", "when.too_far"), ("x" * 200, "when.unreadable"),
])
def test_unreadable(text: str, key: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_when(text, KHI, NOW)
    assert err.value.key == key


@pytest.mark.parametrize("text, utc", [
    ("2026-12-05T13:00Z", datetime(2026, 12, 5, 13, 0, tzinfo=timezone.utc)),
    ("2026-12-05T13:00:00+00:00", datetime(2026, 12, 5, 13, 0, tzinfo=timezone.utc)),
    ("2026-12-05 18:00 UTC", datetime(2026, 12, 5, 18, 0, tzinfo=timezone.utc)),
    ("2026-12-05T18:00:00+01:00", datetime(2026, 12, 5, 17, 0, tzinfo=timezone.utc)),
])
def test_an_offset_in_the_text_wins_over_the_guild_zone(text: str, utc: datetime) -> None:
    # Read as the guild's wall time, `...T13:00Z` was 13:00 in Karachi: five hours early.
    when = parse_when(text, KHI, NOW)
    assert when.start == utc and when.local.utcoffset().total_seconds() == 5 * 3600


@pytest.mark.parametrize("text, expected", [
    ("tomorrow 6.30pm", "2026-03-11 18:30 +0500"),
    ("tomorrow 6.30 pm", "2026-03-11 18:30 +0500"),
    ("1.30pm tomorrow", "2026-03-11 13:30 +0500"),
    ("tomorrow 18.30", "2026-03-11 18:30 +0500"),
    ("12.04.2026 18:00", "2026-04-12 18:00 +0500"),
])
def test_dotted_clock_times_are_not_dropped(text: str, expected: str) -> None:
    # dateparser ignored `6.30pm` next to a day word: "tomorrow 6.30pm" became tomorrow at 12:00.
    assert local(text) == expected
