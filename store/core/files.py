"""Private, durable files: the primitives under the store, its backups, its lock and exports.

Everything created here is owner-only, whatever the umask: files 0600, folders 0700 (Vietnam's
Decree 13/2023 on personal data: the stores hold phone numbers and dates of birth). `os.open` and
`mkdir` get the mode, and `fchmod`/`chmod` then set it exactly, since a umask can only remove bits
and an existing file keeps its old mode. On Windows chmod only toggles read-only; privacy there
comes from the user's profile folder.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class DirectorySyncError(OSError):
    """The new file replaced the old one, but the folder could not be synced to disk."""

    #: the replaced file's stat, once `replace_atomically` knows it (the replace happened)
    written: os.stat_result | None = None


def reason_text(exc: BaseException) -> str:
    """Why an operation failed, on one line (the OS's words for an OSError)."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return " ".join(text.split()) or "unknown error"


def fsync_file(fd: int) -> None:
    if sys.platform == "darwin":  # macOS fsync does not flush the drive's cache
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable. Raises DirectorySyncError when the disk refuses."""
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


def temp_path(target: Path) -> Path:
    """`.<name>.<16 hex>.tmp` beside `target` (the pattern the stale-temp sweep knows)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")


def open_new_private(path: str | os.PathLike[str]) -> int:
    """Create `path` (refused if it exists) for writing, owner-only; returns the descriptor."""
    fd = os.open(path, _NEW_FILE_FLAGS, PRIVATE_FILE)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, PRIVATE_FILE)
        except OSError:  # a file system without modes (FAT, some shares): nothing to tighten
            pass
    return fd


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def tighten(path: str | os.PathLike[str], mode: int) -> None:
    """Best effort: take away from `path` every permission bit that `mode` does not have."""
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:  # not ours, or a file system without modes
        pass


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents, with the default mode) as 0700; tighten it if it exists."""
    if not folder.is_dir():
        if not folder.parent.is_dir():
            folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            pass
    tighten(folder, PRIVATE_DIR)


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the file system of `folder` accepts; 255 when unknown."""
    try:
        value = os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255
    return value if isinstance(value, int) and value > 0 else 255


def name_bytes(path: Path) -> int:
    return len(os.fsencode(path.name))


def is_temp_name(name: str) -> bool:
    """True for a temp name made by `temp_path` (never shown to a person)."""
    return len(name) > 22 and name.startswith(".") and name.endswith(".tmp") and _is_hex(name[-20:-4]) and name[-21] == "."


def _is_hex(text: str) -> bool:
    return len(text) == 16 and all(c in "0123456789abcdef" for c in text)
