"""A guild's settings, as /setup writes them, with the defaults that apply until it does."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.domain.durations import format_offsets, parse_offsets
from bot.domain.errors import DomainError
from bot.domain.identity import DISCORD

DEFAULT_OFFSETS = (1440, 60)
DEFAULT_SLA_HOURS = 12
LANGUAGES = ("en", "ur")


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    timezone: str
    language: str
    announcements_channel: int | None = None
    moderation_channel: int | None = None
    resources_channel: int | None = None
    organiser_role: int | None = None
    moderator_role: int | None = None
    reminder_offsets: tuple[int, ...] = DEFAULT_OFFSETS
    resource_approval: bool = False
    report_sla_hours: int = DEFAULT_SLA_HOURS
    configured: bool = field(default=False, compare=False)
    platform: str = DISCORD
    digest_day: int | None = None          # 0 Monday .. 6 Sunday; None: no weekly digest
    digest_minute: int | None = None       # minute of the day in `timezone`
    network_verdicts: bool = False         # partner fact-checks answer this community's reports

    @classmethod
    def defaults(cls, guild_id: int, *, timezone: str, language: str,
                 platform: str = DISCORD) -> "GuildSettings":
        """Settings for a guild that never ran /setup: the bot-wide zone and language."""
        return cls(guild_id=guild_id, timezone=timezone, language=language, platform=platform)


@dataclass(frozen=True)
class SettingsChange:
    """What /setup was asked to change; None means 'leave as is'."""

    announcements_channel: int | None = None
    moderation_channel: int | None = None
    resources_channel: int | None = None
    organiser_role: int | None = None
    moderator_role: int | None = None
    timezone: str | None = None
    language: str | None = None
    reminders: str | None = None
    resource_approval: bool | None = None
    report_sla_hours: int | None = None
    digest: str | None = None              # "friday 18:00" or "off" (bot.domain.digest.parse_slot)
    network_verdicts: bool | None = None

    def is_empty(self) -> bool:
        return all(v is None for v in self.__dict__.values())


def apply_change(current: GuildSettings, change: SettingsChange, *,
                 zone_is_valid: Any) -> GuildSettings:
    """The settings after `change`, validated as a whole: nothing is applied if any value is bad."""
    updates: dict[str, Any] = {}
    for name in ("announcements_channel", "moderation_channel", "resources_channel",
                 "organiser_role", "moderator_role"):
        value = getattr(change, name)
        if value is not None:
            updates[name] = value
    if change.timezone is not None:
        zone = change.timezone.strip()
        if not zone_is_valid(zone):
            raise DomainError("setup.bad_timezone", value=change.timezone[:64])
        updates["timezone"] = zone
    if change.language is not None:
        if change.language not in LANGUAGES:
            raise DomainError("setup.bad_language", value=change.language)
        updates["language"] = change.language
    if change.reminders is not None:
        updates["reminder_offsets"] = parse_offsets(change.reminders)
    if change.resource_approval is not None:
        updates["resource_approval"] = change.resource_approval
    if change.report_sla_hours is not None:
        if not 1 <= change.report_sla_hours <= 720:
            raise DomainError("setup.bad_sla", value=change.report_sla_hours)
        updates["report_sla_hours"] = change.report_sla_hours
    if change.digest is not None:
        from bot.domain.digest import parse_slot

        updates["digest_day"], updates["digest_minute"] = parse_slot(change.digest)
    if change.network_verdicts is not None:
        updates["network_verdicts"] = change.network_verdicts
    return replace(current, configured=True, **updates)


def offsets_text(settings: GuildSettings) -> str:
    return format_offsets(settings.reminder_offsets)
