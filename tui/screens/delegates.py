"""The check-in desk: type a few letters, Enter checks the highlighted delegate in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from store import roster
from store.errors import StoreError
from store.models import CheckInResult, Delegate

from ..i18n import t
from ..text import literal
from ..widgets.attendance import AttendanceBar
from .confirm import ConfirmDialog
from .delegate_form import DelegateForm
from .panel import PanelScreen

#: Rows shown at once: enough for any screen; typing narrows the rest.
ROW_LIMIT = 60


def column_widths(screen_width: int) -> dict[str, int]:
    """Name, unit and time keep their width; the position takes what is left."""
    fixed = {"name": 28, "unit": 16, "checkin": 9}
    position = max(16, screen_width - sum(fixed.values()) - 12)
    return {**fixed, "position": position}


class DelegatesScreen(PanelScreen):
    HELP_KEY = "help.delegates"
    BINDINGS = [
        Binding("up", "move(-1)", show=False, id="desk.up"),
        Binding("down", "move(1)", show=False, id="desk.down"),
        Binding("pageup", "move(-10)", show=False, id="desk.pageup"),
        Binding("pagedown", "move(10)", show=False, id="desk.pagedown"),
        Binding("ctrl+z", "undo", "key.undo", id="desk.undo", priority=True),
        Binding("f6", "cycle_order", "key.order", id="desk.order"),
        Binding("f7", "pick_unit", "key.unit", id="desk.unit"),
        Binding("f8", "introduction", "key.introduction", id="desk.introduction"),
        Binding("ctrl+n", "add", "key.add", id="desk.add"),
        Binding("ctrl+t", "edit", "key.edit", id="desk.edit"),
        Binding("ctrl+r", "remove", "key.remove", id="desk.remove"),
        Binding("ctrl+g", "import", "key.import", id="desk.import"),
        Binding("ctrl+l", "export", "key.export", id="desk.export"),
        Binding("escape", "clear", "key.clear", id="desk.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "protocol"
        self.unit_filter: str | None = None
        self._delegates: dict[str, Delegate] = {}
        self._ordered: list[str] = []
        self._visible: list[str] = []
        self._undo: list[str] = []
        self._index: roster.SearchIndex | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="desk-bar"):
            yield Input(placeholder=t("desk.search"), id="search")
            yield Static(id="desk-mode")
        yield DataTable(id="delegates", cursor_type="row", zebra_stripes=True)
        yield Static(id="desk-message")
        yield AttendanceBar(id="attendance")

    def on_mount(self) -> None:
        table = self.query_one("#delegates", DataTable)
        widths = column_widths(self.app.size.width)
        for key in ("name", "position", "unit", "checkin"):
            table.add_column(t(f"desk.col.{key}"), key=key, width=widths[key])
        table.can_focus = False
        self.units = self.service.units()
        self.units_by_code = {u.code: u for u in self.units}
        self._load(self.service.delegates())
        self.query_one("#search", Input).focus()

    # ---- data -------------------------------------------------------------------------

    def _load(self, delegates) -> None:
        self._delegates = {d.code: d for d in delegates}
        self._index = None  # built at the first typed letter: the first paint does not wait
        self._resort()

    def _resort(self) -> None:
        chosen = (d for d in self._delegates.values()
                  if self.unit_filter is None or d.unit_code == self.unit_filter)
        self._ordered = [d.code for d in roster.sort_delegates(chosen, self.order, self.units)]
        self._show_mode()
        self._refilter()
        self.query_one(AttendanceBar).show(roster.attendance(
            self._delegates.values(), self.units, t("desk.guests")))

    def _search_index(self) -> roster.SearchIndex:
        if self._index is None:
            self._index = roster.SearchIndex(self._delegates.values(), self.units)
        return self._index

    def _refilter(self) -> None:
        query = self.query_one("#search", Input).value
        found = self._search_index().search(query, self._ordered) if query.strip() else self._ordered
        self._visible = found[:ROW_LIMIT]
        table = self.query_one("#delegates", DataTable)
        table.clear()
        for code in self._visible:
            table.add_row(*self._cells(self._delegates[code]), key=code)
        self._say_count(len(found), query)

    def _cells(self, d: Delegate) -> tuple:
        return (literal(d.full_name), literal(d.position),
                literal(roster.unit_label(d, self.units_by_code)),
                literal(roster.clock_time(d.checked_in_at), "bold"))

    def _show_mode(self) -> None:
        unit = self.units_by_code.get(self.unit_filter or "")
        self.query_one("#desk-mode", Static).update(literal(t(
            "desk.mode", order=t(f"order.{self.order}"),
            unit=unit.short_name if unit else t("desk.all_units"))))

    def _say_count(self, found: int, query: str) -> None:
        """Say when nothing matches or the list is cut; keep the last check-in message else."""
        message = self.query_one("#desk-message", Static)
        if query.strip() and not found:
            self._message(t("desk.no_match", query=query), "warning no-match")
        elif found > len(self._visible):
            self._message(t("desk.showing", shown=len(self._visible), total=found), "")
        elif message.has_class("no-match") or not message.classes:
            self._message("", "")

    def _message(self, text: str, kind: str) -> None:
        message = self.query_one("#desk-message", Static)
        message.update(literal(text))
        message.set_classes(kind)

    def highlighted(self) -> Delegate | None:
        table = self.query_one("#delegates", DataTable)
        if not self._visible or not 0 <= table.cursor_row < len(self._visible):
            return None
        return self._delegates.get(self._visible[table.cursor_row])

    def _replace(self, d: Delegate) -> None:
        """One delegate changed: update its row and the counts, never rebuild the table."""
        self._delegates[d.code] = d
        self._search_index().put(d)
        if d.code in self._visible:
            table = self.query_one("#delegates", DataTable)
            row = self._visible.index(d.code)
            for column, value in zip(("name", "position", "unit", "checkin"), self._cells(d)):
                table.update_cell_at((row, table.get_column_index(column)), value)
        self.query_one(AttendanceBar).show(roster.attendance(
            self._delegates.values(), self.units, t("desk.guests")))

    def show_delegate(self, code: str) -> None:
        d = self._delegates.get(code)
        if d is None:
            return
        self.unit_filter = None
        self.query_one("#search", Input).value = d.full_name
        self._resort()
        if code in self._visible:
            self.query_one("#delegates", DataTable).move_cursor(row=self._visible.index(code))

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
        self.app.store_call(self.service.check_in, d.code, desk=self.app.desk,
                            on_done=self._checked_in, writes=lambda result: not result.already)

    def _checked_in(self, result: CheckInResult) -> None:
        d = result.delegate
        if result.already:
            self.app.bell()
            self._message(t("desk.already", name=d.full_name, time=roster.clock_time(result.at)), "warning")
            return
        self._undo.append(d.code)
        self._replace(d)
        self._message(t("desk.checked_in", name=d.full_name, time=roster.clock_time(result.at)), "success")

    def action_undo(self) -> None:
        if not self._undo:
            self._message(t("desk.nothing_to_undo"), "warning")
            return
        code = self._undo.pop()
        self.app.store_call(self.service.undo_check_in, code, desk=self.app.desk,
                            on_done=self._undone)

    def _undone(self, d: Delegate) -> None:
        self._replace(d)
        self._message(t("desk.undone", name=d.full_name), "success")

    def action_move(self, delta: int) -> None:
        table = self.query_one("#delegates", DataTable)
        if self._visible:
            table.move_cursor(row=max(0, min(len(self._visible) - 1, table.cursor_row + delta)))

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
            self._delegates[delegate.code] = delegate
            self._search_index().put(delegate)
            self.query_one("#search", Input).value = delegate.full_name
            self._resort()
            self._message(t("desk.added", name=delegate.full_name), "success")

    def action_edit(self) -> None:
        d = self.highlighted()
        if d is not None:
            self.app.push_screen(DelegateForm(self.units, delegate=d), self._edited)

    def _edited(self, delegate: Delegate | None) -> None:
        if delegate is not None:
            self._delegates[delegate.code] = delegate
            self._search_index().put(delegate)
            self._resort()
            self._message(t("desk.edited", name=delegate.full_name), "success")

    def action_remove(self) -> None:
        d = self.highlighted()
        if d is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.store_call(self.service.remove_delegate, d.code, on_done=self._removed)

        self.app.push_screen(ConfirmDialog(t("desk.remove_confirm", name=d.full_name)), confirmed)

    def _removed(self, d: Delegate) -> None:
        self._delegates.pop(d.code, None)
        self._search_index().remove(d.code)
        self._resort()
        self._message(t("desk.removed", name=d.full_name), "success")

    def action_import(self) -> None:
        from .import_dialog import ImportDialog

        def imported(changed: bool | None) -> None:
            if changed:
                self._load(self.service.delegates())

        self.app.push_screen(ImportDialog(), imported)

    def action_export(self) -> None:
        from .export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("delegates", self.order))

    def refused(self, error: StoreError) -> None:
        self._message(str(error), "error")
