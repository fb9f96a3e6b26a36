"""Reports on Telegram: /report in reply, private intake, the case card's triage, outcomes."""

from __future__ import annotations

import asyncio

from tests.telegram_harness import link_moderators, until


async def test_report_in_reply_continues_privately_and_reaches_the_moderators(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    bad = w.sara.send(w.group, "https://bit.ly/Vote-31st")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, timeout=10))
    command = w.ali.reply(bad, "/report")
    picker = await picker_wait
    assert command.deleted or (await tg.fake.wait_for_deletion(command)).deleted
    assert "Misinformation" in picker.button_texts
    # Nothing in the group says who reported.
    assert not [m for m in tg.fake.bot_messages(w.group) if "Ali" in m.text]
    card_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Claim" in m.button_texts, timeout=10))
    answer = await w.ali.press(picker, "Misinformation")
    assert "R-0001" in answer.text
    await until(lambda: "R-0001" in picker.text)
    card = await card_wait
    assert "https://bit.ly/Vote-31st" in card.text and "Ali" not in card.text

    # The same link sent privately by another member joins the case.
    w.zainab.send(w.group, "hello")  # Zainab acts in the group: reports she sends privately belong to it
    await asyncio.sleep(0.3)
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: bool(m.buttons), timeout=10))
    tg.fake.forward_text_as(w.zainab, "https://BIT.ly/Vote-31st?utm_source=wa", tg.fake.bot)
    picker2 = await picker_wait
    answer = await w.zainab.press(picker2, "Misinformation")
    assert "R-0001" in answer.text
    await tg.idle()
    await until(lambda: "2" in card.text and card.edit_count >= 1)

    # Claim on the card updates it in place; Resolve asks the outcome then a note; reporters are told.
    claimed = await w.moderator.press(card, "Claim")
    assert "R-0001" in claimed.text
    await until(lambda: "Claim" not in card.button_texts)
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Actioned" in m.button_texts, timeout=10))
    await w.moderator.press(card, "Resolve")
    question = await question_wait
    prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: m.force_reply, timeout=10))
    await w.moderator.press(question, "Actioned")
    prompt = await prompt_wait
    outcome_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "R-0001" in m.text, timeout=10))
    done_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: m.reply_to is not None and "R-0001" in m.text and not m.force_reply, timeout=10))
    w.moderator.reply(prompt, "Removed, thanks <3")
    done = await done_wait
    assert "R-0001" in done.text
    outcome = await outcome_wait
    assert "Removed, thanks <3" in outcome.text
    await until(lambda: not card.button_texts or "Resolve" not in card.button_texts)


async def test_report_by_a_member_who_never_started_the_bot_waits_for_them(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    bad = w.ali.send(w.group, "spam spam")
    notice_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
    w.sara.reply(bad, "/report")
    notice = await notice_wait
    assert "start=report" in notice.text and "Sara" not in notice.text and notice.reply_to is None
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.sara, lambda m: bool(m.buttons), timeout=10))
    w.sara.start_bot("report")
    picker = await picker_wait
    answer = await w.sara.press(picker, "Scam or impersonation")
    assert "R-0001" in answer.text


async def test_dismiss_needs_a_reason_and_private_text_without_a_group_is_explained(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    reply = await tg.command(w.admin, w.admin, "some text to report")
    # Ayesha acted in the groups (/setup, /link): her private report belongs to the community.
    assert "Misinformation" in reply.button_texts or "category" in reply.text.lower()
    card_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Dismiss" in m.button_texts, timeout=10))
    await w.admin.press(reply, "Other")
    card = await card_wait
    prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: m.force_reply, timeout=10))
    await w.moderator.press(card, "Dismiss")
    prompt = await prompt_wait
    w.moderator.reply(prompt, "Not harmful")
    await tg.idle()
    await until(lambda: "Dismiss" not in card.button_texts)
    stranger = tg.fake.create_user("Stranger", started=True)
    lost = await tg.command(stranger, stranger, "https://example.org/post")
    assert "which community" in lost.text
