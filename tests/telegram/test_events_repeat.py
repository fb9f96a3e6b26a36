"""Repeating events created from Telegram: the one-line form's `repeat` part and the guided form's
last question (Discord's `repeat:`, `until:`, `count:`, `announce_ahead:`). The real aiogram front end
against the fake Bot API, English and Urdu."""

from __future__ import annotations

import asyncio
import re

from bot.domain.series import MONTHLY_DATE, MONTHLY_WEEKDAY, WEEKLY
from bot.i18n import t


def plain(text: str) -> str:
    """Urdu text without its direction marks (see test_bidi)."""
    return re.sub("[\u200e\u200f\u061c\u2066-\u2069]", "", text)


def announcements(tg, going: str = "Going") -> list:  # type: ignore[no-untyped-def]
    return [m for m in tg.fake.bot_messages(tg.world.group) if going in m.button_texts]


async def all_series(tg) -> list:  # type: ignore[no-untyped-def]
    """(rule, dates) of every series stored for the group."""
    from bot.domain.identity import TELEGRAM
    from bot.domain.roles import Actor

    w = tg.world
    admin = Actor(user_id=w.admin.id, guild_id=w.group.id, administrator=True, platform=TELEGRAM)
    out = []
    seen = set()
    for choice in await tg.app.events.choices(admin, "", include_past=True):
        event = await tg.app.store.events.get(int(choice.value))
        if event.series_id is not None and event.series_id not in seen:
            seen.add(event.series_id)
            series = await tg.app.store.series.get(event.series_id)
            out.append((series.rule, len(await tg.app.store.series.occurrences(event.series_id))))
    return out


async def test_one_line_repeat_creates_a_series_and_bad_repeats_change_nothing(tg) -> None:
    w = tg.world
    await tg.setup_group()
    bad = await tg.command(w.admin, w.group, "/event Chai | tomorrow 6pm | | | | repeat yearly")
    assert "not a way to repeat" in bad.text and "every 2 weeks" in bad.text
    bad = await tg.command(w.admin, w.group, "/event Chai | tomorrow 6pm | repeat weekly count 3 until 2027-12-31")
    assert "either `until` or `count`" not in bad.text and "either until or count" in bad.text.replace("`", "")
    bad = await tg.command(w.admin, w.group, "/event Chai | tomorrow 6pm | repeat weekly count lots")
    assert "count" in bad.text and "lots" in bad.text
    bad = await tg.command(w.admin, w.group, "/event Chai | tomorrow 6pm | repeat weekly count")
    assert "repeat weekly count 6" in bad.text
    bad = await tg.command(w.admin, w.group, "/event Chai | tomorrow 6pm | repeat")
    assert "repeat weekly count 6" in bad.text
    refused = await tg.command(w.ali, w.group, "/event Chai | tomorrow 6pm | repeat weekly count 3")
    assert "organiser" in refused.text.lower()
    assert announcements(tg) == [] and await all_series(tg) == []

    reply = await tg.answer(w.admin, w.group,
                            "/event Weekly chai | tomorrow 6pm | 2h | Lahore | 12 | repeat weekly | count 3")
    assert "Weekly chai" in reply.text and "every week" in reply.text and "3 dates" in reply.text
    await tg.idle()
    assert await all_series(tg) == [(WEEKLY, 3)]
    # Tomorrow's date is within the default 7 days: announced now, the others when their time comes.
    anns = announcements(tg)
    assert len(anns) == 1 and "Weekly chai" in anns[0].text and "0/12" in anns[0].text and "Lahore" in anns[0].text

    reply = await tg.answer(w.admin, w.group, "/event Book club | 2027-03-10 19:00 | repeat monthly date until "
                                              "2027-05-20 | announce_ahead 0")
    assert "every month on the same date" in reply.text and "3 dates" in reply.text
    assert len(announcements(tg)) == 1  # its dates are announced on their day
    assert sorted(await all_series(tg)) == sorted([(WEEKLY, 3), (MONTHLY_DATE, 3)])


async def test_guided_form_asks_whether_it_repeats_in_urdu(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    q = await tg.command(w.admin, w.group, "/event")
    for answer in ("ماہانہ ملاقات", "کل شام 6 بجے", "-", "-", "-"):
        nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
        w.admin.reply(q, answer)
        q = await nxt
    assert q.force_reply and "(6/6)" in plain(q.text) and "count 6" in plain(q.text)
    # A bad answer is refused in Urdu; the question stands and a good answer still counts.
    nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
    w.admin.reply(q, "yearly")
    refused = await nxt
    assert "دہرانے کا کوئی طریقہ نہیں" in plain(refused.text)
    nxt = asyncio.ensure_future(tg.fake.wait_for_message(w.group, timeout=10))
    w.admin.reply(q, "monthly count 4")
    confirm = await nxt
    assert t("ur", "series.rule.monthly_weekday") in plain(confirm.text) and "4 تاریخیں" in plain(confirm.text)
    done = await w.admin.press(confirm, t("ur", "tg.event.button.confirm"))
    assert "ماہانہ ملاقات" in plain(done.text) and t("ur", "series.rule.monthly_weekday") in plain(done.text)
    await tg.idle()
    assert await all_series(tg) == [(MONTHLY_WEEKDAY, 4)]
    assert len(announcements(tg, t("ur", "button.going"))) == 1
