"""The anonymous conversation on a report case: moderators ask every reporter (by DM, signed "the
moderators of <community>"), reporters answer (a DM to the bot, or **Reply** in `/my reports`) and
appear to moderators as "Reporter N"; moderators keep internal notes. Everything is kept on the case
(append-only) and shown, in order, in a thread under the case card. The rules are in
`bot.domain.report_conversation`; this is the sequence of effects around them."""

from __future__ import annotations

import asyncio
import logging

from bot.app.delivery import dm_many
from bot.app.reports.cards import ASK_REPORTERS, label
from bot.app.reports.cards import NOTE as NOTE_INTENT
from bot.app.reports.service import ReportsService
from bot.app.resources import plain
from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.report_categories import parse_reference, reference
from bot.domain.report_conversation import (
    ACTION,
    ANSWER,
    Snippet,
    clean_snippet_name,
    compose,
    NOTE,
    QUESTION,
    AskedCase,
    Entry,
    clean_text,
    reporter_number,
    route_dm,
)
from bot.domain.report_status import check_view
from bot.domain.reports import Case
from bot.domain.roles import Actor, is_moderator, require_moderator
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, cut, ts
from bot.ports.messaging import PRIMARY, Button, Card, Message, MessengerError
from bot.ports.reports import CaseThreads, ConversationRepository

log = logging.getLogger(__name__)

# Button intents (front ends map them to their own ids; the target is the case id).
ASK = ASK_REPORTERS
NOTE_BUTTON = NOTE_INTENT
REPLY = "conv.reply"
MINE_LIMIT = 10
HISTORY_PREVIEW = 300


class ConversationService:
    """Questions to reporters, their answers, internal notes and `/my reports`. Built by `bot.app.App`."""

    def __init__(self, repo: ConversationRepository, reports: ReportsService) -> None:
        self.repo = repo
        self.reports = reports
        self.messenger = reports.messenger
        self.clock = reports.clock
        self._threads: dict[str, CaseThreads] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def use_threads(self, platform: str, threads: CaseThreads) -> None:
        """A front end tells the service how it opens a thread under a card."""
        self._threads[platform] = threads

    # -- helpers -------------------------------------------------------------------------------------
    def community_name(self, community: Community, lang: str) -> str:
        return self.reports.directory(community.platform).name(community) or t(lang, "conv.community_fallback")

    async def _moderated_case(self, actor: Actor, case_id: int) -> tuple[Case, str]:
        settings = await self.reports.setup.settings_for(actor.community)
        require_moderator(actor, settings)
        case = await self.reports._case(case_id)
        check_view(case, actor, settings)
        return case, settings.language

    async def _lang(self, case: Case) -> str:
        return (await self.reports.setup.settings_for(case.community)).language

    def _lock(self, case_id: int) -> asyncio.Lock:
        lock = self._locks.get(case_id)
        if lock is None:
            if len(self._locks) > 1000:
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[case_id] = asyncio.Lock()
        return lock

    async def _thread(self, case: Case) -> Place | None:
        """The thread under the case card (opened the first time), or None when there is none."""
        thread_id = await self.repo.thread(case.id)
        if thread_id is not None:
            return Place(case.platform, thread_id)
        opener = self._threads.get(case.platform)
        fresh = await self.reports._case(case.id)
        if opener is None or fresh.card_message_id is None or fresh.card_channel_id is None:
            return None
        card = MessageRef(Place(case.platform, fresh.card_channel_id), fresh.card_message_id)
        lang = await self._lang(case)
        try:
            place = await opener.open_thread(card, t(lang, "conv.thread.name", ref=case.ref))
        except MessengerError:
            log.exception("reports: could not open the conversation thread of %s", case.ref)
            return None
        if place is not None:
            await self.repo.set_thread(case.id, place.id)
        return place

    def _thread_text(self, entry: Entry, lang: str) -> str:
        if entry.kind == QUESTION:
            text = t(lang, "conv.thread.question", moderator=f"<@{entry.author_id}>", text=entry.body)
        elif entry.kind == NOTE:
            text = t(lang, "conv.thread.note", moderator=f"<@{entry.author_id}>", text=entry.body)
        elif entry.kind == ACTION:
            text = t(lang, "conv.thread.action", moderator=f"<@{entry.author_id}>", text=entry.body)
        else:
            # A reporter's words, never formatted: moderators' own entries keep their formatting.
            key = "conv.thread.late_answer" if entry.late else "conv.thread.answer"
            text = t(lang, key, number=entry.reporter_no, text=plain(entry.body))
        return cut(text, CONTENT)

    async def _show(self, case: Case, entry: Entry) -> None:
        """Post the entry in the case's thread (in order: one case at a time); the moderation channel
        when the case has no thread. A failure is logged: the entry is already kept on the case."""
        async with self._lock(case.id):
            lang = await self._lang(case)
            place = await self._thread(case)
            if place is None:
                settings = await self.reports.setup.settings_for(case.community)
                if settings.moderation_channel is None:
                    return
                place = Place(case.platform, settings.moderation_channel)
                text = cut(f"**{case.ref}** · " + self._thread_text(entry, lang), CONTENT)
            else:
                text = self._thread_text(entry, lang)
            try:
                await self.messenger.post(place, Message(text=text))
            except MessengerError:
                log.exception("reports: could not show a conversation entry of %s", case.ref)

    # -- moderators ----------------------------------------------------------------------------------
    async def check_ask(self, actor: Actor, case_id: int) -> Case:
        """Refuse before the form opens: who clicks, and the case's community."""
        return (await self._moderated_case(actor, case_id))[0]

    async def ask(self, actor: Actor, case_id: int, text: str, snippet: str | None = None) -> str:
        """Send the moderators' question (a snippet and/or what they typed) to every reporter of the
        case by DM, keep it on the case and show it in the thread. Returns what the moderator is told
        (how many reporters were reached)."""
        case, lang = await self._moderated_case(actor, case_id)
        body = clean_text(await self.compose(actor, snippet, text))
        entry = await self.repo.add(case, QUESTION, author=actor.member, body=body, now=self.clock.now())
        reporters = await self.repo.reporters(case.id)
        name = self.community_name(case.community, lang)
        # How to answer differs by platform: Telegram has /my_reports and replies to the message.
        dms = {key: Message(text=cut(t(lang, "conv.dm.question", community=name, ref=case.ref, text=body)
                                     + "\n\n" + t(lang, key, ref=case.ref), CONTENT))
               for key in ("conv.dm.how_to_answer", "conv.dm.how_to_answer.telegram")}
        outcome = await dm_many(self.messenger, reporters, lambda member: dms[
            "conv.dm.how_to_answer.telegram" if member.platform == TELEGRAM else "conv.dm.how_to_answer"])
        self.reports.background.spawn(self._show(case, entry), "conversation entry")
        ack = t(lang, "conv.asked", ref=case.ref, reached=len(outcome.reached), total=len(reporters))
        unreached = len(reporters) - len(outcome.reached)
        if unreached:
            ack += "\n" + t(lang, "conv.asked_closed", closed=unreached)
        return cut(ack, CONTENT)

    async def note(self, actor: Actor, case_id: int, text: str) -> str:
        """An internal note: kept on the case, shown in the thread, never sent to reporters."""
        case, lang = await self._moderated_case(actor, case_id)
        entry = await self.repo.add(case, NOTE, author=actor.member, body=clean_text(text), now=self.clock.now())
        self.reports.background.spawn(self._show(case, entry), "conversation entry")
        return t(lang, "conv.noted", ref=case.ref)

    async def history(self, actor: Actor, ref: str) -> Message | None:
        """The case's conversation and notes for `/reports show` (reporters as "Reporter N")."""
        settings = await self.reports.setup.settings_for(actor.community)
        require_moderator(actor, settings)
        number = parse_reference(ref)
        case = (await self.reports.repo.get_by_number(actor.community, number)
                if number is not None and actor.community is not None else None)
        if case is None:
            raise DomainError("reports.case_not_found", value=cut(ref, 40))
        check_view(case, actor, settings)
        entries = await self.repo.entries(case.id)
        if not entries:
            return None
        lang = settings.language
        lines = [self.history_line(e, lang) for e in entries]
        kept: list[str] = []
        size = 0
        for line in reversed(lines):  # the latest lines that fit
            if size + len(line) + 1 > EMBED_DESCRIPTION:
                break
            kept.append(line)
            size += len(line) + 1
        return Message(cards=(Card(title=cut(t(lang, "conv.history") + f" · {case.ref}", 256),
                                   body="\n".join(reversed(kept))),))

    @staticmethod
    def history_line(entry: Entry, lang: str) -> str:
        when = ts(entry.at, "f")
        text = cut(entry.body.replace("\n", " "), HISTORY_PREVIEW)
        if entry.kind == QUESTION:
            return t(lang, "conv.history.question", when=when, actor=f"<@{entry.author_id}>", text=text)
        if entry.kind == NOTE:
            return t(lang, "conv.history.note", when=when, actor=f"<@{entry.author_id}>", text=text)
        if entry.kind == ACTION:
            return t(lang, "conv.history.action", when=when, actor=f"<@{entry.author_id}>", text=text)
        key = "conv.history.late_answer" if entry.late else "conv.history.answer"
        return t(lang, key, when=when, number=entry.reporter_no, text=plain(text))

    # -- snippets ------------------------------------------------------------------------------------
    async def _moderator(self, actor: Actor) -> tuple[Community, str]:
        settings = await self.reports.setup.settings_for(actor.community)
        require_moderator(actor, settings)
        assert actor.community is not None
        return actor.community, settings.language

    async def snippets(self, actor: Actor) -> list[Snippet]:
        """The community's snippets, for a moderator's form (nothing for anyone else)."""
        community = actor.community
        if community is None:
            return []
        settings = await self.reports.setup.settings_for(community)
        if not is_moderator(actor, settings):
            return []
        return await self.repo.snippets(community)

    async def compose(self, actor: Actor, snippet: str | None, text: str | None) -> str:
        """What a moderator wrote with an optional snippet (refused when the snippet is gone)."""
        chosen = None
        if snippet:
            community, _lang = await self._moderator(actor)
            chosen = next((s for s in await self.repo.snippets(community) if s.name == snippet), None)
            if chosen is None:
                raise DomainError("conv.snippet.unknown", name=cut(snippet, 40))
        return compose(chosen, text)

    async def snippet_add(self, actor: Actor, name: str, text: str) -> str:
        community, lang = await self._moderator(actor)
        clean = clean_snippet_name(name)
        if not await self.repo.add_snippet(community, clean, clean_text(text), author=actor.member,
                                           now=self.clock.now()):
            raise DomainError("conv.snippet.exists", name=clean)
        return t(lang, "conv.snippet.added", name=clean)

    async def snippet_remove(self, actor: Actor, name: str) -> str:
        community, lang = await self._moderator(actor)
        clean = "-".join((name or "").strip().casefold().split())
        if not clean or not await self.repo.remove_snippet(community, clean):
            raise DomainError("conv.snippet.unknown", name=cut(name or "", 40))
        return t(lang, "conv.snippet.removed", name=clean)

    async def snippet_list(self, actor: Actor) -> Message:
        community, lang = await self._moderator(actor)
        found = await self.repo.snippets(community)
        if not found:
            return Message(text=t(lang, "conv.snippet.none"))
        lines = [f"**{s.name}**: {cut(s.body.replace(chr(10), ' '), 180)}" for s in found]
        return Message(cards=(Card(title=t(lang, "conv.snippet.title", count=len(found)),
                                   body=cut("\n".join(lines), EMBED_DESCRIPTION)),))

    # -- reporters -----------------------------------------------------------------------------------
    async def _answer(self, case: Case, member: Member, text: str) -> str:
        """Keep a reporter's answer on the case as "Reporter N" (a late reply once the case is closed),
        show it to moderators, and say what the reporter is told."""
        body = clean_text(text)
        reporters = await self.repo.reporters(case.id)
        number = reporter_number(reporters, member)
        late = not case.is_open
        entry = await self.repo.add(case, ANSWER, author=member, body=body, now=self.clock.now(),
                                    reporter_no=number, late=late)
        self.reports.background.spawn(self._show(case, entry), "conversation entry")
        lang = await self._lang(case)
        name = self.community_name(case.community, lang)
        return t(lang, "conv.dm.received_late" if late else "conv.dm.received", ref=case.ref, community=name)

    async def answer_dm(self, member: Member, text: str, lang: str = "en") -> Message:
        """A DM to the bot from a member: an answer to the case it belongs to, a request to name the
        case when several wait for an answer, or a short help when it belongs to no case."""
        routed = route_dm(text, await self.repo.cases_of(member))
        if routed.case is not None:
            case = await self.reports._case(routed.case.case_id)
            try:
                return Message(text=await self._answer(case, member, routed.text))
            except DomainError as exc:
                return Message(text=t(await self._lang(case), exc.key, **exc.params))
        if routed.ambiguous:
            refs = ", ".join(reference(c.number) for c in routed.ambiguous[:5])
            case = await self.reports._case(routed.ambiguous[0].case_id)
            return Message(text=cut(t(await self._lang(case), "conv.dm.which_case", refs=refs,
                                      example=reference(routed.ambiguous[0].number)), CONTENT))
        return Message(text=t(lang, "conv.dm.help"))

    async def answers_a_case(self, member: Member, text: str) -> bool:
        """Whether a private message from `member` belongs to one of their cases (or would be asked
        to name one), rather than being something new."""
        routed = route_dm(text, await self.repo.cases_of(member))
        return routed.case is not None or bool(routed.ambiguous)

    async def check_reply(self, actor: Actor, case_id: int) -> Case:
        """Refuse before the form opens: only a reporter of the case may reply on it."""
        case = await self.reports._case(case_id)
        if actor.member not in await self.repo.reporters(case.id):
            raise DomainError("conv.not_your_case")
        return case

    async def reply(self, actor: Actor, case_id: int, text: str) -> str:
        """**Reply** in `/my reports`: the same as answering by DM, for this case."""
        case = await self.check_reply(actor, case_id)
        return await self._answer(case, actor.member, text)

    async def mine(self, actor: Actor) -> Message:
        """`/my reports`: the member's own reports here with their status, and a **Reply** button each."""
        community = actor.community
        if community is None:
            raise DomainError("common.guild_only")
        settings = await self.reports.setup.settings_for(community)
        lang = settings.language
        asked = await self.repo.cases_of(actor.member, community, limit=MINE_LIMIT)
        name = self.community_name(community, lang)
        if not asked:
            return Message(text=t(lang, "conv.mine.empty"))
        lines: list[str] = []
        buttons: list[Button] = []
        for item in asked:
            case = await self.reports._case(item.case_id)
            lines.append(t(lang, "conv.mine.line", ref=case.ref, category=label(lang, "category", case.category),
                           status=label(lang, "status", case.status), when=ts(case.created_at, "R"),
                           asked=t(lang, "conv.mine.asked") if item.asked_at is not None else ""))
            buttons.append(Button(REPLY, (case.id,), t(lang, "conv.mine.reply", ref=case.ref), PRIMARY))
        rows = tuple(tuple(buttons[i:i + 5]) for i in range(0, len(buttons), 5))
        return Message(cards=(Card(title=cut(t(lang, "conv.mine.title", community=name), 256),
                                   body=cut("\n".join(lines), EMBED_DESCRIPTION)),), buttons=rows)


__all__ = ["ASK", "AskedCase", "ConversationService", "NOTE_BUTTON", "REPLY"]
