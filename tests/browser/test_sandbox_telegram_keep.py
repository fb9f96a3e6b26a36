"""`baithak sandbox --keep` keeps the Telegram side too: after a restart the group's chats are there
as they were (with an RSVP pressed before the restart), and the restarted front end still answers
the buttons of messages it sent in the earlier run."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SandboxProcess


def get(sandbox: SandboxProcess, path: str) -> Any:
    with urllib.request.urlopen(sandbox.url + path, timeout=10) as response:
        return json.loads(response.read())


def post(sandbox: SandboxProcess, path: str, **body: Any) -> Any:
    request = urllib.request.Request(sandbox.url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


def telegram_ready(sandbox: SandboxProcess, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return get(sandbox, "/api/tg/state")
        except urllib.error.HTTPError as exc:
            assert exc.code == 503 and time.monotonic() < deadline, f"Telegram did not start:\n{sandbox.log()}"
            time.sleep(0.3)


def press_going_on_the_hour(sandbox: SandboxProcess, name: str) -> str:
    people = {p["name"]: p["id"] for p in telegram_ready(sandbox)["people"]}
    me = people[name]
    group = next(c["id"] for c in get(sandbox, f"/api/tg/state?as={me}")["chats"] if c["kind"] == "group")
    messages = get(sandbox, f"/api/tg/chats/{group}/messages?as={me}")["messages"]
    hour = next(m for m in messages if m["text"].startswith("Creators' hour") and m["keyboard"])
    going = next(b["callback_data"] for row in hour["keyboard"] for b in row if b["text"] == "Going")
    answer = post(sandbox, "/api/tg/press", **{"as": me, "chat": group, "message": hour["id"], "data": going})
    assert "going" in answer["text"].lower(), answer
    deadline = time.monotonic() + 20
    while True:  # the announcement's edit follows the answer
        hour = next(m for m in get(sandbox, f"/api/tg/chats/{group}/messages?as={me}")["messages"] if m["id"] == hour["id"])
        if name in hour["text"] or time.monotonic() > deadline:
            return hour["text"]
        time.sleep(0.3)


@pytest.mark.timeout(300)  # two sandboxes started one after the other, each with its Telegram side
def test_keep_keeps_the_telegram_chats(tmp_path: Path) -> None:
    first = SandboxProcess(tmp_path, seeded=True, keep=True)
    try:
        first.wait_ready()
        text = press_going_on_the_hour(first, "Ali Raza")
        assert "Going: 1" in text and "Ali Raza" in text
    finally:
        assert first.stop() == 0, first.log()
    assert (tmp_path / "data" / "sandbox.sqlite3.telegram").exists()

    second = SandboxProcess(tmp_path, seeded=True, keep=True)
    try:
        second.wait_ready()
        text = press_going_on_the_hour(second, "نادیہ حسن")
        assert "Going: 2" in text and "Ali Raza" in text and "نادیہ حسن" in text, text
        people = {p["name"]: p for p in telegram_ready(second)["people"]}
        assert people["Kamran Shah"]["started"] is False and people["Ali Raza"]["started"] is True
    finally:
        assert second.stop() == 0, second.log()
