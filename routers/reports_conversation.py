"""The anonymous conversation of report cases on Telegram, and the actions on a reported message.

In the moderators' group: **Ask reporters** and **Internal note** on the case card ask for the text
with a reply prompt; **Delete message**, **Time out author** (its length as buttons first) and **Warn
author** ask for the reason (the warning) the same way, then act. The bot deletes with its admin right
"Delete messages" and times out with "Ban users" (restrictChatMember: no sending until it ends).
In a private chat: a reporter answers a question by replying to it (or writing the case reference
first), or with **Reply** in `/my_reports`. Everything goes through `bot.app.reports.conversation`
and `bot.app.reports.actions`; the open prompt is a form kept in the database."""

from __future__ import annotations

import re
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, ChatPermissions, ForceReply, Message

from bot.app.reports.actions import ACT
from bot.app.reports.conversation import ASK, NOTE_BUTTON, REPLY
from bot.domain.identity import TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.report_actions import DELETE, TIMEOUT, TIMEOUT_CHOICES, WARN
from bot.i18n import t
from bot.ports.messaging import DANGER, Button
from bot.ports.messaging import Message as Out
from bot.ports.reports import ActionForbidden
from routers._common import callbacks
from routers._common.context import is_group
from routers._common.filters import Pressed
from routers.front import group_only
from routers.reports_commands import private_actor, snippet_hint, with_snippet

# Callback codes of buttons already posted: never change them.
callbacks.register(ASK, "ka")
callbacks.register(NOTE_BUTTON, "kn")
callbacks.register(REPLY, "kr")
callbacks.register(ACT, "kt")
PICK_DURATION = "tgreport.duration"
callbacks.register(PICK_DURATION, "kd")

CONV_FORM = "conv"
DELETE_RIGHT = "Delete messages"
RESTRICT_RIGHT = "Ban users"
_LEADING_REF = re.compile(r"^\s*(?:r\s*-?\s*|#)\d{1,9}\b", re.IGNORECASE)


class TelegramModerationTools:
    """`bot.ports.reports.ModerationTools` over the Bot API: the bot deletes a group's message with
    its admin right "Delete messages" and times a member out with "Ban users" (both read with
    getChatMember); Telegram refuses to restrict a group's admins."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def _status(self, chat_id: int, user_id: int):  # type: ignore[no-untyped-def]
        try:
            return await self.bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError:
            return None

    async def missing_permission(self, community: Community, action: str, place: Place | None,
                                 author: Member | None) -> str | None:
        if action not in (DELETE, TIMEOUT):
            return None
        right, flag = (DELETE_RIGHT, "can_delete_messages") if action == DELETE else (RESTRICT_RIGHT, "can_restrict_members")
        chat_id = place.id if place is not None else community.id
        me = await self._status(chat_id, self.bot.id)
        if me is None or not (me.status == "creator" or (me.status == "administrator" and getattr(me, flag, False))):
            return right
        if action == TIMEOUT and author is not None:
            them = await self._status(chat_id, author.id)
            if them is not None and them.status in ("creator", "administrator"):
                return f"{right} (Telegram cannot restrict a group's admins)"
        return None

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

    async def timeout(self, community: Community, member: Member, until: datetime, reason: str) -> bool:
        """No sending of any kind in the group until `until` (Telegram has no reason field)."""
        try:
            await self.bot.restrict_chat_member(community.id, member.id, ChatPermissions(
                can_send_messages=False, can_send_audios=False, can_send_documents=False, can_send_photos=False,
                can_send_videos=False, can_send_video_notes=False, can_send_voice_notes=False,
                can_send_polls=False, can_send_other_messages=False, can_add_web_page_previews=False),
                until_date=until)
        except TelegramBadRequest as exc:
            if "PARTICIPANT_ID_INVALID" in exc.message or "not found" in exc.message:
                return False
            raise ActionForbidden(RESTRICT_RIGHT, exc.message) from exc
        except TelegramForbiddenError as exc:
            raise ActionForbidden(RESTRICT_RIGHT, exc.message) from exc
        return True


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
            case = await app.report_actions.check(actor, intent.number(1), action)
            if action == TIMEOUT:  # how long first, as buttons
                buttons = [Button(PICK_DURATION, (case.id, i), t(lang, f"actions.duration.{s}"), DANGER)
                           for i, s in enumerate(TIMEOUT_CHOICES)]
                await front.messenger.send(chat.id, Out(text=t(lang, "tg.action.pick_duration", ref=case.ref),
                                                        buttons=(tuple(buttons[:3]), tuple(buttons[3:]))),
                                           reply_to=query.message.message_id)
                await query.answer()
                return
            step, text = action, t(lang, f"tg.action.ask_{action}", ref=case.ref)
            if action == WARN:
                text += await snippet_hint(app, actor, lang)
        else:
            case = await app.report_conversation.check_ask(actor, intent.number(0))
            step = "ask" if intent.action == ASK else "note"
            text = t(lang, f"tg.conv.{step}_prompt", ref=case.ref)
            if step == "ask":
                text += await snippet_hint(app, actor, lang)
        await app.telegram.open_form(chat.id, actor.user_id, CONV_FORM, step, {"case": case.id})
        await prompt(front, chat.id, text, query.message.message_id)
        await query.answer()

    @router.callback_query(Pressed(PICK_DURATION))
    async def duration(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        lang = await front.lang_of_actor(actor)
        seconds = TIMEOUT_CHOICES[min(intent.number(1), len(TIMEOUT_CHOICES) - 1)]
        case = await app.report_actions.check(actor, intent.number(0), TIMEOUT)
        span = t(lang, f"actions.duration.{seconds}")
        await front.messenger.edit_message(chat.id, query.message.message_id,
                                           Out(text=t(lang, "tg.action.pick_duration", ref=case.ref) + f"\n→ {span}"))
        await app.telegram.open_form(chat.id, actor.user_id, CONV_FORM, TIMEOUT, {"case": case.id, "seconds": seconds})
        await prompt(front, chat.id, t(lang, "tg.action.ask_timeout", ref=case.ref, duration=span),
                     query.message.message_id)
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
            snippet, text = await with_snippet(app, actor, text)
            done = await app.report_conversation.ask(actor, case_id, text, snippet)
        elif form.step == "note":
            done = await app.report_conversation.note(actor, case_id, text)
        elif form.step == WARN:
            snippet, text = await with_snippet(app, actor, text)
            done = await app.report_actions.act(actor, case_id, WARN, text, snippet=snippet)
        elif form.step in (DELETE, TIMEOUT):
            done = await app.report_actions.act(actor, case_id, form.step, text, seconds=form.data.get("seconds"))
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
