"""Covenant panel (read-only until the covenant issue): content groups and who has signed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.roster import clock_time

from ... import actions
from ...i18n import t
from ...messages import StoreChanged
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.panel import PanelScreen

GROUP_COLUMNS = ("order", "content", "measure", "target")
SIGNATURE_COLUMNS = ("order", "unit", "signer", "position", "behalf", "time")


class CovenantScreen(PanelScreen):
    PANEL = "covenant"
    HELP_KEY = "help.covenant"
    CSS_PATH = "covenant.tcss"
    TABLES = frozenset({"covenant", "signatures", "units"})
    BINDINGS = actions.bindings("covenant")

    def compose_body(self) -> ComposeResult:
        yield Static(id="covenant-title", classes="panel-title")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield Static(id="signed-count", classes="panel-title")
        yield DataTable(id="signatures", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        groups = self.query_one("#groups", DataTable)
        rows.add_columns(groups, [(c, t(f"covenant.col.{c}")) for c in GROUP_COLUMNS])
        signatures = self.query_one("#signatures", DataTable)
        rows.add_columns(signatures, [(c, t(f"covenant.col.{c}")) for c in SIGNATURE_COLUMNS])
        self._show()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Content and measure share what is left: the target stays in view."""
        width = self.app.size.width
        fit_columns(self.query_one("#groups", DataTable), {"content": 3, "measure": 2}, width)
        fit_columns(self.query_one("#signatures", DataTable), {"signer": 2, "position": 3, "behalf": 2}, width)

    def _show(self) -> None:
        """Title, groups and signatures as the store has them: changed cells only."""
        service = self.service
        covenant = service.covenant.get()
        title = self.query_one("#covenant-title", Static)
        groups = self.query_one("#groups", DataTable)
        signatures = self.query_one("#signatures", DataTable)
        if covenant is None:
            title.update(t("covenant.none"))
            rows.sync(groups, {})
            rows.sync(signatures, {})
            self.query_one("#signed-count", Static).update("")
            return
        title.update(literal(covenant.title, "bold"))
        ordered = sorted(covenant.groups, key=lambda g: g.order)
        rows.sync(groups, {g.code: (str(g.order), literal(g.content), literal(g.measure), literal(g.target))
                           for g in ordered})
        rows.order_rows(groups, [g.code for g in ordered], "order",
                        {str(g.order): g.code for g in ordered}.get)
        units = {u.code: u for u in service.conference.units()}
        signed = {s.unit_code: s for s in service.covenant.signatures()}
        found = {}
        for n, code in enumerate(covenant.signing_order, start=1):
            s = signed.get(code)
            unit = units.get(code)
            found[code] = (str(n), literal(unit.short_name if unit else code),
                           literal(s.signer if s else "—"), literal(s.position if s else ""),
                           literal(s.on_behalf_of if s else ""), clock_time(s.signed_at) if s else "")
        rows.sync(signatures, found)
        position = {str(n): code for n, code in enumerate(covenant.signing_order, start=1)}
        rows.order_rows(signatures, list(covenant.signing_order), "order", lambda cell: position.get(str(cell)))
        self.query_one("#signed-count", Static).update(
            t("covenant.signed", signed=len(signed), total=len(covenant.signing_order)))

    def store_changed(self, change: StoreChanged) -> None:
        self._show()
        self._fit()
