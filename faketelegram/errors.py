"""Telegram's error answers: ``{"ok": false, "error_code": N, "description": "...", "parameters": {...}}``."""

from __future__ import annotations

from typing import Any, Optional


class TelegramError(Exception):
    """An error the Bot API answers with. ``description`` is the whole text Telegram sends
    (``"Bad Request: chat not found"``); ``parameters`` holds ``retry_after`` or ``migrate_to_chat_id``."""

    def __init__(self, code: int, description: str, parameters: Optional[dict[str, Any]] = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def bad_request(text: str) -> TelegramError:
    return TelegramError(400, f"Bad Request: {text}")


def forbidden(text: str) -> TelegramError:
    return TelegramError(403, f"Forbidden: {text}")


def too_many_requests(retry_after: int) -> TelegramError:
    return TelegramError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


UNAUTHORIZED = TelegramError(401, "Unauthorized")
NOT_FOUND = TelegramError(404, "Not Found")

# descriptions used in more than one place, spelled as Telegram spells them
CHAT_NOT_FOUND = "chat not found"
CANT_INITIATE = "bot can't initiate conversation with a user"
BLOCKED = "bot was blocked by the user"
TEXT_EMPTY = "message text is empty"
TEXT_TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "message caption is too long"
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the same "
                "as a current content and reply markup of the message")
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
