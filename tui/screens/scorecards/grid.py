"""A scorecard's grid: one row per content group (maximum, own score, cluster score, the
difference highlighted), the totals and the four indicators, each score a cell typed in place;
the arrows move between the cells (a disabled cell is skipped; below the last row is the list of
adjustments)."""

from __future__ import annotations

from typing import Any, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widgets import Input, Static

from store.models.scoring import INDICATOR_NAMES
from wording.numbers import number

from ...i18n import t
from ...text import literal

SIDES = ("self", "cluster")
#: characters a score cell shows (its width less the padding): numbers are right-aligned in it
CELL = 8
COUNT = 5


class CellInput(Input):
    """A scorecard cell; `stored` is the value the store holds (None until shown for this unit)."""

    stored: str | None = None


def shown(value: float | None) -> str:
    return ("" if value is None else number(value)).rjust(CELL)


def head() -> ComposeResult:
    """The columns' titles (above the scrolling rows)."""
    with Horizontal(classes="card-head"):
        yield Static(t("scorecards.card.group"), classes="g-title")
        yield Static(Text(t("scorecards.card.max"), justify="right"), classes="g-max")
        yield Static(Text(t("scorecards.card.self"), justify="right"), classes="g-cell")
        yield Static(Text(t("scorecards.card.cluster"), justify="right"), classes="g-cell")
        yield Static(Text(t("scorecards.card.diff"), justify="right"), classes="g-diff")


def rows(groups: Sequence[Any]) -> ComposeResult:
    """A row per group, the totals, the indicators' reason line and their cells."""
    for g in groups:
        with Horizontal(classes="card-row", id=f"row-{g.code}"):
            yield Static(id=f"title-{g.code}", classes="g-title")
            yield Static(Text(number(g.max_points), justify="right"), classes="g-max")
            for side in SIDES:
                yield CellInput(id=f"in-{g.code}-{side}", classes="g-cell",
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
            yield CellInput(id=f"in-ind-{name}", classes="i-cell", restrict=r" *[0-9]*", select_on_focus=True)


def show(node: DOMNode, groups: Sequence[Any], card: Any, ind: Any, keep_focused: bool) -> None:
    """Show the stored values; a cell being typed in keeps what is typed (`keep_focused`)."""
    focused = node.screen.focused
    for g in groups:
        gs = card.group(g.code)
        for side in SIDES:
            box = node.query_one(f"#in-{g.code}-{side}", CellInput)
            value = shown(getattr(gs, f"{side}_points") if gs else None)
            if box.stored is None or not (keep_focused and box is focused and box.value != box.stored):
                box.value = value
            box.stored = value
            box.disabled = card.locked
        show_row(node, groups, card, g.code)
    for name in INDICATOR_NAMES:
        box = node.query_one(f"#in-ind-{name}", CellInput)
        value = str(getattr(ind, name)).rjust(COUNT)
        if box.stored is None or not (keep_focused and box is focused and box.value != box.stored):
            box.value = value
        box.stored = value
        box.disabled = card.locked
    _totals(node, groups, card)


def show_row(node: DOMNode, groups: Sequence[Any], card: Any, code: str, error: str | None = None) -> None:
    """A group's row: its title (or the reason its cell was refused, in red) and difference."""
    group = next(g for g in groups if g.code == code)
    title = node.query_one(f"#title-{code}", Static)
    row = node.query_one(f"#row-{code}")
    row.set_class(error is not None, "-error")
    if error is not None:
        title.update(literal("⚠ " + error, "bold red"))
    else:
        title.update(literal(f"{group.code}. {group.title}"))
    gs = card.group(code)
    own, cluster = (gs.self_points, gs.cluster_points) if gs else (None, None)
    _difference(node.query_one(f"#diff-{code}", Static), own, cluster)


def _totals(node: DOMNode, groups: Sequence[Any], card: Any) -> None:
    node.query_one("#total-max", Static).update(Text(number(sum(g.max_points for g in groups)), justify="right"))
    own, cluster = card.self_total, card.cluster_total
    node.query_one("#total-self", Static).update(Text(number(own), justify="right", style="bold"))
    node.query_one("#total-cluster", Static).update(Text(number(cluster), justify="right", style="bold"))
    _difference(node.query_one("#total-diff", Static), own, cluster)


def _difference(cell: Static, own: float | None, cluster: float | None) -> None:
    if own is None or cluster is None:
        cell.update("")
    else:
        delta = cluster - own
        cell.update(Text(("+" if delta > 0 else "") + number(delta), justify="right",
                         style="bold black on yellow" if delta else "dim"))


def _cells(groups: Sequence[Any]) -> list[list[str]]:
    """The cells' ids, row by row (the indicators last)."""
    grid = [[f"in-{g.code}-{side}" for side in SIDES] for g in groups]
    grid.append([f"in-ind-{n}" for n in INDICATOR_NAMES])
    return grid


def below(groups: Sequence[Any], ident: str | None, step: int) -> str | None:
    """The id of the cell `step` rows below (above, negative) the cell `ident`; "" past the last
    row; None when `ident` is no cell or there is nothing that way."""
    grid = _cells(groups)
    where = next(((r, c) for r, row in enumerate(grid) for c, cell in enumerate(row)
                  if ident is not None and cell == ident), None)
    if where is None:
        return None
    r, c = where
    target = r + step
    if not 0 <= target < len(grid):
        return "" if target >= len(grid) else None
    c = min(c, len(grid[target]) - 1) if len(grid[r]) <= len(grid[target]) else (0 if c < 2 else 1)
    return grid[target][c]
