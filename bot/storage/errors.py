"""Errors every storage driver may raise to the CLI (no driver imported here)."""

from __future__ import annotations


class DatabaseUnavailable(Exception):
    """The database server cannot be reached or refused the credentials; the message is one line for
    the operator and never contains a password."""
