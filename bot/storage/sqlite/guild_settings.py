"""Reading and writing guild_settings rows (one per community: platform and id)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community
from bot.storage.rows import settings_from_row
from bot.storage.sqlite.database import Database



class SqliteSettingsRepository:
    """Implements `bot.ports.settings.SettingsRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, community: Community) -> GuildSettings | None:
        row = await self.db.fetchone("SELECT * FROM guild_settings WHERE platform = ? AND guild_id = ?",
                                     (community.platform, community.id))
        if row is None:
            return None
        return settings_from_row(community, row)

    async def communities(self, platform: str) -> list[int]:
        rows = await self.db.fetchall("SELECT guild_id FROM guild_settings WHERE platform = ? ORDER BY guild_id",
                                      (platform,))
        return [r[0] for r in rows]

    async def save(self, s: GuildSettings) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")

        def run(conn: sqlite3.Connection) -> None:
            conn.execute(
                """
                INSERT INTO guild_settings (platform, guild_id, announcements_channel, moderation_channel,
                    resources_channel, organiser_role, moderator_role, timezone, language,
                    reminder_offsets, resource_approval, report_sla_hours, updated_at,
                    digest_day, digest_minute, network_verdicts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, guild_id) DO UPDATE SET
                    announcements_channel = excluded.announcements_channel,
                    moderation_channel = excluded.moderation_channel,
                    resources_channel = excluded.resources_channel,
                    organiser_role = excluded.organiser_role,
                    moderator_role = excluded.moderator_role,
                    timezone = excluded.timezone,
                    language = excluded.language,
                    reminder_offsets = excluded.reminder_offsets,
                    resource_approval = excluded.resource_approval,
                    report_sla_hours = excluded.report_sla_hours,
                    updated_at = excluded.updated_at,
                    digest_day = excluded.digest_day,
                    digest_minute = excluded.digest_minute,
                    network_verdicts = excluded.network_verdicts
                """,
                (s.platform, s.guild_id, s.announcements_channel, s.moderation_channel,
                 s.resources_channel, s.organiser_role, s.moderator_role, s.timezone, s.language,
                 ",".join(str(m) for m in s.reminder_offsets), int(s.resource_approval),
                 s.report_sla_hours, now, s.digest_day, s.digest_minute, int(s.network_verdicts)),
            )

        await self.db.write_sync(run)
