"""Reading `when` as Pakistani creators write it: Urdu, Roman Urdu, English; never silently wrong.

One fixed "now": Wednesday 2 December 2026, 10:00 in Karachi (05:00 UTC). Every phrase of issue 13
is here with its expected local time, and the refusals name what they could not read.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.when import EXAMPLES, parse_when
from bot.domain.when_urdu import rewrite

NOW = datetime(2026, 12, 2, 5, 0, tzinfo=timezone.utc)  # Wednesday 10:00 Asia/Karachi
KHI = "Asia/Karachi"

READ = [
    # -- the phrases of the issue --------------------------------------------------------------
    ("اگلے جمعہ 5 بجے", "2026-12-04 17:00"),
    ("ہفتہ 3 بجے", "2026-12-05 15:00"),
    ("کل شام 6:30", "2026-12-03 18:30"),
    ("آج رات 12 بجے", "2026-12-03 00:00"),
    ("پرسوں رات 1 بجے", "2026-12-05 01:00"),
    ("آج شام 7 بج کر 30 منٹ", "2026-12-02 19:30"),
    ("کل صبح سویرے 6 بجے", "2026-12-03 06:00"),
    ("کل شام چھ بجے", "2026-12-03 18:00"),
    ("5 تاریخ کو شام 4 بجے", "2026-12-05 16:00"),
    ("kal shaam 6 baje", "2026-12-03 18:00"),
    ("parso subah 10 bajay", "2026-12-04 10:00"),
    ("aaj raat 9 bje", "2026-12-02 21:00"),
    ("agle jumma 5 baje", "2026-12-04 17:00"),
    ("kal 6pm", "2026-12-03 18:00"),
    ("اگلے جمعہ 5:30 شام", "2026-12-04 17:30"),
    ("جمعہ شام 5:30", "2026-12-04 17:30"),
    # -- with a time, the spans and days the issue names without one ---------------------------
    ("ایک ہفتے بعد شام 5 بجے", "2026-12-09 17:00"),
    ("3 دن بعد شام 5 بجے", "2026-12-05 17:00"),
    ("اگلے ہفتے جمعہ شام 5 بجے", "2026-12-11 17:00"),
    ("اگلے ہفتے جمعہ 4 بجے", "2026-12-11 16:00"),
    # -- bare hours 1-7 are afternoon/evening; 8-12 and 24-hour clocks as written --------------
    ("آج 5 بجے", "2026-12-02 17:00"),
    ("آج 1 بجے", "2026-12-02 13:00"),
    ("کل 7 بجے", "2026-12-03 19:00"),
    ("کل 11 بجے", "2026-12-03 11:00"),
    ("کل 18:30", "2026-12-03 18:30"),
    ("کل 5:30", "2026-12-03 17:30"),
    ("کل 05:30", "2026-12-03 05:30"),
    ("۵ بجے", "2026-12-02 17:00"),
    ("ساڑھے 5 بجے", "2026-12-02 17:30"),
    # -- parts of the day ----------------------------------------------------------------------
    ("کل صبح 7 بجے", "2026-12-03 07:00"),
    ("کل دوپہر 2 بجے", "2026-12-03 14:00"),
    ("کل دوپہر 11 بجے", "2026-12-03 11:00"),
    ("کل سہ پہر 3 بجے", "2026-12-03 15:00"),
    ("کل شام", "2026-12-03 18:00"),
    ("آج رات", "2026-12-02 21:00"),
    ("رات 1 بجے", "2026-12-03 01:00"),
    ("جمعہ رات 2 بجے", "2026-12-05 02:00"),
    ("جمعہ کو رات 11 بجے", "2026-12-04 23:00"),
    ("شام ساڑھے 6", "2026-12-02 18:30"),
    ("کل شام سوا 7 بجے", "2026-12-03 19:15"),
    ("کل شام پونے 8 بجے", "2026-12-03 19:45"),
    ("کل ڈیڑھ بجے", "2026-12-03 13:30"),
    ("کل دوپہر ڈھائی بجے", "2026-12-03 14:30"),
    # -- spellings: بجکر، بج کے، Urdu digits, Arabic-keyboard letters, glued digits -------------
    ("آج شام 7 بجکر 30 منٹ", "2026-12-02 19:30"),
    ("آج شام 7 بج کے 15 منٹ", "2026-12-02 19:15"),
    ("کل شام ۶:۳۰", "2026-12-03 18:30"),
    ("کل ۶:۳۰ شام", "2026-12-03 18:30"),
    ("كل شام 6 بجے", "2026-12-03 18:00"),
    ("کل شام6بجے", "2026-12-03 18:00"),
    ("کل شام آٹھ بجے", "2026-12-03 20:00"),
    ("کل صبح نو بجے", "2026-12-03 09:00"),
    ("اتوار رات بارہ بجے", "2026-12-07 00:00"),
    ("منگل کو دوپہر تین بجے", "2026-12-08 15:00"),
    ("جمعرات شام چار بجے", "2026-12-03 16:00"),
    ("پیر صبح دس بجے", "2026-12-07 10:00"),
    ("2 دن بعد صبح 10 بجے", "2026-12-04 10:00"),
    ("10 تاریخ کو صبح 11 بجے", "2026-12-10 11:00"),
    ("1 تاریخ شام 5 بجے", "2027-01-01 17:00"),
    ("اس ہفتے جمعہ شام 6 بجے", "2026-12-04 18:00"),
    ("۵ دسمبر شام ۷ بجے", "2026-12-05 19:00"),
    # -- Roman Urdu, as typed on phones --------------------------------------------------------
    ("kal sham 6 baje", "2026-12-03 18:00"),
    ("kal shaam 6:30", "2026-12-03 18:30"),
    ("kal shaam 6", "2026-12-03 18:00"),
    ("parson subha 10 bajy", "2026-12-04 10:00"),
    ("parso raat 1 baje", "2026-12-05 01:00"),
    ("aaj rat 9 bajay", "2026-12-02 21:00"),
    ("aaj raat 12 baje", "2026-12-03 00:00"),
    ("kal dopahar 2 baje", "2026-12-03 14:00"),
    ("kal dopehar 1 bje", "2026-12-03 13:00"),
    ("juma 5 baje", "2026-12-04 17:00"),
    ("jummah ko shaam 7 baje", "2026-12-04 19:00"),
    ("agli jumerat 4 baje", "2026-12-03 16:00"),
    ("aglay itwar subah 11 baje", "2026-12-06 11:00"),
    ("itwaar 3 baje", "2026-12-06 15:00"),
    ("peer subah 9 baje", "2026-12-07 09:00"),
    ("pir ko 6 baje", "2026-12-07 18:00"),
    ("mangal shaam 7 baje", "2026-12-08 19:00"),
    # On a Wednesday, dateparser takes "wednesday" for next week's, in English too.
    ("budh raat 8 baje", "2026-12-09 20:00"),
    ("hafta 3 baje", "2026-12-05 15:00"),
    ("agle haftay jumma 5 baje", "2026-12-11 17:00"),
    ("kal shaam saat bajay", "2026-12-03 19:00"),
    ("kal subah aath baje", "2026-12-03 08:00"),
    ("kal ek baje", "2026-12-03 13:00"),
    ("kal do baje", "2026-12-03 14:00"),
    ("kal teen baje", "2026-12-03 15:00"),
    ("kal char baje", "2026-12-03 16:00"),
    ("kal paanch baje", "2026-12-03 17:00"),
    ("kal chhe baje", "2026-12-03 18:00"),
    ("kal raat nau baje", "2026-12-03 21:00"),
    ("kal subah das baje", "2026-12-03 10:00"),
    ("kal gyarah baje", "2026-12-03 11:00"),
    ("kal raat barah baje", "2026-12-04 00:00"),
    ("kal shaam 7 bajkar 30 minute", "2026-12-03 19:30"),
    ("kal shaam 7 baj kar 30 mint", "2026-12-03 19:30"),
    ("kal shaam sarhe 6 baje", "2026-12-03 18:30"),
    ("kal sawa 5 baje", "2026-12-03 17:15"),
    ("3 din baad shaam 5 baje", "2026-12-05 17:00"),
    ("ek hafte baad 4 baje", "2026-12-09 16:00"),
    ("5 tareekh ko sham 4 bje", "2026-12-05 16:00"),
    ("Kal Shaam 6 Baje", "2026-12-03 18:00"),
    ("kal 6baje", "2026-12-03 18:00"),
    ("kal subah sawere 6 baje", "2026-12-03 06:00"),
    ("kal 6:30pm", "2026-12-03 18:30"),
    # -- English and ISO stay as they were ----------------------------------------------------
    ("tomorrow 6pm", "2026-12-03 18:00"),
    ("next friday 17:30", "2026-12-04 17:30"),
    ("2026-12-05 18:00", "2026-12-05 18:00"),
    ("tomorrow 6.30pm", "2026-12-03 18:30"),
    ("tomorrow at 6pm", "2026-12-03 18:00"),
]


def local(text: str) -> str:
    return parse_when(text, KHI, NOW).local.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("text, expected", READ)
def test_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_enough_phrases() -> None:
    assert len(READ) >= 16 + 40


@pytest.mark.parametrize("text", ["اگلے جمعہ 5 بجے", "ہفتہ 3 بجے", "agle jumma 5 baje", "۵ بجے"])
def test_a_bare_hour_says_it_was_read_as_afternoon(text: str) -> None:
    when = parse_when(text, KHI, NOW)
    assert when.assumed_pm and "pm" in when.read_as


def test_a_part_of_the_day_is_not_an_assumption() -> None:
    assert not parse_when("کل صبح 6 بجے", KHI, NOW).assumed_pm
    assert not parse_when("tomorrow 5pm", KHI, NOW).assumed_pm


def test_after_midnight_shows_the_day_it_moved() -> None:
    assert "night after" in parse_when("پرسوں رات 1 بجے", KHI, NOW).read_as


@pytest.mark.parametrize("text, understood", [
    ("ایک ہفتے بعد", "2026-12-09"),
    ("3 دن بعد", "2026-12-05"),
    ("اگلے ہفتے جمعہ", "2026-12-11"),
    ("5 تاریخ", "2026-12-05"),
    ("tomorrow 6", "2026-12-03"),
    ("kal", "2026-12-03"),
    ("agle jumma", "2026-12-04"),
])
def test_a_day_without_a_time_is_asked_about(text: str, understood: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_when(text, KHI, NOW)
    assert err.value.key == "when.no_time"
    assert err.value.params["understood"] == understood


@pytest.mark.parametrize("text, unread, understood", [
    ("tomorrow 25:00", "25:00", "2026-12-03"),
    ("tomorrow 13pm", "13pm", "2026-12-03"),
    ("tomorrow 6:75pm", "6:75pm", "2026-12-03"),
    ("tomorrow 0am", "0am", "2026-12-03"),
    ("2026-12-05 25:30", "25:30", "2026-12-05"),
    ("tomorrow 24:00", "24:00", "2026-12-03"),
    ("کل 25 بجے", "25 بجے", "2026-12-03"),
    ("کل شام 6:75", "6:75", "2026-12-03"),
    ("kal 30 baje", "30 بجے", "2026-12-03"),
    ("کل شام 6 بجے کیلا", "کیلا", "2026-12-03 18:00"),
    ("32 تاریخ شام 5 بجے", "32 تاریخ", "2026-12-02 17:00"),
    ("kal subah shaam 6 baje", "صبح شام", "2026-12-03 06:00"),
])
def test_a_part_not_read_is_refused_with_what_was_understood(text: str, unread: str, understood: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_when(text, KHI, NOW)
    assert err.value.key == "when.unread_part"
    assert err.value.params["unread"] == unread
    assert err.value.params["understood"] == understood
    assert err.value.params["examples"] == EXAMPLES


@pytest.mark.parametrize("text", ["tomorrow banana 6pm", "kal banana", "کیلا", "x 25:00"])
def test_nothing_readable_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_when(text, KHI, NOW)
    assert err.value.key in {"when.unreadable", "when.unread_part"}


@pytest.mark.parametrize("text", ["tomorrow 25:00", "tomorrow 13pm", "tomorrow 6:75pm", "tomorrow 6"])
def test_never_the_current_time_of_day(text: str) -> None:
    # Whatever the clock says now, these are refused, not read as "tomorrow at this minute".
    for hour in (0, 5, 9, 17):
        now = NOW.replace(hour=hour, minute=23)
        with pytest.raises(DomainError):
            parse_when(text, KHI, now)


def test_the_reading_does_not_depend_on_the_minute_now() -> None:
    for minute in (0, 17, 41):
        assert parse_when("kal shaam 6 baje", KHI, NOW.replace(minute=minute)).local.minute == 0


def test_roman_words_that_are_english_stay_english() -> None:
    # `is`, `do`, `sat` are read as Roman Urdu only next to an unmistakable Roman Urdu word.
    assert rewrite("do 5pm").english == "do 5pm"
    assert rewrite("kal do baje").english == "tomorrow 2:00 pm"


def test_after_midnight_is_daylight_saving_safe() -> None:
    # Saturday 28 March 2026 in London; the clocks skip 01:00-02:00 in the night after it.
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=timezone.utc)
    with pytest.raises(DomainError) as err:
        parse_when("آج رات 1:30 بجے", "Europe/London", saturday)
    assert err.value.key == "when.nonexistent"
    assert err.value.params["understood"] == "2026-03-29 01:30"
    # 03:00 that night exists, and is in summer time (UTC+1).
    assert parse_when("aaj raat 3 baje", "Europe/London", saturday).start == datetime(
        2026, 3, 29, 2, 0, tzinfo=timezone.utc)
