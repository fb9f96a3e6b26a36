"""The announcement's organiser line across platforms: on the organiser's own platform as it always
was (a Discord mention, a Telegram member's name), on the other the name they had when creating the
event, as plain text (never a mention, never markup); and on Telegram after a restart, before the
front end has seen the organiser again. Both fakes, one App, where a linked community is needed."""

from __future__ import annotations

import asyncio
import re

from bot.i18n import t
from tests.telegram_harness import until

HOSTILE = "<b>x</b> **x** <@123> [y](x) _z_"  # within the 40 characters a name is shown in


def _organiser_field(message) -> str:  # type: ignore[no-untyped-def]
    fields = message.embeds[0]["fields"]
    return next(f["value"] for f in fields if f["name"] == t("en", "embed.organiser"))


def _discord_shows(value: str) -> str:
    """The text Discord shows for a markdown value made only of plain text and escapes (Discord's
    escape rule: a backslash before a symbol shows the symbol)."""
    # Nothing Discord would read as markup: a mention, bold, a masked link, italics.
    assert not re.search(r"(?<!\\)<[@#]|(?<!\\)\*|(?<!\\)\[|(?<!\\)_", value), value
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", value)


def _tg_organiser_line(message) -> str | None:  # type: ignore[no-untyped-def]
    """The text under "Organiser" in a Telegram announcement, and nothing in it formatted."""
    label = t("en", "embed.organiser")
    lines = message.text.split("\n")
    if label not in lines:
        return None
    value = lines[lines.index(label) + 1]
    start = message.text.index(label + "\n" + value) + len(label) + 1
    for e in message.entities or []:  # offsets in UTF-16 units; the names here are ASCII
        if e["type"] in ("bold", "italic", "text_link", "text_mention", "code") \
                and e["offset"] < start + len(value) and e["offset"] + e["length"] > start:
            raise AssertionError(f"the organiser's name is formatted: {e}")
    return value


async def _tg_announcement(tg, title: str):  # type: ignore[no-untyped-def]
    t_ = tg.world
    await until(lambda: any(title in m.text and "Going" in m.button_texts for m in tg.fake.bot_messages(t_.group)),
                timeout=10)
    return next(m for m in tg.fake.bot_messages(t_.group) if title in m.text and "Going" in m.button_texts)


async def test_an_event_created_on_discord_names_its_organiser_in_the_linked_group(linked) -> None:
    world, tg = linked
    w = world.world
    r = await world.fake.slash(w.organiser, "event create", title="Discord meetup", when="tomorrow 6pm")
    await r.wait_done()
    discord_post = world.fake.channel_messages(w.announcements)[-1]
    assert _organiser_field(discord_post) == f"<@{w.organiser.id}>"  # on Discord: the mention, as always
    await world.app.idle()
    post = await _tg_announcement(tg, "Discord meetup")
    assert _tg_organiser_line(post) == "Omar Organiser"


async def test_an_event_created_on_telegram_shows_the_name_as_text_on_discord(linked) -> None:
    world, tg = linked
    w, t_ = world.world, tg.world
    before = len(world.fake.channel_messages(w.announcements))
    reply = await tg.answer(t_.admin, t_.group, "/event Telegram meetup | tomorrow 6pm")
    assert "announced" in reply.text
    post = await _tg_announcement(tg, "Telegram meetup")
    assert _tg_organiser_line(post) == "Ayesha"
    await world.app.idle()
    await until(lambda: len(world.fake.channel_messages(w.announcements)) == before + 1, timeout=10)
    value = _organiser_field(world.fake.channel_messages(w.announcements)[-1])
    assert value == "Ayesha"  # never <@telegram id>, which Discord would read as some Discord user


async def test_hostile_names_are_shown_literally_on_both_platforms(linked) -> None:
    world, tg = linked
    w, t_ = world.world, tg.world
    # On Discord: a member whose nickname is full of markup creates an event.
    sly = w.guild.add_member("Sly", nick=HOSTILE, roles=[w.organiser_role])
    r = await world.fake.slash(sly, "event create", title="Sly meetup", when="tomorrow 6pm")
    await r.wait_done()
    assert _organiser_field(world.fake.channel_messages(w.announcements)[-1]) == f"<@{sly.id}>"
    await world.app.idle()
    assert _tg_organiser_line(await _tg_announcement(tg, "Sly meetup")) == HOSTILE

    # On Telegram: a group admin whose name is full of markup creates an event.
    before = len(world.fake.channel_messages(w.announcements))
    mallory = tg.fake.create_user(HOSTILE, started=True)
    t_.group.add_member(mallory, admin=True)
    reply = await tg.answer(mallory, t_.group, "/event Mallory meetup | tomorrow 6pm")
    assert "announced" in reply.text
    assert _tg_organiser_line(await _tg_announcement(tg, "Mallory meetup")) == HOSTILE
    await world.app.idle()
    await until(lambda: len(world.fake.channel_messages(w.announcements)) == before + 1, timeout=10)
    value = _organiser_field(world.fake.channel_messages(w.announcements)[-1])
    assert _discord_shows(value) == HOSTILE


async def test_after_a_restart_the_organiser_is_still_named_on_telegram(tg) -> None:
    w = tg.world
    await tg.setup_group()
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: m.reply_to is not None, timeout=10))
    w.admin.send(w.group, "/event Chai after restart | tomorrow 6pm")
    await waiter
    post = await _tg_announcement(tg, "Chai after restart")
    assert _tg_organiser_line(post) == "Ayesha"

    await tg.restart_bot()  # the front end's memory of names is gone; Ayesha stays quiet
    await w.ali.press(post, "Going")  # the announcement is refreshed
    await tg.idle()
    await until(lambda: "Going: 1" in post.text, timeout=10)
    assert _tg_organiser_line(post) == "Ayesha"
