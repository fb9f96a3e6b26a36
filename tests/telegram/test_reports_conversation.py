"""The case card's other buttons on Telegram: Ask reporters and the anonymous two-way conversation,
Internal note, Delete message, Time out author and Warn author, with the real aiogram bot against the
fake Bot API."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.telegram.reports_cases import prompted, replied, reported
from tests.telegram_harness import link_moderators, until


async def test_ask_reporters_and_their_private_answers_reach_the_moderators_as_reporter_n(tg) -> None:
    w = tg.world
    _bad, card = await reported(tg, author=w.sara, reporter=w.ali, text="Polling moved to the 31st")
    assert {"Ask reporters", "Internal note"} <= set(card.button_texts)
    prompt = await prompted(tg, w.mods, w.moderator, card, "Ask reporters")
    assert "R-0001" in prompt.content and prompt.reply_to is not None
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "R-0001" in m.content, timeout=10))
    done = await replied(tg, w.mods, w.moderator, prompt, "Where did you see it? <b>screenshot</b> **please**")
    assert "1 of 1 reporter" in done.content
    question = await question_wait
    # HTML is escaped (the moderators' own **bold** is theirs); signed by the moderators, never Mehreen.
    assert "Where did you see it? <b>screenshot</b> please" in question.content
    assert "screenshot" not in "".join(question.entities_of("bold"))
    assert "Mehreen" not in question.content and "/my_reports" in question.content

    # Ali answers by replying to the question, privately; the moderators see "Reporter 1".
    entry_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Reporter 1" in m.content, timeout=10))
    told = await replied(tg, w.ali, w.ali, question, "In the family WhatsApp group")
    assert "R-0001" in told.content and not told.buttons  # not taken for a new report
    entry = await entry_wait
    assert "In the family WhatsApp group" in entry.content and "Ali" not in entry.content

    # Starting with the reference works too, without replying.
    entry_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "forwarded twice" in m.content, timeout=10))
    await tg.answer(w.ali, w.ali, "R-0001 it was forwarded twice")
    await entry_wait

    # An internal note stays among the moderators.
    prompt = await prompted(tg, w.mods, w.moderator, card, "Internal note")
    before = len(tg.fake.bot_messages(w.ali))
    noted = await replied(tg, w.mods, w.moderator, prompt, "Looks like the ECP hoax again")
    assert "R-0001" in noted.content
    await tg.idle()
    assert len(tg.fake.bot_messages(w.ali)) == before

    # /reports_show carries the conversation and notes, reporters as "Reporter N".
    history_wait = asyncio.ensure_future(tg.fake.wait_for_message(
        w.mods, lambda m: "Looks like the ECP hoax again" in m.content and "In the family" in m.content, timeout=10))
    w.moderator.send(w.mods, "/reports_show R-0001")
    history = await history_wait
    assert "Ali" not in history.content and "Reporter 1" in history.content

    # A link sent privately afterwards is a new report, not an answer.
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "Misinformation" in m.button_texts, timeout=10))
    w.ali.dm("https://example.org/another-hoax")
    await picker_wait


async def test_a_cancelled_prompt_sends_nothing(tg) -> None:
    w = tg.world
    _bad, card = await reported(tg, author=w.sara, reporter=w.ali, text="Fake relief fund")
    prompt = await prompted(tg, w.mods, w.moderator, card, "Ask reporters")
    await tg.command(w.moderator, w.mods, "/cancel")
    before = len(tg.fake.bot_messages(w.ali))
    w.moderator.reply(prompt, "Too late")
    await asyncio.sleep(0.5)
    await tg.idle()
    assert len(tg.fake.bot_messages(w.ali)) == before


async def test_delete_and_warn_from_the_card_and_a_missing_admin_right_is_named(tg) -> None:
    w = tg.world
    bad, card = await reported(tg, author=w.organiser, reporter=w.ali, text="Send 5000 to this number to win",
                               category="Scam or impersonation")
    assert {"Delete message", "Time out author", "Warn author"} <= set(card.button_texts)

    prompt = await prompted(tg, w.mods, w.moderator, card, "Warn author")
    warning_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.organiser, lambda m: "Please stop" in m.content, timeout=10))
    done = await replied(tg, w.mods, w.moderator, prompt, "Please stop <i>now</i>")
    assert "R-0001" in done.content
    warning = await warning_wait
    assert "Please stop <i>now</i>" in warning.content and "Mehreen" not in warning.content

    # Without its admin right the bot says which one it needs, and asks nothing.
    tg.fake.set_bot_status(w.group, "member")
    refused = await w.moderator.press(card, "Delete message")
    assert refused.show_alert and "Delete messages" in refused.text
    tg.fake.set_bot_status(w.group, "administrator")
    prompt = await prompted(tg, w.mods, w.moderator, card, "Delete message")
    done = await replied(tg, w.mods, w.moderator, prompt, "Scam")
    assert "R-0001" in done.content
    await until(lambda: bad.deleted)
    # Every action is kept in the case's history.
    history_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Please stop" in m.content
                                                                  and "Scam" in m.content, timeout=10))
    w.moderator.send(w.mods, "/reports_show R-0001")
    await history_wait


async def test_conversation_in_urdu(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    await tg.command(w.admin, w.group, "/setup language ur")
    _bad, card = await reported(tg, author=w.sara, reporter=w.zainab, text="غلط خبر", category="غلط معلومات",
                                link=False)
    # The moderators' group reads the card's times as its community does: in Urdu.
    urdu_months = "جنوری,فروری,مارچ,اپریل,مئی,جون,جولائی,اگست,ستمبر,اکتوبر,نومبر,دسمبر".split(",")
    assert any(month in card.content for month in urdu_months)
    prompt = await prompted(tg, w.mods, w.moderator, card, "رپورٹ کرنے والوں سے پوچھیں")
    assert "R-0001" in prompt.content and "اس پیغام کا جواب دیں" in prompt.content
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: "R-0001" in m.content, timeout=10))
    done = await replied(tg, w.mods, w.moderator, prompt, "یہ کہاں دیکھا؟")
    assert "R-0001" in done.content
    question = await question_wait
    assert "یہ کہاں دیکھا؟" in question.content
    refused = await tg.answer(w.moderator, w.group, "/reports_export")
    assert "ماڈریٹروں کے گروپ" in refused.content


async def test_time_out_the_author_from_the_card_but_never_a_group_admin(tg) -> None:
    w = tg.world
    _bad, card = await reported(tg, author=w.organiser, reporter=w.ali, text="Join my crypto group, 10x returns",
                                category="Scam or impersonation")
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "1 hour" in m.button_texts, timeout=10))
    await w.moderator.press(card, "Time out author")
    question = await question_wait
    assert "R-0001" in question.content
    prompt = await prompted(tg, w.mods, w.moderator, question, "1 hour")
    assert "1 hour" in prompt.content and "1 hour" in question.content and not question.buttons
    done = await replied(tg, w.mods, w.moderator, prompt, "Crypto spam")
    assert "R-0001" in done.content and "1 hour" in done.content
    restricted = tg.fake.restriction(w.group, w.organiser.id)
    assert restricted is not None and not restricted["permissions"]["can_send_messages"]
    assert abs(restricted["until_date"] - (time.time() + 3600)) < 60
    with pytest.raises(ValueError):
        w.organiser.send(w.group, "still here?")

    # Telegram cannot restrict a group's admins: said at once, nothing asked.
    bad = w.admin.send(w.group, "Admin's own dubious post")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: bool(m.buttons), timeout=10))
    card_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "R-0002" in m.content, timeout=10))
    w.zainab.reply(bad, "/report")
    await w.zainab.press(await picker_wait, "Other")
    second = await card_wait
    refused = await w.moderator.press(second, "Time out author")
    assert refused.show_alert and "admins" in refused.text
    assert tg.fake.restriction(w.group, w.admin.id) is None
