"""The message for the speaker, shown on the projector only ("Còn 2 phút", "Xin mời kết thúc"),
whether it blinks, and how many minutes before the end the remaining time turns to the warning
colour. Enter saves (an empty message clears it); Escape closes, asking first when changed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from store import validation
from store.agenda.domain import MAX_WARNING, MESSAGE_MAX
from store.errors import ValidationError
from store.models.agenda import AgendaRun

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal
from ..common.confirm import ConfirmDialog


class StageDialog(ModalScreen["AgendaRun | None"]):
    """Dismisses with the saved state (after the writes returned), or None."""

    CSS_PATH = "item_form.tcss"
    PANEL = "form"
    BINDINGS = actions.bindings("form")

    def __init__(self, state: AgendaRun) -> None:
        super().__init__()
        localize_bindings(self)
        self.state = state
        self.values = {"message": state.message, "warning": str(state.warning_min), "blink": state.blink}
        self._initial = dict(self.values)
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="stage"):
            yield Static(t("agenda.stage.title"), id="form-title")
            with Horizontal(classes="row"):
                yield Label(t("field.agenda_message"))
                yield Input(self.state.message, id="message", compact=True, max_length=MESSAGE_MAX,
                            placeholder=t("placeholder.agenda_message"))
            yield Static(id="message-error", classes="error")
            with Horizontal(classes="row"):
                yield Label(t("field.agenda_blink"))
                yield Checkbox(t("agenda.stage.blink"), value=self.state.blink, id="blink", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("field.agenda_warning"))
                yield Input(str(self.state.warning_min), id="warning", compact=True,
                            placeholder=t("placeholder.agenda_warning"))
            yield Static(id="warning-error", classes="error")
            yield Static(id="form-message")
            yield Static(t("agenda.stage.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#message", Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.values[event.input.id or ""] = event.value
        self._check(event.input.id or "")

    @on(Checkbox.Changed)
    def _blink(self, event: Checkbox.Changed) -> None:
        self.values["blink"] = event.value

    def _check(self, name: str) -> bool:
        try:
            if name == "message":
                validation.text("agenda_message", self.values["message"], max_len=MESSAGE_MAX)
            elif name == "warning":
                validation.integer("agenda_warning", self.values["warning"], low=0, high=MAX_WARNING)
        except ValidationError as exc:
            self._error(name, reason(exc))
            return False
        self._error(name, "")
        return True

    def _error(self, name: str, text: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(literal(f"↳ {text}" if text else ""))
        error.set_class(bool(text), "-shown")

    @on(Input.Submitted)
    def action_save(self) -> None:
        bad = [name for name in ("message", "warning") if not self._check(name)]
        if bad:
            self.query_one(f"#{bad[0]}", Input).focus()
            return
        agenda = self.app.service.agenda
        message, blink, warning = self.values["message"], bool(self.values["blink"]), self.values["warning"]

        def save() -> AgendaRun:
            agenda.set_warning(warning)
            return agenda.set_message(message, blink=blink)

        self._saving = True
        workers.run(self, "stage", save)

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        if isinstance(failure.error, ValidationError):
            name = {"agenda_message": "message", "agenda_warning": "warning"}.get(failure.error.field)
            if name:
                self._error(name, reason(failure.error))
        self.query_one("#form-message", Static).update(
            literal(failure.reason if failure.refused else t("agenda.not_saved", reason=failure.reason)))

    def action_next(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        if self._saving or self.values == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("agenda.form.discard_confirm")), answered)
