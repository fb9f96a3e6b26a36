"""The conversation of report cases in SQLite (`bot.ports.reports.ConversationRepository`)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from bot.domain.identity import Community, Member
from bot.domain.report_conversation import AskedCase, Entry, Snippet, check_snippet_room
from bot.domain.reports import Case
from bot.storage.sqlite.database import Database


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(id=row["id"], case_id=row["case_id"], kind=row["kind"], author_id=row["author_id"],
                 body=row["body"], at=_dt(row["at"]), reporter_no=row["reporter_no"],  # type: ignore[arg-type]
                 late=bool(row["late"]), action=row["action"])


def _add(conn: sqlite3.Connection, case_id: int, guild_id: int, kind: str, platform: str, author_id: int,
         reporter_no: int | None, late: bool, body: str, at: int, action: str | None) -> int:
    cur = conn.execute(
        "INSERT INTO report_conversation (case_id, guild_id, kind, platform, author_id, reporter_no, late, body, at,"
        " action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, guild_id, kind, platform, author_id, reporter_no, int(late), body, at, action))
    return int(cur.lastrowid or 0)


def _set_thread(conn: sqlite3.Connection, case_id: int, thread_id: int) -> None:
    conn.execute("INSERT INTO report_threads (case_id, thread_id) VALUES (?, ?)"
                 " ON CONFLICT (case_id) DO UPDATE SET thread_id = excluded.thread_id", (case_id, thread_id))


def _add_snippet(conn: sqlite3.Connection, platform: str, guild_id: int, name: str, body: str, author: int,
                 at: int) -> bool:
    count = conn.execute("SELECT COUNT(*) FROM report_snippets WHERE platform = ? AND guild_id = ?",
                         (platform, guild_id)).fetchone()[0]
    check_snippet_room(count)
    cur = conn.execute("INSERT OR IGNORE INTO report_snippets (platform, guild_id, name, body, created_by, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)", (platform, guild_id, name, body, author, at))
    return cur.rowcount == 1


def _remove_snippet(conn: sqlite3.Connection, platform: str, guild_id: int, name: str) -> bool:
    cur = conn.execute("DELETE FROM report_snippets WHERE platform = ? AND guild_id = ? AND name = ?",
                       (platform, guild_id, name))
    return cur.rowcount == 1


class SqliteConversationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, case: Case, kind: str, *, author: Member, body: str, now: datetime,
                  reporter_no: int | None = None, late: bool = False, action: str | None = None) -> Entry:
        at = int(now.timestamp())
        entry_id = await self.db.write_sync(_add, case.id, case.guild_id, kind, author.platform, author.id,
                                            reporter_no, late, body, at, action)
        return Entry(id=entry_id, case_id=case.id, kind=kind, author_id=author.id, body=body,
                     at=_dt(at), reporter_no=reporter_no, late=late, action=action)  # type: ignore[arg-type]

    async def entries(self, case_id: int) -> list[Entry]:
        rows = await self.db.fetchall("SELECT * FROM report_conversation WHERE case_id = ? ORDER BY id", (case_id,))
        return [_entry(r) for r in rows]

    async def reporters(self, case_id: int) -> list[Member]:
        rows = await self.db.fetchall(
            "SELECT reporter_platform, reporter_id, MIN(id) AS first FROM report_intake WHERE case_id = ?"
            " GROUP BY reporter_platform, reporter_id ORDER BY first", (case_id,))
        return [Member(r["reporter_platform"], r["reporter_id"]) for r in rows]

    async def cases_of(self, reporter: Member, community: Community | None = None,
                       limit: int = 25) -> list[AskedCase]:
        where = "i.reporter_platform = ? AND i.reporter_id = ?"
        params: list[object] = [reporter.platform, reporter.id]
        if community is not None:
            where += " AND c.platform = ? AND c.guild_id = ?"
            params += [community.platform, community.id]
        rows = await self.db.fetchall(
            f"""SELECT c.id, c.guild_id, c.number, MAX(i.id) AS last_report,
                       (SELECT MAX(q.at) FROM report_conversation q
                        WHERE q.case_id = c.id AND q.kind = 'question') AS asked_at
                FROM report_intake i JOIN report_cases c ON c.id = i.case_id
                WHERE {where} GROUP BY c.id ORDER BY last_report DESC LIMIT ?""", (*params, limit))
        return [AskedCase(case_id=r["id"], guild_id=r["guild_id"], number=r["number"], asked_at=_dt(r["asked_at"]))
                for r in rows]

    async def thread(self, case_id: int) -> int | None:
        return await self.db.fetchval("SELECT thread_id FROM report_threads WHERE case_id = ?", (case_id,))

    async def set_thread(self, case_id: int, thread_id: int) -> None:
        await self.db.write_sync(_set_thread, case_id, thread_id)

    async def snippets(self, community: Community) -> list[Snippet]:
        rows = await self.db.fetchall("SELECT name, body, created_by, created_at FROM report_snippets"
                                      " WHERE platform = ? AND guild_id = ? ORDER BY name",
                                      (community.platform, community.id))
        return [Snippet(r["name"], r["body"], r["created_by"], _dt(r["created_at"])) for r in rows]  # type: ignore[arg-type]

    async def add_snippet(self, community: Community, name: str, body: str, *, author: Member,
                          now: datetime) -> bool:
        return await self.db.write_sync(_add_snippet, community.platform, community.id, name, body, author.id,
                                        int(now.timestamp()))

    async def remove_snippet(self, community: Community, name: str) -> bool:
        return await self.db.write_sync(_remove_snippet, community.platform, community.id, name)
