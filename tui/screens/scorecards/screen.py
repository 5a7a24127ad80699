"""Scorecards panel (read-only until the scoring issue): ranking and indicators per unit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.ranking import rank_units

from ... import actions
from ...i18n import t
from ...messages import StoreChanged
from ...text import literal
from ..common import rows
from ..common.panel import PanelScreen

COLUMNS = ("rank", "unit", "self", "cluster", "bonus", "deduction", "award",
           "models", "schemes", "resolutions", "regulations")


def points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class ScorecardsScreen(PanelScreen):
    PANEL = "scorecards"
    HELP_KEY = "help.scorecards"
    CSS_PATH = "scorecards.tcss"
    TABLES = frozenset({"units", "scores", "indicators", "scoring_config", "content_groups"})
    BINDINGS = actions.bindings("scorecards")

    def compose_body(self) -> ComposeResult:
        yield Static(t("panel.scorecards"), classes="panel-title")
        yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals", classes="panel-foot")

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        rows.add_columns(table, [(c, t(f"score.col.{c}")) for c in COLUMNS])
        order, found = self._ranking()
        for code in order:
            table.add_row(*found[code], key=code)

    def _ranking(self) -> tuple[list[str], dict[str, tuple]]:
        """The units in ranking order and each one's cells; the totals line is shown too."""
        service = self.service
        ranked = rank_units(service.conference.units(), service.scoring.scores(), service.scoring.indicators(),
                            service.scoring.config())
        totals = [0, 0, 0, 0]
        found: dict[str, tuple] = {}
        for row in ranked:
            s, i = row.score, row.indicators
            counts = (i.models, i.schemes, i.resolutions, i.regulations) if i else (0, 0, 0, 0)
            totals = [a + b for a, b in zip(totals, counts)]
            found[row.unit.code] = (
                str(row.rank or "—"), literal(row.unit.short_name), points(row.self_total),
                points(row.cluster_total), points(s.bonus_total if s else None),
                points(s.deduction_total if s else None),
                t(f"award.{row.award}") if row.award else "", *map(str, counts))
        self.query_one("#totals", Static).update(t(
            "score.totals", models=totals[0], schemes=totals[1], resolutions=totals[2],
            regulations=totals[3]))
        return [row.unit.code for row in ranked], found

    def store_changed(self, change: StoreChanged) -> None:
        """Scores move ranks: the ranking is worked out again (14 units), then only the cells
        that differ are updated and the rows put in the new order."""
        table = self.query_one("#ranking", DataTable)
        order, found = self._ranking()
        rows.sync(table, found)
        by_unit = {cells[1].plain: code for code, cells in found.items()}
        rows.order_rows(table, order, "unit", lambda cell: by_unit.get(getattr(cell, "plain", str(cell))))
