"""Reading and writing guild_settings rows on PostgreSQL (one per community: platform and id).

Saving also sends `NOTIFY baithak_settings, '<platform>:<id>'` in the same transaction, so every
other process on the database forgets its cached copy once the change is committed.
"""

from __future__ import annotations

from datetime import datetime, timezone

from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community
from bot.storage.postgres.database import Database
from bot.storage.rows import settings_from_row

CHANNEL = "baithak_settings"



def notice(community: Community) -> str:
    """The NOTIFY payload naming a community."""
    return f"{community.platform}:{community.id}"


def parse_notice(payload: str) -> Community | None:
    """The community a NOTIFY payload names, or None when it is not one of ours."""
    platform, _, raw = payload.partition(":")
    if not platform or not raw.lstrip("-").isdigit():
        return None
    return Community(platform, int(raw))


class PostgresSettingsRepository:
    """Implements `bot.ports.settings.SettingsRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, community: Community) -> GuildSettings | None:
        row = await self.db.fetchrow("SELECT * FROM guild_settings WHERE platform = $1 AND guild_id = $2",
                                     community.platform, community.id)
        if row is None:
            return None
        return settings_from_row(community, row)

    async def communities(self, platform: str) -> list[int]:
        rows = await self.db.fetch("SELECT guild_id FROM guild_settings WHERE platform = $1 ORDER BY guild_id",
                                   platform)
        return [r[0] for r in rows]

    async def save(self, s: GuildSettings) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")

        async def run(conn) -> None:
            await conn.execute(
                """
                INSERT INTO guild_settings (platform, guild_id, announcements_channel, moderation_channel,
                    resources_channel, organiser_role, moderator_role, timezone, language,
                    reminder_offsets, resource_approval, report_sla_hours, updated_at,
                    digest_day, digest_minute, network_verdicts)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
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
                s.platform, s.guild_id, s.announcements_channel, s.moderation_channel,
                s.resources_channel, s.organiser_role, s.moderator_role, s.timezone, s.language,
                ",".join(str(m) for m in s.reminder_offsets), bool(s.resource_approval),
                s.report_sla_hours, now, s.digest_day, s.digest_minute, bool(s.network_verdicts),
            )
            # Delivered to listeners only when this transaction commits.
            await conn.execute("SELECT pg_notify($1, $2)", CHANNEL,
                               notice(Community(s.platform, s.guild_id)))

        await self.db.write(run)
