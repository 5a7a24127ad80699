"""The TinyDB storage of hoinghi: durable, exclusive, with rolling backups.

    db = TinyDB(path, storage=DurableStorage, create=True)

- Open: lock `<file>.lock` (refused with StoreLockedError while another process, or another handle
  in this one, has the file), remove temp files a crash left, parse the file once with orjson and
  keep it in memory. A file that is empty, truncated, not JSON or not an object of tables is refused
  with StoreCorruptError naming the newest good backup, and is never touched.
- Write: serialize with orjson (raw UTF-8) to a temp file beside the store, fsync it, `os.replace`
  it over the store, fsync the folder; `write()` returns only when the change is durable. On any
  failure the store file is untouched, memory goes back to the last committed state (TinyDB edits
  documents in place before it calls `write()`), and StoreWriteError says so.
- `transaction()`: writes inside only change memory; the outermost exit writes once, or on an
  exception restores memory and lets the exception through.
- Backups: a hard link of the committed file at open and every `backup_every` writes, keeping
  the newest `backup_keep` (see `store.backups`).

Not thread-safe by itself: the service serializes every call with its one lock.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import stat
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .backups import (
    default_backup_dir,
    list_backups,
    make_backup,
    newest_good_backup,
    prune_backups,
    remove_stale_temps,
    same_content,
    store_path,
)
from .decode import decode_store
from ..errors import StoreCorruptError, StoreError, StoreNotFoundError, StoreWriteError
from .lock import StoreLock

__all__ = [
    "DirectorySyncError",
    "DurableStorage",
    "atomic_write_bytes",
    "list_backups",
    "newest_good_backup",
]

_LOG = logging.getLogger(__name__)

#: How long `os.replace` is retried while it fails with PermissionError (antivirus on Windows).
REPLACE_RETRY_SECONDS = 1.0


class DirectorySyncError(OSError):
    """The new file replaced the old one, but the folder could not be synced to disk."""


def _reason(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return " ".join(text.split()) or type(exc).__name__


def _fsync_file(fd: int) -> None:
    if sys.platform == "darwin":  # macOS fsync does not flush the drive's cache
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def _fsync_directory(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder as a file; NTFS journals the rename
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno in {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}:
            return  # the file system does not sync folders
        raise DirectorySyncError(exc.errno, exc.strerror) from exc
    finally:
        os.close(fd)


def _replace(source: Path, target: Path) -> None:
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    delay = 0.01
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` with `data` durably; return only when it is on disk.

    Writes `.<name>.<16 hex>.tmp` in the same folder, fsyncs it, `os.replace`s it over `path`
    (retrying briefly on PermissionError) and fsyncs the folder. On failure the temp file is
    removed, `path` is untouched and the OSError propagates, except DirectorySyncError: the
    replace happened, only the folder sync failed.
    """
    target = Path(os.path.abspath(os.fspath(path)))
    temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            _fsync_file(fd)
        finally:
            os.close(fd)
        _replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(target.parent)


class DurableStorage(Storage):
    """A TinyDB storage held exclusively while open; see the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        backup_keep: int = 10,
        backup_every: int = 200,
        backup_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self._path = store_path(path)
        self._backup_dir = (
            Path(os.path.abspath(os.fspath(backup_dir))) if backup_dir is not None else default_backup_dir(self._path)
        )
        self._backup_keep = backup_keep
        self._backup_every = backup_every
        self._write_count = 0
        self._depth = 0
        self._pending = False
        self._tx_failed = False
        self._closed = True
        self._committed = b""
        self._data: dict[str, Any] = {}
        self._restore_hooks: list[Callable[[], None]] = []
        self.last_backup_error: str | None = None

        if not self._path.parent.is_dir():
            raise StoreNotFoundError(f"{self._path} cannot be opened: folder {self._path.parent} does not exist")
        if not create and not self._path.exists():
            raise StoreNotFoundError(f"{self._path} does not exist; check the path or create a new store")

        lock = StoreLock(self._path)
        lock.acquire()
        self._release = weakref.finalize(self, lock.release)
        try:
            self._load(create)
        except BaseException:
            self._release()
            raise
        self._closed = False

    # -- open ---------------------------------------------------------------------------------

    def _load(self, create: bool) -> None:
        remove_stale_temps(self._path, self._backup_dir)
        if not self._path.exists():
            if not create:
                raise StoreNotFoundError(f"{self._path} does not exist; check the path or create a new store")
            try:
                atomic_write_bytes(self._path, b"{}")
            except OSError as exc:
                raise StoreWriteError(f"could not create {self._path}: {_reason(exc)}; nothing was changed") from exc
        try:
            raw = self._path.read_bytes()
        except OSError as exc:
            raise StoreError(f"could not read {self._path}: {_reason(exc)}") from exc
        try:
            data = decode_store(raw)
        except ValueError as exc:
            good = newest_good_backup(self._path, self._backup_dir)
            hint = f"newest good backup: {good}" if good else f"no backup found in {self._backup_dir}"
            raise StoreCorruptError(f"{self._path} cannot be opened: {exc}; the file was left untouched; {hint}") from None
        self._committed, self._data = raw, data
        self._auto_backup("open", skip_if_unchanged=True)

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
        """Release the lock and forget the data; calling it again does nothing."""
        if self._closed:
            return
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
            raise StoreWriteError(
                f"could not save {self._path}: a step inside the change failed; nothing was changed"
            )
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
            raise StoreWriteError(f"could not save {self._path}: {_reason(exc)}; nothing was changed") from exc
        if raw == self._committed:
            self._data = data
            return
        try:
            atomic_write_bytes(self._path, raw)
        except DirectorySyncError as exc:
            self._committed, self._data = raw, data  # the file already holds the new bytes
            self._write_count += 1
            raise StoreWriteError(
                f"{self._path} was saved but the disk did not confirm it ({_reason(exc)}); "
                "the last change may be lost on a power cut: check the disk"
            ) from exc
        except OSError as exc:
            self._restore()
            raise StoreWriteError(f"could not save {self._path}: {_reason(exc)}; nothing was changed") from exc
        except BaseException:
            self._restore()
            raise
        self._committed, self._data = raw, data
        self._write_count += 1
        if self._backup_every > 0 and self._write_count % self._backup_every == 0:
            self._auto_backup("auto")

    def _restore(self) -> None:
        """Throw away uncommitted changes: memory becomes what the file holds."""
        self._data = decode_store(self._committed)
        self._pending = False
        for hook in list(self._restore_hooks):
            try:
                hook()
            except Exception:  # a hook must not hide the error being raised
                _LOG.exception("restore hook %r failed", hook)

    def add_restore_hook(self, hook: Callable[[], None]) -> None:
        """Call `hook()` whenever memory is thrown back to the committed state (a failed write or
        a rolled-back transaction). `open_tinydb` uses it to clear TinyDB's query caches, which
        may otherwise keep results computed from the discarded changes."""
        self._restore_hooks.append(hook)

    # -- backups --------------------------------------------------------------------------------

    def backup_now(self, label: str) -> Path:
        """Back up the committed file now (e.g. before a migration); returns the backup's path."""
        self._check_open()
        try:
            backup = make_backup(self._path, self._backup_dir, label)
        except OSError as exc:
            raise StoreWriteError(
                f"could not back up {self._path} into {self._backup_dir}: {_reason(exc)}; nothing was changed"
            ) from exc
        if self._backup_keep > 0:
            prune_backups(self._path, self._backup_dir, self._backup_keep)
        return backup

    def _auto_backup(self, label: str, *, skip_if_unchanged: bool = False) -> None:
        if self._backup_keep <= 0:
            return
        try:
            if skip_if_unchanged:
                backups = list_backups(self._path, self._backup_dir)
                if backups and same_content(self._path, backups[0]):
                    return
            make_backup(self._path, self._backup_dir, label)
            prune_backups(self._path, self._backup_dir, self._backup_keep)
            self.last_backup_error = None
        except Exception as exc:  # the data is safe; a missing backup must not fail the write
            self.last_backup_error = f"could not back up {self._path} into {self._backup_dir}: {_reason(exc)}"
            _LOG.warning("%s", self.last_backup_error)

    # -- properties -----------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self._path} is closed; open it again")

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
    def closed(self) -> bool:
        return self._closed

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{self._write_count} writes"
        return f"<DurableStorage {self._path} ({state})>"
