"""The setup panel's forms: the conference, and a member unit.

Each field is checked as it is typed with the store's own rules (store.conference); a wrong field
says why on the line under it and takes the focus on saving; nothing is saved until valid. Enter
saves through the service (in a worker); Escape on a changed form asks before discarding (all of
this is the common form, tui/screens/common/form.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from store.errors import ValidationError
from store.models import Conference, Unit
from wording.numbers import day

from ...i18n import t
from ...text import literal
from ..common.form import FormScreen, SaveCall, field_row


@dataclass(frozen=True)
class Field:
    name: str
    #: "input", "unit" (a choice among the member units) or "area" (several lines)
    kind: str = "input"


CONFERENCE_FIELDS = (Field("title"), Field("cluster"), Field("year"), Field("date"), Field("venue"),
                     Field("host_unit", "unit"), Field("organizer"), Field("head_unit", "unit"))
UNIT_FIELDS = (Field("full_name"), Field("short_name"), Field("code"))


class SetupForm(FormScreen[Any]):
    """Dismisses with what the store returned after the write, or None."""

    CSS_PATH = "setup.tcss"
    #: "conference" or "unit": the catalog's field names ("field.<prefix>.<name>")
    PREFIX = ""
    FIELDS: tuple[Field, ...] = ()

    def __init__(self, title: str, values: dict[str, Any], units: tuple[Unit, ...] = ()) -> None:
        self.title_text = title
        self.units = units
        super().__init__({f.name: values.get(f.name, "") for f in self.fields()})

    def fields(self) -> tuple[Field, ...]:
        return self.FIELDS

    def checked_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields())

    def form_title(self) -> str:
        return self.title_text

    def label(self, name: str) -> str:
        return t(f"field.{self.PREFIX}.{name}")

    def compose_fields(self) -> ComposeResult:
        for f in self.fields():
            if f.kind == "unit":
                widget = Select([(literal(u.short_name), u.code) for u in self.units],
                                value=self.values.get(f.name) or Select.NULL,
                                prompt=t("setup.form.no_unit"), id=f.name, compact=True)
            else:
                widget = Input(str(self.values.get(f.name) or ""), id=f.name, compact=True,
                               placeholder=t(f"setup.placeholder.{self.PREFIX}.{f.name}"))
            yield from field_row(f.name, self.label(f.name), widget)

    def field_of(self, error: ValidationError) -> str | None:
        name = error.field.split(".", 1)[-1]  # "conference.title" names the field "title"
        return name if name in self.values else None


class ConferenceForm(SetupForm):
    PREFIX = "conference"
    FIELDS = CONFERENCE_FIELDS

    def __init__(self, conference: Conference | None, units: tuple[Unit, ...]) -> None:
        values: dict[str, Any] = {}
        if conference is not None:
            values = {f.name: getattr(conference, f.name) for f in CONFERENCE_FIELDS}
            values["date"] = day(conference.date)
            values["year"] = str(conference.year)
        self.unit_codes = {u.code for u in units}
        super().__init__(t("setup.form.conference"), values, units)

    def check(self, name: str, value: Any) -> None:
        self.app.service.conference.check_field(name, value, self.unit_codes)

    def save_call(self) -> SaveCall:
        values = {k: (v if v is not None else "") for k, v in self.values.items()}
        return self.app.service.conference.save, (), values


class UnitForm(SetupForm):
    PREFIX = "unit"
    FIELDS = UNIT_FIELDS

    def __init__(self, unit: Unit | None = None) -> None:
        values = {"full_name": unit.full_name, "short_name": unit.short_name, "code": unit.code} if unit else {}
        title = t("setup.form.unit_edit", name=unit.short_name) if unit else t("setup.form.unit_add")
        self.unit = unit
        super().__init__(title, values)

    def fields(self) -> tuple[Field, ...]:
        return UNIT_FIELDS[:2] if self.unit else UNIT_FIELDS  # a unit's code never changes

    def check(self, name: str, value: Any) -> None:
        if name == "code" and not (value or "").strip():
            return  # made from the short name
        self.app.service.conference.check_unit_field(name, value)

    def save_call(self) -> SaveCall:
        conference = self.app.service.conference
        if self.unit is None:
            return conference.add_unit, (), dict(self.values)
        return conference.update_unit, (self.unit.code,), dict(self.values)
