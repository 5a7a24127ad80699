"""A unit's scorecard: one row per content group (maximum, own score, cluster score, the
difference highlighted), the totals, the four indicators, the bonuses and deductions with their
reasons. Keyboard only: arrows or Tab move between cells, a number is typed with a comma or a dot,
Enter saves the cell (durably, audited) and moves down; a refused value says why beside the cell,
which keeps the focus. Finalized scores are read-only until reopened with a reason (Ctrl+R).

The grid and moving between its cells are grid.py; the bonuses and deductions adjustments.py;
going to another unit (or back) asking about unsaved cells unit_moves.py."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from store.errors import ValidationError

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreChanged, StoreResult
from ...validation_words import reason
from ...text import literal
from ...widgets.key_bar import KeyBar
from . import adjustments, grid, unit_moves
from .adjustments import AdjustmentList
from .chart import GroupChart
from .form import Field, ScoreForm


class ScorecardScreen(Screen):
    CSS_PATH = "scorecard.tcss"
    PANEL = "scorecard"
    BINDINGS = actions.bindings("scorecard")

    def __init__(self, unit_code: str, order: list[str] | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.unit_code = unit_code
        self.order = order or [unit_code]

    @property
    def service(self):
        return self.app.service

    # ---- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.groups = self.service.scoring.content_groups()
        yield Static(id="card-title")
        yield from grid.head()
        with VerticalScroll(id="card-rows"):
            yield from grid.rows(self.groups)
            yield Static(t("scorecards.card.adjustments"), classes="section")
            yield AdjustmentList(id="adjust")
            yield GroupChart(id="group-chart")
        yield Static(id="card-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.listen(self)
        self.query_one("#group-chart").display = False
        self.load()
        self._focus_first()

    def on_unmount(self) -> None:
        self.app.unlisten(self)

    def _focus_first(self) -> None:
        card = self.card
        if card.locked:
            self.query_one("#adjust", OptionList).focus()
        elif self.groups:
            self.query_one(f"#in-{self.groups[0].code}-cluster", Input).focus()

    # ---- values ------------------------------------------------------------------------------

    def load(self, keep_focused: bool = False) -> None:
        """Show the unit's stored values; a cell being typed in keeps what is typed."""
        scoring = self.service.scoring
        self.unit = self.service.conference.unit(self.unit_code)
        self.card = scoring.score(self.unit_code)
        self.ind = scoring.indicator(self.unit_code)
        self.config = scoring.config()
        grid.show(self, self.groups, self.card, self.ind, keep_focused)
        self.query_one("#adjust", AdjustmentList).show(self.card)
        self._title()
        chart = self.query_one("#group-chart", GroupChart)
        chart.show(self.groups, self.card)

    def show_unit(self) -> None:
        """Show `unit_code` afresh (after moving to another unit): no typed values, no reasons."""
        for box in self.query(grid.CellInput):
            box.stored = None
        for g in self.groups:
            grid.show_row(self, self.groups, self.card, g.code)
        self.query_one("#ind-reason", Static).update("")
        self.query_one("#card-message", Static).update("")
        self.load()
        self._focus_first()

    def _title(self) -> None:
        text = Text()
        text.append_text(literal(self.unit.short_name, "bold"))
        text.append(" — ")
        text.append_text(literal(self.unit.full_name))
        if self.card.locked:
            text.append("  " + t("scorecards.card.locked", at=(self.card.locked_at or "")[11:16]), style="bold red")
        position = self.order.index(self.unit_code) + 1 if self.unit_code in self.order else 0
        if position:
            text.append(f"  ({position}/{len(self.order)})", style="dim")
        self.query_one("#card-title", Static).update(text)

    def say_refused(self, why: str) -> None:
        self.query_one("#card-message", Static).update(literal(why, "bold red"))

    # ---- moving between cells -----------------------------------------------------------------

    def action_move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()
            return
        target = grid.below(self.groups, focused.id if focused is not None else None, step)
        if target == "":
            self.query_one("#adjust", OptionList).focus()
        elif target:
            box = self.query_one(f"#{target}", Input)
            if not box.disabled:
                box.focus()

    # ---- saving a cell --------------------------------------------------------------------------

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        box = event.input
        ident = box.id or ""
        scoring = self.service.scoring
        if ident.startswith("in-ind-"):
            name = ident[len("in-ind-"):]
            workers.run(self, f"cell:{ident}", scoring.set_indicator, self.unit_code, name, box.value)
        else:
            _, code, side = ident.split("-", 2)
            workers.run(self, f"cell:{ident}", scoring.set_points, self.unit_code, code, side, box.value)
        self.query_one("#card-message", Static).update(t("scorecards.card.saving"))

    def on_store_result(self, message: StoreResult) -> None:
        request = message.request
        if request.startswith("cell:"):
            ident = request[5:]
            self._cell_answered(ident, message)
        elif request in ("adjust", "reopen") and not message.ok and message.failure is not None:
            self.say_refused(message.failure.reason)

    def _cell_answered(self, ident: str, message: StoreResult) -> None:
        box = self.query_one(f"#{ident}", grid.CellInput)
        say = self.query_one("#card-message", Static)
        indicator = ident.startswith("in-ind-")
        if message.ok:
            if indicator:
                self.query_one("#ind-reason", Static).update("")
            else:
                grid.show_row(self, self.groups, self.card, ident.split("-", 2)[1])
            say.update(Text(t("scorecards.card.saved"), style="green"))
            self.load(keep_focused=True)
            box.value = box.stored
            if self.focused is box:
                self.action_move(1)
            return
        failure = message.failure
        error = failure.error if failure else None
        why = reason(error) if isinstance(error, ValidationError) else (failure.reason if failure else "")
        if indicator:
            self.query_one("#ind-reason", Static).update(literal("⚠ " + t(f"scorecards.col.{ident[7:]}") + ": " + why,
                                                                 "bold red"))
        else:
            grid.show_row(self, self.groups, self.card, ident.split("-", 2)[1], why)
        say.update(literal(why if failure and failure.refused else t("scorecards.card.not_saved", reason=why),
                           "bold red"))
        box.focus()
        box.select_all()  # the next number typed replaces the refused one

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.reloaded or message.tables & {"scores", "indicators", "scoring_config", "units"}:
            self.load(keep_focused=True)

    # ---- bonuses and deductions ---------------------------------------------------------------

    def action_add_adjustment(self, kind: str) -> None:
        adjustments.add(self, kind)

    def action_remove_adjustment(self) -> None:
        adjustments.remove(self, self.query_one("#adjust", AdjustmentList))

    # ---- other actions --------------------------------------------------------------------------

    def action_toggle_chart(self) -> None:
        chart = self.query_one("#group-chart", GroupChart)
        chart.display = not chart.display
        if chart.display:
            self.query_one("#card-rows", VerticalScroll).scroll_to_widget(chart)

    def action_reopen(self) -> None:
        if not self.card.locked:
            self.notify(t("reason.scores_not_locked", unit=self.unit.short_name), severity="warning")
            return
        unit = self.unit_code
        scoring = self.service.scoring

        def done(result: Any) -> None:
            if result is not None:
                self.load()
                self._focus_first()

        self.app.push_screen(ScoreForm(t("scorecards.card.reopen", unit=self.unit.short_name),
                                       [Field("score_reason", t("field.score_reason"))],
                                       lambda values: scoring.reopen(unit, values["score_reason"])), done)

    def action_other_unit(self, step: int) -> None:
        unit_moves.other_unit(self, step)

    def action_close(self) -> None:
        unit_moves.after_asking(self, self.app.pop_screen)
