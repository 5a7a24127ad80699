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


#: English text of every validation reason; the UI translates the same codes ("reason.<code>").
REASONS = {
    "not_text": "must be text",
    "control": "contains a control character ({char})",
    "required": "is required",
    "too_long": "is too long ({n} characters, at most {max})",
    "code_format": "must be 1-32 letters, digits, '.', '_' or '-'",
    "integer": "must be a whole number",
    "number": "must be a number",
    "between": "must be between {low} and {high}",
    "yes_no": "must be yes or no",
    "date": "must be a date YYYY-MM-DD",
    "year": "must be a year between 1900 and 2100",
    "instant": "must be a date and time YYYY-MM-DDTHH:MM:SS",
    "time": "must be a time HH:MM",
    "one_of": "must be one of: {allowed}",
    "unknown_field": "is not a delegate field",
    "unknown_unit": "unknown unit {unit!r}",
    "unit_or_org": "a delegate needs a member unit or an organization",
    "future": "is in the future",
    "before_birth": "is before the date of birth",
    "phone": "may hold only digits, spaces and + ( ) . -",
    "code_taken": "{code} is already used by another delegate",
    "not_checked_in": "{name} is not checked in",
}


class ValidationError(StoreError):
    """Input refused: `field` names what, `code` (a key of REASONS) and `params` say why.
    Nothing was changed. `reason` is the English sentence."""

    def __init__(self, field: str, code: str, *, row: int | None = None, **params: object) -> None:
        self.field = field
        self.code = code
        self.params = params
        self.reason = REASONS[code].format(**params)
        self.row = row
        where = f"row {row}: " if row is not None else ""
        super().__init__(f"{where}{field}: {self.reason}")


class StoreChangedOnDiskError(StoreWriteError):
    """Another program replaced, rewrote, truncated, removed or hard-linked the store file since this
    program last read or wrote it. Nothing was saved; memory holds the last committed state, which
    was also saved as a backup labelled "last-saved". `kind` says what happened ("replaced",
    "modified", "removed", "linked"); `DurableStorage.reload()` reads the file as it is now."""

    def __init__(self, message: str, kind: str = "modified") -> None:
        super().__init__(message)
        self.kind = kind


class StoreExistsError(StoreError):
    """A new store was to be created where a file already exists; nothing was written."""


class StoreHardLinkError(StoreError):
    """The store file has another name (a hard link): two programs could then write it unseen."""


class ExportRefusedError(StoreError):
    """An export was aimed at the store itself, its backups, its lock file or its lock note."""
