"""Fit a DataTable's columns into the screen's width: the flexible columns (long texts) share
what the fixed ones leave, so the columns that must be seen (status, times, targets) are never
pushed off the right edge. A cell longer than its column is cut by the table with "…"."""

from __future__ import annotations

from typing import Mapping

from textual.widgets import DataTable

#: a flexible column is never narrower than this
MIN_FLEX = 8


def fit_columns(table: DataTable, flexible: Mapping[str, int], width: int | None = None) -> None:
    """Give the columns keyed in `flexible` (key -> share) the width left by the others (their
    content width), split by share; columns keep their content width when everything fits."""
    width = width or table.size.width or table.app.size.width
    padding = 2 * table.cell_padding
    columns = {column.key.value: column for column in table.ordered_columns}
    for key in flexible:
        if key in columns:
            columns[key].auto_width = True
    fixed = sum(c.content_width + padding for key, c in columns.items() if key not in flexible)
    room = width - fixed - 2 - padding * len([k for k in flexible if k in columns])  # 2: scrollbar
    wanted = {key: columns[key].content_width for key in flexible if key in columns}
    if sum(wanted.values()) <= room:
        table.refresh()
        return
    shares = sum(flexible[k] for k in wanted) or 1
    for key in wanted:
        column = columns[key]
        column.auto_width = False
        column.width = max(MIN_FLEX, min(wanted[key], room * flexible[key] // shares))
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh(layout=True)
