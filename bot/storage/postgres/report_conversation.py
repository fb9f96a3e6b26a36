"""The conversation of report cases on PostgreSQL (implements
`bot.ports.reports.ConversationRepository`).

Entries are append-only (triggers of migration 0005 refuse any change). A community's snippets are
counted and added under a transaction-level advisory lock on the community, so two moderators saving
at once in different processes cannot go past MAX_SNIPPETS; the primary key keeps one per name.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import asyncpg

from bot.domain.identity import Community, Member
from bot.domain.report_conversation import AskedCase, Entry, Snippet, check_snippet_room
from bot.domain.reports import Case
from bot.storage.postgres.database import Database

Conn = asyncpg.Connection


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


def _entry(row: Any) -> Entry:
    return Entry(id=row["id"], case_id=row["case_id"], kind=row["kind"], author_id=row["author_id"],
                 body=row["body"], at=_dt(row["at"]), reporter_no=row["reporter_no"],  # type: ignore[arg-type]
                 late=bool(row["late"]), action=row["action"])


async def _add_snippet(conn: Conn, platform: str, guild_id: int, name: str, body: str, author: int,
                       at: int) -> bool:
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('baithak:snippets:' || $1 || ':' || $2, 0))",
                       platform, str(guild_id))
    count = await conn.fetchval("SELECT count(*) FROM report_snippets WHERE platform = $1 AND guild_id = $2",
                                platform, guild_id)
    check_snippet_room(count)
    done = await conn.execute(
        "INSERT INTO report_snippets (platform, guild_id, name, body, created_by, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING", platform, guild_id, name, body, author, at)
    return done == "INSERT 0 1"


class PostgresConversationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, case: Case, kind: str, *, author: Member, body: str, now: datetime,
                  reporter_no: int | None = None, late: bool = False, action: str | None = None) -> Entry:
        at = int(now.timestamp())

        async def unit(conn: Conn) -> int:
            return await conn.fetchval(
                "INSERT INTO report_conversation (case_id, guild_id, kind, platform, author_id, reporter_no, late, "
                "body, at, action) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                case.id, case.guild_id, kind, author.platform, author.id, reporter_no, late, body, at, action)

        entry_id = await self.db.write(unit)
        return Entry(id=entry_id, case_id=case.id, kind=kind, author_id=author.id, body=body,
                     at=_dt(at), reporter_no=reporter_no, late=late, action=action)  # type: ignore[arg-type]

    async def entries(self, case_id: int) -> list[Entry]:
        rows = await self.db.fetch("SELECT * FROM report_conversation WHERE case_id = $1 ORDER BY id", case_id)
        return [_entry(r) for r in rows]

    async def reporters(self, case_id: int) -> list[Member]:
        rows = await self.db.fetch(
            "SELECT reporter_platform, reporter_id, min(id) AS first FROM report_intake WHERE case_id = $1 "
            "GROUP BY reporter_platform, reporter_id ORDER BY first", case_id)
        return [Member(r["reporter_platform"], r["reporter_id"]) for r in rows]

    async def cases_of(self, reporter: Member, community: Community | None = None,
                       limit: int = 25) -> list[AskedCase]:
        platform, guild_id = (community.platform, community.id) if community else (None, None)
        rows = await self.db.fetch(
            """SELECT c.id, c.guild_id, c.number, max(i.id) AS last_report,
                      (SELECT max(q.at) FROM report_conversation q
                       WHERE q.case_id = c.id AND q.kind = 'question') AS asked_at
               FROM report_intake i JOIN report_cases c ON c.id = i.case_id
               WHERE i.reporter_platform = $1 AND i.reporter_id = $2
                 AND ($3::bigint IS NULL OR (c.platform = $4 AND c.guild_id = $3))
               GROUP BY c.id ORDER BY last_report DESC LIMIT $5""",
            reporter.platform, reporter.id, guild_id, platform, limit)
        return [AskedCase(case_id=r["id"], guild_id=r["guild_id"], number=r["number"], asked_at=_dt(r["asked_at"]))
                for r in rows]

    async def thread(self, case_id: int) -> int | None:
        return await self.db.fetchval("SELECT thread_id FROM report_threads WHERE case_id = $1", case_id)

    async def set_thread(self, case_id: int, thread_id: int) -> None:
        await self.db.write(lambda conn: conn.execute(
            "INSERT INTO report_threads (case_id, thread_id) VALUES ($1, $2) "
            "ON CONFLICT (case_id) DO UPDATE SET thread_id = excluded.thread_id", case_id, thread_id))

    async def snippets(self, community: Community) -> list[Snippet]:
        rows = await self.db.fetch(
            'SELECT name, body, created_by, created_at FROM report_snippets WHERE platform = $1 AND guild_id = $2 '
            'ORDER BY name COLLATE "C"', community.platform, community.id)
        return [Snippet(r["name"], r["body"], r["created_by"], _dt(r["created_at"])) for r in rows]  # type: ignore[arg-type]

    async def add_snippet(self, community: Community, name: str, body: str, *, author: Member,
                          now: datetime) -> bool:
        return await self.db.write(lambda conn: _add_snippet(conn, community.platform, community.id, name, body,
                                                             author.id, int(now.timestamp())))

    async def remove_snippet(self, community: Community, name: str) -> bool:
        done = await self.db.write(lambda conn: conn.execute(
            "DELETE FROM report_snippets WHERE platform = $1 AND guild_id = $2 AND name = $3",
            community.platform, community.id, name))
        return done == "DELETE 1"
