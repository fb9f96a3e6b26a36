"""Contract of `bot.ports.links.LinksRepository`: linked communities and extra posts."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.domain.identity import DISCORD, TELEGRAM, Community, MessageRef, Place

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
HOME = Community(DISCORD, 10)


async def test_a_community_joins_one_home(store) -> None:
    links = store.links
    group, other = Community(TELEGRAM, -1), Community(TELEGRAM, -2)
    assert await links.home_of(group) is None and await links.linked_to(HOME) == []
    await links.link(group, HOME, NOW)
    await links.link(other, HOME, NOW)
    assert await links.home_of(group) == HOME
    assert await links.linked_to(HOME) == [other, group]  # same time: by id
    await links.link(group, Community(DISCORD, 11), NOW)  # joins another home instead
    assert await links.linked_to(HOME) == [other]


async def test_posts_are_one_per_place_and_kept(store) -> None:
    links = store.links
    a = MessageRef(Place(TELEGRAM, -1), 5)
    await links.add_post("event", 1, a)
    await links.add_post("event", 1, MessageRef(Place(TELEGRAM, -1), 6))  # reposted: the newer message
    await links.add_post("event", 1, MessageRef(Place(TELEGRAM, -2), 7))
    await links.add_post("case", 1, MessageRef(Place(TELEGRAM, -3), 8))
    assert await links.posts("event", 1) == [MessageRef(Place(TELEGRAM, -2), 7), MessageRef(Place(TELEGRAM, -1), 6)]
    assert await links.posts("case", 1) == [MessageRef(Place(TELEGRAM, -3), 8)]
    assert await links.posts("event", 2) == []
