"""The TinyDB storage of hoinghi: durable, exclusive, private, with a write-ahead journal and
rolling backups.

    db = TinyDB(path, storage=DurableStorage, create=True)

- Open: lock `<file>.lock` (refused with StoreLockedError while another process, or another handle
  in this one, has the file, by its path or by its identity), remove temp files a crash left,
  parse the file once with orjson, replay the whole records of its journal `<file>.journal`
  (`store.core.journal`), and keep the result in memory. A torn last record (a power cut in the
  middle of an append, never acknowledged) is dropped and counted in `journal_torn`; records
  replayed at open are folded into the file at once. A file that is empty, truncated, not JSON or
  not an object of tables, or a journal damaged in the middle or written for another file, is
  refused with StoreCorruptError naming the newest good backup, and is never touched. A file
  with another name (a hard link) is refused (StoreHardLinkError), except for links to it in its
  own backups folder, made by older versions: those become copies.
- A change (`stage()` inside a `transaction()`, as the unit of work does): one record appended to
  the journal and fsynced; `write()` returns only when it is durable. Its cost does not depend on
  the size of the store.
- `write(data)` (TinyDB's own path: a table's insert, update, remove): the whole file is written
  again, as a fold: serialize with orjson to a temp file beside the store, fsync it, `os.replace`
  it over the store, fsync the folder (`store.core.writing`), then empty the journal.
- Folding (`store.core.folding`): at close, after `fold_every` records or `fold_bytes` bytes of
  journal, when a backup is due, and when the app is idle (`fold()`). A failed fold loses
  nothing: the journal still holds every record.
- On any failure nothing is changed on disk and memory goes back to the last committed state
  (TinyDB edits documents in place before it calls `write()`), and StoreWriteError says so.
- Another writer: after opening and after each of its own writes the storage records the file's
  identity (device, inode, size, modification time, number of names), and the journal's. Before
  each write it compares: if another program replaced, rewrote, truncated, removed or linked the
  file, or touched the journal, nothing is written, memory goes back to the last committed state,
  that state is saved as a backup ("last-saved"), and StoreChangedOnDiskError says so; `reload()`
  adopts the file as it is now.
- `transaction()`: writes inside only change memory; the outermost exit writes once, or on an
  exception restores memory and lets the exception through.
- Backups: independent byte copies (never hard links) of the whole committed state, taken right
  after a fold (so the file alone holds it), at open (unless the newest backup already holds
  it), every `backup_every` writes, and at close (if anything was written since the last one);
  the newest `backup_keep` are kept, within `backup_max_bytes`. See `store.core.backups`.
- Privacy: the store, its journal, temp files, backups, backup folder, lock file and note are
  owner-only (0600 files, 0700 folders) whatever the umask (see `store.core.files`).

Not thread-safe by itself: the service serializes every call with its one lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ..errors import (
    StoreChangedOnDiskError,
    StoreError,
    StoreExistsError,
    StoreNotFoundError,
    StoreWriteError,
)
from .backup_schedule import BackupSchedule
from .backups import (
    default_backup_dir,
    is_checked,
    list_backups,
    make_private,
    newest_good_backup,
    remove_stale_temps,
    same_bytes,
    store_path,
)
from .decode import decode_store
from .folding import FOLD_BYTES, FOLD_RECORDS, Committed
from .journal import JournalDamaged, JournalMismatch, replay_onto
from .journal_file import JournalFile, read_journal
from .files import PRIVATE_FILE, DirectorySyncError, tighten
from .lock import StoreLock
from .store_file import change_kind, corrupt_error, hard_link_error, journal_error, read_whole, unlink_old_backups
from .writing import (
    Identity,
    replace_atomically,
    reason_text,
    atomic_write_bytes,
    check_name_length,
    create_exclusive,
    file_identity,
    refuse_store_files,
)

__all__ = [
    "DirectorySyncError",
    "DurableStorage",
    "atomic_write_bytes",
    "check_name_length",
    "create_exclusive",
    "file_identity",
    "list_backups",
    "newest_good_backup",
    "refuse_store_files",
]

_LOG = logging.getLogger(__name__)

#: Default number of durable writes between two automatic backups. A backup is a copy of the
#: committed bytes (write + fsync of a private temp file, rename): a few ms at 10,000 delegates.
BACKUP_EVERY = 50
BACKUP_KEEP = 10
BACKUP_MAX_BYTES = 200_000_000


class DurableStorage(Storage):
    """A TinyDB storage held exclusively while open; see the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        backup_keep: int = BACKUP_KEEP,
        backup_every: int = BACKUP_EVERY,
        backup_dir: str | os.PathLike[str] | None = None,
        backup_max_bytes: int | None = BACKUP_MAX_BYTES,
        fold_every: int = FOLD_RECORDS,
        fold_bytes: int = FOLD_BYTES,
        vet: Callable[[DurableStorage, dict[str, Any]], None] | None = None,
    ) -> None:
        self._path = store_path(path)
        self._backup_dir = (
            Path(os.path.abspath(os.fspath(backup_dir))) if backup_dir is not None else default_backup_dir(self._path)
        )
        self._backups = BackupSchedule(self._path, self._backup_dir, every=backup_every, keep=backup_keep,
                                       max_bytes=backup_max_bytes)
        self._fold_every, self._fold_bytes = fold_every, fold_bytes
        self._write_count = 0
        self._depth = 0
        self._pending = False
        self._tx_failed = False
        self._closed = True
        self._state = Committed(b"", 0)
        self._journal: JournalFile | None = None
        #: inside a transaction: (table, doc id, had it, old doc) to undo, and the changes staged
        self._undo: list[tuple[str, str, bool, Any]] = []
        self._staged: list[dict[str, Any]] = []
        self._staged_by = ""
        #: TinyDB wrote the whole data (and may have edited documents in place) since the last commit
        self._whole = False
        self._identity: Identity | None = None
        self._file_stat: os.stat_result | None = None
        self._data: dict[str, Any] = {}
        self._restore_hooks: list[Callable[[], None]] = []
        #: the file held exactly the bytes of the newest backup when it was opened: bytes this
        #: program had already checked, so open did not check them again
        self.opened_verified = False
        #: the committed state descends from checked bytes (its backups are labelled "-checked")
        self._checked = False
        #: bytes of a torn last journal record dropped at open (a power cut mid-append), 0 if none
        self.journal_torn = 0
        #: why the last fold failed (None once one succeeds): the journal still holds everything
        self.last_fold_error: str | None = None

        if not self._path.parent.is_dir():
            raise StoreNotFoundError(code="no_folder", path=str(self._path), folder=str(self._path.parent))
        if not create and not self._path.exists():
            raise StoreNotFoundError(code="not_found", path=str(self._path))
        check_name_length(self._path)

        self._lock = StoreLock(self._path)
        self._lock.acquire()
        self._release = weakref.finalize(self, self._lock.release)
        try:
            self._load(create, vet)
        except BaseException:
            if self._journal is not None:
                self._journal.close()
            self._release()
            raise
        self._closed = False

    # -- open ---------------------------------------------------------------------------------

    def _load(self, create: bool, vet: Callable[[DurableStorage, dict[str, Any]], None] | None) -> None:
        """Read, decode, replay the journal and (with `vet`) check, then fold and back up.

        Every backup holds bytes that were checked (by `vet` at open or reload, or written by
        this program), so a file identical to the newest backup, with an empty journal, is taken
        without the search for repeated keys and without `vet`. `check` always checks all."""
        remove_stale_temps(self._path, self._backup_dir)
        if create and not self._path.exists():
            try:
                create_exclusive(self._path, b"{}")
            except StoreExistsError:
                pass  # created meanwhile by another program: open what is there
        raw, st = read_whole(self._path)
        if st.st_nlink > 1:
            st = unlink_old_backups(self._path, self._backup_dir, st)
        self._lock.claim_file(st)
        if st.st_nlink > 1:
            raise hard_link_error(self._path, st)
        journal = read_journal(self._path)
        newest = list_backups(self._path, self._backup_dir)[:1]
        verified = not journal and bool(newest) and is_checked(self._path, newest[0]) and same_bytes(newest[0], raw)
        data, replayed = self._decode(raw, journal, verified, "corrupt")
        self._state = Committed(raw, replayed.generation, last_gen=replayed.last_gen, seq=replayed.last_seq,
                                appended=journal[replayed.start:replayed.end], records=replayed.applied)
        self._data = data
        self._identity, self._file_stat = file_identity(st), st
        self.opened_verified = verified
        if vet is not None and not verified:
            vet(self, data)  # raises when the file is not a store this program can use
        self._checked = verified or vet is not None
        tighten(self._path, PRIVATE_FILE)  # a store made by an older version may be 0644
        make_private(self._path, self._backup_dir)
        self._journal = JournalFile(self._path, keep=replayed.end)
        self.journal_torn = replayed.torn
        if replayed.applied:
            self._fold(data, raise_errors=True)
        elif replayed.stale:
            self._journal.empty()  # records the file already holds (a fold killed before it emptied them)
        if verified:
            self._backups.up_to_date()
        else:
            self._auto_backup("open", skip_if_same=True)

    def _decode(self, raw: bytes, journal: bytes, verified: bool, code: str):
        try:
            data = decode_store(raw, verified=verified, stamp=True)
        except ValueError as exc:
            raise corrupt_error(self._path, self._backup_dir, code, exc) from None
        try:
            return data, replay_onto(data, journal, len(raw))
        except (JournalDamaged, JournalMismatch) as exc:
            raise journal_error(self._path, self._backup_dir, exc) from None

    # -- the Storage interface ------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        self._check_open()
        return dict(self._data)

    def write(self, data: dict[str, Any]) -> None:
        self._check_open()
        self._whole = True
        if self._depth:
            self._data, self._pending = data, True
            return
        self._commit(data)

    def stage(self, changes: list[dict[str, Any]], *, by: str = "") -> None:
        """Inside a transaction: apply `changes` (the journal's form: {"t": table, "id": doc id,
        "code": code, "doc": document or None}) to memory; the transaction's end appends them as
        one journal record. The documents must be new objects, never edited afterwards."""
        self._check_open()
        if not self._depth:
            raise StoreError(code="stage_outside_change", path=str(self._path))
        data = self._data
        for change in changes:
            name, doc_id, doc = change["t"], change["id"], change.get("doc")
            table = data.get(name)
            if table is None:
                self._undo.append((name, "", False, None))
                table = data[name] = {}
            self._undo.append((name, doc_id, doc_id in table, table.get(doc_id)))
            if doc is None:
                table.pop(doc_id, None)
            else:
                table[doc_id] = doc
        self._staged.extend(changes)
        self._staged_by = by or self._staged_by
        self._pending = True

    def close(self) -> None:
        """Fold the journal into the file, back up what was written since the last backup,
        release the lock and forget the data; calling it again does nothing. A failed fold or
        backup does not stop the close (the journal keeps every record; see `last_fold_error`,
        `last_backup_error`)."""
        if self._closed:
            return
        if self._depth:
            self._undo_staged()
        if self._state.records:
            self._fold(self._data)
        if self._backups.behind:
            self._auto_backup("close")
        self._closed = True
        self._data, self._state = {}, Committed(b"", 0)
        self._depth, self._pending, self._tx_failed = 0, False, False
        if self._journal is not None:
            self._journal.close()
        self._release()

    # -- transactions ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[DurableStorage]:
        """Group writes into one durable write; nestable (inner blocks join the outermost one).

        If the block raises, memory returns to the last committed state and the exception
        propagates. If an inner block raised and the outer block swallowed the exception, the
        outermost exit discards everything and raises StoreWriteError.
        """
        self._check_open()
        self._depth += 1
        try:
            yield self
        except BaseException:
            if not self._closed:
                self._depth -= 1
                self._restore()
                self._tx_failed = self._depth > 0
            raise
        if self._closed:  # closed inside the block: the pending changes were dropped
            return
        self._depth -= 1
        if self._depth:
            return
        failed, pending = self._tx_failed, self._pending
        self._tx_failed = self._pending = False
        if failed:
            self._restore()
            raise StoreWriteError(code="step_failed", path=str(self._path))
        if pending:
            self._commit(self._data)

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- writing --------------------------------------------------------------------------------

    def _commit(self, data: dict[str, Any]) -> None:
        if self._whole or (self._journal is not None and self._journal.broken):
            self._commit_whole(data)
        elif self._staged:
            self._append()
        if self._state.records and (self._backups.due or self._state.fold_due(self._fold_every, self._fold_bytes)):
            self._fold(self._data)
        if self._backups.due and not self._state.records:
            self._auto_backup("auto")

    def _append(self) -> None:
        """Append the staged changes as one journal record, durably; on failure undo them."""
        try:
            record = self._state.encode(self._staged, self._staged_by)
        except Exception as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        self._check_unchanged()
        try:
            self._journal.append(record)
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        except BaseException:
            self._restore()
            raise
        self._state.appended_record(record)
        self._undo, self._staged, self._staged_by = [], [], ""
        self._write_count += 1
        self._backups.wrote()

    def _commit_whole(self, data: dict[str, Any]) -> None:
        """TinyDB's write of the whole data: written as a fold (the whole file replaced)."""
        try:
            raw, generation = self._state.fold_bytes(data)
        except Exception as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        if not self._state.records and raw == self._state.base:
            self._committed(data)
            return
        self._check_unchanged()
        self._replace(raw, generation, data, restore=True)
        self._write_count += 1
        self._backups.wrote()

    def _replace(self, raw: bytes, generation: int, data: dict[str, Any], *, restore: bool) -> None:
        """Write `raw` as the whole file, then empty the journal (the fold's order)."""
        try:
            st = replace_atomically(self._path, raw)
        except DirectorySyncError as exc:
            self._after_replace(raw, generation, data, getattr(exc, "written", None), empty=False)
            raise StoreWriteError(code="saved_unconfirmed", path=str(self._path), reason=reason_text(exc),
                                  error=exc) from exc
        except OSError as exc:
            if restore:
                self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        except BaseException:
            if restore:
                self._restore()
            raise
        self._after_replace(raw, generation, data, st, empty=True)

    def _after_replace(self, raw: bytes, generation: int, data: dict[str, Any], written: os.stat_result | None,
                       *, empty: bool) -> None:
        """Record what was just written: the bytes, and the identity of the file now at the path
        (taken from the path when it is the file written, else from the written file itself, so
        that a program which replaced it in between is caught by the next write); then empty the
        journal, whose records the file now holds (kept when the folder sync was not confirmed)."""
        st = written
        try:
            now = os.stat(self._path)
            if written is None or (now.st_dev, now.st_ino) == (written.st_dev, written.st_ino):
                st = now
        except OSError:
            pass
        self._state.folded(raw, generation)
        self._committed(data)
        if st is None:  # unknown: the next write will refuse and ask for a reload
            self._identity = None
        else:
            self._identity, self._file_stat = file_identity(st), st
        if empty and self._journal is not None and self._journal.size:
            try:
                self._journal.empty()
            except OSError as exc:  # the records follow the file's generation: replay skips them
                _LOG.warning("could not empty the journal of %s: %s", self._path, reason_text(exc))

    def _committed(self, data: dict[str, Any]) -> None:
        self._data = data
        self._undo, self._staged, self._staged_by, self._whole = [], [], "", False

    def fold(self) -> bool:
        """Write the journal's records into the file (and back it up when a backup is due):
        what the app calls when idle. Never raises: a failure leaves the journal as it was
        (`last_fold_error` says why). True when there was something to fold and it was."""
        self._check_open()
        if self._depth or not self._state.records:
            return False
        return self._fold(self._data)

    def _fold(self, data: dict[str, Any], *, raise_errors: bool = False) -> bool:
        try:
            self._check_unchanged()
            raw, generation = self._state.fold_bytes(data)
            self._replace(raw, generation, data, restore=False)
        except (OSError, StoreError) as exc:
            self.last_fold_error = str(exc)
            _LOG.warning("could not fold the journal of %s: %s", self._path, exc)
            if raise_errors:
                raise
            return False
        self.last_fold_error = None
        return True

    def _check_unchanged(self) -> None:
        """Before a write: StoreChangedOnDiskError (nothing written, memory restored, the last
        committed state backed up) unless the file and the journal are still the ones this
        storage last saw."""
        try:
            now: Identity | None = file_identity(os.stat(self._path))
        except FileNotFoundError:
            now = None
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        kind = change_kind(self._identity, now)
        if kind is None and (self._journal is None or self._journal.unchanged()):
            return
        self._restore()
        if not self._backups.current:  # what this program last saved may now exist nowhere else
            self._auto_backup("last-saved")
        raise StoreChangedOnDiskError(kind=kind or "modified", code="changed_on_disk", path=str(self._path))

    def _restore(self) -> None:
        """Throw away uncommitted changes: memory becomes the committed state (the staged changes
        undone; after TinyDB's own writes, which edit documents in place, parsed again)."""
        if self._whole:
            self._data = self._state.rebuild()
        else:
            self._undo_staged()
        self._committed(self._data)
        self._pending = False
        self._run_restore_hooks()

    def _undo_staged(self) -> None:
        data = self._data
        for name, doc_id, had, old in reversed(self._undo):
            if not doc_id:
                data.pop(name, None)
            elif had:
                data[name][doc_id] = old
            else:
                data[name].pop(doc_id, None)
        self._undo, self._staged = [], []

    def _committed_bytes(self) -> bytes:
        """The whole committed state as one file's bytes (the file's own when nothing is pending
        in the journal)."""
        if not self._state.records:
            return self._state.base
        return self._state.fold_bytes(self._state.rebuild())[0]

    def _run_restore_hooks(self) -> None:
        for hook in list(self._restore_hooks):
            try:
                hook()
            except Exception:  # a hook must not hide the error being raised
                _LOG.exception("restore hook %r failed", hook)

    def add_restore_hook(self, hook: Callable[[], None]) -> None:
        """Call `hook()` whenever memory is replaced: thrown back to the committed state (a failed
        write or a rolled-back transaction) or read again from disk (`reload()`). `open_tinydb`
        uses it to clear TinyDB's query caches, which may otherwise keep stale results."""
        self._restore_hooks.append(hook)

    # -- another program --------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one this storage last read or wrote, or the
        journal was touched (two stats)."""
        self._check_open()
        try:
            return file_identity(os.stat(self._path)) != self._identity or not self._journal.unchanged()
        except OSError:
            return True

    def reload(self, vet: Callable[[DurableStorage, dict[str, Any]], None] | None = None) -> None:
        """Read the file again as it is now on disk (after another program changed it), and
        make that the committed state. What this program last saved (file and journal) is kept
        as a backup ("last-saved"), the file being adopted is backed up too ("reload"), and the
        journal is emptied: the file is adopted as it is.

        Refused (memory unchanged) inside a transaction, when the file is missing
        (StoreNotFoundError), has another name (StoreHardLinkError), or is not a store
        (StoreCorruptError naming the newest good backup; the file is left untouched), or when
        `vet(storage, data)` raises (its exception propagates; memory unchanged).
        """
        self._check_open()
        if self._depth:
            raise StoreError(code="reload_in_change", path=str(self._path))
        raw, st = read_whole(self._path)
        if st.st_nlink > 1:
            raise hard_link_error(self._path, st)
        data, replayed = self._decode(raw, b"", False, "corrupt_reload")
        if vet is not None:
            vet(self, data)  # raises when the file is not a store this program can use; nothing adopted
        old = self._file_stat
        if old is None or (old.st_dev, old.st_ino) != (st.st_dev, st.st_ino):
            self._lock.claim_file(st)
            if old is not None:
                self._lock.forget_file(old)
        if not self._backups.current and self._committed_bytes() != raw:
            self._auto_backup("last-saved")
        self._journal.empty()
        self._state = Committed(raw, replayed.generation)
        self._committed(data)
        self._identity, self._file_stat = file_identity(st), st
        self._checked = vet is not None
        self._pending = False
        self._backups.restart()
        self._auto_backup("reload", skip_if_same=True)
        self._run_restore_hooks()

    # -- backups --------------------------------------------------------------------------------

    def backup_now(self, label: str) -> Path:
        """Back up the committed state now (e.g. before a migration); returns the backup's path."""
        self._check_open()
        try:
            if not self._depth:
                self.fold()
            return self._backups.now(label, self._committed_bytes())
        except OSError as exc:
            raise StoreWriteError(code="cannot_back_up", path=str(self._path), folder=str(self._backup_dir),
                                  reason=reason_text(exc), error=exc) from exc

    def _auto_backup(self, label: str, *, skip_if_same: bool = False) -> None:
        self._backups.auto(label, self._committed_bytes(), checked=self._checked, skip_if_same=skip_if_same)

    @property
    def last_backup_error(self) -> str | None:
        """Why the last automatic backup failed (None once one succeeds): writes go on regardless."""
        return self._backups.last_error

    # -- properties -----------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(code="file_closed", path=str(self._path))

    @property
    def path(self) -> Path:
        return self._path

    @property
    def backup_dir(self) -> Path:
        return self._backup_dir

    @property
    def write_count(self) -> int:
        """Durable writes made through this handle since it was opened."""
        return self._write_count

    @property
    def writes_since_backup(self) -> int:
        """Durable writes not yet in a backup (the newest backup is at most this far behind)."""
        return self._backups.writes_since

    @property
    def closed(self) -> bool:
        return self._closed

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{self._write_count} writes"
        return f"<DurableStorage {self._path} ({state})>"
