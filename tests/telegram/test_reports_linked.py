"""A Telegram group that joined a Discord community: a message reported in the group is acted on in
the group (delete, time out, warn on Telegram), from the Telegram card and the Discord card alike; its
Telegram reporter is asked privately on Telegram."""

from __future__ import annotations

import asyncio

from tests.harness import until
from tests.telegram.reports_cases import prompted, replied
from tests.telegram_harness import link_moderators


async def test_actions_on_a_linked_groups_message_happen_on_telegram(linked) -> None:
    from tests.harness import cards

    world, tg = linked
    w, t = world.world, tg.world
    await link_moderators(tg)
    bad = t.organiser.send(t.group, "Cheap visas, pay upfront to 0300-1234567")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.ali, lambda m: bool(m.buttons), timeout=10))
    card_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.mods, lambda m: "Claim" in m.button_texts, timeout=15))
    t.ali.reply(bad, "/report")
    await t.ali.press(await picker_wait, "Scam or impersonation")
    card = await card_wait
    assert {"Delete message", "Time out author", "Warn author", "Ask reporters"} <= set(card.button_texts)
    await world.app.idle()
    assert cards(world, "R-0001")

    # Asked from Telegram: the Telegram reporter gets it on Telegram, told how to answer there.
    prompt = await prompted(tg, t.mods, t.moderator, card, "Ask reporters")
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.ali, lambda m: "R-0001" in m.text, timeout=10))
    done = await replied(tg, t.mods, t.moderator, prompt, "Did you pay anything?")
    assert "1 of 1 reporter" in done.text
    assert "/my_reports" in (await question_wait).text

    # The warning reaches the author on Telegram, and the message is deleted in the group.
    prompt = await prompted(tg, t.mods, t.moderator, card, "Warn author")
    warning_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.organiser, lambda m: "Stop selling visas" in m.text, timeout=10))
    done = await replied(tg, t.mods, t.moderator, prompt, "Stop selling visas here")
    assert "R-0001" in done.text
    await warning_wait
    prompt = await prompted(tg, t.mods, t.moderator, card, "Delete message")
    done = await replied(tg, t.mods, t.moderator, prompt, "Scam")
    assert "R-0001" in done.text
    await until(lambda: bad.deleted, timeout=10)
    # A timeout from the card: the member cannot send in the group until it ends.
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.mods, lambda m: "1 day" in m.button_texts, timeout=10))
    await t.moderator.press(card, "Time out author")
    prompt = await prompted(tg, t.mods, t.moderator, await question_wait, "1 day")
    done = await replied(tg, t.mods, t.moderator, prompt, "Scam")
    assert "R-0001" in done.text
    assert tg.fake.restriction(t.group, t.organiser.id) is not None
