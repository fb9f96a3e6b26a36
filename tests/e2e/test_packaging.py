"""A non-editable install works: `pip install .` into a fresh virtual environment, then `baithak
migrate` and `baithak check` run from outside the repository against a new database.

The project is built from a copy of the sources (so the build leaves no `build/` or `*.egg-info` in the
repository) and installed without its dependencies; the fresh environment then reaches the
dependencies already installed for the tests through a `.pth` line added after the install. Nothing of
the repository is on its path: what runs is only what the wheel carries.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

from bot.storage.sqlite.migrations import discover
from tests.e2e.process import REPO

# Every migration in the repository (numbers are reserved per feature, so there may be gaps).
MIGRATIONS = [m.version for m in discover()]
PACKAGES = ("bot", "cogs", "fakediscord")


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "BAITHAK_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def _site_packages(python: Path, cwd: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         cwd=cwd, env=_clean_env(), capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def test_pip_install_then_migrate_and_check_outside_the_repository(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "data", "build", "*.egg-info", "__pycache__", ".pytest_cache", "*.sqlite3*"))
    venv = tmp_path / "venv"
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    # The venv module makes the environment from the base interpreter, not from the test venv.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=outside, env=_clean_env())
    python = venv / "bin" / "python"
    # pip from the test environment installs into the fresh one (`--python`): no pip to bootstrap.
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-cache-dir",
          "--quiet", str(source)], cwd=outside, env=_clean_env())
    site = _site_packages(python, outside)
    # The dependencies (discord.py, aiosqlite, ...) come from the test environment, after the
    # fresh site-packages on the path, so the installed Baithak is the one imported.
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    probe = _run([str(python), "-c", (
        "import json, importlib, bot.sandbox.web as web, bot.storage.sqlite.migrations as m\n"
        f"files = {{name: importlib.import_module(name).__file__ for name in {PACKAGES!r}}}\n"
        "print(json.dumps({'files': files,"
        " 'static': sorted(p.name for p in web.STATIC.iterdir()),"
        " 'migrations': sorted(p.name for p in m.MIGRATIONS_DIR.glob('*.sql'))}))"
    )], cwd=outside, env=_clean_env())
    found = json.loads(probe.stdout)
    for name, file in found["files"].items():
        assert Path(file).is_relative_to(site), f"{name} imported from {file}, not from the install"
    assert {"index.html", "app.css", "app.js"} <= set(found["static"])
    assert [int(name[:4]) for name in found["migrations"]] == MIGRATIONS
    assert (site / "fakediscord" / "server.py").is_file()
    assert (site / "fakediscord" / "README.md").is_file()
    assert not (site / "tests").exists()

    database = tmp_path / "fresh" / "baithak.sqlite3"
    env = _clean_env(BAITHAK_DATABASE=str(database), DISCORD_TOKEN="packaging-test-token")
    baithak = str(venv / "bin" / "baithak")
    migrated = _run([baithak, "migrate"], cwd=outside, env=env)
    assert f"applied {len(MIGRATIONS)} migration(s)" in migrated.stdout, migrated.stdout
    checked = _run([baithak, "check"], cwd=outside, env=env)
    assert "problem" not in checked.stdout, checked.stdout
    assert f"ok: {len(MIGRATIONS)} migration(s) applied" in checked.stdout

    conn = sqlite3.connect(database)
    try:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert versions == MIGRATIONS
    assert {"guild_settings", "events", "resources", "report_cases"} <= tables
    # Nothing was written beside the database's own folder or into the working directory.
    assert list(outside.iterdir()) == []
