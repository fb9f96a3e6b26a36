"""The weekly digest on Telegram, with the real aiogram bot against the fake Bot API, on both
databases: an admin sets `/setup digest` in the group (bad values and members are refused and change
nothing, the panel shows the slot); the bot is down over the slot and back within 24 hours: the week's
events, resources and fact-checks go to the group and the report figures to the moderators' group,
once, marked late, and nothing again after another restart. A Telegram group linked to a Discord
server's community gets the announcements part too, in Urdu, once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import FixedClock
from bot.domain.identity import TELEGRAM, Community
from tests.telegram.reports_cases import reported
from tests.telegram_harness import TgHarness, until

# Friday 8 January 2027, 17:00 in Asia/Karachi (the slot, friday 18:00, is 13:00 UTC).
BEFORE_SLOT = datetime(2027, 1, 8, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
async def timed(tmp_path, tg_store):
    clock = FixedClock(BEFORE_SLOT)
    h = TgHarness(tmp_path, clock=clock, store_factory=tg_store)
    await h.start()
    yield h, clock
    await h.close()


def digests(tg: TgHarness, chat) -> list:  # type: ignore[no-untyped-def]
    return [m for m in tg.fake.bot_messages(chat)
            if "This week" in m.content or "Reports this week" in m.content]


async def test_setup_digest_then_sent_once_late_in_the_group_and_the_moderators_group(timed) -> None:
    tg, clock = timed
    w = tg.world
    panel = await tg.setup_group()
    assert "Weekly digest" in panel.content and "Network verdicts" in panel.content
    from tests.telegram_harness import link_moderators
    await link_moderators(tg)

    bad = await tg.answer(w.admin, w.group, "/setup digest someday 25:00")
    assert "is not a digest time" in bad.content and "friday 18:00" in bad.content
    refused = await tg.answer(w.ali, w.group, "/setup digest friday 18:00")
    assert "admin" in refused.content.lower()
    panel = await tg.answer(w.admin, w.group, "/setup")
    assert "Weekly digest: off" in panel.content
    saved = await tg.answer(w.admin, w.group, "/setup digest Fri 6pm")
    assert "Weekly digest" in saved.content and "Friday 18:00" in saved.content
    panel = await tg.answer(w.admin, w.group, "/setup")
    assert "Friday 18:00" in panel.content

    # The fixture week: an event next week, a resource and a report this week.
    made = await tg.answer(w.admin, w.group, "/event Chai at the library | 2027-01-10 18:00 | 1h | Lahore | 20")
    assert "announced" in made.content
    shared = await tg.answer(w.ali, w.group, "/share https://example.org/voter-guide Voter guide #elections")
    assert "Voter guide" in shared.content
    await reported(tg, author=w.sara, reporter=w.ali, text="Polling moved https://bit.ly/Vote-31st", link=False)
    await tg.idle()

    # Down over the slot, back 3 hours later: the digest goes out, saying it is late.
    clock.advance(hours=4)
    await tg.restart_bot()
    await until(lambda: len(digests(tg, w.group)) == 1 and len(digests(tg, w.mods)) == 1, timeout=20)
    ann_message = digests(tg, w.group)[0]
    ann, mod = ann_message.content, digests(tg, w.mods)[0].content
    assert "This digest is late: it was due Friday 8 January, 18:00" in ann
    assert "Chai at the library" in ann and "Sunday 10 January, 18:00" in ann
    assert "Voter guide · 0 upvotes" in ann
    links = [e.get("url") for e in ann_message.entities if e["type"] == "text_link"]
    assert "https://example.org/voter-guide" in links
    assert "Reports this week" in mod and "New cases" in mod
    # The figures only reach the moderators; the reporter is named nowhere.
    assert "New cases" not in ann and "Ali" not in ann and "Ali" not in mod

    # Another restart an hour on: nothing is posted twice (the week is claimed).
    clock.advance(hours=1)
    await tg.restart_bot()
    assert await tg.app.digest.tick() == []
    await tg.idle()
    assert len(digests(tg, w.group)) == 1 and len(digests(tg, w.mods)) == 1

    # Off is off.
    off = await tg.answer(w.admin, w.group, "/setup digest off")
    assert "off" in off.content


async def test_a_linked_telegram_group_gets_the_discord_communitys_digest_once_in_urdu(linked) -> None:
    world, tg = linked
    t = tg.world
    home = Community("discord", world.world.guild.id)
    refused = await tg.answer(t.admin, t.group, "/setup network_verdicts maybe")
    assert "maybe" in refused.content
    await tg.command(t.admin, t.group, "/setup language ur")
    # The slot an hour ago (Karachi time): owed now, sent at once, marked late.
    zone = ZoneInfo((await world.app.setup.settings_for(home)).timezone)
    slot = (datetime.now(timezone.utc) - timedelta(hours=1)).astimezone(zone)
    # The group had its own slot before it joined (saved as /setup did then): not a second digest.
    own = Community(TELEGRAM, t.group.id)
    before = await world.app.setup.settings_for(own)
    await world.app.setup.repo.save(replace(before, digest_day=slot.weekday(),
                                            digest_minute=slot.hour * 60 + slot.minute))
    world.app.setup.forget(own)
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    saved = await tg.answer(t.admin, t.group, f"/setup digest {days[slot.weekday()]} {slot:%H:%M}")
    assert "ہفتہ وار خلاصہ" in saved.content

    def in_telegram() -> list:
        return [m for m in tg.fake.bot_messages(t.group) if "ہفتہ وار خلاصہ" in m.content and "محفوظ" not in m.content]

    def in_discord() -> list:
        return [m for m in world.fake.channel_messages(world.world.announcements)
                if m.embeds and "ہفتہ وار خلاصہ" in (m.embeds[0].get("title") or "")]

    await until(lambda: len(in_telegram()) == 1 and len(in_discord()) == 1, timeout=20)
    # Once per community: the week is claimed by the Discord community; the group has no week of its own.
    assert await world.app.digest.tick() == []
    await world.app.idle()
    await asyncio.sleep(0.2)
    assert len(in_telegram()) == 1 and len(in_discord()) == 1
    assert not any("This week" in m.content for m in tg.fake.bot_messages(t.group))
    assert set(await world.app.store.digest.scheduled()) == {home, own}
