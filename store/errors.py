"""Errors the store raises. `str(error)` is one line a person can act on."""

from __future__ import annotations


#: English text of every store error with a code; parameters in braces. The UI words the same
#: codes from its catalog ("store.<code>"), so a person reads them in the interface language.
ERRORS: dict[str, str] = {
    "closed": "the store is closed; open it again",
    "not_found": "{path} does not exist; check the path or create a new store",
    "no_folder": "{path} cannot be opened: folder {folder} does not exist",
    "no_folder_create": "{path} cannot be created: folder {folder} does not exist",
    "exists": "{path} already exists; choose another name or remove it first",
    "cannot_read": "could not read {path}: {reason}",
    "cannot_create": "could not create {path}: {reason}; nothing was created",
    "cannot_save": "could not save {path}: {reason}; nothing was changed",
    "kept_changing": "{path} kept changing while it was read: another program is writing it; close that program first",
    "reload_in_change": "{path} cannot be reloaded in the middle of a change",
    "no_record": "no record {record!r} in {table}",
    "no_delegate": "no delegate with code {code_!r}",
    "bad_record": "not saved: {problems}",
    "read_only": "{path} is followed read-only; nothing is written",
    "torn_read": "{path} changed while it was read",
    "follow_failed": "{path} cannot be shown: {why}",
    "no_adjustment": "{unit} has no {kind} number {number}",
    "no_conference_to_continue": "{path}: has no conference (title, year, date) to go on from",
    "workbook_problems": "{file}: {count} problem(s); nothing was created",
    "locked": "{path} is already open {holder}; close it there first",
    "locked_here": "{path} is already open {holder}; close it there first",
    "locked_unknown": "{path} is already open {holder}; close it there first",
    "locked_here_unknown": "{path} is already open {holder}; close it there first",
    "open_as": "{path} is already open in this program as {other}; close it there first",
    "lock_file_unusable": "could not lock {path}: its lock file {lock} cannot be opened ({reason})",
    "no_file_locks": "could not lock {path}: this folder does not support file locks (network share?): copy the store to a local disk",
    "newer_schema": "{path} was written by a newer hoinghi (schema {version}, this one knows {known}): update hoinghi to open it; the file was not changed",
    "source_not_found": "{path} does not exist",
    "not_a_store": "{path} cannot be read as a store: {why}",
    "cannot_lock": "could not lock {path}: {reason}",
    "name_too_long": "{name}... in {folder}: the file name is too long ({size} bytes; a store's name may have at most {limit} here, to leave room for its backups): use a shorter name",
    "created_unconfirmed": "{path} was created but the disk did not confirm it ({reason}): check the disk",
    "hard_link": "{path} has another name (hard link; {names} names in all), so another program could change it unseen: copy it to a new file and open the copy",
    "corrupt": "{path} cannot be opened: {why}; the file was left untouched; {hint}",
    "corrupt_reload": "{path} cannot be reloaded: {why}; the file was left untouched; {hint}",
    "step_failed": "could not save {path}: a step inside the change failed; nothing was changed",
    "saved_unconfirmed": "{path} was saved but the disk did not confirm it ({reason}); the last change may be lost on a power cut: check the disk",
    "changed_on_disk": "{path} was changed by another program since it was opened; nothing was saved; reload it",
    "cannot_back_up": "could not back up {path} into {folder}: {reason}; nothing was changed",
    "file_closed": "{path} is closed; open it again",
    "import_file_type": "{file}: unknown file type {suffix!r}; expected {expected}",
    "import_refused": "{file}: refused: {why}",
    "import_not_found": "{file}: file not found",
    "import_is_folder": "{file}: is a folder, not a file",
    "import_cannot_read": "{file}: cannot be read ({reason})",
    "import_empty": "{file}: the file is empty",
    "bad_csv": "{file}: not a valid CSV file (line {line}: {detail})",
    "csv_binary": "{file}: not a CSV text file (it contains binary data)",
    "csv_encoding": "{file}: not text in UTF-8, Windows-1258, TCVN3 or VNI",
    "no_data": "{file}: no header row (the file has no data)",
    "no_header": "{file}: no header row",
    "no_scores_columns": "{file}: no unit, group and score columns (Đơn vị, Mã nhóm or Nội dung, Tự chấm or Cụm chấm)",
    "no_name_column": "{file}: no name column (expected 'Họ và tên', or 'Họ', 'Tên đệm' and 'Tên', within the first 20 rows)",
    "xlsx_unreadable": "{file}: not a readable .xlsx workbook ({detail})",
    "xlsx_no_visible_sheet": "{file}: the workbook has no visible sheet",
    "xlsx_sheet_unreadable": "{file}: the sheet cannot be read ({detail})",
    "export_onto_store": "{path} is the store itself ({store}); nothing was written: choose another file name",
    "export_onto_lock_file": "{path} is the store's lock file ({store}); nothing was written: choose another file name",
    "export_onto_lock_note": "{path} is the store's lock note ({store}); nothing was written: choose another file name",
    "export_onto_backups": "{path} is the store's backups folder ({store}); nothing was written: choose another file name",
    "export_onto_in_backups": "{path} is in the store's backups folder ({store}); nothing was written: choose another file name",
}


def register_errors(errors: dict[str, str]) -> None:
    """Add an area's own store error codes (English text); a code is defined once."""
    twice = ERRORS.keys() & errors.keys()
    if twice:
        raise ValueError(f"store error codes defined twice: {', '.join(sorted(twice))}")
    ERRORS.update(errors)


class StoreError(Exception):
    """Base of every error the store raises on purpose.

    Raised with a `code` (a key of ERRORS) and its parameters, it carries them for the UI to word
    (`.code`, `.params`); `str()` is the English sentence. A bare message is kept as it is."""

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        if code is not None:
            message = ERRORS[code].format(**params)
        super().__init__(message)
        self.code = code
        self.params = params


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


def register_reasons(reasons: dict[str, str]) -> None:
    """Add an area's own validation reason codes (English text, parameters in braces); the UI
    words them from its catalog ("reason.<code>"). A code is defined once."""
    twice = REASONS.keys() & reasons.keys()
    if twice:
        raise ValueError(f"reason codes defined twice: {', '.join(sorted(twice))}")
    REASONS.update(reasons)


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
