"""Browser tests: the `baithak sandbox` process, driven through its page in real headless Chromium.

Chromium is Debian's /usr/bin/chromium (`make test` installs it with apt-get); Playwright never
downloads a browser here. If Chromium is missing the tests fail: they never skip.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


class SandboxProcess:
    """`python -m bot sandbox --port N` in a temporary working directory (its own data/)."""

    def __init__(self, workdir: Path, *, seeded: bool = False, keep: bool = False) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "sandbox.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
        env.update(PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1", LOG_LEVEL="WARNING")
        # The tests of single features start from the bare sandbox (people and /setup, case R-0001 is
        # theirs); tests/browser/test_sandbox_seeded.py uses the seeded one, as `make run` starts it.
        env["BAITHAK_SANDBOX_SEED"] = "1" if seeded else "0"
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "sandbox", "--port", str(self.port)]
                                     + (["--keep"] if keep else []),
                                     cwd=workdir, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 45) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the sandbox exited with {self.proc.returncode}:\n{self.log()}")
            try:
                get_json(self.url + "/api/state")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise TimeoutError(f"the sandbox was not ready in {timeout}s:\n{self.log()}")

    def state(self, as_id: str | None = None) -> dict[str, Any]:
        return get_json(self.url + "/api/state" + (f"?as={as_id}" if as_id else ""))

    def member(self, name: str) -> dict[str, Any]:
        state = self.state()
        return next(m for m in state.get("people", state["members"]) if m["name"] == name)

    def channel(self, name: str, as_id: str | None = None) -> dict[str, Any]:
        return next(c for c in self.state(as_id)["all_channels"] if c["name"] == name)

    def messages(self, channel: str, as_name: str) -> list[dict[str, Any]]:
        cid, mid = self.channel(channel)["id"], self.member(as_name)["id"]
        return get_json(f"{self.url}/api/channels/{cid}/messages?as={mid}")["messages"]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    proc = SandboxProcess(tmp_path_factory.mktemp("sandbox"))
    try:
        proc.wait_ready()
        yield proc
    finally:
        code = proc.stop()
        assert code == 0, f"the sandbox exited with {code} on SIGTERM:\n{proc.log()}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert Path(CHROMIUM).exists(), (f"{CHROMIUM} is missing: install Debian's chromium package "
                                     "(apt-get install -y chromium; `make test` does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class SandboxPage:
    """One browser tab on the sandbox, acting as one member."""

    def __init__(self, browser: Any, sandbox: SandboxProcess, member: str, channel: str = "general",
                 timezone: str = "Europe/London", viewport: tuple[int, int] = (1360, 860)) -> None:
        self.sandbox = sandbox
        self.context = browser.new_context(timezone_id=timezone, locale="en-GB", accept_downloads=True,
                                           viewport={"width": viewport[0], "height": viewport[1]},
                                           is_mobile=viewport[0] < 700, has_touch=viewport[0] < 700)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        m = sandbox.member(member)
        c = sandbox.channel(channel, m["id"])
        self.page.goto(f"{sandbox.url}/#as={m['id']}&channel={c['id']}")
        self.page.wait_for_selector(f".channel.active[data-name='{channel}']")
        self.page.wait_for_selector("#live.on")

    # navigation ---------------------------------------------------------------------------------------
    def open_channel(self, name: str) -> None:
        self.page.click(f".channel[data-name='{name}']")
        self.page.wait_for_selector(f".channel.active[data-name='{name}']")

    def open_dms(self) -> None:
        self.open_channel("dm")

    def act_as(self, name: str) -> None:
        self.page.select_option("#member-picker", value=self.sandbox.member(name)["id"])
        self.page.wait_for_selector(f".member.me:has-text('{name}')")

    # acting -------------------------------------------------------------------------------------------
    def open_command(self, path: str) -> None:
        self.page.click("#command-button")
        self.page.click(f".command-item[data-command='{path}']")
        self.page.wait_for_selector("#command-form:not([hidden])")

    def run_command(self, path: str, **fields: str) -> None:
        self.open_command(path)
        for name, value in fields.items():
            locator = self.page.locator(f"#opt-{name}")
            if locator.evaluate("e => e.tagName") == "SELECT":
                locator.select_option(label=value)
            else:
                locator.fill(value)
        self.page.click("#command-run")
        self.page.wait_for_selector("#command-form", state="hidden")

    def post(self, text: str) -> None:
        self.page.fill("#post-input", text)
        self.page.press("#post-input", "Enter")

    def messages(self) -> Any:
        return self.page.locator("#messages article.message")

    def message_with(self, text: str) -> Any:
        return self.page.locator("#messages article.message", has_text=text).last

    def close(self) -> None:
        assert not self.errors, f"JavaScript errors on the page: {self.errors}"
        self.context.close()


@pytest.fixture
def open_page(browser: Any, sandbox: SandboxProcess) -> Iterator[Any]:
    pages: list[SandboxPage] = []

    def make(member: str, channel: str = "general", **kw: Any) -> SandboxPage:
        page = SandboxPage(browser, sandbox, member, channel, **kw)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()
