"""The setup panel (F10, "Thiết lập"): the conference, its member units, and what is still missing
before the day, with the keys of the panels that fix it. An empty store opens here, with a short
guide to the three ways in (this panel, a workbook, last year's store)."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.errors import ValidationError

from ... import actions, workers
from ...i18n import t
from ...messages import StoreChanged, StoreResult
from ...validation_words import describe
from ...text import literal, literal_lines
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from ..common.panel import PanelScreen
from .form import ConferenceForm, UnitForm
from .setup_state import gap_lines, summary_lines, unit_cells
from .workbook_dialog import WorkbookDialog

COLUMNS = ("order", "code", "short_name", "full_name", "delegates", "role")


class SetupScreen(PanelScreen):
    PANEL = "setup"
    HELP_KEY = "setup.help"
    CSS_PATH = "setup.tcss"
    TABLES = frozenset({"conference", "units", "delegates", "agenda", "content_groups",
                        "scoring_config", "covenant"})
    BINDINGS = actions.bindings("setup")
    #: the store changed while the panel was hidden: update when it shows again
    _stale = False

    def compose_body(self) -> ComposeResult:
        yield Static(t("panel.setup"), classes="panel-title")
        yield Static(id="setup-summary")
        yield DataTable(id="setup-units", cursor_type="row", zebra_stripes=True)
        yield Static(id="setup-guide")
        yield Static(id="setup-gaps")

    def on_mount(self) -> None:
        table = self.query_one("#setup-units", DataTable)
        rows.add_columns(table, [(c, t(f"setup.col.{c}")) for c in COLUMNS])
        self.refresh_all()
        table.focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        fit_columns(self.query_one("#setup-units", DataTable), {"full_name": 3, "short_name": 1},
                    self.app.size.width)

    # ---- showing ----------------------------------------------------------------------------

    def refresh_all(self, codes=None) -> None:
        service = self.service
        conference = service.conference.get()
        units = service.conference.units()
        counts = Counter(d.unit_code for d in service.delegates.all())
        summary = Text("\n").join(literal(line) for line in summary_lines(conference, units))
        summary.no_wrap, summary.overflow = True, "ellipsis"  # one line each, cut with "…"
        self.query_one("#setup-summary", Static).update(summary)
        table = self.query_one("#setup-units", DataTable)
        found = {u.code: unit_cells(u, conference, counts.get(u.code, 0)) for u in units}
        rows.sync(table, found, codes)
        rows.order_rows(table, [u.code for u in units], "code", lambda cell: str(cell))
        empty = conference is None or not units
        guide = self.query_one("#setup-guide", Static)
        guide.display = empty
        if empty:
            guide.update(literal_lines(t("setup.guide")))
        self.query_one("#setup-gaps", Static).update(
            literal_lines("\n".join([t("setup.gaps.title"), *gap_lines(service.readiness())])))
        self._fit()
        self.refresh_bindings()

    def store_changed(self, change: StoreChanged) -> None:
        """Shown: update now. Hidden (e.g. the desk checking people in): only note it, and
        update when the panel shows again, so that a check-in never waits for this panel."""
        if self.is_current:
            self.refresh_all(None)
        else:
            self._stale = True

    @on(events.ScreenResume)
    def _resumed(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_all(None)

    # ---- the units table ------------------------------------------------------------------------

    def _highlighted(self) -> str | None:
        return rows.highlighted_key(self.query_one("#setup-units", DataTable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_unit", "remove_unit", "move_unit", "make_head"):
            return True if self._highlighted() else None
        return True

    @on(DataTable.RowSelected, "#setup-units")
    def _row_selected(self) -> None:
        self.action_edit_unit()

    @on(DataTable.RowHighlighted, "#setup-units")
    def _row_highlighted(self) -> None:
        self.refresh_bindings()

    def _say(self, text: str, error: bool = False) -> None:
        self.app.status = (text, error)

    # ---- actions -----------------------------------------------------------------------------

    def action_edit_conference(self) -> None:
        service = self.service

        def saved(conference) -> None:
            if conference is not None:
                self._say(t("setup.saved.conference"))

        self.app.push_screen(ConferenceForm(service.conference.get(), service.conference.units()), saved)

    def action_edit_papers(self) -> None:
        from .papers_form import PapersForm

        conference = self.service.conference.get()
        if conference is None:
            self._say(t("setup.head.no_conference", key=actions.key_of("setup.conference")), True)
            return

        def saved(new) -> None:
            if new is not None:
                self._say(t("papers.saved"))

        self.app.push_screen(PapersForm(conference), saved)

    def action_add_unit(self) -> None:
        def saved(unit) -> None:
            if unit is not None:
                self._say(t("setup.saved.unit", name=unit.short_name))
                self.call_after_refresh(self._move_cursor, unit.code)

        self.app.push_screen(UnitForm(), saved)

    def action_edit_unit(self) -> None:
        code = self._highlighted()
        if code is None:
            return
        unit = self.service.conference.unit(code)

        def saved(new) -> None:
            if new is not None:
                self._say(t("setup.saved.unit", name=new.short_name))

        self.app.push_screen(UnitForm(unit), saved)

    def action_remove_unit(self) -> None:
        code = self._highlighted()
        if code is None:
            return
        unit = self.service.conference.unit(code)
        uses = self.service.conference.unit_uses(code)
        if uses:
            self._say(t("setup.remove.refused", unit=unit.short_name, uses=uses), True)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "remove", self.service.conference.remove_unit, code)

        self.app.push_screen(ConfirmDialog(t("setup.remove.confirm", unit=unit.short_name)), answered)

    def action_move_unit(self, delta: int) -> None:
        code = self._highlighted()
        if code is not None:
            workers.run(self, "move", self.service.conference.move_unit, code, delta)

    def action_make_head(self) -> None:
        code = self._highlighted()
        if code is None:
            return
        if self.service.conference.get() is None:
            self._say(t("setup.head.no_conference", key=actions.key_of("setup.conference")), True)
            return
        workers.run(self, "head", self.service.conference.save, head_unit=code)

    def action_import_workbook(self) -> None:
        self.app.push_screen(WorkbookDialog())

    def _move_cursor(self, code: str) -> None:
        rows.move_to(self.query_one("#setup-units", DataTable), code)

    def on_store_result(self, message: StoreResult) -> None:
        if not message.ok:
            error = message.failure.error
            self._say(describe(error) if isinstance(error, ValidationError) else message.failure.reason, True)
            return
        if message.request == "remove":
            self._say(t("setup.removed", name=message.result.short_name))
        elif message.request == "head":
            units = {u.code: u.short_name for u in self.service.conference.units()}
            self._say(t("setup.head.set", name=units.get(message.result.head_unit, "")))
