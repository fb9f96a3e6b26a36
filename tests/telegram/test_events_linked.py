"""A community linked across Discord and Telegram: a repeating event's dates are announced on both
and kept in step; an edit or cancel from Telegram updates both announcements and tells each member
once, on the platform they answered from. Both fakes, one App."""

from __future__ import annotations

import asyncio
import re

from bot.domain.identity import TELEGRAM, Community
from tests.harness import until


def _embed_title(message) -> str:  # type: ignore[no-untyped-def]
    return message.embeds[0]["title"]


async def test_series_dates_announced_on_both_and_changed_from_telegram(linked) -> None:
    world, tg = linked
    w, t = world.world, tg.world
    before = len(world.fake.channel_messages(w.announcements))
    first_tg = asyncio.ensure_future(tg.fake.wait_for_message(t.group, lambda m: "Going" in m.button_texts, timeout=15))
    r = await world.fake.slash(w.organiser, "event create", title="Weekly clinic", when="tomorrow 6pm",
                               repeat="weekly", count=3, announce_ahead=9)
    await r.wait_done()
    assert "3 dates" in r.text
    discord_posts = world.fake.channel_messages(w.announcements)[before:]
    assert len(discord_posts) == 2  # tomorrow and a week later; the third waits
    await first_tg
    await world.app.idle()
    # Every date announced on Discord is announced in the linked Telegram group too.
    await until(lambda: len([m for m in tg.fake.bot_messages(t.group) if "Going" in m.button_texts]) == 2, timeout=10)
    tg_posts = [m for m in tg.fake.bot_messages(t.group) if "Going" in m.button_texts]
    ids = sorted(int(re.search(r"Event #(\d+)", m.text).group(1)) for m in tg_posts)
    first_tg_post = next(m for m in tg_posts if f"Event #{ids[0]}" in m.text)

    # One RSVP list: Alice on Discord and Ali on Telegram answer the first date.
    click = await world.fake.click(w.alice, discord_posts[0], "Going")
    await click.wait_done()
    await t.ali.press(first_tg_post, "Going")
    await world.app.idle()
    await until(lambda: "Going: 2" in first_tg_post.text, timeout=10)

    # The Telegram group's admin (an admin of the community) changes every date to come.
    question = await tg.answer(t.admin, t.group, f"/event_edit {ids[0]} title Weekly clinic & chai")
    done = await t.admin.press(question, "All dates to come")
    assert "3 dates changed" in done.text and "2 members told" in done.text
    await world.app.idle()
    await until(lambda: all(_embed_title(m) == "Weekly clinic & chai"
                            for m in world.fake.channel_messages(w.announcements)[before:before + 2]), timeout=10)
    await until(lambda: all("Weekly clinic & chai" in m.text for m in tg_posts), timeout=10)
    # Each member told once, where they answered: Alice on Discord, Ali on Telegram.
    alice_dms = [m for m in world.fake.dms(w.alice) if "Weekly clinic & chai" in (m.content or "")]
    ali_dms = [m for m in tg.fake.private_messages(t.ali) if "Weekly clinic & chai" in m.text]
    assert len(alice_dms) == 1 and len(ali_dms) == 1

    # Cancelling the first date from Telegram: both announcements show it, buttons gone.
    question = await tg.answer(t.admin, t.group, f"/event_cancel {ids[0]} Doctor is away")
    await t.admin.press(question, "This date")
    await world.app.idle()
    await until(lambda: _embed_title(world.fake.channel_messages(w.announcements)[before]).startswith("CANCELLED"),
                timeout=10)
    await until(lambda: "CANCELLED" in first_tg_post.text.upper() and not first_tg_post.buttons, timeout=10)
    await until(lambda: sum("Doctor is away" in (m.content or "") for m in world.fake.dms(w.alice)) == 1
                and sum("Doctor is away" in m.text for m in tg.fake.private_messages(t.ali)) == 1, timeout=10)


async def test_a_repeating_event_created_on_telegram_is_announced_on_both(linked) -> None:
    world, tg = linked
    w, t = world.world, tg.world
    before = len(world.fake.channel_messages(w.announcements))
    reply = await tg.answer(t.admin, t.group, "/event Telegram circle | tomorrow 6pm | 1h | | | repeat weekly count 2 "
                                              "announce_ahead 9")
    assert "every week" in reply.text and "2 dates" in reply.text
    await world.app.idle()
    # Both dates are within 9 days: each announced in the Discord community's channel and the group.
    await until(lambda: len(world.fake.channel_messages(w.announcements)) == before + 2, timeout=10)
    assert {_embed_title(m) for m in world.fake.channel_messages(w.announcements)[before:]} == {"Telegram circle"}
    await until(lambda: len([m for m in tg.fake.bot_messages(t.group)
                             if "Going" in m.button_texts and "Telegram circle" in m.text]) == 2, timeout=10)


async def test_a_group_that_joins_later_gets_the_upcoming_announcements(both) -> None:
    """Events announced on Discord before a Telegram group joined the community are posted in the group
    when it joins, with their answers so far, and kept in step from then on: one RSVP list."""
    world, tg = both
    w, t = world.world, tg.world
    r = await world.fake.slash(w.organiser, "event create", title="Creators meetup", when="tomorrow 6pm", capacity=5)
    await r.wait_done()
    announcement = world.fake.channel_messages(w.announcements)[-1]
    click = await world.fake.click(w.alice, announcement, "Going")
    await click.wait_done()
    assert [m for m in tg.fake.bot_messages(t.group) if "Going" in m.button_texts] == []

    code = re.search(r"/link ([A-Z0-9]+)", (await world.fake.slash(w.admin, "setup", link=True)).text)
    assert code is not None
    posted = asyncio.ensure_future(tg.fake.wait_for_message(t.group, lambda m: "Creators meetup" in m.text
                                                            and "Going" in m.button_texts, timeout=15))
    joined = await tg.answer(t.admin, t.group, f"/link {code.group(1)}")
    assert "Linked" in joined.text
    post = await posted
    assert "Going: 1/5" in post.text  # Alice's answer on Discord is already counted
    await t.ali.press(post, "Going")
    await world.app.idle()
    await until(lambda: "Going: 2/5" in post.text, timeout=10)
    await until(lambda: any(f["value"] == "2/5" for f in
                            world.fake.message_by_id(announcement.id).embeds[0]["fields"]), timeout=10)
    # Joining again later (or a second group) never posts the same event twice in this group.
    home = await world.app.communities.home(Community(TELEGRAM, t.group.id))
    assert home is not None and await world.app.events.announce_in_linked(home) == 0
    assert len([m for m in tg.fake.bot_messages(t.group) if "Creators meetup" in m.text]) == 1
