"""Events on Telegram: /event in one line or as a guided form (kept in the database: it survives a
restart and expires after 15 minutes), the announcement's buttons answered with a toast, /events.

The one-line form: `/event Title | when | duration | place | capacity` (only the title and the time
are needed), and for a repeating event a last part `repeat weekly count 6` (Discord's `repeat:`,
`until:`, `count:`, `announce_ahead:`): `/event Chai | kal 6 baje | | | | repeat monthly until
2027-06-30`. The guided form asks each question as a reply prompt (ForceReply) in the group, the last
one whether and how the event repeats.
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
from bot.domain.series import MAX_ANNOUNCE_AHEAD, MAX_OCCURRENCES, parse_rule, parse_until
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
STEPS = ("title", "when", "duration", "location", "capacity", "repeat")
SKIP = ("-", "—", "–")
REPEAT_WORDS = ("until", "count", "announce_ahead")


def parse_repeat(text: str | None, zone: str) -> dict[str, object] | None:
    """`weekly`, `every 2 weeks count 6`, `monthly date until 2027-06-30 announce_ahead 3` -> the
    arguments of `app.series.create` (None: `-` or nothing, the event happens once). The rule and the
    until date are checked here, so a bad answer is refused before anything is stored."""
    words = (text or "").split()
    if not words or " ".join(words) in SKIP:
        return None
    if words[0].lower() == "repeat":
        words = words[1:]
        if not words:
            raise DomainError("tg.event.repeat_usage")
    rule_words: list[str] = []
    options: dict[str, str] = {}
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in REPEAT_WORDS:
            if word in options or i + 1 >= len(words) or not rule_words:
                raise DomainError("tg.event.repeat_usage")
            options[word] = words[i + 1]
            i += 2
        elif options:
            raise DomainError("tg.event.repeat_usage")
        else:
            rule_words.append(words[i])
            i += 1
    out: dict[str, object] = {"repeat": parse_rule(" ".join(rule_words))}
    if "until" in options:
        parse_until(options["until"], zone)
        out["until"] = options["until"]
    for name in ("count", "announce_ahead"):
        if name in options:
            value = options[name]
            if not value.isascii() or not value.isdigit() or len(value) > 4:
                raise DomainError("series.bad_count" if name == "count" else "series.bad_ahead",
                                  value=cut(value, 20),
                                  maximum=MAX_OCCURRENCES if name == "count" else MAX_ANNOUNCE_AHEAD)
            out[name] = int(value)
    if "until" in out and "count" in out:
        raise DomainError("series.until_or_count")
    return out


def repeat_summary(lang: str, repeat: dict[str, object] | None) -> str:
    """How a planned series repeats, for the guided form's confirmation ("" for a one-off event)."""
    if not repeat:
        return ""
    rule = t(lang, f"series.rule.{repeat['repeat']}")
    if repeat.get("count"):
        return t(lang, "tg.event.repeats_count", rule=rule, count=repeat["count"])
    if repeat.get("until"):
        return t(lang, "tg.event.repeats_until", rule=rule, until=repeat["until"])
    return t(lang, "tg.event.repeats", rule=rule)


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

    async def create(app, actor, chat_id: int, repeat: dict[str, object] | None, **details: object) -> Out:  # type: ignore[no-untyped-def]
        """A one-off event (`app.events.create`) or a repeating one (`app.series.create`)."""
        # A linked group's events are its home community's: announced there first, and here too.
        place = None if actor.home is not None else Place(TELEGRAM, chat_id)
        if repeat:
            return await app.series.create(actor, place=place, **details, **repeat)
        return await app.events.create(actor, place=place, **details)

    async def ask(front, message: Message, lang: str, step: str) -> None:  # type: ignore[no-untyped-def]
        await front.bot.send_message(message.chat.id, t(lang, f"tg.event.ask.{step}"),
                                     message_thread_id=message.message_thread_id if message.is_topic_message else None,
                                     reply_to_message_id=message.message_id, allow_sending_without_reply=True,
                                     reply_markup=ForceReply(input_field_placeholder=cut(
                                         t(lang, "tg.event.field.repeat" if step == "repeat" else f"event.field.{step}"), 64)))

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
        # From the third part on, a part starting with "repeat" (and any after it: until, count,
        # announce_ahead) says how the event repeats.
        at = next((i for i, p in enumerate(parts) if i >= 2 and p.split(None, 1)[:1] == ["repeat"]), len(parts))
        parts, repeat_text = parts[:at], " ".join(parts[at:])
        if len(parts) > 5:
            raise DomainError("tg.event.too_many_parts")
        title, when, duration, location, capacity = (parts + [""] * 5)[:5]
        repeat = parse_repeat(repeat_text, settings.timezone) if repeat_text else None
        await front.reply(message, await create(app, actor, message.chat.id, repeat, title=title, when=when,
                                                duration=_optional(duration), location=_optional(location),
                                                capacity=capacity_of(capacity)))

    @router.message(Command("event_from"))
    async def event_from(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        """`/event_from name when [| repeat weekly count 6]`: an event from a saved template (Discord's
        `/event create template:name when:...`), its title, duration, place, capacity and reminders."""
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        settings = await settings_of(front, message.chat)
        parts = [p.strip() for p in (command.args or "").split("|")]
        head = parts[0].split(None, 1)
        if len(head) < 2 or any(p.split(None, 1)[:1] != ["repeat"] for p in parts[1:2]):
            raise DomainError("tg.event_from.usage")
        repeat = parse_repeat(" ".join(parts[1:]), settings.timezone) if len(parts) > 1 else None
        await front.reply(message, await create(app, actor, message.chat.id, repeat, title=None, when=head[1],
                                                duration=None, location=None, capacity=None, template=head[0]))

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
        elif step == "repeat":
            value = parse_repeat(text, settings.timezone)
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
        repeats = repeat_summary(lang, d.get("repeat"))
        if repeats:
            details += "\n" + repeats
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
        out = await create(app, actor, chat.id, d.get("repeat"), title=d["title"], when=d["when"],
                           duration=d.get("duration"), location=d.get("location") or None, capacity=d.get("capacity"))
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
