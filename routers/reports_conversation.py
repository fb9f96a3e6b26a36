"""The anonymous conversation of report cases on Telegram, and the actions on a reported message.

In the moderators' group: **Ask reporters** and **Internal note** on the case card ask for the text
with a reply prompt; **Delete message** and **Warn author** ask for the reason (the warning) the same
way, then act. The bot deletes with its admin right "Delete messages"; Telegram has no timeout a bot
can give without taking a member's rights away, so **Time out author** is not offered here.
In a private chat: a reporter answers a question by replying to it (or writing the case reference
first), or with **Reply** in `/my_reports`. Everything goes through `bot.app.reports.conversation`
and `bot.app.reports.actions`; the open prompt is a form kept in the database."""

from __future__ import annotations

import re

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.app.reports.actions import ACT
from bot.app.reports.conversation import ASK, NOTE_BUTTON, REPLY
from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.report_actions import DELETE, TIMEOUT, WARN
from bot.i18n import t
from bot.ports.reports import ActionForbidden
from routers._common import callbacks
from routers._common.context import is_group
from routers._common.filters import Pressed
from routers.front import group_only
from routers.reports_commands import private_actor

# Callback codes of buttons already posted: never change them.
callbacks.register(ASK, "ka")
callbacks.register(NOTE_BUTTON, "kn")
callbacks.register(REPLY, "kr")
callbacks.register(ACT, "kt")
callbacks.accept_only(ACT, lambda target: bool(target) and target[0] in (DELETE, WARN))

CONV_FORM = "conv"
DELETE_RIGHT = "Delete messages"
_LEADING_REF = re.compile(r"^\s*(?:r\s*-?\s*|#)\d{1,9}\b", re.IGNORECASE)


class TelegramModerationTools:
    """`bot.ports.reports.ModerationTools` over the Bot API: the bot deletes a group's message with
    its admin right "Delete messages" (read with getChatMember)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def missing_permission(self, community: Community, action: str, place: Place | None,
                                 author: Member | None) -> str | None:
        if action == TIMEOUT:
            return "Restrict members"  # not offered on Telegram (see the module's docstring)
        if action != DELETE:
            return None
        if place is None:
            return DELETE_RIGHT
        try:
            me = await self.bot.get_chat_member(place.id, self.bot.id)
        except TelegramAPIError:
            return DELETE_RIGHT
        if me.status == "creator" or (me.status == "administrator" and getattr(me, "can_delete_messages", False)):
            return None
        return DELETE_RIGHT

    async def delete_message(self, community: Community, ref: MessageRef) -> bool:
        try:
            await self.bot.delete_message(ref.place.id, ref.id)
        except TelegramBadRequest as exc:
            if "not found" in exc.message:
                return False
            raise ActionForbidden(DELETE_RIGHT, exc.message) from exc
        except TelegramForbiddenError as exc:
            raise ActionForbidden(DELETE_RIGHT, exc.message) from exc
        return True

    async def timeout(self, community, member, until, reason) -> bool:  # type: ignore[no-untyped-def]
        raise ActionForbidden("Restrict members")


async def prompt(front, chat_id: int, text: str, reply_to: int | None) -> None:  # type: ignore[no-untyped-def]
    """A reply prompt: the member's next reply to it is the answer."""
    await front.bot.send_message(chat_id, text, reply_to_message_id=reply_to, allow_sending_without_reply=True,
                                 reply_markup=ForceReply())


def build() -> Router:
    router = Router(name="reports.conversation")

    # -- moderators: the card's buttons ---------------------------------------------------------
    @router.callback_query(Pressed(ASK, NOTE_BUTTON, ACT))
    async def card_button(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        lang = await front.lang_of_actor(actor)
        if intent.action == ACT:
            action = intent.word(0, (DELETE, TIMEOUT, WARN))
            if action == TIMEOUT:
                raise DomainError("actions.unavailable")
            case = await app.report_actions.check(actor, intent.number(1), action)
            step, text = action, t(lang, f"tg.action.ask_{action}", ref=case.ref)
        else:
            case = await app.report_conversation.check_ask(actor, intent.number(0))
            step = "ask" if intent.action == ASK else "note"
            text = t(lang, f"tg.conv.{step}_prompt", ref=case.ref)
        await app.telegram.open_form(chat.id, actor.user_id, CONV_FORM, step, {"case": case.id})
        await prompt(front, chat.id, text, query.message.message_id)
        await query.answer()

    @router.message(F.reply_to_message.from_user.is_bot, F.text, ~F.text.startswith("/"), F.chat.type != "private")
    async def moderator_text(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        if not is_group(message.chat):
            raise SkipHandler()
        form = await app.telegram.form(message.chat.id, message.from_user.id)
        if form is None or form.kind != CONV_FORM:
            raise SkipHandler()
        actor = await front.roles.actor(message.chat, message.from_user)
        case_id, text = int(form.data["case"]), message.text
        if form.step == "ask":
            done = await app.report_conversation.ask(actor, case_id, text)
        elif form.step == "note":
            done = await app.report_conversation.note(actor, case_id, text)
        elif form.step in (DELETE, WARN):
            done = await app.report_actions.act(actor, case_id, form.step, text)
        else:
            raise SkipHandler()
        await app.telegram.close_form(message.chat.id, message.from_user.id)
        await front.reply(message, done)

    # -- reporters, privately -------------------------------------------------------------------
    @router.callback_query(Pressed(REPLY))
    async def reply_button(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        user = query.from_user
        actor = await private_actor(app, user)
        case = await app.report_conversation.check_reply(actor, intent.number(0))
        lang = await front.lang_of_actor(actor)
        await app.telegram.open_form(user.id, user.id, CONV_FORM, "reply", {"case": case.id})
        await prompt(front, query.message.chat.id, t(lang, "tg.conv.reply_prompt", ref=case.ref), None)
        await query.answer()

    @router.message(F.chat.type == "private", F.text, ~F.text.startswith("/"))
    async def reporter_text(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        """A reporter's answer: to a Reply prompt, in reply to the moderators' question, or starting
        with the case reference. Anything else in a private chat is a new report (the intake)."""
        user = message.from_user
        if message.forward_origin is not None:
            raise SkipHandler()
        form = await app.telegram.form(user.id, user.id)
        replied = message.reply_to_message
        to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == front.bot.id
        if form is not None and form.kind == CONV_FORM and form.step == "reply" and to_bot:
            actor = await private_actor(app, user)
            done = await app.report_conversation.reply(actor, int(form.data["case"]), message.text)
            await app.telegram.close_form(user.id, user.id)
            await front.reply(message, done)
            return
        member = Member(TELEGRAM, user.id)
        if not (to_bot or _LEADING_REF.match(message.text)) \
                or not await app.report_conversation.answers_a_case(member, message.text):
            raise SkipHandler()
        out = await app.report_conversation.answer_dm(member, message.text, await front.lang(None))
        await front.reply(message, out)

    return router


def register(front) -> None:  # type: ignore[no-untyped-def]
    """Let the reports service act on Telegram messages through the Bot API."""
    front.app.report_actions.use_tools(TELEGRAM, TelegramModerationTools(front.bot))


__all__ = ["TelegramModerationTools", "build", "register"]
