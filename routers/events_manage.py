"""Organisers' event commands on Telegram and check-in at the door (PRODUCT.md, "Events and RSVP" and
"Events: series, check-in, attendance"; Discord's `/event edit|cancel|checkin-code|stats|report`,
`/checkin`, `/my attendance|timezone`).

Telegram has no command options, so each takes a line:
`/event_edit 12 when kal shaam 7 baje | capacity 40`, `/event_cancel 12 rain expected`,
`/event_checkin_code 12` (the code goes to the organiser privately), `/event_stats 12` and
`/event_report [days] [#12]` (sent privately: they name members), `/checkin 123456` (in the group or privately), `/my_attendance`,
`/my_timezone [Zone|reset]`. An edit or cancel of one date of a repeating event asks which dates with
buttons (this one, this and the following, all); the pending change waits in the database like a
guided form (15 minutes, survives a restart).
"""

from __future__ import annotations

import secrets
from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.app.events import CHECK_IN
from bot.domain.errors import DomainError
from bot.domain.events import require_manager
from bot.domain.identity import TELEGRAM, Community
from bot.domain.roles import Actor
from bot.domain.series import ALL, FOLLOWING, SCOPES, THIS
from bot.i18n import t
from bot.i18n.format import cut
from bot.ports.messaging import DANGER, PRIMARY, SECONDARY, Button, Delivery
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.context import full_name, is_group, refusal
from routers._common.filters import Pressed
from routers.front import group_only

SCOPE = "tgevent.scope"
# Callback codes of buttons already posted: never change them.
callbacks.register(CHECK_IN, "ec")
callbacks.register(SCOPE, "sc")

SCOPE_FORM = "event_scope"
EDIT, CANCEL = "edit", "cancel"
FIELDS = ("title", "when", "duration", "location", "description", "capacity")
NO_LIMIT = ("-", "—", "–", "0", "none", "off")


def _ref(text: str) -> str:
    """An event reference as typed: `12`, `#12` (the number an announcement shows)."""
    ref = (text or "").strip().lstrip("#")
    if not ref:
        raise DomainError("tg.event.ref_missing")
    return ref


def parse_edit(args: str) -> tuple[str, dict[str, Any]]:
    """`12 when kal 7 baje | capacity 40` -> ("12", {"when": "kal 7 baje", "capacity": 40}). Each
    part names one field, once; capacity - (or 0) removes the limit."""
    parts = [p.strip() for p in (args or "").split("|")]
    head = parts[0].split(None, 1)
    if not head:
        raise DomainError("tg.event_edit.usage")
    ref = _ref(head[0])
    parts = ([head[1]] if len(head) > 1 else []) + parts[1:]
    changes: dict[str, Any] = {}
    for part in parts:
        name, _, value = part.partition(" ")
        name, value = name.strip().lower(), value.strip()
        if name not in FIELDS or name in changes or not value:
            raise DomainError("tg.event_edit.usage")
        if name == "capacity":
            if value.lower() in NO_LIMIT:
                changes[name] = 0
            elif value.isascii() and value.isdigit() and len(value) <= 9:
                changes[name] = int(value)
            else:
                raise DomainError("tg.event.bad_capacity", value=cut(value, 30))
        else:
            changes[name] = value
    if not changes:
        raise DomainError("tg.event_edit.usage")
    return ref, changes


async def private_actor(front, app, message: Message) -> Actor:  # type: ignore[no-untyped-def]
    """The member writing privately, acting in the group they last used (its community, if it joined
    one); DomainError when they have not used one yet."""
    group = await app.telegram.last_group(message.from_user.id)
    if group is not None:
        group = await app.telegram.community_of_moderators(group) or group
    if group is None:
        raise DomainError("tg.checkin.no_group")
    home = await app.communities.home(Community(TELEGRAM, group)) if app.communities else None
    return Actor(user_id=message.from_user.id, guild_id=group, display_name=full_name(message.from_user),
                 platform=TELEGRAM, home=home)


def scope_question(lang: str, user_id: int, token: str, title: str, event_id: int, op: str) -> Out:
    buttons = tuple(Button(SCOPE, (user_id, token, scope), t(lang, f"tg.scope.button.{scope}"),
                           DANGER if op == CANCEL and scope == ALL else (PRIMARY if scope == THIS else SECONDARY))
                    for scope in (THIS, FOLLOWING, ALL))
    return Out(text=t(lang, f"tg.scope.ask_{op}", title=cut(title, 200), id=event_id), buttons=(buttons,))


def build() -> Router:
    router = Router(name="events_manage")

    async def run(app, actor: Actor, op: str, event_id: int, scope: str | None, data: dict[str, Any]) -> Out:  # type: ignore[no-untyped-def]
        if op == EDIT:
            return await app.series.edit(actor, str(event_id), scope=scope, **data)
        return await app.series.cancel(actor, str(event_id), scope=scope, reason=data.get("reason"))

    async def change(message: Message, front, app, op: str, ref: str, data: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
        """Edit or cancel at once, or, for one date of a repeating event, ask which dates first."""
        actor = await front.roles.actor(message.chat, message.from_user)
        event = await app.events.resolve(actor, ref)
        settings = await app.setup.settings_for(actor.community)
        require_manager(actor, settings, event)
        if event.series_id is None:
            await front.reply(message, await run(app, actor, op, event.id, None, data))
            return
        # The pending change (replacing any older one) and its question share a one-off token, so an
        # older question's buttons never apply a newer change.
        token = "q" + secrets.token_hex(4)
        await app.telegram.open_form(message.chat.id, actor.user_id, SCOPE_FORM, op,
                                     {"event": event.id, "token": token, **data})
        await front.reply(message, scope_question(settings.language, actor.user_id, token, event.title, event.id, op))

    @router.message(Command("event_edit"))
    async def edit(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        ref, changes = parse_edit(command.args or "")
        await change(message, front, app, EDIT, ref, changes)

    @router.message(Command("event_cancel"))
    async def cancel(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        head = (command.args or "").strip().split(None, 1)
        if not head:
            raise DomainError("tg.event_cancel.usage")
        reason = head[1].strip() if len(head) > 1 else None
        await change(message, front, app, CANCEL, _ref(head[0]), {"reason": reason} if reason else {})

    @router.callback_query(Pressed(SCOPE))
    async def scoped(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        if intent.number(0) != query.from_user.id:
            raise DomainError("common.not_found")
        scope = intent.word(2, SCOPES)
        form = await app.telegram.form(chat.id, query.from_user.id)
        if form is None or form.kind != SCOPE_FORM or form.data.get("token") != intent.parts[1]:
            raise DomainError("common.form_expired")
        await app.telegram.close_form(chat.id, query.from_user.id)
        data = dict(form.data)
        event_id = int(data.pop("event"))
        data.pop("token")
        actor = await front.roles.actor(chat, query.from_user)
        try:
            out = await run(app, actor, form.step, event_id, scope, data)
        except DomainError as error:
            # The question becomes the refusal: the change was not made and the form is closed.
            lang = await front.lang(chat)
            text = refusal(lang, error)
            await front.messenger.edit_message(chat.id, query.message.message_id, Out(text=text))
            await front.toast(query, text, alert=True)
            return
        await front.messenger.edit_message(chat.id, query.message.message_id, out)
        await front.toast(query, out)

    # -- check-in ---------------------------------------------------------------------------------
    @router.callback_query(Pressed(CHECK_IN))
    async def check_in_button(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user, roles=False)
        await front.toast(query, await app.attendance.check_in(actor, intent.number(0)))

    @router.message(Command("checkin"))
    async def checkin(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        code = (command.args or "").strip()
        if not code:
            raise DomainError("tg.checkin.usage")
        if is_group(message.chat):
            actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        else:
            actor = await private_actor(front, app, message)
        await front.reply(message, await app.attendance.check_in_code(actor, code))

    @router.message(Command("event_checkin_code"))
    async def checkin_code(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        """The code goes to the organiser privately: said in the group, anyone could check in."""
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        ref = _ref(command.args or "")
        event = await app.events.resolve(actor, ref)
        require_manager(actor, await app.setup.settings_for(actor.community), event)
        if await app.telegram.reachable(actor.user_id) is False:
            # Known before a code is made (a code nobody can read is never made for them).
            raise DomainError("tg.checkin.code_start_first", link=front.start_link())
        out = await app.attendance.issue_code(actor, ref)
        lang = await front.lang_of_actor(actor)
        if await front.messenger.dm(actor.member, out) is Delivery.CLOSED:
            raise DomainError("tg.checkin.code_start_first", link=front.start_link())
        await front.reply(message, t(lang, "tg.checkin.code_sent"))

    # -- figures ----------------------------------------------------------------------------------
    async def privately(message: Message, front, app, actor: Actor, out: Out) -> None:  # type: ignore[no-untyped-def]
        """Figures that name members go to the organiser's private chat (private on Discord too), never
        the group: the group gets a one-line note, or the start link when the bot cannot write to them."""
        lang = await front.lang(message.chat)
        if await app.telegram.reachable(actor.user_id) is not False \
                and await front.messenger.dm(actor.member, out) is not Delivery.CLOSED:
            await front.reply(message, t(lang, "tg.figures.sent"))
            return
        raise DomainError("tg.figures.start_first", link=front.start_link())

    @router.message(Command("event_stats"))
    async def stats(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        await privately(message, front, app, actor, await app.attendance.stats(actor, _ref(command.args or "")))

    @router.message(Command("event_report"))
    async def report(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        days: int | None = None
        series: str | None = None
        for word in (command.args or "").split():
            if word.startswith("#") and series is None:
                series = _ref(word)
            elif word.isascii() and word.isdigit() and len(word) <= 4 and days is None:
                days = int(word)
            else:
                raise DomainError("tg.event_report.usage")
        actor = await front.roles.actor(message.chat, message.from_user)
        await privately(message, front, app, actor, await app.attendance.report(actor, days, series))

    # -- templates (Discord's /event template save|list|delete) --------------------------------------
    @router.message(Command("event_template_save"))
    async def template_save(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        words = (command.args or "").split()
        if len(words) != 2:
            raise DomainError("tg.event_template.usage")
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.templates.save(actor, words[0], _ref(words[1])))

    @router.message(Command("event_templates"))
    async def template_list(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.templates.list(actor))

    @router.message(Command("event_template_delete"))
    async def template_delete(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        words = (command.args or "").split()
        if len(words) != 1:
            raise DomainError("tg.event_template.usage")
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.templates.delete(actor, words[0]))

    # -- the member's own -----------------------------------------------------------------------
    async def private_only(message: Message, front, name: str) -> bool:  # type: ignore[no-untyped-def]
        if message.chat.type == "private":
            return False
        lang = await front.lang(message.chat)
        await front.reply(message, t(lang, "tg.private_command", command=name, link=front.start_link()))
        return True

    @router.message(Command("my_attendance"))
    async def my_attendance(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        if await private_only(message, front, "/my_attendance"):
            return
        actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        await front.reply(message, await app.attendance.my_attendance(actor))

    @router.message(Command("my_timezone"))
    async def my_timezone(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        """Show, set or reset the member's own zone (the community's is the one they last used)."""
        if await private_only(message, front, "/my_timezone"):
            return
        try:
            actor = await private_actor(front, app, message)
        except DomainError:
            actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        value = (command.args or "").strip()
        reset = value.lower() in ("reset", "clear", "-")
        out = await app.my_zone.timezone(actor, None if reset or not value else value, clear=reset)
        await front.reply(message, out)

    return router
