"""The check-in desk: type a few letters, Enter checks the highlighted delegate in.

What the desk knows (order, filter, search, tally, undo window) lives in desk_state.py; this
screen draws it and turns keys into store calls (tui/workers.py). Every change, from this desk's
own keys or from a dialog, comes back as a StoreChanged: the changed rows are updated in place.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Callable, Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from store.models.checkin_code import scan_code
from store.service.bulk import paused_gc
from store.models import Delegate
from wording.numbers import clock_time

from ... import actions, workers
from ...desks import DesksSeen
from ...i18n import t
from ...messages import StoreChanged
from ...text import literal
from ...widgets.attendance import AttendanceBar
from ...widgets.delegate_list import COLUMNS, DelegateList
from ...widgets.search_box import SearchBox
from ..common.confirm import ConfirmDialog
from .delegate_form import DelegateForm
from .desk_state import FIRST_SCREEN_ROWS, UNDO_WINDOW_S, DeskState
from .door import DoorScreen

__all__ = ["DeskScreen", "FIRST_SCREEN_ROWS", "UNDO_WINDOW_S"]

#: seconds without a key before the rest of a long search (its count, the rows below its first
#: screenful) is looked for: while letters come, each shows its own first screenful at once
FINISH_AFTER_S = 0.08
#: more changed delegates than this at once (an import): order them all again
RESORT_ABOVE = 200


class DeskScreen(DoorScreen):
    PANEL = "desk"
    HELP_KEY = "help.delegates"
    CSS_PATH = "desk.tcss"
    TABLES = frozenset({"delegates", "units"})
    BINDINGS = actions.bindings("desk")
    #: the undo window's clock (monotonic seconds); tests replace it
    clock = staticmethod(time.monotonic)

    def __init__(self) -> None:
        self.state = DeskState(clock=lambda: self.clock())
        super().__init__()
        self._enabled: tuple[bool, bool] | None = None
        #: the roster generation whose order and index a thread is building (`_build_aside`)
        self._building: int | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="desk-bar"):
            yield SearchBox(placeholder=t("desk.search"), id="search")
            yield Static(id="desk-mode")
        yield Static(id="delegates-header")
        yield DelegateList(self.state.unit_label, id="delegates")
        yield Static(id="desk-message")
        yield Static(literal(self.app.desks_line), id="desks-line", classes="" if self.app.desks_line else "none")
        yield AttendanceBar(id="attendance")

    def on_desks_seen(self, message: DesksSeen) -> None:
        """Several desks: each desk's last event and how long ago, conflicts (tui/desks.py)."""
        line = self.query_one("#desks-line", Static)
        line.update(literal(message.line))
        line.set_class(not message.line, "none")

    def on_mount(self) -> None:
        self.app.desk_state = self.state
        self.state.set_units(self.service.conference.units())
        self._load(self.service.delegates.all)
        self._show_header()
        self.query_one("#search", Input).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_header)

    def _show_header(self) -> None:
        titles = [t(f"desk.col.{c}") for c in COLUMNS]
        self.query_one("#delegates-header", Static).update(literal(self._list().header(titles)))

    def _list(self) -> DelegateList:
        return self.query_one("#delegates", DelegateList)

    def _search(self) -> Input:
        return self.query_one("#search", Input)

    # ---- showing -------------------------------------------------------------------------

    def _load(self, delegates: Callable[[], Iterable[Delegate]]) -> None:
        # 100,000 delegates: their records and the desk's tables are made without the cyclic
        # collector walking them again and again (none holds a cycle), then set aside from it
        with paused_gc():
            self.state.load(delegates())
            gc.freeze()  # before the collector is back: its first pass would walk them all
        self._show_order(first_screen=True)
        self._show_attendance()
        self.after_first_frame(self._complete_order)  # after the first paint, before the first letter

    def _show_order(self, *, first_screen: bool = False) -> None:
        """Show the chosen delegates in order. On opening (and on a large list always), a first
        screenful is ordered and shown at once and the whole order follows after the paint."""
        self.state.reset_search()
        first_screen = (first_screen or self.state.large) and not self.typed.strip()
        head = self.state.first_screen() if first_screen else None
        if head is not None:
            self._list().show(head, self.state.delegates)
            self._show_mode(self.state.count())
            self.after_first_frame(self._complete_order)
        else:
            self._refilter()

    def _complete_order(self) -> None:
        """The whole order and the search index: at once (10,000 delegates: 20 ms), or on a large
        list in a thread while the loop keeps answering keys (`_built` shows them)."""
        state = self.state
        if not state.large:
            if not state.ordered:  # not already done by a keystroke
                self._refilter(keep_cursor=True)
            state.index()
        elif not state.ready:
            self._build_aside()

    def _build_aside(self) -> None:
        """Build the missing order and index in a thread, once per roster generation."""
        if self._building != self.state.generation:
            self._building = self.state.generation
            self.run_worker(self.state.build_job(), thread=True, group="desk-order", exclusive=True,
                            exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "desk-order" or event.state != WorkerState.SUCCESS:
            return
        if not self.state.built(*worker.result):  # the list changed meanwhile: build again
            self._build_aside()
        elif not self.question_shown:
            self._refilter(keep_cursor=not self.typed.strip())

    def _refilter(self, query: str | None = None, *, keep_cursor: bool = False, now: bool = False) -> None:
        """Show the results of `query` (what is typed, by default). On a large list whose order
        or index is still being built, keys typed meanwhile are answered when they are
        (`on_worker_state_changed`), unless `now` (an Enter: what it acts on cannot wait).
        Among many candidates the first screenful is shown at once and the whole answer (the
        count, the rows below) a piece at a time after it (`_finish_search`), unless `now`."""
        if not self.state.ready and self.state.large:
            if not now:
                self._build_aside()
                return
            self.state.make_ready()
        self.question_shown = False
        query = self.typed if query is None else query
        # a change from the store keeps the row highlighted, wherever it is in the whole answer
        found, shown = self.state.search(query, head=None if now or keep_cursor else FIRST_SCREEN_ROWS)
        self._show_found(query, found, shown, keep_cursor=keep_cursor)
        if found is None:  # once the keys pause (each key shows its own first screenful meanwhile)
            self.set_timer(FINISH_AFTER_S, lambda: self._start_finishing(query))

    def _still_shown(self, query: str) -> bool:
        """The first screenful of `query` is what the list shows: no key, no namesake question since."""
        return self.state.searching == query and self.typed == query and not self.question_shown

    def _start_finishing(self, query: str) -> None:
        if self._still_shown(query):
            self.run_worker(self._finish_search(query), group="desk-search", exclusive=True, exit_on_error=False)

    async def _finish_search(self, query: str) -> None:
        for step in self.state.finish_search():
            if step is None:
                await asyncio.sleep(0)  # keys typed meanwhile are answered between the pieces
                if not self._still_shown(query):
                    return
            else:
                self._show_found(query, *step, keep_cursor=True)

    def _show_found(self, query: str, found: list[str] | None, shown: list[str], *, keep_cursor: bool) -> None:
        """The rows found (`found` None: only the first screenful of `shown` is known yet)."""
        listing = self._list()
        widths = listing.widths
        listing.show(shown, self.state.delegates, keep_cursor=keep_cursor)
        if listing.widths != widths:  # back from the namesakes' own widths
            self._show_header()
        if found is not None:
            self._show_mode(len(found))
        self._say_no_match(shown if found is None else found, query)
        self._update_bindings()

    def _show_attendance(self) -> None:
        self.query_one(AttendanceBar).show(self.state.tally.rows(t("desk.guests")), absent=self.state.absent_only)

    def _show_mode(self, count: int) -> None:
        self.query_one("#desk-mode", Static).update(literal(t(
            "door.mode_absent" if self.state.absent_only else "desk.mode", order=t(f"order.{self.state.order}"), count=count,
            unit=self._filter_label())))

    def _filter_label(self) -> str:
        return self.state.filter_label(t("desk.guests"), t("desk.all_units"))

    def _no_match_text(self, query: str) -> str:
        """"Not found", naming the unit filter when one hides the others."""
        key = "desk.no_match" if self.state.unit_filter is None else "desk.no_match_in_unit"
        return t(key, query=query, unit=self._filter_label())

    def _say_no_match(self, found: list[str], query: str) -> None:
        """Say when nothing matches; otherwise keep the last check-in message."""
        message = self.query_one("#desk-message", Static)
        if query.strip() and not found:
            self._message(self._no_match_text(query), "warning no-match")
        elif message.has_class("no-match"):
            self._message("", "")

    def _message(self, text: str, kind: str) -> None:
        message = self.query_one("#desk-message", Static)
        message.update(literal(text))
        message.set_classes(kind)

    def highlighted(self) -> Delegate | None:
        code = self._list().highlighted
        return self.state.delegates.get(code) if code else None

    def show_delegate(self, code: str) -> None:
        d = self.state.delegates.get(code)
        if d is None:
            return
        self._show_in_list(d)

    def _show_in_list(self, d: Delegate) -> None:
        """Highlight `d` in the whole list (its unit's, if the filter shows it) with the search
        box empty and focused, ready for the next name."""
        if not self.state.is_chosen(d):
            self.state.choose_unit(None)
        search = self._search()
        with search.prevent(Input.Changed):
            search.value = ""
        self.typed = ""
        self.state.reset_search()
        self._refilter(now=True)
        self._list().move_to(d.code)
        search.focus()
        self._update_bindings()

    # ---- which keys apply now ------------------------------------------------------------

    #: what a desk laptop of several cannot do: the list is the main laptop's to change
    MAIN_LAPTOP_ONLY = frozenset({"add", "edit", "remove", "import"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.desk_laptop and action in self.MAIN_LAPTOP_ONLY:
            return False  # not offered at all: the main laptop's
        if action == "undo":
            return True if self.state.can_undo() else None
        if action in ("edit", "remove", "cancel_arrival"):
            try:
                return True if self._list().highlighted is not None else None
            except Exception:  # noqa: BLE001 - not composed yet
                return None
        return True

    def _update_bindings(self) -> None:
        """Grey out or bring back undo / edit / remove / cancel-arrival when that changes."""
        now = (self.state.can_undo(), self._list().highlighted is not None)
        if now != self._enabled:
            self._enabled = now
            self.refresh_bindings()

    # ---- changes from the store ----------------------------------------------------------

    def store_changed(self, change: StoreChanged) -> None:
        state, listing = self.state, self._list()
        if change.reloaded:
            self._conference_key = None
            state.set_units(self.service.conference.units())
            listing.forget_all()
            self._load(self.service.delegates.all)
            return
        moved = False
        if "units" in change.tables:
            state.set_units(self.service.conference.units())
            listing.forget_all()
            state.reset_order()
            moved = True
        if "delegates" in change.tables and change.codes:
            found = self.service.delegates.find(change.codes)
            many = len(found) > RESORT_ABOVE
            if many:
                state.reset_order()
            for code, d in found.items():
                if d is None:
                    moved = state.drop(code) or moved
                    listing.forget(code)
                    self.questions.forget(code)
                else:
                    moved = state.put(d) or moved
                    listing.update_delegate(d)
            self._show_attendance()
        if moved and self.question_shown:
            self._after_question()  # the question asked again, or the results if it is gone
        elif moved:
            self._refilter(keep_cursor=True)
        else:
            listing.refresh()

    # ---- lists and filters ---------------------------------------------------------------

    def action_cycle_order(self) -> None:
        self.state.cycle_order()
        self._show_order()

    def action_toggle_absent(self) -> None:
        """Show only who has not arrived (with the count per unit), or everyone again."""
        self.state.toggle_absent()
        self._show_order()
        self._show_attendance()

    def action_pick_unit(self) -> None:
        from .unit_picker import UnitPicker

        def chosen(code: str | None) -> None:
            if code is not None:
                self.state.choose_unit(code)
                self._show_order()

        self.app.push_screen(UnitPicker(self.state.units, self.state.unit_filter), chosen)

    def action_introduction(self) -> None:
        from .introduction import IntroductionScreen

        self.app.push_screen(IntroductionScreen())

    # ---- add, edit, remove, import, export -----------------------------------------------

    def action_add(self) -> None:
        query = self._search().value.strip()
        if query:
            initial = {"full_name": query} if not self.highlighted() else {}
        else:  # Enter on a name nobody has, then the key to add them
            initial = {"full_name": self.unmatched} if self.unmatched else {}
        self.app.push_screen(DelegateForm(self.state.units, initial=initial), self._added)

    def _added(self, delegate: Delegate | None) -> None:
        """The form closed after the write returned; its StoreChanged has already been shown."""
        if delegate is not None:
            self.state.put(delegate)  # no-op: the StoreChanged brought the same delegate first
            self._show_in_list(delegate)
            self._message(t("desk.added", name=delegate.full_name), "success")

    def action_edit(self) -> None:
        d = self.highlighted()
        if d is not None:
            code = scan_code(self.conference_key, d.code)
            self.app.push_screen(DelegateForm(self.state.units, delegate=d, check_in_code=code), self._edited)

    def _edited(self, delegate: Delegate | None) -> None:
        if delegate is not None:
            self._show_in_list(delegate)
            self._message(t("desk.edited", name=delegate.full_name), "success")

    def action_remove(self) -> None:
        d = self.highlighted()
        if d is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                workers.run(self, "remove", self.service.delegates.remove, d.code)

        if d.checked_in_at:
            question = t("desk.remove_confirm_arrived", name=d.full_name, time=clock_time(d.checked_in_at))
        else:
            question = t("desk.remove_confirm", name=d.full_name)
        self.app.push_screen(ConfirmDialog(question), confirmed)

    def action_import(self) -> None:
        from .import_dialog import ImportDialog

        self.app.push_screen(ImportDialog())

    def action_export(self) -> None:
        from .export_dialog import delegates_export

        self.app.push_screen(delegates_export(self.app.service, self.state.order, self.state.unit_filter))
