"""The covenant panel's handovers view: the table and its totals, the add/edit form, and Enter
marking a handover as handed over now (or taking the mark back, after asking); the handovers stay
editable once the covenant is sealed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from wording import numbers as vnformat
from wording.numbers import clock_time

from ... import workers
from ...i18n import t
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from .forms import CovenantForm, Field
from .view import EDIT_KEYS, ORDER_KEYS, CovenantView

HANDOVER_COLUMNS = ("order", "what", "to", "amount", "handed")


def unit_options(screen: Any) -> tuple[tuple[str, str], ...]:
    return tuple((u.short_name, u.code) for u in screen.service.conference.units())


class HandoversView(CovenantView):
    TABLE = "handovers"

    def compose(self) -> ComposeResult:
        yield DataTable(id="handovers", cursor_type="row", zebra_stripes=True)
        yield Static(id="handover-totals")

    def on_mount(self) -> None:
        rows.add_columns(self.table, [(c, t(f"cov.col.{c}")) for c in HANDOVER_COLUMNS])

    def show(self, covenant: Any) -> None:
        service = self.screen.service
        units = {u.code: u for u in service.conference.units()}
        table = self.table
        found = {}
        handovers = service.covenant.handovers()
        for n, h in enumerate(handovers, start=1):
            to = ", ".join(p for p in (units[h.unit_code].short_name if h.unit_code in units else h.unit_code,
                                       h.place) if p)
            handed = t("cov.handed_at", time=clock_time(h.handed_at)[:5]) if h.handed_over else t("cov.not_handed")
            found[h.code] = (str(n), literal(h.what), literal(to),
                             Text(vnformat.money(h.amount_vnd), justify="right"), handed)
        rows.sync(table, found)
        rows.order_rows(table, [h.code for h in handovers], "order",
                        {str(n): h.code for n, h in enumerate(handovers, start=1)}.get)
        totals = service.covenant.totals()
        self.query_one("#handover-totals", Static).update(literal(t(
            "cov.totals", count=totals.count, amount=vnformat.money(totals.amount_vnd),
            handed=totals.handed_count, handed_amount=vnformat.money(totals.handed_vnd))))

    def fit(self, width: int) -> None:
        fit_columns(self.table, {"what": 3, "to": 2}, width)

    def allows(self, action: str, covenant: Any) -> bool | None:
        if action in ORDER_KEYS:
            return False
        if action in EDIT_KEYS:
            return True
        return None

    def open(self, code: str) -> None:
        self._toggle_handed(code)

    def add(self) -> None:
        self._form(None)

    def edit(self, code: str) -> None:
        self._form(code)

    def remove(self, code: str) -> None:
        screen = self.screen
        handover = next((h for h in screen.service.covenant.handovers() if h.code == code), None)
        if handover is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(screen, "remove", screen.service.covenant.remove_handover, code)

        self.app.push_screen(ConfirmDialog(t("cov.ask_remove_handover", what=handover.what)), answered)

    def _form(self, code: str | None) -> None:
        screen = self.screen
        handover = next((h for h in screen.service.covenant.handovers() if h.code == code), None) if code else None
        fields = [Field("what", t("cov.field.what"), handover.what if handover else "", store_name="handover_what"),
                  Field("unit_code", t("cov.field.unit"), handover.unit_code if handover else "",
                        kind="select", options=unit_options(screen), placeholder=t("cov.no_unit"),
                        store_name="handover_unit"),
                  Field("place", t("cov.field.place"), handover.place if handover else "", store_name="handover_place"),
                  Field("amount_vnd", t("cov.field.amount"),
                        vnformat.money(handover.amount_vnd) if handover else "", placeholder=vnformat.money(100_000_000),
                        store_name="handover_amount")]
        covenant = screen.service.covenant
        if handover is None:
            save, title = covenant.add_handover, t("cov.form.handover_add")
        else:
            def save(**values):
                return covenant.edit_handover(code, **values)

            title = t("cov.form.handover_edit", what=handover.what)
        self.app.push_screen(CovenantForm(title, fields, save), screen.saved)

    def _toggle_handed(self, code: str) -> None:
        screen = self.screen
        handover = next((h for h in screen.service.covenant.handovers() if h.code == code), None)
        if handover is None:
            return
        if not handover.handed_over:
            workers.run(screen, "handed", screen.service.covenant.mark_handed, code)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(screen, "handed", screen.service.covenant.undo_handed, code)

        self.app.push_screen(ConfirmDialog(t("cov.ask_unhand", what=handover.what,
                                             time=clock_time(handover.handed_at)[:5])), answered)
