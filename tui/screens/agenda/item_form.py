"""Add or edit an item of the programme: start (HH:MM), minutes, item, presenter, kind, fixed start.

Each field is checked as it is typed (store.agenda.item_field, the rules the store applies); a
wrong field says why on the line under it and takes the focus on saving. The start of an item that
follows the one before is computed; typing another time marks it fixed. Escape on a changed form
asks before discarding."""

from __future__ import annotations

from typing import Any, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from store.agenda import item_field
from store.agenda.domain import FIELD_NAMES
from store.agenda.timing import hhmm, minutes_of
from store.errors import ValidationError
from store.models.agenda import AgendaItem, AgendaKind

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal
from ..common.confirm import ConfirmDialog

TEXT_FIELDS = ("planned_start", "duration_min", "title", "presenter")


class ItemForm(ModalScreen[AgendaItem | None]):
    """Dismisses with the saved item (after the write returned), or None."""

    CSS_PATH = "item_form.tcss"
    PANEL = "form"
    BINDINGS = actions.bindings("form")

    def __init__(self, *, items: Sequence[AgendaItem], item: AgendaItem | None = None,
                 after: AgendaItem | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.item = item
        self.after = after
        if item is not None:
            self.values: dict[str, Any] = {
                "planned_start": item.planned_start, "duration_min": str(item.duration_min),
                "title": item.title, "presenter": item.presenter, "kind": item.kind.value,
                "fixed_start": item.fixed_start}
            index = [i.code for i in items].index(item.code)
            before = items[index - 1] if index > 0 else None
        else:
            before = after if after is not None else (items[-1] if items else None)
            start = hhmm(minutes_of(before.planned_start) + before.duration_min) if before else "08:00"
            self.values = {"planned_start": start, "duration_min": "10", "title": "", "presenter": "",
                           "kind": AgendaKind.OTHER.value, "fixed_start": False}
        #: the start that follows from the item before (None for the first item)
        self.follows = hhmm(minutes_of(before.planned_start) + before.duration_min) if before else None
        self._initial = dict(self.values)
        self._saving = False
        self.errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        title = t("agenda.form.edit", title=self.item.title) if self.item else t("agenda.form.add")
        with Vertical(id="form-box"):
            yield Static(literal(title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for name in TEXT_FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(t(f"field.{FIELD_NAMES[name]}"))
                        yield Input(str(self.values[name]), id=name, compact=True,
                                    placeholder=t(f"placeholder.{FIELD_NAMES[name]}"))
                    yield Static(id=f"{name}-error", classes="error")
                with Horizontal(classes="row"):
                    yield Label(t("field.agenda_kind"))
                    yield Select([(t(f"agenda.kind.{k.value}"), k.value) for k in AgendaKind],
                                 value=self.values["kind"], allow_blank=False, id="kind", compact=True)
                with Horizontal(classes="row"):
                    yield Label(t("field.agenda_fixed"))
                    yield Checkbox(t("agenda.form.fixed"), value=bool(self.values["fixed_start"]),
                                   id="fixed_start", compact=True)
                if self.follows is not None:
                    yield Static(t("agenda.form.follows"), id="form-follows")
            yield Static(id="form-message")
            yield Static(t("agenda.form.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#title" if self.item is None else "#planned_start", Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self.values[name] = event.value
        self._check(name)
        if name == "planned_start" and self.follows is not None and name not in self.errors:
            fixed = item_field(name, event.value) != self.follows
            if fixed and not self.values["fixed_start"]:
                self.query_one("#fixed_start", Checkbox).value = True

    @on(Select.Changed)
    def _kind(self, event: Select.Changed) -> None:
        self.values["kind"] = event.value

    @on(Checkbox.Changed)
    def _fixed(self, event: Checkbox.Changed) -> None:
        self.values["fixed_start"] = event.value

    def _check(self, name: str) -> bool:
        try:
            item_field(name, self.values.get(name))
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

    @on(Input.Submitted)
    def action_save(self) -> None:
        bad = [name for name in TEXT_FIELDS if not self._check(name)]
        if bad:
            first = bad[0]
            self._say(t("agenda.form.invalid", field=t(f"field.{FIELD_NAMES[first]}"), reason=self.errors[first]))
            self.query_one(f"#{first}", Input).focus()
            return
        values = dict(self.values)
        agenda = self.app.service.agenda
        self._saving = True
        if self.item is None:
            workers.run(self, "save", agenda.add, after=self.after.code if self.after else None, **values)
        else:
            workers.run(self, "save", agenda.update, self.item.code, **values)

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError):
            name = next((n for n, f in FIELD_NAMES.items() if f == error.field), None)
            if name in TEXT_FIELDS:
                self._show_error(name, reason(error))
                self.query_one(f"#{name}", Input).focus()
        self._say(failure.reason if failure.refused else t("agenda.not_saved", reason=failure.reason))

    def _say(self, text: str) -> None:
        self.query_one("#form-message", Static).update(literal(text))

    def changed(self) -> bool:
        return {k: str(v).strip() for k, v in self.values.items()} != {k: str(v).strip() for k, v in self._initial.items()}

    def action_next(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        if self._saving or not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("agenda.form.discard_confirm")), answered)
