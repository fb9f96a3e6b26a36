"""Telegram reachability, organisers, forms and link codes over PostgreSQL (`bot.ports.telegram`).

Several processes share these rows: a one-time code is used up by one conditional UPDATE (the second
of two processes using it at once waits for the first's row lock, then finds it used), and linking a
moderators' group takes the table's writer lock so two links never collide on its unique columns.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import asyncpg

from bot.domain.identity import Community
from bot.ports.telegram import Form
from bot.storage.postgres.database import Database


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


class PostgresTelegramRepository:
    """Implements `bot.ports.telegram.TelegramRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reachability ----------------------------------------------------------------------------
    async def set_reachable(self, user_id: int, reachable: bool, now: datetime) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO telegram_members (user_id, reachable, updated_at) VALUES ($1, $2, $3) "
                "ON CONFLICT (user_id) DO UPDATE SET reachable = excluded.reachable, "
                "updated_at = excluded.updated_at", user_id, bool(reachable), _unix(now))

        await self.db.write(run)

    async def reachable(self, user_id: int) -> bool | None:
        value = await self.db.fetchval("SELECT reachable FROM telegram_members WHERE user_id = $1", user_id)
        return None if value is None else bool(value)

    async def unreachable_among(self, user_ids: list[int]) -> list[int]:
        if not user_ids:
            return []
        ids = list(dict.fromkeys(user_ids))
        rows = await self.db.fetch("SELECT user_id FROM telegram_members WHERE reachable AND user_id = ANY($1::bigint[])",
                                   ids)
        found = {r["user_id"] for r in rows}
        return [i for i in ids if i not in found]

    async def set_last_group(self, user_id: int, group_id: int, now: datetime) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO telegram_members (user_id, reachable, last_group, updated_at) VALUES ($1, NULL, $2, $3) "
                "ON CONFLICT (user_id) DO UPDATE SET last_group = excluded.last_group, "
                "updated_at = excluded.updated_at", user_id, group_id, _unix(now))

        await self.db.write(run)

    async def last_group(self, user_id: int) -> int | None:
        return await self.db.fetchval("SELECT last_group FROM telegram_members WHERE user_id = $1", user_id)

    # -- the moderators' group -------------------------------------------------------------------
    async def link_moderators(self, community_id: int, moderators_group_id: int, now: datetime) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            # Writers of this table one at a time (readers go on): the delete-then-insert below
            # would otherwise race another link on the same community or group into a unique error.
            await conn.execute("LOCK TABLE telegram_moderator_groups IN SHARE ROW EXCLUSIVE MODE")
            await conn.execute("DELETE FROM telegram_moderator_groups WHERE community_id = $1 "
                               "OR moderators_group_id = $2", community_id, moderators_group_id)
            await conn.execute("INSERT INTO telegram_moderator_groups (moderators_group_id, community_id, linked_at) "
                               "VALUES ($1, $2, $3)", moderators_group_id, community_id, _unix(now))

        await self.db.write(run)

    async def community_of_moderators(self, moderators_group_id: int) -> int | None:
        return await self.db.fetchval(
            "SELECT community_id FROM telegram_moderator_groups WHERE moderators_group_id = $1", moderators_group_id)

    # -- organisers ------------------------------------------------------------------------------
    async def add_organiser(self, group_id: int, user_id: int, added_by: int, now: datetime) -> bool:
        async def run(conn: asyncpg.Connection) -> bool:
            added = await conn.fetchval(
                "INSERT INTO telegram_organisers (group_id, user_id, added_by, added_at) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (group_id, user_id) DO NOTHING RETURNING 1", group_id, user_id, added_by, _unix(now))
            return added is not None

        return await self.db.write(run)

    async def remove_organiser(self, group_id: int, user_id: int) -> bool:
        async def run(conn: asyncpg.Connection) -> bool:
            removed = await conn.fetchval("DELETE FROM telegram_organisers WHERE group_id = $1 AND user_id = $2 "
                                          "RETURNING 1", group_id, user_id)
            return removed is not None

        return await self.db.write(run)

    async def is_organiser(self, group_id: int, user_id: int) -> bool:
        return await self.db.fetchval("SELECT 1 FROM telegram_organisers WHERE group_id = $1 AND user_id = $2",
                                      group_id, user_id) is not None

    # -- forms -----------------------------------------------------------------------------------
    async def save_form(self, form: Form) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO forms (platform, chat_id, user_id, kind, step, data, expires_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (platform, chat_id, user_id) DO UPDATE SET "
                "kind = excluded.kind, step = excluded.step, data = excluded.data, expires_at = excluded.expires_at",
                form.platform, form.chat_id, form.user_id, form.kind, form.step,
                json.dumps(form.data, ensure_ascii=False), _unix(form.expires_at))

        await self.db.write(run)

    async def get_form(self, platform: str, chat_id: int, user_id: int, now: datetime) -> Form | None:
        row = await self.db.fetchrow("SELECT kind, step, data, expires_at FROM forms "
                                     "WHERE platform = $1 AND chat_id = $2 AND user_id = $3",
                                     platform, chat_id, user_id)
        if row is None:
            return None
        if row["expires_at"] <= _unix(now):
            async def run(conn: asyncpg.Connection) -> None:
                # Only if still expired: a form saved again meanwhile (by another process) stays.
                await conn.execute("DELETE FROM forms WHERE platform = $1 AND chat_id = $2 AND user_id = $3 "
                                   "AND expires_at <= $4", platform, chat_id, user_id, _unix(now))

            await self.db.write(run)
            return None
        return Form(platform=platform, chat_id=chat_id, user_id=user_id, kind=row["kind"], step=row["step"],
                    expires_at=datetime.fromtimestamp(row["expires_at"], timezone.utc),
                    data=json.loads(row["data"]))

    async def drop_form(self, platform: str, chat_id: int, user_id: int) -> bool:
        async def run(conn: asyncpg.Connection) -> bool:
            dropped = await conn.fetchval("DELETE FROM forms WHERE platform = $1 AND chat_id = $2 AND user_id = $3 "
                                          "RETURNING 1", platform, chat_id, user_id)
            return dropped is not None

        return await self.db.write(run)

    # -- one-time codes --------------------------------------------------------------------------
    async def create_code(self, code: str, purpose: str, community: Community, created_by: int,
                          expires_at: datetime) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO link_codes (code, purpose, platform, community_id, created_by, expires_at) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                code, purpose, community.platform, community.id, created_by, _unix(expires_at))

        await self.db.write(run)

    async def use_code(self, code: str, purpose: str, now: datetime) -> Community | None:
        async def run(conn: asyncpg.Connection) -> Community | None:
            # One conditional UPDATE: a concurrent use waits on the row lock, then re-reads the row
            # (READ COMMITTED) and finds `used_at` set, so the code serves exactly one caller.
            row = await conn.fetchrow(
                "UPDATE link_codes SET used_at = $1 WHERE code = $2 AND purpose = $3 AND used_at IS NULL "
                "AND expires_at > $1 RETURNING platform, community_id", _unix(now), code, purpose)
            return None if row is None else Community(row["platform"], row["community_id"])

        return await self.db.write(run)
