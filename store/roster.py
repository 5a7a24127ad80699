"""Delegate lists: the three orders, search, attendance and the introduction list.

Pure functions over Delegate values, shared by the desk, the exports and the command line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable, Sequence

from .models import BLOC_ORDER, Delegate, Unit
from .vntext import fold, name_key

ORDERS = ("protocol", "unit", "name")
_LAST = "9999-99-99"


def protocol_key(d: Delegate) -> tuple:
    """Guests before hosts; higher level first; bloc; rank; earlier appointment; older first.

    The rank is the delegate's own: one who stands in for a leader ("on behalf of") does not
    take that leader's rank.
    """
    return (
        0 if d.guest else 1, d.level, BLOC_ORDER[d.bloc], d.rank,
        d.appointed or _LAST, d.birth or _LAST, name_key(d.family, d.middle, d.given),
    )


def unit_key(units: Sequence[Unit]):
    """Cluster unit order (guests and other organizations first), protocol order inside."""
    order = {u.code: u.order for u in units}

    def key(d: Delegate) -> tuple:
        return (order.get(d.unit_code or "", 0), protocol_key(d))

    return key


def alphabetical_key(d: Delegate) -> tuple:
    return name_key(d.family, d.middle, d.given, d.birth)


def sort_delegates(delegates: Iterable[Delegate], order: str, units: Sequence[Unit]) -> list[Delegate]:
    if order == "protocol":
        key = protocol_key
    elif order == "unit":
        key = unit_key(units)
    elif order == "name":
        key = alphabetical_key
    else:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
    return sorted(delegates, key=key)


def introduction_list(delegates: Iterable[Delegate]) -> list[Delegate]:
    """What the MC reads: present delegates in protocol order."""
    return sorted((d for d in delegates if d.present), key=protocol_key)


def clock_time(instant: str | None) -> str:
    """"HH:MM:SS" of an ISO instant ("2024-11-30T08:12:05"), or "" when there is none."""
    return instant.partition("T")[2][:8] if instant else ""


def unit_label(d: Delegate, units_by_code: dict[str, Unit]) -> str:
    unit = units_by_code.get(d.unit_code or "")
    return unit.short_name if unit else d.organization


@functools.lru_cache(maxsize=8192)
def _fold_repeated(text: str) -> str:
    """Positions and unit names repeat across thousands of delegates: fold each once."""
    return fold(text)


@dataclass(frozen=True)
class SearchEntry:
    code: str
    folded: str
    name_initials: str


class SearchIndex:
    """Folded text per delegate (name, position, unit), built once, updated per change."""

    def __init__(self, delegates: Iterable[Delegate], units: Sequence[Unit]) -> None:
        self._units = {u.code: u for u in units}
        self._entries: dict[str, SearchEntry] = {}
        for d in delegates:
            self.put(d)

    def put(self, d: Delegate) -> None:
        unit = self._units.get(d.unit_code or "")
        unit_text = f"{unit.short_name} {unit.full_name}" if unit else d.organization
        name = fold(d.full_name)
        folded = f"{name} {_fold_repeated(d.position)} {_fold_repeated(unit_text)}"
        self._entries[d.code] = SearchEntry(d.code, folded, "".join(w[0] for w in name.split()))

    def remove(self, code: str) -> None:
        self._entries.pop(code, None)

    def search(self, query: str, codes: Iterable[str]) -> list[str]:
        """The codes among `codes` (kept in their order) that match `query`."""
        if not query.strip():
            return list(codes)
        words = fold(query).split()
        compact = "".join(words)
        found = []
        for code in codes:
            entry = self._entries.get(code)
            if entry is None:
                continue
            if all(w in entry.folded for w in words) or (
                    len(compact) > 1 and entry.name_initials.startswith(compact)):
                found.append(code)
        return found


@dataclass(frozen=True)
class Attendance:
    unit_code: str
    label: str
    present: int
    expected: int


def attendance(delegates: Iterable[Delegate], units: Sequence[Unit], guests_label: str) -> list[Attendance]:
    """Present / expected per member unit in cluster order; guests and others in one row first."""
    counts: dict[str, list[int]] = {u.code: [0, 0] for u in units}
    other = [0, 0]
    for d in delegates:
        row = counts.get(d.unit_code or "", other)
        row[1] += 1
        row[0] += d.present
    rows = [Attendance("", guests_label, *other)] if other[1] else []
    rows += [Attendance(u.code, u.short_name, *counts[u.code]) for u in sorted(units, key=lambda u: u.order)]
    return rows
