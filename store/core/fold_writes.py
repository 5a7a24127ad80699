"""How a change reaches the disk: one journal record appended, or the whole file folded.

The writing half of `DurableStorage` (see `store.core.storage` for the whole picture):
- `_append`: the staged changes of a transaction become one journal record, appended and synced
  (`store.core.journal_file`); on failure memory is put back and nothing is on disk.
- `_commit_whole`: TinyDB's own `write(data)`, which may have edited documents in place, is
  written as a fold: the whole file replaced (`store.core.writing`), then the journal emptied;
  so is a transaction whose record alone would reach the fold threshold (`_bulk`).
- `fold()` / `_fold`: the journal's records written into the file, at the storage's thresholds,
  at close, and when the app is idle; a failed fold loses nothing (the journal is kept).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from ..errors import StoreError, StoreWriteError
from .files import DirectorySyncError
from .writing import file_identity, reason_text, replace_atomically

_LOG = logging.getLogger("store.core.storage")
#: fewer bytes than any stored document takes in a record (a delegate's: about 400)
BULK_BYTES_PER_CHANGE = 256


class FoldWrites:
    """Mixin of `DurableStorage`: its writes (uses its state; see the module docstring)."""

    def stage(self, changes: list[dict[str, Any]], *, by: str = "") -> None:
        """Inside a transaction: apply `changes` (the journal's form: {"t": table, "id": doc id,
        "code": code, "doc": document or None}) to memory; the transaction's end appends them as
        one journal record. The documents must be new objects, never edited afterwards."""
        self._check_open()
        if not self._depth:
            raise StoreError(code="stage_outside_change", path=str(self._path))
        data = self._data
        for change in changes:
            name, doc_id, doc = change["t"], change["id"], change.get("doc")
            table = data.get(name)
            if table is None:
                self._undo.append((name, "", False, None))
                table = data[name] = {}
            self._undo.append((name, doc_id, doc_id in table, table.get(doc_id)))
            if doc is None:
                table.pop(doc_id, None)
            else:
                table[doc_id] = doc
        self._staged.extend(changes)
        self._staged_by = by or self._staged_by
        self._pending = True
        self._memory_hooks.call()

    def _undo_staged(self) -> None:
        data = self._data
        for name, doc_id, had, old in reversed(self._undo):
            if not doc_id:
                data.pop(name, None)
            elif had:
                data[name][doc_id] = old
            else:
                data[name].pop(doc_id, None)
        self._undo, self._staged = [], []

    def _commit(self, data: dict[str, Any]) -> None:
        if self._whole or (self._journal is not None and self._journal.broken) or self._bulk():
            self._commit_whole(data)
        elif self._staged:
            self._append()
        if self._state.records and (self._backups.due or self._state.fold_due(self._fold_every, self._fold_bytes)):
            self._fold(self._data)
        if self._backups.due and not self._state.records:
            self._auto_backup("auto")

    def _bulk(self) -> bool:
        """A change so large that its record alone would be folded at once (an import of
        100,000 people): written as a fold straight away, not appended first (the same atomic
        replace; one 35 MB write and sync instead of two, and no record built)."""
        return len(self._staged) * BULK_BYTES_PER_CHANGE >= self._fold_bytes

    def _append(self) -> None:
        """Append the staged changes as one journal record, durably; on failure undo them."""
        try:
            record = self._state.encode(self._staged, self._staged_by)
        except Exception as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        self._check_unchanged()
        try:
            self._journal.append(record)
        except OSError as exc:
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        except BaseException:
            self._restore()
            raise
        self._state.appended_record(record)
        self._undo, self._staged, self._staged_by = [], [], ""
        self._write_count += 1
        self._backups.wrote()

    def _commit_whole(self, data: dict[str, Any]) -> None:
        """TinyDB's write of the whole data: written as a fold (the whole file replaced)."""
        try:
            raw, generation = self._state.fold_bytes(data)
        except Exception as exc:  # orjson.JSONEncodeError: a value JSON cannot hold
            self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        if not self._state.records and raw == self._state.base:
            self._committed(data)
            return
        self._check_unchanged()
        self._replace(raw, generation, data, restore=True)
        self._write_count += 1
        self._backups.wrote()

    def _replace(self, raw: bytes, generation: int, data: dict[str, Any], *, restore: bool) -> None:
        """Write `raw` as the whole file, then empty the journal (the fold's order)."""
        try:
            st = replace_atomically(self._path, raw)
        except DirectorySyncError as exc:
            self._after_replace(raw, generation, data, exc.written, empty=False)
            raise StoreWriteError(code="saved_unconfirmed", path=str(self._path), reason=reason_text(exc),
                                  error=exc) from exc
        except OSError as exc:
            if restore:
                self._restore()
            raise StoreWriteError(code="cannot_save", path=str(self._path), reason=reason_text(exc), error=exc) from exc
        except BaseException:
            if restore:
                self._restore()
            raise
        self._after_replace(raw, generation, data, st, empty=True)

    def _after_replace(self, raw: bytes, generation: int, data: dict[str, Any], written: os.stat_result | None,
                       *, empty: bool) -> None:
        """Record what was just written: the bytes, and the identity of the file now at the path
        (taken from the path when it is the file written, else from the written file itself, so
        that a program which replaced it in between is caught by the next write); then empty the
        journal, whose records the file now holds (kept when the folder sync was not confirmed)."""
        st = written
        try:
            now = os.stat(self._path)
            if written is None or (now.st_dev, now.st_ino) == (written.st_dev, written.st_ino):
                st = now
        except OSError:
            pass
        self._state.folded(raw, generation)
        self._committed(data)
        if st is None:  # unknown: the next write will refuse and ask for a reload
            self._identity = None
        else:
            self._identity, self._file_stat = file_identity(st), st
        if empty and self._journal is not None and self._journal.size:
            try:
                self._journal.empty()
            except OSError as exc:  # the records follow the file's generation: replay skips them
                _LOG.warning("could not empty the journal of %s: %s", self._path, reason_text(exc))

    def _committed(self, data: dict[str, Any]) -> None:
        self._data = data
        self._undo, self._staged, self._staged_by, self._whole = [], [], "", False

    def fold(self, *, idle: bool = False) -> bool:
        """Write the journal's records into the file: what the app calls when idle (`idle`: then
        also back the file up once a fifth of `backup_every` writes are not in a backup, so that
        the backup due every `backup_every` writes is rarely left to a check-in). Never raises:
        a failure leaves the journal as it was (and is logged). True when there was
        something to fold and it was."""
        self._check_open()
        if self._depth or not self._state.records:
            return False
        folded = self._fold(self._data)
        if folded and idle and self._backups.writes_since >= max(1, self._backups.every // 5):
            self._auto_backup("idle")
        return folded

    def _fold(self, data: dict[str, Any]) -> bool:
        try:
            self._check_unchanged()
            raw, generation = self._state.fold_bytes(data)
            self._replace(raw, generation, data, restore=False)
        except (OSError, StoreError) as exc:
            _LOG.warning("could not fold the journal of %s: %s", self._path, exc)
            return False
        return True

