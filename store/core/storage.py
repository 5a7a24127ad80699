"""The TinyDB storage of hoinghi: durable, exclusive, private, with a write-ahead journal and
rolling backups.

    db = TinyDB(path, storage=DurableStorage, create=True)

- Open: a path that is not a regular file within `STORE_MAX_BYTES` (a FIFO, a device, a folder)
  is refused before anything is locked, opened or created (`store.core.regular`); then lock
  `<file>.lock` (refused with StoreLockedError while another process, or another handle
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
  identity (device, inode, size, modification and change times, number of names), and the journal's. Before
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

from tinydb.storages import Storage

from ..errors import (
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
from .fold_writes import FoldWrites
from .folding import FOLD_BYTES, FOLD_RECORDS, Committed
from .hooks import Hooks
from .journal import JournalDamaged, JournalMismatch, replay_onto
from .journal_file import JournalFile, journal_path, read_journal
from .files import PRIVATE_FILE, DirectorySyncError, tighten
from .lock import StoreLock
from .regular import refuse_unusual
from .other_writer import OtherWriter
from .store_file import corrupt_error, hard_link_error, journal_error, read_whole, unlink_old_backups
from .writing import (
    Identity,
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


class DurableStorage(FoldWrites, OtherWriter, Storage):
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
        #: called whenever memory changes other than through TinyDB's `write` (see add_memory_hook)
        self._memory_hooks = Hooks(log=_LOG)
        #: the file held exactly the bytes of the newest backup when it was opened: bytes this
        #: program had already checked, so open did not check them again
        self.opened_verified = False
        #: the committed state descends from checked bytes (its backups are labelled "-checked")
        self._checked = False
        #: bytes of a torn last journal record dropped at open (a power cut mid-append), 0 if none
        self.journal_torn = 0

        if not self._path.parent.is_dir():
            raise StoreNotFoundError(code="no_folder", path=str(self._path), folder=str(self._path.parent))
        if not create and not os.path.lexists(self._path):
            raise StoreNotFoundError(code="not_found", path=str(self._path))
        check_name_length(self._path)
        refuse_unusual(self._path, path)  # a FIFO, device or huge file: refused before the lock

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
        tighten(self._path, PRIVATE_FILE)  # a store made by an older version may be 0644 (before
        raw, st = read_whole(self._path)   # the read: the identity kept holds the chmod's ctime)
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
        make_private(self._path, self._backup_dir)
        self._journal = JournalFile(journal_path(self._path), keep=replayed.end)
        self.journal_torn = replayed.torn
        if replayed.applied:  # a crash left records: into the file now (if that fails, they stay)
            self._fold(data)
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

    def close(self) -> None:
        """Fold the journal into the file, back up what was written since the last backup,
        release the lock and forget the data; calling it again does nothing. A failed fold or
        backup does not stop the close (the journal keeps every record; a failed fold is logged, see
        `last_backup_error`)."""
        if self._closed:
            return
        if self._depth:  # closed inside a change: it is dropped, not folded
            self._restore()
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

    # -- writing --------------------------------------------------------------------------------

    def _restore(self) -> None:
        """Throw away uncommitted changes: memory becomes the committed state (the staged changes
        undone; after TinyDB's own writes, which edit documents in place, parsed again)."""
        if self._whole:
            self._data = self._state.rebuild()
        else:
            self._undo_staged()
        self._committed(self._data)
        self._pending = False
        self._memory_hooks.call()

    def _committed_bytes(self) -> bytes:
        """The whole committed state as one file's bytes (the file's own when nothing is pending
        in the journal)."""
        if not self._state.records:
            return self._state.base
        return self._state.fold_bytes(self._state.rebuild())[0]

    def add_memory_hook(self, hook: Callable[[], None]) -> None:
        """Call `hook()` whenever memory changes other than through TinyDB's `write`: the unit of
        work's staged changes, a throw-back to the committed state (a failed write or a
        rolled-back transaction), a reload from disk. `open_tinydb` uses it to clear TinyDB's
        query caches, which would otherwise keep stale results."""
        self._memory_hooks.add(hook)

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
