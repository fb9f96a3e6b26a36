"""The join-or-open rule (bot.domain.reports.choose_case / plan_intake): which case a new report
joins, and when a joining urgent report makes the case urgent. Storage only supplies candidates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.report_duplicates import Candidate, normalise_text
from bot.domain.reports import JoinTarget, choose_case, intake_from_target, plan_intake

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
TEXT = "Forwarded many times: the government will stop all flood relief payments from Monday"


def intake(category: str = "misinformation", target: str = TEXT):
    return intake_from_target(guild_id=1, reporter_id=5, category=category, target=target, now=NOW)


def target(**kw) -> JoinTarget:
    values = dict(case_id=7, number=3, urgent=False, status="new", sla_due_at=NOW + timedelta(hours=5),
                  reported_by_this_member=False)
    values.update(kw)
    return JoinTarget(**values)  # type: ignore[arg-type]


def never() -> list[Candidate]:
    raise AssertionError("near-identical candidates are not needed after an exact match")


def test_exact_matches_win_in_order_message_link_text() -> None:
    norm = normalise_text(TEXT)
    assert choose_case([4, 5, 6], norm, never) == 4
    assert choose_case([None, 5, 6], norm, never) == 5
    assert choose_case([None, None, 6], norm, never) == 6


def test_near_identical_text_is_judged_by_the_domain() -> None:
    norm = normalise_text(TEXT)
    near = normalise_text(TEXT.replace("Monday", "monday!!"))
    other = normalise_text("fuel prices going up by fifty rupees tonight in every city")
    assert choose_case([None, None, None], norm, lambda: [Candidate(9, other), Candidate(8, near)]) == 8
    assert choose_case([None, None, None], norm, lambda: [Candidate(9, other)]) is None
    assert choose_case([None, None, None], norm, lambda: []) is None


def test_no_match_opens_a_case_with_the_sla_from_now() -> None:
    plan = plan_intake(intake(), None, now=NOW, sla_hours=12)
    assert (plan.join, plan.urgent, plan.became_urgent) == (None, False, False)
    assert (plan.sla_hours, plan.sla_due_at) == (12, NOW + timedelta(hours=12))
    urgent = plan_intake(intake("child_safety"), None, now=NOW, sla_hours=1)
    assert urgent.urgent and not urgent.became_urgent


def test_joining_keeps_the_case_as_it_is() -> None:
    plan = plan_intake(intake(), target(), now=NOW, sla_hours=12)
    assert (plan.join, plan.urgent, plan.became_urgent, plan.sla_hours, plan.sla_due_at) == (7, False, False, None, None)
    # A normal report joining an urgent case leaves it urgent, with its SLA.
    plan = plan_intake(intake(), target(urgent=True), now=NOW, sla_hours=12)
    assert (plan.urgent, plan.became_urgent, plan.sla_due_at) == (True, False, None)


def test_a_member_reports_a_case_once() -> None:
    with pytest.raises(DomainError) as info:
        plan_intake(intake(), target(reported_by_this_member=True), now=NOW, sla_hours=12)
    assert info.value.key == "reports.already_reported" and info.value.params["ref"] == "R-0003"


def test_an_urgent_report_makes_a_normal_case_urgent_with_the_earlier_check() -> None:
    plan = plan_intake(intake("child_safety"), target(), now=NOW, sla_hours=1)
    assert (plan.join, plan.urgent, plan.became_urgent, plan.sla_hours) == (7, True, True, 1)
    assert plan.sla_due_at == NOW + timedelta(hours=1)
    # The check the case already had stays when it is sooner.
    soon = NOW + timedelta(minutes=20)
    assert plan_intake(intake("child_safety"), target(sla_due_at=soon), now=NOW, sla_hours=1).sla_due_at == soon
    # A claimed case has no SLA check to move.
    claimed = plan_intake(intake("child_safety"), target(status="triaging", sla_due_at=None), now=NOW, sla_hours=1)
    assert claimed.became_urgent and claimed.sla_due_at is None
