"""The setup panel's forms: the conference, and a member unit.

Each field is checked as it is typed with the store's own rules (store.conference); a wrong field
says why on the line under it and takes the focus on saving; nothing is saved until valid. Enter
saves through the service (in a worker); Escape on a changed form asks before discarding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from store.conference import conference_field, unit_field
from store.errors import ValidationError
from store.models import Conference, Unit
from store.validation import date_shown

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal
from ..common.confirm import ConfirmDialog


@dataclass(frozen=True)
class Field:
    name: str
    #: "input", or "unit" (a choice among the member units)
    kind: str = "input"


CONFERENCE_FIELDS = (Field("title"), Field("cluster"), Field("year"), Field("date"), Field("venue"),
                     Field("host_unit", "unit"), Field("organizer"), Field("head_unit", "unit"))
UNIT_FIELDS = (Field("full_name"), Field("short_name"), Field("code"))


class SetupForm(ModalScreen[Any]):
    """Dismisses with what the store returned after the write, or None."""

    CSS_PATH = "setup.tcss"
    PANEL = "form"
    BINDINGS = actions.bindings("form")
    #: "conference" or "unit": the catalog's field names ("field.<prefix>.<name>")
    PREFIX = ""
    FIELDS: tuple[Field, ...] = ()

    def __init__(self, title: str, values: dict[str, Any], units: tuple[Unit, ...] = ()) -> None:
        super().__init__()
        localize_bindings(self)
        self.form_title = title
        self.units = units
        self.values = {f.name: values.get(f.name, "") for f in self.fields()}
        self._initial = dict(self.values)
        self.errors: dict[str, str] = {}
        self._saving = False

    def fields(self) -> tuple[Field, ...]:
        return self.FIELDS

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(literal(self.form_title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for f in self.fields():
                    with Horizontal(classes="row"):
                        yield Label(t(f"field.{self.PREFIX}.{f.name}"))
                        if f.kind == "unit":
                            yield Select([(literal(u.short_name), u.code) for u in self.units],
                                         value=self.values.get(f.name) or Select.NULL,
                                         prompt=t("setup.form.no_unit"), id=f.name, compact=True)
                        else:
                            yield Input(str(self.values.get(f.name) or ""), id=f.name, compact=True,
                                        placeholder=t(f"setup.placeholder.{self.PREFIX}.{f.name}"))
                    yield Static(id=f"{f.name}-error", classes="error")
            yield Static(id="form-message")
            yield Static(t("setup.form.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one(f"#{self.fields()[0].name}").focus()

    # ---- checking -----------------------------------------------------------------------------

    def check(self, name: str, value: Any) -> Any:
        raise NotImplementedError

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self.values[name] = event.value
        self._check_field(name)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        name = event.select.id or ""
        self.values[name] = "" if event.value == Select.NULL else event.value
        self._check_field(name)

    def _check_field(self, name: str) -> bool:
        try:
            self.check(name, self.values.get(name))
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

    def _focus(self, name: str) -> None:
        self.query_one(f"#{name}").focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#form-fields", VerticalScroll).scroll_to_center,
                                self.query_one(f"#{name}-error", Static), animate=False)

    # ---- saving -------------------------------------------------------------------------------

    def save_call(self) -> tuple[Callable[..., Any], tuple, dict[str, Any]]:
        raise NotImplementedError

    @on(Input.Submitted)
    def _save(self) -> None:
        if self._saving:
            return
        names = [f.name for f in self.fields()]
        bad = [name for name in names if not self._check_field(name)]
        if bad:
            first = bad[0]
            self._say(t("setup.form.invalid", field=t(f"field.{self.PREFIX}.{first}"), reason=self.errors[first]))
            self._focus(first)
            return
        fn, args, kwargs = self.save_call()
        self._saving = True
        self._say(t("setup.form.saving"))
        workers.run(self, "save", fn, *args, **kwargs)

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError):
            name = error.field.split(".", 1)[-1]
            if name in self.values:
                self._show_error(name, reason(error))
                self._focus(name)
        self._say(failure.reason if failure.refused else t("setup.form.not_saved", reason=failure.reason))

    def _say(self, text: str) -> None:
        self.query_one("#form-message", Static).update(literal(text))

    def changed(self) -> bool:
        norm = lambda v: "" if v is None else str(v).strip()  # noqa: E731
        return any(norm(self.values.get(k)) != norm(self._initial.get(k)) for k in self.values)

    def action_cancel(self) -> None:
        if self._saving or not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("setup.form.discard")), answered)


class ConferenceForm(SetupForm):
    PREFIX = "conference"
    FIELDS = CONFERENCE_FIELDS

    def __init__(self, conference: Conference | None, units: tuple[Unit, ...]) -> None:
        values: dict[str, Any] = {}
        if conference is not None:
            values = {f.name: getattr(conference, f.name, "") for f in CONFERENCE_FIELDS}
            values["date"] = date_shown(conference.date)
            values["year"] = str(conference.year)
        super().__init__(t("setup.form.conference"), values, units)
        self.unit_codes = {u.code for u in units}

    def check(self, name: str, value: Any) -> Any:
        return conference_field(name, value, self.unit_codes)

    def save_call(self):
        service = self.app.service
        values = {k: (v if v is not None else "") for k, v in self.values.items()}
        return service.conference.save, (), values


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

    def check(self, name: str, value: Any) -> Any:
        if name == "code" and not (value or "").strip():
            return ""  # made from the short name
        return unit_field(name, value)

    def save_call(self):
        service = self.app.service
        if self.unit is None:
            return service.conference.add_unit, (), dict(self.values)
        return service.conference.update_unit, (self.unit.code,), dict(self.values)
