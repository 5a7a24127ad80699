"""The signing dialog: who signs for a unit, as what, with which authority.

The candidates are the unit's delegates, those present first, then the highest rank
(`service.covenant.candidates`). The cursor stays in the name box: arrows move through the
candidates, typing narrows them (tones and case ignored), Enter signs with the highlighted one;
a name that matches nobody is signed as typed. The position comes with the person and can be
corrected (Tab); F6 switches the authority between T/M (for the body) and K/T (a deputy for the
head, with whom they stand in for). The time is stamped by the store when Enter is pressed. The reason lines, the saving, the
refusal shown at its field and Escape asking first are the common form's
(tui/screens/common/form.py); the candidate list is this dialog's own.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Label, Static

from store.errors import ValidationError
from store.models import Delegate, Signature, Unit
from store.models.covenant import AUTHORITY_DEPUTY, AUTHORITY_FOR_BODY
from wording.text import fold

from ... import actions
from ...i18n import t
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common.form import FormScreen, SaveCall, field_row


def candidate_row(d: Delegate) -> tuple:
    """✓ for one present, the name, the position (cut by the table when long)."""
    return ("✓" if d.present else "", literal(d.full_name), literal(d.position))


class SignDialog(FormScreen[Signature | None]):
    """Dismisses with the signature once it is durable, or None."""

    CSS_PATH = "covenant_dialogs.tcss"
    PANEL = "sign"
    BINDINGS = actions.bindings("sign")
    #: the name is checked (someone must sign); the position and authority only by the store
    CHECKED = ("signer",)

    def __init__(self, unit: Unit, candidates: tuple[Delegate, ...]) -> None:
        self.unit = unit
        self.candidates = candidates
        self.shown: list[Delegate] = list(candidates)
        self.authority = AUTHORITY_FOR_BODY
        #: a name was typed: only then does Escape ask (the fields filled from the list do not count)
        self._touched = False
        super().__init__({"signer": ""})

    def form_title(self) -> str:
        return t("cov.sign.title", unit=self.unit.short_name)

    def hint(self) -> str:
        return t("cov.sign.hint")

    def label(self, name: str) -> str:
        return t(f"cov.field.{name}")

    def compose_fields(self) -> ComposeResult:
        yield from field_row("signer", self.label("signer"), Input(
            id="signer", placeholder=t("cov.sign.placeholder"), compact=True))
        yield DataTable(id="candidates", cursor_type="row", show_header=False, zebra_stripes=True)
        yield from field_row("position", self.label("position"), Input(id="position", compact=True))
        yield from field_row("authority", self.label("authority"), Static(id="authority"), reason_line=False)
        yield from field_row("on_behalf_of", t("cov.field.behalf_tm"), Input(id="on_behalf_of", compact=True))

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
            self._set_authority(*self.app.service.covenant.suggested_authority(None, self.unit))
        super().on_mount()

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
        self._set_authority(*self.app.service.covenant.suggested_authority(d, self.unit))

    def _set_authority(self, authority: str, behalf: str) -> None:
        self.authority = authority
        self.query_one("#on_behalf_of", Input).value = behalf
        self._show_authority()

    def _show_authority(self) -> None:
        deputy = self.authority == AUTHORITY_DEPUTY
        self.query_one("#authority", Static).update(
            t("cov.sign.authority_kt" if deputy else "cov.sign.authority_tm"))
        behalf_row = self.query_one("#on_behalf_of", Input).parent
        if behalf_row is not None:
            behalf_row.query_one(Label).update(t("cov.field.behalf_kt" if deputy else "cov.field.behalf_tm"))

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
            self._set_authority(*self.app.service.covenant.suggested_authority(None, self.unit))

    def action_toggle_authority(self) -> None:
        self.authority = AUTHORITY_DEPUTY if self.authority == AUTHORITY_FOR_BODY else AUTHORITY_FOR_BODY
        behalf = self.query_one("#on_behalf_of", Input)
        if self.authority == AUTHORITY_FOR_BODY:
            behalf.value = self.unit.full_name
        elif behalf.value == self.unit.full_name:
            d = self.highlighted()
            behalf.value = (d.on_behalf_of if d and d.on_behalf_of else t("cov.sign.head_title"))
        self._show_authority()

    # ---- signing ----------------------------------------------------------------------------

    def _signer(self) -> tuple[str, str | None]:
        """Who signs: the highlighted candidate, or (nobody on the list matches) the name typed."""
        d = self.highlighted()
        if d is not None:
            return d.full_name, d.code
        return " ".join(self.query_one("#signer", Input).value.split()), None

    def check(self, name: str, value: Any) -> None:
        if name == "signer" and not self._signer()[0]:
            raise ValidationError("signer", "required")

    def save_call(self) -> SaveCall:
        signer, code = self._signer()
        return self.app.service.covenant.sign, (self.unit.code,), {
            "signer": signer, "position": self.query_one("#position", Input).value,
            "authority": self.authority, "on_behalf_of": self.query_one("#on_behalf_of", Input).value,
            "delegate_code": code}

    def changed(self) -> bool:
        return self._touched
