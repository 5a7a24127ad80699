"""The one write path: every change to the store is one unit of work.

    with records.work(operator="Lan") as work:
        work.put("delegates", doc)
        work.audit("checkin", code, before, after)
    work.change   # Change(tables, codes, seq): what the durable write changed

Inside the block the documents are changed by stable code through `Records`' own
code-to-document index (never by a TinyDB query, so no query cache can go stale); the block's
exit writes everything, audit entry included, in one durable write. If the block raises or the
write fails, memory goes back to the last committed state and nothing is changed.

`Records` holds the store's documents by table and code, and a cache of the frozen records
made from them. Writes are serialized by the one lock (`Records.lock`, held by the service).
The cache is a snapshot: each table's records (store.snapshot.Snapshot) never change once made;
a commit makes the changed tables' new snapshots and swaps them in. So a screen reads `objects(name)` on
the event loop without the lock, never waiting for a writer: it sees the records before or
after a commit, never halfway (only a table not cached yet is built under the lock).
"""

from __future__ import annotations

import contextlib
import operator
import datetime as dt
import re
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from . import tables
from .core import shape
from .core.storage import DurableStorage
from .errors import NotFoundError, StoreError
from .integrity.anchor import ANCHOR_FIELD, anchor_after, read_anchor
from .integrity.hashes import entry_hash
from .models import AuditEntry
from .io.bulk import paused_gc
from .snapshot import Snapshot

#: how many recent changes `Records.changes_since` can report
JOURNAL_SIZE = 1000
_NUMBERED = re.compile(r"^([A-Za-z]*)(\d+)$")


@dataclass(frozen=True)
class Change:
    """What one durable write changed: table names, record codes, and the last audit seq."""

    tables: frozenset[str]
    codes: frozenset[str]
    seq: int

    @staticmethod
    def merge(changes: Iterable["Change"]) -> "Change | None":
        changes = list(changes)
        if not changes:
            return None
        return Change(
            tables=frozenset().union(*(c.tables for c in changes)),
            codes=frozenset().union(*(c.codes for c in changes)),
            seq=max(c.seq for c in changes),
        )


class Records:
    """The store's documents by table and stable code (see the module docstring)."""

    def __init__(self, storage: DurableStorage, *, now: Callable[[], dt.datetime]) -> None:
        self.storage = storage
        self.now = now
        #: the one lock: every write, and every read of the documents themselves
        self.lock = threading.RLock()
        #: (version, change) of this session's writes and reloads, newest last
        self.journal: deque[tuple[int, Change]] = deque(maxlen=JOURNAL_SIZE)
        #: counts this session's writes and reloads (the audit seq can go back on a reload)
        self.version = 0
        self.load()

    def load(self) -> None:
        """(Re)build the index and drop the caches from what the storage holds in memory."""
        data = self.storage.read()
        self._doc_ids: dict[str, dict[str, str]] = {}
        self._next_doc_id: dict[str, int] = {}
        #: table -> {code: record}: the snapshot (module docstring); swapped whole, never changed
        self._objects: dict[str, Snapshot] = {}
        for spec in tables.TABLES:
            table = data.get(spec.name) or {}
            if spec.key:  # map and zip: 100,000 delegates in a third of a comprehension's time
                codes = map(str, map(operator.methodcaller("get", spec.key), table.values()))
                self._doc_ids[spec.name] = dict(zip(codes, table))
            else:
                self._doc_ids[spec.name] = {doc_id: doc_id for doc_id in table}
            self._next_doc_id[spec.name] = max(map(int, table), default=0) + 1
        audit = self._doc_ids["audit"]
        self.seq = max(map(int, audit), default=0)

    # ---- reads --------------------------------------------------------------------------

    def _table(self, name: str) -> dict[str, dict[str, Any]]:
        return self.storage.read().get(name) or {}

    def objects(self, name: str) -> Snapshot:
        """Every record of table `name` as frozen model objects, by code: the snapshot (never
        changed: a commit swaps in a new dict). Safe without the lock once the table is cached."""
        cached = self._objects.get(name)
        if cached is None:
            with self.lock:
                cached = self._objects.get(name)
                if cached is None:
                    from_stored = tables.spec(name).model.from_stored
                    table = self._table(name)
                    with paused_gc():
                        cached = Snapshot({code: from_stored(table[doc_id])
                                           for code, doc_id in self._doc_ids[name].items()})
                    self._objects = {**self._objects, name: cached}
        return cached

    def get(self, name: str, code: str) -> Any:
        """The record of `name` with this code; NotFoundError if there is none."""
        try:
            return self.objects(name)[str(code)]
        except KeyError:
            raise NotFoundError(code="no_record", record=code, table=name) from None

    def single(self, name: str) -> Any | None:
        """The only record of a one-record table, or None."""
        objects = self.objects(name)
        return next(iter(objects.values()), None)

    def count(self, name: str) -> int:
        return len(self._doc_ids[name])

    def codes(self, name: str) -> set[str]:
        return set(self._doc_ids[name])

    def has(self, name: str, code: str) -> bool:
        return str(code) in self._doc_ids[name]

    def cached(self, name: str) -> Snapshot | None:
        """The table's snapshot when it has been built (None: nobody has read it as records)."""
        return self._objects.get(name)

    def documents(self, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(code, stored document) of each record of `name`, under the lock, not to be changed:
        for a reader that needs a field or two of every record, not the records themselves."""
        table = self._table(name)
        for code, doc_id in self._doc_ids[name].items():
            yield code, table[doc_id]

    def document(self, name: str, code: str) -> dict[str, Any] | None:
        """The stored document of one record (under the lock, not to be changed), or None."""
        doc_id = self._doc_ids[name].get(str(code))
        return None if doc_id is None else self._table(name).get(doc_id)

    def meta(self) -> dict[str, Any]:
        meta = self._table(tables.META)
        return dict(next(iter(meta.values()), {}))

    def changes_since(self, version: int) -> Change | None:
        """Everything written (or reloaded) after `version`, merged; None when nothing was."""
        return Change.merge(change for v, change in self.journal if v > version)

    def record(self, change: Change) -> None:
        self.version += 1
        self.journal.append((self.version, change))

    def reloaded(self) -> Change:
        """The storage now holds what another program wrote: every table may have changed."""
        self.load()
        change = Change(tables=frozenset(tables.NAMES), codes=frozenset(), seq=self.seq)
        self.record(change)
        return change

    # ---- the unit of work ----------------------------------------------------------------

    @contextlib.contextmanager
    def work(self, *, operator: str) -> Iterator["UnitOfWork"]:
        unit = UnitOfWork(self, operator)
        try:
            with self.storage.transaction():
                yield unit
                unit._write()
        except BaseException:
            if unit.writing:
                self.load()  # the storage is back at its last committed state; so is the index
            raise
        unit._done()


class UnitOfWork:
    """One change: puts and removals by code, audit entries, new codes; written once."""

    def __init__(self, records: Records, operator: str) -> None:
        self._records = records
        self._operator = operator
        self._puts: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._audit: list[dict[str, Any]] = []
        self._counters: dict[str, int] = {}
        self.change: Change | None = None
        #: the records' index has been changed for the write (a failure must rebuild it)
        self.writing = False

    def put(self, name: str, doc: dict[str, Any]) -> None:
        """Insert or replace the record `doc` of table `name`, found by its key field."""
        spec = tables.spec(name)
        if spec.key:
            code = str(doc[spec.key])
        else:  # a one-record table: replace the record it has
            code = next(iter(self._records._doc_ids[name]), "1")
        self._puts[(name, code)] = doc

    def remove(self, name: str, code: str) -> None:
        if not self._records.has(name, code) and (name, str(code)) not in self._puts:
            raise NotFoundError(code="no_record", record=code, table=name)
        self._puts[(name, str(code))] = None

    def audit(self, action: str, target: str, before: Any = None, after: Any = None) -> int:
        seq = self._records.seq + len(self._audit) + 1
        entry = AuditEntry(seq=seq, at=self._records.now().isoformat(timespec="seconds"),
                           operator=self._operator, action=action, target=target,
                           before=before, after=after)
        self._audit.append(entry.to_doc())
        return seq

    def new_code(self, name: str, prefix: str, width: int = 4) -> str:
        """A code for a new record of `name` never given before, even to a removed record.

        The last number given is kept in the store's meta record; a store written before
        the counter existed starts above every code in the table and in its audit log.
        """
        last = self._counters.get(name)
        if last is None:
            counters = self._records.meta().get("last_codes") or {}
            last = counters.get(name)
            if not isinstance(last, int) or isinstance(last, bool):
                last = self._highest_number_ever(name, prefix)
        last += 1
        self._counters[name] = last
        return f"{prefix}{last:0{width}d}"

    def _highest_number_ever(self, name: str, prefix: str) -> int:
        seen = set(self._records.codes(name))
        seen.update(d["target"] for d in self._records._table("audit").values()
                    if isinstance(d.get("target"), str))
        numbers = [int(m.group(2)) for code in seen
                   if (m := _NUMBERED.match(code)) and m.group(1) == prefix]
        return max(numbers, default=0)

    # ---- inside the storage transaction -------------------------------------------------

    def _write(self) -> None:
        by_table: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for (name, code), doc in self._puts.items():
            if doc is not None:
                by_table.setdefault(name, []).append((code, doc))
        for name, docs in by_table.items():
            problems = shape.puts_problems(tables.spec(name).model, docs, name)
            if problems:  # a bug, not the user's input: never write what open would refuse
                raise StoreError(code="bad_record", problems=shape.summary(problems))
        self.writing = True
        records = self._records
        data = records.storage.read()
        changes: list[dict[str, Any]] = []
        for (name, code), doc in self._puts.items():
            doc_ids = records._doc_ids[name]
            doc_id = doc_ids.get(code)
            if doc is None:
                if doc_id is not None:
                    changes.append({"t": name, "id": doc_id, "code": code, "doc": None})
                    del doc_ids[code]
                continue
            if doc_id is None:
                doc_id = str(records._next_doc_id[name])
                records._next_doc_id[name] += 1
                doc_ids[code] = doc_id
            changes.append({"t": name, "id": doc_id, "code": code, "doc": doc})
        if self._audit:
            # the hash chain (store.integrity.hashes): each entry holds the hash of the one before
            last = self._puts.get(("audit", str(records.seq))) or (data.get("audit") or {}).get(
                records._doc_ids["audit"].get(str(records.seq), ""))
            prev = last.get("hash", "") if isinstance(last, dict) else ""
            for entry in self._audit:
                entry["prev"] = prev
                entry["hash"] = prev = entry_hash(entry)
                doc_id = str(records._next_doc_id["audit"])
                records._next_doc_id["audit"] += 1
                records._doc_ids["audit"][str(entry["seq"])] = doc_id
                changes.append({"t": "audit", "id": doc_id, "code": str(entry["seq"]), "doc": entry})
        if self._counters or self._audit:
            meta = data.get(tables.META) or {}
            doc_id = next(iter(meta), "1")
            record = dict(meta.get(doc_id, {}))
            if self._counters:
                record["last_codes"] = {**(record.get("last_codes") or {}), **self._counters}
            if self._audit:  # the chain's anchor moves with its entries (store.integrity.anchor)
                anchor = read_anchor(meta)
                # the whole log is read only to give an older store its first anchor
                audit_after = {} if anchor is not None else {
                    **(data.get("audit") or {}), **{c["id"]: c["doc"] for c in changes if c["t"] == "audit"}}
                record[ANCHOR_FIELD] = anchor_after(anchor, audit_after, self._audit)
            changes.append({"t": tables.META, "id": doc_id, "doc": record})
        if changes:
            records.storage.stage(changes, by=self._operator)

    def _done(self) -> None:
        """After the durable write: update the record caches and say what changed."""
        records = self._records
        snapshot = dict(records._objects)
        snapshot.pop("audit", None)
        changed: dict[str, dict[str, Any]] = {}
        for (name, code), doc in self._puts.items():
            if name in snapshot:
                changed.setdefault(name, {})[code] = None if doc is None else tables.spec(name).model.from_doc(doc)
        records._objects = {**snapshot, **{name: snapshot[name].updated(table) for name, table in changed.items()}}
        if self._audit:
            records.seq = self._audit[-1]["seq"]
        if self._puts or self._audit:
            names = {name for name, _ in self._puts} | ({"audit"} if self._audit else set())
            self.change = Change(tables=frozenset(names),
                                 codes=frozenset(code for _, code in self._puts), seq=records.seq)
            records.record(self.change)
