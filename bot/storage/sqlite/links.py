"""Linked communities and extra posts over SQLite (`bot.ports.links`)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.identity import Community, MessageRef, Place
from bot.storage.sqlite.database import Database


class SqliteLinksRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def link(self, community: Community, home: Community, now: datetime) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO community_links (platform, community_id, home_platform, home_id, linked_at) "
                         "VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, community_id) DO UPDATE SET "
                         "home_platform = excluded.home_platform, home_id = excluded.home_id, "
                         "linked_at = excluded.linked_at",
                         (community.platform, community.id, home.platform, home.id, int(now.timestamp())))

        await self.db.write_sync(run)

    async def home_of(self, community: Community) -> Community | None:
        row = await self.db.fetchone("SELECT home_platform, home_id FROM community_links "
                                     "WHERE platform = ? AND community_id = ?", (community.platform, community.id))
        return None if row is None else Community(row[0], row[1])

    async def linked_to(self, home: Community) -> list[Community]:
        rows = await self.db.fetchall("SELECT platform, community_id FROM community_links WHERE home_platform = ? "
                                      "AND home_id = ? ORDER BY linked_at, community_id", (home.platform, home.id))
        return [Community(r[0], r[1]) for r in rows]

    async def add_post(self, kind: str, entity_id: int, ref: MessageRef) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO posts (kind, entity_id, platform, place_id, message_id) VALUES (?, ?, ?, ?, ?) "
                         "ON CONFLICT (kind, entity_id, platform, place_id) DO UPDATE SET "
                         "message_id = excluded.message_id",
                         (kind, entity_id, ref.place.platform, ref.place.id, ref.id))

        await self.db.write_sync(run)

    async def posts(self, kind: str, entity_id: int) -> list[MessageRef]:
        rows = await self.db.fetchall("SELECT platform, place_id, message_id FROM posts WHERE kind = ? "
                                      "AND entity_id = ? ORDER BY platform, place_id", (kind, entity_id))
        return [MessageRef(Place(r[0], r[1]), r[2]) for r in rows]
