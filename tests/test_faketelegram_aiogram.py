"""The real aiogram 3 Bot and Dispatcher, long polling against the fake Telegram Bot API."""

from __future__ import annotations

import asyncio
import html
import time

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import (BotCommand, BotCommandScopeAllPrivateChats, BufferedInputFile, CallbackQuery, ForceReply,
                           InlineKeyboardButton, InlineKeyboardMarkup, Message)

from faketelegram import FakeTelegram


class RetryAfterMiddleware(BaseRequestMiddleware):
    """What a front end's send queue does with a 429: wait retry_after, then try again."""

    def __init__(self) -> None:
        self.retries = 0

    async def __call__(self, make_request, bot, method):
        for _ in range(5):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                self.retries += 1
                await asyncio.sleep(exc.retry_after)
        return await make_request(bot, method)


def keyboard(going: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=f"Going ({going})", callback_data="rsvp:going"),
        InlineKeyboardButton(text="Details", url="https://example.org/e/1")]])


def echo_router(state: dict) -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        state["payload"] = command.args
        await message.answer(f"Welcome, <b>{html.escape(message.from_user.first_name)}</b>!")

    @router.message(Command("event"))
    async def event(message: Message, command: CommandObject) -> None:
        title = html.escape(command.args or "Untitled")
        await message.answer(f"<b>{title}</b>\nGoing: 0", reply_markup=keyboard(0))

    @router.callback_query(F.data == "rsvp:going")
    async def going(query: CallbackQuery) -> None:
        state["going"] = state.get("going", 0) + 1
        await query.answer(f"You're going ({state['going']})", show_alert=False)
        title = query.message.text.split("\n")[0]
        await query.message.edit_text(f"<b>{html.escape(title)}</b>\nGoing: {state['going']}",
                                      reply_markup=keyboard(state["going"]))
        try:
            await query.bot.send_document(query.from_user.id, BufferedInputFile(b"BEGIN:VCALENDAR\r\n", "event.ics"),
                                          caption="Add it to your calendar")
        except TelegramForbiddenError as exc:
            state.setdefault("unreachable", []).append((query.from_user.id, exc.message))
            await query.message.reply(f"Start me to get reminders: t.me/{(await query.bot.me()).username}?start=rsvp")

    @router.message(Command("report"))
    async def report(message: Message) -> None:
        await message.answer("What is wrong with it?", reply_markup=ForceReply(input_field_placeholder="Reason"))

    @router.message(F.reply_to_message.text == "What is wrong with it?")
    async def reason(message: Message) -> None:
        await message.reply(f"Noted: {html.escape(message.text)}")

    @router.message(Command("echo"))
    async def echo(message: Message, command: CommandObject) -> None:
        await message.answer(html.escape(command.args or ""), parse_mode=None)

    @router.message(F.forward_origin)
    async def forwarded(message: Message) -> None:
        await message.answer(f"Forwarded from {message.forward_origin.type}")

    return router


@pytest.fixture
async def running():
    fake = FakeTelegram(bot_name="Baithak")
    await fake.start()
    retry = RetryAfterMiddleware()
    bot = Bot(fake.token, session=fake.aiogram_session(), default=DefaultBotProperties(parse_mode="HTML"))
    bot.session.middleware(retry)
    state: dict = {}
    dp = Dispatcher()
    dp.include_router(echo_router(state))
    await bot.set_my_commands([BotCommand(command="event", description="Create an event")])
    await bot.set_my_commands([BotCommand(command="my", description="My events")], scope=BotCommandScopeAllPrivateChats())
    task = asyncio.create_task(dp.start_polling(bot, polling_timeout=1, handle_signals=False, close_bot_session=False))
    await fake.wait_until_polling()
    yield fake, bot, state, retry
    await dp.stop_polling()
    await asyncio.wait_for(task, 5)
    await bot.session.close()
    await fake.stop()


async def test_commands_keyboard_callback_edit_document(running):
    fake, bot, state, _ = running
    assert fake.command_names() == ["event"] and fake.command_names("all_private_chats") == ["my"]
    ali = fake.create_user("Ali <script>")
    group = fake.create_group("Lahore creators", members=(ali,))
    ali.start_bot("ev_1")
    welcome = await fake.wait_for_message(ali)
    assert welcome.text == "Welcome, Ali <script>!" and welcome.entities_of("bold") == ["Ali <script>"]
    assert state["payload"] == "ev_1"

    ali.send(group, f"/event@{fake.bot_username} Chai & code")
    card = await fake.wait_for_message(group)
    assert card.text == "Chai & code\nGoing: 0" and card.button_texts == ["Going (0)", "Details"]

    answer = await ali.press(card, "Going (0)")
    assert answer.text == "You're going (1)" and answer.show_alert is False
    await fake.wait_for_edit(card)
    assert card.text == "Chai & code\nGoing: 1" and card.button_texts[0] == "Going (1)"
    assert card.history[0].text == "Chai & code\nGoing: 0"
    doc = await fake.wait_for_message(ali, lambda m: m.document is not None)
    assert doc.document.file_name == "event.ics" and doc.document.data.startswith(b"BEGIN:VCALENDAR")
    assert doc.caption == "Add it to your calendar"
    assert not fake.unknown_requests


async def test_unstarted_member_gets_a_start_link(running):
    fake, bot, state, _ = running
    ali, sara = fake.create_user("Ali"), fake.create_user("Sara")
    group = fake.create_group("Lahore creators", members=(ali, sara))
    ali.send(group, "/event Meetup")
    card = await fake.wait_for_message(group)
    await sara.press(card, data="rsvp:going")
    prompt = await fake.wait_for_message(group, lambda m: "Start me" in m.text)
    assert f"t.me/{fake.bot_username}?start=rsvp" in prompt.text and prompt.reply_to is card
    assert state["unreachable"] == [(sara.id, "Forbidden: bot can't initiate conversation with a user")]
    assert fake.private_messages(sara) == []
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(sara.id, "hi")


async def test_force_reply_and_forward(running):
    fake, bot, _, _ = running
    ali = fake.create_user("Ali", started=True)
    group = fake.create_group("Lahore creators", members=(ali,), bot_admin=False)  # privacy mode applies
    ali.send(group, "chatter the bot never sees")
    ali.send(group, "/report")
    question = await fake.wait_for_message(group)
    assert question.force_reply["force_reply"] is True and question.force_reply["input_field_placeholder"] == "Reason"
    ali.answer_force_reply(question, "It is a scam")
    noted = await fake.wait_for_message(group, lambda m: m.text.startswith("Noted"))
    assert noted.text == "Noted: It is a scam"
    assert [m.text for m in fake.chat_messages(group)][:2] == ["chatter the bot never sees", "/report"]

    other = fake.create_user("Bilal")
    elsewhere = fake.create_group("Elsewhere", members=(other, ali), bot_member=False)
    ali.forward(other.send(elsewhere, "miracle cure https://x.example"), fake.bot)
    reply = await fake.wait_for_message(ali)
    assert reply.text == "Forwarded from user"


async def test_errors_surface_in_aiogram(running):
    fake, bot, _, _ = running
    ali = fake.create_user("Ali", started=True)
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Unsupported start tag \"script\""):
        await bot.send_message(ali.id, "<script>x</script>")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(ali.id, "x" * 5000)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(ali.id, "x", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text="a", callback_data="x" * 65)]]))
    sent = await bot.send_message(ali.id, "same")
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("same", chat_id=ali.id, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "hi")
    hostile = await bot.send_message(ali.id, html.escape('<a href="https://evil.example">x</a>' + "y" * 4000))
    assert hostile.text.startswith('<a href="https://evil.example">') and not hostile.entities


async def test_survives_a_429_storm(running):
    fake, bot, _, retry = running
    ali = fake.create_user("Ali")
    group = fake.create_group("Lahore creators", members=(ali,))
    fake.force_429(2, retry_after=1)
    started = time.monotonic()
    ali.send(group, "/echo one")
    ali.send(group, "/echo two")
    got = await fake.wait_for_messages(group, 2, timeout=6)
    assert sorted(m.text for m in got) == ["one", "two"]
    assert retry.retries == 2 and time.monotonic() - started >= 1
    assert [r.status for r in fake.requests_to("sendMessage")].count(429) == 2
