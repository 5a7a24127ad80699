"""Leaving a scorecard: PageUp / PageDown to the unit before or after in the ranking's order,
Escape back to the panel; either asks first when cells hold typed values not yet saved."""

from __future__ import annotations

from typing import Any, Callable


from ...i18n import t
from ..common.confirm import ConfirmDialog
from .grid import CellInput


def unsaved(screen: Any) -> list[CellInput]:
    """The cells whose typed value differs from the stored one."""
    return [box for box in screen.query(CellInput)
            if box.stored is not None and box.value.strip() != box.stored.strip()]


def after_asking(screen: Any, then: Callable[[], object]) -> None:
    """`then()`, at once or once the person agrees to drop the unsaved cells."""
    if not unsaved(screen):
        then()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            then()

    screen.app.push_screen(ConfirmDialog(t("scorecards.card.discard", count=len(unsaved(screen)))), answered)


def other_unit(screen: Any, step: int) -> None:
    """To the unit `step` places on in `screen.order` (round), forgetting the cells' state."""
    def go() -> None:
        order = screen.order
        index = order.index(screen.unit_code) if screen.unit_code in order else 0
        screen.unit_code = order[(index + step) % len(order)]
        screen.show_unit()

    after_asking(screen, go)
