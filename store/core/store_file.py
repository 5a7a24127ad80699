"""Reading a store file whole, and what its identity and bytes say about it.

Pure helpers of the storage: a read taken from one descriptor and retried when the file changes
under it, the file and its journal read as one state (`read_state`), what another program did to
the file since it was last seen, and the refusals of a file that is linked or not a store.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import StoreCorruptError, StoreError, StoreHardLinkError, StoreNotFoundError
from .backups import break_links, newest_good_backup
from .journal import JournalDamaged, JournalMismatch
from .journal_file import journal_path, read_journal
from .writing import Identity, file_identity, reason_text

_LOG = logging.getLogger(__name__)


def read_whole(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, taken from one open descriptor; retried if the file
    changed while it was being read."""
    for _ in range(3):
        try:
            with open(path, "rb") as f:
                before = os.fstat(f.fileno())
                raw = f.read()
                after = os.fstat(f.fileno())
        except FileNotFoundError:
            raise StoreNotFoundError(code="not_found", path=str(path)) from None
        except OSError as exc:
            raise StoreError(code="cannot_read", path=str(path), reason=reason_text(exc), error=exc) from exc
        if file_identity(before)[:4] == file_identity(after)[:4] and len(raw) == after.st_size:
            return raw, after
    raise StoreError(code="kept_changing", path=str(path))


def unlink_old_backups(path: Path, backup_dir: Path, st: os.stat_result) -> os.stat_result:
    """Older versions hard-linked backups to the store: copy them apart, then stat again."""
    try:
        fixed = break_links(path, backup_dir, st)
    except OSError as exc:
        _LOG.warning("could not copy hard-linked backups of %s apart: %s", path, exc)
        return st
    if not fixed:
        return st
    try:
        with open(path, "rb") as f:
            return os.fstat(f.fileno())
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


def hard_link_error(path: Path, st: os.stat_result) -> StoreHardLinkError:
    return StoreHardLinkError(code="hard_link", path=str(path), names=st.st_nlink)


def corrupt_error(path: Path, backup_dir: Path, code: str, cause: ValueError) -> StoreCorruptError:
    """The file is not a store: why (`cause`, worded by the UI from its own code) and the newest
    backup that would open, if any."""
    good = newest_good_backup(path, backup_dir)
    hint = f"newest good backup: {good}" if good else f"no backup found in {backup_dir}"
    return StoreCorruptError(code=code, path=str(path), why=str(cause), cause=cause, hint=hint,
                             backup=str(good) if good else "", folder=str(backup_dir))


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


def read_state(path: Path) -> tuple[bytes, bytes, os.stat_result]:
    """The file's bytes, its journal's bytes and the file's stat, as one committed state: the
    journal is read after the file and the file's identity taken again after it (a fold
    replaces the file before it empties the journal); retried when the file changed meanwhile.
    Give them to `store.core.journal.replay_onto(decoded, journal, len(raw))`."""
    for _ in range(3):
        raw, st = read_whole(path)
        journal = read_journal(path)
        try:
            now = os.stat(path)
        except FileNotFoundError:
            continue
        if file_identity(now)[:4] == file_identity(st)[:4]:
            return raw, journal, st
    raise StoreError(code="kept_changing", path=str(path))
