"""`baithak invite`: the URL that adds this bot to a server, with what its features need.

The application id comes from Discord (`GET /oauth2/applications/@me` under DISCORD_API_BASE, with the
token); if Discord cannot be reached, from the token itself (its first part is the bot's user id,
which is the application id for every application made since 2020).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import urlencode

import aiohttp

from bot.endpoints import DISCORD_API_BASE

AUTHORIZE = "https://discord.com/oauth2/authorize"
SCOPES = ("bot", "applications.commands")


@dataclass(frozen=True)
class Need:
    name: str  # as the Developer Portal and the server settings name it
    bit: int
    why: str


# One line per permission, with the features that need it. A feature that needs another adds a line.
NEEDS: tuple[Need, ...] = (
    Need("View Channels", 1 << 10, "see the announcements, resources and moderation channels it posts to"),
    Need("Send Messages", 1 << 11, "event announcements, resource posts, report case cards and SLA notices"),
    Need("Embed Links", 1 << 14, "announcements, resource posts and case cards are embeds"),
    Need("Attach Files", 1 << 15, "calendar files (.ics), attendee lists (CSV) and report exports"),
    Need("Create Public Threads", 1 << 35, "the conversation with reporters, in a thread under each case card"),
    Need("Send Messages in Threads", 1 << 38, "questions, answers and notes in the case's thread"),
    Need("Manage Messages", 1 << 13, "Delete message on a case card (the reported message)"),
    Need("Moderate Members", 1 << 40, "Time out author on a case card"),
    Need("Manage Events", 1 << 33, "each event announcement also listed in the server's own Events list"),
)


class InviteError(Exception):
    pass


def permissions(needs: tuple[Need, ...] = NEEDS) -> int:
    out = 0
    for need in needs:
        out |= need.bit
    return out


def invite_url(application_id: int, needs: tuple[Need, ...] = NEEDS) -> str:
    query = urlencode({"client_id": application_id, "scope": " ".join(SCOPES),
                       "permissions": permissions(needs)})
    return f"{AUTHORIZE}?{query}"


def id_from_token(token: str) -> int | None:
    """The bot user id written in the token's first part (base64), or None if it is not one."""
    head = token.split(".", 1)[0]
    try:
        text = base64.b64decode(head + "=" * (-len(head) % 4), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(text) if text.isdigit() and 0 < int(text) < 1 << 64 else None


async def application_id(token: str, api_base: str | None, *, timeout: float = 10.0) -> tuple[int, str]:
    """(application id, where it came from). Raises InviteError when Discord refuses the token."""
    base = (api_base or DISCORD_API_BASE).rstrip("/")
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(f"{base}/oauth2/applications/@me",
                                   headers={"Authorization": f"Bot {token}"}) as response:
                if response.status == 401:
                    raise InviteError("DISCORD_TOKEN was refused by Discord: copy a fresh token from the "
                                      "Developer Portal (Bot > Reset Token)")
                response.raise_for_status()
                body = await response.json()
                return int(body["id"]), f"the application {body.get('name') or body['id']}"
    except InviteError:
        raise
    except (aiohttp.ClientError, TimeoutError, OSError, KeyError, ValueError) as exc:
        guessed = id_from_token(token)
        if guessed is None:
            raise InviteError(f"cannot reach {base} ({exc.__class__.__name__}) and the token does not "
                              "name its application: check DISCORD_TOKEN and the network") from exc
        return guessed, f"the token (Discord could not be reached at {base}: {exc.__class__.__name__})"
