"""Agenda panel (read-only until the agenda issue): the running order of the conference."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.models import AgendaItem
from store.roster import clock_time

from ... import actions
from ...i18n import t
from ...messages import StoreChanged
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.panel import PanelScreen

COLUMNS = ("order", "start", "minutes", "title", "presenter", "status", "actual")


def cells(item: AgendaItem) -> tuple:
    actual = " – ".join(x for x in (clock_time(item.actual_start), clock_time(item.actual_end)) if x)
    return (str(item.order), item.planned_start, str(item.duration_min), literal(item.title),
            literal(item.presenter), t(f"agenda.status.{item.status.value}"), actual)


class AgendaScreen(PanelScreen):
    PANEL = "agenda"
    HELP_KEY = "help.agenda"
    CSS_PATH = "agenda.tcss"
    TABLES = frozenset({"agenda"})
    BINDINGS = actions.bindings("agenda")

    def compose_body(self) -> ComposeResult:
        yield Static(t("panel.agenda"), classes="panel-title")
        yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#agenda", DataTable)
        rows.add_columns(table, [(c, t(f"agenda.col.{c}")) for c in COLUMNS])
        for item in self.service.agenda.items():
            table.add_row(*cells(item), key=item.code)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Title and presenter share what is left: status and actual times stay in view."""
        fit_columns(self.query_one("#agenda", DataTable), {"title": 3, "presenter": 2}, self.app.size.width)

    def store_changed(self, change: StoreChanged) -> None:
        table = self.query_one("#agenda", DataTable)
        items = sorted(self.service.agenda.items(), key=lambda item: item.order)
        found = {item.code: cells(item) for item in items}
        rows.sync(table, found, None if change.reloaded else change.codes)
        order = {str(item.order): item.code for item in items}
        rows.order_rows(table, [item.code for item in items], "order", lambda cell: order.get(str(cell)))
        self._fit()  # actual times appearing widen their column: the long texts give way
