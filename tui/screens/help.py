"""F1: what this panel is for, and every key that works here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..i18n import localize_bindings, t
from ..text import literal


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 80%; border: thick $primary;
                                  background: $surface; padding: 1 2; }
    HelpScreen .keys { margin-top: 1; }
    """
    BINDINGS = [Binding("escape,f1", "close", "key.close", id="help.close")]

    def __init__(self, panel: Screen) -> None:
        super().__init__()
        localize_bindings(self)
        self.panel = panel

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t(getattr(self.panel, "HELP_KEY", "help.app")), markup=False)
            yield Static(self._keys(), classes="keys")

    def _keys(self):
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        seen = set()
        for node in (self.panel, self.app):
            for group in node._bindings.key_to_bindings.values():
                for b in group:
                    if b.id and b.description and (b.id, b.key) not in seen:
                        seen.add((b.id, b.key))
                        table.add_row(literal(self.app.get_key_display(b), "bold"), literal(b.description))
        table.add_row(literal("^p", "bold"), literal(t("help.palette")))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
