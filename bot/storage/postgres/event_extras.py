"""Event templates, members' own zones and the going names of an announcement in PostgreSQL
(implements `bot.ports.event_extras.EventExtrasRepository`, the same behaviour as
`bot.storage.sqlite.event_extras`).

Several processes may save templates of one community at once: the count against the limit and
the insert run under a transaction-level advisory lock on the community, so two new names can
never both pass a count of `limit - 1`."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.event_templates import EventTemplate
from bot.domain.identity import Community, Member
from bot.domain.rsvp import GOING
from bot.storage.postgres.database import Database

Conn = asyncpg.Connection

_TEMPLATE = ("platform, guild_id, name, title, description, location, duration_min, capacity, "
             "reminder_offsets, rsvp_role, created_by")


def _template(row: asyncpg.Record) -> EventTemplate:
    return EventTemplate(platform=row[0], guild_id=row[1], name=row[2], title=row[3], description=row[4],
                         location=row[5], duration_min=row[6], capacity=row[7],
                         reminder_offsets=tuple(int(x) for x in row[8].split(",") if x), rsvp_role=row[9],
                         created_by=row[10])


async def _save(conn: Conn, tpl: EventTemplate, now: datetime, limit: int) -> bool:
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('baithak:templates:' || $1 || ':' || $2, 0))",
                       tpl.platform, str(tpl.guild_id))
    exists = await conn.fetchval("SELECT 1 FROM event_templates WHERE platform = $1 AND guild_id = $2 "
                                 "AND name = $3", tpl.platform, tpl.guild_id, tpl.name) is not None
    if not exists:
        count = await conn.fetchval("SELECT count(*) FROM event_templates WHERE platform = $1 AND guild_id = $2",
                                    tpl.platform, tpl.guild_id)
        if count >= limit:
            raise DomainError("template.too_many", maximum=limit)
    await conn.execute(
        f"INSERT INTO event_templates ({_TEMPLATE}, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
        "ON CONFLICT (platform, guild_id, name) DO UPDATE SET title = excluded.title, "
        "description = excluded.description, location = excluded.location, duration_min = excluded.duration_min, "
        "capacity = excluded.capacity, reminder_offsets = excluded.reminder_offsets, "
        "rsvp_role = excluded.rsvp_role, created_by = excluded.created_by, created_at = excluded.created_at",
        tpl.platform, tpl.guild_id, tpl.name, tpl.title, tpl.description, tpl.location, tpl.duration_min,
        tpl.capacity, ",".join(map(str, tpl.reminder_offsets)), tpl.rsvp_role, tpl.created_by,
        int(now.timestamp()))
    return exists


class PostgresEventExtrasRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def save_template(self, template: EventTemplate, now: datetime, *, limit: int) -> bool:
        return await self.db.write(lambda conn: _save(conn, template, now, limit))

    async def template(self, community: Community, name: str) -> EventTemplate | None:
        row = await self.db.fetchrow(
            f"SELECT {_TEMPLATE} FROM event_templates WHERE platform = $1 AND guild_id = $2 AND name = $3",
            community.platform, community.id, name)
        return None if row is None else _template(row)

    async def templates(self, community: Community) -> list[EventTemplate]:
        # COLLATE "C": by code point, as SQLite orders text, whatever the database's locale.
        rows = await self.db.fetch(
            f"SELECT {_TEMPLATE} FROM event_templates WHERE platform = $1 AND guild_id = $2 "
            'ORDER BY name COLLATE "C"', community.platform, community.id)
        return [_template(r) for r in rows]

    async def delete_template(self, community: Community, name: str) -> bool:
        status = await self.db.write(lambda conn: conn.execute(
            "DELETE FROM event_templates WHERE platform = $1 AND guild_id = $2 AND name = $3",
            community.platform, community.id, name))
        return status != "DELETE 0"

    async def set_timezone(self, member: Member, zone: str | None, now: datetime) -> None:
        async def write(conn: Conn) -> None:
            if zone is None:
                await conn.execute("DELETE FROM member_timezones WHERE platform = $1 AND user_id = $2",
                                   member.platform, member.id)
            else:
                await conn.execute(
                    "INSERT INTO member_timezones (platform, user_id, timezone, updated_at) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (platform, user_id) DO UPDATE SET timezone = excluded.timezone, "
                    "updated_at = excluded.updated_at", member.platform, member.id, zone, int(now.timestamp()))
        await self.db.write(write)

    async def timezone_of(self, member: Member) -> str | None:
        return await self.db.fetchval("SELECT timezone FROM member_timezones WHERE platform = $1 AND user_id = $2",
                                      member.platform, member.id)

    async def going_names(self, event_id: int, limit: int) -> list[str]:
        rows = await self.db.fetch(
            "SELECT display_name FROM event_rsvps WHERE event_id = $1 AND status = $2 ORDER BY seq LIMIT $3",
            event_id, GOING, limit)
        return [r[0] for r in rows]

    async def native_id(self, event_id: int) -> int | None:
        return await self.db.fetchval("SELECT native_event_id FROM events WHERE id = $1", event_id)

    async def set_native_id(self, event_id: int, native_id: int | None) -> None:
        await self.db.execute("UPDATE events SET native_event_id = $1 WHERE id = $2", native_id, event_id)
