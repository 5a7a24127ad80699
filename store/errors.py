"""Errors the store raises. `str(error)` is one line a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class StoreNotFoundError(StoreError):
    """The store file does not exist."""


class StoreLockedError(StoreError):
    """Another process (or another handle in this one) has the store open."""


class StoreCorruptError(StoreError):
    """The file is empty, truncated or not JSON; it is left untouched."""


class StoreWriteError(StoreError):
    """A write did not become durable; nothing changed, on disk or in memory."""


class StoreVersionError(StoreError):
    """The file was written by a newer version of hoinghi."""


class NotFoundError(StoreError):
    """A record named by its code does not exist."""


class ValidationError(StoreError):
    """Input refused: `field` names what, `reason` says why. Nothing was changed."""

    def __init__(self, field: str, reason: str, *, row: int | None = None) -> None:
        self.field = field
        self.reason = reason
        self.row = row
        where = f"row {row}: " if row is not None else ""
        super().__init__(f"{where}{field}: {reason}")
