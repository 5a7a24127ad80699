"""What the covenant panel's three views (signing, text, handovers) have in common: each is a
widget of the panel's ContentSwitcher holding one table, and answers the panel's keys for the row
under its cursor; a key a view has no use for does nothing there."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import DataTable

from ..common import rows

#: keys that add, edit and remove the row of the view in front
EDIT_KEYS = frozenset({"add", "edit", "remove"})
#: keys of the signing order, only in the signing view
ORDER_KEYS = frozenset({"order_add", "order_remove"})


class CovenantView(Vertical):
    """One view of the covenant panel; `screen` is the panel (service, say, the answers)."""

    #: the id of the view's table
    TABLE = ""

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#{self.TABLE}", DataTable)

    def current(self) -> str | None:
        """The key of the row under the cursor, if any."""
        return rows.highlighted_key(self.table)

    def show(self, covenant: Any) -> None:
        """Show `covenant` (None when there is none yet)."""

    def fit(self, width: int) -> None:
        """Share the screen's `width` between the table's long texts."""

    def allows(self, action: str, covenant: Any) -> bool | None:
        """Whether `action` is offered while this view is in front; None when the view has no say."""
        return None

    def open(self, code: str) -> None:
        """Enter on a row."""

    def move(self, code: str, delta: int) -> None:
        """Ctrl+U / Ctrl+D on a row."""

    def add(self) -> None:
        """Ctrl+N."""

    def edit(self, code: str) -> None:
        """Ctrl+T on a row."""

    def remove(self, code: str) -> None:
        """Ctrl+R on a row."""
