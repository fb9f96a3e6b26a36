"""`baithak check` checks whichever platforms have tokens: Telegram alone is a complete set-up (no
"DISCORD_TOKEN is not set"); only when neither token is set does it name both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.process import REPO

TELEGRAM = "123456:ABC-def_ghi"


def _check(tmp_path: Path, **tokens: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_", "TELEGRAM_"))}
    env.update(BAITHAK_DATABASE=str(tmp_path / "live.sqlite3"), PYTHONPATH=str(REPO), **tokens)
    for command in ("migrate", "check"):
        done = subprocess.run([sys.executable, "-m", "bot", command], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=60)
    return done


def test_telegram_only_is_checked_and_passes(tmp_path: Path) -> None:
    done = _check(tmp_path, TELEGRAM_TOKEN=TELEGRAM, TELEGRAM_API_BASE="http://127.0.0.1:8081")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "DISCORD_TOKEN" not in done.stdout and "problem" not in done.stdout
    assert "ok: Telegram: TELEGRAM_TOKEN is set (Bot API http://127.0.0.1:8081)" in done.stdout
    assert "Discord" not in done.stdout


def test_discord_only_and_both(tmp_path: Path) -> None:
    done = _check(tmp_path, DISCORD_TOKEN="abc.def")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: Discord: DISCORD_TOKEN is set" in done.stdout and "Telegram" not in done.stdout
    done = _check(tmp_path, DISCORD_TOKEN="abc.def", TELEGRAM_TOKEN=TELEGRAM)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: Discord:" in done.stdout and "ok: Telegram: TELEGRAM_TOKEN is set (Bot API https://api.telegram.org)" in done.stdout


@pytest.mark.parametrize("tokens", [{}, {"TELEGRAM_TOKEN": "", "DISCORD_TOKEN": " "}])
def test_neither_names_both(tmp_path: Path, tokens: dict[str, str]) -> None:
    done = _check(tmp_path, **tokens)
    assert done.returncode == 1
    problems = [line for line in done.stdout.splitlines() if line.startswith("problem:")]
    assert problems == ["problem: neither DISCORD_TOKEN nor TELEGRAM_TOKEN is set: `baithak run` needs one of them, "
                        "or both (see .env.example)"]


def test_a_malformed_telegram_token_is_refused_naming_it(tmp_path: Path) -> None:
    done = _check(tmp_path, TELEGRAM_TOKEN="not a token")
    assert done.returncode == 2 and "TELEGRAM_TOKEN is not a bot token" in done.stderr
