"""/resource share, review and remove through the real client and the fake Discord server."""

from __future__ import annotations

import asyncio

import pytest

from bot.i18n import t

from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


async def share(h, member, url: str, title: str, **options):
    """Run /resource share and wait until its (deferred) answer is complete."""
    result = await h.fake.slash(member, "resource share", url=url, title=title, **options)
    await result.wait_done()
    assert result.ephemeral, "share answers are private"
    return result


def posts(h) -> list:
    return h.fake.channel_messages(h.world.resources)


def cards(h) -> list:
    return h.fake.channel_messages(h.world.moderation)


def upvote_label(message) -> str:
    return message.buttons[0]["label"]


async def settle(h) -> None:
    """Wait until coalesced post edits have been made."""
    await asyncio.sleep(0)
    await h.bot.app.resources.idle()


async def test_share_posts_embed_with_upvote(world) -> None:
    w = world.world
    r = await share(world, w.alice, "https://Example.org/guide/?utm_source=x#top", "Fact checking guide",
                    tags="Fact-Check, URDU ,#Guides", description="How to check a viral claim.")
    assert "#1" in r.text and "Fact checking guide" in r.text
    [post] = posts(world)
    embed = post.embeds[0]
    assert embed["title"] == "Fact checking guide"
    assert embed["url"] == "https://example.org/guide"
    assert embed["description"] == "How to check a viral claim."
    tags = next(f["value"] for f in embed["fields"] if f["name"] == "Tags")
    assert tags == "`fact-check` `urdu` `guides`"
    assert f"<@{w.alice.id}>" in post.text
    assert post.buttons[0]["custom_id"] == "res:up:1" and upvote_label(post) == "Upvote · 0"
    assert post.pinged == {"users": [], "roles": [], "everyone": False}
    # the reply links to the post
    assert f"/{w.resources.id}/{post.id}" in r.text


@pytest.mark.parametrize("variant", [
    "http://example.org/guide",
    "https://example.org/guide/",
    "https://EXAMPLE.ORG/guide",
    "https://example.org/guide#part-2",
    "https://example.org/guide?utm_source=newsletter&utm_medium=email",
    "https://example.org/guide?fbclid=abc123",
])
async def test_duplicate_by_url_variant_points_to_existing(world, variant: str) -> None:
    w = world.world
    await share(world, w.alice, "https://example.org/guide", "Guide")
    again = await share(world, w.bob, variant, "Same guide again")
    assert "already in the library" in again.text and "#1" in again.text and "Guide" in again.text
    assert len(posts(world)) == 1
    assert await world.fetchval("SELECT COUNT(*) FROM resources") == 1


@pytest.mark.parametrize("url, key", [
    ("javascript:alert(1)", "url.bad_scheme"),
    ("file:///etc/passwd", "url.bad_scheme"),
    ("data:text/html,<script>alert(1)</script>", "url.bad_scheme"),
    ("https://", "url.no_host"),
    ("https://" + "a" * 2100 + ".org", "url.too_long"),
])
async def test_bad_urls_refused_clearly_and_nothing_changes(world, url: str, key: str) -> None:
    r = await world.fake.slash(world.world.alice, "resource share", url=url, title="Bad")
    await r.wait_done()
    assert r.ephemeral and r.error is None
    first_line = t("en", key, scheme="X", url="X", limit=2048).split("X")[0]
    assert first_line and first_line in r.text
    assert posts(world) == []
    assert await world.fetchval("SELECT COUNT(*) FROM resources") == 0


async def test_bad_tags_refused(world) -> None:
    w = world.world
    too_many = await world.fake.slash(w.alice, "resource share", url="https://a.org", title="A", tags="a,b,c,d,e,f")
    assert "At most 5 tags" in too_many.text
    too_long = await world.fake.slash(w.alice, "resource share", url="https://a.org", title="A", tags="x" * 40)
    assert "too long" in too_long.text
    assert posts(world) == []


async def test_share_in_urdu_guild_answers_in_urdu(world) -> None:
    w = world.world
    await world.setup_guild(language="ur")
    r = await share(world, w.urdu, "https://ur.example.org/1", "پاکستان میں حقائق کی جانچ", tags="صحافت")
    assert "شیئر ہو گیا" in r.text
    [post] = posts(world)
    assert post.embeds[0]["title"] == "پاکستان میں حقائق کی جانچ" and upvote_label(post) == "ووٹ · 0"


async def test_upvote_and_unvote(world) -> None:
    w = world.world
    await share(world, w.alice, "https://a.org", "Votable")
    [post] = posts(world)
    first = await world.fake.click(w.bob, post, custom_id="res:up:1")
    assert first.ephemeral and "You upvoted #1" in first.text
    await settle(world)
    assert upvote_label(posts(world)[0]) == "Upvote · 1"
    second = await world.fake.click(w.bob, post, custom_id="res:up:1")
    assert "taken back" in second.text
    await settle(world)
    assert upvote_label(posts(world)[0]) == "Upvote · 0"


async def test_concurrent_votes_converge_on_the_post(world) -> None:
    w = world.world
    await share(world, w.alice, "https://a.org", "Popular")
    [post] = posts(world)
    voters = [w.guild.add_member(f"voter{i}") for i in range(12)]
    clicks = [world.fake.click(v, post, custom_id="res:up:1") for v in voters]
    clicks += [world.fake.click(v, post, custom_id="res:up:1") for v in voters[:3]]  # three change their mind
    results = await asyncio.gather(*clicks)
    assert all(r.error is None and r.ephemeral for r in results)
    await settle(world)
    assert upvote_label(posts(world)[0]) == "Upvote · 9"
    # the burst was coalesced: far fewer edits than clicks
    assert posts(world)[0].edit_count < len(clicks)


async def test_approval_on_pending_then_approved_with_dm(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    r = await share(world, w.alice, "https://pending.org/guide", "Pending guide", tags="training")
    assert "waiting for a moderator" in r.text
    assert posts(world) == []
    [card] = cards(world)
    assert "Pending guide" in card.text and "https://pending.org/guide" in card.text
    # invisible to search and top while pending
    hidden = await world.fake.slash(w.bob, "resource search", query="pending")
    assert "No published resource" in hidden.text
    assert "empty" in (await world.fake.slash(w.bob, "resource top")).text
    # members cannot approve
    refused = await world.fake.click(w.bob, card, "Approve")
    assert refused.ephemeral and "moderator" in refused.text
    assert posts(world) == []
    approved = await world.fake.click(w.moderator, card, "Approve")
    await approved.wait_done()
    assert "Approved #1" in approved.text
    [post] = posts(world)
    assert post.embeds[0]["title"] == "Pending guide"
    card = cards(world)[0]
    assert card.buttons == [] and "Approved by" in card.text
    [dm] = world.fake.dms(w.alice)
    assert "approved" in dm.text and "Pending guide" in dm.text
    found = await world.fake.slash(w.bob, "resource search", query="pending")
    assert "Pending guide" in found.text
    # a second decision is refused
    assert (await world.fetchval("SELECT status FROM resources WHERE id = 1")) == "published"


async def test_reject_asks_reason_and_dms_it(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    await share(world, w.alice, "https://spam.org", "Spammy link")
    [card] = cards(world)
    opened = await world.fake.click(w.bob, card, "Reject")
    assert "moderator" in opened.text and opened.modal is None
    opened = await world.fake.click(w.moderator, card, "Reject")
    assert opened.modal is not None and len(opened.modal.title) <= 45
    submitted = await world.fake.submit_modal(w.moderator, opened, {"reason": "Not about our topics"})
    await submitted.wait_done()
    assert "Rejected #1" in submitted.text
    card = cards(world)[0]
    assert card.buttons == [] and "Not about our topics" in card.text
    [dm] = world.fake.dms(w.alice)
    assert "not approved" in dm.text and "Not about our topics" in dm.text
    assert posts(world) == []
    assert "No published resource" in (await world.fake.slash(w.bob, "resource search", query="spammy")).text


async def test_approval_dm_closed_is_reported(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    await share(world, w.closed, "https://closed.org", "Closed DMs guide")
    approved = await world.fake.click(w.moderator, cards(world)[0], "Approve")
    await approved.wait_done()
    assert "direct messages are closed" in approved.text
    assert len(posts(world)) == 1


async def test_remove_by_author(world) -> None:
    w = world.world
    await share(world, w.alice, "https://a.org/remove-me", "Removable guide")
    r = await world.fake.slash(w.alice, "resource remove", id=1)
    await r.wait_done()
    assert r.ephemeral and "Removed #1" in r.text
    assert posts(world) == []
    assert "No published resource" in (await world.fake.slash(w.bob, "resource search", query="removable")).text
    # the link may be shared again once removed
    again = await share(world, w.bob, "https://a.org/remove-me", "Removable guide v2")
    assert "#2" in again.text


async def test_remove_by_moderator_and_refused_for_others(world) -> None:
    w = world.world
    await share(world, w.alice, "https://a.org/x", "Alice's guide")
    refused = await world.fake.slash(w.bob, "resource remove", id=1)
    assert refused.ephemeral and "Only the person who shared" in refused.text
    assert len(posts(world)) == 1
    missing = await world.fake.slash(w.bob, "resource remove", id=99)
    assert "no resource with that number" in missing.text
    done = await world.fake.slash(w.moderator, "resource remove", id=1)
    await done.wait_done()
    assert "Removed #1" in done.text and posts(world) == []


async def test_remove_pending_closes_its_review_card(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    await share(world, w.alice, "https://a.org/p", "Withdrawn")
    r = await world.fake.slash(w.alice, "resource remove", id=1)
    await r.wait_done()
    card = cards(world)[0]
    assert card.buttons == [] and "before review" in card.text


async def test_buttons_keep_working_after_restart(world) -> None:
    w = world.world
    await world.setup_guild(resource_approval="on")
    await share(world, w.alice, "https://restart.org", "Survives restarts")
    await world.restart_bot()
    approved = await world.fake.click(w.moderator, cards(world)[0], "Approve")
    await approved.wait_done()
    assert "Approved #1" in approved.text
    vote = await world.fake.click(w.bob, posts(world)[0], custom_id="res:up:1")
    assert "You upvoted #1" in vote.text
    await settle(world)
    assert upvote_label(posts(world)[0]) == "Upvote · 1"
