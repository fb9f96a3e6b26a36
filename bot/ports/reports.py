"""Storage of report cases, and what the reports service needs to know about a community."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Protocol

from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.report_conversation import AskedCase, Entry, Snippet
from bot.domain.report_stats import StatRow
from bot.domain.report_status import Change
from bot.domain.reports import AuditEntry, Case, Intake, IntakeResult, ReporterEntry, SlaDue
from bot.ports.messaging import MessengerError


class ReportsRepository(Protocol):
    """Cases, the reports that opened or joined them, escalations, the append-only audit log, SLA
    bookkeeping and the outcome notices owed to reporters. Every write returns after COMMIT."""

    # -- intake ---------------------------------------------------------------------------------
    async def submit(self, intake: Intake, *, now: datetime, sla_hours: int) -> IntakeResult:
        """Store a report in one transaction: refuse it over the abuse limit
        (`bot.domain.reports.check_rate_limit`), find the open case it duplicates
        (`choose_case`), and join it or open a new one (`plan_intake`). Raises DomainError
        (nothing stored) for a sixth report in ten minutes or a member's second report of a case."""
        ...

    async def recent_report_times(self, reporter: Member, community: Community,
                                  now: datetime) -> list[datetime]:
        """The member's report times in the community inside the abuse-limit window."""
        ...

    # -- reading cases --------------------------------------------------------------------------
    async def get(self, case_id: int) -> Case | None: ...

    async def get_by_number(self, community: Community, number: int) -> Case | None: ...

    async def queue(self, community: Community, *, statuses: Iterable[str], category: str | None = None,
                    limit: int = 25, offset: int = 0) -> tuple[list[Case], int]:
        """Cases in `statuses`, urgent first then oldest first, and how many match in all."""
        ...

    async def cases_since(self, community: Community, since: datetime | None) -> list[Case]:
        """Every case opened since `since` (all when None), by number: for exports."""
        ...

    async def stat_rows(self, community: Community, since: datetime) -> list[StatRow]: ...

    async def audit(self, case_id: int) -> list[AuditEntry]:
        """The case's audit log, oldest first."""
        ...

    async def search_numbers(self, community: Community, prefix: str, limit: int = 25) -> list[Case]:
        """Cases whose number starts with the digits of `prefix`, most recent first."""
        ...

    # -- card -----------------------------------------------------------------------------------
    async def set_card(self, case_id: int, card: MessageRef) -> None:
        """Remember where the case's card was posted."""
        ...

    # -- triage ---------------------------------------------------------------------------------
    async def apply(self, case: Case, changes: list[Change], *, actor_id: int, now: datetime,
                    outcome: str | None = None, note: str | None = None,
                    escalation: tuple[str, str | None] | None = None) -> None:
        """Apply planned status changes together with their audit rows; DomainError
        'reports.stale' (nothing written) when the case moved meanwhile. Closing a case queues an
        outcome notice for each reporter."""
        ...

    async def record_platform_outcome(self, case: Case, outcome: str, *, actor_id: int,
                                      now: datetime) -> None:
        """The platform's decision on the escalation, audited; DomainError 'reports.not_escalated'."""
        ...

    async def reveal(self, case: Case, *, actor_id: int, now: datetime) -> list[ReporterEntry]:
        """The reporters of a case (in report order), the reveal written to the audit log first."""
        ...

    # -- SLA ------------------------------------------------------------------------------------
    async def sla_due(self) -> list[SlaDue]:
        """Unclaimed cases with an SLA check ahead or overdue."""
        ...

    async def claim_sla_notice(self, case: Case, *, window: int, now: datetime) -> bool:
        """Take the lease on the notice of `window` before sending it (the send is recorded by
        `finish_sla_notice`). False when that window's notice was recorded already, the case is no
        longer new, or another process (or task) holds a live lease on it. A lease left by a process
        that died expires after `Lease.seconds` (wall clock) and is taken over here."""
        ...

    async def finish_sla_notice(self, case: Case, *, window: int, raise_: bool,
                                next_due: datetime | None, now: datetime) -> None:
        """Record the notice of `window` as sent (the next check at `next_due`; `raise_`: the case was
        raised to admins at `now`) and release the lease. Recording a window already recorded (by a
        process that took over an expired lease) changes nothing."""
        ...

    # -- outcome notices ------------------------------------------------------------------------
    async def pending_notices(self) -> list[tuple[int, Member]]:
        """(case id, reporter) of outcome notices queued and never claimed."""
        ...

    async def claim_notices(self, case_id: int, now: datetime) -> list[Member]:
        """Claim every unclaimed notice of a case; each reporter is returned once, ever."""
        ...

    async def mark_notices(self, case_id: int, delivered: dict[Member, bool]) -> None:
        """Record whether each claimed notice reached its reporter."""
        ...

    async def notice_status(self, case_id: int) -> dict[Member, bool | None]:
        """Each reporter's notice: delivered, closed DMs, or not sent yet (None)."""
        ...


class CommunityDirectory(Protocol):
    """What a front end knows about a community from its own cache (no request is made)."""

    def name(self, community: Community) -> str | None:
        """The community's display name, or None when unknown."""
        ...

    def owner(self, community: Community) -> Member | None:
        """The community's owner (always an admin), or None when unknown."""
        ...

    def message_link(self, community: Community, ref: MessageRef) -> str | None:
        """A link that opens a posted message, or None when the platform has none."""
        ...


class ConversationRepository(Protocol):
    """The anonymous conversation of report cases (`bot.domain.report_conversation`): append-only
    entries, the reporters in report order (Reporter 1, 2, ...), the cases a member reported, and the
    thread under each case's card. Every write returns after COMMIT."""

    async def add(self, case: Case, kind: str, *, author: Member, body: str, now: datetime,
                  reporter_no: int | None = None, late: bool = False, action: str | None = None) -> Entry:
        """Append an entry to the case's conversation (kind 'action': `action` names it, `body` is
        the reason)."""
        ...

    async def entries(self, case_id: int) -> list[Entry]:
        """The case's conversation, oldest first."""
        ...

    async def reporters(self, case_id: int) -> list[Member]:
        """The case's distinct reporters in the order of their first report."""
        ...

    async def cases_of(self, reporter: Member, community: Community | None = None,
                       limit: int = 25) -> list[AskedCase]:
        """The cases the member reported (in `community`, or anywhere on their platform), with when
        moderators last asked, most recent report first."""
        ...

    async def thread(self, case_id: int) -> int | None:
        """The thread under the case's card, if one was opened."""
        ...

    async def set_thread(self, case_id: int, thread_id: int) -> None: ...

    # -- snippets -------------------------------------------------------------------------------
    async def snippets(self, community: Community) -> list[Snippet]:
        """The community's snippets by name."""
        ...

    async def add_snippet(self, community: Community, name: str, body: str, *, author: Member,
                          now: datetime) -> bool:
        """Save a snippet; False (nothing changed) when the name is taken; DomainError
        'conv.snippet.full' when the community has MAX_SNIPPETS already."""
        ...

    async def remove_snippet(self, community: Community, name: str) -> bool:
        """Remove a snippet; False when there was none by that name."""
        ...


class CaseThreads(Protocol):
    """What a front end can do around a case card: open a thread under it."""

    async def open_thread(self, card: MessageRef, name: str) -> Place | None:
        """A thread under the card message (None when the platform has none or it cannot be made)."""
        ...


class ActionForbidden(MessengerError):
    """The platform refused an action for want of a permission; `permission` names it as the
    platform does (e.g. "Manage Messages")."""

    def __init__(self, permission: str, detail: str = "") -> None:
        super().__init__(detail or permission)
        self.permission = permission


class ModerationTools(Protocol):
    """What a front end can do to a reported message and its author, on its platform."""

    async def missing_permission(self, community: Community, action: str, place: Place | None,
                                 author: Member | None) -> str | None:
        """The permission the bot lacks for `action` (bot.domain.report_actions) on the message in
        `place` or on `author`, named as the platform names it; None when it has what it needs."""
        ...

    async def delete_message(self, community: Community, ref: MessageRef) -> bool:
        """Delete a member's message; False when it was already gone. Raises ActionForbidden."""
        ...

    async def timeout(self, community: Community, member: Member, until: datetime, reason: str) -> bool:
        """Time a member out until `until`; False when they are no longer in the community. Raises
        ActionForbidden (e.g. an administrator, or a member above the bot)."""
        ...
