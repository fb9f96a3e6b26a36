"""Reports in the browser, the urgent path: `/report` from the command bar, the moderators' ping (the
only mention the bot sends) standing out on their page, escalation to a platform and its later outcome."""

from __future__ import annotations

from playwright.sync_api import expect


def test_urgent_report_pings_moderators_then_escalation_and_platform_outcome(sandbox, open_page) -> None:
    sara = open_page("Sara Malik", "general")
    moderator = open_page("مہرین اختر", "moderation")
    admin = open_page("Ayesha Khan", "general")
    # the sandbox's /setup found the moderator role pingable: no warning in the admin's reply
    expect(admin.message_with("Settings saved")).not_to_contain_text("cannot notify")

    sara.run_command("report", target="https://t.me/some_channel/4411?utm_source=share", category="Violent extremism · پرتشدد انتہا پسندی")
    confirmation = sara.message_with("R-0001")
    expect(confirmation).to_contain_text("Moderators have been alerted")
    expect(confirmation).to_contain_text("Only you can see this")

    card = moderator.page.locator("#messages article.message", has=moderator.page.locator(".embed-title", has_text="R-0001"))
    expect(card).to_have_count(1)
    expect(card.locator(".content .mention.role")).to_have_text("@Moderator")
    assert "mentioned" in (card.get_attribute("class") or "")  # it notified the moderator
    expect(card.locator(".embed-field[data-field='Priority'] .field-value")).to_have_text("Urgent")

    card.locator("button", has_text="Escalate").click()
    prompt = moderator.message_with("which platform")
    prompt.locator("select").select_option(value="telegram")
    dialog = moderator.page.locator("#modal-dialog")
    expect(dialog.locator("#modal-title")).to_contain_text("Telegram")
    dialog.locator("input[type=text], textarea").first.fill("TG-5521")
    dialog.locator("#modal-submit").click()
    expect(dialog).to_be_hidden()
    expect(moderator.message_with("escalated to Telegram")).to_contain_text("Only you can see this")
    status = card.locator(".embed-field[data-field='Status'] .field-value")
    expect(status).to_have_text("Escalated")
    escalation = card.locator(".embed-field[data-field='Escalation'] .field-value")
    expect(escalation).to_contain_text("TG-5521")
    expect(escalation).to_contain_text("Pending")

    card.locator("button", has_text="Platform outcome").click()
    moderator.message_with("what did Telegram do").locator("select").select_option(value="removed")
    expect(escalation).to_contain_text("Removed")
    # the other members saw none of it
    expect(sara.page.locator(".channel[data-name='moderation']")).to_have_count(0)
    assert not any("R-0001" in m["content"] for m in sandbox.messages("general", "Bilal Ahmed"))
