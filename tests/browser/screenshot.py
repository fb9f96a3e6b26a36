"""Take docs/sandbox.png: the sandbox page with an event announcement and a report case card.

    .venv/bin/python -m tests.browser.screenshot [docs/sandbox.png]

Starts a sandbox, acts through its API (an Urdu event, two RSVPs, a reported message, a claim),
then photographs two members' views stacked: a creator in #announcements, the moderator in
#moderation.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SandboxProcess

WIDTH, HEIGHT = 1280, 720


def post(sandbox: SandboxProcess, path: str, **body: Any) -> Any:
    request = urllib.request.Request(sandbox.url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read())


def until(fn: Any, timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = fn()
            if value:
                return value
        except (StopIteration, IndexError, KeyError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("the sandbox did not get there in time")
        time.sleep(0.1)


def main(out: str = "docs/sandbox.png") -> None:
    from playwright.sync_api import sync_playwright

    sandbox = SandboxProcess(Path(tempfile.mkdtemp()))
    try:
        sandbox.wait_ready()
        who = {name: sandbox.member(name)["id"] for name in
               ("Omar Farooq", "Bilal Ahmed", "زینب علی", "Sara Malik", "مہرین اختر")}
        general = sandbox.channel("general")["id"]
        announcements = sandbox.channel("announcements")["id"]
        moderation = sandbox.channel("moderation")["id"]
        post(sandbox, "/api/slash", **{"as": who["Omar Farooq"], "channel": general, "command": "event create",
             "options": {"title": "ڈیجیٹل حفاظت ورکشاپ — Digital safety workshop", "when": "کل شام 6 بجے",
                         "duration": "2h", "location": "لاہور پریس کلب", "capacity": 20,
                         "description": "**فیکٹ چیکنگ** کی بنیادی باتیں، اور اپنے اکاؤنٹس کو محفوظ رکھنے کے طریقے۔"}})
        card = until(lambda: sandbox.messages("announcements", "Bilal Ahmed")[-1])
        going = next(c["custom_id"] for row in card["components"] for c in row["components"] if c["label"] == "Going")
        post(sandbox, "/api/click", **{"as": who["Bilal Ahmed"], "message": card["id"], "custom_id": going})
        post(sandbox, "/api/click", **{"as": who["زینب علی"], "message": card["id"], "custom_id": going})
        message = post(sandbox, "/api/post", **{"as": who["Bilal Ahmed"], "channel": general,
                                                "content": "Forward: dengue is cured by papaya leaves, doctors hide it!"})
        picker = post(sandbox, "/api/context", **{"as": who["Sara Malik"], "message": message["message"]["id"],
                                                  "name": "Report message"})
        post(sandbox, "/api/modal", **{"as": who["Sara Malik"], "interaction_id": picker["interaction_id"],
                                       "values": {"category": ["misinformation"]}})
        case = until(lambda: next(m for m in sandbox.messages("moderation", "مہرین اختر") if m["embeds"]))
        claim = next(c["custom_id"] for row in case["components"] for c in row["components"] if c["label"] == "Claim")
        post(sandbox, "/api/click", **{"as": who["مہرین اختر"], "message": case["id"], "custom_id": claim})

        top = f"{sandbox.url}/#as={who['زینب علی']}&channel={announcements}"
        bottom = f"{sandbox.url}/#as={who['مہرین اختر']}&channel={moderation}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT * 2 + 4}, timezone_id="Asia/Karachi",
                                    locale="en-GB")
            page.set_content(
                "<style>body{margin:0;background:#1e1f22}iframe{display:block;border:0;width:100%;"
                f"height:{HEIGHT}px}}iframe+iframe{{margin-top:4px}}</style>"
                f'<iframe src="{top}"></iframe><iframe src="{bottom}"></iframe>')
            for frame in page.frames[1:]:
                frame.wait_for_selector("#live.on", timeout=15000)
                frame.wait_for_selector("#messages article.message", timeout=15000)
                frame.evaluate("document.querySelector('.help').open = false")
            page.wait_for_timeout(500)
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out)
            browser.close()
    finally:
        sandbox.stop()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
