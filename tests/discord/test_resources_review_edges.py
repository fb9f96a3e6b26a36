"""Review edges through the fake Discord: two moderators deciding at once, and stale buttons on a
card whose resource was already decided or withdrawn, answered in the guild's language."""

from __future__ import annotations

import asyncio
import copy
import re

from tests.discord.test_resources_share import cards, posts, share

LATIN_WORD = re.compile(r"\b(published|rejected|removed)\b")


async def test_second_decision_refused_in_the_guilds_language(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on", language="ur")
    await share(world, w.alice, "https://a.org/one", "One")
    [card] = cards(world)
    buttons = copy.deepcopy(card.components)
    second = w.guild.add_member("Second moderator", roles=[w.moderator_role])
    both = await asyncio.gather(world.fake.click(w.moderator, card, custom_id="res:approve:1"),
                                world.fake.click(second, card, custom_id="res:approve:1"))
    await asyncio.gather(*(r.wait_done() for r in both))
    assert all(r.ephemeral and r.error is None for r in both)
    refused = [r for r in both if "کچھ تبدیل نہیں ہوا" in r.text]
    assert len(refused) == 1 and len(posts(world)) == 1 and len(world.fake.dms(w.alice)) == 1
    assert not LATIN_WORD.search(refused[0].text), refused[0].text  # the status in Urdu, not `published`
    # A Reject clicked on a stale copy of the card: refused before the modal, nothing changes.
    stale = cards(world)[0]
    stale.components = buttons
    again = await world.fake.click(w.moderator, stale, custom_id="res:reject:1")
    assert again.modal is None and "کچھ تبدیل نہیں ہوا" in again.text and not LATIN_WORD.search(again.text)
    assert await world.bot.app.store.db.fetchval("SELECT status FROM resources WHERE id = 1") == "published"


async def test_approve_after_the_sharer_withdrew_it(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    await share(world, w.alice, "https://a.org/two", "Two")
    [card] = cards(world)
    buttons = copy.deepcopy(card.components)
    removed = await world.fake.slash(w.alice, "resource remove", id=1)
    await removed.wait_done()
    stale = cards(world)[0]
    stale.components = buttons
    late = await world.fake.click(w.moderator, stale, custom_id="res:approve:1")
    await late.wait_done()
    assert late.ephemeral and "removed from the library before review" in late.text
    assert posts(world) == [] and world.fake.dms(w.alice) == []
    assert await world.bot.app.store.db.fetchval("SELECT status FROM resources WHERE id = 1") == "removed"
