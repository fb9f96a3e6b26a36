"""/setup in a group (admins): the settings as a panel with buttons, or `/setup language ur`-style
arguments (also `/setup digest friday 18:00|off` for the weekly digest and
`/setup network_verdicts on|off` for the network's fact-checks answering reports here); the code that
links the moderators' group (`/link CODE` there); /organiser add|remove in reply to a member's
message."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.app.digest import slot_label
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings, SettingsChange, offsets_text
from bot.domain.identity import TELEGRAM, Place
from bot.domain.roles import Actor
from bot.i18n import t
from bot.i18n.format import cut
from bot.ports.messaging import Button, Card, Field
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.context import full_name, is_group, replied_to
from routers._common.filters import Pressed
from routers.front import group_only

SET_LANGUAGE = "tgsetup.language"
SET_APPROVAL = "tgsetup.approval"
SET_VERDICTS = "tgsetup.verdicts"
callbacks.register(SET_LANGUAGE, "sl")
callbacks.register(SET_APPROVAL, "sa")
callbacks.register(SET_VERDICTS, "sv")

# `/setup NAME VALUE`: what each name changes.
_ARGS = {
    "language": lambda v: SettingsChange(language=v.lower()),
    "timezone": lambda v: SettingsChange(timezone=v),
    "reminders": lambda v: SettingsChange(reminders=v),
    "approval": lambda v: SettingsChange(resource_approval=_on_off(v)),
    "sla": lambda v: SettingsChange(report_sla_hours=_hours(v)),
    "digest": lambda v: SettingsChange(digest=v),
    "network_verdicts": lambda v: SettingsChange(network_verdicts=_switch(v)),
}
_FIELDS = {"language": "setup.field.language", "timezone": "setup.field.timezone",
           "reminders": "setup.field.reminders", "approval": "setup.field.resource_approval",
           "sla": "setup.field.report_sla_hours", "digest": "setup.field.digest",
           "network_verdicts": "setup.field.network_verdicts"}


def _on_off(value: str) -> bool:
    v = value.strip().lower()
    if v in ("on", "yes", "true", "1"):
        return True
    if v in ("off", "no", "false", "0"):
        return False
    raise DomainError("tg.setup.usage")


def _switch(value: str) -> bool:
    v = value.strip().lower()
    if v not in ("on", "off"):
        raise DomainError("network.bad_switch", value=cut(value.strip(), 20))
    return v == "on"


def _hours(value: str) -> int:
    v = value.strip()
    if not v.isascii() or not v.isdigit() or len(v) > 4:
        raise DomainError("setup.bad_sla", value=cut(v, 20))
    return int(v)


def _value_text(settings: GuildSettings, name: str, lang: str) -> str:
    if name == "language":
        return t(lang, f"language.{settings.language}")
    if name == "timezone":
        return settings.timezone
    if name == "reminders":
        return offsets_text(settings)
    if name == "approval":
        return t(lang, "common.on" if settings.resource_approval else "common.off")
    if name == "digest":
        return slot_label(settings, lang)
    if name == "network_verdicts":
        return t(lang, "common.on" if settings.network_verdicts else "common.off")
    return str(settings.report_sla_hours)


def panel(settings: GuildSettings, title: str, code: str, note: str = "") -> Out:
    lang = settings.language
    fields = [Field(t(lang, _FIELDS[name]), _value_text(settings, name, lang)) for name in _FIELDS]
    mods = t(lang, "common.on") if settings.moderator_role else t(lang, "common.none")
    fields.append(Field(t(lang, "tg.setup.moderators"), mods))
    other = "ur" if lang == "en" else "en"
    approval = "off" if settings.resource_approval else "on"
    verdicts = "off" if settings.network_verdicts else "on"
    buttons = (Button(SET_LANGUAGE, (other,), t(lang, "tg.setup.button.language", value=t(lang, f"language.{other}"))),
               Button(SET_APPROVAL, (approval,), t(lang, "tg.setup.button.approval", value=t(lang, f"common.{approval}"))))
    more = (Button(SET_VERDICTS, (verdicts,),
                   t(lang, "tg.setup.button.network_verdicts", value=t(lang, f"common.{verdicts}"))),)
    text = t(lang, "tg.setup.code", code=code) + (f"\n{note}" if note else "")
    return Out(cards=(Card(title=t(lang, "tg.setup.title", group=title), fields=tuple(fields)),),
               text=text, buttons=(buttons, more))


async def _first_change(app, actor: Actor, change: SettingsChange) -> GuildSettings:  # type: ignore[no-untyped-def]
    """Apply a change; a group's first setup also makes the group its own announcements and
    resources place."""
    current = await app.setup.show(actor)
    if current.announcements_channel is None:
        change = SettingsChange(**{**change.__dict__, "announcements_channel": actor.guild_id,
                                   "resources_channel": actor.guild_id})
    return await app.setup.change(actor, change)


async def _place_in_forum(app, actor: Actor, message: Message, lang: str) -> str:  # type: ignore[no-untyped-def]
    """In a group with topics, /setup (no arguments) makes the topic it is sent in the place of the
    bot's posts (announcements, resources); sent in General, General. Says which."""
    if not message.chat.is_forum or app.communities is None:
        return ""
    thread = message.message_thread_id if message.is_topic_message else None
    await app.communities.set_topic(actor, Place(TELEGRAM, message.chat.id), thread)
    if thread is None:
        return t(lang, "tg.setup.topic_general")
    opened = message.reply_to_message.forum_topic_created if message.reply_to_message else None
    return t(lang, "tg.setup.topic", name=cut(opened.name, 128) if opened else f"#{thread}")


def build() -> Router:
    router = Router(name="setup")

    @router.message(Command("setup"))
    async def setup(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        if not is_group(message.chat):
            await front.reply(message, t(await front.lang(None), "tg.setup.in_group"))
            return
        actor = await front.roles.actor(message.chat, message.from_user)
        args = (command.args or "").split(None, 1)
        if not args:
            settings = await app.setup.show(actor)
            if settings.announcements_channel is None:
                settings = await _first_change(app, actor, SettingsChange())
            code = await app.telegram.moderators_code(actor)
            note = await _place_in_forum(app, actor, message, settings.language)
            await front.reply(message, panel(settings, message.chat.title or "", code, note))
            return
        name = args[0].lower()
        if name not in _ARGS or len(args) < 2:
            raise DomainError("tg.setup.usage")
        settings = await _first_change(app, actor, _ARGS[name](args[1].strip()))
        lang = settings.language
        await front.reply(message, t(lang, "tg.setup.saved", field=t(lang, _FIELDS[name]),
                                     value=_value_text(settings, name, lang)))

    @router.callback_query(Pressed(SET_LANGUAGE, SET_APPROVAL, SET_VERDICTS))
    async def pressed(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        if intent.action == SET_LANGUAGE:
            change = SettingsChange(language=intent.word(0, ("en", "ur")))
        elif intent.action == SET_VERDICTS:
            change = SettingsChange(network_verdicts=intent.word(0, ("on", "off")) == "on")
        else:
            change = SettingsChange(resource_approval=intent.word(0, ("on", "off")) == "on")
        settings = await _first_change(app, actor, change)
        code = await app.telegram.moderators_code(actor)
        await front.messenger.edit_message(chat.id, query.message.message_id, panel(settings, chat.title or "", code))
        await front.toast(query, t(settings.language, "setup.saved"))

    @router.message(Command("organiser"))
    async def organiser(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        verb = (command.args or "").strip().lower()
        replied = replied_to(message)
        target = replied.from_user if replied else None
        if verb not in ("add", "remove") or target is None or target.is_bot:
            raise DomainError("tg.organiser.usage")
        actor = await front.roles.actor(message.chat, message.from_user)
        do = app.telegram.add_organiser if verb == "add" else app.telegram.remove_organiser
        await front.reply(message, await do(actor, target.id, full_name(target)))

    @router.message(Command("link"))
    async def link(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        code = (command.args or "").strip()
        if not code:
            raise DomainError("tg.link.usage")
        actor = await front.roles.actor(message.chat, message.from_user)
        if app.communities is not None and actor.home is None:
            joined = await app.communities.join(actor, code)  # a code from /setup link on Discord
            if joined is not None:
                front.roles.forget(message.chat.id)
                await front.reply(message, joined)
                return
        linked = await app.telegram.link_moderators(actor, code)
        front.roles.forget(message.chat.id)  # its members are the community's moderators from now on
        await front.reply(message, linked)

    return router
