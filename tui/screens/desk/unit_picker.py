"""Choose the unit whose delegates the desk shows (or all units)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.models import Unit
from store.models.roster import GUESTS

from ... import actions
from ...i18n import localize_bindings, t
from ...text import literal


class UnitPicker(ModalScreen[str | None]):
    """Dismisses with a unit code, roster.GUESTS for the guests and other organizations (no
    member unit), "" for all units, or None when cancelled."""

    CSS_PATH = "unit_picker.tcss"
    PANEL = "picker"
    BINDINGS = actions.bindings("picker")

    def __init__(self, units: tuple[Unit, ...], current: str | None) -> None:
        super().__init__()
        localize_bindings(self)
        self.units = units
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(t("desk.all_units"), id=""), Option(t("picker.guests"), id=GUESTS)]
        options += [Option(literal(u.short_name), id=u.code) for u in self.units]
        with Vertical():
            yield Static(t("picker.title"))
            yield OptionList(*options)

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = option_list.get_option_index(self.current or "")
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")

    def action_cancel(self) -> None:
        self.dismiss(None)
