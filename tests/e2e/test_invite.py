"""`baithak invite` against the fake Discord's application endpoint: the URL names the token's
application, the two scopes and the permissions the features need, each explained."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fakediscord import FakeDiscord
from tests.e2e.process import REPO, bot_env


async def invite(fake: FakeDiscord, tmp_path: Path, **env: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "invite", cwd=str(tmp_path),
        env=bot_env(fake, tmp_path / "db.sqlite3", **env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, out.decode(), err.decode()


async def test_prints_the_url_for_the_tokens_application(tmp_path: Path) -> None:
    async with FakeDiscord(bot_name="Baithak") as fake:
        code, out, err = await invite(fake, tmp_path)
        assert code == 0, err
        url = out.splitlines()[0]
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "discord.com", "/oauth2/authorize")
        query = parse_qs(parts.query)
        # the application's id, as Discord answered it (on the fake it differs from the bot user's id)
        assert query["client_id"] == [str(fake.application_id)] != [str(fake.bot_user_id)]
        assert query["scope"] == ["bot applications.commands"]
        # View Channels, Send Messages, Embed Links, Attach Files
        assert query["permissions"] == [str((1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 35) | (1 << 38)
                                        | (1 << 13) | (1 << 40) | (1 << 33))]
        assert fake.requests_to("GET", "/oauth2/applications/@me")
        for name in ("View Channels", "Send Messages", "Embed Links", "Attach Files", "Manage Events"):
            assert f"    {name}: " in out
        assert "Administrator" not in out


async def test_a_refused_token_says_so_and_prints_no_url(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        code, out, err = await invite(fake, tmp_path, DISCORD_TOKEN="MTIz.bad.token")
        assert code == 2 and out == ""
        assert "DISCORD_TOKEN was refused" in err and "Traceback" not in err


async def test_without_a_token_it_names_the_variable(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        code, out, err = await invite(fake, tmp_path, DISCORD_TOKEN="")
        assert code == 2 and "DISCORD_TOKEN" in err and "Traceback" not in err


async def test_unreachable_discord_falls_back_to_the_id_in_the_token(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        api = fake.api_base
    # the server is gone now: nothing listens at api any more
    class Gone:
        token = fake.token
        api_base = api
        gateway_url = "ws://127.0.0.1:9/gateway"

    code, out, err = await invite(Gone(), tmp_path)  # type: ignore[arg-type]
    assert code == 0, err
    assert f"client_id={fake.bot_user_id}" in out.splitlines()[0]
    assert "could not be reached" in out


def test_make_run_prints_the_invite_on_the_first_start_only(tmp_path: Path, monkeypatch) -> None:
    import bot.launch as launch

    calls: list[list[str]] = []

    def cli(argv: list[str]) -> int:
        calls.append(argv)
        if argv == ["migrate"]:
            (tmp_path / "db.sqlite3").write_bytes(b"")
        return 0

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(launch, "cli", cli)
    monkeypatch.setenv("DISCORD_TOKEN", "MTIz.x.y")
    monkeypatch.setenv("BAITHAK_DATABASE", str(tmp_path / "db.sqlite3"))
    assert launch.main() == 0
    assert calls == [["invite"], ["migrate"], ["run"]]
    calls.clear()
    assert launch.main() == 0
    assert calls == [["migrate"], ["run"]]
