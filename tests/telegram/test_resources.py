"""The resource library on Telegram: share, search, top, upvote, approval."""

from __future__ import annotations

import asyncio

from tests.telegram_harness import link_moderators, until


async def test_share_search_top_and_upvote(tg) -> None:
    w = tg.world
    await tg.setup_group()
    reply = await tg.answer(w.ali, w.group, "/share https://Example.org/guide?utm_source=x Fact-check *guide* #urdu #FactCheck\n"
                                            "How to check a <b>claim</b>")
    assert "#1" in reply.text and "posted" in reply.text and "\\" not in reply.text
    post = next(m for m in tg.fake.bot_messages(w.group) if any("Upvote" in b for b in m.button_texts))
    assert "Fact-check *guide*" in post.text and "How to check a <b>claim</b>" in post.text and "\\" not in post.text
    assert post.entities_of("text_link") == ["Fact-check *guide*"]
    assert [e["url"] for e in post.entities if e["type"] == "text_link"] == ["https://example.org/guide"]
    assert "Ali" in post.text
    dup = await tg.answer(w.zainab, w.group, "/share https://example.org/guide Again")
    assert "already" in dup.text and "#1" in dup.text
    assert len([m for m in tg.fake.bot_messages(w.group) if any("Upvote" in b for b in m.button_texts)]) == 1
    answer = await w.zainab.press(post, post.button_texts[0])
    assert "#1" in answer.text
    await tg.idle()
    await until(lambda: "1" in post.button_texts[0])
    found = await tg.command(w.sara, w.group, "/search guide")
    assert "Fact-check" in found.text
    top = await tg.command(w.sara, w.group, "/top #urdu")
    assert "Fact-check" in top.text
    bad = await tg.command(w.sara, w.group, "/share notalink Title")
    assert "notalink" in bad.text
    usage = await tg.command(w.sara, w.group, "/share")
    assert "/share https://example.org" in usage.text


async def test_approval_in_the_moderators_group_with_a_reason_prompt(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    await tg.command(w.admin, w.group, "/setup approval on")
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: bool(m.buttons), timeout=10))
    reply = await tg.answer(w.ali, w.group, "/share https://example.org/a A toolkit")
    assert "#1" in reply.text
    card = await waiter
    refused = await w.organiser.press(card, "Approve") if False else None  # Omar is not in the mods group
    del refused
    prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: m.force_reply, timeout=10))
    await w.moderator.press(card, "Reject")
    prompt = await prompt_wait
    dm_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, timeout=10))
    ack_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: m.reply_to is not None and not m.force_reply, timeout=10))
    w.moderator.reply(prompt, "Not <relevant>")
    ack = await ack_wait
    assert "#1" in ack.text
    dm = await dm_wait
    assert "Not <relevant>" in dm.text
    assert not any("Upvote" in " ".join(m.button_texts) for m in tg.fake.bot_messages(w.group))
