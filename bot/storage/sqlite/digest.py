"""The weekly digest over SQLite: the communities with a slot, the claim of each community-week, and
the read-only queries over events, resources and reports that make up a digest."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from bot.domain.digest import DigestEvent, DigestResource, ReportWeek
from bot.domain.events import SCHEDULED
from bot.domain.identity import DISCORD, Community
from bot.domain.report_categories import (
    COMPLIED_OUTCOMES,
    DECIDED_OUTCOMES,
    STATUS_DISMISSED,
    STATUS_RESOLVED,
)
from bot.domain.resources import PUBLISHED
from bot.domain.rsvp import GOING, MAYBE, WAITLIST
from bot.storage.sqlite.database import Database


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _claim(conn: sqlite3.Connection, platform: str, guild_id: int, week: str, due_at: int, status: str,
           now: int) -> bool:
    cur = conn.execute(
        """INSERT INTO digest_runs (platform, guild_id, week, due_at, claimed_at, status)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, guild_id, week) DO NOTHING""",
        (platform, guild_id, week, due_at, now, status))
    return cur.rowcount == 1


class SqliteDigestRepository:
    """Implements `bot.ports.digest.DigestRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def scheduled(self) -> list[Community]:
        rows = await self.db.fetchall(
            """SELECT platform, guild_id FROM guild_settings
               WHERE digest_day IS NOT NULL AND digest_minute IS NOT NULL ORDER BY platform, guild_id""")
        return [Community(r[0], r[1]) for r in rows]

    async def claim(self, community: Community, week: str, *, due_at: datetime, status: str,
                    now: datetime) -> bool:
        return await self.db.write_sync(_claim, community.platform, community.id, week, _ts(due_at), status,
                                        _ts(now))

    async def run_of(self, community: Community, week: str) -> str | None:
        return await self.db.fetchval(
            "SELECT status FROM digest_runs WHERE platform = ? AND guild_id = ? AND week = ?",
            (community.platform, community.id, week))

    async def upcoming_events(self, community: Community, start: datetime, end: datetime, *,
                              limit: int = 10) -> list[DigestEvent]:
        rows = await self.db.fetchall(
            """SELECT e.id, e.guild_id, e.channel_id, e.message_id, e.title, e.starts_at, e.capacity,
                      COALESCE(SUM(r.status = ?), 0), COALESCE(SUM(r.status = ?), 0),
                      COALESCE(SUM(r.status = ?), 0)
               FROM events e LEFT JOIN event_rsvps r ON r.event_id = e.id
               WHERE e.platform = ? AND e.guild_id = ? AND e.status = ? AND e.starts_at >= ? AND e.starts_at < ?
               GROUP BY e.id ORDER BY e.starts_at, e.id LIMIT ?""",
            (GOING, MAYBE, WAITLIST, community.platform, community.id, SCHEDULED, _ts(start), _ts(end), limit))
        out = []
        for r in rows:
            url = None
            if community.platform == DISCORD and r[3] is not None:
                url = f"https://discord.com/channels/{r[1]}/{r[2]}/{r[3]}"
            out.append(DigestEvent(title=r[4], starts_at=datetime.fromtimestamp(r[5], timezone.utc),
                                   going=r[7], maybe=r[8], waitlist=r[9], capacity=r[6], url=url))
        return out

    async def top_resources(self, community: Community, start: datetime, end: datetime, *,
                            limit: int = 5) -> list[DigestResource]:
        rows = await self.db.fetchall(
            """SELECT title, url, upvotes FROM resources
               WHERE platform = ? AND guild_id = ? AND status = ?
                 AND COALESCE(decided_at, created_at) >= ? AND COALESCE(decided_at, created_at) < ?
               ORDER BY upvotes DESC, id LIMIT ?""",
            (community.platform, community.id, PUBLISHED, _ts(start), _ts(end), limit))
        return [DigestResource(title=r[0], url=r[1], upvotes=r[2]) for r in rows]

    async def report_week(self, community: Community, start: datetime, end: datetime) -> ReportWeek:
        """Opened: created in the week. Resolved/dismissed: closed in the week with that status.
        Time to claim: over the cases first claimed in the week. SLA breach: the case's deadline
        (opened + its SLA hours) fell in the week and nobody had claimed it by then. Escalations: made
        in the week. Decided/complied: platform outcomes recorded in the week."""
        lo, hi = _ts(start), _ts(end)
        key = (community.platform, community.id)
        opened, resolved, dismissed, breaches = await self.db.fetchone(  # type: ignore[misc]
            """SELECT COALESCE(SUM(created_at >= :lo AND created_at < :hi), 0),
                      COALESCE(SUM(status = :res AND closed_at >= :lo AND closed_at < :hi), 0),
                      COALESCE(SUM(status = :dis AND closed_at >= :lo AND closed_at < :hi), 0),
                      COALESCE(SUM(created_at + sla_hours * 3600 >= :lo AND created_at + sla_hours * 3600 < :hi
                          AND COALESCE(claimed_at, closed_at, :hi) > created_at + sla_hours * 3600), 0)
               FROM report_cases WHERE platform = :p AND guild_id = :g AND created_at < :hi""",
            {"lo": lo, "hi": hi, "res": STATUS_RESOLVED, "dis": STATUS_DISMISSED, "p": key[0], "g": key[1]})
        claims = await self.db.fetchall(
            """SELECT claimed_at - created_at FROM report_cases
               WHERE platform = ? AND guild_id = ? AND claimed_at >= ? AND claimed_at < ?""", (*key, lo, hi))
        decided_list = sorted(DECIDED_OUTCOMES)
        complied_list = sorted(COMPLIED_OUTCOMES)
        marks_d = ",".join("?" * len(decided_list))
        marks_c = ",".join("?" * len(complied_list))
        escalations, decided, complied = await self.db.fetchone(  # type: ignore[misc]
            f"""SELECT COALESCE(SUM(e.escalated_at >= ? AND e.escalated_at < ?), 0),
                       COALESCE(SUM(e.outcome IN ({marks_d}) AND e.outcome_at >= ? AND e.outcome_at < ?), 0),
                       COALESCE(SUM(e.outcome IN ({marks_c}) AND e.outcome_at >= ? AND e.outcome_at < ?), 0)
                FROM report_escalations e JOIN report_cases c ON c.id = e.case_id
                WHERE c.platform = ? AND c.guild_id = ?""",
            (lo, hi, *decided_list, lo, hi, *complied_list, lo, hi, *key))
        return ReportWeek(opened=opened, resolved=resolved, dismissed=dismissed,
                          claim_seconds=tuple(max(0, r[0]) for r in claims), sla_breaches=breaches,
                          escalations=escalations, decided=decided, complied=complied)
