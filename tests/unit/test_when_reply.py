"""Every reply that accepts a `when` shows how it was read (PRODUCT.md, "Reading times")."""

from __future__ import annotations

from bot.domain.guild_settings import SettingsChange
from bot.i18n import bidi
from tests.unit.test_app_events_flow import ADMIN, CHANNEL, ORGANISER, ORGANISER_ROLE, flow  # noqa: F401


async def test_create_and_edit_replies_show_the_reading(flow) -> None:  # noqa: F811
    app, messenger, clock, scheduler = flow
    await app.setup.change(ADMIN, SettingsChange(announcements_channel=CHANNEL, organiser_role=ORGANISER_ROLE))
    created = await app.events.create(ORGANISER, title="Clinic", when="kal shaam 6 baje")
    assert "I read `kal shaam 6 baje` as 2026-03-11 18:00 (Asia/Karachi)." in created.text
    assert "bare hour" not in created.text
    event_id = messenger.posts[0].message.buttons[0][0].target[0]
    edited = await app.events.edit(ORGANISER, str(event_id), when="parso 5 baje")
    assert "I read `parso 5 baje` as 2026-03-12 17:00 (Asia/Karachi)." in edited.text
    assert "A bare hour from 1 to 7 is taken as afternoon or evening" in edited.text
    # in Urdu the same, with the typed text isolated inside the right-to-left sentence
    await app.setup.change(ADMIN, SettingsChange(language="ur"))
    again = await app.events.edit(ORGANISER, str(event_id), when="جمعہ 5 بجے")
    plain = bidi.strip(again.text)
    assert "آپ کا لکھا ہوا وقت `جمعہ 5 بجے` میں نے جمعہ، 13 مارچ 2026، سہ پہر 5:00 (Asia/Karachi) سمجھا۔" in plain
    assert "اکیلا گھنٹہ دوپہر یا شام" in plain
