"""Report intake: evidence snapshots, what a report is keyed by for duplicates, the abuse limit, and the
case read model that the triage rules, the card and the exports work from.

Evidence is captured once, at intake, from what the front end saw (the interaction's resolved message,
or the link or text the reporter pasted) and is never changed afterwards: the database keeps report
rows append-only. Media is described (name, type, size, URL) and never downloaded or re-posted.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Sequence

from bot.domain.errors import DomainError
from bot.domain.report_categories import (
    OPEN_STATUSES,
    STATUS_NEW,
    check_category,
    is_urgent,
    reference,
)
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.report_duplicates import (Candidate, best_match, identifiers, is_matchable, normalise_text,
                                          text_hash)
from bot.domain.report_sla import first_due
from bot.domain.urls import normalise_url, url_key

MAX_TARGET = 4000
MAX_DETAILS = 1000
MAX_CONTENT = 4000           # message text kept in the snapshot (Discord allows 4000 with Nitro)
MAX_ATTACHMENTS = 10

# Abuse limit (PRODUCT.md): at most 5 reports per member per 10 minutes, counted from stored rows.
RATE_LIMIT_COUNT = 5
RATE_LIMIT_WINDOW = timedelta(minutes=10)

URGENT_SLA_HOURS = 1

_JUMP = re.compile(r"^https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/channels/(\d+|@me)/(\d+)/(\d+)/?$",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    """What is known about a reported file; the file itself is never fetched."""

    name: str
    content_type: str | None
    size: int
    url: str


@dataclass(frozen=True)
class Evidence:
    """The snapshot taken at intake. `source` is `message`, `link` or `text`."""

    source: str
    content: str = ""
    link: str | None = None                  # the link as normalised for display
    author_id: int | None = None
    author_name: str | None = None
    channel_id: int | None = None
    message_id: int | None = None
    jump_url: str | None = None
    posted_at: str | None = None             # ISO-8601 UTC, as the message says
    edited_at: str | None = None
    captured_at: str = ""
    attachments: tuple[Attachment, ...] = ()
    # Where the reported message is when that is not the community's platform (a message in a
    # Telegram group that joined a Discord community); None: the community's own platform.
    platform: str | None = None

    def to_json(self) -> str:
        data = asdict(self)
        data["attachments"] = [asdict(a) for a in self.attachments]
        if data["platform"] is None:  # stored as before when it is the community's platform
            del data["platform"]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Evidence":
        data: dict[str, Any] = json.loads(text)
        data["attachments"] = tuple(Attachment(**a) for a in data.get("attachments", ()))
        return cls(**data)


@dataclass(frozen=True)
class Intake:
    """One report as it will be stored, with the keys that find an existing case for it."""

    guild_id: int
    reporter_id: int
    category: str
    evidence: Evidence
    details: str | None = None
    message_id: int | None = None
    channel_id: int | None = None
    link_key: str | None = None
    normalised: str = ""
    text_hash: str | None = None
    platform: str = DISCORD   # the community's platform, and the reporter's unless said otherwise
    reporter_platform: str | None = None  # a member of a linked community on another platform

    @property
    def urgent(self) -> bool:
        return is_urgent(self.category)

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)

    @property
    def reporter(self) -> Member:
        return Member(self.reporter_platform or self.platform, self.reporter_id)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _clean_details(details: str | None) -> str | None:
    text = (details or "").strip()
    if not text:
        return None
    if len(text) > MAX_DETAILS:
        raise DomainError("common.too_long", field="details", limit=MAX_DETAILS)
    return text


def _text_keys(content: str) -> tuple[str, str | None]:
    normalised = normalise_text(content)
    return normalised, (text_hash(normalised) if is_matchable(normalised) else None)


def _single_link(text: str) -> str | None:
    """`text` as a link when the whole of it is one http(s) URL (or a bare `host.tld/path`)."""
    stripped = text.strip().strip("<>")
    if not stripped or any(c.isspace() for c in stripped):
        return None
    lowered = stripped.lower()
    if lowered.startswith(("http://", "https://")) or re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", lowered):
        try:
            return normalise_url(stripped)
        except DomainError:
            return None
    return None


def intake_from_message(*, guild_id: int, reporter_id: int, category: str, now: datetime,
                        content: str, author_id: int, author_name: str, channel_id: int,
                        message_id: int, jump_url: str, posted_at: datetime | None,
                        edited_at: datetime | None, attachments: list[Attachment],
                        details: str | None = None, platform: str = DISCORD) -> Intake:
    """A report of a message on this server, from the context menu's resolved message."""
    check_category(category)
    if author_id == reporter_id:
        raise DomainError("reports.own_message")
    evidence = Evidence(
        source="message", content=(content or "")[:MAX_CONTENT], author_id=author_id,
        author_name=author_name, channel_id=channel_id, message_id=message_id, jump_url=jump_url,
        posted_at=_iso(posted_at), edited_at=_iso(edited_at), captured_at=_iso(now) or "",
        attachments=tuple(attachments[:MAX_ATTACHMENTS]),
    )
    link = _single_link(content or "")
    normalised, hashed = _text_keys(content or "")
    return Intake(guild_id=guild_id, reporter_id=reporter_id, category=category, evidence=evidence,
                  details=_clean_details(details), message_id=message_id, channel_id=channel_id,
                  link_key=url_key(link) if link else None, normalised=normalised, text_hash=hashed,
                  platform=platform)


def with_details(intake: Intake, *, category: str, details: str | None) -> Intake:
    """A snapshot taken before the form was filled in, with the reporter's category and details."""
    from dataclasses import replace

    return replace(intake, category=check_category(category), details=_clean_details(details))


def intake_from_target(*, guild_id: int, reporter_id: int, category: str, target: str,
                       now: datetime, details: str | None = None, platform: str = DISCORD) -> Intake:
    """A report from `/report`: `target` is a link (to any platform, or a Discord message link on this
    server) or pasted text such as a forwarded post."""
    check_category(category)
    text = (target or "").strip()
    if not text:
        raise DomainError("reports.empty_target")
    if len(text) > MAX_TARGET:
        raise DomainError("common.too_long", field="target", limit=MAX_TARGET)
    captured = _iso(now) or ""
    jump = _JUMP.match(text.strip("<>"))
    if jump:
        if jump.group(1) != str(guild_id):
            raise DomainError("reports.other_server_link")
        channel_id, message_id = int(jump.group(2)), int(jump.group(3))
        evidence = Evidence(source="link", link=text.strip("<>"), channel_id=channel_id,
                            message_id=message_id, jump_url=text.strip("<>"), captured_at=captured)
        # A message link is the same message as a context-menu report of it.
        return Intake(guild_id=guild_id, reporter_id=reporter_id, category=category, evidence=evidence,
                      details=_clean_details(details), message_id=message_id, channel_id=channel_id,
                      platform=platform)
    link = _single_link(text)
    if link is not None:
        evidence = Evidence(source="link", content=text, link=link, captured_at=captured)
        return Intake(guild_id=guild_id, reporter_id=reporter_id, category=category, evidence=evidence,
                      details=_clean_details(details), link_key=url_key(link), platform=platform)
    normalised, hashed = _text_keys(text)
    evidence = Evidence(source="text", content=text, captured_at=captured)
    return Intake(guild_id=guild_id, reporter_id=reporter_id, category=category, evidence=evidence,
                  details=_clean_details(details), normalised=normalised, text_hash=hashed,
                  platform=platform)


def check_rate_limit(recent: list[datetime], now: datetime) -> None:
    """Refuse a sixth report inside ten minutes. `recent` are the member's report times (any order)."""
    window_start = now - RATE_LIMIT_WINDOW
    inside = sorted(m for m in recent if m > window_start)
    if len(inside) >= RATE_LIMIT_COUNT:
        # The oldest report that still counts leaves the window first.
        free_at = inside[-RATE_LIMIT_COUNT] + RATE_LIMIT_WINDOW
        minutes = max(1, int((free_at - now).total_seconds() + 59) // 60)
        raise DomainError("reports.rate_limited", count=RATE_LIMIT_COUNT,
                          window=int(RATE_LIMIT_WINDOW.total_seconds() // 60), minutes=minutes)


def sla_hours_for(category: str, guild_sla_hours: int) -> int:
    """The SLA window of a new case: one hour for urgent categories, the guild's setting otherwise."""
    return min(URGENT_SLA_HOURS, guild_sla_hours) if is_urgent(category) else guild_sla_hours


@dataclass(frozen=True)
class Escalation:
    platform: str
    external_ref: str | None
    escalated_at: datetime
    escalated_by: int
    outcome: str
    outcome_at: datetime | None = None


@dataclass(frozen=True)
class Case:
    """A case as moderators see it: never the reporters' identities, only how many there are."""

    id: int
    guild_id: int
    number: int
    category: str
    urgent: bool
    status: str
    created_at: datetime
    evidence: Evidence
    details: str | None = None
    report_count: int = 1
    reporter_count: int = 1
    last_report_at: datetime | None = None
    claimed_by: int | None = None
    claimed_at: datetime | None = None
    closed_by: int | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    resolution_note: str | None = None
    dismiss_reason: str | None = None
    card_channel_id: int | None = None
    card_message_id: int | None = None
    sla_hours: int = 12
    sla_due_at: datetime | None = None
    sla_notices: int = 0
    sla_raised_at: datetime | None = None
    escalation: Escalation | None = None
    platform: str = DISCORD
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)

    @property
    def ref(self) -> str:
        return reference(self.number)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor_id: int | None
    action: str
    from_status: str | None
    to_status: str | None
    reason: str | None


@dataclass(frozen=True)
class IntakeResult:
    """What the reporter is told: the case, and whether their report joined an existing one."""

    case_id: int
    number: int
    joined: bool
    urgent: bool
    sla_due_at: datetime | None = None   # set when a new case was opened or an open one became urgent
    became_urgent: bool = False          # an urgent report joined a case that was not urgent

    @property
    def ref(self) -> str:
        return reference(self.number)


@dataclass(frozen=True)
class ReporterEntry:
    """Who reported a case, for an admin's reveal only."""

    reporter_id: int
    reported_at: datetime
    details: str | None
    platform: str = DISCORD

    @property
    def reporter(self) -> Member:
        return Member(self.platform, self.reporter_id)


@dataclass(frozen=True)
class SlaDue:
    """An unclaimed case and when its next SLA check is due."""

    case_id: int
    due_at: datetime


# -- join or open: which case a new report belongs to ----------------------------------------------
# Storage supplies the candidates (index lookups, an FTS prefilter); these rules decide; storage
# applies the decision in the same transaction.

def choose_case(exact: Sequence[int | None], normalised: str,
                similar: Callable[[], Sequence[Candidate]], *, keys: frozenset[str] | None = None) -> int | None:
    """The open case a report joins: the first exact match in `exact` (same message, then same link
    key, then identical text, each already limited to open cases and, for text, the last 30 days),
    else the most similar near-identical text among `similar()` (asked for only when no exact match
    was found, since finding those candidates costs an index query). With `keys` (the report's
    `identifiers`), a near-identical text that differs in a number, link or handle is not a match."""
    for case_id in exact:
        if case_id is not None:
            return case_id
    candidates = similar()
    return best_match(normalised, candidates, keys=keys) if candidates else None


@dataclass(frozen=True)
class JoinTarget:
    """The state of the open case a report was matched to, as the join rule needs it."""

    case_id: int
    number: int
    urgent: bool
    status: str
    sla_due_at: datetime | None
    reported_by_this_member: bool


@dataclass(frozen=True)
class IntakePlan:
    """What storing a report does: join `join` (or open a new case when None), whether the case is
    urgent afterwards, and the SLA to write (None: leave the case's SLA as it is)."""

    join: int | None
    urgent: bool
    became_urgent: bool = False
    sla_hours: int | None = None
    sla_due_at: datetime | None = None


def plan_intake(intake: Intake, target: JoinTarget | None, *, now: datetime, sla_hours: int) -> IntakePlan:
    """Join `target` or open a new case. A member reports a case once; an urgent report makes a
    normal case urgent (moderators are pinged), and an unclaimed case then gets the urgent SLA from
    now on, never later than the check it already had."""
    if target is None:
        return IntakePlan(join=None, urgent=intake.urgent, sla_hours=sla_hours,
                          sla_due_at=first_due(now, sla_hours))
    if target.reported_by_this_member:
        raise DomainError("reports.already_reported", ref=reference(target.number))
    if not intake.urgent or target.urgent:
        return IntakePlan(join=target.case_id, urgent=target.urgent)
    due: datetime | None = None
    if target.status == STATUS_NEW:
        due = first_due(now, sla_hours)
        if target.sla_due_at is not None:
            due = min(due, target.sla_due_at)
    return IntakePlan(join=target.case_id, urgent=True, became_urgent=True, sla_hours=sla_hours,
                      sla_due_at=due)
