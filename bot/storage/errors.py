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


# -- whether a failed change was kept -------------------------------------------------------------
# A storage driver marks the exception of a write it undid, so the front end can tell the member the
# truth: "could not be saved, try again" (rather than "nothing you sent was lost").
_NOT_SAVED = "_baithak_not_saved"
_FULL = "_baithak_storage_full"


def mark_not_saved(exc: BaseException, *, full: bool = False) -> BaseException:
    """Record on `exc` that the write it interrupted was rolled back (`full`: for lack of space)."""
    try:
        setattr(exc, _NOT_SAVED, True)
        if full:
            setattr(exc, _FULL, True)
    except AttributeError:  # an exception type without a __dict__: nothing to record on
        pass
    return exc


def _chain(exc: BaseException | None) -> list[BaseException]:
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def not_saved(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) interrupted a write that was rolled back."""
    return any(getattr(e, _NOT_SAVED, False) for e in _chain(exc))


def storage_full(exc: BaseException) -> bool:
    """True when the write was refused because the disk (or the database's size limit) is full."""
    return any(getattr(e, _FULL, False) for e in _chain(exc))
