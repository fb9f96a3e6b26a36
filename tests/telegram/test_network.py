"""The network of communities from Telegram, with the real aiogram bot against the fake Bot API and
the real discord.py client against fakediscord over one App, on both databases: a Telegram group and
a Discord server become partners (either one inviting); with `network_verdicts` on, the Discord
server's shared fact-check answers a Telegram reporter's report, and nothing of the reporter or the
case reaches Discord. Admins only; bad input is refused and changes nothing; English and Urdu."""

from __future__ import annotations

import asyncio
import re

from tests.telegram_harness import link_moderators

URL = "https://example.com/fake-cure"


def discord_messages(world) -> list:  # type: ignore[no-untyped-def]
    """Everything the bot wrote on Discord: every channel of the server and every member's DMs."""
    w = world.world
    out = []
    for channel in (w.announcements, w.moderation, w.resources, w.general):
        out += [m for m in world.fake.channel_messages(channel) if m.author.id == world.fake.bot_user.id]
    for member in (w.admin, w.organiser, w.moderator, w.alice, w.bob):
        out += list(world.fake.dms(member))
    return out


def plain(text: str) -> str:
    """Urdu text without its bidi isolation marks."""
    return "".join(c for c in text if c not in "\u2066\u2067\u2068\u2069\u200e\u200f")


def text_of(message) -> str:  # type: ignore[no-untyped-def]
    return message.content + " ".join(str(e) for e in message.embeds)


async def publish_on_discord(world) -> None:  # type: ignore[no-untyped-def]
    w = world.world
    r = await world.fake.slash(w.alice, "report", target=URL, category="misinformation")
    assert "R-0001" in r.content
    r = await world.fake.slash(w.moderator, "factcheck publish", case="R-0001", verdict="false",
                               summary="No cure exists.", sources="https://who.int/dengue")
    await r.wait_done()
    assert "Published F-1" in r.messages[-1].content


async def test_a_discord_partners_shared_fact_check_answers_a_telegram_report(both) -> None:
    world, tg = both
    w, t = world.world, tg.world
    await publish_on_discord(world)
    r = await world.fake.slash(w.admin, "network invite")
    code = re.search(r"NET-[A-Z0-9]+", r.content).group(0)

    # Only a group admin joins, with a well-formed, valid code.
    assert "admin" in (await tg.answer(t.ali, t.group, f"/network_join {code}")).content.lower()
    usage = await tg.answer(t.admin, t.group, "/network_join")
    assert "/network_join NET-" in usage.content
    bad = await tg.answer(t.admin, t.group, "/network_join NET-WRONGCODE1")
    assert "not valid" in bad.content and "/network_invite" in bad.content
    none = await tg.answer(t.admin, t.group, "/network_status")
    assert "not in a network" in none.content and "/network_join CODE" in none.content
    joined = await tg.answer(t.admin, t.group, f"/network_join {code}")
    assert "Joined the network with 1 community: Test" in joined.content
    assert "/network_share factchecks on" in joined.content
    used = await tg.answer(t.admin, t.group, f"/network_join {code}")
    assert "not valid" in used.content  # once
    r = await world.fake.slash(w.admin, "network invite")
    fresh = re.search(r"NET-[A-Z0-9]+", r.content).group(0)
    again = await tg.answer(t.admin, t.group, f"/network_join {fresh}")
    assert "already in a network" in again.content and "/network_leave" in again.content

    # Sharing: bad input changes nothing; the status names the partners.
    for wrong in ("factchecks maybe", "everything on", "factchecks"):
        refused = await tg.answer(t.admin, t.group, f"/network_share {wrong}")
        assert "/network_share factchecks on" in refused.content
    assert "admin" in (await tg.answer(t.ali, t.group, "/network_share factchecks on")).content.lower()
    shared = await tg.answer(t.admin, t.group, "/network_share factchecks on resources off")
    assert "Lahore creators: fact-checks on, resources off" in shared.content
    r = await world.fake.slash(w.admin, "network share", factchecks="off")
    assert "Lahore creators: fact-checks on" in str(r.embeds[0])
    status = await tg.answer(t.admin, t.group, "/network_status")
    assert "Test: fact-checks off, resources on" in status.content and "joined" in status.content

    # With network_verdicts off, the partner's fact-check does not answer reports here.
    await link_moderators(tg)
    refused = await tg.answer(t.admin, t.group, "/setup network_verdicts yes")
    assert "on" in refused.content and "yes" in refused.content
    assert "admin" in (await tg.answer(t.ali, t.group, "/setup network_verdicts on")).content.lower()
    on = await tg.answer(t.admin, t.group, "/setup network_verdicts on")
    assert "Network verdicts is now on" in on.content

    # The partner does not share its fact-checks yet: a report here gets no verdict from it.
    first = t.sara.send(t.group, f"{URL}?utm_source=tg")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.ali, lambda m: bool(m.buttons), timeout=10))
    t.ali.reply(first, "/report")
    picker = await picker_wait
    await t.ali.press(picker, "Misinformation")
    assert "R-0001" in picker.content and "F-1" not in picker.content and "checked" not in picker.content
    r = await world.fake.slash(w.admin, "network share", factchecks="on")
    assert "Test: fact-checks on" in str(r.embeds[0])

    before = len(discord_messages(world))
    bad_post = t.sara.send(t.group, "HTTP://EXAMPLE.com/fake-cure/#from-telegram")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(t.zainab, lambda m: bool(m.buttons), timeout=10))
    notice_wait = asyncio.ensure_future(tg.fake.wait_for_message(
        t.mods, lambda m: any("F-1" in b for b in m.button_texts), timeout=10))
    t.zainab.reply(bad_post, "/report")
    picker = await picker_wait
    await t.zainab.press(picker, "Misinformation")
    assert "already been checked in the network" in picker.content and "by Test" in picker.content
    assert "False" in picker.content and "No cure exists." in picker.content
    notice = await notice_wait
    assert "from the network: Test" in notice.content

    # Nothing of the reporter or the case reaches Discord.
    await world.app.idle()
    await asyncio.sleep(0.3)
    after = discord_messages(world)
    assert len(after) == before
    assert not any("زینب" in text_of(m) or "from-telegram" in text_of(m) or "utm_source=tg" in text_of(m) for m in after)
    r = await world.fake.slash(w.moderator, "reports queue")
    assert "زینب" not in text_of(r) and "from-telegram" not in text_of(r)


async def test_a_telegram_group_invites_a_discord_server_in_urdu(both) -> None:
    world, tg = both
    w, t = world.world, tg.world
    await tg.setup_group(language="ur")

    # The code goes to the admin privately (said in the group, any member could use it).
    code_dm = asyncio.ensure_future(tg.fake.wait_for_message(t.admin, lambda m: "NET-" in m.content, timeout=10))
    said = await tg.answer(t.admin, t.group, "/network_invite")
    assert "نجی چیٹ" in said.content and "NET-" not in said.content
    dm = await code_dm
    code = re.search(r"NET-[A-Z0-9]+", dm.content).group(0)
    assert f"/network_join {code}" in plain(dm.content)
    assert "ایڈمن" in (await tg.answer(t.ali, t.group, "/network_invite")).content

    r = await world.fake.slash(w.admin, "network join", code=code)
    assert "Lahore creators" in r.content
    shared = await tg.answer(t.admin, t.group, "/network_share factchecks on")
    assert "Lahore creators: حقائق کی جانچ آن، وسائل آن" in plain(shared.content)
    assert "Test: حقائق کی جانچ آن" in plain(shared.content)
    refused = await tg.answer(t.admin, t.group, "/network_share factchecks maybe")
    assert "/network_share factchecks on" in plain(refused.content) and "لکھیں" in refused.content

    left = await tg.answer(t.admin, t.group, "/network_leave")
    assert "نیٹ ورک چھوڑ دیا" in left.content
    gone = await tg.answer(t.admin, t.group, "/network_leave")
    assert "/network_join CODE" in plain(gone.content)
    r = await world.fake.slash(w.admin, "network status")
    assert "Test" in text_of(r) and "Lahore creators" not in text_of(r).split("Latest changes")[0]
