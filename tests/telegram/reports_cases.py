"""A report case on Telegram as the tests of the moderators' commands, the conversation and
fact-checks start from: a member posts, another replies /report and picks a category; the card
stands in the moderators' group."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.telegram_harness import link_moderators


async def reported(tg: Any, *, author: Any, reporter: Any, text: str, category: str = "Misinformation",
                   link: bool = True) -> tuple[Any, Any]:
    """(the reported group message, its case card in the moderators' group)."""
    w = tg.world
    if link:
        await link_moderators(tg)
    bad = author.send(w.group, text)
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(reporter, lambda m: bool(m.buttons), timeout=10))
    card_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Claim" in m.button_texts
                                                               or "میں دیکھوں گا" in m.button_texts, timeout=10))
    reporter.reply(bad, "/report")
    picker = await picker_wait
    await reporter.press(picker, category)
    return bad, await card_wait


async def prompted(tg: Any, chat: Any, user: Any, message: Any, button: str) -> Any:
    """`user` presses `button` on `message`; the reply prompt the bot sends in `chat`."""
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(chat, lambda m: bool(m.force_reply), timeout=10))
    answer = await user.press(message, button)
    assert not answer.show_alert, answer.text
    return await waiter


async def replied(tg: Any, chat: Any, user: Any, prompt: Any, text: str) -> Any:
    """`user` replies `text` to `prompt`; the bot's reply to that answer."""
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(
        chat, lambda m: m.reply_to is not None and m.reply_to.sender is user, timeout=10))
    user.reply(prompt, text)
    return await waiter
