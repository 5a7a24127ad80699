"""The message for the speaker, shown on the projector only ("Còn 2 phút", "Xin mời kết thúc"),
whether it blinks, and how many minutes before the end the remaining time turns to the warning
colour. Enter saves (an empty message clears it); Escape closes, asking first when changed (all of
this but the two writes is the common form, tui/screens/common/form.py)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from store.errors import ValidationError
from store.models.agenda import MESSAGE_MAX, AgendaRun

from ...i18n import t
from ..common.form import FormScreen, SaveCall, field_row

#: the form's fields -> the store's names for them (a ValidationError's `field`)
STORE_NAMES = {"message": "agenda_message", "warning": "agenda_warning"}


class StageDialog(FormScreen["AgendaRun | None"]):
    """Dismisses with the saved state (after the writes returned), or None."""

    CSS_PATH = "stage.tcss"
    CHECKED = ("message", "warning")

    def __init__(self, state: AgendaRun) -> None:
        self.state = state
        super().__init__({"message": state.message, "warning": str(state.warning_min), "blink": state.blink})

    def form_title(self) -> str:
        return t("agenda.stage.title")

    def hint(self) -> str:
        return t("agenda.stage.hint")

    def label(self, name: str) -> str:
        return t(f"field.{STORE_NAMES[name]}")

    def compose_fields(self) -> ComposeResult:
        yield from field_row("message", self.label("message"), Input(
            self.state.message, id="message", compact=True, max_length=MESSAGE_MAX,
            placeholder=t("placeholder.agenda_message")))
        yield from field_row("blink", t("field.agenda_blink"), Checkbox(
            t("agenda.stage.blink"), value=self.state.blink, id="blink", compact=True), reason_line=False)
        yield from field_row("warning", self.label("warning"), Input(
            str(self.state.warning_min), id="warning", compact=True,
            placeholder=t("placeholder.agenda_warning")))

    def check(self, name: str, value: Any) -> None:
        if name == "message":
            self.app.service.agenda.check_message(value)
        elif name == "warning":
            self.app.service.agenda.check_warning(value)

    def field_of(self, error: ValidationError) -> str | None:
        return next((name for name, field in STORE_NAMES.items() if field == error.field), None)

    def save_call(self) -> SaveCall:
        agenda = self.app.service.agenda
        message, blink, warning = self.values["message"], bool(self.values["blink"]), self.values["warning"]

        def save() -> AgendaRun:
            agenda.set_warning(warning)
            return agenda.set_message(message, blink=blink)

        return save, (), {}
