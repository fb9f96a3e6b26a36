"""Rows as the domain's objects, shared by every storage driver: a sqlite3.Row and an asyncpg.Record
both read by column name, and both drivers store times as unix seconds."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from bot.domain.guild_settings import DEFAULT_OFFSETS, GuildSettings
from bot.domain.identity import Community
from bot.domain.reports import Case, Escalation, Evidence


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


def case_from_row(row: Any) -> Case:
    """A case from a row of the drivers' case query (the case, its first report's evidence and
    details, its escalation as e_* columns)."""
    escalation = None
    if row["e_platform"] is not None:
        escalation = Escalation(platform=row["e_platform"], external_ref=row["e_ref"],
                                escalated_at=_dt(row["e_at"]), escalated_by=row["e_by"],  # type: ignore[arg-type]
                                outcome=row["e_outcome"], outcome_at=_dt(row["e_outcome_at"]))
    return Case(
        id=row["id"], guild_id=row["guild_id"], number=row["number"], category=row["category"],
        urgent=bool(row["urgent"]), status=row["status"], created_at=_dt(row["created_at"]),  # type: ignore[arg-type]
        evidence=Evidence.from_json(row["evidence"]), details=row["details"],
        report_count=row["report_count"], reporter_count=row["reporter_count"],
        last_report_at=_dt(row["last_report_at"]), claimed_by=row["claimed_by"],
        claimed_at=_dt(row["claimed_at"]), closed_by=row["closed_by"], closed_at=_dt(row["closed_at"]),
        outcome=row["outcome"], resolution_note=row["resolution_note"],
        dismiss_reason=row["dismiss_reason"], card_channel_id=row["card_channel_id"],
        card_message_id=row["card_message_id"], sla_hours=row["sla_hours"],
        sla_due_at=_dt(row["sla_due_at"]), sla_notices=row["sla_notices"],
        sla_raised_at=_dt(row["sla_raised_at"]), escalation=escalation, platform=row["platform"],
    )


def settings_from_row(community: Community, row: Any) -> GuildSettings:
    """A community's stored settings from its guild_settings row."""
    text = row["reminder_offsets"]
    offsets = tuple(int(x) for x in text.split(",") if x) if text else DEFAULT_OFFSETS
    return GuildSettings(
        guild_id=community.id,
        platform=community.platform,
        timezone=row["timezone"],
        language=row["language"],
        announcements_channel=row["announcements_channel"],
        moderation_channel=row["moderation_channel"],
        resources_channel=row["resources_channel"],
        organiser_role=row["organiser_role"],
        moderator_role=row["moderator_role"],
        reminder_offsets=offsets,
        resource_approval=bool(row["resource_approval"]),
        report_sla_hours=row["report_sla_hours"],
        configured=True,
        digest_day=row["digest_day"],
        digest_minute=row["digest_minute"],
        network_verdicts=bool(row["network_verdicts"]),
    )
