"""The digest's rules: reading `/setup digest`, and whether a due digest is sent, sent late or skipped."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.digest import LATE, SEND, SKIP, ReportWeek, parse_slot, plan, slot_in_week, week_key
from bot.domain.errors import DomainError

ZONE = "Asia/Karachi"
FRIDAY_SLOT = datetime(2026, 3, 13, 13, 0, tzinfo=timezone.utc)      # Friday 18:00 in Karachi


@pytest.mark.parametrize("text, expected", [
    ("friday 18:00", (4, 1080)), ("Fri 6pm", (4, 1080)), ("fri 6 pm", (4, 1080)), ("جمعہ 18:00", (4, 1080)),
    ("jumma 18:30", (4, 1110)), ("اتوار 9:05", (6, 545)), ("monday 0:00", (0, 0)), ("off", (None, None)),
    ("  OFF ", (None, None)), ("بند", (None, None)), ("sunday 12am", (6, 0)), ("sunday 12pm", (6, 720)),
])
def test_slots_read(text: str, expected: tuple) -> None:
    assert parse_slot(text) == expected


@pytest.mark.parametrize("text", ["", "friday", "18:00", "someday 18:00", "friday 24:00", "friday 18:60",
                                  "friday 13pm", "friday 0am", "friday six"])
def test_bad_slots_refused(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_slot(text)
    assert refused.value.key == "digest.bad_slot"


def test_on_time_late_and_skipped() -> None:
    day, minute = 4, 18 * 60
    due, nxt = plan(FRIDAY_SLOT - timedelta(hours=1), ZONE, day, minute)
    assert due.action is None and due.due_at == FRIDAY_SLOT and nxt == FRIDAY_SLOT
    due, nxt = plan(FRIDAY_SLOT, ZONE, day, minute)
    assert (due.action, due.week, due.due_at) == (SEND, "2026-W11", FRIDAY_SLOT)
    assert nxt == FRIDAY_SLOT + timedelta(days=7)
    assert plan(FRIDAY_SLOT + timedelta(hours=23, minutes=59), ZONE, day, minute)[0].action == LATE
    assert plan(FRIDAY_SLOT + timedelta(hours=24), ZONE, day, minute)[0].action == SKIP


def test_late_across_the_week_boundary() -> None:
    # Sunday 23:00: the bot comes back on Monday morning, inside 24 hours -> last week's, late.
    sunday = datetime(2026, 3, 15, 18, 0, tzinfo=timezone.utc)            # 23:00 in Karachi
    due, nxt = plan(sunday + timedelta(hours=10), ZONE, 6, 23 * 60)
    assert (due.action, due.week, due.due_at) == (LATE, "2026-W11", sunday)
    assert nxt == sunday + timedelta(days=7)
    due, _ = plan(sunday + timedelta(hours=25), ZONE, 6, 23 * 60)
    assert due.action is None and due.week == "2026-W12"


def test_same_local_hour_across_daylight_saving() -> None:
    # London moves to summer time on 29 March 2026: 18:00 local is 18:00 UTC before, 17:00 after.
    before = slot_in_week(datetime(2026, 3, 25, tzinfo=timezone.utc), "Europe/London", 4, 1080)
    after = slot_in_week(datetime(2026, 4, 1, tzinfo=timezone.utc), "Europe/London", 4, 1080)
    assert before.hour == 18 and after.hour == 17
    assert week_key(after, "Europe/London") == "2026-W14"


def test_report_week_figures() -> None:
    week = ReportWeek(claim_seconds=(7200, 14400, 50400, 50400), decided=3, complied=2)
    assert week.median_to_claim == timedelta(hours=9)
    assert ReportWeek(claim_seconds=(60, 120, 30)).median_to_claim == timedelta(minutes=1)
    assert ReportWeek().median_to_claim is None and ReportWeek().compliance is None
    assert week.compliance == pytest.approx(2 / 3)
