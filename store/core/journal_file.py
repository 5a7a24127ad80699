"""The journal file of one store, held open by its one writer: append + fsync, empty, identity.

- `append(record)`: one `write` of the framed record at the end of the file (O_APPEND), then
  `fdatasync` (F_FULLFSYNC on macOS): returns only when the record is on disk. If the write or
  the sync fails, the file is cut back to its last whole record (and synced), so that a failed
  append can never become a damaged record in the middle of the journal; the error propagates.
- `empty()`: cut the file to nothing and sync it (after a fold made its records part of the file).
- The file is created owner-only (0600) and its folder synced, so the journal's name is durable
  before the first record is acknowledged.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .files import PRIVATE_FILE, fsync_directory, fsync_file, tighten, write_all
from .journal import JOURNAL_SUFFIX

_FLAGS = os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _sync_data(fd: int) -> None:
    if sys.platform == "darwin" or not hasattr(os, "fdatasync"):
        fsync_file(fd)
    else:
        os.fdatasync(fd)


# Indirections the tests replace (a failing sync, a kill between write and sync).
_sync = _sync_data
_write = write_all


def journal_path(store: Path) -> Path:
    return store.with_name(store.name + JOURNAL_SUFFIX)


def read_journal(store: Path) -> bytes:
    """The journal's bytes (b"" when there is none)."""
    try:
        with open(journal_path(store), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return b""


class JournalFile:
    """A journal open for appending by its one writer (see the module docstring): a store's, or
    any file of records in the same framing (a desk's journal of several desks).
    It is created at the first append and removed by `close()` when empty, so a store that is
    closed (or never used the journal) is one plain TinyDB file."""

    def __init__(self, path: Path, keep: int) -> None:
        """Open the journal at `path` (a store's: `journal_path(store)`) if there is one, cut to
        its first `keep` bytes (dropping a torn tail or records folded already)."""
        self.path = path
        self.broken = False
        self.size = 0
        self._fd = -1
        if os.path.lexists(self.path):
            self._open()
            if self.size != keep:
                self._cut(keep)

    def _open(self) -> None:
        created = not os.path.lexists(self.path)
        self._fd = os.open(self.path, _FLAGS | os.O_CREAT, PRIVATE_FILE)
        try:
            if created:
                fsync_directory(self.path.parent)
            tighten(self.path, PRIVATE_FILE)
            self.size = os.fstat(self._fd).st_size
        except BaseException:
            self.close()
            raise

    def _cut(self, size: int) -> None:
        os.ftruncate(self._fd, size)
        _sync(self._fd)
        self.size = size

    def append(self, record: bytes) -> None:
        if self._fd < 0:
            self._open()
        try:
            _write(self._fd, record)
            _sync(self._fd)
        except BaseException:
            try:
                self._cut(self.size)
            except OSError:
                self.broken = True  # a partial record may follow: the next change must fold instead
            raise
        self.size += len(record)

    def empty(self) -> None:
        if self._fd >= 0:
            self._cut(0)
        self.broken = False

    def unchanged(self) -> bool:
        """Whether the file at the journal's path is still this one, of the size written."""
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return self._fd < 0
        except OSError:
            return False
        if self._fd < 0:
            return False
        mine = os.fstat(self._fd)
        return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino) and now.st_size == self.size

    def close(self) -> None:
        """Close; remove the journal when it holds nothing (its records are all in the file)."""
        if self._fd < 0:
            return
        os.close(self._fd)
        self._fd = -1
        if self.size == 0 and not self.broken:
            try:
                os.unlink(self.path)
            except OSError:
                pass
