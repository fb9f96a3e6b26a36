"""Actions from the case card through the real client and the fake Discord: delete the reported
message, time out its author, warn its author by DM. Each with and without the bot's permission
(refused, naming it, before any form), by a non-moderator (refused), and audited in the case."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.identity import DISCORD, Community
from fakediscord import permissions as P
from tests.harness import cards, until

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def buttons(message) -> list[str]:
    return [b.get("label") for b in message.buttons]


async def reported(h, author=None, text="Send 5000 rupees to 0300-1234567 to claim your flood relief card"):
    w = h.world
    post = h.fake.post_message(author or w.bob, w.general, text)
    r = await h.fake.context_menu(w.alice, "Report message", post)
    await h.fake.submit_modal(w.alice, r, {"category": ["scam_impersonation"]})
    await until(lambda: len(cards(h, "R-0001")) == 1)
    return post, cards(h, "R-0001")[0]


async def confirm(h, form, values):
    assert form.error is None and form.modal is not None, form.text
    done = await h.fake.submit_modal(h.world.moderator, form, values)
    await done.wait_done()
    return done


async def rows(h):
    """R-0001's conversation as stored (through the repository: the same on every driver)."""
    store = h.bot.app.store
    case = await store.reports.get_by_number(Community(DISCORD, h.world.guild.id), 1)
    entries = await store.report_conversation.entries(case.id) if case else []
    return [(e.kind, e.action, e.author_id, e.body) for e in entries]


async def test_delete_needs_manage_messages_then_deletes_and_is_audited(world) -> None:
    h, w = world, world.world
    post, card = await reported(h)
    assert buttons(card)[-3:] == ["Delete message", "Time out author", "Warn author"]
    w.guild.bot_role.set_permissions(P.DEFAULT_BOT & ~P.MANAGE_MESSAGES)
    await until(lambda: not h.bot.get_guild(w.guild.id).me.guild_permissions.manage_messages)
    refused = await h.fake.click(w.moderator, card, "Delete message")
    assert refused.modal is None and refused.ephemeral and "**Manage Messages**" in refused.text
    assert not h.fake.message_by_id(post.id).deleted and await rows(h) == []

    w.guild.bot_role.set_permissions(P.DEFAULT_BOT)
    await until(lambda: h.bot.get_guild(w.guild.id).me.guild_permissions.manage_messages)
    form = await h.fake.click(w.moderator, card, "Delete message")
    assert form.modal.title == "Delete the message reported in R-0001?"
    done = await confirm(h, form, {"value": "Scam, confirmed with the bank"})
    assert "was deleted" in done.text
    assert h.fake.message_by_id(post.id).deleted
    assert [(k, a, who) for k, a, who, _ in await rows(h)] == [("action", "delete", w.moderator.id)]
    assert "Scam, confirmed with the bank" in (await rows(h))[0][3]

    def in_thread() -> list[str]:
        return [m.text for c in h.fake.channels.values() if c.type == 11 for m in h.fake.channel_messages(c)]

    await until(lambda: any("deleted the reported message" in x for x in in_thread()))


async def test_timeout_needs_moderate_members_and_lasts_what_was_chosen(world) -> None:
    h, w = world, world.world
    _, card = await reported(h)
    refused = await h.fake.click(w.moderator, card, "Time out author")  # DEFAULT_BOT has no Moderate Members
    assert refused.modal is None and "**Moderate Members**" in refused.text
    w.guild.bot_role.set_permissions(P.DEFAULT_BOT | P.MODERATE_MEMBERS)
    await until(lambda: h.bot.get_guild(w.guild.id).me.guild_permissions.moderate_members)
    form = await h.fake.click(w.moderator, card, "Time out author")
    assert "For how long?" in form.modal.labels
    done = await confirm(h, form, {"duration": ["86400"], "value": "Repeated scam posts"})
    assert "timed out for 1 day" in done.text
    until_at = datetime.fromisoformat(w.bob.communication_disabled_until)
    assert timedelta(hours=23) < until_at - datetime.now(timezone.utc) <= timedelta(days=1)
    assert [(k, a) for k, a, _, _ in await rows(h)] == [("action", "timeout")]


async def test_timeout_of_an_admin_is_refused_by_discord_and_nothing_recorded(world) -> None:
    h, w = world, world.world
    _, card = await reported(h, author=w.admin)
    w.guild.bot_role.set_permissions(P.DEFAULT_BOT | P.MODERATE_MEMBERS)
    await until(lambda: h.bot.get_guild(w.guild.id).me.guild_permissions.moderate_members)
    form = await h.fake.click(w.moderator, card, "Time out author")
    done = await confirm(h, form, {"duration": ["600"], "value": "test"})
    assert "**Moderate Members" in done.text and w.admin.communication_disabled_until is None
    assert await rows(h) == []


async def test_warn_by_dm_never_names_the_moderator(world) -> None:
    h, w = world, world.world
    _, card = await reported(h)
    form = await h.fake.click(w.moderator, card, "Warn author")
    done = await confirm(h, form, {"value": "Posting payment requests is not allowed here."})
    assert "was warned by DM" in done.text
    dm = h.fake.dms(w.bob)[-1]
    assert "moderators of Test" in dm.text and "Posting payment requests is not allowed here." in dm.text
    assert w.moderator.name not in dm.text and str(w.moderator.id) not in dm.text
    assert w.alice.name not in dm.text and str(w.alice.id) not in dm.text  # nor the reporter
    assert [(k, a) for k, a, _, _ in await rows(h)] == [("action", "warn")]


async def test_warn_an_author_with_closed_dms_is_recorded_as_not_delivered(world) -> None:
    h, w = world, world.world
    _, card = await reported(h, author=w.closed)
    form = await h.fake.click(w.moderator, card, "Warn author")
    done = await confirm(h, form, {"value": "Please stop"})
    assert "does not accept DMs" in done.text
    assert "not delivered" in (await rows(h))[0][3]


async def test_non_moderators_cannot_act(world) -> None:
    h, w = world, world.world
    post, card = await reported(h)
    for label in ("Delete message", "Time out author", "Warn author"):
        refused = await h.fake.click(w.organiser, card, label)
        assert refused.modal is None and "moderator" in refused.text.lower()
    assert not h.fake.message_by_id(post.id).deleted and await rows(h) == []


async def test_resolving_as_actioned_offers_the_actions(world) -> None:
    h, w = world, world.world
    post, card = await reported(h)
    await h.fake.click(w.moderator, card, "Claim")
    r = await h.fake.click(w.moderator, cards(h, "R-0001")[0], "Resolve")
    r = await h.fake.select(w.moderator, r.message, ["actioned"])
    done = await h.fake.submit_modal(w.moderator, r, {})
    offer = (await done.wait_followups(1))[-1]
    assert "Act on the reported message now?" in offer.text
    assert [b["label"] for b in offer.buttons] == ["Delete message", "Time out author", "Warn author"]
    form = await h.fake.click(w.moderator, offer, "Delete message")
    await confirm(h, form, {"value": "Resolved as actioned"})
    assert h.fake.message_by_id(post.id).deleted
