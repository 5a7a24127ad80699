"""The covenant's record against what vouches for it, as `hoinghi check` and the seal line verify
it: each signature against the audit entry that recorded it, and a sealed covenant against its
seal (hashes.seal_hash) and the seal's audit entry; the first mismatch of the seal is named by
part (the text, a unit's line)."""

from __future__ import annotations

from typing import Any, Iterable

from wording import numbers as vnformat
from ..core.problems import Problem
from ..errors import register_reasons
from ..models import Covenant, Signature
from ..models.covenant import short_fingerprint
from .hashes import changed_fields, digest, lean, seal_fields, seal_hash, seal_parts

#: audit actions that set a unit's line of the record (`after`: the signature document)
SIGNING_ACTIONS = ("covenant.sign", "covenant.absent")
#: the action taking the last line back (`before`: the signature document)
UNDO_ACTION = "covenant.sign.undo"
#: the seal (`after`: hash, time, the hash of each part)
SEAL_ACTION = "covenant.seal"

register_reasons((
    "seal_text", "seal_signature", "seal_signature_added", "seal_signature_removed", "seal_hash",
    "seal_entry", "seal_no_entry", "signature_changed", "signature_removed", "signature_undone",
    "signature_unrecorded", "seal_removed", "seal_by",
))


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
