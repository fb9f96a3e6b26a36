"""Telegram's limits: text and caption lengths, inline keyboards, bot commands, and flood control.

Lengths are counted in characters after entity parsing and trimming (Telegram's rule), where a
"character" is a Unicode code point here.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from typing import Any, Optional

from .errors import bad_request, too_many_requests

TEXT = 4096
CAPTION = 1024
CALLBACK_DATA_BYTES = 64
CALLBACK_ANSWER_TEXT = 200
KEYBOARD_BUTTONS = 100     # buttons in one inline keyboard
KEYBOARD_ROW_BUTTONS = 8   # buttons in one row
BUTTON_TEXT = 4096         # Telegram takes long labels and shows them cut
COMMANDS = 100
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 256
FILE_UPLOAD = 50 * 1024 * 1024
FILE_DOWNLOAD = 20 * 1024 * 1024
MESSAGE_DELETE_HOURS = 48

# methods a forced 429 storm hits unless told otherwise
FLOOD_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto", "forwardmessage", "copymessage",
                           "editmessagetext", "editmessagecaption", "editmessagereplymarkup"})

_BUTTON_ACTIONS = ("url", "callback_data", "web_app", "login_url", "switch_inline_query",
                   "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
                   "callback_game", "pay")
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


def validate_inline_keyboard(markup: Any) -> list[list[dict[str, Any]]]:
    """Check an ``InlineKeyboardMarkup`` as Telegram does; return its rows."""
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        raise bad_request("can't parse inline keyboard: field \"inline_keyboard\" must be an Array")
    rows = markup["inline_keyboard"]
    total = 0
    for row in rows:
        if not isinstance(row, list):
            raise bad_request("can't parse inline keyboard: field \"inline_keyboard\" must be an Array of Arrays")
        if len(row) > KEYBOARD_ROW_BUTTONS:
            raise bad_request("BUTTONS_TOO_MUCH")
        for button in row:
            total += 1
            if not isinstance(button, dict):
                raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
            text = button.get("text")
            if not isinstance(text, str) or not text.strip():
                raise bad_request("can't parse inline keyboard button: Field \"text\" must be of type String")
            actions = [a for a in _BUTTON_ACTIONS if a in button]
            if not actions:
                raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not re.match(r"^(https?|tg)://\S+$", url):
                    raise bad_request("BUTTON_URL_INVALID")
    if total > KEYBOARD_BUTTONS:
        raise bad_request("BUTTONS_TOO_MUCH")
    return rows


def validate_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > COMMANDS:
        raise bad_request("too many commands specified")
    out = []
    for c in commands:
        if not isinstance(c, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name, description = str(c.get("command", "")), str(c.get("description", ""))
        if name.startswith("/"):
            name = name[1:]
        if not _COMMAND_RE.match(name.lower()):
            raise bad_request("BOT_COMMAND_INVALID")
        if not description.strip():
            raise bad_request("command description is empty")
        if len(description) > COMMAND_DESCRIPTION:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        out.append({"command": name.lower(), "description": description})
    return out


# ------------------------------------------------------------------------------------------------------
# flood control

@dataclass
class Bucket:
    rate: float      # tokens per second
    burst: float     # capacity
    tokens: float = -1.0
    stamp: float = 0.0

    def take(self, now: float) -> Optional[int]:
        """Take one token; None if allowed, else whole seconds until one is there."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return max(1, math.ceil((1 - self.tokens) / self.rate))


@dataclass
class ForcedStorm:
    remaining: int
    retry_after: int
    chat_id: Optional[int] = None
    methods: Optional[frozenset[str]] = None


@dataclass
class RateLimits:
    """Flood control on the methods that send messages (token buckets: a steady rate with a burst).

    Defaults follow Telegram's FAQ: about 1 message a second in one private chat, 20 a minute in a
    group, 30 a second overall; short bursts pass, as they do on Telegram. ``force(...)`` makes the
    next requests fail with 429 whatever the buckets say (a "429 storm")."""

    enabled: bool = True
    private: tuple[float, float] = (1.0, 3)          # (per second, burst)
    group: tuple[float, float] = (20 / 60, 20)
    overall: tuple[float, float] = (30.0, 30)
    limited: int = 0                                  # how many requests were refused
    _buckets: dict[Any, Bucket] = field(default_factory=dict)
    _storms: list[ForcedStorm] = field(default_factory=list)

    def reset(self) -> None:
        self._buckets.clear()
        self._storms.clear()

    def force(self, count: int = 1, retry_after: int = 1, *, chat_id: Optional[int] = None,
              methods: Optional[set[str]] = None) -> None:
        self._storms.append(ForcedStorm(count, retry_after, chat_id,
                                        frozenset(m.lower() for m in methods) if methods else None))

    @property
    def storming(self) -> bool:
        return bool(self._storms)

    def check_forced(self, method: str, chat_id: Optional[int]) -> None:
        for storm in list(self._storms):
            if storm.remaining <= 0:
                self._storms.remove(storm)
                continue
            if method.lower() not in (storm.methods or FLOOD_METHODS):
                continue
            if storm.chat_id is not None and storm.chat_id != chat_id:
                continue
            storm.remaining -= 1
            if storm.remaining <= 0:
                self._storms.remove(storm)
            self.limited += 1
            raise too_many_requests(storm.retry_after)

    def check(self, chat_id: int, private: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        rate, burst = self.private if private else self.group
        chat = self._buckets.setdefault(("chat", chat_id), Bucket(rate, burst))
        overall = self._buckets.setdefault("overall", Bucket(*self.overall))
        # peek the chat bucket first so a refused request does not use the overall budget
        wait = chat.take(now)
        if wait is None:
            wait = overall.take(now)
            if wait is not None:
                chat.tokens += 1
        if wait is not None:
            self.limited += 1
            raise too_many_requests(wait)
