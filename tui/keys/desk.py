"""The check-in desk's actions."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    define("desk.check_in", "enter", "check_in", "key.check_in", show=False, palette=False, bound=False),
    define("desk.up", "up", "move(-1)", "key.up", show=False, palette=False),
    define("desk.down", "down", "move(1)", "key.down", show=False, palette=False),
    define("desk.pageup", "pageup", "move(-10)", "key.pageup", show=False, palette=False),
    define("desk.pagedown", "pagedown", "move(10)", "key.pagedown", show=False, palette=False),
    define("desk.undo", "ctrl+z", "undo", "key.undo", priority=True),
    define("desk.cancel_arrival", "f9", "cancel_arrival", "key.cancel_arrival", show=False),
    define("desk.order", "f6", "cycle_order", "key.order"),
    define("desk.unit", "f7", "pick_unit", "key.unit"),
    define("desk.absent", "ctrl+y", "toggle_absent", "key.absent"),
    define("desk.introduction", "f8", "introduction", "key.introduction"),
    define("desk.add", "ctrl+n", "add", "key.add"),
    define("desk.edit", "ctrl+t", "edit", "key.edit"),
    define("desk.remove", "ctrl+r", "remove", "key.remove", show=False),
    define("desk.import", "ctrl+g", "import", "key.import", show=False),
    define("desk.export", "ctrl+l", "export", "key.export", show=False),
    define("desk.clear", "escape", "clear", "key.clear", show=False),
)
