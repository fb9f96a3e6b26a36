"""SLA reminders for unclaimed cases, run from the database through the scheduler.

Each unclaimed case has its next check in `report_cases.sla_due_at`. The loader schedules one job per
such row at start-up (an overdue one runs at once), and intake schedules new ones. A job claims its
notice in the database before sending (bot.storage.sqlite.reports.ReportsRepo.claim_sla_notice), so a restart
neither repeats nor loses a notice. The raise to admins is a message in the moderation channel
addressed to them by name of their role, without pinging anyone: the only mention the bot ever sends
is the moderator role on an urgent card.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.report_categories import STATUS_NEW
from bot.domain.report_sla import RAISE, sla_step
from bot.domain.report_stats import format_span
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.scheduling import Scheduler
from cogs.reports._card import label

if TYPE_CHECKING:
    from bot.client import BaithakBot
    from cogs.reports._triage import Triage

log = logging.getLogger(__name__)


class SlaService:
    def __init__(self, bot: "BaithakBot", triage: "Triage") -> None:
        self.bot = bot
        self.triage = triage

    @staticmethod
    def job_id(case_id: int) -> str:
        return f"reports:sla:{case_id}"

    async def load(self) -> None:
        """Schedule the next check of every unclaimed case (start-up)."""
        for due in await self.triage.repo.sla_due():
            self.schedule(due.case_id, due.due_at)

    def schedule(self, case_id: int, due_at: datetime) -> None:
        # The scheduler runs on the wall clock; the due time is on the bot's (injectable) clock, so
        # schedule after the same delay. With the real clock the two are the same.
        when = Scheduler.utcnow() + (due_at - self.bot.clock.now())
        self.bot.scheduler.at(self.job_id(case_id), when, self.fire, case_id)

    def cancel(self, case_id: int) -> None:
        self.bot.scheduler.cancel(self.job_id(case_id))

    async def fire(self, case_id: int) -> None:
        """Send the notice due for a still-unclaimed case, then plan its next check."""
        try:
            await self._fire(case_id)
        except Exception:
            log.exception("reports: SLA check of case %s failed", case_id)

    async def _tell_owner(self, guild_id: int, text: str) -> None:
        """Raise to admins beyond the channel: the server owner is always an admin, and a DM reaches
        them even if they never read the moderation channel (no mention is involved)."""
        guild = self.bot.get_guild(guild_id)
        owner_id = guild.owner_id if guild is not None else None
        if owner_id is None or not await self.bot.send_dm(owner_id, content=cut(text, CONTENT)):
            log.info("reports: could not DM the owner of guild %s about an SLA raise", guild_id)

    async def _fire(self, case_id: int) -> None:
        repo = self.triage.repo
        case = await repo.get(case_id)
        if case is None or case.status != STATUS_NEW:
            return
        now = self.bot.clock.now()
        step = sla_step(case.created_at, case.sla_hours, case.sla_notices, case.sla_raised_at is not None, now)
        if step is None:
            if case.sla_due_at is not None and case.sla_due_at > now:
                self.schedule(case.id, case.sla_due_at)
            return
        if not await repo.claim_sla_notice(case, window=step.window, raise_=step.kind == RAISE,
                                           next_due=step.next_due, now=now):
            return
        settings = await self.bot.settings_for(case.guild_id)
        lang = settings.language
        # Whole minutes: "2h 5m", in the guild's language.
        age = format_span(timedelta(minutes=int((now - case.created_at).total_seconds() // 60)),
                          lambda u, n: t(lang, f"reports.unit.{u}", n=n))
        params = dict(ref=case.ref, category=label(lang, "category", case.category),
                      priority=label(lang, "priority", "urgent" if case.urgent else "normal").lower(),
                      age=age, hours=case.sla_hours, card=self.triage.card_link(case, lang))
        text = t(lang, "reports.sla.raise" if step.kind == RAISE else "reports.sla.reminder", **params)
        if settings.moderation_channel is not None:
            channel = self.bot.get_partial_messageable(settings.moderation_channel, guild_id=case.guild_id)
            # Bot-wide allowed mentions are none: this names admins without pinging anyone.
            await channel.send(cut(text, CONTENT))
        else:
            log.warning("reports: SLA %s for %s not posted: no moderation channel", step.kind, case.ref)
        if step.kind == RAISE:
            self.triage.spawn(self.triage.refresh(case.id), "refresh card")
            self.triage.spawn(self._tell_owner(case.guild_id, t(lang, "reports.sla.raise_dm", **params)),
                              "raise to owner")
        if step.next_due is not None:
            self.schedule(case.id, step.next_due)
