"""What the check-in desk knows, without any widget: the delegates by code, the order and the
unit filter, the search and its results, the attendance tally, and this desk's undo window.

The desk screen (screen.py) draws from it; every store change arrives as `put`/`drop` of the
changed delegates only, so nothing is reloaded or re-sorted whole after a check-in.
"""

from __future__ import annotations

import bisect
import time
from typing import Callable, Iterable, Sequence

from store import roster
from store.models import Delegate, Unit

#: rows ordered before the first paint; the rest of the order follows right after it
FIRST_SCREEN_ROWS = 200
#: Ctrl+Z takes back this desk's check-ins only this soon after (as pretixSCAN); later, F9 with a confirmation
UNDO_WINDOW_S = 5 * 60


class DeskState:
    def __init__(self, units: Sequence[Unit] = (), *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.order = "protocol"
        self.unit_filter: str | None = None
        self.delegates: dict[str, Delegate] = {}
        self.tally = roster.AttendanceTally((), ())
        self._ordered: list[str] | None = None
        self._index: roster.SearchIndex | None = None
        self._last_query = ""
        self._last_found: list[str] = []
        #: (code, when on `clock`) of this desk's check-ins, oldest first
        self.undo: list[tuple[str, float]] = []
        self.set_units(units)

    # ---- the roster ------------------------------------------------------------------------

    def set_units(self, units: Sequence[Unit]) -> None:
        self.units = tuple(units)
        self.units_by_code = {u.code: u for u in self.units}
        self._members = frozenset(self.units_by_code)

    def load(self, delegates: Iterable[Delegate]) -> None:
        delegates = list(delegates)
        self.delegates = dict(zip(roster.codes_of(delegates), delegates))
        self.tally = roster.AttendanceTally(delegates, self.units)
        self._index = None
        self.reset_order()

    def unit_label(self, d: Delegate) -> str:
        return roster.unit_label(d, self.units_by_code)

    def chosen(self) -> list[Delegate]:
        everyone = list(self.delegates.values())
        if self.unit_filter is None:
            return everyone
        return [d for d in everyone if self.is_chosen(d)]

    def is_chosen(self, d: Delegate) -> bool:
        """Whether the unit filter (a unit, the guests: roster.GUESTS, or none) shows `d`."""
        return roster.in_unit(d, self.unit_filter, self._members)

    _is_chosen = is_chosen

    def filter_label(self, guests_label: str, all_label: str) -> str:
        """The unit filter as shown: a unit's short name, the guests, or everyone."""
        if self.unit_filter == roster.GUESTS:
            return guests_label
        unit = self.units_by_code.get(self.unit_filter or "")
        return unit.short_name if unit else all_label

    def namesakes(self, code: str, shown: list[str]) -> list[str]:
        """`code` and the delegates among `shown` with the same name (tones and case ignored)."""
        return roster.namesakes(code, shown, self.delegates)

    def reset_order(self) -> None:
        """Forget the order (after a change of order or filter, or a new roster)."""
        self._ordered = None
        self.reset_search()

    def reset_search(self) -> None:
        self._last_query, self._last_found = "", []

    @property
    def ordered(self) -> bool:
        return self._ordered is not None

    def first_screen(self, count: int = FIRST_SCREEN_ROWS) -> list[str] | None:
        """The first `count` codes in order without sorting everyone (for the first paint), or
        None when there are so few that the whole order is as quick."""
        chosen = self.chosen()
        if len(chosen) <= count:
            return None
        return roster.codes_of(roster.first_in_order(chosen, self.order, self.units, count))

    def full_order(self) -> list[str]:
        if self._ordered is None:
            self._ordered = roster.codes_of(roster.sort_delegates(self.chosen(), self.order, self.units))
        return self._ordered

    def count(self) -> int:
        return len(self._ordered) if self._ordered is not None else len(self.chosen())

    def _sort_key(self) -> Callable[[Delegate], tuple]:
        return roster._order_keys(self.order, self.units)[1]

    def cycle_order(self) -> None:
        orders = roster.ORDERS
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self.reset_order()

    def choose_unit(self, code: str | None) -> None:
        self.unit_filter = code or None
        self.reset_order()

    # ---- search ----------------------------------------------------------------------------

    def index(self) -> roster.SearchIndex:
        if self._index is None:
            self._index = roster.SearchIndex(self.delegates.values(), self.units)
        return self._index

    def search(self, query: str) -> tuple[list[str], list[str]]:
        """(found in order, shown: closest names first) for what is typed."""
        if not query.strip():
            found = shown = self.full_order()
        else:
            # Typing one more letter can only narrow: search the previous results only.
            narrowing = self._last_query.strip() and query.startswith(self._last_query)
            index = self.index()
            found = index.search(query, self._last_found if narrowing else self.full_order())
            shown = index.best_first(query, found)
        self._last_query, self._last_found = query, found
        return found, shown

    # ---- changes from the store ------------------------------------------------------------

    def put(self, d: Delegate) -> bool:
        """A delegate was added or changed in the store. Returns True when where it stands in
        the order (or whether it is listed) changed, False when only its row's text did."""
        old = self.delegates.get(d.code)
        if old == d:
            return False
        if old is not None:
            self.tally.remove(old)
        self.tally.add(d)
        self.delegates[d.code] = d
        if self._index is not None:
            self._index.put(d)
        key = self._sort_key()
        moved = old is None or key(old) != key(d) or self._is_chosen(old) != self._is_chosen(d)
        if moved and self._ordered is not None:
            ordered = list(self._ordered)  # a new list: the one on screen is still being shown
            if old is not None and self._is_chosen(old):
                ordered.remove(d.code)
            if self._is_chosen(d):
                by_code = self.delegates
                bisect.insort_right(ordered, d.code, key=lambda code: key(by_code[code]))
            self._ordered = ordered
        if moved:
            self.reset_search()
        return moved

    def drop(self, code: str) -> bool:
        """A delegate was removed from the store. Returns True when it was listed here."""
        old = self.delegates.pop(code, None)
        if old is None:
            return False
        self.tally.remove(old)
        if self._index is not None:
            self._index.remove(code)
        if self._ordered is not None and self._is_chosen(old):
            self._ordered = [c for c in self._ordered if c != code]
        self.undo = [entry for entry in self.undo if entry[0] != code]
        self.reset_search()
        return True

    # ---- this desk's undo window -----------------------------------------------------------

    def checked_in(self, code: str) -> None:
        self.undo.append((code, self.clock()))

    def undone(self, code: str) -> None:
        self.undo = [entry for entry in self.undo if entry[0] != code]

    def can_undo(self) -> bool:
        return bool(self.undo)

    def undo_candidate(self) -> tuple[str, bool] | None:
        """(code of this desk's last check-in, whether it may still be undone), or None. An
        expired one clears the list: the older ones are older still."""
        if not self.undo:
            return None
        code, when = self.undo[-1]
        if self.clock() - when > UNDO_WINDOW_S:
            self.undo.clear()
            return code, False
        self.undo.pop()
        return code, True


class NamesakeQuestion:
    """An Enter on a name that other results share asks which of them is meant; only a move to
    a row answers it, so a second Enter by reflex checks nobody in."""

    def __init__(self) -> None:
        #: the namesakes listed, or None when nothing is asked
        self.codes: list[str] | None = None
        self._answered = False

    def ask(self, codes: list[str]) -> None:
        self.codes, self._answered = list(codes), False

    def moved(self) -> None:
        self._answered = self.codes is not None

    def clear(self) -> None:
        self.codes, self._answered = None, False

    @property
    def unanswered(self) -> bool:
        return self.codes is not None and not self._answered
