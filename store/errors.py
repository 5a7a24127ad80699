"""Errors the store raises. `str(error)` is one line a person can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from wording.catalog import english

if TYPE_CHECKING:
    from pathlib import Path

    from .core.shape import Problem


#: The code of every store error; its English sentence is "store.<code>" in
#: wording/locales/en.store.json (the only place it is written), the Vietnamese one in vi.store.json.
ERRORS: set[str] = {
    "closed", "not_found", "no_folder", "no_folder_create", "exists", "cannot_read",
    "cannot_create", "cannot_save", "kept_changing", "reload_in_change", "no_record", "no_delegate",
    "bad_record", "read_only", "torn_read", "follow_failed", "no_adjustment",
    "no_conference_to_continue", "workbook_problems", "locked", "locked_here", "locked_unknown",
    "locked_here_unknown", "open_as", "lock_file_unusable", "no_file_locks", "newer_schema",
    "source_not_found", "not_a_store", "cannot_lock", "name_too_long", "created_unconfirmed",
    "hard_link", "corrupt", "corrupt_reload", "step_failed", "saved_unconfirmed", "changed_on_disk",
    "cannot_back_up", "file_closed", "import_file_type", "import_refused", "import_not_found",
    "import_is_folder", "import_cannot_read", "import_empty", "bad_csv", "csv_binary",
    "csv_encoding", "no_data", "no_header", "no_scores_columns", "no_name_column",
    "xlsx_unreadable", "xlsx_no_visible_sheet", "xlsx_sheet_unreadable", "export_onto_store",
    "export_onto_lock_file", "export_onto_lock_note", "export_onto_backups",
    "export_onto_in_backups",
}


#: The JSON kinds a problem of the store's records names in its `got` / `expected` parameters,
#: worded as "kind.<kind>".
KINDS: tuple[str, ...] = ("text", "integer", "number", "boolean", "null", "list", "object")


def file_meant(name: str) -> str:
    """The file an operating-system error names, as a person knows it: for one of the store's
    temp files (".<name>.<16 hex>.tmp", never shown) the file it was to become, else `name`."""
    import os

    from .core.files import is_temp_name

    base = os.path.basename(name)
    return os.path.join(os.path.dirname(name), base[1:-21]) if is_temp_name(base) else name


def register_errors(codes: Iterable[str]) -> None:
    """Add an area's own store error codes, each worded as "store.<code>" in the catalogs; a code is
    defined once."""
    twice = ERRORS & set(codes)
    if twice:
        raise ValueError(f"store error codes defined twice: {', '.join(sorted(twice))}")
    ERRORS.update(codes)


def english_error(code: str, params: dict[str, object]) -> str:
    """The English sentence of a store error, from the catalog, for logs and `str(error)`."""
    text = english(f"store.{code}", **params)
    if "backup" in params:  # where a damaged store's newest good backup is, as the UI says it
        text += english("store.backup_hint" if params["backup"] else "store.no_good_backup", **params)
    return text


class StoreError(Exception):
    """Base of every error the store raises on purpose.

    Raised with a `code` (a key of ERRORS) and its parameters, it carries them for the UI to word
    (`.code`, `.params`); `str()` is the English sentence. A bare message is kept as it is."""

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        if code is not None:
            message = english_error(code, params)
        super().__init__(message)
        self.code = code
        self.params = params


class StoreNotFoundError(StoreError):
    """The store file does not exist."""


class StoreLockedError(StoreError):
    """Another process (or another handle in this one) has the store open."""


class StoreCorruptError(StoreError):
    """The file is empty, truncated or not JSON; it is left untouched."""


class StoreShapeError(StoreCorruptError):
    """The file parses but some records do not have the shape hoinghi needs; it is left untouched.

    `problems` lists every one of them (the message names the first few, on one line)."""

    def __init__(self, path: Path, problems: list[Problem], hint: str, backup: Path | None = None,
                 backup_dir: Path | None = None) -> None:
        self.path = path
        self.problems = problems
        #: the newest backup that would open, or None (then `backup_dir` was searched)
        self.backup = backup
        self.backup_dir = backup_dir
        from .core.shape import summary  # the records' problems, named in English

        super().__init__(f"{path} cannot be opened: {len(problems)} problem(s) in its records: "
                         f"{summary(problems)}; the file was left untouched; {hint}")


class StoreWriteError(StoreError):
    """A write did not become durable; nothing changed, on disk or in memory."""


class StoreVersionError(StoreError):
    """The file was written by a newer version of hoinghi."""


class NotFoundError(StoreError):
    """A record named by its code does not exist."""


#: The code of every validation reason; its words are "reason.<code>" in the catalogs (English in
#: en.*.json, written there only).
REASONS: set[str] = {
    "not_text", "control", "required", "too_long", "code_format", "integer", "number", "between",
    "yes_no", "date", "year", "instant", "time", "one_of", "unknown_field", "unknown_unit",
    "unit_or_org", "future", "before_birth", "phone", "code_taken", "not_checked_in",
}


def register_reasons(codes: Iterable[str]) -> None:
    """Add an area's own validation reason codes, worded as "reason.<code>" in the catalogs. A code
    is defined once."""
    twice = REASONS & set(codes)
    if twice:
        raise ValueError(f"reason codes defined twice: {', '.join(sorted(twice))}")
    REASONS.update(codes)


class ValidationError(StoreError):
    """Input refused: `field` names what, `code` (one of REASONS) and `params` say why.
    Nothing was changed. `reason` is the catalog's English sentence."""

    def __init__(self, field: str, code: str, *, row: int | None = None, **params: object) -> None:
        self.field = field
        self.code = code
        self.params = params
        self.reason = english(f"reason.{code}", **params)
        self.row = row
        where = f"row {row}: " if row is not None else ""
        Exception.__init__(self, f"{where}{field}: {self.reason}")


class StoreChangedOnDiskError(StoreWriteError):
    """Another program replaced, rewrote, truncated, removed or hard-linked the store file since this
    program last read or wrote it. Nothing was saved; memory holds the last committed state, which
    was also saved as a backup labelled "last-saved". `kind` says what happened ("replaced",
    "modified", "removed", "linked"); `DurableStorage.reload()` reads the file as it is now."""

    def __init__(self, message: str = "", kind: str = "modified", *, code: str | None = None,
                 **params: object) -> None:
        super().__init__(message, code=code, **params)
        self.kind = kind


class StoreExistsError(StoreError):
    """A new store was to be created where a file already exists; nothing was written."""


class StoreHardLinkError(StoreError):
    """The store file has another name (a hard link): two programs could then write it unseen."""


class ExportRefusedError(StoreError):
    """An export was aimed at the store itself, its backups, its lock file or its lock note."""
