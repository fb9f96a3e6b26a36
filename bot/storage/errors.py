"""Errors every storage driver may raise to the CLI (no driver imported here)."""

from __future__ import annotations


class DatabaseUnavailable(Exception):
    """The database server cannot be reached or refused the credentials; the message is one line for
    the operator and never contains a password."""


class DatabaseDamaged(DatabaseUnavailable):
    """The database file is damaged or is not a database; it is left untouched and the message names
    it and says to restore it from a copy made by `baithak backup`."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"the database file {path} is damaged or not a Baithak database ({detail}): "
                         "it was left untouched; restore it from a copy made with `baithak backup`")
        self.path = path
