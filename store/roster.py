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

from .models import BLOC_ORDER, Delegate, Unit
from .vntext import collation_key, fold

ORDERS = ("protocol", "unit", "name")
_LAST = "9999-99-99"
_CODE, _UNIT_CODE, _CHECKED_IN = attrgetter("code"), attrgetter("unit_code"), attrgetter("checked_in_at")


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
    key = _order_keys(order, units)[1]
    pieces = [sorted(delegates[i:i + piece], key=key) for i in range(0, len(delegates), piece)]
    if len(pieces) <= 1:
        return pieces[0] if pieces else []
    return list(heapq.merge(*pieces, key=key))


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


def clock_time(instant: str | None) -> str:
    """"HH:MM:SS" of an ISO instant ("2024-11-30T08:12:05"), or "" when there is none."""
    return instant.partition("T")[2][:8] if instant else ""


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


@functools.lru_cache(maxsize=8192)
def _fold_repeated(text: str) -> str:
    """Name parts, positions and unit names repeat across thousands of delegates: fold each once."""
    return fold(text)


_MOST_NAME_WORDS = 8  # longer queries are not initials


class SearchIndex:
    """Folded text per delegate (name, position, unit), built once, updated per change.

    Each delegate has a position in plain lists of texts; a search runs one list comprehension
    per query word over the positions of the codes it is given (kept for the last code lists
    seen: the whole order, the previous results), so no code is hashed again per keystroke:
    100,000 delegates, one letter matching almost all of them: about 30 ms with the tiers.
    """

    #: how many code lists keep their positions (the whole order, the last results, their tiers)
    _KNOWN = 4

    def __init__(self, delegates: Iterable[Delegate], units: Sequence[Unit]) -> None:
        self._units = {u.code: u for u in units}
        self._at: dict[str, int] = {}  # code -> position
        self._codes: list[str] = []
        self._folded: list[str] = []  # name, position and unit
        self._names: list[str] = []  # " " + name: " " + word in it = a name word starts with word
        self._initials: list[str] = []
        self._known: list[tuple[list[str], list[int]]] = []
        for d in delegates:
            self.put(d)

    def put(self, d: Delegate) -> None:
        unit = self._units.get(d.unit_code or "")
        unit_text = f"{unit.short_name} {unit.full_name}" if unit else d.organization
        # Folding each name part once (they repeat: a few hundred distinct among thousands).
        name = " ".join(filter(None, map(_fold_repeated, (d.family, d.middle, d.given))))
        texts = (f"{name} {_fold_repeated(d.position)} {_fold_repeated(unit_text)}", " " + name,
                 "".join(w[0] for w in name.split()))
        at = self._at.get(d.code)
        if at is None:
            self._at[d.code] = len(self._codes)
            # the index's own copy of the code, made next to its texts: a search's results are
            # copied from here, and copying 100,000 codes scattered in memory costs 5x more
            self._codes.append(f"{d.code} "[:-1])
            for table, text in zip((self._folded, self._names, self._initials), texts):
                table.append(text)
        else:
            self._folded[at], self._names[at], self._initials[at] = texts

    def remove(self, code: str) -> None:
        at = self._at.pop(code, None)
        if at is not None:  # its place stays, matching nothing (positions already kept stay right)
            self._folded[at] = self._names[at] = self._initials[at] = ""

    def _positions(self, codes: list[str]) -> list[int]:
        for known, positions in self._known:
            if known is codes:
                return positions
        get = self._at.get
        return self._keep(codes, [at for at in map(get, codes) if at is not None])

    def _keep(self, codes: list[str], positions: list[int]) -> list[int]:
        self._known = [(codes, positions), *self._known[:self._KNOWN - 1]]
        return positions

    def _codes_at(self, positions: list[int]) -> list[str]:
        codes = self._codes
        return [codes[at] for at in positions]

    def search(self, query: str, codes: Iterable[str]) -> list[str]:
        """The codes among `codes` (kept in their order) that match `query`: every word
        somewhere in the name, position or unit, or the query is the start of the initials."""
        codes = codes if isinstance(codes, list) else list(codes)
        words = fold(query).split()
        if not words:
            return list(codes)
        positions = self._positions(codes)
        folded = self._folded
        found = [at for at in positions if words[0] in folded[at]]
        for word in words[1:]:
            found = [at for at in found if word in folded[at]]
        by_initials = self._by_initials(words, positions)
        if by_initials.difference(found):
            either = by_initials.union(found)
            found = [at for at in positions if at in either]
        result = self._codes_at(found)
        self._keep(result, found)
        return result

    def _by_initials(self, words: list[str], positions: list[int]) -> set[int]:
        compact = "".join(words)
        if not 2 <= len(compact) <= _MOST_NAME_WORDS:
            return set()
        initials = self._initials
        return {at for at in positions if initials[at].startswith(compact)}

    def best_first(self, query: str, found: Iterable[str]) -> list[str]:
        """Search results with the closest name matches first, in their given order within each
        tier: the whole name; every word starting a name word (or the initials); every word
        inside the name; the rest (matched on position or unit)."""
        found = found if isinstance(found, list) else list(found)
        words = fold(query).split()
        if not words:
            return list(found)
        positions = self._positions(found)
        names = self._names
        in_name = positions
        for word in words:
            in_name = [at for at in in_name if word in names[at]]
        starting = in_name
        for word in words:
            starting = [at for at in starting if " " + word in names[at]]
        phrase = " " + " ".join(words)
        whole = {at for at in starting if names[at] == phrase}
        close = set(starting).union(self._by_initials(words, positions)).difference(whole)
        inside = set(in_name).difference(close, whole)
        if len(inside) == len(positions) or len(close) == len(positions):
            return list(found)  # one tier: the order as given
        tiers = [[at for at in positions if at in tier] for tier in (whole, close, inside) if tier]
        if len(whole) + len(close) + len(inside) < len(positions):
            taken = whole.union(close, inside)
            tiers.append([at for at in positions if at not in taken])
        shown = [at for tier in tiers for at in tier]
        return self._codes_at(shown)


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
