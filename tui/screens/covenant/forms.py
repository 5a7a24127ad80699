"""The covenant's small forms: the text (year, title, movements), a content group, a support
handover, next year's cluster head. One form class, its fields given as data; the store checks
every value (the same rules as the command line) and a refused field says why under it, with
the focus on it. Enter in a one-line box or Ctrl+Y saves; Escape on a changed form asks first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from store.errors import ValidationError

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal
from ..common.confirm import ConfirmDialog


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: Any = ""
    #: "input", "area" (several lines: one item a line) or "select"
    kind: str = "input"
    options: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    #: the store's field name when it differs (ValidationError.field)
    store_name: str = ""


class CovenantForm(ModalScreen[Any]):
    """Dismisses with what `save(**values)` returned once durable, or None."""

    CSS_PATH = "covenant_dialogs.tcss"
    PANEL = "covform"
    BINDINGS = actions.bindings("covform")

    def __init__(self, title: str, fields: list[Field], save: Callable[..., Any],
                 convert: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.form_title = title
        self.fields = fields
        self.save_fn = save
        self.convert = convert or (lambda values: values)
        self._saving = False
        self._initial: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box", classes="form"):
            yield Static(literal(self.form_title), id="dialog-title")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    with Horizontal(classes="row area" if f.kind == "area" else "row"):
                        yield Label(f.label)
                        if f.kind == "area":
                            area = TextArea(str(f.value), id=f.name, soft_wrap=True, show_line_numbers=False)
                            yield area
                        elif f.kind == "select":
                            yield Select([(literal(label), value) for label, value in f.options],
                                         value=f.value if f.value else Select.NULL, id=f.name,
                                         prompt=f.placeholder or "—", compact=True)
                        else:
                            yield Input(str(f.value), id=f.name, placeholder=f.placeholder, compact=True)
                    yield Static(id=f"{f.name}-error", classes="error")
            yield Static(id="dialog-message")
            yield Static(t("cov.form.hint"), id="dialog-hint")

    def on_mount(self) -> None:
        self._initial = self.values()
        self.query_one(f"#{self.fields[0].name}").focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#{f.name}")
            if isinstance(widget, TextArea):
                out[f.name] = widget.text
            elif isinstance(widget, Select):
                out[f.name] = "" if widget.value == Select.NULL else widget.value
            else:
                out[f.name] = widget.value  # type: ignore[attr-defined]
        return out

    def changed(self) -> bool:
        return self.values() != self._initial

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self, event) -> None:
        widget = getattr(event, "input", None) or getattr(event, "text_area", None)
        if widget is not None and widget.id:
            self._error(widget.id, "")

    @on(Input.Submitted)
    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self._say("")
        workers.run(self, "save", self.save_fn, **self.convert(self.values()))

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError):
            name = next((f.name for f in self.fields if error.field in (f.name, f.store_name)), None)
            if name is not None:
                self._error(name, reason(error))
                self.query_one(f"#{name}").focus()
        self._say(failure.reason if failure.refused else t("form.not_saved", reason=failure.reason))

    def _error(self, name: str, text: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(literal(f"↳ {text}" if text else ""))
        error.set_class(bool(text), "-shown")

    def _say(self, text: str) -> None:
        self.query_one("#dialog-message", Static).update(literal(text))

    def action_cancel(self) -> None:
        if self._saving or not self.changed():
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("cov.form.discard")), answered)
