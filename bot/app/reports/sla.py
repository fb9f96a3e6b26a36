"""SLA reminders for unclaimed cases, run from the database through the scheduler.

Each unclaimed case has its next check in the repository (`sla_due`). The loader schedules one job per
such case at start-up (an overdue one runs at once), and intake schedules new ones. A job claims its
notice under a lease before sending (`claim_sla_notice`), posts it with a nonce made of the case and
the window, then records it and releases the lease (`finish_sla_notice`): a process that dies in
between leaves a lease that expires and is taken over (by another process, or this one restarted),
and the resend is answered by the platform with the first message, so a notice is neither lost nor
repeated. One sent more than two minutes after its window fell due says it is late. The raise to admins is a message in the moderation channel addressed to them by the name of
their role, without pinging anyone (the only mention the bot ever sends is the moderator role on an
urgent card), and a DM to the community's owner.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.domain.identity import Member, Place
from bot.domain.report_categories import STATUS_NEW
from bot.domain.report_sla import RAISE, is_late, notice_nonce, sla_step
from bot.domain.report_stats import format_span
from bot.domain.reports import Case
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.ports.messaging import Delivery, Message, MessengerError
from bot.app.reports.cards import label

if TYPE_CHECKING:
    from bot.app.reports.service import ReportsService

log = logging.getLogger(__name__)
# Just after a start, a front end may not know its communities yet (Discord sends each server after
# connecting, and overdue notices go out at start): how long a raise waits to learn the owner.
OWNER_WAIT_SECONDS = 30


class SlaJobs:
    """One scheduled check per unclaimed case."""

    def __init__(self, service: "ReportsService") -> None:
        self.service = service
        service.scheduler.add_loader("reports:sla", self.load)

    @staticmethod
    def job_id(case_id: int) -> str:
        """The scheduler's id of a case's next SLA check."""
        return f"reports:sla:{case_id}"

    async def load(self) -> None:
        """Schedule the next check of every unclaimed case (start-up)."""
        for due in await self.service.repo.sla_due():
            self.schedule(due.case_id, due.due_at)

    def schedule(self, case_id: int, due_at: datetime) -> None:
        """Check the case at `due_at` (on the service's clock)."""
        # The scheduler runs on the wall clock; the due time is on the service's (injectable) clock,
        # so schedule after the same delay. With the real clock the two are the same.
        when = datetime.now(timezone.utc) + (due_at - self.service.clock.now())
        self.service.scheduler.at(self.job_id(case_id), when, self.fire, case_id)

    def cancel(self, case_id: int) -> None:
        """Forget the case's check (it was claimed or closed)."""
        self.service.scheduler.cancel(self.job_id(case_id))

    async def fire(self, case_id: int) -> None:
        """Send the notice due for a still-unclaimed case, then plan its next check."""
        try:
            await self._fire(case_id)
        except Exception:
            log.exception("reports: SLA check of case %s failed", case_id)

    async def _fire(self, case_id: int) -> None:
        service = self.service
        case = await service.repo.get(case_id)
        if case is None or case.status != STATUS_NEW:
            return
        now = service.clock.now()
        step = sla_step(case.created_at, case.sla_hours, case.sla_notices, case.sla_raised_at is not None, now)
        if step is None:
            if case.sla_due_at is not None and case.sla_due_at > now:
                self.schedule(case.id, case.sla_due_at)
            return
        if not await service.repo.claim_sla_notice(case, window=step.window, now=now):
            return
        # Under the lease: post, record, release. A process dying before the record leaves the lease
        # to expire; whoever takes it over posts again with the same nonce (not a second message).
        settings = await service.setup.settings_for(case.community)
        lang = settings.language
        # Whole minutes: "2h 5m", in the community's language.
        age = format_span(timedelta(minutes=int((now - case.created_at).total_seconds() // 60)),
                          lambda u, n: t(lang, f"reports.unit.{u}", n=n))
        params = dict(ref=case.ref, category=label(lang, "category", case.category),
                      priority=label(lang, "priority", "urgent" if case.urgent else "normal").lower(),
                      age=age, hours=case.sla_hours, card=service.card_link(case, lang))
        late = is_late(case.created_at, case.sla_hours, step.window, now)
        text = t(lang, "reports.sla.raise" if step.kind == RAISE else "reports.sla.reminder", **params)
        if late:
            text += "\n" + t(lang, "reports.sla.late")
        if settings.moderation_channel is not None:
            try:
                await service.messenger.post(Place(case.platform, settings.moderation_channel),
                                             Message(text=cut(text, CONTENT)),
                                             nonce=notice_nonce(case.id, step.window))
            except MessengerError:
                log.exception("reports: SLA %s for %s could not be posted", step.kind, case.ref)
        else:
            log.warning("reports: SLA %s for %s not posted: no moderation channel", step.kind, case.ref)
        if step.kind == RAISE:
            await self._tell_owner(case, t(lang, "reports.sla.raise_dm", **params),
                                   notice_nonce(case.id, step.window, "o"))
        await service.repo.finish_sla_notice(case, window=step.window, raise_=step.kind == RAISE,
                                             next_due=step.next_due, now=now)
        if late:
            log.info("reports: SLA %s for %s sent late (window %d)", step.kind, case.ref, step.window)
        if step.kind == RAISE:
            service.background.spawn(service.refresh(case.id), "refresh card")
        if step.next_due is not None:
            self.schedule(case.id, step.next_due)

    async def _tell_owner(self, case: Case, text: str, nonce: str) -> None:
        """Raise to admins beyond the channel: the owner is always an admin, and a DM reaches them
        even if they never read the moderation channel (no mention is involved)."""
        directory = self.service.directory(case.platform)
        owner = directory.owner(case.community)
        if owner is None and directory.name(case.community) is None and getattr(directory, "knows_owners", True) \
                and self.service.directories.running(case.platform):
            self.service.background.spawn(self._tell_owner_once_known(case, text, nonce), "DM the owner")
            return
        await self._dm_owner(case, owner, text, nonce)

    async def _tell_owner_once_known(self, case: Case, text: str, nonce: str) -> None:
        directory = self.service.directory(case.platform)
        for _ in range(OWNER_WAIT_SECONDS):
            await asyncio.sleep(1)
            owner = directory.owner(case.community)
            if owner is not None or directory.name(case.community) is not None:
                break
        await self._dm_owner(case, directory.owner(case.community), text, nonce)

    async def _dm_owner(self, case: Case, owner: "Member | None", text: str, nonce: str) -> None:
        delivered = False
        if owner is not None:
            try:
                delivered = await self.service.messenger.dm(owner, Message(text=cut(text, CONTENT)), nonce=nonce) \
                    is Delivery.DELIVERED
            except MessengerError:
                log.warning("reports: DM to the owner about %s failed", case.ref, exc_info=True)
        if not delivered:
            log.info("reports: could not DM the owner of community %s about an SLA raise", case.guild_id)
