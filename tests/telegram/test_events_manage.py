"""Organisers edit and cancel events from Telegram (with a scope for repeating events), members check
in, organisers read figures, and private messages use the member's own zone: the real aiogram front
end against the fake Bot API."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone

from bot.domain.identity import TELEGRAM
from bot.domain.roles import Actor
from bot.i18n import t
from tests.telegram.test_events import ann_event_id, announce
from tests.telegram_harness import TgHarness, until


def dms(tg, user, word: str):  # type: ignore[no-untyped-def]
    return [m for m in tg.fake.private_messages(user) if word in m.text]


async def test_edit_and_cancel_update_the_announcement_and_tell_each_member_once(tg) -> None:
    w = tg.world
    await tg.setup_group()
    _, ann = await announce(tg, "/event Chai | tomorrow 6pm | 2h | Lahore | 5")
    event_id = ann_event_id(ann)
    await w.ali.press(ann, "Going")
    await w.zainab.press(ann, "Maybe")

    refused = await tg.answer(w.ali, w.group, f"/event_edit {event_id} capacity 10")
    assert "organiser" in refused.text.lower()
    usage = await tg.answer(w.admin, w.group, f"/event_edit {event_id} colour red")
    assert "/event_edit 12 when" in usage.text
    unknown = await tg.answer(w.admin, w.group, "/event_edit 99999 title Other")
    assert "no event 99999 in this group" in unknown.text
    bad = await tg.answer(w.admin, w.group, f"/event_edit {event_id} capacity lots")
    assert "lots" in bad.text and "number" in bad.text

    done = await tg.answer(w.admin, w.group, f"/event_edit #{event_id} when tomorrow 7pm | capacity 10 | location Liberty <b>Books</b>")
    assert "Chai" in done.text and "updated" in done.text and "2 members told" in done.text
    await tg.idle()
    await until(lambda: "19:00" in ann.text and "1/10" in ann.text and "Liberty <b>Books</b>" in ann.text)
    assert ann.button_texts == ["Going", "Maybe", "Can't go", "Add to calendar"]
    # Each member who answered is told once, privately, what changed.
    await until(lambda: len(dms(tg, w.ali, "has changed")) == 1 and len(dms(tg, w.zainab, "has changed")) == 1)
    told = dms(tg, w.ali, "has changed")[0].text
    assert "18:00" in told and "19:00" in told and "Liberty <b>Books</b>" in told

    nothing = await tg.answer(w.admin, w.group, f"/event_edit {event_id} capacity 10")
    assert "Nothing to change" in nothing.text

    done = await tg.answer(w.admin, w.group, f"/event_cancel {event_id} Rain <i>expected</i>")
    assert "cancelled" in done.text and "2 members told" in done.text
    await tg.idle()
    await until(lambda: "CANCELLED" in ann.text.upper() and not ann.buttons)
    assert "Rain <i>expected</i>" in ann.text
    await until(lambda: len(dms(tg, w.ali, "cancelled")) == 1 and len(dms(tg, w.zainab, "cancelled")) == 1)
    assert "Rain <i>expected</i>" in dms(tg, w.ali, "cancelled")[0].text
    again = await tg.answer(w.admin, w.group, f"/event_cancel {event_id}")
    assert "cancelled" in again.text.lower()
    await tg.idle()
    assert len(dms(tg, w.ali, "cancelled")) == 1  # nothing sent twice


async def test_urdu_group_edit(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    _, ann = await announce(tg, "/event چائے | کل شام 6 بجے | 2h | لاہور")
    event_id = ann_event_id_any(ann)
    await w.zainab.press(ann, t("ur", "button.going"))
    usage = await tg.answer(w.admin, w.group, f"/event_edit {event_id}")
    assert "تقریب کا نمبر لکھیں" in usage.text
    done = await tg.answer(w.admin, w.group, f"/event_edit {event_id} title چائے اور گپ شپ")
    assert "چائے اور گپ شپ" in done.text
    await tg.idle()
    await until(lambda: "چائے اور گپ شپ" in ann.text)
    await until(lambda: any("چائے اور گپ شپ" in m.text for m in tg.fake.private_messages(w.zainab)))


def ann_event_id_any(ann) -> int:  # type: ignore[no-untyped-def]
    return int(re.search(r"#(\d+)", ann.text).group(1))


async def _series(tg, title: str = "Weekly chai") -> list[int]:  # type: ignore[no-untyped-def]
    """A weekly series of three dates announced in the group (Telegram has no repeat form yet: the
    app creates it as the group's admin would)."""
    w = tg.world
    admin = Actor(user_id=w.admin.id, guild_id=w.group.id, administrator=True, manage_guild=True,
                  manage_events=True, display_name="Ayesha", platform=TELEGRAM)
    await tg.app.series.create(admin, title=title, when="tomorrow 6pm", repeat="weekly", count=3)
    rows = await tg.app.store.series.occurrences((await tg.app.events.resolve(admin, title)).series_id)
    return [e.id for e in rows]


async def test_series_scope_is_asked_with_buttons(tg) -> None:
    w = tg.world
    await tg.setup_group()
    ids = await _series(tg)
    ann = await tg.fake.wait_for_message(w.group, lambda m: "Going" in m.button_texts, include_existing=True)
    assert f"#{ids[0]}" in ann.text
    await w.ali.press(ann, "Going")

    question = await tg.answer(w.admin, w.group, f"/event_edit {ids[0]} title Weekly chai & code")
    assert "repeating" in question.text and question.button_texts == ["This date", "This and following",
                                                                       "All dates to come"]
    refused = await w.ali.press(question, "All dates to come")
    assert "no longer exists" in refused.text
    await tg.restart_bot()  # the pending change waits in the database
    answer = await w.admin.press(question, "All dates to come")
    assert "3 dates changed" in answer.text
    await until(lambda: "3 dates changed" in question.text and not question.buttons)
    await tg.idle()
    await until(lambda: "Weekly chai & code" in ann.text)
    titles = {e.title for e in [await tg.app.store.events.get(i) for i in ids]}
    assert titles == {"Weekly chai & code"}
    await until(lambda: len(dms(tg, w.ali, "for 1 date you answered")) == 1)  # told once
    await tg.idle()
    assert len(tg.fake.private_messages(w.ali)) == 1

    older = await tg.answer(w.admin, w.group, f"/event_edit {ids[1]} location Old place")
    question = await tg.answer(w.admin, w.group, f"/event_cancel {ids[1]} Eid holiday")
    assert "cancelled" in question.text and "This date" in question.button_texts
    # The older question's buttons no longer apply (its change was replaced by the newer one).
    stale = await w.admin.press(older, "This date")
    assert "expired" in stale.text
    answer = await w.admin.press(question, "This date")
    assert "cancelled" in answer.text.lower()
    await tg.idle()
    states = {i: (await tg.app.store.events.get(i)).cancelled for i in ids}
    assert states == {ids[0]: False, ids[1]: True, ids[2]: False}
    assert (await tg.app.store.events.get(ids[1])).location != "Old place"

    # A change refused once the dates are chosen: the question becomes the refusal, nothing changes.
    question = await tg.answer(w.admin, w.group, f"/event_edit {ids[2]} when yesterday 6pm")
    refused = await w.admin.press(question, "This and following")
    assert "past" in refused.text
    await until(lambda: "past" in question.text and not question.buttons)
    assert (await tg.app.store.events.get(ids[2])).starts_at > datetime.now(timezone.utc)


async def test_check_in_with_the_button_and_with_a_code_late_marked(tmp_path, tg_store) -> None:
    from bot.domain.clock import FixedClock
    from tests.manual_scheduler import ManualScheduler

    clock = FixedClock(datetime(2026, 12, 1, 12, 50, tzinfo=timezone.utc))  # 17:50 in Karachi
    scheduler = ManualScheduler()
    tg = await TgHarness(tmp_path, clock=clock, scheduler=scheduler, store_factory=tg_store).start()
    try:
        w = tg.world
        await tg.setup_group()
        _, ann = await announce(tg, "/event Standup | 2026-12-01 18:00 | 1h")
        event_id = ann_event_id(ann)
        # Check-in is open (30 minutes before the start): the announcement shows the button.
        assert "Check in" in ann.button_texts
        await w.ali.press(ann, "Going")
        await w.zainab.press(ann, "Maybe")
        done = await w.ali.press(ann, "Check in")
        assert "checked in to Standup" in done.text and "late" not in done.text
        again = await w.ali.press(ann, "Check in")
        assert "already checked in" in again.text
        refused = await w.organiser.press(ann, "Check in")
        assert "Going or Maybe" in refused.text

        # The organiser's code goes privately, never in the group. After the start, a check-in with
        # the code is marked late; privately it counts for the group the member last used.
        clock.advance(minutes=15)
        refused = await tg.answer(w.ali, w.group, f"/event_checkin_code {event_id}")
        assert "organiser" in refused.text.lower()
        sent = await tg.answer(w.admin, w.group, f"/event_checkin_code {event_id}")
        assert "private chat" in sent.text
        code_dm = await tg.fake.wait_for_message(w.admin, lambda m: "Check-in code" in m.text, include_existing=True)
        code = re.search(r"\b(\d{6})\b", code_dm.text).group(1)
        assert code not in "".join(m.text for m in tg.fake.chat_messages(w.group) if m.from_bot)

        wrong = await tg.answer(w.zainab, w.group, "/checkin 000000")
        assert "not a check-in code" in wrong.text
        waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: "checked in" in m.text, timeout=10))
        w.zainab.dm(f"/checkin {code}")
        late = await waiter
        assert "marked late" in late.text

        # Figures name members: like Discord's private replies, they go to the organiser privately
        # and the group only reads a one-line note.
        note = await tg.answer(w.admin, w.group, f"/event_stats {event_id}")
        assert note.text == "Sent to you in a private chat."
        stats = await tg.fake.wait_for_message(w.admin, lambda m: "Attendance: Standup" in m.text,
                                               include_existing=True, timeout=10)
        assert "2 (1 late)" in stats.text
        refused = await tg.answer(w.ali, w.group, f"/event_stats {event_id}")
        assert "organiser" in refused.text.lower()
        assert not any("Attendance" in m.text for m in tg.fake.private_messages(w.ali))

        clock.advance(hours=2)
        waiter = asyncio.ensure_future(tg.fake.wait_for_messages(w.admin, 2, timeout=10,
                                                                 predicate=lambda m: m.document is not None))
        note = await tg.answer(w.admin, w.group, "/event_report 7")
        assert note.text == "Sent to you in a private chat."
        files = await waiter
        assert {f.document.file_name.split("-")[1] for f in files} == {"events", "members"}
        assert any("Events" in m.content for m in tg.fake.private_messages(w.admin))
        bad = await tg.answer(w.admin, w.group, "/event_report lots")
        assert "/event_report 30 #12" in bad.text
        group = [m.content for m in tg.fake.chat_messages(w.group) if m.from_bot]
        assert not any("Attendance: Standup" in text or "Events" in text for text in group)
        assert not any(m.document for m in tg.fake.chat_messages(w.group))

        hint = await tg.answer(w.ali, w.group, "/my_attendance")
        assert "/my_attendance" in hint.text and "private chat" in hint.text
        waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "Your attendance" in m.text, timeout=10))
        w.ali.dm("/my_attendance")
        mine = await waiter
        assert "Standup" in mine.text
    finally:
        await tg.close()


async def test_private_messages_use_the_members_own_zone_else_the_communitys(tg) -> None:
    w = tg.world
    await tg.setup_group(timezone="America/New_York")
    _, ann = await announce(tg, "/event Zones | tomorrow 6pm")
    event_id = ann_event_id(ann)
    await w.ali.press(ann, "Going")
    await w.zainab.press(ann, "Going")

    shown = await tg.answer(w.ali, w.group, "/my_timezone")
    assert "private chat" in shown.text
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "time zone" in m.text, timeout=10))
    w.ali.dm("/my_timezone")
    assert "America/New_York" in (await waiter).text  # the community's, not the bot's
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "Asia/Tokyo" in m.text, timeout=10))
    w.ali.dm("/my_timezone Asia/Tokyo")
    assert "now **Asia/Tokyo**" not in (await waiter).text  # rendered, not raw markup
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "not a time zone" in m.text, timeout=10))
    w.ali.dm("/my_timezone Mars/Olympus")
    await waiter

    await tg.answer(w.admin, w.group, f"/event_cancel {event_id}")
    await tg.idle()
    await until(lambda: dms(tg, w.ali, "cancelled") and dms(tg, w.zainab, "cancelled"))
    # 18:00 in New York is 08:00 next day in Tokyo; Zainab has no zone of her own: New York's.
    assert "08:00" in dms(tg, w.ali, "cancelled")[0].text and "JST" in dms(tg, w.ali, "cancelled")[0].text
    assert "18:00" in dms(tg, w.zainab, "cancelled")[0].text and "EST" in dms(tg, w.zainab, "cancelled")[0].text

    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "removed" in m.text, timeout=10))
    w.ali.dm("/my_timezone reset")
    assert "America/New_York" in (await waiter).text


async def test_help_and_command_menus_name_the_new_commands(tg) -> None:
    w = tg.world
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "/my_timezone" in m.text, timeout=10))
    w.ali.dm("/help")  # a member: everyone's commands (tests/telegram/test_help.py has each role's)
    assert "/checkin 482913" in (await waiter).text
    group = {c["command"]: c["description"] for c in tg.fake.commands_for(w.ali, w.group)}
    assert {"event_edit", "event_cancel", "event_checkin_code", "event_stats", "event_report", "checkin"} <= set(group)
    private = {c["command"] for c in tg.fake.commands_for(w.zainab, None)}
    assert {"checkin", "my_attendance", "my_timezone"} <= private
    urdu = {c["command"]: c["description"] for c in tg.fake.commands_for(w.zainab, w.group)}
    assert urdu["event_edit"] == t("ur", "tg.command.event_edit")


async def test_private_checkin_before_using_a_group_and_a_code_for_an_unstarted_organiser(tg) -> None:
    w = tg.world
    await tg.setup_group()
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.ali, lambda m: "which community" in m.text, timeout=10))
    w.ali.dm("/checkin 123456")
    await waiter
    await tg.name_organiser(w.sara)  # she never started the bot
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    soon = (datetime.now(ZoneInfo("Asia/Karachi")) + timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M")
    _, ann = await announce(tg, f"/event Soon | {soon}")
    refused = await tg.answer(w.sara, w.group, f"/event_checkin_code {ann_event_id(ann)}")
    assert "only be sent to you privately" in refused.text
    assert f"https://t.me/{tg.fake.bot_username}" in refused.text
    assert not any(re.search(r"\b\d{6}\b", m.text) for m in tg.fake.chat_messages(w.group) if m.from_bot)
    # Known unreachable now: asked again, no code is made and no private message tried.
    failed = len(tg.fake.failed_requests())
    again = await tg.answer(w.sara, w.group, f"/event_checkin_code {ann_event_id(ann)}")
    assert "only be sent to you privately" in again.text and len(tg.fake.failed_requests()) == failed
    # Her figures cannot reach her privately either: the group gets the start link, not the figures.
    await w.ali.press(ann, "Going")
    refused = await tg.answer(w.sara, w.group, f"/event_stats {ann_event_id(ann)}")
    assert "name members" in refused.text and f"https://t.me/{tg.fake.bot_username}" in refused.text
    assert "Ali" not in refused.text and "Attendance" not in refused.text
    refused = await tg.answer(w.sara, w.group, "/event_report")
    assert "name members" in refused.text
    assert not any(m.document for m in tg.fake.chat_messages(w.group))
    # Once she starts the bot, the code reaches her.
    w.sara.start_bot()
    await tg.fake.wait_for_message(w.sara, timeout=10)
    sent = await tg.answer(w.sara, w.group, f"/event_checkin_code {ann_event_id(ann)}")
    assert "private chat" in sent.text
    await tg.fake.wait_for_message(w.sara, lambda m: "Check-in code" in m.text, include_existing=True, timeout=10)
    note = await tg.answer(w.sara, w.group, f"/event_stats {ann_event_id(ann)}")
    assert note.text == "Sent to you in a private chat."
    await tg.fake.wait_for_message(w.sara, lambda m: "Attendance: Soon" in m.text, include_existing=True, timeout=10)


async def test_check_in_button_comes_and_goes_with_the_window(tmp_path, tg_store) -> None:
    from bot.domain.clock import FixedClock
    from tests.manual_scheduler import ManualScheduler

    clock = FixedClock(datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc))  # 17:00 in Karachi
    scheduler = ManualScheduler()
    tg = await TgHarness(tmp_path, clock=clock, scheduler=scheduler, store_factory=tg_store).start()
    try:
        w = tg.world
        await tg.setup_group(reminders="24h")
        _, ann = await announce(tg, "/event Clinic | 2026-12-01 18:00 | 1h")
        assert ann.button_texts == ["Going", "Maybe", "Can't go", "Add to calendar"]
        await w.ali.press(ann, "Going")
        clock.advance(minutes=31)  # 17:31: check-in is open
        await scheduler.run_due(clock.now())
        await tg.idle()
        await until(lambda: "Check in" in ann.button_texts)
        assert "checked in" in (await w.ali.press(ann, "Check in")).text
        clock.advance(minutes=30)  # 18:01: started, "starting now" is posted once
        await scheduler.run_due(clock.now())
        await tg.idle()
        await until(lambda: any("starting now" in m.text for m in tg.fake.bot_messages(w.group)))
        clock.advance(hours=1)  # 19:01: over
        await scheduler.run_due(clock.now())
        await tg.idle()
        await until(lambda: "Check in" not in ann.button_texts)
        assert sum("starting now" in m.text for m in tg.fake.bot_messages(w.group)) == 1
    finally:
        await tg.close()


async def test_urdu_scope_question_checkin_and_own_zone(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    ids = await _series(tg, "ہفتہ وار چائے")
    question = await tg.answer(w.admin, w.group, f"/event_cancel {ids[0]} بارش")
    assert "دہرائی جانے والی تقریب" in question.text
    assert question.button_texts == [t("ur", "tg.scope.button.this"), t("ur", "tg.scope.button.following"),
                                     t("ur", "tg.scope.button.all")]
    answer = await w.admin.press(question, t("ur", "tg.scope.button.all"))
    assert "منسوخ" in answer.text
    usage = await tg.answer(w.zainab, w.group, "/checkin")
    assert usage.text == t("ur", "tg.checkin.usage")
    wrong = await tg.answer(w.zainab, w.group, "/checkin 123456")
    assert "حاضری کوڈ نہیں" in wrong.text
    note = await tg.answer(w.admin, w.group, f"/event_stats {ids[0]}")
    assert note.text == t("ur", "tg.figures.sent")
    await tg.fake.wait_for_message(w.admin, lambda m: "ہفتہ وار چائے" in m.text, include_existing=True, timeout=10)
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: "Asia/Karachi" in m.text, timeout=10))
    w.zainab.dm("/my_timezone")
    assert "آپ نے کوئی ٹائم زون نہیں چنا" in (await waiter).text
