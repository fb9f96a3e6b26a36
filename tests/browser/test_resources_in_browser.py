"""Resources in the browser: a creator shares a link, two members upvote it and everyone watching sees
the count change live; with approval on, the moderator approves and the sharer is told by DM."""

from __future__ import annotations

from playwright.sync_api import expect


def test_share_upvote_live_then_approval(sandbox, open_page) -> None:
    sara = open_page("Sara Malik", "general")
    bilal = open_page("Bilal Ahmed", "resources")
    zainab = open_page("زینب علی", "resources")

    sara.run_command("resource share", url="https://Example.org/fact-check/guide/?utm_source=wa",
                     title="فیکٹ چیک گائیڈ", tags="factcheck, Urdu")
    expect(sara.page.locator("#messages article.message.ephemeral").last).to_contain_text("Only you can see this")
    post = bilal.message_with("فیکٹ چیک گائیڈ")
    expect(post).to_be_visible()  # posted to #resources, arrived live
    expect(post.locator(".embed-title")).to_have_attribute("dir", "auto")  # Urdu laid out right-to-left
    upvote = post.locator("button", has_text="Upvote")
    expect(upvote).to_contain_text("0")

    upvote.click()
    expect(upvote).to_contain_text("1")
    seen_by_zainab = zainab.message_with("فیکٹ چیک گائیڈ").locator("button", has_text="Upvote")
    expect(seen_by_zainab).to_contain_text("1")  # live, no reload
    seen_by_zainab.click()
    expect(seen_by_zainab).to_contain_text("2")
    expect(upvote).to_contain_text("2")
    upvote.click()  # clicking again takes the vote back
    expect(seen_by_zainab).to_contain_text("1")

    # the same link in another spelling is not added twice
    sara.run_command("resource share", url="http://example.org/fact-check/guide#top", title="Duplicate title")
    expect(sara.page.locator("#messages article.message.ephemeral").last).to_contain_text("#1")
    expect(bilal.page.locator("#messages article.message", has_text="Duplicate title")).to_have_count(0)

    # with approval on, a new resource waits for a moderator
    admin = open_page("Ayesha Khan", "general")
    admin.run_command("setup", resource_approval="on · آن")
    expect(admin.page.locator("#messages article.message.ephemeral").last).to_contain_text("Settings saved")
    sara.run_command("resource share", url="https://example.org/toolkit", title="Creator safety toolkit")
    moderator = open_page("مہرین اختر", "moderation")
    waiting = moderator.message_with("Creator safety toolkit")
    waiting.locator("button", has_text="Approve").click()
    expect(bilal.message_with("Creator safety toolkit")).to_be_visible()
    sara.open_dms()
    expect(sara.message_with("Creator safety toolkit")).to_contain_text("approved")
