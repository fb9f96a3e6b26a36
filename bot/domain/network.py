"""A network of communities on one deployment: one-time invite codes, what each side shares, and who
may change it. Nothing about reporters, cases or evidence ever belongs to the network: only
published fact-checks (and resources) of a member that chose to share them."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.errors import DomainError
from bot.domain.identity import Community

INVITE_VALID = timedelta(hours=24)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_LENGTH = 10

INVITE = "invite"
JOIN = "join"
SHARE = "share"
LEAVE = "leave"

FACTCHECKS = "factchecks"
RESOURCES = "resources"


def new_code() -> str:
    """A fresh one-time code, e.g. `NET-7KQ2M9XW4R`."""
    return "NET-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    """What is stored of a code (the code itself is shown once, to the admin who asked)."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if cleaned.startswith("NET"):
        cleaned = cleaned[3:]
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        raise DomainError("network.bad_code")
    return hashlib.sha256(cleaned.encode()).hexdigest()


def parse_switch(value: str | None) -> bool | None:
    if value is None:
        return None
    if value not in ("on", "off"):
        raise DomainError("network.bad_switch", value=value[:10])
    return value == "on"


@dataclass(frozen=True)
class Membership:
    network_id: int
    community: Community
    joined_at: datetime
    share_factchecks: bool
    share_resources: bool


@dataclass(frozen=True)
class NetworkAudit:
    community: Community
    actor_id: int
    action: str
    detail: str
    at: datetime
