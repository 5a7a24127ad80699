"""Writing files durably and privately: replace a file atomically, create one exclusively, and
refuse to write onto a store's own files.

- `atomic_write_bytes`: a private (0600) temp file beside the target, written and fsynced, then
  `os.replace`d over it (retried briefly on PermissionError: antivirus on Windows) and the folder
  fsynced; on failure the target is untouched and errors name the target, never the temp file.
- `create_exclusive`: the same, but `os.link`ed into place so that of two creators exactly one wins.
- `refuse_store_files`: an export must never land on the store, its backups or its lock;
  `refuse_unusual_target`: nor replace anything but a regular file (a device, a FIFO, a symlink).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from ..errors import (
    ExportRefusedError,
    StoreError,
    StoreExistsError,
    StoreNotFoundError,
    StoreWriteError,
    register_errors,
)
from .backups import BACKUP_NAME_EXTRA_BYTES, default_backup_dir, store_path
from .files import (
    DirectorySyncError,
    fsync_directory,
    fsync_file,
    name_bytes,
    name_max,
    open_new_private,
    reason_text,
    temp_path,
    write_all,
)
from .journal import JOURNAL_SUFFIX
from .lock import lock_paths
from .regular import file_kind

register_errors(("export_not_regular",))

#: How long `os.replace` is retried while it fails with PermissionError (antivirus on Windows).
REPLACE_RETRY_SECONDS = 1.0

# Indirections the tests replace (e.g. a failing fsync).
_fsync_file = fsync_file
_fsync_directory = fsync_directory

Identity = tuple[int, int, int, int, int, int]


def file_identity(st: os.stat_result) -> Identity:
    """What says "this is still the file we wrote": device, inode, size, mtime (ns), names, and
    the change time (ns): a program that rewrites the file in place, same size, and puts the
    mtime back still moves the ctime, which no program can set."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_nlink, st.st_ctime_ns)


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


def _write_temp(target: Path, data: bytes) -> tuple[Path, os.stat_result]:
    """A private (0600), fsynced temp file beside `target` holding `data`, and its stat."""
    temp = temp_path(target)
    fd = open_new_private(temp)
    try:
        try:
            write_all(fd, data)
            _fsync_file(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp, st


def _name_target(exc: OSError, target: Path) -> OSError:
    """The same error naming the file the person knows instead of our temp file."""
    if exc.filename2 is None:
        exc.filename = str(target)
        return exc
    renamed = type(exc)(exc.errno, exc.strerror, str(target))
    renamed.__cause__ = exc.__cause__
    return renamed


def replace_atomically(target: Path, data: bytes) -> os.stat_result:
    try:
        temp, st = _write_temp(target, data)
    except OSError as exc:
        raise _name_target(exc, target) from exc.__cause__
    try:
        _replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _name_target(exc, target) from exc.__cause__
        raise
    try:
        _fsync_directory(target.parent)
    except DirectorySyncError as exc:
        exc.written = st
        raise
    return st


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> os.stat_result:
    """Replace the file at `path` with `data` durably and privately; return only when it is on disk.

    Writes `.<name>.<16 hex>.tmp` in the same folder, owner-only (0600: the new file never takes
    the mode of the one it replaces, so a file that was 0644 becomes 0600), fsyncs it,
    `os.replace`s it over `path` (retrying briefly on PermissionError) and fsyncs the folder.
    Returns the stat of the written file. On failure the temp file is removed, `path` is
    untouched and the OSError propagates, except DirectorySyncError: the replace happened, only
    the folder sync failed.
    """
    target = Path(os.path.abspath(os.fspath(path)))
    refuse_unusual_target(target, path)
    return replace_atomically(target, data)


def refuse_unusual_target(path: str | os.PathLike[str], shown: str | os.PathLike[str] | None = None) -> None:
    """ExportRefusedError unless `path` is a regular file or does not exist: a write replaces
    the name, so a device node, a FIFO, a folder or a symlink (such as /dev/stdout) there would be
    replaced by a file; it is refused instead, even with --force. `shown`: the name to say."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        return  # the write itself will say why
    if not stat.S_ISREG(st.st_mode):
        raise ExportRefusedError(code="export_not_regular", path=os.fspath(shown if shown is not None else path),
                                 file_kind=file_kind(st.st_mode))


def check_name_length(path: Path) -> None:
    """StoreError unless the store's name leaves room for its temp, lock and backup names."""
    limit = name_max(path.parent) - BACKUP_NAME_EXTRA_BYTES
    size = name_bytes(path)
    if size > limit:
        raise StoreError(code="name_too_long", name=path.name[:40], folder=str(path.parent), size=size,
                         limit=limit)


def create_exclusive(path: str | os.PathLike[str], data: bytes) -> Path:
    """Create the file at `path` holding `data`, durably and privately (0600), only if no file
    exists there; returns its absolute path. Two processes creating one path at once: exactly
    one succeeds.

    Writes and fsyncs a temp file beside it, then `os.link`s it to `path` (atomic, and refused
    if `path` exists) and removes the temp name; where links are not supported (FAT, some
    shares) it falls back to `O_CREAT | O_EXCL` and writes in place. Raises StoreExistsError
    when `path` exists, StoreError when the name is too long, StoreWriteError for any other
    failure (nothing is left behind).
    """
    target = Path(os.path.abspath(os.fspath(path)))
    exists = {"code": "exists", "path": str(target)}
    if os.path.lexists(target):
        raise StoreExistsError(**exists)
    if not target.parent.is_dir():
        raise StoreNotFoundError(code="no_folder_create", path=str(target), folder=str(target.parent))
    check_name_length(target)
    try:
        temp, _ = _write_temp(target, data)
    except OSError as exc:
        raise StoreWriteError(code="cannot_create", path=str(target), reason=reason_text(exc), error=exc) from exc
    try:
        try:
            os.link(temp, target)
        except FileExistsError:
            raise StoreExistsError(**exists) from None
        except FileNotFoundError:
            # Our temp file was removed under us: whoever won a race to create this store opened
            # it, and opening clears the temp files a crash may leave beside a store.
            if os.path.lexists(target):
                raise StoreExistsError(**exists) from None
            raise
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _create_in_place(target, data, exists)
    except OSError as exc:
        raise StoreWriteError(code="cannot_create", path=str(target), reason=reason_text(exc), error=exc) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    try:
        _fsync_directory(target.parent)
    except DirectorySyncError as exc:
        raise StoreWriteError(code="created_unconfirmed", path=str(target), reason=reason_text(exc),
                              error=exc) from exc
    return target


#: errno values of `os.link` meaning "this file system has no hard links" (FAT, exFAT, some shares).
_NO_LINKS = frozenset(
    code for code in (getattr(errno, name, None) for name in
                      ("EPERM", "EOPNOTSUPP", "ENOTSUP", "ENOSYS", "EMLINK", "EXDEV", "EINVAL", "EACCES"))
    if code is not None
)


def _create_in_place(target: Path, data: bytes, exists: dict[str, str]) -> None:
    """`create_exclusive` where hard links are not supported: O_EXCL, then write and fsync."""
    try:
        fd = open_new_private(target)
    except FileExistsError:
        raise StoreExistsError(**exists) from None
    try:
        try:
            write_all(fd, data)
            _fsync_file(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def refuse_store_files(target: str | os.PathLike[str], store: str | os.PathLike[str],
                       backup_dir: str | os.PathLike[str] | None = None) -> None:
    """ExportRefusedError if writing `target` would hit the store at `store`: the store file
    itself, its journal, its lock file or lock note, or its backups folder or anything in it. Paths are
    compared resolved (symlinks followed, case folded where the OS does), and by identity
    (same device and inode) where the files exist, so a hard link or another spelling is caught."""
    spath = store_path(store)
    lock, note = lock_paths(spath)
    backups = Path(os.path.realpath(backup_dir)) if backup_dir is not None else default_backup_dir(spath)
    wanted = Path(os.path.realpath(os.fspath(target)))

    def same(a: Path, b: Path) -> bool:
        if os.path.normcase(str(a)) == os.path.normcase(str(b)):
            return True
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False

    what = None
    journal = spath.with_name(spath.name + JOURNAL_SUFFIX)
    for candidate, label in ((spath, "store"), (journal, "journal"), (lock, "lock_file"), (note, "lock_note"),
                             (backups, "backups")):
        if same(wanted, candidate):
            what = label
            break
    if what is None:
        folder = wanted.parent
        while True:
            if same(folder, backups):
                what = "in_backups"
                break
            if folder.parent == folder:
                break
            folder = folder.parent
    if what is not None:
        raise ExportRefusedError(code=f"export_onto_{what}", path=os.fspath(target), store=spath.name)
