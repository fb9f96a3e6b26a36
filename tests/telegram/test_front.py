"""What every Telegram message goes through: escaping, limits, flood control, stale buttons, /setup."""

from __future__ import annotations

import asyncio

from bot.domain.identity import TELEGRAM, Member, Place
from bot.ports.messaging import Card, Delivery, Message
from tests.telegram_harness import until


async def test_hostile_text_is_shown_literally_and_within_limits(tg) -> None:
    w = tg.world
    await tg.setup_group()
    hostile = '<a href="https://evil.example">click</a> <b>x</b> &amp; @everyone ' + "ش" * 5000
    ref = await tg.app.messenger.post(Place(TELEGRAM, w.group.id),
                                      Message(text=hostile, cards=(Card(title="<i>t</i>", body=hostile),)))
    msg = tg.fake.message(w.group, ref.id)
    assert msg.text.startswith('<a href="https://evil.example">click</a> <b>x</b> &amp; @everyone')
    assert len(msg.text) <= 4096 and "ش…" in msg.text and msg.text.endswith("<i>t</i>")
    assert msg.entities_of("text_link") == [] and msg.entities_of("text_mention") == []
    # The same through a member's own input: a one-line event with markup in every part.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "Going" in m.button_texts, timeout=10))
    w.admin.send(w.group, '/event <a href="tg://user?id=1">Party</a> | tomorrow 6pm | 1h | <b>Hall</b> & co')
    ann = await waiter
    assert '<a href="tg://user?id=1">Party</a>' in ann.text and "<b>Hall</b> & co" in ann.text
    assert ann.entities_of("text_mention") == [] and ann.entities_of("text_link") == []


async def test_a_429_storm_loses_no_message(tg) -> None:
    w = tg.world
    tg.fake.force_429(6, retry_after=1)
    place = Place(TELEGRAM, w.group.id)
    refs = await asyncio.gather(*(tg.app.messenger.post(place, Message(text=f"note {i}")) for i in range(5)))
    texts = [tg.fake.message(w.group, r.id).text for r in refs]
    assert texts == [f"note {i}" for i in range(5)]
    assert tg.front.queue.retries >= 6
    # Private messages under a storm too: each member gets exactly one.
    tg.fake.force_429(3, retry_after=1)
    results = await asyncio.gather(*(tg.app.messenger.dm(Member(TELEGRAM, u.id), Message(text="hi"))
                                     for u in (w.ali, w.zainab, w.admin)))
    assert results == [Delivery.DELIVERED] * 3
    for u in (w.ali, w.zainab, w.admin):
        assert [m.text for m in tg.fake.private_messages(u) if m.from_bot] == ["hi"]


async def test_bursts_are_paced_to_the_group_limit(tg) -> None:
    w = tg.world
    place = Place(TELEGRAM, w.group.id)
    await asyncio.gather(*(tg.app.messenger.post(place, Message(text=f"n{i}")) for i in range(21)))
    assert len(tg.fake.bot_messages(w.group)) == 21
    assert tg.fake.rate_limits.limited == 0  # paced, never refused


async def test_editing_to_the_same_content_is_not_an_error(tg) -> None:
    w = tg.world
    ref = await tg.app.messenger.post(Place(TELEGRAM, w.group.id), Message(text="same"))
    assert await tg.app.messenger.edit(ref, Message(text="same")) is True
    assert await tg.app.messenger.delete(ref) is True
    assert await tg.app.messenger.edit(ref, Message(text="gone")) is False


async def test_a_stale_or_forged_button_is_still_answered(tg) -> None:
    w = tg.world
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    sent = await tg.front.bot.send_message(w.group.id, "old", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text="Old", callback_data="zz:1"),
        InlineKeyboardButton(text="Forged", callback_data="eg:99999999999999999999999")]]))
    msg = tg.fake.message(w.group, sent.message_id)
    for label in ("Old", "Forged"):
        answer = await w.ali.press(msg, label)
        assert "no longer exists" in answer.text


async def test_setup_by_admin_only_with_panel_and_arguments(tg) -> None:
    w = tg.world
    refused = await tg.command(w.ali, w.group, "/setup")
    assert "admins" in refused.text
    panel = await tg.command(w.admin, w.group, "/setup")
    assert "Lahore creators" in panel.text and "Asia/Karachi" in panel.text and "/link " in panel.text
    assert panel.button_texts == ["Language: Urdu", "Resource approval: on", "Network verdicts: on"]
    assert "admins" in (await w.ali.press(panel, "Network verdicts: on")).text
    assert "Network verdicts: off" in panel.text
    await w.admin.press(panel, "Network verdicts: on")
    await until(lambda: "Network verdicts: on" in panel.text and "Network verdicts: off" in panel.button_texts)
    assert "admins" in (await w.ali.press(panel, "Language: Urdu")).text
    await w.admin.press(panel, "Language: Urdu")
    await until(lambda: "زبان" in panel.text)
    bad = await tg.command(w.admin, w.group, "/setup timezone Mars/Olympus")
    assert "Mars/Olympus" in bad.text
    ok = await tg.command(w.admin, w.group, "/setup timezone Asia/Dubai")
    assert "Asia/Dubai" in ok.text
    usage = await tg.command(w.admin, w.group, "/setup colour blue")
    assert "language" in usage.text and "digest" in usage.text and "network_verdicts" in usage.text
    private = await tg.command(w.admin, w.admin, "/setup")
    assert "group" in private.text


async def test_moderators_group_is_linked_with_the_code_from_setup(tg) -> None:
    import re

    w = tg.world
    panel = await tg.command(w.admin, w.group, "/setup")
    code = re.search(r"/link ([A-Z0-9]+)", panel.text).group(1)
    wrong = await tg.command(w.admin, w.mods, "/link NOPE1234")
    assert "unknown" in wrong.text
    done = await tg.command(w.admin, w.mods, f"/link {code}")
    assert "moderators" in done.text
    again = await tg.command(w.admin, w.mods, f"/link {code}")
    assert "already used" in again.text
    settings = await tg.app.setup.settings_for(tg.app.telegram.community_of(w.group.id))
    assert settings.moderation_channel == w.mods.id and settings.moderator_role == w.mods.id
    # Mehreen, a member of the moderators' group, is a moderator of the community; Ali is not.
    from bot.domain.roles import is_moderator
    from aiogram.types import Chat, User

    chat = Chat(id=w.group.id, type="supergroup")
    mehreen = await tg.front.roles.actor(chat, User(id=w.moderator.id, is_bot=False, first_name="Mehreen"))
    ali = await tg.front.roles.actor(chat, User(id=w.ali.id, is_bot=False, first_name="Ali"))
    assert is_moderator(mehreen, settings) and not is_moderator(ali, settings)
