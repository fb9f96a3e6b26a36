"""The resource repository on a real SQLite file: duplicates, FTS5 search, review, votes, removal."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.identity import DISCORD, Community, Member
from bot.domain.resource_search import MARK_END, MARK_START, parse_query
from bot.domain.resources import PENDING, PUBLISHED, NewResource
from bot.domain.urls import normalise_url, url_key
from bot.storage.sqlite.resources import SqliteResourceRepository

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
G = 100


def community(guild: int) -> Community:
    return Community(DISCORD, guild)


def m(user: int) -> Member:
    return Member(DISCORD, user)


def new(url: str, title: str, *, description: str = "", tags: tuple[str, ...] = (), author: int = 1,
        status: str = PUBLISHED, guild: int = G) -> NewResource:
    return NewResource(guild_id=guild, url=normalise_url(url), url_key=url_key(url), title=title,
                       description=description, tags=tags, author_id=author, status=status, created_at=NOW)


@pytest.fixture
async def repo(db):
    return SqliteResourceRepository(db)


async def search_ids(repo: SqliteResourceRepository, text: str, tag: str | None = None,
                     guild: int = G) -> list[int]:
    return [h.resource.id for h in await repo.search(community(guild), parse_query(text), tag=tag)]


async def test_add_and_duplicate_by_url_variant(repo: SqliteResourceRepository) -> None:
    first = await repo.add(new("https://example.org/guide", "Guide", tags=("a", "b")))
    assert first.id and first.status == PUBLISHED and first.tags == ("a", "b")
    for variant in ("http://EXAMPLE.org/guide/?utm_source=x#top", "example.org/guide?fbclid=1"):
        with pytest.raises(DomainError) as info:
            await repo.add(new(variant, "Again", author=2))
        assert info.value.key == "resource.duplicate" and info.value.params["id"] == first.id
    # another guild has its own library
    other = await repo.add(new("https://example.org/guide", "Guide", guild=G + 1))
    assert other.id != first.id
    assert (await repo.find_in_library(community(G), url_key("https://example.org/guide/"))).id == first.id


async def test_concurrent_shares_of_one_link_store_one(repo: SqliteResourceRepository) -> None:
    results = await asyncio.gather(*(repo.add(new(f"https://example.org/x?utm_source={i}", f"T{i}", author=i))
                                     for i in range(10)), return_exceptions=True)
    stored = [r for r in results if not isinstance(r, BaseException)]
    assert len(stored) == 1
    assert all(isinstance(r, DomainError) and r.key == "resource.duplicate" for r in results if r not in stored)


async def test_removed_link_can_be_shared_again(repo: SqliteResourceRepository) -> None:
    first = await repo.add(new("https://example.org/x", "T"))
    await repo.remove(first.id, by=m(1), now=NOW)
    again = await repo.add(new("https://example.org/x", "T again"))
    assert again.id != first.id


async def test_search_english_with_stemming_and_snippets(repo: SqliteResourceRepository) -> None:
    a = await repo.add(new("https://a.org", "Fact checking guide for journalists",
                           description="A practical toolkit to verify viral images and claims.", tags=("fact-check",)))
    b = await repo.add(new("https://b.org", "Cooking at home", description="Recipes; nothing about facts.",
                           tags=("food",)))
    await repo.add(new("https://c.org", "Image verification", description="Reverse image search guides."))
    assert set(await search_ids(repo, "guides")) == {a.id, 3}
    hits = await repo.search(community(G), parse_query("verify images"))
    assert [h.resource.id for h in hits][0] == a.id
    assert f"{MARK_START}verify{MARK_END}" in hits[0].snippet
    # the title weighs more than the description
    assert (await search_ids(repo, "fact"))[0] == a.id
    assert b.id in await search_ids(repo, "facts")
    assert await search_ids(repo, "fact", tag="food") == [b.id]
    # no resource has every word: fall back to any of them ("verification" as a prefix of its stem
    # finds "verify" too)
    assert set(await search_ids(repo, "cooking verification")) == {a.id, b.id, 3}
    assert set(await search_ids(repo, "cooking verify")) == {a.id, b.id}


async def test_search_urdu(repo: SqliteResourceRepository) -> None:
    a = await repo.add(new("https://ur.org/1", "پاکستان میں حقائق کی جانچ کا طریقہ",
                           description="صحافیوں کے لیے مِیڈیا کی رہنمائی", tags=("صحافت",)))
    b = await repo.add(new("https://ur.org/2", "سوشل میڈیا پر جھوٹی خبریں کیسے پہچانیں"))
    await repo.add(new("https://en.org/3", "Media literacy"))
    assert await search_ids(repo, "حقائق") == [a.id]
    assert await search_ids(repo, "جانچ") == [a.id]
    # diacritics in the text or the query do not matter; Arabic-keyboard letters neither
    assert set(await search_ids(repo, "میڈیا")) == {a.id, b.id}
    assert set(await search_ids(repo, "مِیڈِیا")) == {a.id, b.id}
    assert await search_ids(repo, "پاكستان") == [a.id]
    assert await search_ids(repo, "صحافت") == [a.id]
    hits = await repo.search(community(G), parse_query("رہنمائی"))
    assert f"{MARK_START}رہنمائی{MARK_END}" in hits[0].snippet


@pytest.mark.parametrize("hostile", ['"', '*', 'AND', 'NEAR(', '"unbalanced', 'a" OR "b', '(((', 'title:x',
                                     '^start', 'NOT guide', 'guide*', '{scope}:g100', 'g100', 'NEAR(guide, 2)',
                                     "'; DROP TABLE resources; --", 'OR OR OR', '"" ""', '\\'])
async def test_hostile_queries_never_error(repo: SqliteResourceRepository, hostile: str) -> None:
    await repo.add(new("https://a.org", "A guide: AND, OR, NEAR and NOT explained", description="g100 title"))
    try:
        query = parse_query(hostile)
    except DomainError as exc:
        assert exc.key == "resource.search_empty"
        return
    hits = await repo.search(community(G), query)
    assert isinstance(hits, list)
    # the guild marker cannot be searched for; the word in the text can
    if hostile == "g100":
        assert len(hits) == 1 and MARK_START in hits[0].snippet


async def test_guilds_do_not_see_each_other(repo: SqliteResourceRepository) -> None:
    await repo.add(new("https://a.org", "Shared guide", guild=G))
    await repo.add(new("https://b.org", "Other guide", guild=G + 1))
    assert len(await search_ids(repo, "guide", guild=G)) == 1
    assert len(await search_ids(repo, "guide", guild=G + 1)) == 1
    assert [r.guild_id for r in await repo.top(community(G + 1))] == [G + 1]


async def test_pending_invisible_until_approved(repo: SqliteResourceRepository) -> None:
    r = await repo.add(new("https://a.org", "Hidden guide", status=PENDING, tags=("x",)))
    assert await search_ids(repo, "hidden") == [] and await repo.top(community(G)) == [] \
        and await repo.top(community(G), tag="x") == []
    approved = await repo.decide(r.id, approve=True, by=m(9), reason=None, now=NOW)
    assert approved.status == PUBLISHED and approved.decided_by == 9
    assert await search_ids(repo, "hidden") == [r.id] \
        and [x.id for x in await repo.top(community(G), tag="x")] == [r.id]
    with pytest.raises(DomainError) as info:
        await repo.decide(r.id, approve=False, by=m(9), reason="late", now=NOW)
    assert info.value.key == "resource.already_decided.published"


async def test_reject_keeps_it_out(repo: SqliteResourceRepository) -> None:
    r = await repo.add(new("https://a.org", "Spam guide", status=PENDING))
    rejected = await repo.decide(r.id, approve=False, by=m(9), reason="Off topic", now=NOW)
    assert rejected.status == "rejected" and rejected.decision_reason == "Off topic"
    assert await search_ids(repo, "spam") == []


async def test_two_moderators_at_once_decide_once(repo: SqliteResourceRepository) -> None:
    r = await repo.add(new("https://a.org", "T", status=PENDING))
    results = await asyncio.gather(repo.decide(r.id, approve=True, by=m(8), reason=None, now=NOW),
                                   repo.decide(r.id, approve=False, by=m(9), reason="no", now=NOW),
                                   return_exceptions=True)
    assert sum(isinstance(x, DomainError) for x in results) == 1
    assert await repo.db.fetchval("SELECT COUNT(*) FROM resources_fts") in (0, 1)


async def test_remove_unindexes(repo: SqliteResourceRepository, db) -> None:
    r = await repo.add(new("https://a.org", "Removable guide"))
    assert await search_ids(repo, "removable") == [r.id]
    removed = await repo.remove(r.id, by=m(1), now=NOW)
    assert removed.status == "removed"
    assert await search_ids(repo, "removable") == [] and await repo.top(community(G)) == []
    with pytest.raises(DomainError):
        await repo.remove(r.id, by=m(1), now=NOW)
    await db.execute("INSERT INTO resources_fts (resources_fts) VALUES ('integrity-check')")


async def test_votes_toggle_and_converge_under_concurrency(repo: SqliteResourceRepository) -> None:
    r = await repo.add(new("https://a.org", "Votable"))
    assert await repo.toggle_vote(r.id, m(1), now=NOW) == (True, 1)
    assert await repo.has_voted(r.id, m(1))
    assert await repo.toggle_vote(r.id, m(1), now=NOW) == (False, 0)
    # 40 members click at once, and 10 of them click a second time
    clicks = [repo.toggle_vote(r.id, m(u), now=NOW) for u in range(100, 140)]
    clicks += [repo.toggle_vote(r.id, m(u), now=NOW) for u in range(100, 110)]
    await asyncio.gather(*clicks)
    assert (await repo.get(r.id)).upvotes == 30
    assert await repo.db.fetchval("SELECT COUNT(*) FROM resource_votes WHERE resource_id = ?", (r.id,)) == 30


async def test_votes_refused_when_not_published(repo: SqliteResourceRepository) -> None:
    r = await repo.add(new("https://a.org", "Pending", status=PENDING))
    with pytest.raises(DomainError) as info:
        await repo.toggle_vote(r.id, m(1), now=NOW)
    assert info.value.key == "resource.not_votable"


async def test_top_by_votes_and_tag(repo: SqliteResourceRepository) -> None:
    a = await repo.add(new("https://a.org", "A", tags=("urdu",)))
    b = await repo.add(new("https://b.org", "B", tags=("urdu", "video")))
    c = await repo.add(new("https://c.org", "C", tags=("video",)))
    for u in range(3):
        await repo.toggle_vote(b.id, m(u), now=NOW)
    await repo.toggle_vote(c.id, m(1), now=NOW)
    assert [r.id for r in await repo.top(community(G))] == [b.id, c.id, a.id]
    assert [r.id for r in await repo.top(community(G), tag="urdu")] == [b.id, a.id]
    assert [r.id for r in await repo.top(community(G), tag="video")] == [b.id, c.id]
    assert await repo.top(community(G), tag="none") == []


async def test_add_many_skips_duplicates(repo: SqliteResourceRepository) -> None:
    items = [new(f"https://bulk.org/{i % 50}", f"Bulk {i}") for i in range(60)]
    assert await repo.add_many(items) == 50
    assert len(await search_ids(repo, "bulk")) == 10


async def test_very_common_query_ranks_newest_candidates(repo: SqliteResourceRepository, monkeypatch) -> None:
    import bot.storage.sqlite.resources as storage

    monkeypatch.setattr(storage, "RANK_CANDIDATES", 5)
    # the best match (title) is old; with the cap only the 5 newest matches are ranked
    await repo.add(new("https://old.org", "common common", description="common"))
    for i in range(8):
        await repo.add(new(f"https://n.org/{i}", f"Item {i}", description="common word", tags=("t",) if i % 2 else ()))
    ids = await search_ids(repo, "common")
    assert len(ids) == 5 and 1 not in ids and min(ids) >= 5
    monkeypatch.setattr(storage, "RANK_CANDIDATES", 100)
    assert (await search_ids(repo, "common"))[0] == 1
    assert set(await search_ids(repo, "common", tag="t")) == {3, 5, 7, 9}
