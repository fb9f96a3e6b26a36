"""/resource search and /resource top through the real client and the fake Discord server."""

from __future__ import annotations

import pytest

from tests.discord.test_resources_share import posts, settle, share

LIBRARY = [
    ("https://a.org/verify", "Fact checking guide for journalists", "fact-check, training",
     "A practical toolkit to verify viral images and claims before sharing."),
    ("https://b.org/deepfakes", "Spotting deepfake videos", "video, fact-check",
     "Frame-by-frame checks for manipulated video."),
    ("https://c.org/urdu", "پاکستان میں حقائق کی جانچ کا طریقہ", "صحافت, urdu",
     "صحافیوں کے لیے مِیڈیا کی رہنمائی اور تصدیق کے آسان طریقے۔"),
    ("https://d.org/safety", "Online safety for women creators", "safety",
     "Passwords, two-factor login and handling harassment."),
]


@pytest.fixture
async def library(world):
    for url, title, tags, description in LIBRARY:
        await share(world, world.world.alice, url, title, tags=tags, description=description)
    return world


def titles(result) -> list[str]:
    return [line for line in result.text.splitlines() if line.startswith("**[")]


async def test_search_english_best_first_with_snippets(library) -> None:
    w = library.world
    r = await library.fake.slash(w.bob, "resource search", query="verify images")
    assert r.ephemeral and r.error is None
    embed = r.embeds[0]
    assert embed["title"] == "Resources matching “verify images”"
    first = embed["description"].split("\n\n")[0]
    assert "Fact checking guide for journalists" in first and "https://a.org/verify" in first
    assert "**verify**" in first and "**images**" in first
    # stemming: "videos" finds "video"
    r = await library.fake.slash(w.bob, "resource search", query="video")
    assert "Spotting deepfake videos" in r.text and "Online safety" not in r.text


async def test_search_urdu(library) -> None:
    w = library.world
    r = await library.fake.slash(w.urdu, "resource search", query="حقائق")
    assert r.ephemeral and "پاکستان میں حقائق کی جانچ کا طریقہ" in r.text
    # with or without diacritics, in the query or the stored text
    for query in ("میڈیا", "مِیڈیا", "رہنمائی"):
        found = await library.fake.slash(w.urdu, "resource search", query=query)
        assert "پاکستان میں حقائق" in found.text, query
    assert "**رہنمائی**" in (await library.fake.slash(w.urdu, "resource search", query="رہنمائی")).text


async def test_search_by_tag(library) -> None:
    w = library.world
    r = await library.fake.slash(w.bob, "resource search", query="checks", tag="video")
    assert "Spotting deepfake videos" in r.text and "Fact checking guide" not in r.text
    none = await library.fake.slash(w.bob, "resource search", query="passwords", tag="video")
    assert "No published resource tagged video" in none.text


@pytest.mark.parametrize("hostile", ['"', '*', 'AND', 'NEAR(', '"unbalanced', 'fact" OR "x', '((( guide',
                                     'title:guide', '^guide*', '{scope}:x', "'; DROP TABLE resources; --", '-',
                                     'NEAR(fact check, 2)', 'guide AND'])
async def test_hostile_search_strings_never_error(library, hostile: str) -> None:
    r = await library.fake.slash(library.world.bob, "resource search", query=hostile)
    assert r.error is None and r.ephemeral
    assert "Reference" not in r.text  # never the unexpected-error apology
    assert ("Resources matching" in r.text or "No published resource" in r.text
            or "Type at least one word" in r.text)
    assert await library.bot.app.store.db.fetchval("SELECT COUNT(*) FROM resources") == len(LIBRARY)


async def test_hostile_words_are_searched_as_words(library) -> None:
    r = await library.fake.slash(library.world.bob, "resource search", query='"guide*')
    assert "Fact checking guide" in r.text


async def test_top_by_votes_and_tag(library) -> None:
    w = library.world
    by_id = {m.buttons[0]["custom_id"]: m for m in posts(library)}
    for voter in (w.bob, w.urdu, w.moderator):
        await library.fake.click(voter, by_id["res:up:2"], custom_id="res:up:2")
    await library.fake.click(w.bob, by_id["res:up:3"], custom_id="res:up:3")
    await settle(library)
    top = await library.fake.slash(w.bob, "resource top")
    assert top.ephemeral and top.embeds[0]["title"] == "Top resources"
    order = titles(top)
    assert "Spotting deepfake videos" in order[0] and "پاکستان" in order[1]
    assert "3 upvotes" in top.text
    tagged = await library.fake.slash(w.bob, "resource top", tag="Fact-Check")
    assert tagged.embeds[0]["title"] == "Top resources tagged fact-check"
    order = titles(tagged)
    assert len(order) == 2 and "Spotting deepfake" in order[0] and "Fact checking guide" in order[1]
    none = await library.fake.slash(w.bob, "resource top", tag="nothing")
    assert "No published resource is tagged nothing" in none.text


async def test_tag_autocomplete(library) -> None:
    choices = await library.fake.autocomplete(library.world.bob, "resource search", "tag", "fa", query="x")
    assert [c["value"] for c in choices] == ["fact-check"]


async def test_results_fit_discord_limits(world) -> None:
    w = world.world
    long_title = "Long title " * 18
    for i in range(12):
        await share(world, w.alice, f"https://long.org/{i}/" + "p" * 900, f"{long_title} {i}",
                    description=("guide " * 150).strip())
    r = await world.fake.slash(w.bob, "resource search", query="guide")
    assert r.error is None
    description = r.embeds[0]["description"]
    assert len(description) <= 4096 and description.count("**[") == 10
    # over-long links are not put in the list: the entry links to the post instead
    assert "p" * 900 not in description and "https://discord.com/channels/" in description


def test_list_keeps_whole_entries_and_counts_the_rest() -> None:
    from bot.app.resources import list_card
    from cogs._common.render import embed as render_embed

    entries = [f"**entry {i}**\n" + "x" * 900 for i in range(10)]
    embed = render_embed(list_card("T" * 300, entries, "en"))
    assert len(embed.title) <= 256 and len(embed.description) <= 4096
    assert embed.description.count("**entry") == 4 and "6 more resources not shown" in embed.description
    assert len(embed) <= 6000
