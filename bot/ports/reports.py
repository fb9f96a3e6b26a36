"""Storage of report cases, and what the reports service needs to know about a community."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Protocol

from bot.domain.identity import Community, Member, MessageRef
from bot.domain.report_stats import StatRow
from bot.domain.report_status import Change
from bot.domain.reports import AuditEntry, Case, Intake, IntakeResult, ReporterEntry, SlaDue


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
