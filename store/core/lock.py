"""Exclusive open of a store file: an OS file lock plus a note saying who holds it.

`<file>.lock` is locked with `filelock` (flock on POSIX, LockFileEx on Windows); the OS drops
the lock when the holding process dies, so a crash never leaves the store blocked.
`<file>.lock.json` beside it says {"pid", "host", "since"} so a refusal can name the holder;
a note left by a dead process is simply overwritten.

filelock 4.x already refuses a second `FileLock` on the same path in the same process (each
instance has its own descriptor), but reentrancy and singleton options vary between filelock
versions, so a module-level registry of open paths refuses a second handle here as well.
The lock is not thread-local: it may be released from a thread other than the one that took it.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from datetime import datetime
from pathlib import Path

import filelock
import orjson

from ..errors import StoreError, StoreLockedError

_LOG = logging.getLogger(__name__)

_OPEN_PATHS: set[str] = set()
_OPEN_PATHS_GUARD = threading.Lock()


def lock_paths(path: Path) -> tuple[Path, Path]:
    """The lock file and the holder note of the store at `path`."""
    return Path(f"{path}.lock"), Path(f"{path}.lock.json")


def _registry_key(path: Path) -> str:
    return os.path.normcase(str(path))


def _holder_text(info_path: Path, *, this_process: bool) -> str:
    try:
        info = orjson.loads(info_path.read_bytes())
        pid, host, since = info["pid"], info["host"], info["since"]
    except (OSError, ValueError, TypeError, KeyError):
        who = "this program" if this_process else "another program"
        return f"by {who} (no readable holder note at {info_path})"
    mine = " (this program)" if this_process else ""
    return f"by pid {pid}{mine} on host {host} since {since}"


class StoreLock:
    """Holds the store exclusively until `release()`; `acquire()` raises StoreLockedError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path, self.info_path = lock_paths(path)
        self._key = _registry_key(path)
        self._lock: filelock.BaseFileLock | None = None

    def acquire(self) -> None:
        with _OPEN_PATHS_GUARD:
            if self._key in _OPEN_PATHS:
                holder = _holder_text(self.info_path, this_process=True)
                raise StoreLockedError(f"{self.path} is already open {holder}; close it there first")
            _OPEN_PATHS.add(self._key)
        try:
            # thread_local=False: the app opens on one thread and may close on another; with
            # filelock's default (thread-local) a release from another thread keeps the lock held.
            lock = filelock.FileLock(str(self.lock_path), timeout=0, thread_local=False)
            try:
                lock.acquire()
            except filelock.Timeout:
                holder = _holder_text(self.info_path, this_process=False)
                raise StoreLockedError(
                    f"{self.path} is already open {holder}; close it there first"
                ) from None
            except OSError as exc:
                raise StoreError(
                    f"could not lock {self.path} (lock file {self.lock_path}): {exc.strerror or exc}"
                ) from exc
            self._lock = lock
            self._write_note()
        except BaseException:
            self._forget()
            raise

    def _write_note(self) -> None:
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        tmp = self.info_path.with_name(f".{self.info_path.name}.{secrets.token_hex(8)}.tmp")
        try:
            tmp.write_bytes(orjson.dumps(note))
            os.replace(tmp, self.info_path)
        except OSError as exc:  # the note only improves a message; the lock itself is held
            _LOG.warning("could not write lock note %s: %s", self.info_path, exc)
            try:
                tmp.unlink()
            except OSError:
                pass

    def release(self) -> None:
        """Idempotent. Removes the note first (while still holding the lock), then unlocks."""
        lock, self._lock = self._lock, None
        if lock is None:
            return
        try:
            self.info_path.unlink()
        except OSError:
            pass
        try:
            lock.release(force=True)
        except Exception as exc:  # the OS drops the lock at exit anyway
            _LOG.warning("could not release lock %s: %s", self.lock_path, exc)
        self._forget()

    def _forget(self) -> None:
        with _OPEN_PATHS_GUARD:
            _OPEN_PATHS.discard(self._key)

    @property
    def held(self) -> bool:
        return self._lock is not None
