"""Base of the four panels: header with clock, the panel body, status line, footer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from ..i18n import localize_bindings
from ..widgets.key_bar import KeyBar
from ..widgets.status_line import StatusLine


class PanelScreen(Screen):
    #: catalog key of the F1 help text for this panel
    HELP_KEY: ClassVar[str] = "help.app"

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        yield Header(show_clock=True, icon="≡")
        yield from self.compose_body()
        yield StatusLine(id="status")
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError
