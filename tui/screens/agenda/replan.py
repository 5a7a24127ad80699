"""Re-plan preview: the remaining items moved after the current delay (fixed items stay), or also
shrunk to catch up (Tab); Ctrl+Y applies it (one audited step, undone by Ctrl+Z in the panel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from store.models.timing import MODES, Move, project

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from .run_box import offset_words


class ReplanDialog(ModalScreen["int | None"]):
    """Dismisses with the number of items moved (after the write returned), or None."""

    CSS_PATH = "replan.tcss"
    PANEL = "replan"
    BINDINGS = actions.bindings("replan")

    def __init__(self, at: dt.datetime) -> None:
        super().__init__()
        localize_bindings(self)
        self.at = at.replace(microsecond=0)
        self.mode = MODES[0]
        self.moves: list[Move] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="replan-box"):
            yield Static(t("agenda.replan.title"), id="replan-title")
            yield Static(id="replan-mode")
            yield Static(id="replan-summary")
            yield DataTable(id="replan-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="replan-message")
            yield Static(t("agenda.replan.hint"), id="replan-hint")

    def on_mount(self) -> None:
        table = self.query_one("#replan-table", DataTable)
        rows.add_columns(table, [("order", t("agenda.col.order")), ("title", t("agenda.col.title")),
                                 ("start", t("agenda.replan.col.start")),
                                 ("new_start", t("agenda.replan.col.new_start")),
                                 ("minutes", t("agenda.replan.col.minutes")),
                                 ("new_minutes", t("agenda.replan.col.new_minutes"))])
        self._preview()
        table.focus()

    def _preview(self) -> None:
        agenda = self.app.service.agenda
        self.moves = agenda.replan_preview(self.mode, now=self.at)
        timing = agenda.timing(self.at)
        self.query_one("#replan-mode", Static).update(
            "  ".join(("▶ " if m == self.mode else "  ") + t(f"agenda.replan.mode.{m}") for m in MODES))
        table = self.query_one("#replan-table", DataTable)
        table.clear()
        for move in self.moves:
            item = move.item
            fixed = f" ({t('agenda.replan.fixed')})" if item.fixed_start else ""
            table.add_row(str(item.order), literal(item.title), item.planned_start,
                          move.new_start + fixed, str(item.duration_min), str(move.new_min), key=item.code)
        self.call_after_refresh(fit_columns, table, {"title": 1}, min(self.app.size.width - 6, 106))
        changed = [m for m in self.moves if m.changed]
        if not changed:
            self.query_one("#replan-summary", Static).update(t("agenda.replan.none"))
            return
        moved = {m.item.code: replace(m.item, planned_start=m.new_start, duration_min=m.new_min)
                 for m in self.moves}
        after = project([moved.get(i.code, i) for i in agenda.items()], self.at, agenda.day()).projected_end
        before = timing.projected_end
        self.query_one("#replan-summary", Static).update(literal(t(
            "agenda.replan.summary", offset=offset_words(timing).split(",")[0],
            before=f"{before:%H:%M}" if before else "—", after=f"{after:%H:%M}" if after else "—")))

    def action_toggle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self._preview()

    def action_apply(self) -> None:
        workers.run(self, "replan", self.app.service.agenda.replan, self.mode, at=self.at)

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(len(message.result))
            return
        self.query_one("#replan-message", Static).update(literal(message.failure.reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
