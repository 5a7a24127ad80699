"""The signing dialog: who signs for a unit, as what, with which authority.

The candidates are the unit's delegates, those present first, then the highest rank
(`service.covenant.candidates`). The cursor stays in the name box: arrows move through the
candidates, typing narrows them (tones and case ignored), Enter signs with the highlighted one;
a name that matches nobody is signed as typed. The position comes with the person and can be
corrected (Tab); F6 switches the authority between T/M (for the body) and K/T (a deputy for the
head, with whom they stand in for). The time is stamped by the store when Enter is pressed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from store.covenant import suggested_authority
from store.errors import ValidationError
from store.models import Delegate, Signature, Unit
from store.models.covenant import AUTHORITY_DEPUTY, AUTHORITY_FOR_BODY
from store.vntext import fold

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...reasons import reason
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common.confirm import ConfirmDialog

FIELDS = ("signer", "position", "on_behalf_of")


def candidate_row(d: Delegate) -> tuple:
    """✓ for one present, the name, the position (cut by the table when long)."""
    return ("✓" if d.present else "", literal(d.full_name), literal(d.position))


class SignDialog(ModalScreen[Signature | None]):
    """Dismisses with the signature once it is durable, or None."""

    CSS_PATH = "covenant_dialogs.tcss"
    PANEL = "sign"
    BINDINGS = actions.bindings("sign")

    def __init__(self, unit: Unit, candidates: tuple[Delegate, ...]) -> None:
        super().__init__()
        localize_bindings(self)
        self.unit = unit
        self.candidates = candidates
        self.shown: list[Delegate] = list(candidates)
        self.authority = AUTHORITY_FOR_BODY
        self._saving = False
        self._touched = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Static(literal(t("cov.sign.title", unit=self.unit.short_name)), id="dialog-title")
            with Horizontal(classes="row"):
                yield Label(t("cov.field.signer"))
                yield Input(id="signer", placeholder=t("cov.sign.placeholder"), compact=True)
            yield Static(id="signer-error", classes="error")
            yield DataTable(id="candidates", cursor_type="row", show_header=False, zebra_stripes=True)
            with Horizontal(classes="row"):
                yield Label(t("cov.field.position"))
                yield Input(id="position", compact=True)
            yield Static(id="position-error", classes="error")
            with Horizontal(classes="row"):
                yield Label(t("cov.field.authority"))
                yield Static(id="authority")
            with Horizontal(classes="row"):
                yield Label(id="behalf-label")
                yield Input(id="on_behalf_of", compact=True)
            yield Static(id="on_behalf_of-error", classes="error")
            yield Static(id="dialog-message")
            yield Static(t("cov.sign.hint"), id="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#candidates", DataTable)
        table.can_focus = False
        table.add_column("", key="present")
        table.add_column("", key="name")
        table.add_column("", key="position")
        self._fill()
        if self.candidates:
            self._take(self.candidates[0])
        else:
            self._set_authority(*suggested_authority(None, self.unit))
        self.query_one("#signer", Input).focus()

    # ---- the candidates -------------------------------------------------------------------

    def _fill(self) -> None:
        table = self.query_one("#candidates", DataTable)
        table.clear()
        for d in self.shown:
            table.add_row(*candidate_row(d), key=d.code)
        if self.shown:
            table.move_cursor(row=0)
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        table = self.query_one("#candidates", DataTable)
        fit_columns(table, {"position": 1}, table.size.width or None)

    def highlighted(self) -> Delegate | None:
        if not self.shown:
            return None
        index = self.query_one("#candidates", DataTable).cursor_row
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _take(self, d: Delegate) -> None:
        """The highlighted person's position and authority fill the fields (still editable)."""
        self.query_one("#position", Input).value = d.position
        self._set_authority(*suggested_authority(d, self.unit))

    def _set_authority(self, authority: str, behalf: str) -> None:
        self.authority = authority
        self.query_one("#on_behalf_of", Input).value = behalf
        self._show_authority()

    def _show_authority(self) -> None:
        deputy = self.authority == AUTHORITY_DEPUTY
        self.query_one("#authority", Static).update(
            t("cov.sign.authority_kt" if deputy else "cov.sign.authority_tm"))
        self.query_one("#behalf-label", Label).update(t("cov.field.behalf_kt" if deputy else "cov.field.behalf_tm"))

    def action_move(self, delta: int) -> None:
        if not self.shown:
            return
        table = self.query_one("#candidates", DataTable)
        table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + delta)))
        d = self.highlighted()
        if d is not None:
            self._take(d)

    @on(Input.Changed, "#signer")
    def _narrow(self, event: Input.Changed) -> None:
        self._touched = True
        query = fold(event.value)
        shown = [d for d in self.candidates if not query or all(w in fold(d.full_name) for w in query.split())]
        self.shown = shown
        self._fill()
        if shown:
            self._take(shown[0])
        else:  # a person not on the list: no position known, signing for the unit
            self.query_one("#position", Input).value = ""
            self._set_authority(*suggested_authority(None, self.unit))
        self._error("signer", "")

    @on(Input.Changed, "#position")
    @on(Input.Changed, "#on_behalf_of")
    def _edited(self, event: Input.Changed) -> None:
        self._error(event.input.id or "", "")

    def action_toggle_authority(self) -> None:
        self.authority = AUTHORITY_DEPUTY if self.authority == AUTHORITY_FOR_BODY else AUTHORITY_FOR_BODY
        behalf = self.query_one("#on_behalf_of", Input)
        if self.authority == AUTHORITY_FOR_BODY:
            behalf.value = self.unit.full_name
        elif behalf.value == self.unit.full_name:
            d = self.highlighted()
            behalf.value = (d.on_behalf_of if d and d.on_behalf_of else t("cov.sign.head_title"))
        self._show_authority()

    def action_next(self) -> None:
        self.focus_next()

    # ---- signing ----------------------------------------------------------------------------

    @on(Input.Submitted)
    def action_save(self) -> None:
        if self._saving:
            return
        typed = " ".join(self.query_one("#signer", Input).value.split())
        d = self.highlighted()
        if d is not None:
            signer, code = d.full_name, d.code
        else:
            signer, code = typed, None
        if not signer:
            self._error("signer", t("reason.required"))
            self.query_one("#signer", Input).focus()
            return
        self._saving = True
        self._say(t("cov.sign.saving"))
        workers.run(self, "sign", self.app.service.covenant.sign, self.unit.code, signer=signer,
                    position=self.query_one("#position", Input).value, authority=self.authority,
                    on_behalf_of=self.query_one("#on_behalf_of", Input).value, delegate_code=code)

    def on_store_result(self, message: StoreResult) -> None:
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError) and error.field in FIELDS:
            self._error(error.field, reason(error))
            self.query_one(f"#{error.field}", Input).focus()
        self._say(failure.reason if failure.refused else t("form.not_saved", reason=failure.reason))

    def _error(self, name: str, text: str) -> None:
        try:
            error = self.query_one(f"#{name}-error", Static)
        except Exception:  # noqa: BLE001 - a field without a reason line
            return
        error.update(literal(f"↳ {text}" if text else ""))
        error.set_class(bool(text), "-shown")

    def _say(self, text: str) -> None:
        self.query_one("#dialog-message", Static).update(literal(text))

    def action_cancel(self) -> None:
        if self._saving or not self._touched:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("cov.sign.discard", unit=self.unit.short_name)), answered)
