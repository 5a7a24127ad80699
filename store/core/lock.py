"""Exclusive open of a store file: an OS file lock plus a note saying who holds it.

`<file>.lock` is locked with the OS's own lock (flock on POSIX, `msvcrt.locking` on Windows),
taken without waiting; the OS drops it when the holding process dies, so a crash never leaves
the store blocked, and a leftover lock file, empty or not, never blocks anything: only a live
process's lock does. The lock file is never deleted (deleting it would let two processes lock
two different files of the same name). There is no fallback to a "soft" lock (a file whose mere
presence means "locked"): such a file outlives a crash and then blocks the store forever. Where
the OS lock is not available (some network shares) the store is refused with a one-line reason.

`<file>.lock.json` beside it says {"pid", "host", "since"} so a refusal can name the holder;
a note left by a dead process is simply overwritten. Both files are owner-only (0600).

In this process, a registry refuses a second handle on the same store, by its path at `acquire()`
and by its file identity (st_dev, st_ino) once the storage has opened the file (`claim_file`):
a hard link gives the same file another path and so another lock file.
The lock is not thread-local: it may be released from a thread other than the one that took it.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import stat
import threading
from datetime import datetime
from pathlib import Path

import orjson

from ..errors import StoreError, StoreLockedError
from .files import PRIVATE_FILE, open_new_private, temp_path, tighten, write_all
from .regular import read_regular

#: a holder note is a few dozen bytes; anything larger is not one
NOTE_MAX_BYTES = 4096

_LOG = logging.getLogger(__name__)

#: Registry of the stores open in this process: ("path", normcased path) or ("file", dev, ino)
#: -> the path the store was opened by.
_OPEN: dict[tuple, Path] = {}
_OPEN_GUARD = threading.Lock()

#: errno values meaning "this file system cannot lock files" rather than "someone holds the lock".
NO_LOCK_ERRNOS = frozenset(
    code
    for code in (
        getattr(errno, name, None) for name in ("ENOSYS", "ENOLCK", "EOPNOTSUPP", "ENOTSUP", "EINVAL", "EBADF")
    )
    if code is not None
)
#: errno values meaning "another process holds the lock".
HELD_ERRNOS = frozenset(
    code for code in (getattr(errno, n, None) for n in ("EAGAIN", "EWOULDBLOCK", "EACCES", "EDEADLK")) if code is not None
)

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_paths(path: Path) -> tuple[Path, Path]:
    """The lock file and the holder note of the store at `path`."""
    return Path(f"{path}.lock"), Path(f"{path}.lock.json")


def _path_key(path: Path) -> tuple:
    return ("path", os.path.normcase(str(path)))


def _locked(path: Path, info_path: Path, *, this_process: bool) -> StoreLockedError:
    """StoreLockedError naming who holds the store, from the note beside its lock."""
    try:
        info = orjson.loads(read_regular(info_path, max_bytes=NOTE_MAX_BYTES)[0])
        pid, host, since = info["pid"], info["host"], info["since"]
    except (OSError, StoreError, ValueError, TypeError, KeyError):
        who = "this program" if this_process else "another program"
        return StoreLockedError(code="locked_unknown" if not this_process else "locked_here_unknown",
                                path=str(path), holder=f"by {who} (no readable holder note {info_path.name})",
                                note=info_path.name)
    mine = " (this program)" if this_process else ""
    return StoreLockedError(code="locked_here" if this_process else "locked", path=str(path),
                            holder=f"by pid {pid}{mine} on host {host} since {since}", pid=pid, host=host,
                            since=since)


def _reason(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return " ".join(text.split()) or "unknown error"


def _open_lock_file(lock_path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(lock_path, flags, PRIVATE_FILE)
    except PermissionError:
        # a lock file left by another account: flock needs only a descriptor, not write access
        fd = os.open(lock_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    tighten(lock_path, PRIVATE_FILE)
    return fd


def holder_error(path: str | os.PathLike) -> StoreLockedError | None:
    """StoreLockedError naming who holds the store at `path` (this process or another), or None
    when nobody does. Nothing is created or written: a missing lock file means nobody holds it;
    the existing one is locked for an instant (never waiting) to see whether it is free."""
    spath = Path(os.path.realpath(os.fspath(path)))
    lock_path, info_path = lock_paths(spath)
    with _OPEN_GUARD:
        if _path_key(spath) in _OPEN:
            return _locked(spath, info_path, this_process=True)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            _lock_fd(fd)
        except (OSError, NotImplementedError) as exc:
            if isinstance(exc, OSError) and exc.errno in HELD_ERRNOS:
                return _locked(spath, info_path, this_process=False)
            return None
        _unlock_fd(fd)
        return None
    finally:
        os.close(fd)


class StoreLock:
    """Holds the store exclusively until `release()`; `acquire()` raises StoreLockedError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path, self.info_path = lock_paths(path)
        self._keys: list[tuple] = []
        self._fd: int | None = None

    def acquire(self) -> None:
        key = _path_key(self.path)
        with _OPEN_GUARD:
            if key in _OPEN:
                raise _locked(self.path, self.info_path, this_process=True)
            _OPEN[key] = self.path
            self._keys.append(key)
        fd = None
        try:
            try:
                fd = _open_lock_file(self.lock_path)
            except OSError as exc:
                raise StoreError(code="lock_file_unusable", path=str(self.path), lock=self.lock_path.name,
                                 reason=_reason(exc), error=exc) from exc
            try:
                _lock_fd(fd)
            except NotImplementedError as exc:
                raise self._no_locks() from exc
            except OSError as exc:
                if exc.errno in HELD_ERRNOS:
                    raise _locked(self.path, self.info_path, this_process=False) from None
                if exc.errno in NO_LOCK_ERRNOS:
                    raise self._no_locks() from exc
                raise StoreError(code="cannot_lock", path=str(self.path), reason=_reason(exc), error=exc) from exc
            self._fd, fd = fd, None
            self._write_note()
        except BaseException:
            if fd is not None:
                os.close(fd)
            self._forget()
            raise

    def _no_locks(self) -> StoreError:
        return StoreError(code="no_file_locks", path=str(self.path))

    def claim_file(self, st: os.stat_result) -> None:
        """Register the opened file's identity; StoreLockedError if this process already has that
        file open under another path (a hard link, a bind mount)."""
        key = ("file", st.st_dev, st.st_ino)
        with _OPEN_GUARD:
            other = _OPEN.get(key)
            if other is not None and key not in self._keys:
                raise StoreLockedError(code="open_as", path=str(self.path), other=str(other))
            _OPEN[key] = self.path
            if key not in self._keys:
                self._keys.append(key)

    def forget_file(self, st: os.stat_result) -> None:
        key = ("file", st.st_dev, st.st_ino)
        with _OPEN_GUARD:
            if key in self._keys:
                self._keys.remove(key)
                _OPEN.pop(key, None)

    def _write_note(self) -> None:
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        tmp = temp_path(self.info_path)
        try:
            fd = open_new_private(tmp)
            try:
                write_all(fd, orjson.dumps(note))
            finally:
                os.close(fd)
            os.replace(tmp, self.info_path)
        except OSError as exc:  # the note only improves a message; the lock itself is held
            _LOG.warning("could not write lock note %s: %s", self.info_path, exc)
            try:
                tmp.unlink()
            except OSError:
                pass

    def release(self) -> None:
        """Idempotent. Removes the note first (while still holding the lock), then unlocks."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self.info_path.unlink()
        except OSError:
            pass
        try:
            _unlock_fd(fd)
        except OSError as exc:  # closing the descriptor drops the lock anyway
            _LOG.warning("could not unlock %s: %s", self.lock_path, exc)
        try:
            os.close(fd)
        except OSError as exc:
            _LOG.warning("could not close lock file %s: %s", self.lock_path, exc)
        self._forget()

    def _forget(self) -> None:
        with _OPEN_GUARD:
            for key in self._keys:
                if _OPEN.get(key) is not None:
                    _OPEN.pop(key, None)
            self._keys.clear()

    @property
    def held(self) -> bool:
        return self._fd is not None
