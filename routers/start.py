"""/start (with a payload from a start link, or without one: a greeting and the help) and /my in a
private chat; /help itself is routers/help.py, included here."""

from __future__ import annotations

import re
from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.domain.identity import parse_id
from bot.i18n import t
from routers import help
from routers._common.context import full_name

_EVENT_PAYLOAD = re.compile(r"^ev([0-9]{1,19})g([0-9]{1,19})$")


def event_payload(event_id: int, group_id: int) -> str:
    """The start payload of "Add to calendar" for a member who has not started the bot yet."""
    return f"ev{event_id}g{abs(group_id)}"


async def send_my(front, app, message: Message) -> None:  # type: ignore[no-untyped-def]
    actor = await front.roles.actor(message.chat, message.from_user, roles=False)
    await front.reply(message, await app.events.my_events(actor))
    calendar = await app.events.my_calendar(actor)
    if calendar.files:
        await front.messenger.send(message.chat.id, calendar)


def build() -> Router:
    router = Router(name="start")

    @router.message(CommandStart(), F.chat.type == "private")
    async def start(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        await app.telegram.started(message.from_user.id)
        lang = await front.lang(None)
        payload = (command.args or "").strip()
        if payload in ("", "help"):
            # Started from the menu or a plain link, or from "open the full help" under a group's
            # /help: the greeting, then the help for the group the member last wrote in.
            lang, answers = await help.private_help(front, app, message.from_user)
            await front.reply(message, t(lang, "tg.help.welcome", name=full_name(message.from_user)))
            for answer in answers:
                await front.messenger.send(message.chat.id, answer)
            return
        await front.reply(message, t(lang, "tg.start.welcome", name=full_name(message.from_user)))
        found = _EVENT_PAYLOAD.match(payload)
        if found and parse_id(found.group(1)) is not None and parse_id(found.group(2)) is not None:
            # From "Add to calendar" pressed before the member had started the bot: the file of
            # that event, for a member of that group.
            group_id = -int(found.group(2))
            if await front.roles.is_member(group_id, message.from_user.id):
                actor = replace(await front.roles.actor(message.chat, message.from_user, roles=False),
                                guild_id=group_id)
                await front.messenger.send(message.chat.id, await app.events.event_ics(actor, int(found.group(1))))
        elif payload == "my":
            await send_my(front, app, message)
        elif payload == "report":
            # A report begun in a group before the member had started the bot: its draft waits.
            from routers.reports import REPORT_FORM, picker

            form = await app.telegram.form(message.from_user.id, message.from_user.id)
            if form is not None and form.kind == REPORT_FORM:
                draft = form.data["intake"]
                from bot.domain.identity import Community

                lang = (await app.setup.settings_for(Community(draft["platform"], draft["guild_id"]))).language
                await front.messenger.send(message.chat.id, picker(lang))

    @router.message(Command("my"))
    async def my(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        if message.chat.type != "private":
            lang = await front.lang(message.chat)
            await front.reply(message, t(lang, "tg.private_only", link=front.start_link("my")))
            return
        await send_my(front, app, message)

    router.include_router(help.build())
    return router
