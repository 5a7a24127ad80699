"""A yes/no question. Enter or the language's "yes" letter confirms (C for Có in Vietnamese, Y in
English), Escape or the "no" letter declines (K for Không, N); keys from the action registry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ... import actions
from ...i18n import localize_bindings, t
from ...text import literal_lines
from ...textual_internals import node_bindings


class ConfirmDialog(ModalScreen[bool]):
    PANEL = "confirm"
    CSS_PATH = "confirm.tcss"
    BINDINGS = actions.bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self._bind_answer_keys()
        localize_bindings(self)
        self.question = question

    def _bind_answer_keys(self) -> None:
        """BINDINGS were made when the module was imported, before the language was known:
        bind the answers with the current language's letters (C/K or Y/N)."""
        keys = node_bindings(self)
        for key in list(keys):
            keys[key] = [b for b in keys[key] if not (b.id or "").startswith("confirm.")]
            if not keys[key]:
                del keys[key]
        for key, items in BindingsMap(actions.bindings("confirm", in_language=True)).key_to_bindings.items():
            keys.setdefault(key, []).extend(items)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal_lines(self.question), id="confirm-message")
            yield Static(t("confirm.hint"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
