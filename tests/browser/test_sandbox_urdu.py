"""The seeded Urdu server (بیٹھک لاہور) in the sandbox page: the page's `lang` follows the selected
server's language, Urdu paragraphs are right-to-left in a Nastaliq font stack with a taller line,
codes and tags keep Urdu letters joined, and the announcement reads in order. Retakes
docs/sandbox-ur.png with BAITHAK_SCREENSHOTS=1."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, SandboxPage, SandboxProcess

# Retaken into docs/ only with BAITHAK_SCREENSHOTS=1, as in test_sandbox_seeded: a test run must not
# leave the working tree changed.
DOCS = REPO / "docs" if os.environ.get("BAITHAK_SCREENSHOTS") == "1" else Path(tempfile.mkdtemp(prefix="baithak-shots-"))
URDU_FONTS = ('"Noto Nastaliq Urdu"', '"Jameel Noori Nastaleeq"', '"Urdu Typesetting"', '"Noto Naskh Arabic"')


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    proc = SandboxProcess(tmp_path_factory.mktemp("seeded-ur"), seeded=True)
    try:
        proc.wait_ready()
        yield proc
    finally:
        assert proc.stop() == 0, proc.log()


def style(locator: Any, prop: str) -> str:
    return locator.evaluate(f"(e) => getComputedStyle(e).{prop}")


def test_urdu_server_renders_urdu(browser: Any, seeded: SandboxProcess) -> None:
    fatima = SandboxPage(browser, seeded, "فاطمہ جعفری", "اعلانات", timezone="Asia/Karachi",
                         viewport=(1280, 860))
    try:
        page = fatima.page
        expect(page.locator("html")).to_have_attribute("lang", "ur")
        announcement = fatima.message_with("ویڈیو ایڈیٹنگ ورکشاپ")
        expect(announcement).to_be_visible()
        description = announcement.locator(".embed-description")
        assert description.evaluate("(e) => e.matches(':dir(rtl)')")
        family = style(description, "fontFamily")
        # the Urdu fonts, in this order, before the generic fallback
        positions = [family.find(name) for name in URDU_FONTS]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), family
        assert family.rstrip().endswith("sans-serif")
        size = float(style(description, "fontSize").removesuffix("px"))
        line = float(style(description, "lineHeight").removesuffix("px"))
        assert line >= 2 * size, (line, size)  # Nastaliq's tall line

        # the announcement's fields in reading order, each line right-to-left
        fields = announcement.locator(".embed-field")
        expect(fields.nth(0).locator(".field-name")).to_have_text("وقت")
        when = fields.nth(0).locator(".field-value")
        assert when.evaluate("(e) => e.matches(':dir(rtl)')")
        text = when.inner_text()
        assert text.index("آغاز") < text.index("اختتام")
        answers = announcement.locator(".embed-field", has_text="جوابات").locator(".field-value")
        text = answers.inner_text()
        assert text.index("آ رہے ہیں") < text.index("شاید") < text.index("انتظار کی فہرست")
        buttons = announcement.locator("button.btn")
        expect(buttons).to_have_text(["ہاں، شرکت", "شاید", "معذرت، نہیں", "کیلنڈر"])
        tops = {round(b.bounding_box()["y"]) for b in buttons.all()}
        assert len(tops) == 1, tops  # one row

        # a code span with Urdu in it keeps its letters joined: no letter-spacing, an Urdu font
        fatima.run_command("help")
        help_message = fatima.message_with("سب کے لیے")
        expect(help_message).to_be_visible()
        page.evaluate("""() => {
            const probe = document.createElement('code');
            probe.id = 'urdu-probe'; probe.dir = 'auto'; probe.textContent = 'تقریب';
            document.querySelector('#messages .content, #messages .embed-description').append(probe);
        }""")
        probe = page.locator("#urdu-probe")
        assert style(probe, "letterSpacing") in ("normal", "0px")
        assert style(probe, "fontFamily").startswith('"Noto Nastaliq Urdu"')
        page.evaluate("() => document.getElementById('urdu-probe').remove()")
        fatima.open_channel("اعلانات")
        expect(announcement).to_be_visible()
        announcement.scroll_into_view_if_needed()
        page.screenshot(path=str(DOCS / "sandbox-ur.png"))

        # choosing someone on the English server turns the page back to English
        fatima.page.select_option("#member-picker", value=seeded.member("Bilal Ahmed")["id"])
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        fatima.close()
