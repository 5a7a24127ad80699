"""Fit a DataTable's columns into the screen's width: the flexible columns (long texts) share
what the fixed ones leave, so the columns that must be seen (status, times, targets) are never
pushed off the right edge. A cell longer than its column is cut by the table with "…".

A column given in `widest` is sized once for the widest text it will ever show (a time still to
come, a status not reached yet, a mark not set yet), so that it does not grow, and push the
others, when that text arrives."""

from __future__ import annotations

from typing import Any, Mapping

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from ..textual_internals import refit_columns

#: a flexible column is never narrower than this
MIN_FLEX = 8


def fit_columns(table: DataTable, flexible: Mapping[str, int], width: int | None = None,
                widest: Mapping[str, int] | None = None) -> None:
    """Give the columns keyed in `flexible` (key -> share) the width left by the others (their
    content width, or their `widest` width), split by share; columns keep their content width
    when everything fits."""
    width = width or table.size.width or table.app.size.width
    padding = 2 * table.cell_padding
    columns = {column.key.value: column for column in table.ordered_columns}
    for column in columns.values():  # the table measures rows added since its last idle only later
        column.content_width = max(map(shown_width, (column.label, *table.get_column(column.key))))
    for key, cells in (widest or {}).items():
        if key in columns and key not in flexible:
            column = columns[key]
            column.auto_width = False
            column.width = max(cells, column.content_width)
    for key in flexible:
        if key in columns:
            columns[key].auto_width = True
    fixed = sum(c.get_render_width(table) for key, c in columns.items() if key not in flexible)
    room = width - fixed - 2 - padding * len([k for k in flexible if k in columns])  # 2: scrollbar
    wanted = {key: columns[key].content_width for key in flexible if key in columns}
    if sum(wanted.values()) > room:
        shares = sum(flexible[k] for k in wanted) or 1
        for key in wanted:
            column = columns[key]
            column.auto_width = False
            column.width = max(MIN_FLEX, min(wanted[key], room * flexible[key] // shares))
    refit_columns(table)
    table.refresh(layout=True)


def shown_width(cell: Any) -> int:
    """The cells a one-line cell takes."""
    if cell is None:
        return 0
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))
