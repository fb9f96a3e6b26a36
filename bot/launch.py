"""`make run`: migrate and run the bot with a token; without one, start the local sandbox.

The token comes from the environment or from `.env` in the current directory. Without one, the
sandbox starts on BAITHAK_SANDBOX_HOST:BAITHAK_SANDBOX_PORT (default 127.0.0.1:8080).
On the first start with a token (no database yet) it prints the invite URL (`baithak invite`).
`baithak run` itself still refuses to start without a token.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

from bot.__main__ import main as cli

DEFAULT_PORT = "8080"
DEFAULT_HOST = "127.0.0.1"


def first_start() -> bool:
    """No database yet (SQLite): this token's first run on this machine."""
    database = (os.environ.get("BAITHAK_DATABASE") or "data/baithak.sqlite3").strip()
    if "://" in database:
        return False
    return not Path(database).exists()


def main() -> int:
    load_dotenv(".env", override=False)
    if (os.environ.get("DISCORD_TOKEN") or "").strip() or (os.environ.get("TELEGRAM_TOKEN") or "").strip():
        if (os.environ.get("DISCORD_TOKEN") or "").strip() and first_start():
            # A new install: say how to add the bot to a server before it connects to none.
            cli(["invite"])
        code = cli(["migrate"])
        return code if code else cli(["run"])
    port = (os.environ.get("BAITHAK_SANDBOX_PORT") or DEFAULT_PORT).strip()
    host = (os.environ.get("BAITHAK_SANDBOX_HOST") or DEFAULT_HOST).strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"baithak: BAITHAK_SANDBOX_PORT={port!r} is not a port number: use e.g. 8080", file=sys.stderr)
        return 2
    print("No DISCORD_TOKEN found, so this is the local sandbox (no Discord account needed).", flush=True)
    print("To connect to real Discord instead: put DISCORD_TOKEN=<your bot token> in .env "
          "(see .env.example) and run `make run` again.", flush=True)
    return cli(["sandbox", "--port", port, "--host", host])


if __name__ == "__main__":
    sys.exit(main())
