"""Event templates, members' own zones and the going names of an announcement in SQLite
(implements `bot.ports.event_extras.EventExtrasRepository`)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.errors import DomainError
from bot.domain.event_templates import EventTemplate
from bot.domain.identity import Community, Member
from bot.domain.rsvp import GOING
from bot.storage.sqlite.database import Database

_TEMPLATE = ("platform, guild_id, name, title, description, location, duration_min, capacity, "
             "reminder_offsets, rsvp_role, created_by")


def _template(row: tuple) -> EventTemplate:  # type: ignore[type-arg]
    return EventTemplate(platform=row[0], guild_id=row[1], name=row[2], title=row[3], description=row[4],
                         location=row[5], duration_min=row[6], capacity=row[7],
                         reminder_offsets=tuple(int(x) for x in row[8].split(",") if x), rsvp_role=row[9],
                         created_by=row[10])


def _save(conn: sqlite3.Connection, tpl: EventTemplate, now: datetime, limit: int) -> bool:
    exists = conn.execute("SELECT 1 FROM event_templates WHERE platform = ? AND guild_id = ? AND name = ?",
                          (tpl.platform, tpl.guild_id, tpl.name)).fetchone() is not None
    if not exists:
        count = conn.execute("SELECT count(*) FROM event_templates WHERE platform = ? AND guild_id = ?",
                             (tpl.platform, tpl.guild_id)).fetchone()[0]
        if count >= limit:
            raise DomainError("template.too_many", maximum=limit)
    conn.execute(
        f"INSERT INTO event_templates ({_TEMPLATE}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (platform, guild_id, name) DO UPDATE SET title = excluded.title, "
        "description = excluded.description, location = excluded.location, duration_min = excluded.duration_min, "
        "capacity = excluded.capacity, reminder_offsets = excluded.reminder_offsets, "
        "rsvp_role = excluded.rsvp_role, created_by = excluded.created_by, created_at = excluded.created_at",
        (tpl.platform, tpl.guild_id, tpl.name, tpl.title, tpl.description, tpl.location, tpl.duration_min,
         tpl.capacity, ",".join(map(str, tpl.reminder_offsets)), tpl.rsvp_role, tpl.created_by,
         int(now.timestamp())))
    return exists


class SqliteEventExtrasRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def save_template(self, template: EventTemplate, now: datetime, *, limit: int) -> bool:
        return await self.db.write_sync(_save, template, now, limit)

    async def template(self, community: Community, name: str) -> EventTemplate | None:
        row = await self.db.fetchone(
            f"SELECT {_TEMPLATE} FROM event_templates WHERE platform = ? AND guild_id = ? AND name = ?",
            (community.platform, community.id, name))
        return None if row is None else _template(row)

    async def templates(self, community: Community) -> list[EventTemplate]:
        rows = await self.db.fetchall(
            f"SELECT {_TEMPLATE} FROM event_templates WHERE platform = ? AND guild_id = ? ORDER BY name",
            (community.platform, community.id))
        return [_template(r) for r in rows]

    async def delete_template(self, community: Community, name: str) -> bool:
        return await self.db.write_sync(lambda conn: conn.execute(
            "DELETE FROM event_templates WHERE platform = ? AND guild_id = ? AND name = ?",
            (community.platform, community.id, name)).rowcount > 0)

    async def set_timezone(self, member: Member, zone: str | None, now: datetime) -> None:
        def write(conn: sqlite3.Connection) -> None:
            if zone is None:
                conn.execute("DELETE FROM member_timezones WHERE platform = ? AND user_id = ?",
                             (member.platform, member.id))
            else:
                conn.execute("INSERT INTO member_timezones (platform, user_id, timezone, updated_at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (platform, user_id) DO UPDATE SET "
                             "timezone = excluded.timezone, updated_at = excluded.updated_at",
                             (member.platform, member.id, zone, int(now.timestamp())))
        await self.db.write_sync(write)

    async def timezone_of(self, member: Member) -> str | None:
        return await self.db.fetchval("SELECT timezone FROM member_timezones WHERE platform = ? AND user_id = ?",
                                      (member.platform, member.id))

    async def going_names(self, event_id: int, limit: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT display_name FROM event_rsvps WHERE event_id = ? AND status = ? ORDER BY seq LIMIT ?",
            (event_id, GOING, limit))
        return [r[0] for r in rows]

    async def native_id(self, event_id: int) -> int | None:
        return await self.db.fetchval("SELECT native_event_id FROM events WHERE id = ?", (event_id,))

    async def set_native_id(self, event_id: int, native_id: int | None) -> None:
        await self.db.write_sync(lambda conn: conn.execute(
            "UPDATE events SET native_event_id = ? WHERE id = ?", (native_id, event_id)))
