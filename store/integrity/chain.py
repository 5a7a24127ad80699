"""The audit log's hash chain, as `hoinghi check` verifies it.

Each audit entry holds the hash of the one before (`prev`) and its own (`hash`:
`store.integrity.hashes.entry_hash`). The chain starts where hashes start: entries written before the
chain existed have no hash and are left as they are; from the first entry with a hash on, every
entry must have one, follow the entry just before it (seq - 1), and match its content.
`verify_chain` names the first entry that no longer matches; `rechained` gives entries with
fresh hashes after a purge of personal data rewrote them on purpose.

What the chain vouches for is checked beside it: the covenant and its seal (seal_check.py), the
other records (coverage.py), what the anchor says was lost (anchor.py), all of them at once
(store_check.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..core.problems import Problem
from ..errors import register_reasons
from .hashes import entry_hash

register_reasons((
    "chain_hash", "chain_link", "chain_gap", "chain_unhashed", "chain_start",
))


@dataclass(frozen=True)
class ChainReport:
    """How the audit log's chain stands: the seq where it starts (0: no hashed entry), how
    many entries it covers, and its first problem (None when it holds)."""

    start: int
    length: int
    head: str
    problem: Problem | None


def _seq(doc: Any) -> int | None:
    seq = doc.get("seq") if isinstance(doc, dict) else None
    return seq if type(seq) is int else None


def ordered_entries(audit_table: Any) -> list[dict[str, Any]]:
    """The audit table's entry documents by seq (malformed ones left out: the shape check names
    them)."""
    docs = audit_table.values() if isinstance(audit_table, dict) else ()
    found = [d for d in docs if isinstance(d, dict) and type(d.get("seq")) is int]
    if any(a["seq"] > b["seq"] for a, b in zip(found, found[1:])):  # written in order: usually not
        found.sort(key=lambda d: d["seq"])
    return found


def verify_chain(entries: Iterable[dict[str, Any]], *, hashes: bool = True) -> ChainReport:
    """Walk the entries (in seq order) and report the first that breaks the chain. Without
    `hashes`, only the links are followed (no entry's content hashed again: what a screen can
    afford on every change; `hoinghi check` and open hash every entry)."""
    start = length = 0
    head = ""
    before: dict[str, Any] | None = None
    for doc in entries:
        seq = doc["seq"]
        stored = doc.get("hash") or ""
        if not start:
            if not stored:
                before = doc
                continue
            start = seq
            link = doc.get("prev") or ""
            if link and (before is None or before["seq"] != seq - 1 or before.get("hash")):
                # links to an entry with a hash that is not here (legacy entries have none)
                return ChainReport(start, length, head, _problem(seq, "chain_start", seq=seq))
        else:
            if not stored:
                return ChainReport(start, length, head,
                                   _problem(seq, "chain_unhashed", seq=seq, first=start))
            if seq != before["seq"] + 1:  # type: ignore[index]
                return ChainReport(start, length, head,
                                   _problem(seq, "chain_gap", seq=seq, before=before["seq"]))  # type: ignore[index]
            if (doc.get("prev") or "") != head:
                return ChainReport(start, length, head, _problem(
                    seq, "chain_link", seq=seq, found=_short(doc.get("prev")), expected=_short(head)))
        if hashes and entry_hash(doc) != stored:
            return ChainReport(start, length, head, _problem(seq, "chain_hash", seq=seq))
        head = stored
        length += 1
        before = doc
    return ChainReport(start, length, head, None)


def _short(value: Any) -> str:
    return f"{value[:12]}…" if isinstance(value, str) and value else "(none)"


def _problem(at: int, reason: str, **params: Any) -> Problem:
    return Problem("audit", str(at), None, reason, params)


def rechained(entries: list[dict[str, Any]], from_seq: int) -> list[dict[str, Any]]:
    """New documents for every hashed entry from `from_seq` on, linked again in seq order (the
    entries before keep theirs). Used after a purge rewrote entries: their content changed on
    purpose, so their hashes and every later link are computed again."""
    out: list[dict[str, Any]] = []
    head = ""
    for doc in entries:
        if doc["seq"] < from_seq:
            head = doc.get("hash") or ""
            continue
        if not doc.get("hash") and not out and not head:
            continue  # before the chain's start: nothing to link
        new = dict(doc)
        new["prev"] = head
        new["hash"] = head = entry_hash(new)
        out.append(new)
    return out
