"""Reading and writing guild_settings rows."""

from __future__ import annotations

from datetime import datetime, timezone

import aiosqlite

from bot.domain.guild_settings import DEFAULT_OFFSETS, GuildSettings
from bot.storage.database import Database


def _offsets(text: str | None) -> tuple[int, ...]:
    if not text:
        return DEFAULT_OFFSETS
    return tuple(int(x) for x in text.split(",") if x)


class GuildSettingsRepo:
    """Guild settings, cached: every interaction needs them, and this process is the database's only
    writer, so the cache is updated in `save` and can never be stale."""

    def __init__(self, db: Database, *, default_timezone: str, default_language: str) -> None:
        self.db = db
        self.default_timezone = default_timezone
        self.default_language = default_language
        self._cache: dict[int, GuildSettings] = {}

    async def get(self, guild_id: int) -> GuildSettings:
        """The guild's settings, or the defaults when /setup never ran."""
        cached = self._cache.get(guild_id)
        if cached is None:
            cached = self._cache[guild_id] = await self._load(guild_id)
        return cached

    async def _load(self, guild_id: int) -> GuildSettings:
        row = await self.db.fetchone("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        if row is None:
            return GuildSettings.defaults(guild_id, timezone=self.default_timezone,
                                          language=self.default_language)
        return GuildSettings(
            guild_id=guild_id,
            timezone=row["timezone"] or self.default_timezone,
            language=row["language"] or self.default_language,
            announcements_channel=row["announcements_channel"],
            moderation_channel=row["moderation_channel"],
            resources_channel=row["resources_channel"],
            organiser_role=row["organiser_role"],
            moderator_role=row["moderator_role"],
            reminder_offsets=_offsets(row["reminder_offsets"]),
            resource_approval=bool(row["resource_approval"]),
            report_sla_hours=row["report_sla_hours"],
            configured=True,
        )

    async def save(self, s: GuildSettings) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")

        async def run(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                """
                INSERT INTO guild_settings (guild_id, announcements_channel, moderation_channel,
                    resources_channel, organiser_role, moderator_role, timezone, language,
                    reminder_offsets, resource_approval, report_sla_hours, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (guild_id) DO UPDATE SET
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
                    updated_at = excluded.updated_at
                """,
                (s.guild_id, s.announcements_channel, s.moderation_channel, s.resources_channel,
                 s.organiser_role, s.moderator_role, s.timezone, s.language,
                 ",".join(str(m) for m in s.reminder_offsets), int(s.resource_approval),
                 s.report_sla_hours, now),
            )

        await self.db.write(run)
        self._cache[s.guild_id] = s
