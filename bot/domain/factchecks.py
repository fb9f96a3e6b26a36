"""Fact-checks: the verdicts a moderator may publish from a misinformation case, the checks on what
they write, the keys a later report is matched by, and the read model.

A fact-check is never silently edited: a correction is a row of its own (a visible note, the verdict
before and after), a withdrawal is a status. Matching a report needs no time limit: the keys of every
report of the fact-check's case (same message, same normalised link, identical text) are exact index
lookups; near-identical text goes through the same prefilter and rapidfuzz decision as report
duplicates (`bot.domain.report_duplicates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community
from bot.domain.report_categories import OPEN_STATUSES
from bot.domain.reports import Case, Intake
from bot.domain.roles import Actor, require_moderator
from bot.domain.urls import normalise_url

VERDICTS = ("false", "misleading", "missing_context", "true", "unverified")
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
MISINFORMATION = "misinformation"

MAX_SUMMARY = 1500
MAX_NOTE = 1000
MAX_REASON = 500
MAX_SOURCES = 5
MAX_CLAIM = 300

_REF = re.compile(r"^\s*(?:f\s*-?\s*)?0*(\d{1,9})\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"[\s,]+")


def reference(number: int) -> str:
    """The reference people see: F-12."""
    return f"F-{number}"


def parse_reference(text: str | None) -> int | None:
    """`F-12`, `f12`, `12` -> 12; anything else -> None."""
    match = _REF.match(text or "")
    return int(match.group(1)) if match else None


def check_verdict(value: str | None) -> str:
    verdict = (value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if verdict not in VERDICTS:
        raise DomainError("factcheck.bad_verdict", value=(value or "")[:40])
    return verdict


def clean_text(value: str | None, name: str, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError("factcheck.empty", field=name)
    if len(text) > limit:
        raise DomainError("common.too_long", field=name, limit=limit)
    return text


def parse_sources(raw: str | None) -> tuple[str, ...]:
    """Links separated by spaces, commas or new lines, each normalised like every link (http(s)
    with a host; tracking parameters, default ports and fragments dropped), without repeats."""
    found: list[str] = []
    for part in _SPLIT.split((raw or "").strip()):
        if not part:
            continue
        link = normalise_url(part.strip("<>"))
        if link not in found:
            found.append(link)
    if len(found) > MAX_SOURCES:
        raise DomainError("factcheck.too_many_sources", limit=MAX_SOURCES, count=len(found))
    return tuple(found)


@dataclass(frozen=True)
class Draft:
    """What `/factcheck publish` was given, checked."""

    verdict: str
    summary: str
    sources: tuple[str, ...]


def check_publishable(actor: Actor, settings: GuildSettings, case: Case, *, already: bool) -> None:
    """Whether `actor` may publish a fact-check from `case` at all (before verdict and summary are
    asked): a moderator, a misinformation case of their own community, none published yet."""
    require_moderator(actor, settings)
    if case.community != actor.community:
        raise DomainError("reports.case_not_found", value=case.ref)
    if case.category != MISINFORMATION:
        raise DomainError("factcheck.not_misinformation", ref=case.ref)
    if already:
        raise DomainError("factcheck.already_published", ref=case.ref)


def plan_publish(actor: Actor, settings: GuildSettings, case: Case, *, verdict: str | None,
                 summary: str | None, sources: str | None, already: bool) -> Draft:
    """Moderators publish from a misinformation case of their own community, once per case."""
    check_publishable(actor, settings, case, already=already)
    return Draft(check_verdict(verdict), clean_text(summary, "summary", MAX_SUMMARY), parse_sources(sources))


@dataclass(frozen=True)
class Correction:
    id: int
    note: str
    old_verdict: str
    new_verdict: str
    by_id: int
    at: datetime


@dataclass(frozen=True)
class FactCheck:
    id: int
    community: Community
    number: int
    case_id: int
    verdict: str
    claim: str
    summary: str
    sources: tuple[str, ...]
    language: str
    status: str
    published_by: int
    published_at: datetime
    withdrawn_at: datetime | None = None
    withdraw_reason: str | None = None
    post_channel_id: int | None = None
    post_message_id: int | None = None
    corrections: tuple[Correction, ...] = field(default=())

    @property
    def ref(self) -> str:
        return reference(self.number)

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED


def plan_correct(actor: Actor, settings: GuildSettings, fc: FactCheck, *, note: str | None,
                 verdict: str | None) -> tuple[str, str]:
    """(note, new verdict): moderators of the publishing community correct a published fact-check."""
    require_moderator(actor, settings)
    if fc.community != actor.community:
        raise DomainError("factcheck.not_found", value=fc.ref)
    if not fc.is_published:
        raise DomainError("factcheck.withdrawn_already", ref=fc.ref)
    return clean_text(note, "note", MAX_NOTE), check_verdict(verdict) if verdict else fc.verdict


def plan_withdraw(actor: Actor, settings: GuildSettings, fc: FactCheck, reason: str | None) -> str:
    require_moderator(actor, settings)
    if fc.community != actor.community:
        raise DomainError("factcheck.not_found", value=fc.ref)
    if not fc.is_published:
        raise DomainError("factcheck.withdrawn_already", ref=fc.ref)
    return clean_text(reason, "reason", MAX_REASON)


def plan_answer(actor: Actor, settings: GuildSettings, case: Case) -> None:
    """Closing a case as answered by its matched fact-check: moderators, open cases."""
    require_moderator(actor, settings)
    if case.community != actor.community:
        raise DomainError("common.not_found")
    if case.status not in OPEN_STATUSES:
        raise DomainError("factcheck.case_closed", ref=case.ref)


@dataclass(frozen=True)
class ClaimKeys:
    """What a report is matched by: message, link key, text hash and normalised text."""

    message_key: str | None
    link_key: str | None
    text_hash: str | None
    normalised: str


def message_key(platform: str, channel_id: int | None, message_id: int | None) -> str | None:
    if message_id is None:
        return None
    return f"{platform}:{channel_id or 0}:{message_id}"


def keys_of(intake: Intake) -> ClaimKeys:
    return ClaimKeys(message_key(intake.platform, intake.channel_id, intake.message_id), intake.link_key,
                     intake.text_hash, intake.normalised if intake.text_hash else "")


def claim_of(case: Case) -> str:
    """What was checked, as shown on the fact-check: the reported text or link (never who reported
    it, never the author or the channel)."""
    evidence = case.evidence
    text = (evidence.content or "").strip() or (evidence.link or "")
    if len(text) > MAX_CLAIM:
        text = text[:MAX_CLAIM - 1] + "…"
    return text


@dataclass(frozen=True)
class Match:
    """A published fact-check that answers a report, and whether it came from a partner."""

    factcheck: FactCheck
    from_network: bool
