"""The network of communities on PostgreSQL: invites (hashed, one-time), members and what each shares,
and the append-only audit of every invite, join, share change and leave (migration 0004).

Several processes may act at once: every change takes a transaction-level advisory lock on the
community it is about first (so a community founds at most one network and is in at most one), and
using an invite locks its row (`FOR UPDATE`), so a one-time code is used once even when two
communities type it at the same moment. The primary keys are the last line of defence.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.identity import Community
from bot.domain.network import INVITE, JOIN, LEAVE, SHARE, Membership, NetworkAudit
from bot.storage.postgres.database import Database

Conn = asyncpg.Connection


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int) -> datetime:
    return datetime.fromtimestamp(value, timezone.utc)


async def _lock(conn: Conn, community: Community) -> None:
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('baithak:network:' || $1 || ':' || $2, 0))",
                       community.platform, str(community.id))


async def _audit(conn: Conn, network_id: int, community: Community, actor_id: int, action: str, detail: str,
                 at: int) -> None:
    await conn.execute("""INSERT INTO network_audit (network_id, platform, guild_id, actor_id, action, detail, at)
                          VALUES ($1, $2, $3, $4, $5, $6, $7)""",
                       network_id, community.platform, community.id, actor_id, action, detail, at)


async def _network_of(conn: Conn, community: Community) -> int | None:
    value = await conn.fetchval("SELECT network_id FROM network_members WHERE platform = $1 AND guild_id = $2",
                                community.platform, community.id)
    return None if value is None else int(value)


def _membership(row: Any) -> Membership:
    return Membership(row["network_id"], Community(row["platform"], row["guild_id"]), _dt(row["joined_at"]),
                      bool(row["share_factchecks"]), bool(row["share_resources"]))


class PostgresNetworkRepository:
    """Implements `bot.ports.factchecks.NetworkRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create_invite(self, community: Community, *, code_hash: str, actor_id: int, now: datetime,
                            expires_at: datetime) -> int:
        """Store a one-time invite; the inviting community founds a network if it has none."""
        at = _ts(now)

        async def run(conn: Conn) -> int:
            await _lock(conn, community)
            network_id = await _network_of(conn, community)
            if network_id is None:
                network_id = int(await conn.fetchval("INSERT INTO networks (created_at) VALUES ($1) RETURNING id",
                                                     at))
                await conn.execute("""INSERT INTO network_members (network_id, platform, guild_id, joined_at)
                                      VALUES ($1, $2, $3, $4)""", network_id, community.platform, community.id, at)
                await _audit(conn, network_id, community, actor_id, JOIN, "founded", at)
            await conn.execute("""INSERT INTO network_invites (code_hash, network_id, platform, guild_id, created_by,
                                  created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)""",
                               code_hash, network_id, community.platform, community.id, actor_id, at,
                               _ts(expires_at))
            await _audit(conn, network_id, community, actor_id, INVITE, "", at)
            return network_id

        return await self.db.write(run)

    async def join(self, community: Community, *, code_hash: str, actor_id: int, now: datetime) -> int:
        """Use a one-time code: DomainError 'network.bad_code' (unknown, used or expired),
        'network.already_member' (this community is in a network), nothing changed."""
        at = _ts(now)

        async def run(conn: Conn) -> int:
            await _lock(conn, community)
            invite = await conn.fetchrow("""SELECT network_id FROM network_invites
                WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE""", code_hash, at)
            if invite is None:
                raise DomainError("network.bad_code")
            if await _network_of(conn, community) is not None:
                raise DomainError("network.already_member")
            network_id = int(invite["network_id"])
            if await conn.fetchval("SELECT 1 FROM networks WHERE id = $1", network_id) is None:
                raise DomainError("network.bad_code")
            await conn.execute("""UPDATE network_invites SET used_at = $1, used_by_platform = $2, used_by_guild = $3
                                  WHERE code_hash = $4""", at, community.platform, community.id, code_hash)
            await conn.execute("""INSERT INTO network_members (network_id, platform, guild_id, joined_at)
                                  VALUES ($1, $2, $3, $4)""", network_id, community.platform, community.id, at)
            await _audit(conn, network_id, community, actor_id, JOIN, "", at)
            return network_id

        return await self.db.write(run)

    async def leave(self, community: Community, *, actor_id: int, now: datetime) -> int:
        """Leave the network (its unused invites stop working); DomainError 'network.not_member'."""
        at = _ts(now)

        async def run(conn: Conn) -> int:
            await _lock(conn, community)
            network_id = await _network_of(conn, community)
            if network_id is None:
                raise DomainError("network.not_member")
            await conn.execute("DELETE FROM network_members WHERE platform = $1 AND guild_id = $2",
                               community.platform, community.id)
            await conn.execute("""UPDATE network_invites SET expires_at = $1 WHERE platform = $2 AND guild_id = $3
                                  AND used_at IS NULL AND expires_at > $1""", at, community.platform, community.id)
            await _audit(conn, network_id, community, actor_id, LEAVE, "", at)
            return network_id

        return await self.db.write(run)

    async def set_sharing(self, community: Community, *, factchecks: bool | None, resources: bool | None,
                          actor_id: int, now: datetime) -> Membership:
        async def run(conn: Conn) -> None:
            await _lock(conn, community)
            network_id = await _network_of(conn, community)
            if network_id is None:
                raise DomainError("network.not_member")
            parts = []
            if factchecks is not None:
                await conn.execute("UPDATE network_members SET share_factchecks = $1 WHERE platform = $2 "
                                   "AND guild_id = $3", bool(factchecks), community.platform, community.id)
                parts.append(f"factchecks={'on' if factchecks else 'off'}")
            if resources is not None:
                await conn.execute("UPDATE network_members SET share_resources = $1 WHERE platform = $2 "
                                   "AND guild_id = $3", bool(resources), community.platform, community.id)
                parts.append(f"resources={'on' if resources else 'off'}")
            await _audit(conn, network_id, community, actor_id, SHARE, ",".join(parts), _ts(now))

        await self.db.write(run)
        membership = await self.membership(community)
        assert membership is not None
        return membership

    async def membership(self, community: Community) -> Membership | None:
        row = await self.db.fetchrow("SELECT * FROM network_members WHERE platform = $1 AND guild_id = $2",
                                     community.platform, community.id)
        return None if row is None else _membership(row)

    async def members(self, network_id: int) -> list[Membership]:
        rows = await self.db.fetch("SELECT * FROM network_members WHERE network_id = $1 "
                                   "ORDER BY joined_at, platform, guild_id", network_id)
        return [_membership(r) for r in rows]

    async def audit(self, network_id: int) -> list[NetworkAudit]:
        rows = await self.db.fetch("SELECT * FROM network_audit WHERE network_id = $1 ORDER BY id", network_id)
        return [NetworkAudit(Community(r["platform"], r["guild_id"]), r["actor_id"], r["action"], r["detail"],
                             _dt(r["at"])) for r in rows]
