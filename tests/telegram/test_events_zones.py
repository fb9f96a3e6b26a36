"""Private messages about a changed or cancelled event write its time in each recipient's own zone
(/my_timezone), else the event's: in Urdu the time is written out, so the zone matters there most.
The real aiogram front end against the fake Bot API."""

from __future__ import annotations

import asyncio
import re

from bot.i18n import dates, t
from tests.telegram.test_events import announce
from tests.telegram.test_events_manage import _series, ann_event_id_any
from tests.telegram_harness import until

TOKYO, KARACHI = "Asia/Tokyo", "Asia/Karachi"


async def own_zone(tg, user, zone: str) -> None:  # type: ignore[no-untyped-def]
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(user, lambda m: zone in m.text, timeout=10))
    user.dm(f"/my_timezone {zone}")
    await waiter


def private(tg, user, word: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The user's private messages containing `word`, direction marks removed (see test_bidi)."""
    texts = [re.sub("[\u200e\u200f\u061c\u2066-\u2069]", "", m.text) for m in tg.fake.private_messages(user)]
    return [text for text in texts if word in text]


async def test_urdu_edit_and_cancel_messages_use_each_members_zone(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    _, ann = await announce(tg, "/event چائے | 2027-01-15 18:00 | 2h")
    event_id = ann_event_id_any(ann)
    await w.ali.press(ann, t("ur", "button.going"))
    await w.zainab.press(ann, t("ur", "button.going"))
    await own_zone(tg, w.ali, TOKYO)
    old = (await tg.app.store.events.get(event_id)).starts_at

    await tg.answer(w.admin, w.group, f"/event_edit {event_id} when 2027-01-15 19:00")
    await tg.idle()
    new = (await tg.app.store.events.get(event_id)).starts_at
    await until(lambda: private(tg, w.ali, "تبدیلی") and private(tg, w.zainab, "تبدیلی"))
    ali, zainab = private(tg, w.ali, "تبدیلی")[0], private(tg, w.zainab, "تبدیلی")[0]
    # 18:00 → 19:00 in Karachi is 22:00 → 23:00 in Tokyo, written in Urdu.
    assert dates.written("ur", old, TOKYO) in ali and dates.written("ur", new, TOKYO) in ali
    assert dates.written("ur", new, KARACHI) not in ali
    assert dates.written("ur", old, KARACHI) in zainab and dates.written("ur", new, KARACHI) in zainab

    await tg.answer(w.admin, w.group, f"/event_cancel {event_id}")
    await tg.idle()
    await until(lambda: private(tg, w.ali, "منسوخ") and private(tg, w.zainab, "منسوخ"))
    ali, zainab = private(tg, w.ali, "منسوخ")[0], private(tg, w.zainab, "منسوخ")[0]
    assert dates.written("ur", new, TOKYO) in ali and TOKYO in ali and KARACHI not in ali
    assert dates.written("ur", new, KARACHI) in zainab and KARACHI in zainab


async def test_urdu_series_edit_and_cancel_messages_use_each_members_zone(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    ids = await _series(tg, "ہفتہ وار چائے")
    ann = await tg.fake.wait_for_message(w.group, lambda m: t("ur", "button.going") in m.button_texts,
                                         include_existing=True)
    await w.ali.press(ann, t("ur", "button.going"))
    await w.zainab.press(ann, t("ur", "button.going"))
    await own_zone(tg, w.ali, TOKYO)
    old = (await tg.app.store.events.get(ids[0])).starts_at

    question = await tg.answer(w.admin, w.group, f"/event_edit {ids[0]} when {old.astimezone().strftime('%Y-%m-%d')} "
                                                 "20:00")
    await w.admin.press(question, t("ur", "tg.scope.button.all"))
    await tg.idle()
    new = (await tg.app.store.events.get(ids[0])).starts_at
    assert new != old
    await until(lambda: private(tg, w.ali, "تبدیلی") and private(tg, w.zainab, "تبدیلی"))
    ali, zainab = private(tg, w.ali, "تبدیلی")[0], private(tg, w.zainab, "تبدیلی")[0]
    assert dates.written("ur", old, TOKYO) in ali and dates.written("ur", new, TOKYO) in ali
    assert dates.written("ur", new, KARACHI) in zainab

    question = await tg.answer(w.admin, w.group, f"/event_cancel {ids[0]}")
    await w.admin.press(question, t("ur", "tg.scope.button.all"))
    await tg.idle()
    await until(lambda: private(tg, w.ali, "منسوخ") and private(tg, w.zainab, "منسوخ"))
    ali, zainab = private(tg, w.ali, "منسوخ")[0], private(tg, w.zainab, "منسوخ")[0]
    assert dates.written("ur", new, TOKYO) in ali and TOKYO in ali
    assert dates.written("ur", new, KARACHI) in zainab and KARACHI in zainab
