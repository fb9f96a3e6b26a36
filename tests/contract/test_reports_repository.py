"""ReportsRepository: intake and duplicates, triage with its audit log, reveals, SLA bookkeeping and
outcome notices, the moderators' queries, and communities of two platforms kept apart."""

from __future__ import annotations

import asyncio

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.report_status import plan_claim, plan_dismiss, plan_escalate, plan_resolve
from bot.domain.reports import intake_from_message, intake_from_target
from bot.domain.roles import Actor

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
G = 1
HERE = Community(DISCORD, G)
SETTINGS = GuildSettings(guild_id=G, timezone="UTC", language="en", moderator_role=77)
MOD = Actor(user_id=500, guild_id=G, role_ids=frozenset({77}))
TEXT = "Forwarded many times: the government will stop all flood relief payments from Monday"


def link(reporter: int, url: str = "https://example.org/a", *, category: str = "other", guild: int = G,
         platform: str = DISCORD, at: datetime = NOW):
    return intake_from_target(guild_id=guild, reporter_id=reporter, category=category, target=url, now=at,
                              platform=platform)


def message(reporter: int, message_id: int = 99):
    return intake_from_message(guild_id=G, reporter_id=reporter, category="hate_speech", now=NOW,
                               content="you people are vermin", author_id=3, author_name="Poster",
                               channel_id=10, message_id=message_id,
                               jump_url=f"https://discord.com/channels/1/10/{message_id}",
                               posted_at=NOW, edited_at=None, attachments=[])


async def test_submit_numbers_cases_per_community_and_joins_duplicates(store) -> None:
    repo = store.reports
    first = await repo.submit(message(11), now=NOW, sla_hours=12)
    assert (first.number, first.joined, first.urgent) == (1, False, False)
    assert first.sla_due_at == NOW + timedelta(hours=12)
    joined = await repo.submit(message(12), now=NOW, sla_hours=12)
    assert (joined.case_id, joined.joined, joined.sla_due_at) == (first.case_id, True, None)
    by_link = await repo.submit(link(13, "https://discord.com/channels/1/10/99"), now=NOW, sla_hours=12)
    assert by_link.case_id == first.case_id
    text = await repo.submit(link(14, TEXT), now=NOW, sla_hours=12)
    near = await repo.submit(link(15, TEXT.replace("Monday", "monday!!")), now=NOW, sla_hours=12)
    assert text.number == 2 and near.case_id == text.case_id
    case = await repo.get(first.case_id)
    assert (case.report_count, case.reporter_count, case.platform) == (3, 3, DISCORD)
    assert case.evidence.source == "message"  # the first report's snapshot stays the evidence
    with pytest.raises(DomainError) as info:
        await repo.submit(message(11), now=NOW, sla_hours=12)
    assert info.value.key == "reports.already_reported"
    assert (await repo.get(first.case_id)).report_count == 3  # nothing stored


async def test_an_urgent_report_makes_the_case_urgent(store) -> None:
    repo = store.reports
    first = await repo.submit(link(1), now=NOW, sla_hours=12)
    later = NOW + timedelta(minutes=30)
    urgent = await repo.submit(link(2, category="child_safety", at=later), now=later, sla_hours=1)
    assert (urgent.case_id, urgent.became_urgent, urgent.urgent) == (first.case_id, True, True)
    case = await repo.get(first.case_id)
    assert case.urgent and case.sla_hours == 1 and case.sla_due_at == later + timedelta(hours=1)
    assert case.category == "other"  # the case keeps its first category


async def test_abuse_limit_and_recent_report_times(store) -> None:
    repo = store.reports
    for n in range(5):
        at = NOW + timedelta(minutes=n)
        await repo.submit(link(11, f"https://example.org/{n}", at=at), now=at, sla_hours=12)
    times = await repo.recent_report_times(Member(DISCORD, 11), HERE, NOW + timedelta(minutes=5))
    assert sorted(times) == [NOW + timedelta(minutes=n) for n in range(5)]
    assert await repo.recent_report_times(Member(TELEGRAM, 11), Community(TELEGRAM, G), NOW) == []
    with pytest.raises(DomainError) as info:
        await repo.submit(link(11, "https://example.org/6"), now=NOW + timedelta(minutes=5), sla_hours=12)
    assert info.value.key == "reports.rate_limited"
    ok = await repo.submit(link(11, "https://example.org/7"), now=NOW + timedelta(minutes=11), sla_hours=12)
    assert ok.number == 6


async def test_platforms_are_kept_apart(store) -> None:
    repo = store.reports
    d = await repo.submit(link(1), now=NOW, sla_hours=12)
    tg = await repo.submit(link(1, platform=TELEGRAM), now=NOW, sla_hours=12)
    assert tg.case_id != d.case_id and not tg.joined and tg.number == 1
    assert (await repo.get(tg.case_id)).platform == TELEGRAM
    assert (await repo.get_by_number(Community(TELEGRAM, G), 1)).id == tg.case_id
    assert (await repo.get_by_number(HERE, 1)).id == d.case_id
    assert await repo.get_by_number(HERE, 2) is None
    cases, total = await repo.queue(Community(TELEGRAM, G), statuses=["new"])
    assert total == 1 and [c.id for c in cases] == [tg.case_id]
    assert [c.id for c in await repo.cases_since(HERE, None)] == [d.case_id]
    assert len(await repo.stat_rows(Community(TELEGRAM, G), NOW - timedelta(days=1))) == 1
    assert [c.id for c in await repo.search_numbers(Community(TELEGRAM, G), "")] == [tg.case_id]


async def test_queue_orders_urgent_then_oldest_and_filters(store) -> None:
    repo = store.reports
    a = await repo.submit(link(1, "https://example.org/a"), now=NOW, sla_hours=12)
    b = await repo.submit(link(2, "https://example.org/b", category="violent_extremism"),
                          now=NOW + timedelta(minutes=1), sla_hours=1)
    c = await repo.submit(link(3, "https://example.org/c", category="misinformation"),
                          now=NOW + timedelta(minutes=2), sla_hours=12)
    cases, total = await repo.queue(HERE, statuses=["new", "triaging", "escalated"])
    assert total == 3 and [x.id for x in cases] == [b.case_id, a.case_id, c.case_id]
    cases, total = await repo.queue(HERE, statuses=["new"], category="misinformation")
    assert (total, [x.id for x in cases]) == (1, [c.case_id])
    cases, total = await repo.queue(HERE, statuses=["new"], limit=1, offset=1)
    assert total == 3 and [x.id for x in cases] == [a.case_id]
    assert (await repo.queue(HERE, statuses=["resolved"])) == ([], 0)


async def test_exports_stats_and_autocomplete(store) -> None:
    repo = store.reports
    for n in range(12):
        at = NOW + timedelta(hours=n)
        await repo.submit(link(100 + n, f"https://example.org/{n}", at=at), now=at, sla_hours=12)
    since = await repo.cases_since(HERE, NOW + timedelta(hours=10))
    assert [c.number for c in since] == [11, 12]
    assert [c.number for c in await repo.cases_since(HERE, None)] == list(range(1, 13))
    rows = await repo.stat_rows(HERE, NOW + timedelta(hours=6))
    assert len(rows) == 6 and {r.status for r in rows} == {"new"}
    assert [c.number for c in await repo.search_numbers(HERE, "R-1")] == [12, 11, 10, 1]
    assert [c.number for c in await repo.search_numbers(HERE, "", limit=3)] == [12, 11, 10]
    assert await repo.search_numbers(HERE, "R-0099") == []


async def test_triage_audit_and_stale_steps(store) -> None:
    repo = store.reports
    result = await repo.submit(message(11), now=NOW, sla_hours=12)
    case = await repo.get(result.case_id)
    await repo.apply(case, plan_claim(case, MOD, SETTINGS), actor_id=MOD.user_id, now=NOW + timedelta(hours=1))
    with pytest.raises(DomainError) as info:  # the card as it was before the claim
        await repo.apply(case, plan_claim(case, MOD, SETTINGS), actor_id=MOD.user_id, now=NOW)
    assert info.value.key == "reports.stale"
    case = await repo.get(result.case_id)
    assert (case.status, case.claimed_by, case.claimed_at, case.sla_due_at) == (
        "triaging", MOD.user_id, NOW + timedelta(hours=1), None)
    with pytest.raises(DomainError) as info:
        await repo.record_platform_outcome(case, "removed", actor_id=MOD.user_id, now=NOW)
    assert info.value.key == "reports.not_escalated"
    changes, platform, ref = plan_escalate(case, MOD, SETTINGS, "facebook", "FB-1")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW + timedelta(hours=2), escalation=(platform, ref))
    case = await repo.get(result.case_id)
    assert (case.escalation.platform, case.escalation.external_ref, case.escalation.outcome) == (
        "facebook", "FB-1", "pending")
    await repo.record_platform_outcome(case, "removed", actor_id=MOD.user_id, now=NOW + timedelta(hours=3))
    changes, outcome, note = plan_resolve(case, MOD, SETTINGS, "actioned", "Removed")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW + timedelta(hours=4), outcome=outcome, note=note)
    case = await repo.get(result.case_id)
    assert (case.status, case.outcome, case.resolution_note, case.closed_by) == (
        "resolved", "actioned", "Removed", MOD.user_id)
    assert case.escalation.outcome == "removed" and case.escalation.outcome_at == NOW + timedelta(hours=3)
    audit = await repo.audit(case.id)
    assert [(a.action, a.from_status, a.to_status, a.actor_id) for a in audit] == [
        ("open", None, "new", None), ("status", "new", "triaging", MOD.user_id),
        ("status", "triaging", "escalated", MOD.user_id), ("platform_outcome", "escalated", "escalated", MOD.user_id),
        ("status", "escalated", "resolved", MOD.user_id)]
    assert [a.at for a in audit] == [NOW] + [NOW + timedelta(hours=h) for h in (1, 2, 3, 4)]


async def test_reveal_is_audited_and_lists_reporters_in_order(store) -> None:
    repo = store.reports
    result = await repo.submit(message(11), now=NOW, sla_hours=12)
    await repo.submit(message(12), now=NOW + timedelta(minutes=1), sla_hours=12)
    case = await repo.get(result.case_id)
    reporters = await repo.reveal(case, actor_id=700, now=NOW + timedelta(hours=1))
    assert [(r.reporter, r.reported_at) for r in reporters] == [
        (Member(DISCORD, 11), NOW), (Member(DISCORD, 12), NOW + timedelta(minutes=1))]
    last = (await repo.audit(case.id))[-1]
    assert (last.action, last.actor_id, last.at) == ("reveal", 700, NOW + timedelta(hours=1))


async def test_card_is_remembered(store) -> None:
    repo = store.reports
    result = await repo.submit(link(1), now=NOW, sla_hours=12)
    await repo.set_card(result.case_id, MessageRef(Place(DISCORD, 55), 66))
    case = await repo.get(result.case_id)
    assert (case.card_channel_id, case.card_message_id) == (55, 66)


async def test_sla_notices_are_claimed_once_per_window(store) -> None:
    repo = store.reports
    result = await repo.submit(link(1), now=NOW, sla_hours=12)
    case = await repo.get(result.case_id)
    assert [(d.case_id, d.due_at) for d in await repo.sla_due()] == [(case.id, NOW + timedelta(hours=12))]
    assert await repo.claim_sla_notice(case, window=1, now=NOW)
    assert not await repo.claim_sla_notice(case, window=1, now=NOW)  # the lease is held
    await repo.finish_sla_notice(case, window=1, raise_=False, next_due=NOW + timedelta(hours=24), now=NOW)
    assert not await repo.claim_sla_notice(case, window=1, now=NOW)  # recorded
    assert [(d.case_id, d.due_at) for d in await repo.sla_due()] == [(case.id, NOW + timedelta(hours=24))]
    assert await repo.claim_sla_notice(case, window=2, now=NOW + timedelta(hours=24))
    await repo.finish_sla_notice(case, window=2, raise_=True, next_due=None, now=NOW + timedelta(hours=24))
    case = await repo.get(result.case_id)
    assert (case.sla_notices, case.sla_raised_at, case.sla_due_at) == (2, NOW + timedelta(hours=24), None)
    assert await repo.sla_due() == []
    # A claimed case gets no notice.
    other = await repo.get((await repo.submit(link(2, "https://example.org/z"), now=NOW, sla_hours=12)).case_id)
    await repo.apply(other, plan_claim(other, MOD, SETTINGS), actor_id=MOD.user_id, now=NOW)
    assert not await repo.claim_sla_notice(other, window=1, now=NOW)


async def test_an_sla_lease_left_by_a_dead_process_is_taken_over_once_expired(store, monkeypatch) -> None:
    """A process claimed the notice and died before recording it: while its lease lives nobody else
    sends; once it expires the notice is due again (still listed by `sla_due`) and claimed once."""
    from bot.storage.leases import Lease

    repo = store.reports
    case = await repo.get((await repo.submit(link(1), now=NOW, sla_hours=12)).case_id)
    late = NOW + timedelta(hours=12, minutes=30)
    assert await repo.claim_sla_notice(case, window=1, now=late)
    # ... the process dies here: nothing recorded.
    assert [d.case_id for d in await repo.sla_due()] == [case.id]
    assert not await repo.claim_sla_notice(case, window=1, now=late)
    wall = Lease.now()
    monkeypatch.setattr(Lease, "now", staticmethod(lambda: wall + 3600))  # long after any lease
    taken = await asyncio.gather(*(repo.claim_sla_notice(case, window=1, now=late) for _ in range(5)))
    assert taken.count(True) == 1
    await repo.finish_sla_notice(case, window=1, raise_=False, next_due=NOW + timedelta(hours=24), now=late)
    case = await repo.get(case.id)
    assert (case.sla_notices, case.sla_due_at) == (1, NOW + timedelta(hours=24))
    # The dead process's record arriving after all (it was only slow) changes nothing.
    await repo.finish_sla_notice(case, window=1, raise_=False, next_due=NOW + timedelta(hours=24), now=late)
    assert (await repo.get(case.id)).sla_notices == 1
    assert await repo.claim_sla_notice(case, window=2, now=NOW + timedelta(hours=24))


async def test_outcome_notices_are_queued_on_close_and_claimed_once(store) -> None:
    repo = store.reports
    result = await repo.submit(message(11), now=NOW, sla_hours=12)
    await repo.submit(message(12), now=NOW, sla_hours=12)
    assert await repo.pending_notices() == []
    case = await repo.get(result.case_id)
    changes, _ = plan_dismiss(case, MOD, SETTINGS, "not a violation")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW)
    alice, bob = Member(DISCORD, 11), Member(DISCORD, 12)
    assert sorted(await repo.pending_notices(), key=lambda p: p[1].id) == [(case.id, alice), (case.id, bob)]
    assert await repo.notice_status(case.id) == {alice: None, bob: None}
    assert sorted(await repo.claim_notices(case.id, NOW), key=lambda m: m.id) == [alice, bob]
    assert await repo.claim_notices(case.id, NOW) == []
    assert await repo.pending_notices() == []
    await repo.mark_notices(case.id, {alice: True, bob: False})
    assert await repo.notice_status(case.id) == {alice: True, bob: False}
    # A closed case takes no more reports: the same message opens a new one.
    again = await repo.submit(message(13), now=NOW, sla_hours=12)
    assert again.case_id != case.id and not again.joined


async def test_a_member_of_a_linked_community_reports_as_themselves(store) -> None:
    """A Telegram member reporting in a Discord-home community: the case is the community's, the
    report (abuse limit, 'already reported', reveal, outcome notice) is the Telegram member's."""
    import dataclasses

    repo = store.reports
    tg_member, dc_member = Member(TELEGRAM, 11), Member(DISCORD, 11)
    first = await repo.submit(dataclasses.replace(link(11), reporter_platform=TELEGRAM), now=NOW, sla_hours=12)
    assert await repo.recent_report_times(tg_member, HERE, NOW + timedelta(minutes=1)) == [NOW]
    assert await repo.recent_report_times(dc_member, HERE, NOW + timedelta(minutes=1)) == []
    # The Discord member with the same number is someone else: their report joins, not refused.
    joined = await repo.submit(link(11, at=NOW + timedelta(minutes=1)), now=NOW + timedelta(minutes=1), sla_hours=12)
    assert joined.case_id == first.case_id and joined.joined
    with pytest.raises(DomainError) as info:
        await repo.submit(dataclasses.replace(link(11), reporter_platform=TELEGRAM), now=NOW, sla_hours=12)
    assert info.value.key == "reports.already_reported"
    case = await repo.get(first.case_id)
    assert (case.platform, case.report_count, case.reporter_count) == (DISCORD, 2, 2)
    reporters = await repo.reveal(case, actor_id=700, now=NOW + timedelta(hours=1))
    assert [r.reporter for r in reporters] == [tg_member, dc_member]
    changes, _ = plan_dismiss(case, MOD, SETTINGS, "not a violation")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW + timedelta(hours=1))
    assert sorted(await repo.claim_notices(case.id, NOW + timedelta(hours=1)), key=lambda m: m.platform) == [
        dc_member, tg_member]
