"""The sandbox's Telegram view in headless Chromium: the seeded Telegram group linked to the Discord
server (one community), inline buttons that really press (a Telegram RSVP changes the count on the
Telegram and the Discord announcement), commands typed in the composer, a ForceReply question
answered, a member who has not started the bot pressing Start, text shown as text, Urdu right to
left; at desktop size and at 390x844. With BAITHAK_SCREENSHOTS=1 the screenshots are retaken into
docs/ (sandbox-telegram-desktop.png, sandbox-telegram-phone.png)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, TIMEOUT_MS, SandboxProcess

PHONE = (390, 844)
DOCS = REPO / "docs" if os.environ.get("BAITHAK_SCREENSHOTS") == "1" else Path(tempfile.mkdtemp(prefix="baithak-shots-"))
URDU_FONTS = '"Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Urdu Typesetting", "Noto Naskh Arabic"'


def tg_state(sandbox: SandboxProcess, as_id: str | None = None) -> dict[str, Any]:
    url = sandbox.url + "/api/tg/state" + (f"?as={as_id}" if as_id else "")
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """The seeded sandbox, once its Telegram side (which starts behind the page) is linked and seeded."""
    proc = SandboxProcess(tmp_path_factory.mktemp("seeded-tg"), seeded=True)
    try:
        proc.wait_ready()
        deadline = time.monotonic() + 90
        while True:
            try:
                tg_state(proc)
                break
            except urllib.error.HTTPError as exc:
                assert exc.code == 503 and time.monotonic() < deadline, f"Telegram did not start ({exc.code}):\n{proc.log()}"
                time.sleep(0.3)
        yield proc
    finally:
        assert proc.stop() == 0, proc.log()


class TelegramPage:
    """One browser tab on the sandbox's Telegram view, acting as one Telegram user."""

    def __init__(self, browser: Any, sandbox: SandboxProcess, user: str, chat: str | None = None,
                 viewport: tuple[int, int] = (1360, 860)) -> None:
        self.sandbox = sandbox
        self.context = browser.new_context(timezone_id="Asia/Karachi", locale="en-GB", accept_downloads=True,
                                           viewport={"width": viewport[0], "height": viewport[1]},
                                           is_mobile=viewport[0] < 700, has_touch=viewport[0] < 700)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        state = tg_state(sandbox)
        self.people = {p["name"]: p["id"] for p in state["people"]}
        me = self.people[user]
        chats = {c["kind"]: c["id"] for c in tg_state(sandbox, me)["chats"]}
        self.chats = chats
        self.page.goto(f"{sandbox.url}/#tg={me}" + (f"&chat={chats[chat]}" if chat else ""))
        self.page.wait_for_selector("#tg-shell:not([hidden])")
        expect(self.page.locator("#tab-telegram")).to_have_attribute("aria-selected", "true")
        self.page.wait_for_selector("#tg-live.on", state="attached")

    def open_chat(self, kind: str) -> None:
        self.page.click(f".tg-chat[data-kind='{kind}']")
        self.page.wait_for_selector(f".tg-chat.active[data-kind='{kind}']", state="attached")

    def message_with(self, text: str) -> Any:
        return self.page.locator("#tg-messages article.tg-msg", has_text=text).last

    def send(self, text: str) -> None:
        self.page.fill("#tg-input", text)
        self.page.click("#tg-send")
        expect(self.page.locator("#tg-input")).to_have_value("")

    def close(self) -> None:
        assert not self.errors, f"JavaScript errors on the page: {self.errors}"
        self.context.close()


@pytest.fixture
def tg_page(browser: Any, seeded: SandboxProcess) -> Iterator[Any]:
    pages: list[TelegramPage] = []

    def make(user: str, chat: str | None = None, **kw: Any) -> TelegramPage:
        page = TelegramPage(browser, seeded, user, chat, **kw)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.mark.timeout(300)  # the first test also waits for the sandbox and its Telegram side to start
def test_a_telegram_rsvp_counts_on_both_platforms(tg_page) -> None:
    ali = tg_page("Ali Raza", "group")
    page = ali.page
    # the seeded cross-platform story: the group's members talking, the Discord server's events announced here
    expect(ali.message_with("Joined from the Discord server")).to_be_visible()
    expect(ali.message_with("Creators meetup")).to_contain_text("Going: 2/2")
    clinic = ali.message_with("Fact-checking clinic")
    expect(clinic).to_contain_text("Going: 2")           # زینب on Discord and نادیہ on Telegram
    expect(clinic).to_contain_text("نادیہ حسن")
    hour = ali.message_with("Creators' hour")
    expect(hour).to_contain_text("Going: 0")
    step = page.locator("#tg-tour .tour-step", has_text="press Going on the Creators' hour")
    expect(step).not_to_have_class(re.compile("done"))

    hour.get_by_role("button", name="Going", exact=True).click()
    expect(page.locator("#tg-toast")).to_contain_text("going")  # the callback answer, a toast
    expect(hour).to_contain_text("Going: 1")
    expect(hour).to_contain_text("Ali Raza")
    expect(hour).to_contain_text("edited")
    expect(step).to_have_class(re.compile("done"))
    page.screenshot(path=str(DOCS / "sandbox-telegram-desktop.png"))

    # The same announcement on Discord counts Ali too: switch to the Discord view.
    page.click("#tab-discord")
    page.wait_for_selector("#app .channel[data-name='announcements']")
    page.click(".channel[data-name='announcements']")
    page.wait_for_selector(".channel.active[data-name='announcements']")
    discord = page.locator("#messages article.message", has=page.locator(".embed-title", has_text="Creators' hour")).first
    expect(discord.locator(".embed-field[data-field='Going'] .field-value")).to_have_text("1")
    expect(discord).to_contain_text("Ali Raza")
    page.click("#tab-telegram")
    expect(hour).to_be_visible()

    # A command typed in the composer, in the private chat: /my lists what Ali is going to.
    ali.open_chat("private")
    expect(ali.message_with("Your report is case R-0006")).to_be_visible()  # his report from the group
    ali.send("/my")
    mine = page.locator("#tg-messages article.tg-msg.from-bot", has=page.locator(".tg-quote", has_text="/my"))
    expect(mine).to_contain_text("Creators' hour")
    expect(page.locator("#tg-tour .tour-step", has_text="send /my")).to_have_class(re.compile("done"))

    # What a member writes is shown as text, never as markup.
    ali.open_chat("group")
    ali.send("<b>not bold</b> <i onclick='alert(1)'>x</i>")
    written = ali.message_with("not bold")
    expect(written).to_contain_text("<b>not bold</b> <i onclick='alert(1)'>x</i>")
    assert written.locator(".tg-text b, .tg-text i, .tg-text [onclick]").count() == 0


def test_force_reply_start_and_moderators(tg_page) -> None:
    ayesha = tg_page("Ayesha Khan", "group")
    page = ayesha.page
    # /event with no arguments: the guided form asks each question with ForceReply; the composer
    # replies to the question by itself.
    ayesha.send("/event")
    expect(page.locator("#tg-replying")).to_be_visible()
    expect(page.locator("#tg-reply-name")).to_have_text("Reply to Baithak")
    ayesha.send("Chai and fact-checks")
    question = page.locator("#tg-messages article.tg-msg.from-bot", has=page.locator(".tg-quote", has_text="Chai and fact-checks"))
    expect(question).to_contain_text("When")
    expect(question.locator(".tg-force")).to_be_visible()
    page.click("#tg-reply-cancel")
    ayesha.send("/cancel")
    expect(ayesha.message_with("cancel").last).to_be_visible()

    # The moderators' group has the case card of Ali's report from the group, as #moderation has.
    ayesha.open_chat("moderators")
    card = ayesha.message_with("R-0006")
    expect(card).to_contain_text("Scam or impersonation")
    expect(card).to_contain_text("PTA is giving 50GB")
    card.get_by_role("button", name="Claim").click()
    expect(card).to_contain_text("Ayesha Khan")
    expect(card.get_by_role("button", name="Claim")).to_have_count(0)

    # Kamran never started the bot: his private chat has a Start button instead of the composer.
    page.select_option("#tg-picker", value=ayesha.people["Kamran Shah"])
    expect(page.locator("#tg-me-note")).to_contain_text("has not started the bot")
    ayesha.open_chat("private")
    expect(page.locator("#tg-start")).to_be_visible()
    expect(page.locator("#tg-form")).to_be_hidden()
    page.click("#tg-start")
    expect(ayesha.message_with("Hello Kamran Shah")).to_be_visible()
    expect(page.locator("#tg-form")).to_be_visible()
    expect(page.locator("#tg-me-note")).to_contain_text("can get private messages")


def test_phone_width(tg_page) -> None:
    nadia = tg_page("نادیہ حسن", viewport=PHONE)
    page = nadia.page
    # the chat list first, as the Telegram app opens
    expect(page.locator("#tg-chats")).to_be_visible()
    expect(page.locator("#tg-main")).to_be_hidden()
    nadia.open_chat("group")
    expect(page.locator("#tg-main")).to_be_visible()
    expect(page.locator("#tg-side")).to_be_hidden()
    urdu = nadia.message_with("مجھے تو یہ فراڈ لگتا ہے").locator(".tg-text")
    assert urdu.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    assert urdu.evaluate("(e) => getComputedStyle(e).fontFamily").startswith(URDU_FONTS)
    meetup = nadia.message_with("Creators meetup")
    meetup.get_by_role("button", name="Maybe", exact=True).click()
    expect(page.locator("#tg-toast")).to_be_visible()
    expect(meetup).to_contain_text("Maybe: 2")
    overflow = page.evaluate("""() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('#tg-app *')].filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width && r.right > limit + 1 && getComputedStyle(e).visibility !== 'hidden';
        }).map((e) => e.tagName + '.' + e.className);
        return {scroll: document.documentElement.scrollWidth - limit, wide: wide.slice(0, 5)};
    }""")
    assert overflow["scroll"] <= 0 and overflow["wide"] == [], overflow
    buttons = meetup.locator(".tg-kb")
    assert all(buttons.nth(i).bounding_box()["x"] + buttons.nth(i).bounding_box()["width"] <= PHONE[0]
               for i in range(buttons.count()))
    page.screenshot(path=str(DOCS / "sandbox-telegram-phone.png"))
    page.click("#tg-back")
    expect(page.locator("#tg-chats")).to_be_visible()
