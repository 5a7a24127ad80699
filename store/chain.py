"""The audit log's hash chain and the covenant's seal, as `hoinghi check` verifies them.

Each audit entry holds the hash of the one before (`prev`) and its own (`hash`:
`store.sealing.entry_hash`). The chain starts where hashes start: entries written before the
chain existed have no hash and are left as they are; from the first entry with a hash on, every
entry must have one, follow the entry just before it (seq - 1), and match its content.
`verify_chain` names the first entry that no longer matches; `rechained` gives entries with
fresh hashes after a purge of personal data rewrote them on purpose.

`covenant_problems` checks the record the chain vouches for: the sealed covenant against its
seal (and the seal against its audit entry), and each signature against the audit entry that
recorded it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import vnformat
from .core.problems import Problem
from .errors import register_reasons
from .models import Covenant, Signature
from .sealing import (changed_fields, digest, entry_hash, lean, seal_fields, seal_hash, seal_parts,
                      short_fingerprint)

#: audit actions that set a unit's line of the record (`after`: the signature document)
SIGNING_ACTIONS = ("covenant.sign", "covenant.absent")
#: the action taking the last line back (`before`: the signature document)
UNDO_ACTION = "covenant.sign.undo"
#: the seal (`after`: hash, time, the hash of each part)
SEAL_ACTION = "covenant.seal"

register_reasons({
    "chain_hash": "entry {seq} does not match its hash: it was changed after it was written",
    "chain_link": "entry {seq} does not follow the entry before it (its link is {found}, "
                  "the entry before hashes to {expected}): an entry was changed, removed or inserted",
    "chain_gap": "entry {seq} follows entry {before}: the entries between were removed",
    "chain_unhashed": "entry {seq} has no hash although entry {first} before it has: the chain was cut",
    "chain_start": "entry {seq}, the first with a hash, links to an entry that is not there "
                   "(removed)",
    "seal_text": "the text no longer matches the seal of {at} ({fingerprint}, audit entry {seq})",
    "seal_signature": "no longer matches the seal of {at} ({fingerprint}, audit entry {seq})",
    "seal_signature_added": "was added after the seal of {at} ({fingerprint}, audit entry {seq})",
    "seal_signature_removed": "was removed after the seal of {at} ({fingerprint}, audit entry {seq})",
    "seal_hash": "the seal {fingerprint} does not match the sealed text and signatures",
    "seal_entry": "the seal {fingerprint} does not match its audit entry {seq}",
    "seal_no_entry": "is sealed ({fingerprint}) but the audit log has no seal entry",
    "signature_changed": "does not match audit entry {seq}, which recorded it",
    "signature_removed": "was recorded by audit entry {seq} but is not in the store",
    "signature_undone": "was taken back by audit entry {seq} but is still in the store",
    "signature_unrecorded": "has no audit entry that recorded it",
    "seal_removed": "is no longer sealed, but audit entry {seq} sealed it: the seal was stripped",
    "seal_by": "says it was sealed by {found}, but the seal's audit entry {seq} says {expected}",
})


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




def covenant_problems(covenant: Covenant | None, signatures: list[Signature],
                      entries: list[dict[str, Any]]) -> list[Problem]:
    """The covenant's record against what vouches for it: each signature against the audit
    entry that recorded it (when the chained log recorded any), and a sealed covenant against
    its seal and the seal's audit entry. The first mismatch of the seal is named by part."""
    problems: list[Problem] = []
    chained = [e for e in entries if e.get("hash")]
    order = list(covenant.signing_order) if covenant else []
    by_unit = {s.unit_code: s for s in signatures}
    rank = {code: i for i, code in enumerate(order)}

    def in_order(codes: Iterable[Any]) -> list[Any]:
        return sorted(codes, key=lambda c: (rank.get(c, len(rank)), str(c)))

    expected: dict[Any, tuple[int, Any]] = {}
    for e in chained:
        if e.get("action") in SIGNING_ACTIONS:
            expected[e.get("target")] = (e["seq"], e.get("after"))
        elif e.get("action") == UNDO_ACTION:
            expected[e.get("target")] = (e["seq"], None)
    if expected:
        for unit in in_order(set(expected) | set(by_unit)):
            have = by_unit.get(unit)
            if unit not in expected:
                problems.append(Problem("signatures", str(unit), None, "signature_unrecorded"))
                continue
            seq, doc = expected[unit]
            if doc is None and have is not None:
                problems.append(Problem("signatures", str(unit), None, "signature_undone", {"seq": seq}))
            elif doc is not None and have is None:
                problems.append(Problem("signatures", str(unit), None, "signature_removed", {"seq": seq}))
            elif doc is not None and not _same_signature(doc, have):
                problems.append(Problem("signatures", str(unit), None, "signature_changed",
                                        {"seq": seq, "fields": _fields_changed(doc, have)}))

    if covenant is None:
        return problems
    if covenant.sealed_at is None:
        sealed = next((e for e in reversed(entries) if e.get("action") == SEAL_ACTION), None)
        if sealed is not None:  # hashed or not: nothing takes a seal back
            problems.append(Problem("covenant", None, "sealed_at", "seal_removed", {"seq": sealed["seq"]}))
        return problems
    sealed_at, stored = covenant.sealed_at, covenant.seal_hash
    words = {"at": _when(sealed_at), "fingerprint": short_fingerprint(stored) or "(none)"}
    seal = next((e for e in reversed(chained) if e.get("action") == SEAL_ACTION), None)
    if seal is None:
        problems.append(Problem("covenant", None, None, "seal_no_entry", words))
        return problems
    words["seq"] = seal["seq"]
    after = seal.get("after") if isinstance(seal.get("after"), dict) else {}
    if after.get("hash") != stored or after.get("sealed_at") != sealed_at:
        problems.append(Problem("covenant", None, "seal_hash", "seal_entry", words))
    by = after.get("by", seal.get("operator"))
    if covenant.sealed_by != by:
        problems.append(Problem("covenant", None, "sealed_by", "seal_by",
                                {**words, "found": covenant.sealed_by, "expected": by}))
    sealed_parts = after.get("parts") if isinstance(after.get("parts"), dict) else {}
    sealed_fields = after.get("fields") if isinstance(after.get("fields"), dict) else {}
    now = seal_parts(covenant, signatures)
    now_fields = seal_fields(covenant, signatures)
    found = False
    if sealed_parts.get("text") != now["text"]:
        fields = ", ".join(changed_fields(sealed_fields.get("text"), now_fields["text"]))
        problems.append(Problem("covenant", None, None, "seal_text", {**words, "fields": fields}))
        found = True
    names = {k.partition(":")[2] for k in (*sealed_parts, *now) if k.startswith("signature:")}
    for unit in in_order(names):
        key = f"signature:{unit}"
        if sealed_parts.get(key) == now.get(key):
            continue
        reason = ("seal_signature_added" if key not in sealed_parts else
                  "seal_signature_removed" if key not in now else "seal_signature")
        fields = ", ".join(changed_fields(sealed_fields.get(key), now_fields.get(key, {}))) \
            if reason == "seal_signature" and key in sealed_fields else ""
        problems.append(Problem("signatures", unit, None, reason, {**words, "fields": fields}))
        found = True
    if not found and seal_hash(covenant, signatures, sealed_at) != stored:
        problems.append(Problem("covenant", None, "seal_hash", "seal_hash", words))
    return problems


def store_problems(docs: dict[str, list[dict[str, Any]]], anchor: dict[str, Any] | None = None,
                   *, hashes: bool = True, chain: bool = True, coverage: bool = True) -> list[Problem]:
    """The chain's first problem, what its anchor says it lost (store.anchor), the covenant's
    and the other records the log vouches for (store.coverage); well-formed documents by table.
    Without `chain` (a reader that kept only some entries) the chain itself is not walked;
    without `coverage`, only the signed record and the chain (what a seal line speaks for)."""
    from .anchor import anchor_problems
    from .coverage import coverage_problems

    entries = ordered_entries({str(i): d for i, d in enumerate(docs.get("audit") or ())})
    problems: list[Problem] = []
    if chain:
        report = verify_chain(entries, hashes=hashes)
        problems.extend([report.problem] if report.problem else [])
        problems.extend(anchor_problems(anchor, report))
    covenant_doc = next(iter(docs.get("covenant") or ()), None)
    covenant = None if covenant_doc is None else Covenant.from_doc(covenant_doc)
    problems.extend(covenant_problems(covenant, [Signature.from_doc(d) for d in docs.get("signatures") or ()],
                                      entries))
    if coverage:
        problems.extend(coverage_problems(docs.get("delegates") or (), covenant, entries))
    return problems


def _when(instant: Any) -> str:
    """"10:52 30/11/2024" of an ISO instant (the time people saw on the seal)."""
    text = str(instant)
    day, _, clock = text.partition("T")
    return f"{clock[:5]} {vnformat.day(day)}" if clock else text


def _fields_changed(logged: Any, record: Signature) -> str:
    """The fields of a signature that differ from the document an audit entry recorded."""
    try:
        before = lean(Signature.from_doc(logged))
    except Exception:  # noqa: BLE001 - not a signature document: no field to name
        return ""
    now = lean(record)
    return ", ".join(sorted(k for k in {*before, *now} if before.get(k) != now.get(k)))


def _same_signature(logged: Any, record: Signature) -> bool:
    """Whether the signature an audit entry recorded is the one in the store."""
    try:
        return digest(lean(Signature.from_doc(logged))) == digest(lean(record))
    except Exception:  # noqa: BLE001 - an entry that is not a signature document: not the same
        return False
