"""Report cases in SQLite: intake with duplicate detection and the abuse limit, triage steps with their
audit rows, reveals, SLA bookkeeping, outcome notices, queue, stats and export queries.

Duplicate detection never walks the cases in Python: the same message and the same link are exact
index lookups, identical text is a hash lookup, and near-identical text goes through an FTS5 query on
the text's rarest terms plus a length window, which leaves at most a couple of dozen candidates for
rapidfuzz (bot.domain.report_duplicates).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

import aiosqlite

from bot.domain.errors import DomainError
from bot.domain.report_categories import (
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
    best_match,
    fts_query,
    length_window,
    rarest_terms,
    terms,
)
from bot.domain.report_sla import first_due
from bot.domain.report_stats import StatRow
from bot.domain.report_status import Change
from bot.domain.reports import (
    RATE_LIMIT_WINDOW,
    AuditEntry,
    Case,
    Escalation,
    Evidence,
    Intake,
    IntakeResult,
    check_rate_limit,
)
from bot.storage.sqlite.database import Database

_OPEN_SQL = "('new', 'triaging', 'escalated')"
# Enough distinct terms to find the rare ones in a long post without a huge IN (...) list.
_MAX_LOOKUP_TERMS = 64


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


@dataclass(frozen=True)
class ReporterEntry:
    """Who reported a case, for an admin's reveal only."""

    reporter_id: int
    reported_at: datetime
    details: str | None


@dataclass(frozen=True)
class SlaDue:
    case_id: int
    due_at: datetime


_CASE_SELECT = """
SELECT c.*, i.evidence AS evidence, i.details AS details,
       e.platform AS e_platform, e.external_ref AS e_ref, e.escalated_at AS e_at,
       e.escalated_by AS e_by, e.outcome AS e_outcome, e.outcome_at AS e_outcome_at
FROM report_cases c
JOIN report_intake i ON i.id = (SELECT MIN(id) FROM report_intake WHERE case_id = c.id)
LEFT JOIN report_escalations e ON e.case_id = c.id
"""


def _case(row: sqlite3.Row) -> Case:
    escalation = None
    if row["e_platform"] is not None:
        escalation = Escalation(platform=row["e_platform"], external_ref=row["e_ref"],
                                escalated_at=_dt(row["e_at"]), escalated_by=row["e_by"],  # type: ignore[arg-type]
                                outcome=row["e_outcome"], outcome_at=_dt(row["e_outcome_at"]))
    return Case(
        id=row["id"], guild_id=row["guild_id"], number=row["number"], category=row["category"],
        urgent=bool(row["urgent"]), status=row["status"], created_at=_dt(row["created_at"]),  # type: ignore[arg-type]
        evidence=Evidence.from_json(row["evidence"]), details=row["details"],
        report_count=row["report_count"], reporter_count=row["reporter_count"],
        last_report_at=_dt(row["last_report_at"]), claimed_by=row["claimed_by"],
        claimed_at=_dt(row["claimed_at"]), closed_by=row["closed_by"], closed_at=_dt(row["closed_at"]),
        outcome=row["outcome"], resolution_note=row["resolution_note"],
        dismiss_reason=row["dismiss_reason"], card_channel_id=row["card_channel_id"],
        card_message_id=row["card_message_id"], sla_hours=row["sla_hours"],
        sla_due_at=_dt(row["sla_due_at"]), sla_notices=row["sla_notices"],
        sla_raised_at=_dt(row["sla_raised_at"]), escalation=escalation,
    )


# Reads inside a write transaction use execute_fetchall: one trip to the connection's thread instead of
# three (execute, fetch, close). Intake makes several of them while holding the single writer.
async def _one(conn: aiosqlite.Connection, sql: str,
               params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
    rows = await conn.execute_fetchall(sql, params if isinstance(params, dict) else tuple(params))
    return next(iter(rows), None)


async def _all(conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
    return list(await conn.execute_fetchall(sql, tuple(params)))


async def index_text(conn: aiosqlite.Connection, report_id: int, normalised: str) -> None:
    """Make a report's normalised text findable by the near-identical prefilter."""
    await conn.execute("INSERT INTO report_text_fts (rowid, body) VALUES (?, ?)", (report_id, normalised))
    await conn.executemany(
        "INSERT INTO report_terms (term, docs) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET docs = docs + 1",
        [(term,) for term in terms(normalised)])


_EXACT_SQL = f"""
SELECT
  (SELECT group_concat(created_at) FROM report_intake
    WHERE guild_id = :guild AND reporter_id = :reporter AND created_at > :since) AS recent,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.message_id = :message AND c.status IN {_OPEN_SQL}
    ORDER BY i.id DESC LIMIT 1) AS by_message,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.link_key = :link AND c.status IN {_OPEN_SQL}
    ORDER BY i.id DESC LIMIT 1) AS by_link,
  (SELECT i.case_id FROM report_intake i JOIN report_cases c ON c.id = i.case_id
    WHERE i.guild_id = :guild AND i.text_hash = :hash AND i.created_at >= :cutoff
      AND c.status IN {_OPEN_SQL}
    ORDER BY i.id DESC LIMIT 1) AS by_text
"""


async def _exact(conn: aiosqlite.Connection, intake: Intake, now: datetime) -> tuple[list[datetime], int | None]:
    """In one statement (one trip to the writer's thread): the member's recent report times, and the
    open case with the same message, link key or identical text (in that order of preference)."""
    row = await _one(conn, _EXACT_SQL, {
        "guild": intake.guild_id, "reporter": intake.reporter_id, "since": _ts(now - RATE_LIMIT_WINDOW),
        "message": intake.message_id, "link": intake.link_key, "hash": intake.text_hash,
        "cutoff": _ts(now - TEXT_WINDOW)})
    assert row is not None
    recent = [_dt(int(x)) for x in (row["recent"] or "").split(",") if x]
    found = row["by_message"] or row["by_link"] or row["by_text"]
    return recent, (None if found is None else int(found))  # type: ignore[return-value]


async def _similar(conn: aiosqlite.Connection, intake: Intake, now: datetime) -> int | None:
    """The open case with near-identical text reported in the last 30 days: the text's rarest terms
    (from report_terms) narrow the FTS5 index to a few rows, rapidfuzz decides among them."""
    if intake.text_hash is None:
        return None
    words = terms(intake.normalised)[:_MAX_LOOKUP_TERMS]
    marks = ",".join("?" * len(words))
    counts = {r[0]: r[1] for r in await _all(
        conn, f"SELECT term, docs FROM report_terms WHERE term IN ({marks})", words)}
    query = fts_query(rarest_terms(counts))
    if query is None:
        return None
    low, high = length_window(intake.normalised)
    rows = await _all(conn, f"""
        SELECT i.case_id, i.norm_text FROM report_text_fts f
        JOIN report_intake i ON i.id = f.rowid
        JOIN report_cases c ON c.id = i.case_id
        WHERE report_text_fts MATCH ? AND i.guild_id = ? AND i.created_at >= ?
          AND i.norm_len BETWEEN ? AND ? AND c.status IN {_OPEN_SQL}
        ORDER BY f.rank LIMIT ?""",
        (query, intake.guild_id, _ts(now - TEXT_WINDOW), low, high, MAX_CANDIDATES))
    return best_match(intake.normalised, [Candidate(r[0], r[1]) for r in rows])


async def find_duplicate(conn: aiosqlite.Connection, intake: Intake, now: datetime) -> int | None:
    """The open case `intake` belongs to: same message, same link key, identical or near-identical
    text reported within the last 30 days. Index lookups and an FTS5 prefilter only."""
    _, found = await _exact(conn, intake, now)
    return found if found is not None else await _similar(conn, intake, now)


class ReportsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- intake ---------------------------------------------------------------------------------
    async def submit(self, intake: Intake, *, now: datetime, sla_hours: int) -> IntakeResult:
        """Store a report: join the open case it duplicates or open a new one.

        Refuses (changing nothing) a member's sixth report inside ten minutes, and a second report of
        the same case by the same member. Returns after COMMIT.
        """
        at = _ts(now)

        async def run(conn: aiosqlite.Connection) -> IntakeResult:
            recent, case_id = await _exact(conn, intake, now)
            check_rate_limit(recent, now)
            if case_id is None:
                case_id = await _similar(conn, intake, now)
            joined = case_id is not None
            sla_due: datetime | None = None
            became_urgent = False
            if case_id is not None:
                case = await _one(conn, """
                    SELECT number, urgent, status, sla_due_at,
                           EXISTS (SELECT 1 FROM report_intake WHERE case_id = c.id AND reporter_id = ?) AS again
                    FROM report_cases c WHERE id = ?""", (intake.reporter_id, case_id))
                assert case is not None
                if case["again"]:
                    raise DomainError("reports.already_reported", ref=f"R-{case['number']:04d}")
                await conn.execute("""
                    UPDATE report_cases SET report_count = report_count + 1,
                        reporter_count = reporter_count + 1, last_report_at = ? WHERE id = ?""",
                    (at, case_id))
                number, urgent = case["number"], bool(case["urgent"])
                if intake.urgent and not urgent:
                    # An urgent report makes the whole case urgent: moderators are pinged, and an
                    # unclaimed case gets the urgent SLA from now on.
                    urgent = became_urgent = True
                    if case["status"] == "new":
                        sla_due = first_due(now, sla_hours)
                        if case["sla_due_at"] is not None:
                            sla_due = min(sla_due, _dt(case["sla_due_at"]))
                    await conn.execute(
                        "UPDATE report_cases SET urgent = 1, sla_hours = ?, "
                        "sla_due_at = COALESCE(?, sla_due_at) WHERE id = ?",
                        (sla_hours, _ts(sla_due) if sla_due else None, case_id))
            else:
                urgent = intake.urgent
                sla_due = first_due(now, sla_hours)
                created = await _one(conn, """
                    INSERT INTO report_cases (guild_id, number, category, urgent, status, created_at,
                        last_report_at, sla_hours, sla_due_at)
                    SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, 'new', ?, ?, ?, ?
                    FROM report_cases WHERE guild_id = ?
                    RETURNING id, number""",
                    (intake.guild_id, intake.category, int(urgent), at, at, sla_hours, _ts(sla_due),
                     intake.guild_id))
                assert created is not None
                case_id, number = int(created["id"]), int(created["number"])
            cur = await conn.execute("""
                INSERT INTO report_intake (case_id, guild_id, reporter_id, created_at, source, category,
                    message_id, channel_id, link_key, text_hash, norm_text, norm_len, details, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (case_id, intake.guild_id, intake.reporter_id, at, intake.evidence.source,
                 intake.category, intake.message_id, intake.channel_id, intake.link_key,
                 intake.text_hash, intake.normalised if intake.text_hash else None,
                 len(intake.normalised) if intake.text_hash else 0, intake.details,
                 intake.evidence.to_json()))
            if intake.text_hash is not None:
                await index_text(conn, int(cur.lastrowid), intake.normalised)  # type: ignore[arg-type]
            return IntakeResult(case_id=case_id, number=number, joined=joined, urgent=urgent,
                                sla_due_at=sla_due, became_urgent=became_urgent)

        return await self.db.write(run)

    async def recent_report_times(self, guild_id: int, reporter_id: int, now: datetime) -> list[datetime]:
        """The member's report times inside the abuse-limit window (to refuse early, before a form)."""
        rows = await self.db.fetchall("""
            SELECT created_at FROM report_intake WHERE guild_id = ? AND reporter_id = ? AND created_at > ?""",
            (guild_id, reporter_id, _ts(now - RATE_LIMIT_WINDOW)))
        return [_dt(r[0]) for r in rows]  # type: ignore[misc]

    # -- reading cases --------------------------------------------------------------------------
    async def get(self, case_id: int) -> Case | None:
        row = await self.db.fetchone(_CASE_SELECT + " WHERE c.id = ?", (case_id,))
        return None if row is None else _case(row)

    async def get_by_number(self, guild_id: int, number: int) -> Case | None:
        row = await self.db.fetchone(_CASE_SELECT + " WHERE c.guild_id = ? AND c.number = ?",
                                     (guild_id, number))
        return None if row is None else _case(row)

    async def queue(self, guild_id: int, *, statuses: Iterable[str], category: str | None = None,
                    limit: int = 25, offset: int = 0) -> tuple[list[Case], int]:
        """Cases in `statuses` (urgent first, then oldest first) and how many there are in all."""
        wanted = list(statuses)
        marks = ",".join("?" * len(wanted))
        where = f"c.guild_id = ? AND c.status IN ({marks})"
        params: list[Any] = [guild_id, *wanted]
        if category is not None:
            where += " AND c.category = ?"
            params.append(category)
        total = await self.db.fetchval(f"SELECT COUNT(*) FROM report_cases c WHERE {where}", params)
        rows = await self.db.fetchall(
            _CASE_SELECT + f" WHERE {where} ORDER BY c.urgent DESC, c.created_at, c.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [_case(r) for r in rows], int(total or 0)

    async def cases_since(self, guild_id: int, since: datetime | None) -> list[Case]:
        """Every case opened since `since` (all when None), oldest first: for exports."""
        rows = await self.db.fetchall(
            _CASE_SELECT + " WHERE c.guild_id = ? AND c.created_at >= ? ORDER BY c.number",
            (guild_id, _ts(since) if since else 0))
        return [_case(r) for r in rows]

    async def stat_rows(self, guild_id: int, since: datetime) -> list[StatRow]:
        rows = await self.db.fetchall("""
            SELECT c.category, c.status, c.created_at, c.claimed_at, c.closed_at, e.platform, e.outcome
            FROM report_cases c LEFT JOIN report_escalations e ON e.case_id = c.id
            WHERE c.guild_id = ? AND c.created_at >= ?""", (guild_id, _ts(since)))
        return [StatRow(category=r[0], status=r[1], created_at=_dt(r[2]), claimed_at=_dt(r[3]),  # type: ignore[arg-type]
                        closed_at=_dt(r[4]), platform=r[5], platform_outcome=r[6]) for r in rows]

    async def audit(self, case_id: int) -> list[AuditEntry]:
        rows = await self.db.fetchall("""
            SELECT at, actor_id, action, from_status, to_status, reason FROM report_audit
            WHERE case_id = ? ORDER BY id""", (case_id,))
        return [AuditEntry(_dt(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]  # type: ignore[arg-type]

    async def search_numbers(self, guild_id: int, prefix: str, limit: int = 25) -> list[Case]:
        """Cases for autocomplete: by number prefix, most recent first."""
        digits = "".join(ch for ch in prefix if ch.isdigit()).lstrip("0")
        if digits:
            rows = await self.db.fetchall(
                _CASE_SELECT + " WHERE c.guild_id = ? AND CAST(c.number AS TEXT) LIKE ? "
                               "ORDER BY c.number DESC LIMIT ?", (guild_id, digits + "%", limit))
        else:
            rows = await self.db.fetchall(
                _CASE_SELECT + " WHERE c.guild_id = ? ORDER BY c.number DESC LIMIT ?", (guild_id, limit))
        return [_case(r) for r in rows]

    # -- card -----------------------------------------------------------------------------------
    async def set_card(self, case_id: int, channel_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE report_cases SET card_channel_id = ?, card_message_id = ? WHERE id = ?",
            (channel_id, message_id, case_id))

    # -- triage ---------------------------------------------------------------------------------
    async def apply(self, case: Case, changes: list[Change], *, actor_id: int, now: datetime,
                    outcome: str | None = None, note: str | None = None,
                    escalation: tuple[str, str | None] | None = None) -> None:
        """Apply planned status changes in one transaction. Each UPDATE names the status it expects,
        so if anyone moved the case meanwhile nothing is written (DomainError 'reports.stale').
        The audit rows are written by the schema's trigger; closing queues the outcome notices."""
        at = _ts(now)

        async def run(conn: aiosqlite.Connection) -> None:
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
                cur = await conn.execute(
                    f"UPDATE report_cases SET {', '.join(sets)} WHERE id = ? AND status = ?",
                    (*params, case.id, change.from_status))
                if cur.rowcount != 1:
                    raise DomainError("reports.stale", ref=case.ref)
                if change.to_status == STATUS_ESCALATED:
                    assert escalation is not None
                    await conn.execute("""
                        INSERT INTO report_escalations (case_id, guild_id, platform, external_ref,
                            escalated_by, escalated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                        (case.id, case.guild_id, escalation[0], escalation[1], actor_id, at))
                if change.to_status in (STATUS_RESOLVED, STATUS_DISMISSED):
                    await conn.execute("""
                        INSERT OR IGNORE INTO report_notices (case_id, reporter_id, created_at)
                        SELECT DISTINCT case_id, reporter_id, ? FROM report_intake WHERE case_id = ?""",
                        (at, case.id))

        await self.db.write(run)

    async def record_platform_outcome(self, case: Case, outcome: str, *, actor_id: int,
                                      now: datetime) -> None:
        """Store the platform's decision on the escalation, with an audit row."""
        at = _ts(now)

        async def run(conn: aiosqlite.Connection) -> None:
            cur = await conn.execute("""
                UPDATE report_escalations SET outcome = ?, outcome_by = ?, outcome_at = ?
                WHERE case_id = ?""", (outcome, actor_id, at, case.id))
            if cur.rowcount != 1:
                raise DomainError("reports.not_escalated", ref=case.ref)
            await conn.execute("""
                INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status,
                    reason, at) SELECT id, guild_id, ?, 'platform_outcome', status, status, ?, ?
                FROM report_cases WHERE id = ?""", (actor_id, outcome, at, case.id))

        await self.db.write(run)

    async def reveal(self, case: Case, *, actor_id: int, now: datetime) -> list[ReporterEntry]:
        """The reporters of a case, for an admin; the reveal is written to the audit log first."""
        at = _ts(now)

        async def run(conn: aiosqlite.Connection) -> list[ReporterEntry]:
            await conn.execute("""
                INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status,
                    reason, at) VALUES (?, ?, ?, 'reveal', ?, ?, NULL, ?)""",
                (case.id, case.guild_id, actor_id, case.status, case.status, at))
            rows = await _all(conn, """
                SELECT reporter_id, created_at, details FROM report_intake WHERE case_id = ? ORDER BY id""",
                (case.id,))
            return [ReporterEntry(r[0], _dt(r[1]), r[2]) for r in rows]  # type: ignore[arg-type]

        return await self.db.write(run)

    # -- SLA ------------------------------------------------------------------------------------
    async def sla_due(self) -> list[SlaDue]:
        """Unclaimed cases with an SLA check ahead (or overdue), for the scheduler's loader."""
        rows = await self.db.fetchall(
            "SELECT id, sla_due_at FROM report_cases WHERE sla_due_at IS NOT NULL AND status = ?",
            (STATUS_NEW,))
        return [SlaDue(r[0], _dt(r[1])) for r in rows]  # type: ignore[arg-type]

    async def claim_sla_notice(self, case: Case, *, window: int, raise_: bool,
                               next_due: datetime | None, now: datetime) -> bool:
        """Claim the notice for `window` before sending it; False when it was already sent or the
        case was claimed meanwhile (so nothing is sent twice, even across a restart)."""
        cur_raised = "COALESCE(sla_raised_at, ?)" if raise_ else "sla_raised_at"
        params: list[Any] = [window, _ts(next_due) if next_due else None]
        if raise_:
            params.append(_ts(now))
        params += [case.id, window]
        return await self.db.execute(f"""
            UPDATE report_cases SET sla_notices = ?, sla_due_at = ?, sla_raised_at = {cur_raised}
            WHERE id = ? AND status = 'new' AND sla_notices < ?""", params) == 1

    async def set_sla_due(self, case_id: int, due: datetime | None) -> None:
        await self.db.execute("UPDATE report_cases SET sla_due_at = ? WHERE id = ? AND status = 'new'",
                              (_ts(due) if due else None, case_id))

    # -- outcome notices ------------------------------------------------------------------------
    async def pending_notices(self) -> list[tuple[int, int]]:
        """(case_id, reporter_id) of outcome DMs queued but not sent (e.g. across a restart)."""
        rows = await self.db.fetchall(
            "SELECT case_id, reporter_id FROM report_notices WHERE sent_at IS NULL ORDER BY case_id")
        return [(r[0], r[1]) for r in rows]

    async def claim_notices(self, case_id: int, now: datetime) -> list[int]:
        """Claim every unsent notice of a case; returns the reporters to DM (each claimed once)."""
        at = _ts(now)

        async def run(conn: aiosqlite.Connection) -> list[int]:
            rows = await _all(conn, "SELECT reporter_id FROM report_notices WHERE case_id = ? AND sent_at IS NULL",
                              (case_id,))
            await conn.execute("UPDATE report_notices SET sent_at = ? WHERE case_id = ? AND sent_at IS NULL",
                               (at, case_id))
            return [r[0] for r in rows]

        return await self.db.write(run)

    async def mark_notices(self, case_id: int, delivered: dict[int, bool]) -> None:
        async def run(conn: aiosqlite.Connection) -> None:
            await conn.executemany(
                "UPDATE report_notices SET delivered = ? WHERE case_id = ? AND reporter_id = ?",
                [(int(ok), case_id, rid) for rid, ok in delivered.items()])

        await self.db.write(run)

    async def notice_status(self, case_id: int) -> dict[int, bool | None]:
        rows = await self.db.fetchall(
            "SELECT reporter_id, delivered FROM report_notices WHERE case_id = ?", (case_id,))
        return {r[0]: (None if r[1] is None else bool(r[1])) for r in rows}

