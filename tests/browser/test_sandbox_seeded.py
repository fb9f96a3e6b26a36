"""The seeded sandbox, as `make run` starts it: every seeded item visible from the first second, the
"what to try" steps working as written, the phone layout (390x844) without sideways scrolling, and
`--keep` across a restart. With BAITHAK_SCREENSHOTS=1 the screenshots are retaken into docs/
(sandbox-desktop.png, sandbox-phone.png)."""

from __future__ import annotations

import json
import os
import tempfile
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, SandboxPage, SandboxProcess

PHONE = (390, 844)
# The screenshots kept in docs/ are retaken only when asked (BAITHAK_SCREENSHOTS=1): a test run
# must not leave the working tree changed. Otherwise they go to a temporary folder, still taken
# (a page that cannot be drawn fails the test).
DOCS = REPO / "docs" if os.environ.get("BAITHAK_SCREENSHOTS") == "1" else Path(tempfile.mkdtemp(prefix="baithak-shots-"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    proc = SandboxProcess(tmp_path_factory.mktemp("seeded"), seeded=True)
    try:
        proc.wait_ready()
        yield proc
    finally:
        assert proc.stop() == 0, proc.log()


@pytest.fixture
def page_on(browser: Any, seeded: SandboxProcess) -> Iterator[Any]:
    pages: list[SandboxPage] = []

    def make(member: str, channel: str = "general", **kw: Any) -> SandboxPage:
        page = SandboxPage(browser, seeded, member, channel, **kw)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def post(sandbox: SandboxProcess, path: str, **body: Any) -> Any:
    request = urllib.request.Request(sandbox.url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


def no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate("""() => {
        const wide = [];
        const limit = document.documentElement.clientWidth;
        for (const e of document.querySelectorAll('#main *, dialog[open] *')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > limit + 1 && getComputedStyle(e).visibility !== 'hidden') wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
        }
        return {scroll: document.documentElement.scrollWidth - limit, wide: wide.slice(0, 5)};
    }""")
    assert overflow["scroll"] <= 0 and overflow["wide"] == [], overflow


def test_every_seeded_item_is_there_from_the_first_second(page_on) -> None:
    bilal = page_on("Bilal Ahmed", "announcements")
    meetup = bilal.message_with("Creators meetup")
    expect(meetup).to_contain_text("2/2")  # full: two going, one on the waitlist
    expect(meetup.locator(".embed-field", has_text="Waitlist")).to_contain_text("1")
    # the clinic starts within half an hour: check-in is open on its announcement
    expect(bilal.message_with("Fact-checking clinic").get_by_role("button", name="Check in")).to_be_visible()
    # the weekly series: its first occurrence announced (the next ones a week ahead of their date)
    expect(bilal.message_with("Creators' hour")).to_be_visible()
    bilal.open_channel("resources")
    expect(bilal.message_with("Verifying images before you share them")).to_be_visible()
    expect(bilal.message_with("حقائق کی جانچ: ابتدائی رہنما")).to_be_visible()
    # the fact-check published from the misinformation case R-0001
    expect(bilal.message_with("F-1")).to_contain_text("2019 floods")
    bilal.open_channel("general")
    expect(bilal.message_with("flood video")).to_be_visible()

    moderator = page_on("مہرین اختر", "moderation")
    for ref, status in (("R-0001", "Triaging"), ("R-0002", "New"), ("R-0003", "Escalated"),
                        ("R-0004", "Resolved"), ("R-0005", "Dismissed")):
        card = moderator.page.locator("#messages article.message",
                                      has=moderator.page.locator(".embed-title", has_text=ref))
        expect(card).to_contain_text(status)
    moderator.page.screenshot(path=str(DOCS / "sandbox-desktop.png"))

    # the second server speaks Urdu: its own people, its own channels, the bot answering in Urdu
    fatima = page_on("فاطمہ جعفری", "اعلانات")
    expect(fatima.page.locator("#guild-name")).to_have_text("بیٹھک لاہور")
    expect(fatima.message_with("ویڈیو ایڈیٹنگ ورکشاپ")).to_be_visible()
    # the two servers are in one network: the first server's fact-check, shared here
    fatima.open_channel("وسائل")
    expect(fatima.message_with("F-1")).to_contain_text("نیٹ ورک سے")  # "from the network: Sandbox"
    expect(fatima.message_with("F-1")).to_contain_text("Sandbox")
    fatima.open_channel("اعلانات")
    fatima.run_command("help")
    expect(fatima.message_with("سب کے لیے")).to_contain_text("ایڈمنز کے لیے")
    expect(fatima.page.locator(".tour-step.done")).to_contain_text("/help")


def test_what_to_try_steps_work_as_written(page_on) -> None:
    moderator = page_on("مہرین اختر", "moderation")
    page = moderator.page
    step = page.locator(".tour-step", has_text="claim case R-0002")
    expect(step).not_to_have_class("tour-step done")
    card = page.locator("#messages article.message", has=page.locator(".embed-title", has_text="R-0002"))
    card.get_by_role("button", name="Claim").click()
    expect(moderator.message_with("You claimed R-0002")).to_be_visible()
    expect(step).to_have_class("tour-step done")
    expect(page.locator("#tour-count")).to_have_text("1/4")
    # R-0003's conversation: the moderators' question and its reporter's answer
    moderator.run_command("reports show", case="R-0003")
    expect(moderator.message_with("Reporter 1:")).to_contain_text("two WhatsApp groups")
    expect(moderator.message_with("Reporter 1:")).to_contain_text("asked reporters")
    expect(page.locator("#tour-count")).to_have_text("2/4")

    # the panel suggests the next person's first step; one click acts as them
    page.locator(".tour-other", has_text="As Bilal").click()
    expect(page.locator(".member.me")).to_contain_text("Bilal Ahmed")
    bilal_step = page.locator(".tour-step", has_text="answer Going to the Creators meetup")
    expect(bilal_step).to_be_visible()
    moderator.open_channel("announcements")
    meetup = moderator.message_with("Creators meetup")
    meetup.get_by_role("button", name="Going").click()
    expect(bilal_step).to_have_class("tour-step done")


def test_phone_layout_has_no_sideways_scroll(page_on) -> None:
    phone = page_on("مہرین اختر", "moderation", viewport=PHONE)
    page = phone.page
    # the channel list is folded away behind the button
    expect(page.locator("#sidebar")).not_to_be_in_viewport()
    expect(page.locator("#drawer-button")).to_be_visible()
    no_sideways_scroll(page)
    embed = page.locator(".embed").first
    assert embed.bounding_box()["width"] > PHONE[0] * 0.7  # messages and embeds use the width
    page.screenshot(path=str(DOCS / "sandbox-phone.png"))

    page.click("#drawer-button")
    expect(page.locator("#sidebar")).to_be_in_viewport()
    expect(page.locator("#tour")).to_be_visible()
    page.click(".channel[data-name='announcements']")
    expect(page.locator("#sidebar")).not_to_be_in_viewport()
    expect(page.locator(".channel.active[data-name='announcements']")).to_have_count(1)
    no_sideways_scroll(page)
    # buttons wrap inside the screen
    for box in page.locator("#messages .btn").evaluate_all("bs => bs.map(b => b.getBoundingClientRect().right)"):
        assert box <= PHONE[0]

    # the command form fits
    phone.open_command("event create")
    no_sideways_scroll(page)
    page.click("#command-close")

    # and so does a dialog (Dismiss asks for a reason)
    page.click("#drawer-button")
    page.click(".channel[data-name='moderation']")
    card = page.locator("#messages article.message", has=page.locator(".embed-title", has_text="R-0001"))
    card.get_by_role("button", name="Dismiss").click()
    dialog = page.locator("#modal-dialog")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    no_sideways_scroll(page)
    page.click("#modal-cancel")


def test_keep_keeps_the_world_and_the_database_across_a_restart(tmp_path: Path, browser: Any) -> None:
    first = SandboxProcess(tmp_path, seeded=True, keep=True)
    try:
        first.wait_ready()
        sara = first.member("Sara Malik")
        general = first.channel("general")
        post(first, "/api/post", **{"as": sara["id"], "channel": general["id"], "content": "Still here after a restart?"})
        meetup = next(m for m in first.messages("announcements", "Sara Malik")
                      if m["embeds"] and m["embeds"][0]["title"] == "Creators meetup")
        answered = post(first, "/api/click", **{"as": sara["id"], "message": meetup["id"],
                                                "custom_id": meetup["components"][0]["components"][2]["custom_id"]})
        assert "error" not in answered or not answered["error"]
    finally:
        assert first.stop() == 0, first.log()
    assert (tmp_path / "data" / "sandbox.sqlite3.world").exists()

    second = SandboxProcess(tmp_path, seeded=True, keep=True)
    try:
        second.wait_ready()
        assert second.member("Sara Malik")["id"] == sara["id"]
        texts = [m["content"] for m in second.messages("general", "Sara Malik")]
        assert "Still here after a restart?" in texts
        # nothing seeded twice: still exactly one meetup and five cases
        titles = [m["embeds"][0]["title"] for m in second.messages("announcements", "Sara Malik") if m["embeds"]]
        assert titles.count("Creators meetup") == 1
        cards = [m for m in second.messages("moderation", "مہرین اختر") if m["embeds"]]
        refs = [c["embeds"][0]["title"].split()[0] for c in cards if c["embeds"][0]["title"].startswith("R-")]
        # R-0006 is the Telegram group's report, there if its side had come up before the first stop
        assert len(refs) == len(set(refs)) and {f"R-000{n}" for n in range(1, 6)} <= set(refs) <= {
            f"R-000{n}" for n in range(1, 7)}, refs
        # the kept database still knows Sara's answer: the meetup now has a free place
        page = SandboxPage(browser, second, "Sara Malik", "announcements")
        card = page.page.locator("#messages article.message",
                                 has=page.page.locator(".embed-title", has_text="Creators meetup"))
        expect(card).to_contain_text("2/2")  # Bilal, and Zainab promoted from the waitlist
        expect(card.locator(".embed-field", has_text="Waitlist")).not_to_contain_text("1")
        page.close()
    finally:
        assert second.stop() == 0, second.log()
