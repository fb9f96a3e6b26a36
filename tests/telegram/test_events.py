"""Events on Telegram with the real aiogram front end against the fake Bot API."""

from __future__ import annotations

import asyncio

from bot.i18n import t
from tests.telegram_harness import until


async def announce(tg, text: str, user=None):  # type: ignore[no-untyped-def]
    w = tg.world
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: m.reply_to is not None, timeout=10))
    (user or w.admin).send(w.group, text)
    reply = await waiter
    announcement = next((m for m in tg.fake.bot_messages(w.group) if t("en", "button.going") in m.button_texts or t("ur", "button.going") in m.button_texts), None)
    return reply, announcement


async def test_one_line_event_is_announced_and_answered_with_toasts(tg) -> None:
    w = tg.world
    await tg.setup_group()
    reply, ann = await announce(tg, "/event Chai & <b>code</b> | kal shaam 6 baje | 2h | Lahore | 2")
    assert "Chai & <b>code</b>" in reply.text and "announced" in reply.text
    assert ann.button_texts == ["Going", "Maybe", "Can't go", "Add to calendar"]
    assert "Chai & <b>code</b>" in ann.text  # escaped: shown literally, not as formatting
    assert "Lahore" in ann.text and "0/2" in ann.text
    assert "18:00" in ann.text  # written out in the community's zone (Asia/Karachi)

    answer = await w.ali.press(ann, "Going")
    assert "going" in answer.text.lower() and "**" not in answer.text
    answer = await w.zainab.press(ann, "Going")
    assert "going" in answer.text.lower()
    answer = await w.organiser.press(ann, "Going")
    assert "waitlist" in answer.text and "1" in answer.text
    await tg.idle()
    await until(lambda: "2/2" in ann.text)
    assert "Waitlist: 1" in ann.text

    # Ali leaves: Omar is promoted and told privately.
    await w.ali.press(ann, "Can't go")
    dm = await tg.fake.wait_for_message(w.organiser, timeout=10)
    assert "Chai" in dm.text


async def test_member_who_never_started_the_bot_is_told_how_to_get_reminders(tg) -> None:
    w = tg.world
    await tg.setup_group()
    _, ann = await announce(tg, "/event Meetup | tomorrow 6pm")
    answer = await w.sara.press(ann, "Going")
    assert "going" in answer.text.lower() and "Start me privately" in answer.text
    # Add to calendar cannot be sent to her: the press opens the start link that sends it.
    answer = await w.sara.press(ann, "Add to calendar")
    assert answer.url and answer.url.startswith(f"https://t.me/{tg.fake.bot_username}?start=ev")
    assert tg.fake.private_messages(w.sara) == []
    payload = answer.url.split("start=")[1]
    w.sara.start_bot(payload)
    doc = await tg.fake.wait_for_message(w.sara, lambda m: m.document is not None, timeout=10)
    assert doc.document.file_name.endswith(".ics") and b"BEGIN:VCALENDAR" in doc.document.data
    # Now she can be reached: Add to calendar comes privately, and Going no longer asks her to start.
    answer = await w.sara.press(ann, "Add to calendar")
    assert "privately" in answer.text
    answer = await w.sara.press(ann, "Going")
    assert "going" in answer.text.lower() and "Start me privately" not in answer.text


async def test_a_private_message_that_arrives_shows_the_member_can_be_reminded(tg) -> None:
    w = tg.world
    await tg.setup_group()
    _, ann = await announce(tg, "/event Meetup | tomorrow 6pm")
    # Ali can be messaged but never wrote to the bot: not known yet, so he is asked to start it.
    answer = await w.ali.press(ann, "Going")
    assert "Start me privately" in answer.text
    answer = await w.ali.press(ann, "Add to calendar")
    assert "privately" in answer.text
    assert any(m.document is not None for m in tg.fake.private_messages(w.ali))
    answer = await w.ali.press(ann, "Maybe")
    assert "maybe" in answer.text.lower() and "Start me privately" not in answer.text


async def test_non_organiser_is_refused_and_nothing_is_announced(tg) -> None:
    w = tg.world
    await tg.setup_group()
    reply = await tg.command(w.ali, w.group, "/event Party | tomorrow 6pm")
    assert "organiser" in reply.text.lower() and "/organiser add" in reply.text
    assert not any("Going" in m.button_texts for m in tg.fake.bot_messages(w.group))
    await tg.name_organiser(w.ali)
    reply, ann = await announce(tg, "/event Party | tomorrow 6pm", w.ali)
    assert "announced" in reply.text and "Ali" in ann.text


async def test_bad_input_gets_a_clear_message(tg) -> None:
    w = tg.world
    await tg.setup_group()
    reply = await tg.command(w.admin, w.group, "/event Party | yesterday 6pm")
    assert "past" in reply.text
    reply = await tg.command(w.admin, w.group, "/event Party | tomorrow 6pm | 2h | here | lots")
    assert "`lots`" not in reply.text and "lots" in reply.text and "number" in reply.text
    reply = await tg.command(w.admin, w.group, "/event a | b | c | d | e | f")
    assert "five parts" in reply.text
    assert not any("Going" in m.button_texts for m in tg.fake.bot_messages(w.group))


async def test_guided_form_survives_a_restart_and_announces(tg) -> None:
    w = tg.world
    await tg.setup_group()
    q = await tg.command(w.admin, w.group, "/event")
    assert q.force_reply and "called" in q.text
    nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
    w.admin.reply(q, "Guided <i>meetup</i>")
    q = await nxt
    assert "When" in q.text
    await tg.restart_bot()  # the form is in the database
    for answer in ("kal shaam 6 baje", "90m", "Liberty Books", "10", "-"):
        nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
        w.admin.reply(q, answer)
        q = await nxt
    assert "Announce this event?" in q.text and "Guided <i>meetup</i>" in q.text and "18:00" in q.text
    # Someone else cannot confirm another member's form.
    refused = await w.ali.press(q, "Announce")
    assert "no longer exists" in refused.text
    done = await w.admin.press(q, "Announce")
    assert "announced" in done.text
    ann = await tg.fake.wait_for_message(w.group, lambda m: "Going" in m.button_texts, include_existing=True)
    assert "Guided <i>meetup</i>" in ann.text and "0/10" in ann.text and "Liberty Books" in ann.text


async def test_guided_form_expires_after_15_minutes(tg, monkeypatch) -> None:
    from datetime import timedelta

    from bot.app import telegram as tgapp

    w = tg.world
    await tg.setup_group()
    monkeypatch.setattr(tgapp, "FORM_TTL", timedelta(seconds=-1))  # every form already expired
    q = await tg.command(w.admin, w.group, "/event")
    nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
    w.admin.reply(q, "Too late")
    answer = await nxt
    assert "expired" in answer.text


async def test_my_in_private_lists_events_and_sends_the_calendar(tg) -> None:
    w = tg.world
    await tg.setup_group()
    _, ann = await announce(tg, "/event Workshop | tomorrow 6pm")
    await w.ali.press(ann, "Going")
    reply = await tg.command(w.ali, w.group, "/my")
    assert "private" in reply.text and "start=my" in reply.text
    waiter = asyncio.ensure_future(tg.fake.wait_for_messages(w.ali, 2, timeout=10))
    w.ali.dm("/my")
    msgs = await waiter
    assert "Workshop" in msgs[0].text
    assert msgs[1].document is not None and msgs[1].document.file_name == "my-events.ics"
    assert b"Workshop" in msgs[1].document.data


async def test_urdu_group(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    reply, ann = await announce(tg, "/event چائے پر گپ شپ | کل شام 6 بجے | 2h | لاہور")
    assert "چائے پر گپ شپ" in ann.text and "لاہور" in ann.text
    assert ann.button_texts[0] == t("ur", "button.going")
    assert any(month in ann.text for month in ("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی",
                                                "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"))
    answer = await w.zainab.press(ann, t("ur", "button.going"))
    assert "چائے پر گپ شپ" in answer.text


async def test_reminder_goes_by_private_message_and_the_unreachable_are_counted(tmp_path, tg_store) -> None:
    from datetime import datetime, timezone

    from bot.domain.clock import FixedClock
    from tests.manual_scheduler import ManualScheduler
    from tests.telegram_harness import TgHarness

    clock = FixedClock(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))
    scheduler = ManualScheduler()
    tg = await TgHarness(tmp_path, clock=clock, scheduler=scheduler, store_factory=tg_store).start()
    try:
        w = tg.world
        await tg.setup_group(reminders="1h")
        _, ann = await announce(tg, "/event Soon | 2026-12-01 18:00")  # 13:00 UTC
        await w.ali.press(ann, "Going")
        await w.sara.press(ann, "Going")
        await tg.idle()
        clock.advance(hours=3, minutes=1)
        assert await scheduler.run_due(clock.now()) == 1
        await tg.idle()
        dm = await tg.fake.wait_for_message(w.ali, lambda m: "Soon" in m.text, timeout=10, include_existing=True)
        assert "Soon" in dm.text and "18:00" in dm.text  # written out in Pakistan time
        assert tg.fake.private_messages(w.sara) == []  # never started the bot
        statuses = {m.id: s for m, _, s in await tg.app.store.events.reminder_statuses(ann_event_id(ann))}
        assert statuses == {w.ali.id: "sent", w.sara.id: "dm_closed"}
        # She is remembered as unreachable: the next private message is not even attempted.
        refused = len(tg.fake.failed_requests())
        from bot.domain.identity import TELEGRAM, Member
        from bot.ports.messaging import Delivery, Message
        assert await tg.app.messenger.dm(Member(TELEGRAM, w.sara.id), Message(text="x")) is Delivery.CLOSED
        assert len(tg.fake.failed_requests()) == refused
        # Once she starts the bot she is reachable again.
        w.sara.start_bot()
        await tg.fake.wait_for_message(w.sara, timeout=10)
        assert await tg.app.messenger.dm(Member(TELEGRAM, w.sara.id), Message(text="hello **Sara**")) is Delivery.DELIVERED
    finally:
        await tg.close()


def ann_event_id(ann) -> int:  # type: ignore[no-untyped-def]
    import re

    return int(re.search(r"Event #(\d+)", ann.text).group(1))


async def test_organiser_sees_attendees_and_who_cannot_be_reminded(tg) -> None:
    w = tg.world
    await tg.setup_group()
    w.ali.start_bot()  # known to be reachable from now on
    await tg.fake.wait_for_message(w.ali, timeout=10)
    _, ann = await announce(tg, "/event Hall talk | tomorrow 6pm")
    assert "times in Asia/Karachi" in ann.text and "your own zone" not in ann.text
    await w.ali.press(ann, "Going")
    await w.sara.press(ann, "Going")
    event_id = ann_event_id(ann)
    refused = await tg.answer(w.ali, w.group, f"/attendees {event_id}")
    assert "organiser" in refused.text.lower()
    waiter = asyncio.ensure_future(tg.fake.wait_for_messages(w.group, 1, timeout=10, predicate=lambda m: m.document is not None))
    reply = await tg.answer(w.admin, w.group, f"/attendees {event_id}")
    assert "Reminders may not reach 1 member who answered" in reply.content and "Ali" in reply.content and "Sara" in reply.content
    doc = (await waiter)[0]
    assert doc.document.file_name.endswith(".csv") and b"Sara" in doc.document.data
