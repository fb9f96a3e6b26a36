"""ResourceRepository: the library as members notice it, on every storage driver.

One link once per community (whatever the concurrency), review decided once, votes one per member and
always equal to the count, search and top showing published resources only, best first, and a
Discord server and a Telegram group with the same id keeping separate libraries.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.resource_search import MARK_END, MARK_START, parse_query
from bot.domain.resources import PENDING, PUBLISHED, REJECTED, REMOVED, NewResource
from bot.domain.urls import normalise_url, url_key

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)
THERE = Community(DISCORD, 101)
TG_HERE = Community(TELEGRAM, 100)  # same id, other platform: another community
ALICE = Member(DISCORD, 1)
BOB = Member(DISCORD, 2)
MOD = Member(DISCORD, 9)


def new(url: str, title: str, *, description: str = "", tags: tuple[str, ...] = (), author: int = 1,
        status: str = PUBLISHED, community: Community = HERE) -> NewResource:
    return NewResource(guild_id=community.id, url=normalise_url(url), url_key=url_key(url), title=title,
                       description=description, tags=tags, author_id=author, status=status, created_at=NOW,
                       platform=community.platform)


async def ids(store, text: str, community: Community = HERE, tag: str | None = None) -> list[int]:
    return [h.resource.id for h in await store.resources.search(community, parse_query(text), tag=tag)]


async def test_add_then_get_round_trips(store) -> None:
    added = await store.resources.add(new("https://Example.org/guide/?utm_source=x", "Guide",
                                          description="How to check", tags=("a", "b")))
    got = await store.resources.get(added.id)
    assert got == added
    assert (got.url, got.title, got.description, got.tags, got.status) == (
        "https://example.org/guide", "Guide", "How to check", ("a", "b"), PUBLISHED)
    assert got.created_at == NOW and got.upvotes == 0 and got.community == HERE and got.author == ALICE
    assert got.post is None and got.review is None
    assert await store.resources.get(added.id + 1000) is None


async def test_one_link_once_per_community(store) -> None:
    first = await store.resources.add(new("https://example.org/guide", "Guide"))
    with pytest.raises(DomainError) as info:
        await store.resources.add(new("http://EXAMPLE.org/guide/#top", "Again", author=2))
    assert info.value.key == "resource.duplicate" and info.value.params["id"] == first.id
    pending = await store.resources.add(new("https://example.org/p", "P", status=PENDING))
    with pytest.raises(DomainError) as info:
        await store.resources.add(new("https://example.org/p", "P again"))
    assert info.value.key == "resource.duplicate_pending" and info.value.params["id"] == pending.id
    # other communities, on this platform or another, have their own library
    assert (await store.resources.add(new("https://example.org/guide", "G", community=THERE))).id != first.id
    assert (await store.resources.add(new("https://example.org/guide", "G", community=TG_HERE))).id != first.id


async def test_concurrent_shares_of_one_link_store_one(store) -> None:
    results = await asyncio.gather(*(store.resources.add(new(f"https://example.org/x?utm_source={i}", f"T{i}",
                                                             author=i)) for i in range(10)),
                                   return_exceptions=True)
    stored = [r for r in results if not isinstance(r, BaseException)]
    assert len(stored) == 1
    assert all(isinstance(r, DomainError) and r.key == "resource.duplicate" for r in results if r not in stored)


async def test_find_in_library(store) -> None:
    live = await store.resources.add(new("https://example.org/a", "A"))
    assert (await store.resources.find_in_library(HERE, url_key("https://example.org/a/"))).id == live.id
    assert await store.resources.find_in_library(TG_HERE, url_key("https://example.org/a")) is None
    await store.resources.remove(live.id, by=ALICE, now=NOW)
    assert await store.resources.find_in_library(HERE, url_key("https://example.org/a")) is None
    # once removed, the link may be shared again
    again = await store.resources.add(new("https://example.org/a", "A again"))
    assert again.id != live.id


async def test_search_best_first_with_snippets_published_only(store) -> None:
    a = await store.resources.add(new("https://a.org", "Fact checking guide", tags=("fact-check",),
                                      description="A toolkit to verify viral images."))
    b = await store.resources.add(new("https://b.org", "Cooking", description="Nothing about facts.",
                                      tags=("food",)))
    await store.resources.add(new("https://c.org", "Pending fact sheet", status=PENDING))
    await store.resources.add(new("https://d.org", "Fact elsewhere", community=TG_HERE))
    assert (await ids(store, "fact"))[0] == a.id  # the title weighs most
    assert await ids(store, "fact", tag="food") == [b.id]
    [hit] = await store.resources.search(HERE, parse_query("verify images"))
    assert hit.resource.id == a.id and f"{MARK_START}verify{MARK_END}" in hit.snippet
    # no resource has every word: any of them
    assert set(await ids(store, "cooking toolkit")) == {a.id, b.id}
    assert await ids(store, "pending") == []
    assert len(await ids(store, "fact", TG_HERE)) == 1
    assert await ids(store, "cooking", THERE) == []
    assert len(await store.resources.search(HERE, parse_query("fact"), limit=1)) == 1


async def test_search_urdu(store) -> None:
    a = await store.resources.add(new("https://ur.org/1", "پاکستان میں حقائق کی جانچ",
                                      description="صحافیوں کے لیے مِیڈیا کی رہنمائی"))
    assert await ids(store, "حقائق") == [a.id]
    assert await ids(store, "میڈیا") == [a.id]
    assert await ids(store, "پاكستان") == [a.id]


async def test_top_by_votes_then_age_and_tag(store) -> None:
    a = await store.resources.add(new("https://a.org", "A", tags=("urdu",)))
    b = await store.resources.add(new("https://b.org", "B", tags=("urdu", "video")))
    c = await store.resources.add(new("https://c.org", "C", tags=("video",)))
    await store.resources.add(new("https://d.org", "D", status=PENDING, tags=("video",)))
    await store.resources.add(new("https://e.org", "E", community=TG_HERE))
    for u in range(3):
        await store.resources.toggle_vote(b.id, Member(DISCORD, 10 + u), now=NOW)
    await store.resources.toggle_vote(c.id, BOB, now=NOW)
    assert [r.id for r in await store.resources.top(HERE)] == [b.id, c.id, a.id]
    assert [r.id for r in await store.resources.top(HERE, tag="urdu")] == [b.id, a.id]
    assert [r.id for r in await store.resources.top(HERE, tag="video")] == [b.id, c.id]
    assert [r.id for r in await store.resources.top(HERE, limit=1)] == [b.id]
    assert await store.resources.top(HERE, tag="none") == [] and await store.resources.top(THERE) == []
    assert [r.title for r in await store.resources.top(TG_HERE)] == ["E"]


async def test_tags_most_used_first_prefix_literal(store) -> None:
    await store.resources.add(new("https://a.org", "A", tags=("fact-check", "urdu")))
    await store.resources.add(new("https://b.org", "B", tags=("fact-check", "fa_x")))
    await store.resources.add(new("https://c.org", "C", tags=("faxes",), status=PENDING))
    await store.resources.add(new("https://d.org", "D", tags=("fake",), community=TG_HERE))
    assert await store.resources.tags(HERE) == ["fact-check", "fa_x", "urdu"]
    assert await store.resources.tags(HERE, "fa") == ["fact-check", "fa_x"]
    assert await store.resources.tags(HERE, "fa_") == ["fa_x"]  # `_` is a character, not a wildcard
    assert await store.resources.tags(HERE, "%") == []
    assert await store.resources.tags(HERE, limit=1) == ["fact-check"]
    assert await store.resources.tags(TG_HERE) == ["fake"]


async def test_in_library_newest_first_by_title_or_number(store) -> None:
    a = await store.resources.add(new("https://a.org", "Alice's 100% guide", author=1))
    b = await store.resources.add(new("https://b.org", "Bob's guide", author=2, status=PENDING))
    c = await store.resources.add(new("https://c.org", "Gone guide", author=1))
    await store.resources.remove(c.id, by=ALICE, now=NOW)
    await store.resources.add(new("https://d.org", "Telegram guide", community=TG_HERE))
    assert [r.id for r in await store.resources.in_library(HERE, author=None)] == [b.id, a.id]
    assert [r.id for r in await store.resources.in_library(HERE, author=ALICE)] == [a.id]
    assert [r.id for r in await store.resources.in_library(HERE, author=None, text="bob")] == [b.id]
    assert [r.id for r in await store.resources.in_library(HERE, author=None, text="100%")] == [a.id]
    assert [r.id for r in await store.resources.in_library(HERE, author=None, text=f"#{a.id}")] == [a.id]
    assert [r.id for r in await store.resources.in_library(HERE, author=None, limit=1)] == [b.id]
    assert [r.title for r in await store.resources.in_library(TG_HERE, author=None)] == ["Telegram guide"]


async def test_post_and_review_messages_are_remembered(store) -> None:
    r = await store.resources.add(new("https://a.org", "A", status=PENDING))
    card = MessageRef(Place(DISCORD, 55), 66)
    await store.resources.set_review(r.id, card)
    approved = await store.resources.decide(r.id, approve=True, by=MOD, reason=None, now=NOW)
    assert approved.review == card
    post = MessageRef(Place(DISCORD, 77), 88)
    await store.resources.set_post(r.id, post)
    got = await store.resources.get(r.id)
    assert got is not None and got.post == post and got.review == card


async def test_decide_once_approved_or_rejected(store) -> None:
    r = await store.resources.add(new("https://a.org", "Hidden guide", status=PENDING, tags=("x",)))
    approved = await store.resources.decide(r.id, approve=True, by=MOD, reason=None, now=NOW)
    assert approved.status == PUBLISHED and approved.decided_by == MOD.id
    assert await ids(store, "hidden") == [r.id] and [x.id for x in await store.resources.top(HERE, tag="x")] == [r.id]
    with pytest.raises(DomainError) as info:
        await store.resources.decide(r.id, approve=False, by=MOD, reason="late", now=NOW)
    assert info.value.key == "resource.already_decided.published"
    s = await store.resources.add(new("https://s.org", "Spam guide", status=PENDING))
    rejected = await store.resources.decide(s.id, approve=False, by=MOD, reason="Off topic", now=NOW)
    assert (rejected.status, rejected.decision_reason) == (REJECTED, "Off topic")
    assert await ids(store, "spam") == []
    with pytest.raises(DomainError) as info:
        await store.resources.decide(9999, approve=True, by=MOD, reason=None, now=NOW)
    assert info.value.key == "resource.not_found"


async def test_two_moderators_at_once_decide_once(store) -> None:
    r = await store.resources.add(new("https://a.org", "T", status=PENDING))
    results = await asyncio.gather(
        store.resources.decide(r.id, approve=True, by=MOD, reason=None, now=NOW),
        store.resources.decide(r.id, approve=False, by=Member(DISCORD, 8), reason="no", now=NOW),
        return_exceptions=True)
    assert sum(isinstance(x, DomainError) for x in results) == 1
    final = await store.resources.get(r.id)
    winner = next(x for x in results if not isinstance(x, BaseException))
    assert final is not None and final.status == winner.status


async def test_remove_takes_it_out_once(store) -> None:
    r = await store.resources.add(new("https://a.org", "Removable guide"))
    removed = await store.resources.remove(r.id, by=ALICE, now=NOW)
    assert removed.status == REMOVED
    assert await ids(store, "removable") == [] and await store.resources.top(HERE) == []
    with pytest.raises(DomainError) as info:
        await store.resources.remove(r.id, by=ALICE, now=NOW)
    assert info.value.key == "resource.not_found"
    rejected = await store.resources.add(new("https://b.org", "B", status=PENDING))
    await store.resources.decide(rejected.id, approve=False, by=MOD, reason="no", now=NOW)
    with pytest.raises(DomainError):
        await store.resources.remove(rejected.id, by=MOD, now=NOW)


async def test_votes_toggle_per_member_and_platform(store) -> None:
    r = await store.resources.add(new("https://a.org", "Votable"))
    assert await store.resources.toggle_vote(r.id, ALICE, now=NOW) == (True, 1)
    assert await store.resources.has_voted(r.id, ALICE)
    # the same user id on another platform is another member
    assert not await store.resources.has_voted(r.id, Member(TELEGRAM, ALICE.id))
    assert await store.resources.toggle_vote(r.id, Member(TELEGRAM, ALICE.id), now=NOW) == (True, 2)
    assert await store.resources.toggle_vote(r.id, ALICE, now=NOW) == (False, 1)
    assert not await store.resources.has_voted(r.id, ALICE)
    assert (await store.resources.get(r.id)).upvotes == 1


async def test_concurrent_votes_converge(store) -> None:
    r = await store.resources.add(new("https://a.org", "Popular"))
    clicks = [store.resources.toggle_vote(r.id, Member(DISCORD, u), now=NOW) for u in range(100, 140)]
    clicks += [store.resources.toggle_vote(r.id, Member(DISCORD, u), now=NOW) for u in range(100, 110)]
    await asyncio.gather(*clicks)
    assert (await store.resources.get(r.id)).upvotes == 30


async def test_votes_only_on_published(store) -> None:
    r = await store.resources.add(new("https://a.org", "Pending", status=PENDING))
    with pytest.raises(DomainError) as info:
        await store.resources.toggle_vote(r.id, ALICE, now=NOW)
    assert info.value.key == "resource.not_votable"
    with pytest.raises(DomainError) as info:
        await store.resources.toggle_vote(9999, ALICE, now=NOW)
    assert info.value.key == "resource.not_found"


async def test_add_many_skips_links_already_in_the_library(store) -> None:
    await store.resources.add(new("https://bulk.org/0", "Existing"))
    items = [new(f"https://bulk.org/{i % 50}", f"Bulk {i}") for i in range(60)]
    items.append(new("https://bulk.org/0", "Telegram bulk", community=TG_HERE))
    assert await store.resources.add_many(items) == 50
    assert len(await ids(store, "bulk")) == 10  # the default limit
    assert len(await store.resources.in_library(HERE, author=None, limit=100)) == 50
    assert len(await ids(store, "bulk", TG_HERE)) == 1
