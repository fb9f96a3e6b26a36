"""Events on Telegram: /event in one line or as a guided form (kept in the database: it survives a
restart and expires after 15 minutes), the announcement's buttons answered with a toast, /events.

The one-line form: `/event Title | when | duration | place | capacity` (only the title and the time
are needed). The guided form asks each question as a reply prompt (ForceReply) in the group.
"""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.app.events import LIST_NEXT, LIST_PREVIOUS, RSVP_GO, RSVP_ICS, RSVP_MAYBE, RSVP_NO
from bot.domain.durations import parse_duration
from bot.domain.errors import DomainError
from bot.domain.events import MAX_DURATION, MAX_LOCATION, MAX_TITLE
from bot.domain.identity import TELEGRAM, Place, parse_id
from bot.domain.roles import require_organiser
from bot.domain.rsvp import DECLINED, GOING, MAYBE
from bot.domain.when import parse_when
from bot.i18n import t
from bot.i18n.format import cut
from bot.ports.messaging import DANGER, SUCCESS, Button, Delivery
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.context import settings_of
from routers._common.filters import Pressed
from routers.front import group_only
from routers.start import event_payload

FORM_CONFIRM = "tgevent.confirm"
FORM_CANCEL = "tgevent.cancel"
# Callback codes of buttons already posted: never change them.
callbacks.register(RSVP_GO, "eg")
callbacks.register(RSVP_MAYBE, "em")
callbacks.register(RSVP_NO, "en")
callbacks.register(RSVP_ICS, "ei")
callbacks.register(LIST_PREVIOUS, "lp")
callbacks.register(LIST_NEXT, "ln")
callbacks.register(FORM_CONFIRM, "fy")
callbacks.register(FORM_CANCEL, "fn")

CHOICES = {RSVP_GO: GOING, RSVP_MAYBE: MAYBE, RSVP_NO: DECLINED}
STEPS = ("title", "when", "duration", "location", "capacity")
SKIP = ("-", "—", "–")


def capacity_of(text: str | None) -> int | None:
    value = (text or "").strip()
    if not value or value in SKIP:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise DomainError("tg.event.bad_capacity", value=cut(value, 30))
    return int(value)


def _optional(text: str | None) -> str | None:
    value = (text or "").strip()
    return None if not value or value in SKIP else value


def _is_question(text: str | None) -> bool:
    """A reply prompt of the guided form (in either language)."""
    if not text:
        return False
    return any(text.startswith(t(lang, f"tg.event.ask.{step}")[:12]) for lang in ("en", "ur") for step in STEPS)


def build() -> Router:
    router = Router(name="events")

    async def announce(front, app, message: Message, actor, *, title: str, when: str,  # type: ignore[no-untyped-def]
                       duration: str | None, location: str | None, capacity: int | None) -> None:
        # A linked group's events are its home community's: announced there first, and here too.
        place = None if actor.home is not None else Place(TELEGRAM, message.chat.id)
        out = await app.events.create(actor, title=title, when=when, duration=duration, location=location,
                                      capacity=capacity, place=place)
        await front.reply(message, out)

    async def ask(front, message: Message, lang: str, step: str) -> None:  # type: ignore[no-untyped-def]
        await front.bot.send_message(message.chat.id, t(lang, f"tg.event.ask.{step}"),
                                     message_thread_id=message.message_thread_id if message.is_topic_message else None,
                                     reply_to_message_id=message.message_id, allow_sending_without_reply=True,
                                     reply_markup=ForceReply(input_field_placeholder=cut(
                                         t(lang, f"event.field.{'when' if step == 'when' else step}"), 64)))

    @router.message(Command("event"))
    async def event(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        settings = await settings_of(front, message.chat)
        args = (command.args or "").strip()
        if not args:
            require_organiser(actor, settings)
            await app.telegram.open_form(message.chat.id, actor.user_id, "event", "title")
            await ask(front, message, settings.language, "title")
            return
        parts = [p.strip() for p in args.split("|")]
        if len(parts) > 5:
            raise DomainError("tg.event.too_many_parts")
        title, when, duration, location, capacity = (parts + [""] * 5)[:5]
        await announce(front, app, message, actor, title=title, when=when, duration=_optional(duration),
                       location=_optional(location), capacity=capacity_of(capacity))

    @router.message(Command("cancel"))
    async def cancel(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        lang = await front.lang(message.chat)
        closed = await app.telegram.close_form(message.chat.id, message.from_user.id)
        await front.reply(message, t(lang, "tg.event.form_cancelled" if closed else "tg.event.no_form"))

    @router.message(F.reply_to_message.from_user.is_bot, F.text, ~F.text.startswith("/"))
    async def answer(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        """An answer to a question of the guided form."""
        if message.reply_to_message.from_user.id != front.bot.id:
            raise SkipHandler()
        form = await app.telegram.form(message.chat.id, message.from_user.id)
        if form is None or form.kind != "event":
            if _is_question(message.reply_to_message.text):
                lang = await front.lang(message.chat)
                await front.reply(message, t(lang, "common.form_expired"))
                return
            raise SkipHandler()
        settings = await settings_of(front, message.chat)
        lang = settings.language
        text = message.text.strip()
        step = form.step
        if step == "title":
            if len(text) > MAX_TITLE:
                raise DomainError("common.too_long", field=t(lang, "event.field.title"), limit=MAX_TITLE)
            value: object = text
        elif step == "when":
            start = (await asyncio.to_thread(parse_when, text, settings.timezone, app.clock.now())).start
            value = start.astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m-%d %H:%M")
        elif step == "duration":
            value = _optional(text)
            if value is not None:
                parse_duration(value, maximum=MAX_DURATION)
        elif step == "location":
            value = _optional(text) or ""
            if len(value) > MAX_LOCATION:  # type: ignore[arg-type]
                raise DomainError("common.too_long", field=t(lang, "event.field.location"), limit=MAX_LOCATION)
        elif step == "capacity":
            value = capacity_of(text)
        else:
            raise SkipHandler()
        following = STEPS[STEPS.index(step) + 1] if step != STEPS[-1] else "confirm"
        form = await app.telegram.advance(form, following, **{step: value})
        if following != "confirm":
            await ask(front, message, lang, following)
            return
        d = form.data
        details = " · ".join(x for x in (d.get("duration") or "1h", d.get("location") or "",
                                         str(d["capacity"]) if d.get("capacity") else "") if x)
        buttons = ((Button(FORM_CONFIRM, (message.from_user.id,), t(lang, "tg.event.button.confirm"), SUCCESS),
                    Button(FORM_CANCEL, (message.from_user.id,), t(lang, "tg.event.button.cancel"), DANGER)),)
        await front.reply(message, Out(text=t(lang, "tg.event.confirm", title=d["title"],
                                              when=f"{d['when']} ({settings.timezone})", details=details),
                                       buttons=buttons))

    @router.callback_query(Pressed(FORM_CONFIRM, FORM_CANCEL))
    async def confirm(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        if intent.number(0) != query.from_user.id:
            raise DomainError("common.not_found")
        lang = await front.lang(chat)
        form = await app.telegram.form(chat.id, query.from_user.id)
        if form is None or form.kind != "event" or form.step != "confirm":
            raise DomainError("common.form_expired")
        if intent.action == FORM_CANCEL:
            await app.telegram.close_form(chat.id, query.from_user.id)
            await front.messenger.edit_message(chat.id, query.message.message_id,
                                               Out(text=t(lang, "tg.event.form_cancelled")))
            await front.toast(query, t(lang, "tg.event.form_cancelled"))
            return
        actor = await front.roles.actor(chat, query.from_user)
        d = form.data
        out = await app.events.create(actor, title=d["title"], when=d["when"], duration=d.get("duration"),
                                      location=d.get("location") or None, capacity=d.get("capacity"),
                                      place=None if actor.home is not None else Place(TELEGRAM, chat.id))
        await app.telegram.close_form(chat.id, query.from_user.id)
        await front.messenger.edit_message(chat.id, query.message.message_id, out)
        await front.toast(query, out)

    @router.callback_query(Pressed(RSVP_GO, RSVP_MAYBE, RSVP_NO, RSVP_ICS))
    async def rsvp(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        event_id = intent.number(0)
        actor = await front.roles.actor(chat, query.from_user, roles=False)
        lang = await front.lang(chat)
        if intent.action == RSVP_ICS:
            out = await app.events.event_ics(actor, event_id)
            if await front.messenger.dm(actor.member, out) is Delivery.CLOSED:
                # Pressing opens the private chat with a start link that sends the file.
                await front.toast(query, t(lang, "tg.rsvp.start_first"),
                                  url=front.start_link(event_payload(event_id, chat.id)))
            else:
                await front.toast(query, t(lang, "tg.rsvp.ics_sent"))
            return
        out = await app.events.rsvp(actor, event_id, CHOICES[intent.action])
        hint = ""
        if intent.action != RSVP_NO and await app.telegram.reachable(actor.user_id) is not True:
            hint = t(lang, "tg.rsvp.no_reminders")
        await front.toast(query, out, suffix=hint)

    @router.message(Command("events"))
    async def events(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        await front.reply(message, await app.events.list_page(actor, 0))

    @router.message(Command("attendees"))
    async def attendees(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        """Who answered (organisers): a list, the CSV file, and how many going members the bot cannot
        remind because they never started it."""
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        ref = (command.args or "").strip().lstrip("#")
        if not ref:
            raise DomainError("tg.attendees.usage")
        out = await app.events.attendees(actor, ref)
        event_id = parse_id(ref) or (await app.events.resolve(actor, ref)).id
        unreachable = await app.telegram.unreachable_going(actor, event_id)
        if unreachable is not None:
            out = Out(text=unreachable.text, cards=out.cards, files=out.files)
        await front.reply(message, out)

    @router.callback_query(Pressed(LIST_PREVIOUS, LIST_NEXT))
    async def page(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user, roles=False)
        out = await app.events.list_page(actor, min(intent.number(0), 10_000))
        await front.messenger.edit_message(chat.id, query.message.message_id, out)
        await query.answer()

    return router
