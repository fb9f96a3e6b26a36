"""Report intake through the fake Discord: context menu, /report with a link or pasted text,
duplicates, urgent pings, and the abuse limit across a restart."""

from __future__ import annotations

import re


from bot.domain.identity import DISCORD, Community
from tests.harness import until


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
    # One form asks for the category and, optionally, why.
    assert r.error is None and r.modal is not None and r.modal.title == "Report this message"
    assert {"What is wrong with it?", "Details (optional)"} <= set(r.modal.labels)
    picked = await h.fake.submit_modal(w.alice, r, {"category": ["misinformation"],
                                                    "details": "Forwarded in three family groups today"})
    assert picked.error is None, picked.error_details
    assert picked.ephemeral and "R-0001" in picked.content
    card = await card_for(h, "R-0001")
    text = card.text
    assert "Misinformation" in text and "Polio drops" in text and "proof.jpg" in text
    assert "Forwarded in three family groups today" in text  # the details are evidence
    assert "Alice" not in text and str(w.alice.id) not in text  # never the reporter
    # The message's time is shown in each moderator's own zone, not as raw ISO text.
    assert re.search(r"Posted <t:\d+:f>", text), text
    assert card.pinged == {"users": [], "roles": [], "everyone": False}
    # The author edits the message afterwards: the evidence keeps what was reported.
    h.fake.edit_message(w.bob, post, "nothing to see here")
    case = await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)
    assert case.evidence.content.startswith("Polio drops")
    assert case.evidence.author_id == w.bob.id and case.evidence.message_id == post.id
    assert case.evidence.attachments[0].name == "proof.jpg" and case.evidence.attachments[0].size == 2048


def count_line(card) -> str:
    return next(f["value"] for e in card.embeds for f in e.get("fields", []) if f["name"] == "Reports")


async def test_report_command_with_link_and_variants_join_one_case(world) -> None:
    h = world
    w = h.world
    r = await h.fake.slash(w.alice, "report", target="https://www.Example.com/news/flood-hoax/?id=7",
                           category="misinformation", details="Shared in three WhatsApp groups")
    assert r.error is None and r.ephemeral and "R-0001" in r.content
    card = await card_for(h, "R-0001")
    assert "example.com/news/flood-hoax" in card.text and "Shared in three WhatsApp groups" in card.text
    assert card.text.count("flood-hoax") == 1  # a bare link is shown once, not again as a field
    variants = ["http://WWW.EXAMPLE.COM/news/flood-hoax?id=7&utm_source=whatsapp&utm_medium=share",
                "https://www.example.com/news/flood-hoax/?utm_campaign=x&id=7",
                "www.example.com/news/flood-hoax?id=7#comments"]
    for member, link in zip((w.bob, w.urdu, w.closed), variants):
        r = await h.fake.slash(member, "report", target=link, category="misinformation")
        assert r.error is None and "R-0001" in r.content and "added" in r.content, r.content
    await until(lambda: count_line(h.fake.message_by_id(card.id)) == "4 reports from 4 members")
    # Another page of the same site is another case.
    r = await h.fake.slash(w.bob, "report", target="https://www.example.com/news/other", category="misinformation")
    assert "R-0002" in r.content


async def test_link_in_angle_brackets_is_shown_once(world) -> None:
    h, w = world, world.world
    await h.fake.slash(w.alice, "report", target="<https://example.org/fake-cure>", category="misinformation")
    card = await card_for(h, "R-0001")
    assert card.text.count("example.org/fake-cure") == 1


async def test_pasted_text_and_near_identical_text_join(world) -> None:
    h = world
    w = h.world
    text = ("Forwarded as received: from tomorrow NADRA will block every CNIC that is not linked to a "
            "bank account, send this to ten people")
    r = await h.fake.slash(w.alice, "report", target=text, category="scam_impersonation")
    assert "R-0001" in r.content
    card = await card_for(h, "R-0001")
    # Shouted, re-punctuated, one word changed: the same post forwarded again.
    near = text.upper().replace("TEN", "10").replace(",", "...") + " !!! 🙏"
    r = await h.fake.slash(w.bob, "report", target=near, category="misinformation")
    assert "R-0001" in r.content and "added" in r.content
    await until(lambda: count_line(h.fake.message_by_id(card.id)) == "2 reports from 2 members")
    r = await h.fake.slash(w.bob, "report", target="A completely different forwarded message about fuel "
                                                    "prices going up by fifty rupees tonight", category="misinformation")
    assert "R-0002" in r.content


async def test_same_message_twice_joins_and_repeat_reporter_is_told(world) -> None:
    h = world
    w = h.world
    post = h.fake.post_message(w.bob, w.general, "you people are vermin")
    r = await h.fake.context_menu(w.alice, "Report message", post)
    await h.fake.submit_modal(w.alice, r, {"category": ["hate_speech"]})
    card = await card_for(h, "R-0001")
    r = await h.fake.context_menu(w.urdu, "Report message", post)
    picked = await h.fake.submit_modal(w.urdu, r, {"category": ["bullying_harassment"]})
    assert "R-0001" in picked.content
    # The same message through its link joins too.
    link = f"https://discord.com/channels/{w.guild.id}/{w.general.id}/{post.id}"
    r = await h.fake.slash(w.closed, "report", target=link, category="hate_speech")
    assert "R-0001" in r.content
    r = await h.fake.context_menu(w.alice, "Report message", post)
    picked = await h.fake.submit_modal(w.alice, r, {"category": ["hate_speech"]})
    assert "already reported" in picked.text and "R-0001" in picked.text
    await until(lambda: count_line(h.fake.message_by_id(card.id)) == "3 reports from 3 members")
    r = await h.fake.context_menu(w.bob, "Report message", post)
    assert "own message" in r.text


async def test_urgent_report_joining_a_normal_case_makes_it_urgent_and_pings(world) -> None:
    h = world
    w = h.world
    w.moderator_role.mentionable = True
    link = "https://t.me/somechannel/99"
    first = await h.fake.slash(w.alice, "report", target=link, category="other")
    assert "R-0001" in first.content and "emergency" not in first.content
    card = await card_for(h, "R-0001")
    assert "Urgent" not in card.text and card.pinged["roles"] == []
    normal_due = (await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)).sla_due_at

    second = await h.fake.slash(w.bob, "report", target=link + "?utm_source=x", category="child_safety")
    assert "R-0001" in second.content and "emergency" in second.content
    ping = await h.fake.wait_for_message(w.moderation, predicate=lambda m: "is now urgent" in m.text)
    assert ping.pinged == {"users": [], "roles": [w.moderator_role.id], "everyone": False}
    await until(lambda: "Urgent" in h.fake.message_by_id(card.id).text)
    case = await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)
    assert case.urgent and case.category == "other" and case.sla_hours == 1
    assert case.sla_due_at < normal_due  # the urgent SLA (1 hour) now applies


async def test_urgent_report_pings_only_the_moderator_role(world) -> None:
    h = world
    w = h.world
    # Discord notifies a role only if it is mentionable (or the bot may mention everyone).
    w.moderator_role.mentionable = True
    r = await h.fake.slash(w.alice, "report", target="@everyone look at this https://t.me/somechannel/12",
                           category="child_safety")
    assert "emergency" in r.content
    card = await card_for(h, "R-0001")
    assert card.pinged == {"users": [], "roles": [w.moderator_role.id], "everyone": False}
    assert [int(x) for x in card.allowed_mentions["roles"]] == [w.moderator_role.id]
    assert not card.allowed_mentions.get("parse") and not card.allowed_mentions.get("users")
    assert "Urgent" in card.text
    # Everything else the bot posted pinged nobody.
    for msg in h.fake.messages.values():
        if msg.author.id == h.fake.bot_user.id and msg.id != card.id:
            assert msg.pinged == {"users": [], "roles": [], "everyone": False}, msg


async def test_rate_limit_holds_across_a_restart(world) -> None:
    h = world
    w = h.world
    for n in range(5):
        r = await h.fake.slash(w.alice, "report", target=f"https://example.org/post/{n}", category="other")
        assert f"R-000{n + 1}" in r.content
    await h.restart_bot()
    r = await h.fake.slash(w.alice, "report", target="https://example.org/post/6", category="other")
    assert r.ephemeral and "5 reports in the last 10 minutes" in r.content
    post = h.fake.post_message(w.bob, w.general, "another one")
    r = await h.fake.context_menu(w.alice, "Report message", post)
    assert "try again" in r.content and not r.components
    assert await h.bot.app.store.db.fetchval("SELECT COUNT(*) FROM report_cases") == 5
    r = await h.fake.slash(w.bob, "report", target="https://example.org/post/6", category="other")
    assert "R-0006" in r.content  # other members are not limited


async def test_urdu_guild_and_longest_input_fit_discord_limits(world) -> None:
    h = world
    w = h.world
    await h.setup_guild(language="ur")
    text = ("پاکستانِ میں سیلاب کی امداد کے بارے میں جھوٹی خبر " * 90)[:4000]
    r = await h.fake.slash(w.urdu, "report", target=text, category="misinformation", details="ہ" * 1000)
    assert r.error is None and "شکریہ" in r.content and "R-0001" in r.content
    card = await card_for(h, "R-0001")
    assert "غلط معلومات" in card.text  # the category in Urdu
    assert sum(len(e.get("description") or "") for e in card.embeds) <= 4096
    assert not h.fake.failed_requests()  # no Invalid Form Body anywhere
