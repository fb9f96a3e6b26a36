"""Report intake through the fake Discord: context menu, /report with a link or pasted text,
duplicates, urgent pings, and the abuse limit across a restart."""

from __future__ import annotations

import pytest

from bot.storage.reports import ReportsRepo


async def card_for(h, ref: str):
    """The card message for `ref` in the moderation channel, once the bot has posted it."""
    w = h.world
    return await h.fake.wait_for_message(w.moderation, include_existing=True,
                                         predicate=lambda m: any(ref in (e.get("title") or "") for e in m.embeds))


async def test_context_menu_report_captures_evidence(world) -> None:
    h = world
    w = h.world
    post = h.fake.post_message(w.bob, w.general, "Polio drops cause infertility, share before they delete it",
                               attachments=[{"filename": "proof.jpg", "content_type": "image/jpeg", "size": 2048}])
    r = await h.fake.context_menu(w.alice, "Report message", post)
    assert r.error is None and r.ephemeral
    picked = await h.fake.select(w.alice, r.message, ["misinformation"])
    assert picked.error is None, picked.error_details
    assert "R-0001" in picked.content
    card = await card_for(h, "R-0001")
    text = card.text
    assert "Misinformation" in text and "Polio drops" in text and "proof.jpg" in text
    assert "Alice" not in text and str(w.alice.id) not in text  # never the reporter
    assert card.pinged == {"users": [], "roles": [], "everyone": False}
    # The author edits the message afterwards: the evidence keeps what was reported.
    h.fake.edit_message(w.bob, post, "nothing to see here")
    case = await ReportsRepo(h.bot.db).get_by_number(w.guild.id, 1)
    assert case.evidence.content.startswith("Polio drops")
    assert case.evidence.author_id == w.bob.id and case.evidence.message_id == post.id
    assert case.evidence.attachments[0].name == "proof.jpg" and case.evidence.attachments[0].size == 2048
