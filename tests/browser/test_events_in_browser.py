"""Events in the browser: the organiser announces an event in Urdu, two creators answer Going and see
the counts change live in each other's page, and the .ics downloads."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

TITLE = "ڈیجیٹل حفاظت ورکشاپ"


def test_urdu_event_going_live_counts_and_calendar(sandbox, open_page) -> None:
    organiser = open_page("Omar Farooq", "general")
    organiser.run_command("event create", title=TITLE, when="کل شام 6 بجے", location="لاہور پریس کلب",
                          capacity="5", description="**فیکٹ چیکنگ** کی بنیادی باتیں")
    reply = organiser.message_with("is announced")
    expect(reply).to_contain_text("Only you can see this")
    expect(reply).to_contain_text(TITLE)
    assert "<t:" not in reply.inner_text()

    # the reply's jump link opens the announcement in #announcements
    reply.locator("a.jump").click()
    expect(organiser.page.locator(".channel.active[data-name='announcements']")).to_have_count(1)
    announcement = organiser.page.locator("#messages article.message", has=organiser.page.locator(".embed-title", has_text=TITLE))
    expect(announcement).to_have_count(1)
    title = announcement.locator(".embed-title")
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"  # Urdu shown right-to-left
    expect(announcement.locator(".embed-description strong")).to_have_text("فیکٹ چیکنگ")
    expect(announcement.locator(".embed-field[data-field='Organiser']")).to_contain_text("@Omar Farooq")
    for label in ("Going", "Maybe", "Can't go", "Add to calendar"):
        expect(announcement.locator("button", has_text=label)).to_be_enabled()

    # times in the browser's own zone (Europe/London here), not the guild's (Asia/Karachi)
    start = announcement.locator(".embed-field[data-field='Starts'] time.ts").first
    unix = int(start.get_attribute("data-unix"))
    london = dt.datetime.fromtimestamp(unix, ZoneInfo("Europe/London"))
    assert london.strftime("%H:%M") in start.inner_text()
    assert dt.datetime.fromtimestamp(unix, ZoneInfo("Asia/Karachi")).strftime("%H:%M") == "18:00"

    bilal = open_page("Bilal Ahmed", "announcements")
    zainab = open_page("زینب علی", "announcements")

    def going(page):
        card = page.page.locator("#messages article.message", has=page.page.locator(".embed-title", has_text=TITLE))
        return card.locator(".embed-field[data-field='Going'] .field-value")

    expect(going(bilal)).to_have_text("0/5")
    bilal.page.locator("#messages article.message", has_text=TITLE).locator("button", has_text="Going").first.click()
    expect(bilal.message_with("You're going")).to_contain_text("Only you can see this")
    expect(going(zainab)).to_have_text("1/5")  # live, no reload
    expect(going(organiser)).to_have_text("1/5")

    zainab.page.locator("#messages article.message", has_text=TITLE).locator("button", has_text="Going").first.click()
    expect(zainab.message_with("You're going")).to_be_visible()
    expect(going(bilal)).to_have_text("2/5")
    # one member's confirmation is not shown to the other
    expect(zainab.page.locator("#messages article.message.ephemeral")).to_have_count(1)
    expect(bilal.page.locator("#messages article.message.ephemeral")).to_have_count(1)

    # Add to calendar: an ephemeral reply with an .ics attachment that downloads
    bilal.page.locator("#messages article.message", has_text=TITLE).locator("button", has_text="Add to calendar").first.click()
    ics = bilal.message_with("for your calendar")
    link = ics.locator("a[data-testid='attachment']")
    expect(link).to_contain_text(".ics")
    with bilal.page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    text = open(download.path(), encoding="utf-8").read()
    assert "BEGIN:VCALENDAR" in text and "BEGIN:VEVENT" in text
    assert "ڈیجیٹل" in text.replace("\r\n ", "")
