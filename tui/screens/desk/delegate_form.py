"""Add or edit a delegate. Each field is checked as it is typed (dates dd/mm/yyyy, against today
and each other); a field that is wrong says why on the line under it and takes the focus on
saving; nothing is saved until valid. Escape on a changed form asks before discarding."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from store import validation
from store.errors import ValidationError
from store.models import Bloc, Delegate, Unit
from store.vntext import split_full_name

from ... import actions, workers
from ...messages import StoreResult
from ...i18n import localize_bindings, t
from ...reasons import reason
from ...text import literal
from ..common.confirm import ConfirmDialog

TEXT_FIELDS = ("family", "middle", "given", "position", "organization", "on_behalf_of",
               "level", "rank", "appointed", "birth", "phone", "note")
DATE_FIELDS = ("appointed", "birth")
#: fields checked against another: when the first changes, the second is checked again
DEPENDENT = {"birth": ("appointed",)}


class DelegateForm(ModalScreen[Delegate | None]):
    """Dismisses with the saved delegate (after the write returned), or None."""

    CSS_PATH = "delegate_form.tcss"
    PANEL = "form"
    BINDINGS = actions.bindings("form")

    def __init__(self, units: tuple[Unit, ...], *, delegate: Delegate | None = None,
                 initial: dict[str, Any] | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.units = units
        self.unit_codes = {u.code for u in units}
        self.delegate = delegate
        self.values = self._initial_values(delegate, initial or {})
        self._initial = self._comparable(self.values)
        #: Enter was pressed and the form was valid: the write is under way
        self._saving = False
        #: field -> why it is wrong, as shown under it
        self.errors: dict[str, str] = {}

    @staticmethod
    def _initial_values(delegate: Delegate | None, initial: dict[str, Any]) -> dict[str, Any]:
        if delegate is not None:
            values = {name: getattr(delegate, name) for name in validation.DELEGATE_FIELDS}
            values["bloc"] = delegate.bloc.value
            for name in DATE_FIELDS:
                values[name] = validation.date_shown(values[name])
            return values
        values: dict[str, Any] = {"level": validation.DEFAULT_LEVEL, "rank": 50, "bloc": Bloc.PARTY.value,
                                  "guest": False}
        if initial.get("full_name"):
            values["family"], values["middle"], values["given"] = split_full_name(initial["full_name"])
        return values

    def compose(self) -> ComposeResult:
        title = t("form.edit", name=self.delegate.full_name) if self.delegate else t("form.add")
        with Vertical(id="form-box"):
            yield Static(literal(title), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from self._fields()
            yield Static(id="form-message")
            yield Static(t("form.hint"), id="form-hint")

    def _fields(self) -> ComposeResult:
        for name in TEXT_FIELDS[:5]:
            yield from self._text_row(name)
        with Horizontal(classes="row"):
            yield Label(t("field.unit_code"))
            yield Select([(literal(u.short_name), u.code) for u in self.units],
                         value=self.values.get("unit_code") or Select.NULL,
                         prompt=t("form.no_unit"), id="unit_code", compact=True)
        yield Static(id="unit_code-error", classes="error")
        with Horizontal(classes="row"):
            yield Label(t("field.bloc"))
            yield Select([(t(f"bloc.{b.value}"), b.value) for b in Bloc],
                         value=self.values.get("bloc", "party"), allow_blank=False, id="bloc",
                         compact=True)
        with Horizontal(classes="row"):
            yield Label(t("field.guest"))
            yield Checkbox(t("form.guest"), value=bool(self.values.get("guest")), id="guest",
                           compact=True)
        for name in TEXT_FIELDS[5:]:
            yield from self._text_row(name)

    def _text_row(self, name: str) -> ComposeResult:
        value = self.values.get(name)
        with Horizontal(classes="row"):
            yield Label(t(f"field.{name}"))
            yield Input("" if value is None else str(value), id=name,
                        placeholder=t(f"placeholder.{name}"), compact=True)
        yield Static(id=f"{name}-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#family", Input).focus()

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self.values[name] = event.value
        self._check_field(name)
        for other in DEPENDENT.get(name, ()):
            self._check_field(other)

    def _check_field(self, name: str) -> bool:
        try:
            validation.delegate_field(name, self.values.get(name), self.unit_codes, self.values)
        except ValidationError as exc:
            self.errors[name] = reason(exc)
            self._show_error(name, self.errors[name])
            return False
        self.errors.pop(name, None)
        self._show_error(name, "")
        return True

    def _show_error(self, name: str, text: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(literal(f"↳ {text}" if text else ""))
        error.set_class(bool(text), "-shown")

    def _focus_field(self, name: str) -> None:
        """Focus the field and scroll so that it and its reason are both in view."""
        field = self.query_one(f"#{name}")
        field.focus(scroll_visible=False)
        fields = self.query_one("#form-fields", VerticalScroll)
        error = self.query_one(f"#{name}-error", Static)
        self.call_after_refresh(fields.scroll_to_center, error, animate=False)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        value = event.value
        self.values[event.select.id or ""] = None if value == Select.NULL else value

    @on(Checkbox.Changed)
    def _guest_changed(self, event: Checkbox.Changed) -> None:
        self.values["guest"] = event.value

    @on(Input.Submitted)
    def _save(self) -> None:
        bad = [name for name in TEXT_FIELDS if not self._check_field(name)]
        if bad:
            first = min(bad, key=self._position)
            self._say(t("form.field_invalid", field=t(f"field.{first}"), reason=self.errors[first]))
            self._focus_field(first)
            return
        service = self.app.service
        values = dict(self.values)
        self._saving = True
        if self.delegate is None:
            workers.run(self, "save", service.delegates.add, **values)
        else:
            workers.run(self, "save", service.delegates.update, self.delegate.code, **values)

    def on_store_result(self, message: StoreResult) -> None:
        """The write returned: close with the saved delegate. (Closed already by Escape? Then
        this is dropped; the desk shows the change from its StoreChanged all the same.)"""
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError) and (error.field in TEXT_FIELDS or error.field == "unit_code"):
            self._show_error(error.field, reason(error))
            self._focus_field(error.field)
        self._say(failure.reason if failure.refused else t("form.not_saved", reason=failure.reason))

    def _say(self, text: str) -> None:
        self.query_one("#form-message", Static).update(literal(text))

    @staticmethod
    def _position(name: str) -> int:
        """Where a field stands in the form, top first."""
        order = [*TEXT_FIELDS[:5], "unit_code", *TEXT_FIELDS[5:]]
        return order.index(name)

    @staticmethod
    def _comparable(values: dict[str, Any]) -> dict[str, str]:
        return {name: "" if value is None else str(value).strip() for name, value in values.items()}

    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        now = self._comparable(self.values)
        return any(now.get(name, "") != self._initial.get(name, "") for name in now.keys() | self._initial.keys())

    def action_cancel(self) -> None:
        """Close; a changed form asks first, unless its save is under way (Escape right after
        Enter: the write goes on and the desk shows it)."""
        if self._saving or not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("form.discard_confirm")), answered)


