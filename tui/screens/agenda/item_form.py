"""Add or edit an item of the programme: start (HH:MM), minutes, item, presenter, kind, fixed start.

Each field is checked as it is typed (service.agenda.check_field, the rules the store applies); a
wrong field says why on the line under it and takes the focus on saving. The start of an item that
follows the one before is computed; typing another time marks it fixed. Escape on a changed form
asks before discarding (all of this but the fixed start is the common form,
tui/screens/common/form.py)."""

from __future__ import annotations

from typing import Any, Sequence

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from store.models.timing import hhmm, minutes_of
from store.errors import ValidationError
from store.models.agenda import FIELD_NAMES, AgendaItem, AgendaKind

from ...i18n import t
from ..common.form import FormScreen, SaveCall, field_row

TEXT_FIELDS = ("planned_start", "duration_min", "title", "presenter")


class ItemForm(FormScreen[AgendaItem | None]):
    """Dismisses with the saved item (after the write returned), or None."""

    CSS_PATH = "item_form.tcss"
    CHECKED = TEXT_FIELDS

    def __init__(self, *, items: Sequence[AgendaItem], item: AgendaItem | None = None,
                 after: AgendaItem | None = None) -> None:
        self.item = item
        self.after = after
        if item is not None:
            values: dict[str, Any] = {
                "planned_start": item.planned_start, "duration_min": str(item.duration_min),
                "title": item.title, "presenter": item.presenter, "kind": item.kind.value,
                "fixed_start": item.fixed_start}
            index = [i.code for i in items].index(item.code)
            before = items[index - 1] if index > 0 else None
        else:
            before = after if after is not None else (items[-1] if items else None)
            start = hhmm(minutes_of(before.planned_start) + before.duration_min) if before else "08:00"
            values = {"planned_start": start, "duration_min": "10", "title": "", "presenter": "",
                      "kind": AgendaKind.OTHER.value, "fixed_start": False}
        #: the start that follows from the item before (None for the first item)
        self.follows = hhmm(minutes_of(before.planned_start) + before.duration_min) if before else None
        super().__init__(values)

    def form_title(self) -> str:
        return t("agenda.form.edit", title=self.item.title) if self.item else t("agenda.form.add")

    def label(self, name: str) -> str:
        return t(f"field.{FIELD_NAMES[name]}")

    def first_field(self) -> str:
        return "title" if self.item is None else "planned_start"

    def compose_fields(self) -> ComposeResult:
        for name in TEXT_FIELDS:
            yield from field_row(name, self.label(name), Input(
                str(self.values[name]), id=name, compact=True, placeholder=t(f"placeholder.{FIELD_NAMES[name]}")))
        yield from field_row("kind", t("field.agenda_kind"), Select(
            [(t(f"agenda.kind.{k.value}"), k.value) for k in AgendaKind], value=self.values["kind"],
            allow_blank=False, id="kind", compact=True), reason_line=False)
        yield from field_row("fixed_start", t("field.agenda_fixed"), Checkbox(
            t("agenda.form.fixed"), value=bool(self.values["fixed_start"]), id="fixed_start", compact=True),
            reason_line=False)
        if self.follows is not None:
            yield Static(t("agenda.form.follows"), id="form-follows")

    def check(self, name: str, value: Any) -> None:
        self.app.service.agenda.check_field(name, value)

    def field_changed(self, name: str) -> None:
        """A start typed other than the one that follows from the item before marks it fixed."""
        super().field_changed(name)
        if name == "planned_start" and self.follows is not None and name not in self.errors:
            fixed = self.app.service.agenda.check_field(name, self.values[name]) != self.follows
            if fixed and not self.values["fixed_start"]:
                self.query_one("#fixed_start", Checkbox).value = True

    def field_of(self, error: ValidationError) -> str | None:
        name = next((n for n, f in FIELD_NAMES.items() if f == error.field), None)
        return name if name in TEXT_FIELDS else None

    def save_call(self) -> SaveCall:
        agenda = self.app.service.agenda
        if self.item is None:
            return agenda.add, (), {"after": self.after.code if self.after else None, **self.values}
        return agenda.update, (self.item.code,), dict(self.values)
