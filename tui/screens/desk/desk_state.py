"""What the check-in desk knows, without any widget: the delegates by code, the order and the
unit filter, the search and its results, the attendance tally, and this desk's undo window.

The desk screen (screen.py) draws from it; every store change arrives as `put`/`drop` of the
changed delegates only, so nothing is reloaded or re-sorted whole after a check-in.
"""

from __future__ import annotations

import bisect
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from store.models import checkin_code, roster
from store.models import Delegate, Unit

#: rows ordered before the first paint; the rest of the order follows right after it
FIRST_SCREEN_ROWS = 200
#: more delegates than this: their whole order and the search index are built in a thread after
#: the first paint (100,000 imported: about 0.5 s of work the keys would otherwise wait for)
BUILD_ASIDE_ABOVE = 5_000
#: a search among more candidates than this shows its first screenful at once and the whole
#: answer a piece at a time after it (SearchIndex.head, SearchIndex.steps)
HEAD_ABOVE = 5_000
#: Ctrl+Z takes back this desk's check-ins only this soon after (as pretixSCAN); later, F9 with a confirmation
UNDO_WINDOW_S = 5 * 60


class DeskState:
    def __init__(self, units: Sequence[Unit] = (), *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.order = "protocol"
        self.unit_filter: str | None = None
        #: only those who have not arrived are listed (the view of who is still expected)
        self.absent_only = False
        self.delegates: dict[str, Delegate] = {}
        self.tally = roster.AttendanceTally((), ())
        self._ordered: list[str] | None = None
        self._index: roster.SearchIndex | None = None
        self._last_query = ""
        self._last_found: list[str] = []
        #: (query, candidates) of the search whose first screenful only was given
        self._pending: tuple[str, list[str]] | None = None
        #: counts the changes to the roster, the order and the filter: an order or index built
        #: in a thread from an older generation is stale
        self.generation = 0
        #: (generation, every code in protocol order) for the finder when the desk shows another order
        self._everyone: tuple[int, list[str]] | None = None
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

    @property
    def large(self) -> bool:
        """So many delegates that their order and index are built in a thread (BUILD_ASIDE_ABOVE)."""
        return len(self.delegates) > BUILD_ASIDE_ABOVE

    @property
    def ready(self) -> bool:
        """The whole order and the search index are there: a search answers at once."""
        return self._ordered is not None and self._index is not None

    def build_job(self) -> Callable[[], tuple[int, list[str], roster.SearchIndex | None]]:
        """What a thread runs to build the missing order and index from the roster as it is now
        (records are frozen; the lists are this call's own). Give its result to `built`."""
        generation, order, units = self.generation, self.order, self.units
        chosen = None if self._ordered is not None else self.chosen()
        everyone = list(self.delegates.values()) if self._index is None else None

        def job() -> tuple[int, list[str], roster.SearchIndex | None]:
            in_order = [] if chosen is None else roster.sort_in_pieces(chosen, order, units)
            if everyone is None:
                return generation, roster.codes_of(in_order), None
            # indexed in the order shown: a search then reads the texts in the order they were
            # made, which at 100,000 is several times faster than reading them scattered
            codes = roster.codes_of(in_order)
            listed = set(codes)
            rest = [d for d in everyone if d.code not in listed]
            index = roster.SearchIndex([*in_order, *rest], units)
            if chosen is not None:
                index.keep_whole(codes, now=True)
            return generation, codes, index

        return job

    def built(self, generation: int, ordered: list[str], index: roster.SearchIndex | None) -> bool:
        """Take what a `build_job` built; False when the roster, order or filter changed since
        (then build again)."""
        if generation != self.generation:
            return False
        if self._ordered is None:
            self._ordered = ordered
        if self._index is None:
            self._index = index
        return True

    def make_ready(self) -> None:
        """The order and the index now, on this thread (what an Enter acts on cannot wait)."""
        self.full_order()
        self.index()

    def unit_label(self, d: Delegate) -> str:
        return roster.unit_label(d, self.units_by_code)

    def chosen(self) -> list[Delegate]:
        everyone = list(self.delegates.values())
        if self.unit_filter is None and not self.absent_only:
            return everyone
        return [d for d in everyone if self.is_chosen(d)]

    def is_chosen(self, d: Delegate) -> bool:
        """Whether the unit filter (a unit, the guests: roster.GUESTS, or none) and the view of
        who has not arrived show `d`."""
        if self.absent_only and d.present:
            return False
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
        self.generation += 1
        self.reset_search()

    def reset_search(self) -> None:
        self._last_query, self._last_found = "", []
        self._pending = None

    @property
    def searching(self) -> str | None:
        """The query of which only the first screenful is known (`finish_search` gives the
        rest), or None."""
        return self._pending[0] if self._pending is not None else None

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

    def toggle_absent(self) -> None:
        self.absent_only = not self.absent_only
        self.reset_order()

    def code_typed(self, text: str, conference_key: str) -> str | None:
        """The delegate a line names by code (a scanned check-in code, or the delegate's own
        code in any case), or None for a name; ScanRefused for a code that cannot be taken."""
        return checkin_code.delegate_code_in(text, conference_key, self._code_named)

    def _code_named(self, typed: str) -> str | None:
        if typed in self.delegates:
            return typed
        folded = typed.upper()
        return next((code for code in self.delegates if code.upper() == folded), None)

    # ---- search ----------------------------------------------------------------------------

    def index(self) -> roster.SearchIndex:
        if self._index is None:
            self._index = roster.SearchIndex(self.delegates.values(), self.units)
        return self._index

    def search(self, query: str, *, head: int | None = None) -> tuple[list[str] | None, list[str]]:
        """(found in order, shown: closest names first) for what is typed. With `head`, among
        many candidates: (None, the first `head` rows shown), the rest left to `finish_search`."""
        self._pending = None
        if not query.strip():
            found = shown = self.full_order()
        else:
            # Typing one more letter can only narrow: search the previous results only.
            narrowing = self._last_query.strip() and query.startswith(self._last_query)
            candidates = self._last_found if narrowing else self.full_order()
            index = self.index()
            index.keep_whole(self.full_order())
            if head is not None and len(candidates) > HEAD_ABOVE:
                shown = index.head(query, candidates, head)
                if len(shown) >= head:
                    self._pending = (query, candidates)
                    return None, shown
                members = set(shown)  # fewer than a screenful: the whole answer
                found = [code for code in candidates if code in members]
            else:
                found = index.search(query, candidates)
                shown = index.best_first(query, found)
        self._last_query, self._last_found = query, found
        return found, shown

    def finish_search(self) -> Iterator[tuple[list[str], list[str]] | None]:
        """The whole answer of the search `search` gave the first screenful of, a piece at a
        time: None between pieces, then (found, shown). It stops, giving nothing more, once
        another search (or a change of the order, the filter or who is listed) has come."""
        pending = self._pending
        if pending is None:
            return
        query, candidates = pending
        for step in self.index().steps(query, candidates):
            if self._pending is not pending:
                return
            if step is not None:
                self._pending = None
                self._last_query, self._last_found = query, step[0]
            yield step

    def everyone_in_protocol_order(self) -> list[str]:
        """Every delegate's code in protocol order (the palette's finder), whatever the desk shows."""
        if self.order == "protocol" and self.unit_filter is None and not self.absent_only:
            return self.full_order()
        if self._everyone is None or self._everyone[0] != self.generation:
            ordered = roster.sort_delegates(self.delegates.values(), "protocol", self.units)
            self._everyone = (self.generation, roster.codes_of(ordered))
        return self._everyone[1]

    # ---- changes from the store ------------------------------------------------------------

    def put(self, d: Delegate) -> bool:
        """A delegate was added or changed in the store. Returns True when where it stands in
        the order (or whether it is listed) changed, False when only its row's text did."""
        old = self.delegates.get(d.code)
        if old == d:
            return False
        self.generation += 1
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
        self.generation += 1
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


@dataclass
class Question:
    """A line whose best match shares a name with other results: who of them is meant."""

    line: str
    codes: list[str]
    #: the row highlighted now (the best match until a move)
    highlighted: str
    answered: bool = False


class NamesakeQuestions:
    """The namesake questions not answered yet, oldest first. An Enter on a name that other
    results share asks which of them is meant; only a move to a row answers it, so a second
    Enter by reflex checks nobody in. Names typed while a question waits are checked in as
    usual and the question is asked again after them: a line typed ahead is never lost."""

    def __init__(self) -> None:
        self.waiting: deque[Question] = deque()

    @property
    def current(self) -> Question | None:
        return self.waiting[0] if self.waiting else None

    def ask(self, line: str, codes: list[str], highlighted: str) -> None:
        self.waiting.append(Question(line, list(codes), highlighted))

    def moved(self, highlighted: str | None) -> None:
        question = self.current
        if question is not None and highlighted is not None:
            question.highlighted, question.answered = highlighted, True

    def done(self) -> Question | None:
        """The current question is answered or given up: the next one, if any, comes."""
        return self.waiting.popleft() if self.waiting else None

    def forget(self, code: str) -> None:
        """A delegate was removed: out of every question (a question left with one is none)."""
        for question in list(self.waiting):
            if code in question.codes:
                question.codes.remove(code)
                if len(question.codes) < 2:
                    self.waiting.remove(question)
                elif question.highlighted == code:
                    question.highlighted, question.answered = question.codes[0], False
