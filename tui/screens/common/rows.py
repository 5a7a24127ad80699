"""Keeping a small DataTable in step with the store: changed cells, new and gone rows by key."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from textual.widgets import DataTable


def add_columns(table: DataTable, columns: Sequence[tuple[str, str]]) -> None:
    """Columns as (key, title): cells are then updated by column key."""
    for key, title in columns:
        table.add_column(title, key=key)


def sync(table: DataTable, rows: dict[str, Sequence[Any]], codes: Iterable[str] | None = None) -> bool:
    """Make the rows of `codes` (every row when None) show `rows[code]`: only cells that differ
    are updated, a code missing from `rows` loses its row, a new code gets one at the end (in
    the order of `rows`).
    Returns True when rows were added or removed (the caller may sort)."""
    columns = [column.key for column in table.ordered_columns]
    shown = {key.value for key in table.rows}
    wanted = set(rows) | shown if codes is None else (set(codes) & (set(rows) | shown))
    cursor = highlighted_key(table)
    changed = False
    # new rows are added in the order of `rows`, so a first fill is already in order
    for code in [c for c in rows if c in wanted] + sorted(c for c in wanted if c not in rows):
        new = rows.get(code)
        if new is None:
            if code in shown:
                table.remove_row(code)
                changed = True
            continue
        if code not in shown:
            table.add_row(*new, key=code)
            changed = True
            continue
        for column, old_cell, new_cell in zip(columns, table.get_row(code), new):
            if old_cell != new_cell:
                table.update_cell(code, column, new_cell)
    if changed:
        move_to(table, cursor)
    return changed


def highlighted_key(table: DataTable) -> str | None:
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # noqa: BLE001 - no cell under the cursor
        return None


def move_to(table: DataTable, key: str | None) -> None:
    if key is not None and key in {k.value for k in table.rows}:
        table.move_cursor(row=table.get_row_index(key))


def order_rows(table: DataTable, order: Sequence[str], column: str, value: Callable[[Any], Any]) -> None:
    """Put the rows in `order` (row keys) by sorting on `column`, whose cells `value` maps to the
    row key, keeping the cursor on its row; nothing is done when they already are."""
    if [row.key.value for row in table.ordered_rows] == list(order):
        return
    position = {key: i for i, key in enumerate(order)}
    cursor = highlighted_key(table)
    table.sort(column, key=lambda cell: position.get(value(cell), len(position)))
    move_to(table, cursor)
