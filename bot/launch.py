"""`make run`: migrate and run the bot with a token; without one, start the local sandbox."""

from __future__ import annotations

import os
import sys

from dotenv import load_dotenv

from bot.__main__ import main as cli


def main() -> int:
    load_dotenv(".env", override=False)
    if (os.environ.get("DISCORD_TOKEN") or "").strip():
        code = cli(["migrate"])
        return code if code else cli(["run"])
    return cli(["run"])


if __name__ == "__main__":
    sys.exit(main())
