"""A small form for the scorecards (a content group, a rule, an award tier, a setting, a bonus
or deduction with its reason, a reopening's reason): each field's label above it. The reason
beside a refused field (which takes the focus), saving through the store once ("Đang lưu…") and
Escape asking first on a changed form are the common form's (tui/screens/common/form.py); this
form only lays out the fields it is given and hands what was typed to its save call (Enter saves
from any field and the arrows move between them, as in every form)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Checkbox, Input, Label, Select, Static

from store.errors import ValidationError

from ... import actions
from ...i18n import t
from ...text import literal
from ..common.form import FormScreen, SaveCall


@dataclass(frozen=True)
class Field:
    name: str            # the store's field name (a ValidationError's `field`)
    label: str
    value: Any = ""
    kind: str = "text"   # "text", "number", "choice", "check"
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def widget_id(self) -> str:
        """The field's widget (its reason line is `e-<name>`): prefixed, so that no name a
        setting has meets an id of the form's own."""
        return f"f-{self.name}"

    def shown(self) -> Any:
        """The value as its widget holds it."""
        if self.kind == "check":
            return bool(self.value)
        if self.kind == "choice":
            return self.value
        return "" if self.value is None else str(self.value)


class ScoreForm(FormScreen[Any]):
    """Dismisses with the store call's answer after the write returned, or None."""

    CSS_PATH = "form.tcss"
    PANEL = "scoreform"
    BINDINGS = actions.bindings("scoreform")

    def __init__(self, title: str, fields: list[Field], save: Callable[[dict[str, Any]], Any]) -> None:
        self.title_text = title
        self.fields = fields
        self.save_fn = save
        super().__init__({f.widget_id: f.shown() for f in fields})

    def form_title(self) -> str:
        return self.title_text

    def hint(self) -> str:
        return t("scorecards.form.hint")

    def label(self, name: str) -> str:
        return next(f.label for f in self.fields if f.widget_id == name)

    def first_field(self) -> str:
        return self.fields[0].widget_id

    def compose_fields(self) -> ComposeResult:
        for f in self.fields:
            yield Label(literal(f.label))
            if f.kind == "choice":
                yield Select(f.options, value=f.value if f.value not in ("", None) else Select.NULL,
                             allow_blank=False, id=f.widget_id)
            elif f.kind == "check":
                yield Checkbox(literal(f.label), bool(f.value), id=f.widget_id)
            else:
                restrict = r"[0-9,.\-]*" if f.kind == "number" else None
                yield Input(f.shown(), id=f.widget_id, restrict=restrict, select_on_focus=True)
            yield Static(id=f"e-{f.name}", classes="error")

    def _reason_line(self, name: str) -> Static | None:
        """The line under field `f-<name>` is `e-<name>` (the ids the panel's tests know)."""
        try:
            return self.query_one(f"#e-{name.removeprefix('f-')}", Static)
        except (NoMatches, ValueError):
            return None

    def field_of(self, error: ValidationError) -> str | None:
        return next((f.widget_id for f in self.fields if f.name == error.field), None)

    def save_call(self) -> SaveCall:
        return self.save_fn, ({f.name: self.values[f.widget_id] for f in self.fields},), {}
