"""The audit chain's anchor: the meta record keeps where the hash chain starts, how many entries
it holds and the hash of the newest, written in the same unit of work as each entry.

The chain alone cannot tell that its last entries were deleted, or that the hashes of its first
entries (or of all of them) were stripped: what is left still links. The anchor can:

    anchor_after(anchor, audit_table, new_entries)   # the anchor once new entries are written
    anchor_problems(anchor, report)                  # a cut tail, a moved start, stripped hashes
    anchor_note(anchor, report)                      # "no anchor yet" (a store written before it)

A store written before the anchor existed gets one at its first write (the chain as it stands
then); until then `check` notes its absence without failing.
"""

from __future__ import annotations

from typing import Any

from ..core.problems import Problem
from ..errors import register_reasons
from .chain import ChainReport, ordered_entries

#: the meta record's field holding the anchor
ANCHOR_FIELD = "chain"

register_reasons((
    "chain_stripped", "chain_start_moved", "chain_cut", "chain_anchor_behind", "chain_anchor_head",
    "chain_no_anchor",
))


def read_anchor(meta: Any) -> dict[str, Any] | None:
    """The anchor held by a meta table ({doc id: record}), or None when it holds none."""
    records = meta.values() if isinstance(meta, dict) else ()
    for record in records:
        anchor = record.get(ANCHOR_FIELD) if isinstance(record, dict) else None
        if isinstance(anchor, dict):
            return anchor
    return None


def anchor_after(anchor: dict[str, Any] | None, audit_table: dict[str, Any],
                 new_entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The anchor once `new_entries` (already in `audit_table`, hashed) are written. A store
    without one gets the chain as it stands: from its first hashed entry to the newest."""
    if not new_entries:
        return anchor
    head = new_entries[-1]["hash"]
    if anchor is not None:
        return {"start": anchor["start"] or new_entries[0]["seq"],
                "length": anchor["length"] + len(new_entries), "head": head}
    entries = ordered_entries(audit_table)
    start = next((doc["seq"] for doc in entries if doc.get("hash")), new_entries[0]["seq"])
    return {"start": start, "length": sum(1 for doc in entries if doc["seq"] >= start), "head": head}


def anchor_problems(anchor: dict[str, Any] | None, report: ChainReport) -> list[Problem]:
    """What the anchor says the chain lost (nothing when the chain already names a problem:
    the chain's own first problem is the one to show)."""
    if anchor is None or report.problem is not None:
        return []
    start, length, head = anchor["start"], anchor["length"], anchor["head"]
    if not report.start:
        if length:
            return [_problem("chain_stripped", length=length, start=start)]
        return []
    if report.start != start:
        return [_problem("chain_start_moved", found=report.start, expected=start)]
    if report.length < length:
        last = report.start + report.length - 1
        return [_problem("chain_cut", last=last, found=report.length, expected=length)]
    if report.length > length:
        return [_problem("chain_anchor_behind", found=report.length, expected=length)]
    if report.head != head:
        return [_problem("chain_anchor_head", found=_short(report.head), expected=_short(head))]
    return []


def anchor_note(anchor: dict[str, Any] | None, report: ChainReport) -> list[Problem]:
    """A note (not a failure) for a chained store that has no anchor yet."""
    if anchor is None and report.start:
        return [_problem("chain_no_anchor")]
    return []


def _short(value: str) -> str:
    return f"{value[:12]}…" if value else "(none)"


def _problem(reason: str, **params: Any) -> Problem:
    return Problem("audit", None, None, reason, params)
