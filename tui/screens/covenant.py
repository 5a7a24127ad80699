"""Covenant panel (read-only until the covenant issue): content groups and who has signed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.roster import clock_time

from ..i18n import t
from ..text import literal
from .panel import PanelScreen


class CovenantScreen(PanelScreen):
    HELP_KEY = "help.covenant"

    def compose_body(self) -> ComposeResult:
        yield Static(id="covenant-title", classes="panel-title")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield Static(id="signed-count", classes="panel-title")
        yield DataTable(id="signatures", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        service = self.service
        covenant = service.covenant.get()
        title = self.query_one("#covenant-title", Static)
        if covenant is None:
            title.update(t("covenant.none"))
            return
        title.update(literal(covenant.title, "bold"))
        groups = self.query_one("#groups", DataTable)
        groups.add_columns(*(t(f"covenant.col.{c}") for c in ("order", "content", "measure", "target")))
        for g in covenant.groups:
            groups.add_row(str(g.order), literal(g.content), literal(g.measure), literal(g.target),
                           key=g.code)
        units = {u.code: u for u in service.conference.units()}
        signed = {s.unit_code: s for s in service.covenant.signatures()}
        table = self.query_one("#signatures", DataTable)
        table.add_columns(*(t(f"covenant.col.{c}") for c in (
            "order", "unit", "signer", "position", "behalf", "time")))
        for n, code in enumerate(covenant.signing_order, start=1):
            s = signed.get(code)
            unit = units.get(code)
            table.add_row(str(n), literal(unit.short_name if unit else code),
                          literal(s.signer if s else "—"), literal(s.position if s else ""),
                          literal(s.on_behalf_of if s else ""), clock_time(s.signed_at) if s else "",
                          key=code)
        self.query_one("#signed-count", Static).update(
            t("covenant.signed", signed=len(signed), total=len(covenant.signing_order)))
