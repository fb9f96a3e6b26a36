"""A damaged database file: `baithak run` and `baithak check` say so in one line naming the file and
how to restore it, exit 2 without hanging, and leave the file exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.process import REPO


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    # An unreachable Discord: the damaged file must be noticed before any connection is tried.
    env.update(BAITHAK_DATABASE=str(db), DISCORD_TOKEN="t", DISCORD_API_BASE="http://127.0.0.1:9/api",
               PYTHONPATH=str(REPO))
    return env


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("healthy") / "live.sqlite3"
    done = subprocess.run([sys.executable, "-m", "bot", "migrate"], cwd=db.parent, env=_env(db),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return db.read_bytes()


DAMAGE = {
    "truncated": lambda good: good[:5000],
    "truncated-half": lambda good: good[: len(good) // 2 + 100],
    "overwritten": lambda good: os.urandom(len(good)),
    "zeroed-header": lambda good: b"\0" * 100 + good[100:],
}


@pytest.mark.parametrize("command", ["run", "check"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_one_line_exit_2_untouched(tmp_path: Path, healthy: bytes, command: str, damage: str) -> None:
    db = tmp_path / "live.sqlite3"
    db.write_bytes(DAMAGE[damage](healthy))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done = subprocess.run([sys.executable, "-m", "bot", command], cwd=tmp_path, env=_env(db),
                          capture_output=True, text=True, timeout=60)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert done.returncode == 2, lines
    assert len(lines) == 1, lines
    assert str(db) in lines[0] and "baithak backup" in lines[0] and "Traceback" not in lines[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.sqlite3"]  # no journal left beside it
