"""Report storage on a real migrated SQLite file: duplicates, abuse limit, triage, audit triggers."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_status import plan_claim, plan_dismiss, plan_escalate, plan_resolve
from bot.domain.reports import intake_from_message, intake_from_target
from bot.domain.roles import Actor
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.reports import SqliteReportsRepository as ReportsRepo

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
G = 1
SETTINGS = GuildSettings(guild_id=G, timezone="Asia/Karachi", language="en", moderator_role=77)
MOD = Actor(user_id=500, guild_id=G, role_ids=frozenset({77}))
ADMIN_ID = 700
TEXT = "Forwarded many times: the government will stop all flood relief payments from Monday"


def text_intake(reporter: int, target: str = TEXT, guild: int = G, category: str = "misinformation"):
    return intake_from_target(guild_id=guild, reporter_id=reporter, category=category, target=target, now=NOW)


def message_intake(reporter: int, message_id: int = 99, content: str = "hello there"):
    return intake_from_message(guild_id=G, reporter_id=reporter, category="hate_speech", now=NOW,
                               content=content, author_id=3, author_name="Poster", channel_id=10,
                               message_id=message_id, jump_url=f"https://discord.com/channels/1/10/{message_id}",
                               posted_at=NOW, edited_at=None, attachments=[])


async def test_new_case_numbers_per_guild_and_joins_duplicates(db: Database) -> None:
    repo = ReportsRepo(db)
    first = await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    assert (first.number, first.joined, first.ref) == (1, False, "R-0001")
    again = await repo.submit(message_intake(12), now=NOW, sla_hours=12)
    assert (again.case_id, again.joined) == (first.case_id, True)
    # The same message through its jump link joins too.
    link = intake_from_target(guild_id=G, reporter_id=13, category="other",
                              target="https://discord.com/channels/1/10/99", now=NOW)
    assert (await repo.submit(link, now=NOW, sla_hours=12)).case_id == first.case_id
    other_guild = await repo.submit(text_intake(11, guild=2), now=NOW, sla_hours=12)
    assert other_guild.number == 1
    second = await repo.submit(text_intake(11), now=NOW, sla_hours=12)
    assert second.number == 2
    case = await repo.get(first.case_id)
    assert (case.report_count, case.reporter_count) == (3, 3)
    assert case.evidence.source == "message"  # the first snapshot stays the case's evidence


async def test_link_variants_join(db: Database) -> None:
    repo = ReportsRepo(db)
    base = await repo.submit(text_intake(1, "https://www.example.com/fake-news?id=3"), now=NOW, sla_hours=12)
    for n, variant in enumerate(("http://WWW.EXAMPLE.com/fake-news/?id=3&utm_source=whatsapp",
                                 "https://www.example.com/fake-news?id=3&fbclid=abc#top")):
        result = await repo.submit(text_intake(10 + n, variant), now=NOW, sla_hours=12)
        assert result.case_id == base.case_id
    different = await repo.submit(text_intake(20, "https://www.example.com/fake-news?id=4"), now=NOW, sla_hours=12)
    assert different.case_id != base.case_id


async def test_near_identical_text_within_thirty_days(db: Database) -> None:
    repo = ReportsRepo(db)
    for n in range(30):  # unrelated noise sharing common words
        await repo.submit(text_intake(1000 + n, f"the government said {n} things about the weather in city {n}"),
                          now=NOW, sla_hours=12)
    base = await repo.submit(text_intake(1), now=NOW, sla_hours=12)
    near = TEXT.replace("Monday", "monday!!").replace("payments", "payment")
    joined = await repo.submit(text_intake(2, near), now=NOW + timedelta(days=3), sla_hours=12)
    assert joined.case_id == base.case_id
    late = await repo.submit(text_intake(3, near), now=NOW + timedelta(days=34), sla_hours=12)  # 31 days after the last
    assert late.case_id != base.case_id
    short = await repo.submit(text_intake(4, "fake"), now=NOW, sla_hours=12)
    short2 = await repo.submit(text_intake(5, "fake"), now=NOW, sla_hours=12)
    assert short.case_id != short2.case_id  # too short to be matched by text


async def test_same_member_twice_and_closed_cases(db: Database) -> None:
    repo = ReportsRepo(db)
    first = await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    with pytest.raises(DomainError) as info:
        await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    assert info.value.key == "reports.already_reported"
    case = await repo.get(first.case_id)
    changes, reason = plan_dismiss(case, MOD, SETTINGS, "not a violation")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW)
    reopened = await repo.submit(message_intake(12), now=NOW, sla_hours=12)
    assert reopened.case_id != first.case_id and not reopened.joined


async def test_rate_limit_is_in_the_database(db: Database, tmp_path) -> None:
    repo = ReportsRepo(db)
    for n in range(5):
        await repo.submit(message_intake(11, message_id=100 + n), now=NOW + timedelta(minutes=n), sla_hours=12)
    with pytest.raises(DomainError) as info:
        await repo.submit(message_intake(11, message_id=200), now=NOW + timedelta(minutes=5), sla_hours=12)
    assert info.value.key == "reports.rate_limited"
    assert await db.fetchval("SELECT COUNT(*) FROM report_intake WHERE reporter_id = 11") == 5
    # A fresh connection to the same file (as after a restart) sees the same limit.
    fresh = Database(db.path)
    await fresh.open()
    try:
        with pytest.raises(DomainError):
            await ReportsRepo(fresh).submit(message_intake(11, message_id=201),
                                            now=NOW + timedelta(minutes=9), sla_hours=12)
        ok = await ReportsRepo(fresh).submit(message_intake(11, message_id=202),
                                             now=NOW + timedelta(minutes=10, seconds=1), sla_hours=12)
        assert ok.number == 6
    finally:
        await fresh.close()


async def test_triage_flow_audit_and_notices(db: Database) -> None:
    repo = ReportsRepo(db)
    result = await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    await repo.submit(message_intake(12), now=NOW, sla_hours=12)
    case = await repo.get(result.case_id)
    assert case.sla_due_at == NOW + timedelta(hours=12)
    await repo.apply(case, plan_claim(case, MOD, SETTINGS), actor_id=MOD.user_id, now=NOW + timedelta(hours=1))
    stale = case  # the card as it was before the claim
    with pytest.raises(DomainError) as info:
        await repo.apply(stale, plan_claim(stale, MOD, SETTINGS), actor_id=MOD.user_id, now=NOW)
    assert info.value.key == "reports.stale"
    case = await repo.get(result.case_id)
    assert (case.status, case.claimed_by, case.sla_due_at) == ("triaging", MOD.user_id, None)
    changes, platform, ref = plan_escalate(case, MOD, SETTINGS, "facebook", "FB-1")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW + timedelta(hours=2),
                     escalation=(platform, ref))
    case = await repo.get(result.case_id)
    assert case.escalation.platform == "facebook" and case.escalation.outcome == "pending"
    await repo.record_platform_outcome(case, "removed", actor_id=MOD.user_id, now=NOW + timedelta(hours=3))
    changes, outcome, note = plan_resolve(case, MOD, SETTINGS, "actioned", "Removed by Facebook")
    await repo.apply(case, changes, actor_id=MOD.user_id, now=NOW + timedelta(hours=4), outcome=outcome, note=note)
    case = await repo.get(result.case_id)
    assert (case.status, case.outcome, case.resolution_note) == ("resolved", "actioned", "Removed by Facebook")
    assert case.escalation.outcome == "removed"
    audit = await repo.audit(case.id)
    assert [(a.action, a.from_status, a.to_status) for a in audit] == [
        ("open", None, "new"), ("status", "new", "triaging"), ("status", "triaging", "escalated"),
        ("platform_outcome", "escalated", "escalated"), ("status", "escalated", "resolved")]
    assert audit[0].actor_id is None and audit[1].actor_id == MOD.user_id
    assert audit[4].at == NOW + timedelta(hours=4)
    assert sorted(m.id for m in await repo.claim_notices(case.id, NOW)) == [11, 12]
    assert await repo.claim_notices(case.id, NOW) == []  # claimed once
    reporters = await repo.reveal(case, actor_id=ADMIN_ID, now=NOW)
    assert [r.reporter_id for r in reporters] == [11, 12]
    assert (await repo.audit(case.id))[-1].action == "reveal"


async def test_audit_and_evidence_cannot_be_changed(db: Database) -> None:
    repo = ReportsRepo(db)
    result = await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    for sql in ("UPDATE report_audit SET reason = 'x'", "DELETE FROM report_audit",
                "UPDATE report_intake SET evidence = '{}'", "DELETE FROM report_intake",
                "DELETE FROM report_cases", "UPDATE report_cases SET category = 'other'",
                "UPDATE report_cases SET status = 'resolved'"):
        with pytest.raises(sqlite3.IntegrityError):
            await db.execute(sql)
    assert await db.fetchval("SELECT COUNT(*) FROM report_audit WHERE case_id = ?", (result.case_id,)) == 1
    assert (await repo.get(result.case_id)).status == "new"
    # A case may become urgent, never stop being urgent.
    await db.execute("UPDATE report_cases SET urgent = 1 WHERE id = ?", (result.case_id,))
    with pytest.raises(sqlite3.IntegrityError):
        await db.execute("UPDATE report_cases SET urgent = 0 WHERE id = ?", (result.case_id,))


async def test_status_change_always_writes_its_audit_row(db: Database) -> None:
    repo = ReportsRepo(db)
    result = await repo.submit(message_intake(11), now=NOW, sla_hours=12)
    # Even a change made by hand, outside the repository, leaves its audit row.
    await db.execute("UPDATE report_cases SET status = 'triaging', status_actor = 9 WHERE id = ?",
                     (result.case_id,))
    audit = await repo.audit(result.case_id)
    assert (audit[-1].from_status, audit[-1].to_status, audit[-1].actor_id) == ("new", "triaging", 9)


async def test_sla_claims_each_window_once(db: Database) -> None:
    repo = ReportsRepo(db)
    result = await repo.submit(text_intake(1), now=NOW, sla_hours=12)
    case = await repo.get(result.case_id)
    due = await repo.sla_due()
    assert [(d.case_id, d.due_at) for d in due] == [(case.id, NOW + timedelta(hours=12))]
    assert await repo.claim_sla_notice(case, window=1, now=NOW)
    assert not await repo.claim_sla_notice(case, window=1, now=NOW)
    await repo.finish_sla_notice(case, window=1, raise_=False, next_due=NOW + timedelta(hours=24), now=NOW)
    assert not await repo.claim_sla_notice(case, window=1, now=NOW)
    assert await repo.claim_sla_notice(case, window=2, now=NOW + timedelta(hours=24))
    await repo.finish_sla_notice(case, window=2, raise_=True, next_due=None, now=NOW + timedelta(hours=24))
    case = await repo.get(result.case_id)
    assert (case.sla_notices, case.sla_raised_at, case.sla_due_at) == (2, NOW + timedelta(hours=24), None)


async def test_duplicate_lookups_use_indexes(db: Database) -> None:
    """The duplicate check must never scan the reports table row by row."""
    from bot.storage.sqlite.reports import _EXACT_SQL

    from bot.storage.sqlite.reports import _open_params

    params = {"guild": 1, "reporter": 2, "since": 0, "message": 3, "link": "x", "hash": "h", "cutoff": 0,
              "platform": "discord", **_open_params()}
    rows = await db.fetchall("EXPLAIN QUERY PLAN " + _EXACT_SQL, params)
    plan = " | ".join(r[3] for r in rows)
    for index in ("report_intake_rate", "report_intake_message", "report_intake_link", "report_intake_text"):
        assert f"INDEX {index}" in plan, plan
    assert "SCAN i" not in plan and "SCAN report_intake" not in plan, plan
    rows = await db.fetchall("EXPLAIN QUERY PLAN SELECT term, docs FROM report_terms WHERE term IN ('a', 'b')")
    assert "SEARCH report_terms USING PRIMARY KEY" in " | ".join(r[3] for r in rows)
    rows = await db.fetchall("EXPLAIN QUERY PLAN SELECT i.case_id FROM report_text_fts f "
                             "JOIN report_intake i ON i.id = f.rowid WHERE report_text_fts MATCH 'x'")
    plan = " | ".join(r[3] for r in rows)
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN i" not in plan, plan
