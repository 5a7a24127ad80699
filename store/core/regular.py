"""Only regular files: the store, its backups and the files read as stores are regular files
within a size limit, checked before a byte is read.

The path is looked at before anything is opened or locked (`refuse_unusual`); a file is opened
with O_NONBLOCK (a FIFO never hangs the open) and O_NOFOLLOW (a symlink swapped in is refused),
then `fstat`ed: a directory, FIFO, device, socket, or a file over the limit is refused in one
line before a byte is read (a symlink to /dev/zero, a 2 GB sparse file).
"""

from __future__ import annotations

import errno
import os
import stat

from ..errors import StoreError, StoreNotFoundError, register_errors
from .files import reason_text

#: The largest store file (and backup) read, checked with fstat before a byte is read: 256 MiB.
#: A delegate takes about 420 bytes and a check-in's audit entry about 300: 10,000 delegates with
#: a day of check-ins is about 10 MB.
STORE_MAX_BYTES = 256 * 1024 * 1024

_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def file_kind(mode: int) -> str:
    """What a file is, as the catalog names it ("filekind.<kind>")."""
    for test, kind in ((stat.S_ISREG, "regular"), (stat.S_ISDIR, "directory"), (stat.S_ISLNK, "symlink"),
                       (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return "other"


def not_regular_error(path: str | os.PathLike, kind: str) -> StoreError:
    return StoreError(code="not_regular", path=os.fspath(path), file_kind=kind)


def too_large_error(path: str | os.PathLike, size: int, limit: int = STORE_MAX_BYTES) -> StoreError:
    return StoreError(code="too_large", path=os.fspath(path), size_mb=_mb(size), limit_mb=_mb(limit))


def _mb(size: int) -> int:
    return -(-size // (1024 * 1024))


def refuse_unusual(path: str | os.PathLike, shown: str | os.PathLike | None = None, *,
                   max_bytes: int = STORE_MAX_BYTES) -> None:
    """StoreError unless `path` is a regular file of at most `max_bytes`, or does not exist;
    followed if it is a symlink (a store given by a link to it is its target). Nothing is opened:
    a FIFO or a device is refused before anything could wait on it. `shown`: the name to say."""
    shown = path if shown is None else shown
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise StoreError(code="cannot_read", path=os.fspath(shown), reason=reason_text(exc), error=exc) from exc
    if not stat.S_ISREG(st.st_mode):
        raise not_regular_error(shown, file_kind(st.st_mode))
    if st.st_size > max_bytes:
        raise too_large_error(shown, st.st_size, max_bytes)


def read_regular(path: str | os.PathLike, *, max_bytes: int = STORE_MAX_BYTES
                 ) -> tuple[bytes, os.stat_result, os.stat_result]:
    """(bytes, stat before, stat after) of the regular file at `path`, read from one descriptor
    opened without following a symlink and without waiting (a FIFO); StoreNotFoundError when it
    does not exist, StoreError when it is not a regular file, is larger than `max_bytes` (by
    fstat, before reading) or cannot be read."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise StoreNotFoundError(code="not_found", path=os.fspath(path)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise not_regular_error(path, "symlink") from None
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise not_regular_error(path, "other") from None
        raise StoreError(code="cannot_read", path=os.fspath(path), reason=reason_text(exc), error=exc) from exc
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise not_regular_error(path, file_kind(before.st_mode))
        if before.st_size > max_bytes:
            raise too_large_error(path, before.st_size, max_bytes)
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > max_bytes:  # it grew while being read
            raise too_large_error(path, len(raw), max_bytes)
        after = os.fstat(fd)
    except OSError as exc:
        raise StoreError(code="cannot_read", path=os.fspath(path), reason=reason_text(exc), error=exc) from exc
    finally:
        os.close(fd)
    return raw, before, after




register_errors(("not_regular", "too_large"))
