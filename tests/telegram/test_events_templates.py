"""Event templates on Telegram (Discord's `/event template save|list|delete` and `/event create
template:`): /event_template_save, /event_templates, /event_template_delete and /event_from, with the
real aiogram front end against the fake Bot API."""

from __future__ import annotations

import re

from bot.i18n import t
from tests.telegram.test_events import ann_event_id, announce
from tests.telegram.test_events_repeat import all_series, announcements, plain


async def test_save_list_use_and_delete_a_template(tg) -> None:
    w = tg.world
    await tg.setup_group()
    _, ann = await announce(tg, "/event Chai & code | tomorrow 6pm | 2h | Liberty Books | 12")
    event_id = ann_event_id(ann)

    refused = await tg.answer(w.ali, w.group, f"/event_template_save chai {event_id}")
    assert "organiser" in refused.text.lower()
    empty = await tg.answer(w.admin, w.group, "/event_templates")
    assert "No templates yet" in empty.text and "/event_template_save name N" in empty.text
    usage = await tg.answer(w.admin, w.group, "/event_template_save chai")
    assert "/event_template_save chai 12" in usage.text
    bad = await tg.answer(w.admin, w.group, f"/event_template_save chai! {event_id}")
    assert "cannot be a template name" in bad.text
    saved = await tg.answer(w.admin, w.group, f"/event_template_save chai #{event_id}")
    assert "saved from Chai & code" in saved.text and "/event_from chai" in saved.text
    assert "/event create" not in saved.text
    listed = await tg.answer(w.admin, w.group, "/event_templates")
    assert "chai" in listed.text and "Chai & code" in listed.text and "12 places" in listed.text

    unknown = await tg.answer(w.admin, w.group, "/event_from nope tomorrow 7pm")
    assert "no template called nope in this group" in unknown.text and "/event_templates" in unknown.text
    usage = await tg.answer(w.admin, w.group, "/event_from chai")
    assert "/event_from chai kal shaam 6 baje" in usage.text
    before = len(announcements(tg))
    done = await tg.answer(w.admin, w.group, "/event_from chai 2027-01-20 19:00")
    assert "Chai & code" in done.text
    new = announcements(tg)[before:]
    assert len(new) == 1 and "Liberty Books" in new[0].text and "0/12" in new[0].text and "19:00" in new[0].text

    done = await tg.answer(w.admin, w.group, "/event_from chai 2027-02-03 19:00 | repeat every 2 weeks count 2")
    assert "every 2 weeks" in done.text and "2 dates" in done.text
    assert ("fortnightly", 2) in await all_series(tg)

    gone = await tg.answer(w.admin, w.group, "/event_template_delete chai")
    assert "deleted" in gone.text
    again = await tg.answer(w.admin, w.group, "/event_from chai tomorrow 7pm")
    assert "no template called chai" in again.text


async def test_templates_in_urdu(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    _, ann = await announce(tg, "/event چائے | کل شام 6 بجے")
    event_id = re.search(r"#(\d+)", ann.text).group(1)
    saved = await tg.answer(w.admin, w.group, f"/event_template_save chai {event_id}")
    assert "/event_from chai" in plain(saved.text) and "سانچہ" in saved.text
    unknown = await tg.answer(w.admin, w.group, "/event_from nope کل شام 7 بجے")
    assert "اس گروپ میں" in plain(unknown.text) and "/event_templates" in plain(unknown.text)
    menu = {c["command"]: c["description"] for c in tg.fake.commands_for(w.zainab, w.group)}
    assert menu["event_from"] == t("ur", "tg.command.event_from")
