"""The covenant panel's text view: the movements and the content groups. Enter or Ctrl+T edits
a group, Ctrl+N adds one, Ctrl+R removes it (after asking), Ctrl+U / Ctrl+D move it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ... import workers
from ...i18n import t
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from .forms import CovenantForm, Field
from .view import EDIT_KEYS, ORDER_KEYS, CovenantView

GROUP_COLUMNS = ("order", "content", "measure", "target")


class TextView(CovenantView):
    TABLE = "groups"

    def compose(self) -> ComposeResult:
        yield Static(id="movements")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        rows.add_columns(self.table, [(c, t(f"covenant.col.{c}")) for c in GROUP_COLUMNS])

    def show(self, covenant: Any) -> None:
        groups = self.table
        if covenant is None:
            rows.sync(groups, {})
            self.query_one("#movements", Static).update("")
            return
        ordered = sorted(covenant.groups, key=lambda g: (g.order, g.code))
        rows.sync(groups, {g.code: (str(g.order), literal(g.content), literal(g.measure), literal(g.target))
                           for g in ordered})
        rows.order_rows(groups, [g.code for g in ordered], "order",
                        {str(g.order): g.code for g in ordered}.get)
        movements = "; ".join(covenant.movements) or t("cov.no_movements")
        self.query_one("#movements", Static).update(literal(t("cov.movements", movements=movements)))

    def fit(self, width: int) -> None:
        fit_columns(self.table, {"content": 3, "measure": 2}, width)

    def allows(self, action: str, covenant: Any) -> bool | None:
        if action in ORDER_KEYS:
            return False
        if action in EDIT_KEYS and covenant is not None and covenant.sealed:
            return False
        return None

    def open(self, code: str) -> None:
        self.edit(code)

    def move(self, code: str, delta: int) -> None:
        screen = self.screen
        workers.run(screen, "group", screen.service.covenant.move_group, code, delta)

    def add(self) -> None:
        self._group_form(None)

    def edit(self, code: str) -> None:
        self._group_form(code)

    def remove(self, code: str) -> None:
        screen = self.screen
        group = next((g for g in screen.service.covenant.get().groups if g.code == code), None)
        if group is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(screen, "remove", screen.service.covenant.remove_group, code)

        self.app.push_screen(ConfirmDialog(t("cov.ask_remove_group", content=group.content)), answered)

    def _group_form(self, code: str | None) -> None:
        screen = self.screen
        covenant = screen.service.covenant.get()
        if covenant is None:
            screen.say(t("reason.no_covenant"))
            return
        group = next((g for g in covenant.groups if g.code == code), None) if code else None
        fields = [Field("content", t("cov.field.content"), group.content if group else "", store_name="group_content"),
                  Field("measure", t("cov.field.measure"), group.measure if group else "", store_name="group_measure"),
                  Field("target", t("cov.field.target"), group.target if group else "", store_name="group_target")]
        title = t("cov.form.group_edit", order=group.order) if group else t("cov.form.group_add")

        def save(**values):
            return screen.service.covenant.put_group(code, **values)

        self.app.push_screen(CovenantForm(title, fields, save), screen.saved)
