"""Agenda panel (read-only until the agenda issue): the running order of the conference."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.roster import clock_time

from ..i18n import t
from ..text import literal
from .panel import PanelScreen


class AgendaScreen(PanelScreen):
    HELP_KEY = "help.agenda"

    def compose_body(self) -> ComposeResult:
        yield Static(t("panel.agenda"), classes="panel-title")
        yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#agenda", DataTable)
        table.add_columns(*(t(f"agenda.col.{c}") for c in (
            "order", "start", "minutes", "title", "presenter", "status", "actual")))
        for item in self.service.agenda.items():
            actual = " – ".join(x for x in (clock_time(item.actual_start), clock_time(item.actual_end)) if x)
            table.add_row(str(item.order), item.planned_start, str(item.duration_min),
                          literal(item.title), literal(item.presenter),
                          t(f"agenda.status.{item.status.value}"), actual, key=item.code)
