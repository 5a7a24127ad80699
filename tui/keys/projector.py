"""The projector view (`hoinghi --view projector`): its pages, contrast and quit."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    define("projector.now", "f6", "page('now')", "key.projector.now"),
    define("projector.ranking", "f7", "page('ranking')", "key.projector.ranking"),
    define("projector.signing", "f8", "page('signing')", "key.projector.signing"),
    define("projector.next_page", "tab", "next_page", "key.projector.next_page", show=False, priority=True),
    define("projector.contrast", "f12", "toggle_contrast", "key.projector.contrast", show=False),
    define("projector.quit", "ctrl+q,escape", "quit", "key.projector.quit", priority=True),
)
