"""The triage status machine: new -> triaging (claimed) -> escalated -> resolved | dismissed.

Each rule checks who is acting, that the case belongs to their server and that the step is valid from
the case's current status, then returns the status changes to apply. Storage applies them with the
expected current status in the WHERE clause, so a stale button (a case already moved on) changes
nothing. Escalating, resolving or dismissing a case nobody claimed first claims it for the actor: the
audit log then shows both steps, and the time to first claim stays meaningful.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_categories import (
    CLOSED_STATUSES,
    STATUS_DISMISSED,
    STATUS_ESCALATED,
    STATUS_NEW,
    STATUS_RESOLVED,
    STATUS_TRIAGING,
    check_outcome,
    check_platform,
    check_platform_outcome,
)
from bot.domain.reports import Case
from bot.domain.roles import Actor, require_admin, require_guild, require_moderator

MAX_REASON = 500
MAX_EXTERNAL_REF = 200

# The only moves the schema accepts too (a trigger in bot/storage/sqlite/migrations/0004_reports.sql).
TRANSITIONS: dict[str, frozenset[str]] = {
    STATUS_NEW: frozenset({STATUS_TRIAGING}),
    STATUS_TRIAGING: frozenset({STATUS_ESCALATED, STATUS_RESOLVED, STATUS_DISMISSED}),
    STATUS_ESCALATED: frozenset({STATUS_RESOLVED, STATUS_DISMISSED}),
    STATUS_RESOLVED: frozenset(),
    STATUS_DISMISSED: frozenset(),
}


# Escalate and resolve audit reasons are "<platform or outcome key>: <free text>"; the key is
# translated when shown, the free text never.
REASON_SEPARATOR = ": "


def reason_parts(reason: str) -> tuple[str, str | None]:
    """The vocabulary key and the free text of an escalate or resolve audit reason."""
    key, sep, rest = reason.partition(REASON_SEPARATOR)
    return key, (rest if sep else None)


@dataclass(frozen=True)
class Change:
    """One status change, written with its audit row."""

    from_status: str
    to_status: str
    reason: str | None = None


def _check_access(case: Case, actor: Actor, settings: GuildSettings) -> None:
    # Another guild's case is "not found" before anything else is said about it.
    require_guild(actor, case.guild_id)
    require_moderator(actor, settings)


def _check_open(case: Case) -> None:
    if case.status in CLOSED_STATUSES:
        raise DomainError("reports.already_closed", ref=case.ref)


def _claim_first(case: Case) -> list[Change]:
    return [Change(STATUS_NEW, STATUS_TRIAGING)] if case.status == STATUS_NEW else []


def _text(value: str | None, field: str, limit: int) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise DomainError("common.too_long", field=field, limit=limit)
    return text or None


def plan_claim(case: Case, actor: Actor, settings: GuildSettings) -> list[Change]:
    """Claim a new case: it moves to triaging under the actor's name."""
    _check_access(case, actor, settings)
    _check_open(case)
    if case.status != STATUS_NEW:
        raise DomainError("reports.already_claimed", ref=case.ref)
    return [Change(STATUS_NEW, STATUS_TRIAGING)]


def plan_escalate(case: Case, actor: Actor, settings: GuildSettings, platform: str,
                  external_ref: str | None) -> tuple[list[Change], str, str | None]:
    """Escalate to a platform: (changes, platform, cleaned external reference)."""
    _check_access(case, actor, settings)
    _check_open(case)
    check_platform(platform)
    if case.status == STATUS_ESCALATED:
        raise DomainError("reports.already_escalated", ref=case.ref)
    ref = _text(external_ref, "reference", MAX_EXTERNAL_REF)
    reason = platform if ref is None else f"{platform}{REASON_SEPARATOR}{ref}"
    return _claim_first(case) + [Change(STATUS_TRIAGING, STATUS_ESCALATED, reason)], platform, ref


def plan_resolve(case: Case, actor: Actor, settings: GuildSettings, outcome: str,
                 note: str | None) -> tuple[list[Change], str, str | None]:
    """Resolve with an outcome (actioned, no violation, duplicate) and an optional note to reporters."""
    _check_access(case, actor, settings)
    _check_open(case)
    check_outcome(outcome)
    cleaned = _text(note, "note", MAX_REASON)
    current = STATUS_TRIAGING if case.status == STATUS_NEW else case.status
    reason = outcome if cleaned is None else f"{outcome}{REASON_SEPARATOR}{cleaned}"
    return _claim_first(case) + [Change(current, STATUS_RESOLVED, reason)], outcome, cleaned


def plan_dismiss(case: Case, actor: Actor, settings: GuildSettings,
                 reason: str | None) -> tuple[list[Change], str]:
    """Dismiss with a reason (required): (changes, cleaned reason)."""
    _check_access(case, actor, settings)
    _check_open(case)
    cleaned = _text(reason, "reason", MAX_REASON)
    if cleaned is None:
        raise DomainError("reports.reason_required")
    current = STATUS_TRIAGING if case.status == STATUS_NEW else case.status
    return _claim_first(case) + [Change(current, STATUS_DISMISSED, cleaned)], cleaned


def plan_platform_outcome(case: Case, actor: Actor, settings: GuildSettings, outcome: str) -> str:
    """Record what the platform later did with an escalation (allowed after the case is closed too:
    platforms often answer weeks later)."""
    _check_access(case, actor, settings)
    check_platform_outcome(outcome)
    if case.escalation is None:
        raise DomainError("reports.not_escalated", ref=case.ref)
    return outcome


def check_reveal(case: Case, actor: Actor) -> None:
    """Only admins see who reported a case; the caller audits every reveal."""
    require_guild(actor, case.guild_id)
    require_admin(actor)


def check_view(case: Case, actor: Actor, settings: GuildSettings) -> None:
    """Moderators (and admins) of the case's server may look at it."""
    _check_access(case, actor, settings)
