"""The report conversation in the browser, from both sides: a creator reports a message with details;
the moderator asks the reporters from the case card; the creator reads the question in their DMs and
answers there; the moderator reads the answer as "Reporter 1" in the thread under the card."""

from __future__ import annotations

import re

from playwright.sync_api import expect

POST = "Send 2000 rupees to 0345-1112223 and get a free Ehsaas ration card"


def test_conversation_from_both_sides(sandbox, open_page) -> None:
    bilal = open_page("Bilal Ahmed", "general")
    sara = open_page("Sara Malik", "general")
    moderator = open_page("مہرین اختر", "moderation")

    bilal.post(POST)
    target = sara.message_with(POST)
    expect(target).to_be_visible()
    target.hover()
    target.locator("button[data-context='Report message']").click()
    form = sara.page.locator("#modal-dialog")
    form.locator("select").first.select_option(value="scam_impersonation")
    form.locator("textarea").fill("Shared in my mohalla group this morning")
    form.locator("#modal-submit").click()
    confirmation = sara.message_with("Your report is case")
    expect(confirmation).to_be_visible()
    ref = re.search(r"R-\d{4}", confirmation.inner_text()).group(0)

    card = moderator.page.locator("#messages article.message", has=moderator.page.locator(".embed-title", has_text=ref))
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Shared in my mohalla group this morning")
    assert "Sara" not in card.inner_text()
    card.locator("button", has_text="Ask reporters").click()
    dialog = moderator.page.locator("#modal-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("textarea").fill("Did anyone in the group send money to this number?")
    dialog.locator("#modal-submit").click()
    expect(moderator.message_with(f"Your question on {ref} went to 1 of 1 reporter")).to_be_visible()

    # The reporter's side: the question in their DMs, signed by the moderators; the answer typed there.
    sara.open_dms()
    question = sara.message_with("Did anyone in the group send money")
    expect(question).to_contain_text("The moderators of")
    expect(question).to_contain_text(ref)
    assert "مہرین" not in question.inner_text()
    sara.post(f"{ref} Yes, my neighbour sent 2000 rupees yesterday")
    expect(sara.message_with(f"Your answer was added to case {ref}")).to_be_visible()

    # The moderators' side: the thread under the card, the answer from "Reporter 1".
    moderator.page.reload()
    thread = f"moderation › {ref} conversation"
    moderator.page.wait_for_selector(f".channel[data-name='{thread}']")
    moderator.open_channel(thread)
    expect(moderator.message_with("Reporter 1")).to_contain_text("my neighbour sent 2000 rupees")
    expect(moderator.page.locator("#messages")).not_to_contain_text("Sara")
