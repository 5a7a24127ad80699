"""Another program touched the store's files: refuse to write over it, or adopt the file.

The half of `DurableStorage` that watches for other writers (see `store.core.storage`): before
each write the file's identity and the journal's are compared with what this storage last saw;
`reload()` adopts the file as it is now.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable

from ..errors import StoreChangedOnDiskError, StoreError, StoreWriteError
from .folding import Committed
from .store_file import change_kind, hard_link_error, read_whole, unchanged_bytes
from .writing import Identity, file_identity, reason_text

if TYPE_CHECKING:
    from .storage import DurableStorage


class OtherWriter:
    """Mixin of `DurableStorage`: another program's changes (see the module docstring)."""

    def _check_unchanged(self) -> None:
        """Before a write: StoreChangedOnDiskError (nothing written, memory restored, the last
        committed state backed up) unless the file and the journal are still the ones this
        storage last saw."""
        try:
            now: Identity | None = file_identity(os.stat(self._path))
        except FileNotFoundError:
            now = None
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        kind = change_kind(self._identity, now)
        journal_unchanged = self._journal is None or self._journal.unchanged()
        if kind is None and journal_unchanged:
            return
        if journal_unchanged:
            same = unchanged_bytes(self._path, self._identity, now, self._state.base)
            if same is not None:  # only its metadata changed (a chmod): take its new identity
                self._identity = file_identity(same)
                return
        self._restore()
        if not self._backups.current:  # what this program last saved may now exist nowhere else
            self._auto_backup("last-saved")
        raise StoreChangedOnDiskError(kind=kind or "modified", code="changed_on_disk", path=str(self._path))

    # -- another program --------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one this storage last read or wrote, or the
        journal was touched (two stats)."""
        self._check_open()
        try:
            return file_identity(os.stat(self._path)) != self._identity or not self._journal.unchanged()
        except OSError:
            return True

    def reload(self, vet: Callable[[DurableStorage, dict[str, Any]], None] | None = None) -> None:
        """Read the file again as it is now on disk (after another program changed it), and
        make that the committed state. What this program last saved (file and journal) is kept
        as a backup ("last-saved"), the file being adopted is backed up too ("reload"), and the
        journal is emptied: the file is adopted as it is.

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
        data, replayed = self._decode(raw, b"", False, "corrupt_reload")
        if vet is not None:
            vet(self, data)  # raises when the file is not a store this program can use; nothing adopted
        old = self._file_stat
        if old is None or (old.st_dev, old.st_ino) != (st.st_dev, st.st_ino):
            self._lock.claim_file(st)
            if old is not None:
                self._lock.forget_file(old)
        if not self._backups.current and self._committed_bytes() != raw:
            self._auto_backup("last-saved")
        self._journal.empty()
        self._state = Committed(raw, replayed.generation)
        self._committed(data)
        self._identity, self._file_stat = file_identity(st), st
        self._checked = vet is not None
        self._pending = False
        self._backups.restart()
        self._auto_backup("reload", skip_if_same=True)
        self._memory_hooks.call()

