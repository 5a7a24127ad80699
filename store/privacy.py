"""Personal data after the event (Vietnam's Decree 13/2023: personal data is deleted when the
purpose it was collected for has ended).

    report = service.privacy.purge_personal(apply=False)   # what would be removed; nothing changes
    report = service.privacy.purge_personal(apply=True)    # remove it

Phones, dates of birth and notes are blanked in every delegate, in the before/after documents
of every audit entry, and in every backup of the store; a removed delegate's audit entry keeps
only the code, the name and the unit (the same trace `delegates.remove` writes today). Each
backup is rewritten atomically and privately (0600); a backup that cannot be read or written is
reported, never fatal. The live store changes in one unit of work, audited with counts only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .core.backups import CHECKED, is_checked, list_backups, read_backup
from .core.decode import decode_store
from .core.files import fsync_directory
from .core.opening import shape_problems
from .core.storage import atomic_write_bytes
from .domain import Domain, locked
from .errors import StoreError, register_errors
from .integrity.anchor import ANCHOR_FIELD, read_anchor
from .integrity.chain import ordered_entries, rechained, verify_chain
from .tables import META

#: the personal fields of a delegate and the blank value each takes
PERSONAL_FIELDS: dict[str, Any] = {"phone": "", "birth": None, "note": ""}
#: what the audit keeps of a removed delegate
REMOVAL_TRACE = ("code", "family", "middle", "given", "unit_code")
#: the audit action of the purge itself
PURGE_ACTION = "privacy.purge"
#: the audit entry that says the purge re-linked the hash chain (store.integrity.chain) from a seq on
RECHAIN_ACTION = "audit.rechain"

register_errors(("purge_chain_broken",))


def removal_trace(doc: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of a removed delegate's document: code, name parts and unit."""
    return {key: doc.get(key) for key in REMOVAL_TRACE}


def blank_personal(value: Any) -> tuple[Any, dict[str, int]]:
    """`value` with every personal field of every mapping in it blanked (lists and nested
    mappings included), and how many non-blank values of each field were removed."""
    removed: dict[str, int] = {}

    def walk(item: Any) -> Any:
        if isinstance(item, dict):
            out = {}
            for key, inner in item.items():
                if key in PERSONAL_FIELDS and inner not in ("", None):
                    removed[key] = removed.get(key, 0) + 1
                    out[key] = PERSONAL_FIELDS[key]
                else:
                    out[key] = walk(inner)
            return out
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        return item

    return walk(value), removed


def purged_delegate(doc: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, int]]:
    """The delegate document without personal data, or None when it holds none."""
    new, removed = blank_personal(doc)
    return (new if removed else None), removed


def purged_audit_entry(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The audit entry without personal data in its before/after documents (a removed
    delegate reduced to its trace), or None when it holds none."""
    new = dict(doc)
    if doc.get("action") == "delegate.remove" and isinstance(doc.get("before"), dict):
        new["before"] = removal_trace(doc["before"])
    for side in ("before", "after"):
        new[side], _ = blank_personal(new.get(side))
    return new if new != doc else None


@dataclass(frozen=True)
class PurgeCounts:
    delegates: int = 0
    audit_entries: int = 0
    phones: int = 0
    births: int = 0
    notes: int = 0


def purge_raw(data: dict[str, Any]) -> tuple[dict[str, Any], PurgeCounts]:
    """A store's raw data ({table: {doc id: document}}, as in a store file or backup) without
    personal data, and what was removed. `data` itself is left as it is."""
    out = dict(data)
    fields: dict[str, int] = {}
    delegates = audit = 0
    table = data.get("delegates")
    if isinstance(table, dict):
        new_table = {}
        for doc_id, doc in table.items():
            new, removed = purged_delegate(doc) if isinstance(doc, dict) else (None, {})
            if new is not None:
                delegates += 1
                for key, n in removed.items():
                    fields[key] = fields.get(key, 0) + n
            new_table[doc_id] = doc if new is None else new
        out["delegates"] = new_table
    table = data.get("audit")
    if isinstance(table, dict):
        new_table = {}
        for doc_id, doc in table.items():
            new = purged_audit_entry(doc) if isinstance(doc, dict) else None
            audit += new is not None
            new_table[doc_id] = doc if new is None else new
        out["audit"] = _rechained_table(table, new_table)
        out = _anchor_followed(out)
    return out, PurgeCounts(delegates, audit, fields.get("phone", 0), fields.get("birth", 0),
                            fields.get("note", 0))


def _rechained_table(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The purged audit table with its hash chain linked again from the first entry the purge
    changed (a chain already broken is left as it is, for `check` to name)."""
    changed = [doc["seq"] for doc_id, doc in new.items()
               if doc is not old.get(doc_id) and isinstance(doc, dict) and type(doc.get("seq")) is int]
    if not changed or verify_chain(ordered_entries(old)).problem is not None:
        return new
    fresh = {doc["seq"]: doc for doc in rechained(ordered_entries(new), min(changed))}
    return {doc_id: fresh.get(doc.get("seq"), doc) if isinstance(doc, dict) else doc
            for doc_id, doc in new.items()}


def _anchor_followed(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its chain's anchor (store.integrity.anchor) on the re-linked head: the purge rewrote the
    entries on purpose, their number is the same."""
    meta = data.get(META)
    anchor = read_anchor(meta)
    entries = ordered_entries(data.get("audit"))
    if anchor is None or not entries or not entries[-1].get("hash"):
        return data
    head = entries[-1]["hash"]
    if anchor.get("head") == head:
        return data
    records = {doc_id: ({**doc, ANCHOR_FIELD: {**anchor, "head": head}}
                        if isinstance(doc, dict) and isinstance(doc.get(ANCHOR_FIELD), dict) else doc)
               for doc_id, doc in meta.items()}
    return {**data, META: records}


@dataclass(frozen=True)
class BackupProblem:
    """A backup the purge could not read or rewrite: its file name and what failed."""

    name: str
    reason: str  # "unreadable" or "unwritable"


@dataclass(frozen=True)
class PurgeReport:
    applied: bool
    store: PurgeCounts
    #: backups that hold (or held) personal data: rewritten, or that would be
    backups: int
    #: backups looked at
    backups_seen: int
    problems: tuple[BackupProblem, ...] = ()

    @property
    def audit_counts(self) -> dict[str, int]:
        return {"delegates": self.store.delegates, "audit_entries": self.store.audit_entries,
                "backups": self.backups}


def purge_backup(store: Path, backup: Path, data: dict[str, Any], *, apply: bool) -> bool:
    """Blank the personal data of one backup (`data`: its decoded content); True when it held
    any. The rewrite is atomic and private; a backup labelled as checked keeps its label only
    while it is still a valid store. Raises OSError when it cannot be written."""
    new, counts = purge_raw(data)
    if not (counts.delegates or counts.audit_entries):
        return False
    if not apply:
        return True
    new_bytes = orjson.dumps(new)
    target = backup
    if is_checked(store, backup) and not _valid_store(new_bytes):
        stem, dot, rest = backup.name.partition(CHECKED + ".")
        if dot:  # "<stem>.<stamp>.<label>-checked.json" -> "<stem>.<stamp>.<label>.json"
            target = backup.with_name(f"{stem}.{rest}")
    atomic_write_bytes(target, new_bytes)
    if target != backup:
        os.unlink(backup)
        fsync_directory(backup.parent)
    return True


def _valid_store(raw: bytes) -> bool:
    try:
        return not shape_problems(raw)
    except Exception:  # noqa: BLE001 - not a store this version can open: not valid
        return False


class PrivacyDomain(Domain):
    @locked
    def purge_personal(self, *, apply: bool) -> PurgeReport:
        """Remove (with `apply`) or count (without) the personal data of the store, its audit
        log and its backups. Backups first, then the live store in one unit of work whose audit
        entry holds the counts only."""
        records = self._records
        storage = records.storage
        store_path, backup_dir = storage.path, storage.backup_dir
        touched = 0
        problems: list[BackupProblem] = []
        backups = list_backups(store_path, backup_dir)
        for backup in backups:
            try:
                data = decode_store(read_backup(backup))  # a regular file only: never waits on a FIFO
            except (OSError, ValueError, StoreError):
                problems.append(BackupProblem(backup.name, "unreadable"))
                continue
            try:
                touched += purge_backup(store_path, backup, data, apply=apply)
            except OSError:
                problems.append(BackupProblem(backup.name, "unwritable"))

        puts: list[tuple[str, dict[str, Any]]] = []
        fields: dict[str, int] = {}
        delegates = audit = 0
        for delegate in records.objects("delegates").values():
            new, removed = purged_delegate(delegate.to_doc())
            if new is not None:
                delegates += 1
                for key, n in removed.items():
                    fields[key] = fields.get(key, 0) + n
                puts.append(("delegates", new))
        for entry in records.objects("audit").values():
            new = purged_audit_entry(entry.to_doc())
            if new is not None:
                audit += 1
                puts.append(("audit", new))
        counts = PurgeCounts(delegates, audit, fields.get("phone", 0), fields.get("birth", 0),
                             fields.get("note", 0))
        report = PurgeReport(applied=apply, store=counts, backups=touched,
                             backups_seen=len(backups), problems=tuple(problems))
        if apply:
            chain = puts and _chain_after_purge(records.storage.read().get("audit"), puts)
            with self._work() as work:
                for table, doc in puts:
                    if table != "audit":
                        work.put(table, doc)
                if chain:
                    for doc in chain[0]:
                        work.put("audit", doc)
                    work.audit(RECHAIN_ACTION, "audit", None, chain[1])
                work.audit(PURGE_ACTION, store_path.name, None, report.audit_counts)
            storage.fold()  # the journal's records held the personal data too: into the file, then emptied
        return report


def _chain_after_purge(audit_table: Any, puts: list[tuple[str, dict[str, Any]]]
                       ) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """The audit documents the purge writes, re-linked in the hash chain from the first entry it
    changes, and what the audit log says of it (from which seq, how many entries, the old head).
    None when no audit entry changes. StoreError when the chain is already broken: re-linking it
    would hide the break."""
    purged = {doc["seq"]: doc for table, doc in puts if table == "audit"}
    if not purged:
        return None
    entries = ordered_entries(audit_table)
    report = verify_chain(entries)
    if report.problem is not None:
        raise StoreError(code="purge_chain_broken", seq=report.problem.code)
    merged = [purged.get(doc["seq"], doc) for doc in entries]
    start = min(purged)
    fresh = rechained(merged, start)
    by_seq = {doc["seq"]: doc for doc in fresh}
    docs = [by_seq.get(seq, doc) for seq, doc in purged.items()] + \
           [doc for seq, doc in by_seq.items() if seq not in purged]
    return docs, {"from": start, "entries": len(fresh), "old_head": report.head}
