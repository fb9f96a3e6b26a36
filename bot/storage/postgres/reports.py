"""Report cases on PostgreSQL: intake, triage steps with their audit rows, reveals, SLA bookkeeping,
outcome notices, queue, stats and export queries.

Intake decides under a transaction-level advisory lock on the community, so two reports arriving at
once in one community (in this process or another) are decided one after the other: the second sees
the case the first opened, and case numbers never collide (the unique (platform, guild_id, number)
constraint is the last line of defence). Candidates for the duplicate rule are index lookups (same
message, same link, identical text hash) and, only when none of those matches, the near-identical
prefilter SQLite uses too: the text's rarest terms in the community (report_terms, kept in the
intake's transaction) ask the GIN index on the texts' words for those holding all but one of them,
within a length window (migration 0008; the trigram query it replaced scored most texts of a large
community while holding the lock). That search runs before the lock, and under it only the texts
reported since are looked at again (`_submit`), so the lock is held for index lookups and inserts
alone. Which case a report joins is
decided by the domain (`choose_case`, `plan_intake`). The audit log and the evidence are append-only
and a case's status changes are audited by triggers (migration 0001).

Outcome notices are claimed under a lease (`FOR UPDATE SKIP LOCKED`) and recorded as sent when
marked; a notice whose lease expired unmarked (its process died) is pending again.
"""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import combinations
from typing import Any, Iterable

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.identity import Community, Member, MessageRef
from bot.domain.report_categories import (OPEN_STATUSES, STATUS_DISMISSED, STATUS_ESCALATED, STATUS_NEW,
                                          STATUS_RESOLVED, STATUS_TRIAGING)
from bot.domain.report_duplicates import (MAX_CANDIDATES, TEXT_WINDOW, Candidate, identifiers, length_window,
                                          rarest_terms, terms)
from bot.domain.report_stats import StatRow
from bot.domain.report_status import Change
from bot.domain.reports import (RATE_LIMIT_WINDOW, AuditEntry, Case, Intake, IntakeResult,
                                JoinTarget, ReporterEntry, SlaDue, check_rate_limit, choose_case, plan_intake)
from bot.storage.postgres.database import Database, like_escape
from bot.storage.postgres.leases import Lease
from bot.storage.rows import case_from_row

_OPEN = sorted(OPEN_STATUSES)
_AUDIT_REVEAL = "reveal"
_AUDIT_PLATFORM_OUTCOME = "platform_outcome"
Conn = asyncpg.Connection


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


_CASE_SELECT = """
SELECT c.*, i.evidence AS evidence, i.details AS details,
       e.platform AS e_platform, e.external_ref AS e_ref, e.escalated_at AS e_at,
       e.escalated_by AS e_by, e.outcome AS e_outcome, e.outcome_at AS e_outcome_at
FROM report_cases c
JOIN report_intake i ON i.id = (SELECT min(id) FROM report_intake WHERE case_id = c.id)
LEFT JOIN report_escalations e ON e.case_id = c.id
"""


_case = case_from_row


_EXACT_SQL = """
SELECT
  (SELECT array_agg(created_at) FROM report_intake
    WHERE guild_id = $1 AND reporter_id = $2 AND created_at > $3 AND reporter_platform = $10) AS recent,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = $1 AND i.message_id = $5 AND c.status = ANY($8::text[]) AND c.platform = $4
    ORDER BY i.id DESC LIMIT 1) AS by_message,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = $1 AND i.link_key = $6 AND c.status = ANY($8::text[]) AND c.platform = $4
    ORDER BY i.id DESC LIMIT 1) AS by_link,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = $1 AND i.text_hash = $7 AND i.created_at >= $9
      AND c.status = ANY($8::text[]) AND c.platform = $4
    ORDER BY i.id DESC LIMIT 1) AS by_text
"""


# The rarest terms are chosen among a text's first terms (as on SQLite).
_MAX_LOOKUP_TERMS = 64
# Keeps report_terms equal to the texts (migration 0008 builds it from them, copy-db rebuilds it).
COUNT_TERMS = """
INSERT INTO report_terms (guild_id, term, docs)
SELECT $1, term, 1 FROM unnest($2::text[]) AS t (term) ORDER BY term
ON CONFLICT (guild_id, term) DO UPDATE SET docs = report_terms.docs + 1"""
REBUILD_TERMS = """
INSERT INTO report_terms (guild_id, term, docs)
SELECT guild_id, term, count(*)
FROM (SELECT DISTINCT i.id, i.guild_id, w.term
      FROM report_intake i, unnest(string_to_array(i.norm_text, ' ')) AS w (term)
      WHERE i.norm_text IS NOT NULL AND w.term <> '') AS d
GROUP BY guild_id, term
ON CONFLICT (guild_id, term) DO UPDATE SET docs = EXCLUDED.docs"""


async def _similar(conn: Conn, intake: Intake, now: datetime, *, after: int = 0) -> list[Candidate]:
    """Open cases of the last 30 days whose text may be near-identical to the report's, inside the
    length window the domain's cutoff allows, each with the identifiers (numbers, links, handles) of
    its reported content, which keep texts that differ in them apart.

    As on SQLite: the text's rarest terms in this community (report_terms) ask the GIN index on the
    texts' words for those holding all of them but one (`fts_query`'s rule), so a report reads a few
    index entries and rows however many texts share its common words; the closest by trigram
    similarity come first. With `after`, only texts reported since that intake id."""
    if intake.text_hash is None:
        return []
    words = terms(intake.normalised)[:_MAX_LOOKUP_TERMS]
    counts = {r[0]: r[1] for r in await conn.fetch(
        "SELECT term, docs FROM report_terms WHERE guild_id = $1 AND term = ANY($2::text[])",
        intake.guild_id, words)}
    chosen = rarest_terms(counts)
    if not chosen:
        return []
    need = len(chosen) - 1 if len(chosen) >= 3 else len(chosen)
    groups = [list(group) for group in combinations(chosen, need)]
    holds = " OR ".join(f"string_to_array(i.norm_text, ' ') @> ${10 + n}::text[]" for n in range(len(groups)))
    low, high = length_window(intake.normalised)
    rows = await conn.fetch(
        "SELECT i.case_id, i.norm_text, i.evidence::jsonb ->> 'content' AS content "
        "FROM report_intake i JOIN report_cases c ON c.id = i.case_id "
        f"WHERE i.norm_text IS NOT NULL AND ({holds}) AND i.guild_id = $2 AND c.platform = $3 "
        "AND i.created_at >= $4 AND i.norm_len BETWEEN $5 AND $6 AND c.status = ANY($7::text[]) "
        "AND i.id > $9 ORDER BY similarity(i.norm_text, $1) DESC, i.id DESC LIMIT $8",
        intake.normalised, intake.guild_id, intake.platform, _ts(now - TEXT_WINDOW), low, high, _OPEN,
        MAX_CANDIDATES, after, *groups)
    return [Candidate(r[0], r[1], identifiers(r[2] or "")) for r in rows]


async def _join_target(conn: Conn, case_id: int, reporter: Member) -> JoinTarget:
    row = await conn.fetchrow("""
        SELECT number, urgent, status, sla_due_at,
               EXISTS (SELECT 1 FROM report_intake
                       WHERE case_id = c.id AND reporter_id = $1 AND reporter_platform = $2) AS again
        FROM report_cases c WHERE id = $3 FOR UPDATE""", reporter.id, reporter.platform, case_id)
    assert row is not None
    return JoinTarget(case_id=case_id, number=row["number"], urgent=bool(row["urgent"]),
                      status=row["status"], sla_due_at=_dt(row["sla_due_at"]),
                      reported_by_this_member=bool(row["again"]))


async def _exact(conn: Conn, intake: Intake, now: datetime) -> tuple[list[datetime], list[int | None]]:
    """In one statement: the member's recent report times, and the open case with the same message,
    link key or identical text (in that order)."""
    row = await conn.fetchrow(_EXACT_SQL, intake.guild_id, intake.reporter_id, _ts(now - RATE_LIMIT_WINDOW),
                              intake.platform, intake.message_id, intake.link_key, intake.text_hash, _OPEN,
                              _ts(now - TEXT_WINDOW), intake.reporter.platform)
    recent = [_dt(int(x)) for x in (row["recent"] or [])]
    return recent, [row["by_message"], row["by_link"], row["by_text"]]  # type: ignore[return-value]


async def _submit(conn: Conn, intake: Intake, now: datetime, sla_hours: int) -> IntakeResult:
    """One unit: the candidates, the community's intake lock, the abuse limit, the domain's decision,
    then the rows it implies.

    The near-identical candidates are looked up before the lock (when no exact match is in sight),
    with the newest intake id of the community seen just before; under the lock only the texts
    reported since are looked up again. Intakes of a community insert under its lock, so its ids
    grow in commit order and every text committed after that first look has a greater id: the
    decision sees every text committed before it, as if it had looked under the lock, and the lock
    is held for a few index lookups and the inserts instead of the whole search. A case chosen from
    the first look that was closed meanwhile is caught when its row is locked, and the decision is
    made again from what the lock sees."""
    keys = identifiers(intake.evidence.content)
    early: list[Candidate] | None = None
    seen = 0
    if intake.text_hash is not None and all(x is None for x in (await _exact(conn, intake, now))[1]):
        seen = await conn.fetchval("SELECT COALESCE(max(id), 0) FROM report_intake WHERE guild_id = $1",
                                   intake.guild_id)
        early = await _similar(conn, intake, now)
    # Keyed by the community id alone (not its platform), so one community's intakes never overlap.
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('baithak:intake:' || $1, 0))",
                       str(intake.guild_id))
    at = _ts(now)
    recent, exact = await _exact(conn, intake, now)
    check_rate_limit(recent, now)  # type: ignore[arg-type]
    candidates: list[Candidate] = []
    if all(x is None for x in exact):
        candidates = (await _similar(conn, intake, now) if early is None
                      else early + await _similar(conn, intake, now, after=seen))
    case_id = choose_case(exact, intake.normalised, lambda: candidates, keys=keys)
    target = None if case_id is None else await _join_target(conn, case_id, intake.reporter)
    if target is not None and target.status not in OPEN_STATUSES and all(x is None for x in exact):
        # A near-identical case closed between the first look and the lock (its row is locked
        # now): decide again from what the lock sees.
        candidates = await _similar(conn, intake, now)
        case_id = choose_case(exact, intake.normalised, lambda: candidates, keys=keys)
        target = None if case_id is None else await _join_target(conn, case_id, intake.reporter)
    plan = plan_intake(intake, target, now=now, sla_hours=sla_hours)
    if target is not None:
        await conn.execute("UPDATE report_cases SET report_count = report_count + 1, "
                           "reporter_count = reporter_count + 1, last_report_at = $1 WHERE id = $2",
                           at, target.case_id)
        if plan.became_urgent:
            await conn.execute("UPDATE report_cases SET urgent = TRUE, sla_hours = $1, "
                               "sla_due_at = COALESCE($2, sla_due_at) WHERE id = $3",
                               plan.sla_hours, _ts(plan.sla_due_at) if plan.sla_due_at else None, target.case_id)
        case_id, number = target.case_id, target.number
    else:
        assert plan.sla_due_at is not None
        created = await conn.fetchrow("""
            INSERT INTO report_cases (platform, guild_id, number, category, urgent, status, created_at,
                last_report_at, sla_hours, sla_due_at)
            SELECT $1, $2, COALESCE(max(number), 0) + 1, $3, $4, $5, $6, $6, $7, $8
            FROM report_cases WHERE guild_id = $2 AND platform = $1
            RETURNING id, number""",
            intake.platform, intake.guild_id, intake.category, plan.urgent, STATUS_NEW, at,
            plan.sla_hours, _ts(plan.sla_due_at))
        case_id, number = int(created["id"]), int(created["number"])
    await conn.execute("""
        INSERT INTO report_intake (case_id, guild_id, reporter_platform, reporter_id, created_at, source,
            category, message_id, channel_id, link_key, text_hash, norm_text, norm_len, details, evidence)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""",
        case_id, intake.guild_id, intake.reporter.platform, intake.reporter_id, at, intake.evidence.source,
        intake.category, intake.message_id, intake.channel_id, intake.link_key,
        intake.text_hash, intake.normalised if intake.text_hash else None,
        len(intake.normalised) if intake.text_hash else 0, intake.details, intake.evidence.to_json())
    if intake.text_hash is not None:
        await conn.execute(COUNT_TERMS, intake.guild_id, terms(intake.normalised))
    return IntakeResult(case_id=case_id, number=number, joined=target is not None, urgent=plan.urgent,
                        sla_due_at=plan.sla_due_at, became_urgent=plan.became_urgent)


async def _apply(conn: Conn, case: Case, changes: list[Change], actor_id: int, at: int, outcome: str | None,
                 note: str | None, escalation: tuple[str, str | None] | None) -> None:
    for change in changes:
        sets = ["status = $1", "status_actor = $2", "status_reason = $3", "status_at = $4"]
        params: list[Any] = [change.to_status, actor_id, change.reason, at]

        def add(column: str, value: Any) -> None:
            params.append(value)
            sets.append(f"{column} = ${len(params)}")

        if change.to_status == STATUS_TRIAGING:
            add("claimed_by", actor_id)
            add("claimed_at", at)
            sets.append("sla_due_at = NULL")
        if change.to_status == STATUS_RESOLVED:
            add("closed_by", actor_id)
            add("closed_at", at)
            add("outcome", outcome)
            add("resolution_note", note)
        if change.to_status == STATUS_DISMISSED:
            add("closed_by", actor_id)
            add("closed_at", at)
            add("dismiss_reason", change.reason)
        n = len(params)
        done = await conn.execute(
            f"UPDATE report_cases SET {', '.join(sets)} WHERE id = ${n + 1} AND status = ${n + 2}",
            *params, case.id, change.from_status)
        if done != "UPDATE 1":
            raise DomainError("reports.stale", ref=case.ref)
        if change.to_status == STATUS_ESCALATED:
            assert escalation is not None
            await conn.execute("""
                INSERT INTO report_escalations (case_id, guild_id, platform, external_ref,
                    escalated_by, escalated_at) VALUES ($1, $2, $3, $4, $5, $6)""",
                case.id, case.guild_id, escalation[0], escalation[1], actor_id, at)
        if change.to_status in (STATUS_RESOLVED, STATUS_DISMISSED):
            await conn.execute("""
                INSERT INTO report_notices (case_id, platform, reporter_id, created_at)
                SELECT DISTINCT case_id, reporter_platform, reporter_id, $1::bigint FROM report_intake
                WHERE case_id = $2 ON CONFLICT DO NOTHING""", at, case.id)


async def _record_platform_outcome(conn: Conn, case: Case, outcome: str, actor_id: int, at: int) -> None:
    done = await conn.execute("UPDATE report_escalations SET outcome = $1, outcome_by = $2, outcome_at = $3 "
                              "WHERE case_id = $4", outcome, actor_id, at, case.id)
    if done != "UPDATE 1":
        raise DomainError("reports.not_escalated", ref=case.ref)
    await conn.execute("""
        INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status, reason, at)
        SELECT id, guild_id, $1, $2, status, status, $3, $4 FROM report_cases WHERE id = $5""",
        actor_id, _AUDIT_PLATFORM_OUTCOME, outcome, at, case.id)


async def _reveal(conn: Conn, case: Case, actor_id: int, at: int) -> list[ReporterEntry]:
    await conn.execute("""
        INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status, reason, at)
        VALUES ($1, $2, $3, $4, $5, $5, NULL, $6)""",
        case.id, case.guild_id, actor_id, _AUDIT_REVEAL, case.status, at)
    rows = await conn.fetch("SELECT reporter_id, created_at, details, reporter_platform FROM report_intake "
                            "WHERE case_id = $1 ORDER BY id", case.id)
    return [ReporterEntry(r[0], _dt(r[1]), r[2], r[3]) for r in rows]  # type: ignore[arg-type]


class PostgresReportsRepository:
    """Implements `bot.ports.reports.ReportsRepository`."""

    def __init__(self, db: Database, lease: Lease) -> None:
        self.db = db
        self.lease = lease

    # -- intake ---------------------------------------------------------------------------------
    async def submit(self, intake: Intake, *, now: datetime, sla_hours: int) -> IntakeResult:
        return await self.db.write(lambda conn: _submit(conn, intake, now, sla_hours))

    async def recent_report_times(self, reporter: Member, community: Community,
                                  now: datetime) -> list[datetime]:
        rows = await self.db.fetch(
            "SELECT created_at FROM report_intake WHERE guild_id = $1 AND reporter_id = $2 AND created_at > $3 "
            "AND reporter_platform = $4", community.id, reporter.id, _ts(now - RATE_LIMIT_WINDOW),
            reporter.platform)
        return [_dt(r[0]) for r in rows]  # type: ignore[misc]

    # -- reading cases --------------------------------------------------------------------------
    async def get(self, case_id: int) -> Case | None:
        row = await self.db.fetchrow(_CASE_SELECT + " WHERE c.id = $1", case_id)
        return None if row is None else _case(row)

    async def get_by_number(self, community: Community, number: int) -> Case | None:
        row = await self.db.fetchrow(_CASE_SELECT + " WHERE c.guild_id = $1 AND c.platform = $2 AND c.number = $3",
                                     community.id, community.platform, number)
        return None if row is None else _case(row)

    async def queue(self, community: Community, *, statuses: Iterable[str], category: str | None = None,
                    limit: int = 25, offset: int = 0) -> tuple[list[Case], int]:
        where = ("c.guild_id = $1 AND c.platform = $2 AND c.status = ANY($3::text[]) "
                 "AND ($4::text IS NULL OR c.category = $4)")
        params: list[Any] = [community.id, community.platform, list(statuses), category]
        total = await self.db.fetchval(f"SELECT count(*) FROM report_cases c WHERE {where}", *params)
        rows = await self.db.fetch(
            _CASE_SELECT + f" WHERE {where} ORDER BY c.urgent DESC, c.created_at, c.id LIMIT $5 OFFSET $6",
            *params, limit, offset)
        return [_case(r) for r in rows], int(total or 0)

    async def cases_since(self, community: Community, since: datetime | None) -> list[Case]:
        rows = await self.db.fetch(
            _CASE_SELECT + " WHERE c.guild_id = $1 AND c.platform = $2 AND c.created_at >= $3 ORDER BY c.number",
            community.id, community.platform, _ts(since) if since else 0)
        return [_case(r) for r in rows]

    async def stat_rows(self, community: Community, since: datetime) -> list[StatRow]:
        rows = await self.db.fetch("""
            SELECT c.category, c.status, c.created_at, c.claimed_at, c.closed_at, e.platform, e.outcome
            FROM report_cases c LEFT JOIN report_escalations e ON e.case_id = c.id
            WHERE c.guild_id = $1 AND c.platform = $2 AND c.created_at >= $3""",
            community.id, community.platform, _ts(since))
        return [StatRow(category=r[0], status=r[1], created_at=_dt(r[2]), claimed_at=_dt(r[3]),  # type: ignore[arg-type]
                        closed_at=_dt(r[4]), platform=r[5], platform_outcome=r[6]) for r in rows]

    async def audit(self, case_id: int) -> list[AuditEntry]:
        rows = await self.db.fetch("SELECT at, actor_id, action, from_status, to_status, reason FROM report_audit "
                                   "WHERE case_id = $1 ORDER BY id", case_id)
        return [AuditEntry(_dt(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]  # type: ignore[arg-type]

    async def search_numbers(self, community: Community, prefix: str, limit: int = 25) -> list[Case]:
        digits = "".join(ch for ch in prefix if ch.isdigit()).lstrip("0")
        rows = await self.db.fetch(
            _CASE_SELECT + " WHERE c.guild_id = $1 AND c.platform = $2 AND c.number::text LIKE $3 "
            "ORDER BY c.number DESC LIMIT $4",
            community.id, community.platform, like_escape(digits) + "%", limit)
        return [_case(r) for r in rows]

    # -- card -----------------------------------------------------------------------------------
    async def set_card(self, case_id: int, card: MessageRef) -> None:
        await self.db.execute("UPDATE report_cases SET card_channel_id = $1, card_message_id = $2 WHERE id = $3",
                              card.place.id, card.id, case_id)

    # -- triage ---------------------------------------------------------------------------------
    async def apply(self, case: Case, changes: list[Change], *, actor_id: int, now: datetime,
                    outcome: str | None = None, note: str | None = None,
                    escalation: tuple[str, str | None] | None = None) -> None:
        """Each UPDATE names the status it expects, so a case moved meanwhile writes nothing
        (DomainError 'reports.stale'); the audit rows are written by the schema's trigger."""
        await self.db.write(lambda conn: _apply(conn, case, changes, actor_id, _ts(now), outcome, note,
                                                escalation))

    async def record_platform_outcome(self, case: Case, outcome: str, *, actor_id: int, now: datetime) -> None:
        await self.db.write(lambda conn: _record_platform_outcome(conn, case, outcome, actor_id, _ts(now)))

    async def reveal(self, case: Case, *, actor_id: int, now: datetime) -> list[ReporterEntry]:
        return await self.db.write(lambda conn: _reveal(conn, case, actor_id, _ts(now)))

    # -- SLA ------------------------------------------------------------------------------------
    async def sla_due(self) -> list[SlaDue]:
        rows = await self.db.fetch(
            "SELECT id, sla_due_at FROM report_cases WHERE sla_due_at IS NOT NULL AND status = $1", STATUS_NEW)
        return [SlaDue(r[0], _dt(r[1])) for r in rows]  # type: ignore[arg-type]

    async def claim_sla_notice(self, case: Case, *, window: int, now: datetime) -> bool:
        """Lease the case's SLA check (`FOR UPDATE SKIP LOCKED`): of several processes checking it at
        once exactly one gets it; a lease whose process died (expired) is taken over."""
        row = await self.db.fetchrow(
            "UPDATE report_cases SET lease_owner = $1, lease_until = $2 WHERE id = "
            "(SELECT id FROM report_cases WHERE id = $3 AND status = $4 AND sla_notices < $5 "
            "AND (lease_until IS NULL OR lease_until < $6) FOR UPDATE SKIP LOCKED) RETURNING id",
            self.lease.owner, self.lease.until(), case.id, STATUS_NEW, window, self.lease.now())
        return row is not None

    async def finish_sla_notice(self, case: Case, *, window: int, raise_: bool,
                                next_due: datetime | None, now: datetime) -> None:
        """Record the window's notice and release the lease (whoever holds it: a process whose lease
        expired mid-send and the one that took over both sent with the same nonce)."""
        await self.db.execute(
            "UPDATE report_cases SET sla_notices = GREATEST(sla_notices, $1), "
            "sla_due_at = CASE WHEN status = $6 AND sla_notices < $1 THEN $2 ELSE sla_due_at END, "
            "sla_raised_at = CASE WHEN $3 THEN COALESCE(sla_raised_at, $4) ELSE sla_raised_at END, "
            "lease_owner = NULL, lease_until = NULL WHERE id = $5",
            window, _ts(next_due) if next_due else None, raise_, _ts(now), case.id, STATUS_NEW)

    # -- outcome notices ------------------------------------------------------------------------
    async def pending_notices(self) -> list[tuple[int, Member]]:
        """Notices never sent and not held by a live lease."""
        rows = await self.db.fetch(
            "SELECT case_id, platform, reporter_id FROM report_notices WHERE sent_at IS NULL "
            "AND (lease_until IS NULL OR lease_until < $1) ORDER BY case_id", self.lease.now())
        return [(r[0], Member(r[1], r[2])) for r in rows]

    async def claim_notices(self, case_id: int, now: datetime) -> list[Member]:
        rows = await self.db.fetch(
            "UPDATE report_notices SET lease_owner = $1, lease_until = $2 WHERE (case_id, platform, reporter_id) IN "
            "(SELECT case_id, platform, reporter_id FROM report_notices WHERE case_id = $3 AND sent_at IS NULL "
            "AND (lease_until IS NULL OR lease_until < $4) FOR UPDATE SKIP LOCKED) RETURNING platform, reporter_id",
            self.lease.owner, self.lease.until(), case_id, self.lease.now())
        return [Member(r[0], r[1]) for r in rows]

    async def mark_notices(self, case_id: int, delivered: dict[Member, bool]) -> None:
        """Record the sends and release the leases."""
        if not delivered:
            return
        members = list(delivered)
        await self.db.execute(
            "UPDATE report_notices n SET sent_at = $2, delivered = d.ok, lease_owner = NULL, lease_until = NULL "
            "FROM unnest($3::text[], $4::bigint[], $5::bool[]) AS d (platform, reporter_id, ok) "
            "WHERE n.case_id = $1 AND n.platform = d.platform AND n.reporter_id = d.reporter_id",
            case_id, self.lease.now(), [m.platform for m in members], [m.id for m in members],
            [delivered[m] for m in members])

    async def notice_status(self, case_id: int) -> dict[Member, bool | None]:
        rows = await self.db.fetch("SELECT platform, reporter_id, delivered FROM report_notices WHERE case_id = $1",
                                   case_id)
        return {Member(r[0], r[1]): r[2] for r in rows}
