"""Fact-checks on Telegram: `/factcheck search words`, `/factcheck list [verdict]`, `/factcheck show
F-1` for everyone in the group; for moderators `/factcheck publish R-12` (a guided form kept in the
database: the verdict as buttons, the summary and the sources as reply prompts, then Publish),
`/factcheck correct F-1 [verdict] note` and `/factcheck withdraw F-1 reason`; and **Close: answered
by F-n** under a match notice in the moderators' group. The use cases are `app.factchecks`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.app.factchecks import ANSWER, verdict_label
from bot.domain.errors import DomainError
from bot.domain.factchecks import MAX_SUMMARY, VERDICTS, clean_text, parse_sources
from bot.i18n import t
from bot.ports.messaging import DANGER, SUCCESS, Button
from bot.ports.messaging import Message as Out
from routers._common import callbacks
from routers._common.filters import Pressed
from routers._common.render import literal
from routers.front import group_only
from routers.reports_conversation import prompt

PICK_VERDICT = "tgfactcheck.verdict"
PUBLISH = "tgfactcheck.publish"
DROP = "tgfactcheck.cancel"
# Callback codes of buttons already posted: never change them.
for _action, _code in ((PICK_VERDICT, "fv"), (PUBLISH, "fp"), (DROP, "fx"), (ANSWER, "fa")):
    callbacks.register(_action, _code)

FORM = "factcheck"
NONE_WORDS = ("-", "—", "–")


def verdict_buttons(case_id: int, lang: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(PICK_VERDICT, (case_id, i), verdict_label(lang, v)) for i, v in enumerate(VERDICTS)]
    rows = [tuple(buttons[i:i + 3]) for i in range(0, len(buttons), 3)]
    rows.append((Button(DROP, (case_id,), t(lang, "tg.event.button.cancel"), DANGER),))
    return tuple(rows)


def split_correction(args: str) -> tuple[str, str | None, str]:
    """(id, verdict or None, note) from `F-1 [verdict] note`."""
    ref, _, rest = args.strip().partition(" ")
    first, _, tail = rest.strip().partition(" ")
    if first.lower() in VERDICTS:
        return ref, first.lower(), tail.strip()
    return ref, None, rest.strip()


def build() -> Router:
    router = Router(name="factchecks")

    @router.message(Command("factcheck"))
    async def factcheck(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        sub, _, rest = (command.args or "").strip().partition(" ")
        sub, rest = sub.lower(), rest.strip()
        fc = app.factchecks
        if sub == "search" and rest:
            out = await fc.search(actor, rest)
        elif sub == "list" and len(rest.split()) <= 1:
            out = await fc.listing(actor, rest.lower() or None)
        elif sub == "show" and rest and len(rest.split()) == 1:
            out = await fc.show(actor, rest)
        elif sub == "publish" and rest and len(rest.split()) == 1:
            case = await fc.check_publish(actor, rest)
            lang = await front.lang_of_actor(actor)
            await app.telegram.open_form(message.chat.id, actor.user_id, FORM, "verdict",
                                         {"case": case.id, "ref": case.ref})
            out = Out(text=t(lang, "tg.factcheck.pick_verdict", ref=case.ref), buttons=verdict_buttons(case.id, lang))
        elif sub == "correct" and rest:
            ref, verdict, note = split_correction(rest)
            out = await fc.correct(actor, ref, note=note, verdict=verdict)
        elif sub == "withdraw" and rest:
            ref, _, reason = rest.partition(" ")
            out = await fc.withdraw(actor, ref, reason=reason.strip())
        else:
            out = t(await front.lang_of_actor(actor), "tg.factcheck.usage")
        await front.reply(message, out)

    async def own_form(query: CallbackQuery, app, case_id: int, step: str):  # type: ignore[no-untyped-def]
        """The presser's own publishing form for this case at this step (a button of someone else's
        form, or of one that expired or moved on, changes nothing)."""
        form = await app.telegram.form(query.message.chat.id, query.from_user.id)
        if form is None or form.kind != FORM or int(form.data["case"]) != case_id or form.step != step:
            raise DomainError("common.form_expired")
        return form

    @router.callback_query(Pressed(PICK_VERDICT, PUBLISH, DROP))
    async def pressed(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        lang = await front.lang_of_actor(actor)
        case_id = intent.number(0)
        if intent.action == DROP:
            form = await app.telegram.form(chat.id, query.from_user.id)
            if form is None or form.kind != FORM or int(form.data["case"]) != case_id:
                raise DomainError("common.form_expired")
            await app.telegram.close_form(chat.id, query.from_user.id)
            await front.messenger.edit_message(chat.id, query.message.message_id, Out(text=t(lang, "tg.factcheck.dropped")))
            await query.answer()
            return
        if intent.action == PICK_VERDICT:
            form = await own_form(query, app, case_id, "verdict")
            verdict = VERDICTS[min(intent.number(1), len(VERDICTS) - 1)]
            form = await app.telegram.advance(form, "summary", verdict=verdict)
            text = t(lang, "tg.factcheck.ask_summary", ref=form.data["ref"], verdict=verdict_label(lang, verdict))
            await front.messenger.edit_message(chat.id, query.message.message_id,
                                               Out(text=t(lang, "tg.factcheck.pick_verdict", ref=form.data["ref"])
                                                   + f"\n→ {verdict_label(lang, verdict)}"))
            await prompt(front, chat.id, text, query.message.message_id)
            await query.answer()
            return
        form = await own_form(query, app, case_id, "confirm")
        d = form.data
        out = await app.factchecks.publish(actor, d["ref"], verdict=d["verdict"], summary=d["summary"],
                                           sources=d.get("sources"))
        await app.telegram.close_form(chat.id, query.from_user.id)
        await front.messenger.edit_message(chat.id, query.message.message_id, out)
        await query.answer()

    @router.message(F.reply_to_message.from_user.is_bot, F.text, ~F.text.startswith("/"))
    async def answer(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        """The summary, then the sources, of a publishing form."""
        form = await app.telegram.form(message.chat.id, message.from_user.id)
        if form is None or form.kind != FORM or form.step not in ("summary", "sources"):
            raise SkipHandler()
        actor = await front.roles.actor(message.chat, message.from_user)
        lang = await front.lang_of_actor(actor)
        ref = form.data["ref"]
        text = message.text.strip()
        if form.step == "summary":
            summary = clean_text(text, "summary", MAX_SUMMARY)
            await app.telegram.advance(form, "sources", summary=summary)
            await prompt(front, message.chat.id, t(lang, "tg.factcheck.ask_sources", ref=ref), message.message_id)
            return
        sources = None if text in NONE_WORDS else text
        found = parse_sources(sources) if sources else ()
        form = await app.telegram.advance(form, "confirm", sources=" ".join(found) or None)
        d = form.data
        buttons = ((Button(PUBLISH, (int(d["case"]),), t(lang, "tg.factcheck.button.publish"), SUCCESS),
                    Button(DROP, (int(d["case"]),), t(lang, "tg.event.button.cancel"), DANGER)),)
        text = t(lang, "tg.factcheck.confirm", ref=ref, verdict=verdict_label(lang, d["verdict"]),
                 summary=literal(d["summary"]), sources=" · ".join(found) or t(lang, "tg.factcheck.no_sources"))
        await front.reply(message, Out(text=text, buttons=buttons))

    @router.callback_query(Pressed(ANSWER))
    async def answered(query: CallbackQuery, intent: callbacks.Intent, front, app) -> None:  # type: ignore[no-untyped-def]
        """**Close: answered by F-n** under a match notice: the case resolved, its reporters told."""
        chat = query.message.chat
        group_only(chat)
        actor = await front.roles.actor(chat, query.from_user)
        done = await app.factchecks.answer_case(actor, intent.number(0))
        await front.messenger.edit_message(chat.id, query.message.message_id, Out(text=done))
        await front.toast(query, done)

    return router
