"""Add or edit a delegate. Each field is checked as it is typed (dates dd/mm/yyyy, against today
and each other); a field that is wrong says why on the line under it and takes the focus on
saving; nothing is saved until valid. Escape on a changed form asks before discarding (all of
this is the common form, tui/screens/common/form.py)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from store.models import Bloc, Delegate, Unit
from store.models.delegates import DEFAULT_LEVEL, DELEGATE_FIELDS
from wording.numbers import day
from wording.text import split_full_name

from ...i18n import t
from ...text import literal
from ..common.form import FormScreen, SaveCall, field_row

#: the fields typed in, in the order shown (the unit, bloc and guest rows stand after the fifth)
TEXT_FIELDS = ("family", "middle", "given", "position", "organization", "on_behalf_of",
               "level", "rank", "appointed", "birth", "phone", "note")
DATE_FIELDS = ("appointed", "birth")


class DelegateForm(FormScreen[Delegate | None]):
    """Dismisses with the saved delegate (after the write returned), or None."""

    CSS_PATH = "delegate_form.tcss"
    CHECKED = TEXT_FIELDS
    #: a date of appointment is checked again when the birth date changes
    DEPENDENT = {"birth": ("appointed",)}
    NO_CHOICE = None

    def __init__(self, units: tuple[Unit, ...], *, delegate: Delegate | None = None,
                 initial: dict[str, Any] | None = None, check_in_code: str = "") -> None:
        self.units = units
        #: the code printed on the invitation and the badge (shown, never edited)
        self.check_in_code = check_in_code
        self.unit_codes = {u.code for u in units}
        self.delegate = delegate
        super().__init__(self._initial_values(delegate, initial or {}))

    @staticmethod
    def _initial_values(delegate: Delegate | None, initial: dict[str, Any]) -> dict[str, Any]:
        if delegate is not None:
            values = {name: getattr(delegate, name) for name in DELEGATE_FIELDS}
            values["bloc"] = delegate.bloc.value
            for name in DATE_FIELDS:
                values[name] = day(values[name])
            return values
        values: dict[str, Any] = {"level": DEFAULT_LEVEL, "rank": 50, "bloc": Bloc.PARTY.value,
                                  "guest": False}
        if initial.get("full_name"):
            values["family"], values["middle"], values["given"] = split_full_name(initial["full_name"])
        return values

    def form_title(self) -> str:
        return t("form.edit", name=self.delegate.full_name) if self.delegate else t("form.add")

    def compose_fields(self) -> ComposeResult:
        if self.delegate is not None:
            yield from field_row("codes", t("door.field.codes"), Static(literal(t(
                "door.codes", code=self.delegate.code, check_in_code=self.check_in_code)), id="codes"),
                reason_line=False)
        for name in TEXT_FIELDS[:5]:
            yield from self._text_row(name)
        yield from field_row("unit_code", t("field.unit_code"), Select(
            [(literal(u.short_name), u.code) for u in self.units],
            value=self.values.get("unit_code") or Select.NULL, prompt=t("form.no_unit"), id="unit_code",
            compact=True))
        yield from field_row("bloc", t("field.bloc"), Select(
            [(t(f"bloc.{b.value}"), b.value) for b in Bloc], value=self.values.get("bloc", "party"),
            allow_blank=False, id="bloc", compact=True), reason_line=False)
        yield from field_row("guest", t("field.guest"), Checkbox(
            t("form.guest"), value=bool(self.values.get("guest")), id="guest", compact=True), reason_line=False)
        for name in TEXT_FIELDS[5:]:
            yield from self._text_row(name)

    def _text_row(self, name: str) -> ComposeResult:
        value = self.values.get(name)
        yield from field_row(name, t(f"field.{name}"), Input(
            "" if value is None else str(value), id=name, placeholder=t(f"placeholder.{name}"), compact=True))

    def check(self, name: str, value: Any) -> None:
        self.app.service.delegates.check_field(name, value, self.unit_codes, self.values)

    def save_call(self) -> SaveCall:
        delegates = self.app.service.delegates
        if self.delegate is None:
            return delegates.add, (), dict(self.values)
        return delegates.update, (self.delegate.code,), dict(self.values)
