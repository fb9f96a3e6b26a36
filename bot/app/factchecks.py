"""Fact-checks: publishing from a misinformation case (posted to the resources channel, DMed to every
reporter, posted to partners that receive them), corrections and withdrawals (told the same way,
never silently), search and listing with the network's, answering a new report at once when it
matches a published fact-check, and closing such a case as "answered by fact-check"."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.app.background import Background
from bot.app.delivery import dm_many
from bot.app.network import NetworkService
from bot.app.setup import SetupService
from bot.app.resources import plain
from bot.domain.errors import DomainError
from bot.domain.factchecks import (
    VERDICTS,
    FactCheck,
    Match,
    check_publishable,
    check_verdict,
    claim_of,
    keys_of,
    parse_reference,
    plan_answer,
    plan_correct,
    plan_publish,
    plan_withdraw,
)
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.network import FACTCHECKS
from bot.domain.report_categories import parse_reference as parse_case_reference
from bot.domain.reports import Case, Intake, IntakeResult
from bot.domain.resource_search import parse_query
from bot.domain.roles import Actor, require_moderator
from bot.i18n import t
from bot.i18n.format import CONTENT, FIELD_VALUE, cut, ts
from bot.ports.factchecks import FactchecksRepository
from bot.ports.messaging import DANGER, Button, Card, Field, Message, Messenger, MessengerError
from bot.ports.runtime import Clock

log = logging.getLogger(__name__)

ANSWER = "factcheck.answer"     # the button under a match notice: close the case as answered
LIST_LIMIT = 10
COLOURS = {"false": 0xC0392B, "misleading": 0xE67E22, "missing_context": 0xF1C40F, "true": 0x27AE60,
           "unverified": 0x7F8C8D}
WITHDRAWN_COLOUR = 0x555555
PUBLISH = "publish"
WITHDRAW = "withdraw"


def verdict_label(lang: str, verdict: str) -> str:
    return t(lang, f"factcheck.verdict.{verdict}")


@dataclass(frozen=True)
class Published:
    factcheck: FactCheck
    message: Message


class FactchecksService:
    """Every fact-check use case. Built once by `bot.app.App`."""

    def __init__(self, repo: FactchecksRepository, *, reports: "object", setup: SetupService,
                 network: NetworkService, messenger: Messenger, clock: Clock) -> None:
        self.repo = repo
        self.reports = reports          # bot.app.reports.ReportsService: cases, triage, directory
        reports.answer_with(self)  # type: ignore[attr-defined]  # reports matching a fact-check
        self.setup = setup
        self.network = network
        self.messenger = messenger
        self.clock = clock
        self.background = Background("factchecks")

    async def idle(self) -> None:
        await self.background.idle()

    def _name(self, community: Community) -> str:
        return self.reports.directory(community.platform).name(community) or str(community.id)  # type: ignore[attr-defined]

    # -- rendering --------------------------------------------------------------------------------
    def card(self, fc: FactCheck, lang: str, *, for_partner: bool = False) -> Card:
        """The fact-check as everyone sees it. A partner's copy carries attribution and nothing of the
        case: no claim text, no case reference, no reporter."""
        title = t(lang, "factcheck.card.title", ref=fc.ref, verdict=verdict_label(lang, fc.verdict))
        fields: list[Field] = []
        if fc.claim and not for_partner:
            # The claim is the reported text: shown as written, never formatted.
            fields.append(Field(t(lang, "factcheck.card.claim"), cut(plain(fc.claim), FIELD_VALUE), False))
        if fc.sources:
            fields.append(Field(t(lang, "factcheck.card.sources"), cut("\n".join(fc.sources), FIELD_VALUE), False))
        for c in fc.corrections:
            fields.append(Field(t(lang, "factcheck.card.correction", when=ts(c.at, "f")),
                                cut(t(lang, "factcheck.card.correction_body", note=c.note,
                                      old=verdict_label(lang, c.old_verdict),
                                      new=verdict_label(lang, c.new_verdict)), FIELD_VALUE), False))
        body = fc.summary
        if not fc.is_published:
            body = t(lang, "factcheck.card.withdrawn", reason=fc.withdraw_reason or "") + "\n\n~~" + body + "~~"
        author = (t(lang, "factcheck.card.from_network", community=self._name(fc.community)) if for_partner
                  else t(lang, "factcheck.card.author"))
        return Card(title=title, body=body, fields=tuple(fields[:25]), author=author,
                    colour=COLOURS.get(fc.verdict) if fc.is_published else WITHDRAWN_COLOUR,
                    footer=t(lang, "factcheck.card.footer", when=fc.published_at.strftime("%Y-%m-%d")),
                    timestamp=fc.published_at)

    def verdict_line(self, fc: FactCheck, lang: str, *, from_network: bool) -> str:
        """The verdict as given in a reporter's confirmation."""
        key = "factcheck.confirm.network" if from_network else "factcheck.confirm.own"
        text = t(lang, key, ref=fc.ref, verdict=verdict_label(lang, fc.verdict),
                 summary=cut(fc.summary, 600), community=self._name(fc.community))
        if fc.sources:
            text += "\n" + t(lang, "factcheck.confirm.sources", sources=" · ".join(fc.sources[:3]))
        return text

    # -- lookups ----------------------------------------------------------------------------------
    async def _settings(self, actor: Actor) -> GuildSettings:
        if actor.community is None:
            raise DomainError("common.guild_only")
        return await self.setup.settings_for(actor.community)

    async def _own(self, actor: Actor, ref: str) -> FactCheck:
        number = parse_reference(ref)
        fc = None
        if number is not None and actor.community is not None:
            fc = await self.repo.get_by_number(actor.community, number)
        if fc is None:
            raise DomainError("factcheck.not_found", value=cut(ref, 40))
        return fc

    async def _visible(self, community: Community) -> list[Community]:
        """The community and the partners whose fact-checks it receives."""
        return [community, *await self.network.partners(community, FACTCHECKS)]

    # -- publishing -------------------------------------------------------------------------------
    async def publish(self, actor: Actor, case_ref: str, *, verdict: str | None, summary: str | None,
                      sources: str | None) -> Message:
        settings = await self._settings(actor)
        case = await self._publishable_case(actor, settings, case_ref)
        already = await self.repo.by_case(case.id) is not None
        draft = plan_publish(actor, settings, case, verdict=verdict, summary=summary, sources=sources,
                             already=already)
        fc = await self.repo.publish(case, draft, claim=claim_of(case), language=settings.language,
                                     actor_id=actor.user_id, now=self.clock.now())
        lang = settings.language
        posted = await self._post(fc, settings)
        delivered, total = await self._tell_reporters(fc, PUBLISH)
        shared = await self._share(fc)
        text = t(lang, "factcheck.done.published", ref=fc.ref, case=case.ref, delivered=delivered, total=total)
        if not posted:
            text += "\n" + t(lang, "factcheck.done.no_channel")
        if shared:
            text += "\n" + t(lang, "factcheck.done.shared", count=shared)
        return Message(text=cut(text, CONTENT), cards=(self.card(fc, lang),))

    async def _publishable_case(self, actor: Actor, settings: GuildSettings, case_ref: str) -> Case:
        require_moderator(actor, settings)
        number = parse_case_reference(case_ref or "")
        case = (await self.reports.repo.get_by_number(actor.community, number)  # type: ignore[attr-defined]
                if number is not None else None)
        if case is None:
            raise DomainError("reports.case_not_found", value=cut(case_ref or "", 40))
        return case

    async def check_publish(self, actor: Actor, case_ref: str) -> Case:
        """Refuse before a guided form asks anything: who, which case, and whether it can have a
        fact-check (a misinformation case of this community without one)."""
        settings = await self._settings(actor)
        case = await self._publishable_case(actor, settings, case_ref)
        check_publishable(actor, settings, case, already=await self.repo.by_case(case.id) is not None)
        return case

    async def _post(self, fc: FactCheck, settings: GuildSettings) -> bool:
        if settings.resources_channel is None:
            return False
        try:
            ref = await self.messenger.post(Place(fc.community.platform, settings.resources_channel),
                                            Message(cards=(self.card(fc, settings.language),)))
        except MessengerError:
            log.exception("factchecks: could not post %s in community %s", fc.ref, fc.community)
            return False
        await self.repo.set_post(fc.id, ref)
        return True

    async def _share(self, fc: FactCheck) -> int:
        """Post a new fact-check in each partner's resources channel, once, with attribution."""
        count = 0
        for partner in await self.network.receivers(fc.community, FACTCHECKS):
            settings = await self.setup.settings_for(partner)
            if settings.resources_channel is None:
                continue
            if not await self.repo.claim_share(fc.id, partner, self.clock.now()):
                continue
            try:
                ref = await self.messenger.post(
                    Place(partner.platform, settings.resources_channel),
                    Message(cards=(self.card(fc, settings.language, for_partner=True),)))
            except MessengerError:
                log.exception("factchecks: could not share %s with %s", fc.ref, partner)
                continue
            await self.repo.set_share_post(fc.id, partner, ref)
            count += 1
        return count

    async def _tell_reporters(self, fc: FactCheck, revision: str) -> tuple[int, int]:
        """DM every reporter of the case (and of cases it answered) about this revision, once each."""
        members = await self.repo.reporters(fc.id)
        claimed = await self.repo.claim_notices(fc.id, revision, members, self.clock.now())
        if not claimed:
            return 0, 0
        messages: dict[str, Message] = {}
        where = await self.repo.reporter_communities(fc.id)

        async def for_member(member: Member) -> Message:
            # Each reporter is told in their own community's language (a partner's reporters in the
            # partner's); the publisher is named.
            lang = (await self.setup.settings_for(where.get(member, fc.community))).language
            if lang not in messages:
                key = {PUBLISH: "factcheck.dm.published", WITHDRAW: "factcheck.dm.withdrawn"}.get(
                    revision, "factcheck.dm.corrected")
                text = t(lang, key, ref=fc.ref, community=self._name(fc.community),
                         verdict=verdict_label(lang, fc.verdict))
                messages[lang] = Message(text=cut(text, CONTENT), cards=(self.card(fc, lang, for_partner=True),))
            return messages[lang]

        outcome = await dm_many(self.messenger, claimed, for_member)
        delivered = {m: m in outcome.reached for m in claimed}
        await self.repo.mark_notices(fc.id, revision, delivered)
        return sum(delivered.values()), len(claimed)

    async def _refresh_posts(self, fc: FactCheck) -> None:
        """Bring the posted copies (own channel, partners') up to date after a correction or withdrawal."""
        settings = await self.setup.settings_for(fc.community)
        if fc.post_channel_id and fc.post_message_id:
            ref = MessageRef(Place(fc.community.platform, fc.post_channel_id), fc.post_message_id)
            try:
                await self.messenger.edit(ref, Message(cards=(self.card(fc, settings.language),)))
            except MessengerError:
                log.exception("factchecks: could not edit the post of %s", fc.ref)
        for partner, ref in await self.repo.share_posts(fc.id):
            partner_lang = (await self.setup.settings_for(partner)).language
            try:
                await self.messenger.edit(ref, Message(cards=(self.card(fc, partner_lang, for_partner=True),)))
            except MessengerError:
                log.exception("factchecks: could not edit a shared copy of %s", fc.ref)

    async def correct(self, actor: Actor, ref: str, *, note: str | None, verdict: str | None) -> Message:
        settings = await self._settings(actor)
        require_moderator(actor, settings)
        fc = await self._own(actor, ref)
        cleaned, new_verdict = plan_correct(actor, settings, fc, note=note, verdict=verdict)
        correction_id = await self.repo.correct(fc, note=cleaned, verdict=new_verdict, actor_id=actor.user_id,
                                                now=self.clock.now())
        fresh = await self.repo.get(fc.id)
        assert fresh is not None
        await self._refresh_posts(fresh)
        delivered, total = await self._tell_reporters(fresh, f"correction:{correction_id}")
        lang = settings.language
        return Message(text=t(lang, "factcheck.done.corrected", ref=fc.ref, delivered=delivered, total=total),
                       cards=(self.card(fresh, lang),))

    async def withdraw(self, actor: Actor, ref: str, *, reason: str | None) -> Message:
        settings = await self._settings(actor)
        require_moderator(actor, settings)
        fc = await self._own(actor, ref)
        cleaned = plan_withdraw(actor, settings, fc, reason)
        await self.repo.withdraw(fc, reason=cleaned, actor_id=actor.user_id, now=self.clock.now())
        fresh = await self.repo.get(fc.id)
        assert fresh is not None
        await self._refresh_posts(fresh)
        delivered, total = await self._tell_reporters(fresh, WITHDRAW)
        lang = settings.language
        return Message(text=t(lang, "factcheck.done.withdrawn", ref=fc.ref, delivered=delivered, total=total),
                       cards=(self.card(fresh, lang),))

    # -- reading ----------------------------------------------------------------------------------
    async def show(self, actor: Actor, ref: str) -> Message:
        settings = await self._settings(actor)
        fc = await self._own(actor, ref)
        return Message(cards=(self.card(fc, settings.language),))

    def _lines(self, found: list[FactCheck], community: Community, lang: str) -> tuple[list[str], list[str]]:
        own, network = [], []
        for fc in found:
            line = t(lang, "factcheck.list.line", ref=fc.ref, verdict=verdict_label(lang, fc.verdict),
                     summary=cut(fc.summary.replace("\n", " "), 120))
            if fc.community == community:
                own.append(line)
            else:
                network.append(t(lang, "factcheck.list.network_line", line=line, community=self._name(fc.community)))
        return own, network

    def _listing(self, title: str, own: list[str], network: list[str], lang: str) -> Message:
        fields = []
        if own:
            fields.append(Field(t(lang, "factcheck.list.here"), cut("\n".join(own), FIELD_VALUE), False))
        if network:
            fields.append(Field(t(lang, "factcheck.list.from_network"), cut("\n".join(network), FIELD_VALUE), False))
        if not fields:
            return Message(text=t(lang, "factcheck.list.none"))
        return Message(cards=(Card(title=title, fields=tuple(fields), colour=0x2B7A78),))

    async def listing(self, actor: Actor, verdict: str | None = None) -> Message:
        settings = await self._settings(actor)
        assert actor.community is not None
        wanted = check_verdict(verdict) if verdict else None
        found = await self.repo.listing(await self._visible(actor.community), verdict=wanted, limit=LIST_LIMIT)
        own, network = self._lines(found, actor.community, settings.language)
        return self._listing(t(settings.language, "factcheck.list.title"), own, network, settings.language)

    async def search(self, actor: Actor, query: str) -> Message:
        settings = await self._settings(actor)
        assert actor.community is not None
        parsed = parse_query(query)
        found = await self.repo.search(await self._visible(actor.community), parsed, limit=LIST_LIMIT)
        own, network = self._lines(found, actor.community, settings.language)
        return self._listing(t(settings.language, "factcheck.search.title", query=cut(query, 100)),
                             own, network, settings.language)

    # -- report intake ----------------------------------------------------------------------------
    async def match_report(self, intake: Intake, settings: GuildSettings) -> Match | None:
        """The published fact-check answering a new report: the community's own, and with
        `network_verdicts` on, its partners' shared ones."""
        community = intake.community
        scope = [community]
        if settings.network_verdicts:
            scope += await self.network.partners(community, FACTCHECKS)
        fc = await self.repo.match(keys_of(intake), scope)
        return None if fc is None else Match(fc, fc.community != community)

    async def on_submit(self, intake: Intake, result: IntakeResult, settings: GuildSettings) -> str | None:
        """Called by report intake once the report is stored: the verdict for the confirmation, and
        the case marked with the match (moderators are shown it in the background)."""
        found = await self.match_report(intake, settings)
        if found is None:
            return None
        if await self.repo.mark_match(result.case_id, found.factcheck.id, self.clock.now()):
            self.background.spawn(self._notice(result.case_id, found, settings), "match notice")
        return self.verdict_line(found.factcheck, settings.language, from_network=found.from_network)

    async def _notice(self, case_id: int, found: Match, settings: GuildSettings) -> None:
        """Tell the moderation channel that a case matches a fact-check, with the one-click close."""
        if settings.moderation_channel is None:
            return
        case = await self.reports.repo.get(case_id)  # type: ignore[attr-defined]
        lang = settings.language
        fc = found.factcheck
        text = t(lang, "factcheck.match.notice", case=case.ref, ref=fc.ref, verdict=verdict_label(lang, fc.verdict))
        if found.from_network:
            text += " " + t(lang, "factcheck.match.from_network", community=self._name(fc.community))
        button = Button(ANSWER, (case_id,), t(lang, "factcheck.match.button", ref=fc.ref), DANGER)
        try:
            await self.messenger.post(Place(case.platform, settings.moderation_channel),
                                      Message(text=cut(text, CONTENT), buttons=((button,),)))
        except MessengerError:
            log.exception("factchecks: could not post the match notice of %s", case.ref)

    async def answer_case(self, actor: Actor, case_id: int) -> str:
        """Close a case as answered by the fact-check it matched (one action); reporters are told."""
        from bot.app.reports import RESOLVE, Step

        settings = await self._settings(actor)
        require_moderator(actor, settings)
        fc_id = await self.repo.match_of(case_id)
        case = await self.reports.repo.get(case_id)  # type: ignore[attr-defined]
        if fc_id is None or case is None:
            raise DomainError("common.not_found")
        plan_answer(actor, settings, case)
        fc = await self.repo.get(fc_id)
        assert fc is not None
        lang = settings.language
        note = t(lang, "factcheck.answered_note", ref=fc.ref, verdict=verdict_label(lang, fc.verdict),
                 summary=cut(fc.summary, 400))
        result = await self.reports.triage(actor, case_id, Step(RESOLVE, "duplicate", cut(note, 500)))  # type: ignore[attr-defined]
        await self.repo.mark_answered(case_id, actor.user_id, self.clock.now())
        return cut(t(lang, "factcheck.done.answered", case=case.ref, ref=fc.ref) + "\n" + (result.told or ""),
                   CONTENT)

    async def stats_field(self, community: Community, since: datetime, lang: str) -> Field:
        """The line `/reports stats` shows: cases closed as answered by a fact-check."""
        count = await self.repo.answered_count(community, since)
        return Field(t(lang, "factcheck.stats.answered"), t(lang, "factcheck.stats.count", count=count), False)


__all__ = ["ANSWER", "FactchecksService", "VERDICTS", "verdict_label"]
