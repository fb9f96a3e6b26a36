"""Discord-style API errors: an HTTP status, a JSON error code, a message and an ``errors`` tree."""

from __future__ import annotations

from typing import Any, Iterable, Optional

# JSON error codes used by the fake (https://discord.com/developers/docs/topics/opcodes-and-status-codes)
UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_MESSAGE = 10008
UNKNOWN_ROLE = 10011
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_APPLICATION_COMMAND = 10063
UNKNOWN_INTERACTION = 10062
UNKNOWN_GUILD_SCHEDULED_EVENT = 10070
MISSING_ACCESS = 50001
CANNOT_EDIT_OTHERS_MESSAGE = 50005
EMPTY_MESSAGE = 50006
CANNOT_DM_USER = 50007
INVALID_WEBHOOK_TOKEN = 50027
MISSING_PERMISSIONS = 50013
INVALID_FORM_BODY = 50035
ALREADY_ACKNOWLEDGED = 40060
ENTITY_TOO_LARGE = 40005


class APIError(Exception):
    """Raised inside request handlers; turned into the HTTP response Discord would give."""

    def __init__(self, status: int, code: int, message: str, errors: Optional[dict[str, Any]] = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


class FormErrors:
    """Collects field errors into Discord's nested ``errors`` object.

    ``add(("embeds", 0, "title"), "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.")`` gives
    ``{"embeds": {"0": {"title": {"_errors": [{"code": ..., "message": ...}]}}}}``.
    """

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}
        self.flat: list[tuple[str, str, str]] = []

    def add(self, path: Iterable[Any], code: str, message: str) -> None:
        node = self.tree
        parts = [str(p) for p in path]
        for part in parts:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
        self.flat.append((".".join(parts), code, message))

    def max_length(self, path: Iterable[Any], limit: int) -> None:
        self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def bad_length(self, path: Iterable[Any], low: int, high: int) -> None:
        self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def required(self, path: Iterable[Any]) -> None:
        self.add(path, "BASE_TYPE_REQUIRED", "This field is required")

    def __bool__(self) -> bool:
        return bool(self.tree)

    def nested_under(self, key: str) -> dict[str, Any]:
        return {key: self.tree}

    def raise_if_any(self, under: Optional[str] = None) -> None:
        if self:
            raise invalid_form_body(self.nested_under(under) if under else self.tree)


def invalid_form_body(errors: dict[str, Any]) -> APIError:
    return APIError(400, INVALID_FORM_BODY, "Invalid Form Body", errors)


def not_found(code: int, what: str) -> APIError:
    return APIError(404, code, f"Unknown {what}")


def unknown_interaction() -> APIError:
    return APIError(404, UNKNOWN_INTERACTION, "Unknown interaction")


def already_acknowledged() -> APIError:
    return APIError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")


def missing_permissions() -> APIError:
    return APIError(403, MISSING_PERMISSIONS, "Missing Permissions")


def missing_access() -> APIError:
    return APIError(403, MISSING_ACCESS, "Missing Access")


def cannot_dm() -> APIError:
    return APIError(403, CANNOT_DM_USER, "Cannot send messages to this user")


def empty_message() -> APIError:
    return APIError(400, EMPTY_MESSAGE, "Cannot send an empty message")
