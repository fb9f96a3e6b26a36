"""/factcheck on Telegram: the guided publishing form from a misinformation case, correct, withdraw,
search/list/show for everyone, and "Close: answered by F-n" under a match notice; English and Urdu,
with the real aiogram bot against the fake Bot API, on both databases."""

from __future__ import annotations

import asyncio

from tests.telegram.reports_cases import prompted, replied, reported
from tests.telegram_harness import link_moderators


async def publish(tg, ref: str, verdict: str, summary: str, sources: str) -> tuple:  # type: ignore[no-untyped-def]
    """The moderator walks the guided form; (the confirmation message, its edited state after Publish)."""
    w = tg.world
    asked = await tg.answer(w.moderator, w.mods, f"/factcheck publish {ref}")
    assert ref in asked.content
    prompt = await prompted(tg, w.mods, w.moderator, asked, verdict)
    assert verdict in asked.content  # the question now shows the choice, without buttons
    sources_prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: bool(m.force_reply), timeout=10))
    w.moderator.reply(prompt, summary)
    sources_prompt = await sources_prompt_wait
    confirm = await replied(tg, w.mods, w.moderator, sources_prompt, sources)
    return asked, confirm


async def test_publish_from_a_case_with_the_guided_form_then_read_correct_and_withdraw(tg) -> None:
    w = tg.world
    _bad, card = await reported(tg, author=w.sara, reporter=w.ali, text="ECP: polling moved to the 31st https://bit.ly/Vote-31st")
    asked, confirm = await publish(tg, "R-0001", "False",
                                   "Polling is on the 8th. **not bold** [click](https://evil.example) <b>x</b>",
                                   "https://ecp.gov.pk/notice")
    # Hostile text is shown as it was typed: no bold, no link, no HTML.
    assert "**not bold** [click](https://evil.example) <b>x</b>" in confirm.content
    assert not confirm.entities_of("text_link") and "Publish" in confirm.button_texts
    dm_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "F-1" in m.content, timeout=10))
    answer = await w.moderator.press(confirm, "Publish")
    assert not answer.show_alert
    assert "F-1" in confirm.content and "R-0001" in confirm.content and not confirm.buttons
    told = await dm_wait
    assert "False" in told.content
    # Once per case.
    again = await tg.answer(w.moderator, w.mods, "/factcheck publish R-0001")
    assert "already" in again.content and not again.buttons

    # Everyone in the group reads it.
    shown = await tg.answer(w.ali, w.group, "/factcheck show F-1")
    assert "F-1" in shown.content and "Polling is on the 8th" in shown.content and "ecp.gov.pk" in shown.content
    assert "F-1" in (await tg.answer(w.ali, w.group, "/factcheck list false")).content
    assert "F-1" not in (await tg.answer(w.ali, w.group, "/factcheck list true")).content
    assert "F-1" in (await tg.answer(w.ali, w.group, "/factcheck search polling")).content
    bad_verdict = await tg.answer(w.ali, w.group, "/factcheck list maybe")
    assert "maybe" in bad_verdict.content and "F-1" not in bad_verdict.content
    usage = await tg.answer(w.ali, w.group, "/factcheck")
    assert "/factcheck search" in usage.content
    # Members cannot publish, correct or withdraw.
    refused = await tg.answer(w.ali, w.group, "/factcheck withdraw F-1 because")
    assert "Only moderators" in refused.content
    assert "Only moderators" in (await tg.answer(w.ali, w.group, "/factcheck publish R-0001")).content

    # A correction is visible and told; a withdrawal too.
    dm_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "F-1" in m.content and m is not told, timeout=10))
    corrected = await tg.answer(w.moderator, w.mods, "/factcheck correct F-1 misleading The 8th, for most districts")
    assert "F-1" in corrected.content and "The 8th, for most districts" in corrected.content
    assert "Misleading" in corrected.content
    await dm_wait
    withdrawn = await tg.answer(w.moderator, w.mods, "/factcheck withdraw F-1 The notice was itself fake")
    assert "F-1" in withdrawn.content and "The notice was itself fake" in withdrawn.content


async def test_bad_input_in_the_form_is_refused_and_only_the_starter_can_press(tg) -> None:
    w = tg.world
    await reported(tg, author=w.sara, reporter=w.ali, text="Fake", category="Scam or impersonation")
    not_misinfo = await tg.answer(w.moderator, w.mods, "/factcheck publish R-0001")
    assert "R-0001" in not_misinfo.content and not not_misinfo.buttons
    missing = await tg.answer(w.moderator, w.mods, "/factcheck publish R-0077")
    assert "R-0077" in missing.content and not missing.buttons

    bad = w.sara.send(w.group, "Voting by SMS to 8300 https://bit.ly/sms-vote")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: bool(m.buttons), timeout=10))
    w.zainab.reply(bad, "/report")
    await w.zainab.press(await picker_wait, "Misinformation")
    asked = await tg.answer(w.moderator, w.mods, "/factcheck publish R-0002")
    # Another moderator's press on this form changes nothing.
    other = tg.fake.create_user("Bilal", started=True)
    w.mods.add_member(other)
    refused = await other.press(asked, "True")
    assert refused.show_alert and asked.button_texts and "True" in asked.button_texts
    prompt = await prompted(tg, w.mods, w.moderator, asked, "Unverified")
    too_long = await replied(tg, w.mods, w.moderator, prompt, "x" * 1600)
    assert "1500" in too_long.content and not too_long.force_reply
    # The form is still at the summary: a shorter one is taken.
    sources_prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: bool(m.force_reply), timeout=10))
    w.moderator.reply(prompt, "Not confirmed by the ECP")
    sources_prompt = await sources_prompt_wait
    bad_sources = await replied(tg, w.mods, w.moderator, sources_prompt, "https://a.example https://b.example https://c.example https://d.example https://e.example https://f.example")
    assert "5" in bad_sources.content and not bad_sources.buttons
    confirm = await replied(tg, w.mods, w.moderator, sources_prompt, "-")
    assert "Sources: none" in confirm.content
    await w.moderator.press(confirm, "Cancel")
    assert "nothing was published" in confirm.content
    listing = await tg.answer(w.ali, w.group, "/factcheck list")
    assert "F-1" not in listing.content


async def test_a_report_matching_a_fact_check_is_closed_in_one_press_in_urdu(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    await tg.command(w.admin, w.group, "/setup language ur")
    await reported(tg, author=w.sara, reporter=w.ali, text="https://bit.ly/Vote-31st", category="غلط معلومات",
                   link=False)
    usage = await tg.answer(w.moderator, w.mods, "/factcheck")
    assert "ماڈریٹر" in usage.content
    asked = await tg.answer(w.moderator, w.mods, "/factcheck publish R-0001")
    assert "فیصلہ" in asked.content
    prompt = await prompted(tg, w.mods, w.moderator, asked, "غلط")
    sources_prompt_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: bool(m.force_reply), timeout=10))
    w.moderator.reply(prompt, "پولنگ 8 تاریخ کو ہے")
    sources_prompt = await sources_prompt_wait
    assert "ماخذ" in sources_prompt.content
    confirm = await replied(tg, w.mods, w.moderator, sources_prompt, "-")
    await w.moderator.press(confirm, "شائع کریں")
    assert "F-1" in confirm.content

    # The same link reported again joins the case; the verdict comes with the confirmation and the
    # moderators get a notice with the one-press close.
    notice_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: any("F-1" in b for b in m.button_texts), timeout=10))
    bad = w.ali.send(w.group, "https://bit.ly/Vote-31st")
    picker_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: bool(m.buttons), timeout=10))
    w.zainab.reply(bad, "/report")
    picker = await picker_wait
    await w.zainab.press(picker, "غلط معلومات")
    assert "F-1" in picker.content and "غلط" in picker.content
    notice = await notice_wait
    outcome_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: "R-0001" in m.content and m is not picker, timeout=10))
    button = next(b for b in notice.button_texts if "F-1" in b)
    answer = await w.moderator.press(notice, button)
    assert not answer.show_alert and "R-0001" in notice.content and "F-1" in notice.content and not notice.buttons
    await outcome_wait
