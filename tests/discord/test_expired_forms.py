"""Forms held in memory (the report category picker, reason forms) are forgotten by a restart; using
one afterwards gets a clear message instead of Discord's "This interaction failed"."""

from __future__ import annotations

from bot.i18n import t


async def test_report_form_after_a_restart_says_it_expired(world) -> None:
    h, w = world, world.world
    post = await h.fake.post_message(w.bob, w.general, "a rumour to report")
    picker = await h.fake.context_menu(w.alice, "Report message", post)
    assert picker.error is None and picker.modal is not None
    await h.restart_bot()
    late = await h.fake.submit_modal(w.alice, picker, {"category": ["misinformation"]})
    assert late.error is None and late.ephemeral
    assert late.text.strip() == t("en", "reports.form_expired")
    from bot.domain.identity import DISCORD, Community
    assert await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1) is None  # nothing was filed


async def test_a_live_report_form_still_works_and_only_once(world) -> None:
    h, w = world, world.world
    post = await h.fake.post_message(w.bob, w.general, "another rumour")
    picker = await h.fake.context_menu(w.alice, "Report message", post)
    done = await h.fake.submit_modal(w.alice, picker, {"category": ["misinformation"]})
    assert "R-0001" in done.text


async def test_reason_form_after_a_restart_says_it_expired(world) -> None:
    h, w = world, world.world
    await h.fake.slash(w.alice, "report", target="https://example.org/hoax", category="other")
    card = await h.fake.wait_for_message(w.moderation, include_existing=True,
                                         predicate=lambda m: any("R-0001" in (e.get("title") or "") for e in m.embeds))
    form = await h.fake.click(w.moderator, card, "Dismiss")
    assert form.modal is not None
    await h.restart_bot()
    late = await h.fake.submit_modal(w.moderator, form, {"value": "spam"})
    assert late.error is None and late.text.strip() == t("en", "common.form_expired")
    from bot.domain.identity import DISCORD, Community
    assert (await h.bot.app.store.reports.get_by_number(Community(DISCORD, w.guild.id), 1)).status == "new"
