"""The covenant's small forms: the text (year, title, movements), a content group, a support
handover, next year's cluster head. One form class, its fields given as data by the panel; the
store checks every value (the same rules as the command line) and a refused field says why under
it, with the focus on it. Enter in a one-line box or Ctrl+Y saves; Escape on a changed form asks
first (all of this is the common form, tui/screens/common/form.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.errors import ValidationError

from ... import actions
from ...i18n import t
from ...text import literal
from ..common.form import FormScreen, SaveCall, field_row


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

    def shown(self) -> Any:
        """The value the form opens with: a choice no longer offered is no choice."""
        if self.kind == "select":
            return self.value if self.value in {value for _, value in self.options} else ""
        return str(self.value)


class CovenantForm(FormScreen[Any]):
    """Dismisses with what `save(**values)` returned once durable, or None."""

    CSS_PATH = "covenant_dialogs.tcss"
    PANEL = "covform"
    BINDINGS = actions.bindings("covform")

    def __init__(self, title: str, fields: list[Field], save: Callable[..., Any],
                 convert: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
        self.title_text = title
        self.fields = fields
        self.save_fn = save
        self.convert = convert or (lambda values: values)
        super().__init__({f.name: f.shown() for f in fields})

    def form_title(self) -> str:
        return self.title_text

    def label(self, name: str) -> str:
        return next(f.label for f in self.fields if f.name == name)

    def first_field(self) -> str:
        return self.fields[0].name

    def hint(self) -> str:
        return t("cov.form.hint")

    def compose_fields(self) -> ComposeResult:
        for f in self.fields:
            if f.kind == "area":
                widget = TextArea(f.shown(), id=f.name, soft_wrap=True, show_line_numbers=False)
            elif f.kind == "select":
                widget = Select([(literal(label), value) for label, value in f.options],
                                value=f.shown() or Select.NULL, id=f.name, prompt=f.placeholder or "—",
                                compact=True)
            else:
                widget = Input(f.shown(), id=f.name, placeholder=f.placeholder, compact=True)
            yield from field_row(f.name, f.label, widget, area=f.kind == "area")

    def field_of(self, error: ValidationError) -> str | None:
        return next((f.name for f in self.fields if error.field in (f.name, f.store_name)), None)

    def save_call(self) -> SaveCall:
        return self.save_fn, (), self.convert(dict(self.values))
