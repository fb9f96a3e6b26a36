"""Actions on a reported message from its case card: delete the message, time out its author, warn
its author by DM. Each needs a moderator of the case's community, a case whose evidence names the
message (or its author), a reason, and, for a timeout, a duration from 10 minutes to 7 days. The
bot's own permission is checked by the app through the platform before anything is done."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_status import check_view
from bot.domain.reports import Case
from bot.domain.roles import Actor, require_moderator

DELETE = "delete"
TIMEOUT = "timeout"
WARN = "warn"
ACTIONS = (DELETE, TIMEOUT, WARN)

MIN_TIMEOUT = 10 * 60
MAX_TIMEOUT = 7 * 24 * 3600
# The durations offered (seconds): 10 minutes, 1 hour, 6 hours, 1 day, 3 days, 7 days.
TIMEOUT_CHOICES = (600, 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400)
MAX_REASON = 500


@dataclass(frozen=True)
class Target:
    """What an action acts on, from the case's evidence (never changed since intake)."""

    channel_id: int | None
    message_id: int | None
    author_id: int | None
    platform: str = ""   # where the message and its author are (a linked group's may differ from the case's)


def target_of(case: Case) -> Target:
    ev = case.evidence
    return Target(ev.channel_id, ev.message_id, ev.author_id, ev.platform or case.platform)


def offers(case: Case) -> tuple[str, ...]:
    """The actions the case's evidence allows: a message reported from the server can be deleted and
    its author timed out or warned; a link or pasted text from elsewhere, none."""
    target = target_of(case)
    found: list[str] = []
    if target.channel_id is not None and target.message_id is not None and case.evidence.source == "message":
        found.append(DELETE)
    if target.author_id is not None:
        found += [TIMEOUT, WARN]
    return tuple(found)


def plan_action(case: Case, actor: Actor, settings: GuildSettings, action: str) -> Target:
    """Refuse an action before anything is asked or done: a moderator of the case's community, an
    action the evidence allows."""
    require_moderator(actor, settings)
    check_view(case, actor, settings)
    if action not in ACTIONS:
        raise DomainError("common.not_found")
    if action not in offers(case):
        raise DomainError("actions.no_target", ref=case.ref)
    return target_of(case)


def clean_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise DomainError("actions.reason_required")
    if len(text) > MAX_REASON:
        raise DomainError("common.too_long", field="reason", limit=MAX_REASON)
    return text


def check_duration(seconds: int | None) -> int:
    """A timeout's length: 10 minutes to 7 days."""
    if seconds is None or not MIN_TIMEOUT <= seconds <= MAX_TIMEOUT:
        raise DomainError("actions.bad_duration")
    return seconds
