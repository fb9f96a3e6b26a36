"""Reports: intake, the case card in the moderation channel, triage, SLA checks, outcome notices to
reporters, and the moderators' queue, show, stats and export. The rules are in `bot.domain`
(reports, report_status, report_sla, report_stats, report_export); this is the sequence of effects
around them."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Awaitable, Callable

from bot.app.background import Background
from bot.app.delivery import dm_many
from bot.app.reports import cards, replies
from bot.app.reports.sla import SlaJobs
from bot.app.communities import MODERATION, Communities
from bot.app.directories import Directories
from bot.app.setup import SetupService
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import MessageRef, Place
from bot.domain.report_categories import (
    OPEN_STATUSES,
    OUTCOMES,
    PLATFORM_OUTCOMES,
    PLATFORMS,
    STATUS_RESOLVED,
    check_category,
    check_status,
    parse_reference,
)
from bot.domain.report_export import parse_since, to_csv, to_json
from bot.domain.report_stats import compute_stats
from bot.domain.report_status import (
    Change,
    check_reveal,
    check_view,
    plan_claim,
    plan_dismiss,
    plan_escalate,
    plan_platform_outcome,
    plan_resolve,
)
from bot.domain.reports import Case, Intake, IntakeResult, check_rate_limit, sla_hours_for
from bot.domain.roles import Actor, is_moderator, require_admin, require_moderator
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.ports.messaging import Attachment, Message, Messenger, MessengerError
from bot.ports.reports import CommunityDirectory, ReportsRepository
from bot.ports.runtime import Clock, Scheduler

log = logging.getLogger(__name__)

QUEUE_PAGE = 20
EXPORT_LIMIT_BYTES = 8 * 1024 * 1024
NOTICES_JOB = "reports:notices"

# Triage steps (the card's buttons and the forms behind them).
CLAIM = "claim"
ESCALATE = "escalate"
RESOLVE = "resolve"
DISMISS = "dismiss"
PLATFORM_OUTCOME = "platform_outcome"


@dataclass(frozen=True)
class Step:
    """A triage step: `action` one of CLAIM, ESCALATE (choice = platform, text = its reference),
    RESOLVE (choice = outcome, text = note to reporters), DISMISS (text = the required reason)."""

    action: str
    choice: str | None = None
    text: str | None = None


@dataclass
class Triaged:
    """A step taken: the case as it now is, its card to show where the moderator clicked, what to
    tell them at once, and (after closing) how many reporters were told by DM."""

    case: Case
    card: Message
    ack: str | None = None
    told: str | None = None


@dataclass(frozen=True)
class Asked:
    """A step that needs a choice first: the case, and the question to ask (if any)."""

    case: Case
    question: str = ""


@dataclass(frozen=True)
class Submitted:
    """A stored report and what the reporter is told."""

    result: IntakeResult
    text: str


class ReportsService:
    """Every report use case. Built once by `bot.app.App`."""

    def __init__(self, repo: ReportsRepository, *, setup: SetupService, messenger: Messenger, clock: Clock,
                 scheduler: Scheduler, communities: "Communities | None" = None,
                 directories: Directories | None = None) -> None:
        self.repo = repo
        self.communities = communities  # linked communities: the card in every moderation place
        self.setup = setup
        self.messenger = messenger
        self.clock = clock
        self.scheduler = scheduler
        self.background = Background("reports")
        self.directories = directories or Directories()  # names, owners, links: from the front ends
        # One card operation per case at a time, so a report joining while the card is being posted
        # still ends up counted on it.
        self._locks: dict[int, asyncio.Lock] = {}
        self.sla = SlaJobs(self)
        # The fact-check service (it registers itself, `answer_with`): answers a report matching a
        # published fact-check.
        self.factchecks: "object | None" = None
        # Outcome DMs queued before a restart and never sent go out once the scheduler runs.
        scheduler.add_loader(NOTICES_JOB, self._load_pending_notices)

    # -- front ends ---------------------------------------------------------------------------------
    def directory(self, platform: str) -> CommunityDirectory:
        """The directory of `platform` (one that knows nothing when that front end is not running)."""
        return self.directories.of(platform)

    def answer_with(self, factchecks: "object") -> None:
        """The fact-check service, once built, registers itself here: a report matching a published
        fact-check is answered with it, and the stats show its figures."""
        self.factchecks = factchecks

    async def idle(self) -> None:
        """Wait for follow-up work in flight (card posts and edits, DMs)."""
        await self.background.idle()

    def _lock(self, case_id: int) -> asyncio.Lock:
        lock = self._locks.get(case_id)
        if lock is None:
            if len(self._locks) > 1000:  # forget idle locks; a busy one stays until released
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[case_id] = asyncio.Lock()
        return lock

    async def _settings(self, actor: Actor) -> GuildSettings:
        return await self.setup.settings_for(actor.community)

    async def _case(self, case_id: int) -> Case:
        case = await self.repo.get(case_id)
        if case is None:
            raise DomainError("common.not_found")
        return case

    async def _case_by_ref(self, actor: Actor, text: str) -> Case:
        number = parse_reference(text)
        community = actor.community
        case = (await self.repo.get_by_number(community, number)
                if number is not None and community is not None else None)
        if case is None:
            raise DomainError("reports.case_not_found", value=cut(text, 40))
        return case

    # -- intake ---------------------------------------------------------------------------------------
    async def check_can_report(self, actor: Actor) -> None:
        """Refuse a member over the abuse limit before they fill in a form (submit checks again)."""
        community = actor.community
        if community is None:
            raise DomainError("common.guild_only")
        now = self.clock.now()
        check_rate_limit(await self.repo.recent_report_times(actor.member, community, now), now)

    async def submit(self, actor: Actor, intake: Intake) -> Submitted:
        """Store the report (after COMMIT) and schedule its case's SLA check. Call `announce` once the
        reporter was answered, to post or update the card."""
        if intake.community != actor.community or intake.reporter != actor.member:
            raise DomainError("common.not_found")
        settings = await self._settings(actor)
        result = await self.repo.submit(intake, now=self.clock.now(),
                                        sla_hours=sla_hours_for(intake.category, settings.report_sla_hours))
        if result.sla_due_at is not None:
            self.sla.schedule(result.case_id, result.sla_due_at)
        text = replies.confirmation(result, settings.language)
        if self.factchecks is not None:
            verdict = await self.factchecks.on_submit(intake, result, settings)  # type: ignore[attr-defined]
            if verdict:
                text = cut(text + "\n\n" + verdict, CONTENT)
        return Submitted(result, text)

    def announce(self, result: IntakeResult) -> None:
        """After the reporter was answered: post or update the card, and ping if the case became
        urgent. Runs in the background."""
        if result.became_urgent:
            self.background.spawn(self.ping_now_urgent(result.case_id), "urgent ping")
        else:
            self.background.spawn(self.publish(result.case_id), "publish card")

    # -- the card in the moderation channel ----------------------------------------------------------
    def card(self, case: Case, lang: str) -> Message:
        """The case's card with its buttons, to show a moderator."""
        return cards.card_message(case, lang)

    def card_link(self, case: Case, lang: str) -> str:
        """A link to the case's card, or a sentence saying it has none."""
        if case.card_channel_id and case.card_message_id:
            ref = MessageRef(Place(case.platform, case.card_channel_id), case.card_message_id)
            link = self.directory(case.platform).message_link(case.community, ref)
            if link:
                return link
        return t(lang, "reports.sla.no_card", ref=case.ref)

    async def publish(self, case_id: int) -> None:
        """Post the card of a new case, or bring an existing card up to date (repost it if deleted);
        the same in each linked community's moderation place."""
        async with self._lock(case_id):
            await self._publish(case_id)
            if self.communities is not None:
                case = await self._case(case_id)
                settings = await self.setup.settings_for(case.community)
                card = cards.edited_card(case, settings)
                if await self.communities.has_posts("case", case_id):
                    await self.communities.edit_elsewhere(self.messenger, "case", case_id, card)
                else:
                    await self.communities.post_elsewhere(self.messenger, "case", case_id, case.community, card,
                                                          MODERATION)

    async def _publish(self, case_id: int) -> None:
        """The card in the community's own moderation channel."""
        case = await self._case(case_id)
        settings = await self.setup.settings_for(case.community)
        if case.card_message_id is not None and case.card_channel_id is not None:
            ref = MessageRef(Place(case.platform, case.card_channel_id), case.card_message_id)
            try:
                if await self.messenger.edit(ref, cards.edited_card(case, settings)):
                    return
            except MessengerError:
                log.exception("reports: could not edit the card of %s", case.ref)
                return
        if settings.moderation_channel is None:
            log.warning("reports: community %s has no moderation channel; case %s has no card",
                        case.guild_id, case.ref)
            return
        try:
            posted = await self.messenger.post(Place(case.platform, settings.moderation_channel),
                                               cards.posted_card(case, settings))
        except MessengerError:
            log.exception("reports: could not post the card of %s in community %s", case.ref, case.guild_id)
            return
        await self.repo.set_card(case.id, posted)

    async def refresh(self, case_id: int) -> None:
        """Edit the card in place after a change (repost it if someone deleted it)."""
        await self.publish(case_id)

    async def ping_now_urgent(self, case_id: int) -> None:
        """An urgent report joined an existing case: bring its card up to date, then ping the moderator
        role in a message of its own (an edited card would notify nobody)."""
        await self.publish(case_id)
        case = await self._case(case_id)
        settings = await self.setup.settings_for(case.community)
        if settings.moderation_channel is None:
            return
        text, roles = cards.ping(case, settings, settings.language, "reports.card.now_urgent",
                                 link=self.card_link(case, settings.language))
        if text:
            await self.messenger.post(Place(case.platform, settings.moderation_channel),
                                      Message(text=text, ping_roles=roles))

    # -- triage ---------------------------------------------------------------------------------------
    def _plan(self, case: Case, actor: Actor, settings: GuildSettings,
              step: Step) -> tuple[list[Change], dict[str, object], str | None]:
        """The changes of a step, what storage needs with them, and the moderator's acknowledgement."""
        lang = settings.language
        if step.action == CLAIM:
            return plan_claim(case, actor, settings), {}, t(lang, "reports.done.claimed", ref=case.ref)
        if step.action == ESCALATE:
            changes, platform, ref = plan_escalate(case, actor, settings, step.choice or "", step.text)
            return changes, {"escalation": (platform, ref)}, t(
                lang, "reports.done.escalated", ref=case.ref, platform=cards.label(lang, "platform", platform))
        if step.action == RESOLVE:
            changes, outcome, note = plan_resolve(case, actor, settings, step.choice or "", step.text)
            return changes, {"outcome": outcome, "note": note}, None
        if step.action == DISMISS:
            changes, _reason = plan_dismiss(case, actor, settings, step.text or "")
            return changes, {}, None
        raise ValueError(f"unknown triage step {step.action!r}")

    async def ask(self, actor: Actor, case_id: int, action: str, choice: str | None = None) -> Asked:
        """Refuse a step before asking anything (who clicks, which community, the case's status), and
        give the question that asks for its choice."""
        case = await self._case(case_id)
        settings = await self._settings(actor)
        lang = settings.language
        if action == ESCALATE:
            plan_escalate(case, actor, settings, choice or PLATFORMS[0], None)
            return Asked(case, t(lang, "reports.pick_platform", ref=case.ref))
        if action == RESOLVE:
            plan_resolve(case, actor, settings, choice or OUTCOMES[0], None)
            return Asked(case, t(lang, "reports.pick_outcome", ref=case.ref))
        if action == DISMISS:
            plan_dismiss(case, actor, settings, "-")
            return Asked(case)
        if action == PLATFORM_OUTCOME:
            plan_platform_outcome(case, actor, settings, choice or PLATFORM_OUTCOMES[0])
            assert case.escalation is not None
            return Asked(case, t(lang, "reports.pick_platform_outcome", ref=case.ref,
                                 platform=cards.label(lang, "platform", case.escalation.platform)))
        raise ValueError(f"nothing to ask for {action!r}")

    async def triage(self, actor: Actor, case_id: int, step: Step, *,
                     answer: Callable[[Triaged], Awaitable[None]] | None = None,
                     answered_on: int | None = None) -> Triaged:
        """Take a triage step: plan it (the domain re-checks who acts, the community and the status),
        apply it, cancel the SLA check, show the moderator the result, bring the card up to date and,
        when the case was closed, tell every reporter its outcome by DM.

        `answer` is how the front end shows the result to the moderator at once (called with the
        case's card lock held, so a report joining meanwhile cannot be overwritten by a stale card);
        `answered_on` is the id of the message it updated that way, which then needs no other edit.
        """
        case = await self._case(case_id)
        settings = await self._settings(actor)
        lang = settings.language
        changes, extra, ack = self._plan(case, actor, settings, step)
        await self.repo.apply(case, changes, actor_id=actor.user_id, now=self.clock.now(),
                              **extra)  # type: ignore[arg-type]
        self.sla.cancel(case.id)
        async with self._lock(case.id):
            fresh = await self._case(case.id)
            result = Triaged(fresh, self.card(fresh, lang), ack)
            if answer is not None:
                await answer(result)
        if answered_on is None or answered_on != fresh.card_message_id:
            self.background.spawn(self.refresh(case.id), "refresh card")
        if step.action in (RESOLVE, DISMISS):
            delivered, total = await self.notify_reporters(case.id)
            result.told = cut(t(lang, "reports.done.closed", ref=fresh.ref,
                                status=cards.label(lang, "status", fresh.status),
                                delivered=delivered, total=total), CONTENT)
        return result

    async def record_platform_outcome(self, actor: Actor, outcome: str, *, case_id: int | None = None,
                                      ref: str | None = None) -> Triaged:
        """Record what the platform did with an escalated case (by id from its card, or by reference),
        then bring the card up to date."""
        if case_id is None:
            # The role first: whether a case exists is not a non-moderator's business either.
            require_moderator(actor, await self._settings(actor))
            case = await self._case_by_ref(actor, ref or "")
        else:
            case = await self._case(case_id)
        settings = await self._settings(actor)
        lang = settings.language
        decided = plan_platform_outcome(case, actor, settings, outcome)
        await self.repo.record_platform_outcome(case, decided, actor_id=actor.user_id, now=self.clock.now())
        assert case.escalation is not None
        ack = t(lang, "reports.done.platform_outcome", ref=case.ref,
                platform=cards.label(lang, "platform", case.escalation.platform),
                outcome=cards.label(lang, "platform_outcome", decided))
        self.background.spawn(self.refresh(case.id), "refresh card")
        return Triaged(case, self.card(case, lang), cut(ack, CONTENT))

    # -- outcome DMs ----------------------------------------------------------------------------------
    async def notify_reporters(self, case_id: int) -> tuple[int, int]:
        """DM every reporter of a closed case its outcome; (delivered, total). A reporter with closed
        DMs is recorded and skipped; the others are still told. Each is told once, ever."""
        case = await self._case(case_id)
        settings = await self.setup.settings_for(case.community)
        lang = settings.language
        reporters = await self.repo.claim_notices(case.id, self.clock.now())
        if not reporters:
            return 0, 0
        server = self.directory(case.platform).name(case.community) or str(case.guild_id)
        if case.status == STATUS_RESOLVED:
            text = t(lang, "reports.dm.resolved", ref=case.ref, server=server,
                     outcome=t(lang, f"reports.dm.outcome.{case.outcome}"))
            if case.resolution_note:
                text += "\n" + t(lang, "reports.dm.note", note=case.resolution_note)
        else:
            text = t(lang, "reports.dm.dismissed", ref=case.ref, server=server)
        message = Message(text=cut(text, CONTENT))
        outcome = await dm_many(self.messenger, reporters, lambda _member: message)
        delivered = {m: m in outcome.reached for m in reporters}
        await self.repo.mark_notices(case.id, delivered)
        return sum(delivered.values()), len(reporters)

    async def send_pending_notices(self) -> None:
        """Outcome DMs queued before a restart and never sent."""
        for case_id in sorted({case_id for case_id, _ in await self.repo.pending_notices()}):
            try:
                await self.notify_reporters(case_id)
            except Exception:
                log.exception("reports: pending outcome DMs of case %s failed", case_id)

    async def _load_pending_notices(self) -> None:
        self.scheduler.at(NOTICES_JOB, datetime.now(timezone.utc), self.send_pending_notices)

    # -- moderators' commands -------------------------------------------------------------------------
    async def queue(self, actor: Actor, status: str | None = None, category: str | None = None) -> Message:
        """Cases waiting for moderators (all open ones by default), urgent first."""
        settings = await self._settings(actor)
        require_moderator(actor, settings)
        assert actor.community is not None
        statuses = sorted(OPEN_STATUSES) if status in (None, "open") else [check_status(status or "")]
        cases, total = await self.repo.queue(actor.community, statuses=statuses,
                                             category=check_category(category) if category else None,
                                             limit=QUEUE_PAGE)
        lang = settings.language
        return replies.queue_message(cases, total, lang, lambda case: self.card_link(case, lang))

    async def show(self, actor: Actor, ref: str, *, reveal: bool = False) -> Message:
        """A case's card, evidence and audit log; an admin may also see who reported it, which is
        written to the audit log first."""
        settings = await self._settings(actor)
        # The role first: whether a case exists is not a non-moderator's business either.
        if reveal:
            require_admin(actor)
        else:
            require_moderator(actor, settings)
        case = await self._case_by_ref(actor, ref)
        reporters = None
        if reveal:
            check_reveal(case, actor)
            reporters = await self.repo.reveal(case, actor_id=actor.user_id, now=self.clock.now())
        else:
            check_view(case, actor, settings)
        audit = await self.repo.audit(case.id)
        return replies.show_message(case, audit, reporters, settings.language)

    async def stats(self, actor: Actor, days: int) -> Message:
        """Counts, median times and platform compliance over the last `days` days."""
        settings = await self._settings(actor)
        require_moderator(actor, settings)
        assert actor.community is not None
        since = self.clock.now() - timedelta(days=days)
        figures = compute_stats(await self.repo.stat_rows(actor.community, since))
        message = replies.stats_message(figures, days, settings.language)
        if self.factchecks is not None and message.cards:
            extra = await self.factchecks.stats_field(actor.community, since, settings.language)  # type: ignore[attr-defined]
            card = message.cards[0]
            message = replace(message, cards=(replace(card, fields=(*card.fields, extra)), *message.cards[1:]))
        return message

    async def export_start(self, actor: Actor, since: str | None) -> datetime | None:
        """Check an export request before the work starts: the role, and `since` read as a date or a
        span back in the community's zone."""
        settings = await self._settings(actor)
        require_moderator(actor, settings)
        return parse_since(since, self.clock.now(), settings.timezone)

    async def export(self, actor: Actor, fmt: str, start: datetime | None) -> Message:
        """Cases opened since `start` as a CSV or JSON file (no reporter identities), gzipped when
        large."""
        import gzip

        settings = await self._settings(actor)
        require_moderator(actor, settings)
        assert actor.community is not None
        cases = await self.repo.cases_since(actor.community, start)
        # The CSV starts with a UTF-8 BOM (like the attendee CSV) so Excel opens Urdu text intact.
        data = to_csv(cases).encode("utf-8-sig") if fmt == "csv" else to_json(cases).encode("utf-8")
        name = f"reports-{self.clock.now().strftime('%Y%m%d-%H%M')}.{fmt}"
        if len(data) > EXPORT_LIMIT_BYTES:
            # Text compresses well; this keeps large exports under the attachment limit.
            data, name = gzip.compress(data), name + ".gz"
        text = t(settings.language, "reports.export.done", count=len(cases), format=fmt.upper())
        return Message(text=text, files=(Attachment(name, data),))

    async def suggest(self, actor: Actor, current: str) -> list[tuple[str, str]]:
        """(shown text, reference) of cases matching what a moderator typed; nothing for others."""
        community = actor.community
        if community is None:
            return []
        settings = await self._settings(actor)
        if not is_moderator(actor, settings):
            return []
        cases = await self.repo.search_numbers(community, current)
        return [(replies.suggestion(c, settings.language), c.ref) for c in cases]
