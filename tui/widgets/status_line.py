"""One line under each panel: the store's file and "saved HH:MM:SS", or the write error in red."""

from __future__ import annotations

from textual.widgets import Static

from ..text import literal


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    StatusLine.-error { background: $error; color: $text; text-style: bold; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show)

    def _show(self, status: tuple[str, bool]) -> None:
        text, is_error = status
        self.update(literal(text))
        self.set_class(is_error, "-error")
