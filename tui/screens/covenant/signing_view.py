"""The covenant panel's signing view: one line per unit in the signing order, how many signed
and whose turn it is, and next year's cluster head. Enter on a unit opens the signing dialog and
after each line the highlight moves to the unit whose turn it is (the ceremony is Enter, Enter
per unit); Ctrl+U / Ctrl+D move a unit in the signing order; + / - put a member unit back at its
end or take the highlighted one out (order_actions.py)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ... import workers
from ...i18n import t
from ...text import literal
from ..common import rows
from . import ceremony_actions, order_actions, signing_table
from .view import EDIT_KEYS, ORDER_KEYS, CovenantView


class SigningView(CovenantView):
    TABLE = "signatures"
    #: the signing table's column widths from its content (signing_table.content_widths)
    _wanted: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="signed-count", classes="panel-title")
        yield DataTable(id="signatures", cursor_type="row", zebra_stripes=True)
        yield Static(id="next-head")

    def on_mount(self) -> None:
        signing_table.add_columns(self.table)

    def show(self, covenant: Any) -> None:
        if covenant is None:
            rows.sync(self.table, {})
            for name in ("#signed-count", "#next-head"):
                self.query_one(name, Static).update("")
            return
        service = self.screen.service
        progress = service.covenant.progress()
        units = {u.code: u for u in service.conference.units()}
        signing_table.show(self.table, covenant, progress, units,
                           {s.unit_code: s for s in service.covenant.signatures()})
        count = t("covenant.signed", signed=progress.signed, total=progress.total)
        if progress.absent:
            count += t("cov.progress_absent", absent=progress.absent)
        if progress.current:
            count += t("cov.turn_of", unit=progress.current_name)
        self.query_one("#signed-count", Static).update(literal(count))
        head = self.query_one("#next-head", Static)
        if covenant.next_head_unit or covenant.next_head_name:
            unit = units.get(covenant.next_head_unit)
            head.update(literal(t("cov.next_head", year=covenant.year,
                                  unit=unit.short_name if unit else covenant.next_head_unit or "—",
                                  name=covenant.next_head_name or "—")))
        else:
            head.update(t("cov.next_head_none", year=covenant.year))

    def measure(self) -> bool:
        """Measure the table's column widths from all it can come to show (again only when that
        changes: a unit joins the order, a signer typed a name no delegate has); whether they
        changed."""
        service = self.screen.service
        covenant = service.covenant.get()
        wanted = self._wanted
        self._wanted = {} if covenant is None else signing_table.content_widths(
            self.table, covenant, {u.code: u for u in service.conference.units()},
            service.delegates.all(), {s.unit_code: s for s in service.covenant.signatures()})
        return self._wanted != wanted

    def fit(self, width: int) -> None:
        table = self.table
        signing_table.size(table, self._wanted, table.size.width or width)

    def to_turn(self) -> None:
        """The highlight on the unit whose turn it is (after a signing, an absence, an undo)."""
        current = self.screen.service.covenant.progress().current
        if current:
            rows.move_to(self.table, current)

    def allows(self, action: str, covenant: Any) -> bool | None:
        if action in ORDER_KEYS:
            return covenant is not None and not covenant.sealed
        if action in EDIT_KEYS and covenant is not None and covenant.sealed:
            return False
        return None

    def open(self, code: str) -> None:
        ceremony_actions.open_signing(self.screen, code)

    def move(self, code: str, delta: int) -> None:
        screen = self.screen
        workers.run(screen, "order", screen.service.covenant.move_in_order, code, delta)

    def add(self) -> None:
        """Ctrl+N adds a content group here too (the text view's form)."""
        from .text_view import TextView

        self.screen.query_one(TextView).add()

    def take_out(self, code: str) -> None:
        """- : take the unit out of the signing order (asked first)."""
        order_actions.remove(self.screen, code)
