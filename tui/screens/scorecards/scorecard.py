"""A unit's scorecard: one row per content group (maximum, own score, cluster score, the
difference highlighted), the totals, the four indicators, the bonuses and deductions with their
reasons. Keyboard only: arrows or Tab move between cells, a number is typed with a comma or a dot,
Enter saves the cell (durably, audited) and moves down; a refused value says why beside the cell,
which keeps the focus. Finalized scores are read-only until reopened with a reason (Ctrl+R)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.errors import ValidationError
from store.models.scoring import INDICATOR_NAMES
from store.vnformat import number

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreChanged, StoreResult
from ...reasons import reason
from ...text import literal
from ...widgets.key_bar import KeyBar
from ..common.confirm import ConfirmDialog
from .chart import GroupChart
from .form import Field, ScoreForm

SIDES = ("self", "cluster")


#: characters a score cell shows (its width less the padding): numbers are right-aligned in it
CELL = 8
COUNT = 5


def shown(value: float | None) -> str:
    return ("" if value is None else number(value)).rjust(CELL)


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
        with Horizontal(classes="card-head"):
            yield Static(t("scorecards.card.group"), classes="g-title")
            yield Static(Text(t("scorecards.card.max"), justify="right"), classes="g-max")
            yield Static(Text(t("scorecards.card.self"), justify="right"), classes="g-cell")
            yield Static(Text(t("scorecards.card.cluster"), justify="right"), classes="g-cell")
            yield Static(Text(t("scorecards.card.diff"), justify="right"), classes="g-diff")
        with VerticalScroll(id="card-rows"):
            for g in self.groups:
                with Horizontal(classes="card-row", id=f"row-{g.code}"):
                    yield Static(id=f"title-{g.code}", classes="g-title")
                    yield Static(Text(number(g.max_points), justify="right"), classes="g-max")
                    for side in SIDES:
                        yield Input(id=f"in-{g.code}-{side}", classes="g-cell",
                                    restrict=r" *[0-9,.]*", select_on_focus=True)
                    yield Static(id=f"diff-{g.code}", classes="g-diff")
            with Horizontal(classes="card-row card-total"):
                yield Static(t("scorecards.card.total"), classes="g-title")
                yield Static(id="total-max", classes="g-max")
                yield Static(id="total-self", classes="g-cell")
                yield Static(id="total-cluster", classes="g-cell")
                yield Static(id="total-diff", classes="g-diff")
            yield Static(id="ind-reason", classes="reason")
            with Horizontal(classes="card-row", id="indicators"):
                for name in INDICATOR_NAMES:
                    yield Static(t(f"scorecards.col.{name}"), classes="i-label")
                    yield Input(id=f"in-ind-{name}", classes="i-cell", restrict=r" *[0-9]*", select_on_focus=True)
            yield Static(t("scorecards.card.adjustments"), classes="section")
            yield OptionList(id="adjust")
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
        focused = self.focused
        for g in self.groups:
            gs = self.card.group(g.code)
            for side in SIDES:
                box = self.query_one(f"#in-{g.code}-{side}", Input)
                value = shown(getattr(gs, f"{side}_points") if gs else None)
                if not (keep_focused and box is focused and box.value != box.stored) or not hasattr(box, "stored"):
                    box.value = value
                box.stored = value
                box.disabled = self.card.locked
            self._show_row(g.code)
        for name in INDICATOR_NAMES:
            box = self.query_one(f"#in-ind-{name}", Input)
            value = str(getattr(self.ind, name)).rjust(COUNT)
            if not (keep_focused and box is focused and box.value != getattr(box, "stored", value)):
                box.value = value
            box.stored = value
            box.disabled = self.card.locked
        self._totals()
        self._adjustments()
        self._title()
        chart = self.query_one("#group-chart", GroupChart)
        chart.show(self.groups, self.card)

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

    def _show_row(self, code: str, error: str | None = None) -> None:
        group = next(g for g in self.groups if g.code == code)
        title = self.query_one(f"#title-{code}", Static)
        row = self.query_one(f"#row-{code}")
        row.set_class(error is not None, "-error")
        if error is not None:
            title.update(literal("⚠ " + error, "bold red"))
        else:
            title.update(literal(f"{group.code}. {group.title}"))
        gs = self.card.group(code)
        own, cluster = (gs.self_points, gs.cluster_points) if gs else (None, None)
        diff = self.query_one(f"#diff-{code}", Static)
        if own is None or cluster is None:
            diff.update("")
        else:
            delta = cluster - own
            diff.update(Text(("+" if delta > 0 else "") + number(delta), justify="right",
                             style="bold black on yellow" if delta else "dim"))

    def _totals(self) -> None:
        card = self.card
        self.query_one("#total-max", Static).update(
            Text(number(sum(g.max_points for g in self.groups)), justify="right"))
        own, cluster = card.self_total, card.cluster_total
        self.query_one("#total-self", Static).update(Text(number(own), justify="right", style="bold"))
        self.query_one("#total-cluster", Static).update(Text(number(cluster), justify="right", style="bold"))
        diff = self.query_one("#total-diff", Static)
        if own is None or cluster is None:
            diff.update("")
        else:
            delta = cluster - own
            diff.update(Text(("+" if delta > 0 else "") + number(delta), justify="right",
                             style="bold black on yellow" if delta else "dim"))

    def _adjustments(self) -> None:
        options = self.query_one("#adjust", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        items = [("bonus", i, a) for i, a in enumerate(self.card.bonuses)] + \
                [("deduction", i, a) for i, a in enumerate(self.card.deductions)]
        for kind, index, adj in items:
            text = Text()
            text.append(("+" if adj.points > 0 else "") + number(adj.points),
                        style="bold green" if kind == "bonus" else "bold red")
            text.append("  ")
            text.append_text(literal(adj.reason))
            options.add_option(Option(text, id=f"{kind}-{index}"))
        if not items:
            options.add_option(Option(Text(t("scorecards.card.no_adjustments"), style="dim"), id="none",
                                      disabled=True))
        elif highlighted is not None:
            options.highlighted = min(highlighted, len(items) - 1)

    # ---- moving between cells -----------------------------------------------------------------

    def _grid(self) -> list[list[str]]:
        grid = [[f"in-{g.code}-{side}" for side in SIDES] for g in self.groups]
        grid.append([f"in-ind-{n}" for n in INDICATOR_NAMES])
        return grid

    def action_move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()
            return
        grid = self._grid()
        where = next(((r, c) for r, row in enumerate(grid) for c, cell in enumerate(row)
                      if focused is not None and cell == focused.id), None)
        if where is None:
            return
        r, c = where
        target = r + step
        if not 0 <= target < len(grid):
            if target >= len(grid):
                self.query_one("#adjust", OptionList).focus()
            return
        c = min(c, len(grid[target]) - 1) if len(grid[r]) <= len(grid[target]) else (0 if c < 2 else 1)
        box = self.query_one(f"#{grid[target][c]}", Input)
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
            self.query_one("#card-message", Static).update(literal(message.failure.reason, "bold red"))

    def _cell_answered(self, ident: str, message: StoreResult) -> None:
        box = self.query_one(f"#{ident}", Input)
        say = self.query_one("#card-message", Static)
        indicator = ident.startswith("in-ind-")
        if message.ok:
            if indicator:
                self.query_one("#ind-reason", Static).update("")
            else:
                self._show_row(ident.split("-", 2)[1])
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
            self._show_row(ident.split("-", 2)[1], why)
        say.update(literal(why if failure and failure.refused else t("scorecards.card.not_saved", reason=why),
                           "bold red"))
        box.focus()
        box.select_all()  # the next number typed replaces the refused one

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.reloaded or message.tables & {"scores", "indicators", "scoring_config", "units"}:
            self.load(keep_focused=True)

    # ---- bonuses and deductions ---------------------------------------------------------------

    def action_add_adjustment(self, kind: str) -> None:
        if self.card.locked:
            self.query_one("#card-message", Static).update(
                literal(t("reason.scores_locked", unit=self.unit.short_name), "bold red"))
            return
        rules = self.config.bonus_rules if kind == "bonus" else self.config.deduction_rules
        if not rules:
            self.notify(t(f"scorecards.card.no_rules.{kind}"), severity="warning")
            return
        options = tuple((f"{'+' if r.points > 0 else ''}{number(r.points)}  {r.label}", r.code) for r in rules)
        fields = [Field("score_rule", t("field.score_rule"), rules[0].code, "choice", options),
                  Field("score_reason", t("field.score_reason"))]
        unit = self.unit_code
        scoring = self.service.scoring

        def save(values: dict[str, Any]):
            return scoring.add_adjustment(unit, kind, values["score_rule"], values["score_reason"])

        self.app.push_screen(ScoreForm(t(f"scorecards.card.add.{kind}", unit=self.unit.short_name), fields, save))

    def action_remove_adjustment(self) -> None:
        options = self.query_one("#adjust", OptionList)
        if self.focused is not options or options.highlighted is None or self.card.locked:
            return
        option = options.get_option_at_index(options.highlighted)
        if not option.id or option.id == "none":
            return
        kind, index = option.id.split("-")
        adj = (self.card.bonuses if kind == "bonus" else self.card.deductions)[int(index)]

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "adjust", self.service.scoring.remove_adjustment, self.unit_code, kind, int(index))

        self.app.push_screen(ConfirmDialog(t("scorecards.card.remove_ask", points=number(adj.points),
                                             reason=adj.reason)), answered)

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

    def _unsaved(self) -> list[Input]:
        return [box for box in self.query(Input) if box.value.strip() != getattr(box, "stored", box.value).strip()]

    def action_other_unit(self, step: int) -> None:
        def go() -> None:
            index = self.order.index(self.unit_code) if self.unit_code in self.order else 0
            self.unit_code = self.order[(index + step) % len(self.order)]
            for box in self.query(Input):
                if hasattr(box, "stored"):
                    del box.stored
            for g in self.groups:
                self._show_row(g.code)
            self.query_one("#ind-reason", Static).update("")
            self.query_one("#card-message", Static).update("")
            self.load()
            self._focus_first()

        self._after_asking(go)

    def action_close(self) -> None:
        self._after_asking(self.app.pop_screen)

    def _after_asking(self, then) -> None:
        if not self._unsaved():
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmDialog(t("scorecards.card.discard", count=len(self._unsaved()))), answered)
