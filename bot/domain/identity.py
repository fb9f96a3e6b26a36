"""Platform-neutral identities: a community, a member and a place are (platform, id), so a Telegram
group, user and chat sit beside Discord's guild, user and channel without another schema."""

from __future__ import annotations

from dataclasses import dataclass

DISCORD = "discord"
TELEGRAM = "telegram"
PLATFORMS = (DISCORD, TELEGRAM)

# Ids from custom ids, callback data and options are stored as SQLite/PostgreSQL 64-bit integers.
MAX_ID = 2**63 - 1


def parse_id(text: object) -> int | None:
    """A positive 64-bit id from untrusted text (a custom id, an option), or None when it cannot be one."""
    value = str(text).strip() if text is not None else ""
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


@dataclass(frozen=True)
class Community:
    """A Discord server or a Telegram group."""

    platform: str
    id: int


@dataclass(frozen=True)
class Member:
    """A person as one platform knows them."""

    platform: str
    id: int


@dataclass(frozen=True)
class Place:
    """Where a message goes: a Discord channel or a Telegram chat."""

    platform: str
    id: int


@dataclass(frozen=True)
class MessageRef:
    """A message the bot posted, to edit or delete later."""

    place: Place
    id: int
