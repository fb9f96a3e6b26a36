"""Telegram reachability, organisers, forms and link codes over SQLite (`bot.ports.telegram`)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from bot.domain.identity import Community
from bot.ports.telegram import Form
from bot.storage.sqlite.database import Database


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


class SqliteTelegramRepository:
    """Implements `bot.ports.telegram.TelegramRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def set_reachable(self, user_id: int, reachable: bool, now: datetime) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO telegram_members (user_id, reachable, updated_at) VALUES (?, ?, ?) "
                         "ON CONFLICT (user_id) DO UPDATE SET reachable = excluded.reachable, "
                         "updated_at = excluded.updated_at", (user_id, int(reachable), _unix(now)))

        await self.db.write_sync(run)

    async def reachable(self, user_id: int) -> bool | None:
        value = await self.db.fetchval("SELECT reachable FROM telegram_members WHERE user_id = ?", (user_id,))
        return None if value is None else bool(value)

    async def unreachable_among(self, user_ids: list[int]) -> list[int]:
        if not user_ids:
            return []
        ids = list(dict.fromkeys(user_ids))
        found: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = await self.db.fetchall(
                f"SELECT user_id FROM telegram_members WHERE reachable = 1 AND user_id IN "
                f"({','.join('?' * len(chunk))})", tuple(chunk))
            found.update(r["user_id"] for r in rows)
        return [i for i in ids if i not in found]

    async def set_last_group(self, user_id: int, group_id: int, now: datetime) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO telegram_members (user_id, reachable, last_group, updated_at) VALUES (?, NULL, ?, ?) "
                         "ON CONFLICT (user_id) DO UPDATE SET last_group = excluded.last_group, "
                         "updated_at = excluded.updated_at", (user_id, group_id, _unix(now)))

        await self.db.write_sync(run)

    async def last_group(self, user_id: int) -> int | None:
        return await self.db.fetchval("SELECT last_group FROM telegram_members WHERE user_id = ?", (user_id,))

    async def link_moderators(self, community_id: int, moderators_group_id: int, now: datetime) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM telegram_moderator_groups WHERE community_id = ? OR moderators_group_id = ?",
                         (community_id, moderators_group_id))
            conn.execute("INSERT INTO telegram_moderator_groups (moderators_group_id, community_id, linked_at) "
                         "VALUES (?, ?, ?)", (moderators_group_id, community_id, _unix(now)))

        await self.db.write_sync(run)

    async def community_of_moderators(self, moderators_group_id: int) -> int | None:
        return await self.db.fetchval("SELECT community_id FROM telegram_moderator_groups WHERE moderators_group_id = ?",
                                      (moderators_group_id,))

    async def add_organiser(self, group_id: int, user_id: int, added_by: int, now: datetime) -> bool:
        def run(conn: sqlite3.Connection) -> bool:
            cur = conn.execute("INSERT OR IGNORE INTO telegram_organisers (group_id, user_id, added_by, added_at) "
                               "VALUES (?, ?, ?, ?)", (group_id, user_id, added_by, _unix(now)))
            return cur.rowcount == 1

        return await self.db.write_sync(run)

    async def remove_organiser(self, group_id: int, user_id: int) -> bool:
        def run(conn: sqlite3.Connection) -> bool:
            return conn.execute("DELETE FROM telegram_organisers WHERE group_id = ? AND user_id = ?",
                                (group_id, user_id)).rowcount == 1

        return await self.db.write_sync(run)

    async def is_organiser(self, group_id: int, user_id: int) -> bool:
        return await self.db.fetchval("SELECT 1 FROM telegram_organisers WHERE group_id = ? AND user_id = ?",
                                      (group_id, user_id)) is not None

    async def save_form(self, form: Form) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO forms (platform, chat_id, user_id, kind, step, data, expires_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat_id, user_id) DO UPDATE SET "
                         "kind = excluded.kind, step = excluded.step, data = excluded.data, "
                         "expires_at = excluded.expires_at",
                         (form.platform, form.chat_id, form.user_id, form.kind, form.step,
                          json.dumps(form.data, ensure_ascii=False), _unix(form.expires_at)))

        await self.db.write_sync(run)

    async def get_form(self, platform: str, chat_id: int, user_id: int, now: datetime) -> Form | None:
        row = await self.db.fetchone("SELECT * FROM forms WHERE platform = ? AND chat_id = ? AND user_id = ?",
                                     (platform, chat_id, user_id))
        if row is None:
            return None
        if row["expires_at"] <= _unix(now):
            def run(conn: sqlite3.Connection) -> None:
                conn.execute("DELETE FROM forms WHERE platform = ? AND chat_id = ? AND user_id = ? "
                             "AND expires_at <= ?", (platform, chat_id, user_id, _unix(now)))

            await self.db.write_sync(run)
            return None
        return Form(platform=platform, chat_id=chat_id, user_id=user_id, kind=row["kind"], step=row["step"],
                    expires_at=datetime.fromtimestamp(row["expires_at"], timezone.utc),
                    data=json.loads(row["data"]))

    async def drop_form(self, platform: str, chat_id: int, user_id: int) -> bool:
        def run(conn: sqlite3.Connection) -> bool:
            return conn.execute("DELETE FROM forms WHERE platform = ? AND chat_id = ? AND user_id = ?",
                                (platform, chat_id, user_id)).rowcount == 1

        return await self.db.write_sync(run)

    async def create_code(self, code: str, purpose: str, community: Community, created_by: int,
                          expires_at: datetime) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO link_codes (code, purpose, platform, community_id, created_by, expires_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (code, purpose, community.platform, community.id, created_by, _unix(expires_at)))

        await self.db.write_sync(run)

    async def use_code(self, code: str, purpose: str, now: datetime) -> Community | None:
        def run(conn: sqlite3.Connection) -> Community | None:
            row = conn.execute("SELECT platform, community_id FROM link_codes WHERE code = ? AND purpose = ? "
                               "AND used_at IS NULL AND expires_at > ?", (code, purpose, _unix(now))).fetchone()
            if row is None:
                return None
            conn.execute("UPDATE link_codes SET used_at = ? WHERE code = ?", (_unix(now), code))
            return Community(row[0], row[1])

        return await self.db.write_sync(run)
