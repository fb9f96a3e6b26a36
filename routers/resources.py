"""The resource library on Telegram: `/share url title #tag ...` (a description on the following
lines), `/search query [#tag]`, `/top [#tag]`, the Upvote button; with approval on, Approve and
Reject (the reason asked with a reply prompt) on the review card in the moderators' group."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.app.resources import APPROVE, REJECT, UPVOTE
from bot.domain.errors import DomainError
from bot.i18n import t
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.filters import Pressed
from routers.front import group_only

# Callback codes of buttons already posted: never change them.
callbacks.register(UPVOTE, "ru")
callbacks.register(APPROVE, "ra")
callbacks.register(REJECT, "rr")
REJECT_FORM = "resource.reject"


def split_share(args: str) -> tuple[str, str, str | None, str | None]:
    """(url, title, tags, description) from `/share url title #tag #tag` + description lines."""
    first, _, rest = args.strip().partition("\n")
    words = first.split()
    if not words:
        raise DomainError("tg.share.usage")
    url, words = words[0], words[1:]
    tags = [w[1:] for w in words if w.startswith("#") and len(w) > 1]
    title = " ".join(w for w in words if not (w.startswith("#") and len(w) > 1))
    if not title:
        raise DomainError("tg.share.usage")
    return url, title, ", ".join(tags) or None, rest.strip() or None


def split_query(args: str) -> tuple[str, str | None]:
    words = args.split()
    tags = [w[1:] for w in words if w.startswith("#") and len(w) > 1]
    if len(tags) > 1:
        raise DomainError("resource.one_tag_filter")
    return " ".join(w for w in words if not (w.startswith("#") and len(w) > 1)), (tags[0] if tags else None)


def build() -> Router:
    router = Router(name="resources")

    @router.message(Command("share"))
    async def share(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        url, title, tags, description = split_share(command.args or "")
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.resources.share(actor, url=url, title=title, tags=tags,
                                                             description=description))

    @router.message(Command("search"))
    async def search(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        query, tag = split_query(command.args or "")
        if not query.strip():
            raise DomainError("tg.search.usage")
        actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        await front.reply(message, await app.resources.search(actor, query, tag))

    @router.message(Command("top"))
    async def top(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        _, tag = split_query(command.args or "")
        actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        await front.reply(message, await app.resources.top(actor, tag))

    @router.callback_query(Pressed(UPVOTE))
    async def upvote(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(query.message.chat)
        actor = await front.roles.actor(query.message.chat, query.from_user, roles=False)
        await front.toast(query, await app.resources.upvote(actor, intent.number(0)))

    @router.callback_query(Pressed(APPROVE, REJECT))
    async def review(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        resource_id = intent.number(0)
        if intent.action == APPROVE:
            await front.toast(query, await app.resources.approve(actor, resource_id))
            return
        await app.resources.check_review(actor, resource_id)
        lang = await front.lang_of_actor(actor)
        await app.telegram.open_form(chat.id, actor.user_id, REJECT_FORM, "reason", {"id": resource_id})
        await front.bot.send_message(chat.id, t(lang, "tg.resource.ask_reason", id=resource_id),
                                     reply_to_message_id=query.message.message_id,
                                     allow_sending_without_reply=True, reply_markup=ForceReply())
        await query.answer()

    @router.message(F.reply_to_message.from_user.is_bot, F.text, ~F.text.startswith("/"))
    async def reason(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        form = await app.telegram.form(message.chat.id, message.from_user.id)
        if form is None or form.kind != REJECT_FORM:
            raise SkipHandler()
        actor = await front.roles.actor(message.chat, message.from_user)
        out = await app.resources.reject(actor, int(form.data["id"]), message.text)
        await app.telegram.close_form(message.chat.id, message.from_user.id)
        await front.reply(message, out)

    return router


def usage(lang: str) -> Out:
    return Out(text=t(lang, "tg.share.usage"))
