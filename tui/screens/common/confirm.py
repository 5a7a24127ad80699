"""A yes/no question; Enter or y confirms, Escape or n declines (keys from the registry)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ... import actions
from ...i18n import localize_bindings, t
from ...text import literal_lines


class ConfirmDialog(ModalScreen[bool]):
    PANEL = "confirm"
    CSS_PATH = "confirm.tcss"
    BINDINGS = actions.bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal_lines(self.question), id="confirm-message")
            yield Static(t("confirm.hint"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
