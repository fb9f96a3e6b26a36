"""Linked communities and extra posts over PostgreSQL (`bot.ports.links`)."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from bot.domain.identity import Community, MessageRef, Place
from bot.storage.postgres.database import Database


class PostgresLinksRepository:
    """Implements `bot.ports.links.LinksRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def link(self, community: Community, home: Community, now: datetime) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO community_links (platform, community_id, home_platform, home_id, linked_at) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, community_id) DO UPDATE SET "
                "home_platform = excluded.home_platform, home_id = excluded.home_id, linked_at = excluded.linked_at",
                community.platform, community.id, home.platform, home.id, int(now.timestamp()))

        await self.db.write(run)

    async def home_of(self, community: Community) -> Community | None:
        row = await self.db.fetchrow("SELECT home_platform, home_id FROM community_links "
                                     "WHERE platform = $1 AND community_id = $2", community.platform, community.id)
        return None if row is None else Community(row[0], row[1])

    async def linked_to(self, home: Community) -> list[Community]:
        rows = await self.db.fetch("SELECT platform, community_id FROM community_links WHERE home_platform = $1 "
                                   "AND home_id = $2 ORDER BY linked_at, community_id", home.platform, home.id)
        return [Community(r[0], r[1]) for r in rows]

    async def add_post(self, kind: str, entity_id: int, ref: MessageRef) -> None:
        async def run(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO posts (kind, entity_id, platform, place_id, message_id) VALUES ($1, $2, $3, $4, $5) "
                "ON CONFLICT (kind, entity_id, platform, place_id) DO UPDATE SET message_id = excluded.message_id",
                kind, entity_id, ref.place.platform, ref.place.id, ref.id)

        await self.db.write(run)

    async def posts(self, kind: str, entity_id: int) -> list[MessageRef]:
        # Platform names compared byte by byte, as SQLite does (whatever the database's collation).
        rows = await self.db.fetch("SELECT platform, place_id, message_id FROM posts WHERE kind = $1 "
                                   "AND entity_id = $2 ORDER BY platform COLLATE \"C\", place_id", kind, entity_id)
        return [MessageRef(Place(r[0], r[1]), r[2]) for r in rows]
