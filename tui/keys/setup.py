"""The setup panel's actions: the conference, its member units, the workbook."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    # everywhere: F10 opens the setup panel (the palette reaches it too, where a terminal takes F10)
    define("app.panel.setup", "f10", "switch_mode('setup')", "setup.key.panel"),
    define("setup.conference", "ctrl+e", "edit_conference", "setup.key.conference"),
    define("setup.papers", "f6", "edit_papers", "papers.key.form"),
    define("setup.add", "ctrl+n", "add_unit", "setup.key.add"),
    define("setup.edit", "ctrl+t", "edit_unit", "setup.key.edit"),
    define("setup.edit_enter", "enter", "edit_unit", "setup.key.edit", show=False, palette=False, bound=False),
    define("setup.remove", "ctrl+r", "remove_unit", "setup.key.remove", show=False),
    define("setup.up", "f7", "move_unit(-1)", "setup.key.up"),
    define("setup.down", "f8", "move_unit(1)", "setup.key.down"),
    define("setup.head", "f9", "make_head", "setup.key.head"),
    define("setup.import", "ctrl+g", "import_workbook", "setup.key.import"),
)
