"""Scorecards panel (read-only until the scoring issue): ranking and indicators per unit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.ranking import rank_units

from ..i18n import t
from ..text import literal
from .panel import PanelScreen


def points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class ScorecardsScreen(PanelScreen):
    HELP_KEY = "help.scorecards"

    def compose_body(self) -> ComposeResult:
        yield Static(t("panel.scorecards"), classes="panel-title")
        yield DataTable(id="ranking", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals", classes="panel-foot")

    def on_mount(self) -> None:
        service = self.service
        table = self.query_one("#ranking", DataTable)
        table.add_columns(*(t(f"score.col.{c}") for c in (
            "rank", "unit", "self", "cluster", "bonus", "deduction", "award",
            "models", "schemes", "resolutions", "regulations")))
        ranked = rank_units(service.conference.units(), service.scoring.scores(), service.scoring.indicators(),
                            service.scoring.config())
        totals = [0, 0, 0, 0]
        for row in ranked:
            s, i = row.score, row.indicators
            counts = (i.models, i.schemes, i.resolutions, i.regulations) if i else (0, 0, 0, 0)
            totals = [a + b for a, b in zip(totals, counts)]
            table.add_row(
                str(row.rank or "—"), literal(row.unit.short_name), points(row.self_total),
                points(row.cluster_total), points(s.bonus_total if s else None),
                points(s.deduction_total if s else None),
                t(f"award.{row.award}") if row.award else "", *map(str, counts), key=row.unit.code)
        self.query_one("#totals", Static).update(t(
            "score.totals", models=totals[0], schemes=totals[1], resolutions=totals[2],
            regulations=totals[3]))
