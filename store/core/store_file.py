"""Reading a store file: the one reader of its bytes, and what its identity says about it.

- Only a regular file is read. The path is looked at before anything is opened or locked
  (`refuse_unusual`), and the file is opened with O_NONBLOCK (a FIFO put there in between never
  hangs the open) and O_NOFOLLOW (the path was resolved already: a symlink swapped in is
  refused), then `fstat`ed: a directory, FIFO, device, socket or a file over `STORE_MAX_BYTES`
  is refused before a byte is read.
- `read_whole`: the bytes and stat of one open descriptor, retried when the file changed while
  it was being read (the storage's open and reload, which hold the lock).
- `read_snapshot`: the last saved state of a store, read without its lock while the app may be
  writing it (export, check, template, the projector's follower): the app replaces the file
  atomically at each save, so one read sees the old or the new file whole; a read caught by a
  program that writes in place is tried again. It is the one function that turns a store's
  files into one state.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import StoreCorruptError, StoreError, StoreHardLinkError, StoreNotFoundError
from .backups import break_links, newest_good_backup, store_path
from .decode import decode_store
from .journal import JournalDamaged, JournalMismatch, replay_onto
from .journal_file import journal_path
from .regular import STORE_MAX_BYTES, read_regular
from .writing import Identity, file_identity

__all__ = ["STORE_MAX_BYTES", "Snapshot", "read_snapshot", "read_state", "read_whole"]

_LOG = logging.getLogger(__name__)

#: reads tried by `read_snapshot` before it says the file kept changing
SNAPSHOT_ATTEMPTS = 6
#: pause after the first failed try, seconds (doubled after each)
SNAPSHOT_DELAY = 0.01

def _whole(raw: bytes, before: os.stat_result, after: os.stat_result) -> bool:
    return file_identity(before) == file_identity(after) and len(raw) == after.st_size


def read_whole(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, taken from one open descriptor; retried if the file
    changed while it was being read."""
    for _ in range(3):
        raw, before, after = read_regular(path)
        if _whole(raw, before, after):
            return raw, after
    raise StoreError(code="kept_changing", path=str(path))


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of a store read without its lock."""

    path: Path
    #: the tables, as `parse` gave them
    data: dict[str, Any]
    #: the stat of the file read
    stat: os.stat_result
    #: the journal's bytes read with it (b"" when there is none)
    journal: bytes = b""

    @property
    def identity(self) -> Identity:
        return file_identity(self.stat)


def parse_with_journal(raw: bytes, journal: bytes) -> dict[str, Any]:
    """A store's tables: the file decoded (`decode_store`) and its journal's records replayed."""
    data = decode_store(raw, stamp=True)
    replay_onto(data, journal, len(raw))
    return data


def read_snapshot(path: str | os.PathLike,
                  *, parse: Callable[[bytes, bytes], dict[str, Any]] = parse_with_journal,
                  attempts: int = SNAPSHOT_ATTEMPTS, sleep: Callable[[float], None] = time.sleep) -> Snapshot:
    """The last saved state of the store at `path`, read without its lock (the app may hold it
    and write meanwhile); nothing is written, locked or created.

    The file is read from one descriptor (`read_regular`: a regular file within the size
    limit), then its journal, then the file's identity is taken again (a fold replaces the file
    before it empties the journal); both are given to `parse` (default: the file decoded and the
    journal replayed). A read during which the file changed, or whose bytes do not parse while
    the file at the path is no longer the one read (a program writing in place was caught
    half-way), is tried again, up to `attempts` times in all; then StoreError "kept_changing".
    Bytes that do not parse in a file that stayed the same raise `parse`'s ValueError (a damaged
    journal: JournalDamaged); a path that is not a regular file, StoreError at once.

    This is the one place where a store's files become one state for a reader without the lock
    (`Service.open_snapshot`, `hoinghi check`, `new --from`, the projector's follower)."""
    path = store_path(path)  # a store given by a symlink is its target; O_NOFOLLOW catches a swap
    delay = SNAPSHOT_DELAY
    for attempt in range(max(attempts, 1)):
        raw, before, after = read_regular(path)
        journal = _read_journal(path)
        if _whole(raw, before, after) and not _replaced_since(path, after):
            try:
                return Snapshot(path, parse(raw, journal), after, journal)
            except ValueError:
                if not _replaced_since(path, after):
                    raise
        if attempt + 1 < attempts:
            sleep(delay)
            delay = min(delay * 2, 0.2)
    raise StoreError(code="kept_changing", path=str(path))


def _read_journal(path: Path) -> bytes:
    """The journal beside the store (b"" when there is none), read as a regular file only."""
    try:
        raw, _, _ = read_regular(journal_path(path))
    except StoreNotFoundError:
        return b""
    return raw


def read_state(path: Path) -> tuple[bytes, bytes, os.stat_result]:
    """The file's bytes, its journal's bytes and the file's stat, as one committed state (the
    storage's open, under the lock: see `read_snapshot` for the order). Give them to
    `store.core.journal.replay_onto(decoded, journal, len(raw))`."""
    for _ in range(3):
        raw, st = read_whole(path)
        journal = _read_journal(path)
        if not _replaced_since(path, st):
            return raw, journal, st
    raise StoreError(code="kept_changing", path=str(path))


def _replaced_since(path: Path, st: os.stat_result) -> bool:
    try:
        return file_identity(os.stat(path)) != file_identity(st)
    except OSError:
        return True


def unlink_old_backups(path: Path, backup_dir: Path, st: os.stat_result) -> os.stat_result:
    """Older versions hard-linked backups to the store: copy them apart, then stat again."""
    try:
        fixed = break_links(path, backup_dir, st)
    except (OSError, StoreError) as exc:
        _LOG.warning("could not copy hard-linked backups of %s apart: %s", path, exc)
        return st
    if not fixed:
        return st
    try:
        return os.stat(path)
    except OSError:
        return st


def change_kind(old: Identity | None, now: Identity | None) -> str | None:
    """What another program did to the file ("removed", "replaced", "linked", "modified"), or
    None when it is still the one last seen (`now`: None when the file is gone)."""
    if now is not None and now == old:
        return None
    if now is None:
        return "removed"
    if old is None or now[:2] != old[:2]:
        return "replaced"
    if now[4] != old[4]:
        return "linked"
    return "modified"


def unchanged_bytes(path: Path, old: Identity | None, now: Identity | None, committed: bytes
                    ) -> os.stat_result | None:
    """When only the change time moved since `old` (a chmod, a chown, or a same-size rewrite in
    place with the mtime put back), the file is read: its stat if it holds exactly `committed`
    (nothing but its metadata changed), else None (it was rewritten)."""
    if now is None or old is None or now[:5] != old[:5]:
        return None
    try:
        raw, _, after = read_regular(path)
    except (OSError, StoreError):
        return None
    return after if raw == committed and file_identity(after) == now else None


def journal_error(path: Path, backup_dir: Path, cause: JournalDamaged | JournalMismatch) -> StoreCorruptError:
    """The journal beside the file cannot be replayed onto it: where and why, and the newest
    backup that would open."""
    good = newest_good_backup(path, backup_dir)
    hint = f"newest good backup: {good}" if good else f"no backup found in {backup_dir}"
    if isinstance(cause, JournalDamaged):
        return StoreCorruptError(code="journal_damaged", path=str(path), journal=str(journal_path(path)),
                                 record=cause.record, why=cause.why, cause=cause, hint=hint,
                                 backup=str(good) if good else "", folder=str(backup_dir))
    return StoreCorruptError(code="journal_mismatch", path=str(path), journal=str(journal_path(path)),
                             why=str(cause), cause=cause, hint=hint, backup=str(good) if good else "",
                             folder=str(backup_dir))


def hard_link_error(path: Path, st: os.stat_result) -> StoreHardLinkError:
    return StoreHardLinkError(code="hard_link", path=str(path), names=st.st_nlink)


def corrupt_error(path: Path, backup_dir: Path, code: str, cause: ValueError) -> StoreCorruptError:
    """The file is not a store: why (`cause`, worded by the UI from its own code) and the newest
    backup that would open, if any."""
    good = newest_good_backup(path, backup_dir)
    hint = f"newest good backup: {good}" if good else f"no backup found in {backup_dir}"
    return StoreCorruptError(code=code, path=str(path), why=str(cause), cause=cause, hint=hint,
                             backup=str(good) if good else "", folder=str(backup_dir))
