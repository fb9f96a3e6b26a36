"""Report cases in SQLite: intake (the candidates for the duplicate rule, then the domain's decision
applied), triage steps with their audit rows, reveals, SLA bookkeeping, outcome notices, queue, stats
and export queries.

Duplicate detection never walks the cases in Python: the same message and the same link are exact
index lookups, identical text is a hash lookup, and near-identical text goes through an FTS5 query on
the text's rarest terms plus a length window, which leaves at most a couple of dozen candidates for
rapidfuzz (bot.domain.report_duplicates). Which case a report joins is decided by
bot.domain.reports.choose_case / plan_intake.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any, Iterable

from bot.domain.errors import DomainError
from bot.domain.identity import Community, Member, MessageRef
from bot.domain.report_categories import (
    OPEN_STATUSES,
    STATUS_DISMISSED,
    STATUS_ESCALATED,
    STATUS_NEW,
    STATUS_RESOLVED,
    STATUS_TRIAGING,
)
from bot.domain.report_duplicates import (
    MAX_CANDIDATES,
    TEXT_WINDOW,
    Candidate,
    fts_query,
    identifiers,
    length_window,
    rarest_terms,
    terms,
)
from bot.domain.report_stats import StatRow
from bot.domain.report_status import Change
from bot.domain.reports import (
    RATE_LIMIT_WINDOW,
    AuditEntry,
    Case,
    Intake,
    IntakeResult,
    JoinTarget,
    ReporterEntry,
    SlaDue,
    check_rate_limit,
    choose_case,
    plan_intake,
)
from bot.storage.leases import Lease
from bot.storage.rows import case_from_row
from bot.storage.sqlite.database import Database, like_prefix

# Enough distinct terms to find the rare ones in a long post without a huge IN (...) list.
_MAX_LOOKUP_TERMS = 64
_OPEN = tuple(sorted(OPEN_STATUSES))
# Named placeholders for the open statuses (bound by _open_params) in the statements below.
_OPEN_SQL = "(" + ", ".join(f":open{n}" for n in range(len(_OPEN))) + ")"
_OPEN_MARKS = "(" + ", ".join("?" * len(_OPEN)) + ")"
# Audit actions written here (status changes are written by the schema's trigger).
_AUDIT_REVEAL = "reveal"
_AUDIT_PLATFORM_OUTCOME = "platform_outcome"


def _open_params() -> dict[str, str]:
    return {f"open{n}": status for n, status in enumerate(_OPEN)}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


_CASE_SELECT = """
SELECT c.*, i.evidence AS evidence, i.details AS details,
       e.platform AS e_platform, e.external_ref AS e_ref, e.escalated_at AS e_at,
       e.escalated_by AS e_by, e.outcome AS e_outcome, e.outcome_at AS e_outcome_at
FROM report_cases c
JOIN report_intake i ON i.id = (SELECT MIN(id) FROM report_intake WHERE case_id = c.id)
LEFT JOIN report_escalations e ON e.case_id = c.id
"""


_case = case_from_row


def index_text(conn: sqlite3.Connection, report_id: int, normalised: str) -> None:
    """Make a report's normalised text findable by the near-identical prefilter."""
    conn.execute("INSERT INTO report_text_fts (rowid, body) VALUES (?, ?)", (report_id, normalised))
    conn.executemany(
        "INSERT INTO report_terms (term, docs) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET docs = docs + 1",
        [(term,) for term in terms(normalised)])


_EXACT_SQL = f"""
SELECT
  (SELECT group_concat(created_at) FROM report_intake
    WHERE guild_id = :guild AND reporter_id = :reporter AND created_at > :since
      AND reporter_platform = :rplatform) AS recent,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.message_id = :message AND c.status IN {_OPEN_SQL}
      AND c.platform = :platform
    ORDER BY i.id DESC LIMIT 1) AS by_message,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.link_key = :link AND c.status IN {_OPEN_SQL}
      AND c.platform = :platform
    ORDER BY i.id DESC LIMIT 1) AS by_link,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.text_hash = :hash AND i.created_at >= :cutoff
      AND c.status IN {_OPEN_SQL} AND c.platform = :platform
    ORDER BY i.id DESC LIMIT 1) AS by_text
"""


def _exact(conn: sqlite3.Connection, intake: Intake,
           now: datetime) -> tuple[list[datetime], list[int | None]]:
    """In one statement: the member's recent report times, and the open case with the same message,
    link key or identical text (in that order)."""
    row = conn.execute(_EXACT_SQL, {
        "guild": intake.guild_id, "platform": intake.platform, "reporter": intake.reporter_id,
        "rplatform": intake.reporter.platform,
        "since": _ts(now - RATE_LIMIT_WINDOW), "message": intake.message_id, "link": intake.link_key,
        "hash": intake.text_hash, "cutoff": _ts(now - TEXT_WINDOW), **_open_params()}).fetchone()
    assert row is not None
    recent = [_dt(int(x)) for x in (row["recent"] or "").split(",") if x]
    exact = [None if row[k] is None else int(row[k]) for k in ("by_message", "by_link", "by_text")]
    return recent, exact  # type: ignore[return-value]


def _similar(conn: sqlite3.Connection, intake: Intake, now: datetime) -> list[Candidate]:
    """Open cases with texts that may be near-identical, reported in the last 30 days: the text's
    rarest terms (from report_terms) narrow the FTS5 index to a few rows for the domain to judge."""
    if intake.text_hash is None:
        return []
    words = terms(intake.normalised)[:_MAX_LOOKUP_TERMS]
    marks = ",".join("?" * len(words))
    counts = {r[0]: r[1] for r in conn.execute(
        f"SELECT term, docs FROM report_terms WHERE term IN ({marks})", words)}
    query = fts_query(rarest_terms(counts))
    if query is None:
        return []
    low, high = length_window(intake.normalised)
    rows = conn.execute(f"""
        SELECT i.case_id, i.norm_text, json_extract(i.evidence, '$.content') AS content FROM report_text_fts f
        JOIN report_intake i ON i.id = f.rowid
        JOIN report_cases c ON c.id = i.case_id
        WHERE report_text_fts MATCH ? AND i.guild_id = ? AND c.platform = ? AND i.created_at >= ?
          AND i.norm_len BETWEEN ? AND ? AND c.status IN {_OPEN_MARKS}
        ORDER BY f.rank LIMIT ?""",
        (query, intake.guild_id, intake.platform, _ts(now - TEXT_WINDOW), low, high, *_OPEN,
         MAX_CANDIDATES)).fetchall()
    return [Candidate(r[0], r[1], identifiers(r[2] or "")) for r in rows]


def find_duplicate(conn: sqlite3.Connection, intake: Intake, now: datetime) -> int | None:
    """The open case `intake` belongs to (same message, link key, identical or near-identical text
    within 30 days), as the domain chooses among the candidates. Index lookups and FTS5 only."""
    _, exact = _exact(conn, intake, now)
    return choose_case(exact, intake.normalised, lambda: _similar(conn, intake, now),
                       keys=identifiers(intake.evidence.content))


def _join_target(conn: sqlite3.Connection, case_id: int, reporter: Member) -> JoinTarget:
    row = conn.execute("""
        SELECT number, urgent, status, sla_due_at,
               EXISTS (SELECT 1 FROM report_intake
                       WHERE case_id = c.id AND reporter_id = ? AND reporter_platform = ?) AS again
        FROM report_cases c WHERE id = ?""", (reporter.id, reporter.platform, case_id)).fetchone()
    assert row is not None
    return JoinTarget(case_id=case_id, number=row["number"], urgent=bool(row["urgent"]),
                      status=row["status"], sla_due_at=_dt(row["sla_due_at"]),
                      reported_by_this_member=bool(row["again"]))


def _submit(conn: sqlite3.Connection, intake: Intake, now: datetime, sla_hours: int) -> IntakeResult:
    """One unit: the abuse limit, the candidates, the domain's decision, then the rows it implies."""
    at = _ts(now)
    recent, exact = _exact(conn, intake, now)
    check_rate_limit(recent, now)
    case_id = choose_case(exact, intake.normalised, lambda: _similar(conn, intake, now),
                          keys=identifiers(intake.evidence.content))
    target = None if case_id is None else _join_target(conn, case_id, intake.reporter)
    plan = plan_intake(intake, target, now=now, sla_hours=sla_hours)
    if target is not None:
        conn.execute("""
            UPDATE report_cases SET report_count = report_count + 1,
                reporter_count = reporter_count + 1, last_report_at = ? WHERE id = ?""",
            (at, target.case_id))
        if plan.became_urgent:
            conn.execute("UPDATE report_cases SET urgent = 1, sla_hours = ?, "
                         "sla_due_at = COALESCE(?, sla_due_at) WHERE id = ?",
                         (plan.sla_hours, _ts(plan.sla_due_at) if plan.sla_due_at else None, target.case_id))
        case_id, number = target.case_id, target.number
    else:
        assert plan.sla_due_at is not None
        created = conn.execute("""
            INSERT INTO report_cases (platform, guild_id, number, category, urgent, status, created_at,
                last_report_at, sla_hours, sla_due_at)
            SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?
            FROM report_cases WHERE guild_id = ? AND platform = ?
            RETURNING id, number""",
            (intake.platform, intake.guild_id, intake.category, int(plan.urgent), STATUS_NEW, at, at,
             plan.sla_hours, _ts(plan.sla_due_at), intake.guild_id, intake.platform)).fetchone()
        case_id, number = int(created["id"]), int(created["number"])
    cur = conn.execute("""
        INSERT INTO report_intake (case_id, guild_id, reporter_platform, reporter_id, created_at, source,
            category, message_id, channel_id, link_key, text_hash, norm_text, norm_len, details, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (case_id, intake.guild_id, intake.reporter.platform, intake.reporter_id, at, intake.evidence.source,
         intake.category, intake.message_id, intake.channel_id, intake.link_key,
         intake.text_hash, intake.normalised if intake.text_hash else None,
         len(intake.normalised) if intake.text_hash else 0, intake.details,
         intake.evidence.to_json()))
    if intake.text_hash is not None:
        index_text(conn, int(cur.lastrowid), intake.normalised)  # type: ignore[arg-type]
    return IntakeResult(case_id=case_id, number=number, joined=target is not None, urgent=plan.urgent,
                        sla_due_at=plan.sla_due_at, became_urgent=plan.became_urgent)


def _apply(conn: sqlite3.Connection, case: Case, changes: list[Change], actor_id: int, at: int,
           outcome: str | None, note: str | None, escalation: tuple[str, str | None] | None) -> None:
    for change in changes:
        sets = ["status = ?", "status_actor = ?", "status_reason = ?", "status_at = ?"]
        params: list[Any] = [change.to_status, actor_id, change.reason, at]
        if change.to_status == STATUS_TRIAGING:
            sets += ["claimed_by = ?", "claimed_at = ?", "sla_due_at = NULL"]
            params += [actor_id, at]
        if change.to_status == STATUS_RESOLVED:
            sets += ["closed_by = ?", "closed_at = ?", "outcome = ?", "resolution_note = ?"]
            params += [actor_id, at, outcome, note]
        if change.to_status == STATUS_DISMISSED:
            sets += ["closed_by = ?", "closed_at = ?", "dismiss_reason = ?"]
            params += [actor_id, at, change.reason]
        cur = conn.execute(f"UPDATE report_cases SET {', '.join(sets)} WHERE id = ? AND status = ?",
                           (*params, case.id, change.from_status))
        if cur.rowcount != 1:
            raise DomainError("reports.stale", ref=case.ref)
        if change.to_status == STATUS_ESCALATED:
            assert escalation is not None
            conn.execute("""
                INSERT INTO report_escalations (case_id, guild_id, platform, external_ref,
                    escalated_by, escalated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                (case.id, case.guild_id, escalation[0], escalation[1], actor_id, at))
        if change.to_status in (STATUS_RESOLVED, STATUS_DISMISSED):
            conn.execute("""
                INSERT OR IGNORE INTO report_notices (case_id, platform, reporter_id, created_at)
                SELECT DISTINCT case_id, reporter_platform, reporter_id, ? FROM report_intake
                WHERE case_id = ?""", (at, case.id))


def _record_platform_outcome(conn: sqlite3.Connection, case: Case, outcome: str, actor_id: int,
                             at: int) -> None:
    cur = conn.execute("""
        UPDATE report_escalations SET outcome = ?, outcome_by = ?, outcome_at = ?
        WHERE case_id = ?""", (outcome, actor_id, at, case.id))
    if cur.rowcount != 1:
        raise DomainError("reports.not_escalated", ref=case.ref)
    conn.execute("""
        INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status,
            reason, at) SELECT id, guild_id, ?, ?, status, status, ?, ?
        FROM report_cases WHERE id = ?""", (actor_id, _AUDIT_PLATFORM_OUTCOME, outcome, at, case.id))


def _reveal(conn: sqlite3.Connection, case: Case, actor_id: int, at: int) -> list[ReporterEntry]:
    conn.execute("""
        INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status,
            reason, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)""",
        (case.id, case.guild_id, actor_id, _AUDIT_REVEAL, case.status, case.status, at))
    rows = conn.execute("""
        SELECT reporter_id, created_at, details, reporter_platform FROM report_intake
        WHERE case_id = ? ORDER BY id""", (case.id,)).fetchall()
    return [ReporterEntry(r[0], _dt(r[1]), r[2], r[3]) for r in rows]  # type: ignore[arg-type]


def _claim_notices(conn: sqlite3.Connection, case_id: int, at: int) -> list[Member]:
    rows = conn.execute("SELECT platform, reporter_id FROM report_notices WHERE case_id = ? AND sent_at IS NULL",
                        (case_id,)).fetchall()
    conn.execute("UPDATE report_notices SET sent_at = ? WHERE case_id = ? AND sent_at IS NULL", (at, case_id))
    return [Member(r[0], r[1]) for r in rows]


def _mark_notices(conn: sqlite3.Connection, case_id: int, delivered: dict[Member, bool]) -> None:
    conn.executemany(
        "UPDATE report_notices SET delivered = ? WHERE case_id = ? AND platform = ? AND reporter_id = ?",
        [(int(ok), case_id, m.platform, m.id) for m, ok in delivered.items()])


def _finish_sla_notice(conn: sqlite3.Connection, case_id: int, window: int, raise_: bool,
                       next_due: int | None, at: int) -> None:
    raised = "COALESCE(sla_raised_at, ?)" if raise_ else "sla_raised_at"
    params: list[Any] = [window, next_due]
    if raise_:
        params.append(at)
    params += [case_id, STATUS_NEW, window]
    conn.execute(f"""
        UPDATE report_cases SET sla_notices = ?, sla_due_at = ?, sla_raised_at = {raised}
        WHERE id = ? AND status = ? AND sla_notices < ?""", params)


def _set_card(conn: sqlite3.Connection, case_id: int, channel_id: int, message_id: int) -> None:
    conn.execute("UPDATE report_cases SET card_channel_id = ?, card_message_id = ? WHERE id = ?",
                 (channel_id, message_id, case_id))


class SqliteReportsRepository:
    """Implements `bot.ports.reports.ReportsRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.lease = Lease()
        self._sla_leases: dict[int, int] = {}  # case id -> lease expiry (unix seconds, wall clock)

    # -- intake ---------------------------------------------------------------------------------
    async def submit(self, intake: Intake, *, now: datetime, sla_hours: int) -> IntakeResult:
        """Store a report: join the open case it duplicates or open a new one (the domain decides
        which, from the candidates found here). Returns after COMMIT."""
        return await self.db.write_sync(_submit, intake, now, sla_hours)

    async def recent_report_times(self, reporter: Member, community: Community,
                                  now: datetime) -> list[datetime]:
        rows = await self.db.fetchall("""
            SELECT created_at FROM report_intake
            WHERE guild_id = ? AND reporter_id = ? AND created_at > ? AND reporter_platform = ?""",
            (community.id, reporter.id, _ts(now - RATE_LIMIT_WINDOW), reporter.platform))
        return [_dt(r[0]) for r in rows]  # type: ignore[misc]

    # -- reading cases --------------------------------------------------------------------------
    async def get(self, case_id: int) -> Case | None:
        row = await self.db.fetchone(_CASE_SELECT + " WHERE c.id = ?", (case_id,))
        return None if row is None else _case(row)

    async def get_by_number(self, community: Community, number: int) -> Case | None:
        row = await self.db.fetchone(
            _CASE_SELECT + " WHERE c.guild_id = ? AND c.platform = ? AND c.number = ?",
            (community.id, community.platform, number))
        return None if row is None else _case(row)

    async def queue(self, community: Community, *, statuses: Iterable[str], category: str | None = None,
                    limit: int = 25, offset: int = 0) -> tuple[list[Case], int]:
        wanted = list(statuses)
        marks = ",".join("?" * len(wanted))
        where = f"c.guild_id = ? AND c.platform = ? AND c.status IN ({marks})"
        params: list[Any] = [community.id, community.platform, *wanted]
        if category is not None:
            where += " AND c.category = ?"
            params.append(category)
        total = await self.db.fetchval(f"SELECT COUNT(*) FROM report_cases c WHERE {where}", params)
        rows = await self.db.fetchall(
            _CASE_SELECT + f" WHERE {where} ORDER BY c.urgent DESC, c.created_at, c.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [_case(r) for r in rows], int(total or 0)

    async def cases_since(self, community: Community, since: datetime | None) -> list[Case]:
        rows = await self.db.fetchall(
            _CASE_SELECT + " WHERE c.guild_id = ? AND c.platform = ? AND c.created_at >= ? ORDER BY c.number",
            (community.id, community.platform, _ts(since) if since else 0))
        return [_case(r) for r in rows]

    async def stat_rows(self, community: Community, since: datetime) -> list[StatRow]:
        rows = await self.db.fetchall("""
            SELECT c.category, c.status, c.created_at, c.claimed_at, c.closed_at, e.platform, e.outcome
            FROM report_cases c LEFT JOIN report_escalations e ON e.case_id = c.id
            WHERE c.guild_id = ? AND c.platform = ? AND c.created_at >= ?""",
            (community.id, community.platform, _ts(since)))
        return [StatRow(category=r[0], status=r[1], created_at=_dt(r[2]), claimed_at=_dt(r[3]),  # type: ignore[arg-type]
                        closed_at=_dt(r[4]), platform=r[5], platform_outcome=r[6]) for r in rows]

    async def audit(self, case_id: int) -> list[AuditEntry]:
        rows = await self.db.fetchall("""
            SELECT at, actor_id, action, from_status, to_status, reason FROM report_audit
            WHERE case_id = ? ORDER BY id""", (case_id,))
        return [AuditEntry(_dt(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]  # type: ignore[arg-type]

    async def search_numbers(self, community: Community, prefix: str, limit: int = 25) -> list[Case]:
        digits = "".join(ch for ch in prefix if ch.isdigit()).lstrip("0")
        where = " WHERE c.guild_id = ? AND c.platform = ?"
        params: list[Any] = [community.id, community.platform]
        if digits:
            where += " AND CAST(c.number AS TEXT) LIKE ? ESCAPE '\\'"
            params.append(like_prefix(digits))
        rows = await self.db.fetchall(_CASE_SELECT + where + " ORDER BY c.number DESC LIMIT ?", [*params, limit])
        return [_case(r) for r in rows]

    # -- card -----------------------------------------------------------------------------------
    async def set_card(self, case_id: int, card: MessageRef) -> None:
        await self.db.write_sync(_set_card, case_id, card.place.id, card.id)

    # -- triage ---------------------------------------------------------------------------------
    async def apply(self, case: Case, changes: list[Change], *, actor_id: int, now: datetime,
                    outcome: str | None = None, note: str | None = None,
                    escalation: tuple[str, str | None] | None = None) -> None:
        """Apply planned status changes in one transaction. Each UPDATE names the status it expects,
        so if anyone moved the case meanwhile nothing is written (DomainError 'reports.stale').
        The audit rows are written by the schema's trigger; closing queues the outcome notices."""
        await self.db.write_sync(_apply, case, changes, actor_id, _ts(now), outcome, note, escalation)

    async def record_platform_outcome(self, case: Case, outcome: str, *, actor_id: int,
                                      now: datetime) -> None:
        await self.db.write_sync(_record_platform_outcome, case, outcome, actor_id, _ts(now))

    async def reveal(self, case: Case, *, actor_id: int, now: datetime) -> list[ReporterEntry]:
        return await self.db.write_sync(_reveal, case, actor_id, _ts(now))

    # -- SLA ------------------------------------------------------------------------------------
    async def sla_due(self) -> list[SlaDue]:
        rows = await self.db.fetchall(
            "SELECT id, sla_due_at FROM report_cases WHERE sla_due_at IS NOT NULL AND status = ?",
            (STATUS_NEW,))
        return [SlaDue(r[0], _dt(r[1])) for r in rows]  # type: ignore[arg-type]

    async def claim_sla_notice(self, case: Case, *, window: int, now: datetime) -> bool:
        """SQLite has one process, so the lease lives in memory (on the wall clock, like PostgreSQL's):
        it dies with the process, and the next start sends the notice again with the same nonce."""
        held = self._sla_leases.get(case.id)
        if held is not None and held >= self.lease.now():
            return False
        self._sla_leases[case.id] = self.lease.until()  # before the await: no other task takes it
        row = await self.db.fetchone("SELECT 1 FROM report_cases WHERE id = ? AND status = ? AND sla_notices < ?",
                                     (case.id, STATUS_NEW, window))
        if row is None:
            self._sla_leases.pop(case.id, None)
            return False
        return True

    async def finish_sla_notice(self, case: Case, *, window: int, raise_: bool,
                                next_due: datetime | None, now: datetime) -> None:
        try:
            await self.db.write_sync(_finish_sla_notice, case.id, window, raise_,
                                     _ts(next_due) if next_due else None, _ts(now))
        finally:
            self._sla_leases.pop(case.id, None)

    # -- outcome notices ------------------------------------------------------------------------
    async def pending_notices(self) -> list[tuple[int, Member]]:
        rows = await self.db.fetchall(
            "SELECT case_id, platform, reporter_id FROM report_notices WHERE sent_at IS NULL ORDER BY case_id")
        return [(r[0], Member(r[1], r[2])) for r in rows]

    async def claim_notices(self, case_id: int, now: datetime) -> list[Member]:
        return await self.db.write_sync(_claim_notices, case_id, _ts(now))

    async def mark_notices(self, case_id: int, delivered: dict[Member, bool]) -> None:
        await self.db.write_sync(_mark_notices, case_id, delivered)

    async def notice_status(self, case_id: int) -> dict[Member, bool | None]:
        rows = await self.db.fetchall(
            "SELECT platform, reporter_id, delivered FROM report_notices WHERE case_id = ?", (case_id,))
        return {Member(r[0], r[1]): (None if r[2] is None else bool(r[2])) for r in rows}
