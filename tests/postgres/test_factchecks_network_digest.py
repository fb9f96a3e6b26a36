"""Migration 0004 on PostgreSQL: fact-checks are corrected, never edited nor deleted, their history and
the network's audit are append-only (and `baithak check` counts those guards); and several processes
on one database (each a store with its own pool) racing for the same thing: F-numbers are handed out
once each, a case gets one fact-check, a one-time invite is used once, a community founds one
network, and each DM, partner post and community-week of the digest is claimed by one process."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import asyncpg
import pytest

from bot.domain.errors import DomainError
from bot.domain.factchecks import Draft
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.reports import intake_from_target
from bot.domain.resource_search import parse_query
from bot.storage.postgres.checks import run_checks
from bot.storage.postgres.leases import Lease
from bot.storage.postgres.store import PostgresStore

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)
ROUNDS = 8
DRAFT = Draft("false", "No such decision was announced.", ("https://gov.example/notice",))


@pytest.fixture
async def two(pg_url: str):
    a = await PostgresStore.open(pg_url, lease=Lease("process-a", 5))
    b = await PostgresStore.open(pg_url, lease=Lease("process-b", 5))
    yield a, b
    await a.close()
    await b.close()


async def case(store, n: int, where: Community = HERE):
    intake = intake_from_target(guild_id=where.id, reporter_id=1000 + n, category="misinformation",
                                target=f"https://rumour{n}.example/claim", now=NOW, platform=where.platform)
    result = await store.reports.submit(intake, now=NOW, sla_hours=12)
    return await store.reports.get(result.case_id)


async def settle(calls):
    """Every call's result or DomainError key, in order."""
    out = []
    for got in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(got, DomainError):
            out.append(got.key)
        elif isinstance(got, BaseException):
            raise got
        else:
            out.append(got)
    return out


async def test_factchecks_are_never_edited_and_logs_are_append_only(two, pg_url: str) -> None:
    a, _ = two
    fc = await a.factchecks.publish(await case(a, 1), DRAFT, claim="Relief payments stop", language="en",
                                    actor_id=5, now=NOW)
    await a.factchecks.correct(fc, note="More context", verdict="misleading", actor_id=5, now=NOW)
    network = await a.network.create_invite(HERE, code_hash="h", actor_id=5, now=NOW,
                                            expires_at=NOW + timedelta(days=1))
    conn = await asyncpg.connect(pg_url)
    try:
        for sql, message in (
                ("UPDATE factchecks SET summary = 'edited'", "a fact-check is corrected, never edited"),
                ("UPDATE factchecks SET claim = 'edited'", "a fact-check is corrected, never edited"),
                ("UPDATE factchecks SET number = 9", "a fact-check is corrected, never edited"),
                ("DELETE FROM factchecks", "fact-checks are withdrawn, never deleted"),
                ("TRUNCATE factchecks CASCADE", "fact-checks are withdrawn, never deleted"),
                ("UPDATE factcheck_corrections SET note = 'x'", "corrections are append-only"),
                ("DELETE FROM factcheck_corrections", "corrections are append-only"),
                ("UPDATE network_audit SET detail = 'x'", "network_audit is append-only"),
                ("DELETE FROM network_audit", "network_audit is append-only"),
                ("TRUNCATE network_audit", "network_audit is append-only")):
            with pytest.raises(asyncpg.RestrictViolationError, match=message):
                await conn.execute(sql)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE factchecks SET verdict = 'maybe'")
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("INSERT INTO guild_settings (guild_id, updated_at, digest_day, digest_minute) "
                               "VALUES (1, '2026-03-10T07:00:00+00:00', 4, 1440)")
    finally:
        await conn.close()
    fresh = await a.factchecks.get(fc.id)
    assert (fresh.summary, fresh.verdict, len(fresh.corrections)) == (DRAFT.summary, "misleading", 1)
    assert [e.action for e in await a.network.audit(network)] == ["join", "invite"]
    ok, problems = await run_checks(pg_url)
    assert "audit log and evidence guarded by triggers" in ok and not [p for p in problems if "trigger" in p]
    # A withdrawal takes it out of search whatever path withdrew it (the search column is generated).
    assert [f.id for f in await a.factchecks.search([HERE], parse_query("relief"))] == [fc.id]
    await a.factchecks.withdraw(fresh, reason="wrong case", actor_id=5, now=NOW)
    assert await a.factchecks.search([HERE], parse_query("relief")) == []


async def test_numbers_and_one_factcheck_per_case_across_processes(two) -> None:
    a, b = two
    cases = [await case(a, n) for n in range(ROUNDS)]
    published = await settle([(a if n % 2 else b).factchecks.publish(c, DRAFT, claim="c", language="en",
                                                                      actor_id=5, now=NOW)
                              for n, c in enumerate(cases)])
    assert sorted(fc.number for fc in published) == list(range(1, ROUNDS + 1))
    again = await case(a, 99)
    results = await settle([(a if n % 2 else b).factchecks.publish(again, DRAFT, claim="c", language="en",
                                                                    actor_id=5, now=NOW)
                            for n in range(ROUNDS)])
    winners = [r for r in results if not isinstance(r, str)]
    assert len(winners) == 1 and winners[0].number == ROUNDS + 1
    assert results.count("factcheck.already_published") == ROUNDS - 1
    # Correcting and withdrawing at once: one withdrawal, corrections only while published.
    fc = winners[0]
    results = await settle([a.factchecks.withdraw(fc, reason="x", actor_id=5, now=NOW),
                            b.factchecks.withdraw(fc, reason="y", actor_id=6, now=NOW)])
    assert sorted(map(str, results)) == ["None", "factcheck.withdrawn_already"]


async def test_invites_networks_and_claims_are_taken_once(two) -> None:
    a, b = two
    # One community inviting from two processes at once founds one network.
    founded = await settle([(a if n % 2 else b).network.create_invite(
        HERE, code_hash=f"code{n}", actor_id=5, now=NOW, expires_at=NOW + timedelta(days=1)) for n in range(ROUNDS)])
    assert len(set(founded)) == 1
    network = founded[0]
    # Many communities typing the same one-time code at once: one gets in.
    results = await settle([(a if n % 2 else b).network.join(Community(DISCORD, 200 + n), code_hash="code0",
                                                              actor_id=7, now=NOW) for n in range(ROUNDS)])
    assert results.count(network) == 1 and results.count("network.bad_code") == ROUNDS - 1
    assert len(await a.network.members(network)) == 2

    fc = await a.factchecks.publish(await case(a, 1), DRAFT, claim="c", language="en", actor_id=5, now=NOW)
    members = [Member(DISCORD, n) for n in range(20)]
    claimed = await settle([(a if n % 2 else b).factchecks.claim_notices(fc.id, "publish", members, NOW)
                            for n in range(ROUNDS)])
    assert sorted((m.platform, m.id) for batch in claimed for m in batch) == [(DISCORD, n) for n in range(20)]
    partner = Community(DISCORD, 200)
    shares = await settle([(a if n % 2 else b).factchecks.claim_share(fc.id, partner, NOW) for n in range(ROUNDS)])
    assert shares.count(True) == 1
    weeks = await settle([(a if n % 2 else b).digest.claim(HERE, "2026-W11", due_at=NOW, status="sent", now=NOW)
                          for n in range(ROUNDS)])
    assert weeks.count(True) == 1 and await b.digest.run_of(HERE, "2026-W11") == "sent"
