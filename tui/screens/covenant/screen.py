"""The covenant panel (F5): the signing (one line per unit in the signing order), the text
(movements and content groups) and the support handovers, one view at a time (F9 switches).

Signing view: Enter on a unit opens the signing dialog, and after each line the highlight moves
to the unit whose turn it is (the ceremony is Enter, Enter per unit); F7 records it absent;
Ctrl+Z takes back the last line; Ctrl+U / Ctrl+D move a unit in the signing order, + puts a
member unit back at its end and - takes the highlighted one out; F8 seals (then the ceremony's
keys leave the key bar); F6 opens the full-screen ceremony view; Ctrl+K records next year's
cluster head; Ctrl+L prints the record. The seal line turns red, naming what, when the record
no longer matches its seal or its log (seal_line.py).
Text view: Ctrl+E edits year, title and movements; Enter or Ctrl+T edits a group, Ctrl+N adds
one, Ctrl+R removes it, Ctrl+U / Ctrl+D move it. Handovers view: Enter marks a handover as
handed over now (or takes the mark back, after asking); Ctrl+N / Ctrl+T / Ctrl+R add, edit,
remove. Every change is a store call in a worker; rows update in place on StoreChanged.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, DataTable, Static

from store.roster import clock_time

from ... import actions, workers
from ...i18n import t
from ...messages import StoreChanged, StoreResult
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from ..common.panel import PanelScreen
from . import ceremony_actions, handovers, order_actions, seal_line, signing_table
from .forms import CovenantForm, Field

GROUP_COLUMNS = ("order", "content", "measure", "target")
HANDOVER_COLUMNS = ("order", "what", "to", "amount", "handed")
VIEWS = ("signing", "text", "handovers")


class CovenantScreen(PanelScreen):
    PANEL = "covenant"
    HELP_KEY = "cov.help"
    CSS_PATH = "covenant.tcss"
    TABLES = frozenset({"covenant", "signatures", "units", "handovers"})
    BINDINGS = actions.bindings("covenant")

    view = "signing"
    #: the signing table's column widths from its content (signing_table.content_widths)
    _wanted: dict[str, int] = {}

    #: keys of the ceremony and of the text, gone from the key bar once the covenant is sealed
    SEALED_AWAY = frozenset({"absent", "undo", "seal", "move", "order_add", "order_remove", "edit_text"})

    def compose_body(self) -> ComposeResult:
        yield Static(id="covenant-title", classes="panel-title")
        yield Static(id="seal-line")
        with ContentSwitcher(initial="view-signing", id="views"):
            with Vertical(id="view-signing"):
                yield Static(id="signed-count", classes="panel-title")
                yield DataTable(id="signatures", cursor_type="row", zebra_stripes=True)
                yield Static(id="next-head")
            with Vertical(id="view-text"):
                yield Static(id="movements")
                yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            with Vertical(id="view-handovers"):
                yield DataTable(id="handovers", cursor_type="row", zebra_stripes=True)
                yield Static(id="handover-totals")
        yield Static(id="covenant-message")

    def on_mount(self) -> None:
        groups = self.query_one("#groups", DataTable)
        rows.add_columns(groups, [(c, t(f"covenant.col.{c}")) for c in GROUP_COLUMNS])
        signing_table.add_columns(self.query_one("#signatures", DataTable))
        handovers_table = self.query_one("#handovers", DataTable)
        rows.add_columns(handovers_table, [(c, t(f"cov.col.{c}")) for c in HANDOVER_COLUMNS])
        self._show()
        self._measure()
        self._fit()
        self._to_turn()

    def on_resize(self) -> None:
        self._fit()

    def _measure(self) -> None:
        """The signing table's column widths, from all it can come to show (measured again only
        when that changes: a unit joins the order, a signer typed a name no delegate has)."""
        service = self.service
        covenant = service.covenant.get()
        self._wanted = {} if covenant is None else signing_table.content_widths(
            self.query_one("#signatures", DataTable), covenant, {u.code: u for u in service.conference.units()},
            service.delegates.all(), {s.unit_code: s for s in service.covenant.signatures()})

    def _to_turn(self) -> None:
        """The highlight on the unit whose turn it is (after a signing, an absence, an undo)."""
        current = self.service.covenant.progress().current
        if current:
            rows.move_to(self.query_one("#signatures", DataTable), current)

    def _fit(self) -> None:
        """Long texts share what is left: the target, the time and the amount stay in view."""
        width = self.app.size.width
        fit_columns(self.query_one("#groups", DataTable), {"content": 3, "measure": 2}, width)
        signatures = self.query_one("#signatures", DataTable)
        signing_table.size(signatures, self._wanted, signatures.size.width or width)
        fit_columns(self.query_one("#handovers", DataTable), {"what": 3, "to": 2}, width)

    # ---- what is shown ----------------------------------------------------------------------

    def _show(self) -> None:
        service = self.service
        covenant = service.covenant.get()
        title = self.query_one("#covenant-title", Static)
        groups = self.query_one("#groups", DataTable)
        signatures = self.query_one("#signatures", DataTable)
        handovers.show(self)
        if covenant is None:
            title.update(t("covenant.none"))
            rows.sync(groups, {})
            rows.sync(signatures, {})
            for name in ("#signed-count", "#seal-line", "#next-head", "#movements"):
                self.query_one(name, Static).update("")
            return
        title.update(literal(f"{covenant.title} ({covenant.year})", "bold"))
        progress = service.covenant.progress()
        units = {u.code: u for u in service.conference.units()}
        seal_line.check(self)
        ordered = sorted(covenant.groups, key=lambda g: (g.order, g.code))
        rows.sync(groups, {g.code: (str(g.order), literal(g.content), literal(g.measure), literal(g.target))
                           for g in ordered})
        rows.order_rows(groups, [g.code for g in ordered], "order",
                        {str(g.order): g.code for g in ordered}.get)
        movements = "; ".join(covenant.movements) or t("cov.no_movements")
        self.query_one("#movements", Static).update(literal(t("cov.movements", movements=movements)))
        signing_table.show(signatures, covenant, progress, units,
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

    def store_changed(self, change: StoreChanged) -> None:
        self._show()
        if change.tables & {"covenant", "units", "signatures", "delegates"}:
            wanted = self._wanted
            self._measure()
            if self._wanted != wanted:
                self._fit()
        if change.tables & {"signatures", "covenant"}:
            self._to_turn()
        self.refresh_bindings()  # the seal takes the ceremony's keys away

    def say(self, text: str) -> None:
        self.query_one("#covenant-message", Static).update(literal(text))

    # ---- the row under the cursor -----------------------------------------------------------

    def _table(self) -> DataTable:
        return self.query_one({"signing": "#signatures", "text": "#groups", "handovers": "#handovers"}[self.view],
                              DataTable)

    def _current(self) -> str | None:
        return rows.highlighted_key(self._table())

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.query_one("#views", ContentSwitcher).current = f"view-{self.view}"
        self._table().focus()
        self.say(t(f"cov.view.{self.view}"))
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_row()

    def action_open_row(self) -> None:
        code = self._current()
        if code is None:
            return
        if self.view == "signing":
            ceremony_actions.open_signing(self, code)
        elif self.view == "text":
            self.action_edit()
        else:
            handovers.toggle_handed(self, code)

    # ---- the ceremony -------------------------------------------------------------------------

    def action_ceremony(self) -> None:
        from .ceremony import CeremonyScreen

        self.app.push_screen(CeremonyScreen())

    def action_absent(self) -> None:
        code = self._current() if self.view == "signing" else self.service.covenant.progress().current
        if code:
            ceremony_actions.record_absent(self, code)

    def action_undo(self) -> None:
        ceremony_actions.undo_last(self)

    def action_seal(self) -> None:
        ceremony_actions.seal(self)

    def action_move(self, delta: int) -> None:
        code = self._current()
        if code is None:
            return
        if self.view == "signing":
            workers.run(self, "order", self.service.covenant.move_in_order, code, delta)
        elif self.view == "text":
            workers.run(self, "group", self.service.covenant.move_group, code, delta)

    def action_order_add(self) -> None:
        order_actions.add(self)

    def action_order_remove(self) -> None:
        code = self._current()
        if code is not None and self.view == "signing":
            order_actions.remove(self, code)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            covenant = self.service.covenant.get()
        except Exception:  # noqa: BLE001 - a closed store: every key stays as it is
            return True
        if action in ("order_add", "order_remove"):
            return self.view == "signing" and covenant is not None and not covenant.sealed
        if covenant is not None and covenant.sealed:
            if action in self.SEALED_AWAY:
                return False
            if action in ("add", "edit", "remove"):
                return self.view == "handovers"
        return True

    # ---- the text -----------------------------------------------------------------------------

    def action_edit_text(self) -> None:
        service = self.service
        covenant = service.covenant.get()
        if covenant is None:
            conference = service.conference.get()
            year = (conference.year + 1) if conference else ""
            fields = [Field("year", t("cov.field.year"), str(year), store_name="covenant_year"),
                      Field("title", t("cov.field.title"), t("cov.default_title", year=year), store_name="covenant_title")]
            self.app.push_screen(CovenantForm(t("cov.form.create"), fields, service.covenant.create,
                                              convert=_year_title), self._saved)
            return
        fields = [Field("year", t("cov.field.year"), str(covenant.year), store_name="covenant_year"),
                  Field("title", t("cov.field.title"), covenant.title, store_name="covenant_title"),
                  Field("movements", t("cov.field.movements"), "\n".join(covenant.movements), kind="area",
                        store_name="covenant_movements")]
        self.app.push_screen(CovenantForm(t("cov.form.text"), fields, service.covenant.edit_text,
                                          convert=_text_values), self._saved)

    def action_add(self) -> None:
        if self.view == "handovers":
            handovers.form(self, None)
        else:
            self._group_form(None)

    def action_edit(self) -> None:
        code = self._current()
        if code is None:
            return
        if self.view == "handovers":
            handovers.form(self, code)
        elif self.view == "text":
            self._group_form(code)

    def action_remove(self) -> None:
        code = self._current()
        if code is None or self.view == "signing":
            return
        service = self.service
        if self.view == "text":
            group = next((g for g in service.covenant.get().groups if g.code == code), None)
            if group is None:
                return
            question, call = t("cov.ask_remove_group", content=group.content), service.covenant.remove_group
        else:
            handover = next((h for h in service.covenant.handovers() if h.code == code), None)
            if handover is None:
                return
            question, call = t("cov.ask_remove_handover", what=handover.what), service.covenant.remove_handover

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "remove", call, code)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _group_form(self, code: str | None) -> None:
        covenant = self.service.covenant.get()
        if covenant is None:
            self.say(t("reason.no_covenant"))
            return
        group = next((g for g in covenant.groups if g.code == code), None) if code else None
        fields = [Field("content", t("cov.field.content"), group.content if group else "", store_name="group_content"),
                  Field("measure", t("cov.field.measure"), group.measure if group else "", store_name="group_measure"),
                  Field("target", t("cov.field.target"), group.target if group else "", store_name="group_target")]
        title = t("cov.form.group_edit", order=group.order) if group else t("cov.form.group_add")

        def save(**values):
            return self.service.covenant.put_group(code, **values)

        self.app.push_screen(CovenantForm(title, fields, save), self._saved)

    # ---- handovers and next year's head ------------------------------------------------------

    def action_next_head(self) -> None:
        covenant = self.service.covenant.get()
        if covenant is None:
            self.say(t("reason.no_covenant"))
            return
        fields = [Field("next_head_unit", t("cov.field.next_head_unit"), covenant.next_head_unit,
                        kind="select", options=handovers.unit_options(self), placeholder=t("cov.no_unit")),
                  Field("next_head_name", t("cov.field.next_head_name"), covenant.next_head_name)]
        self.app.push_screen(CovenantForm(t("cov.form.next_head", year=covenant.year), fields,
                                          self.service.covenant.set_next_head, convert=_head_values),
                             self._saved)

    def action_export(self) -> None:
        from ..common.papers import covenant_dialog

        self.app.push_screen(covenant_dialog())

    # ---- answers ----------------------------------------------------------------------------

    def _saved(self, result) -> None:
        if result is not None:
            self.say(t("cov.saved"))

    def on_store_result(self, message: StoreResult) -> None:
        if seal_line.answered(self, message, self.query_one("#seal-line", Static)):
            return
        if ceremony_actions.answered(self, message) or order_actions.answered(self, message):
            return
        if not message.ok:
            self.say(message.failure.reason)
        elif message.request == "handed":
            h = message.result
            self.say(t("cov.handed_ok", what=h.what, time=clock_time(h.handed_at)[:5]) if h.handed_over
                     else t("cov.unhanded_ok", what=h.what))


def _year_title(values: dict) -> dict:
    return {"year": values["year"], "title": values["title"]}


def _text_values(values: dict) -> dict:
    return {"year": values["year"], "title": values["title"],
            "movements": values["movements"].splitlines()}


def _head_values(values: dict) -> dict:
    return {"unit_code": values["next_head_unit"], "name": values["next_head_name"]}
