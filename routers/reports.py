"""Reports on Telegram. Intake: reply `/report` to a message in the group (the command is deleted
from the group at once and the rest happens privately, so nobody sees who reported), or send the bot
a forwarded message, a link or text in a private chat; a category is picked from buttons and the
reporter gets the case reference. Triage: the case card in the moderators' group with Claim,
Escalate, Resolve, Dismiss; choices as buttons, references, notes and reasons asked with reply prompts.
The moderators' commands are in `routers.reports_commands`; the card's conversation and action buttons,
and reporters' private answers, in `routers.reports_conversation` (both come before the intake here).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.app.reports import CLAIM, DISMISS, ESCALATE, PLATFORM_OUTCOME, RESOLVE, Step
from bot.app.reports import cards
from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community, Member
from bot.domain.report_categories import CATEGORIES, OUTCOMES, PLATFORM_OUTCOMES, PLATFORMS
from bot.domain.reports import Attachment, Evidence, Intake, intake_from_message, intake_from_target
from bot.domain.roles import Actor
from bot.i18n import t
from bot.ports.messaging import DANGER, Button, Delivery
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.context import full_name, is_group, replied_to
from routers._common.filters import Pressed
from routers.front import group_only
from routers.reports_commands import snippet_hint, with_snippet

PICK = "tgreport.category"
DROP = "tgreport.cancel"
PICK_PLATFORM = "tgreport.platform"
PICK_OUTCOME = "tgreport.outcome"
PICK_PLATFORM_OUTCOME = "tgreport.pout"
# Callback codes of buttons already posted: never change them.
for _action, _code in ((PICK, "qc"), (DROP, "qx"), (PICK_PLATFORM, "qp"), (PICK_OUTCOME, "qo"),
                       (PICK_PLATFORM_OUTCOME, "qq"), (cards.CLAIM, "cc"), (cards.ESCALATE, "ce"),
                       (cards.RESOLVE, "cr"), (cards.DISMISS, "cd"), (cards.PLATFORM_OUTCOME, "co")):
    callbacks.register(_action, _code)

REPORT_FORM = "report"
TRIAGE_FORM = "triage"
START_PAYLOAD = "report"


# -- the draft report, kept in the form while the category is picked -------------------------------
def _dump(intake: Intake) -> dict[str, Any]:
    data = dataclasses.asdict(intake)
    data["evidence"] = intake.evidence.to_json()
    return data


def _load(data: dict[str, Any]) -> Intake:
    values = dict(data)
    values["evidence"] = Evidence.from_json(values["evidence"])
    return Intake(**values)


def message_link(chat_id: int, message_id: int) -> str:
    """t.me link of a message in a supergroup (t.me/c/<id without -100>/<message>)."""
    text = str(chat_id)
    return f"https://t.me/c/{text[4:]}/{message_id}" if text.startswith("-100") else ""


def _when(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def picker(lang: str) -> Out:
    rows = [tuple(Button(PICK, (j + k,), t(lang, f"reports.category.{c}"))
                  for k, c in enumerate(CATEGORIES[j:j + 2])) for j in range(0, len(CATEGORIES), 2)]
    rows.append((Button(DROP, (0,), t(lang, "tg.event.button.cancel"), DANGER),))
    return Out(text=t(lang, "reports.pick_category"), buttons=tuple(rows))


def _choices(action: str, case_id: int, kind: str, values: tuple[str, ...], lang: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(action, (case_id, i), cards.label(lang, kind, v)) for i, v in enumerate(values)]
    return tuple(tuple(buttons[i:i + 3]) for i in range(0, len(buttons), 3))


def build() -> Router:
    router = Router(name="reports")

    async def begin(front, app, reporter, intake: Intake, lang: str) -> Delivery:  # type: ignore[no-untyped-def]
        """Keep the draft and ask the reporter, privately, for its category."""
        await app.telegram.open_form(reporter.id, reporter.id, REPORT_FORM, "category", {"intake": _dump(intake)})
        return await front.messenger.dm(Member(TELEGRAM, reporter.id), picker(lang))

    @router.message(Command("report"), F.chat.type.in_({"group", "supergroup"}))
    async def report_in_group(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        # Out of the group at once: nobody should see who reported.
        try:
            await front.bot.delete_message(message.chat.id, message.message_id)
        except TelegramAPIError:
            pass
        actor = await front.roles.actor(message.chat, message.from_user, roles=False)
        lang = await front.lang(message.chat)
        target = replied_to(message)  # in a forum topic, not the topic's opening message
        thread = message.message_thread_id if message.is_topic_message else None
        if target is None or target.from_user is None:
            if await front.messenger.dm(actor.member, Out(text=t(lang, "tg.report.usage"))) is Delivery.CLOSED:
                await front.messenger.send(message.chat.id, Out(text=t(lang, "tg.report.start_first",
                                                                       link=front.start_link(START_PAYLOAD))),
                                           thread=thread)
            return
        await app.reports.check_can_report(actor)
        documents = [Attachment(name=target.document.file_name or "file", content_type=target.document.mime_type,
                                size=target.document.file_size or 0, url="")] if target.document else []
        home = actor.community
        assert home is not None
        intake = intake_from_message(
            guild_id=home.id, reporter_id=actor.user_id, category=CATEGORIES[-1], now=app.clock.now(),
            content=target.text or target.caption or "", author_id=target.from_user.id,
            author_name=full_name(target.from_user), channel_id=message.chat.id, message_id=target.message_id,
            jump_url=message_link(message.chat.id, target.message_id), posted_at=_when(target.date),
            edited_at=_when(target.edit_date if isinstance(target.edit_date, datetime) else None),
            attachments=documents, platform=home.platform)
        intake = dataclasses.replace(intake, reporter_platform=TELEGRAM)
        if home.platform != TELEGRAM:  # the message is here, in a group that joined a community elsewhere
            intake = dataclasses.replace(intake, evidence=dataclasses.replace(intake.evidence, platform=TELEGRAM))
        if await begin(front, app, message.from_user, intake, lang) is Delivery.CLOSED:
            # The draft waits for them: the start link continues it privately.
            await front.messenger.send(message.chat.id, Out(text=t(lang, "tg.report.start_first",
                                                                   link=front.start_link(START_PAYLOAD))),
                                       thread=thread)

    @router.message(Command("report"), F.chat.type == "private")
    async def report_usage(message: Message, front) -> None:  # type: ignore[no-untyped-def]
        await front.reply(message, t(await front.lang(None), "tg.report.usage"))

    @router.message(F.chat.type == "private", ~F.text.startswith("/"))
    async def report_privately(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        """A forwarded message, a link or text sent to the bot: a report of content elsewhere."""
        text = (message.text or message.caption or "").strip()
        if not text:
            raise SkipHandler()
        group = await app.telegram.last_group(message.from_user.id)
        if group is not None:
            group = await app.telegram.community_of_moderators(group) or group
        if group is None:
            await front.reply(message, t(await front.lang(None), "tg.report.no_group"))
            return
        home = await app.communities.home(Community(TELEGRAM, group)) if app.communities else None
        actor = Actor(user_id=message.from_user.id, guild_id=group, display_name=full_name(message.from_user),
                      platform=TELEGRAM, home=home)
        community = actor.community
        assert community is not None
        lang = await front.lang_of_actor(actor)
        await app.reports.check_can_report(actor)
        intake = intake_from_target(guild_id=community.id, reporter_id=actor.user_id, category=CATEGORIES[-1],
                                    target=text, now=app.clock.now(), platform=community.platform)
        intake = dataclasses.replace(intake, reporter_platform=TELEGRAM)
        await begin(front, app, message.from_user, intake, lang)

    @router.callback_query(Pressed(PICK, DROP))
    async def picked(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        user = query.from_user
        form = await app.telegram.form(user.id, user.id)
        if form is None or form.kind != REPORT_FORM:
            raise DomainError("common.form_expired")
        intake = _load(form.data["intake"])
        home = intake.community if intake.platform != TELEGRAM else None
        actor = Actor(user_id=user.id, guild_id=intake.guild_id, display_name=full_name(user), platform=TELEGRAM,
                      home=home)
        lang = await front.lang_of_actor(actor)
        if intent.action == DROP:
            await app.telegram.close_form(user.id, user.id)
            await front.messenger.edit_message(query.message.chat.id, query.message.message_id,
                                               Out(text=t(lang, "tg.report.dropped")))
            await query.answer()
            return
        category = CATEGORIES[min(intent.number(0), len(CATEGORIES) - 1)]
        submitted = await app.reports.submit(actor, dataclasses.replace(intake, category=category))
        await app.telegram.close_form(user.id, user.id)
        await front.messenger.edit_message(query.message.chat.id, query.message.message_id, Out(text=submitted.text))
        await front.toast(query, t(lang, "tg.report.sent", ref=submitted.result.ref))
        app.reports.announce(submitted.result)

    # -- triage in the moderators' group ---------------------------------------------------------
    async def ask_text(front, app, query: CallbackQuery, actor: Actor, data: dict[str, Any], key: str,  # type: ignore[no-untyped-def]
                       **params: Any) -> None:
        chat = query.message.chat
        lang = await front.lang_of_actor(actor)
        await app.telegram.open_form(chat.id, actor.user_id, TRIAGE_FORM, data["action"], data)
        hint = await snippet_hint(app, actor, lang) if data["action"] in (DISMISS, RESOLVE) else ""
        await front.bot.send_message(chat.id, t(lang, key, **params) + hint, reply_to_message_id=query.message.message_id,
                                     allow_sending_without_reply=True, reply_markup=ForceReply())
        await query.answer()

    @router.callback_query(Pressed(cards.CLAIM, cards.ESCALATE, cards.RESOLVE, cards.DISMISS, cards.PLATFORM_OUTCOME))
    async def card_button(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        case_id = intent.number(0)
        lang = await front.lang_of_actor(actor)
        if intent.action == cards.CLAIM:
            card_id = query.message.message_id

            async def show(result) -> None:  # type: ignore[no-untyped-def]
                await front.messenger.edit_message(chat.id, card_id, result.card)

            result = await app.reports.triage(actor, case_id, Step(CLAIM), answer=show, answered_on=card_id)
            await front.toast(query, result.ack or "")
            return
        if intent.action == cards.DISMISS:
            asked = await app.reports.ask(actor, case_id, DISMISS)
            await ask_text(front, app, query, actor, {"action": DISMISS, "case": case_id},
                           "tg.report.ask_reason", ref=asked.case.ref)
            return
        action, kind, values, pick = {
            cards.ESCALATE: (ESCALATE, "platform", PLATFORMS, PICK_PLATFORM),
            cards.RESOLVE: (RESOLVE, "outcome", OUTCOMES, PICK_OUTCOME),
            cards.PLATFORM_OUTCOME: (PLATFORM_OUTCOME, "platform_outcome", PLATFORM_OUTCOMES, PICK_PLATFORM_OUTCOME),
        }[intent.action]
        asked = await app.reports.ask(actor, case_id, action)
        await front.messenger.send(chat.id, Out(text=asked.question, buttons=_choices(pick, case_id, kind, values, lang)),
                                   reply_to=query.message.message_id)
        await query.answer()

    @router.callback_query(Pressed(PICK_PLATFORM, PICK_OUTCOME, PICK_PLATFORM_OUTCOME))
    async def choice(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        case_id, index = intent.number(0), intent.number(1)
        lang = await front.lang_of_actor(actor)
        if intent.action == PICK_PLATFORM_OUTCOME:
            outcome = PLATFORM_OUTCOMES[min(index, len(PLATFORM_OUTCOMES) - 1)]
            result = await app.reports.record_platform_outcome(actor, outcome, case_id=case_id)
            await front.messenger.edit_message(chat.id, query.message.message_id, Out(text=result.ack or ""))
            await query.answer()
            return
        if intent.action == PICK_PLATFORM:
            value = PLATFORMS[min(index, len(PLATFORMS) - 1)]
            asked = await app.reports.ask(actor, case_id, ESCALATE, value)
            data, key = {"action": ESCALATE, "case": case_id, "choice": value}, "tg.report.ask_reference"
        else:
            value = OUTCOMES[min(index, len(OUTCOMES) - 1)]
            asked = await app.reports.ask(actor, case_id, RESOLVE, value)
            data, key = {"action": RESOLVE, "case": case_id, "choice": value}, "tg.report.ask_note"
        await front.messenger.edit_message(chat.id, query.message.message_id,
                                           Out(text=f"{asked.question}\n→ {cards.label(lang, 'platform' if intent.action == PICK_PLATFORM else 'outcome', value)}"))
        await ask_text(front, app, query, actor, data, key, ref=asked.case.ref)

    @router.message(F.reply_to_message.from_user.is_bot, F.text, ~F.text.startswith("/"))
    async def triage_text(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        if not is_group(message.chat):
            raise SkipHandler()
        form = await app.telegram.form(message.chat.id, message.from_user.id)
        if form is None or form.kind != TRIAGE_FORM:
            raise SkipHandler()
        actor = await front.roles.actor(message.chat, message.from_user)
        d = form.data
        text = message.text.strip()
        if d["action"] in (DISMISS, RESOLVE):  # `#name` starts with a saved reply
            snippet, typed = await with_snippet(app, actor, text)
            if snippet is not None:
                text = await app.report_conversation.compose(actor, snippet, typed)
        text_or_none = None if text in ("-", "—", "–") else text
        step = Step(d["action"], d.get("choice"), text if d["action"] == DISMISS else text_or_none)
        result = await app.reports.triage(actor, int(d["case"]), step)
        await app.telegram.close_form(message.chat.id, message.from_user.id)
        await front.reply(message, "\n".join(x for x in (result.ack, result.told) if x) or result.case.ref)

    # The moderators' commands and the conversation come before the intake: a reporter's private
    # answer on a case is not a new report.
    from routers import reports_commands, reports_conversation

    parent = Router(name="reports.all")
    parent.include_routers(reports_commands.build(), reports_conversation.build(), router)
    return parent
