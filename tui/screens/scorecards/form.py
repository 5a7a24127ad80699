"""A small form for the scorecards (a content group, a rule, an award tier, a setting, a bonus
or deduction with its reason, a reopening's reason). Enter saves through the store; a refused
value says why on the line under its field, which takes the focus; Escape on a changed form asks
before discarding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from store.errors import ValidationError

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal, literal_lines
from ..common.confirm import ConfirmDialog


@dataclass(frozen=True)
class Field:
    name: str            # the store's field name (a ValidationError's `field`)
    label: str
    value: Any = ""
    kind: str = "text"   # "text", "number", "choice", "check"
    options: tuple[tuple[str, Any], ...] = ()


class ScoreForm(ModalScreen[Any]):
    """Dismisses with the store call's answer after the write returned, or None."""

    CSS_PATH = "form.tcss"
    PANEL = "scoreform"
    BINDINGS = actions.bindings("scoreform")

    def __init__(self, title: str, fields: list[Field], save: Callable[[dict[str, Any]], Any],
                 *, note: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.title_text = title
        self.fields = fields
        self.save_fn = save
        self.note = note
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="scoreform"):
            yield Static(literal(self.title_text), classes="title")
            if self.note:
                yield Static(literal_lines(self.note), classes="hint")
            with VerticalScroll():
                for f in self.fields:
                    yield Label(literal(f.label))
                    if f.kind == "choice":
                        yield Select(f.options, value=f.value if f.value not in ("", None) else Select.NULL,
                                     allow_blank=False, id=f"f-{f.name}")
                    elif f.kind == "check":
                        yield Checkbox(literal(f.label), bool(f.value), id=f"f-{f.name}")
                    else:
                        restrict = r"[0-9,.\-]*" if f.kind == "number" else None
                        yield Input(str(f.value if f.value is not None else ""), id=f"f-{f.name}",
                                    restrict=restrict, select_on_focus=True)
                    yield Static("", id=f"e-{f.name}", classes="reason")
            yield Static(t("scorecards.form.hint"), classes="hint")
            yield Static("", id="form-message", classes="reason")

    def on_mount(self) -> None:
        self._initial = self.values()
        self.query_one(f"#f-{self.fields[0].name}").focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            out[f.name] = widget.value
        return out

    def action_move(self, step: int) -> None:
        if step < 0:
            self.focus_previous()
        else:
            self.focus_next()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def key_enter(self) -> None:
        """Enter on a Select or a Checkbox saves too (an Input answers with Submitted)."""
        if not isinstance(self.focused, Input):
            self.submit()

    def submit(self) -> None:
        if self._saving:
            return
        for f in self.fields:
            self.query_one(f"#e-{f.name}", Static).update("")
        self.query_one("#form-message", Static).update("")
        self._saving = True
        values = self.values()
        workers.run(self, "scoreform", self.save_fn, values)

    @on(StoreResult)
    def _answered(self, message: StoreResult) -> None:
        if message.request != "scoreform":
            return
        self._saving = False
        if message.ok:
            self.dismiss(message.result)
            return
        error = message.failure.error if message.failure else None
        if isinstance(error, ValidationError) and any(f.name == error.field for f in self.fields):
            self.query_one(f"#e-{error.field}", Static).update(literal(reason(error)))
            self.query_one(f"#f-{error.field}").focus()
        else:
            self.query_one("#form-message", Static).update(literal(message.failure.reason if message.failure else ""))

    def action_cancel(self) -> None:
        if self.values() == self._initial:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("scorecards.form.discard")), answered)
