"""Delegate lists: the three orders, search, attendance and the introduction list.

Pure functions over Delegate values, shared by the desk, the exports and the command line.
"""

from __future__ import annotations

import functools
import heapq
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Iterable, Sequence

from .conference import Unit
from .delegates import BLOC_ORDER, Delegate
from wording.text import collation_key, fold
from .search_index import SearchIndex  # noqa: F401 - the desk's search, in its own module

#: the orders of a list of delegates
ORDERS = ("protocol", "unit", "name")
#: a list of only the delegates present, or only those not yet arrived (`export --only`)
ONLY = ("present", "absent")
_LAST = "9999-99-99"
_CODE, _UNIT_CODE, _CHECKED_IN = attrgetter("code"), attrgetter("unit_code"), attrgetter("checked_in_at")
_GIVEN, _FAMILY, _MIDDLE = attrgetter("given"), attrgetter("family"), attrgetter("middle")


def protocol_rank(d: Delegate) -> tuple:
    """Protocol order without the names: cheap, and decides almost every comparison."""
    return (0 if d.guest else 1, d.level, BLOC_ORDER[d.bloc], d.rank, d.appointed or _LAST, d.birth or _LAST)


def protocol_key(d: Delegate) -> tuple:
    """Guests before hosts; higher level first; bloc; rank; earlier appointment; older first.

    The rank is the delegate's own: one who stands in for a leader ("on behalf of") does not
    take that leader's rank.
    """
    return (*protocol_rank(d), *_name_order(d))


def _name_order(d: Delegate) -> tuple[str, ...]:
    """vntext.name_key flattened into one tuple of strings (the same order: every collation key
    has four parts): imported lists tie on everything but the name, and 100,000 flat tuples sort
    in a fraction of the time nested ones take."""
    return (*_part_key(d.given), *_part_key(d.family), *_part_key(d.middle))


#: name parts repeat (a few thousand distinct among 100,000 delegates): each collated once
_part_key = functools.lru_cache(maxsize=1 << 16)(collation_key)


def unit_key(units: Sequence[Unit]):
    """Cluster unit order (guests and other organizations first), protocol order inside."""
    return _by_unit(units, protocol_key)


def _by_unit(units: Sequence[Unit], within: Callable[[Delegate], tuple]):
    order = {u.code: u.order for u in units}

    def key(d: Delegate) -> tuple:
        return (order.get(d.unit_code or "", 0), within(d))

    return key


def alphabetical_key(d: Delegate) -> tuple:
    """vntext.name_key's order: given, family, middle name, then the earlier birth date (none last)."""
    return (*_name_order(d), *((0, d.birth) if d.birth else (1, "")))


def _order_keys(order: str, units: Sequence[Unit]) -> tuple[Callable | None, Callable]:
    """(coarse, full) keys of an order; `full` refines `coarse` (None: no cheaper key)."""
    if order == "protocol":
        return protocol_rank, protocol_key
    if order == "unit":
        return _by_unit(units, protocol_rank), unit_key(units)
    if order == "name":
        return None, alphabetical_key
    raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")


def sort_delegates(delegates: Iterable[Delegate], order: str, units: Sequence[Unit]) -> list[Delegate]:
    return sorted(delegates, key=_order_keys(order, units)[1])


def sort_in_pieces(delegates: Sequence[Delegate], order: str, units: Sequence[Unit],
                   piece: int = 4096) -> list[Delegate]:
    """`sort_delegates`, for a thread beside an event loop: a sort's comparisons hold the GIL
    from start to end (100,000 delegates: over 100 ms the loop could not run), so pieces are
    sorted one by one and merged (heapq.merge: stable, ties keep the earlier piece first)."""
    key = _ranked_key(order, units, delegates)
    pieces = [sorted(delegates[i:i + piece], key=key) for i in range(0, len(delegates), piece)]
    if len(pieces) <= 1:
        return pieces[0] if pieces else []
    return list(heapq.merge(*pieces, key=key))


def _ranked_key(order: str, units: Sequence[Unit], delegates: Sequence[Delegate]) -> Callable:
    """The full key of `order` with each name part replaced by its rank among the parts of
    `delegates` in collation order: the same order, and ints compare in a fraction of the
    time the collation strings take (100,000 imported delegates tie on everything else)."""
    rank: dict[str, int] = {}
    last: tuple | None = None
    texts = {*map(_GIVEN, delegates), *map(_FAMILY, delegates), *map(_MIDDLE, delegates)}
    for text in sorted(texts, key=_part_key):
        key = _part_key(text)
        if key != last:  # texts that collate the same (one NFC) share a rank
            last, number = key, len(rank)
        rank[text] = number

    def names(d: Delegate) -> tuple[int, int, int]:
        return rank[d.given], rank[d.family], rank[d.middle]

    if order == "protocol":
        return lambda d: (*protocol_rank(d), *names(d))
    if order == "unit":
        return _by_unit(units, lambda d: (*protocol_rank(d), *names(d)))
    if order == "name":
        return lambda d: (*names(d), *((0, d.birth) if d.birth else (1, "")))
    raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")


def first_in_order(delegates: Sequence[Delegate], order: str, units: Sequence[Unit],
                   count: int) -> list[Delegate]:
    """`sort_delegates(...)[:count]` without sorting them all, for a first screenful.

    The count-th smallest coarse key is a cut: whoever is among the first `count` has a coarse
    key at or below it, so only those need their (costly) names compared. In an imported list
    almost everyone ties at the cut (one rank, no dates): the names then pick the first `count`
    in one pass (heapq), not by sorting them all.
    """
    coarse, full = _order_keys(order, units)
    if count <= 0:
        return []
    if coarse is None or len(delegates) <= 2 * count:
        return sort_delegates(delegates, order, units)[:count]
    keys = list(map(coarse, delegates))
    cut = heapq.nsmallest(count, keys)[-1]
    near = [d for d, k in zip(delegates, keys) if k <= cut]
    return heapq.nsmallest(count, near, key=full)


def codes_of(delegates: Iterable[Delegate]) -> list[str]:
    return list(map(_CODE, delegates))


def introduction_list(delegates: Iterable[Delegate]) -> list[Delegate]:
    """What the MC reads: present delegates in protocol order."""
    return sorted((d for d in delegates if d.present), key=protocol_key)


def introduction_rows(delegates: Iterable[Delegate], units: Sequence[Unit]) -> list[list[object]]:
    """The introduction list's rows: number, name, position, unit, on behalf of."""
    by_code = {u.code: u for u in units}
    return [
        [i, d.full_name, d.position, unit_label(d, by_code), d.on_behalf_of]
        for i, d in enumerate(introduction_list(delegates), start=1)
    ]



#: the unit filter choosing the guests and other organizations (no member unit): the attendance
#: tally's first row. Not a unit code: codes start with a letter or digit (validation.CODE_RE).
GUESTS = "*guests"


def in_unit(d: Delegate, unit_filter: str | None, member_codes: set[str] | frozenset[str]) -> bool:
    """Whether the desk's unit filter (None: everyone; GUESTS; a unit code) chooses `d`."""
    if unit_filter is None:
        return True
    if unit_filter == GUESTS:
        return d.guest or d.unit_code not in member_codes
    return d.unit_code == unit_filter


def namesakes(code: str, codes: Iterable[str], delegates: dict[str, Delegate]) -> list[str]:
    """The codes among `codes` (in their order) whose full name folds (vntext.fold: case, tones
    and marks ignored) to the same as `code`'s, `code` included; [code] when it has none."""
    name = fold(delegates[code].full_name)
    same = [c for c in codes if c in delegates and fold(delegates[c].full_name) == name]
    return same if code in same else [code, *same]


def unit_label(d: Delegate, units_by_code: dict[str, Unit]) -> str:
    unit = units_by_code.get(d.unit_code or "")
    return unit.short_name if unit else d.organization


@dataclass(frozen=True)
class Attendance:
    unit_code: str
    label: str
    present: int
    expected: int


class AttendanceTally:
    """Present / expected per member unit (guests and other organizations under ""), counted
    once and then kept current one delegate at a time."""

    def __init__(self, delegates: Iterable[Delegate], units: Sequence[Unit]) -> None:
        self._units = sorted(units, key=lambda u: u.order)
        self._members = {u.code for u in units}
        delegates = list(delegates)
        self._expected = self._by_row(Counter(map(_UNIT_CODE, delegates)))
        self._present = self._by_row(Counter(map(_UNIT_CODE, filter(_CHECKED_IN, delegates))))

    def _by_row(self, by_unit_code: Counter) -> Counter:
        rows: Counter = Counter()
        for code, count in by_unit_code.items():
            rows[code if code in self._members else ""] += count
        return rows

    def add(self, d: Delegate, sign: int = 1) -> None:
        row = d.unit_code if d.unit_code in self._members else ""
        self._expected[row] += sign
        if d.present:
            self._present[row] += sign

    def remove(self, d: Delegate) -> None:
        self.add(d, -1)

    def rows(self, guests_label: str) -> list[Attendance]:
        """Guests and others in one row first (when there are any), then the units in cluster order."""
        present, expected = self._present, self._expected
        rows = [Attendance("", guests_label, present[""], expected[""])] if expected[""] else []
        return rows + [Attendance(u.code, u.short_name, present[u.code], expected[u.code]) for u in self._units]
