"""Reports under hostile and edge inputs through the fake Discord: the largest cards with everything
shown at once, concurrent moderators, empty figures, and what reaches Discord in a whole flow."""

from __future__ import annotations

import asyncio

from bot.domain.identity import DISCORD, Community
from bot.i18n import t
from tests.harness import Harness, cards, until


async def test_show_with_reveal_of_the_largest_case_fits_one_message(world) -> None:
    """Card and audit embeds share Discord's 6000 characters per message: the longest evidence, ten
    long attachment names, twenty reporters, a long note and reference, and many reveals still fit."""
    h = world
    w = h.world
    await h.setup_guild(language="ur")
    files = [{"filename": "ف" * 90 + f"{i}.png", "content_type": "image/png", "size": 10**7} for i in range(10)]
    post = h.fake.post_message(w.bob, w.general, "ع" * 2000, attachments=files)
    for i in range(20):
        member = w.guild.add_member("رکن" * 10 + str(i))
        r = await h.fake.context_menu(member, "Report message", post)
        await h.fake.submit_modal(member, r, {"category": ["misinformation"]})
    await until(lambda: len(cards(h, "R-0001")) == 1)
    card = cards(h, "R-0001")[0]
    r = await h.fake.click(w.moderator, card, "آگے بھیجیں")
    r = await h.fake.select(w.moderator, r.message, ["facebook"])
    r = await h.fake.submit_modal(w.moderator, r, {r.modal.labels[0]: "ر" * 200})
    r = await h.fake.click(w.moderator, card, "حل کریں")
    r = await h.fake.select(w.moderator, r.message, ["actioned"])
    r = await h.fake.submit_modal(w.moderator, r, {r.modal.labels[0]: "ن" * 500})
    await r.wait_done()
    for _ in range(6):
        r = await h.fake.slash(w.admin, "reports show", case="R-0001", reveal=True)
        assert r.error is None and len(r.embeds) == 2, r.text
        assert sum(len(e.get("description") or "") + len(e.get("title") or "")
                   + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
                   + len((e.get("footer") or {}).get("text") or "") for e in r.embeds) <= 6000
    assert str(w.admin.id) in r.text  # the reveals are in the audit log shown
    assert not h.fake.failed_requests()


async def test_non_moderators_cannot_tell_which_cases_exist(world) -> None:
    h = world
    w = h.world
    await h.fake.slash(w.alice, "report", target="https://example.org/a", category="other")
    for case in ("R-0001", "R-0099"):
        r = await h.fake.slash(w.bob, "reports show", case=case)
        assert r.ephemeral and "Only moderators" in r.content, r.content
        r = await h.fake.slash(w.moderator, "reports show", case=case, reveal=True)
        assert r.ephemeral and "Only admins" in r.content, r.content
        r = await h.fake.slash(w.bob, "reports outcome", case=case, result="removed")
        assert r.ephemeral and "Only moderators" in r.content, r.content


async def test_urdu_guild_reads_durations_in_urdu(tmp_path) -> None:
    from datetime import datetime, timezone

    from bot.domain.clock import FixedClock

    clock = FixedClock(datetime.now(timezone.utc).replace(microsecond=0))
    h = Harness(tmp_path, clock=clock)
    await h.start()
    try:
        w = h.world
        await h.setup_guild(language="ur", report_sla_hours=1)
        await h.fake.slash(w.alice, "report", target="https://example.org/rumour", category="misinformation")
        await until(lambda: len(cards(h, "R-0001")) == 1)
        clock.advance(hours=1, minutes=5)
        h.bot.app.reports.sla.schedule(1, clock.now())
        await until(lambda: any("R-0001" in m.content and not m.embeds for m in h.fake.channel_messages(w.moderation)))
        notice = next(m.content for m in h.fake.channel_messages(w.moderation) if not m.embeds and m.content)
        assert "1 گھنٹہ 5 منٹ" in notice and " h " not in notice and "min" not in notice, notice
        r = await h.fake.click(w.moderator, cards(h, "R-0001")[0], "میں دیکھوں گا")
        assert r.error is None
        r = await h.fake.slash(w.moderator, "reports stats")
        fields = {f["name"]: f["value"] for f in r.embeds[0]["fields"]}
        assert fields[t("ur", "reports.stats.median_claim")] == "1 گھنٹہ 5 منٹ"
    finally:
        await h.close()


async def test_a_whole_flow_sends_one_mention_only_the_moderator_role(world) -> None:
    """Every request that writes a message says which mentions are allowed: nothing, except the
    urgent card's moderator role. Hostile text (@everyone, role and user mentions) goes everywhere."""
    h = world
    w = h.world
    w.moderator_role.mentionable = True
    hostile = f"@everyone @here <@&{w.moderator_role.id}> <@{w.alice.id}>"
    post = h.fake.post_message(w.bob, w.general, hostile + " this is a threat")
    for member in (w.alice, w.urdu):
        r = await h.fake.context_menu(member, "Report message", post)
        await h.fake.submit_modal(member, r, {"category": ["violent_extremism"]})
    await until(lambda: len(cards(h, "R-0001")) == 1)
    card = cards(h, "R-0001")[0]
    await (await h.fake.click(w.moderator, card, "Claim")).wait_done()
    r = await h.fake.select(w.moderator, (await h.fake.click(w.moderator, card, "Escalate")).message, ["x"])
    await (await h.fake.submit_modal(w.moderator, r, {r.modal.labels[0]: hostile})).wait_done()
    r = await h.fake.select(w.moderator, (await h.fake.click(w.moderator, card, "Resolve")).message, ["actioned"])
    r = await h.fake.submit_modal(w.moderator, r, {r.modal.labels[0]: hostile})
    await until(lambda: "Reporters told by DM" in r.text)
    await h.fake.slash(w.moderator, "reports outcome", case="R-0001", result="removed")
    await h.fake.slash(w.admin, "reports show", case="R-0001", reveal=True)
    await h.fake.slash(w.moderator, "reports queue", status="resolved")
    await until(lambda: len(h.fake.requests_to("PATCH", f"/messages/{card.id}")) >= 3)

    role_pings = []
    for request in h.fake.requests:
        body = request.json if isinstance(request.json, dict) else {}
        message = body.get("data") if isinstance(body.get("data"), dict) else body
        if not (message.get("content") or message.get("embeds")):
            continue  # modals, deferrals, DM channel opening
        mentions = request.allowed_mentions
        assert mentions is not None and mentions.get("parse") == [] and not mentions.get("users"), request
        if mentions.get("roles"):
            role_pings.append((request.method, [int(x) for x in mentions["roles"]]))
    assert role_pings == [("POST", [w.moderator_role.id])]  # the urgent card, once
    assert len(h.fake.dms(w.alice)) == 1 and "@everyone" in h.fake.dms(w.alice)[0].content


async def test_two_moderators_claim_at_once_one_wins(world) -> None:
    
    h = world
    w = h.world
    second = w.guild.add_member("Second Moderator", roles=[w.moderator_role])
    await h.fake.slash(w.alice, "report", target="https://example.org/a", category="other")
    await until(lambda: len(cards(h, "R-0001")) == 1)
    card = cards(h, "R-0001")[0]
    results = await asyncio.gather(h.fake.click(w.moderator, card, "Claim"), h.fake.click(second, card, "Claim"))
    for r in results:
        await r.wait_done()
    refused = [r for r in results if r.ephemeral and "Nothing was changed" in r.content]
    assert len(refused) == 1 and all(r.error is None for r in results)
    repo = h.bot.app.store.reports
    case = await repo.get_by_number(Community(DISCORD, w.guild.id), 1)
    audit = await repo.audit(case.id)
    assert [(a.action, a.to_status) for a in audit] == [("open", "new"), ("status", "triaging")]
    assert audit[1].actor_id == case.claimed_by
