"""One community on Discord and Telegram: both fakes, the real discord.py client and the real aiogram
front end in one process over one App and one database."""

from __future__ import annotations

import asyncio
import re


from tests.harness import until


def discord_going(message) -> str:  # type: ignore[no-untyped-def]
    return {f["name"]: f["value"] for f in message.embeds[0]["fields"]}["Going"]


async def test_one_rsvp_list_across_discord_and_telegram(linked) -> None:
    world, tg = linked
    w, t = world.world, tg.world
    tg_waiter = asyncio.ensure_future(tg.fake.wait_for_message(t.group, lambda m: "Going" in m.button_texts, timeout=15))
    result = await world.fake.slash(w.organiser, "event create", title="Cross <b>platform</b>", when="tomorrow 6pm",
                                    capacity=3)
    await result.wait_done()
    discord_ann = world.fake.channel_messages(w.announcements)[-1]
    tg_ann = await tg_waiter
    assert "Cross <b>platform</b>" in tg_ann.text and "0/3" in tg_ann.text

    async def discord_click(member):  # type: ignore[no-untyped-def]
        r = await world.fake.click(member, discord_ann, "Going")
        await r.wait_done()
        return r.text

    answers = await asyncio.gather(discord_click(w.alice), discord_click(w.bob),
                                   t.ali.press(tg_ann, "Going", timeout=15), t.zainab.press(tg_ann, "Going", timeout=15))
    texts = [a if isinstance(a, str) else a.text for a in answers]
    assert sum("waitlist" in x for x in texts) == 1, texts
    assert sum("going to" in x.lower() for x in texts) == 3, texts
    await world.app.idle()
    event_id = int(re.search(r"Event #(\d+)", tg_ann.text).group(1))
    people = await world.app.store.events.attendees(event_id)
    assert sorted(p.status for p in people) == ["going", "going", "going", "waitlist"]
    assert {p.platform for p in people} == {"discord", "telegram"}
    await until(lambda: "3/3" in tg_ann.text and discord_going(world.fake.channel_messages(w.announcements)[-1]) == "3/3",
                timeout=15)
    assert "Waitlist: 1" in tg_ann.text

    # A Telegram organiser (group admin) of the linked group creates an event: announced on both.
    dc_before = len(world.fake.channel_messages(w.announcements))
    reply = await tg.answer(t.admin, t.group, "/event From Telegram | tomorrow 7pm | 1h | Online | 5")
    assert "announced" in reply.text
    await world.app.idle()
    await until(lambda: len(world.fake.channel_messages(w.announcements)) == dc_before + 1, timeout=10)
    assert world.fake.channel_messages(w.announcements)[-1].embeds[0]["title"] == "From Telegram"
    await until(lambda: any("From Telegram" in m.text for m in tg.fake.bot_messages(t.group) if m.buttons), timeout=10)


async def test_one_report_queue_with_cards_on_both_platforms(linked) -> None:
    from tests.harness import cards
    from tests.telegram_harness import link_moderators

    world, tg = linked
    w, t = world.world, tg.world
    await link_moderators(tg)  # the Telegram group's own moderators' group
    r = await world.fake.slash(w.alice, "report", target="https://bit.ly/Flood-Hoax", category="misinformation")
    await r.wait_done()
    assert "R-0001" in r.text
    tg_card = await tg.fake.wait_for_message(t.mods, lambda m: "Claim" in m.button_texts, timeout=15)
    assert "R-0001" in tg_card.text

    # The same link reported privately on Telegram joins the case.
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.ali, lambda m: bool(m.buttons), timeout=10))
    w_ali = t.ali
    w_ali.send(t.group, "hi")  # Ali acts in the linked group
    await asyncio.sleep(0.3)
    tg.fake.forward_text_as(w_ali, "https://BIT.LY/Flood-Hoax?utm_source=wa", tg.fake.bot)
    picker = await picker_wait
    answer = await w_ali.press(picker, "Misinformation")
    assert "R-0001" in answer.text
    await world.app.idle()
    from bot.domain.identity import DISCORD, Community

    case = await world.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)
    assert case.report_count == 2 and case.reporter_count == 2

    # A claim on the Telegram card updates the Discord card (and the Telegram one).
    discord_card = cards(world, "R-0001")[-1]
    assert any(b.get("label") == "Claim" for b in discord_card.buttons)
    claimed = await t.moderator.press(tg_card, "Claim")
    assert "R-0001" in claimed.text
    await world.app.idle()
    await until(lambda: not any(b.get("label") == "Claim" for b in cards(world, "R-0001")[-1].buttons), timeout=10)
    await until(lambda: "Claim" not in tg_card.button_texts, timeout=10)
    # Resolving on Discord tells the Telegram reporter privately.
    outcome_wait = asyncio.ensure_future(tg.fake.wait_for_message(w_ali, lambda m: "R-0001" in m.text, timeout=15))
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.mods, lambda m: "Actioned" in m.button_texts, timeout=10))
    await t.moderator.press(tg_card, "Resolve")
    question = await question_wait
    prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.mods, lambda m: m.force_reply, timeout=10))
    await t.moderator.press(question, "Actioned")
    t.moderator.reply(await prompt_wait, "Taken down")
    outcome = await outcome_wait
    assert "Taken down" in outcome.text


async def test_one_library_posted_to_both(linked) -> None:
    world, tg = linked
    w, t = world.world, tg.world
    reply = await tg.answer(t.zainab, t.group, "/share https://example.org/toolkit Verification toolkit #urdu")
    assert "#1" in reply.text
    await world.app.idle()
    await until(lambda: any(m.embeds and m.embeds[0].get("title") == "Verification toolkit"
                            for m in world.fake.channel_messages(w.resources)), timeout=10)
    post = next(m for m in tg.fake.bot_messages(t.group) if any("Upvote" in b for b in m.button_texts))
    await t.ali.press(post, post.button_texts[0])
    r = await world.fake.slash(w.bob, "resource search", query="toolkit")
    await r.wait_done()
    assert "Verification toolkit" in r.text
    await world.app.idle()
    await until(lambda: "1" in post.button_texts[0], timeout=10)
