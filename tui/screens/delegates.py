"""The check-in desk: type a few letters, Enter checks the highlighted delegate in."""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from store import roster
from store.errors import StoreError
from store.models import CheckInResult, Delegate

from ..i18n import t
from ..text import literal
from ..widgets.attendance import AttendanceBar
from ..widgets.delegate_list import COLUMNS, DelegateList
from .confirm import ConfirmDialog
from .delegate_form import DelegateForm
from .panel import PanelScreen

#: rows ordered before the first paint; the rest of the order follows right after it
FIRST_SCREEN_ROWS = 200
#: Ctrl+Z takes back this desk's check-ins only this soon after (as pretixSCAN); later, F9 with a confirmation
UNDO_WINDOW_S = 5 * 60


class DelegatesScreen(PanelScreen):
    HELP_KEY = "help.delegates"
    clock = staticmethod(time.monotonic)
    BINDINGS = [
        Binding("up", "move(-1)", show=False, id="desk.up"),
        Binding("down", "move(1)", show=False, id="desk.down"),
        Binding("pageup", "move(-10)", show=False, id="desk.pageup"),
        Binding("pagedown", "move(10)", show=False, id="desk.pagedown"),
        Binding("ctrl+z", "undo", "key.undo", id="desk.undo", priority=True),
        Binding("f9", "cancel_arrival", "key.cancel_arrival", id="desk.cancel_arrival", show=False),
        Binding("f6", "cycle_order", "key.order", id="desk.order"),
        Binding("f7", "pick_unit", "key.unit", id="desk.unit"),
        Binding("f8", "introduction", "key.introduction", id="desk.introduction"),
        Binding("ctrl+n", "add", "key.add", id="desk.add"),
        Binding("ctrl+t", "edit", "key.edit", id="desk.edit"),
        Binding("ctrl+r", "remove", "key.remove", id="desk.remove", show=False),
        Binding("ctrl+g", "import", "key.import", id="desk.import", show=False),
        Binding("ctrl+l", "export", "key.export", id="desk.export", show=False),
        Binding("escape", "clear", "key.clear", id="desk.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "protocol"
        self.unit_filter: str | None = None
        self._delegates: dict[str, Delegate] = {}
        self._ordered: list[str] | None = None
        self._undo: list[tuple[str, float]] = []  # (code, when on the monotonic clock) of this desk's check-ins
        self._index: roster.SearchIndex | None = None
        self._tally = roster.AttendanceTally((), ())
        self._last_query = ""
        self._last_found: list[str] = []

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="desk-bar"):
            yield Input(placeholder=t("desk.search"), id="search")
            yield Static(id="desk-mode")
        yield Static(id="delegates-header")
        yield DelegateList(self._unit_label, id="delegates")
        yield Static(id="desk-message")
        yield AttendanceBar(id="attendance")

    def on_mount(self) -> None:
        self.units = self.service.conference.units()
        self.units_by_code = {u.code: u for u in self.units}
        self._load(self.service.delegates.all())
        self._show_header()
        self.query_one("#search", Input).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_header)

    def _show_header(self) -> None:
        titles = [t(f"desk.col.{c}") for c in COLUMNS]
        self.query_one("#delegates-header", Static).update(literal(self._list().header(titles)))

    def _unit_label(self, d: Delegate) -> str:
        return roster.unit_label(d, self.units_by_code)

    def _list(self) -> DelegateList:
        return self.query_one("#delegates", DelegateList)

    # ---- data -------------------------------------------------------------------------

    def _load(self, delegates) -> None:
        delegates = list(delegates)
        self._delegates = dict(zip(roster.codes_of(delegates), delegates))
        self._tally = roster.AttendanceTally(delegates, self.units)
        self._index = None
        self._resort(first_screen=True)
        self._show_attendance()
        self.call_after_refresh(self._search_index)  # after the first paint, before the first letter

    def _chosen(self) -> list[Delegate]:
        everyone = list(self._delegates.values())
        if self.unit_filter is None:
            return everyone
        return [d for d in everyone if d.unit_code == self.unit_filter]

    def _resort(self, *, first_screen: bool = False) -> None:
        """Order the chosen delegates anew. On opening, a first screenful is ordered and shown
        at once and the whole order follows right after the paint (about 20 ms at 10,000)."""
        chosen = self._chosen()
        self._ordered = None
        self._last_query, self._last_found = "", []
        searching = self.query_one("#search", Input).value.strip()
        if first_screen and len(chosen) > FIRST_SCREEN_ROWS and not searching:
            head = roster.first_in_order(chosen, self.order, self.units, FIRST_SCREEN_ROWS)
            self._list().show(roster.codes_of(head), self._delegates)
            self._show_mode(len(chosen))
            self.call_after_refresh(self._complete_order)
        else:
            self._refilter()

    def _full_order(self) -> list[str]:
        if self._ordered is None:
            self._ordered = roster.codes_of(roster.sort_delegates(self._chosen(), self.order, self.units))
        return self._ordered

    def _complete_order(self) -> None:
        if self._ordered is None:  # not already done by a keystroke
            self._refilter(keep_cursor=True)

    def _show_attendance(self) -> None:
        self.query_one(AttendanceBar).show(self._tally.rows(t("desk.guests")))

    def _search_index(self) -> roster.SearchIndex:
        if self._index is None:
            self._index = roster.SearchIndex(self._delegates.values(), self.units)
        return self._index

    def _refilter(self, *, keep_cursor: bool = False) -> None:
        query = self.query_one("#search", Input).value
        if not query.strip():
            found = shown = self._full_order()
        else:
            # Typing one more letter can only narrow: search the previous results only.
            narrowing = self._last_query.strip() and query.startswith(self._last_query)
            index = self._search_index()
            found = index.search(query, self._last_found if narrowing else self._full_order())
            shown = index.best_first(query, found)
        self._last_query, self._last_found = query, found
        self._list().show(shown, self._delegates, keep_cursor=keep_cursor)
        self._show_mode(len(found))
        self._say_no_match(found, query)

    def _show_mode(self, count: int) -> None:
        unit = self.units_by_code.get(self.unit_filter or "")
        self.query_one("#desk-mode", Static).update(literal(t(
            "desk.mode", order=t(f"order.{self.order}"), count=count,
            unit=unit.short_name if unit else t("desk.all_units"))))

    def _say_no_match(self, found: list[str], query: str) -> None:
        """Say when nothing matches; otherwise keep the last check-in message."""
        message = self.query_one("#desk-message", Static)
        if query.strip() and not found:
            self._message(t("desk.no_match", query=query), "warning no-match")
        elif message.has_class("no-match"):
            self._message("", "")

    def _message(self, text: str, kind: str) -> None:
        message = self.query_one("#desk-message", Static)
        message.update(literal(text))
        message.set_classes(kind)

    def highlighted(self) -> Delegate | None:
        code = self._list().highlighted
        return self._delegates.get(code) if code else None

    def _remember(self, d: Delegate) -> None:
        """A delegate was added or changed in the store: update what the desk holds of it."""
        old = self._delegates.get(d.code)
        if old is not None:
            self._tally.remove(old)
        self._tally.add(d)
        self._delegates[d.code] = d
        if self._index is not None:
            self._index.put(d)
        self._list().forget(d.code)
        self._show_attendance()

    def _replace(self, d: Delegate) -> None:
        """One delegate changed: redraw its row and the counts, never rebuild the list."""
        self._remember(d)
        self._list().update_delegate(d)

    def show_delegate(self, code: str) -> None:
        d = self._delegates.get(code)
        if d is None:
            return
        self.unit_filter = None
        self._search_for(d)

    def _search_for(self, d: Delegate) -> None:
        """Put `d`'s name in the search box and highlight `d` among the results."""
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = d.full_name
        self._resort()
        self._list().move_to(d.code)

    # ---- check-in ---------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self._refilter()

    @on(Input.Submitted, "#search")
    def _check_in(self) -> None:
        d = self.highlighted()
        if d is None:
            query = self.query_one("#search", Input).value
            if query.strip():
                self._message(t("desk.no_match", query=query), "warning")
            return
        self._message(t("desk.saving", name=d.full_name), "")
        self.query_one("#search", Input).value = ""
        self.app.store_call(self.service.delegates.check_in, d.code, desk=self.app.desk,
                            on_done=self._checked_in, writes=lambda result: not result.already)

    def _checked_in(self, result: CheckInResult) -> None:
        d = result.delegate
        if result.already:
            self.app.bell()
            self._message(t("desk.already", name=d.full_name, time=roster.clock_time(result.at)), "warning")
            return
        self._undo.append((d.code, self.clock()))
        self._replace(d)
        self._message(t("desk.checked_in", name=d.full_name, time=roster.clock_time(result.at)), "success")

    def action_undo(self) -> None:
        if not self._undo:
            self._message(t("desk.nothing_to_undo"), "warning")
            return
        code, when = self._undo[-1]
        if self.clock() - when > UNDO_WINDOW_S:
            self._undo.clear()  # the older ones are older still
            last = self._delegates.get(code)
            self._message(t("desk.undo_expired", minutes=UNDO_WINDOW_S // 60,
                            name=last.full_name if last else code,
                            time=roster.clock_time(last.checked_in_at if last else None)), "warning")
            return
        self._undo.pop()
        self.app.store_call(self.service.delegates.undo_check_in, code, desk=self.app.desk,
                            on_done=self._undone)

    def action_cancel_arrival(self) -> None:
        """Cancel the highlighted delegate's check-in, however long ago and whoever made it
        (the wrong one of two namesakes was checked in), after a confirmation."""
        d = self.highlighted()
        if d is None:
            return
        if d.checked_in_at is None:
            self._message(t("reason.not_checked_in", name=d.full_name), "warning")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.store_call(self.service.delegates.undo_check_in, d.code, desk=self.app.desk,
                                    on_done=self._undone)

        self.app.push_screen(ConfirmDialog(t(
            "desk.cancel_arrival_confirm", name=d.full_name, time=roster.clock_time(d.checked_in_at))), confirmed)

    def _undone(self, d: Delegate) -> None:
        self._undo = [entry for entry in self._undo if entry[0] != d.code]
        self._replace(d)
        self._message(t("desk.undone", name=d.full_name), "success")

    def action_move(self, delta: int) -> None:
        self._list().move(delta)

    def action_clear(self) -> None:
        self.query_one("#search", Input).value = ""

    # ---- lists and filters ------------------------------------------------------------

    def action_cycle_order(self) -> None:
        orders = roster.ORDERS
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self._resort()

    def action_pick_unit(self) -> None:
        from .unit_picker import UnitPicker

        def chosen(code: str | None) -> None:
            if code is not None:
                self.unit_filter = code or None
                self._resort()

        self.app.push_screen(UnitPicker(self.units, self.unit_filter), chosen)

    def action_introduction(self) -> None:
        from .introduction import IntroductionScreen

        self.app.push_screen(IntroductionScreen())

    # ---- add, edit, remove, import, export --------------------------------------------

    def action_add(self) -> None:
        query = self.query_one("#search", Input).value.strip()
        initial = {"full_name": query} if query and not self.highlighted() else {}
        self.app.push_screen(DelegateForm(self.units, initial=initial), self._added)

    def _added(self, delegate: Delegate | None) -> None:
        if delegate is not None:
            self._remember(delegate)
            self._search_for(delegate)
            self._message(t("desk.added", name=delegate.full_name), "success")

    def action_edit(self) -> None:
        d = self.highlighted()
        if d is not None:
            self.app.push_screen(DelegateForm(self.units, delegate=d), self._edited)

    def _edited(self, delegate: Delegate | None) -> None:
        if delegate is not None:
            self._remember(delegate)
            self._resort()
            self._list().move_to(delegate.code)
            self._message(t("desk.edited", name=delegate.full_name), "success")

    def action_remove(self) -> None:
        d = self.highlighted()
        if d is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.store_call(self.service.delegates.remove, d.code, on_done=self._removed)

        self.app.push_screen(ConfirmDialog(t("desk.remove_confirm", name=d.full_name)), confirmed)

    def _removed(self, d: Delegate) -> None:
        old = self._delegates.pop(d.code, None)
        if old is not None:
            self._tally.remove(old)
            self._show_attendance()
        if self._index is not None:
            self._index.remove(d.code)
        self._list().forget(d.code)
        self._resort()
        self._message(t("desk.removed", name=d.full_name), "success")

    def action_import(self) -> None:
        from .import_dialog import ImportDialog

        def imported(changed: bool | None) -> None:
            if changed:
                self._load(self.service.delegates.all())

        self.app.push_screen(ImportDialog(), imported)

    def action_export(self) -> None:
        from .export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("delegates", self.order))

    def refused(self, error: StoreError) -> None:
        self._message(str(error), "error")
