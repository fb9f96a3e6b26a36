"""Expected failures of the domain, carried as an i18n key plus parameters."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the user should read: bad input, a missing permission, a stale button.

    `key` names a message in the i18n catalogue; `params` fill its placeholders. Front ends render it
    in the guild's language; nothing has been changed when it is raised.
    """

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.key!r}, {self.params!r})"
