"""Moderator triage through the fake Discord: the card edited in place, escalation and the platform's
later outcome, outcome DMs, refusals for non-moderators and for forged or stale buttons, reveals."""

from __future__ import annotations

import discord

from bot.domain.reports import intake_from_target
from bot.i18n import t
from bot.domain.identity import DISCORD, Community
from tests.harness import cards, until

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def field(message, name: str) -> str | None:
    for embed in message.embeds:
        for f in embed.get("fields", []):
            if f["name"] == name:
                return f["value"]
    return None


def labels(message) -> list[str]:
    return [b.get("label") for b in message.buttons]


async def reported_message(h, reporters, text="Dengue is cured by papaya leaves, doctors hide it"):
    w = h.world
    post = h.fake.post_message(w.bob if w.bob not in reporters else w.organiser, w.general, text)
    for member in reporters:
        r = await h.fake.context_menu(member, "Report message", post)
        picked = await h.fake.submit_modal(member, r, {"category": ["misinformation"]})
        assert "R-0001" in picked.content, picked.text
    await until(lambda: len(cards(h, "R-0001")) == 1
                and field(cards(h, "R-0001")[0], "Reports") == t("en", "reports.card.count", reports=len(reporters), reporters=len(reporters)))
    return cards(h, "R-0001")[0]


async def test_whole_triage_flow_edits_the_card_and_tells_every_reporter(world) -> None:
    h = world
    w = h.world
    card = await reported_message(h, [w.alice, w.urdu, w.closed])
    assert labels(card) == ["Claim", "Escalate", "Resolve", "Dismiss", "Ask reporters", "Internal note",
                            "Delete message", "Time out author", "Warn author"]
    assert field(card, "Status") == "New"

    r = await h.fake.click(w.moderator, card, "Claim")
    assert r.error is None and r.type == 7  # the card itself was updated
    card = h.fake.message_by_id(card.id)
    assert field(card, "Status") == "Triaging" and str(w.moderator.id) in field(card, "Claimed by")
    assert labels(card) == ["Escalate", "Resolve", "Dismiss", "Ask reporters", "Internal note",
                            "Delete message", "Time out author", "Warn author"]
    await r.wait_followups(1)
    assert "You claimed R-0001" in r.followups[0].content and r.followups[0].ephemeral

    r = await h.fake.click(w.moderator, card, "Escalate")
    assert r.ephemeral
    r = await h.fake.select(w.moderator, r.message, ["facebook"])
    assert r.modal is not None and "Facebook" in r.modal.title
    r = await h.fake.submit_modal(w.moderator, r, {"Platform's reference (optional)": "FB-88231"})
    assert r.error is None and "escalated to Facebook" in r.content
    await until(lambda: field(h.fake.message_by_id(card.id), "Status") == "Escalated")
    card = h.fake.message_by_id(card.id)
    assert "FB-88231" in field(card, "Escalation") and "Pending" in field(card, "Escalation")
    assert labels(card) == ["Resolve", "Dismiss", "Platform outcome", "Ask reporters", "Internal note",
                            "Delete message", "Time out author", "Warn author"]

    r = await h.fake.click(w.moderator, card, "Platform outcome")
    r = await h.fake.select(w.moderator, r.message, ["removed"])
    assert "Facebook outcome is Removed" in r.content
    await until(lambda: "Removed" in field(h.fake.message_by_id(card.id), "Escalation"))

    r = await h.fake.click(w.moderator, card, "Resolve")
    r = await h.fake.select(w.moderator, r.message, ["actioned"])
    r = await h.fake.submit_modal(w.moderator, r, {"Note to reporters (optional)": "Facebook removed the post."})
    assert r.error is None
    await r.wait_done()
    await until(lambda: "Reporters told by DM: 2 of 3" in r.text)
    card = h.fake.message_by_id(card.id)
    await until(lambda: field(h.fake.message_by_id(card.id), "Status") == "Resolved")
    card = h.fake.message_by_id(card.id)
    assert labels(card) == ["Platform outcome"]
    assert "Actioned" in field(card, "Outcome") and "Facebook removed the post." in field(card, "Outcome")
    assert len(cards(h, "R-0001")) == 1  # one card, edited in place, never re-posted

    for member in (w.alice, w.urdu):
        dms = h.fake.dms(member)
        assert len(dms) == 1 and "R-0001" in dms[0].content and "took action" in dms[0].content
        assert "Facebook removed the post." in dms[0].content
    assert h.fake.dms(w.closed) == []

    audit = await h.bot.app.store.reports.audit((await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)).id)
    assert [(a.action, a.from_status, a.to_status) for a in audit] == [
        ("open", None, "new"), ("status", "new", "triaging"), ("status", "triaging", "escalated"),
        ("platform_outcome", "escalated", "escalated"), ("status", "escalated", "resolved")]
    assert {a.actor_id for a in audit[1:]} == {w.moderator.id}


async def test_dismiss_needs_a_reason_and_tells_reporters(world) -> None:
    h = world
    w = h.world
    card = await reported_message(h, [w.alice, w.closed])
    r = await h.fake.click(w.moderator, card, "Dismiss")
    assert r.modal is not None and r.modal.fields[0]["required"]
    r = await h.fake.submit_modal(w.moderator, r, {"Reason (required)": "Satire page, clearly labelled"})
    assert r.error is None and r.type == 7
    await until(lambda: "Reporters told by DM: 1 of 2" in r.text)
    card = h.fake.message_by_id(card.id)
    assert field(card, "Status") == "Dismissed" and card.buttons == []
    assert "Satire page" in field(card, "Outcome")
    dm = h.fake.dms(w.alice)[0].content
    assert "closed without action" in dm and "Satire" not in dm  # the reason stays internal


async def test_escalation_outcome_recorded_after_resolution(world) -> None:
    h = world
    w = h.world
    r = await h.fake.slash(w.alice, "report", target="https://www.tiktok.com/@fake/video/123", category="scam_impersonation")
    await until(lambda: len(cards(h, "R-0001")) == 1)
    card = cards(h, "R-0001")[0]
    # Escalating straight from New claims the case first.
    r = await h.fake.click(w.moderator, card, "Escalate")
    r = await h.fake.select(w.moderator, r.message, ["TikTok"])
    r = await h.fake.submit_modal(w.moderator, r, {})
    assert "escalated to TikTok" in r.content
    r = await h.fake.click(w.moderator, card, "Resolve")
    r = await h.fake.select(w.moderator, r.message, ["actioned"])
    r = await h.fake.submit_modal(w.moderator, r, {})
    await until(lambda: "Reporters told by DM: 1 of 1" in r.text)
    # Weeks later TikTok answers.
    r = await h.fake.slash(w.moderator, "reports outcome", case="R-0001", result="restricted")
    assert r.error is None and "TikTok outcome is Restricted" in r.content
    await until(lambda: "Restricted" in field(h.fake.message_by_id(card.id), "Escalation"))
    case = await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)
    assert (case.status, case.escalation.outcome, case.claimed_by) == ("resolved", "restricted", w.moderator.id)
    r = await h.fake.slash(w.moderator, "reports stats")
    assert "TikTok: 100% (1 of 1 decided case; 1 case escalated)" in r.text


async def test_non_moderators_are_refused_everywhere(world) -> None:
    h = world
    w = h.world
    card = await reported_message(h, [w.urdu])
    for label in ("Claim", "Escalate", "Resolve", "Dismiss"):
        r = await h.fake.click(w.alice, card, label)
        assert r.ephemeral and "Only moderators" in r.content and r.modal is None, (label, r.text)
    for command, options in (("reports queue", {}), ("reports show", {"case": "R-0001"}),
                             ("reports stats", {}), ("reports export", {}),
                             ("reports outcome", {"case": "R-0001", "result": "removed"})):
        r = await h.fake.slash(w.alice, command, **options)
        assert r.ephemeral and "Only moderators" in r.content, (command, r.text)
    # Only admins reveal reporters, moderators included.
    r = await h.fake.slash(w.moderator, "reports show", case="R-0001", reveal=True)
    assert "Only admins" in r.content
    card = h.fake.message_by_id(card.id)
    assert field(card, "Status") == "New"
    audit = await h.bot.app.store.reports.audit((await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)).id)
    assert [a.action for a in audit] == ["open"]
    assert await h.fake.autocomplete(w.alice, "reports show", "case", "") == []


async def test_forged_and_stale_buttons_change_nothing(world) -> None:
    h = world
    w = h.world
    repo = h.bot.app.store.reports
    card = await reported_message(h, [w.alice])
    # A case of another server, and a message here carrying buttons that point at it.
    other = await repo.submit(intake_from_target(guild_id=424242, reporter_id=1, category="other",
                                                 target="https://example.net/x", now=h.bot.app.clock.now()),
                              now=h.bot.app.clock.now(), sla_hours=12)
    from cogs.reports.views import CaseButton

    view = discord.ui.View()
    view.add_item(CaseButton.make("claim", other.case_id, label="Claim"))
    view.add_item(CaseButton.make("dismiss", other.case_id, label="Dismiss"))
    channel = h.bot.get_partial_messageable(w.moderation.id, guild_id=w.guild.id)
    forged = await channel.send("forged", view=view)
    for label in ("Claim", "Dismiss"):
        r = await h.fake.click(w.moderator, forged.id, label)
        assert "belongs to another server" in r.content and r.modal is None
    assert (await repo.get(other.case_id)).status == "new"

    # A /reports show copy taken before the case was closed goes stale.
    shown = await h.fake.slash(w.moderator, "reports show", case="R-0001")
    assert labels(shown.message) == ["Claim", "Escalate", "Resolve", "Dismiss", "Ask reporters", "Internal note",
                            "Delete message", "Time out author", "Warn author"]
    r = await h.fake.click(w.moderator, card, "Dismiss")
    r = await h.fake.submit_modal(w.moderator, r, {"Reason (required)": "Duplicate of an older thread"})
    await until(lambda: "Reporters told by DM" in r.text)
    before = [(a.action, a.to_status) for a in await repo.audit((await repo.get_by_number(Community(DISCORD, w.guild.id), 1)).id)]
    for label in ("Claim", "Escalate", "Resolve", "Dismiss"):
        r = await h.fake.click(w.moderator, shown.message, label)
        assert "already closed" in r.text and r.modal is None, (label, r.text)
    after = [(a.action, a.to_status) for a in await repo.audit((await repo.get_by_number(Community(DISCORD, w.guild.id), 1)).id)]
    assert after == before
    assert len(h.fake.dms(w.alice)) == 1  # told once


async def test_show_and_admin_reveal_is_audited(world) -> None:
    h = world
    w = h.world
    await reported_message(h, [w.alice, w.urdu])
    r = await h.fake.slash(w.moderator, "reports show", case="R-0001")
    assert "R-0001" in r.text and "Audit log" in r.text
    assert str(w.alice.id) not in r.text and str(w.urdu.id) not in r.text
    r = await h.fake.slash(w.admin, "reports show", case="1", reveal=True)
    assert str(w.alice.id) in r.text and str(w.urdu.id) in r.text and "audit log" in r.text
    r = await h.fake.slash(w.moderator, "reports show", case="R-0001")
    assert "revealed the reporters" in r.text and str(w.admin.id) in r.text
    r = await h.fake.slash(w.moderator, "reports show", case="R-0099")
    assert "no case" in r.content
    choices = await h.fake.autocomplete(w.moderator, "reports show", "case", "1")
    assert choices.values == ["R-0001"]


async def test_queue_lists_open_cases_urgent_first(world) -> None:
    h = world
    w = h.world
    await h.fake.slash(w.alice, "report", target="https://example.org/a", category="misinformation")
    await h.fake.slash(w.alice, "report", target="https://example.org/b", category="violent_extremism")
    r = await h.fake.slash(w.moderator, "reports queue")
    text = r.text
    assert "2 cases" in text and text.index("R-0002") < text.index("R-0001") and "URGENT" in text
    r = await h.fake.slash(w.moderator, "reports queue", category="misinformation")
    assert "R-0001" in r.text and "R-0002" not in r.text
    r = await h.fake.slash(w.moderator, "reports queue", status="resolved")
    assert "No cases match" in r.text
