"""The weekly digest over PostgreSQL: the communities with a slot, the claim of each community-week,
and the read-only queries over events, resources and reports that make up a digest.

Every process on the database runs the digest tick: the claim is one `INSERT ... ON CONFLICT DO
NOTHING` on digest_runs' primary key (platform, guild_id, week), so exactly one of them, once, gets
each community-week, and the others (or a restarted one) see it taken.
"""

from __future__ import annotations

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
from bot.storage.postgres.database import Database


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


class PostgresDigestRepository:
    """Implements `bot.ports.digest.DigestRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def scheduled(self) -> list[Community]:
        rows = await self.db.fetch(
            """SELECT platform, guild_id FROM guild_settings
               WHERE digest_day IS NOT NULL AND digest_minute IS NOT NULL
               ORDER BY platform COLLATE "C", guild_id""")
        return [Community(r[0], r[1]) for r in rows]

    async def claim(self, community: Community, week: str, *, due_at: datetime, status: str,
                    now: datetime) -> bool:
        async def run(conn) -> bool:
            claimed = await conn.fetchval(
                """INSERT INTO digest_runs (platform, guild_id, week, due_at, claimed_at, status)
                   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (platform, guild_id, week) DO NOTHING
                   RETURNING TRUE""",
                community.platform, community.id, week, _ts(due_at), _ts(now), status)
            return bool(claimed)

        return await self.db.write(run)

    async def run_of(self, community: Community, week: str) -> str | None:
        return await self.db.fetchval(
            "SELECT status FROM digest_runs WHERE platform = $1 AND guild_id = $2 AND week = $3",
            community.platform, community.id, week)

    async def upcoming_events(self, community: Community, start: datetime, end: datetime, *,
                              limit: int = 10) -> list[DigestEvent]:
        rows = await self.db.fetch(
            """SELECT e.id, e.guild_id, e.channel_id, e.message_id, e.title, e.starts_at, e.capacity,
                      count(r.event_id) FILTER (WHERE r.status = $1),
                      count(r.event_id) FILTER (WHERE r.status = $2),
                      count(r.event_id) FILTER (WHERE r.status = $3)
               FROM events e LEFT JOIN event_rsvps r ON r.event_id = e.id
               WHERE e.platform = $4 AND e.guild_id = $5 AND e.status = $6 AND e.starts_at >= $7
                 AND e.starts_at < $8
               GROUP BY e.id ORDER BY e.starts_at, e.id LIMIT $9""",
            GOING, MAYBE, WAITLIST, community.platform, community.id, SCHEDULED, _ts(start), _ts(end), limit)
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
        rows = await self.db.fetch(
            """SELECT title, url, upvotes FROM resources
               WHERE platform = $1 AND guild_id = $2 AND status = $3
                 AND COALESCE(decided_at, created_at) >= $4 AND COALESCE(decided_at, created_at) < $5
               ORDER BY upvotes DESC, id LIMIT $6""",
            community.platform, community.id, PUBLISHED, _ts(start), _ts(end), limit)
        return [DigestResource(title=r[0], url=r[1], upvotes=r[2]) for r in rows]

    async def report_week(self, community: Community, start: datetime, end: datetime) -> ReportWeek:
        """Opened: created in the week. Resolved/dismissed: closed in the week with that status.
        Time to claim: over the cases first claimed in the week. SLA breach: the case's deadline
        (opened + its SLA hours) fell in the week and nobody had claimed it by then. Escalations: made
        in the week. Decided/complied: platform outcomes recorded in the week."""
        lo, hi = _ts(start), _ts(end)
        row = await self.db.fetchrow(
            """SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $2) AS opened,
                      count(*) FILTER (WHERE status = $3 AND closed_at >= $1 AND closed_at < $2) AS resolved,
                      count(*) FILTER (WHERE status = $4 AND closed_at >= $1 AND closed_at < $2) AS dismissed,
                      count(*) FILTER (WHERE created_at + sla_hours * 3600 >= $1
                          AND created_at + sla_hours * 3600 < $2
                          AND COALESCE(claimed_at, closed_at, $2) > created_at + sla_hours * 3600) AS breaches
               FROM report_cases WHERE platform = $5 AND guild_id = $6 AND created_at < $2""",
            lo, hi, STATUS_RESOLVED, STATUS_DISMISSED, community.platform, community.id)
        assert row is not None
        claims = await self.db.fetch(
            """SELECT claimed_at - created_at FROM report_cases
               WHERE platform = $1 AND guild_id = $2 AND claimed_at >= $3 AND claimed_at < $4 ORDER BY id""",
            community.platform, community.id, lo, hi)
        outcomes = await self.db.fetchrow(
            """SELECT count(*) FILTER (WHERE e.escalated_at >= $1 AND e.escalated_at < $2) AS escalations,
                      count(*) FILTER (WHERE e.outcome = ANY($3::text[]) AND e.outcome_at >= $1
                          AND e.outcome_at < $2) AS decided,
                      count(*) FILTER (WHERE e.outcome = ANY($4::text[]) AND e.outcome_at >= $1
                          AND e.outcome_at < $2) AS complied
               FROM report_escalations e JOIN report_cases c ON c.id = e.case_id
               WHERE c.platform = $5 AND c.guild_id = $6""",
            lo, hi, sorted(DECIDED_OUTCOMES), sorted(COMPLIED_OUTCOMES), community.platform, community.id)
        assert outcomes is not None
        return ReportWeek(opened=row["opened"], resolved=row["resolved"], dismissed=row["dismissed"],
                          claim_seconds=tuple(max(0, int(r[0])) for r in claims), sla_breaches=row["breaches"],
                          escalations=outcomes["escalations"], decided=outcomes["decided"],
                          complied=outcomes["complied"])
