"""The TinyDB storage of hoinghi: durable, exclusive, private, with rolling backups.

    db = TinyDB(path, storage=DurableStorage, create=True)

- Open: a path that is not a regular file within `STORE_MAX_BYTES` (a FIFO, a device, a folder)
  is refused before anything is locked, opened or created (`store.core.regular`); then lock
  `<file>.lock` (refused with StoreLockedError while another process, or another handle
  in this one, has the file, by its path or by its identity), remove temp files a crash left,
  parse the file once with orjson and keep it in memory. A file that is empty, truncated, not
  JSON or not an object of tables is refused with StoreCorruptError naming the newest good backup,
  and is never touched. A file with another name (a hard link) is refused (StoreHardLinkError),
  except for links to it in its own backups folder, made by older versions: those become copies.
- Write: serialize with orjson (raw UTF-8) to a temp file beside the store, fsync it, `os.replace`
  it over the store, fsync the folder (`store.core.writing`); `write()` returns only when the
  change is durable. On any
  failure the store file is untouched, memory goes back to the last committed state (TinyDB edits
  documents in place before it calls `write()`), and StoreWriteError says so.
- Another writer: after opening and after each of its own writes the storage records the file's
  identity (device, inode, size, modification and change times, number of names). Before each write it
  compares: if another program replaced, rewrote, truncated, removed or linked the file, nothing
  is written, memory goes back to the last committed state, that state is saved as a backup
  ("last-saved"), and StoreChangedOnDiskError says so; `reload()` adopts the file as it is now.
- `transaction()`: writes inside only change memory; the outermost exit writes once, or on an
  exception restores memory and lets the exception through.
- Backups: independent byte copies (never hard links) of the committed bytes, at open (unless
  the newest backup already holds them), every `backup_every` writes, and at close (if anything
  was written since the last one); the newest `backup_keep` are kept, within `backup_max_bytes`
  (the newest is always kept). See `store.core.backups`.
- Privacy: the store, its temp files, backups, backup folder, lock file and note are owner-only
  (0600 files, 0700 folders) whatever the umask. A store left 0644 by an older version is made
  0600 when it is opened, and every write creates it 0600 again (see `store.core.files`).

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
from .files import PRIVATE_FILE, DirectorySyncError, tighten
from .lock import StoreLock
from .regular import refuse_unusual
from .store_file import (change_kind, corrupt_error, hard_link_error, read_whole, unchanged_bytes,
                         unlink_old_backups)
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
        vet: Callable[[DurableStorage, dict[str, Any]], None] | None = None,
    ) -> None:
        self._path = store_path(path)
        self._backup_dir = (
            Path(os.path.abspath(os.fspath(backup_dir))) if backup_dir is not None else default_backup_dir(self._path)
        )
        self._backups = BackupSchedule(self._path, self._backup_dir, every=backup_every, keep=backup_keep,
                                       max_bytes=backup_max_bytes)
        self._write_count = 0
        self._depth = 0
        self._pending = False
        self._tx_failed = False
        self._closed = True
        self._committed = b""
        self._identity: Identity | None = None
        self._file_stat: os.stat_result | None = None
        self._data: dict[str, Any] = {}
        self._restore_hooks: list[Callable[[], None]] = []
        #: the file held exactly the bytes of the newest backup when it was opened: bytes this
        #: program had already checked, so open did not check them again
        self.opened_verified = False
        #: the committed state descends from checked bytes (its backups are labelled "-checked")
        self._checked = False

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
            self._release()
            raise
        self._closed = False

    # -- open ---------------------------------------------------------------------------------

    def _load(self, create: bool, vet: Callable[[DurableStorage, dict[str, Any]], None] | None) -> None:
        """Read, decode and (with `vet`) check the file, then back it up.

        Every backup holds bytes that were checked (by `vet` at open or reload, or written by
        this program), so a file identical to the newest backup is taken without the search
        for repeated keys and without `vet`: measured at 10,000 delegates, about 50 ms of a
        130 ms open. `check` always checks everything."""
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
        newest = list_backups(self._path, self._backup_dir)[:1]
        verified = bool(newest) and is_checked(self._path, newest[0]) and same_bytes(newest[0], raw)
        try:
            data = decode_store(raw, verified=verified)
        except ValueError as exc:
            raise corrupt_error(self._path, self._backup_dir, "corrupt", exc) from None
        self._set_committed(raw, data, st)
        self.opened_verified = verified
        if vet is not None and not verified:
            vet(self, data)  # raises when the file is not a store this program can use
        self._checked = verified or vet is not None
        make_private(self._path, self._backup_dir)
        if verified:
            self._backups.up_to_date()
        else:
            self._auto_backup("open", skip_if_same=True)

    def _set_committed(self, raw: bytes, data: dict[str, Any], st: os.stat_result) -> None:
        self._committed, self._data = raw, data
        self._identity, self._file_stat = file_identity(st), st

    # -- the Storage interface ------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        self._check_open()
        return dict(self._data)

    def write(self, data: dict[str, Any]) -> None:
        self._check_open()
        if self._depth:
            self._data, self._pending = data, True
            return
        self._commit(data)

    def close(self) -> None:
        """Back up what was written since the last backup, release the lock and forget the data;
        calling it again does nothing. A failed backup does not stop the close (see
        `last_backup_error`)."""
        if self._closed:
            return
        if self._backups.behind:
            self._auto_backup("close")
        self._closed = True
        self._data, self._committed = {}, b""
        self._depth, self._pending, self._tx_failed = 0, False, False
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
        try:
            raw = orjson.dumps(data)
        except Exception as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        if raw == self._committed:
            self._data = data
            return
        self._check_unchanged()
        try:
            st = replace_atomically(self._path, raw)
        except DirectorySyncError as exc:
            self._after_write(raw, data, getattr(exc, "written", None))  # the file holds the new bytes
            raise StoreWriteError(code="saved_unconfirmed", path=str(self._path), reason=reason_text(exc),
                                  error=exc) from exc
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        except BaseException:
            self._restore()
            raise
        self._after_write(raw, data, st)
        if self._backups.due:
            self._auto_backup("auto")

    def _after_write(self, raw: bytes, data: dict[str, Any], written: os.stat_result | None) -> None:
        """Record what was just written: the bytes, and the identity of the file now at the path
        (taken from the path when it is the file written, else from the written file itself, so
        that a program which replaced it in between is caught by the next write)."""
        st = written
        try:
            now = os.stat(self._path)
            if written is None or (now.st_dev, now.st_ino) == (written.st_dev, written.st_ino):
                st = now
        except OSError:
            pass
        if st is None:  # unknown: the next write will refuse and ask for a reload
            self._committed, self._data, self._identity = raw, data, None
        else:
            self._set_committed(raw, data, st)
        self._write_count += 1
        self._backups.wrote()

    def _check_unchanged(self) -> None:
        """Before a write: StoreChangedOnDiskError (nothing written, memory restored, the last
        committed state backed up) unless the file is still the one this storage last saw."""
        try:
            now: Identity | None = file_identity(os.stat(self._path))
        except FileNotFoundError:
            now = None
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        kind = change_kind(self._identity, now)
        if kind is None:
            return
        same = unchanged_bytes(self._path, self._identity, now, self._committed)
        if same is not None:  # only its metadata changed (a chmod): take its new identity
            self._identity, self._file_stat = file_identity(same), same
            return
        self._restore()
        if not self._backups.current:  # what this program last saved may now exist nowhere else
            self._auto_backup("last-saved")
        raise StoreChangedOnDiskError(kind=kind, code="changed_on_disk", path=str(self._path))

    def _restore(self) -> None:
        """Throw away uncommitted changes: memory becomes what the file holds."""
        self._data = decode_store(self._committed)
        self._pending = False
        self._run_restore_hooks()

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
        """True when the file is no longer the one this storage last read or wrote (one stat)."""
        self._check_open()
        try:
            return file_identity(os.stat(self._path)) != self._identity
        except OSError:
            return True

    def reload(self, vet: Callable[[DurableStorage, dict[str, Any]], None] | None = None) -> None:
        """Read the file again as it is now on disk (after another program changed it), and
        make that the committed state. What this program last saved is kept as a backup
        ("last-saved") and the file being adopted is backed up too ("reload") first.

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
        try:
            data = decode_store(raw)
        except ValueError as exc:
            raise corrupt_error(self._path, self._backup_dir, "corrupt_reload", exc) from None
        if vet is not None:
            vet(self, data)  # raises when the file is not a store this program can use; nothing adopted
        old = self._file_stat
        if old is None or (old.st_dev, old.st_ino) != (st.st_dev, st.st_ino):
            self._lock.claim_file(st)
            if old is not None:
                self._lock.forget_file(old)
        if not self._backups.current and self._committed != raw:
            self._auto_backup("last-saved")
        self._set_committed(raw, data, st)
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
            return self._backups.now(label, self._committed)
        except OSError as exc:
            raise StoreWriteError(code="cannot_back_up", path=str(self._path), folder=str(self._backup_dir),
                                  reason=reason_text(exc), error=exc) from exc

    def _auto_backup(self, label: str, *, skip_if_same: bool = False) -> None:
        self._backups.auto(label, self._committed, checked=self._checked, skip_if_same=skip_if_same)

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
