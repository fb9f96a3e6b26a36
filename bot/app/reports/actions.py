"""Actions on a reported message from its case card: delete it, time out its author, warn its author
by DM. Each is refused before anything is asked when the moderator or the case does not allow it, or
when the bot lacks the platform permission (named); each is written to the case's history and shown
in its thread. The rules are in `bot.domain.report_actions`."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.app.reports.cards import ACT, action_buttons
from bot.app.reports.conversation import ConversationService
from bot.domain.errors import DomainError
from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.report_actions import (
    DELETE,
    TIMEOUT,
    WARN,
    check_duration,
    clean_reason,
    Target,
    plan_action,
)
from bot.domain.report_conversation import ACTION, clean_text
from bot.domain.reports import Case
from bot.domain.roles import Actor
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.ports.messaging import Delivery, Message, MessengerError
from bot.ports.reports import ActionForbidden, ModerationTools

log = logging.getLogger(__name__)



class ActionsService:
    """Built by `bot.app.App`; front ends register their platform's `ModerationTools`."""

    def __init__(self, conversation: ConversationService) -> None:
        self.conversation = conversation
        self.reports = conversation.reports
        self.messenger = conversation.messenger
        self.clock = conversation.clock
        self._tools: dict[str, ModerationTools] = {}

    def use_tools(self, platform: str, tools: ModerationTools) -> None:
        self._tools[platform] = tools

    async def offer(self, actor: Actor, case_id: int) -> Message | None:
        """After resolving as "actioned": the actions the case allows, to take them now."""
        case = await self.reports._case(case_id)
        settings = await self.reports.setup.settings_for(case.community)
        found = action_buttons(case, settings.language)
        if not found or not case.community == actor.community:
            return None
        return Message(text=t(settings.language, "actions.offer", ref=case.ref), buttons=(found,))

    async def check(self, actor: Actor, case_id: int, action: str) -> Case:
        """Refuse before the form opens: who, which case, and whether the bot may do it at all."""
        case = await self.reports._case(case_id)
        settings = await self.reports.setup.settings_for(actor.community)
        target = plan_action(case, actor, settings, action)
        await self._require_permission(case, action, target)
        return case

    @staticmethod
    def _where(case: Case, target: Target) -> Community:
        """The community the message is in, as its platform knows it: the case's, or for a message in
        a linked group on another platform, that group."""
        if target.platform == case.platform or target.channel_id is None:
            return case.community
        return Community(target.platform, target.channel_id)

    async def _require_permission(self, case: Case, action: str, target: Target) -> None:
        tools = self._tools.get(target.platform)
        if tools is None:
            raise DomainError("actions.unavailable")
        place = Place(target.platform, target.channel_id) if target.channel_id is not None else None
        author = Member(target.platform, target.author_id) if target.author_id is not None else None
        missing = await tools.missing_permission(self._where(case, target), action, place, author)
        if missing:
            raise DomainError("actions.missing_permission", permission=missing)

    async def act(self, actor: Actor, case_id: int, action: str, reason: str | None, *,
                  seconds: int | None = None, snippet: str | None = None) -> str:
        """Take the action (after the moderator confirmed it with a reason), write it to the case's
        history and thread, and say what happened. For a warning, the reason (a snippet and/or the
        typed text) is what the author receives."""
        case = await self.reports._case(case_id)
        settings = await self.reports.setup.settings_for(actor.community)
        lang = settings.language
        target = plan_action(case, actor, settings, action)
        if action == WARN:
            text = clean_text(await self.conversation.compose(actor, snippet, reason))
        else:
            text = clean_reason(reason)
        if action == TIMEOUT:
            seconds = check_duration(seconds)
        await self._require_permission(case, action, target)
        tools = self._tools[target.platform]
        where = self._where(case, target)
        author = Member(target.platform, target.author_id) if target.author_id is not None else None
        try:
            if action == DELETE:
                assert target.channel_id is not None and target.message_id is not None
                done = await tools.delete_message(where, MessageRef(Place(target.platform, target.channel_id),
                                                                    target.message_id))
                outcome = "actions.done.delete" if done else "actions.done.delete_gone"
            elif action == TIMEOUT:
                assert author is not None and seconds is not None
                until = self.clock.now() + timedelta(seconds=seconds)
                done = await tools.timeout(where, author, until, cut(text, 400))
                outcome = "actions.done.timeout" if done else "actions.done.author_gone"
            else:
                assert author is not None
                name = self.conversation.community_name(case.community, lang)
                link = case.evidence.jump_url or ""
                warning = Message(text=cut(t(lang, "actions.warning", community=name, text=text, link=link), CONTENT))
                delivered = await self.messenger.dm(author, warning)
                done = delivered is Delivery.DELIVERED
                outcome = "actions.done.warn" if done else "actions.done.warn_closed"
        except ActionForbidden as exc:
            raise DomainError("actions.missing_permission", permission=exc.permission) from exc
        except MessengerError as exc:
            log.exception("reports: action %s on %s failed", action, case.ref)
            raise DomainError("actions.failed") from exc
        span = t(lang, f"actions.duration.{seconds}") if seconds else ""
        record = t(lang, f"actions.record.{action}", duration=span, result=t(lang, outcome, ref=case.ref, duration=span))
        entry = await self.conversation.repo.add(case, ACTION, author=actor.member, body=f"{record} · {text}",
                                                 now=self.clock.now(), action=action)
        self.reports.background.spawn(self.conversation._show(case, entry), "action entry")
        return t(lang, outcome, ref=case.ref, duration=span)


__all__ = ["ACT", "ActionsService"]
