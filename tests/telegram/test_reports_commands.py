"""The moderators' report commands on Telegram (/reports_queue, _show, _stats, _export) and
/my_reports, with the real aiogram bot against the fake Bot API, on both databases."""

from __future__ import annotations

import asyncio
import csv
import io

from tests.telegram.reports_cases import prompted, replied, reported
from tests.telegram_harness import until


async def test_queue_show_stats_and_export_in_the_moderators_group(tg) -> None:
    w = tg.world
    bad, card = await reported(tg, author=w.sara, reporter=w.ali, text="Vote on the 31st <b>not</b> the 8th")
    queue = await tg.answer(w.moderator, w.mods, "/reports_queue")
    assert "R-0001" in queue.content
    assert "R-0001" in (await tg.answer(w.moderator, w.mods, "/reports_queue new misinformation")).content
    empty = await tg.answer(w.moderator, w.mods, "/reports_queue resolved")
    assert "R-0001" not in empty.content
    refused = await tg.answer(w.moderator, w.mods, "/reports_queue bogus")
    assert "bogus" in refused.content and "misinformation" in refused.content and "R-0001" not in refused.content
    hostile = await tg.answer(w.moderator, w.mods, "/reports_queue x`[click](https://evil.example)")
    assert "[click](https://evil.example)" in hostile.content and not hostile.entities_of("text_link")

    # The community's group is not the place: every member would read the cases.
    elsewhere = await tg.answer(w.moderator, w.group, "/reports_queue")
    assert "moderators' group" in elsewhere.content and "R-0001" not in elsewhere.content

    shown = await tg.answer(w.moderator, w.mods, "/reports_show R-0001")
    assert "R-0001" in shown.content and "Vote on the 31st <b>not</b> the 8th" in shown.content
    assert "Ali" not in shown.content and "Claim" in shown.button_texts
    # The copy's buttons act on the case: Claim there updates the card in the group too.
    await w.moderator.press(shown, "Claim")
    await until(lambda: "Claim" not in card.button_texts)
    missing = await tg.answer(w.moderator, w.mods, "/reports_show R-0042")
    assert "R-0042" in missing.content
    usage = await tg.answer(w.moderator, w.mods, "/reports_show")
    assert "/reports_show R-12" in usage.content
    # Revealing who reported is for the community's admins only (and audited).
    not_admin = await tg.answer(w.moderator, w.mods, "/reports_show R-0001 reveal")
    assert "Ali" not in not_admin.content and "admin" in not_admin.content.lower()

    stats = await tg.answer(w.moderator, w.mods, "/reports_stats 7")
    assert "7" in stats.content and stats.document is None
    bad_days = await tg.answer(w.moderator, w.mods, "/reports_stats 0")
    assert "3650" in bad_days.content and bad_days.document is None

    export = await tg.answer(w.moderator, w.mods, "/reports_export")
    assert export.document is not None and export.document.file_name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(export.document.data.decode("utf-8-sig"))))
    assert any("R-0001" in row for row in rows) and str(w.ali.id) not in export.document.data.decode("utf-8-sig")
    as_json = await tg.answer(w.moderator, w.mods, "/reports_export json 7d")
    assert as_json.document.file_name.endswith(".json") and b"R-0001" in as_json.document.data
    bad_since = await tg.answer(w.moderator, w.mods, "/reports_export csv yesterday-ish")
    assert bad_since.document is None and "yesterday-ish" in bad_since.content


async def test_moderators_commands_in_urdu(tg) -> None:
    w = tg.world
    await reported(tg, author=w.sara, reporter=w.ali, text="جعلی خبر")
    await tg.command(w.admin, w.group, "/setup language ur")
    queue = await tg.answer(w.moderator, w.mods, "/reports_queue")
    assert "R-0001" in queue.content
    refused = await tg.answer(w.moderator, w.mods, "/reports_queue bogus")
    assert "نہ صورتِ حال ہے نہ زمرہ" in refused.content
    elsewhere = await tg.answer(w.moderator, w.group, "/reports_stats")
    assert "ماڈریٹروں کے گروپ" in elsewhere.content


async def test_my_reports_lists_a_members_own_reports_privately_and_reply_reaches_the_moderators(tg) -> None:
    w = tg.world
    await reported(tg, author=w.sara, reporter=w.ali, text="Free laptops, send your CNIC", category="Scam or impersonation")
    # In the group the command only points to the private chat.
    public = await tg.answer(w.ali, w.group, "/my_reports")
    assert "R-0001" not in public.content and "t.me/" in public.content
    mine = await tg.answer(w.ali, w.ali, "/my_reports")
    assert "R-0001" in mine.content
    reply_button = next(b for b in mine.button_texts if "R-0001" in b)
    prompt = await prompted(tg, w.ali, w.ali, mine, reply_button)
    entry_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.mods, lambda m: "Reporter 1" in m.content, timeout=10))
    done = await replied(tg, w.ali, w.ali, prompt, "It came from +92 300 0000000 <script>")
    assert "R-0001" in done.content
    entry = await entry_wait
    assert "It came from +92 300 0000000 <script>" in entry.content and "Ali" not in entry.content
    # Another member cannot reply on a case they did not report.
    others = await tg.answer(w.zainab, w.zainab, "/my_reports")
    assert "R-0001" not in others.content and not others.buttons


async def test_saved_replies_start_a_question_a_warning_or_a_dismissal(tg) -> None:
    w = tg.world
    _bad, card = await reported(tg, author=w.organiser, reporter=w.ali, text="Win a phone, DM me",
                                category="Scam or impersonation")
    added = await tg.answer(w.moderator, w.mods, "/reports_snippet add need-link Please send us the link to the post.")
    assert "need-link" in added.content
    assert "need-link" in (await tg.answer(w.moderator, w.mods, "/reports_snippet list")).content
    usage = await tg.answer(w.moderator, w.mods, "/reports_snippet add")
    assert "/reports_snippet add need-link" in usage.content
    elsewhere = await tg.answer(w.moderator, w.group, "/reports_snippet list")
    assert "moderators' group" in elsewhere.content

    prompt = await prompted(tg, w.mods, w.moderator, card, "Ask reporters")
    assert "#need-link" in prompt.content
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "R-0001" in m.content, timeout=10))
    await replied(tg, w.mods, w.moderator, prompt, "#need-link And a screenshot, if you can.")
    question = await question_wait
    assert "Please send us the link to the post." in question.content and "And a screenshot" in question.content
    assert "#need-link" not in question.content

    # An unknown #word is just text.
    prompt = await prompted(tg, w.mods, w.moderator, card, "Ask reporters")
    question_wait = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "#1 question" in m.content, timeout=10))
    await replied(tg, w.mods, w.moderator, prompt, "#1 question: when?")
    await question_wait

    # Dismissing with a saved reply: the reason is the snippet and what follows.
    prompt = await prompted(tg, w.mods, w.moderator, card, "Dismiss")
    assert "#need-link" in prompt.content
    await replied(tg, w.mods, w.moderator, prompt, "#need-link No link came.")
    await tg.idle()
    await until(lambda: "Dismiss" not in card.button_texts)
    assert "Please send us the link to the post." in card.content and "No link came." in card.content

    removed = await tg.answer(w.moderator, w.mods, "/reports_snippet remove need-link")
    assert "need-link" in removed.content
    gone = await tg.answer(w.moderator, w.mods, "/reports_snippet remove need-link")
    assert "need-link" in gone.content and gone.content != removed.content
