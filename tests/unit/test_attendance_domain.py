"""The check-in rules and the attendance arithmetic of `bot.domain.attendance`."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain import attendance as att
from bot.domain.errors import DomainError
from bot.domain.events import CANCELLED, Event

START = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
EVENT = Event(id=1, guild_id=1, channel_id=2, message_id=3, organiser_id=4, title="Meetup", description="",
              location="", starts_at=START, duration_min=60, timezone="UTC", capacity=None, reminder_offsets=())


def refused(key: str, *args) -> None:
    with pytest.raises(DomainError) as caught:
        att.decide_checkin(*args)
    assert caught.value.key == key


def test_window_and_decisions() -> None:
    assert not att.checkin_open(EVENT, START - timedelta(minutes=31))
    assert att.checkin_open(EVENT, START - timedelta(minutes=30))
    assert att.checkin_open(EVENT, START + timedelta(minutes=59))
    assert not att.checkin_open(EVENT, START + timedelta(minutes=60))
    assert att.decide_checkin(EVENT, "going", None, START) is False
    assert att.decide_checkin(EVENT, "maybe", None, START + timedelta(seconds=1)) is True
    refused("checkin.not_yet", EVENT, "going", None, START - timedelta(minutes=31))
    refused("checkin.over", EVENT, "going", None, START + timedelta(hours=1))
    refused("checkin.already", EVENT, "going", START, START + timedelta(minutes=1))
    refused("checkin.waitlisted", EVENT, "waitlist", None, START)
    refused("checkin.not_going", EVENT, "declined", None, START)
    refused("checkin.not_going", EVENT, None, None, START)
    from dataclasses import replace
    refused("checkin.cancelled", replace(EVENT, status=CANCELLED), "going", None, START)


def test_codes() -> None:
    assert att.normalise_code(" ۱۲۳ ۴۵۶ ") == "123456"
    assert att.normalise_code("123-456") == "123456"
    for bad in ("12345", "1234567", "abcdef", ""):
        with pytest.raises(DomainError):
            att.normalise_code(bad)
    assert att.code_expiry(EVENT, START) == START + att.CODE_TTL
    assert att.code_expiry(EVENT, START + timedelta(minutes=55)) == EVENT.ends_at
    assert att.check_code("123456", (1, START), START - timedelta(seconds=1)) == 1
    with pytest.raises(DomainError) as expired:
        att.check_code("123456", (1, START), START)
    assert expired.value.key == "checkin.code_expired"


def test_phases_and_the_start_line() -> None:
    assert att.next_phase(EVENT, START - timedelta(hours=1)) is None
    assert att.next_phase(EVENT, START - timedelta(minutes=10)) == att.OPEN
    assert att.next_phase(EVENT, START) == att.STARTED
    assert att.next_phase(EVENT, START + timedelta(hours=2)) == att.CLOSED
    assert att.post_start_line(att.OPEN, att.STARTED, EVENT, START + timedelta(minutes=15))
    assert not att.post_start_line(att.OPEN, att.STARTED, EVENT, START + timedelta(minutes=16))  # too late
    assert not att.post_start_line(att.OPEN, att.CLOSED, EVENT, START + timedelta(hours=2))


def test_totals_and_csv() -> None:
    events = [att.EventFigures(EVENT, going=4, checked_in=3, late=1, going_not_in=1),
              att.EventFigures(EVENT, going=0)]
    members = [att.MemberFigures("discord", 1, "زینب", 2, 2, 0, 0), att.MemberFigures("discord", 2, "B", 2, 1, 1, 1)]
    sums = att.totals(events, members)
    assert (sums.events, sums.going, sums.no_shows, sums.attendees, sums.repeat) == (2, 4, 1, 2, 1)
    assert sums.no_show_rate == 0.25
    assert att.totals([], []).no_show_rate is None
    data = att.table_csv(["Name", "N"], [["زینب", 1], ["=cmd()", 2]])
    assert data.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [["Name", "N"], ["زینب", "1"], ["'=cmd()", "2"]]
    with pytest.raises(DomainError):
        att.require_days(367)
    assert att.require_days(None) == 30
