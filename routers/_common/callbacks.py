"""Inline buttons: a button intent (`bot.ports.messaging.Button`) becomes callback_data of at most 64
bytes, `<code>:<id>:<id>...`, and comes back through one range-checked parser.

Each feature registers a short code for each of its actions with :func:`register`. Targets are ids
(read back with `bot.domain.identity.parse_id`) or short words from a fixed set. A forged, stale or
unknown callback is "no longer exists", never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.identity import parse_id
from bot.ports.messaging import Button

CALLBACK_DATA_MAX = 64
_CODES: dict[str, str] = {}  # action -> code
_ACTIONS: dict[str, str] = {}  # code -> action
_WORD = re.compile(r"^[a-z][a-z0-9_]{0,15}$")


def register(action: str, code: str) -> None:
    """Encode buttons whose action is `action` with the prefix `code` (never change a code once used:
    buttons already posted carry it)."""
    if not re.fullmatch(r"[a-z][a-z0-9]{0,5}", code):
        raise ValueError(f"callback code {code!r}: 1-6 lower-case letters and digits")
    if _ACTIONS.get(code, action) != action:
        raise ValueError(f"callback code {code!r} is already used by {_ACTIONS[code]}")
    _CODES[action] = code
    _ACTIONS[code] = action


def handles(button: Button) -> bool:
    """Whether a Telegram router registered this button's action."""
    return button.action in _CODES


def encode(button: Button) -> str:
    """The callback_data of a button intent; ValueError if it would not fit Telegram's 64 bytes."""
    parts = [_CODES[button.action]]
    for value in button.target:
        text = str(value)
        if isinstance(value, int):
            if value < 0:
                raise ValueError(f"{button.action}: negative ids are not button targets")
        elif not _WORD.match(text):
            raise ValueError(f"{button.action}: target {text!r} is not a short word")
        parts.append(text)
    data = ":".join(parts)
    if len(data.encode()) > CALLBACK_DATA_MAX:
        raise ValueError(f"callback data for {button.action} is over {CALLBACK_DATA_MAX} bytes")
    return data


@dataclass(frozen=True)
class Intent:
    """A pressed button: its action and its raw targets."""

    action: str
    parts: tuple[str, ...]

    def number(self, index: int) -> int:
        """A range-checked id (or page number 0..) from the targets."""
        raw = self.parts[index] if index < len(self.parts) else ""
        if raw == "0":
            return 0
        value = parse_id(raw)
        if value is None:
            raise DomainError("common.not_found")
        return value

    def word(self, index: int, allowed: tuple[str, ...]) -> str:
        raw = self.parts[index] if index < len(self.parts) else ""
        if raw not in allowed:
            raise DomainError("common.not_found")
        return raw


def decode(data: str | None) -> Intent:
    """The intent of callback_data; DomainError("common.not_found") for anything unknown or malformed."""
    if not data or len(data.encode()) > CALLBACK_DATA_MAX:
        raise DomainError("common.not_found")
    code, *parts = data.split(":")
    action = _ACTIONS.get(code)
    if action is None or len(parts) > 6:
        raise DomainError("common.not_found")
    return Intent(action, tuple(parts))


def is_registered(data: str | None) -> bool:
    return bool(data) and data.split(":", 1)[0] in _ACTIONS  # type: ignore[union-attr]
