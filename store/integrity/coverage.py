"""Records the audit log vouches for beyond the covenant's signatures (seal_check.py): each
delegate's check-in against the last chained entry that checked them in or took it back, and
next year's cluster head against the last chained entry that recorded it. A hand edit that
checks someone out (or in, or at another time), or names another cluster head, is named by
`hoinghi check` and by the screens that show the record.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..core.problems import Problem
from ..errors import register_reasons
from ..models import Covenant

CHECKIN, CHECKIN_UNDO, DELEGATE_REMOVE = "checkin", "checkin.undo", "delegate.remove"
NEXT_HEAD, COVENANT_CREATE = "covenant.next_head", "covenant.create"

register_reasons((
    "checkin_removed", "checkin_changed", "checkin_undone", "next_head_changed",
))


def coverage_problems(delegates: Iterable[dict[str, Any]], covenant: Covenant | None,
                      entries: list[dict[str, Any]]) -> list[Problem]:
    """Check-ins and the next cluster head that no longer match the chained log."""
    chained = [e for e in entries if e.get("hash")]
    return [*_checkins(delegates, chained), *_next_head(covenant, chained)]


def _checkins(delegates: Iterable[dict[str, Any]], chained: list[dict[str, Any]]) -> Iterable[Problem]:
    if not delegates:
        return
    last: dict[str, dict[str, Any]] = {}
    for entry in chained:
        if entry.get("action") in (CHECKIN, CHECKIN_UNDO, DELEGATE_REMOVE) and isinstance(entry.get("target"), str):
            last[entry["target"]] = entry
    if not last:
        return
    for doc in delegates:
        entry = last.get(doc.get("code"))
        if entry is None or entry["action"] == DELEGATE_REMOVE:
            continue
        at = doc.get("checked_in_at")
        where = ("delegates", doc.get("code"), "checked_in_at")
        if entry["action"] == CHECKIN_UNDO:
            if at is not None:
                yield Problem(*where, "checkin_undone", {"seq": entry["seq"]})
            continue
        logged = (entry.get("after") or {}).get("at") if isinstance(entry.get("after"), dict) else None
        if at is None:
            yield Problem(*where, "checkin_removed", {"seq": entry["seq"], "at": _clock(logged)})
        elif logged is not None and at != logged:
            yield Problem(*where, "checkin_changed", {"seq": entry["seq"], "at": _clock(logged),
                                                      "found": _clock(at)})


def _next_head(covenant: Covenant | None, chained: list[dict[str, Any]]) -> Iterable[Problem]:
    if covenant is None:
        return
    entry = next((e for e in reversed(chained) if e.get("action") in (NEXT_HEAD, COVENANT_CREATE)), None)
    if entry is None:
        return
    after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
    if entry["action"] == NEXT_HEAD:
        expected = (after.get("unit") or "", after.get("name") or "")
    else:
        expected = (after.get("next_head_unit") or "", after.get("next_head_name") or "")
    found = (covenant.next_head_unit, covenant.next_head_name)
    if found != expected:
        yield Problem("covenant", None, "next_head_unit", "next_head_changed",
                      {"seq": entry["seq"], "found": _pair(found), "expected": _pair(expected)})


def _pair(value: tuple[str, str]) -> str:
    return " – ".join(p for p in value if p) or "—"


def _clock(instant: Any) -> str:
    text = str(instant or "")
    day, _, clock = text.partition("T")
    return f"{clock[:5]} {day[8:10]}/{day[5:7]}/{day[:4]}" if clock else text
