"""F1: what this panel is for, and every key that works here (from the action registry, with
the user's keymap applied)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ... import actions
from ...i18n import localize_bindings, t
from ...text import literal


class HelpScreen(ModalScreen[None]):
    PANEL = "help"
    CSS_PATH = "help.tcss"
    BINDINGS = actions.bindings("help")

    def __init__(self, panel: Screen) -> None:
        super().__init__()
        localize_bindings(self)
        self.panel = panel

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t(getattr(self.panel, "HELP_KEY", "help.app")), markup=False, id="help-text")
            yield Static(self._keys(), classes="keys", id="help-keys")

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        panel = getattr(self.panel, "PANEL", "app")
        shown = actions.of_panel(panel) if panel != "app" else []
        for key, text in actions.describe_keys([*shown, *actions.of_panel("app")]):
            table.add_row(literal(key, "bold"), literal(text))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
