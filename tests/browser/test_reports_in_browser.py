"""Reports in the browser: a creator reports a message and alone sees the confirmation; the moderator
claims and resolves the case and sees the card change; the reporter gets the outcome by DM."""

from __future__ import annotations

from playwright.sync_api import expect

POST = "Dengue is cured by papaya leaves, doctors hide it"


def test_report_claim_resolve_and_outcome_dm(sandbox, open_page) -> None:
    bilal = open_page("Bilal Ahmed", "general")
    sara = open_page("Sara Malik", "general")
    zainab = open_page("زینب علی", "general")
    moderator = open_page("مہرین اختر", "moderation")

    bilal.post(POST)
    target = sara.message_with(POST)
    expect(target).to_be_visible()  # arrived live in Sara's page
    expect(zainab.message_with(POST)).to_be_visible()

    # Report message, from the message's actions: one form with the category and optional details
    target.hover()
    target.locator("button[data-context='Report message']").click()
    form = sara.page.locator("#modal-dialog")
    expect(form).to_be_visible()
    form.locator("select").select_option(value="misinformation")
    form.locator("textarea").fill("Seen in two family groups")
    form.locator("#modal-submit").click()
    confirmation = sara.message_with("R-0001")
    expect(confirmation).to_contain_text("Only you can see this")
    assert "ephemeral" in (confirmation.get_attribute("class") or "")

    # nobody else sees it: not in their pages, not through the API as them
    expect(zainab.message_with(POST)).to_be_visible()
    expect(zainab.page.locator("#messages")).not_to_contain_text("R-0001")
    expect(bilal.page.locator("#messages")).not_to_contain_text("R-0001")
    expect(bilal.page.locator("#messages article.message.ephemeral")).to_have_count(0)
    for name in ("Bilal Ahmed", "زینب علی", "Omar Farooq"):
        assert not any("R-0001" in m["content"] for m in sandbox.messages("general", name))
    # creators cannot see the moderation channel at all
    expect(sara.page.locator(".channel[data-name='moderation']")).to_have_count(0)

    # the moderator's case card, claimed then resolved, edited in place
    card = moderator.page.locator("#messages article.message", has=moderator.page.locator(".embed-title", has_text="R-0001"))
    expect(card).to_have_count(1)
    status = card.locator(".embed-field[data-field='Status'] .field-value")
    expect(status).to_have_text("New")
    assert "Sara" not in card.inner_text()  # reporters are never shown on the card
    card.locator("button", has_text="Claim").click()
    expect(status).to_have_text("Triaging")
    expect(card.locator(".embed-field[data-field='Claimed by']")).to_contain_text("@مہرین اختر")
    expect(moderator.message_with("You claimed R-0001")).to_contain_text("Only you can see this")

    card.locator("button", has_text="Resolve").click()
    outcome = moderator.message_with("what was the outcome")
    outcome.locator("select").select_option(value="actioned")
    dialog = moderator.page.locator("#modal-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#modal-title")).to_contain_text("R-0001")
    dialog.locator("textarea, input[type=text]").first.fill("The post was removed after review.")
    dialog.locator("#modal-submit").click()
    expect(dialog).to_be_hidden()
    expect(status).to_have_text("Resolved")
    expect(card.locator(".embed-field[data-field='Outcome']")).to_contain_text("The post was removed")
    expect(card.locator("button", has_text="Claim")).to_have_count(0)

    # the reporter's outcome DM
    sara.open_dms()
    dm = sara.message_with("R-0001")
    expect(dm).to_contain_text("took action")
    expect(dm).to_contain_text("The post was removed after review.")
    assert "ephemeral" not in (dm.get_attribute("class") or "")
    bilal.open_dms()
    expect(bilal.page.locator("#messages")).not_to_contain_text("R-0001")
