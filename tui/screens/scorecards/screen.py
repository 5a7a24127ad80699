"""The scorecards panel (F4): the ranking, explained and live as scores change.

The table ranks the units on the cluster total (ties share a rank), its columns in the order of
what they say (columns.py); beside it (under it when both do not fit side by side) the leading unit, the proposals per award tier by quota or by ballot, the notes
saying which rule separated two units with the same total, and the warnings. F7 shows the totals
as a bar chart instead of the table. Enter opens the highlighted unit's scorecard; F6 the rules;
F8 the ballots; F9 finalizes the scores; Ctrl+L exports the result (CSV, XLSX, Markdown, PDF).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Static

from store.models import ranking as rk
from wording.numbers import day, number

from ... import actions, workers
from ...i18n import t
from ...messages import StoreChanged, StoreResult
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from ..common.panel import PanelScreen
from .chart import RankingChart
from .columns import NUMERIC, column_order, right, row_cells, unit_width
from .ranking_words import note_text, warning_text

#: the explanation beside the table is never narrower than this (else it goes under the table)
EXPLAIN_WIDTH = 36


class ScorecardsScreen(PanelScreen):
    PANEL = "scorecards"
    HELP_KEY = "scorecards.help"
    CSS_PATH = "scorecards.tcss"
    TABLES = frozenset({"units", "scores", "indicators", "scoring_config", "content_groups", "ballots"})
    BINDINGS = actions.bindings("scorecards")

    def compose_body(self) -> ComposeResult:
        yield Static(t("scorecards.title"), id="score-title", classes="panel-title")
        with Horizontal(id="score-body"):
            with ContentSwitcher(initial="ranking", id="score-switch"):
                yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="chart-box"):
                    yield RankingChart(id="chart")
            with VerticalScroll(id="explain"):
                yield Static(id="explain-text")
        yield Static(id="totals", classes="panel-foot")

    def on_mount(self) -> None:
        self.columns: tuple[str, ...] = ()
        self.refresh_ranking()
        self.query_one("#ranking", DataTable).focus()

    def on_resize(self) -> None:
        self._fit()

    def _set_columns(self, columns: tuple[str, ...]) -> str | None:
        """Lay the table out again when the tie-break order or the ballots change its columns;
        the unit that was highlighted."""
        grid = self.query_one("#ranking", DataTable)
        cursor = rows.highlighted_key(grid)
        grid.clear(columns=True)
        for key in columns:
            label = t(f"scorecards.col.{key}")
            grid.add_column(right(label) if key in NUMERIC else label, key=key)
        self.columns = columns
        return cursor

    def _fit(self) -> None:
        """The unit column holds the longest name and the lock mark; the explanation goes under
        the table when the table and it do not both fit side by side."""
        grid = self.query_one("#ranking", DataTable)
        names = [r.unit.short_name for r in self.ranking.rows]
        fit_columns(grid, {}, widest={"unit": unit_width(names)})
        needed = sum(column.get_render_width(grid) for column in grid.ordered_columns) + 2  # 2: scrollbar
        side = needed + EXPLAIN_WIDTH <= self.app.size.width
        self.query_one("#score-body").set_class(not side, "-narrow")
        self.query_one("#score-switch").styles.width = needed if side else "1fr"

    # ---- showing -----------------------------------------------------------------------------

    def refresh_ranking(self) -> None:
        """Work out the ranking again (14 units), update only the cells that differ, put the rows
        in the new order, and say again why they are in it."""
        service = self.service
        table = service.scoring.table()
        self.ranking = table
        columns = column_order(service.scoring.config().tie_order, bool(table.ballots))
        cursor = self._set_columns(columns) if columns != self.columns else None
        cells = {r.unit.code: row_cells(r, table) for r in table.rows}
        found = {code: [row[key] for key in columns] for code, row in cells.items()}
        grid = self.query_one("#ranking", DataTable)
        rows.sync(grid, found)
        order = [r.unit.code for r in table.rows]
        by_unit = {row["unit"].plain: c for c, row in cells.items()}
        rows.order_rows(grid, order, "unit", lambda cell: by_unit.get(cell.plain))
        rows.move_to(grid, cursor)
        self._fit()
        self.query_one("#chart", RankingChart).show(table.rows, table.tiers[0].code if table.tiers else "")
        self.query_one("#explain-text", Static).update(self._explanation(table))
        self._totals(table)

    def _explanation(self, table: rk.Ranking) -> Text:
        out = Text()
        leader = table.leader
        out.append(t("scorecards.leader") + " ", style="bold")
        out.append_text(literal(leader.short_name if leader else "—", "bold green"))
        out.append("\n")
        for tier in table.tiers:
            units = table.proposals(tier.code)
            how = t("scorecards.by_ballot") if tier.code in table.ballots else t("scorecards.by_score")
            out.append("• ")
            out.append_text(literal(tier.label, "bold"))
            out.append(" " + t("scorecards.quota", quota=tier.quota, how=how) + ": ")
            out.append_text(literal(", ".join(u.short_name for u in units) or t("scorecards.none")))
            out.append("\n")
            if tier.code in table.ballots:
                result = table.ballots[tier.code]
                for line in result.lines:
                    mark = "✓" if line.elected else ("·" if line.passed else "✗")
                    out.append(f"   {mark} ")
                    out.append_text(literal(line.unit.short_name))
                    out.append(" " + t("scorecards.votes", votes=line.votes, voters=result.voters,
                                       percent=number(line.percent)) + "\n")
        if table.notes:
            out.append("\n" + t("scorecards.notes") + "\n", style="bold")
            for note in table.notes:
                out.append("• ")
                out.append_text(literal(note_text(note)))
                out.append("\n")
        warnings = [warning_text(w) for w in table.warnings]
        service = self.service
        deadline = service.scoring.deadline_warning(self.app_today())
        if deadline is not None:
            key = "scorecards.deadline.near" if deadline.days_left >= 0 else "scorecards.deadline.past"
            warnings.append(t(key, day=day(deadline.lock_date), days=abs(deadline.days_left),
                              count=len(deadline.units), units=", ".join(deadline.units)))
        total, cfg = service.scoring.groups_sum(), service.scoring.config()
        if round(total, 6) != round(cfg.total_max, 6):
            warnings.append(t("scorecards.warn.groups_sum", sum=number(total), total=number(cfg.total_max)))
        if warnings:
            out.append("\n" + t("scorecards.warnings") + "\n", style="bold")
            for w in warnings:
                out.append("⚠ ", style="bold yellow")
                out.append_text(literal(w, "yellow"))
                out.append("\n")
        out.rstrip()
        return out

    def app_today(self):
        return self.app.now().date()

    def _totals(self, table: rk.Ranking) -> None:
        sums = [0, 0, 0, 0]
        for r in table.rows:
            if r.indicators:
                sums = [a + getattr(r.indicators, n) for a, n in
                        zip(sums, ("models", "schemes", "resolutions", "regulations"))]
        locked = sum(1 for r in table.rows if r.locked)
        self.query_one("#totals", Static).update(Text(t(
            "scorecards.totals", models=sums[0], schemes=sums[1], resolutions=sums[2], regulations=sums[3],
            locked=locked, units=len(table.rows)), no_wrap=True, overflow="ellipsis"))

    def store_changed(self, change: StoreChanged) -> None:
        self.refresh_ranking()

    # ---- actions -----------------------------------------------------------------------------

    def _highlighted(self) -> str | None:
        return rows.highlighted_key(self.query_one("#ranking", DataTable))

    def action_open_card(self) -> None:
        from .scorecard import ScorecardScreen

        code = self._highlighted()
        if code is not None:
            self.app.push_screen(ScorecardScreen(code, [r.unit.code for r in self.ranking.rows]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_card()

    def action_toggle_chart(self) -> None:
        switch = self.query_one("#score-switch", ContentSwitcher)
        switch.current = "chart-box" if switch.current == "ranking" else "ranking"
        if switch.current == "ranking":
            self.query_one("#ranking", DataTable).focus()

    def action_rules(self) -> None:
        from .rules import RulesScreen

        self.app.push_screen(RulesScreen())

    def action_ballot(self) -> None:
        from .ballot import BallotScreen

        if self.ranking.tiers:
            self.app.push_screen(BallotScreen())
        else:
            self.notify(t("scorecards.ballot.no_tiers"), severity="warning")

    def action_finalize(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "finalize", self.service.scoring.finalize)

        self.app.push_screen(ConfirmDialog(t("scorecards.finalize.ask")), answered)

    def action_export(self) -> None:
        from ..common.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog.of("ranking", t("scorecards.export.title"), t("scorecards.export.file")))

    def on_store_result(self, message: StoreResult) -> None:
        if message.request != "finalize":
            return
        if message.ok:
            self.notify(t("scorecards.finalize.done", count=len(message.result or ())))
        elif message.failure is not None and message.failure.refused:
            self.notify(message.failure.reason, severity="error")
