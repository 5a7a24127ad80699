"""Actions bound everywhere: help, the panels, the palette, contrast, quit."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    define("app.help", "f1", "help", "key.help"),
    define("app.panel.agenda", "f2", "switch_mode('agenda')", "key.agenda"),
    define("app.panel.delegates", "f3", "switch_mode('delegates')", "key.delegates"),
    define("app.panel.scorecards", "f4", "switch_mode('scorecards')", "key.scorecards"),
    define("app.panel.covenant", "f5", "switch_mode('covenant')", "key.covenant"),
    define("app.palette", "ctrl+p", "command_palette", "key.palette", show=False, priority=True, palette=False),
    define("app.papers", "f11", "papers", "papers.key.day", show=False),
    define("app.contrast", "f12", "toggle_contrast", "key.contrast", show=False),
    define("app.quit", "ctrl+q", "quit", "key.quit", show=False, priority=True),
)
