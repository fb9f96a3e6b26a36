"""The network of communities in SQLite: invites (hashed, one-time), members and what each shares,
and the append-only audit of every invite, join, share change and leave."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from bot.domain.errors import DomainError
from bot.domain.identity import Community
from bot.domain.network import INVITE, JOIN, LEAVE, SHARE, Membership, NetworkAudit
from bot.storage.sqlite.database import Database


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int) -> datetime:
    return datetime.fromtimestamp(value, timezone.utc)


def _audit(conn: sqlite3.Connection, network_id: int, community: Community, actor_id: int, action: str,
           detail: str, at: int) -> None:
    conn.execute("""INSERT INTO network_audit (network_id, platform, guild_id, actor_id, action, detail, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                 (network_id, community.platform, community.id, actor_id, action, detail, at))


def _network_of(conn: sqlite3.Connection, community: Community) -> int | None:
    row = conn.execute("SELECT network_id FROM network_members WHERE platform = ? AND guild_id = ?",
                       (community.platform, community.id)).fetchone()
    return None if row is None else int(row[0])


def _membership(row: sqlite3.Row) -> Membership:
    return Membership(row["network_id"], Community(row["platform"], row["guild_id"]), _dt(row["joined_at"]),
                      bool(row["share_factchecks"]), bool(row["share_resources"]))


class SqliteNetworkRepository:
    """Implements `bot.ports.network.NetworkRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create_invite(self, community: Community, *, code_hash: str, actor_id: int, now: datetime,
                            expires_at: datetime) -> int:
        """Store a one-time invite; the inviting community founds a network if it has none."""
        def run(conn: sqlite3.Connection) -> int:
            at = _ts(now)
            network_id = _network_of(conn, community)
            if network_id is None:
                network_id = int(conn.execute("INSERT INTO networks (created_at) VALUES (?) RETURNING id",
                                              (at,)).fetchone()[0])
                conn.execute("""INSERT INTO network_members (network_id, platform, guild_id, joined_at)
                                VALUES (?, ?, ?, ?)""", (network_id, community.platform, community.id, at))
                _audit(conn, network_id, community, actor_id, JOIN, "founded", at)
            conn.execute("""INSERT INTO network_invites (code_hash, network_id, platform, guild_id, created_by,
                            created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                         (code_hash, network_id, community.platform, community.id, actor_id, at, _ts(expires_at)))
            _audit(conn, network_id, community, actor_id, INVITE, "", at)
            return network_id
        return await self.db.write_sync(run)

    async def join(self, community: Community, *, code_hash: str, actor_id: int, now: datetime) -> int:
        """Use a one-time code: DomainError 'network.bad_code' (unknown, used or expired),
        'network.already_member' (this community is in a network), nothing changed."""
        def run(conn: sqlite3.Connection) -> int:
            at = _ts(now)
            invite = conn.execute("""SELECT network_id FROM network_invites
                WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?""", (code_hash, at)).fetchone()
            if invite is None:
                raise DomainError("network.bad_code")
            if _network_of(conn, community) is not None:
                raise DomainError("network.already_member")
            network_id = int(invite[0])
            if conn.execute("SELECT 1 FROM networks WHERE id = ?", (network_id,)).fetchone() is None:
                raise DomainError("network.bad_code")
            conn.execute("""UPDATE network_invites SET used_at = ?, used_by_platform = ?, used_by_guild = ?
                            WHERE code_hash = ?""", (at, community.platform, community.id, code_hash))
            conn.execute("""INSERT INTO network_members (network_id, platform, guild_id, joined_at)
                            VALUES (?, ?, ?, ?)""", (network_id, community.platform, community.id, at))
            _audit(conn, network_id, community, actor_id, JOIN, "", at)
            return network_id
        return await self.db.write_sync(run)

    async def leave(self, community: Community, *, actor_id: int, now: datetime) -> int:
        """Leave the network (its unused invites stop working); DomainError 'network.not_member'."""
        def run(conn: sqlite3.Connection) -> int:
            at = _ts(now)
            network_id = _network_of(conn, community)
            if network_id is None:
                raise DomainError("network.not_member")
            conn.execute("DELETE FROM network_members WHERE platform = ? AND guild_id = ?",
                         (community.platform, community.id))
            conn.execute("""UPDATE network_invites SET expires_at = ? WHERE platform = ? AND guild_id = ?
                            AND used_at IS NULL AND expires_at > ?""", (at, community.platform, community.id, at))
            _audit(conn, network_id, community, actor_id, LEAVE, "", at)
            return network_id
        return await self.db.write_sync(run)

    async def set_sharing(self, community: Community, *, factchecks: bool | None, resources: bool | None,
                          actor_id: int, now: datetime) -> Membership:
        def run(conn: sqlite3.Connection) -> None:
            network_id = _network_of(conn, community)
            if network_id is None:
                raise DomainError("network.not_member")
            parts = []
            if factchecks is not None:
                conn.execute("UPDATE network_members SET share_factchecks = ? WHERE platform = ? AND guild_id = ?",
                             (int(factchecks), community.platform, community.id))
                parts.append(f"factchecks={'on' if factchecks else 'off'}")
            if resources is not None:
                conn.execute("UPDATE network_members SET share_resources = ? WHERE platform = ? AND guild_id = ?",
                             (int(resources), community.platform, community.id))
                parts.append(f"resources={'on' if resources else 'off'}")
            _audit(conn, network_id, community, actor_id, SHARE, ",".join(parts), _ts(now))
        await self.db.write_sync(run)
        membership = await self.membership(community)
        assert membership is not None
        return membership

    async def membership(self, community: Community) -> Membership | None:
        row = await self.db.fetchone("SELECT * FROM network_members WHERE platform = ? AND guild_id = ?",
                                     (community.platform, community.id))
        return None if row is None else _membership(row)

    async def members(self, network_id: int) -> list[Membership]:
        rows = await self.db.fetchall("SELECT * FROM network_members WHERE network_id = ? ORDER BY joined_at",
                                      (network_id,))
        return [_membership(r) for r in rows]

    async def audit(self, network_id: int) -> list[NetworkAudit]:
        rows = await self.db.fetchall("SELECT * FROM network_audit WHERE network_id = ? ORDER BY id",
                                      (network_id,))
        return [NetworkAudit(Community(r["platform"], r["guild_id"]), r["actor_id"], r["action"], r["detail"],
                             _dt(r["at"])) for r in rows]
